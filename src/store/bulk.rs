//! Bulk loads (demo data, large imports): many rows in one transaction with prepared
//! statements, the customer rollups computed once at the end.
//!
//! Rows come with their own timestamps and states (a deal already won, a visit logged two
//! years ago), which the one-row API does not allow; everything else is as it would store it.

use chrono::NaiveDate;
use rusqlite::{Connection, Transaction, params};

use super::Store;
use super::bulk_deferred::Deferred;
use super::bulk_references::check_references;
use super::customers::normalise_phone;
use super::error::{Context, Result};
use super::next_steps::derive_visit_steps;
use super::visits::{insert_visit, update_all_rollups};
use crate::domain::{
    BuyingRole, CustomerClass, DealState, FactCategory, Man, MonthDay, Portfolio, Step, Style, VisitInput, Word,
};

/// Page cache for a bulk load, in KiB (SQLite's default is 2 MiB; a large load wants more).
pub(crate) const BULK_CACHE_KIB: i64 = 256 * 1024;

/// A customer record with the fields a rep fills in over time.
#[derive(Debug, Clone, PartialEq)]
pub struct BulkCustomer {
    pub name: String,
    pub nickname: String,
    pub company: String,
    pub title: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub source: String,
    pub referred_by: String,
    pub class: CustomerClass,
    pub style: Style,
    pub man: Man,
    pub portfolio: Option<Portfolio>,
    pub cadence_days: Option<u32>,
    /// RFC 3339 UTC.
    pub created_at: String,
}

impl BulkCustomer {
    /// A customer with only a name and a creation time, for tests that need rows to hang
    /// deals and visits on.
    #[cfg(test)]
    pub(crate) fn bare(name: impl Into<String>, created_at: &str) -> Self {
        Self {
            name: name.into(),
            nickname: String::new(),
            company: String::new(),
            title: String::new(),
            phone: String::new(),
            email: String::new(),
            address: String::new(),
            source: String::new(),
            referred_by: String::new(),
            class: CustomerClass::ALL[0],
            style: Style::Unknown,
            man: Man::default(),
            portfolio: None,
            cadence_days: None,
            created_at: created_at.to_owned(),
        }
    }
}

/// A deal with its whole step history.
#[derive(Debug, Clone, PartialEq)]
pub struct BulkDeal {
    pub title: String,
    pub value_minor: Option<i64>,
    pub currency: String,
    pub stage: Step,
    pub state: DealState,
    pub lost_reason: String,
    pub expected_close_on: Option<NaiveDate>,
    /// Every move, oldest first, starting with the creation (no `from`); the deal's creation,
    /// step-since and close times are read from it.
    pub history: Vec<BulkMove>,
}

/// One row of a deal's step history.
#[derive(Debug, Clone, PartialEq)]
pub struct BulkMove {
    pub from: Option<(Step, DealState)>,
    pub to: (Step, DealState),
    /// RFC 3339 UTC.
    pub at: String,
    pub reason: String,
}

/// A fact of a customer record.
#[derive(Debug, Clone, PartialEq)]
pub struct BulkFact {
    pub category: FactCategory,
    pub label: String,
    pub value: String,
    pub month_day: Option<MonthDay>,
}

/// A person of an account with their buying roles.
#[derive(Debug, Clone, PartialEq)]
pub struct BulkContact {
    pub name: String,
    pub title: String,
    pub phone: String,
    pub email: String,
    pub style: Style,
    pub roles: Vec<BuyingRole>,
    /// RFC 3339 UTC.
    pub created_at: String,
}

/// Writes rows inside the one transaction of [`Store::bulk_load`].
pub struct BulkWriter<'t> {
    tx: &'t Transaction<'t>,
}

impl Store {
    /// Runs `load` in one transaction and then gives the logged visits' next steps their rows
    /// and recomputes every customer's rollups in it, each in one statement for all rows:
    /// either all rows are saved with consistent summaries, or none. The loaded tables'
    /// indexes, the search index and the per-row checks are built or done once after that
    /// ([`Deferred`]), then the query planner's statistics, which a load this size makes
    /// stale, are refreshed. Foreign keys are checked once, table by table, before it commits
    /// ([`check_references`]) instead of at each row. While it runs the connection trades
    /// durability for speed ([`LoadPragmas`]); a crash of the process still leaves the
    /// database as it was.
    pub fn bulk_load<T>(&mut self, load: impl FnOnce(&mut BulkWriter) -> Result<T>) -> Result<T> {
        self.writable()?;
        let pragmas = LoadPragmas::set(self.conn())?;
        let result = self.write(|tx, _| {
            let deferred = Deferred::take(tx)?;
            let value = load(&mut BulkWriter { tx })?;
            derive_visit_steps(tx)?;
            update_all_rollups(tx)?;
            deferred.restore(tx)?;
            check_references(tx)?;
            tx.execute_batch("ANALYZE").ctx("updating query statistics")?;
            Ok(value)
        });
        let restored = pragmas.restore(self.conn());
        let value = result?;
        restored?;
        Ok(value)
    }
}

impl Store {
    /// How many customers the database holds, archived ones included (to refuse loading demo
    /// data over real data before anything is written).
    pub fn customer_count(&self) -> Result<i64> {
        self.conn().query_row("SELECT count(*) FROM customer", [], |r| r.get(0)).ctx("counting customers")
    }
}

/// How much of the file a bulk load reads through memory mapping, in bytes: its page lookups
/// (foreign keys, the derived next steps, the rollups) then read the file's pages in place
/// instead of copying each into the page cache.
const BULK_MMAP_BYTES: i64 = 1 << 31;

/// The connection's settings for a bulk load, and what they were before.
struct LoadPragmas {
    journal_mode: String,
    synchronous: i64,
    mmap_size: i64,
    foreign_keys: i64,
}

impl LoadPragmas {
    /// A large page cache (the load's pages stay in memory until it commits), no syncs, and a
    /// rollback journal instead of the write-ahead log: pages the load adds to the end of the
    /// file need no journal, while in WAL mode every page would be written twice (to the log,
    /// then into the file). The journal mode stays WAL when another connection has the file
    /// open (the switch needs it alone). The file is read memory-mapped, and foreign keys are
    /// not enforced row by row (the load checks them once at its end).
    fn set(conn: &Connection) -> Result<Self> {
        let doing = "preparing a bulk load";
        let journal_mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).ctx(doing)?;
        let synchronous: i64 = conn.query_row("PRAGMA synchronous", [], |r| r.get(0)).ctx(doing)?;
        let mmap_size: i64 = conn.query_row("PRAGMA mmap_size", [], |r| r.get(0)).ctx(doing)?;
        let foreign_keys: i64 = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).ctx(doing)?;
        conn.pragma_update(None, "cache_size", -BULK_CACHE_KIB).ctx(doing)?;
        conn.pragma_update(None, "mmap_size", BULK_MMAP_BYTES).ctx(doing)?;
        conn.pragma_update(None, "synchronous", "OFF").ctx(doing)?;
        // Last, so that a failure above leaves them enforced.
        conn.pragma_update(None, "foreign_keys", "OFF").ctx(doing)?;
        // Refused (busy) when another connection has the file open: the load then runs in WAL.
        let _ = conn.query_row("PRAGMA journal_mode = TRUNCATE", [], |r| r.get::<_, String>(0));
        Ok(Self { journal_mode, synchronous, mmap_size, foreign_keys })
    }

    /// Puts the connection's settings back.
    fn restore(self, conn: &Connection) -> Result<()> {
        let doing = "finishing a bulk load";
        // First, so that a failure below leaves them enforced.
        conn.pragma_update(None, "foreign_keys", self.foreign_keys).ctx(doing)?;
        conn.query_row(&format!("PRAGMA journal_mode = {}", self.journal_mode), [], |r| r.get::<_, String>(0))
            .ctx(doing)?;
        conn.pragma_update(None, "synchronous", self.synchronous).ctx(doing)?;
        conn.pragma_update(None, "cache_size", -2000).ctx(doing)?;
        conn.pragma_update(None, "mmap_size", self.mmap_size).ctx(doing)?;
        Ok(())
    }
}

impl BulkWriter<'_> {
    /// Adds a customer; returns its id.
    pub fn customer(&mut self, c: &BulkCustomer) -> Result<i64> {
        self.tx
            .prepare_cached(
                "INSERT INTO customer (name, nickname, company, title, phone, email, address, source, referred_by,
                    class, style, money, authority, need, portfolio, cadence_days, created_at, updated_at, name_key)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17, fb_name_key(?1, ?3))",
            )
            .and_then(|mut s| {
                s.execute(params![
                    c.name,
                    c.nickname,
                    c.company,
                    c.title,
                    normalise_phone(&c.phone),
                    c.email,
                    c.address,
                    c.source,
                    c.referred_by,
                    c.class.code(),
                    c.style.code(),
                    c.man.money.code(),
                    c.man.authority.code(),
                    c.man.need.code(),
                    c.portfolio.map(Word::code),
                    c.cadence_days,
                    c.created_at,
                ])
            })
            .ctx("adding a customer")?;
        Ok(self.tx.last_insert_rowid())
    }

    /// Adds a person with their roles to the account `customer_id`; returns the person's id.
    pub fn contact(&mut self, customer_id: i64, p: &BulkContact) -> Result<i64> {
        self.tx
            .prepare_cached(
                "INSERT INTO contact (customer_id, name, title, phone, email, style, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    customer_id,
                    p.name,
                    p.title,
                    normalise_phone(&p.phone),
                    p.email,
                    p.style.code(),
                    p.created_at
                ])
            })
            .ctx("adding a person")?;
        let id = self.tx.last_insert_rowid();
        let mut role = self
            .tx
            .prepare_cached("INSERT INTO contact_role (contact_id, role) VALUES (?1, ?2)")
            .ctx("adding roles")?;
        for r in &p.roles {
            role.execute(params![id, r.code()]).ctx("adding roles")?;
        }
        Ok(id)
    }

    /// Adds a deal of `customer_id` and its history; returns the deal id.
    pub fn deal(&mut self, customer_id: i64, d: &BulkDeal) -> Result<i64> {
        let created = d.history.first().map_or("", |m| m.at.as_str());
        let since = d.history.iter().rev().find(|m| m.to.1 == DealState::Open).map_or(created, |m| m.at.as_str());
        let closed = d.history.last().filter(|m| m.to.1 != DealState::Open).map(|m| m.at.as_str());
        self.tx
            .prepare_cached(
                "INSERT INTO deal (customer_id, title, value_minor, currency, stage, state, lost_reason,
                    expected_close_on, stage_since, created_at, closed_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    customer_id,
                    d.title,
                    d.value_minor,
                    d.currency,
                    d.stage.code(),
                    d.state.code(),
                    d.lost_reason,
                    d.expected_close_on.map(|x| x.to_string()),
                    since,
                    created,
                    closed,
                ])
            })
            .ctx("adding a deal")?;
        let deal_id = self.tx.last_insert_rowid();
        let mut insert = self
            .tx
            .prepare_cached(
                "INSERT INTO stage_event (deal_id, from_stage, to_stage, from_state, to_state, at, reason)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )
            .ctx("recording a step move")?;
        for m in &d.history {
            insert
                .execute(params![
                    deal_id,
                    m.from.map(|f| f.0.code()),
                    m.to.0.code(),
                    m.from.map(|f| f.1.code()),
                    m.to.1.code(),
                    m.at,
                    m.reason
                ])
                .ctx("recording a step move")?;
        }
        Ok(deal_id)
    }

    /// Adds a fact to a customer's record, about one of its people (`contact_id`) or the account.
    pub fn fact(&mut self, customer_id: i64, contact_id: Option<i64>, f: &BulkFact, created_at: &str) -> Result<i64> {
        self.tx
            .prepare_cached(
                "INSERT INTO customer_fact (customer_id, category, label, value, month_day, created_at, contact_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    customer_id,
                    f.category.code(),
                    f.label,
                    f.value,
                    f.month_day.map(|m| m.to_string()),
                    created_at,
                    contact_id
                ])
            })
            .ctx("adding a fact")?;
        Ok(self.tx.last_insert_rowid())
    }

    /// Adds a planned or logged visit (validated like any other).
    pub fn visit(&mut self, customer_id: i64, deal_id: Option<i64>, v: VisitInput, created_at: &str) -> Result<i64> {
        insert_visit(self.tx, customer_id, deal_id, &v.validated()?, created_at)
    }

    /// Records that visit `visit_id` met these people of its account.
    pub fn met(&mut self, visit_id: i64, people: &[i64]) -> Result<()> {
        let mut insert = self
            .tx
            .prepare_cached("INSERT INTO visit_contact (visit_id, contact_id) VALUES (?1, ?2)")
            .ctx("recording who a visit met")?;
        for contact_id in people {
            insert.execute(params![visit_id, contact_id]).ctx("recording who a visit met")?;
        }
        Ok(())
    }

    /// Adds a note to a customer, or to the inbox when `customer_id` is `None`.
    pub fn note(&mut self, customer_id: Option<i64>, body: &str, created_at: &str) -> Result<i64> {
        self.tx
            .prepare_cached("INSERT INTO note (customer_id, body, created_at) VALUES (?1, ?2, ?3)")
            .and_then(|mut s| s.execute(params![customer_id, body, created_at]))
            .ctx("adding a note")?;
        Ok(self.tx.last_insert_rowid())
    }

    /// How many customers the database holds (to refuse loading demo data over real data).
    pub fn customer_count(&self) -> Result<i64> {
        self.tx.query_row("SELECT count(*) FROM customer", [], |r| r.get(0)).ctx("counting customers")
    }
}
