//! `fieldbook demo`: realistic, reproducible demo data, dated around today.

use super::Ctx;
use crate::demo::{self, DEFAULT_SEED, DemoSize};

/// Arguments of `demo`.
#[derive(Debug, clap::Args)]
pub struct DemoArgs {
    /// How many customers (140 are about one rep's book; 100,000 a large team's).
    #[arg(long, default_value_t = DemoSize::default().customers)]
    pub customers: u32,
    /// How many visits (planned and logged), spread over the customers.
    #[arg(long, default_value_t = DemoSize::default().visits)]
    pub visits: u32,
    /// Seed: the same seed and the same --today give the same data.
    #[arg(long, default_value_t = DEFAULT_SEED)]
    pub seed: u64,
    /// Add the demo data even though the database already has customers.
    #[arg(long)]
    pub force: bool,
}

/// Loads the data in one transaction and says what was added.
pub fn run(args: &DemoArgs, ctx: &mut Ctx) -> anyhow::Result<()> {
    if args.customers == 0 {
        return Err(ctx.fail("cli.demo.no_customers", &[]));
    }
    let size = DemoSize { customers: args.customers, visits: args.visits };
    let lang = ctx.i18n.lang();
    let summary = demo::load(ctx.store()?, size, args.seed, lang, args.force)?;
    let path = ctx.db_path().display().to_string();
    ctx.tell(&ctx.i18n.fmt(
        "cli.demo.loaded",
        &[
            ("customers", &summary.customers),
            ("deals", &summary.deals),
            ("visits", &summary.visits),
            ("facts", &summary.facts),
            ("notes", &summary.notes),
            ("seed", &args.seed),
            ("path", &path),
        ],
    ));
    Ok(())
}
