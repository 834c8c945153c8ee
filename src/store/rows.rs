//! Reading columns into domain types.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Row;
use rusqlite::types::Type;

use crate::domain::when::parse_stored_datetime;
use crate::domain::{Customer, CustomerClass, Man, Word};

/// A stored code column (`stage`, `class`, ...) as its domain word.
pub fn code<T: Word>(row: &Row, idx: usize) -> rusqlite::Result<T> {
    opt_code(row, idx)?.ok_or(rusqlite::Error::InvalidColumnType(idx, String::new(), Type::Null))
}

/// A nullable code column (read in place: a report reads some hundred thousand).
pub fn opt_code<T: Word>(row: &Row, idx: usize) -> rusqlite::Result<Option<T>> {
    let s = row
        .get_ref(idx)?
        .as_str_or_null()
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, e.into()))?;
    s.map(|s| T::from_code(s).ok_or_else(|| conversion(idx, format!("unknown {} '{s}'", T::KIND)))).transpose()
}

/// A nullable `YYYY-MM-DD` column.
pub fn opt_date(row: &Row, idx: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let s: Option<String> = row.get(idx)?;
    s.map(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|_| conversion(idx, format!("bad date '{s}'"))))
        .transpose()
}

/// A nullable local `YYYY-MM-DD HH:MM` column.
pub fn opt_datetime(row: &Row, idx: usize) -> rusqlite::Result<Option<NaiveDateTime>> {
    let s: Option<String> = row.get(idx)?;
    s.map(|s| parse_stored_datetime(&s).ok_or_else(|| conversion(idx, format!("bad time '{s}'")))).transpose()
}

fn conversion(idx: usize, msg: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, msg.into())
}

/// Columns read by [`customer`], in order.
pub const CUSTOMER_COLUMNS: &str = "c.id, c.name, c.nickname, c.company, c.title, c.phone, c.email, c.address, \
    c.source, c.referred_by, c.class, c.style, c.money, c.authority, c.need, c.portfolio, c.cadence_days, \
    c.last_contact_on, c.next_step_on, c.next_step, c.archived, c.created_at, c.updated_at";

/// A customer from a row selected with [`CUSTOMER_COLUMNS`].
pub fn customer(row: &Row) -> rusqlite::Result<Customer> {
    Ok(Customer {
        id: row.get(0)?,
        name: row.get(1)?,
        nickname: row.get(2)?,
        company: row.get(3)?,
        title: row.get(4)?,
        phone: row.get(5)?,
        email: row.get(6)?,
        address: row.get(7)?,
        source: row.get(8)?,
        referred_by: row.get(9)?,
        class: code(row, 10)?,
        style: code(row, 11)?,
        man: Man { money: code(row, 12)?, authority: code(row, 13)?, need: code(row, 14)? },
        portfolio: opt_code(row, 15)?,
        cadence_days: row.get(16)?,
        last_contact_on: opt_date(row, 17)?,
        next_step_on: opt_date(row, 18)?,
        next_step: row.get(19)?,
        archived: row.get(20)?,
        created_at: row.get(21)?,
        updated_at: row.get(22)?,
    })
}

/// SQL true for a customer (alias `c`) the visit cadence applies to: the SQL form of
/// [`CustomerClass::follows_cadence`], built from it so the two cannot drift.
pub(super) fn follows_cadence_sql() -> String {
    let never: Vec<String> =
        CustomerClass::ALL.iter().filter(|c| !c.follows_cadence()).map(|c| format!("'{}'", c.code())).collect();
    if never.is_empty() { "1".to_string() } else { format!("c.class NOT IN ({})", never.join(", ")) }
}
