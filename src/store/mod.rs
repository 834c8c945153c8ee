//! SQLite storage: opening (pragmas, file mode, migrations) and one module per table family.
//! All SQL of Fieldbook lives under this module; callers get domain types back.

mod assessment;
pub mod bulk;
pub(crate) mod bulk_deferred;
mod bulk_references;
mod bulk_triggers;
mod calendar;
pub(crate) mod check;
mod checklist;
pub(crate) mod contacts;
mod customers;
pub(crate) mod deals;
mod error;
pub(crate) mod facts;
pub mod identity;
pub mod migrate;
pub mod name_key;
mod next_steps;
mod notes;
mod objections;
mod open_deals;
pub(crate) mod pinyin;
mod pipeline;
pub(crate) mod private_file;
pub(crate) mod read_only;
pub(crate) mod readable;
mod removal;
mod report;
pub(crate) mod rows;
#[cfg(test)]
mod rule_ties;
mod search;
mod search_excerpt;
pub mod search_keys;
mod search_query;
pub(crate) mod search_removal;
pub mod search_text;
mod step_exits;
pub(crate) mod summaries;
mod today;
mod today_due;
pub mod transfer;
pub(crate) mod visits;
mod won_values;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use rusqlite::config::DbConfig;
use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::clock::Clock;
use identity::Identity;

pub use customers::{CustomerFilter, CustomerPatch, CustomerRow, CustomerSort, NewDeal, normalise_phone};
pub use deals::DealPatch;
pub use error::{Context, Result, StoreError};
pub use next_steps::StepOf;
pub use notes::Note;
pub use pipeline::{BoardMatches, PipelineCard, PipelineFilter, StepTotal};
pub use removal::Removed;
pub use report::{NextStepFollowUp, OpenDealGroup, StepChange, StepHistory, VisitTally};
pub use search::{KIND_STRIDE, SearchHit, SearchKind};
pub use step_exits::{EXIT_BAND_DAYS, ExitBands};
pub use won_values::WonValueCount;

/// How long a writer waits for another process holding the write lock.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// An open Fieldbook database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    clock: Clock,
    read_only: bool,
    /// The board filter's table, once the board asked for it.
    open_deals: open_deals::HeldOpenDeals,
}

impl Store {
    /// Opens (creating if missing, mode 0600) and migrates the database at `path`.
    /// A file that is not Fieldbook's (see [`identity`]), or a schema newer than this binary,
    /// is refused untouched: the decision reads only. A file the user made read-only is opened
    /// for reading only (see [`read_only`]; [`Store::is_read_only`]).
    pub fn open(path: &Path, clock: Clock) -> Result<Self> {
        Self::open_telling(path, clock, |_| {})
    }

    /// [`Store::open`], calling `upgrading` with the version found before a database made by
    /// an older Fieldbook is backed up and upgraded (at 100k customers that takes a while:
    /// the faces say so instead of seeming to hang).
    pub fn open_telling(path: &Path, clock: Clock, upgrading: impl FnOnce(i64)) -> Result<Self> {
        let io = |source| StoreError::Io { path: path.to_path_buf(), source };
        if path.is_dir() {
            return Err(StoreError::IsFolder { path: path.to_path_buf() });
        }
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            private_file::create_private_dir(parent).map_err(io)?;
        }
        let read_only = path.exists() && read_only::is_read_only_file(path);
        if path.exists() {
            check_header(path)?;
        } else {
            private_file::create_private_if_missing(path).map_err(io)?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        let opened = if read_only { read_only::open(path) } else { Connection::open_with_flags(path, flags) };
        let mut conn = opened.map_err(|e| not_a_database(path, e))?;
        conn.busy_timeout(BUSY_TIMEOUT).ctx("setting the busy timeout")?;
        // An import runs some twenty statements per row: all stay prepared.
        conn.set_prepared_statement_cache_capacity(64);
        // Plans that do not depend on the values bound. Without this, a statement whose plan
        // looked at a bound value (a LIKE pattern, a term next to a partial index) is compiled
        // again each time the cache hands it out (rusqlite clears its bindings, and SQLite then
        // expires it): the duplicate check was recompiled for every imported row.
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true).ctx("fixing query plans")?;
        register_functions(&conn)?;
        let identity = identity::identify(&conn).map_err(|e| match e {
            StoreError::Sqlite { source, .. } => not_a_database(path, source),
            other => other,
        })?;
        let (found, marked) = match identity {
            Identity::Empty => (0, false),
            Identity::Ours { version, marked } => (version, marked),
            Identity::TooNew { version } => {
                return Err(StoreError::TooNew {
                    path: path.to_path_buf(),
                    found: version,
                    supported: migrate::LATEST,
                });
            }
            Identity::DamagedVersion { version } => {
                return Err(StoreError::DamagedVersion { path: path.to_path_buf(), found: version });
            }
            Identity::Foreign => return Err(StoreError::NotADatabase { path: path.to_path_buf() }),
        };
        // Ours from here on: nothing above wrote to the file.
        if read_only {
            if found != migrate::LATEST {
                return Err(StoreError::ReadOnlyOutdated { path: path.to_path_buf() });
            }
            conn.execute_batch("PRAGMA foreign_keys = ON").ctx("setting pragmas")?;
            return Ok(Self { conn, path: path.to_path_buf(), clock, read_only, open_deals: Default::default() });
        }
        conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)).ctx("enabling WAL")?;
        conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;").ctx("setting pragmas")?;
        if (1..migrate::LATEST).contains(&found) {
            upgrading(found);
            transfer::backup::backup_before_upgrade(&conn, path, found, clock.now())?;
        }
        if !marked {
            identity::mark(&conn)?;
        }
        migrate::migrate(&mut conn)?;
        restrict_mode(path).map_err(io)?;
        Ok(Self { conn, path: path.to_path_buf(), clock, read_only, open_deals: Default::default() })
    }

    /// Whether the database was opened for reading only (its file is read-only): every write
    /// fails with [`StoreError::ReadOnly`].
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Fails with [`StoreError::ReadOnly`] when the database was opened for reading only.
    pub(crate) fn writable(&self) -> Result<()> {
        if self.read_only { Err(StoreError::ReadOnly { path: self.path.clone() }) } else { Ok(()) }
    }

    /// Where the database file is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The clock used for timestamps and "today".
    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// How many rows this connection has written since it opened (every write, its triggers
    /// and the migrations included): a face compares two readings to see whether anything
    /// changed (the calendar file follows every change).
    pub fn changes(&self) -> u64 {
        self.conn.total_changes()
    }

    /// Makes every query of this connection stop, failing as interrupted, while `stop` is set
    /// (looked at every thousand steps of SQLite's engine): a reader drops a read whose answer
    /// is no longer wanted, whichever of its statements it is at.
    pub fn stop_reads_while(&mut self, stop: Arc<AtomicBool>) -> Result<()> {
        self.conn.progress_handler(1000, Some(move || stop.load(Ordering::Relaxed))).ctx("watching for reads to stop")
    }

    /// A read that never ends until interrupted (for the tests of [`Interrupt`]'s users).
    #[cfg(test)]
    pub(crate) fn read_without_end(&self) -> Result<()> {
        self.conn
            .query_row(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT max(i) FROM n",
                [],
                |_| Ok(()),
            )
            .ctx("reading without end")
    }

    /// The connection, for read-only queries inside the store.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one write transaction (taken at once, so two writers queue instead of
    /// failing); commits on `Ok`, rolls back on `Err`.
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&Transaction, Clock) -> Result<T>) -> Result<T> {
        self.writable()?;
        let clock = self.clock;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).ctx("starting a write")?;
        let value = f(&tx, clock)?;
        tx.commit().ctx("saving")?;
        Ok(value)
    }
}

impl Drop for Store {
    /// Lets SQLite refresh the statistics its query planner found stale, as it advises before
    /// closing a connection (usually nothing to do). A failure here loses nothing.
    fn drop(&mut self) {
        if self.read_only {
            return;
        }
        let _ = self.conn.execute_batch("PRAGMA optimize");
    }
}

/// Registers the SQL functions the schema's triggers call.
pub(super) fn register_functions(conn: &Connection) -> Result<()> {
    conn.create_scalar_function(
        "fb_search_text",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let text: Option<String> = ctx.get(0)?;
            Ok(search_text::index_text(text.as_deref().unwrap_or("")))
        },
    )
    .ctx("registering search functions")?;
    conn.create_scalar_function(
        "fb_search_keys",
        4,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let text = |i: usize| -> rusqlite::Result<String> { Ok(ctx.get::<Option<String>>(i)?.unwrap_or_default()) };
            Ok(search_keys::search_keys(&text(0)?, &text(1)?, &text(2)?, &text(3)?).marked())
        },
    )
    .ctx("registering search functions")?;
    conn.create_scalar_function(
        "fb_name_key",
        2,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let text = |i: usize| -> rusqlite::Result<String> { Ok(ctx.get::<Option<String>>(i)?.unwrap_or_default()) };
            Ok(name_key::sort_key(&text(0)?, &text(1)?))
        },
    )
    .ctx("registering the name order")?;
    transfer::register_row_hash(conn)
}

/// Refuses a non-empty file whose first bytes are not SQLite's header, without writing to it.
fn check_header(path: &Path) -> Result<()> {
    let mut file = std::fs::File::open(path).map_err(|source| StoreError::Io { path: path.to_path_buf(), source })?;
    let mut header = [0u8; 16];
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(source) => return Err(StoreError::Io { path: path.to_path_buf(), source }),
        }
    }
    if read == 0 || &header[..read] == b"SQLite format 3\0" {
        Ok(())
    } else {
        Err(StoreError::NotADatabase { path: path.to_path_buf() })
    }
}

fn not_a_database(path: &Path, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotADatabase { path: path.to_path_buf() },
        _ => StoreError::Sqlite { context: "opening the database", source: e },
    }
}

/// Makes the database file (and its WAL companions) readable by its owner only.
pub fn restrict_mode(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mut names = vec![path.to_path_buf()];
        for suffix in ["-wal", "-shm"] {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            names.push(PathBuf::from(p));
        }
        for name in names.iter().filter(|p| p.exists()) {
            let mode = std::fs::metadata(name)?.permissions().mode() & 0o777;
            if mode != 0o600 {
                std::fs::set_permissions(name, std::fs::Permissions::from_mode(0o600))?;
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}
