//! The board under a filter, read whole off the UI thread: the match (each column's deals and
//! totals) and the page of cards holding each column's selected card, with their checklist
//! ticks, so showing the answer only takes it over. Typing a filter asks from the first cards;
//! coming back to the board or a write asks again keeping the selection.

use std::collections::HashMap;

use crate::store::{BoardMatches, PipelineCard, PipelineFilter, Store};

/// Cards loaded per column at a time.
pub(super) const PAGE: u32 = 40;

/// What the board asks its worker: the filter, and the card each column should keep selected.
pub(super) type BoardQuestion = (PipelineFilter, [usize; 5]);

/// The worker's answer: everything the board shows under the filter.
#[derive(Debug, Default)]
pub(super) struct BoardAnswer {
    pub matches: BoardMatches,
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

/// The worker's read: the board's deals under a filter and the pages to show.
pub(super) fn board_under(store: &Store, (filter, selected): BoardQuestion) -> anyhow::Result<BoardAnswer> {
    let matches = store.pipeline_matches(&filter)?;
    let mut answer = BoardAnswer::default();
    for (i, deals) in matches.deals.iter().enumerate() {
        answer.selected[i] = selected[i].min(deals.len().saturating_sub(1));
        answer.offsets[i] = page_start(answer.selected[i]);
        let ids: Vec<i64> = deals.iter().skip(answer.offsets[i] as usize).take(PAGE as usize).copied().collect();
        answer.cards[i] = store.pipeline_cards_of(&ids)?;
        answer.ticks.extend(store.checklist_tick_counts(&ids)?);
    }
    answer.matches = matches;
    Ok(answer)
}
