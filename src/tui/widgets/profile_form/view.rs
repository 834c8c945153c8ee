//! Drawing the profile form: the fields, and under them the playbook's advice for what is
//! chosen (the style's needs, fears and how to deal, the MAN code and its advice, the cadence
//! that follows).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{ProfileField, ProfileForm};
use crate::config::Config;
use crate::domain::Word;
use crate::i18n::{Face, I18n};
use crate::playbook::views::{ProfileView, cadence_text};
use crate::tui::action::Action;
use crate::tui::keymap::{Hints, Keymap, ModalId};
use crate::tui::theme::Theme;
use crate::tui::widgets::dialog::render_discard_question;
use crate::tui::widgets::form_layout::{FormFrame, FormRow, RowContent, render_form};

impl ProfileForm {
    /// Draws the form over `area` (and the discard question on top when it is asked), with the
    /// keys of `keymap` in its hints.
    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme, i18n: &I18n, keymap: &Keymap) {
        let config = Config { cadence: self.guide.cadence, ..Config::default() };
        let view = ProfileView::new(&self.preview(), &self.guide.playbook, &config, self.guide.today);
        let mut rows = Vec::new();
        let mut focus = 0;
        for field in super::FIELDS {
            if field == self.focus {
                focus = rows.len();
            }
            rows.push(self.row(field, theme, i18n));
            rows.extend(self.advice_after(field, &view, i18n));
        }
        let mut hints = Hints::new(keymap, ModalId::ProfileForm, i18n);
        hints.key(Action::NextField).pair(Action::ChoosePrevious, Action::ChooseNext, "forms.hint.choose");
        hints.key(Action::Save).key(Action::Cancel);
        if self.focus == ProfileField::Portfolio {
            hints.key_as(Action::Clear, "forms.profile.clear");
        }
        let title = i18n.fmt("forms.profile.title", &[("who", &self.original.name)]);
        let chrome = FormFrame {
            title,
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

    fn row(&self, field: ProfileField, theme: &Theme, i18n: &I18n) -> FormRow<'_> {
        let content = match field {
            ProfileField::Class => RowContent::Choice(name(i18n, self.class.value())),
            ProfileField::Style => RowContent::Choice(name(i18n, self.style.value())),
            ProfileField::Money => RowContent::Choice(name(i18n, self.money.value())),
            ProfileField::Authority => RowContent::Choice(name(i18n, self.authority.value())),
            ProfileField::Need => RowContent::Choice(name(i18n, self.need.value())),
            ProfileField::Portfolio => RowContent::Choice(match self.portfolio.value() {
                Some(p) => i18n.word(p),
                None => i18n.t("forms.profile.no_portfolio"),
            }),
            ProfileField::Cadence => {
                let note = Line::from(Span::styled(i18n.t("forms.profile.cadence_note"), theme.muted));
                RowContent::TextWithNote { field: &self.cadence, width: 6, note }
            }
        };
        let key = match field {
            ProfileField::Class => "class",
            ProfileField::Style => "style",
            ProfileField::Money => "money",
            ProfileField::Authority => "authority",
            ProfileField::Need => "need",
            ProfileField::Portfolio => "portfolio",
            ProfileField::Cadence => "cadence",
        };
        FormRow { label: i18n.t(&format!("forms.profile.{key}")), required: false, content }
    }

    /// The advice rows shown under `field`: the style's needs, fears and how to deal after the
    /// style; the MAN code and advice after need; the resulting cadence after the override.
    fn advice_after(&self, field: ProfileField, view: &ProfileView, i18n: &I18n) -> Vec<FormRow<'static>> {
        let info =
            |key: &str, text: String| FormRow { label: i18n.t(key), required: false, content: RowContent::Info(text) };
        match field {
            ProfileField::Style => match &view.style_guide {
                Some(g) => vec![
                    info("forms.profile.needs", g.needs.join(" · ")),
                    info("forms.profile.fears", g.fears.join(" · ")),
                    info("playbook.label.deal", g.deal.join(" · ")),
                ],
                None => vec![info("playbook.label.deal", i18n.t("forms.profile.style_unknown"))],
            },
            ProfileField::Need => {
                let advice = view.man_advice.clone().unwrap_or_else(|| i18n.t("forms.profile.man_unknown"));
                vec![info("playbook.label.man", i18n.explained(&view.man_code, &advice))]
            }
            ProfileField::Cadence => {
                let text = match self.typed_cadence() {
                    Ok(_) => cadence_text(i18n, &view.cadence),
                    Err(e) => i18n.localize(&e, Face::App),
                };
                vec![info("playbook.label.cadence", text)]
            }
            ProfileField::Class | ProfileField::Money | ProfileField::Authority | ProfileField::Portfolio => vec![],
        }
    }
}

/// A required choice's value by name.
fn name<W: Word>(i18n: &I18n, w: Option<W>) -> String {
    w.map_or_else(String::new, |w| i18n.word(w))
}
