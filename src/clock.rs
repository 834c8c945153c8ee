//! The current date and time: the real clock, or a fixed day (`--today`, tests).

use chrono::{Local, NaiveDate, NaiveDateTime, NaiveTime, SecondsFormat, TimeZone, Utc};

/// Source of "now". A fixed clock reads `09:00` local on its day, so output is reproducible.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    System,
    Fixed(NaiveDate),
}

impl Clock {
    /// The real clock unless `today` is given.
    pub fn new(today: Option<NaiveDate>) -> Self {
        today.map_or(Self::System, Self::Fixed)
    }

    /// Today's local date.
    pub fn today(&self) -> NaiveDate {
        self.now().date()
    }

    /// Local wall time now.
    pub fn now(&self) -> NaiveDateTime {
        match self {
            Self::System => Local::now().naive_local(),
            Self::Fixed(day) => day.and_time(NaiveTime::from_hms_opt(9, 0, 0).unwrap_or(NaiveTime::MIN)),
        }
    }

    /// UTC timestamp in RFC 3339 for `created_at`-style columns.
    pub fn timestamp(&self) -> String {
        let utc = match self {
            Self::System => Utc::now(),
            Self::Fixed(_) => Local
                .from_local_datetime(&self.now())
                .earliest()
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or_else(|| Utc.from_utc_datetime(&self.now())),
        };
        utc.to_rfc3339_opts(SecondsFormat::Secs, true)
    }
}
