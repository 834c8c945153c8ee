//! `fieldbook today [--date D]`: the daily review — appointments, next steps due (today or late),
//! customers due by cadence, important dates this week, visits missing their result.

use chrono::{NaiveDateTime, NaiveTime};

use super::Ctx;
use super::output::{self, FormatArg, Table};
use crate::domain::today::{CustomerRef, shown_count};
use crate::domain::{CadenceState, TodayList, parse_date};
use crate::i18n::I18n;
use crate::playbook::views::fact_label;

/// Widest the customer column gets.
const CUSTOMER_WIDTH: usize = 30;
/// Widest a free-text column (purpose, next step) gets.
const TEXT_WIDTH: usize = 40;

/// Arguments of `today`.
#[derive(Debug, clap::Args)]
pub struct TodayArgs {
    /// TodayList another day (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    #[command(flatten)]
    pub format: FormatArg,
}

/// Prints the review.
pub fn run(args: &TodayArgs, ctx: &mut Ctx) -> anyhow::Result<()> {
    let today = ctx.today();
    let day = args.date.as_deref().map(|d| parse_date(d, today)).transpose()?.unwrap_or(today);
    let end_of_day = NaiveDateTime::new(day, NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN));
    let now = ctx.clock.now().min(end_of_day);
    let policy = ctx.config.cadence;
    let review = ctx.store()?.today_list(day, now, &policy)?;
    if args.format.is_json() {
        return ctx.print(&output::json(&review)?);
    }
    ctx.print(&render(&ctx.i18n, &review))
}

/// The review as titled sections of aligned tables.
fn render(i: &I18n, r: &TodayList) -> String {
    let mut out = vec![i.fmt("cli.today.title", &[("date", &i.day(r.date))])];

    let mut t = table(i, &["time", "customer", "channel", "purpose", "visit"]);
    for a in &r.appointments {
        t.row(vec![
            a.at.format("%H:%M").to_string(),
            who(&a.customer),
            i.word(a.channel),
            a.purpose.clone(),
            format!("#{}", a.visit_id),
        ]);
    }
    out.push(section(i, "appointments", r.appointments.len(), &t));

    let mut t = table(i, &["due", "late", "customer", "next_step", "next_id", "visit"]).align_right(1);
    for o in &r.overdue {
        let late = match o.days_late {
            0 => i.t("cli.next.due_today"),
            n => i.fmt("cli.today.days", &[("n", &n)]),
        };
        t.row(vec![
            o.due_on.to_string(),
            late,
            who(&o.customer),
            o.next_step.clone(),
            o.step_id.map(|s| s.to_string()).unwrap_or_default(),
            o.visit_id.map(|v| format!("#{v}")).unwrap_or_default(),
        ]);
    }
    out.push(section(i, "overdue", r.overdue.len(), &t));

    let mut t = table(i, &["customer", "class", "portfolio", "last_contact", "every", "state"]).align_right(4);
    for d in &r.due {
        let state = match d.state {
            CadenceState::Overdue { days_since } => i.fmt("cli.today.state_overdue", &[("n", &days_since)]),
            CadenceState::Due { days_since } => i.fmt("cli.today.state_due", &[("n", &days_since)]),
            CadenceState::Fine { days_left } => i.fmt("cli.today.state_fine", &[("n", &days_left)]),
        };
        t.row(vec![
            who(&d.customer),
            i.word(d.class),
            d.portfolio.map(|p| i.word(p)).unwrap_or_default(),
            d.last_contact_on.map(|d| d.to_string()).unwrap_or_else(|| i.t("cli.show.never")),
            i.fmt("cli.today.days", &[("n", &d.interval_days)]),
            state,
        ]);
    }
    out.push(section(i, "due", r.due.len(), &t));

    let mut t = table(i, &["date", "customer", "label"]);
    for d in &r.dates {
        t.row(vec![d.on.to_string(), who(&d.customer), fact_label(i, &d.label, d.person.as_deref())]);
    }
    out.push(section(i, "dates", r.dates.len(), &t));

    let mut t = table(i, &["when", "customer", "purpose", "visit"]);
    for m in &r.missing_results {
        t.row(vec![
            m.at.format("%Y-%m-%d %H:%M").to_string(),
            who(&m.customer),
            m.purpose.clone(),
            format!("#{}", m.visit_id),
        ]);
    }
    out.push(section(i, "missing", r.missing_results.len(), &t));
    out.join("\n\n")
}

/// A table with localised headers `cli.col.<name>`; customer and text columns capped.
fn table(i: &I18n, columns: &[&str]) -> Table {
    let mut t = Table::new(columns.iter().map(|c| i.t(&format!("cli.col.{c}"))).collect());
    for (n, c) in columns.iter().enumerate() {
        match *c {
            "customer" => t = t.max_width(n, CUSTOMER_WIDTH),
            "purpose" | "next_step" | "label" => t = t.max_width(n, TEXT_WIDTH),
            _ => {}
        }
    }
    t
}

/// A titled section: the table, or a line saying there is nothing.
fn section(i: &I18n, name: &str, count: usize, table: &Table) -> String {
    let shown = shown_count(count);
    let title = i.fmt(&format!("cli.today.{name}"), &[("n", &shown)]);
    let body = if table.is_empty() { i.t("cli.today.nothing") } else { table.render() };
    let body: Vec<String> = body.lines().map(|l| format!("  {l}")).collect();
    format!("{title}\n{}", body.join("\n"))
}

/// `#id name · company`.
fn who(c: &CustomerRef) -> String {
    if c.company.is_empty() {
        format!("#{} {}", c.id, c.name)
    } else {
        format!("#{} {} · {}", c.id, c.name, c.company)
    }
}
