//! Drawing the visit form.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{VisitField, VisitForm, VisitMode};
use crate::domain::parse_date;
use crate::i18n::I18n;
use crate::tui::action::Action;
use crate::tui::keymap::{Hints, Keymap, ModalId};
use crate::tui::theme::Theme;
use crate::tui::widgets::dialog::{day_note, render_discard_question, when_note};
use crate::tui::widgets::form_layout::{FormFrame, FormRow, RowContent, render_form};

impl VisitForm {
    /// The title: "Plan visit — 王伟 · Survey".
    pub fn title(&self, i18n: &I18n) -> String {
        let mut who = self.target.customer_name.clone();
        if let Some(step) = self.target.step {
            who = format!("{who} · {}", i18n.word(step));
        }
        let key = match (self.mode, self.editing) {
            (VisitMode::Plan, false) => "forms.visit.title_plan",
            (VisitMode::Log, false) => "forms.visit.title_log",
            (VisitMode::Plan, true) => "forms.visit.title_edit_plan",
            (VisitMode::Log, true) => "forms.visit.title_edit_log",
        };
        i18n.fmt(key, &[("who", &who)])
    }

    /// Draws the form over `area` (and the discard question on top when it is asked), with the
    /// keys of `keymap` in its hints.
    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme, i18n: &I18n, keymap: &Keymap) {
        let fields = self.fields();
        let rows: Vec<FormRow> = fields.iter().map(|f| self.row(*f, area.width, theme, i18n)).collect();
        let focus = fields.iter().position(|f| *f == self.focus).unwrap_or(0);
        let mut hints = Hints::new(keymap, ModalId::VisitForm, i18n);
        hints.key(Action::NextField).key(Action::Save);
        // The keys for the focused field come first.
        let focused = match self.focus {
            VisitField::Purpose => Some(Action::SuggestPurpose),
            VisitField::ActionPlan | VisitField::Type => Some(Action::PlanFromType),
            VisitField::Checklist | VisitField::Met => Some(Action::Tick),
            _ => None,
        };
        if let Some(action) = focused {
            hints.key(action);
        }
        hints.key(Action::Playbook).key(Action::Cancel).key_as(Action::AddObjection, "forms.hint.objection");
        for action in [Action::SuggestPurpose, Action::PlanFromType] {
            if focused != Some(action) {
                hints.key(action);
            }
        }
        let chrome = FormFrame {
            title: self.title(i18n),
            notice: self.notice.as_ref(),
            choice_keys: hints.choice_keys(),
            hints: hints.build(),
            help: hints.help(),
        };
        render_form(frame, area, theme, &chrome, &rows, focus);
        if self.confirming_discard {
            render_discard_question(frame, area, theme, i18n, keymap);
        }
    }

    fn row(&self, field: VisitField, width: u16, theme: &Theme, i18n: &I18n) -> FormRow<'_> {
        let date_width = (width / 3).clamp(12, 22);
        let (label, required, content) = match field {
            VisitField::Purpose => ("purpose", true, RowContent::Text(&self.purpose)),
            VisitField::ActionPlan => ("action_plan", true, RowContent::Text(&self.action_plan)),
            VisitField::Expected => ("expected", true, RowContent::Text(&self.expected)),
            VisitField::Type => ("kind", false, RowContent::Choice(self.kind_name())),
            VisitField::Checklist => {
                let (items, cursor) = self.checklist_items();
                let progress = format!("{}/{}", self.ticks.len(), items.len());
                let label = i18n.fmt("forms.visit.checklist", &[("progress", &progress)]);
                return FormRow { label, required: false, content: RowContent::Checklist { items, cursor } };
            }
            VisitField::Channel => {
                let name = self.channel.value().map(|c| i18n.word(c)).unwrap_or_default();
                ("channel", false, RowContent::Choice(name))
            }
            VisitField::When => {
                let note = when_note(&self.parsed_when(), self.when.is_blank(), self.today, theme, i18n);
                ("when", true, RowContent::TextWithNote { field: &self.when, width: date_width, note })
            }
            VisitField::Met => {
                let (items, cursor) = self.met.rows();
                let key = if self.mode == VisitMode::Plan { "forms.visit.to_meet" } else { "forms.visit.met" };
                return FormRow {
                    label: i18n.t(key),
                    required: false,
                    content: RowContent::Checklist { items, cursor },
                };
            }
            VisitField::Deal => ("deal", false, RowContent::Choice(self.deal_label())),
            VisitField::Actual => ("actual", false, RowContent::Text(&self.actual)),
            VisitField::Outcome => {
                let name = self.outcome.value().map_or_else(|| i18n.t("forms.visit.no_outcome"), |o| i18n.word(o));
                ("outcome", false, RowContent::Choice(name))
            }
            VisitField::NextTopic => ("next_topic", false, RowContent::Text(&self.next_topic)),
            VisitField::NextStep => ("next_step", false, RowContent::Text(&self.next_step)),
            VisitField::NextOn => {
                let note = day_note(
                    &parse_date(&self.next_on.text(), self.today),
                    self.next_on.is_blank(),
                    self.today,
                    theme,
                    i18n,
                );
                ("next_on", false, RowContent::TextWithNote { field: &self.next_on, width: date_width, note })
            }
        };
        FormRow { label: i18n.t(&format!("forms.visit.{label}")), required, content }
    }
}
