//! `fieldbook brief ID`: the pre-visit brief (see [`crate::playbook::brief`]) as text or JSON.

use super::Ctx;
use super::customer_arg::CustomerArg;
use super::method;
use super::output::{self, FormatArg};
use crate::playbook::brief::Brief;

/// Arguments of `brief`.
#[derive(Debug, clap::Args)]
pub struct BriefArgs {
    /// The customer: its number, or a name only it answers to (`fieldbook list` shows numbers).
    #[arg(value_name = "CUSTOMER")]
    pub id: CustomerArg,
    #[command(flatten)]
    pub format: FormatArg,
}

/// Prints the brief.
pub fn run(args: &BriefArgs, ctx: &mut Ctx) -> anyhow::Result<()> {
    let customer_id = args.id.id(ctx)?;
    let playbook = method::playbook(ctx);
    let today = ctx.today();
    let config = ctx.config.clone();
    let brief = Brief::load(ctx.store()?, &playbook, &config, today, customer_id)?;
    if args.format.is_json() {
        return ctx.print(&output::json(&brief)?);
    }
    let text = brief.render(&ctx.i18n, &playbook);
    ctx.print(&crate::text::wrap_labelled_text(&text, output::text_width()))
}
