//! The report's rules, without I/O: the period it covers, the funnel read from each deal's
//! step history, time-in-step quantiles, the forecast's step odds, and ABC by won value.

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::DomainError;
use super::money::Money;
use super::step::{DealState, Step};
use super::words::{Word, word_enum};

word_enum!(
    /// How long a report looks back: the week, month or quarter that contains a day.
    PeriodKind, "period", {
        Week = "week", "本周", ["w", "周"];
        Month = "month", "本月", ["m", "月"];
        Quarter = "quarter", "本季度", ["q", "季度", "季"];
    }
);

/// The days a report covers, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    /// `None` for dates given by hand (`--from/--to`).
    pub kind: Option<PeriodKind>,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    /// The week (Monday to Sunday), month or quarter containing `day`.
    pub fn containing(kind: PeriodKind, day: NaiveDate) -> Self {
        let (from, to) = match kind {
            PeriodKind::Week => {
                let monday = day - Days::new(u64::from(day.weekday().num_days_from_monday()));
                (monday, monday + Days::new(6))
            }
            PeriodKind::Month => {
                let first = day.with_day(1).unwrap_or(day);
                (first, last_day_before(first + Months::new(1)))
            }
            PeriodKind::Quarter => {
                let month0 = (day.month0() / 3) * 3;
                let first = NaiveDate::from_ymd_opt(day.year(), month0 + 1, 1).unwrap_or(day);
                (first, last_day_before(first + Months::new(3)))
            }
        };
        Self { kind: Some(kind), from, to }
    }

    /// Dates given by hand; the end must not be before the start.
    pub fn between(from: NaiveDate, to: NaiveDate) -> Result<Self, DomainError> {
        if to < from {
            return Err(DomainError::BadPeriod { from, to });
        }
        Ok(Self { kind: None, from, to })
    }

    /// The period just before this one (same kind, or as many days for dates given by hand).
    pub fn previous(&self) -> Self {
        match self.kind {
            Some(kind) => Self::containing(kind, self.from - Days::new(1)),
            None => {
                let len = Days::new(self.days() as u64);
                Self { kind: None, from: self.from - len, to: self.to - len }
            }
        }
    }

    /// The period just after this one.
    pub fn next(&self) -> Self {
        match self.kind {
            Some(kind) => Self::containing(kind, self.to + Days::new(1)),
            None => {
                let len = Days::new(self.days() as u64);
                Self { kind: None, from: self.from + len, to: self.to + len }
            }
        }
    }

    /// How many days it covers.
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// The first day after it (the exclusive end).
    pub fn end(&self) -> NaiveDate {
        self.to + Days::new(1)
    }
}

fn last_day_before(day: NaiveDate) -> NaiveDate {
    day.pred_opt().unwrap_or(day)
}

/// Where a deal stood at one moment of its step history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Held {
    pub step: Step,
    pub state: DealState,
}

/// One deal's step history as the funnel needs it: where it stood when the period began (if
/// it was open then) and every change in the period, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DealTrack {
    pub at_start: Option<Step>,
    pub changes: Vec<Held>,
}

/// One step of the funnel.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FunnelStep {
    pub step: Step,
    /// Deals that were in this step at some time in the period.
    pub reached: u64,
    /// Of them, those that went on to a later step or were won in the period.
    pub moved_on: u64,
    /// Of them, those won in the period.
    pub won: u64,
    /// `moved_on / reached`, none when nothing reached the step.
    pub conversion: Option<f64>,
    /// `won / reached`.
    pub to_won: Option<f64>,
    /// Days spent in the step by the deals that left it in the period: the median…
    pub median_days: Option<f64>,
    /// …and the time the slowest quarter took at least (the 75th percentile).
    pub slowest_quarter_days: Option<f64>,
    /// Open deals now in the step for longer than the slowest quarter took, measured over the
    /// period or, when shorter, the 90 days up to its end (`ops::report::STUCK_MEASURED_DAYS`).
    pub stuck: u64,
}

/// Counts per step from the deals' tracks: `(reached, moved_on, won)`, in step order.
/// `standing` counts, per step, the deals open in it at the start that did not change in the
/// period (tracks without changes, given as counts): they reached their step, no more.
pub fn funnel_counts(tracks: &[DealTrack], standing: [u64; 5]) -> [(u64, u64, u64); 5] {
    let mut counts = standing.map(|n| (n, 0u64, 0u64));
    for track in tracks {
        let held: Vec<Held> = track
            .at_start
            .map(|step| Held { step, state: DealState::Open })
            .into_iter()
            .chain(track.changes.iter().copied())
            .collect();
        let won_at = held.iter().position(|h| h.state == DealState::Won);
        for step in Step::ALL {
            let Some(first) = held.iter().position(|h| h.state == DealState::Open && h.step == *step) else {
                continue;
            };
            let later = &held[first + 1..];
            let c = &mut counts[step.index()];
            c.0 += 1;
            if later.iter().any(|h| h.state == DealState::Won || (h.state == DealState::Open && h.step > *step)) {
                c.1 += 1;
            }
            if won_at.is_some_and(|w| w > first) {
                c.2 += 1;
            }
        }
    }
    counts
}

/// `part / whole`, none when `whole` is zero.
pub fn share(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// The median and the 75th percentile (nearest rank) of some durations; none when empty.
pub fn median_and_slowest_quarter(days: &mut [f64]) -> Option<(f64, f64)> {
    if days.is_empty() {
        return None;
    }
    days.sort_by(f64::total_cmp);
    let n = days.len();
    let median = if n % 2 == 1 { days[n / 2] } else { (days[n / 2 - 1] + days[n / 2]) / 2.0 };
    let rank = usize::try_from(slowest_quarter_rank(n as u64)).unwrap_or(n);
    Some((median, days[rank - 1]))
}

/// The 75th percentile (nearest rank, as [`median_and_slowest_quarter`]) of some durations
/// in whole days, found without sorting them all; none when empty.
pub fn slowest_quarter_whole_days(days: &mut [u32]) -> Option<u32> {
    if days.is_empty() {
        return None;
    }
    let rank = slowest_quarter_rank(days.len() as u64);
    Some(*days.select_nth_unstable(usize::try_from(rank - 1).unwrap_or(0)).1)
}

/// The rank (from 1, smallest first) of the 75th percentile of `n` durations, nearest rank:
/// the one [`median_and_slowest_quarter`] and [`slowest_quarter_whole_days`] give.
pub fn slowest_quarter_rank(n: u64) -> u64 {
    (n * 3).div_ceil(4).max(1)
}

/// The chance, in percent, that an open deal in each step is won: the forecast's weights
/// (`[forecast]` in `config.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StepOdds {
    pub preparation: u8,
    pub approach: u8,
    pub survey: u8,
    pub presentation: u8,
    pub close: u8,
}

impl Default for StepOdds {
    fn default() -> Self {
        Self { preparation: 10, approach: 20, survey: 40, presentation: 60, close: 80 }
    }
}

impl StepOdds {
    /// The percent for `step`.
    pub fn percent(&self, step: Step) -> u8 {
        match step {
            Step::Preparation => self.preparation,
            Step::Approach => self.approach,
            Step::Survey => self.survey,
            Step::Presentation => self.presentation,
            Step::Close => self.close,
        }
    }

    /// The first step whose percent is over 100, if any.
    pub fn over_100(&self) -> Option<(Step, u8)> {
        Step::ALL.iter().map(|s| (*s, self.percent(*s))).find(|(_, p)| *p > 100)
    }

    /// `value` weighted by the step's chance, rounded to the nearest minor unit.
    pub fn weighted(&self, step: Step, value: Money) -> Money {
        let minor = (i128::from(value.minor) * i128::from(self.percent(step)) + 50) / 100;
        Money::new(i64::try_from(minor).unwrap_or(i64::MAX), value.currency)
    }
}

/// The accounts and their value in each class, A, B and C, of accounts given as how many won
/// each value: the largest values making the first 80% of the total are A, the next 15% B,
/// the rest C, an account at a time (of equal values the first may be in the better class).
pub fn abc_shares(counts: &[(i64, u64)]) -> [(u64, i64); 3] {
    let total: i128 = counts.iter().map(|(v, n)| i128::from((*v).max(0)) * i128::from(*n)).sum();
    let mut order: Vec<(i64, u64)> = counts.to_vec();
    order.sort_by_key(|c| std::cmp::Reverse(c.0));
    let mut shares = [(0u64, 0i64); 3];
    let mut before: i128 = 0;
    for (value, accounts) in order {
        for _ in 0..accounts {
            // A while what came before is under 80% of the total, B while under 95%.
            let class = if before * 100 < total * 80 {
                0
            } else if before * 100 < total * 95 {
                1
            } else {
                2
            };
            shares[class].0 += 1;
            shares[class].1 = shares[class].1.saturating_add(value);
            before += i128::from(value.max(0));
        }
    }
    shares
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Currency;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn periods_contain_the_day_and_step_back_and_forth() {
        let today = d("2031-05-06"); // a Tuesday
        let week = Period::containing(PeriodKind::Week, today);
        assert_eq!((week.from, week.to), (d("2031-05-05"), d("2031-05-11")));
        let month = Period::containing(PeriodKind::Month, today);
        assert_eq!((month.from, month.to), (d("2031-05-01"), d("2031-05-31")));
        let quarter = Period::containing(PeriodKind::Quarter, today);
        assert_eq!((quarter.from, quarter.to), (d("2031-04-01"), d("2031-06-30")));
        assert_eq!(month.previous().to, d("2031-04-30"));
        assert_eq!(week.next().from, d("2031-05-12"));
        assert_eq!(quarter.next().from, d("2031-07-01"));
        let by_hand = Period::between(d("2031-05-01"), d("2031-05-10")).unwrap();
        assert_eq!(by_hand.end(), d("2031-05-11"));
        assert_eq!((by_hand.previous().from, by_hand.next().to), (d("2031-04-21"), d("2031-05-20")));
        assert!(Period::between(d("2031-05-02"), d("2031-05-01")).is_err());
    }

    fn open(step: Step) -> Held {
        Held { step, state: DealState::Open }
    }

    #[test]
    fn funnel_counts_steps_held_moves_on_and_wins() {
        let tracks = vec![
            // In approach at the start, then survey, then won.
            DealTrack {
                at_start: Some(Step::Approach),
                changes: vec![open(Step::Survey), Held { step: Step::Survey, state: DealState::Won }],
            },
            // New in the period, stays in preparation.
            DealTrack { at_start: None, changes: vec![open(Step::Preparation)] },
            // Back from survey to approach: approach is held, nothing moved on from it.
            DealTrack { at_start: Some(Step::Survey), changes: vec![open(Step::Approach)] },
        ];
        let c = funnel_counts(&tracks, [0; 5]);
        assert_eq!(c[Step::Preparation.index()], (1, 0, 0));
        assert_eq!(c[Step::Approach.index()], (2, 1, 1));
        assert_eq!(c[Step::Survey.index()], (2, 1, 1));
        assert_eq!(c[Step::Close.index()], (0, 0, 0));
        // Deals that stood in a step the whole period count as a track without changes does.
        let standing = [0, 0, 3, 0, 1];
        let still = DealTrack { at_start: Some(Step::Close), changes: Vec::new() };
        let with_tracks = funnel_counts(&[tracks.clone(), vec![still]].concat(), standing);
        assert_eq!(with_tracks[Step::Survey.index()], (5, 1, 1));
        assert_eq!(with_tracks[Step::Close.index()], (2, 0, 0));
    }

    #[test]
    fn quantiles_and_shares() {
        assert_eq!(median_and_slowest_quarter(&mut []), None);
        assert_eq!(median_and_slowest_quarter(&mut [4.0, 1.0, 3.0, 2.0]), Some((2.5, 3.0)));
        assert_eq!(median_and_slowest_quarter(&mut [5.0]), Some((5.0, 5.0)));
        assert_eq!(slowest_quarter_whole_days(&mut []), None);
        assert_eq!(slowest_quarter_whole_days(&mut [4, 1, 3, 2]), Some(3));
        assert_eq!(slowest_quarter_whole_days(&mut [5]), Some(5));
        // The same rank as the quantiles of the durations themselves, rounded up after.
        let mut durations = [0.2, 9.5, 3.0, 3.1, 7.9, 0.0, 12.25, 4.5, 4.5];
        let mut whole = durations.map(|d: f64| d.ceil() as u32);
        let slowest = median_and_slowest_quarter(&mut durations).map(|q| q.1.ceil() as u32);
        assert_eq!(slowest_quarter_whole_days(&mut whole), slowest);
        assert_eq!(share(1, 4), Some(0.25));
        assert_eq!(share(1, 0), None);
    }

    #[test]
    fn odds_weight_and_round() {
        let odds = StepOdds::default();
        let v = Money::new(1_005, Currency::CNY);
        assert_eq!(odds.weighted(Step::Survey, v).minor, 402);
        assert_eq!(odds.over_100(), None);
        assert_eq!(StepOdds { close: 101, ..odds }.over_100(), Some((Step::Close, 101)));
    }

    #[test]
    fn abc_by_cumulative_share() {
        // Total 100: 70 (0 before: A), 20 (70 before: A), 6 (90: B), 4 (96: C).
        assert_eq!(abc_shares(&[(6, 1), (70, 1), (4, 1), (20, 1)]), [(2, 90), (1, 6), (1, 4)]);
        assert_eq!(abc_shares(&[]), [(0, 0); 3]);
        // Of equal values, an account at a time: of 110, 40, 40 and 10 are A (0, 40 and 80
        // before), 10 and 5 B (90 and 100 before), the last 5 C (105 before).
        assert_eq!(abc_shares(&[(10, 2), (40, 2), (5, 2)]), [(3, 90), (2, 15), (1, 5)]);
    }
}
