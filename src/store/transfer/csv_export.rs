//! CSV exports of customers and of visits, one row per line, for spreadsheets.

use std::io::Write;

use super::error::{DataError, DataResult};
use crate::store::Store;
use crate::store::error::Context;

/// Which list a CSV export holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CsvTable {
    /// Customers with their open deal.
    #[default]
    Customers,
    /// Every visit and appointment, with the customer's name.
    Visits,
}

/// Customers with the step and value of their open deal; headers are the names the CSV
/// import recognises, so an export can be read back.
const CUSTOMERS_SQL: &str = "SELECT c.id, c.name, c.nickname, c.company, c.title, c.phone, c.email, c.address,
        c.source, c.referred_by, c.class, c.style, c.money, c.authority, c.need, c.portfolio, c.cadence_days,
        d.stage, d.value_minor / 100.0 AS value, d.currency, c.last_contact_on, c.next_step_on, c.next_step,
        c.archived, c.created_at, c.updated_at
     FROM customer c LEFT JOIN deal d ON d.customer_id = c.id AND d.state = 'open' ORDER BY c.id";

const VISITS_SQL: &str = "SELECT v.id, v.customer_id, c.name AS customer, c.company, v.channel, v.planned_at,
        v.done_at, v.purpose, v.action_plan, v.expected_result, v.actual_result, v.outcome, v.next_topic,
        v.next_step, v.next_step_on, v.notes, v.created_at, v.updated_at
     FROM visit v JOIN customer c ON c.id = v.customer_id ORDER BY v.id";

impl Store {
    /// Writes `table` as CSV (UTF-8; with a byte-order mark for Excel when `bom`). Returns
    /// the number of rows.
    pub fn export_csv(&self, table: CsvTable, bom: bool, out: &mut dyn Write) -> DataResult<usize> {
        let io = |e: std::io::Error| DataError::Io { path: "export".into(), source: e };
        if bom {
            out.write_all("\u{feff}".as_bytes()).map_err(io)?;
        }
        let sql = match table {
            CsvTable::Customers => CUSTOMERS_SQL,
            CsvTable::Visits => VISITS_SQL,
        };
        let mut stmt = self.conn().prepare(sql).ctx("exporting")?;
        let headers: Vec<String> = stmt.column_names().map(|s| s.to_string()).collect();
        let mut writer = csv::Writer::from_writer(out);
        let csv_err = |e: csv::Error| DataError::Io { path: "export".into(), source: e.into() };
        writer.write_record(&headers).map_err(csv_err)?;
        let mut rows = stmt.query([]).ctx("exporting")?;
        let mut n = 0;
        while let Some(row) = rows.next().ctx("exporting")? {
            let mut record = Vec::with_capacity(headers.len());
            for i in 0..headers.len() {
                record.push(match row.get_ref(i).ctx("exporting")? {
                    rusqlite::types::ValueRef::Null => String::new(),
                    rusqlite::types::ValueRef::Integer(v) => v.to_string(),
                    rusqlite::types::ValueRef::Real(v) => format!("{v:.2}"),
                    rusqlite::types::ValueRef::Text(t) | rusqlite::types::ValueRef::Blob(t) => {
                        String::from_utf8_lossy(t).into_owned()
                    }
                });
            }
            writer.write_record(&record).map_err(csv_err)?;
            n += 1;
        }
        writer.flush().map_err(io)?;
        Ok(n)
    }
}
