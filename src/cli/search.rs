//! `fieldbook search QUERY`: customers, facts, visits and notes containing every term.

use super::Ctx;
use super::output::{self, FormatArg, Table};
use crate::store::{SearchHit, SearchKind};

/// Arguments of `search`.
#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// What to look for; every term must match (English any case, Chinese of any length).
    /// Put `--` before a query that starts with `-`.
    #[arg(required = true, num_args = 1.., value_name = "QUERY")]
    pub query: Vec<String>,
    /// At most this many hits, shared between customers, facts, visits and notes.
    #[arg(long, default_value_t = 20)]
    pub limit: u32,
    #[command(flatten)]
    pub format: FormatArg,
}

/// Prints the hits.
pub fn run(args: &SearchArgs, ctx: &mut Ctx) -> anyhow::Result<()> {
    let query = args.query.join(" ");
    let extension_word = ctx.i18n.t("common.phone_extension");
    let hits = ctx.store()?.search(&query, args.limit, &extension_word)?;
    if args.format.is_json() {
        return ctx.print(&output::json(&hits)?);
    }
    if hits.is_empty() {
        return ctx.print(&ctx.i18n.fmt("cli.search.empty", &[("query", &query)]));
    }
    ctx.print(&table(ctx, &hits))
}

/// The hits as an aligned table.
fn table(ctx: &Ctx, hits: &[SearchHit]) -> String {
    let i = &ctx.i18n;
    let headers = [
        "cli.search.col_kind",
        "cli.col.id",
        "cli.col.customer",
        "cli.search.col_title",
        "cli.search.col_match",
        "cli.col.when",
    ];
    let mut table = Table::new(headers.iter().map(|h| i.t(h)).collect())
        .align_right(1)
        .max_width(2, 24)
        .max_width(3, 30)
        .max_width(4, 48);
    for h in hits {
        let kind = match h.kind {
            SearchKind::Customer => "customer",
            SearchKind::Fact => "fact",
            SearchKind::Visit => "visit",
            SearchKind::Note => "note",
            SearchKind::Contact => "contact",
        };
        let customer = h.customer.as_ref().map(|c| {
            let who = format!("{} · {}", c.name, c.company).trim_end_matches(" · ").to_string();
            if h.archived { i.fmt("cli.search.archived", &[("customer", &who)]) } else { who }
        });
        table.row(vec![
            i.t(&format!("cli.search.kind.{kind}")),
            h.id.to_string(),
            customer.unwrap_or_else(|| i.t("cli.search.inbox")),
            h.title.clone(),
            h.excerpt.clone(),
            h.at.as_deref().map(short_time).unwrap_or_default(),
        ]);
    }
    table.render()
}

/// `2031-05-06 10:00` and RFC 3339 `2031-05-06T02:00:00Z` as `2031-05-06 10:00` / `2031-05-06`.
fn short_time(at: &str) -> String {
    match at.split_once('T') {
        Some((date, _)) => date.to_string(),
        None => at.to_string(),
    }
}
