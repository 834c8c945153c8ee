//! Merging an imported customer into an existing one: empty fields are filled, differing
//! values are kept as facts, so nothing of the imported record is lost.

use rusqlite::Transaction;
use rusqlite::types::Value;

use super::error::DataResult;
use super::schema::{Row, TableInfo, read_rows};
use crate::domain::customer::phone_key;
use crate::store::error::Context;

/// Text columns of a customer an import may fill when they are empty.
const FILLABLE: &[&str] = &["nickname", "company", "title", "phone", "email", "address", "source", "referred_by"];

/// Fills `existing`'s empty fields from `incoming`; values that differ become basic facts.
/// Returns the row as it was before (JSON) and the ids of the facts added.
pub(crate) fn merge_customer(
    tx: &Transaction,
    table: &TableInfo,
    existing: i64,
    incoming: &Row,
    now: &str,
) -> DataResult<(String, Vec<i64>)> {
    let mut before = Row::new();
    read_rows::<crate::store::StoreError>(tx, table, "id = ?1", &[Value::Integer(existing)], |row| {
        before = row;
        Ok(())
    })?;
    let text = |row: &Row, k: &str| row.get(k).and_then(|v| v.as_str()).unwrap_or_default().trim().to_string();
    let mut facts = Vec::new();
    for col in std::iter::once(&"name").chain(FILLABLE) {
        let (old, new) = (text(&before, col), text(incoming, col));
        if new.is_empty() {
            continue;
        }
        let same = if *col == "phone" { phone_key(&old) == phone_key(&new) } else { old.eq_ignore_ascii_case(&new) };
        if old.is_empty() && *col != "name" {
            tx.execute(
                &format!("UPDATE customer SET \"{col}\" = ?1, updated_at = ?2 WHERE id = ?3"),
                rusqlite::params![new, now, existing],
            )
            .ctx("merging a customer")?;
        } else if !same {
            tx.execute(
                "INSERT INTO customer_fact (customer_id, category, label, value, created_at) VALUES (?1, 'basic', ?2, ?3, ?4)",
                rusqlite::params![existing, col, new, now],
            )
            .ctx("merging a customer")?;
            facts.push(tx.last_insert_rowid());
        }
    }
    Ok((serde_json::Value::Object(before).to_string(), facts))
}
