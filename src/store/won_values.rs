//! Won value per account for the report's ABC of accounts, from the tallies of migration 0032:
//! how many accounts have won each value, less the deals won since the period ended.

use std::collections::BTreeMap;

use super::Store;
use super::error::{Context, Result};
use crate::domain::money::Currency;

/// How many accounts have won a value (minor units) in a currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WonValueCount {
    pub currency: Currency,
    pub value_minor: i64,
    pub accounts: u64,
}

impl Store {
    /// Per currency and value, how many accounts have won that much with deals won before
    /// `end` (RFC 3339 UTC) that have a value: `won_value_tally`, each account with deals
    /// won at or after `end` (from `deal_won_closed`) counted at its value without them (or
    /// not at all when none is left), in currency and value order.
    pub fn won_value_counts(&self, end: &str) -> Result<Vec<WonValueCount>> {
        let what = "reading won value per account";
        let mut counts: BTreeMap<(String, i64), i64> = BTreeMap::new();
        {
            let mut stmt =
                self.conn().prepare_cached("SELECT currency, value_minor, accounts FROM won_value_tally").ctx(what)?;
            let mut rows = stmt.query([]).ctx(what)?;
            while let Some(r) = rows.next().ctx(what)? {
                counts.insert((r.get(0).ctx(what)?, r.get(1).ctx(what)?), r.get(2).ctx(what)?);
            }
        }
        let mut since: BTreeMap<(i64, String), (i64, i64)> = BTreeMap::new();
        {
            let mut stmt = self
                .conn()
                .prepare_cached(
                    "SELECT customer_id, currency, value_minor FROM deal INDEXED BY deal_won_closed
                     WHERE state = 'won' AND closed_at >= ?1 AND value_minor IS NOT NULL",
                )
                .ctx(what)?;
            let mut rows = stmt.query([end]).ctx(what)?;
            while let Some(r) = rows.next().ctx(what)? {
                let deal = since.entry((r.get(0).ctx(what)?, r.get(1).ctx(what)?)).or_default();
                deal.0 += 1;
                deal.1 += r.get::<_, i64>(2).ctx(what)?;
            }
        }
        let mut account = self
            .conn()
            .prepare_cached("SELECT deals, value_minor FROM won_account_tally WHERE customer_id = ?1 AND currency = ?2")
            .ctx(what)?;
        for ((customer_id, currency), (deals, value)) in since {
            let mut rows = account.query(rusqlite::params![customer_id, currency]).ctx(what)?;
            let Some(r) = rows.next().ctx(what)? else { continue };
            let (all, total): (i64, i64) = (r.get(0).ctx(what)?, r.get(1).ctx(what)?);
            *counts.entry((currency.clone(), total)).or_default() -= 1;
            if all > deals {
                *counts.entry((currency, total - value)).or_default() += 1;
            }
        }
        Ok(counts
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .map(|((currency, value_minor), n)| WonValueCount {
                currency: Currency::stored(&currency),
                value_minor,
                accounts: u64::try_from(n).unwrap_or(0),
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, NaiveDate, NaiveDateTime};

    use super::*;
    use crate::clock::Clock;
    use crate::domain::money::Money;
    use crate::domain::{DealState, Step, Word};
    use crate::store::DealPatch;
    use crate::store::bulk::{BulkCustomer, BulkDeal, BulkMove};

    fn time(t: NaiveDateTime) -> String {
        t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
    }

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2031, 5, 6).and_then(|d| d.and_hms_opt(9, 0, 0)).unwrap_or_default()
    }

    /// 60 accounts with 0–5 deals each, open, won or lost, with or without a value, in CNY or
    /// USD, moved at any second of 400 days; then some won, reopened, revalued and lost one
    /// by one (their tallies then kept by the triggers).
    fn generated(dir: &tempfile::TempDir) -> Store {
        let mut store = Store::open(&dir.path().join("tallies.db"), Clock::Fixed(now().date())).unwrap();
        let mut rng = fastrand::Rng::with_seed(30);
        store
            .bulk_load(|w| {
                for c in 0..60 {
                    let id = w.customer(&BulkCustomer::bare(format!("c{c}"), "2030-01-01T09:00:00Z"))?;
                    for d in 0..rng.usize(0..6) {
                        let mut at = now() - Duration::seconds(rng.i64(0..400 * 86_400));
                        let mut held = (Step::ALL[rng.usize(0..5)], DealState::Open);
                        let mut history = vec![BulkMove { from: None, to: held, at: time(at), reason: String::new() }];
                        for _ in 0..rng.usize(0..3) {
                            at += Duration::seconds(rng.i64(0..40 * 86_400));
                            let to = match rng.u8(0..4) {
                                0 => (held.0, DealState::Won),
                                1 => (held.0, DealState::Lost),
                                _ => (Step::ALL[rng.usize(0..5)], DealState::Open),
                            };
                            history.push(BulkMove { from: Some(held), to, at: time(at), reason: String::new() });
                            held = to;
                            if held.1 != DealState::Open {
                                break;
                            }
                        }
                        w.deal(
                            id,
                            &BulkDeal {
                                title: format!("d{d}"),
                                value_minor: (rng.u8(0..5) > 0).then(|| rng.i64(1..8) * 50_000),
                                currency: if rng.u8(0..4) == 0 { "USD" } else { "CNY" }.into(),
                                stage: held.0,
                                state: held.1,
                                lost_reason: String::new(),
                                expected_close_on: None,
                                history,
                            },
                        )?;
                    }
                }
                Ok(())
            })
            .unwrap();
        for customer in 1..=60 {
            let deals = store.deals_of(customer).unwrap();
            for (i, deal) in deals.iter().enumerate() {
                match (deal.state, i % 4) {
                    (DealState::Open, 0) => {
                        store.win_deal(deal.id, Some(Money::new(70_000, deal.currency))).unwrap();
                    }
                    (DealState::Open, 1) if deal.stage != Step::Close => {
                        store.move_deal(deal.id, Step::Close, "").unwrap();
                    }
                    (DealState::Won, 2) => {
                        store.reopen_deal(deal.id, "again").unwrap();
                    }
                    (DealState::Won, 3) => {
                        let patch =
                            DealPatch { value: Some(Some(Money::new(90_000, deal.currency))), ..DealPatch::default() };
                        store.update_deal(deal.id, &patch).unwrap();
                    }
                    _ => {}
                }
            }
        }
        assert_eq!(crate::store::summaries::differences(store.conn()).unwrap(), []);
        store
    }

    /// Times from before every deal to after the last, at odd seconds and day starts.
    fn times() -> Vec<String> {
        let mut found: Vec<String> =
            (0..60).map(|i| time(now() + Duration::days(2) - Duration::hours(i * 163 + 7))).collect();
        found.extend(
            [
                "2029-01-01T00:00:00Z",
                "2031-05-06T09:00:00Z",
                "2031-05-01",
                "2031-05-01 00:00:00",
                "2099-01-01T00:00:00Z",
            ]
            .map(String::from),
        );
        found
    }

    #[test]
    fn won_values_from_the_tallies_are_the_won_deals_grouped_by_account() {
        let dir = tempfile::tempdir().unwrap();
        let store = generated(&dir);
        let mut seen = 0;
        for end in times() {
            let mut stmt = store
                .conn()
                .prepare(
                    "SELECT currency, v, count(*) FROM (SELECT currency, sum(value_minor) AS v FROM deal
                     WHERE state = 'won' AND value_minor IS NOT NULL AND closed_at < ?1 GROUP BY customer_id, currency)
                     GROUP BY currency, v ORDER BY currency, v",
                )
                .unwrap();
            let expected: Vec<(String, i64, i64)> = stmt
                .query_map([&end], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .unwrap()
                .map(|r| r.unwrap())
                .collect();
            let found: Vec<(String, i64, i64)> = store
                .won_value_counts(&end)
                .unwrap()
                .iter()
                .map(|c| (c.currency.code().to_string(), c.value_minor, i64::try_from(c.accounts).unwrap()))
                .collect();
            assert_eq!(found, expected, "before {end}");
            seen += expected.len();
        }
        assert!(seen > 100, "the times see won accounts ({seen})");
    }

    #[test]
    fn open_deals_in_a_step_since_before_a_time_are_counted_as_the_deals_are() {
        let dir = tempfile::tempdir().unwrap();
        let store = generated(&dir);
        let mut seen = 0;
        for since in times() {
            for step in Step::ALL {
                let expected: i64 = store
                    .conn()
                    .query_row(
                        "SELECT count(*) FROM deal WHERE state = 'open' AND stage = ?1 AND stage_since < ?2",
                        [step.code(), &since],
                        |r| r.get(0),
                    )
                    .unwrap();
                let found = store.open_deals_in_step_since_before(*step, &since).unwrap();
                assert_eq!(i64::try_from(found).unwrap(), expected, "{step:?} before {since}");
                seen += expected;
            }
        }
        assert!(seen > 500, "the times see open deals ({seen})");
    }
}
