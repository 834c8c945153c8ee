//! Removing many rows at once (undoing an import): each table's search-index delete trigger is
//! set aside and its rows are taken out of the index by one statement, before the rows
//! themselves. A trigger call per row makes the index write out and merge what it holds at
//! every row (most of the time of undoing a big import).

use rusqlite::types::Value;
use rusqlite::{Transaction, params_from_iter};

use super::error::{Context, Result};

/// A search-index delete trigger set aside, with the `SELECT` of the index rowids of the rows
/// it would have removed.
struct SetAside {
    table: String,
    sql: String,
    /// `SELECT <rowid of old> FROM "table" AS old WHERE `, the filter to follow.
    select: String,
}

/// The search-index delete triggers of some tables, set aside inside a transaction (a
/// rollback puts them back); [`SearchRemoval::restore`] creates them again.
pub(crate) struct SearchRemoval {
    set_aside: Vec<SetAside>,
}

impl SearchRemoval {
    /// Drops the search-index delete triggers of `tables` (those of the form [`select_of`]
    /// reads; any other stays and fires per row).
    pub(crate) fn take(tx: &Transaction, tables: &[&str]) -> Result<Self> {
        let doing = "setting the search index aside to remove rows";
        let mut set_aside = Vec::new();
        {
            let mut stmt = tx
                .prepare("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' AND sql IS NOT NULL ORDER BY name")
                .ctx(doing)?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).ctx(doing)?;
            for row in rows {
                let (name, table, sql): (String, String, String) = row.ctx(doing)?;
                if !tables.contains(&table.as_str()) {
                    continue;
                }
                if let Some(select) = select_of(&sql, &table) {
                    set_aside.push((name, SetAside { table, sql, select }));
                }
            }
        }
        for (name, _) in &set_aside {
            tx.execute_batch(&format!("DROP TRIGGER \"{name}\"")).ctx(doing)?;
        }
        Ok(Self { set_aside: set_aside.into_iter().map(|(_, s)| s).collect() })
    }

    /// Takes the rows of `table` that `filter` (on its columns, with `params`) picks out of the
    /// search index; nothing for a table whose trigger was not set aside.
    pub(crate) fn remove(&self, tx: &Transaction, table: &str, filter: &str, params: &[Value]) -> Result<()> {
        for aside in self.set_aside.iter().filter(|s| s.table == table) {
            tx.execute(
                &format!("DELETE FROM search_fts WHERE rowid IN ({}{filter})", aside.select),
                params_from_iter(params),
            )
            .ctx("removing rows from the search index")?;
        }
        Ok(())
    }

    /// Creates the triggers again.
    pub(crate) fn restore(self, tx: &Transaction) -> Result<()> {
        for aside in self.set_aside {
            tx.execute_batch(&aside.sql).ctx("putting the search index's triggers back")?;
        }
        Ok(())
    }
}

/// For a trigger `AFTER DELETE ON table BEGIN DELETE FROM search_fts WHERE rowid = <expr of
/// old>; END`: `SELECT <expr> FROM "table" AS old WHERE `. `None` for any other trigger.
fn select_of(trigger_sql: &str, table: &str) -> Option<String> {
    let (head, body) = trigger_sql.split_once(" BEGIN")?;
    let words: Vec<String> = head.split_whitespace().map(str::to_ascii_lowercase).collect();
    if words.get(3).map(String::as_str) != Some("after") || words.get(4).map(String::as_str) != Some("delete") {
        return None;
    }
    if words.len() != 7 {
        // A WHEN clause or FOR EACH ROW wording this reading does not know.
        return None;
    }
    let statement = body.trim().strip_suffix("END")?.trim().strip_suffix(';')?.trim();
    if statement.contains(';') {
        return None;
    }
    let rowid = statement.strip_prefix("DELETE FROM search_fts WHERE rowid = ")?;
    Some(format!("SELECT {rowid} FROM \"{table}\" AS old WHERE "))
}

#[cfg(test)]
mod tests {
    use super::select_of;

    #[test]
    fn a_search_delete_trigger_becomes_one_select_of_the_rows() {
        let sql = "CREATE TRIGGER contact_fts_delete AFTER DELETE ON contact BEGIN\n    DELETE FROM search_fts WHERE rowid = old.id + 4 * 1099511627776;\nEND";
        assert_eq!(
            select_of(sql, "contact").as_deref(),
            Some("SELECT old.id + 4 * 1099511627776 FROM \"contact\" AS old WHERE ")
        );
        let other = "CREATE TRIGGER visit_event_cancelled AFTER DELETE ON visit\nWHEN old.planned_at IS NOT NULL\nBEGIN\n    INSERT INTO x VALUES (1);\nEND";
        assert_eq!(select_of(other, "visit"), None);
        let when = "CREATE TRIGGER t AFTER DELETE ON note WHEN old.id > 3 BEGIN DELETE FROM search_fts WHERE rowid = old.id; END";
        assert_eq!(select_of(when, "note"), None);
        let two = "CREATE TRIGGER t AFTER DELETE ON note BEGIN DELETE FROM search_fts WHERE rowid = old.id; DELETE FROM y; END";
        assert_eq!(select_of(two, "note"), None);
    }
}
