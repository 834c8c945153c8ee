//! Moving data in and out: the JSON export (complete, versioned, byte-stable), imports of
//! any kind recorded as undoable batches, handover of chosen customers, backups and restore.
//! Tables are read from the schema itself, so later tables are carried without changes here.

pub mod backup;
mod batch;
mod csv_export;
mod error;
mod export;
mod import;
mod import_known;
mod importer;
mod merge;
pub(crate) mod out_file;
mod read_export;
mod records;
mod row_hash;
mod schema;

pub use batch::{BatchSummary, UndoReport};
pub use csv_export::CsvTable;
pub(crate) use error::disk_full;
pub use error::{DataError, DataResult};
pub use export::{EXPORT_FORMAT, ExportCounts, ExportScope};
pub use import::{Feed, ImportOptions, ImportReport, ImportSet, ImportedCustomer, OnDuplicate};
pub use read_export::{looks_like_ours, read_export};
pub use records::{Accounts, Grouping, Person, Pieces, records_to_set};
pub(crate) use row_hash::register as register_row_hash;
