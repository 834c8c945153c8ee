//! `fieldbook losing-touch`: the customers furthest past their visit cadence (the review's
//! "due by cadence" list, longer and on its own).

use serde::Serialize;

use super::Ctx;
use super::output::{self, FormatArg, Table};
use crate::domain::today::DueCustomer;
use crate::playbook::views::cadence_state_text;

/// Arguments of `losing-touch`.
#[derive(Debug, clap::Args)]
pub struct LosingTouchArgs {
    /// How many customers to show.
    #[arg(long, default_value_t = 20)]
    pub limit: u32,
    #[command(flatten)]
    pub format: FormatArg,
}

/// The JSON shape.
#[derive(Debug, Serialize)]
struct LosingTouch<'a> {
    date: chrono::NaiveDate,
    customers: &'a [DueCustomer],
}

/// Prints the list, furthest past due first.
pub fn run(args: &LosingTouchArgs, ctx: &mut Ctx) -> anyhow::Result<()> {
    let today = ctx.today();
    let policy = ctx.config.cadence;
    let found = ctx.store()?.due_by_cadence(today, &policy, args.limit as usize)?;
    if args.format.is_json() {
        return ctx.print(&output::json(&LosingTouch { date: today, customers: &found })?);
    }
    let i = &ctx.i18n;
    if found.is_empty() {
        return ctx.print(&i.t("playbook.losing_touch.empty"));
    }
    let mut table = Table::new(vec![
        i.t("cli.col.id"),
        i.t("cli.col.name"),
        i.t("cli.col.company"),
        i.t("playbook.col.portfolio"),
        i.t("playbook.col.every"),
        i.t("cli.col.last_contact"),
        i.t("playbook.col.state"),
    ])
    .align_right(0)
    .align_right(4);
    for d in &found {
        table.row(vec![
            d.customer.id.to_string(),
            d.customer.name.clone(),
            d.customer.company.clone(),
            d.portfolio.map(|p| i.word(p)).unwrap_or_else(|| "—".into()),
            d.interval_days.to_string(),
            d.last_contact_on.map(|d| d.to_string()).unwrap_or_else(|| i.t("playbook.cadence.never")),
            cadence_state_text(i, &d.state),
        ]);
    }
    ctx.print(&table.render())
}
