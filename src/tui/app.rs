//! The app: a stack of screens, at most one overlay, and a message line. Keys become actions
//! through the keymap; screens handle them and report effects the app applies.

use std::collections::VecDeque;
use std::path::Path;
use std::rc::Rc;

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;
use super::background::Reader;
use super::calendar_writer::CalendarWriter;
use super::chrome;
use super::drafts::{self, Draft, DraftKeeper};
use super::guard;
use super::hyperlink_cells::CellLinks;
use super::keymap::{Key, Keymap, ScreenId};
use super::modal::{Modal, ModalOutcome, ModalRequest, MoveStart, start_move};
use super::overlay::Overlay;
use super::overlay::help::HelpOverlay;
use super::overlay::palette::{PaletteOutcome, PaletteOverlay};
use super::screens::brief::BriefScreen;
use super::screens::customer::CustomerScreen;
use super::screens::customers::CustomersScreen;
use super::screens::pipeline::PipelineScreen;
use super::screens::report::ReportScreen;
use super::screens::search::SearchScreen;
use super::screens::today::TodayScreen;
use super::screens::welcome::WelcomeScreen;
use super::screens::{Effect, HandleCtx, Screen, View};
use super::theme::Theme;
use super::widgets::dialog::{ConfirmDialog, ConfirmEvent};
use crate::config::Config;
use crate::demo::{self, DemoSize};
use crate::domain::money::Rates;
use crate::domain::report::StepOdds;
use crate::domain::today::TodayCounts;
use crate::domain::{CadencePolicy, Step};
use crate::i18n::{Face, I18n};
use crate::ops;
use crate::ops::calendar::CalendarFile;
use crate::ops::report::ReportSettings;
use crate::ops::undo::{Done, Undo};
use crate::playbook::Playbook;
use crate::store::transfer::{DataError, DataResult};
use crate::store::{CustomerFilter, CustomerSort, Store};

/// The longest a key on a list waits for the rows it acts on (see `App::one_key`).
const ANSWER_BEFORE_KEY: std::time::Duration = std::time::Duration::from_secs(30);

/// A one-line message under the screen until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toast {
    pub text: String,
    pub is_error: bool,
}

/// The whole running app.
pub struct App {
    store: Store,
    i18n: I18n,
    theme: Theme,
    keymap: Keymap,
    today: NaiveDate,
    screens: Vec<Screen>,
    overlay: Option<Overlay>,
    modal: Option<Modal>,
    /// "Quit and lose what you typed?" while a form has unsaved text.
    confirm_quit: Option<ConfirmDialog>,
    /// Keeps the open form's text on disk so a crash loses nothing.
    drafts: DraftKeeper,
    /// Drafts left by a crash still to offer back, oldest first.
    drafts_waiting: VecDeque<Draft>,
    toast: Option<Toast>,
    quit: bool,
    /// An action to run after the next frame (see `Effect::Later`).
    later: Option<Action>,
    /// Visit intervals for Today's "due by cadence".
    cadence: CadencePolicy,
    /// The rep's currency (amounts typed without one) and exchange rates.
    money: Rates,
    /// The forecast's chance per step (config.toml `[forecast]`).
    odds: StepOdds,
    /// The sales method in the UI language (the user's override if valid): checklists.
    playbook: Rc<Playbook>,
    /// What is due today and what is late, for the header (none on the welcome screen).
    counts: Option<TodayCounts>,
    /// What `u` undoes: the last delete, archive or unarchive in this session.
    undo: Option<Undo>,
    /// The config's `calendar.file`, written again after every change (off the UI thread).
    calendar: Option<CalendarWriter>,
    /// The one worker thread reading for the screens (see [`Reader`]).
    reader: Reader,
    /// Phone numbers and e-mail addresses are drawn as terminal hyperlinks.
    links: bool,
}

impl App {
    /// Opens on the welcome screen for an empty database, else on Today. The playbook is the
    /// user's override in `config_dir` when there is a valid one.
    pub fn new(store: Store, i18n: I18n, keymap: Keymap, theme: Theme, config_dir: &Path) -> Self {
        let today = store.clock().today();
        let clock = store.clock();
        let store_path = store.path().to_path_buf();
        let empty = store
            .list_customers(
                &CustomerFilter { include_archived: true, ..Default::default() },
                CustomerSort::Recent,
                1,
                0,
            )
            .map(|rows| rows.is_empty())
            .unwrap_or(false);
        let (playbook, problem) = Playbook::load(i18n.lang(), config_dir);
        let reader = Reader::start(store_path.clone(), clock);
        let mut app = Self {
            store,
            i18n,
            theme,
            keymap,
            today,
            screens: Vec::new(),
            overlay: None,
            modal: None,
            confirm_quit: None,
            drafts: DraftKeeper::new(store_path.as_path(), clock),
            drafts_waiting: VecDeque::new(),
            toast: None,
            quit: false,
            later: None,
            cadence: CadencePolicy::default(),
            money: Rates::default(),
            odds: StepOdds::default(),
            playbook: Rc::new(playbook),
            counts: None,
            undo: None,
            calendar: None,
            links: false,
            reader,
        };
        if app.store.is_read_only() {
            let text = app.i18n.fmt("tui.start.read_only", &[("path", &app.store.path().display())]);
            app.toast = Some(Toast { text, is_error: true });
        }
        if let Some(p) = problem {
            let text = app.i18n.fmt("playbook.override_broken", &[("path", &p.path.display()), ("reason", &p.message)]);
            app.toast = Some(Toast { text, is_error: true });
        }
        if empty {
            let path = app.store.path().display().to_string();
            app.screens.push(Screen::Welcome(WelcomeScreen::new(path)));
        } else {
            app.go(ScreenId::Today);
        }
        app.reopen_draft();
        app
    }

    /// Offers back what was being typed when the app last died: every draft, oldest first,
    /// one after another (the next opens when the previous form is saved or discarded).
    fn reopen_draft(&mut self) {
        self.drafts_waiting = drafts::load(self.store.path()).into();
        self.open_next_draft();
    }

    /// Opens the next waiting draft it can show in its form, with a message saying which (after
    /// the message already on the line, such as "saved"; an error on the line stays as it is).
    fn open_next_draft(&mut self) {
        while let Some(draft) = self.drafts_waiting.pop_front() {
            let Some(modal) = Modal::from_draft(&draft, &self.store, &self.i18n, &self.playbook) else { continue };
            self.modal = Some(modal);
            let what = draft.describe(&self.i18n);
            let mut text = match self.drafts_waiting.len() {
                0 => self.i18n.fmt("forms.drafts.reopened", &[("what", &what)]),
                left => self.i18n.fmt("forms.drafts.reopened_more", &[("what", &what), ("left", &left)]),
            };
            match self.toast.take() {
                // An error stays on the line: it matters more than which draft opened.
                Some(error) if error.is_error => self.toast = Some(error),
                Some(done) => {
                    text = self.i18n.fmt("forms.drafts.after", &[("done", &done.text), ("next", &text)]);
                    self.toast = Some(Toast { text, is_error: false });
                }
                None => self.toast = Some(Toast { text, is_error: false }),
            }
            return;
        }
    }

    /// Uses the config file's visit intervals for Today's "due by cadence".
    pub fn with_cadence(mut self, policy: CadencePolicy) -> Self {
        // Today was loaded with the default intervals: only other ones load it again.
        if policy == self.cadence {
            return self;
        }
        self.cadence = policy;
        if self.screen_id() == ScreenId::Today {
            self.go(ScreenId::Today);
        }
        self
    }

    /// Uses the config file's currency and exchange rates (amounts, totals).
    pub fn with_money(mut self, rates: Rates) -> Self {
        self.money = rates;
        self
    }

    /// Weighs the report's forecast with `odds` (config.toml `[forecast]`).
    pub fn with_odds(mut self, odds: StepOdds) -> Self {
        self.odds = odds;
        self
    }

    /// Keeps `file` (the config's `calendar.file`) up to date after every change.
    pub fn with_calendar(mut self, file: Option<CalendarFile>) -> Self {
        self.calendar = file.map(|file| CalendarWriter::new(file, &self.store));
        self
    }

    /// Draws phone numbers and e-mail addresses as terminal hyperlinks (when the terminal
    /// follows them).
    pub fn with_links(mut self, links: bool) -> Self {
        self.links = links;
        self
    }

    /// Uses `playbook` for the checklists instead of the one loaded from the config dir (for
    /// screens opened from now on).
    pub fn with_playbook(mut self, playbook: Playbook) -> Self {
        self.playbook = Rc::new(playbook);
        self
    }

    /// True once the user asked to leave.
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// The store, for tests that check rows after a flow.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The screen on top of the stack.
    pub fn screen(&self) -> Option<&Screen> {
        self.screens.last()
    }

    /// The overlay, if one is open.
    pub fn overlay(&self) -> Option<&Overlay> {
        self.overlay.as_ref()
    }

    /// The open form or question, if any.
    pub fn modal(&self) -> Option<&Modal> {
        self.modal.as_ref()
    }

    /// The current message line.
    pub fn toast(&self) -> Option<&Toast> {
        self.toast.as_ref()
    }

    fn screen_id(&self) -> ScreenId {
        self.screens.last().map_or(ScreenId::Global, Screen::id)
    }

    /// Handles one terminal key event (presses only), then keeps the open form's draft.
    pub fn on_key(&mut self, event: KeyEvent) {
        self.key(event);
        self.keep_draft();
    }

    /// Handles one terminal event without keeping the draft (see [`App::settle`]); true when
    /// the screen may have changed.
    pub fn on_event(&mut self, event: Event) -> bool {
        match event {
            Event::Key(key) if key.kind == KeyEventKind::Press => {
                self.key(key);
                true
            }
            Event::Paste(text) => {
                self.on_paste(&text);
                true
            }
            Event::Resize(..) => true,
            _ => false,
        }
    }

    /// Shows what the screen's work in the background answered, if it has arrived, and a
    /// failed write of the calendar file; true when the screen changed.
    pub fn take_answers(&mut self) -> bool {
        let failed = self.calendar.as_mut().and_then(CalendarWriter::failure);
        let calendar_failed = failed.is_some_and(|e| {
            self.calendar_failed(&e);
            true
        });
        self.answer(None) || calendar_failed
    }

    /// True while the calendar file is being written.
    pub fn writing_calendar(&self) -> bool {
        self.calendar.as_ref().is_some_and(CalendarWriter::is_writing)
    }

    /// Waits (at most 30 s) for the calendar file's last write, before the app ends; the
    /// failure's message, if it failed.
    pub fn finish_calendar(&mut self) -> Option<String> {
        let failed = self.calendar.as_mut()?.finish(std::time::Duration::from_secs(30))?;
        self.calendar_failed(&failed);
        self.toast.as_ref().map(|t| t.text.clone())
    }

    fn calendar_failed(&mut self, e: &anyhow::Error) {
        let reason = self.i18n.error(e, Face::App);
        self.toast =
            Some(Toast { text: self.i18n.fmt("data.calendar.file_failed", &[("reason", &reason)]), is_error: true });
    }

    /// How long the screen has waited for its work in the background, while it has (the loop
    /// then redraws to turn the spinner).
    pub fn waiting_for(&self) -> Option<std::time::Duration> {
        self.screens.last().and_then(Screen::waiting_for)
    }

    /// Waits (at most 30 s) for the screen's work in the background and shows it, as a user
    /// who waits for the answer: for tests and benches that look at the result of a key.
    pub fn finish_background(&mut self) -> bool {
        self.answer(Some(std::time::Duration::from_secs(30)))
    }

    fn answer(&mut self, wait: Option<std::time::Duration>) -> bool {
        let Some(screen) = self.screens.last_mut() else { return false };
        match screen.take_answer(wait) {
            Ok(changed) => changed,
            Err(e) => {
                self.fail(&e);
                true
            }
        }
    }

    /// Writes the open form's draft when its text changed (after a batch of events).
    /// Then asks for the calendar file to be written again if the batch changed the database.
    pub fn settle(&mut self) {
        self.keep_draft();
        if let Some(calendar) = self.calendar.as_mut() {
            calendar.keep_up(&self.store, &self.i18n);
        }
    }

    /// True when an action waits for the next frame (see `Effect::Later`).
    pub fn has_later(&self) -> bool {
        self.later.is_some()
    }

    /// Takes pasted text as typing into the focused text box, as one edit (one draft write,
    /// one frame): line breaks go in where the box takes them and become spaces where it does
    /// not; other control characters are dropped. With no text box focused it does nothing.
    pub fn on_paste(&mut self, text: &str) {
        self.toast = None;
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let one_line: String = text.chars().filter_map(pasted_in_line).collect();
        if let Some(overlay) = self.overlay.as_mut() {
            if let Overlay::Palette(palette) = overlay {
                palette.paste(&one_line);
            }
            return;
        }
        if self.confirm_quit.is_some() {
            return;
        }
        if let Some(modal) = self.modal.as_mut() {
            if modal.paste(&text) {
                return;
            }
            for c in text.chars() {
                let code = match c {
                    '\n' => KeyCode::Enter,
                    '\t' => KeyCode::Char(' '),
                    c if c.is_control() => continue,
                    c => KeyCode::Char(c),
                };
                let mut key = KeyEvent::new(code, KeyModifiers::NONE);
                let Some(modal) = self.modal.as_ref() else { return };
                if code == KeyCode::Enter && !modal.claims(&key) {
                    key = KeyEvent::new(KeyCode::Char(' '), KeyModifiers::NONE);
                }
                if !modal.claims(&key) {
                    return;
                }
                self.modal_key(key);
            }
            return;
        }
        let effect = match self.screens.last_mut() {
            Some(screen) if screen.typing() => screen.paste(&one_line),
            _ => None,
        };
        if let Some(effect) = effect {
            self.apply(effect);
        }
    }

    /// Handles one key press. A terminal sends Esc and a key typed right after it as one
    /// Alt-key: unless Alt and that key are bound somewhere, they are taken as the two keys.
    fn key(&mut self, event: KeyEvent) {
        if event.kind != KeyEventKind::Press {
            return;
        }
        if let KeyCode::Char(_) = event.code
            && event.modifiers.contains(KeyModifiers::ALT)
            && !event.modifiers.contains(KeyModifiers::CONTROL)
            && !self.keymap.binds_anywhere(&Key::from_event(&event))
        {
            self.one_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
            self.one_key(KeyEvent::new(event.code, event.modifiers - KeyModifiers::ALT));
            return;
        }
        self.one_key(event);
    }

    /// Writes the open form's draft when its text changed since the last write.
    fn keep_draft(&mut self) {
        if let Some((draft, revision)) = self.modal.as_ref().and_then(Modal::draft)
            && let Err(e) = self.drafts.keep(&draft, revision)
        {
            self.fail(&e.into());
        }
    }

    fn one_key(&mut self, event: KeyEvent) {
        self.toast = None;
        // The help overlay may be open over a form: it has the keys first.
        if let Some(overlay) = self.overlay.as_mut() {
            match overlay {
                Overlay::Help(help) => {
                    if help.handle_key(&event, &self.keymap) {
                        self.overlay = None;
                    }
                }
                Overlay::Palette(palette) => match palette.handle_key(&event, &self.keymap) {
                    PaletteOutcome::Stay => {}
                    PaletteOutcome::Close => self.overlay = None,
                    PaletteOutcome::Run(action) => {
                        self.overlay = None;
                        self.dispatch(action);
                    }
                },
            }
            return;
        }
        if self.confirm_quit.is_some() || self.modal.is_some() {
            self.modal_key(event);
            return;
        }
        if self.screens.last().is_some_and(Screen::typing) {
            if let Some(context) = self.screens.last().and_then(Screen::typing_context)
                && !Key::from_event(&event).is_character()
                && self.keymap.action(context, &event) == Some(Action::Help)
            {
                self.overlay = Some(Overlay::Help(HelpOverlay::new(context.into())));
                return;
            }
            let effect = match self.screens.last_mut() {
                Some(screen) => screen.type_key(&event, &self.keymap),
                None => None,
            };
            if let Some(effect) = effect {
                self.apply(effect);
                return;
            }
        }
        // A list still waiting for what it shows (the board being read, a filter matched again
        // after a write or coming back into view) would act on the rows it showed before: the
        // key waits for them.
        if self.screens.last().is_some_and(Screen::acts_on_answer) {
            self.answer(Some(ANSWER_BEFORE_KEY));
        }
        if let Some(action) = self.keymap.action(self.screen_id(), &event) {
            self.dispatch(action);
        }
    }

    /// Keys while a form or question is open, read in its own key context: quit (Ctrl-C) asks
    /// before dropping unsaved text, help lists the keys of what is open.
    fn modal_key(&mut self, event: KeyEvent) {
        if let Some(confirm) = self.confirm_quit.as_mut() {
            match confirm.handle_key(event, &self.keymap) {
                ConfirmEvent::Yes => {
                    self.quit = true;
                    if let Some((draft, _)) = self.modal.as_ref().and_then(Modal::draft) {
                        self.forget_draft(&draft);
                    }
                }
                ConfirmEvent::No => self.confirm_quit = None,
                ConfirmEvent::None => {}
            }
            return;
        }
        let Some(modal) = self.modal.as_mut() else { return };
        if self.keymap.quits_modal(&event) {
            if modal.is_dirty() {
                let lines = vec![self.i18n.t("tui.modal.quit_body")];
                self.confirm_quit = Some(ConfirmDialog::new(self.i18n.t("tui.modal.quit_title"), lines));
            } else {
                self.quit = true;
            }
            return;
        }
        if let Some(context) = modal.key_context()
            && !modal.claims(&event)
            && self.keymap.action(context, &event) == Some(Action::Help)
        {
            self.overlay = Some(Overlay::Help(HelpOverlay::new(context.into())));
            return;
        }
        let outcome = modal.handle_key(event, &mut self.store, &self.i18n, &self.playbook, &self.keymap, &self.money);
        match outcome {
            // The draft is kept after the key (or the batch of keys): see `keep_draft`.
            ModalOutcome::Stay => {}
            ModalOutcome::Close => self.close_modal(),
            ModalOutcome::Saved(message) => {
                self.close_modal();
                self.apply(Effect::Changed(message));
            }
            ModalOutcome::Failed(e) => self.fail(&e),
            ModalOutcome::Next(next) => self.modal = Some(*next),
            ModalOutcome::DealMoved { to, message } => {
                self.modal = None;
                self.deal_moved(to, message);
            }
            ModalOutcome::Info(text) => self.toast = Some(Toast { text, is_error: false }),
            ModalOutcome::Open(request) => {
                match Modal::open(request, &self.store, &self.i18n, &self.playbook, &self.money) {
                    Ok(modal) => self.modal = Some(modal),
                    Err(e) => self.fail(&e),
                }
            }
            ModalOutcome::Undoable(undo, message) => {
                self.close_modal();
                self.did(*undo, message);
            }
        }
        if self.modal.is_none() {
            self.open_next_draft();
        }
    }

    /// Closes the open form or question and deletes its draft (saved or discarded on purpose).
    fn close_modal(&mut self) {
        if let Some((draft, _)) = self.modal.take().as_ref().and_then(Modal::draft) {
            self.forget_draft(&draft);
        }
    }

    /// Deletes a form's draft once it was saved or discarded on purpose.
    fn forget_draft(&mut self, draft: &drafts::DraftForm) {
        if let Err(e) = self.drafts.forget(draft) {
            self.fail(&e.into());
        }
    }

    /// Runs an action: the screen first, then the app-wide meaning.
    pub fn dispatch(&mut self, action: Action) {
        let effect = match self.screens.last_mut() {
            Some(screen) => {
                let mut ctx = HandleCtx { store: &self.store, i18n: &self.i18n, today: self.today, money: &self.money };
                screen.handle(action, &mut ctx)
            }
            None => Effect::Unhandled,
        };
        match effect {
            Effect::Unhandled => self.global(action),
            other => self.apply(other),
        }
    }

    /// App-wide actions.
    fn global(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.overlay = Some(Overlay::Help(HelpOverlay::new(self.screen_id().into()))),
            Action::Palette => {
                let actions = super::overlay::palette::commands(&self.keymap, self.screen_id());
                self.overlay = Some(Overlay::Palette(PaletteOverlay::new(actions, &self.i18n)));
            }
            Action::LogVisit | Action::PlanVisit => {
                let Some(customer) = self.screens.last().and_then(Screen::selected_customer) else {
                    self.toast = Some(Toast { text: self.i18n.t("tui.modal.pick_customer"), is_error: true });
                    return;
                };
                let deal_id = self.screens.last().and_then(Screen::selected_deal);
                let request = if action == Action::LogVisit {
                    ModalRequest::LogVisit { customer_id: customer, deal_id }
                } else {
                    ModalRequest::PlanVisit { customer_id: customer, deal_id }
                };
                self.apply(Effect::Modal(request));
            }
            Action::QuickNote => {
                let customer = self.screens.last().and_then(Screen::customer_in_view);
                self.apply(Effect::Modal(ModalRequest::QuickNote(customer)));
            }
            Action::Checklist => self.open_checklist(),
            Action::Archive => self.archive(),
            Action::Undo => self.undo(),
            Action::Inbox => self.apply(Effect::Modal(ModalRequest::Inbox)),
            Action::Assess => self.apply(Effect::Modal(ModalRequest::Assess)),
            Action::DeleteCustomer => match self.screens.last().and_then(Screen::selected_customer) {
                Some(customer) => self.apply(Effect::Modal(ModalRequest::DeleteCustomer(customer))),
                None => self.toast = Some(Toast { text: self.i18n.t("tui.modal.pick_customer"), is_error: true }),
            },
            Action::Profile => self.open_profile(),
            Action::AddCustomer => self.apply(Effect::Modal(ModalRequest::AddCustomer)),
            Action::Edit => {
                if let Some(customer) = self.screens.last().and_then(Screen::customer_in_view) {
                    self.apply(Effect::Modal(ModalRequest::EditCustomer(customer)));
                }
            }
            Action::Search => self.screens.push(Screen::Search(SearchScreen::new(&self.reader, &self.i18n))),
            Action::Brief => self.open_brief(),
            Action::GoToday => self.go(ScreenId::Today),
            Action::GoPipeline => self.go(ScreenId::Pipeline),
            Action::GoCustomers => self.go(ScreenId::Customers),
            Action::GoReport => self.go(ScreenId::Report),
            Action::Back if self.screens.len() > 1 => {
                self.screens.pop();
                self.refresh_top();
            }
            _ => {}
        }
    }

    /// Archives the selected customer, or takes an archived one out of the archive; `u` undoes it.
    fn archive(&mut self) {
        let Some(customer) = self.screens.last().and_then(Screen::selected_customer) else {
            self.toast = Some(Toast { text: self.i18n.t("tui.modal.pick_customer"), is_error: true });
            return;
        };
        let result = self
            .store
            .customer(customer)
            .map_err(anyhow::Error::from)
            .and_then(|c| ops::undo::set_archived(&mut self.store, customer, !c.archived));
        match result {
            Ok(Some(undo)) => {
                let key =
                    self.keymap.key_for(ScreenId::Global, Action::Undo).map(|k| k.to_string()).unwrap_or_default();
                let text = match &undo.done {
                    Done::Archived(name) => self.i18n.fmt("tui.undo.archived", &[("name", name), ("key", &key)]),
                    Done::Unarchived(name) => self.i18n.fmt("tui.undo.unarchived", &[("name", name), ("key", &key)]),
                    // Archiving does only these two.
                    _ => String::new(),
                };
                self.did(undo, text);
            }
            Ok(None) => {}
            Err(e) => self.fail(&e),
        }
    }

    /// Keeps `undo` for `u` and shows `message`; a deleted customer's screens close (the
    /// stack goes back to its root screen).
    fn did(&mut self, undo: Undo, message: String) {
        let gone = matches!(undo.done, Done::DeletedCustomer(_));
        self.undo = Some(undo);
        if gone {
            let root = self.screens.first().map_or(ScreenId::Today, Screen::id);
            self.go(root);
        }
        self.apply(Effect::Changed(message));
    }

    /// Undoes the last delete, archive or unarchive, once.
    fn undo(&mut self) {
        let Some(undo) = self.undo.take() else {
            self.toast = Some(Toast { text: self.i18n.t("tui.undo.nothing"), is_error: false });
            return;
        };
        match undo.run(&mut self.store) {
            Ok(()) => {
                let text = match &undo.done {
                    Done::Archived(name) => self.i18n.fmt("tui.undo.undone_archived", &[("name", name)]),
                    Done::Unarchived(name) => self.i18n.fmt("tui.undo.undone_unarchived", &[("name", name)]),
                    Done::DeletedVisit { customer, day } => {
                        self.i18n.fmt("tui.undo.undone_visit", &[("who", customer), ("day", day)])
                    }
                    Done::DeletedNote(text) => self.i18n.fmt("tui.undo.undone_note", &[("text", text)]),
                    Done::DeletedObjection(text) => self.i18n.fmt("tui.undo.undone_objection", &[("text", text)]),
                    Done::DeletedFact { who, label } => {
                        self.i18n.fmt("tui.undo.undone_fact", &[("who", who), ("label", label)])
                    }
                    Done::RemovedContact(name) => self.i18n.fmt("tui.undo.undone_contact", &[("name", name)]),
                    Done::DeletedCustomer(name) => self.i18n.fmt("tui.undo.undone_customer", &[("name", name)]),
                };
                self.apply(Effect::Changed(text));
            }
            Err(e) => self.fail(&e),
        }
    }

    /// Opens the checklist of the selected customer's open deal; says so when there is none.
    fn open_checklist(&mut self) {
        let Some(customer) = self.screens.last().and_then(Screen::selected_customer) else {
            self.toast = Some(Toast { text: self.i18n.t("tui.modal.pick_customer"), is_error: true });
            return;
        };
        match self.store.open_deal(customer) {
            Ok(Some(_)) => self.apply(Effect::Modal(ModalRequest::Checklist(customer))),
            Ok(None) => self.toast = Some(Toast { text: self.i18n.t("tui.customer.no_open_deal"), is_error: false }),
            Err(e) => self.fail(&e.into()),
        }
    }

    /// Opens the profile form of the selected customer, with cadences by the config's intervals.
    fn open_profile(&mut self) {
        let Some(customer) = self.screens.last().and_then(Screen::selected_customer) else {
            self.toast = Some(Toast { text: self.i18n.t("tui.modal.pick_customer"), is_error: true });
            return;
        };
        match super::modal::profile::open(customer, &self.store, &self.playbook, self.cadence) {
            Ok(modal) => self.modal = Some(modal),
            Err(e) => self.fail(&e),
        }
    }

    /// Opens the brief of the selected customer, with the playbook in the UI language.
    fn open_brief(&mut self) {
        let Some(customer) = self.screens.last().and_then(Screen::selected_customer) else {
            self.toast = Some(Toast { text: self.i18n.t("tui.modal.pick_customer"), is_error: true });
            return;
        };
        // The playbook the app loaded at start (a broken override was reported then).
        let config = Config { cadence: self.cadence, ..Config::default() };
        let mut screen = Screen::Brief(Box::new(BriefScreen::new(customer, Rc::clone(&self.playbook), config)));
        match screen.refresh(&self.store, self.today) {
            Ok(()) => self.screens.push(screen),
            Err(e) => self.fail(&e),
        }
    }

    /// Applies what a screen asked for.
    fn apply(&mut self, effect: Effect) {
        match effect {
            Effect::None | Effect::Unhandled => {}
            Effect::OpenCustomer(id) => {
                let mut screen = Screen::Customer(Box::new(CustomerScreen::new(id, Rc::clone(&self.playbook))));
                match screen.refresh(&self.store, self.today) {
                    Ok(()) => self.screens.push(screen),
                    Err(e) => self.fail(&e),
                }
            }
            Effect::Info(text) => self.toast = Some(Toast { text, is_error: false }),
            Effect::Later(action) => self.later = Some(action),
            Effect::Error(e) => self.fail(&e),
            Effect::Changed(text) => {
                self.refresh_top();
                if self.toast.is_none() {
                    self.toast = Some(Toast { text, is_error: false });
                }
            }
            Effect::Go(id, message) => {
                self.go(id);
                if let Some(text) = message.filter(|_| self.toast.is_none()) {
                    self.toast = Some(Toast { text, is_error: false });
                }
            }
            Effect::Modal(request) => {
                match Modal::open(request, &self.store, &self.i18n, &self.playbook, &self.money) {
                    Ok(modal) => self.modal = Some(modal),
                    Err(e) => self.fail(&e),
                }
            }
            Effect::LoadDemo => self.load_demo(),
            Effect::TickOff(step) => match crate::ops::next_steps::done(&mut self.store, step) {
                Ok(step) => self.apply(Effect::Changed(self.i18n.fmt("tui.today.ticked_off", &[("step", &step.text)]))),
                Err(e) => self.fail(&e.into()),
            },
            Effect::Move { customer_id, deal_id, to } => {
                match start_move(&mut self.store, &self.playbook, &self.i18n, (customer_id, deal_id), to) {
                    Ok(MoveStart::Ask(question)) => self.modal = Some(question),
                    Ok(MoveStart::Done { to, message }) => self.deal_moved(to, message),
                    Err(e) => self.fail(&e),
                }
            }
        }
    }

    /// Fills the (empty) database with the demo and opens Today; on failure the welcome
    /// screen offers the choice again.
    fn load_demo(&mut self) {
        match demo::load(&mut self.store, DemoSize::default(), demo::DEFAULT_SEED, self.i18n.lang(), false) {
            Ok(summary) => {
                let counts: [(&str, &dyn std::fmt::Display); 2] =
                    [("customers", &summary.customers), ("visits", &summary.visits)];
                let message = self.i18n.fmt("tui.welcome.demo_loaded", &counts);
                self.apply(Effect::Go(ScreenId::Today, Some(message)));
            }
            Err(e) => {
                if let Some(Screen::Welcome(welcome)) = self.screens.last_mut() {
                    welcome.loading_failed();
                }
                self.fail(&e.into());
            }
        }
    }

    /// After a deal moved: the board's focus follows the card to its new column.
    fn deal_moved(&mut self, to: Step, message: String) {
        if let Some(Screen::Pipeline(board)) = self.screens.last_mut() {
            board.follow(to);
        }
        self.apply(Effect::Changed(message));
    }

    /// Runs the action a screen put off until its "working…" frame was drawn; false when
    /// there was none.
    pub fn run_later(&mut self) -> bool {
        match self.later.take() {
            Some(action) => {
                self.dispatch(action);
                true
            }
            None => false,
        }
    }

    /// Hears how today's automatic backup went: a damaged database is said at once with the
    /// newest good backup; another failure is shown (the rep can run `fieldbook backup`); a
    /// success stays quiet.
    pub fn backup_finished(&mut self, result: DataResult<Option<std::path::PathBuf>>) {
        let text = match result {
            Ok(_) => return,
            Err(DataError::Damaged { last_good: Some(good), .. }) => {
                let name = good.file_name().unwrap_or_default().to_string_lossy().into_owned();
                self.i18n.fmt("tui.start.damaged", &[("good", &name)])
            }
            Err(DataError::Damaged { last_good: None, .. }) => self.i18n.t("tui.start.damaged_no_backup"),
            Err(e) => {
                let reason = self.i18n.localize(&e, Face::App);
                self.i18n.fmt("tui.start.backup_failed", &[("reason", &reason)])
            }
        };
        self.toast = Some(Toast { text, is_error: true });
    }

    /// Shows an error on the message line; the app carries on.
    fn fail(&mut self, e: &anyhow::Error) {
        self.toast = Some(Toast { text: self.i18n.error(e, Face::App), is_error: true });
    }

    /// Replaces the stack with a root screen, loaded fresh.
    fn go(&mut self, id: ScreenId) {
        let screen = match id {
            ScreenId::Pipeline => {
                Screen::Pipeline(Box::new(PipelineScreen::new(Rc::clone(&self.playbook), &self.reader)))
            }
            ScreenId::Customers => Screen::Customers(CustomersScreen::new(&self.reader)),
            ScreenId::Report => Screen::Report(Box::new(ReportScreen::new(
                ReportSettings { odds: self.odds, cadence: self.cadence, currency: self.money.base },
                Rc::clone(&self.playbook),
                self.today,
                &self.reader,
            ))),
            _ => Screen::Today(TodayScreen::new(self.cadence, &self.reader)),
        };
        self.screens = vec![screen];
        self.refresh_top();
    }

    /// Reloads the top screen (after a write or when it comes back into view) and the
    /// header's counts.
    fn refresh_top(&mut self) {
        let result = match self.screens.last_mut() {
            Some(screen) => screen.refresh(&self.store, self.today),
            None => Ok(()),
        };
        if let Err(e) = result {
            self.fail(&e);
        }
        self.counts = match self.screen_id() {
            ScreenId::Welcome => None,
            _ => match self.store.today_counts(self.today) {
                Ok(counts) => Some(counts),
                Err(e) => {
                    self.fail(&e.into());
                    None
                }
            },
        };
    }

    /// Today's counts as the header shows them.
    pub fn header_counts(&self) -> Option<TodayCounts> {
        self.counts
    }

    /// Draws everything, control characters made visible (see [`guard`]); never changes state.
    pub fn render(&self, frame: &mut Frame) {
        let links = self.links.then(CellLinks::default);
        self.draw(frame, links.as_ref());
        guard::printable_cells(frame.buffer_mut());
        // After the safety pass: the links' own escape sequences are the only ones let through.
        if let Some(links) = links {
            links.apply(frame.buffer_mut());
        }
    }

    /// Draws the screens, the message line, forms and overlays; screens put the places of
    /// terminal links in `links`.
    fn draw(&self, frame: &mut Frame, links: Option<&CellLinks>) {
        let view = View {
            i18n: &self.i18n,
            theme: &self.theme,
            keymap: &self.keymap,
            today: self.today,
            money: &self.money,
            links,
        };
        let Some(body) = chrome::frame_body(frame, &view) else {
            return;
        };
        let id = self.screen_id();
        chrome::header(frame, body.header, &view, id, self.counts, self.store.is_read_only());
        if let Some(screen) = self.screens.last() {
            screen.render(frame, body.main, &view);
        }
        // While a form or overlay is open its own keys apply: the screen's hints would mislead.
        if self.modal.is_none() && self.overlay.is_none() || self.toast.is_some() {
            let typing = self.screens.last().and_then(|s| s.typing_hints(&self.keymap, &self.i18n));
            chrome::footer(frame, body.footer, &view, id, typing, self.toast.as_ref());
        }
        if let Some(modal) = &self.modal {
            modal.render(frame, body.main, &self.theme, &self.i18n, &self.keymap);
        }
        if let Some(confirm) = &self.confirm_quit {
            confirm.render(frame, body.main, &self.theme, &self.i18n, &self.keymap);
        }
        // Over a form when its keys are asked for.
        if let Some(overlay) = &self.overlay {
            overlay.render(frame, body.main, &view);
        }
    }
}

/// A pasted character as a one-line box takes it: line breaks and tabs become spaces, other
/// control characters are dropped.
fn pasted_in_line(c: char) -> Option<char> {
    match c {
        '\n' | '\t' => Some(' '),
        c if c.is_control() => None,
        c => Some(c),
    }
}
