//! `fieldbook check`: the database's own integrity check, foreign keys, and the search index
//! against its source tables. Slow on big files (a second or so): run on demand only.

use serde::Serialize;

use super::Store;
use super::error::{Context, Result};
use super::search::{KIND_STRIDE, SearchKind};

/// The tables the search index covers (`rowid = kind * KIND_STRIDE + id`).
const INDEXED: &[(SearchKind, &str)] = &[
    (SearchKind::Customer, "customer"),
    (SearchKind::Fact, "customer_fact"),
    (SearchKind::Visit, "visit"),
    (SearchKind::Note, "note"),
];

/// One thing `check` found wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "problem", rename_all = "kebab-case")]
pub enum Problem {
    /// A line of `PRAGMA integrity_check` other than `ok`.
    Integrity { detail: String },
    /// A row pointing at a parent row that does not exist.
    ForeignKey { table: String, rowid: Option<i64>, parent: String },
    /// Rows of `table` that the search index lacks.
    SearchMissing { table: String, count: i64 },
    /// Search index entries whose source row of `table` is gone.
    SearchExtra { table: String, count: i64 },
    /// Search index entries that belong to no table (bad kind).
    SearchStray { count: i64 },
    /// FTS5's own `integrity-check` failed.
    SearchIndex { detail: String },
}

impl Store {
    /// Every problem found; empty when the database is sound.
    pub fn check(&self) -> Result<Vec<Problem>> {
        let mut problems = Vec::new();
        let conn = self.conn();
        let mut stmt = conn.prepare("PRAGMA integrity_check").ctx("checking integrity")?;
        let lines = stmt.query_map([], |r| r.get::<_, String>(0)).ctx("checking integrity")?;
        for line in lines {
            let line = line.ctx("checking integrity")?;
            if line != "ok" {
                problems.push(Problem::Integrity { detail: line });
            }
        }
        let mut stmt = conn.prepare("PRAGMA foreign_key_check").ctx("checking foreign keys")?;
        let rows = stmt
            .query_map([], |r| Ok(Problem::ForeignKey { table: r.get(0)?, rowid: r.get(1)?, parent: r.get(2)? }))
            .ctx("checking foreign keys")?;
        for row in rows {
            problems.push(row.ctx("checking foreign keys")?);
        }
        for (kind, table) in INDEXED {
            let (first, last) = (kind.fts_rowid(0), kind.fts_rowid(KIND_STRIDE - 1));
            let missing: i64 = conn
                .query_row(
                    &format!(
                        "SELECT count(*) FROM {table} t WHERE NOT EXISTS (SELECT 1 FROM search_fts WHERE rowid = t.id + ?1)"
                    ),
                    [first],
                    |r| r.get(0),
                )
                .ctx("checking the search index")?;
            if missing > 0 {
                problems.push(Problem::SearchMissing { table: table.to_string(), count: missing });
            }
            let extra: i64 = conn
                .query_row(
                    &format!(
                        "SELECT count(*) FROM search_fts WHERE rowid BETWEEN ?1 AND ?2
                         AND rowid - ?1 NOT IN (SELECT id FROM {table})"
                    ),
                    [first, last],
                    |r| r.get(0),
                )
                .ctx("checking the search index")?;
            if extra > 0 {
                problems.push(Problem::SearchExtra { table: table.to_string(), count: extra });
            }
        }
        let stray: i64 = conn
            .query_row(
                "SELECT count(*) FROM search_fts WHERE rowid < 0 OR rowid >= ?1",
                [KIND_STRIDE * INDEXED.len() as i64],
                |r| r.get(0),
            )
            .ctx("checking the search index")?;
        if stray > 0 {
            problems.push(Problem::SearchStray { count: stray });
        }
        if let Err(e) = conn.execute("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')", []) {
            problems.push(Problem::SearchIndex { detail: e.to_string() });
        }
        Ok(problems)
    }
}
