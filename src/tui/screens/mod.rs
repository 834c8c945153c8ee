//! The screens: each a state struct that handles actions and renders itself. Screens keep only
//! what is on screen (a page of rows) and reach the database through `Store` calls.

mod board_match;
pub(crate) mod brief;
pub(crate) mod customer;
pub(crate) mod customers;
mod filter_box;
pub mod pipeline;
pub(crate) mod report;
pub(crate) mod search;
pub mod today;
pub(crate) mod welcome;

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::action::Action;
use super::keymap::{Hints, Keymap, ModalId, ScreenId};
use super::modal::ModalRequest;
use super::theme::Theme;
use crate::domain::Step;
use crate::domain::money::Rates;
use crate::i18n::I18n;
use crate::store::Store;
use crate::tui::hyperlink_cells::CellLinks;

/// What a screen may touch while handling an action.
pub struct HandleCtx<'a> {
    pub store: &'a Store,
    pub i18n: &'a I18n,
    pub today: NaiveDate,
    /// The rep's currency and exchange rates (config.toml).
    pub money: &'a Rates,
}

/// What a screen needs to draw itself.
pub struct View<'a> {
    pub i18n: &'a I18n,
    pub theme: &'a Theme,
    pub keymap: &'a Keymap,
    pub today: NaiveDate,
    /// The rep's currency and exchange rates (config.toml).
    pub money: &'a Rates,
    /// Where phone numbers and e-mail addresses become terminal hyperlinks (when the terminal
    /// follows them).
    pub(crate) links: Option<&'a CellLinks>,
}

/// What the app should do after a screen handled an action.
#[derive(Debug)]
pub enum Effect {
    /// Nothing more (the screen may have changed itself).
    None,
    /// The action means nothing here; the app may handle it.
    Unhandled,
    /// Open a customer's record.
    OpenCustomer(i64),
    /// Tell the user something went well.
    Info(String),
    /// Show an error and carry on.
    Error(anyhow::Error),
    /// Data changed: every screen reloads what it shows; with a message.
    Changed(String),
    /// Replace the whole stack by this root screen, with an optional message.
    Go(ScreenId, Option<String>),
    /// Open a form or question.
    Modal(ModalRequest),
    /// Move a customer's open deal (`deal_id`, or its only one) to this step (the app asks
    /// first when items of the step are unticked).
    Move { customer_id: i64, deal_id: Option<i64>, to: Step },
    /// Run this action again once the next frame is drawn (slow work shows that it started).
    Later(Action),
    /// Fill the empty database with the demo, then go to Today.
    LoadDemo,
    /// Mark this open next step done without a visit.
    TickOff(i64),
}

impl Effect {
    /// An error effect from anything convertible.
    pub fn error(e: impl Into<anyhow::Error>) -> Self {
        Self::Error(e.into())
    }
}

/// One screen on the stack.
pub enum Screen {
    Welcome(welcome::WelcomeScreen),
    Today(today::TodayScreen),
    Pipeline(Box<pipeline::PipelineScreen>),
    Customers(customers::CustomersScreen),
    Customer(Box<customer::CustomerScreen>),
    Search(search::SearchScreen),
    Brief(Box<brief::BriefScreen>),
    Report(Box<report::ReportScreen>),
}

impl Screen {
    /// Which keymap table applies.
    pub fn id(&self) -> ScreenId {
        match self {
            Self::Welcome(_) => ScreenId::Welcome,
            Self::Today(_) => ScreenId::Today,
            Self::Pipeline(_) => ScreenId::Pipeline,
            Self::Customers(_) => ScreenId::Customers,
            Self::Customer(_) => ScreenId::Customer,
            Self::Search(_) => ScreenId::Search,
            Self::Brief(_) => ScreenId::Brief,
            Self::Report(_) => ScreenId::Report,
        }
    }

    /// Reloads what the screen shows from the store.
    pub fn refresh(&mut self, store: &Store, today: NaiveDate) -> anyhow::Result<()> {
        match self {
            Self::Welcome(_) => Ok(()),
            Self::Today(s) => s.refresh(today),
            Self::Pipeline(s) => s.refresh(),
            Self::Customers(s) => s.refresh(store),
            Self::Customer(s) => s.refresh(store),
            Self::Search(s) => s.refresh(store),
            Self::Brief(s) => s.refresh(store, today),
            Self::Report(s) => s.refresh(today),
        }
    }

    /// Handles an action from the keymap.
    pub fn handle(&mut self, action: Action, ctx: &mut HandleCtx) -> Effect {
        match self {
            Self::Welcome(s) => s.handle(action),
            Self::Today(s) => s.handle(action, ctx),
            Self::Pipeline(s) => s.handle(action, ctx),
            Self::Customers(s) => s.handle(action, ctx),
            Self::Customer(s) => s.handle(action, ctx),
            Self::Search(s) => s.handle(action, ctx),
            Self::Brief(s) => s.handle(action, ctx),
            Self::Report(s) => s.handle(action, ctx),
        }
    }

    /// True while a text box on the screen has the focus (typed characters go to it).
    pub fn typing(&self) -> bool {
        match self {
            Self::Pipeline(s) => s.typing(),
            Self::Customers(s) => s.typing(),
            Self::Search(_) => true,
            _ => false,
        }
    }

    /// The key context of the focused filter box, whose keys apply instead of the screen's
    /// (the search screen's query box uses the screen's own).
    pub fn typing_context(&self) -> Option<ModalId> {
        match self {
            Self::Pipeline(s) if s.typing() => Some(ModalId::FilterBox),
            Self::Customers(s) if s.typing() => Some(ModalId::FilterBox),
            _ => None,
        }
    }

    /// The hint bar while the screen's text box has the focus: characters go into the box, so
    /// the screen's usual letter keys do not apply; these keys of `keymap` do.
    pub fn typing_hints(&self, keymap: &Keymap, i18n: &I18n) -> Option<Vec<(String, String)>> {
        if let Some(context) = self.typing_context() {
            let mut hints = Hints::new(keymap, context, i18n);
            hints.key_as(Action::Submit, "tui.typing.keep_filter").key_as(Action::Clear, "tui.typing.clear_filter");
            return Some(hints.build());
        }
        let Self::Search(_) = self else { return None };
        let mut hints = Hints::new(keymap, ScreenId::Search, i18n);
        hints.key(Action::Open).pair(Action::Up, Action::Down, "tui.typing.move");
        hints.key_as(Action::Clear, "tui.typing.clear").key(Action::Back);
        Some(hints.build())
    }

    /// Feeds a key to the focused text box, whose other keys are read through `keymap`; `None`
    /// when the box does not use it.
    pub fn type_key(&mut self, key: &KeyEvent, keymap: &Keymap) -> Option<Effect> {
        match self {
            Self::Pipeline(s) => s.type_key(key, keymap),
            Self::Customers(s) => s.type_key(key, keymap),
            Self::Search(s) => s.type_key(key),
            _ => None,
        }
    }

    /// How long the screen has waited for its work in the background, while it has.
    pub fn waiting_for(&self) -> Option<std::time::Duration> {
        match self {
            Self::Pipeline(s) => s.waiting_for(),
            Self::Search(s) => s.waiting_for(),
            Self::Customers(s) => s.waiting_for(),
            Self::Report(s) => s.waiting_for(),
            Self::Today(s) => s.waiting_for(),
            _ => None,
        }
    }

    /// True while the screen waits for rows its keys act on (the board's cards, the
    /// customers table's rows, Today's lines; not the report's figures nor what a filter box is
    /// typing).
    pub fn acts_on_answer(&self) -> bool {
        !self.typing()
            && match self {
                Self::Pipeline(s) => s.waiting_for().is_some(),
                Self::Customers(s) => s.waiting_for().is_some(),
                Self::Today(s) => s.waiting_for().is_some(),
                _ => false,
            }
    }

    /// Shows the answer of the screen's work in the background if it has arrived (`wait`:
    /// waiting for it up to that long); false when nothing changed.
    pub fn take_answer(&mut self, wait: Option<std::time::Duration>) -> anyhow::Result<bool> {
        match self {
            Self::Pipeline(s) => s.take_answer(wait),
            Self::Search(s) => s.take_answer(wait),
            Self::Customers(s) => s.take_answer(wait),
            Self::Report(s) => s.take_answer(wait),
            Self::Today(s) => s.take_answer(wait),
            _ => Ok(false),
        }
    }

    /// Takes pasted text (made one line) into the focused text box; `None` when none has the
    /// focus.
    pub fn paste(&mut self, line: &str) -> Option<Effect> {
        match self {
            Self::Pipeline(s) => s.paste(line),
            Self::Customers(s) => s.paste(line),
            Self::Search(s) => Some(s.paste(line)),
            _ => None,
        }
    }

    /// The customer this screen is about, if any (quick notes attach to it).
    pub fn customer_in_view(&self) -> Option<i64> {
        match self {
            Self::Customer(s) => Some(s.customer_id()),
            Self::Brief(s) => Some(s.customer_id()),
            _ => None,
        }
    }

    /// The customer selected in a list, if any (log visit from a list).
    pub fn selected_customer(&self) -> Option<i64> {
        match self {
            Self::Today(s) => s.selected_customer(),
            Self::Pipeline(s) => s.selected_customer(),
            Self::Customers(s) => s.selected_customer(),
            Self::Customer(s) => Some(s.customer_id()),
            Self::Search(s) => s.selected_customer(),
            Self::Brief(s) => Some(s.customer_id()),
            Self::Welcome(_) | Self::Report(_) => None,
        }
    }

    /// The open deal a visit started here belongs to: the board's card, or the deal in view
    /// on a customer (`None`: the customer's only or newest open deal).
    pub fn selected_deal(&self) -> Option<i64> {
        match self {
            Self::Pipeline(s) => s.selected_card().map(|c| c.deal_id),
            Self::Customer(s) => s.open_deal_in_view(),
            _ => None,
        }
    }

    /// Draws the screen into `area`.
    pub fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        match self {
            Self::Welcome(s) => s.render(frame, area, view),
            Self::Today(s) => s.render(frame, area, view),
            Self::Pipeline(s) => s.render(frame, area, view),
            Self::Customers(s) => s.render(frame, area, view),
            Self::Customer(s) => s.render(frame, area, view),
            Self::Search(s) => s.render(frame, area, view),
            Self::Brief(s) => s.render(frame, area, view),
            Self::Report(s) => s.render(frame, area, view),
        }
    }
}
