//! What an import finds already in the database: a customer by its phone, e-mail, or name
//! and company (skipped or merged), a known account's new colleague and their facts and notes,
//! a deal imported before from the same source, an open deal or a person of a merged customer,
//! an inbox note imported before.

use rusqlite::OptionalExtension;

use super::error::DataResult;
use super::import::{ImportReport, ImportedCustomer, OnDuplicate, Target};
use super::importer::{Importer, own_id};
use super::merge::merge_customer;
use super::records::Person;
use super::schema::{Row, TableInfo};
use crate::domain::today::CustomerRef;
use crate::store::customers::find_duplicates_in;
use crate::store::error::Context;

impl Importer<'_> {
    /// Handles a customer that is already in the database; true when the row is consumed.
    pub(super) fn duplicate(
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
    pub(super) fn known_through_its_people(&self, account: &Row, old_id: Option<i64>) -> DataResult<Vec<CustomerRef>> {
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
    pub(super) fn person_of_known_account(
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
    pub(super) fn fact_of_joined_person(&mut self, table: &TableInfo, index: usize, row: &mut Row) -> DataResult<bool> {
        let old_person = row.get("contact_id").and_then(|v| v.as_i64());
        let Some((existing, person)) = self.joined(row, old_person) else { return Ok(false) };
        row.insert("contact_id".into(), person.into());
        self.insert_into_known(table, index, row, existing)
    }

    /// A note of a contact card whose account is already there and whose person joined it (a
    /// new colleague): added to that account, saying whose it is. True when the row is consumed.
    pub(super) fn note_of_joined_person(&mut self, table: &TableInfo, index: usize, row: &mut Row) -> DataResult<bool> {
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
    pub(super) fn joined(&self, row: &Row, old_person: Option<i64>) -> Option<(i64, i64)> {
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
    pub(super) fn insert_into_known(
        &mut self,
        table: &TableInfo,
        index: usize,
        row: &mut Row,
        existing: i64,
    ) -> DataResult<bool> {
        row.insert("customer_id".into(), existing.into());
        if let (Some(old), Some(new)) = (own_id(table, row), self.insert(table, index, row)?) {
            self.target(&table.name, old, Target::Added(new));
        }
        Ok(true)
    }

    /// A deal whose source id (`source_ref`) is already in the database was imported before:
    /// that deal is brought up to date (title, value, step, outcome, dates), a change of step or
    /// outcome written to its step history, and the row is not added again.
    pub(super) fn onto_same_source(&mut self, row: &Row, report: &mut ImportReport) -> DataResult<bool> {
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
    pub(super) fn new_opportunity_of_known_account(&self, row: &mut Row) -> bool {
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
    pub(super) fn onto_open_deal(&mut self, row: &Row, old_id: Option<i64>) -> DataResult<bool> {
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
    pub(super) fn onto_same_person(&mut self, row: &Row, old_id: Option<i64>) -> DataResult<bool> {
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
    pub(super) fn inbox_note_already_there(&self, row: &Row) -> DataResult<bool> {
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
}
