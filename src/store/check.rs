//! `fieldbook check`: the database's own integrity check, foreign keys, the search index and
//! the summary tables against their source tables. Slow on big files (a second or so): run on demand only.

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
    (SearchKind::Contact, "contact"),
];

/// The most integrity problems `check` reports (one damaged index can yield thousands).
pub const INTEGRITY_LINES: usize = 100;

/// One thing `check` found wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "problem", rename_all = "kebab-case")]
pub enum Problem {
    /// A line of `PRAGMA integrity_check` other than `ok`.
    Integrity { detail: String },
    /// A row pointing at a parent row that does not exist.
    ForeignKey { table: String, rowid: Option<i64>, parent: String },
    /// A row the app cannot read (a date that is not a date, a cadence beyond the forms' limit,
    /// an id out of range), typically from a hand-edited file.
    Unreadable { table: String, id: i64, detail: String },
    /// Rows of `table` that the search index lacks.
    SearchMissing { table: String, count: i64 },
    /// Search index entries whose source row of `table` is gone.
    SearchExtra { table: String, count: i64 },
    /// Search index entries that belong to no table (bad kind).
    SearchStray { count: i64 },
    /// FTS5's own `integrity-check` failed.
    SearchIndex { detail: String },
    /// Rows of a summary table that differ from what its source rows give.
    SummaryOff { table: String, count: i64 },
}

impl Store {
    /// Every problem found; empty when the database is sound. A file that fails SQLite's
    /// integrity check gets only those problems (at most [`INTEGRITY_LINES`]): the other checks
    /// read through the damage and would only add noise.
    pub fn check(&self) -> Result<Vec<Problem>> {
        let mut problems = Vec::new();
        let conn = self.conn();
        match damage(conn, &format!("integrity_check({INTEGRITY_LINES})")) {
            Ok(lines) => problems.extend(lines.into_iter().map(|detail| Problem::Integrity { detail })),
            // So damaged that SQLite cannot even list the damage: that is the finding.
            Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseCorrupt) => {
                problems.push(Problem::Integrity { detail: e.to_string() })
            }
            Err(e) => return Err(e).ctx("checking integrity"),
        }
        if !problems.is_empty() {
            return Ok(problems);
        }
        let mut stmt = conn.prepare("PRAGMA foreign_key_check").ctx("checking foreign keys")?;
        let rows = stmt
            .query_map([], |r| Ok(Problem::ForeignKey { table: r.get(0)?, rowid: r.get(1)?, parent: r.get(2)? }))
            .ctx("checking foreign keys")?;
        for row in rows {
            problems.push(row.ctx("checking foreign keys")?);
        }
        let unreadable = super::readable::bad_rows(conn, &|_| "1".to_string(), INTEGRITY_LINES)?;
        problems.extend(unreadable.into_iter().map(|b| Problem::Unreadable {
            table: b.table.to_string(),
            id: b.id,
            detail: b.detail,
        }));
        for (kind, table) in INDEXED {
            let (missing, extra) = compare_index(conn, kind.fts_rowid(0), table)?;
            if missing > 0 {
                problems.push(Problem::SearchMissing { table: table.to_string(), count: missing });
            }
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
        for (table, count) in super::summaries::differences(conn)? {
            problems.push(Problem::SummaryOff { table: table.to_string(), count });
        }
        Ok(problems)
    }
}

/// What SQLite's `PRAGMA <check>` (`quick_check`, `integrity_check(N)`) reports wrong, one
/// finding a line (none: the file is sound), without its "*** in database main ***" headings.
pub(crate) fn damage(conn: &rusqlite::Connection, check: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("PRAGMA {check}"))?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .iter()
        .flat_map(|row| row.lines())
        .filter(|line| *line != "ok" && !line.starts_with("*** in database"))
        .map(str::to_string)
        .collect())
}

/// Walks `table`'s ids and the index's entries of its kind side by side, both in order (one
/// sequential pass each, no per-row lookups); returns (rows without an entry, entries without
/// a row).
fn compare_index(conn: &rusqlite::Connection, first: i64, table: &str) -> Result<(i64, i64)> {
    let ctx = "checking the search index";
    let mut rows = conn.prepare(&format!("SELECT id FROM {table} ORDER BY id")).ctx(ctx)?;
    let mut entries =
        conn.prepare("SELECT rowid - ?1 FROM search_fts WHERE rowid BETWEEN ?1 AND ?2 ORDER BY rowid").ctx(ctx)?;
    let mut rows = rows.query([]).ctx(ctx)?;
    let mut entries = entries.query([first, first + KIND_STRIDE - 1]).ctx(ctx)?;
    let next = |r: &mut rusqlite::Rows| -> Result<Option<i64>> {
        r.next().ctx(ctx)?.map(|row| row.get::<_, i64>(0)).transpose().ctx(ctx)
    };
    let (mut row, mut entry) = (next(&mut rows)?, next(&mut entries)?);
    let (mut missing, mut extra) = (0, 0);
    loop {
        match (row, entry) {
            (None, None) => return Ok((missing, extra)),
            (Some(r), Some(e)) if r == e => {
                row = next(&mut rows)?;
                entry = next(&mut entries)?;
            }
            (Some(r), Some(e)) if r < e => {
                missing += 1;
                row = next(&mut rows)?;
            }
            (Some(_), None) => {
                missing += 1;
                row = next(&mut rows)?;
            }
            (_, Some(_)) => {
                extra += 1;
                entry = next(&mut entries)?;
            }
        }
    }
}
