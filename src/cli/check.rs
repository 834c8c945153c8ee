//! `fieldbook check`: integrity, foreign keys and the search index; prints OK or each
//! problem, and exits non-zero when there are problems.

use serde_json::json;

use super::Ctx;
use super::output::{self, FormatArg};
use crate::i18n::I18n;
use crate::store::check::Problem;

/// Arguments of `check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub format: FormatArg,
}

/// Runs the checks.
pub fn run(args: &CheckArgs, ctx: &mut Ctx) -> anyhow::Result<()> {
    let problems = ctx.store()?.check()?;
    if args.format.is_json() {
        ctx.print(&output::json(&json!({ "ok": problems.is_empty(), "problems": problems }))?)?;
    } else if problems.is_empty() {
        ctx.print(&ctx.i18n.fmt("cli.check.ok", &[("path", &ctx.db_path().display())]))?;
    } else {
        let lines: Vec<String> = problems.iter().map(|p| format!("- {}", describe(&ctx.i18n, p))).collect();
        ctx.print(&lines.join("\n"))?;
    }
    if problems.is_empty() { Ok(()) } else { Err(ctx.fail("cli.check.failed", &[("n", &problems.len())])) }
}

/// One problem in words.
fn describe(i: &I18n, p: &Problem) -> String {
    match p {
        Problem::Integrity { detail } => i.fmt("cli.check.integrity", &[("detail", detail)]),
        Problem::ForeignKey { table, rowid, parent } => {
            let rowid = rowid.map(|r| r.to_string()).unwrap_or_else(|| "?".into());
            i.fmt("cli.check.foreign_key", &[("table", table), ("rowid", &rowid), ("parent", parent)])
        }
        Problem::SearchMissing { table, count } => i.fmt("cli.check.search_missing", &[("table", table), ("n", count)]),
        Problem::SearchExtra { table, count } => i.fmt("cli.check.search_extra", &[("table", table), ("n", count)]),
        Problem::SearchStray { count } => i.fmt("cli.check.search_stray", &[("n", count)]),
        Problem::SearchIndex { detail } => i.fmt("cli.check.search_index", &[("detail", detail)]),
    }
}
