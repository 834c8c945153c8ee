//! What makes a deal stuck in the report: per step, the whole days stood there by the slowest
//! quarter of the deals that left it over a window, found from the changes counted by band of
//! days (`Store::step_exit_bands`) and then day by day within the band holding the rank,
//! instead of every change of the window.

use crate::domain::report::{slowest_quarter_rank, slowest_quarter_whole_days};
use crate::domain::{Step, Word};
use crate::store::{EXIT_BAND_DAYS, Store, StoreError};

/// Per step (in step order), the 75th percentile (nearest rank) of the whole days stood in it
/// by the deals that left it open from `start` to `end` (RFC 3339 UTC, end exclusive) for
/// another step, a win or a loss; none for a step none left.
pub(crate) fn slowest_quarters(store: &Store, start: &str, end: &str) -> Result<[Option<u32>; 5], StoreError> {
    if let Some(bands) = store.step_exit_bands(start, end)? {
        let mut found = [None; 5];
        for step in Step::ALL {
            match within_bands(store, *step, &bands[step.index()], start, end)? {
                Some(days) => found[step.index()] = days,
                // The tally disagrees with the changes (`fieldbook check` says so): read them.
                None => return every_change(store, start, end),
            }
        }
        return Ok(found);
    }
    every_change(store, start, end)
}

/// The step's slowest quarter from its counts per band: `Some(None)` when none left it, none
/// when the band holding the rank does not add up day by day.
fn within_bands(
    store: &Store,
    step: Step,
    bands: &[(u32, u64)],
    start: &str,
    end: &str,
) -> Result<Option<Option<u32>>, StoreError> {
    let total: u64 = bands.iter().map(|(_, n)| n).sum();
    if total == 0 {
        return Ok(Some(None));
    }
    let rank = slowest_quarter_rank(total);
    let mut before = 0;
    for (band, n) in bands {
        if before + n < rank {
            before += n;
            continue;
        }
        let first = band * EXIT_BAND_DAYS;
        for days in first..first.saturating_add(EXIT_BAND_DAYS) {
            before += store.step_exits_after_days(step, days, start, end)?;
            if before >= rank {
                return Ok(Some(Some(days)));
            }
        }
        return Ok(None);
    }
    Ok(None)
}

/// [`slowest_quarters`] from every change of the window.
fn every_change(store: &Store, start: &str, end: &str) -> Result<[Option<u32>; 5], StoreError> {
    let mut days = store.whole_days_in_steps(start, end)?;
    Ok(days.each_mut().map(|d| slowest_quarter_whole_days(d)))
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, NaiveDate, NaiveDateTime};

    use super::*;
    use crate::clock::Clock;
    use crate::domain::DealState;
    use crate::store::bulk::{BulkCustomer, BulkDeal, BulkMove};

    fn time(t: NaiveDateTime) -> String {
        t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
    }

    /// 400 deals moving through the steps at any second of 300 days (some standing still in
    /// their step, some won or lost); `odd` stamps one change in another form of time.
    fn generated(dir: &tempfile::TempDir, odd: bool) -> Store {
        let end = NaiveDate::from_ymd_opt(2031, 5, 6).and_then(|d| d.and_hms_opt(9, 0, 0)).unwrap_or_default();
        let mut store = Store::open(&dir.path().join("stuck.db"), Clock::Fixed(end.date())).unwrap();
        let mut rng = fastrand::Rng::with_seed(29);
        store
            .bulk_load(|w| {
                let id = w.customer(&BulkCustomer::bare("c", "2030-01-01T09:00:00Z"))?;
                for i in 0..400 {
                    let mut at = end - Duration::seconds(rng.i64(0..300 * 86_400));
                    let mut held = (Step::ALL[rng.usize(0..2)], DealState::Open);
                    let mut history = vec![BulkMove { from: None, to: held, at: time(at), reason: String::new() }];
                    for _ in 0..rng.usize(0..6) {
                        at += Duration::seconds(rng.i64(0..80 * 86_400));
                        let to = match rng.u8(0..10) {
                            0 => (held.0, DealState::Won),
                            1 => (held.0, DealState::Lost),
                            2 => held,
                            _ => (Step::ALL[rng.usize(0..5)], DealState::Open),
                        };
                        let stamp = if odd && i == 7 { at.format("%Y-%m-%d %H:%M:%S").to_string() } else { time(at) };
                        history.push(BulkMove { from: Some(held), to, at: stamp, reason: String::new() });
                        held = to;
                        if held.1 != DealState::Open {
                            break;
                        }
                    }
                    w.deal(
                        id,
                        &BulkDeal {
                            title: format!("d{i}"),
                            value_minor: Some(100),
                            currency: "CNY".into(),
                            stage: held.0,
                            state: held.1,
                            lost_reason: String::new(),
                            expected_close_on: None,
                            history,
                        },
                    )?;
                }
                Ok(())
            })
            .unwrap();
        store
    }

    /// Windows of 90, 20, 9 and 1 days ending at local midnights of UTC, UTC+8 and UTC-5:30.
    fn windows() -> Vec<(String, String)> {
        let mut found = Vec::new();
        for end_day in 0..9 {
            for offset_minutes in [0, 8 * 60, -(5 * 60 + 30)] {
                for days in [90, 20, 9, 1] {
                    let end =
                        NaiveDate::from_ymd_opt(2031, 5, 1 + end_day).and_then(|d| d.and_hms_opt(0, 0, 0)).unwrap()
                            - Duration::minutes(offset_minutes);
                    found.push((time(end - Duration::days(days)), time(end)));
                }
            }
        }
        found
    }

    #[test]
    fn the_slowest_quarter_from_the_tally_is_the_one_of_every_change() {
        for odd in [false, true] {
            let dir = tempfile::tempdir().unwrap();
            let store = generated(&dir, odd);
            let mut measured = 0;
            for (start, end) in windows() {
                assert_eq!(store.step_exit_bands(&start, &end).unwrap().is_some(), !odd, "{start} {end}");
                let found = slowest_quarters(&store, &start, &end).unwrap();
                assert_eq!(found, every_change(&store, &start, &end).unwrap(), "{start} to {end}");
                measured += found.iter().flatten().count();
            }
            assert!(measured > 300, "the windows see changes out of most steps ({measured})");
        }
    }
}
