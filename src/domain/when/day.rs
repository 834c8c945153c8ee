//! The day part of a `WHEN`: full dates (`2031-05-12`, `2031/05/12`, `2031年5月12日`), dates
//! without a year (`5月12日`, `5/12`, `05-12`, `may 12`, `12 may`), a day of the month (`12号`),
//! named days (`tomorrow`, `后天`, `大后天`), counts (`+3d`, `in 3 days`, `3天后`) and
//! weekdays (`fri`, `next mon`, `周五`, `下周一`, `下下周三`).

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::Lean;
use super::numerals::number;

/// Reads a day; `None` unless the whole text is one.
pub(super) fn parse_day(text: &str, today: NaiveDate, lean: Lean) -> Option<NaiveDate> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    named_day(text, today)
        .or_else(|| counted_days(text, today))
        .or_else(|| weekday(text, today, lean))
        .or_else(|| digits_date(text, today, lean))
        .or_else(|| chinese_date(text, today, lean))
        .or_else(|| english_date(text, today, lean))
}

fn shift(today: NaiveDate, days: i64) -> Option<NaiveDate> {
    if days >= 0 {
        today.checked_add_days(Days::new(days as u64))
    } else {
        today.checked_sub_days(Days::new(days.unsigned_abs()))
    }
}

/// `today`, `tomorrow`, `明天`, `后天`, `大后天`, `昨天`, `前天`.
fn named_day(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    let days = match text {
        "today" | "now" | "今天" | "今日" => 0,
        "tomorrow" | "tmr" | "明天" | "明日" => 1,
        "后天" => 2,
        "大后天" => 3,
        "yesterday" | "昨天" | "昨日" => -1,
        "前天" => -2,
        "大前天" => -3,
        _ => return None,
    };
    shift(today, days)
}

/// The most days a count may reach either way (a hundred years).
const MAX_DAYS: i64 = 36_500;

/// `+3d`, `-1d`, `2w`, `in 3 days`, `in a week`, `3 days ago`, `3天后`, `两周后`, `3天前`.
fn counted_days(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    let (sign, count) = if let Some(rest) = text.strip_prefix('+') {
        (1, rest)
    } else if let Some(rest) = text.strip_prefix('-') {
        (-1, rest)
    } else if let Some(rest) = text.strip_prefix("in ") {
        (1, rest)
    } else if let Some(rest) = text.strip_suffix(" ago") {
        (-1, rest)
    } else if let Some(rest) = ["以后", "之后", "后"].iter().find_map(|s| text.strip_suffix(s)) {
        (1, rest)
    } else if let Some(rest) = ["以前", "之前", "前"].iter().find_map(|s| text.strip_suffix(s)) {
        (-1, rest)
    } else {
        (1, text)
    };
    let days = days_in(count.trim())?;
    (days <= MAX_DAYS).then(|| shift(today, sign * days))?
}

/// Units of a count of days, longest first where one ends another.
const UNITS: [(&str, i64); 13] = [
    ("个星期", 7),
    ("个礼拜", 7),
    ("星期", 7),
    ("礼拜", 7),
    ("weeks", 7),
    ("week", 7),
    ("wk", 7),
    ("周", 7),
    ("w", 7),
    ("days", 1),
    ("day", 1),
    ("天", 1),
    ("d", 1),
];

/// `3d`, `2 weeks`, `a week`, `三天` as a number of days.
fn days_in(count: &str) -> Option<i64> {
    let (n, per) = UNITS.iter().find_map(|(unit, per)| count.strip_suffix(unit).map(|n| (n.trim(), *per)))?;
    let n = match n {
        "a" | "an" | "one" => 1,
        _ => i64::from(number(n)?),
    };
    n.checked_mul(per)
}

const WEEKDAYS_EN: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// `fri`, `friday`, `周五`, `星期日`, `礼拜天`, and with a week: `next mon`, `this fri`,
/// `last tue`, `下周一`, `下下周三`, `这周五`, `上周二`.
fn weekday(text: &str, today: NaiveDate, lean: Lean) -> Option<NaiveDate> {
    let (weeks, day) = chinese_weekday(text).or_else(|| english_weekday(text))?;
    let from_monday = i64::from(day.num_days_from_monday());
    let today_from_monday = i64::from(today.weekday().num_days_from_monday());
    let days = match (weeks, lean) {
        (Some(weeks), _) => weeks * 7 + from_monday - today_from_monday,
        // The next one after today (today's weekday means next week's).
        (None, Lean::Ahead) => (from_monday - today_from_monday + 6).rem_euclid(7) + 1,
        // The last one, today included.
        (None, Lean::Back) => -(today_from_monday - from_monday).rem_euclid(7),
    };
    shift(today, days)
}

/// The week said (0 this week, 1 next, -1 last; `None` when no week was said) and the weekday.
fn chinese_weekday(text: &str) -> Option<(Option<i64>, Weekday)> {
    let mut rest = text;
    let mut weeks = None;
    for (prefix, step) in [("下", 1), ("上", -1)] {
        while let Some(r) = rest.strip_prefix(prefix) {
            weeks = Some(weeks.unwrap_or(0) + step);
            rest = r;
        }
    }
    if weeks.is_none()
        && let Some(r) = ["这个", "这", "本"].iter().find_map(|p| rest.strip_prefix(p))
    {
        weeks = Some(0);
        rest = r;
    }
    let name = ["周", "星期", "礼拜"].iter().find_map(|p| rest.strip_prefix(p))?;
    let index = match name {
        "一" => 0,
        "二" => 1,
        "三" => 2,
        "四" => 3,
        "五" => 4,
        "六" => 5,
        "日" | "天" => 6,
        _ => return None,
    };
    Some((weeks, Weekday::try_from(index).ok()?))
}

fn english_weekday(text: &str) -> Option<(Option<i64>, Weekday)> {
    let (weeks, name) = match text.split_once(' ') {
        Some(("next", name)) => (Some(1), name.trim()),
        Some(("this", name)) => (Some(0), name.trim()),
        Some(("last", name)) => (Some(-1), name.trim()),
        Some(_) => return None,
        None => (None, text),
    };
    if name.len() < 2 {
        return None;
    }
    let hits: Vec<usize> = (0..7).filter(|i| WEEKDAYS_EN[*i].starts_with(name)).collect();
    match hits.as_slice() {
        [i] => Some((weeks, Weekday::try_from(*i as u8).ok()?)),
        _ => None,
    }
}

/// `2031-05-12`, `2031/5/12`, `2031.05.12`, and without a year `05-12`, `5/12`, `5.12`.
fn digits_date(text: &str, today: NaiveDate, lean: Lean) -> Option<NaiveDate> {
    let sep = ['-', '/', '.'].into_iter().find(|c| text.contains(*c))?;
    let parts: Vec<&str> = text.split(sep).collect();
    if parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => NaiveDate::from_ymd_opt(y.parse().ok()?, number(m)?, number(d)?),
        [m, d] if m.len() <= 2 && d.len() <= 2 => without_year(number(m)?, number(d)?, today, lean),
        _ => None,
    }
}

/// `2031年5月12日`, `5月12日`, `5月12号`, `五月十二日`, `5月12`, and a day of a month: `12号`, `12日`.
fn chinese_date(text: &str, today: NaiveDate, lean: Lean) -> Option<NaiveDate> {
    let (year, rest) = match text.split_once('年') {
        Some((y, rest)) if y.len() == 4 => (Some(y.parse().ok()?), rest.trim()),
        Some(_) => return None,
        None => (None, text),
    };
    let Some((month, day)) = rest.split_once('月') else {
        let day = rest.strip_suffix('号').or_else(|| rest.strip_suffix('日'))?;
        return if year.is_none() { day_of_month(number(day.trim())?, today, lean) } else { None };
    };
    let day = day.trim();
    let day = number(day.strip_suffix('号').or_else(|| day.strip_suffix('日')).unwrap_or(day).trim())?;
    let month = number(month.trim())?;
    match year {
        Some(year) => NaiveDate::from_ymd_opt(year, month, day),
        None => without_year(month, day, today, lean),
    }
}

const MONTHS_EN: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// `may 12`, `12 may`, `may 12th`, `may 12, 2031`, `12 may 2031`.
fn english_date(text: &str, today: NaiveDate, lean: Lean) -> Option<NaiveDate> {
    let words: Vec<&str> = text.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    let (month, day, year) = match words.as_slice() {
        [a, b] => (*a, *b, None),
        [a, b, y] => (*a, *b, Some(*y)),
        _ => return None,
    };
    let (month, day) = match (month_named(month), month_named(day)) {
        (Some(m), None) => (m, day),
        (None, Some(m)) => (m, month),
        _ => return None,
    };
    let day = ["st", "nd", "rd", "th"].iter().find_map(|s| day.strip_suffix(s)).unwrap_or(day);
    if !day.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let day = number(day)?;
    match year {
        Some(y) if y.len() == 4 => NaiveDate::from_ymd_opt(y.parse().ok()?, month, day),
        Some(_) => None,
        None => without_year(month, day, today, lean),
    }
}

/// The month a word names: its full name or three or more of its first letters (`sept` too).
fn month_named(word: &str) -> Option<u32> {
    if word.len() < 3 {
        return None;
    }
    let word = if word == "sept" { "sep" } else { word };
    MONTHS_EN.iter().position(|m| m.starts_with(word)).map(|i| i as u32 + 1)
}

/// The date of a month and day in the year that `lean` points to: the next one on or after
/// today, or the last one on or before today (29 February: the nearest leap year that way).
fn without_year(month: u32, day: u32, today: NaiveDate, lean: Lean) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2000, month, day)?;
    (0..=8)
        .filter_map(|k| NaiveDate::from_ymd_opt(today.year() + lean.sign() * k, month, day))
        .find(|date| lean.accepts(*date, today))
}

/// The next (or, looking back, the last) date on this day of a month, today included.
fn day_of_month(day: u32, today: NaiveDate, lean: Lean) -> Option<NaiveDate> {
    if !(1..=31).contains(&day) {
        return None;
    }
    let first = today.with_day(1)?;
    (0..=12)
        .filter_map(|k| match lean {
            Lean::Ahead => first.checked_add_months(Months::new(k)),
            Lean::Back => first.checked_sub_months(Months::new(k)),
        })
        .filter_map(|month| month.with_day(day))
        .find(|date| lean.accepts(*date, today))
}
