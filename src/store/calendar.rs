//! What the calendar export reads: planned visits, next steps with a time and the events
//! cancelled by a delete, in a range of days (see migration 0014).

use chrono::{Duration, NaiveDate, NaiveTime};
use rusqlite::{Row, params};

use super::Store;
use super::error::{Context, Result};
use super::rows;
use crate::domain::calendar::{CalendarEvent, EventOf, EventRange, VisitPlan};
use crate::domain::when::parse_stored_datetime;

/// The first day after every range without an end.
const NO_END: &str = "9999-12-31";

impl Store {
    /// The events starting in `range`, by start then kind and id: planned visits (logged
    /// since or not), next steps with a time (open or done), and deleted ones as cancelled.
    pub fn calendar_events(&self, range: EventRange) -> Result<Vec<CalendarEvent>> {
        let from = range.from.format("%Y-%m-%d").to_string();
        let until = range.to.and_then(|d| d.checked_add_signed(Duration::days(1)));
        let until = until.map_or_else(|| NO_END.to_string(), |d| d.format("%Y-%m-%d").to_string());
        let mut events = Vec::new();
        let what = "reading the calendar's visits";
        let mut visits = self
            .conn()
            .prepare_cached(
                "SELECT v.id, v.revision, v.planned_at, v.purpose, v.action_plan, v.expected_result, v.updated_at,
                        c.name, c.address
                 FROM visit v JOIN customer c ON c.id = v.customer_id
                 WHERE v.planned_at IS NOT NULL AND v.planned_at >= ?1 AND v.planned_at < ?2",
            )
            .ctx(what)?;
        events.extend(
            visits
                .query_map(params![from, until], visit_event)
                .ctx(what)?
                .collect::<rusqlite::Result<Vec<_>>>()
                .ctx(what)?,
        );
        let what = "reading the calendar's next steps";
        let mut steps = self
            .conn()
            .prepare_cached(
                "SELECT s.id, s.revision, s.due_on, s.due_time, s.text, s.updated_at, c.name, c.address
                 FROM next_step s JOIN customer c ON c.id = s.customer_id
                 WHERE s.due_time IS NOT NULL AND s.due_on >= ?1 AND s.due_on < ?2",
            )
            .ctx(what)?;
        events.extend(
            steps
                .query_map(params![from, until], step_event)
                .ctx(what)?
                .collect::<rusqlite::Result<Vec<_>>>()
                .ctx(what)?,
        );
        let what = "reading the calendar's cancelled events";
        let mut cancelled = self
            .conn()
            .prepare_cached(
                "SELECT uid, customer, title, starts_at, revision, cancelled_at FROM cancelled_event
                 WHERE starts_at >= ?1 AND starts_at < ?2",
            )
            .ctx(what)?;
        let rows = cancelled.query_map(params![from, until], cancelled_event).ctx(what)?;
        events.extend(rows.collect::<rusqlite::Result<Vec<_>>>().ctx(what)?.into_iter().flatten());
        events.sort_by_key(|e| (e.starts_at, matches!(e.of, EventOf::NextStep(_)), e.of.key()));
        Ok(events)
    }
}

/// A revision as the SEQUENCE it becomes (a corrupt negative one reads as 0).
fn revision(row: &Row, idx: usize) -> rusqlite::Result<u32> {
    Ok(u32::try_from(row.get::<_, i64>(idx)?).unwrap_or(0))
}

/// A planned visit.
fn visit_event(r: &Row) -> rusqlite::Result<CalendarEvent> {
    let starts_at = rows::opt_datetime(r, 2)?.ok_or(rusqlite::Error::InvalidColumnType(
        2,
        "planned_at".into(),
        rusqlite::types::Type::Null,
    ))?;
    let purpose: String = r.get(3)?;
    Ok(CalendarEvent {
        of: EventOf::Visit(r.get(0)?),
        revision: revision(r, 1)?,
        starts_at,
        customer: r.get(7)?,
        title: purpose.clone(),
        plan: Some(VisitPlan { purpose, action_plan: r.get(4)?, expected_result: r.get(5)? }),
        location: r.get(8)?,
        changed_at: r.get(6)?,
        cancelled: false,
    })
}

/// A next step with a time.
fn step_event(r: &Row) -> rusqlite::Result<CalendarEvent> {
    let day: Option<NaiveDate> = rows::opt_date(r, 2)?;
    let time: String = r.get(3)?;
    let time = NaiveTime::parse_from_str(&time, "%H:%M").ok();
    let starts_at = day.zip(time).map(|(d, t)| d.and_time(t));
    let starts_at =
        starts_at.ok_or(rusqlite::Error::InvalidColumnType(3, "due_time".into(), rusqlite::types::Type::Text))?;
    Ok(CalendarEvent {
        of: EventOf::NextStep(r.get(0)?),
        revision: revision(r, 1)?,
        starts_at,
        customer: r.get(6)?,
        title: r.get(4)?,
        plan: None,
        location: r.get(7)?,
        changed_at: r.get(5)?,
        cancelled: false,
    })
}

/// A deleted event; `None` when its key or time cannot be read (nothing a calendar could match).
fn cancelled_event(r: &Row) -> rusqlite::Result<Option<CalendarEvent>> {
    let key: String = r.get(0)?;
    let starts_at: String = r.get(3)?;
    let (Some(of), Some(starts_at)) = (EventOf::from_key(&key), parse_stored_datetime(&starts_at)) else {
        return Ok(None);
    };
    Ok(Some(CalendarEvent {
        of,
        revision: revision(r, 4)?,
        starts_at,
        customer: r.get(1)?,
        title: r.get(2)?,
        plan: None,
        location: String::new(),
        changed_at: r.get(5)?,
        cancelled: true,
    }))
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::clock::Clock;
    use crate::domain::{NewCustomer, VisitInput};
    use crate::store::NewDeal;

    #[test]
    fn a_deleted_visit_is_cancelled_until_it_is_put_back_one_revision_on() {
        let dir = tempfile::tempdir().unwrap();
        let today = NaiveDate::from_ymd_opt(2031, 5, 6).unwrap();
        let mut store = Store::open(&dir.path().join("fieldbook.db"), Clock::Fixed(today)).unwrap();
        let customer =
            store.add_customer(NewCustomer { name: "王伟".into(), ..Default::default() }, NewDeal::default()).unwrap();
        let input = VisitInput {
            planned_at: Some(today.and_hms_opt(10, 0, 0).unwrap()),
            purpose: "确认预算".into(),
            action_plan: "带报价单".into(),
            expected_result: "预算范围".into(),
            ..VisitInput::blank()
        };
        let visit = store.add_visit(customer, input).unwrap();
        let range = EventRange { from: today, to: None };
        let shown = |store: &Store| -> Vec<(String, u32, bool)> {
            store.calendar_events(range).unwrap().iter().map(|e| (e.of.key(), e.revision, e.cancelled)).collect()
        };
        assert_eq!(shown(&store), [(format!("visit-{visit}"), 0, false)]);
        let removed = store.delete_visit(visit).unwrap();
        assert_eq!(shown(&store), [(format!("visit-{visit}"), 1, true)]);
        store.put_back(&removed).unwrap();
        assert_eq!(shown(&store), [(format!("visit-{visit}"), 2, false)]);
    }
}
