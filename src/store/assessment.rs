//! The rep's self-assessment sittings (migration 0015).

use chrono::NaiveDate;
use rusqlite::params;

use super::Store;
use super::error::{Context, Result};
use super::rows;
use crate::domain::assessment::{Answers, Sitting};

impl Store {
    /// Keeps a sitting taken on `taken_on`; returns its id.
    pub fn add_assessment(&mut self, taken_on: NaiveDate, answers: &Answers) -> Result<i64> {
        self.write(|tx, clock| {
            tx.execute(
                "INSERT INTO assessment (taken_on, answers, created_at) VALUES (?1, ?2, ?3)",
                params![taken_on.format("%Y-%m-%d").to_string(), answers.digits(), clock.timestamp()],
            )
            .ctx("saving a self-assessment")?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// The last `n` sittings, newest first (a row that cannot be read is left out).
    pub fn last_assessments(&self, n: u32) -> Result<Vec<Sitting>> {
        let what = "reading the self-assessments";
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT id, taken_on, answers FROM assessment ORDER BY taken_on DESC, id DESC LIMIT ?1")
            .ctx(what)?;
        let rows = stmt
            .query_map([n], |r| {
                let (id, answers): (i64, String) = (r.get(0)?, r.get(2)?);
                let sitting = rows::opt_date(r, 1)?.zip(Answers::from_digits(&answers));
                Ok(sitting.map(|(taken_on, answers)| Sitting { id, taken_on, answers }))
            })
            .ctx(what)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>().ctx(what)?.into_iter().flatten().collect())
    }
}
