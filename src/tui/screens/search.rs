//! Search over customers, record facts, visits and notes; results update as you type and
//! Enter opens the customer the hit belongs to.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{Effect, HandleCtx, View};
use crate::store::{SearchHit, SearchKind, Store};
use crate::text;
use crate::tui::action::Action;
use crate::tui::background::{Background, Reader, spinner};
use crate::tui::list_nav::moved;

/// Hits fetched per query.
const LIMIT: u32 = 60;
/// Width of the hit kind column ("customer" and a space).
const KIND_WIDTH: usize = 9;

/// State of the search screen.
#[derive(Debug)]
pub struct SearchScreen {
    query: String,
    hits: Vec<SearchHit>,
    selected: usize,
    /// The word before a phone's extension in the hits (`ext.` / `转`).
    extension_word: String,
    /// Searches what is typed off the UI thread.
    worker: Background<Asked, Vec<SearchHit>>,
}

/// What the worker is asked: a query, and the word a phone's extension follows.
#[derive(Debug, Clone)]
struct Asked {
    query: String,
    extension_word: String,
}

/// The worker's read: the hits of a query; for one letter, the names that start with it.
fn search(store: &Store, asked: Asked) -> anyhow::Result<Vec<SearchHit>> {
    let Asked { query, extension_word } = asked;
    if is_one_letter(&query) {
        Ok(store.search_names(&query, LIMIT, &extension_word)?)
    } else {
        Ok(store.search(&query, LIMIT, &extension_word)?)
    }
}

/// True for a query of one Latin letter (`w`): the box then finds names only.
fn is_one_letter(query: &str) -> bool {
    let mut chars = query.trim().chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic()) && chars.next().is_none()
}

impl SearchScreen {
    /// An empty search; phones in its hits read as [`crate::i18n::I18n::phone`] shows them.
    pub(crate) fn new(reader: &Reader, i18n: &crate::i18n::I18n) -> Self {
        Self {
            query: String::new(),
            hits: Vec::new(),
            selected: 0,
            extension_word: i18n.t("common.phone_extension"),
            worker: Background::start(reader, search),
        }
    }

    /// The worker's question for the query typed.
    fn asked(&self) -> Asked {
        Asked { query: self.query.clone(), extension_word: self.extension_word.clone() }
    }

    /// The hits shown.
    pub fn hits(&self) -> &[SearchHit] {
        &self.hits
    }

    /// The selected hit's customer.
    pub fn selected_customer(&self) -> Option<i64> {
        self.hits.get(self.selected).and_then(|h| h.customer.as_ref()).map(|c| c.id)
    }

    /// Runs the query again (after a write elsewhere).
    pub fn refresh(&mut self, store: &Store) -> anyhow::Result<()> {
        self.hits = search(store, self.asked())?;
        self.selected = self.selected.min(self.hits.len().saturating_sub(1));
        Ok(())
    }

    /// Handles a search action (the query box takes the characters).
    pub fn handle(&mut self, action: Action, ctx: &mut HandleCtx) -> Effect {
        if let Some(to) = moved(action, self.selected, 10, self.hits.len().saturating_sub(1)) {
            self.selected = to;
            return Effect::None;
        }
        match action {
            Action::Clear => {
                self.query.clear();
                self.selected = 0;
                self.worker.forget();
                if let Err(e) = self.refresh(ctx.store) {
                    return Effect::Error(e);
                }
            }
            Action::Open => {
                return match (self.hits.get(self.selected), self.selected_customer()) {
                    (_, Some(id)) => Effect::OpenCustomer(id),
                    (Some(_), None) => Effect::Info(ctx.i18n.t("tui.search.inbox_note")),
                    (None, None) => Effect::None,
                };
            }
            _ => return Effect::Unhandled,
        }
        Effect::None
    }

    /// Types into the query (characters and Backspace) and searches again; other keys go to
    /// the keymap.
    pub fn type_key(&mut self, key: &KeyEvent) -> Option<Effect> {
        let modified = key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match key.code {
            _ if modified => return None,
            KeyCode::Char(c) => self.query.push(c),
            KeyCode::Backspace => {
                self.query.pop();
            }
            _ => return None,
        }
        self.ask();
        Some(Effect::None)
    }

    /// Takes pasted text (one line) into the query, then searches once.
    pub fn paste(&mut self, line: &str) -> Effect {
        self.query.push_str(line);
        self.ask();
        Effect::None
    }

    /// Asks the worker for the query's hits; the hits shown stay, with a spinner, until they
    /// arrive.
    fn ask(&mut self) {
        self.worker.ask(self.asked());
    }

    /// How long the search has waited for its hits, while it has.
    pub fn waiting_for(&self) -> Option<std::time::Duration> {
        self.worker.waiting_for()
    }

    /// Shows the hits of the last query if they have arrived (`wait`: waiting for them up to
    /// that long); false when nothing changed.
    pub fn take_answer(&mut self, wait: Option<std::time::Duration>) -> anyhow::Result<bool> {
        let Some(hits) = self.worker.answer(wait) else { return Ok(false) };
        self.hits = hits?;
        self.selected = 0;
        Ok(true)
    }

    /// Draws the query line and the hits.
    pub fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let t = view.theme;
        let i18n = view.i18n;
        let [top, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(3)]).areas(area);
        frame.render_widget(
            Line::from(vec![
                Span::styled(format!(" {}", i18n.label(&i18n.t("tui.search.prompt"))), t.muted),
                Span::styled(self.query.clone(), t.accent),
                Span::styled("▏", t.accent),
                Span::styled(self.waiting_for().map(|w| format!(" {}", spinner(w))).unwrap_or_default(), t.accent),
            ]),
            top,
        );
        let block = Block::bordered().border_style(t.border);
        let inner = block.inner(list);
        frame.render_widget(block, list);
        let width = inner.width as usize;
        let mut lines = Vec::new();
        if is_one_letter(&self.query) {
            lines.push(Line::from(Span::styled(format!(" {}", i18n.t("tui.search.one_letter")), t.muted)));
        }
        if self.hits.is_empty() {
            // While the first hits are on their way, "nothing found" would be said too soon.
            let key = match (self.query.trim().is_empty(), self.waiting_for().is_some()) {
                (true, _) => "tui.search.start",
                (false, true) => "tui.search.searching",
                (false, false) => "tui.search.none",
            };
            lines.push(Line::from(Span::styled(format!(" {}", i18n.t(key)), t.muted)));
        }
        let visible = ((inner.height as usize).saturating_sub(lines.len()) / 2).max(1);
        let first = self.selected.saturating_sub(visible - 1);
        for (n, hit) in self.hits.iter().enumerate().skip(first).take(visible) {
            let selected = n == self.selected;
            let kind = text::pad(&i18n.t(kind_key(hit.kind)), KIND_WIDTH);
            let mut who = match &hit.customer {
                Some(c) if hit.kind != SearchKind::Customer => format!("  · {}", c.name),
                Some(_) => String::new(),
                None => format!("  · {}", i18n.t("tui.search.inbox")),
            };
            if hit.archived {
                who = format!("{who} {}", i18n.t("tui.search.archived"));
            }
            let at = hit.at.as_deref().map(|a| a.get(..10).unwrap_or(a).to_string()).unwrap_or_default();
            let head_w = width.saturating_sub(text::width(&kind) + text::width(&at) + 4);
            lines.push(Line::from(vec![
                Span::styled(if selected { "▌" } else { " " }, t.accent),
                Span::styled(kind, t.key),
                Span::styled(
                    text::pad(&format!("{}{who}", hit.title), head_w),
                    if selected { t.selection } else { t.title },
                ),
                Span::styled(format!(" {at}"), t.muted),
            ]));
            lines.push(Line::from(Span::styled(
                format!(
                    "{}{}",
                    " ".repeat(KIND_WIDTH + 1),
                    text::fit(&hit.excerpt, width.saturating_sub(KIND_WIDTH + 2))
                ),
                t.muted,
            )));
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

fn kind_key(kind: SearchKind) -> &'static str {
    match kind {
        SearchKind::Customer => "tui.search.kind_customer",
        SearchKind::Fact => "tui.search.kind_fact",
        SearchKind::Visit => "tui.search.kind_visit",
        SearchKind::Note => "tui.search.kind_note",
        SearchKind::Contact => "tui.search.kind_contact",
    }
}
