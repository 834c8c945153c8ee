//! A customer's page: what `fieldbook show` prints and the app's customer screen draws, read
//! in one place — the record, every deal with its step history, the objections and checklist
//! ticks of the deal in view, the last visits with their in-visit ticks, and the last notes.

use serde::Serialize;

use super::contacts::People;
use crate::domain::{Customer, Deal, DealState, Fact, NextStep, Objection, StepEvent, Visit};
use crate::store::{Note, Store, StoreError};

/// A deal with its moves, oldest first.
#[derive(Debug, Clone, Serialize)]
pub struct DealHistory {
    #[serde(flatten)]
    pub deal: Deal,
    pub history: Vec<StepEvent>,
}

/// A visit with the ticked items of its type's in-visit checklist.
#[derive(Debug, Clone, Serialize)]
pub struct ShownVisit {
    #[serde(flatten)]
    pub visit: Visit,
    /// Ticked item numbers (1-based), ascending.
    pub ticks: Vec<u32>,
    /// Ids of the account's people the visit met.
    pub met: Vec<i64>,
}

/// How much of the history a page holds.
#[derive(Debug, Clone, Copy)]
pub struct PageSize {
    pub visits: u32,
    pub notes: u32,
}

/// Everything about one customer that a face shows.
#[derive(Debug, Clone)]
pub struct CustomerPage {
    pub customer: Customer,
    pub facts: Vec<Fact>,
    /// The account's people with their roles, and its buying centre.
    pub people: People,
    /// Every deal, newest first.
    pub deals: Vec<DealHistory>,
    /// The deal in view ([`CustomerPage::deal_in_view`])'s objections, open ones first.
    pub objections: Vec<Objection>,
    /// The ticked checklist items of the open deal's current step.
    pub checklist_ticks: Vec<u32>,
    /// The open next steps, soonest first.
    pub next_steps: Vec<NextStep>,
    /// The last visits, newest first.
    pub visits: Vec<ShownVisit>,
    /// The last notes, newest first.
    pub notes: Vec<Note>,
    /// The id of the deal the objections and ticks are about.
    in_view_id: Option<i64>,
}

impl CustomerPage {
    /// Reads customer `id`'s page.
    pub fn load(store: &Store, id: i64, size: PageSize) -> Result<Self, StoreError> {
        Self::load_about(store, id, size, None)
    }

    /// Reads customer `id`'s page about deal `chosen` (when it is one of the customer's; else
    /// the open deal, else the newest).
    pub fn load_about(store: &Store, id: i64, size: PageSize, chosen: Option<i64>) -> Result<Self, StoreError> {
        let customer = store.customer(id)?;
        let deals = store
            .deals_of(id)?
            .into_iter()
            .map(|deal| Ok(DealHistory { history: store.stage_history(deal.id)?, deal }))
            .collect::<Result<Vec<_>, StoreError>>()?;
        let in_view = chosen.and_then(|c| deals.iter().find(|d| d.deal.id == c)).or_else(|| in_view(&deals));
        let in_view_id = in_view.map(|d| d.deal.id);
        let mut objections = match in_view {
            Some(d) => store.objections_of(d.deal.id, false)?,
            None => Vec::new(),
        };
        objections.sort_by_key(|o| o.resolved);
        let checklist_ticks = match in_view {
            Some(d) if d.deal.state == DealState::Open => store.checklist_ticks(d.deal.id, d.deal.stage)?,
            _ => Vec::new(),
        };
        let visits = store.visits_of(id, size.visits, 0)?;
        let mut ticks = store.visit_ticks_of(&visits.iter().map(|v| v.id).collect::<Vec<_>>())?;
        let mut met = store.met_by_visit(id)?;
        let visits = visits
            .into_iter()
            .map(|visit| ShownVisit {
                ticks: ticks.remove(&visit.id).unwrap_or_default(),
                met: met.remove(&visit.id).unwrap_or_default(),
                visit,
            })
            .collect();
        Ok(Self {
            people: super::contacts::people(store, id)?,
            facts: store.facts_of(id)?,
            notes: store.notes_of(Some(id), size.notes)?,
            next_steps: store.next_steps_of(id, false)?,
            customer,
            deals,
            objections,
            checklist_ticks,
            visits,
            in_view_id,
        })
    }

    /// The deal a page is about: the one chosen, else the open one, else the newest.
    pub fn deal_in_view(&self) -> Option<&DealHistory> {
        self.deals.iter().find(|d| Some(d.deal.id) == self.in_view_id)
    }

    /// The open deal, if any.
    pub fn open_deal(&self) -> Option<&Deal> {
        self.deals.iter().map(|d| &d.deal).find(|d| d.state == DealState::Open)
    }
}

fn in_view(deals: &[DealHistory]) -> Option<&DealHistory> {
    deals.iter().find(|d| d.deal.state == DealState::Open).or(deals.first())
}
