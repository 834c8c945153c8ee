//! `fieldbook check`: integrity, foreign keys and the search index; prints OK or each
//! problem, and exits non-zero when there are problems.

use serde_json::json;

use super::Ctx;
use super::output::{self, FormatArg};
use crate::i18n::I18n;
use crate::store::check::Problem;
use crate::store::transfer::backup;

/// Arguments of `check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub format: FormatArg,
}

/// Runs the checks.
pub fn run(args: &CheckArgs, ctx: &mut Ctx) -> anyhow::Result<()> {
    let problems = ctx.store()?.check()?;
    let damaged = problems.iter().any(|p| matches!(p, Problem::Integrity { .. }));
    let good = if damaged { backup::last_good_backup(ctx.db_path()) } else { None };
    if args.format.is_json() {
        let mut report = json!({ "ok": problems.is_empty(), "problems": problems });
        if damaged {
            report["last_good_backup"] = json!(good);
        }
        ctx.print(&output::json(&report)?)?;
    } else if problems.is_empty() {
        ctx.print(&ctx.i18n.fmt("cli.check.ok", &[("path", &ctx.db_path().display())]))?;
    } else {
        let mut lines: Vec<String> =
            problems.iter().take(SHOWN).map(|p| format!("- {}", describe(&ctx.i18n, p))).collect();
        if problems.len() > SHOWN {
            lines.push(ctx.i18n.fmt("cli.check.more", &[("n", &(problems.len() - SHOWN))]));
        }
        if damaged {
            lines.push(match &good {
                Some(good) => ctx.i18n.fmt("cli.check.good_backup", &[("path", &good.display())]),
                None => ctx.i18n.t("cli.check.no_good_backup"),
            });
        }
        ctx.print(&lines.join("\n"))?;
    }
    if problems.is_empty() { Ok(()) } else { Err(ctx.fail("cli.check.failed", &[("n", &problems.len())])) }
}

/// How many problems the text output lists (JSON lists them all).
const SHOWN: usize = 10;

/// One problem in words.
fn describe(i: &I18n, p: &Problem) -> String {
    match p {
        Problem::Integrity { detail } => i.fmt("cli.check.integrity", &[("detail", detail)]),
        Problem::ForeignKey { table, rowid, parent } => {
            let rowid = rowid.map(|r| r.to_string()).unwrap_or_else(|| "?".into());
            i.fmt("cli.check.foreign_key", &[("table", table), ("rowid", &rowid), ("parent", parent)])
        }
        Problem::Unreadable { table, id, detail } => {
            i.fmt("cli.check.unreadable", &[("table", table), ("id", id), ("detail", detail)])
        }
        Problem::SearchMissing { table, count } => i.fmt("cli.check.search_missing", &[("table", table), ("n", count)]),
        Problem::SearchExtra { table, count } => i.fmt("cli.check.search_extra", &[("table", table), ("n", count)]),
        Problem::SearchStray { count } => i.fmt("cli.check.search_stray", &[("n", count)]),
        Problem::SearchIndex { detail } => i.fmt("cli.check.search_index", &[("detail", detail)]),
        Problem::SummaryOff { table, count } => i.fmt("cli.check.summary_off", &[("table", table), ("n", count)]),
    }
}
