//! The foreign keys of a bulk load's tables, checked once before it commits: the load runs
//! without enforcement (a parent lookup per row, for millions of rows).
//!
//! Where it can, the check reads a few index ends instead of looking every row's parent up:
//! when a parent table's ids are every whole number from its least to its largest (a table
//! filled by inserts only: the demo's, a new database's), a reference is to a row that is
//! there exactly when it is a whole number in that range, so a child column whose least and
//! largest values are whole numbers within it refers to rows that are all there. (A reference
//! the load writes is a whole number: the writer's ids are `i64`; text or a blob would sort
//! above every number and be its largest.) Any other table, or a column out of range, is
//! checked row by row (`PRAGMA foreign_key_check`), which also names the first broken row.

use std::collections::HashMap;

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Transaction};

use super::bulk_deferred::LOADED_TABLES;
use super::error::{Context, Result, StoreError};

/// Refuses a load that left a row referring to one that is not there. Next steps are not
/// checked: the load writes none itself, their rows are the logged visits' own, whose
/// references they copy (checked as visits).
pub(super) fn check_references(tx: &Transaction) -> Result<()> {
    let doing = "checking the loaded rows' references";
    let mut ranges: HashMap<String, Option<(i64, i64)>> = HashMap::new();
    for table in LOADED_TABLES.into_iter().filter(|t| *t != "next_step") {
        if !all_in_range(tx, table, &mut ranges)? {
            let broken: Option<(Option<i64>, String)> = tx
                .query_row(&format!("PRAGMA foreign_key_check(\"{table}\")"), [], |r| Ok((r.get(1)?, r.get(2)?)))
                .optional()
                .ctx(doing)?;
            if let Some((rowid, parent)) = broken {
                let row = rowid.map(|id| format!(" row {id}")).unwrap_or_default();
                return Err(StoreError::Corrupt(format!("{table}{row} refers to a missing {parent}")));
            }
        }
    }
    Ok(())
}

/// True when every foreign key of `table` is one column referring to its parent's integer
/// primary key, the parent's ids run without a gap ([`id_range`], kept in `ranges`), and the
/// column's least and largest values are whole numbers in that run.
fn all_in_range(tx: &Transaction, table: &str, ranges: &mut HashMap<String, Option<(i64, i64)>>) -> Result<bool> {
    let doing = "checking the loaded rows' references";
    let mut stmt = tx
        .prepare("SELECT id, count(*), min(\"table\"), min(\"from\"), min(\"to\") FROM pragma_foreign_key_list(?1) GROUP BY id")
        .ctx(doing)?;
    let keys = stmt
        .query_map([table], |r| Ok((r.get::<_, i64>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?, r.get(4)?)))
        .ctx(doing)?
        .collect::<rusqlite::Result<Vec<(i64, String, String, Option<String>)>>>()
        .ctx(doing)?;
    for (columns, parent, column, to) in keys {
        if columns != 1 {
            return Ok(false);
        }
        if !ranges.contains_key(&parent) {
            let range = id_range(tx, &parent)?;
            ranges.insert(parent.clone(), range);
        }
        let Some(Some((least, largest))) = ranges.get(&parent).copied() else { return Ok(false) };
        if to.is_some_and(|to| Some(to) != rowid_column(tx, &parent).ok().flatten()) {
            return Ok(false);
        }
        let end = |order: &str| -> Result<Value> {
            tx.query_row(
                &format!(
                    "SELECT \"{column}\" FROM \"{table}\" WHERE \"{column}\" IS NOT NULL ORDER BY 1 {order} LIMIT 1"
                ),
                [],
                |r| r.get(0),
            )
            .optional()
            .map(|v| v.unwrap_or(Value::Null))
            .ctx(doing)
        };
        let within = |v: Value| match v {
            Value::Null => true,
            Value::Integer(id) => (least..=largest).contains(&id),
            _ => false,
        };
        if !within(end("ASC")?) || !within(end("DESC")?) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// The least and largest id of `parent` when its ids are every whole number between them
/// (counted); `None` when there is a gap, no row, or no integer primary key.
fn id_range(tx: &Transaction, parent: &str) -> Result<Option<(i64, i64)>> {
    let Some(id) = rowid_column(tx, parent)? else { return Ok(None) };
    let (least, largest, count): (Option<i64>, Option<i64>, i64) = tx
        .query_row(&format!("SELECT min(\"{id}\"), max(\"{id}\"), count(*) FROM \"{parent}\""), [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .ctx("checking the loaded rows' references")?;
    Ok(match (least, largest) {
        (Some(least), Some(largest)) if largest.checked_sub(least).and_then(|d| d.checked_add(1)) == Some(count) => {
            Some((least, largest))
        }
        _ => None,
    })
}

/// The column that is `table`'s rowid (its one primary key column, declared INTEGER), if any.
fn rowid_column(tx: &Transaction, table: &str) -> Result<Option<String>> {
    let doing = "checking the loaded rows' references";
    let keys: Vec<(String, String)> = tx
        .prepare("SELECT name, upper(type) FROM pragma_table_info(?1) WHERE pk > 0")
        .and_then(|mut s| s.query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
        .ctx(doing)?;
    Ok(match keys.as_slice() {
        [(name, kind)] if kind == "INTEGER" => Some(name.clone()),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use crate::clock::Clock;
    use crate::demo::{self, DemoSize};
    use crate::i18n::Lang;
    use crate::store::{Store, StoreError};

    const AT: &str = "2031-05-06T09:00:00Z";

    fn store(dir: &tempfile::TempDir, customers: u32) -> Store {
        let today = NaiveDate::from_ymd_opt(2031, 5, 6).unwrap();
        let mut store = Store::open(&dir.path().join("refs.db"), Clock::Fixed(today)).unwrap();
        demo::load(&mut store, DemoSize { customers, visits: 20 }, 7, Lang::En, false).unwrap();
        store
    }

    fn refused(loaded: crate::store::Result<i64>) -> bool {
        matches!(loaded, Err(StoreError::Corrupt(ref what)) if what.contains("note") && what.contains("customer"))
    }

    #[test]
    fn references_within_a_run_of_ids_are_kept_and_one_past_it_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store(&dir, 3);
        assert!(store.bulk_load(|w| w.note(Some(3), "the last account's", AT)).is_ok());
        assert!(refused(store.bulk_load(|w| w.note(Some(4), "nobody's", AT))));
        assert!(refused(store.bulk_load(|w| w.note(Some(0), "nobody's", AT))));
    }

    #[test]
    fn a_reference_into_a_gap_of_ids_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store(&dir, 3);
        store.conn().execute("DELETE FROM customer WHERE id = 2", []).unwrap();
        assert!(refused(store.bulk_load(|w| w.note(Some(2), "a removed account's", AT))));
        assert!(store.bulk_load(|w| w.note(Some(3), "the last account's", AT)).is_ok());
    }
}
