//! What a bulk load puts off until its rows are in: the secondary indexes of the tables it
//! fills (built once, sorted, instead of updated row by row) and the search index (filled by
//! one statement per table instead of one trigger call per row). Both are taken from the
//! schema itself, so a later migration's index or trigger is deferred the same way.

use rusqlite::Transaction;

use super::error::{Context, Result};

/// The tables a bulk load writes to.
const LOADED_TABLES: [&str; 9] =
    ["customer", "contact", "contact_role", "deal", "stage_event", "customer_fact", "visit", "note", "next_step"];

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
}

/// Indexes and search triggers set aside during a bulk load; [`Deferred::restore`] puts them
/// back and does their work once. Dropped inside the load's transaction, so a failed load
/// rolls the drops back with its rows.
pub(super) struct Deferred {
    indexes: Vec<DroppedIndex>,
    triggers: Vec<DroppedTrigger>,
}

impl Deferred {
    /// Drops the secondary indexes and the search-index insert triggers of the loaded tables.
    pub(super) fn take(tx: &Transaction) -> Result<Self> {
        let doing = "setting indexes aside for a bulk load";
        let tables = LOADED_TABLES.map(|t| format!("'{t}'")).join(", ");
        let mut indexes = Vec::new();
        let mut triggers = Vec::new();
        {
            let mut stmt = tx
                .prepare(&format!(
                    "SELECT type, name, tbl_name, sql FROM sqlite_master
                     WHERE type IN ('index', 'trigger') AND sql IS NOT NULL AND tbl_name IN ({tables})
                     ORDER BY type, name"
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
                    triggers.push((name, DroppedTrigger { table, sql, fill, last_before: 0 }));
                }
            }
        }
        for (name, trigger) in &mut triggers {
            trigger.last_before = tx
                .query_row(&format!("SELECT coalesce(max(rowid), 0) FROM \"{}\"", trigger.table), [], |r| r.get(0))
                .ctx(doing)?;
            tx.execute_batch(&format!("DROP TRIGGER \"{name}\"")).ctx(doing)?;
        }
        for (name, _) in &indexes {
            tx.execute_batch(&format!("DROP INDEX \"{name}\"")).ctx(doing)?;
        }
        Ok(Self {
            indexes: indexes.into_iter().map(|(_, i)| i).collect(),
            triggers: triggers.into_iter().map(|(_, t)| t).collect(),
        })
    }

    /// Creates the indexes again, fills the search index for the rows added and puts the
    /// triggers back.
    pub(super) fn restore(self, tx: &Transaction) -> Result<()> {
        for index in &self.indexes {
            tx.execute_batch(&index.sql).ctx("building indexes after a bulk load")?;
        }
        for trigger in &self.triggers {
            tx.execute(&trigger.fill, [trigger.last_before]).ctx("building the search index after a bulk load")?;
            tx.execute_batch(&trigger.sql).ctx("building the search index after a bulk load")?;
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
    if !insert.trim_start().to_ascii_lowercase().starts_with("insert into search_fts") {
        return None;
    }
    let values = values.strip_suffix(')')?;
    Some(format!("{insert} SELECT {values} FROM \"{table}\" AS new WHERE new.rowid > ?1 ORDER BY new.rowid"))
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

    fn schema(store: &Store) -> Vec<(String, String)> {
        let mut stmt = store
            .conn()
            .prepare("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL AND type IN ('index', 'trigger') ORDER BY name")
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
}
