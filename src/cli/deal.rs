//! `fieldbook move ID STEP`, `won ID`, `lost ID --reason`: the customer's open deal moves
//! through the five steps and closes. Each prints what changed (or the deal as JSON).

use super::Ctx;
use super::output::{self, FormatArg};
use super::{checklist, method};
use crate::domain::money::Money;
use crate::domain::{Deal, DomainError, Stage};
use crate::ops;

/// Arguments of `move`.
#[derive(Debug, clap::Args)]
pub struct MoveArgs {
    /// The customer id.
    pub id: i64,
    /// The step to move to: preparation, approach, survey, presentation, close (or Chinese, or a prefix).
    pub step: String,
    /// Why (kept in the step history).
    #[arg(long, default_value = "")]
    pub reason: String,
    #[command(flatten)]
    pub format: FormatArg,
}

/// Arguments of `won`.
#[derive(Debug, clap::Args)]
pub struct WonArgs {
    /// The customer id.
    pub id: i64,
    /// The final value of the deal (200000, 200k, 1.5m, 80万).
    #[arg(long, value_name = "AMOUNT")]
    pub value: Option<String>,
    #[command(flatten)]
    pub format: FormatArg,
}

/// Arguments of `lost`.
#[derive(Debug, clap::Args)]
pub struct LostArgs {
    /// The customer id.
    pub id: i64,
    /// Why the deal was lost (required).
    #[arg(long)]
    pub reason: Option<String>,
    #[command(flatten)]
    pub format: FormatArg,
}

/// Moves the open deal to another step.
pub fn run_move(args: &MoveArgs, ctx: &mut Ctx) -> anyhow::Result<()> {
    let to = Stage::parse(&args.step)?;
    let playbook = method::playbook(ctx);
    let moved = ops::steps::move_open_deal(ctx.store()?, &playbook, args.id, to, &args.reason)?;
    checklist::warn_unticked(ctx, &moved);
    let from = ctx.i18n.word(moved.from);
    let text = ctx.i18n.fmt("cli.deal.moved", &[("id", &args.id), ("from", &from), ("to", &ctx.i18n.word(to))]);
    report(ctx, &args.format, &moved.deal, &text)
}

/// Marks the open deal won.
pub fn run_won(args: &WonArgs, ctx: &mut Ctx) -> anyhow::Result<()> {
    let currency = ctx.store()?.open_deal(args.id)?.map_or(ctx.config.currency, |d| d.currency);
    let value = args.value.as_deref().map(|v| Money::parse(v, currency)).transpose()?;
    let deal = ctx.store()?.win_deal(args.id, value)?;
    let value = deal.value().map(|v| v.full()).unwrap_or_else(|| "—".into());
    let text = ctx.i18n.fmt("cli.deal.won", &[("id", &args.id), ("value", &value)]);
    report(ctx, &args.format, &deal, &text)
}

/// Marks the open deal lost, with its reason.
pub fn run_lost(args: &LostArgs, ctx: &mut Ctx) -> anyhow::Result<()> {
    let reason = args.reason.as_deref().map(str::trim).filter(|r| !r.is_empty());
    let reason = reason.ok_or(DomainError::MissingField { field: "reason" })?;
    let deal = ctx.store()?.lose_deal(args.id, reason)?;
    let text = ctx.i18n.fmt("cli.deal.lost", &[("id", &args.id), ("reason", &deal.lost_reason)]);
    report(ctx, &args.format, &deal, &text)
}

/// Prints the deal as JSON, or the one-line confirmation.
fn report(ctx: &Ctx, format: &FormatArg, deal: &Deal, text: &str) -> anyhow::Result<()> {
    if format.is_json() { ctx.print(&output::json(deal)?) } else { ctx.print(text) }
}
