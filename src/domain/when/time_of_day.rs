//! The time part of a `WHEN`: `15:30`, `3pm`, `3:30 pm`, `下午3点`, `下午3点半`, `上午10点15分`.

use chrono::NaiveTime;

use super::numerals::number;

/// The part of the day a time was said in, which decides what `3` means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Period {
    /// No word given: the hour is read as on a 24-hour clock.
    Unsaid,
    /// Morning (`am`, `上午`, `早上`).
    Morning,
    /// Midday (`中午`): `1点` is 13:00, `12点` noon.
    Midday,
    /// Afternoon or evening (`pm`, `下午`, `晚上`).
    Afternoon,
    /// Small hours (`凌晨`): `12点` is midnight.
    SmallHours,
}

/// Chinese words for a part of the day, longest first where one begins another.
const CHINESE_PERIODS: [(&str, Period); 11] = [
    ("上午", Period::Morning),
    ("早上", Period::Morning),
    ("早晨", Period::Morning),
    ("清晨", Period::Morning),
    ("中午", Period::Midday),
    ("下午", Period::Afternoon),
    ("晚上", Period::Afternoon),
    ("傍晚", Period::Afternoon),
    ("夜里", Period::Afternoon),
    ("晚", Period::Afternoon),
    ("凌晨", Period::SmallHours),
];

/// Reads a time of day; `None` unless the whole text is one.
pub(super) fn parse_time(text: &str) -> Option<NaiveTime> {
    let text = text.trim();
    if text == "noon" {
        return NaiveTime::from_hms_opt(12, 0, 0);
    }
    let (chinese, rest) = CHINESE_PERIODS
        .iter()
        .find_map(|(word, period)| text.strip_prefix(word).map(|rest| (*period, rest.trim_start())))
        .unwrap_or((Period::Unsaid, text));
    let (english, body) = english_period(rest);
    let period = match (chinese, english) {
        (p, Period::Unsaid) | (Period::Unsaid, p) => p,
        _ => return None,
    };
    let (hour, minute) = clock(body, english != Period::Unsaid)?;
    let hour = on_24_hours(hour, period)?;
    NaiveTime::from_hms_opt(hour, minute, 0)
}

/// Splits a trailing `am`/`pm` (`3pm`, `3 p.m.`) off.
fn english_period(text: &str) -> (Period, &str) {
    for (word, period) in
        [("a.m.", Period::Morning), ("am", Period::Morning), ("p.m.", Period::Afternoon), ("pm", Period::Afternoon)]
    {
        if let Some(body) = text.strip_suffix(word) {
            return (period, body.trim_end());
        }
    }
    (Period::Unsaid, text)
}

/// Hour and minute of `15:30`, `3点`, `3点半`, `3点一刻`, `10点15分`, `10点15`, or a bare
/// hour when `am`/`pm` was said (`3pm`).
fn clock(body: &str, bare_hour_allowed: bool) -> Option<(u32, u32)> {
    if let Some((h, m)) = body.split_once(':') {
        let digits = |s: &str, max: usize| (1..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
        if !(digits(h, 2) && m.len() == 2 && digits(m, 2)) {
            return None;
        }
        return Some((h.parse().ok()?, m.parse().ok()?));
    }
    if let Some((h, tail)) = body.split_once('点').or_else(|| body.split_once('时')) {
        let minute = match tail {
            "" | "整" | "钟" => 0,
            "半" => 30,
            "一刻" => 15,
            "三刻" => 45,
            _ => number(tail.strip_suffix('分').unwrap_or(tail))?,
        };
        return Some((number(h)?, minute));
    }
    if bare_hour_allowed { Some((number(body)?, 0)) } else { None }
}

/// The hour on a 24-hour clock, given the part of the day it was said in.
fn on_24_hours(hour: u32, period: Period) -> Option<u32> {
    let hour = match period {
        Period::Unsaid => hour,
        Period::Morning if hour == 12 => 0,
        Period::Morning if hour < 12 => hour,
        Period::Morning => return None,
        Period::Midday if (1..=5).contains(&hour) => hour + 12,
        Period::Midday => hour,
        Period::Afternoon if (1..12).contains(&hour) => hour + 12,
        Period::Afternoon if hour >= 12 => hour,
        Period::Afternoon => return None,
        Period::SmallHours if hour == 12 => 0,
        Period::SmallHours if hour < 12 => hour,
        Period::SmallHours => return None,
    };
    (hour < 24).then_some(hour)
}

#[cfg(test)]
mod tests {
    use super::parse_time;

    fn hm(text: &str) -> String {
        parse_time(text).map(|t| t.format("%H:%M").to_string()).unwrap_or_else(|| format!("none for {text}"))
    }

    #[test]
    fn clock_forms() {
        assert_eq!(hm("15:30"), "15:30");
        assert_eq!(hm("9:05"), "09:05");
        assert_eq!(hm("3pm"), "15:00");
        assert_eq!(hm("3 pm"), "15:00");
        assert_eq!(hm("3:30pm"), "15:30");
        assert_eq!(hm("10am"), "10:00");
        assert_eq!(hm("12am"), "00:00");
        assert_eq!(hm("12pm"), "12:00");
        assert_eq!(hm("noon"), "12:00");
    }

    #[test]
    fn chinese_forms() {
        assert_eq!(hm("下午3点"), "15:00");
        assert_eq!(hm("下午3点半"), "15:30");
        assert_eq!(hm("下午 3点"), "15:00");
        assert_eq!(hm("上午10点"), "10:00");
        assert_eq!(hm("上午10点15分"), "10:15");
        assert_eq!(hm("10点30"), "10:30");
        assert_eq!(hm("3点一刻"), "03:15");
        assert_eq!(hm("晚上8点"), "20:00");
        assert_eq!(hm("中午12点"), "12:00");
        assert_eq!(hm("中午1点"), "13:00");
        assert_eq!(hm("凌晨12点"), "00:00");
        assert_eq!(hm("下午三点半"), "15:30");
        assert_eq!(hm("下午3:30"), "15:30");
        assert_eq!(hm("14点"), "14:00");
        assert_eq!(hm("下午15点"), "15:00");
    }

    #[test]
    fn not_times() {
        for bad in ["", "10", "3", "25:00", "10:7", "下午", "上午15点", "下午3pm", "3点99分", "pm", "1:2:3"] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }
}
