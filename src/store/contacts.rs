//! The people of an account (`contact`), their buying roles (`contact_role`) and the people a
//! visit met (`visit_contact`).

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::Store;
use super::customers::normalise_phone;
use super::error::{Context, Result, StoreError};
use super::rows;
use crate::domain::{BuyingRole, Contact, NewContact, NewCustomer, Style, Word};

pub(crate) const CONTACT_COLUMNS: &str = "id, customer_id, name, title, phone, email, style, created_at, updated_at";

pub(crate) fn contact_row(r: &rusqlite::Row) -> rusqlite::Result<Contact> {
    Ok(Contact {
        id: r.get(0)?,
        customer_id: r.get(1)?,
        name: r.get(2)?,
        title: r.get(3)?,
        phone: r.get(4)?,
        email: r.get(5)?,
        style: rows::code(r, 6)?,
        roles: Vec::new(),
        created_at: r.get(7)?,
        updated_at: r.get(8)?,
    })
}

impl Store {
    /// Adds a person (validated by [`crate::domain::ContactDraft`]) to an account; returns
    /// the new id (never one a removed person had).
    pub fn add_contact(&mut self, customer_id: i64, person: &NewContact) -> Result<i64> {
        self.write(|tx, clock| {
            let exists: bool = tx
                .query_row("SELECT EXISTS (SELECT 1 FROM customer WHERE id = ?1)", [customer_id], |r| r.get(0))
                .ctx("adding a person")?;
            if !exists {
                return Err(StoreError::NotFound { what: "customer", id: customer_id });
            }
            let id = insert_contact(tx, customer_id, person, &clock.timestamp())?;
            replace_roles(tx, id, &person.roles)?;
            Ok(id)
        })
    }

    /// Replaces a person's name, title, phone, e-mail, style and roles.
    pub fn update_contact(&mut self, id: i64, person: &NewContact) -> Result<()> {
        self.write(|tx, clock| {
            let n = tx
                .execute(
                    "UPDATE contact SET name = ?2, title = ?3, phone = ?4, email = ?5, style = ?6, updated_at = ?7
                     WHERE id = ?1",
                    params![
                        id,
                        person.name,
                        person.title,
                        normalise_phone(&person.phone),
                        person.email,
                        person.style.code(),
                        clock.timestamp()
                    ],
                )
                .ctx("editing a person")?;
            if n == 0 {
                return Err(StoreError::NotFound { what: "contact", id });
            }
            replace_roles(tx, id, &person.roles)
        })
    }

    /// One person, with roles.
    pub fn contact(&self, id: i64) -> Result<Contact> {
        let found = self
            .conn()
            .query_row(&format!("SELECT {CONTACT_COLUMNS} FROM contact WHERE id = ?1"), [id], contact_row)
            .optional()
            .ctx("reading a person")?;
        let mut people = vec![found.ok_or(StoreError::NotFound { what: "contact", id })?];
        fill_roles(self.conn(), &mut people)?;
        Ok(people.remove(0))
    }

    /// An account's people with their roles, in the order they were added.
    pub fn contacts_of(&self, customer_id: i64) -> Result<Vec<Contact>> {
        let mut stmt = self
            .conn()
            .prepare_cached(&format!("SELECT {CONTACT_COLUMNS} FROM contact WHERE customer_id = ?1 ORDER BY id"))
            .ctx("reading the people of an account")?;
        let mut people = stmt
            .query_map([customer_id], contact_row)
            .ctx("reading the people of an account")?
            .collect::<rusqlite::Result<Vec<_>>>()
            .ctx("reading the people of an account")?;
        fill_roles(self.conn(), &mut people)?;
        Ok(people)
    }

    /// The people a visit met, by visit, for an account's visits.
    pub fn met_by_visit(&self, customer_id: i64) -> Result<BTreeMap<i64, Vec<i64>>> {
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT vc.visit_id, vc.contact_id FROM contact c JOIN visit_contact vc ON vc.contact_id = c.id
                 WHERE c.customer_id = ?1 ORDER BY vc.visit_id, vc.contact_id",
            )
            .ctx("reading who a visit met")?;
        let pairs = stmt
            .query_map([customer_id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))
            .ctx("reading who a visit met")?
            .collect::<rusqlite::Result<Vec<_>>>()
            .ctx("reading who a visit met")?;
        let mut met: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
        for (visit, contact) in pairs {
            met.entry(visit).or_default().push(contact);
        }
        Ok(met)
    }
}

/// Inserts a person row (phone normalised like the customer's); returns its id.
pub(super) fn insert_contact(conn: &Connection, customer_id: i64, person: &NewContact, now: &str) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO contact (customer_id, name, title, phone, email, style, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
    )
    .and_then(|mut s| {
        s.execute(params![
            customer_id,
            person.name,
            person.title,
            normalise_phone(&person.phone),
            person.email,
            person.style.code(),
            now
        ])
    })
    .ctx("adding a person")?;
    Ok(conn.last_insert_rowid())
}

/// The account's own person, as the first contact of a new account: the customer's name,
/// title, phone, e-mail and style (the same rule as the upgrade to schema 8).
pub(crate) fn insert_account_person(conn: &Connection, customer_id: i64, new: &NewCustomer, now: &str) -> Result<i64> {
    let person = NewContact {
        name: new.name.clone(),
        title: new.title.clone(),
        phone: new.phone.clone(),
        email: new.email.clone(),
        style: new.style.unwrap_or(Style::Unknown),
        roles: Vec::new(),
    };
    insert_contact(conn, customer_id, &person, now)
}

fn replace_roles(tx: &Transaction, contact_id: i64, roles: &[BuyingRole]) -> Result<()> {
    tx.execute("DELETE FROM contact_role WHERE contact_id = ?1", [contact_id]).ctx("saving roles")?;
    let mut insert =
        tx.prepare_cached("INSERT INTO contact_role (contact_id, role) VALUES (?1, ?2)").ctx("saving roles")?;
    for role in roles {
        insert.execute(params![contact_id, role.code()]).ctx("saving roles")?;
    }
    Ok(())
}

/// Reads the roles of `people` (one query per person, on the primary key).
fn fill_roles(conn: &Connection, people: &mut [Contact]) -> Result<()> {
    let mut stmt = conn.prepare_cached("SELECT role FROM contact_role WHERE contact_id = ?1").ctx("reading roles")?;
    for person in people.iter_mut() {
        let codes = stmt
            .query_map([person.id], |r| r.get::<_, String>(0))
            .ctx("reading roles")?
            .collect::<rusqlite::Result<Vec<_>>>()
            .ctx("reading roles")?;
        let mut roles = codes
            .iter()
            .map(|c| BuyingRole::from_code(c).ok_or_else(|| StoreError::Corrupt(format!("role '{c}'"))))
            .collect::<Result<Vec<_>>>()?;
        roles.sort();
        person.roles = roles;
    }
    Ok(())
}

/// Records which people a visit met, replacing what was recorded before.
pub(super) fn replace_visit_contacts(conn: &Connection, visit_id: i64, met: &[i64]) -> Result<()> {
    conn.execute("DELETE FROM visit_contact WHERE visit_id = ?1", [visit_id]).ctx("saving who a visit met")?;
    let mut insert = conn
        .prepare_cached("INSERT OR IGNORE INTO visit_contact (visit_id, contact_id) VALUES (?1, ?2)")
        .ctx("saving who a visit met")?;
    for contact in met {
        insert.execute([visit_id, *contact]).ctx("saving who a visit met")?;
    }
    Ok(())
}
