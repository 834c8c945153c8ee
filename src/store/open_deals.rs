//! The board filter's table, held in memory by the connection that filters: every open deal of
//! an account not archived (its step, value and currency, in the board's order) and each such
//! account's name, nickname and company. A key of the filter then matches the accounts in
//! memory (the name, nickname and company as SQLite's LIKE would: ASCII letters in either case)
//! and asks the search index only for the accounts whose keys it starts, instead of reading
//! every open deal again (36–61 ms a key at 100k accounts). The table is read again after any
//! write, this connection's or another's.
//!
//! The accounts are kept in the customers table's name order, so while the table is held the
//! customers filter takes its page from the same match ([`Store::names_matching`]) instead of
//! walking the names in SQL until the page fills (15–21 ms a key for a common surname).

use std::cell::RefCell;

use super::Store;
use super::customers::customers_matching_keys;
use super::error::{Context, Result};
use super::pipeline::{BoardMatches, PipelineFilter};
use super::search_query::keys_only;
use crate::domain::money::{Currency, Money};
use crate::domain::{Step, Word};

/// Between two fields of [`OpenDeals::text`]: SQLite's LIKE reads a text only up to its
/// first NUL, so a field holds none, nor does a filter.
const END: char = '\0';

/// One open deal as the filter needs it.
#[derive(Debug, Clone, Copy)]
struct OpenDeal {
    id: i64,
    /// The deal's account: its index in [`OpenDeals::starts`].
    account: u32,
    value_minor: Option<i64>,
    currency: Currency,
}

/// The open deals of the accounts not archived, and those accounts' words: see the module doc.
#[derive(Debug)]
pub(crate) struct OpenDeals {
    /// The database as it was read: its data version (changed by another connection's write)
    /// and this connection's count of written rows.
    read_at: (i64, u64),
    /// Every account's id, in name order (its pinyin key, then name, company and id).
    ids: Vec<i64>,
    /// Where each id is in `ids`.
    by_id: IdIndex,
    /// Each account's name, nickname and company, ASCII lower-cased, each followed by [`END`].
    text: String,
    /// Where each account's fields start in `text`; one more at the end.
    starts: Vec<u32>,
    /// Each step's open deals, the most recently moved first (then the highest id).
    deals: [Vec<OpenDeal>; 5],
}

/// Where each account id is in [`OpenDeals::ids`]: a key of the filter looks up every account
/// the search index gives (tens of thousands for `zh`), so by slot when the ids are dense, as
/// SQLite gives them.
#[derive(Debug)]
enum IdIndex {
    /// At each id its index (`u32::MAX`: none).
    Slots(Vec<u32>),
    /// (id, index), by id: when the ids are too sparse for slots.
    Sorted(Vec<(i64, u32)>),
}

impl IdIndex {
    fn of(ids: &[i64]) -> Self {
        let max = ids.iter().copied().max().unwrap_or(0);
        let dense = max >= 0 && (max as u64) < 4 * ids.len() as u64 + 4096;
        if dense {
            let mut slots = vec![u32::MAX; max as usize + 1];
            for (i, id) in ids.iter().enumerate() {
                if let Ok(id) = usize::try_from(*id) {
                    slots[id] = i as u32;
                }
            }
            Self::Slots(slots)
        } else {
            let mut sorted: Vec<(i64, u32)> = ids.iter().enumerate().map(|(i, id)| (*id, i as u32)).collect();
            sorted.sort_unstable();
            Self::Sorted(sorted)
        }
    }
}

/// The held table of a connection (none until the board is opened or filtered).
#[derive(Debug, Default)]
pub(crate) struct HeldOpenDeals(RefCell<Option<OpenDeals>>);

impl Store {
    /// Reads the board filter's table unless the one held is still the database's: the board
    /// and the customers table ask for it when they open, so the first key of a filter finds
    /// it ready.
    pub fn hold_open_deals(&self) -> Result<()> {
        self.with_open_deals(|_| Ok(()))
    }

    /// Drops the held table (10–12 MB at 100k accounts) when no screen wants it any more.
    pub fn release_open_deals(&self) {
        self.open_deals.0.borrow_mut().take();
    }

    /// Whether the connection holds the table now.
    pub(crate) fn holds_open_deals(&self) -> bool {
        self.open_deals.0.borrow().is_some()
    }

    /// The ids of the accounts not archived whose name, nickname or company contains `text`
    /// (as LIKE: ASCII letters in either case) or whose search keys it starts, in name
    /// order (then company, then id), `limit` of them from `offset`: read from the held table
    /// when it is still the database's, `None` when none is (it is not read for this).
    pub(crate) fn names_matching(&self, text: &str, limit: u32, offset: u32) -> Result<Option<Vec<i64>>> {
        let now = self.read_stamp()?;
        let held = self.open_deals.0.borrow();
        let Some(table) = held.as_ref().filter(|t| t.read_at == now) else { return Ok(None) };
        let matched = self.matched(table, text)?;
        let ids = (table.ids.iter().zip(&matched))
            .filter(|(_, m)| **m)
            .map(|(id, _)| *id)
            .skip(offset as usize)
            .take(limit as usize)
            .collect();
        Ok(Some(ids))
    }

    /// Per account of `table`, whether its words contain `text` or its keys match those
    /// `text` asks ([`keys_only`]).
    fn matched(&self, table: &OpenDeals, text: &str) -> Result<Vec<bool>> {
        let mut matched = table.containing(&like_lowered(text));
        if let Some(keys) = keys_only(text) {
            let mut stmt = self.conn().prepare_cached(&customers_matching_keys(1)).ctx("matching the filter's keys")?;
            let ids = stmt.query_map([keys], |r| r.get::<_, i64>(0)).ctx("matching the filter's keys")?;
            for id in ids {
                if let Some(i) = table.index_of(id.ctx("matching the filter's keys")?) {
                    matched[i] = true;
                }
            }
        }
        Ok(matched)
    }

    /// The open deals whose account matches `filter`: each step's deals in board order and
    /// their totals, from the held table (read first when it is missing or older than the
    /// database). A filter of spaces, as none, matches every account: so do the columns' reads.
    pub fn pipeline_matches(&self, filter: &PipelineFilter) -> Result<BoardMatches> {
        let text = filter.text.as_deref().unwrap_or_default().trim();
        self.with_open_deals(|table| Ok(table.matches(&self.matched(table, text)?)))
    }

    /// Runs `f` on the held table, read again first when the database changed since.
    fn with_open_deals<T>(&self, f: impl FnOnce(&OpenDeals) -> Result<T>) -> Result<T> {
        let now = self.read_stamp()?;
        let mut held = self.open_deals.0.borrow_mut();
        // An old table is dropped before the new one is read: only one is ever in memory.
        let table = match held.take().filter(|t| t.read_at == now) {
            Some(table) => table,
            None => self.read_open_deals(now)?,
        };
        let out = f(&table);
        *held = Some(table);
        out
    }

    /// The database's data version (another connection's commit changes it) and this
    /// connection's written rows.
    fn read_stamp(&self) -> Result<(i64, u64)> {
        let version = self
            .conn()
            .query_row("PRAGMA data_version", [], |r| r.get(0))
            .ctx("reading whether the database changed")?;
        Ok((version, self.changes()))
    }

    fn read_open_deals(&self, read_at: (i64, u64)) -> Result<OpenDeals> {
        let mut table = OpenDeals {
            read_at,
            ids: Vec::new(),
            by_id: IdIndex::Sorted(Vec::new()),
            text: String::new(),
            starts: Vec::new(),
            deals: Default::default(),
        };
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT id, name, nickname, company FROM customer INDEXED BY customer_name_key WHERE archived = 0
                 ORDER BY name_key, name, company, id",
            )
            .ctx("reading the board's accounts")?;
        let mut rows = stmt.query([]).ctx("reading the board's accounts")?;
        while let Some(r) = rows.next().ctx("reading the board's accounts")? {
            table.ids.push(r.get(0).ctx("reading the board's accounts")?);
            table.starts.push(table.text.len() as u32);
            for field in 1..=3 {
                let value = r.get_ref(field).ctx("reading the board's accounts")?;
                let text = value.as_str().unwrap_or_default();
                table.text.push_str(&like_lowered(text));
                table.text.push(END);
            }
        }
        table.starts.push(table.text.len() as u32);
        table.by_id = IdIndex::of(&table.ids);
        table.text.shrink_to_fit();
        table.starts.shrink_to_fit();
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT id, customer_id, stage, currency, value_minor, stage_since
                 FROM deal INDEXED BY deal_open_customer WHERE state = 'open'",
            )
            .ctx("reading the board's deals")?;
        let mut rows = stmt.query([]).ctx("reading the board's deals")?;
        // Each deal's day in step, kept in one text while the steps are sorted (a String a deal
        // doubled the memory the read took at its peak).
        let mut since = String::new();
        let mut ordered: [Vec<(u32, u32, OpenDeal)>; 5] = Default::default();
        while let Some(r) = rows.next().ctx("reading the board's deals")? {
            let read = |i| r.get_ref(i).ctx("reading the board's deals");
            let Some(account) = table.index_of(r.get(1).ctx("reading the board's deals")?) else { continue };
            let Some(step) = read(2)?.as_str().ok().and_then(Step::from_code) else { continue };
            let deal = OpenDeal {
                id: r.get(0).ctx("reading the board's deals")?,
                account: account as u32,
                value_minor: r.get(4).ctx("reading the board's deals")?,
                currency: Currency::stored(read(3)?.as_str().unwrap_or_default()),
            };
            let start = since.len() as u32;
            since.push_str(read(5)?.as_str().unwrap_or_default());
            ordered[step.index()].push((start, since.len() as u32, deal));
        }
        for (step, mut deals) in ordered.into_iter().enumerate() {
            let day = |(start, end, _): &(u32, u32, OpenDeal)| &since[*start as usize..*end as usize];
            deals.sort_unstable_by(|a, b| (day(b), b.2.id).cmp(&(day(a), a.2.id)));
            table.deals[step] = deals.into_iter().map(|(_, _, d)| d).collect();
        }
        Ok(table)
    }
}

impl OpenDeals {
    /// The index of account `id` (none when archived or gone).
    fn index_of(&self, id: i64) -> Option<usize> {
        match &self.by_id {
            IdIndex::Slots(slots) => {
                let at = *slots.get(usize::try_from(id).ok()?)?;
                (at != u32::MAX).then_some(at as usize)
            }
            IdIndex::Sorted(sorted) => {
                sorted.binary_search_by_key(&id, |(i, _)| *i).ok().map(|at| sorted[at].1 as usize)
            }
        }
    }

    /// Per account, whether its name, nickname or company contains `needle` (lower-cased by
    /// [`like_lowered`]).
    fn containing(&self, needle: &str) -> Vec<bool> {
        let mut found = vec![false; self.starts.len().saturating_sub(1)];
        let finder = memchr::memmem::Finder::new(needle.as_bytes());
        let text = self.text.as_bytes();
        let mut from = 0;
        while from < text.len()
            && let Some(at) = finder.find(&text[from..]).map(|at| from + at)
        {
            // The account whose fields hold `at`; the next search starts at the next account's.
            let account = self.starts.partition_point(|&s| s as usize <= at).saturating_sub(1);
            found[account] = true;
            from = self.starts.get(account + 1).map_or(text.len(), |&s| s as usize);
        }
        found
    }

    /// The deals of the `matched` accounts, each step's in board order, and their totals.
    fn matches(&self, matched: &[bool]) -> BoardMatches {
        let mut out = BoardMatches::default();
        for (step, deals) in self.deals.iter().enumerate() {
            for deal in deals.iter().filter(|d| matched[d.account as usize]) {
                out.deals[step].push(deal.id);
                let total = &mut out.totals[step];
                total.count += 1;
                if let Some(v) = deal.value_minor {
                    total.totals.add(Money::new(v, deal.currency));
                }
            }
        }
        out
    }
}

/// `text` as SQLite's LIKE compares it: up to its first NUL, ASCII letters lower-cased (other
/// letters match only as they are).
fn like_lowered(text: &str) -> String {
    text.split(END).next().unwrap_or_default().to_ascii_lowercase()
}
