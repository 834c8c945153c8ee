//! Planned visits and next steps with a time as an RFC 5545 calendar (`.ics`) a phone or
//! Outlook imports: one event per visit or next step under a UID that never changes (a second
//! import updates, never duplicates), its SEQUENCE the row's revision, times in UTC (no
//! VTIMEZONE), a reminder, and deleted ones as cancelled. `fieldbook calendar` writes it on
//! demand; [`CalendarFile`] keeps the config's `calendar.file` up to date after every change.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Local, NaiveDateTime, TimeZone, Utc};
use icalendar::{Alarm, Calendar, Component, Event, EventLike, EventStatus, Property, Trigger};

use crate::domain::calendar::{CalendarEvent, EventRange};
use crate::i18n::I18n;
use crate::store::Store;
use crate::store::private_file::PrivateFile;
use crate::store::transfer::DataError;
use crate::store::transfer::out_file::check_out;

/// The part of every UID after the row's key: the UID names Fieldbook's event, not the phone's.
const UID_DOMAIN: &str = "fieldbook";

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// Where the file is.
    pub path: PathBuf,
    /// Events in it, cancelled ones included.
    pub events: usize,
    /// Of those, cancelled.
    pub cancelled: usize,
}

/// The calendar of `events`: reminders `reminder_minutes` before each (none at 0), words of
/// the description in `i18n`'s language.
#[cfg(test)]
fn ics(events: &[CalendarEvent], i18n: &I18n, reminder_minutes: u32) -> String {
    let mut text = String::new();
    let written = write_ics(events, i18n, reminder_minutes, &mut text);
    assert!(written.is_ok(), "a String takes any text");
    text
}

/// Writes the calendar of `events` to `out` one event at a time (a year of plans at 1M visits
/// is tens of thousands of events; as calendar objects all at once they took 300 MB).
fn write_ics(
    events: &[CalendarEvent],
    i18n: &I18n,
    reminder_minutes: u32,
    out: &mut impl std::fmt::Write,
) -> std::fmt::Result {
    let mut head = Calendar::empty();
    head.append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", "-//Fieldbook//Fieldbook//EN"))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("X-WR-CALNAME", one_line(&i18n.t("data.calendar.name"))));
    let head = head.to_string();
    out.write_str(head.strip_suffix(CALENDAR_END).unwrap_or(&head))?;
    for event in events {
        vevent(event, i18n, reminder_minutes).fmt_write(out)?;
    }
    out.write_str(CALENDAR_END)
}

/// The calendar's last line.
const CALENDAR_END: &str = "END:VCALENDAR\r\n";

/// Text written to an [`std::io::Write`], keeping the I/O error that stopped it.
struct IoText<W> {
    inner: W,
    error: Option<std::io::Error>,
}

impl<W: std::io::Write> std::fmt::Write for IoText<W> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.inner.write_all(s.as_bytes()).map_err(|e| {
            self.error = Some(e);
            std::fmt::Error
        })
    }
}

/// One VEVENT.
fn vevent(e: &CalendarEvent, i18n: &I18n, reminder_minutes: u32) -> Event {
    let mut event = Event::new();
    let summary = one_line(&e.summary());
    event
        .uid(&format!("{}@{UID_DOMAIN}", e.of.key()))
        .sequence(e.revision)
        .timestamp(stamp(&e.changed_at))
        .starts(utc(e.starts_at))
        .ends(utc(e.ends_at()))
        .summary(&summary);
    if e.cancelled {
        event.status(EventStatus::Cancelled);
        return event.done();
    }
    event.status(EventStatus::Confirmed).description(&description(e, i18n));
    if !e.location.trim().is_empty() {
        event.location(&one_line(&e.location));
    }
    if reminder_minutes > 0 {
        let mut alarm = Alarm::display(&summary, Trigger::before_start(Duration::minutes(reminder_minutes.into())));
        // The crate gives a component without them a random UID and the current time: the
        // reminder is named after its event, so an export is the same each time.
        alarm.add_property("UID", format!("{}-reminder@{UID_DOMAIN}", e.of.key()));
        alarm.timestamp(stamp(&e.changed_at));
        event.alarm(alarm);
    }
    event.done()
}

/// A visit's purpose, action plan and expected result, or a next step's text, one per line.
fn description(e: &CalendarEvent, i18n: &I18n) -> String {
    let lines = match &e.plan {
        Some(plan) => vec![
            i18n.fmt("data.calendar.purpose", &[("text", &plan.purpose)]),
            i18n.fmt("data.calendar.action_plan", &[("text", &plan.action_plan)]),
            i18n.fmt("data.calendar.expected_result", &[("text", &plan.expected_result)]),
        ],
        None => vec![i18n.fmt("data.calendar.next_step", &[("text", &e.title)])],
    };
    lines.iter().map(|l| calendar_text(l)).collect::<Vec<_>>().join("\n")
}

/// Text for a calendar: line breaks kept as `\n` (the format escapes them), every other
/// control character a space, so no value can break a content line.
fn calendar_text(s: &str) -> String {
    s.replace("\r\n", "\n").chars().map(|c| if c.is_control() && c != '\n' { ' ' } else { c }).collect()
}

/// Text for a one-line field (summary, location): line breaks become spaces too.
fn one_line(s: &str) -> String {
    calendar_text(s).replace('\n', " ")
}

/// Local wall time in UTC; a time the clocks skip (a daylight-saving gap) is read an hour on.
fn utc(local: NaiveDateTime) -> DateTime<Utc> {
    Local
        .from_local_datetime(&local)
        .earliest()
        .or_else(|| Local.from_local_datetime(&(local + Duration::hours(1))).earliest())
        .map_or_else(|| Utc.from_utc_datetime(&local), |t| t.with_timezone(&Utc))
}

/// A stored RFC 3339 timestamp; the Unix epoch when it cannot be read (DTSTAMP is required).
fn stamp(changed_at: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(changed_at).map_or(DateTime::UNIX_EPOCH, |t| t.with_timezone(&Utc))
}

/// Writes the events of `range` to `path`, checked as every `--out` is (never the database,
/// an existing file only with `force`), whole or not at all.
pub fn export(
    store: &Store,
    range: EventRange,
    path: &Path,
    force: bool,
    i18n: &I18n,
    reminder_minutes: u32,
) -> Result<Written, DataError> {
    let out = check_out(path, store.path(), force)?;
    let events = store.calendar_events(range)?;
    let io = |source| DataError::Io { path: out.path.clone(), source };
    let mut file = PrivateFile::create_with(&out.path, out.existing).map_err(io)?;
    {
        let mut text = IoText { inner: std::io::BufWriter::new(&mut file), error: None };
        if write_ics(&events, i18n, reminder_minutes, &mut text).is_err() {
            let e = text.error.unwrap_or_else(|| std::io::Error::other("the calendar could not be written"));
            return Err(io(e));
        }
        std::io::Write::flush(&mut text.inner).map_err(io)?;
    }
    let path = file.finish().map_err(io)?;
    let cancelled = events.iter().filter(|e| e.cancelled).count();
    Ok(Written { path, events: events.len(), cancelled })
}

/// The config's `calendar.file`, written again whenever the database changed since the last
/// time (both faces call [`CalendarFile::keep_up`] after their writes).
#[derive(Debug, Clone)]
pub struct CalendarFile {
    path: PathBuf,
    reminder_minutes: u32,
    /// The store's change count when the file was last written; `None`: not yet.
    written_at: Option<u64>,
}

impl CalendarFile {
    /// The file at `path` (Fieldbook's own: replaced each time), with reminders
    /// `reminder_minutes` before each event.
    pub fn new(path: PathBuf, reminder_minutes: u32) -> Self {
        Self { path, reminder_minutes, written_at: None }
    }

    /// Writes the file when `store` changed since it was last written (or never was): the
    /// events from [`EventRange::default_from`] today on. `None` when nothing needed writing.
    pub fn keep_up(&mut self, store: &Store, i18n: &I18n) -> Option<Result<Written, DataError>> {
        self.due(store).then(|| self.write(store, i18n))
    }

    /// True when `store` changed since the file was last written or [`due`](Self::due) said
    /// so (or never was); from then on it counts as written.
    pub fn due(&mut self, store: &Store) -> bool {
        let changes = store.changes();
        let due = self.written_at != Some(changes);
        self.written_at = Some(changes);
        due
    }

    /// Writes the file now from `store` (any connection to the database): the events from
    /// [`EventRange::default_from`] today on.
    pub fn write(&self, store: &Store, i18n: &I18n) -> Result<Written, DataError> {
        let range = EventRange::default_from(store.clock().today());
        export(store, range, &self.path, true, i18n, self.reminder_minutes)
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::calendar::{EventOf, VisitPlan};
    use crate::i18n::Lang;

    fn event(of: EventOf, cancelled: bool) -> CalendarEvent {
        let starts_at = NaiveDate::from_ymd_opt(2031, 5, 8).unwrap().and_hms_opt(10, 0, 0).unwrap();
        CalendarEvent {
            of,
            revision: 2,
            starts_at,
            customer: "王伟; Co, Ltd".into(),
            title: "确认预算".into(),
            plan: Some(VisitPlan {
                purpose: "确认预算".into(),
                action_plan: "带报价单\r\n问清楚谁签字".into(),
                expected_result: "预算范围".into(),
            }),
            location: "上海市浦东新区世纪大道 100 号".into(),
            changed_at: "2031-05-06T01:00:00Z".into(),
            cancelled,
        }
    }

    #[test]
    fn an_event_has_what_a_calendar_needs() {
        let text = ics(&[event(EventOf::Visit(12), false)], &I18n::new(Lang::ZhCn), 30);
        for needed in [
            "UID:visit-12@fieldbook\r\n",
            "SEQUENCE:2\r\n",
            "DTSTAMP:20310506T010000Z\r\n",
            "SUMMARY:王伟\\; Co\\, Ltd · 确认预算\r\n",
            "STATUS:CONFIRMED\r\n",
            "BEGIN:VALARM\r\n",
            "TRIGGER;RELATED=START:-PT1800S\r\n",
            "UID:visit-12-reminder@fieldbook\r\n",
        ] {
            assert!(text.contains(needed), "{needed} missing from\n{text}");
        }
        assert!(text.replace("\r\n ", "").contains("带报价单\\n问清楚谁签字"), "{text}");
        assert!(!text.contains('\r') || text.split("\r\n").all(|l| !l.contains('\r')));
        let cancelled = ics(&[event(EventOf::NextStep(3), true)], &I18n::new(Lang::En), 0);
        assert!(cancelled.contains("STATUS:CANCELLED\r\n"), "{cancelled}");
        assert!(!cancelled.contains("VALARM"), "{cancelled}");
    }
}
