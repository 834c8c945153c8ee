//! The rep's days off: the public holidays of the rep's country (for a Chinese rep the Spring
//! Festival week and the National Day week, for an English one the days from Christmas Eve to
//! New Year's Day) and a few sick days a year. No visit is made on them.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use fastrand::Rng;

use crate::i18n::Lang;

/// Chinese New Year's Day (正月初一) by year; the years not listed take 5 February.
const SPRING_FESTIVAL: &[(i32, u32, u32)] = &[
    (2018, 2, 16),
    (2019, 2, 5),
    (2020, 1, 25),
    (2021, 2, 12),
    (2022, 2, 1),
    (2023, 1, 22),
    (2024, 2, 10),
    (2025, 1, 29),
    (2026, 2, 17),
    (2027, 2, 6),
    (2028, 1, 26),
    (2029, 2, 13),
    (2030, 2, 3),
    (2031, 1, 23),
    (2032, 2, 11),
    (2033, 1, 31),
    (2034, 2, 19),
    (2035, 2, 8),
];

/// Which days from `first` on are off, one flag a day.
pub struct DaysOff {
    first: NaiveDate,
    off: Vec<bool>,
}

impl DaysOff {
    /// The days off of a rep working in `lang` from `first` to `last`, sick days drawn from `rng`.
    pub fn new(first: NaiveDate, last: NaiveDate, lang: Lang, rng: &mut Rng) -> Self {
        let len = (last - first).num_days().max(0) as usize + 1;
        let mut days = Self { first, off: vec![false; len] };
        for year in first.year()..=last.year() {
            let spells: Vec<(NaiveDate, u64)> = match lang {
                Lang::ZhCn => {
                    let (_, month, day) =
                        SPRING_FESTIVAL.iter().find(|(y, ..)| *y == year).copied().unwrap_or((year, 2, 5));
                    let new_year = NaiveDate::from_ymd_opt(year, month, day);
                    // From New Year's Eve to the sixth day; 1 to 7 October.
                    [
                        new_year.and_then(|d| d.pred_opt()).map(|d| (d, 8)),
                        NaiveDate::from_ymd_opt(year, 10, 1).map(|d| (d, 7)),
                    ]
                    .into_iter()
                    .flatten()
                    .collect()
                }
                Lang::En => NaiveDate::from_ymd_opt(year, 12, 24).map(|d| (d, 9)).into_iter().collect(),
            };
            // Two spells of two to four days in bed a year, on days spread over it.
            let sick = (0..2).filter_map(|_| {
                let day = NaiveDate::from_yo_opt(year, rng.u32(1..=360))?;
                Some((day, rng.u64(2..=4)))
            });
            for (start, length) in spells.into_iter().chain(sick.collect::<Vec<_>>()) {
                for n in 0..length {
                    if let Some(i) = start.checked_add_days(Days::new(n)).and_then(|d| days.index(d)) {
                        days.off[i] = true;
                    }
                }
            }
        }
        days
    }

    fn index(&self, day: NaiveDate) -> Option<usize> {
        usize::try_from((day - self.first).num_days()).ok().filter(|i| *i < self.off.len())
    }

    /// Whether `day` is a weekend day or a day off.
    pub fn is_off(&self, day: NaiveDate) -> bool {
        matches!(day.weekday(), Weekday::Sat | Weekday::Sun) || self.index(day).is_some_and(|i| self.off[i])
    }

    /// `day` if it is a working day, else the nearest working day before it (`back`) or after it.
    pub fn working(&self, day: NaiveDate, back: bool) -> NaiveDate {
        let mut at = day;
        for _ in 0..40 {
            if !self.is_off(at) {
                return at;
            }
            let step = if back { at.pred_opt() } else { at.succ_opt() };
            at = step.unwrap_or(at);
        }
        day
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_chinese_rep_is_off_for_the_spring_festival_and_national_day_an_english_one_at_christmas() {
        let mut rng = Rng::with_seed(1);
        let zh = DaysOff::new(d("2025-06-01"), d("2027-06-01"), Lang::ZhCn, &mut rng);
        for day in ["2026-02-16", "2026-02-17", "2026-02-23", "2026-10-01", "2026-10-07", "2027-02-05"] {
            assert!(zh.is_off(d(day)), "{day}");
        }
        assert!(!zh.is_off(d("2026-02-24")) || !zh.is_off(d("2026-02-25")), "back at work after the week");
        assert_eq!(zh.working(d("2026-10-05"), true), d("2026-09-30"));
        assert_eq!(zh.working(d("2026-10-05"), false), d("2026-10-08"));
        let en = DaysOff::new(d("2025-06-01"), d("2027-06-01"), Lang::En, &mut rng);
        assert!(en.is_off(d("2026-12-25")) && en.is_off(d("2027-01-01")) && en.is_off(d("2026-12-26")));
        assert!(!en.is_off(d("2026-02-17")) || !en.is_off(d("2026-02-18")), "no Spring Festival");
        // A few sick days a year besides.
        let sick = (0..365).filter(|n| en.is_off(d("2026-01-01") + chrono::Duration::days(*n))).count();
        assert!((104 + 7..=104 + 7 + 8).contains(&sick), "{sick} days off in 2026");
    }
}
