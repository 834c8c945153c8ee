//! Drawing the customer form.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{CustomerField, CustomerForm};
use crate::domain::money::Money;
use crate::i18n::I18n;
use crate::tui::action::Action;
use crate::tui::keymap::{Hints, Keymap, ModalId};
use crate::tui::theme::Theme;
use crate::tui::widgets::dialog::render_discard_question;
use crate::tui::widgets::form_layout::{FormFrame, FormRow, RowContent, render_form};

impl CustomerForm {
    /// "Add customer" or "Edit customer — 王伟".
    pub fn title(&self, i18n: &I18n) -> String {
        match &self.original {
            Some(c) => i18n.fmt("forms.customer.title_edit", &[("who", &c.name)]),
            None => i18n.t("forms.customer.title_new"),
        }
    }

    /// Draws the form over `area` (and the discard question on top when it is asked), with the
    /// keys of `keymap` in its hints.
    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme, i18n: &I18n, keymap: &Keymap) {
        let fields = self.fields();
        let rows: Vec<FormRow> = fields.iter().map(|f| self.row(*f, area.width, theme, i18n)).collect();
        let focus = fields.iter().position(|f| *f == self.focus).unwrap_or(0);
        let mut hints = Hints::new(keymap, ModalId::CustomerForm, i18n);
        hints.key(Action::NextField).pair(Action::ChoosePrevious, Action::ChooseNext, "forms.hint.choose");
        hints.key(Action::Save).key(Action::Cancel);
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

    fn row(&self, field: CustomerField, width: u16, theme: &Theme, i18n: &I18n) -> FormRow<'_> {
        let none = || i18n.t("forms.customer.unset");
        let content = match field {
            CustomerField::Class => RowContent::Choice(self.class.value().map_or_else(none, |c| i18n.word(c))),
            CustomerField::Style => RowContent::Choice(self.style.value().map_or_else(none, |s| i18n.word(s))),
            CustomerField::Step => RowContent::Choice(self.step.value().map_or_else(none, |s| i18n.word(s))),
            CustomerField::Value => {
                let note = if self.value.is_blank() {
                    Line::from(Span::styled(i18n.t("forms.customer.value_forms"), theme.muted))
                } else {
                    match Money::parse(&self.value.text(), self.currency) {
                        Ok(money) => Line::from(Span::styled(format!("→ {}", money.full()), theme.success)),
                        Err(_) => Line::from(Span::styled(i18n.t("forms.customer.value_bad"), theme.danger)),
                    }
                };
                RowContent::TextWithNote { field: &self.value, width: (width / 3).clamp(12, 22), note }
            }
            other => match self.field(other) {
                Some(f) => RowContent::Text(f),
                None => RowContent::Choice(String::new()),
            },
        };
        let key = match field {
            CustomerField::Name => "name",
            CustomerField::Company => "company",
            CustomerField::Title => "title",
            CustomerField::Phone => "phone",
            CustomerField::Email => "email",
            CustomerField::Address => "address",
            CustomerField::Nickname => "nickname",
            CustomerField::Class => "class",
            CustomerField::Style => "style",
            CustomerField::Step => "step",
            CustomerField::Value => "value",
            CustomerField::Source => "source",
        };
        FormRow { label: i18n.t(&format!("forms.customer.{key}")), required: field == CustomerField::Name, content }
    }
}
