//! The report: "how is the period going", one read model for `fieldbook report` and the app's
//! report screen. Funnel and results from the step history, a forecast of open deals weighted
//! by step, activity from the visits, and the customer base by value, class and quadrant.
//! Money stays per currency throughout ([`Totals`]).

use super::assessment::{self, AssessmentSummary};
use super::report_stuck;
use std::collections::BTreeMap;

use chrono::{Datelike, Days, Local, NaiveDate, TimeZone, Utc};
use serde::Serialize;

use crate::domain::money::{Currency, Money, Totals};
use crate::domain::report::{
    FunnelStep, Period, StepOdds, abc_shares, funnel_counts, median_and_slowest_quarter, share,
};
use crate::domain::today::DueCustomer;
use crate::domain::{CadencePolicy, CustomerClass, DealState, Outcome, Portfolio, Step, Word};
use crate::store::{StepHistory, Store, StoreError};

/// How many lost reasons and losing-touch customers the report lists.
pub const TOP: usize = 5;

/// The fewest days over which the time deals take to leave a step is measured to say which
/// open deals are stuck (a period shorter than that is measured up to its end).
pub const STUCK_MEASURED_DAYS: i64 = 90;

/// Everything the report shows, for one period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The day it was made for.
    pub date: NaiveDate,
    pub period: Period,
    pub funnel: Vec<FunnelStep>,
    pub results: Results,
    pub forecast: Forecast,
    pub activity: Activity,
    pub customers: Customers,
    /// The rep's last self-assessment against the one before (not tied to the period).
    pub assessment: Option<AssessmentSummary>,
}

/// Deals of one currency: how many, and their value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CurrencyCount {
    pub currency: Currency,
    pub count: u64,
    /// Sum of the values of those that have one, in minor units.
    pub value_minor: i64,
}

/// A lost reason and how often it was given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReasonCount {
    pub reason: String,
    pub count: u64,
}

/// Deals won and lost in the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Results {
    pub won_count: u64,
    pub lost_count: u64,
    /// Per currency, the rep's own first.
    pub won: Vec<CurrencyCount>,
    pub lost: Vec<CurrencyCount>,
    /// Won of won and lost, none when nothing closed.
    pub win_rate: Option<f64>,
    /// The most given lost reasons, most often first.
    pub lost_reasons: Vec<ReasonCount>,
}

/// Open deals of one step: their value and the value weighted by the step's chance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ForecastStep {
    pub step: Step,
    pub percent: u8,
    pub count: u64,
    pub value: Totals,
    pub weighted: Totals,
}

/// Open deals expected to close in one month (`YYYY-MM`), or overdue, or without a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ForecastBucket {
    pub count: u64,
    pub weighted: Totals,
}

/// The open deals weighted by step and spread by expected close.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Forecast {
    pub steps: Vec<ForecastStep>,
    pub weighted: Totals,
    /// Expected to close in the period (and still open).
    pub in_period: ForecastBucket,
    /// Expected close already past.
    pub overdue: ForecastBucket,
    /// From this month on, by month of expected close.
    pub months: BTreeMap<String, ForecastBucket>,
    pub no_date: ForecastBucket,
}

/// One week of visits (Monday first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WeekActivity {
    pub week_of: NaiveDate,
    /// Visits done that week.
    pub done: u64,
    pub by_channel: BTreeMap<String, u64>,
    pub by_kind: BTreeMap<String, u64>,
}

/// How the logged visits' actual results compared with the expected ones.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct OutcomeCounts {
    pub met: u64,
    pub partly: u64,
    pub not_met: u64,
    /// Logged without saying.
    pub unrated: u64,
}

/// Next steps due in the period and what followed them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct NextStepCounts {
    /// Due in the period.
    pub set: u64,
    /// Done on or before the day.
    pub kept: u64,
    /// Done, but after the day.
    pub late: u64,
    /// Past the day and still open.
    pub missed: u64,
    /// Not yet due, still open.
    pub pending: u64,
}

/// Visits of the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Activity {
    pub weeks: Vec<WeekActivity>,
    /// Visits done each day of the period, from its first day.
    pub daily: Vec<u64>,
    pub done: u64,
    /// Planned ahead (by appointment), and of them done.
    pub planned: u64,
    pub planned_done: u64,
    /// Logged without an appointment.
    pub unplanned_done: u64,
    pub by_channel: BTreeMap<String, u64>,
    pub by_kind: BTreeMap<String, u64>,
    pub outcomes: OutcomeCounts,
    pub next_steps: NextStepCounts,
}

/// Accounts of one ABC class in one currency.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AbcShare {
    pub accounts: u64,
    pub value_minor: i64,
}

/// ABC of the accounts by their won value in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AbcRow {
    pub currency: Currency,
    pub a: AbcShare,
    pub b: AbcShare,
    pub c: AbcShare,
}

/// The customer base.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Customers {
    pub abc: Vec<AbcRow>,
    pub classes: Vec<(CustomerClass, u64)>,
    /// Per quadrant; `null` for customers without one.
    pub quadrants: Vec<(Option<Portfolio>, u64)>,
    /// The customers furthest past their visit cadence.
    pub losing_touch: Vec<DueCustomer>,
}

/// Settings the report uses.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReportSettings {
    pub odds: StepOdds,
    pub cadence: CadencePolicy,
    /// The rep's own currency, listed first.
    pub currency: Currency,
}

/// Builds the report of `period` as of `today`.
pub fn build(store: &Store, today: NaiveDate, period: Period, settings: &ReportSettings) -> Result<Report, StoreError> {
    let start = utc_start_of(period.from);
    let end = utc_start_of(period.end());
    let history = store.report_step_history(&start, &end)?;
    let funnel = funnel(store, today, period, &history)?;
    let results = results(&history.changes, settings.currency);
    let forecast = forecast(store, today, period, &settings.odds)?;
    let activity = activity(store, today, period)?;
    let customers = customers(store, today, &end, settings)?;
    let assessment = assessment::summary(store)?;
    Ok(Report { date: today, period, funnel, results, forecast, activity, customers, assessment })
}

/// RFC 3339 UTC of local midnight starting `day`, to compare with stored timestamps.
fn utc_start_of(day: NaiveDate) -> String {
    let local = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    let utc = Local.from_local_datetime(&local).earliest().map_or_else(|| local.and_utc(), |t| t.with_timezone(&Utc));
    utc.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn funnel(
    store: &Store,
    today: NaiveDate,
    period: Period,
    history: &StepHistory,
) -> Result<Vec<FunnelStep>, StoreError> {
    let counts = funnel_counts(&history.tracks, history.standing);
    let mut stays: [Vec<f64>; 5] = Default::default();
    for c in &history.changes {
        let Some(from) = c.from.filter(|f| f.state == DealState::Open) else { continue };
        if c.to.state == DealState::Open && c.to.step == from.step {
            continue;
        }
        if let Some(days) = c.days_since_previous {
            stays[from.step.index()].push(days);
        }
    }
    // What makes a deal stuck is measured over a quarter at least: the few deals that leave a
    // step in a week are mostly the quick ones, and past their slowest quarter stood nearly
    // every open deal of the step.
    let measured = if period.days() < STUCK_MEASURED_DAYS {
        let from = period.end() - Days::new(STUCK_MEASURED_DAYS as u64);
        Some(report_stuck::slowest_quarters(store, &utc_start_of(from), &utc_start_of(period.end()))?)
    } else {
        None
    };
    let mut steps = Vec::with_capacity(5);
    for step in Step::ALL {
        let (reached, moved_on, won) = counts[step.index()];
        let quantiles = median_and_slowest_quarter(&mut stays[step.index()]);
        let slowest = match &measured {
            Some(days) => days[step.index()].map(u64::from),
            None => quantiles.map(|q| q.1.ceil() as u64),
        };
        let stuck = match slowest {
            Some(slow) => {
                let since = today - Days::new(slow);
                store.open_deals_in_step_since_before(*step, &utc_start_of(since))?
            }
            None => 0,
        };
        steps.push(FunnelStep {
            step: *step,
            reached,
            moved_on,
            won,
            conversion: share(moved_on, reached),
            to_won: share(won, reached),
            median_days: quantiles.map(|q| q.0),
            slowest_quarter_days: quantiles.map(|q| q.1),
            stuck,
        });
    }
    Ok(steps)
}

fn results(changes: &[crate::store::StepChange], first: Currency) -> Results {
    let mut won: BTreeMap<Currency, CurrencyCount> = BTreeMap::new();
    let mut lost: BTreeMap<Currency, CurrencyCount> = BTreeMap::new();
    let mut reasons: BTreeMap<String, (String, u64)> = BTreeMap::new();
    for c in changes {
        let into = match c.to.state {
            DealState::Won => &mut won,
            DealState::Lost => &mut lost,
            DealState::Open => continue,
        };
        if c.from.is_some_and(|f| f.state == c.to.state) {
            continue;
        }
        let currency = c.value.map_or(first, |v| v.currency);
        let entry = into.entry(currency).or_insert(CurrencyCount { currency, count: 0, value_minor: 0 });
        entry.count += 1;
        entry.value_minor = entry.value_minor.saturating_add(c.value.map_or(0, |v| v.minor));
        if c.to.state == DealState::Lost {
            let reason = c.reason.trim();
            if !reason.is_empty() {
                let e = reasons.entry(reason.to_lowercase()).or_insert((reason.to_string(), 0));
                e.1 += 1;
            }
        }
    }
    let ordered = |m: BTreeMap<Currency, CurrencyCount>| {
        let mut v: Vec<CurrencyCount> = m.into_values().collect();
        v.sort_by_key(|c| (c.currency != first, c.currency));
        v
    };
    let won = ordered(won);
    let lost = ordered(lost);
    let won_count = won.iter().map(|c| c.count).sum();
    let lost_count = lost.iter().map(|c| c.count).sum();
    let mut lost_reasons: Vec<ReasonCount> =
        reasons.into_values().map(|(reason, count)| ReasonCount { reason, count }).collect();
    lost_reasons.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.reason.cmp(&b.reason)));
    lost_reasons.truncate(TOP);
    Results { won_count, lost_count, won, lost, win_rate: share(won_count, won_count + lost_count), lost_reasons }
}

fn forecast(store: &Store, today: NaiveDate, period: Period, odds: &StepOdds) -> Result<Forecast, StoreError> {
    let empty = || ForecastBucket { count: 0, weighted: Totals::default() };
    let mut steps: Vec<ForecastStep> = Step::ALL
        .iter()
        .map(|s| ForecastStep {
            step: *s,
            percent: odds.percent(*s),
            count: 0,
            value: Totals::default(),
            weighted: Totals::default(),
        })
        .collect();
    let mut f = Forecast {
        steps: Vec::new(),
        weighted: Totals::default(),
        in_period: empty(),
        overdue: empty(),
        months: BTreeMap::new(),
        no_date: empty(),
    };
    let this_month = format!("{:04}-{:02}", today.year(), today.month());
    for g in store.open_deal_groups(today, period.from, period.to)? {
        let value = g.value_minor.map(|v| Money::new(v, g.currency));
        let weighted = value.map(|v| odds.weighted(g.step, v));
        let step = &mut steps[g.step.index()];
        step.count += g.count;
        if let (Some(v), Some(w)) = (value, weighted) {
            step.value.add(v);
            step.weighted.add(w);
            f.weighted.add(w);
        }
        let put = |bucket: &mut ForecastBucket| {
            bucket.count += g.count;
            if let Some(w) = weighted {
                bucket.weighted.add(w);
            }
        };
        match &g.month {
            None => put(&mut f.no_date),
            Some(_) if g.overdue => put(&mut f.overdue),
            Some(month) => put(f.months.entry(month.max(&this_month).clone()).or_insert_with(empty)),
        }
        if g.in_period {
            put(&mut f.in_period);
        }
    }
    f.steps = steps;
    Ok(f)
}

fn activity(store: &Store, today: NaiveDate, period: Period) -> Result<Activity, StoreError> {
    let mut weeks: BTreeMap<NaiveDate, WeekActivity> = BTreeMap::new();
    let mut week_of = period.from - Days::new(u64::from(period.from.weekday().num_days_from_monday()));
    while week_of <= period.to {
        weeks.insert(week_of, WeekActivity { week_of, done: 0, by_channel: BTreeMap::new(), by_kind: BTreeMap::new() });
        week_of = week_of + Days::new(7);
    }
    let mut a = Activity {
        weeks: Vec::new(),
        daily: vec![0; usize::try_from(period.days()).unwrap_or(0)],
        done: 0,
        planned: 0,
        planned_done: 0,
        unplanned_done: 0,
        by_channel: BTreeMap::new(),
        by_kind: BTreeMap::new(),
        outcomes: OutcomeCounts::default(),
        next_steps: NextStepCounts::default(),
    };
    for t in store.visit_tallies(period.from, period.end())? {
        if t.planned {
            a.planned += t.count;
        }
        if !t.done {
            continue;
        }
        a.done += t.count;
        if t.planned {
            a.planned_done += t.count;
        } else {
            a.unplanned_done += t.count;
        }
        *a.by_channel.entry(t.channel.code().to_string()).or_default() += t.count;
        *a.by_kind.entry(t.kind.code().to_string()).or_default() += t.count;
        match t.outcome {
            Some(Outcome::Met) => a.outcomes.met += t.count,
            Some(Outcome::Partly) => a.outcomes.partly += t.count,
            Some(Outcome::NotMet) => a.outcomes.not_met += t.count,
            None => a.outcomes.unrated += t.count,
        }
        if let Some(n) = usize::try_from((t.day - period.from).num_days()).ok().and_then(|d| a.daily.get_mut(d)) {
            *n += t.count;
        }
        let monday = t.day - Days::new(u64::from(t.day.weekday().num_days_from_monday()));
        if let Some(w) = weeks.get_mut(&monday) {
            w.done += t.count;
            *w.by_channel.entry(t.channel.code().to_string()).or_default() += t.count;
            *w.by_kind.entry(t.kind.code().to_string()).or_default() += t.count;
        }
    }
    for day in store.next_step_follow_ups(period.from, period.end())? {
        let s = &mut a.next_steps;
        s.set += day.set;
        s.kept += day.kept;
        s.late += day.late;
        if day.due_on < today {
            s.missed += day.open;
        } else {
            s.pending += day.open;
        }
    }
    a.weeks = weeks.into_values().collect();
    Ok(a)
}

fn customers(store: &Store, today: NaiveDate, end: &str, settings: &ReportSettings) -> Result<Customers, StoreError> {
    let mut per_currency: BTreeMap<Currency, Vec<(i64, u64)>> = BTreeMap::new();
    for won in store.won_value_counts(end)? {
        per_currency.entry(won.currency).or_default().push((won.value_minor, won.accounts));
    }
    let mut abc: Vec<AbcRow> = per_currency
        .into_iter()
        .map(|(currency, counts)| {
            let [a, b, c] = abc_shares(&counts).map(|(accounts, value_minor)| AbcShare { accounts, value_minor });
            AbcRow { currency, a, b, c }
        })
        .collect();
    abc.sort_by_key(|r| (r.currency != settings.currency, r.currency));
    let (mut classes, mut quadrants) = store.class_and_quadrant_counts()?;
    classes.sort_by_key(|(c, _)| CustomerClass::ALL.iter().position(|x| x == c));
    quadrants.sort_by_key(|(q, _)| q.map_or(usize::MAX, |q| Portfolio::ALL.iter().position(|x| *x == q).unwrap_or(0)));
    let losing_touch = store.due_by_cadence(today, &settings.cadence, TOP)?;
    Ok(Customers { abc, classes, quadrants, losing_touch })
}
