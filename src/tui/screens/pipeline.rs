//! The pipeline board: five columns (preparation → close) with count and total value; cards
//! (one per open deal: an account with two open deals has two) with customer, deal title, days
//! in step and next-step state. Cards are loaded a page at a time.

use std::collections::HashMap;
use std::rc::Rc;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::board_match::{BoardAnswer, BoardQuestion, PAGE, board_under, page_start};
use super::filter_box::FilterBox;
use super::{Effect, HandleCtx, View};
use crate::domain::checklist::{Progress, progress_of};
use crate::domain::money::{Money, Totals};
use crate::domain::{NextStepState, Step, Word};
use crate::playbook::Playbook;
use crate::store::{BoardMatches, PipelineCard, PipelineFilter, StepTotal, Store};
use crate::text;
use crate::tui::action::Action;
use crate::tui::background::{Background, HeldTable, Reader, spinner};
use crate::tui::keymap::Keymap;
use crate::tui::list_nav::moved;
use crate::tui::modal::ModalRequest;

/// Rows a card takes on screen, its separator included.
const CARD_ROWS: usize = 4;

/// State of the board.
#[derive(Debug)]
pub struct PipelineScreen {
    totals: [StepTotal; 5],
    /// The loaded page of each column.
    cards: [Vec<PipelineCard>; 5],
    /// Index in the column of each loaded page's first card.
    offsets: [u32; 5],
    /// Selected card of each column (index in the column, not in the page).
    selected: [usize; 5],
    column: usize,
    filter: PipelineFilter,
    /// `Some` while the filter box has the focus.
    /// The filter line while it is typed into.
    filter_box: FilterBox,
    /// Checklist progress of the loaded cards' deals in their step (`3/5`).
    progress: HashMap<i64, Progress>,
    /// The sales method in the UI language: the checklists' lengths.
    playbook: Rc<Playbook>,
    /// While a filter is in force, its open deals (matched once) in each column's order.
    matches: Option<BoardMatches>,
    /// Reads the board off the UI thread: when it comes into view, as the filter is typed and
    /// after a write.
    worker: Background<BoardQuestion, BoardAnswer>,
    /// The filter's table, held by the worker while the board is in the stack.
    table: HeldTable,
    /// False until the worker's first answer: the board then says nothing of its deals yet
    /// (not "no deals", not a total of 0).
    read: bool,
}

impl PipelineScreen {
    /// An empty board whose checklist progress counts against `playbook`; `refresh` loads it.
    pub(crate) fn new(playbook: Rc<Playbook>, reader: &Reader) -> Self {
        Self {
            totals: Default::default(),
            cards: Default::default(),
            offsets: [0; 5],
            selected: [0; 5],
            column: 0,
            filter: PipelineFilter::default(),
            filter_box: FilterBox::default(),
            progress: HashMap::new(),
            playbook,
            matches: None,
            worker: Background::start(reader, board_under),
            table: HeldTable::start(reader),
            read: false,
        }
    }

    /// The focused column's step.
    pub fn column(&self) -> Step {
        Step::ALL.get(self.column).copied().unwrap_or(Step::Preparation)
    }

    /// The selected card, when the focused column has one loaded.
    pub fn selected_card(&self) -> Option<&PipelineCard> {
        let c = self.column;
        let i = self.selected[c].checked_sub(self.offsets[c] as usize)?;
        self.cards[c].get(i)
    }

    /// The selected card's customer.
    pub fn selected_customer(&self) -> Option<i64> {
        self.selected_card().map(|c| c.customer_id)
    }

    /// Per-step totals as shown in the column titles.
    pub fn totals(&self) -> &[StepTotal; 5] {
        &self.totals
    }

    /// True while the filter box has the focus.
    pub fn typing(&self) -> bool {
        self.filter_box.typing()
    }

    /// Reloads totals and the visible page of every column, keeping selections in range: the
    /// worker reads them (the board as it was, with a spinner, meanwhile; a key acting on a
    /// card waits for them: see `Screen::acts_on_answer`).
    pub fn refresh(&mut self) -> anyhow::Result<()> {
        self.ask(self.selected);
        self.table.ask();
        Ok(())
    }

    /// Asks the worker for the board under the filter, keeping `selected` (in range).
    fn ask(&mut self, selected: [usize; 5]) {
        let question = (self.filter.clone(), selected);
        self.worker.ask(question);
    }

    /// Loads the page of column `i` that holds its selected card.
    fn load_page(&mut self, store: &Store, i: usize, stage: Step) -> anyhow::Result<()> {
        let offset = page_start(self.selected[i]);
        self.cards[i] = match &self.matches {
            Some(m) => {
                let ids = m.deals[i].iter().skip(offset as usize).take(PAGE as usize).copied().collect::<Vec<_>>();
                store.pipeline_cards_of(&ids)?
            }
            None => store.pipeline_cards(stage, &self.filter, PAGE, offset)?,
        };
        self.offsets[i] = offset;
        let ids: Vec<i64> = self.cards[i].iter().map(|c| c.deal_id).collect();
        let ticks = store.checklist_tick_counts(&ids)?;
        self.note_progress(i, &ticks);
        Ok(())
    }

    /// Keeps the checklist progress of column `i`'s loaded cards from their `ticks`.
    fn note_progress(&mut self, i: usize, ticks: &HashMap<i64, u32>) {
        let total = self.playbook.step(Step::ALL[i]).checklist.len();
        for card in &self.cards[i] {
            self.progress.insert(card.deal_id, progress_of(ticks.get(&card.deal_id).copied().unwrap_or(0), total));
        }
    }

    /// Moves the selection in the focused column, loading another page when it leaves this one.
    fn select(&mut self, store: &Store, to: usize) -> Effect {
        let c = self.column;
        let count = self.totals[c].count as usize;
        self.selected[c] = to.min(count.saturating_sub(1));
        let start = self.offsets[c] as usize;
        if (self.selected[c] < start || self.selected[c] >= start + self.cards[c].len())
            && let Err(e) = self.load_page(store, c, self.column())
        {
            return Effect::Error(e);
        }
        Effect::None
    }

    /// Handles a board action.
    pub fn handle(&mut self, action: Action, ctx: &mut HandleCtx) -> Effect {
        let here = self.selected[self.column];
        match action {
            Action::Left => self.column = self.column.saturating_sub(1),
            Action::Right => self.column = (self.column + 1).min(Step::ALL.len() - 1),
            Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::Top | Action::Bottom => {
                let last = (self.totals[self.column].count as usize).saturating_sub(1);
                return self.select(ctx.store, moved(action, here, 5, last).unwrap_or(here));
            }
            Action::Open => return self.selected_customer().map_or(Effect::None, Effect::OpenCustomer),
            Action::MoveForward => return self.move_selected(ctx, true),
            Action::MoveBack => return self.move_selected(ctx, false),
            Action::Won => {
                return self.selected_card().map_or(Effect::None, |c| {
                    Effect::Modal(ModalRequest::Won { customer_id: c.customer_id, deal_id: Some(c.deal_id) })
                });
            }
            Action::NewDeal => {
                return match self.selected_card() {
                    Some(c) => {
                        Effect::Modal(ModalRequest::NewDeal { customer_id: c.customer_id, stage: self.column() })
                    }
                    None => Effect::Info(ctx.i18n.t("tui.deal.pick_card")),
                };
            }
            Action::EditDeal => {
                return self.selected_card().map_or(Effect::None, |c| Effect::Modal(ModalRequest::EditDeal(c.deal_id)));
            }
            Action::Lost => {
                return self.selected_card().map_or(Effect::None, |c| {
                    Effect::Modal(ModalRequest::LostReason { customer_id: c.customer_id, deal_id: Some(c.deal_id) })
                });
            }
            Action::Filter => self.filter_box.start(&self.filter.text),
            Action::Back if self.filter.text.is_some() => {
                self.filter.text = None;
                self.ask([0; 5]);
            }
            _ => return Effect::Unhandled,
        }
        Effect::None
    }

    /// Moves the selected deal one step; the focus follows the card to its new column. Moving
    /// forward with items of the step unticked asks first.
    fn move_selected(&mut self, ctx: &mut HandleCtx, forward: bool) -> Effect {
        let Some(card) = self.selected_card().cloned() else { return Effect::None };
        let target = if forward { card.stage.next() } else { card.stage.prev() };
        let Some(to) = target else {
            let key = if forward { "tui.pipeline.at_last_step" } else { "tui.pipeline.at_first_step" };
            return Effect::Info(ctx.i18n.t(key));
        };
        Effect::Move { customer_id: card.customer_id, deal_id: Some(card.deal_id), to }
    }

    /// Focuses the first card of `to`'s column, where a deal just moved lands.
    pub fn follow(&mut self, to: Step) {
        self.column = to.index();
        self.selected[self.column] = 0;
    }

    /// Feeds the filter box: the board filters as the user types (matched off the UI thread:
    /// the board shows the previous match with a spinner until the new one arrives); submit
    /// (Enter) keeps the filter, clear (Esc) clears it.
    pub fn type_key(&mut self, key: &KeyEvent, keymap: &Keymap) -> Option<Effect> {
        match self.filter_box.key(key, &mut self.filter.text, keymap)? {
            true => Some(self.filter_changed()),
            false => Some(Effect::None),
        }
    }

    /// Takes pasted text (one line) into the filter box, then filters once.
    pub fn paste(&mut self, line: &str) -> Option<Effect> {
        self.filter_box.paste(line, &mut self.filter.text).then(|| self.filter_changed())
    }

    /// Asks the worker for the board under the new filter (or without one), from the first
    /// cards.
    fn filter_changed(&mut self) -> Effect {
        self.ask([0; 5]);
        Effect::None
    }

    /// How long the board has waited for its filter's match, while it has.
    pub fn waiting_for(&self) -> Option<std::time::Duration> {
        self.worker.waiting_for()
    }

    /// Shows the filter's match if it has arrived (`wait`: waiting for it up to that long);
    /// false when nothing changed. The worker read the pages too: nothing is read here.
    pub fn take_answer(&mut self, wait: Option<std::time::Duration>) -> anyhow::Result<bool> {
        self.table.settle();
        let Some(answer) = self.worker.answer(wait) else { return Ok(false) };
        let BoardAnswer { totals, matches, selected, offsets, cards, ticks } = answer?;
        self.selected = selected;
        self.offsets = offsets;
        self.cards = cards;
        self.totals = totals;
        self.matches = matches;
        self.read = true;
        for i in 0..Step::ALL.len() {
            self.note_progress(i, &ticks);
        }
        Ok(true)
    }

    /// Draws the filter line and the five columns.
    pub fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let [filter_area, board] = Layout::vertical([Constraint::Length(1), Constraint::Min(3)]).areas(area);
        self.render_filter(frame, filter_area, view);
        let columns = Layout::horizontal([Constraint::Ratio(1, 5); 5]).split(board);
        for (i, stage) in Step::ALL.iter().enumerate() {
            self.render_column(frame, columns[i], view, i, *stage);
        }
    }

    /// The filter line, and on its right the whole board's count and totals per currency.
    fn render_filter(&self, frame: &mut Frame, area: Rect, view: &View) {
        let mut spans = self.filter_box.spans(&view.i18n.t("tui.pipeline.filter"), &self.filter.text, view);
        if let Some(waited) = self.waiting_for() {
            spans.push(Span::styled(format!(" {}", spinner(waited)), view.theme.accent));
        }
        let used: usize = spans.iter().map(|s| text::width(&s.content)).sum();
        let mut all = Totals::default();
        for step in &self.totals {
            all.merge(&step.totals);
        }
        let count: u64 = self.totals.iter().map(|t| t.count).sum();
        let summary = view.i18n.fmt(
            "tui.pipeline.board_total",
            &[("count", &count), ("totals", &view.i18n.totals_converted(&all, view.money))],
        );
        let room = (area.width as usize).saturating_sub(used + 2);
        let mut line = spans;
        if room > 0 && self.read {
            line.push(Span::styled(text::pad_left(&text::fit(&summary, room), room + 1), view.theme.muted));
        }
        frame.render_widget(Line::from(line), area);
    }

    fn render_column(&self, frame: &mut Frame, area: Rect, view: &View, i: usize, stage: Step) {
        let t = view.theme;
        let focused = i == self.column;
        let total = &self.totals[i];
        let title = format!(" {} ", view.i18n.word(stage));
        let summary = if self.read {
            column_summary(total, view, (area.width as usize).saturating_sub(4))
        } else {
            String::new()
        };
        let block = Block::bordered()
            .title(Span::styled(title, if focused { t.focused_title } else { t.title }))
            .title_bottom(Span::styled(summary, if focused { t.focused_title } else { t.muted }))
            .border_style(if focused { t.focused_border } else { t.border });
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let visible = (inner.height as usize / CARD_ROWS).max(1);
        let selected = self.selected[i];
        let first = selected.saturating_sub(visible - 1).max(self.offsets[i] as usize);
        let width = inner.width as usize;
        let mut lines: Vec<Line> = Vec::new();
        if self.cards[i].is_empty() && self.read {
            lines.push(Line::from(Span::styled(
                format!(" {}", text::fit(&view.i18n.t("tui.pipeline.empty"), width.saturating_sub(1))),
                t.muted,
            )));
        }
        let skip = first - self.offsets[i] as usize;
        for (n, card) in self.cards[i].iter().enumerate().skip(skip).take(visible) {
            let is_selected = focused && self.offsets[i] as usize + n == selected;
            lines.extend(card_lines(card, self.progress.get(&card.deal_id).copied(), width, is_selected, view));
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

/// ` 3 · ¥1.5m · $31k `: the count and the sum per currency, as many as fit in `room` columns
/// (then `…`: ` 3 · ¥1.5m… `; the line above the board has them all). When the first sum does
/// not fit beside the count (80 columns: `82 · ¥4,830万`), it is written closer (`82·¥4,830万`),
/// else the count stands alone: a count followed by `…` (`82…`) reads as a number cut short.
fn column_summary(total: &StepTotal, view: &View, room: usize) -> String {
    let count = total.count.to_string();
    let sums = total.totals.ordered(view.money.base);
    let mut summary = count.clone();
    for (k, money) in sums.iter().enumerate() {
        let next = format!("{summary} · {}", view.i18n.money(*money));
        let more = usize::from(k + 1 < sums.len());
        if text::width(&next) + more > room {
            let close = format!("{count}·{}{}", view.i18n.money(*money), if more == 1 { "…" } else { "" });
            match k {
                0 if text::width(&close) <= room => summary = close,
                0 => {}
                _ => summary.push('…'),
            }
            break;
        }
        summary = next;
        if more == 1 && text::width(&summary) + text::width(" · ") + 2 > room {
            summary.push('…');
            break;
        }
    }
    format!(" {summary} ")
}

/// A card's three lines (name and days in step; the deal's title and checklist progress; next step and
/// value) and a blank separator.
fn card_lines<'a>(
    card: &PipelineCard,
    progress: Option<Progress>,
    width: usize,
    selected: bool,
    view: &View,
) -> Vec<Line<'a>> {
    let t = view.theme;
    let i18n = view.i18n;
    let days = i18n.fmt("tui.pipeline.days", &[("n", &card.days_in_step)]);
    let name_w = width.saturating_sub(text::width(&days) + 2);
    let name_style = if selected { t.selection } else { t.title };
    let marker = if selected { "▌" } else { " " };
    let (state, state_style) = match card.next_step {
        NextStepState::Overdue { days } => (i18n.fmt("tui.pipeline.overdue", &[("n", &days)]), t.danger),
        NextStepState::Today => (i18n.t("tui.pipeline.today"), t.warning),
        NextStepState::Planned { on } => (format!("→ {}", on.format("%m-%d")), t.text),
        NextStepState::None => (i18n.t("tui.pipeline.none_planned"), t.warning),
    };
    let value = card.value_minor.map(|v| i18n.money(Money::new(v, card.currency))).unwrap_or_default();
    let state_w = width.saturating_sub(text::width(&value) + 2);
    let checklist = progress.map(|p| p.to_string()).unwrap_or_default();
    let company_w = width.saturating_sub(text::width(&checklist) + 2);
    // A card is a deal: its title (the account's company when it has none).
    let what = if card.title.is_empty() { &card.company } else { &card.title };
    vec![
        Line::from(vec![
            Span::styled(marker, t.accent),
            Span::styled(text::pad(&card.name, name_w), name_style),
            Span::styled(format!(" {days}"), t.muted),
        ]),
        Line::from(vec![
            Span::styled(format!(" {}", text::pad(what, company_w)), t.muted),
            Span::styled(
                format!(" {checklist}"),
                if progress.is_some_and(|p| p.is_complete()) { t.success } else { t.muted },
            ),
        ]),
        Line::from(vec![
            Span::raw(" "),
            Span::styled(text::pad(&state, state_w), state_style),
            Span::styled(text::pad_left(&value, width.saturating_sub(state_w + 1)), t.muted),
        ]),
        Line::default(),
    ]
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::money::{Currency, Rates};
    use crate::i18n::{I18n, Lang};
    use crate::tui::theme::Theme;

    fn summary(lang: Lang, count: u64, sums: &[Money], room: usize) -> String {
        let (i18n, theme, keymap, money) = (I18n::new(lang), Theme::default(), Keymap::defaults(), Rates::default());
        let today = NaiveDate::from_ymd_opt(2031, 5, 6).unwrap_or_default();
        let view = View { i18n: &i18n, theme: &theme, keymap: &keymap, today, money: &money, links: None };
        let mut totals = Totals::default();
        for m in sums {
            totals.add(*m);
        }
        column_summary(&StepTotal { count, totals }, &view, room)
    }

    /// A column 16 wide (80 columns) has 12 for its count and sums.
    #[test]
    fn a_column_total_reads_at_80_columns() {
        let yuan = |units: i64| Money::new(units * 100, Currency::CNY);
        let dollars = |units: i64| Money::new(units * 100, Currency::USD);
        assert_eq!(summary(Lang::ZhCn, 3, &[yuan(15_000)], 12), " 3 · ¥1.5万 ");
        assert_eq!(summary(Lang::ZhCn, 82, &[yuan(48_300_000)], 12), " 82·¥4,830万 ", "closer, not 82…");
        assert_eq!(summary(Lang::ZhCn, 28127, &[yuan(1_235_000_000)], 12), " 28127 ", "the count alone");
        assert_eq!(summary(Lang::En, 28127, &[dollars(43_500_000)], 12), " 28127·$43.5m ");
        assert_eq!(summary(Lang::En, 2, &[dollars(1_500_000), yuan(31_000)], 12), " 2 · ¥31k… ", "the rep's first");
        assert_eq!(summary(Lang::En, 8234, &[yuan(43_500_000), dollars(31_000)], 12), " 8234·¥43.5m… ");
    }
}
