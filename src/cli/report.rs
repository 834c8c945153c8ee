//! `fieldbook report`: how the week, month or quarter is going — funnel, results, forecast,
//! activity and customers — as text, JSON for scripts or CSV for spreadsheets. The figures
//! come from `ops::report`, the same read model as the app's report screen.

use super::Ctx;
use super::output::{self, Table};
use crate::domain::money::{Currency, Money, Totals};
use crate::domain::report::{Period, PeriodKind};
use crate::domain::{Word, parse_past_when};
use crate::i18n::I18n;
use crate::ops::report::{self, Report, ReportSettings};
use crate::playbook::Playbook;
use crate::playbook::assessment_view;
use crate::playbook::report_view as view;

/// How `report` writes its figures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// Aligned, human-readable text.
    #[default]
    Text,
    /// JSON for scripts.
    Json,
    /// CSV for spreadsheets: section, item, measure, currency, value.
    Csv,
}

/// Arguments of `report`.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The week, month or quarter containing today (default: month).
    #[arg(long, value_name = "week|month|quarter")]
    pub period: Option<String>,
    /// First day of a period of your own (with --to, else up to today).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Last day of a period of your own.
    #[arg(long, value_name = "DATE", requires = "from")]
    pub to: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

/// Prints the report.
pub fn run(args: &ReportArgs, ctx: &mut Ctx) -> anyhow::Result<()> {
    let today = ctx.today();
    let period = match &args.from {
        Some(from) => {
            let from = parse_past_when(from, ctx.clock.now())?.date;
            let to =
                args.to.as_deref().map(|t| parse_past_when(t, ctx.clock.now())).transpose()?.map_or(today, |w| w.date);
            Period::between(from, to)?
        }
        None => {
            let kind = args.period.as_deref().map(PeriodKind::parse_word).transpose()?.unwrap_or(PeriodKind::Month);
            Period::containing(kind, today)
        }
    };
    let settings =
        ReportSettings { odds: ctx.config.forecast, cadence: ctx.config.cadence, currency: ctx.config.currency };
    let report = report::build(ctx.store()?, today, period, &settings)?;
    match args.format {
        ReportFormat::Json => ctx.print(&output::json(&report)?),
        ReportFormat::Csv => ctx.print(&csv(&report)?),
        ReportFormat::Text => {
            let width = u16::try_from(output::text_width()).unwrap_or(u16::MAX);
            ctx.print(&text(&ctx.i18n, &super::method::playbook(ctx), &report, settings.currency, width))
        }
    }
}

/// The report as text: a heading, then each section with its table and lines, the lines of
/// prose wrapped to `width` as the app wraps them (a line of items breaks between its items).
fn text(i: &I18n, playbook: &Playbook, r: &Report, first: Currency, width: u16) -> String {
    let prose = |lines: Vec<String>| lines.into_iter().map(move |l| crate::text::wrap_prose(&l, width));
    let mut out = vec![view::heading(i, &r.period, r.date), String::new(), i.t("report.section.funnel")];
    let mut funnel = Table::new(
        ["step", "reached", "moved_on", "conversion", "to_won", "median", "slowest", "stuck"]
            .iter()
            .map(|k| i.t(&format!("report.col.{k}")))
            .collect(),
    );
    for col in 1..8 {
        funnel = funnel.align_right(col);
    }
    for s in &r.funnel {
        funnel.row(view::funnel_cells(i, s));
    }
    out.push(funnel.render());
    out.extend([String::new(), i.t("report.section.results")]);
    out.extend(prose(view::results_lines(i, r, first)));
    out.extend([String::new(), i.t("report.section.forecast")]);
    let mut forecast = Table::new(
        ["step", "chance", "deals", "value", "weighted"].iter().map(|k| i.t(&format!("report.col.{k}"))).collect(),
    )
    .align_right(1)
    .align_right(2)
    .max_width(3, 60)
    .max_width(4, 60);
    let mut all_value = Totals::default();
    let mut all_count = 0;
    for s in &r.forecast.steps {
        forecast.row(vec![
            i.word(s.step),
            format!("{}%", s.percent),
            s.count.to_string(),
            i.totals(&s.value, first),
            i.totals(&s.weighted, first),
        ]);
        all_value.merge(&s.value);
        all_count += s.count;
    }
    forecast.row(vec![
        i.t("report.forecast.all"),
        String::new(),
        all_count.to_string(),
        i.totals(&all_value, first),
        i.totals(&r.forecast.weighted, first),
    ]);
    out.push(forecast.render());
    out.extend(prose(view::forecast_lines(i, r, first)));
    out.extend([String::new(), i.t("report.section.activity")]);
    out.extend(prose(view::activity_lines(i, r)));
    if r.activity.done > 0 {
        let mut weeks = Table::new(
            std::iter::once(i.t("report.col.week_of"))
                .chain(std::iter::once(i.t("report.col.done")))
                .chain(crate::domain::Channel::ALL.iter().map(|c| i.word(*c)))
                .collect(),
        );
        for col in 1..6 {
            weeks = weeks.align_right(col);
        }
        for w in &r.activity.weeks {
            weeks.row(
                [w.week_of.to_string(), w.done.to_string()]
                    .into_iter()
                    .chain(
                        crate::domain::Channel::ALL
                            .iter()
                            .map(|c| w.by_channel.get(c.code()).copied().unwrap_or(0).to_string()),
                    )
                    .collect(),
            );
        }
        out.push(weeks.render());
    }
    out.extend([String::new(), i.t("report.section.customers")]);
    if r.customers.abc.is_empty() {
        out.push(i.t("report.customers.no_abc"));
    } else {
        out.push(i.t("report.customers.abc"));
        let mut abc = Table::new(vec![
            i.t("report.col.currency"),
            "A".into(),
            i.t("report.col.value"),
            "B".into(),
            i.t("report.col.value"),
            "C".into(),
            i.t("report.col.value"),
        ]);
        for col in 1..7 {
            abc = abc.align_right(col);
        }
        for row in &r.customers.abc {
            let money = |minor: i64| i.money(Money::new(minor, row.currency));
            abc.row(vec![
                row.currency.to_string(),
                row.a.accounts.to_string(),
                money(row.a.value_minor),
                row.b.accounts.to_string(),
                money(row.b.value_minor),
                row.c.accounts.to_string(),
                money(row.c.value_minor),
            ]);
        }
        out.push(abc.render());
    }
    out.extend(prose(view::customer_lines(i, r)));
    out.extend([String::new(), i.t("report.assessment.section")]);
    match &r.assessment {
        Some(a) => out.extend(assessment_view::lines(i, playbook, a)),
        None => out.push(i.t("report.assessment.none")),
    }
    out.join("\n")
}

/// One CSV row: section, item, measure, currency (empty when not money), value.
type CsvRow = [String; 5];

fn row(section: &str, item: &str, measure: &str, value: impl ToString) -> CsvRow {
    [section.into(), item.into(), measure.into(), String::new(), value.to_string()]
}

fn money_row(section: &str, item: &str, measure: &str, money: Money) -> CsvRow {
    [section.into(), item.into(), measure.into(), money.currency.to_string(), major_units(money)]
}

/// `1234.50`: an amount in the currency's major units, no symbol or grouping.
fn major_units(money: Money) -> String {
    let exp = money.currency.exponent();
    if exp == 0 {
        return money.minor.to_string();
    }
    let scale = 10_i64.pow(exp);
    let sign = if money.minor < 0 { "-" } else { "" };
    format!(
        "{sign}{}.{:0width$}",
        (money.minor / scale).unsigned_abs(),
        (money.minor % scale).unsigned_abs(),
        width = exp as usize
    )
}

fn opt(v: Option<f64>) -> String {
    v.map(|v| format!("{v:.4}")).unwrap_or_default()
}

/// The report as CSV, one figure per row (codes, not translated words, so a sheet can pivot it).
fn csv(r: &Report) -> anyhow::Result<String> {
    let mut rows: Vec<CsvRow> = vec![
        row("period", r.period.kind.map_or("custom", |k| k.code()), "from", r.period.from),
        row("period", r.period.kind.map_or("custom", |k| k.code()), "to", r.period.to),
    ];
    for s in &r.funnel {
        let step = s.step.code();
        rows.push(row("funnel", step, "reached", s.reached));
        rows.push(row("funnel", step, "moved_on", s.moved_on));
        rows.push(row("funnel", step, "won", s.won));
        rows.push(row("funnel", step, "conversion", opt(s.conversion)));
        rows.push(row("funnel", step, "to_won", opt(s.to_won)));
        rows.push(row("funnel", step, "median_days", opt(s.median_days)));
        rows.push(row("funnel", step, "slowest_quarter_days", opt(s.slowest_quarter_days)));
        rows.push(row("funnel", step, "stuck", s.stuck));
    }
    let res = &r.results;
    for (item, counts) in [("won", &res.won), ("lost", &res.lost)] {
        for c in counts {
            rows.push(["results".into(), item.into(), "count".into(), c.currency.to_string(), c.count.to_string()]);
            rows.push(money_row("results", item, "value", Money::new(c.value_minor, c.currency)));
        }
    }
    rows.push(row("results", "all", "win_rate", opt(res.win_rate)));
    for reason in &res.lost_reasons {
        rows.push(row("lost_reasons", &reason.reason, "count", reason.count));
    }
    for s in &r.forecast.steps {
        let step = s.step.code();
        rows.push(row("forecast", step, "percent", s.percent));
        rows.push(row("forecast", step, "count", s.count));
        rows.extend(s.value.iter().map(|m| money_row("forecast", step, "value", m)));
        rows.extend(s.weighted.iter().map(|m| money_row("forecast", step, "weighted", m)));
    }
    let buckets =
        [("in_period", &r.forecast.in_period), ("overdue", &r.forecast.overdue), ("no_date", &r.forecast.no_date)];
    for (item, b) in buckets.into_iter().chain(r.forecast.months.iter().map(|(m, b)| (m.as_str(), b))) {
        rows.push(row("forecast_close", item, "count", b.count));
        rows.extend(b.weighted.iter().map(|m| money_row("forecast_close", item, "weighted", m)));
    }
    let a = &r.activity;
    for (measure, n) in [
        ("done", a.done),
        ("planned", a.planned),
        ("planned_done", a.planned_done),
        ("unplanned_done", a.unplanned_done),
        ("met", a.outcomes.met),
        ("partly", a.outcomes.partly),
        ("not_met", a.outcomes.not_met),
        ("unrated", a.outcomes.unrated),
        ("next_steps_set", a.next_steps.set),
        ("next_steps_kept", a.next_steps.kept),
        ("next_steps_late", a.next_steps.late),
        ("next_steps_missed", a.next_steps.missed),
        ("next_steps_pending", a.next_steps.pending),
    ] {
        rows.push(row("activity", "all", measure, n));
    }
    for w in &a.weeks {
        let week = w.week_of.to_string();
        rows.push(row("activity_week", &week, "done", w.done));
        rows.extend(w.by_channel.iter().map(|(c, n)| row("activity_week", &week, c, n)));
        rows.extend(w.by_kind.iter().map(|(k, n)| row("activity_week", &week, k, n)));
    }
    for abc in &r.customers.abc {
        for (class, share) in [("A", &abc.a), ("B", &abc.b), ("C", &abc.c)] {
            rows.push([
                "abc".into(),
                class.into(),
                "accounts".into(),
                abc.currency.to_string(),
                share.accounts.to_string(),
            ]);
            rows.push(money_row("abc", class, "value", Money::new(share.value_minor, abc.currency)));
        }
    }
    for (class, n) in &r.customers.classes {
        rows.push(row("classes", class.code(), "count", n));
    }
    for (q, n) in &r.customers.quadrants {
        rows.push(row("quadrants", q.map_or("none", |q| q.code()), "count", n));
    }
    for d in &r.customers.losing_touch {
        rows.push(row("losing_touch", &d.customer.id.to_string(), "name", &d.customer.name));
    }
    if let Some(a) = &r.assessment {
        rows.push(row("assessment", "sitting", "taken_on", a.taken_on));
        for s in &a.skills {
            rows.push(row("assessment", s.skill.code(), "score", format!("{:.2}", s.score)));
            rows.push(row("assessment", s.skill.code(), "change", opt(s.change)));
        }
    }
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(["section", "item", "measure", "currency", "value"])?;
    for r in rows {
        out.write_record(&r)?;
    }
    let bytes = out.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(String::from_utf8(bytes)?.trim_end().to_string())
}
