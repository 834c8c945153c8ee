//! Deals, any number per customer: adding, editing, winning (with the final value), losing
//! (with a reason), reopening, and which deal a command means when it names only the customer.

use serde::Serialize;

use crate::domain::customer::{MAX_SHORT, check_len, clean_line};
use crate::domain::money::{Currency, Money, Totals};
use crate::domain::{Deal, DomainError, NextStep, Step, Word, parse_date};
use crate::i18n::I18n;
use crate::store::{DealPatch, NewDeal, Store, StoreError};
use crate::text;

/// A new deal as typed: every field as text, checked by [`add`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DealDraft {
    pub title: String,
    /// `50k`, `$50k`, `USD 50000`, `50万`…; empty for none.
    pub value: String,
    /// A currency code for a value that names none (a currency in the value wins); empty for
    /// the default.
    pub currency: String,
    /// The step it starts in (preparation when `None`).
    pub stage: Option<Step>,
    /// Expected close date (`2031-06-30`, `+3w`, `fri`…); empty for none.
    pub close_on: String,
}

/// Changes to a deal as typed; `None` leaves a field as it is, an empty value or date clears it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DealEdit {
    pub title: Option<String>,
    pub value: Option<String>,
    pub currency: Option<String>,
    pub close_on: Option<String>,
}

/// One column of the pipeline: how many open deals, and their values per currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PipelineStep {
    pub stage: Step,
    pub count: u64,
    pub totals: Totals,
}

/// The open deal a command means: `deal` when named (it must be the customer's, and open when
/// `open_only`), else the customer's only open deal. Several open deals and none named is an
/// error listing them; none at all is an error saying how to add one.
pub fn pick(store: &Store, customer_id: i64, deal: Option<i64>, open_only: bool) -> Result<Deal, StoreError> {
    match deal {
        Some(id) => {
            let deal = of_customer(store, customer_id, id)?;
            if open_only && !deal.is_open() {
                return Err(StoreError::DealClosed { id, state: deal.state });
            }
            Ok(deal)
        }
        None => {
            store.customer_ref(customer_id)?;
            let mut open = store.open_deals_of(customer_id)?;
            match open.len() {
                0 => Err(StoreError::NoOpenDeal { customer_id }),
                1 => Ok(open.remove(0)),
                _ => Err(StoreError::SeveralOpenDeals { customer_id, deals: open }),
            }
        }
    }
}

/// Like [`pick`], for what may have no deal at all (a visit): `None` when the customer has
/// no open deal and none is named.
pub fn pick_if_any(store: &Store, customer_id: i64, deal: Option<i64>) -> Result<Option<Deal>, StoreError> {
    match pick(store, customer_id, deal, false) {
        Err(StoreError::NoOpenDeal { .. }) => Ok(None),
        other => other.map(Some),
    }
}

/// Deal `deal_id`, which must be one of customer `customer_id`'s.
fn of_customer(store: &Store, customer_id: i64, deal_id: i64) -> Result<Deal, StoreError> {
    let deal = store.deal(deal_id)?;
    if deal.customer_id != customer_id {
        return Err(StoreError::NotTheCustomersDeal { deal_id, customer_id, owner: deal.customer_id });
    }
    Ok(deal)
}

/// Every deal of a customer, newest first (open, won and lost).
pub fn list(store: &Store, customer_id: i64) -> Result<Vec<Deal>, StoreError> {
    store.customer_ref(customer_id)?;
    store.deals_of(customer_id)
}

/// The currency a new deal of the customer is in unless told: that of its newest deal (a German
/// account's deals are in euros), else `default`.
pub fn usual_currency(store: &Store, customer_id: i64, default: Currency) -> Result<Currency, StoreError> {
    Ok(store.deals_of(customer_id)?.first().map_or(default, |deal| deal.currency))
}

/// Adds a deal to a customer: the title is required, a value without a currency is in the
/// draft's currency, else the customer's [`usual_currency`], else `default`.
pub fn add(store: &mut Store, customer_id: i64, draft: &DealDraft, default: Currency) -> Result<Deal, StoreError> {
    let title = title(&draft.title)?;
    let default = usual_currency(store, customer_id, default)?;
    let currency = optional(&draft.currency).map(Currency::parse).transpose()?;
    let value = optional(&draft.value).map(|v| Money::parse(v, currency.unwrap_or(default))).transpose()?;
    let close_on = optional(&draft.close_on).map(|d| parse_date(d, store.clock().today())).transpose()?;
    let deal = NewDeal {
        title,
        stage: draft.stage.unwrap_or(Step::Preparation),
        value_minor: None,
        currency: currency.unwrap_or(default),
        close_on,
    }
    .with_value(value);
    store.add_deal(customer_id, &deal)
}

/// Changes a deal's title, value, currency or expected close date. A currency alone keeps the
/// value's number of units (the rep typed the right amount in the wrong currency).
pub fn edit(store: &mut Store, deal_id: i64, edit: &DealEdit) -> Result<Deal, StoreError> {
    let deal = store.deal(deal_id)?;
    let currency = edit.currency.as_deref().map(Currency::parse).transpose()?;
    let mut patch = DealPatch {
        title: edit.title.as_deref().map(title).transpose()?,
        close_on: edit
            .close_on
            .as_deref()
            .map(|d| optional(d).map(|d| parse_date(d, store.clock().today())).transpose())
            .transpose()?,
        currency,
        ..DealPatch::default()
    };
    match edit.value.as_deref() {
        Some(v) => {
            patch.value = Some(optional(v).map(|v| Money::parse(v, currency.unwrap_or(deal.currency))).transpose()?);
        }
        None => {
            if let (Some(c), Some(value)) = (currency, deal.value()) {
                patch.value = Some(Some(value.in_currency(c)));
            }
        }
    }
    store.update_deal(deal_id, &patch)
}

/// A deal just won or lost, and the open next steps that closed with it.
#[derive(Debug, Clone, PartialEq)]
pub struct ClosedDeal {
    pub deal: Deal,
    pub closed_steps: Vec<NextStep>,
}

impl ClosedDeal {
    /// What follows "deal won/lost" in either face when next steps closed with it: ` · its
    /// next step “…” closed with it`; empty when none did.
    pub fn steps_said(&self, i18n: &I18n) -> String {
        match self.closed_steps.as_slice() {
            [] => String::new(),
            [one] => i18n.fmt("common.deal_steps.closed_one", &[("step", &text::fit(&one.text, STEP_SHOWN))]),
            many => i18n.fmt("common.deal_steps.closed_many", &[("n", &many.len())]),
        }
    }
}

/// At most this many columns of a closed step's text are named in the message.
const STEP_SHOWN: usize = 40;

/// A deal opened again, and how many of its next steps opened with it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReopenedDeal {
    pub deal: Deal,
    pub reopened_steps: usize,
}

impl ReopenedDeal {
    /// What follows "deal open again" when next steps opened with it; empty when none did.
    pub fn steps_said(&self, i18n: &I18n) -> String {
        match self.reopened_steps {
            0 => String::new(),
            n => i18n.fmt("common.deal_steps.reopened", &[("n", &n)]),
        }
    }
}

/// Marks an open deal won, with its final value when given (a bare number is in the deal's
/// currency); its open next steps close with it (see [`closed_with_steps`]).
pub fn win(store: &mut Store, deal_id: i64, final_value: Option<&str>) -> Result<ClosedDeal, StoreError> {
    let deal = store.deal(deal_id)?;
    let value = final_value.and_then(optional).map(|v| Money::parse(v, deal.currency)).transpose()?;
    let deal = store.win_deal(deal_id, value)?;
    closed_with_steps(store, deal)
}

/// Marks an open deal lost; the reason is required. Its open next steps close with it.
pub fn lose(store: &mut Store, deal_id: i64, reason: &str) -> Result<ClosedDeal, StoreError> {
    let deal = store.lose_deal(deal_id, reason)?;
    closed_with_steps(store, deal)
}

/// The rule for a deal's next steps when it closes: a won or lost deal needs none of its open
/// steps ("send the pilot proposal" once the deal is signed), so they are marked done with the
/// deal and leave Today; reopening the deal opens them again ([`reopen`]). A step for the
/// account as a whole (no deal) stays.
fn closed_with_steps(store: &mut Store, deal: Deal) -> Result<ClosedDeal, StoreError> {
    let closed_steps = store.close_steps_of_closed_deal(deal.id)?;
    Ok(ClosedDeal { deal, closed_steps })
}

/// Opens a won or lost deal again (the step history keeps how it closed), and the next steps
/// that closed with it.
pub fn reopen(store: &mut Store, deal_id: i64, reason: &str) -> Result<ReopenedDeal, StoreError> {
    let closed_at = store.deal(deal_id)?.closed_at;
    let deal = store.reopen_deal(deal_id, reason)?;
    let reopened_steps = match closed_at {
        Some(at) => store.reopen_steps_closed_with(deal_id, &at)?,
        None => 0,
    };
    Ok(ReopenedDeal { deal, reopened_steps })
}

/// The open deals per step: count and values per currency.
pub fn pipeline(store: &Store) -> Result<Vec<PipelineStep>, StoreError> {
    let totals = store.pipeline_totals(&crate::store::PipelineFilter::default())?;
    Ok(Step::ALL
        .iter()
        .zip(totals)
        .map(|(stage, t)| PipelineStep { stage: *stage, count: t.count, totals: t.totals })
        .collect())
}

/// A deal's title: required, one line, not too long.
fn title(input: &str) -> Result<String, DomainError> {
    let title = clean_line(input);
    if title.is_empty() {
        return Err(DomainError::MissingField { field: "deal_title" });
    }
    check_len("deal_title", &title, MAX_SHORT)?;
    Ok(title)
}

/// `None` for an empty (or blank) field.
fn optional(s: &str) -> Option<&str> {
    Some(s.trim()).filter(|t| !t.is_empty())
}
