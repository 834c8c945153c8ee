//! What a bulk load puts off until its rows are in: the secondary indexes of the tables it
//! fills (built once, sorted, instead of updated row by row), the search index (filled by
//! one statement per table instead of one trigger call per row) and the summary tables
//! (built once from their rows, [`super::summaries`]). All are taken from the schema itself,
//! so a later migration's index or trigger is deferred the same way. An import defers only
//! the search index ([`Deferred::take_search`]): its duplicate checks need the indexes as it
//! goes, and its few rows keep the summaries through their triggers.

use rusqlite::{OptionalExtension, Transaction};

use super::bulk_triggers::{self, SetAside};
use super::error::{Context, Result};
use super::search::KIND_STRIDE;
use super::summaries;

/// The tables a bulk load writes to.
pub(super) const LOADED_TABLES: [&str; 10] = [
    "customer",
    "contact",
    "contact_role",
    "deal",
    "stage_event",
    "customer_fact",
    "visit",
    "visit_contact",
    "note",
    "next_step",
];

/// The search index's in-memory buffer while it is filled, in bytes: the terms of this much
/// text are sorted in memory before they are written, so a large fill writes fewer, larger
/// segments than with FTS5's 1 MiB default (`hashsize`). More buffer gains no time: the 100k
/// accounts / 1M visits demo fills its index in the same 13.4 s with 32 or 128 MiB, and its
/// peak memory is 975 MB instead of 1.32 GB.
const FILL_HASH_BYTES: i64 = 32 << 20;

/// The same buffer for an import: smaller, so a big import's memory stays small (the fill is
/// of one file's rows, not of a whole demo database).
const IMPORT_FILL_HASH_BYTES: i64 = 8 << 20;

/// FTS5's own `hashsize` when the table sets none.
const DEFAULT_HASH_BYTES: i64 = 1 << 20;

/// An index dropped for the load, to create again.
struct DroppedIndex {
    sql: String,
}

/// A search-index trigger dropped for the load, with the statement that fills the index for
/// the rows added meanwhile.
struct DroppedTrigger {
    table: String,
    sql: String,
    fill: String,
    /// The table's largest rowid before the load: rows above it are the load's.
    last_before: i64,
    /// The search-index rowid of the table's row 0 (kind × 2⁴⁰).
    first: i64,
}

/// Indexes, search and summary triggers set aside during a bulk load; [`Deferred::restore`]
/// puts them back and does their work once. Dropped inside the load's transaction, so a
/// failed load rolls the drops back with its rows.
pub(crate) struct Deferred {
    indexes: Vec<DroppedIndex>,
    triggers: Vec<DroppedTrigger>,
    /// The statements creating the summary tables' triggers.
    summary_triggers: Vec<String>,
    /// Per-row checks and the like, done once for the load's rows ([`bulk_triggers`]).
    row_triggers: Vec<SetAside>,
    /// The search index's buffer while it is filled, in bytes.
    fill_hash_bytes: i64,
    /// True when rows the load added may be in the search index already (an import's rows
    /// changed again before it ends, indexed by their update triggers): they are taken out
    /// before the fill.
    clear_first: bool,
}

impl Deferred {
    /// Drops the secondary indexes, the search-index insert triggers, the summary tables'
    /// triggers and the known per-row triggers of the loaded tables (a bulk load, which only
    /// inserts).
    pub(super) fn take(tx: &Transaction) -> Result<Self> {
        let row_triggers = bulk_triggers::set_aside(tx)?;
        let tables = LOADED_TABLES.map(|t| format!("'{t}'")).join(", ");
        let filter = format!("type IN ('index', 'trigger') AND tbl_name IN ({tables})");
        let taken = Self::take_where(tx, &filter, false, true, FILL_HASH_BYTES)?;
        Ok(Self { row_triggers, ..taken })
    }

    /// Drops the search-index insert triggers of every table, for an import: rows it adds may
    /// be changed again before it ends (merged into, linked), and their update triggers then
    /// index them already, so those are taken out of the index before the fill.
    pub(crate) fn take_search(tx: &Transaction) -> Result<Self> {
        Self::take_where(tx, "type = 'trigger'", true, false, IMPORT_FILL_HASH_BYTES)
    }

    fn take_where(
        tx: &Transaction,
        filter: &str,
        clear_first: bool,
        with_summaries: bool,
        fill_hash_bytes: i64,
    ) -> Result<Self> {
        let doing = "setting indexes aside for a bulk load";
        let mut indexes = Vec::new();
        let mut triggers = Vec::new();
        let mut summary_triggers = Vec::new();
        {
            let mut stmt = tx
                .prepare(&format!(
                    "SELECT type, name, tbl_name, sql FROM sqlite_master
                     WHERE {filter} AND sql IS NOT NULL ORDER BY type, name"
                ))
                .ctx(doing)?;
            let rows = stmt
                .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?, r.get(3)?)))
                .ctx(doing)?;
            for row in rows {
                let (kind, name, table, sql): (String, String, String, String) = row.ctx(doing)?;
                if kind == "index" {
                    indexes.push((name, DroppedIndex { sql }));
                } else if let Some(fill) = fill_statement(&sql, &table) {
                    triggers.push((name, DroppedTrigger { table, sql, fill, last_before: 0, first: 0 }));
                } else if with_summaries && summaries::keeps_a_summary(&name) {
                    summary_triggers.push((name, sql));
                }
            }
        }
        // Filled in the order of their rows in the index: a row below the one before makes
        // the search index write out all it holds in memory (a flush, merged again later).
        let mut keyed = Vec::with_capacity(triggers.len());
        for (name, mut trigger) in triggers {
            trigger.first = first_rowid(tx, &trigger.fill)?;
            keyed.push((trigger.first, name, trigger));
        }
        keyed.sort_by_key(|(first, ..)| *first);
        let mut triggers: Vec<(String, DroppedTrigger)> = keyed.into_iter().map(|(_, n, t)| (n, t)).collect();
        for (name, trigger) in &mut triggers {
            trigger.last_before = tx
                .query_row(&format!("SELECT coalesce(max(rowid), 0) FROM \"{}\"", trigger.table), [], |r| r.get(0))
                .ctx(doing)?;
            tx.execute_batch(&format!("DROP TRIGGER \"{name}\"")).ctx(doing)?;
        }
        for (name, _) in &summary_triggers {
            tx.execute_batch(&format!("DROP TRIGGER \"{name}\"")).ctx(doing)?;
        }
        for (name, _) in &indexes {
            tx.execute_batch(&format!("DROP INDEX \"{name}\"")).ctx(doing)?;
        }
        Ok(Self {
            indexes: indexes.into_iter().map(|(_, i)| i).collect(),
            triggers: triggers.into_iter().map(|(_, t)| t).collect(),
            summary_triggers: summary_triggers.into_iter().map(|(_, sql)| sql).collect(),
            row_triggers: Vec::new(),
            fill_hash_bytes,
            clear_first,
        })
    }

    /// Creates the indexes again, fills the search index for the rows added, builds the
    /// summary tables, does the per-row triggers' work for the rows added and puts the
    /// triggers back.
    pub(crate) fn restore(self, tx: &Transaction) -> Result<()> {
        for index in &self.indexes {
            tx.execute_batch(&index.sql).ctx("building indexes after a bulk load")?;
        }
        if !self.summary_triggers.is_empty() {
            summaries::rebuild(tx)?;
            for sql in &self.summary_triggers {
                tx.execute_batch(sql).ctx("building the summary tables after a bulk load")?;
            }
        }
        bulk_triggers::put_back(tx, self.row_triggers)?;
        if self.triggers.is_empty() {
            return Ok(());
        }
        let doing = "building the search index after a bulk load";
        let hash = FillBuffer::set(tx, self.fill_hash_bytes).ctx(doing)?;
        for trigger in &self.triggers {
            if self.clear_first {
                // Only the rows that are there: an `INSERT OR REPLACE` would mark every new
                // rowid deleted in the index (a tombstone each, read by every later search).
                tx.execute(
                    "DELETE FROM search_fts WHERE rowid IN
                       (SELECT id FROM search_fts_docsize WHERE id > ?1 + ?2 AND id < ?1 + ?3)",
                    [trigger.first, trigger.last_before, KIND_STRIDE],
                )
                .ctx(doing)?;
            }
            tx.execute(&trigger.fill, [trigger.last_before]).ctx(doing)?;
            tx.execute_batch(&trigger.sql).ctx(doing)?;
        }
        hash.restore(tx).ctx(doing)
    }
}

/// The search-index rowid that `fill` (a [`fill_statement`]) gives the row with id 0: where
/// its table's rows start in the index (kind × 2⁴⁰).
fn first_rowid(tx: &Transaction, fill: &str) -> Result<i64> {
    let doing = "ordering the search index's fill";
    let values = fill.split_once(" SELECT ").map_or("", |(_, v)| v);
    let rowid = values.split_once(',').map_or("", |(r, _)| r);
    tx.query_row(&format!("SELECT {rowid} FROM (SELECT 0 AS id, 0 AS rowid) AS new"), [], |r| r.get(0)).ctx(doing)
}

/// FTS5's `hashsize` raised for a fill, and what it was (kept in the table's own config).
struct FillBuffer {
    before: Option<i64>,
}

impl FillBuffer {
    fn set(tx: &Transaction, bytes: i64) -> rusqlite::Result<Self> {
        let before =
            tx.query_row("SELECT v FROM search_fts_config WHERE k = 'hashsize'", [], |r| r.get(0)).optional()?;
        tx.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('hashsize', ?1)", [bytes])?;
        Ok(Self { before })
    }

    /// Writes what was pending and puts the setting back as it was (no row when it had none).
    fn restore(self, tx: &Transaction) -> rusqlite::Result<()> {
        let value = self.before.unwrap_or(DEFAULT_HASH_BYTES);
        tx.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('hashsize', ?1)", [value])?;
        if self.before.is_none() {
            tx.execute("DELETE FROM search_fts_config WHERE k = 'hashsize'", [])?;
        }
        Ok(())
    }
}

/// For a trigger `AFTER INSERT ON table BEGIN INSERT INTO search_fts(…) VALUES (…new.x…); END`,
/// the same insert for every row of `table` above rowid `?1`: `INSERT INTO search_fts(…)
/// SELECT …new.x… FROM table AS new WHERE new.rowid > ?1`. `None` for any other trigger,
/// which then stays in place.
fn fill_statement(trigger_sql: &str, table: &str) -> Option<String> {
    let (head, body) = trigger_sql.split_once(" BEGIN")?;
    let words: Vec<String> = head.split_whitespace().map(str::to_ascii_lowercase).collect();
    if words.get(3).map(String::as_str) != Some("after") || words.get(4).map(String::as_str) != Some("insert") {
        return None;
    }
    let body = body.trim();
    let statement = body.strip_suffix("END")?.trim().strip_suffix(';')?.trim();
    if statement.contains(';') {
        return None;
    }
    let (insert, values) = statement.split_once(" VALUES (")?;
    let insert = insert.trim_start();
    let into = insert.strip_prefix("INSERT INTO ").or_else(|| insert.strip_prefix("insert into "))?;
    if !into.to_ascii_lowercase().starts_with("search_fts") {
        return None;
    }
    let values = values.strip_suffix(')')?;
    Some(format!("INSERT INTO {into} SELECT {values} FROM \"{table}\" AS new WHERE new.rowid > ?1 ORDER BY new.rowid"))
}

#[cfg(test)]
mod tests {
    use super::fill_statement;

    #[test]
    fn a_search_trigger_becomes_one_insert_for_the_new_rows() {
        let sql = "CREATE TRIGGER note_fts_insert AFTER INSERT ON note BEGIN\n    INSERT INTO search_fts(rowid, body) VALUES (new.id + 3 * 1099511627776,\n        fb_search_text(new.body));\nEND";
        assert_eq!(
            fill_statement(sql, "note").as_deref(),
            Some(
                "INSERT INTO search_fts(rowid, body) SELECT new.id + 3 * 1099511627776,\n        fb_search_text(new.body) FROM \"note\" AS new WHERE new.rowid > ?1 ORDER BY new.rowid"
            )
        );
    }

    #[test]
    fn other_triggers_stay() {
        let check = "CREATE TRIGGER fact_contact_same_account_insert BEFORE INSERT ON customer_fact\nWHEN new.contact_id IS NOT NULL\nBEGIN SELECT RAISE(ABORT, 'x'); END";
        assert_eq!(fill_statement(check, "customer_fact"), None);
        let update = "CREATE TRIGGER note_fts_update AFTER UPDATE OF body ON note BEGIN\n    DELETE FROM search_fts WHERE rowid = old.id;\n    INSERT INTO search_fts(rowid, body) VALUES (new.id, new.body);\nEND";
        assert_eq!(fill_statement(update, "note"), None);
        let two = "CREATE TRIGGER x AFTER INSERT ON note BEGIN INSERT INTO search_fts(rowid, body) VALUES (new.id, new.body); DELETE FROM y; END";
        assert_eq!(fill_statement(two, "note"), None);
    }
}

#[cfg(test)]
mod loaded_tests {
    use chrono::NaiveDate;

    use crate::clock::Clock;
    use crate::demo::{self, DemoSize};
    use crate::i18n::Lang;
    use crate::store::Store;

    /// Every (term, row, column, offset) the search index holds, sorted.
    fn index_contents(store: &Store) -> Vec<(String, i64, String, i64)> {
        let conn = store.conn();
        conn.execute_batch(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_terms USING fts5vocab(main, search_fts, 'instance')",
        )
        .unwrap();
        let mut stmt =
            conn.prepare("SELECT term, doc, col, offset FROM temp.search_terms ORDER BY 1, 2, 3, 4").unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    /// Every index and trigger, and the search index's settings.
    fn schema(store: &Store) -> Vec<(String, String)> {
        let mut stmt = store
            .conn()
            .prepare(
                "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL AND type IN ('index', 'trigger')
                 UNION ALL SELECT k, CAST(v AS TEXT) FROM search_fts_config ORDER BY 1",
            )
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<rusqlite::Result<_>>().unwrap()
    }

    #[test]
    fn a_bulk_load_leaves_the_schema_and_search_index_the_triggers_would() {
        let dir = tempfile::tempdir().unwrap();
        let today = NaiveDate::from_ymd_opt(2031, 5, 6).unwrap();
        let mut store = Store::open(&dir.path().join("bulk.db"), Clock::Fixed(today)).unwrap();
        let before = schema(&store);
        let size = DemoSize { customers: 60, visits: 500 };
        demo::load(&mut store, size, 7, Lang::ZhCn, false).unwrap();
        // A second load onto rows already there indexes only its own rows.
        demo::load(&mut store, size, 8, Lang::En, true).unwrap();
        assert_eq!(schema(&store), before);
        assert_eq!(crate::store::summaries::differences(store.conn()).unwrap(), [], "summaries built once");
        let open: i64 = store.conn().query_row("SELECT sum(deals) FROM deal_open_tally", [], |r| r.get(0)).unwrap();
        assert!(open > 0);
        let journal: String = store.conn().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        assert_eq!(journal, "wal");
        let loaded = index_contents(&store);
        assert!(loaded.len() > 10_000, "{}", loaded.len());
        // Touching every row makes its update trigger index it again, one row at a time.
        store
            .conn()
            .execute_batch(
                "UPDATE customer SET name = name; UPDATE contact SET name = name;
                 UPDATE customer_fact SET label = label; UPDATE visit SET purpose = purpose;
                 UPDATE note SET body = body;",
            )
            .unwrap();
        assert_eq!(index_contents(&store), loaded);
    }

    #[test]
    fn a_bulk_load_sums_up_each_customer_as_refreshing_it_alone_would() {
        let dir = tempfile::tempdir().unwrap();
        let today = NaiveDate::from_ymd_opt(2031, 5, 6).unwrap();
        let mut store = Store::open(&dir.path().join("rollups.db"), Clock::Fixed(today)).unwrap();
        demo::load(&mut store, DemoSize { customers: 200, visits: 2000 }, 7, Lang::En, false).unwrap();
        type Rollup = (i64, Option<String>, Option<i64>, Option<String>, String);
        let rollups = |store: &Store| -> Vec<Rollup> {
            let mut stmt = store
                .conn()
                .prepare("SELECT id, last_contact_on, next_visit_id, next_step_on, next_step FROM customer ORDER BY id")
                .unwrap();
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        let loaded = rollups(&store);
        assert!(loaded.iter().filter(|r| r.2.is_some()).count() > 10);
        assert!(loaded.iter().filter(|r| r.3.is_some() && r.2.is_none()).count() > 10);
        for (id, ..) in &loaded {
            crate::store::visits::refresh_rollup(store.conn(), *id, "2031-05-06T09:00:00Z").unwrap();
        }
        assert_eq!(rollups(&store), loaded);
    }

    #[test]
    fn an_import_leaves_the_search_index_the_triggers_would() {
        use crate::domain::money::Currency;
        use crate::store::transfer::{Accounts, ImportOptions, OnDuplicate, records_to_set};
        let dir = tempfile::tempdir().unwrap();
        let today = NaiveDate::from_ymd_opt(2031, 5, 6).unwrap();
        let mut store = Store::open(&dir.path().join("import.db"), Clock::Fixed(today)).unwrap();
        demo::load(&mut store, DemoSize { customers: 20, visits: 50 }, 7, Lang::ZhCn, false).unwrap();
        let before = schema(&store);
        // The second card is the first one again, with more: merged into the row just added.
        let cards = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:王伟\r\nORG:深圳星河\r\nTEL:+86 138 0000 0001\r\nEND:VCARD\r\n\
                     BEGIN:VCARD\r\nVERSION:3.0\r\nFN:王伟\r\nORG:深圳星河\r\nTITLE:采购经理\r\nTEL:+86 138 0000 0001\r\n\
                     EMAIL:wang@example.com\r\nNOTE:展会认识\r\nEND:VCARD\r\n\
                     BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nORG:深圳星河\r\nEMAIL:ann@example.com\r\nBDAY:1990-04-02\r\nEND:VCARD\r\n";
        let parsed = crate::import::vcard::parse(cards.as_bytes()).unwrap();
        let set = records_to_set(&parsed.records, Vec::new(), store.clock(), Currency::CNY, Accounts::ByCompany);
        let options = ImportOptions { on_duplicate: OnDuplicate::Merge, format: "vcard".into(), ..Default::default() };
        let report = store.import_set(&set, &options).unwrap();
        assert!(report.committed);
        assert_eq!(schema(&store), before);
        let imported = index_contents(&store);
        assert!(imported.iter().any(|(term, ..)| term == "采购"), "the merged title is indexed");
        store
            .conn()
            .execute_batch(
                "UPDATE customer SET name = name; UPDATE contact SET name = name;
                 UPDATE customer_fact SET label = label; UPDATE note SET body = body;",
            )
            .unwrap();
        assert_eq!(index_contents(&store), imported);
    }

    #[test]
    fn a_bulk_load_with_a_broken_reference_saves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("broken.db"), Clock::Fixed(NaiveDate::MIN)).unwrap();
        let loaded = store.bulk_load(|w| w.note(Some(999), "a note of nobody", "2031-05-06T09:00:00Z"));
        assert!(
            matches!(loaded, Err(crate::store::StoreError::Corrupt(ref what)) if what.contains("note")),
            "{loaded:?}"
        );
        let conn = store.conn();
        assert_eq!(conn.query_row("SELECT count(*) FROM note", [], |r| r.get::<_, i64>(0)).unwrap(), 0);
        assert_eq!(conn.query_row("PRAGMA foreign_keys", [], |r| r.get::<_, i64>(0)).unwrap(), 1);
    }
}
