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

/// Seconds since 1970 of a stored UTC timestamp in the form every change is stamped in,
/// `YYYY-MM-DDTHH:MM:SSZ`, read without SQLite's `unixepoch` (a report reads some ten
/// thousand); none for any other form, which callers ask SQLite for.
pub fn utc_seconds(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' || b[16] != b':' || b[19] != b'Z'
    {
        return None;
    }
    let number = |at: usize, len: usize| {
        b[at..at + len].iter().try_fold(0u32, |n, c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    let day = NaiveDate::from_ymd_opt(i32::try_from(number(0, 4)?).ok()?, number(5, 2)?, number(8, 2)?)?;
    Some(day.and_hms_opt(number(11, 2)?, number(14, 2)?, number(17, 2)?)?.and_utc().timestamp())
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

#[cfg(test)]
mod tests {
    use super::utc_seconds;

    #[test]
    fn utc_seconds_agree_with_sqlite() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        for t in [
            "1970-01-01T00:00:00Z",
            "2024-02-29T23:59:59Z",
            "2031-05-05T17:45:00Z",
            "2030-12-31T16:00:00Z",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z",
        ] {
            let sqlite: i64 = conn.query_row("SELECT unixepoch(?1)", [t], |r| r.get(0)).unwrap();
            assert_eq!(utc_seconds(t), Some(sqlite), "{t}");
        }
        // Other forms are left to SQLite.
        for t in ["2031-05-05T17:45:00.5Z", "2031-05-05 17:45:00", "2031-05-05T17:45:00+08:00", "2031-02-30T00:00:00Z"]
        {
            assert_eq!(utc_seconds(t), None, "{t}");
        }
        assert_eq!(utc_seconds("2031-05-05T24:00:00Z"), None);
        assert_eq!(utc_seconds("２031-05-05T17:45:00Z"), None);
    }
}
