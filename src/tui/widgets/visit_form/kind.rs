//! The visit's type in the form: choosing it, starting the action plan from its in-visit
//! checklist ("plan from type"), and ticking that checklist while logging.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{VisitField, VisitForm};
use crate::domain::VisitKind;
use crate::i18n::I18n;
use crate::playbook::Playbook;
use crate::playbook::views::bullets;
use crate::tui::widgets::form_layout::Notice;

/// A visit type the form offers: its name in the UI language and its in-visit checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitTypeOption {
    pub kind: VisitKind,
    pub name: String,
    pub checklist: Vec<String>,
}

/// The playbook's visit types: the built-in ones in their usual order, then the ones the
/// user's playbook file adds.
pub fn visit_type_options(playbook: &Playbook) -> Vec<VisitTypeOption> {
    let option = |kind: VisitKind| VisitTypeOption {
        name: playbook.visit_type_name(&kind),
        checklist: playbook.visit_type(&kind).map(|g| g.checklist.clone()).unwrap_or_default(),
        kind,
    };
    let own =
        playbook.visit_types.keys().map(|code| VisitKind::from_code(code)).filter(|k| !VisitKind::BUILT_IN.contains(k));
    VisitKind::BUILT_IN.iter().cloned().chain(own).map(option).collect()
}

impl VisitForm {
    /// The types the Type field cycles through; the form's own type is added when the
    /// playbook does not know it (a type typed on the command line).
    pub fn set_types(&mut self, mut types: Vec<VisitTypeOption>) {
        if !types.iter().any(|t| t.kind == self.kind) {
            types.push(VisitTypeOption {
                name: self.kind.code().to_string(),
                checklist: Vec::new(),
                kind: self.kind.clone(),
            });
        }
        self.types = types;
        self.tick_cursor = self.tick_cursor.min(self.checklist().len().saturating_sub(1));
    }

    /// The name of the form's type in the UI language.
    pub fn kind_name(&self) -> String {
        self.types.iter().find(|t| t.kind == self.kind).map_or_else(|| self.kind.code().to_string(), |t| t.name.clone())
    }

    /// The in-visit checklist of the form's type (empty when the playbook has none).
    pub fn checklist(&self) -> &[String] {
        self.types.iter().find(|t| t.kind == self.kind).map_or(&[], |t| t.checklist.as_slice())
    }

    /// The checklist's items with whether each is ticked, and the item with the cursor.
    pub fn checklist_items(&self) -> (Vec<(bool, String)>, usize) {
        let items = self.checklist().iter().zip(1u32..).map(|(item, n)| (self.ticks.contains(&n), item.clone()));
        (items.collect(), self.tick_cursor)
    }

    /// The previous (`by` -1) or next (1) type. Changing the type clears the ticks (their
    /// numbers belong to the old checklist). Returns true when it changed.
    pub(super) fn cycle_type(&mut self, by: isize) -> bool {
        let len = self.types.len() as isize;
        if len < 2 {
            return false;
        }
        let at = self.types.iter().position(|t| t.kind == self.kind).unwrap_or(0) as isize;
        self.kind = self.types[((at + by).rem_euclid(len)) as usize].kind.clone();
        self.ticks.clear();
        self.tick_cursor = 0;
        true
    }

    /// Typing on the Type field: Space is the next type, as on any choice; letters the type
    /// whose name they start. Picking another type clears the ticks (see `cycle_type`).
    pub(super) fn type_key(&mut self, key: KeyEvent) -> bool {
        let KeyCode::Char(c) = key.code else { return false };
        if key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) {
            return false;
        }
        if c == ' ' {
            return self.cycle_type(1);
        }
        let names: Vec<Vec<&str>> = self.types.iter().map(|t| vec![t.name.as_str(), t.kind.code()]).collect();
        let Some(at) = self.typed.push(c, &names) else { return false };
        if self.types[at].kind == self.kind {
            return false;
        }
        self.kind = self.types[at].kind.clone();
        self.ticks.clear();
        self.tick_cursor = 0;
        true
    }

    /// The checklist field keeps ↑ and ↓ while they move between its items (at its ends they
    /// leave it like on any other field), and a letter that starts an item.
    pub(super) fn checklist_claims(&self, key: &KeyEvent) -> bool {
        let last = self.checklist().len().saturating_sub(1);
        !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
            && match key.code {
                KeyCode::Up => self.tick_cursor > 0,
                KeyCode::Down => self.tick_cursor < last,
                KeyCode::Char(c) => self.typed.peek(c, &self.checklist_names()).is_some(),
                _ => false,
            }
    }

    /// ↑/↓ on the checklist field (see `checklist_claims`): the item above or below; letters:
    /// the item they start. Never changes the ticks, so returns false.
    pub(super) fn checklist_key(&mut self, key: KeyEvent) -> bool {
        if self.checklist_claims(&key) {
            match key.code {
                KeyCode::Up => self.tick_cursor -= 1,
                KeyCode::Down => self.tick_cursor += 1,
                KeyCode::Char(c) => {
                    let mut typed = std::mem::take(&mut self.typed);
                    if let Some(item) = typed.push(c, &self.checklist_names()) {
                        self.tick_cursor = item;
                    }
                    self.typed = typed;
                }
                _ => {}
            }
        }
        false
    }

    /// Each checklist item's name, for typing.
    fn checklist_names(&self) -> Vec<Vec<&str>> {
        self.checklist().iter().map(|item| vec![item.as_str()]).collect()
    }

    /// Ticks or unticks the item with the cursor. Returns true when the ticks changed.
    pub(super) fn toggle_tick(&mut self) -> bool {
        if self.checklist().is_empty() {
            return false;
        }
        let item = self.tick_cursor as u32 + 1;
        match self.ticks.iter().position(|t| *t == item) {
            Some(at) => {
                self.ticks.remove(at);
            }
            None => {
                self.ticks.push(item);
                self.ticks.sort_unstable();
            }
        }
        true
    }

    /// "Plan from type": the action plan starts from the type's checklist, one item a line. An empty
    /// plan (or one that is only another type's checklist) is replaced; typed text is kept and
    /// the checklist added after it.
    pub(super) fn plan_from_type(&mut self, i18n: &I18n) {
        let checklist = self.checklist();
        if checklist.is_empty() {
            let name = self.kind_name();
            self.notice = Some(Notice::Warning(i18n.fmt("forms.visit.no_checklist", &[("type", &name)])));
            return;
        }
        let generated = bullets(checklist);
        let current = self.action_plan.text();
        let only_a_checklist = self.types.iter().any(|t| !t.checklist.is_empty() && bullets(&t.checklist) == current);
        let text = if current.trim().is_empty() || only_a_checklist {
            generated
        } else {
            format!("{}\n{generated}", current.trim_end())
        };
        self.action_plan.set_text(&text);
        self.focus = VisitField::ActionPlan;
        self.notice = None;
        self.revision += 1;
    }
}
