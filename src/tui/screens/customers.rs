//! The customers table: name, company, class, step, last visit, next visit; filter as you
//! type, several sort orders. Rows are loaded a page at a time.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::filter_box::FilterBox;
use super::{Effect, HandleCtx, View};
use crate::store::{CustomerFilter, CustomerRow, CustomerSort, Store};
use crate::text;
use crate::tui::action::Action;
use crate::tui::background::{Background, HeldTable, Reader, spinner};
use crate::tui::keymap::{Keymap, ScreenId};
use crate::tui::list_nav::moved;
use crate::tui::modal::ModalRequest;

/// Rows loaded at a time.
const PAGE: u32 = 100;
/// The sort orders `s` cycles through, with their label keys.
const SORTS: [(CustomerSort, &str); 4] = [
    (CustomerSort::Name, "tui.customers.sort_name"),
    (CustomerSort::NextStep, "tui.customers.sort_next"),
    (CustomerSort::LastContact, "tui.customers.sort_last"),
    (CustomerSort::Recent, "tui.customers.sort_recent"),
];

/// State of the customers table.
#[derive(Debug)]
pub struct CustomersScreen {
    rows: Vec<CustomerRow>,
    /// Index in the whole list of the first loaded row.
    offset: u32,
    selected: usize,
    sort: usize,
    filter: CustomerFilter,
    /// The filter line while it is typed into.
    filter_box: FilterBox,
    /// Reads the table under a filter off the UI thread: as it is typed, when the table comes
    /// back into view, after a write and for another page.
    worker: Background<PageQuestion, (u32, Vec<CustomerRow>)>,
    /// The board filter's table, held by the worker while the table is in the stack: the
    /// filter's pages in name order come from it (see `Store::names_matching`).
    table: HeldTable,
}

/// What the table asks its worker: the page starting at a row under a filter and sort.
type PageQuestion = (CustomerFilter, CustomerSort, u32);

/// The worker's read: the page asked for and where it starts (the first page when there are
/// no rows that far any more).
fn page_at(store: &Store, (filter, sort, offset): PageQuestion) -> anyhow::Result<(u32, Vec<CustomerRow>)> {
    let rows = store.list_customers(&filter, sort, PAGE, offset)?;
    if rows.is_empty() && offset > 0 {
        return Ok((0, store.list_customers(&filter, sort, PAGE, 0)?));
    }
    Ok((offset, rows))
}

impl CustomersScreen {
    /// An empty table; `refresh` loads it.
    pub(crate) fn new(reader: &Reader) -> Self {
        Self {
            rows: Vec::new(),
            offset: 0,
            selected: 0,
            sort: 0,
            filter: CustomerFilter::default(),
            filter_box: FilterBox::default(),
            worker: Background::start(reader, page_at),
            table: HeldTable::start(reader),
        }
    }

    /// The loaded rows.
    pub fn rows(&self) -> &[CustomerRow] {
        &self.rows
    }

    /// The selected row's customer.
    pub fn selected_customer(&self) -> Option<i64> {
        self.rows.get(self.selected.checked_sub(self.offset as usize)?).map(|r| r.id)
    }

    /// True while the filter box has the focus.
    pub fn typing(&self) -> bool {
        self.filter_box.typing()
    }

    /// Reloads the page holding the selection; under a filter the worker reads it (the rows
    /// shown stay, with a spinner, until it arrives).
    pub fn refresh(&mut self, store: &Store) -> anyhow::Result<()> {
        if self.filter.text.is_some() {
            self.ask((self.selected as u32 / PAGE) * PAGE);
            self.table.ask();
            return Ok(());
        }
        self.table.ask();
        self.offset = (self.selected as u32 / PAGE) * PAGE;
        self.rows = store.list_customers(&self.filter, SORTS[self.sort].0, PAGE, self.offset)?;
        if self.rows.is_empty() && self.offset > 0 {
            self.selected = 0;
            return self.refresh(store);
        }
        let last = self.offset as usize + self.rows.len().saturating_sub(1);
        self.selected = self.selected.min(last);
        Ok(())
    }

    fn select(&mut self, store: &Store, to: usize) -> Effect {
        let page_end = self.offset as usize + self.rows.len();
        let full = self.rows.len() == PAGE as usize;
        self.selected = if to >= page_end && !full { page_end.saturating_sub(1) } else { to };
        if (self.selected < self.offset as usize || self.selected >= page_end)
            && let Err(e) = self.refresh(store)
        {
            return Effect::Error(e);
        }
        Effect::None
    }

    /// Handles a table action.
    pub fn handle(&mut self, action: Action, ctx: &mut HandleCtx) -> Effect {
        // The table pages from the store, so its last row is not known: Bottom is the end of
        // the loaded page, a move past it loads the next (see `select`).
        let page_end = self.offset as usize + self.rows.len().saturating_sub(1);
        let last = if action == Action::Bottom { page_end } else { usize::MAX };
        if let Some(to) = moved(action, self.selected, 20, last) {
            return self.select(ctx.store, to);
        }
        match action {
            Action::Open => self.selected_customer().map_or(Effect::None, Effect::OpenCustomer),
            Action::LogVisit => self
                .selected_customer()
                .map_or(Effect::None, |c| Effect::Modal(ModalRequest::LogVisit { customer_id: c, deal_id: None })),
            Action::Filter => {
                self.filter_box.start(&self.filter.text);
                Effect::None
            }
            Action::Sort => {
                self.sort = (self.sort + 1) % SORTS.len();
                self.reload(ctx.store)
            }
            Action::Back if self.filter.text.is_some() => {
                self.filter.text = None;
                self.reload(ctx.store)
            }
            _ => Effect::Unhandled,
        }
    }

    fn reload(&mut self, store: &Store) -> Effect {
        // An answer for a filter typed before is no longer wanted.
        self.worker.forget();
        self.selected = 0;
        match self.refresh(store) {
            Ok(()) => Effect::None,
            Err(e) => Effect::Error(e),
        }
    }

    /// Feeds the filter box; the table filters as the user types.
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

    /// Asks the worker for the first page under the new filter; the rows shown stay, with a
    /// spinner, until it arrives.
    fn filter_changed(&mut self) -> Effect {
        self.selected = 0;
        self.ask(0);
        Effect::None
    }

    /// Asks the worker for the page starting at row `offset` under the filter.
    fn ask(&mut self, offset: u32) {
        let question = (self.filter.clone(), SORTS[self.sort].0, offset);
        self.worker.ask(question);
    }

    /// How long the table has waited for its filter's rows, while it has.
    pub fn waiting_for(&self) -> Option<std::time::Duration> {
        self.worker.waiting_for()
    }

    /// Shows the filter's first page if it has arrived (`wait`: waiting for it up to that
    /// long); false when nothing changed.
    pub fn take_answer(&mut self, wait: Option<std::time::Duration>) -> anyhow::Result<bool> {
        self.table.settle();
        let Some(page) = self.worker.answer(wait) else { return Ok(false) };
        (self.offset, self.rows) = page?;
        let last = self.offset as usize + self.rows.len().saturating_sub(1);
        self.selected = self.selected.clamp(self.offset as usize, last);
        Ok(true)
    }

    /// Draws the filter line, the header and the visible rows.
    pub fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let t = view.theme;
        let i18n = view.i18n;
        let [top, table] = Layout::vertical([Constraint::Length(1), Constraint::Min(3)]).areas(area);
        let mut spans = self.filter_box.spans(&i18n.t("tui.customers.filter"), &self.filter.text, view);
        if let Some(waited) = self.waiting_for() {
            spans.push(Span::styled(format!(" {}", spinner(waited)), t.accent));
        }
        spans.push(Span::styled(
            format!("   {}", i18n.labeled(&i18n.t("tui.customers.sort"), &i18n.t(SORTS[self.sort].1))),
            t.muted,
        ));
        frame.render_widget(Line::from(spans), top);

        let block = Block::bordered().border_style(t.border);
        let inner = block.inner(table);
        frame.render_widget(block, table);
        let widths = column_widths(inner.width.saturating_sub(1) as usize);
        let header = [
            "tui.customers.name",
            "tui.customers.company",
            "tui.customers.class",
            "tui.customers.step",
            "tui.customers.last_visit",
            "tui.customers.next_visit",
        ]
        .map(|k| i18n.t(k));
        let mut lines = vec![Line::from(Span::styled(format!(" {}", row_text(&header, &widths)), t.title))];
        if self.rows.is_empty() {
            let empty = match view.keymap.key_for(ScreenId::Customers, Action::AddCustomer) {
                Some(key) if self.filter.text.is_none() => i18n.fmt("tui.customers.none_yet", &[("key", &key)]),
                _ => i18n.t("tui.customers.empty"),
            };
            lines.push(Line::from(Span::styled(format!(" {empty}"), t.muted)));
        }
        let visible = (inner.height as usize).saturating_sub(1).max(1);
        // While another page is read the loaded rows stay in view.
        let loaded_end = self.offset as usize + self.rows.len();
        let first =
            self.selected.saturating_sub(visible - 1).min(loaded_end.saturating_sub(visible)).max(self.offset as usize);
        for (n, row) in self.rows.iter().enumerate().skip(first - self.offset as usize).take(visible) {
            let cells = [
                row.name.clone(),
                row.company.clone(),
                i18n.word(row.class),
                row.stage.map(|s| i18n.word(s)).unwrap_or_default(),
                row.last_contact_on.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_else(|| "—".into()),
                row.next_step_on.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_else(|| "—".into()),
            ];
            let selected = self.offset as usize + n == self.selected;
            let overdue = row.next_step_on.is_some_and(|d| d < view.today);
            let style = if selected {
                t.selection
            } else if overdue {
                t.warning
            } else {
                t.text
            };
            let marker = Span::styled(if selected { "▌" } else { " " }, t.accent);
            lines.push(Line::from(vec![marker, Span::styled(row_text(&cells, &widths), style)]));
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

/// Column widths for a table `width` columns wide: dates and words fixed, names share the rest.
fn column_widths(width: usize) -> [usize; 6] {
    const FIXED: [usize; 4] = [11, 13, 11, 11];
    let flexible = width.saturating_sub(FIXED.iter().sum());
    let name = flexible * 2 / 5;
    [name, flexible - name, FIXED[0], FIXED[1], FIXED[2], FIXED[3]].map(|w| w.max(1))
}

/// Cells padded to their widths, one space apart.
fn row_text(cells: &[String; 6], widths: &[usize; 6]) -> String {
    let mut out = String::new();
    for (cell, w) in cells.iter().zip(widths) {
        out.push_str(&text::pad(cell, w.saturating_sub(1)));
        out.push(' ');
    }
    out
}
