//! `fieldbook list`: a page of customers, filtered by step, class, or what is due.

use super::Ctx;
use super::output::{self, FormatArg, Table};
use crate::domain::money::Money;
use crate::domain::{CustomerClass, Step, Word};
use crate::store::{CustomerFilter, CustomerRow, CustomerSort};

/// Arguments of `list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only customers whose open deal is in this step.
    #[arg(long, value_name = "STEP")]
    pub stage: Option<String>,
    /// Only customers of this class.
    #[arg(long)]
    pub class: Option<String>,
    /// Only customers with something due today: a next step on or before today, or no
    /// contact for longer than their visit cadence. Sorted by next step.
    #[arg(long)]
    pub due: bool,
    /// How many customers to show.
    #[arg(long, default_value_t = 50)]
    pub limit: u32,
    /// How many to skip (the next page).
    #[arg(long, default_value_t = 0)]
    pub offset: u32,
    #[command(flatten)]
    pub format: FormatArg,
}

/// Prints the page.
pub fn run(args: &ListArgs, ctx: &mut Ctx) -> anyhow::Result<()> {
    let filter = CustomerFilter {
        stage: args.stage.as_deref().map(Step::parse).transpose()?,
        class: args.class.as_deref().map(CustomerClass::parse_word).transpose()?,
        due: args.due.then(|| (ctx.today(), ctx.config.cadence)),
        ..Default::default()
    };
    let sort = if args.due { CustomerSort::NextStep } else { CustomerSort::Name };
    let rows = ctx.store()?.list_customers(&filter, sort, args.limit, args.offset)?;
    if args.format.is_json() {
        return ctx.print(&output::json(&rows)?);
    }
    if rows.is_empty() {
        return ctx.print(&ctx.i18n.t("cli.list.empty"));
    }
    ctx.print(&table(ctx, &rows))
}

/// The customers as an aligned table.
fn table(ctx: &Ctx, rows: &[CustomerRow]) -> String {
    let i = &ctx.i18n;
    let headers = ["id", "name", "company", "step", "class", "value", "last_contact", "next_step"];
    let mut table = Table::new(headers.iter().map(|h| i.t(&format!("cli.col.{h}"))).collect())
        .align_right(0)
        .align_right(5)
        .max_width(1, 20)
        .max_width(2, 24);
    for r in rows {
        table.row(vec![
            r.id.to_string(),
            r.name.clone(),
            r.company.clone(),
            r.stage.map(|s| i.word(s)).unwrap_or_default(),
            i.word(r.class),
            r.value_minor.map(|v| i.money(Money::new(v, r.currency.unwrap_or_default()))).unwrap_or_default(),
            r.last_contact_on.map(|d| d.to_string()).unwrap_or_default(),
            r.next_step_on.map(|d| d.to_string()).unwrap_or_default(),
        ]);
    }
    table.render()
}
