//! The pipeline board: per-step totals of open deals and pages of cards, so the board never
//! loads all deals at once.

use chrono::{DateTime, Local, NaiveDate};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use super::Store;
use super::customers::{escape_like, matching_keys};
use super::error::{Context, Result};
use super::rows;
use super::search_query::keys_only;
use crate::domain::money::{Currency, Money, Totals};
use crate::domain::{NextStepState, Step, Word};

/// Count and total expected value of the open deals in one step.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct StepTotal {
    pub count: u64,
    /// Sums of expected values, one per currency (deals without a value add nothing).
    pub totals: Totals,
}

/// One open deal as a card on the board.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PipelineCard {
    pub deal_id: i64,
    pub customer_id: i64,
    pub name: String,
    pub company: String,
    /// The deal's title (empty when it has none).
    pub title: String,
    pub stage: Step,
    pub value_minor: Option<i64>,
    pub currency: Currency,
    /// Whole days since the deal entered its step (local dates).
    pub days_in_step: i64,
    pub next_step: NextStepState,
}

/// Which cards the board shows: name, nickname or company containing `text`, or a customer
/// whose keys it starts (pinyin, phone digits, e-mail: [`super::search_keys`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PipelineFilter {
    pub text: Option<String>,
}

impl PipelineFilter {
    /// The LIKE pattern, or `None` when the filter is empty.
    fn pattern(&self) -> Option<String> {
        self.text.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(|t| format!("%{}%", escape_like(t)))
    }

    /// The keys to match (an FTS5 expression), or `None`.
    pub(super) fn keys(&self) -> Option<String> {
        self.text.as_deref().map(str::trim).and_then(keys_only)
    }

    /// ` OR c.id IN (…)` with the keys in parameter `?param` when there are keys to match.
    fn or_keys(&self, param: usize) -> String {
        self.keys().map(|_| format!(" OR {}", matching_keys(param))).unwrap_or_default()
    }
}

/// The open deals on the board under one filter, matched once: each step's deals in the
/// board's order (most recently moved first) and their totals, so the five columns' counts,
/// totals and pages all come from the one match.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BoardMatches {
    /// Per step, the deal ids in board order.
    pub deals: [Vec<i64>; 5],
    pub totals: [StepTotal; 5],
}

impl Store {
    /// Count and total value of open deals per step, in step order.
    /// Without a filter this reads the totals kept per step and currency (`deal_open_tally`,
    /// migration 0022) less the open deals of archived accounts, found through their small
    /// index: a group is what the deals themselves would give, a value only if one has one.
    pub fn pipeline_totals(&self, filter: &PipelineFilter) -> Result<[StepTotal; 5]> {
        let mut totals: [StepTotal; 5] = Default::default();
        let mut read = |(stage, currency, count, value): (String, String, i64, Option<i64>)| {
            if let Some(s) = Step::from_code(&stage) {
                let step = &mut totals[s.index()];
                step.count += count.max(0) as u64;
                if let Some(v) = value {
                    step.totals.add(Money::new(v, Currency::stored(&currency)));
                }
            }
        };
        let row = |r: &rusqlite::Row| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?));
        match filter.pattern() {
            None => {
                let mut stmt = self
                    .conn()
                    .prepare_cached(
                        "SELECT stage, currency, sum(deals), CASE WHEN sum(valued) > 0 THEN sum(value_minor) END
                         FROM (SELECT stage, currency, deals, valued, value_minor FROM deal_open_tally
                               UNION ALL
                               SELECT d.stage, d.currency, -count(*), -count(d.value_minor), -coalesce(sum(d.value_minor), 0)
                               FROM customer c INDEXED BY customer_archived
                               JOIN deal d ON d.customer_id = c.id AND d.state = 'open'
                               WHERE c.archived = 1 GROUP BY d.stage, d.currency)
                         GROUP BY stage, currency HAVING sum(deals) > 0",
                    )
                    .ctx("reading the pipeline")?;
                for found in stmt.query_map([], row).ctx("reading the pipeline")? {
                    read(found.ctx("reading the pipeline")?);
                }
            }
            Some(pattern) => {
                // Customers first, whatever the statistics say: the filter then reads only the
                // customer_name index (migration 0007) and each match's open deal, instead of
                // every open deal's customer row.
                let sql = format!(
                    "SELECT d.stage, d.currency, count(*), sum(d.value_minor) FROM customer c
                     CROSS JOIN deal d ON d.customer_id = c.id AND d.state = 'open'
                     WHERE c.archived = 0 AND (c.name LIKE ?1 ESCAPE '\\' OR c.nickname LIKE ?1 ESCAPE '\\'
                           OR c.company LIKE ?1 ESCAPE '\\'{})
                     GROUP BY d.stage, d.currency",
                    filter.or_keys(2)
                );
                let mut stmt = self.conn().prepare_cached(&sql).ctx("reading the pipeline")?;
                let values: Vec<String> = std::iter::once(pattern).chain(filter.keys()).collect();
                for found in stmt.query_map(rusqlite::params_from_iter(values), row).ctx("reading the pipeline")? {
                    read(found.ctx("reading the pipeline")?);
                }
            }
        }
        Ok(totals)
    }

    /// The cards of the open deals `deal_ids`, in that order (deals no longer open are left out).
    pub fn pipeline_cards_of(&self, deal_ids: &[i64]) -> Result<Vec<PipelineCard>> {
        let today = self.clock().today();
        let mut stmt = self
            .conn()
            .prepare_cached(&format!(
                "SELECT d.id, c.id, c.name, c.company, d.stage, d.value_minor, d.currency, d.stage_since,
                        {DEAL_NEXT_ON}, d.title
                 FROM deal d JOIN customer c ON c.id = d.customer_id
                 WHERE d.id = ?1 AND d.state = 'open'"
            ))
            .ctx("reading the pipeline")?;
        let mut cards = Vec::with_capacity(deal_ids.len());
        for id in deal_ids {
            let card = stmt.query_row([id], |r| card_row(r, today)).optional().ctx("reading the pipeline")?;
            cards.extend(card);
        }
        Ok(cards)
    }

    /// A page of one step's cards, the most recently moved first (so a card just moved
    /// shows at the top of its new column).
    pub fn pipeline_cards(
        &self,
        stage: Step,
        filter: &PipelineFilter,
        limit: u32,
        offset: u32,
    ) -> Result<Vec<PipelineCard>> {
        let today = self.clock().today();
        let sql = format!(
            "SELECT d.id, c.id, c.name, c.company, d.stage, d.value_minor, d.currency, d.stage_since,
                    {DEAL_NEXT_ON}, d.title
             FROM deal d JOIN customer c ON c.id = d.customer_id
             WHERE d.state = 'open' AND d.stage = ?1 AND c.archived = 0
               AND (?2 IS NULL OR c.name LIKE ?2 ESCAPE '\\' OR c.nickname LIKE ?2 ESCAPE '\\'
                    OR c.company LIKE ?2 ESCAPE '\\'{})
             ORDER BY d.stage_since DESC, d.id DESC LIMIT ?3 OFFSET ?4",
            filter.or_keys(5)
        );
        let mut stmt = self.conn().prepare_cached(&sql).ctx("reading the pipeline")?;
        let mut values: Vec<rusqlite::types::Value> =
            vec![stage.code().to_string().into(), filter.pattern().into(), limit.into(), offset.into()];
        values.extend(filter.keys().map(rusqlite::types::Value::from));
        let cards =
            stmt.query_map(rusqlite::params_from_iter(values), |r| card_row(r, today)).ctx("reading the pipeline")?;
        cards.collect::<rusqlite::Result<Vec<_>>>().ctx("reading the pipeline")
    }
}

/// The day of the deal `d`'s next step (of customer `c`): the earliest of its open appointments
/// and open next steps, and of the customer's own that name no deal; the same rows Today lists
/// (read from the indexes of the open ones alone, which hold every column read: 0027).
const DEAL_NEXT_ON: &str = "(SELECT min(x) FROM (
        SELECT substr(v.planned_at, 1, 10) AS x FROM visit v INDEXED BY visit_open_of_customer
        WHERE v.customer_id = c.id AND v.done_at IS NULL AND (v.deal_id = d.id OR v.deal_id IS NULL)
        UNION ALL
        SELECT s.due_on FROM next_step s INDEXED BY next_step_open_of_customer
        WHERE s.customer_id = c.id AND s.done_at IS NULL AND (s.deal_id = d.id OR s.deal_id IS NULL)))";

/// A card from a row of deal id, customer id, name, company, stage, value, currency,
/// stage_since, the deal's next step day and the deal's title.
fn card_row(r: &rusqlite::Row, today: NaiveDate) -> rusqlite::Result<PipelineCard> {
    let since: String = r.get(7)?;
    Ok(PipelineCard {
        deal_id: r.get(0)?,
        customer_id: r.get(1)?,
        name: r.get(2)?,
        company: r.get(3)?,
        title: r.get(9)?,
        stage: rows::code(r, 4)?,
        value_minor: r.get(5)?,
        currency: Currency::stored(&r.get::<_, String>(6)?),
        days_in_step: days_since(&since, today),
        next_step: NextStepState::of(rows::opt_date(r, 8)?, today),
    })
}

/// Whole local days from an RFC 3339 timestamp to `today` (0 when unreadable or in the future).
fn days_since(timestamp: &str, today: NaiveDate) -> i64 {
    DateTime::parse_from_rfc3339(timestamp)
        .map(|t| (today - t.with_timezone(&Local).date_naive()).num_days().max(0))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_since_counts_local_days_and_clamps() {
        let today = NaiveDate::from_ymd_opt(2031, 5, 6).unwrap_or_default();
        assert_eq!(days_since("2031-05-01T12:00:00Z", today), 5);
        assert_eq!(days_since("2031-06-01T12:00:00Z", today), 0);
        assert_eq!(days_since("garbage", today), 0);
    }
}
