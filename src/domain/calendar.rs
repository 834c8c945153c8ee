//! Calendar events: the planned visits and the next steps with a time, as a phone's calendar
//! keeps them (`fieldbook calendar`, the config's `calendar.file`).

use chrono::{Duration, NaiveDate, NaiveDateTime};

/// How long a planned visit's event lasts (a visit has no end of its own).
pub const VISIT_MINUTES: i64 = 60;
/// How long a next step's event lasts.
pub const NEXT_STEP_MINUTES: i64 = 30;
/// The reminder before each event unless `calendar.reminder_minutes` says otherwise.
pub const DEFAULT_REMINDER_MINUTES: u32 = 30;
/// How far back an export reaches by default: events already on the phone stay up to date
/// for a month after they happened.
pub const DEFAULT_DAYS_BACK: i64 = 30;

/// Where an event comes from; it names the event (its UID) for as long as the row lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventOf {
    /// A visit with a planned time.
    Visit(i64),
    /// A next step with a time of day.
    NextStep(i64),
}

impl EventOf {
    /// The key the store keeps a cancelled event under (`visit-12`, `next-step-3`).
    pub fn key(self) -> String {
        match self {
            Self::Visit(id) => format!("visit-{id}"),
            Self::NextStep(id) => format!("next-step-{id}"),
        }
    }

    /// Reads a key written by [`EventOf::key`].
    pub fn from_key(key: &str) -> Option<Self> {
        if let Some(id) = key.strip_prefix("visit-") {
            return id.parse().ok().map(Self::Visit);
        }
        key.strip_prefix("next-step-").and_then(|id| id.parse().ok()).map(Self::NextStep)
    }

    /// How long its event lasts.
    pub fn minutes(self) -> i64 {
        match self {
            Self::Visit(_) => VISIT_MINUTES,
            Self::NextStep(_) => NEXT_STEP_MINUTES,
        }
    }
}

/// What a planned visit's event tells beyond its title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitPlan {
    pub purpose: String,
    pub action_plan: String,
    pub expected_result: String,
}

/// One event of the calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEvent {
    pub of: EventOf,
    /// Counts the changes of what the event shows: the SEQUENCE a calendar compares.
    pub revision: u32,
    /// Local wall time it starts.
    pub starts_at: NaiveDateTime,
    /// The customer's name (empty when the customer was deleted with the event).
    pub customer: String,
    /// The visit's purpose or the next step's text.
    pub title: String,
    /// A visit's purpose, action plan and expected result; `None` for a next step.
    pub plan: Option<VisitPlan>,
    /// The customer's address (may be empty).
    pub location: String,
    /// When the event last changed (RFC 3339 UTC).
    pub changed_at: String,
    /// The visit or next step was deleted.
    pub cancelled: bool,
}

impl CalendarEvent {
    /// When it ends (local wall time).
    pub fn ends_at(&self) -> NaiveDateTime {
        self.starts_at + Duration::minutes(self.of.minutes())
    }

    /// "customer · title", or the title alone when there is no customer name.
    pub fn summary(&self) -> String {
        if self.customer.trim().is_empty() {
            self.title.clone()
        } else {
            format!("{} · {}", self.customer, self.title)
        }
    }
}

/// The days an export covers: from `from` to `to`, both included; no `to` is no end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventRange {
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
}

impl EventRange {
    /// From [`DEFAULT_DAYS_BACK`] days before `today` on.
    pub fn default_from(today: NaiveDate) -> Self {
        Self { from: today - Duration::days(DEFAULT_DAYS_BACK), to: None }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_read_back() {
        for of in [EventOf::Visit(12), EventOf::NextStep(3)] {
            assert_eq!(EventOf::from_key(&of.key()), Some(of));
        }
        assert_eq!(EventOf::from_key("note-1"), None);
        assert_eq!(EventOf::from_key("visit-x"), None);
    }

    #[test]
    fn summary_and_end() {
        let starts_at = NaiveDate::from_ymd_opt(2031, 5, 8).unwrap().and_hms_opt(10, 0, 0).unwrap();
        let mut event = CalendarEvent {
            of: EventOf::NextStep(1),
            revision: 0,
            starts_at,
            customer: "王伟".into(),
            title: "送报价".into(),
            plan: None,
            location: String::new(),
            changed_at: String::new(),
            cancelled: false,
        };
        assert_eq!(event.summary(), "王伟 · 送报价");
        assert_eq!(event.ends_at() - event.starts_at, Duration::minutes(30));
        event.customer.clear();
        assert_eq!(event.summary(), "送报价");
    }
}
