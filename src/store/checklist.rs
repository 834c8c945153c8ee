//! Checklist ticks: a deal's ticks on its step's checklist (`checklist_tick`) and a visit's
//! ticks on its type's in-visit checklist (`visit_checklist_tick`). Item numbers are 1-based;
//! the caller checks them against the playbook.

use std::collections::HashMap;

use rusqlite::{Connection, params};

use super::Store;
use super::error::{Context, Result, StoreError};
use crate::domain::{Step, Word};

impl Store {
    /// The ticked item numbers of a deal in one step, ascending.
    pub fn checklist_ticks(&self, deal_id: i64, stage: Step) -> Result<Vec<u32>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT item FROM checklist_tick WHERE deal_id = ?1 AND stage = ?2 ORDER BY item")
            .ctx("reading checklist ticks")?;
        let items = stmt.query_map(params![deal_id, stage.code()], |r| r.get(0)).ctx("reading checklist ticks")?;
        items.collect::<rusqlite::Result<Vec<u32>>>().ctx("reading checklist ticks")
    }

    /// Ticks and unticks items of a deal's checklist for `stage` in one transaction; returns
    /// the ticks afterwards. Ticking a ticked item keeps its first time.
    pub fn set_checklist_ticks(&mut self, deal_id: i64, stage: Step, tick: &[u32], untick: &[u32]) -> Result<Vec<u32>> {
        self.write(|tx, clock| {
            let exists: bool = tx
                .query_row("SELECT EXISTS (SELECT 1 FROM deal WHERE id = ?1)", [deal_id], |r| r.get(0))
                .ctx("ticking a checklist")?;
            if !exists {
                return Err(StoreError::NotFound { what: "deal", id: deal_id });
            }
            let now = clock.timestamp();
            for item in tick {
                tx.prepare_cached(
                    "INSERT OR IGNORE INTO checklist_tick (deal_id, stage, item, ticked_at) VALUES (?1, ?2, ?3, ?4)",
                )
                .and_then(|mut s| s.execute(params![deal_id, stage.code(), item, now]))
                .ctx("ticking a checklist")?;
            }
            for item in untick {
                tx.prepare_cached("DELETE FROM checklist_tick WHERE deal_id = ?1 AND stage = ?2 AND item = ?3")
                    .and_then(|mut s| s.execute(params![deal_id, stage.code(), item]))
                    .ctx("ticking a checklist")?;
            }
            Ok(())
        })?;
        self.checklist_ticks(deal_id, stage)
    }

    /// How many items each deal has ticked in its current step (deals with none are absent);
    /// for the progress (`3/5`) on pipeline cards.
    pub fn checklist_tick_counts(&self, deal_ids: &[i64]) -> Result<HashMap<i64, u32>> {
        let mut counts = HashMap::new();
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT count(*) FROM checklist_tick t JOIN deal d ON d.id = t.deal_id AND t.stage = d.stage
                 WHERE t.deal_id = ?1",
            )
            .ctx("counting checklist ticks")?;
        for id in deal_ids {
            let n: u32 = stmt.query_row([id], |r| r.get(0)).ctx("counting checklist ticks")?;
            if n > 0 {
                counts.insert(*id, n);
            }
        }
        Ok(counts)
    }

    /// The ticked item numbers of a visit's in-visit checklist, ascending.
    pub fn visit_ticks(&self, visit_id: i64) -> Result<Vec<u32>> {
        visit_ticks_in(self.conn(), visit_id)
    }

    /// The ticked item numbers of several visits in one query, ascending per visit; visits
    /// without ticks are absent.
    pub fn visit_ticks_of(&self, visit_ids: &[i64]) -> Result<HashMap<i64, Vec<u32>>> {
        let mut ticks: HashMap<i64, Vec<u32>> = HashMap::new();
        if visit_ids.is_empty() {
            return Ok(ticks);
        }
        let ids = format!("[{}]", visit_ids.iter().map(i64::to_string).collect::<Vec<_>>().join(","));
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT visit_id, item FROM visit_checklist_tick
                 WHERE visit_id IN (SELECT value FROM json_each(?1)) ORDER BY visit_id, item",
            )
            .ctx("reading visit checklist ticks")?;
        let rows = stmt
            .query_map([ids], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, u32>(1)?)))
            .ctx("reading visit checklist ticks")?;
        for row in rows {
            let (visit_id, item) = row.ctx("reading visit checklist ticks")?;
            ticks.entry(visit_id).or_default().push(item);
        }
        Ok(ticks)
    }
}

/// Reads a visit's ticks on `conn`.
fn visit_ticks_in(conn: &Connection, visit_id: i64) -> Result<Vec<u32>> {
    let mut stmt = conn
        .prepare_cached("SELECT item FROM visit_checklist_tick WHERE visit_id = ?1 ORDER BY item")
        .ctx("reading visit checklist ticks")?;
    let items = stmt.query_map([visit_id], |r| r.get(0)).ctx("reading visit checklist ticks")?;
    items.collect::<rusqlite::Result<Vec<u32>>>().ctx("reading visit checklist ticks")
}

/// Makes a visit's ticks exactly `ticks` (inside the visit's own write transaction); items
/// already ticked keep their first time.
pub(crate) fn replace_visit_ticks(conn: &Connection, visit_id: i64, ticks: &[u32], now: &str) -> Result<()> {
    let current = visit_ticks_in(conn, visit_id)?;
    for item in current.iter().filter(|i| !ticks.contains(i)) {
        conn.prepare_cached("DELETE FROM visit_checklist_tick WHERE visit_id = ?1 AND item = ?2")
            .and_then(|mut s| s.execute(params![visit_id, item]))
            .ctx("saving visit checklist ticks")?;
    }
    for item in ticks.iter().filter(|i| **i > 0 && !current.contains(i)) {
        conn.prepare_cached(
            "INSERT OR IGNORE INTO visit_checklist_tick (visit_id, item, ticked_at) VALUES (?1, ?2, ?3)",
        )
        .and_then(|mut s| s.execute(params![visit_id, item, now]))
        .ctx("saving visit checklist ticks")?;
    }
    Ok(())
}
