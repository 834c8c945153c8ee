//! Errors from the store, each with what the user needs to act on it.

use std::path::PathBuf;

use crate::domain::{Deal, DealState, DomainError};
use crate::i18n::{Face, Localize, Message, advice};

/// Anything that can go wrong reading or writing the database. Its message is in
/// `assets/i18n` (`error.*`), with advice for the face that shows it.
#[derive(Debug)]
pub enum StoreError {
    /// The file is not SQLite; it was left untouched.
    NotADatabase {
        path: PathBuf,
    },
    /// The path is a folder: the database is a file (`--db` names the file itself).
    IsFolder {
        path: PathBuf,
    },
    /// A newer Fieldbook wrote the file; it was left untouched.
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    /// The database was opened for reading only (its file is read-only); nothing was saved.
    ReadOnly {
        path: PathBuf,
    },
    /// A read-only file Fieldbook would have to write to before it can open it (new, or an
    /// older schema to upgrade).
    ReadOnlyOutdated {
        path: PathBuf,
    },
    /// The file carries Fieldbook's mark but an impossible schema version; it was left untouched.
    DamagedVersion {
        path: PathBuf,
        found: i64,
    },
    /// The backup taken before an upgrade failed; the database was left untouched.
    UpgradeBackup {
        path: PathBuf,
        reason: String,
    },
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    NotFound {
        what: &'static str,
        id: i64,
    },
    NoOpenDeal {
        customer_id: i64,
    },
    SameStep,
    /// A command that needs one deal, for a customer with several open: name one.
    SeveralOpenDeals {
        customer_id: i64,
        deals: Vec<Deal>,
    },
    DealClosed {
        id: i64,
        state: DealState,
    },
    /// Only a won or lost deal can be reopened.
    DealStillOpen {
        id: i64,
    },
    NotTheCustomersDeal {
        deal_id: i64,
        customer_id: i64,
        owner: i64,
    },
    /// Demo data would mix with the customers already there.
    NotEmpty {
        customers: i64,
    },
    /// A stored value this version does not know.
    Corrupt(String),
    Domain(DomainError),
    Sqlite {
        context: &'static str,
        source: rusqlite::Error,
    },
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Io { source, .. } => Some(source),
            Self::Sqlite { source, .. } => Some(source),
            Self::Domain(e) => Some(e),
            _ => None,
        }
    }
}

crate::display_in_english!(StoreError);

impl From<DomainError> for StoreError {
    fn from(e: DomainError) -> Self {
        Self::Domain(e)
    }
}

impl Localize for StoreError {
    fn message(&self, face: Face) -> Message {
        match self {
            Self::NotADatabase { path } => Message::new("error.not_a_database").arg("path", path.display()),
            Self::IsFolder { path } => Message::new("error.db_is_folder")
                .arg("path", path.display())
                .arg("file", path.join("fieldbook.db").display()),
            Self::TooNew { path, found, supported } => Message::new("error.too_new")
                .arg("path", path.display())
                .arg("found", found)
                .arg("supported", supported),
            Self::ReadOnly { path } => Message::new("error.read_only").arg("path", path.display()),
            Self::ReadOnlyOutdated { path } => Message::new("error.read_only_outdated").arg("path", path.display()),
            Self::DamagedVersion { path, found } => {
                Message::new("error.damaged_version").arg("path", path.display()).arg("found", found)
            }
            Self::UpgradeBackup { path, reason } => {
                Message::new("error.upgrade_backup").arg("path", path.display()).arg("reason", reason)
            }
            Self::Io { path, source } if crate::store::transfer::disk_full(source) => {
                Message::new("error.disk_full").arg("path", path.display())
            }
            Self::Io { path, source } => Message::new("error.io").arg("path", path.display()).arg("reason", source),
            Self::NotFound { what, id } => Message::new("error.not_found")
                .field("what", what)
                .arg("id", id)
                .part("advice", advice("error.advice.list_ids", face)),
            Self::NoOpenDeal { customer_id } => Message::new("error.no_open_deal")
                .arg("id", customer_id)
                .part("advice", advice("error.advice.add_deal", face).arg("id", customer_id)),
            Self::SameStep => Message::new("error.same_stage"),
            Self::SeveralOpenDeals { customer_id, deals } => {
                let items = deals.iter().map(|d| {
                    let item = if d.title.is_empty() { "error.deal_item" } else { "error.deal_item_titled" };
                    Message::new(item).arg("id", d.id).arg("title", &d.title).word("step", d.stage)
                });
                Message::new("error.several_open_deals")
                    .arg("id", customer_id)
                    .list("deals", items.collect())
                    .part("advice", advice("error.advice.name_deal", face))
            }
            Self::DealClosed { id, state } => Message::new("error.deal_closed")
                .arg("id", id)
                .word_lower("state", *state)
                .part("advice", advice("error.advice.reopen", face).arg("id", id)),
            Self::DealStillOpen { id } => Message::new("error.deal_still_open").arg("id", id),
            Self::NotTheCustomersDeal { deal_id, customer_id, owner } => Message::new("error.not_the_customers_deal")
                .arg("deal", deal_id)
                .arg("id", customer_id)
                .arg("owner", owner),
            Self::NotEmpty { customers } => Message::new("error.not_empty")
                .arg("count", customers)
                .part("advice", advice("error.advice.demo_not_empty", face)),
            Self::Corrupt(what) => {
                Message::new("error.corrupt").arg("what", what).part("advice", advice("error.advice.check", face))
            }
            Self::Domain(d) => d.message(face),
            Self::Sqlite { context, source } => {
                // Busy is the one a person meets (another window writes): said without the
                // technical context, which is English.
                match source.sqlite_error_code() {
                    Some(rusqlite::ErrorCode::DatabaseBusy) => Message::new("error.busy"),
                    Some(rusqlite::ErrorCode::DiskFull) => Message::new("error.database_disk_full"),
                    _ => Message::new("error.sqlite").arg("context", context).arg("reason", source),
                }
            }
        }
    }
}

/// Result of a store call.
pub type Result<T> = std::result::Result<T, StoreError>;

/// Adds what the store was doing to a SQLite error.
pub trait Context<T> {
    /// Wraps the error with `context` ("adding a customer", ...).
    fn ctx(self, context: &'static str) -> Result<T>;
}

impl<T> Context<T> for std::result::Result<T, rusqlite::Error> {
    fn ctx(self, context: &'static str) -> Result<T> {
        self.map_err(|source| StoreError::Sqlite { context, source })
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(source: rusqlite::Error) -> Self {
        StoreError::Sqlite { context: "working with the database", source }
    }
}
