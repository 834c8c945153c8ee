//! Dates as people type them: `WHEN` values (`tomorrow`, `5月12日`, `下周一 上午10点`,
//! `fri 3pm`, `2031-05-06 10:00`) and month-days for yearly reminders.

mod day;
mod numerals;
mod time_of_day;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use super::DomainError;
use day::parse_day;
use time_of_day::parse_time;

/// A point a person named: a day, and maybe a time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct When {
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
}

/// The hour a visit planned for a day without a time is put at.
pub const PLAN_HOUR: u32 = 9;

impl When {
    /// The stored form: `YYYY-MM-DD HH:MM` in local wall time (`00:00` when no time given).
    pub fn to_datetime(self) -> NaiveDateTime {
        self.date.and_time(self.time.unwrap_or(NaiveTime::MIN))
    }

    /// When a planned visit is: a day without a time is at the start of the working day
    /// ([`PLAN_HOUR`]), not at midnight.
    pub fn planned(self) -> When {
        let start_of_day = NaiveTime::from_hms_opt(PLAN_HOUR, 0, 0).unwrap_or(NaiveTime::MIN);
        When { time: Some(self.time.unwrap_or(start_of_day)), ..self }
    }

    /// [`When::planned`] in its stored form.
    pub fn to_plan_datetime(self) -> NaiveDateTime {
        self.planned().to_datetime()
    }

    /// `YYYY-MM-DD` or `YYYY-MM-DD HH:MM`.
    pub fn display(self) -> String {
        match self.time {
            Some(t) => format!("{} {}", self.date, t.format("%H:%M")),
            None => self.date.to_string(),
        }
    }
}

/// Which way a date without a year (`5月12日`, `may 12`, `12号`) or a bare weekday (`fri`,
/// `周五`) points from today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lean {
    /// The next one to come (today included for a date, not for a weekday): plans, next steps.
    Ahead,
    /// The last one, today included: something that already happened (a visit being logged).
    Back,
}

impl Lean {
    fn sign(self) -> i32 {
        match self {
            Lean::Ahead => 1,
            Lean::Back => -1,
        }
    }

    fn accepts(self, date: NaiveDate, today: NaiveDate) -> bool {
        match self {
            Lean::Ahead => date >= today,
            Lean::Back => date <= today,
        }
    }
}

/// Parses a `WHEN` value relative to `today`: a day, a time, or a day and a time with or
/// without a space between (`明天上午10点`, `fri 3pm`, `3pm tomorrow`). Days: `2031-05-12`,
/// `2031/05/12`, `5月12日`, `5月12号`, `12号`, `5/12`, `05-12`, `may 12`, `12 may`, `today`,
/// `tomorrow`, `后天`, `大后天`, `+3d`, `+2w`, `in 3 days`, `3天后`, weekdays (`fri`, `周五`: the
/// next one after today), `next mon`, `下周一`, `下下周三`. Times: `15:30`, `3pm`, `下午3点`,
/// `下午3点半`, `上午10点15分` (a time alone is today). A date without a year is the next one.
pub fn parse_when(input: &str, today: NaiveDate) -> Result<When, DomainError> {
    read_when(input, today, Lean::Ahead).ok_or_else(|| DomainError::BadDate { input: input.to_string() })
}

/// Like [`parse_when`], for something that already happened (logging a visit): a date without
/// a year is this year's (the last one on or before today), a bare weekday the last one, and a
/// time alone that is still ahead of `now` yesterday's (at 08:00, `14:00` is yesterday afternoon).
pub fn parse_past_when(input: &str, now: NaiveDateTime) -> Result<When, DomainError> {
    let today = now.date();
    let mut when =
        read_when(input, today, Lean::Back).ok_or_else(|| DomainError::BadDate { input: input.to_string() })?;
    let time_alone = parse_time(&normalize(input));
    if let Some(time) = time_alone.filter(|t| when.date == today && *t > now.time()) {
        when = When { date: today.pred_opt().unwrap_or(today), time: Some(time) };
    }
    Ok(when)
}

/// Parses a day (any day form of [`parse_when`]) with no time.
pub fn parse_date(input: &str, today: NaiveDate) -> Result<NaiveDate, DomainError> {
    parse_day(&normalize(input), today, Lean::Ahead).ok_or_else(|| DomainError::BadDate { input: input.to_string() })
}

/// Lower case, full-width digits and signs (`１５：３０`, ideographic space) as ASCII, trimmed.
fn normalize(input: &str) -> String {
    let half = |c: char| match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    input.chars().map(half).collect::<String>().trim().to_lowercase()
}

/// A day alone, a time alone (today), a day then a time, or a time then a day.
fn read_when(input: &str, today: NaiveDate, lean: Lean) -> Option<When> {
    let text = normalize(input);
    if let Some(date) = parse_day(&text, today, lean) {
        return Some(When { date, time: None });
    }
    if let Some(time) = parse_time(&text) {
        return Some(When { date: today, time: Some(time) });
    }
    let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).skip(1).collect();
    let day_then_time = cuts.iter().rev().find_map(|&i| {
        let (day, time) = text.split_at(i);
        Some(When { date: parse_day(day, today, lean)?, time: Some(parse_time(time)?) })
    });
    day_then_time.or_else(|| {
        cuts.iter().find_map(|&i| {
            let (time, day) = text.split_at(i);
            Some(When { date: parse_day(day, today, lean)?, time: Some(parse_time(time)?) })
        })
    })
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

    /// Looking back from 18:00 on [`TODAY`].
    fn past(s: &str) -> When {
        parse_past_when(s, evening(TODAY)).unwrap()
    }

    fn evening(s: &str) -> NaiveDateTime {
        day(s).and_hms_opt(18, 0, 0).unwrap()
    }

    #[track_caller]
    fn same(inputs: &[&str], expected: &str) {
        for input in inputs {
            assert_eq!(when(input).display(), expected, "{input}");
        }
    }

    #[test]
    fn absolute_forms() {
        assert_eq!(when("2031-05-09"), When { date: day("2031-05-09"), time: None });
        same(&["2031-05-09 10:30", "2031/05/09 10:30", "2031年5月9日 上午10点半"], "2031-05-09 10:30");
        same(&["14:00", "下午2点", "2pm", "2 pm", "１４：００"], "2031-05-06 14:00");
        same(&["2031/05/12", "2031.5.12", "2031年5月12日", "may 12, 2031", "12 may 2031"], "2031-05-12");
    }

    #[test]
    fn dates_without_a_year_are_the_next_one() {
        same(&["5月12日", "5月12号", "5月12", "五月十二日", "12号", "12日", "5/12", "05-12", "5.12"], "2031-05-12");
        same(&["may 12", "12 may", "May 12th", "12th may"], "2031-05-12");
        same(&["5月6日", "6号", "05-06"], "2031-05-06");
        same(&["5月3日", "05-03", "may 3"], "2032-05-03");
        same(&["3号"], "2031-06-03");
        same(&["2月29日"], "2032-02-29");
        assert_eq!(parse_when("31号", day("2031-06-10")).unwrap().display(), "2031-07-31");
    }

    #[test]
    fn logging_looks_back() {
        assert_eq!(past("5月3日").display(), "2031-05-03");
        assert_eq!(past("5/3 下午3点").display(), "2031-05-03 15:00");
        assert_eq!(past("3号").display(), "2031-05-03");
        assert_eq!(past("12号").display(), "2031-04-12");
        assert_eq!(past("2月29日").display(), "2028-02-29");
        assert_eq!(past("周五").display(), "2031-05-02");
        assert_eq!(past("tue").display(), "2031-05-06", "today's weekday is today");
        assert_eq!(past("下周一").display(), "2031-05-12", "an explicit week is kept");
        assert_eq!(parse_past_when("12月30日", evening("2031-01-03")).unwrap().display(), "2030-12-30");
    }

    #[test]
    fn a_time_alone_still_ahead_is_yesterdays_when_looking_back() {
        let morning = day(TODAY).and_hms_opt(8, 5, 0).unwrap();
        let back = |s: &str| parse_past_when(s, morning).unwrap().display();
        assert_eq!(back("14:00"), "2031-05-05 14:00", "logged at 08:05: yesterday afternoon");
        assert_eq!(back("下午2点"), "2031-05-05 14:00");
        assert_eq!(back("7:30"), "2031-05-06 07:30", "already past today: today");
        assert_eq!(back("today 14:00"), "2031-05-06 14:00", "a day given is kept");
        assert_eq!(past("14:00").display(), "2031-05-06 14:00", "at 18:00 it is this afternoon");
    }

    #[test]
    fn relative_forms() {
        assert_eq!(when("today").date, day(TODAY));
        assert_eq!(when("Tomorrow").date, day("2031-05-07"));
        assert_eq!(when("明天").date, day("2031-05-07"));
        same(&["后天", "+2d", "in 2 days", "2天后", "两天后"], "2031-05-08");
        same(&["大后天", "+3d", "in 3 days", "3 days", "3天后", "三天以后"], "2031-05-09");
        same(&["+2w", "in 2 weeks", "2周后", "两个星期后"], "2031-05-20");
        same(&["-1d", "yesterday", "昨天", "1 day ago", "1天前"], "2031-05-05");
        same(&["前天", "2 days ago"], "2031-05-04");
        assert_eq!(when("tomorrow 09:15").display(), "2031-05-07 09:15");
    }

    #[test]
    fn weekdays() {
        same(&["fri", "friday", "周五", "星期五", "礼拜五", "this fri", "这周五", "本周五"], "2031-05-09");
        assert_eq!(when("tue").date, day("2031-05-13"), "today's weekday means next week");
        same(&["星期日", "周日", "礼拜天"], "2031-05-11");
        same(&["下周一", "next mon", "next monday", "下星期一", "mon"], "2031-05-12");
        same(&["next fri", "下周五"], "2031-05-16");
        same(&["下下周三"], "2031-05-21");
        same(&["上周五", "last fri"], "2031-05-02");
    }

    #[test]
    fn a_day_and_a_time_with_or_without_a_space() {
        same(&["明天上午10点", "明天 上午10点", "明天 10:00", "tomorrow 10am", "10am tomorrow"], "2031-05-07 10:00");
        same(&["周五下午3点", "周五 下午3点", "fri 3pm", "fri 15:00", "3pm fri", "周五15:00"], "2031-05-09 15:00");
        same(&["下周一 上午10点", "下周一上午10点", "next mon 10am"], "2031-05-12 10:00");
        same(&["5月12日 下午3点", "5月12日下午3点", "may 12 3pm", "5/12 15:00", "12号下午3点"], "2031-05-12 15:00");
        same(&["下午3点半", "15:30", "3:30pm"], "2031-05-06 15:30");
        same(&["５月１２日　１５：３０"], "2031-05-12 15:30");
    }

    #[test]
    fn bad_forms_are_errors() {
        let bad = [
            "",
            "soon",
            "2031-13-01",
            "25:00",
            "2031-05-06 10",
            "t",
            "+d",
            "+99999999d",
            "s",
            "13/45",
            "32号",
            "下周八",
            "next",
            "2月30日",
            "may 32",
            "明天下午",
            "5月",
            "10",
            "明天 10",
            "2031年",
            "12 13",
        ];
        for bad in bad {
            assert!(matches!(parse_when(bad, day(TODAY)), Err(DomainError::BadDate { .. })), "{bad}");
        }
        let msg = parse_when("soon", day(TODAY)).unwrap_err().to_string();
        assert!(msg.contains("2031-05-12") && msg.contains("tomorrow") && msg.contains("3pm"), "{msg}");
    }

    #[test]
    fn plain_dates_take_day_forms_only() {
        assert_eq!(parse_date("5月12日", day(TODAY)), Ok(day("2031-05-12")));
        assert_eq!(parse_date("下周一", day(TODAY)), Ok(day("2031-05-12")));
        assert!(parse_date("明天 10:00", day(TODAY)).is_err());
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
