//! Search over customers, facts, visits and notes (`fieldbook search`, the search screen).
//!
//! FTS5 finds candidates fast (see [`super::search_text`]); each candidate is then checked
//! against its own row's text, so a hit contains every term and nothing the index merely
//! approximated slips through. Each kind is searched on its own rowid range, newest first, and
//! the page is shared fairly between kinds, so thousands of matching visits never push the one
//! matching customer off the page. People and accounts are also found by their keys
//! ([`super::search_keys`]): first those whose name a query of words names (by its pinyin or
//! its words, as written first), then those whose record has every term, then those found by
//! any key (pinyin of a company, digits of a phone, an e-mail's letters). A search for a
//! person as a rep calls them (单总, 李工: [`SearchQuery::addressed`]) also finds those named by
//! the surname, those called so in their record first. Nothing else is ranked: the work stays
//! proportional to the page.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::Store;
use super::error::{Context, Result};
use super::rows;
use super::search_excerpt::{Shown, excerpt_of};
use super::search_keys::{Keys, search_keys, usual_name_keys};
use super::search_query::SearchQuery;
use super::search_text::{match_expression, matches_all};
use crate::domain::today::CustomerRef;

/// Offset between the rowid ranges of the kinds in `search_fts`: rowid = kind × 2⁴⁰ + id
/// (migration 0002).
pub const KIND_STRIDE: i64 = 1 << 40;

/// Rows of a kind that has its hits (or is not asked for) a search steps over before it asks
/// the index again below that kind, when the expression has no prefix term (asking again
/// seeks there at once).
const SKIP_BEFORE_JUMP: usize = 64;

/// What a search hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SearchKind {
    Customer,
    Fact,
    Visit,
    Note,
    /// A person of an account (migration 0008: kind 4); the account's own person (named as
    /// the customer) is found as the customer.
    Contact,
}

impl SearchKind {
    /// Every kind, in the order hits are listed.
    pub const ALL: [SearchKind; 5] = [Self::Customer, Self::Contact, Self::Fact, Self::Visit, Self::Note];

    /// The `search_fts` rowid of this kind's row `id`.
    pub fn fts_rowid(self, id: i64) -> i64 {
        self.index_key() * KIND_STRIDE + id
    }

    /// Its place in [`Self::ALL`] (the order hits are listed in).
    fn index(self) -> usize {
        Self::ALL.iter().position(|k| *k == self).unwrap_or_default()
    }

    /// Its number in the index: rowid = number × [`KIND_STRIDE`] + id.
    fn index_key(self) -> i64 {
        self as i64
    }

    /// Which of [`Self::source_sql`]'s text fields is a phone, if one is.
    fn phone_field(self) -> Option<usize> {
        match self {
            Self::Customer => Some(4),
            Self::Contact => Some(2),
            Self::Fact | Self::Visit | Self::Note => None,
        }
    }

    /// True for the kinds found by keys too: customers and people.
    fn has_keys(self) -> bool {
        matches!(self, Self::Customer | Self::Contact)
    }

    /// The keys of a row read by [`Self::source_sql`] (see [`search_keys`]): a customer's by
    /// its name, nickname, company, phone and e-mail, a person's by name, phone and e-mail (the
    /// index holds the same: migration 0010); other kinds have none.
    fn keys(self, fields: &[String]) -> Keys {
        let field = |i: usize| fields.get(i).map(String::as_str).unwrap_or_default();
        match self {
            Self::Customer => search_keys(field(0), &format!("{} {}", field(1), field(2)), field(4), field(5)),
            Self::Contact => search_keys(field(0), "", field(2), field(3)),
            Self::Fact | Self::Visit | Self::Note => Keys::default(),
        }
    }

    /// Reads one source row: customer ref (id, name, company, stage; NULL for inbox notes),
    /// `at`, then the indexed text fields, title field first. (`+d.state` keeps the planner on
    /// `deal_customer`; without statistics it would walk every open deal through `deal_stage`.)
    fn source_sql(self) -> &'static str {
        match self {
            Self::Customer => {
                "SELECT c.id, c.name, c.company, d.stage, NULL,
                        c.name, c.nickname, c.company, c.title, c.phone, c.email, c.address, c.source, c.referred_by
                 FROM customer c LEFT JOIN deal d ON d.customer_id = c.id AND +d.state = 'open'
                 WHERE c.id = ?1 LIMIT 1"
            }
            Self::Fact => {
                "SELECT c.id, c.name, c.company, d.stage, f.month_day, f.label, f.value
                 FROM customer_fact f JOIN customer c ON c.id = f.customer_id
                 LEFT JOIN deal d ON d.customer_id = c.id AND +d.state = 'open'
                 WHERE f.id = ?1 LIMIT 1"
            }
            Self::Visit => {
                "SELECT c.id, c.name, c.company, d.stage, coalesce(v.done_at, v.planned_at),
                        v.purpose, v.action_plan, v.expected_result, v.actual_result, v.next_topic, v.next_step, v.notes
                 FROM visit v JOIN customer c ON c.id = v.customer_id
                 LEFT JOIN deal d ON d.customer_id = c.id AND +d.state = 'open'
                 WHERE v.id = ?1 LIMIT 1"
            }
            Self::Contact => {
                "SELECT c.id, c.name, c.company, d.stage, NULL, p.name, p.title, p.phone, p.email
                 FROM contact p JOIN customer c ON c.id = p.customer_id
                 LEFT JOIN deal d ON d.customer_id = c.id AND +d.state = 'open'
                 WHERE p.id = ?1 AND p.name <> c.name LIMIT 1"
            }
            Self::Note => {
                "SELECT c.id, c.name, c.company, d.stage, n.created_at, n.body
                 FROM note n LEFT JOIN customer c ON c.id = n.customer_id
                 LEFT JOIN deal d ON d.customer_id = c.id AND +d.state = 'open'
                 WHERE n.id = ?1 LIMIT 1"
            }
        }
    }
}

/// Whether a candidate row, given its text and keys, is a hit.
type Check<'a> = &'a dyn Fn(&str, &Keys) -> bool;

/// One index query of a search: its FTS5 expression, the kinds it is for, how a candidate
/// becomes a hit (see [`Store::search_kinds`]) and the hits wanted of each kind.
#[derive(Clone, Copy)]
struct Ask<'a> {
    expr: &'a str,
    kinds: &'a [SearchKind],
    check: Option<Check<'a>>,
    shown: Shown<'a>,
    limit: usize,
    /// Rows of a kind without need passed over before asking again below it.
    jump_after: usize,
}

/// One row that matches every term of a search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub kind: SearchKind,
    /// Id of the customer, person, fact, visit or note.
    pub id: i64,
    /// Whom it belongs to (the customer itself for a customer hit; `None` for an inbox note).
    pub customer: Option<CustomerRef>,
    /// Customer or person name, fact label, visit purpose or a note's first line.
    pub title: String,
    /// A short piece of the row's text around the first term, a phone in readable groups.
    pub excerpt: String,
    /// Visit time (`YYYY-MM-DD HH:MM`), note time (RFC 3339 UTC) or a fact's month-day.
    pub at: Option<String>,
    /// The customer it belongs to is archived (found by search only, shown with a marker).
    #[serde(default)]
    pub archived: bool,
}

/// A source row as read for checking and showing.
struct SourceRow {
    customer: Option<CustomerRef>,
    at: Option<String>,
    fields: Vec<String>,
}

fn source_row(r: &rusqlite::Row) -> rusqlite::Result<SourceRow> {
    let customer = match r.get::<_, Option<i64>>(0)? {
        Some(id) => Some(CustomerRef { id, name: r.get(1)?, company: r.get(2)?, stage: rows::opt_code(r, 3)? }),
        None => None,
    };
    let mut fields = Vec::new();
    for i in 5..r.as_ref().column_count() {
        fields.push(r.get::<_, String>(i)?);
    }
    Ok(SourceRow { customer, at: r.get(4)?, fields })
}

impl Store {
    /// Rows of every kind whose own text contains every term of `query` (case-insensitive;
    /// Chinese terms of any length anywhere, other terms at the start of a word), and people
    /// and accounts found by their keys (pinyin, phone digits, e-mail) — those named by the
    /// query first — newest first within each kind and way of finding, at most `limit` in all,
    /// shared fairly between the kinds. A phone in an excerpt reads as everywhere else, an
    /// extension after `extension_word` (`ext.` / `转`: [`crate::i18n::I18n::phone`]).
    pub fn search(&self, query: &str, limit: u32, extension_word: &str) -> Result<Vec<SearchHit>> {
        self.search_reading(query, limit, true, extension_word)
    }

    /// The people and accounts whose name keys or other keys start with `query` (its name as
    /// written, its pinyin, an e-mail's letters), without the records' own words: what the app's
    /// search box asks for one letter typed, where every word of every visit starting with that
    /// letter would be a slow answer nobody reads.
    pub fn search_names(&self, query: &str, limit: u32, extension_word: &str) -> Result<Vec<SearchHit>> {
        self.search_reading(query, limit, false, extension_word)
    }

    /// [`Store::search`], with the records' own words asked or not.
    fn search_reading(&self, query: &str, limit: u32, words: bool, extension_word: &str) -> Result<Vec<SearchHit>> {
        let query = SearchQuery::parse(query);
        let limit = limit as usize;
        let Some(exact) = query.exact.as_deref().filter(|_| limit > 0 && !query.terms.is_empty()) else {
            return Ok(Vec::new());
        };
        let by_name = |_: &str, keys: &Keys| query.matches_names(&keys.names.join(" "));
        let by_keys = |text: &str, keys: &Keys| {
            let lowered: String = text.chars().flat_map(char::to_lowercase).collect();
            query.matches_keyed(&lowered, &keys.joined())
        };
        // Only customers and people have keys: an expression of keys alone is asked once for both.
        let shown = Shown { terms: &query.terms, extension_word };
        let with_keys: Vec<SearchKind> = SearchKind::ALL.into_iter().filter(|k| k.has_keys()).collect();
        let mut per_kind: Vec<Vec<SearchHit>> = vec![Vec::new(); SearchKind::ALL.len()];
        if let Some(names) = query.names.as_deref() {
            self.search_kinds(&with_keys, names, Some(&by_name), shown, &mut per_kind, limit)?;
            for hits in &mut per_kind {
                // Names as written (Wang Wei) before names by their usual pinyin (王伟), then by
                // another reading of a character (王立新, 立 read wei).
                hits.sort_by_cached_key(|h| {
                    (!matches_all(&h.title, &query.terms), !query.matches_names(&usual_name_keys(&h.title).join(" ")))
                });
            }
        }
        // A phone number's digits as typed before the same digits read with a country code
        // or trunk zero taken off (`00048227` is that number, not every one with `8227`).
        let mut found_as_typed = false;
        if let Some(typed) = query.digits_as_typed.as_deref() {
            self.search_kinds(&with_keys, typed, Some(&by_keys), shown, &mut per_kind, limit)?;
            found_as_typed = with_keys.iter().any(|k| !per_kind[k.index()].is_empty());
        }
        if words {
            self.search_kinds(&SearchKind::ALL, exact, None, shown, &mut per_kind, limit)?;
        }
        if let Some((surname, honorific)) = query.addressed() {
            // 单总: the people and accounts named 单 called 总 (a nickname, a title) first,
            // then any named 单.
            let named = |text: &str, _: &Keys| text.starts_with(&surname);
            let called = |text: &str, keys: &Keys| named(text, keys) && text.contains(&honorific);
            let surname_expr = match_expression(&surname).unwrap_or_default();
            let both = format!("{surname_expr} AND {}", match_expression(&honorific).unwrap_or_default());
            self.search_kinds(&with_keys, &both, Some(&called), shown, &mut per_kind, limit)?;
            self.search_kinds(&with_keys, &surname_expr, Some(&named), shown, &mut per_kind, limit)?;
        }
        if let Some(keyed) = query.keyed.as_deref().filter(|_| !found_as_typed) {
            self.search_kinds(&with_keys, keyed, Some(&by_keys), shown, &mut per_kind, limit)?;
        }
        let mut hits = share_page(per_kind, limit);
        self.mark_archived(&mut hits)?;
        Ok(hits)
    }

    /// Marks the hits whose customer is archived.
    fn mark_archived(&self, hits: &mut [SearchHit]) -> Result<()> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT id FROM customer WHERE archived = 1")
            .ctx("reading archived customers")?;
        let archived = stmt
            .query_map([], |r| r.get::<_, i64>(0))
            .ctx("reading archived customers")?
            .collect::<rusqlite::Result<std::collections::HashSet<i64>>>()
            .ctx("reading archived customers")?;
        for hit in hits.iter_mut() {
            hit.archived = hit.customer.as_ref().is_some_and(|c| archived.contains(&c.id));
        }
        Ok(())
    }

    /// Adds to `per_kind` (indexed as [`SearchKind::ALL`]), newest first, the rows of `kinds`
    /// the index finds for `expr` that pass `check` (given the row's text and keys; without
    /// one, the row's text has every term) and are not there yet, until each kind has `limit`.
    ///
    /// One index query walks those of `kinds` that still lack hits, from the highest kind
    /// down. FTS5 reads and merges every entry of every term a prefix (`"budget"*`, `"zh"*`)
    /// starts before it answers the first, whatever the rowid range: one query per kind did
    /// that once per kind, and stepping over the rows of a kind that has its hits costs less
    /// than asking again. Without a prefix the index seeks: the walk asks again below a kind
    /// once [`SKIP_BEFORE_JUMP`] of its rows were passed over.
    fn search_kinds(
        &self,
        kinds: &[SearchKind],
        expr: &str,
        check: Option<Check>,
        shown: Shown,
        per_kind: &mut [Vec<SearchHit>],
        limit: usize,
    ) -> Result<()> {
        let kinds: Vec<SearchKind> = kinds.iter().copied().filter(|k| per_kind[k.index()].len() < limit).collect();
        let (Some(first), Some(last)) =
            (kinds.iter().min_by_key(|k| k.index_key()), kinds.iter().max_by_key(|k| k.index_key()))
        else {
            return Ok(());
        };
        let mut candidates = self
            .conn()
            .prepare_cached(
                "SELECT rowid FROM search_fts WHERE search_fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3
                 ORDER BY rowid DESC",
            )
            .ctx("searching")?;
        let lowest = first.fts_rowid(0);
        let mut highest = last.fts_rowid(KIND_STRIDE - 1);
        let jump_after = if expr.contains('*') { usize::MAX } else { SKIP_BEFORE_JUMP };
        let ask = Ask { expr, kinds: &kinds, check, shown, limit, jump_after };
        while let Some(below) = self.walk(&mut candidates, &ask, (lowest, highest), per_kind)? {
            // The next kind below that still lacks hits, if any.
            let next = kinds
                .iter()
                .filter(|k| k.index_key() < below && per_kind[k.index()].len() < limit)
                .max_by_key(|k| k.index_key());
            match next {
                Some(kind) => highest = kind.fts_rowid(KIND_STRIDE - 1),
                None => break,
            }
        }
        Ok(())
    }

    /// One query of [`Self::search_kinds`] over the rowids `range`, newest first. Returns the
    /// kind (its number in the index) below which to ask again, when `jump_after` rows of a
    /// kind without need were passed over; `None` when the query has no more rows or every
    /// kind has its hits.
    fn walk(
        &self,
        candidates: &mut rusqlite::CachedStatement,
        ask: &Ask,
        range: (i64, i64),
        per_kind: &mut [Vec<SearchHit>],
    ) -> Result<Option<i64>> {
        let Ask { expr, kinds, check, shown, limit, jump_after } = *ask;
        let full = |per_kind: &[Vec<SearchHit>]| kinds.iter().all(|k| per_kind[k.index()].len() >= limit);
        let mut rows = candidates.query(params![expr, range.0, range.1]).ctx("searching")?;
        let mut skipped = 0;
        while let Some(row) = rows.next().ctx("searching")? {
            let rowid = row.get::<_, i64>(0).ctx("searching")?;
            let wanted = kinds
                .iter()
                .copied()
                .find(|k| k.index_key() == rowid / KIND_STRIDE && per_kind[k.index()].len() < limit);
            let Some(kind) = wanted else {
                skipped += 1;
                if skipped >= jump_after {
                    return Ok(Some(rowid / KIND_STRIDE));
                }
                continue;
            };
            skipped = 0;
            let id = rowid - kind.fts_rowid(0);
            if per_kind[kind.index()].iter().any(|h| h.id == id) {
                continue;
            }
            let mut source = self.conn().prepare_cached(kind.source_sql()).ctx("searching")?;
            let Some(found) = source.query_row([id], source_row).optional().ctx("searching")? else {
                continue;
            };
            let text = found.fields.iter().map(|f| f.trim()).filter(|f| !f.is_empty()).collect::<Vec<_>>().join(" · ");
            let hit = match check {
                Some(check) => check(&text, &kind.keys(&found.fields)),
                None => matches_all(&text, shown.terms),
            };
            if !hit {
                continue;
            }
            let title = found.fields.first().and_then(|f| f.lines().map(str::trim).find(|l| !l.is_empty()));
            per_kind[kind.index()].push(SearchHit {
                kind,
                id,
                customer: found.customer,
                title: title.unwrap_or_default().to_string(),
                excerpt: excerpt_of(&found.fields, kind.phone_field(), shown),
                at: found.at,
                archived: false,
            });
            if full(per_kind) {
                return Ok(None);
            }
        }
        Ok(None)
    }
}

/// Takes hits from each kind in turn until `limit`, then lists them kind by kind.
fn share_page(per_kind: Vec<Vec<SearchHit>>, limit: usize) -> Vec<SearchHit> {
    let mut take = vec![0; per_kind.len()];
    let mut total = 0;
    while total < limit {
        let before = total;
        for (n, hits) in take.iter_mut().zip(&per_kind) {
            if total < limit && *n < hits.len() {
                *n += 1;
                total += 1;
            }
        }
        if total == before {
            break;
        }
    }
    per_kind
        .into_iter()
        .zip(take)
        .flat_map(|(mut hits, n)| {
            hits.truncate(n);
            hits
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(kind: SearchKind, id: i64) -> SearchHit {
        SearchHit { kind, id, customer: None, title: String::new(), excerpt: String::new(), at: None, archived: false }
    }

    #[test]
    fn the_page_is_shared_between_kinds() {
        let customers = vec![hit(SearchKind::Customer, 1)];
        let visits: Vec<_> = (1..=10).map(|i| hit(SearchKind::Visit, i)).collect();
        let notes: Vec<_> = (1..=10).map(|i| hit(SearchKind::Note, i)).collect();
        let page = share_page(vec![customers, vec![], vec![], visits, notes], 6);
        let kinds: Vec<_> = page.iter().map(|h| (h.kind, h.id)).collect();
        assert_eq!(
            kinds,
            [
                (SearchKind::Customer, 1),
                (SearchKind::Visit, 1),
                (SearchKind::Visit, 2),
                (SearchKind::Visit, 3),
                (SearchKind::Note, 1),
                (SearchKind::Note, 2)
            ]
        );
    }
}
