//! Errors from the store, each with what the user needs to act on it.

use std::path::PathBuf;

use thiserror::Error;

use crate::domain::{Deal, DealState, DomainError};

/// Anything that can go wrong reading or writing the database.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("{} is not a Fieldbook database (not SQLite); it was left untouched. Point --db at a Fieldbook file or a new path", path.display())]
    NotADatabase { path: PathBuf },
    #[error("{} was written by a newer Fieldbook (schema {found}, this one knows up to {supported}); it was left untouched. Update Fieldbook to open it", path.display())]
    TooNew { path: PathBuf, found: i64, supported: i64 },
    #[error("{} needs a backup before it is upgraded, and the backup failed: {reason}. The database was left untouched", path.display())]
    UpgradeBackup { path: PathBuf, reason: String },
    #[error("cannot open {}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("no {what} with id {id}; `fieldbook list` shows the ids")]
    NotFound { what: &'static str, id: i64 },
    #[error("customer {customer_id} has no open deal; `fieldbook show {customer_id}` shows its deals")]
    NoOpenDeal { customer_id: i64 },
    #[error("the deal is already in that step")]
    SameStage,
    #[error("customer {customer_id} has {} open deals; name one with --deal", deals.len())]
    SeveralOpenDeals { customer_id: i64, deals: Vec<Deal> },
    #[error("deal {id} is {state:?}; reopen it first")]
    DealClosed { id: i64, state: DealState },
    #[error("deal {id} is open; only a won or lost deal can be reopened")]
    DealStillOpen { id: i64 },
    #[error("deal {deal_id} belongs to customer {owner}, not to customer {customer_id}")]
    NotTheCustomersDeal { deal_id: i64, customer_id: i64, owner: i64 },
    #[error(
        "the database already holds {customers} customers; demo data would mix with them. Add --force to load it anyway, or use --db with a new file"
    )]
    NotEmpty { customers: i64 },
    #[error("the database holds a value this version does not know ({0}); run `fieldbook check`")]
    Corrupt(String),
    #[error(transparent)]
    Domain(#[from] DomainError),
    #[error("database error while {context}: {source}")]
    Sqlite { context: &'static str, source: rusqlite::Error },
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
