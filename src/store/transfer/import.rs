//! Importing rows (from our JSON export, or built from CSV and vCard records) in one
//! transaction, with duplicates skipped or merged and the whole import recorded as a batch.

use std::collections::{BTreeMap, HashMap};

use rusqlite::{Connection, TransactionBehavior};

use super::batch::record_batch;
use super::error::{DataError, DataResult};
use super::importer::{Carry, Importer};
use super::records::Person;
use super::schema::Row;
use crate::store::Store;
use crate::store::bulk_deferred::Deferred;
use crate::store::error::Context;

/// Page cache of an import, in KiB.
const IMPORT_CACHE_KIB: i64 = 16 * 1024;

/// Rows to import, table by table, in the shape of an export.
#[derive(Debug, Clone, Default)]
pub struct ImportSet {
    pub tables: BTreeMap<String, Vec<Row>>,
    /// The source line of each customer row, by its id in the set (CSV and vCard).
    pub lines: BTreeMap<i64, usize>,
    /// Records of the source that could not be read: (line, reason).
    pub rejected: Vec<(usize, String)>,
    /// True for our own export: its ids are kept when the database is empty.
    pub keys_are_ours: bool,
    /// True for contact cards grouped by organisation: an account of the file is the one
    /// already in the database when any of its people is known there, and its people who are
    /// not (a new colleague) join that account even when duplicates are skipped.
    pub people_join_known_accounts: bool,
    /// The person (contact card) each note of the set came from, by the ids in the set: a
    /// note of a new colleague joins the known account with them.
    pub note_people: BTreeMap<i64, i64>,
    /// For contact cards grouped by organisation: the people of each account of the set after
    /// its first card, by the account's id in the set; all of them, also those whose rows come
    /// in a later piece of the file (an account is known through any of its people).
    pub other_people: BTreeMap<i64, Vec<Person>>,
}

/// What to do with a customer that is already in the database (same phone, e-mail, or name
/// and company).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnDuplicate {
    /// Leave the existing customer alone and skip the imported one.
    #[default]
    Skip,
    /// Fill the existing customer's empty fields and add the imported record to it.
    Merge,
}

/// How to import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub on_duplicate: OnDuplicate,
    /// Do everything, report, then roll back.
    pub dry_run: bool,
    /// Import the valid records even when some are rejected.
    pub skip_invalid: bool,
    /// The file name, recorded with the batch.
    pub source: String,
    /// `json`, `csv` or `vcard`.
    pub format: String,
}

/// One customer of the import and what happened to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedCustomer {
    /// Line in the source file (CSV, vCard), if known.
    pub line: Option<usize>,
    /// The new id (added) or the existing customer's id (merged, skipped).
    pub id: i64,
    /// The name in the file.
    pub name: String,
    /// Merged or skipped: the existing customer's name when it is not the file's (a phone
    /// export's organisation is known through another of its people).
    pub known_as: Option<String>,
}

/// What an import did (or would do, for a dry run or a refused import).
#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    /// The batch id, when the import was saved.
    pub batch: Option<i64>,
    pub added: Vec<ImportedCustomer>,
    pub merged: Vec<ImportedCustomer>,
    pub skipped: Vec<ImportedCustomer>,
    /// People added to an account that was already there (skipped): the account, and the
    /// person's name.
    pub joined: Vec<(ImportedCustomer, String)>,
    /// Source records that were not imported: (line, reason).
    pub rejected: Vec<(usize, String)>,
    /// Rows added per table.
    pub rows: BTreeMap<String, usize>,
    /// Deals already imported from the same source (same id in the file's id column) that
    /// were brought up to date instead of added again. Not part of the batch: undo keeps them.
    pub updated_deals: usize,
    /// True when the import was saved.
    pub committed: bool,
}

/// Where an imported row ended up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Target {
    Added(i64),
    /// Mapped onto an existing row (a merged customer, its open deal).
    Merged(i64),
    Skipped,
}

/// Hands each piece of a file to the function it is given, in file order (see
/// [`Store::import_pieces`]).
pub type Feed<'f> = &'f mut dyn FnMut(&mut dyn FnMut(ImportSet) -> DataResult<()>) -> DataResult<()>;

impl Store {
    /// Imports `set` in one transaction (rolled back for a dry run); refuses it whole, doing
    /// nothing, when records were rejected and `skip_invalid` is off.
    pub fn import_set(&mut self, set: &ImportSet, options: &ImportOptions) -> DataResult<ImportReport> {
        self.import_pieces(options, set.rejected.clone(), &mut |add| add(set.clone()))
    }

    /// Imports a file read in pieces ([`super::Pieces`]) in one transaction, as
    /// [`Store::import_set`] imports a whole one: `pieces` hands each piece, in file order, to
    /// the function it is given; a piece's rows may refer to the accounts of an earlier one.
    /// `rejected` are the file's unreadable records: `(line, message)`.
    pub fn import_pieces(
        &mut self,
        options: &ImportOptions,
        rejected: Vec<(usize, String)>,
        pieces: Feed<'_>,
    ) -> DataResult<ImportReport> {
        self.writable()?;
        // A file with records that cannot be read is refused whole unless they are to be
        // skipped: that is known before a row is imported, so nothing is (a dry run still
        // shows what the rest would do).
        if !rejected.is_empty() && !options.skip_invalid && !options.dry_run {
            return Ok(ImportReport { rejected, ..Default::default() });
        }
        // A big import keeps its pages in a larger cache than SQLite's 2 MiB (fewer spilled to
        // the -wal page by page), though not the bulk load's: its memory stays small.
        self.conn().pragma_update(None, "cache_size", -IMPORT_CACHE_KIB).ctx("starting an import")?;
        // Each row's statement keeps the pages it changes in a statement journal, to undo it
        // alone if it fails: in memory, not a temporary file written with a system call per
        // page (a tenth of a big import's time).
        self.conn().pragma_update(None, "temp_store", "MEMORY").ctx("starting an import")?;
        let result = self.import_in_one_transaction(options, rejected, pieces);
        self.conn().pragma_update(None, "temp_store", "DEFAULT").ctx("finishing an import")?;
        self.conn().pragma_update(None, "cache_size", -2000).ctx("finishing an import")?;
        result
    }

    fn import_in_one_transaction(
        &mut self,
        options: &ImportOptions,
        rejected: Vec<(usize, String)>,
        pieces: Feed<'_>,
    ) -> DataResult<ImportReport> {
        let clock = self.clock;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).ctx("starting an import")?;
        tx.execute_batch("PRAGMA defer_foreign_keys = ON").ctx("starting an import")?;
        let mut report = ImportReport { rejected, ..Default::default() };
        let now = clock.timestamp();
        let before = last_ids(&tx)?;
        // The search index is filled once for every row added, at the end (a trigger call per
        // row costs FTS5 a flush at each statement); an import rolled back needs none.
        let deferred = Deferred::take_search(&tx)?;
        let mut carry = Carry::default();
        pieces(&mut |set| Importer::new(&tx, set, options, now.clone(), &mut carry)?.run(&mut report))?;
        for id in &carry.batch.merged_customers {
            crate::store::visits::refresh_rollup(&tx, *id, &now)?;
        }
        let Carry { batch, file_rows, ours, .. } = carry;
        // Our own files may have been edited by hand: every row added must read back as the
        // app reads it (dates, steps, a cadence the forms allow, an id the index can hold).
        if ours {
            let after = |table: &str| format!("c.id > {} OR c.id < 1", before.get(table).copied().unwrap_or(0));
            if let Some(bad) = crate::store::readable::bad_rows(&tx, &after, 1)?.into_iter().next() {
                let index = file_rows.get(&(bad.table.to_string(), bad.id)).copied().unwrap_or(0);
                return Err(bad_row(options, bad.table, index, &bad.detail));
            }
        }
        if options.dry_run {
            tx.rollback().ctx("rolling back an import")?;
            return Ok(report);
        }
        deferred.restore(&tx)?;
        // Nothing added or filled in (a file imported again): no batch to undo; deals brought
        // up to date are saved all the same.
        if batch.is_empty() {
            if report.updated_deals > 0 {
                tx.commit().ctx("saving the import")?;
                report.committed = true;
            } else {
                tx.rollback().ctx("rolling back an import")?;
            }
            return Ok(report);
        }
        report.batch = Some(record_batch(&tx, &batch, options, &report, &now)?);
        tx.commit().ctx("saving the import")?;
        report.committed = true;
        Ok(report)
    }
}

/// The highest id of each table `readable` checks, before the import (0 when empty).
fn last_ids(conn: &Connection) -> DataResult<HashMap<String, i64>> {
    let mut out = HashMap::new();
    for table in ["customer", "deal", "visit", "customer_fact", "contact"] {
        let max: i64 = conn
            .query_row(&format!("SELECT coalesce(max(id), 0) FROM {table}"), [], |r| r.get(0))
            .ctx("starting an import")?;
        out.insert(table.to_string(), max);
    }
    Ok(out)
}

pub(super) fn bad_row(options: &ImportOptions, table: &str, index: usize, reason: &str) -> DataError {
    DataError::BadRow {
        path: options.source.clone().into(),
        table: table.to_string(),
        index,
        reason: reason.to_string(),
    }
}
