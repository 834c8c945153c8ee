//! One customer: the record in its five categories, the deal and its step history, the visit
//! timeline (newest first) and notes.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{Ctx, Effect, View};
use crate::config;
use crate::domain::checklist::{Progress, progress_of};
use crate::domain::money::format_compact;
use crate::domain::{Customer, Deal, DealState, Fact, FactCategory, StageEvent, Visit, Word};
use crate::i18n::Lang;
use crate::playbook::Playbook;
use crate::store::{Note, Store};
use crate::tui::action::Action;
use crate::tui::modal::ModalRequest;
use crate::tui::text;

/// Visits shown in the timeline.
const VISITS: u32 = 30;
/// Notes shown.
const NOTES: u32 = 20;

/// State of the customer screen.
#[derive(Debug)]
pub struct CustomerScreen {
    id: i64,
    customer: Option<Customer>,
    facts: Vec<Fact>,
    deal: Option<Deal>,
    history: Vec<StageEvent>,
    /// Checklist progress of the open deal in its step.
    checklist: Option<Progress>,
    visits: Vec<Visit>,
    notes: Vec<Note>,
    scroll: u16,
}

impl CustomerScreen {
    /// The screen for customer `id`; `refresh` loads it.
    pub fn new(id: i64) -> Self {
        Self {
            id,
            customer: None,
            facts: Vec::new(),
            deal: None,
            history: Vec::new(),
            checklist: None,
            visits: Vec::new(),
            notes: Vec::new(),
            scroll: 0,
        }
    }

    /// Which customer this is.
    pub fn customer_id(&self) -> i64 {
        self.id
    }

    /// The loaded customer record.
    pub fn customer(&self) -> Option<&Customer> {
        self.customer.as_ref()
    }

    /// Reloads everything shown.
    pub fn refresh(&mut self, store: &Store) -> anyhow::Result<()> {
        self.customer = Some(store.customer(self.id)?);
        self.facts = store.facts_of(self.id)?;
        let deals = store.deals_of(self.id)?;
        self.deal = deals.iter().find(|d| d.state == DealState::Open).or(deals.first()).cloned();
        self.history = match &self.deal {
            Some(d) => store.stage_history(d.id)?,
            None => Vec::new(),
        };
        self.checklist = match &self.deal {
            Some(d) if d.state == DealState::Open => {
                let total = Playbook::load(Lang::En, &config::config_dir()).0.step(d.stage).checklist.len();
                Some(progress_of(store.checklist_ticks(d.id, d.stage)?.len() as u32, total))
            }
            _ => None,
        };
        self.visits = store.visits_of(self.id, VISITS, 0)?;
        self.notes = store.notes_of(Some(self.id), NOTES)?;
        Ok(())
    }

    /// Handles a customer action.
    pub fn handle(&mut self, action: Action, ctx: &mut Ctx) -> Effect {
        match action {
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::Down => self.scroll = self.scroll.saturating_add(1),
            Action::PageUp => self.scroll = self.scroll.saturating_sub(10),
            Action::PageDown => self.scroll = self.scroll.saturating_add(10),
            Action::Top => self.scroll = 0,
            Action::LogVisit => return Effect::Modal(ModalRequest::LogVisit(self.id)),
            Action::PlanVisit => return Effect::Modal(ModalRequest::PlanVisit(self.id)),
            Action::Lost => return Effect::Modal(ModalRequest::LostReason(self.id)),
            Action::MoveForward | Action::MoveBack => return self.move_deal(ctx, action == Action::MoveForward),
            Action::Won => {
                return match ctx.store.win_deal(self.id, None) {
                    Ok(_) => Effect::Changed(ctx.i18n.fmt("tui.pipeline.won", &[("name", &self.name())])),
                    Err(e) => Effect::error(e),
                };
            }
            _ => return Effect::Unhandled,
        }
        Effect::None
    }

    fn name(&self) -> String {
        self.customer.as_ref().map(|c| c.name.clone()).unwrap_or_default()
    }

    fn move_deal(&mut self, ctx: &mut Ctx, forward: bool) -> Effect {
        let Some(deal) = self.deal.as_ref().filter(|d| d.state == DealState::Open) else {
            return Effect::Info(ctx.i18n.t("tui.customer.no_open_deal"));
        };
        let Some(to) = (if forward { deal.stage.next() } else { deal.stage.prev() }) else {
            let key = if forward { "tui.pipeline.at_last_step" } else { "tui.pipeline.at_first_step" };
            return Effect::Info(ctx.i18n.t(key));
        };
        match ctx.store.move_deal(self.id, to, "") {
            Ok(_) => Effect::Changed(
                ctx.i18n.fmt("tui.pipeline.moved", &[("name", &self.name()), ("step", &ctx.i18n.word(to))]),
            ),
            Err(e) => Effect::error(e),
        }
    }

    /// Draws the header line, the record on the left, deal, visits and notes on the right.
    pub fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let Some(c) = &self.customer else { return };
        let t = view.theme;
        let i18n = view.i18n;
        let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(3)]).areas(area);
        let mut title: Vec<&str> = vec![&c.name];
        for part in [&c.company, &c.title] {
            if !part.is_empty() {
                title.push(part);
            }
        }
        let mut spans = vec![Span::styled(format!(" {}", title.join(" · ")), t.title)];
        spans.push(Span::styled(
            format!(
                "   {} {}  {} {}  MAN {}",
                i18n.t("tui.customer.class"),
                i18n.word(c.class),
                i18n.t("tui.customer.style"),
                i18n.word(c.style),
                c.man.code()
            ),
            t.muted,
        ));
        if let Some(p) = c.portfolio {
            spans.push(Span::styled(format!("  ★ {}", i18n.word(p)), t.accent));
        }
        frame.render_widget(Line::from(spans), head);
        let [left, right] = Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(body);
        let record = Block::bordered().title(Span::styled(format!(" {} ", i18n.t("tui.customer.record")), t.title));
        let record_w = left.width.saturating_sub(2) as usize;
        frame.render_widget(
            Paragraph::new(self.record_lines(view, record_w))
                .block(record.border_style(t.border))
                .wrap(Wrap { trim: false }),
            left,
        );
        let deal_title = match &self.deal {
            Some(d) => {
                let value = d.value_minor.map(|v| format!(" {}", format_compact(v, &d.currency))).unwrap_or_default();
                let state = if d.state == DealState::Open { i18n.word(d.stage) } else { i18n.word(d.state) };
                let checklist = self
                    .checklist
                    .map(|p| format!(" · {}", i18n.fmt("playbook.checklist.progress", &[("progress", &p)])))
                    .unwrap_or_default();
                format!(" {state}{value}{checklist} · {} ", d.title)
            }
            None => format!(" {} ", i18n.t("tui.customer.no_deal")),
        };
        let block = Block::bordered().title(Span::styled(deal_title, t.title)).border_style(t.border);
        frame.render_widget(
            Paragraph::new(self.timeline_lines(view)).block(block).wrap(Wrap { trim: false }).scroll((self.scroll, 0)),
            right,
        );
    }

    fn record_lines<'a>(&self, view: &View, width: usize) -> Vec<Line<'a>> {
        let t = view.theme;
        let i18n = view.i18n;
        let Some(c) = &self.customer else { return Vec::new() };
        let label_w = FactCategory::ALL.iter().map(|f| text::width(&i18n.word(*f))).max().unwrap_or(8) + 1;
        let mut lines = Vec::new();
        for category in FactCategory::ALL {
            let mut values: Vec<String> = Vec::new();
            if *category == FactCategory::Basic {
                values.extend(
                    [&c.nickname, &c.phone, &c.email, &c.address].into_iter().filter(|v| !v.is_empty()).cloned(),
                );
            }
            values.extend(
                self.facts.iter().filter(|f| f.category == *category).map(|f| format!("{}: {}", f.label, f.value)),
            );
            let mut first = true;
            if values.is_empty() {
                values.push("—".into());
            }
            for v in values {
                let label = if first { i18n.word(*category) } else { String::new() };
                first = false;
                lines.push(Line::from(vec![
                    Span::styled(text::pad(&label, label_w), t.muted),
                    Span::raw(text::fit(&v, width.saturating_sub(label_w))),
                ]));
            }
        }
        if !c.source.is_empty() {
            lines.push(Line::from(vec![
                Span::styled(text::pad(&i18n.t("tui.customer.source"), label_w), t.muted),
                Span::raw(c.source.clone()),
            ]));
        }
        lines
    }

    fn timeline_lines<'a>(&self, view: &View) -> Vec<Line<'a>> {
        let t = view.theme;
        let i18n = view.i18n;
        let mut lines = Vec::new();
        if !self.history.is_empty() {
            let steps: Vec<String> = self
                .history
                .iter()
                .map(|e| {
                    let word =
                        if e.to_state == DealState::Open { i18n.word(e.to_stage) } else { i18n.word(e.to_state) };
                    format!("{word} {}", e.at.get(5..10).unwrap_or(""))
                })
                .collect();
            lines.push(Line::from(vec![
                Span::styled(format!("{} ", i18n.t("tui.customer.history")), t.muted),
                Span::raw(steps.join(" → ")),
            ]));
        }
        lines.push(Line::from(Span::styled(i18n.t("tui.customer.visits"), t.title)));
        if self.visits.is_empty() {
            lines.push(Line::from(Span::styled(format!("  {}", i18n.t("tui.customer.no_visits")), t.muted)));
        }
        for v in &self.visits {
            let when = v.at().map(|d| d.format("%Y-%m-%d %H:%M").to_string()).unwrap_or_default();
            let (mark, style) = if v.is_planned() { ("○", t.accent) } else { ("●", t.success) };
            lines.push(Line::from(vec![
                Span::styled(format!("{mark} {when} "), style),
                Span::styled(i18n.word(v.channel), t.muted),
                Span::raw(format!("  {}", v.purpose)),
            ]));
            let detail = |key: &str, value: &str| {
                Line::from(vec![Span::styled(format!("    {}: ", i18n.t(key)), t.muted), Span::raw(value.to_string())])
            };
            lines.push(detail("tui.customer.expected", &v.expected_result));
            if !v.actual_result.is_empty() {
                let outcome = v.outcome.map(|o| format!(" ({})", i18n.word(o))).unwrap_or_default();
                lines.push(detail("tui.customer.actual", &format!("{}{outcome}", v.actual_result)));
            }
            if !v.next_topic.is_empty() {
                lines.push(detail("tui.customer.next_topic", &v.next_topic));
            }
        }
        lines.push(Line::from(Span::styled(i18n.t("tui.customer.notes"), t.title)));
        if self.notes.is_empty() {
            lines.push(Line::from(Span::styled(format!("  {}", i18n.t("tui.customer.no_notes")), t.muted)));
        }
        for n in &self.notes {
            lines.push(Line::from(vec![
                Span::styled(format!("{} ", n.created_at.get(..10).unwrap_or("")), t.muted),
                Span::raw(n.body.clone()),
            ]));
        }
        lines
    }
}
