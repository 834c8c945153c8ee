//! Importing rows (from our JSON export, or built from CSV and vCard records) in one
//! transaction, with duplicates skipped or merged and the whole import recorded as a batch.

use std::collections::{BTreeMap, HashMap};

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior};

use super::batch::{BatchRecord, record_batch};
use super::error::{DataError, DataResult};
use super::merge::merge_customer;
use super::records::Person;
use super::schema::{Row, SOFT_REFERENCES, TableInfo, from_json, record_tables};
use crate::domain::Word;
use crate::domain::today::CustomerRef;
use crate::store::Store;
use crate::store::bulk_deferred::Deferred;
use crate::store::customers::find_duplicates_in;
use crate::store::error::Context;

/// Page cache of an import, in KiB.
const IMPORT_CACHE_KIB: i64 = 16 * 1024;

/// Tables that record the history of their parent row: not carried onto a row that is merged
/// into an existing one (the existing deal keeps its own history).
const HISTORY_TABLES: &[&str] = &["stage_event", "checklist_tick"];

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
enum Target {
    Added(i64),
    /// Mapped onto an existing row (a merged customer, its open deal).
    Merged(i64),
    Skipped,
}

/// Hands each piece of a file to the function it is given, in file order (see
/// [`Store::import_pieces`]).
pub type Feed<'f> = &'f mut dyn FnMut(&mut dyn FnMut(&ImportSet) -> DataResult<()>) -> DataResult<()>;

impl Store {
    /// Imports `set` in one transaction (rolled back for a dry run); refuses it whole, doing
    /// nothing, when records were rejected and `skip_invalid` is off.
    pub fn import_set(&mut self, set: &ImportSet, options: &ImportOptions) -> DataResult<ImportReport> {
        self.import_pieces(options, set.rejected.clone(), &mut |add| add(set))
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

/// The customer fields the forms keep to one line ([`crate::domain::NewCustomer::validated`]).
const ONE_LINE_CUSTOMER_FIELDS: &[&str] =
    &["name", "nickname", "company", "title", "phone", "email", "address", "source", "referred_by"];

/// `(table, new id)` → the row's place in the imported file (1-based).
type FileRows = HashMap<(String, i64), usize>;

/// Each table's `INSERT` statement and the columns it names.
type InsertSql = HashMap<String, (Vec<String>, String)>;

/// What an import keeps from one piece of its file to the next.
#[derive(Default)]
struct Carry {
    /// The record tables, read once.
    tables: Vec<TableInfo>,
    /// Where each row of the file went, by table and its id in the file; of the tables other
    /// than `customer`, only for the piece being imported (a later piece refers to the
    /// accounts of earlier ones, nothing else).
    targets: HashMap<String, HashMap<i64, Target>>,
    /// Customers of the file skipped as already there: their id in the file → the existing one.
    already_there: HashMap<i64, i64>,
    batch: BatchRecord,
    /// `(table, new id)` → the row's place in the file (1-based), to name a bad row (of
    /// our own files, which are checked as the app reads them).
    file_rows: FileRows,
    /// True when a piece is our own file (its rows are checked as the app reads them).
    ours: bool,
    /// Each table's `INSERT` statement and the columns it names.
    insert_sql: InsertSql,
}

/// One piece of an import in progress inside its transaction.
struct Importer<'a> {
    tx: &'a Transaction<'a>,
    set: &'a ImportSet,
    options: &'a ImportOptions,
    tables: Vec<TableInfo>,
    keep_ids: bool,
    carry: &'a mut Carry,
    now: String,
}

impl<'a> Importer<'a> {
    fn new(
        tx: &'a Transaction<'a>,
        set: &'a ImportSet,
        options: &'a ImportOptions,
        now: String,
        carry: &'a mut Carry,
    ) -> DataResult<Self> {
        if carry.tables.is_empty() {
            carry.tables = record_tables(tx)?;
        }
        let tables = carry.tables.clone();
        for (name, rows) in &set.tables {
            let Some(table) = tables.iter().find(|t| &t.name == name) else {
                return Err(bad_row(options, name, 0, "this version of Fieldbook has no such table"));
            };
            for (i, row) in rows.iter().enumerate() {
                if let Some(col) = row.keys().find(|k| !table.columns.contains(k)) {
                    return Err(bad_row(options, name, i + 1, &format!("unknown column '{col}'")));
                }
            }
        }
        let keep_ids = set.keys_are_ours && is_empty(tx, &tables)?;
        carry.ours |= set.keys_are_ours;
        carry.targets.retain(|table, _| table == "customer");
        Ok(Self { tx, set, options, tables, keep_ids, carry, now })
    }

    /// Imports every row of the piece.
    fn run(mut self, report: &mut ImportReport) -> DataResult<()> {
        let tables = self.tables.clone();
        let mut soft_fixes: Vec<(String, String, i64, i64)> = Vec::new();
        for table in &tables {
            let Some(rows) = self.set.tables.get(&table.name) else { continue };
            for (index, row) in rows.iter().enumerate() {
                let mut row = row.clone();
                if table.name == "deal" && self.onto_same_source(&row, report)? {
                    if let Some(id) = own_id(table, &row) {
                        self.target(&table.name, id, Target::Skipped);
                    }
                    continue;
                }
                if table.name == "contact" && self.person_of_known_account(table, index, &row, report)? {
                    continue;
                }
                if table.name == "note" && self.note_of_joined_person(table, index, &mut row)? {
                    *report.rows.entry(table.name.clone()).or_default() += 1;
                    continue;
                }
                if table.name == "customer_fact" && self.fact_of_joined_person(table, index, &mut row)? {
                    *report.rows.entry(table.name.clone()).or_default() += 1;
                    continue;
                }
                if table.name == "deal" && self.new_opportunity_of_known_account(&mut row) {
                    if let (Some(old), Some(new)) = (own_id(table, &row), self.insert(table, index, &row)?) {
                        self.target(&table.name, old, Target::Added(new));
                        *report.rows.entry(table.name.clone()).or_default() += 1;
                    }
                    continue;
                }
                let Some(old_id) = self.prepare(table, index, &mut row)? else {
                    if let Some(id) = own_id(table, &row) {
                        self.target(&table.name, id, Target::Skipped);
                    }
                    continue;
                };
                let soft: Vec<(String, i64)> = if self.keep_ids { Vec::new() } else { take_soft(table, &mut row) };
                if table.name == "customer" && !self.keep_ids && self.duplicate(table, &row, old_id, report)? {
                    continue;
                }
                if table.name == "deal" && self.onto_open_deal(&row, old_id)? {
                    continue;
                }
                if table.name == "contact" && self.onto_same_person(&row, old_id)? {
                    continue;
                }
                if table.name == "note" && !self.keep_ids && self.inbox_note_already_there(&row)? {
                    continue;
                }
                let new_id = self.insert(table, index, &row)?;
                if let (Some(old), Some(new)) = (old_id, new_id) {
                    self.target(&table.name, old, Target::Added(new));
                    soft_fixes.extend(soft.into_iter().map(|(col, v)| (table.name.clone(), col, new, v)));
                    if table.name == "customer" && !self.set.tables.contains_key("contact") {
                        self.add_account_person(new, &row)?;
                    }
                    if table.name == "customer" {
                        let name = row.get("name").and_then(|n| n.as_str()).unwrap_or_default().to_string();
                        report.added.push(ImportedCustomer {
                            line: self.set.lines.get(&old).copied(),
                            id: new,
                            name,
                            known_as: None,
                        });
                    }
                }
                *report.rows.entry(table.name.clone()).or_default() += 1;
            }
        }
        self.fix_soft_references(&soft_fixes)?;
        if self.set.tables.contains_key("visit") && !self.set.tables.contains_key("next_step") {
            // An export from before next steps had rows of their own: its visits' next steps
            // get theirs, as the migration gave them.
            crate::store::visits::refresh_all_rollups_in(self.tx)?;
        }
        Ok(())
    }

    /// Rewrites references to imported rows; `Ok(None)` means the row is skipped with its parent.
    fn prepare(&self, table: &TableInfo, index: usize, row: &mut Row) -> DataResult<Option<Option<i64>>> {
        for fk in &table.foreign_keys {
            let Some(old) = row.get(&fk.column).and_then(|v| v.as_i64()) else { continue };
            match self.carry.targets.get(&fk.table).and_then(|m| m.get(&old)) {
                Some(Target::Added(new)) => {
                    row.insert(fk.column.clone(), (*new).into());
                }
                Some(Target::Merged(existing)) => {
                    if HISTORY_TABLES.contains(&table.name.as_str()) {
                        return Ok(None);
                    }
                    row.insert(fk.column.clone(), (*existing).into());
                }
                Some(Target::Skipped) => return Ok(None),
                None if self.keep_ids => {}
                None => {
                    let reason = format!("'{}' refers to {} {old}, which is not in the file", fk.column, fk.table);
                    return Err(bad_row(self.options, &table.name, index + 1, &reason));
                }
            }
        }
        Ok(Some(own_id(table, row)))
    }

    /// Handles a customer that is already in the database; true when the row is consumed.
    fn duplicate(
        &mut self,
        table: &TableInfo,
        row: &Row,
        old_id: Option<i64>,
        report: &mut ImportReport,
    ) -> DataResult<bool> {
        let text = |k: &str| row.get(k).and_then(|v| v.as_str()).unwrap_or_default().to_string();
        let mut found = find_duplicates_in(self.tx, &text("name"), &text("company"), &text("phone"), &text("email"))?;
        if found.is_empty() && self.set.people_join_known_accounts {
            found = self.known_through_its_people(row, old_id)?;
        }
        let Some(existing) = found.first() else { return Ok(false) };
        let line = old_id.and_then(|id| self.set.lines.get(&id).copied());
        let name = text("name");
        let known_as = (existing.name != name).then(|| existing.name.clone());
        let entry = ImportedCustomer { line, id: existing.id, name, known_as };
        let target = match self.options.on_duplicate {
            OnDuplicate::Skip => {
                report.skipped.push(entry);
                if let Some(old) = old_id {
                    self.carry.already_there.insert(old, existing.id);
                }
                Target::Skipped
            }
            OnDuplicate::Merge => {
                if !self.carry.batch.merged_customers.contains(&existing.id) {
                    let (before, facts) = merge_customer(self.tx, table, existing.id, row, &self.now)?;
                    self.carry.batch.merged.push((table.name.clone(), existing.id, before));
                    for id in facts {
                        self.carry.batch.add_id("customer_fact", id);
                    }
                    self.carry.batch.merged_customers.insert(existing.id);
                }
                report.merged.push(entry);
                Target::Merged(existing.id)
            }
        };
        if let Some(old) = old_id {
            self.target("customer", old, target);
        }
        Ok(true)
    }

    /// The accounts already in the database that one of the people of account `old_id` of the
    /// set (its row `account`; one organisation) is known in: a phone export lists an
    /// organisation's cards in any order, so the card the account was made from may be the new
    /// colleague's. The account's own card (the row's values) was looked up already: only its
    /// other cards cost a lookup each.
    fn known_through_its_people(&self, account: &Row, old_id: Option<i64>) -> DataResult<Vec<CustomerRef>> {
        let Some(people) = old_id.and_then(|id| self.set.other_people.get(&id)) else { return Ok(Vec::new()) };
        let text = |k: &str| account.get(k).and_then(|v| v.as_str()).unwrap_or_default();
        let same = |p: &Person| {
            (p.name.as_str(), p.phone.as_str(), p.email.as_str()) == (text("name"), text("phone"), text("email"))
        };
        for person in people.iter().filter(|p| !same(p)) {
            let found = find_duplicates_in(self.tx, &person.name, text("company"), &person.phone, &person.email)?;
            if !found.is_empty() {
                return Ok(found);
            }
        }
        Ok(Vec::new())
    }

    /// A person (contact card) of an account skipped as already there: one of its people
    /// already (same name, phone or e-mail) is left alone; a new one (a colleague whose card
    /// is new) joins that account. True when the row is consumed.
    fn person_of_known_account(
        &mut self,
        table: &TableInfo,
        index: usize,
        row: &Row,
        report: &mut ImportReport,
    ) -> DataResult<bool> {
        if !self.set.people_join_known_accounts {
            return Ok(false);
        }
        let old_customer = row.get("customer_id").and_then(|v| v.as_i64());
        let Some(existing) = old_customer.and_then(|c| self.carry.already_there.get(&c)).copied() else {
            return Ok(false);
        };
        let text = |k: &str| row.get(k).and_then(|v| v.as_str()).unwrap_or_default().to_string();
        let known: Option<i64> = self
            .tx
            .query_row(
                "SELECT id FROM contact WHERE customer_id = ?1
                   AND (name = ?2 OR (?3 <> '' AND phone = ?3) OR (?4 <> '' AND lower(email) = lower(?4)))
                 ORDER BY id LIMIT 1",
                rusqlite::params![existing, text("name"), text("phone"), text("email")],
                |r| r.get(0),
            )
            .optional()
            .ctx("matching imported people")?;
        let old_id = own_id(table, row);
        let target = match known {
            Some(person) => Target::Merged(person),
            None => {
                let mut row = row.clone();
                row.insert("customer_id".into(), existing.into());
                let Some(new) = self.insert(table, index, &row)? else { return Ok(true) };
                *report.rows.entry(table.name.clone()).or_default() += 1;
                let account = self.tx.query_row("SELECT name FROM customer WHERE id = ?1", [existing], |r| r.get(0));
                let line = old_customer.and_then(|c| self.set.lines.get(&c).copied());
                let name = account.ctx("matching imported people")?;
                let entry = ImportedCustomer { line, id: existing, name, known_as: None };
                report.joined.push((entry, text("name")));
                Target::Added(new)
            }
        };
        if let Some(old) = old_id {
            self.target(&table.name, old, target);
        }
        Ok(true)
    }

    /// A fact of a person who joined an account that was already there (see
    /// [`Self::person_of_known_account`]) is added to that account, about them. True when the
    /// row is consumed.
    fn fact_of_joined_person(&mut self, table: &TableInfo, index: usize, row: &mut Row) -> DataResult<bool> {
        let old_person = row.get("contact_id").and_then(|v| v.as_i64());
        let Some((existing, person)) = self.joined(row, old_person) else { return Ok(false) };
        row.insert("contact_id".into(), person.into());
        self.insert_into_known(table, index, row, existing)
    }

    /// A note of a contact card whose account is already there and whose person joined it (a
    /// new colleague): added to that account, saying whose it is. True when the row is consumed.
    fn note_of_joined_person(&mut self, table: &TableInfo, index: usize, row: &mut Row) -> DataResult<bool> {
        let old_person = own_id(table, row).and_then(|note| self.set.note_people.get(&note)).copied();
        let Some((existing, person)) = self.joined(row, old_person) else { return Ok(false) };
        let name: String = self
            .tx
            .query_row("SELECT name FROM contact WHERE id = ?1", [person], |r| r.get(0))
            .ctx("matching notes")?;
        let body = row.get("body").and_then(|v| v.as_str()).unwrap_or_default().to_string();
        if ![format!("{name}："), format!("{name}: ")].iter().any(|whose| body.starts_with(whose)) {
            row.insert("body".into(), super::records::note_of(&name, &body).into());
        }
        self.insert_into_known(table, index, row, existing)
    }

    /// For a row of contact cards whose account (`row`'s customer) was already there and whose
    /// person `old_person` of the set joined it: that account's id and the person's new id.
    fn joined(&self, row: &Row, old_person: Option<i64>) -> Option<(i64, i64)> {
        if !self.set.people_join_known_accounts {
            return None;
        }
        let old_customer = row.get("customer_id").and_then(|v| v.as_i64());
        let existing = old_customer.and_then(|c| self.carry.already_there.get(&c)).copied()?;
        match old_person.and_then(|p| self.carry.targets.get("contact")?.get(&p)).copied() {
            Some(Target::Added(person)) => Some((existing, person)),
            _ => None,
        }
    }

    /// Adds `row` to the known account `existing`; true (the row is consumed).
    fn insert_into_known(&mut self, table: &TableInfo, index: usize, row: &mut Row, existing: i64) -> DataResult<bool> {
        row.insert("customer_id".into(), existing.into());
        if let (Some(old), Some(new)) = (own_id(table, row), self.insert(table, index, row)?) {
            self.target(&table.name, old, Target::Added(new));
        }
        Ok(true)
    }

    /// A deal whose source id (`source_ref`) is already in the database was imported before:
    /// that deal is brought up to date (title, value, step, outcome, dates), a change of step or
    /// outcome written to its step history, and the row is not added again.
    fn onto_same_source(&mut self, row: &Row, report: &mut ImportReport) -> DataResult<bool> {
        let Some(source) = row.get("source_ref").and_then(|v| v.as_str()) else { return Ok(false) };
        let found: Option<(i64, String, String)> = self
            .tx
            .query_row("SELECT id, stage, state FROM deal WHERE source_ref = ?1", [source], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()
            .ctx("matching imported deals")?;
        let Some((id, stage, state)) = found else { return Ok(false) };
        let text = |k: &str| row.get(k).and_then(|v| v.as_str()).map(str::to_string);
        let (new_stage, new_state) = (text("stage").unwrap_or(stage.clone()), text("state").unwrap_or(state.clone()));
        let changed = self
            .tx
            .execute(
                "UPDATE deal SET title = ?2, value_minor = ?3, currency = ?4, stage = ?5, state = ?6, lost_reason = ?7,
                    expected_close_on = ?8, closed_at = ?9,
                    stage_since = CASE WHEN stage = ?5 THEN stage_since ELSE ?10 END
                 WHERE id = ?1 AND (title, coalesce(value_minor, -1), currency, stage, state, lost_reason,
                                    coalesce(expected_close_on, '')) IS NOT
                                   (?2, coalesce(?3, -1), ?4, ?5, ?6, ?7, coalesce(?8, ''))",
                rusqlite::params![
                    id,
                    text("title").unwrap_or_default(),
                    row.get("value_minor").and_then(|v| v.as_i64()),
                    text("currency").unwrap_or_else(|| "CNY".into()),
                    new_stage,
                    new_state,
                    text("lost_reason").unwrap_or_default(),
                    text("expected_close_on"),
                    text("closed_at"),
                    self.now,
                ],
            )
            .ctx("updating an imported deal")?;
        if changed > 0 {
            report.updated_deals += 1;
            if (&new_stage, &new_state) != (&stage, &state) {
                self.tx
                    .execute(
                        "INSERT INTO stage_event (deal_id, from_stage, to_stage, from_state, to_state, at, reason)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, '')",
                        rusqlite::params![id, stage, new_stage, state, new_state, self.now],
                    )
                    .ctx("updating an imported deal")?;
            }
        }
        Ok(true)
    }

    /// A deal with a source id not seen before (a new opportunity in the file) of an account
    /// skipped as already there goes to that account: the row now names it.
    fn new_opportunity_of_known_account(&self, row: &mut Row) -> bool {
        if row.get("source_ref").is_none_or(|v| v.is_null()) {
            return false;
        }
        let Some(existing) =
            row.get("customer_id").and_then(|v| v.as_i64()).and_then(|c| self.carry.already_there.get(&c))
        else {
            return false;
        };
        row.insert("customer_id".into(), (*existing).into());
        true
    }

    /// An open deal of a merged customer that already has an open deal becomes that deal
    /// (not an opportunity with an id of its own: several may be open at once).
    fn onto_open_deal(&mut self, row: &Row, old_id: Option<i64>) -> DataResult<bool> {
        if row.get("source_ref").is_some_and(|v| !v.is_null()) {
            return Ok(false);
        }
        let Some(customer) = row.get("customer_id").and_then(|v| v.as_i64()) else { return Ok(false) };
        if !self.carry.batch.merged_customers.contains(&customer)
            || row.get("state").and_then(|s| s.as_str()) != Some("open")
        {
            return Ok(false);
        }
        let existing: Option<i64> = self
            .tx
            .query_row(
                "SELECT id FROM deal WHERE customer_id = ?1 AND state = 'open' ORDER BY id DESC LIMIT 1",
                [customer],
                |r| r.get(0),
            )
            .ok();
        match (existing, old_id) {
            (Some(deal), Some(old)) => {
                self.target("deal", old, Target::Merged(deal));
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    /// A person of a merged customer who is already one of its people (same name) becomes
    /// that person, so merging the same account twice adds nobody twice.
    fn onto_same_person(&mut self, row: &Row, old_id: Option<i64>) -> DataResult<bool> {
        let Some(customer) = row.get("customer_id").and_then(|v| v.as_i64()) else { return Ok(false) };
        if !self.carry.batch.merged_customers.contains(&customer) {
            return Ok(false);
        }
        let name = row.get("name").and_then(|v| v.as_str()).unwrap_or_default();
        let existing: Option<i64> = self
            .tx
            .query_row(
                "SELECT id FROM contact WHERE customer_id = ?1 AND name = ?2 ORDER BY id LIMIT 1",
                rusqlite::params![customer, name],
                |r| r.get(0),
            )
            .optional()
            .ctx("matching imported people")?;
        match (existing, old_id) {
            (Some(person), Some(old)) => {
                self.target("contact", old, Target::Merged(person));
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    /// An inbox note (one of no customer) that is already in the inbox, same text written at
    /// the same moment: the file was imported before (an export of this database), so it is
    /// not added again. Notes of customers follow their customer instead.
    fn inbox_note_already_there(&self, row: &Row) -> DataResult<bool> {
        if row.get("customer_id").is_some_and(|c| !c.is_null()) {
            return Ok(false);
        }
        let text = |k: &str| row.get(k).and_then(|v| v.as_str()).unwrap_or_default();
        let there = self
            .tx
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM note WHERE customer_id IS NULL AND body = ?1 AND created_at = ?2)",
                [text("body"), text("created_at")],
                |r| r.get(0),
            )
            .ctx("matching imported notes")?;
        Ok(there)
    }

    /// A customer imported from a file without people (a spreadsheet, an export from before
    /// accounts had people) gets its own person as its first contact, as `add` does.
    fn add_account_person(&mut self, customer_id: i64, row: &Row) -> DataResult<()> {
        let text = |k: &str| row.get(k).and_then(|v| v.as_str()).unwrap_or_default().to_string();
        let style = crate::domain::Style::from_code(&text("style"));
        let new = crate::domain::NewCustomer {
            name: text("name"),
            title: text("title"),
            phone: text("phone"),
            email: text("email"),
            style,
            ..Default::default()
        };
        let id = crate::store::contacts::insert_account_person(self.tx, customer_id, &new, &self.now)?;
        self.carry.batch.add_id("contact", id);
        Ok(())
    }

    /// Inserts one row; returns its new integer id, if the table has one.
    fn insert(&mut self, table: &TableInfo, index: usize, row: &Row) -> DataResult<Option<i64>> {
        let id_col = table.id_column();
        let mut cols = Vec::new();
        let mut values = Vec::new();
        for (col, value) in row {
            if !self.keep_ids && Some(col.as_str()) == id_col {
                continue;
            }
            let Some(mut v) = from_json(value) else {
                return Err(bad_row(self.options, &table.name, index + 1, &format!("bad value in '{col}'")));
            };
            // A customer's one-line fields get the forms' rule: control characters (a terminal
            // escape) become spaces. Longer texts (notes) keep them, as the forms do; every
            // output shows them as visible stand-ins.
            if let rusqlite::types::Value::Text(t) = &v
                && table.name == "customer"
                && ONE_LINE_CUSTOMER_FIELDS.contains(&col.as_str())
                && t.chars().any(char::is_control)
            {
                v = rusqlite::types::Value::Text(crate::domain::customer::clean_line(t));
            }
            cols.push(col.as_str());
            values.push(v);
        }
        let sql = insert_sql(&mut self.carry.insert_sql, &table.name, &cols);
        self.tx
            .prepare_cached(sql)
            .and_then(|mut s| s.execute(rusqlite::params_from_iter(values)))
            .map_err(|e| bad_row(self.options, &table.name, index + 1, &e.to_string()))?;
        let new_id = id_col.map(|_| self.tx.last_insert_rowid());
        match new_id {
            Some(id) => self.carry.batch.add_id(&table.name, id),
            None => self.carry.batch.add_key(&table.name, super::schema::row_key(table, row)),
        }
        if let Some(id) = new_id.filter(|_| self.set.keys_are_ours) {
            self.carry.file_rows.insert((table.name.clone(), id), index + 1);
        }
        Ok(new_id)
    }

    fn target(&mut self, table: &str, old: i64, target: Target) {
        self.carry.targets.entry(table.to_string()).or_default().insert(old, target);
    }

    /// Points soft references (ids without a declared foreign key) at the renumbered rows.
    fn fix_soft_references(&self, fixes: &[(String, String, i64, i64)]) -> DataResult<()> {
        for (table, col, row_id, old) in fixes {
            let Some(target_table) = SOFT_REFERENCES.iter().find(|s| s.0 == table && s.1 == col).map(|s| s.2) else {
                continue;
            };
            if let Some(Target::Added(new)) = self.carry.targets.get(target_table).and_then(|m| m.get(old)) {
                self.tx
                    .execute(&format!("UPDATE \"{table}\" SET \"{col}\" = ?1 WHERE id = ?2"), [new, row_id])
                    .ctx("linking imported rows")?;
            }
        }
        Ok(())
    }
}

/// The `INSERT` of `cols` into `table`, made once for each set of columns (the rows of a
/// table usually all have the same).
fn insert_sql<'s>(known: &'s mut InsertSql, table: &str, cols: &[&str]) -> &'s str {
    let same = |(known, _): &(Vec<String>, String)| known.iter().map(String::as_str).eq(cols.iter().copied());
    if !known.get(table).is_some_and(same) {
        let names: Vec<String> = cols.iter().map(|c| format!("\"{c}\"")).collect();
        let marks: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
        let sql = format!("INSERT INTO \"{table}\" ({}) VALUES ({})", names.join(", "), marks.join(", "));
        known.insert(table.to_string(), (cols.iter().map(|c| c.to_string()).collect(), sql));
    }
    known.get(table).map_or("", |(_, sql)| sql.as_str())
}

/// The row's own integer id, if its table has one.
fn own_id(table: &TableInfo, row: &Row) -> Option<i64> {
    table.id_column().and_then(|c| row.get(c)).and_then(|v| v.as_i64())
}

/// Takes the soft references out of a row (set to null until their targets exist).
fn take_soft(table: &TableInfo, row: &mut Row) -> Vec<(String, i64)> {
    let mut out = Vec::new();
    for (_, col, _) in SOFT_REFERENCES.iter().filter(|s| s.0 == table.name) {
        if let Some(v) = row.get(*col).and_then(|v| v.as_i64()) {
            out.push((col.to_string(), v));
            row.insert(col.to_string(), serde_json::Value::Null);
        }
    }
    out
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

/// True when no record table holds a row.
fn is_empty(conn: &Connection, tables: &[TableInfo]) -> DataResult<bool> {
    for t in tables {
        let any: bool = conn
            .query_row(&format!("SELECT EXISTS (SELECT 1 FROM \"{}\")", t.name), [], |r| r.get(0))
            .ctx("checking whether the database is empty")?;
        if any {
            return Ok(false);
        }
    }
    Ok(true)
}

fn bad_row(options: &ImportOptions, table: &str, index: usize, reason: &str) -> DataError {
    DataError::BadRow {
        path: options.source.clone().into(),
        table: table.to_string(),
        index,
        reason: reason.to_string(),
    }
}
