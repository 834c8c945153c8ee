//! Dates as people type them: `WHEN` values (`tomorrow`, `+3d`, `fri`, `2031-05-06 10:00`)
//! and month-days for yearly reminders.

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

use super::DomainError;

/// A point a person named: a day, and maybe a time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct When {
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
}

impl When {
    /// The stored form: `YYYY-MM-DD HH:MM` in local wall time (`00:00` when no time given).
    pub fn to_datetime(self) -> NaiveDateTime {
        self.date.and_time(self.time.unwrap_or(NaiveTime::MIN))
    }

    /// `YYYY-MM-DD` or `YYYY-MM-DD HH:MM`.
    pub fn display(self) -> String {
        match self.time {
            Some(t) => format!("{} {}", self.date, t.format("%H:%M")),
            None => self.date.to_string(),
        }
    }
}

/// Parses a `WHEN` value relative to `today`. Accepted: `YYYY-MM-DD[ HH:MM]`, `today`,
/// `tomorrow`, `yesterday`, `+3d`, `+2w`, `-1d`, weekday names (`fri`, `friday`, `周五`: the
/// next such day after today), `HH:MM` (today), and Chinese `今天`/`明天`/`后天`;
/// a relative form may be followed by a time (`tomorrow 10:00`).
pub fn parse_when(input: &str, today: NaiveDate) -> Result<When, DomainError> {
    let bad = || DomainError::BadDate { input: input.to_string() };
    let text = input.trim().to_lowercase();
    if text.is_empty() {
        return Err(bad());
    }
    let (day_part, time) = split_time(&text).ok_or_else(bad)?;
    let date = match day_part {
        None => today,
        Some(d) => parse_day(d, today).ok_or_else(bad)?,
    };
    Ok(When { date, time })
}

/// Parses a plain date (`YYYY-MM-DD` or any relative day form) with no time.
pub fn parse_date(input: &str, today: NaiveDate) -> Result<NaiveDate, DomainError> {
    parse_day(&input.trim().to_lowercase(), today).ok_or_else(|| DomainError::BadDate { input: input.to_string() })
}

/// Reads a stored local datetime `YYYY-MM-DD HH:MM[:SS]`.
pub fn parse_stored_datetime(s: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S"))
        .ok()
}

/// Formats a local datetime for storage: `YYYY-MM-DD HH:MM`.
pub fn format_stored_datetime(dt: NaiveDateTime) -> String {
    dt.format("%Y-%m-%d %H:%M").to_string()
}

/// Splits off a trailing (or lone) `HH:MM`. `None` when the time part is malformed.
fn split_time(text: &str) -> Option<(Option<&str>, Option<NaiveTime>)> {
    let (head, last) = match text.rsplit_once(char::is_whitespace) {
        Some((h, l)) => (Some(h.trim()), l),
        None => (None, text),
    };
    if last.contains(':') {
        let time = NaiveTime::parse_from_str(last, "%H:%M").ok()?;
        return Some((head.filter(|h| !h.is_empty()), Some(time)));
    }
    Some((Some(text), None))
}

fn parse_day(d: &str, today: NaiveDate) -> Option<NaiveDate> {
    if let Ok(date) = NaiveDate::parse_from_str(d, "%Y-%m-%d") {
        return Some(date);
    }
    match d {
        "today" | "now" | "今天" => return Some(today),
        "tomorrow" | "tmr" | "明天" => return today.checked_add_days(Days::new(1)),
        "yesterday" | "昨天" => return today.checked_sub_days(Days::new(1)),
        "后天" => return today.checked_add_days(Days::new(2)),
        _ => {}
    }
    if let Some(rel) = parse_relative(d, today) {
        return Some(rel);
    }
    let weekday = parse_weekday(d)?;
    let ahead = (7 + weekday.num_days_from_monday() as i64 - today.weekday().num_days_from_monday() as i64 - 1) % 7 + 1;
    today.checked_add_days(Days::new(ahead as u64))
}

/// `+3d`, `-2d`, `+2w`, `3d`.
fn parse_relative(d: &str, today: NaiveDate) -> Option<NaiveDate> {
    let (sign, rest) = match d.as_bytes().first()? {
        b'+' => (1i64, &d[1..]),
        b'-' => (-1i64, &d[1..]),
        _ => (1i64, d),
    };
    let unit = rest.chars().last()?;
    let n: i64 = rest[..rest.len() - unit.len_utf8()].parse().ok()?;
    let days = match unit {
        'd' | '天' => n,
        'w' | '周' => n.checked_mul(7)?,
        _ => return None,
    };
    if days.abs() > 36_500 {
        return None;
    }
    let days = sign * days;
    if days >= 0 {
        today.checked_add_days(Days::new(days as u64))
    } else {
        today.checked_sub_days(Days::new(days.unsigned_abs()))
    }
}

fn parse_weekday(d: &str) -> Option<Weekday> {
    let zh = ["一", "二", "三", "四", "五", "六", "日"];
    for prefix in ["周", "星期", "礼拜"] {
        if let Some(rest) = d.strip_prefix(prefix) {
            let i = zh.iter().position(|z| *z == rest).or(if rest == "天" { Some(6) } else { None })?;
            return Weekday::try_from(i as u8).ok();
        }
    }
    if d.len() < 2 {
        return None;
    }
    let names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    let hits: Vec<usize> = (0..7).filter(|i| names[*i].starts_with(d)).collect();
    match hits.as_slice() {
        [i] => Weekday::try_from(*i as u8).ok(),
        _ => None,
    }
}

/// A day of the year without a year (`MM-DD`), for birthdays and anniversaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MonthDay {
    pub month: u32,
    pub day: u32,
}

impl MonthDay {
    /// Checks month and day (29 February is allowed).
    pub fn new(month: u32, day: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(2000, month, day).map(|_| Self { month, day })
    }

    /// Reads `MM-DD`, `YYYY-MM-DD` or `--MMDD` (vCard without a year).
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            return Self::new(d.month(), d.day());
        }
        let digits = s.trim_start_matches('-');
        let (m, d) = match digits.split_once('-') {
            Some((m, d)) => (m, d),
            None if digits.len() == 4 => digits.split_at(2),
            None => return None,
        };
        Self::new(m.parse().ok()?, d.parse().ok()?)
    }

    /// Of `date`.
    pub fn of(date: NaiveDate) -> Self {
        Self { month: date.month(), day: date.day() }
    }

    /// The next date on or after `from` that falls on this month-day
    /// (29 February falls on 28 February in other years).
    pub fn next_on_or_after(self, from: NaiveDate) -> NaiveDate {
        for year in from.year()..=from.year() + 1 {
            let date = NaiveDate::from_ymd_opt(year, self.month, self.day)
                .or_else(|| NaiveDate::from_ymd_opt(year, self.month, self.day - 1))
                .unwrap_or(from);
            if date >= from {
                return date;
            }
        }
        from
    }
}

impl std::fmt::Display for MonthDay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}-{:02}", self.month, self.day)
    }
}

impl Serialize for MonthDay {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for MonthDay {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("bad month-day '{s}'")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }
    const TODAY: &str = "2031-05-06"; // a Tuesday

    fn when(s: &str) -> When {
        parse_when(s, day(TODAY)).unwrap()
    }

    #[test]
    fn absolute_forms() {
        assert_eq!(when("2031-05-09"), When { date: day("2031-05-09"), time: None });
        let w = when("2031-05-09 10:30");
        assert_eq!(w.display(), "2031-05-09 10:30");
        assert_eq!(when("14:00").display(), "2031-05-06 14:00");
    }

    #[test]
    fn relative_forms() {
        assert_eq!(when("today").date, day(TODAY));
        assert_eq!(when("Tomorrow").date, day("2031-05-07"));
        assert_eq!(when("明天").date, day("2031-05-07"));
        assert_eq!(when("+3d").date, day("2031-05-09"));
        assert_eq!(when("+2w").date, day("2031-05-20"));
        assert_eq!(when("-1d").date, day("2031-05-05"));
        assert_eq!(when("tomorrow 09:15").display(), "2031-05-07 09:15");
    }

    #[test]
    fn weekdays_are_the_next_one() {
        assert_eq!(when("fri").date, day("2031-05-09"));
        assert_eq!(when("friday").date, day("2031-05-09"));
        assert_eq!(when("tue").date, day("2031-05-13"), "today's weekday means next week");
        assert_eq!(when("周五").date, day("2031-05-09"));
        assert_eq!(when("星期日").date, day("2031-05-11"));
    }

    #[test]
    fn bad_forms_are_errors() {
        for bad in ["", "soon", "2031-13-01", "25:00", "2031-05-06 10", "t", "+d", "+99999999d", "s"] {
            assert!(matches!(parse_when(bad, day(TODAY)), Err(DomainError::BadDate { .. })), "{bad}");
        }
        let msg = parse_when("soon", day(TODAY)).unwrap_err().to_string();
        assert!(msg.contains("YYYY-MM-DD") && msg.contains("tomorrow"), "{msg}");
    }

    #[test]
    fn month_days() {
        assert_eq!(MonthDay::parse("05-09"), MonthDay::new(5, 9));
        assert_eq!(MonthDay::parse("1980-05-09"), MonthDay::new(5, 9));
        assert_eq!(MonthDay::parse("--0509"), MonthDay::new(5, 9));
        assert_eq!(MonthDay::parse("02-30"), None);
        let leap = MonthDay::new(2, 29).unwrap();
        assert_eq!(leap.next_on_or_after(day("2031-01-01")), day("2031-02-28"));
        let md = MonthDay::new(1, 2).unwrap();
        assert_eq!(md.next_on_or_after(day("2031-12-30")), day("2032-01-02"));
    }
}
