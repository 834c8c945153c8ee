//! Rows the reads cannot handle: each record table read back through the same row readers
//! that `show`, `list`, Today and the app use, plus the domain's limits the forms apply (a
//! cadence of at most ten years) and the id range the search index can hold. `check` lists
//! them; an import of our JSON refuses a file that would add one.

use super::error::{Context, Result};
use super::search::KIND_STRIDE;
use crate::domain::cadence::MAX_OVERRIDE_DAYS;

/// A row that a read of the app would fail on, or that breaks a rule of the forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BadRow {
    pub table: &'static str,
    pub id: i64,
    pub detail: String,
}

/// Each readable table: its name, the columns its reader takes, and the reader.
type Reader = fn(&rusqlite::Row) -> rusqlite::Result<()>;

const TABLES: &[(&str, &str, Reader)] = &[
    ("customer", super::rows::CUSTOMER_COLUMNS, |r| {
        let c = super::rows::customer(r)?;
        match c.cadence_days {
            Some(days) if days == 0 || days > MAX_OVERRIDE_DAYS => {
                Err(rusqlite::Error::IntegralValueOutOfRange(16, days.into()))
            }
            _ => Ok(()),
        }
    }),
    ("deal", super::deals::DEAL_COLUMNS, |r| super::deals::deal_row(r).map(drop)),
    ("visit", super::visits::VISIT_COLUMNS, |r| super::visits::visit_row(r).map(drop)),
    ("customer_fact", super::facts::FACT_COLUMNS, |r| super::facts::fact_row(r).map(drop)),
    ("contact", super::contacts::CONTACT_COLUMNS, |r| super::contacts::contact_row(r).map(drop)),
];

/// Rows of the record tables that cannot be read back, or whose id the search index cannot
/// hold, `WHERE {filter}` (`1` for all); at most `limit`.
pub(crate) fn bad_rows(
    conn: &rusqlite::Connection,
    filter: &dyn Fn(&str) -> String,
    limit: usize,
) -> Result<Vec<BadRow>> {
    let mut found = Vec::new();
    for (table, columns, read) in TABLES {
        let sql = format!("SELECT {} FROM {table} c WHERE {}", prefixed(columns), filter(table));
        let mut stmt = conn.prepare(&sql).ctx("checking that every row reads")?;
        let mut rows = stmt.query([]).ctx("checking that every row reads")?;
        while let Some(row) = rows.next().ctx("checking that every row reads")? {
            if found.len() >= limit {
                return Ok(found);
            }
            // Every reader has the row's own id first.
            let id: i64 = row.get(0).ctx("checking that every row reads")?;
            let problem = if !(1..KIND_STRIDE).contains(&id) {
                Some(format!("id {id} is out of range (1 to {})", KIND_STRIDE - 1))
            } else {
                read(row).err().map(|e| describe(&e, columns))
            };
            if let Some(detail) = problem {
                found.push(BadRow { table, id, detail });
            }
        }
    }
    Ok(found)
}

/// What a reader's error says, with the column named: `cadence_days: 4294967296 is out of
/// range`, `last_contact_on: not a date ('not a date')`.
fn describe(e: &rusqlite::Error, columns: &str) -> String {
    use rusqlite::Error as E;
    let name = |i: usize| columns.split(',').nth(i).map(|c| c.trim().trim_start_matches("c.").to_string());
    let at = match e {
        E::IntegralValueOutOfRange(i, v) => name(*i).map(|c| format!("{c}: {v} is out of range")),
        E::InvalidColumnType(i, _, t) => name(*i).map(|c| format!("{c}: a {t} where the app reads another type")),
        E::FromSqlConversionFailure(i, _, err) => name(*i).map(|c| format!("{c}: {err}")),
        _ => None,
    };
    at.unwrap_or_else(|| e.to_string())
}

/// `c.` before each column of a reader's list (`CUSTOMER_COLUMNS` has it already).
fn prefixed(columns: &str) -> String {
    columns
        .split(',')
        .map(|c| c.trim())
        .map(|c| if c.starts_with("c.") { c.to_string() } else { format!("c.{c}") })
        .collect::<Vec<_>>()
        .join(", ")
}
