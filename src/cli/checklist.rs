//! `fieldbook checklist ID [--tick N]… [--untick N]…`: the checklist of the current step of the
//! customer's open deal, numbered, with ticks.

use super::Ctx;
use super::customer_arg::CustomerArg;
use super::deal::DealArg;
use super::method;
use super::output::{self, FormatArg};
use crate::ops;
use crate::ops::steps::Moved;
use crate::playbook::views::{ChecklistView, title};
use crate::text::indent;

/// Arguments of `checklist`.
#[derive(Debug, clap::Args)]
pub struct ChecklistArgs {
    /// The customer: its number, or a name only it answers to (`fieldbook list` shows numbers).
    #[arg(value_name = "CUSTOMER")]
    pub id: CustomerArg,
    /// Tick item N (repeat for several).
    #[arg(long, value_name = "N")]
    pub tick: Vec<u32>,
    /// Untick item N (repeat for several).
    #[arg(long, value_name = "N")]
    pub untick: Vec<u32>,
    #[command(flatten)]
    pub deal: DealArg,
    #[command(flatten)]
    pub format: FormatArg,
}

/// Applies the ticks, then prints the list.
pub fn run(args: &ChecklistArgs, ctx: &mut Ctx) -> anyhow::Result<()> {
    let customer_id = args.id.id(ctx)?;
    let playbook = method::playbook(ctx);
    let store = ctx.store()?;
    let customer = store.customer(customer_id)?;
    let deal = ops::deals::pick(store, customer_id, args.deal.id, true)?;
    let total = playbook.step(deal.stage).checklist.len();
    if let Some(bad) = args.tick.iter().chain(&args.untick).find(|n| **n == 0 || **n as usize > total) {
        return Err(ctx.fail("playbook.checklist.bad_item", &[("n", bad), ("total", &total)]));
    }
    let store = ctx.store()?;
    if !args.tick.is_empty() || !args.untick.is_empty() {
        store.set_checklist_ticks(deal.id, deal.stage, &args.tick, &args.untick)?;
    }
    let view = ChecklistView::load(store, &deal, &playbook)?;
    if args.format.is_json() {
        return ctx.print(&output::json(&view)?);
    }
    let text = format!(
        "{}\n{}",
        title(&ctx.i18n, customer.id, &customer.name, &customer.company),
        indent(&view.render(&ctx.i18n))
    );
    ctx.print(&text)
}

/// After a move forward, warns on stderr about the items of the step left that are not ticked
/// (the move is never blocked).
pub fn warn_unticked(ctx: &Ctx, moved: &Moved) {
    let open = &moved.left_unticked;
    if open.is_empty() {
        return;
    }
    let step = ctx.i18n.word(moved.from);
    let mut lines = vec![ctx.i18n.fmt("playbook.move.unticked", &[("n", &open.len()), ("step", &step)])];
    lines.extend(open.iter().map(|it| format!("  {:>2} [ ] {}", it.number, it.text)));
    ctx.tell(&lines.join("\n"));
}
