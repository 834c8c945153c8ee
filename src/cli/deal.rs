//! The deals of a customer on the command line: `deal add|list|edit`, `move`, `won`, `lost`,
//! `reopen`, and `pipeline` (per step: count and totals per currency). A command that names
//! only the customer acts on its one open deal; `--deal ID` names one of several.

use super::Ctx;
use super::customer_arg::CustomerArg;
use super::output::{self, FormatArg, Table};
use super::{checklist, method};
use crate::domain::{Deal, DomainError, Step};
use crate::i18n::I18n;
use crate::ops;
use crate::ops::deals::{DealDraft, DealEdit};

/// `--deal ID`: which of the customer's deals (implied when it has one open deal).
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct DealArg {
    /// The deal (needed when the customer has several open deals; `fieldbook deal list ID`).
    #[arg(long = "deal", id = "deal", value_name = "DEAL", global = true)]
    pub id: Option<i64>,
}

/// Arguments of `deal`.
#[derive(Debug, clap::Args)]
pub struct DealArgs {
    #[command(subcommand)]
    pub action: DealAction,
}

/// What `deal` does.
#[derive(Debug, clap::Subcommand)]
pub enum DealAction {
    /// Add a deal to a customer; prints the new deal's id.
    Add(AddArgs),
    /// List a customer's deals, open and closed.
    List(ListArgs),
    /// Change a deal's title, value, currency or expected close date.
    Edit(EditArgs),
}

/// Arguments of `deal add`.
#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// The customer: its number, or a name only it answers to (`fieldbook list` shows numbers).
    #[arg(value_name = "CUSTOMER")]
    pub customer: CustomerArg,
    /// What the deal is about (required).
    #[arg(long)]
    pub title: String,
    /// Expected value (200000, 200k, 1.5m, 80万, $50k, USD 50000).
    #[arg(long, value_name = "AMOUNT")]
    pub value: Option<String>,
    /// Currency of a value that names none (default: `currency` in config.toml, else CNY).
    #[arg(long, value_name = "CODE")]
    pub currency: Option<String>,
    /// The step it starts in (default: preparation).
    #[arg(long, value_name = "STEP")]
    pub stage: Option<String>,
    /// Expected close date (YYYY-MM-DD, +3w, fri…).
    #[arg(long, value_name = "DATE")]
    pub close_on: Option<String>,
    #[command(flatten)]
    pub format: FormatArg,
}

/// Arguments of `deal list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// The customer: its number, or a name only it answers to (`fieldbook list` shows numbers).
    #[arg(value_name = "CUSTOMER")]
    pub customer: CustomerArg,
    #[command(flatten)]
    pub format: FormatArg,
}

/// Arguments of `deal edit`.
#[derive(Debug, clap::Args)]
pub struct EditArgs {
    /// The deal id.
    pub id: i64,
    /// A new title.
    #[arg(long)]
    pub title: Option<String>,
    /// A new value ("" clears it).
    #[arg(long, value_name = "AMOUNT")]
    pub value: Option<String>,
    /// A new currency (alone, the value keeps its number).
    #[arg(long, value_name = "CODE")]
    pub currency: Option<String>,
    /// A new expected close date ("" clears it).
    #[arg(long, value_name = "DATE")]
    pub close_on: Option<String>,
    #[command(flatten)]
    pub format: FormatArg,
}

/// Arguments of `move`.
#[derive(Debug, clap::Args)]
pub struct MoveArgs {
    /// The customer: its number, or a name only it answers to (`fieldbook list` shows numbers).
    #[arg(value_name = "CUSTOMER")]
    pub id: CustomerArg,
    /// The step to move to: preparation, approach, survey, presentation, close (or Chinese, or a prefix).
    pub step: String,
    /// Why (kept in the step history).
    #[arg(long, default_value = "")]
    pub reason: String,
    #[command(flatten)]
    pub deal: DealArg,
    #[command(flatten)]
    pub format: FormatArg,
}

/// Arguments of `won`.
#[derive(Debug, clap::Args)]
pub struct WonArgs {
    /// The customer: its number, or a name only it answers to (`fieldbook list` shows numbers).
    #[arg(value_name = "CUSTOMER")]
    pub id: CustomerArg,
    /// The final value of the deal (200000, 200k, 1.5m, 80万, $50k); a bare number is in the deal's currency.
    #[arg(long, value_name = "AMOUNT")]
    pub value: Option<String>,
    #[command(flatten)]
    pub deal: DealArg,
    #[command(flatten)]
    pub format: FormatArg,
}

/// Arguments of `lost`.
#[derive(Debug, clap::Args)]
pub struct LostArgs {
    /// The customer: its number, or a name only it answers to (`fieldbook list` shows numbers).
    #[arg(value_name = "CUSTOMER")]
    pub id: CustomerArg,
    /// Why the deal was lost (required).
    #[arg(long)]
    pub reason: Option<String>,
    #[command(flatten)]
    pub deal: DealArg,
    #[command(flatten)]
    pub format: FormatArg,
}

/// Arguments of `reopen`.
#[derive(Debug, clap::Args)]
pub struct ReopenArgs {
    /// The deal id (`fieldbook deal list CUSTOMER` shows them).
    pub deal: i64,
    /// Why (kept in the step history).
    #[arg(long, default_value = "")]
    pub reason: String,
    #[command(flatten)]
    pub format: FormatArg,
}

/// Arguments of `pipeline`.
#[derive(Debug, clap::Args)]
pub struct PipelineArgs {
    #[command(flatten)]
    pub format: FormatArg,
}

/// Runs `deal add|list|edit`.
pub fn run(args: &DealArgs, ctx: &mut Ctx) -> anyhow::Result<()> {
    match &args.action {
        DealAction::Add(a) => add(a, ctx),
        DealAction::List(a) => list(a, ctx),
        DealAction::Edit(a) => edit(a, ctx),
    }
}

fn add(args: &AddArgs, ctx: &mut Ctx) -> anyhow::Result<()> {
    let customer_id = args.customer.id(ctx)?;
    let draft = DealDraft {
        title: args.title.clone(),
        value: args.value.clone().unwrap_or_default(),
        currency: args.currency.clone().unwrap_or_default(),
        stage: args.stage.as_deref().map(Step::parse).transpose()?,
        close_on: args.close_on.clone().unwrap_or_default(),
    };
    let default = ctx.config.currency;
    let deal = ops::deals::add(ctx.store()?, customer_id, &draft, default)?;
    if args.format.is_json() {
        return ctx.print(&output::json(&deal)?);
    }
    ctx.tell(&ctx.i18n.fmt("cli.deal.added", &[("deal", &deal.id), ("id", &customer_id), ("title", &deal.title)]));
    ctx.print(&deal.id.to_string())
}

fn list(args: &ListArgs, ctx: &mut Ctx) -> anyhow::Result<()> {
    let customer_id = args.customer.id(ctx)?;
    let deals = ops::deals::list(ctx.store()?, customer_id)?;
    if args.format.is_json() {
        return ctx.print(&output::json(&deals)?);
    }
    ctx.print(&table(&ctx.i18n, &deals))
}

/// Deals as an aligned table: id, title, step, state, value, expected close, lost reason.
pub fn table(i: &I18n, deals: &[Deal]) -> String {
    let headers = ["id", "title", "step", "state", "value", "close_on", "reason"];
    let mut table = Table::new(headers.iter().map(|h| i.t(&format!("cli.col.{h}"))).collect())
        .align_right(0)
        .align_right(4)
        .max_width(1, 30)
        .max_width(6, 40);
    for d in deals {
        table.row(vec![
            d.id.to_string(),
            d.title.clone(),
            i.word(d.stage),
            i.word(d.state),
            d.value().map(|v| v.full()).unwrap_or_default(),
            d.expected_close_on.map(|d| d.to_string()).unwrap_or_default(),
            d.lost_reason.clone(),
        ]);
    }
    table.render()
}

fn edit(args: &EditArgs, ctx: &mut Ctx) -> anyhow::Result<()> {
    let edit = DealEdit {
        title: args.title.clone(),
        value: args.value.clone(),
        currency: args.currency.clone(),
        close_on: args.close_on.clone(),
    };
    let deal = ops::deals::edit(ctx.store()?, args.id, &edit)?;
    let text = ctx.i18n.fmt("cli.deal.edited", &[("deal", &deal.id), ("summary", &summary(&ctx.i18n, &deal))]);
    report(ctx, &args.format, &deal, &text)
}

/// `Pumps for line 2 · Survey · $50,000 · close 2031-06-30`.
fn summary(i: &I18n, deal: &Deal) -> String {
    let mut parts = vec![deal.title.clone(), i.word(deal.stage)];
    parts.extend(deal.value().map(|v| v.full()));
    parts.extend(deal.expected_close_on.map(|d| i.fmt("cli.deal.close_on", &[("date", &d)])));
    parts.retain(|p| !p.is_empty());
    parts.join(" · ")
}

/// Moves the open deal to another step.
pub fn run_move(args: &MoveArgs, ctx: &mut Ctx) -> anyhow::Result<()> {
    let customer_id = args.id.id(ctx)?;
    let to = Step::parse(&args.step)?;
    let playbook = method::playbook(ctx);
    let moved = ops::steps::move_open_deal(ctx.store()?, &playbook, customer_id, args.deal.id, to, &args.reason)?;
    checklist::warn_unticked(ctx, &moved);
    let from = ctx.i18n.word(moved.from);
    let text = ctx.i18n.fmt(
        "cli.deal.moved",
        &[("id", &customer_id), ("deal", &moved.deal.id), ("from", &from), ("to", &ctx.i18n.word(to))],
    );
    report(ctx, &args.format, &moved.deal, &text)
}

/// Marks the open deal won.
pub fn run_won(args: &WonArgs, ctx: &mut Ctx) -> anyhow::Result<()> {
    let customer_id = args.id.id(ctx)?;
    let store = ctx.store()?;
    let deal = ops::deals::pick(store, customer_id, args.deal.id, true)?;
    let closed = ops::deals::win(store, deal.id, args.value.as_deref())?;
    let value = closed.deal.value().map(|v| v.full()).unwrap_or_else(|| "—".into());
    let text = ctx.i18n.fmt("cli.deal.won", &[("id", &customer_id), ("deal", &closed.deal.id), ("value", &value)]);
    report(ctx, &args.format, &closed.deal, &(text + &closed.steps_said(&ctx.i18n)))
}

/// Marks the open deal lost, with its reason.
pub fn run_lost(args: &LostArgs, ctx: &mut Ctx) -> anyhow::Result<()> {
    let customer_id = args.id.id(ctx)?;
    let reason = args.reason.as_deref().map(str::trim).filter(|r| !r.is_empty());
    let reason = reason.ok_or(DomainError::MissingField { field: "reason" })?;
    let store = ctx.store()?;
    let deal = ops::deals::pick(store, customer_id, args.deal.id, true)?;
    let closed = ops::deals::lose(store, deal.id, reason)?;
    let deal = &closed.deal;
    let text =
        ctx.i18n.fmt("cli.deal.lost", &[("id", &customer_id), ("deal", &deal.id), ("reason", &deal.lost_reason)]);
    report(ctx, &args.format, deal, &(text + &closed.steps_said(&ctx.i18n)))
}

/// Opens a won or lost deal again.
pub fn run_reopen(args: &ReopenArgs, ctx: &mut Ctx) -> anyhow::Result<()> {
    let opened = ops::deals::reopen(ctx.store()?, args.deal, &args.reason)?;
    let deal = &opened.deal;
    let text = ctx.i18n.fmt("cli.deal.reopened", &[("deal", &deal.id), ("step", &ctx.i18n.word(deal.stage))]);
    report(ctx, &args.format, deal, &(text + &opened.steps_said(&ctx.i18n)))
}

/// Per step: the open deals' count and their totals per currency (never added together).
pub fn run_pipeline(args: &PipelineArgs, ctx: &mut Ctx) -> anyhow::Result<()> {
    let steps = ops::deals::pipeline(ctx.store()?)?;
    if args.format.is_json() {
        return ctx.print(&output::json(&steps)?);
    }
    let i = &ctx.i18n;
    let rates = ctx.config.exchange_rates();
    let mut table = Table::new(vec![i.t("cli.col.step"), i.t("cli.col.deals"), i.t("cli.col.value")])
        .align_right(1)
        .max_width(2, 120);
    let mut all = crate::domain::money::Totals::default();
    let mut count = 0;
    for step in &steps {
        table.row(vec![i.word(step.stage), step.count.to_string(), i.totals(&step.totals, rates.base)]);
        all.merge(&step.totals);
        count += step.count;
    }
    table.row(vec![i.t("cli.deal.all_steps"), count.to_string(), i.totals_converted(&all, &rates)]);
    ctx.print(&table.render())
}

/// Prints the deal as JSON, or the one-line confirmation.
fn report(ctx: &Ctx, format: &FormatArg, deal: &Deal, text: &str) -> anyhow::Result<()> {
    if format.is_json() { ctx.print(&output::json(deal)?) } else { ctx.print(text) }
}
