//! The report (key `4`): how the week, month or quarter is going, from the same read model as
//! `fieldbook report`, on four pages — funnel, results and forecast, activity, customers —
//! switched with ←/→; `p` cycles week, month and quarter, `[` and `]` step back and forth.
//! The figures are computed off the UI thread (a spinner beside the tabs meanwhile; the
//! figures shown before stay until the new ones arrive).

use std::rc::Rc;

use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, LineGauge, Paragraph, Sparkline, Wrap};

use super::{Effect, HandleCtx, View};
use crate::domain::money::{Currency, Money, Totals};
use crate::domain::report::{Period, PeriodKind};
use crate::ops::report::{self, Report, ReportSettings};
use crate::playbook::Playbook;
use crate::playbook::assessment_view;
use crate::playbook::report_view::{self as text_view, percent};
use crate::store::Store;
use crate::text;
use crate::tui::action::Action;
use crate::tui::background::{Background, Reader, spinner};

/// The pages, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Funnel,
    Results,
    Activity,
    Customers,
    Skills,
}

impl Page {
    const ALL: [Page; 5] = [Self::Funnel, Self::Results, Self::Activity, Self::Customers, Self::Skills];

    fn title_key(self) -> &'static str {
        match self {
            Self::Funnel => "report.section.funnel",
            Self::Results => "tui.report.results_and_forecast",
            Self::Activity => "report.section.activity",
            Self::Customers => "report.section.customers",
            Self::Skills => "tui.report.skills",
        }
    }
}

/// State of the report screen.
pub struct ReportScreen {
    settings: ReportSettings,
    /// The skills' names and where the playbook teaches them.
    playbook: Rc<Playbook>,
    period: Period,
    page: Page,
    report: Option<Report>,
    /// Computes the report off the UI thread (started on the first refresh).
    worker: Background<ReportQuestion, Report>,
}

/// What the report screen asks its worker: the report of a period, made on a day.
type ReportQuestion = (chrono::NaiveDate, Period, ReportSettings);

/// The worker's read: the report's figures.
fn build(store: &Store, (today, period, settings): ReportQuestion) -> anyhow::Result<Report> {
    Ok(report::build(store, today, period, &settings)?)
}

impl ReportScreen {
    /// This month's report; `refresh` computes it.
    pub(crate) fn new(
        settings: ReportSettings,
        playbook: Rc<Playbook>,
        today: chrono::NaiveDate,
        reader: &Reader,
    ) -> Self {
        let period = Period::containing(PeriodKind::Month, today);
        let worker = Background::start(reader, build);
        Self { settings, playbook, period, page: Page::Funnel, report: None, worker }
    }

    /// Asks the worker for the report of the period shown.
    pub fn refresh(&mut self, today: chrono::NaiveDate) -> anyhow::Result<()> {
        self.worker.ask((today, self.period, self.settings));
        Ok(())
    }

    /// How long the screen has waited for its figures, while it has.
    pub fn waiting_for(&self) -> Option<std::time::Duration> {
        self.worker.waiting_for()
    }

    /// Shows the figures if they have arrived (`wait`: waiting for them up to that long);
    /// false when nothing changed.
    pub fn take_answer(&mut self, wait: Option<std::time::Duration>) -> anyhow::Result<bool> {
        let Some(report) = self.worker.answer(wait) else { return Ok(false) };
        self.report = Some(report?);
        Ok(true)
    }

    /// The period shown.
    pub fn period(&self) -> Period {
        self.period
    }

    /// The report shown, once computed.
    pub fn report(&self) -> Option<&Report> {
        self.report.as_ref()
    }

    /// Handles a report action.
    pub fn handle(&mut self, action: Action, ctx: &mut HandleCtx) -> Effect {
        let at = Page::ALL.iter().position(|p| *p == self.page).unwrap_or(0);
        match action {
            Action::Left | Action::Up => self.page = Page::ALL[(at + Page::ALL.len() - 1) % Page::ALL.len()],
            Action::Right | Action::Down => self.page = Page::ALL[(at + 1) % Page::ALL.len()],
            Action::CyclePeriod => {
                let kind = match self.period.kind {
                    Some(PeriodKind::Week) => PeriodKind::Month,
                    Some(PeriodKind::Month) => PeriodKind::Quarter,
                    _ => PeriodKind::Week,
                };
                return self.show(Period::containing(kind, ctx.today), ctx);
            }
            Action::PreviousPeriod => return self.show(self.period.previous(), ctx),
            Action::NextPeriod => return self.show(self.period.next(), ctx),
            _ => return Effect::Unhandled,
        }
        Effect::None
    }

    fn show(&mut self, period: Period, ctx: &mut HandleCtx) -> Effect {
        self.period = period;
        match self.refresh(ctx.today) {
            Ok(()) => Effect::None,
            Err(e) => Effect::Error(e),
        }
    }

    /// Draws the period and page tabs, then the page.
    pub fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let t = view.theme;
        let i = view.i18n;
        let title = format!(" {} ", text_view::heading(i, &self.period, view.today));
        let block = Block::bordered().border_style(t.border).title(Span::styled(title, t.title));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let [tabs, body] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(inner);
        let mut spans = Vec::new();
        for page in Page::ALL {
            let style = if page == self.page { t.focused_title } else { t.muted };
            spans.push(Span::styled(format!(" {} ", i.t(page.title_key())), style));
        }
        spans.push(Span::styled(" ←/→", t.key));
        if let Some(waited) = self.waiting_for() {
            spans.push(Span::styled(format!(" {}", spinner(waited)), t.accent));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), tabs);
        let Some(report) = &self.report else { return };
        let first = self.settings.currency;
        match self.page {
            Page::Funnel => funnel(frame, body, view, report),
            Page::Results => results(frame, body, view, report, first),
            Page::Activity => activity(frame, body, view, report),
            Page::Customers => customers(frame, body, view, report, first),
            Page::Skills => skills(frame, body, view, report, &self.playbook),
        }
    }
}

/// Lines of text, each cut to the width.
fn lines<'a>(items: Vec<String>, width: u16, style: Style) -> Vec<Line<'a>> {
    items.into_iter().map(|s| Line::from(Span::styled(text::fit(&s, width as usize), style))).collect()
}

/// Fixed columns: each cell padded (right-aligned but the first) to its width.
fn row<'a>(cells: &[String], widths: &[usize], style: Style) -> Line<'a> {
    let mut s = String::new();
    for (n, (cell, w)) in cells.iter().zip(widths).enumerate() {
        let cell = text::fit(cell, *w);
        s.push_str(&if n == 0 { text::pad(&cell, *w) } else { text::pad_left(&cell, *w) });
        s.push(' ');
    }
    Line::from(Span::styled(s, style))
}

/// Horizontal bars, one row each, in the theme's colours.
fn bar_rows<'a>(bars: &[Bar<'a>], view: &View) -> BarChart<'a> {
    BarChart::default()
        .direction(Direction::Horizontal)
        .data(BarGroup::default().bars(bars))
        .bar_width(1)
        .bar_gap(0)
        .bar_style(view.theme.accent)
        .value_style(view.theme.title)
}

/// The funnel: a bar per step (deals that reached it), then the figures per step.
fn funnel(frame: &mut Frame, area: Rect, view: &View, r: &Report) {
    let (t, i) = (view.theme, view.i18n);
    let [chart, table] = Layout::vertical([Constraint::Length(6), Constraint::Min(1)]).areas(area);
    // Counts right-aligned to the widest, so each bar's figures end in one column.
    let count_w = r.funnel.iter().map(|s| s.reached.to_string().len()).max().unwrap_or(1);
    let bars: Vec<Bar> = r
        .funnel
        .iter()
        .map(|s| {
            Bar::default().value(s.reached).label(Line::from(text::pad(&i.word(s.step), 12))).text_value(format!(
                "{:>count_w$} · {}",
                s.reached,
                percent(i, s.conversion)
            ))
        })
        .collect();
    let max = r.funnel.iter().map(|s| s.reached).max().unwrap_or(0).max(1);
    frame.render_widget(bar_rows(&bars, view).max(max), chart);
    let header: Vec<String> = ["step", "reached", "moved_on", "conversion", "to_won", "median", "slowest", "stuck"]
        .iter()
        .map(|k| i.t(&format!("report.col.{k}")))
        .collect();
    // Each column as wide as its header, at least as its figures need.
    let widths: Vec<usize> =
        header.iter().zip([12, 6, 6, 5, 5, 8, 8, 5]).map(|(h, least)| text::width(h).max(least)).collect();
    let mut out = vec![row(&header, &widths, t.muted)];
    for s in &r.funnel {
        let stuck_style = if s.stuck > 0 { t.warning } else { t.text };
        out.push(row(&text_view::funnel_cells(i, s), &widths, stuck_style));
    }
    out.push(Line::default());
    out.push(Line::from(Span::styled(i.t("tui.report.funnel_note"), t.muted)));
    frame.render_widget(Paragraph::new(out).wrap(Wrap { trim: false }), table);
}

/// Results (won, lost, win rate as a gauge, lost reasons) and the forecast per step.
fn results(frame: &mut Frame, area: Rect, view: &View, r: &Report, first: Currency) {
    let (t, i) = (view.theme, view.i18n);
    let [top, gauge, rest] =
        Layout::vertical([Constraint::Length(2), Constraint::Length(1), Constraint::Min(1)]).areas(area);
    frame.render_widget(Paragraph::new(lines(text_view::results_lines(i, r, first), top.width, t.text)), top);
    if let Some(rate) = r.results.win_rate {
        frame.render_widget(
            LineGauge::default()
                .ratio(rate.clamp(0.0, 1.0))
                .label(i.fmt("report.results.win_rate", &[("rate", &percent(i, Some(rate)))]))
                .filled_style(t.success)
                .unfilled_style(t.danger),
            gauge,
        );
    }
    // The deals column as wide as the total's count (106317 open deals at 100k accounts); at
    // 80 columns the value columns share what is left.
    let total: u64 = r.forecast.steps.iter().map(|s| s.count).sum();
    let count_w = total.to_string().len().max(5);
    let money_w = ((rest.width as usize).saturating_sub(12 + 6 + count_w + 5) / 2).clamp(8, 40);
    let widths = [12, 6, count_w, money_w, money_w];
    let header: Vec<String> =
        ["step", "chance", "deals", "value", "weighted"].iter().map(|k| i.t(&format!("report.col.{k}"))).collect();
    let mut out = vec![Line::default(), Line::from(Span::styled(i.t("report.section.forecast"), t.title))];
    out.push(row(&header, &widths, t.muted));
    let mut all = Totals::default();
    for s in &r.forecast.steps {
        out.push(row(
            &[
                i.word(s.step),
                format!("{}%", s.percent),
                s.count.to_string(),
                i.totals(&s.value, first),
                i.totals(&s.weighted, first),
            ],
            &widths,
            t.text,
        ));
        all.merge(&s.value);
    }
    out.push(row(
        &[
            i.t("report.forecast.all"),
            String::new(),
            total.to_string(),
            i.totals(&all, first),
            i.totals(&r.forecast.weighted, first),
        ],
        &widths,
        t.title,
    ));
    out.extend(lines(text_view::forecast_lines(i, r, first), rest.width, t.text));
    frame.render_widget(Paragraph::new(out), rest);
}

/// Visits done per week as bars, the outcomes as a gauge, then the activity's lines.
fn activity(frame: &mut Frame, area: Rect, view: &View, r: &Report) {
    let (t, i) = (view.theme, view.i18n);
    let a = &r.activity;
    let [chart, spark, gauge, rest] =
        Layout::vertical([Constraint::Length(7), Constraint::Length(2), Constraint::Length(1), Constraint::Min(1)])
            .areas(area);
    let weeks = a.weeks.len().max(1) as u16;
    let bar_width = (chart.width / weeks).saturating_sub(1).clamp(3, 9);
    let bars: Vec<Bar> = a
        .weeks
        .iter()
        .map(|w| Bar::default().value(w.done).label(Line::from(w.week_of.format("%m-%d").to_string())))
        .collect();
    frame.render_widget(
        BarChart::default()
            .data(BarGroup::default().bars(&bars))
            .bar_width(bar_width)
            .bar_gap(1)
            .bar_style(t.accent)
            .value_style(t.selection)
            .block(Block::default().title(Span::styled(i.t("tui.report.visits_per_week"), t.title))),
        chart,
    );
    // Visits done day by day, so the rhythm of the period reads at a glance.
    if a.done > 0 {
        let label = i.t("tui.report.per_day");
        let [name, line] = Layout::horizontal([Constraint::Length(text::width(&label) as u16 + 1), Constraint::Min(1)])
            .areas(Rect { height: 1, ..spark });
        frame.render_widget(Paragraph::new(Span::styled(label, t.muted)), name);
        frame.render_widget(Sparkline::default().data(&a.daily).style(t.accent), line);
    }
    let o = &a.outcomes;
    let rated = o.met + o.partly + o.not_met + o.unrated;
    if rated > 0 {
        let met = o.met as f64 / rated as f64;
        frame.render_widget(
            LineGauge::default()
                .ratio(met)
                .label(i.fmt("tui.report.met", &[("share", &percent(i, Some(met)))]))
                .filled_style(t.success)
                .unfilled_style(t.muted),
            gauge,
        );
    }
    frame
        .render_widget(Paragraph::new(text::wrap_prose(&text_view::activity_lines(i, r).join("\n"), rest.width)), rest);
}

/// ABC per currency, classes and quadrants as bars, and who is losing touch.
fn customers(frame: &mut Frame, area: Rect, view: &View, r: &Report, first: Currency) {
    let (t, i) = (view.theme, view.i18n);
    let c = &r.customers;
    let abc_rows = c.abc.len().max(1) as u16 + 2;
    let [abc, quadrants, rest] =
        Layout::vertical([Constraint::Length(abc_rows), Constraint::Length(6), Constraint::Min(1)]).areas(area);
    let mut out = Vec::new();
    if c.abc.is_empty() {
        out.extend(lines(vec![i.t("report.customers.no_abc")], abc.width, t.muted));
    } else {
        out.extend(lines(vec![i.t("tui.report.abc")], abc.width, t.title));
        // Seven columns, each followed by a space.
        let money_w = ((abc.width as usize).saturating_sub(4 + 3 * 5 + 7) / 3).clamp(6, 24);
        let widths = [4, 5, money_w, 5, money_w, 5, money_w];
        let header: Vec<String> =
            [String::new(), "A".into(), String::new(), "B".into(), String::new(), "C".into(), String::new()].to_vec();
        out.push(row(&header, &widths, t.muted));
        for row_ in &c.abc {
            let money = |minor: i64| i.money(Money::new(minor, row_.currency));
            out.push(row(
                &[
                    row_.currency.to_string(),
                    row_.a.accounts.to_string(),
                    money(row_.a.value_minor),
                    row_.b.accounts.to_string(),
                    money(row_.b.value_minor),
                    row_.c.accounts.to_string(),
                    money(row_.c.value_minor),
                ],
                &widths,
                if row_.currency == first { t.text } else { t.muted },
            ));
        }
    }
    frame.render_widget(Paragraph::new(out), abc);
    let names: Vec<String> = c.quadrants.iter().map(|(q, _)| text_view::quadrant_name(i, *q)).collect();
    let name_w = names.iter().map(|n| text::width(n)).max().unwrap_or(0);
    // Counts right-aligned to the widest: a 5-digit count sat one column right of the others.
    let count_w = c.quadrants.iter().map(|(_, n)| n.to_string().len()).max().unwrap_or(1);
    let bars: Vec<Bar> = c
        .quadrants
        .iter()
        .zip(&names)
        .map(|((_, n), name)| {
            Bar::default().value(*n).label(Line::from(text::pad(name, name_w))).text_value(format!(" {n:>count_w$}"))
        })
        .collect();
    frame.render_widget(
        bar_rows(&bars, view).block(Block::default().title(Span::styled(i.t("tui.report.quadrants"), t.title))),
        quadrants,
    );
    let text = [text_view::classes_line(i, r), text_view::losing_touch_line(i, r)].join("\n");
    frame.render_widget(Paragraph::new(text::wrap_prose(&text, rest.width)), rest);
}

/// The last self-assessment: a gauge per skill (its score of 5 and the change since the sitting
/// before) and where the playbook teaches the weakest; or how to take one.
fn skills(frame: &mut Frame, area: Rect, view: &View, r: &Report, playbook: &Playbook) {
    let (t, i) = (view.theme, view.i18n);
    let Some(a) = &r.assessment else {
        let none = Paragraph::new(text::wrap_prose(&i.t("tui.report.no_assessment"), area.width)).style(t.muted);
        frame.render_widget(none, area);
        return;
    };
    let heading = assessment_view::lines(i, playbook, a).into_iter().next().unwrap_or_default();
    let rows = a.skills.len() as u16;
    let [head, gauges, rest] =
        Layout::vertical([Constraint::Length(2), Constraint::Length(rows), Constraint::Min(1)]).areas(area);
    frame.render_widget(Paragraph::new(Span::styled(heading, t.title)).wrap(Wrap { trim: true }), head);
    let names: Vec<String> = a.skills.iter().map(|s| assessment_view::skill_name(playbook, s.skill)).collect();
    let name_w = names.iter().map(|n| text::width(n)).max().unwrap_or(0).min(gauges.width as usize / 2);
    for (row, (score, name)) in a.skills.iter().zip(&names).enumerate() {
        let line = Rect { y: gauges.y + row as u16, height: 1, ..gauges };
        let moved = score.change.map(assessment_view::change).unwrap_or_default();
        let shown = format!("{}/5", assessment_view::score(score.score));
        let label = format!("{} {} {moved}", text::pad(&text::fit(name, name_w), name_w), text::pad(&shown, 6));
        let weakest = a.weakest == Some(score.skill);
        frame.render_widget(
            LineGauge::default()
                .ratio((score.score / 5.0).clamp(0.0, 1.0))
                .label(label.trim_end().to_string())
                .filled_style(if weakest { t.danger } else { t.success })
                .unfilled_style(t.muted),
            line,
        );
    }
    if let Some(weakest) = a.weakest {
        let read = i.fmt(
            "report.assessment.weakest",
            &[
                ("skill", &assessment_view::skill_name(playbook, weakest)),
                ("read", &assessment_view::skill_reading(playbook, weakest)),
            ],
        );
        let hint = i.t("tui.report.retake");
        let rows = |s: &str, style| {
            text::wrap_prose(s, rest.width)
                .lines()
                .map(|l| Line::from(Span::styled(l.to_string(), style)))
                .collect::<Vec<_>>()
        };
        let text: Vec<Line> =
            std::iter::once(Line::from("")).chain(rows(&read, t.text)).chain(rows(&hint, t.muted)).collect();
        frame.render_widget(Paragraph::new(text), rest);
    }
}
