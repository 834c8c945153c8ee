//! The board, read whole off the UI thread: each column's totals (under a filter, from the
//! match: each column's deals in order) and the page of cards holding each column's selected
//! card, with their checklist ticks, so showing the answer only takes it over. Typing a filter
//! asks from the first cards; opening the board, coming back to it or a write asks again
//! keeping the selection.

use std::collections::HashMap;

use crate::domain::{Step, Word};
use crate::store::{BoardMatches, PipelineCard, PipelineFilter, StepTotal, Store};

/// Cards loaded per column at a time.
pub(super) const PAGE: u32 = 40;

/// What the board asks its worker: the filter, and the card each column should keep selected.
pub(super) type BoardQuestion = (PipelineFilter, [usize; 5]);

/// The worker's answer: everything the board shows.
#[derive(Debug, Default)]
pub(super) struct BoardAnswer {
    pub totals: [StepTotal; 5],
    /// Under a filter, its match.
    pub matches: Option<BoardMatches>,
    /// Each column's selected card (the one asked for, kept in range).
    pub selected: [usize; 5],
    /// Index in the column of each loaded page's first card.
    pub offsets: [u32; 5],
    /// The page of each column holding its selected card.
    pub cards: [Vec<PipelineCard>; 5],
    /// How many checklist items each loaded deal ticked in its step (none: absent).
    pub ticks: HashMap<i64, u32>,
}

/// The first card of the page holding card `selected`.
pub(super) fn page_start(selected: usize) -> u32 {
    (selected as u32 / PAGE) * PAGE
}

/// The worker's read: the board (under the filter, if any) and the pages to show.
pub(super) fn board_under(store: &Store, (filter, selected): BoardQuestion) -> anyhow::Result<BoardAnswer> {
    let mut answer = BoardAnswer::default();
    if filter.text.is_some() {
        let matches = store.pipeline_matches(&filter)?;
        answer.totals = matches.totals.clone();
        answer.matches = Some(matches);
    } else {
        answer.totals = store.pipeline_totals(&filter)?;
    }
    for (i, step) in Step::ALL.iter().enumerate() {
        answer.selected[i] = selected[i].min((answer.totals[i].count as usize).saturating_sub(1));
        answer.offsets[i] = page_start(answer.selected[i]);
        answer.cards[i] = match &answer.matches {
            Some(m) => {
                let ids: Vec<i64> =
                    m.deals[i].iter().skip(answer.offsets[i] as usize).take(PAGE as usize).copied().collect();
                store.pipeline_cards_of(&ids)?
            }
            None => store.pipeline_cards(*step, &filter, PAGE, answer.offsets[i])?,
        };
        let ids: Vec<i64> = answer.cards[i].iter().map(|c| c.deal_id).collect();
        answer.ticks.extend(store.checklist_tick_counts(&ids)?);
    }
    Ok(answer)
}
