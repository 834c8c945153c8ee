//! The self-assessment in the app (the palette's self-assessment, `a` on the report): the
//! sixteen statements asked one after another in a prompt, each rated 1 to 5; the last one
//! keeps the sitting and the message line names the weakest skill.

use ratatui::crossterm::event::KeyEvent;

use super::{Modal, ModalOutcome};
use crate::domain::assessment::{Answers, RATINGS, STATEMENTS, Skill};
use crate::i18n::I18n;
use crate::ops;
use crate::playbook::Playbook;
use crate::playbook::assessment_view as view;
use crate::store::Store;
use crate::tui::keymap::Keymap;
use crate::tui::widgets::dialog::{PromptDialog, PromptEvent, PromptKind, PromptValue};

/// A sitting under way: the statements and the ratings given so far.
#[derive(Debug, Clone)]
pub struct Sitting {
    statements: Vec<(String, String)>,
    scale: String,
    /// Names of the skills, for the message once saved.
    skills: Vec<(Skill, String)>,
    ratings: Vec<u8>,
}

impl Sitting {
    /// True once a statement was rated (Esc then asks before the ratings are lost).
    pub fn started(&self) -> bool {
        !self.ratings.is_empty()
    }
}

/// The first statement's prompt; an error when the playbook lacks statements.
pub(super) fn open(playbook: &Playbook, i18n: &I18n) -> anyhow::Result<Modal> {
    let statements =
        view::statements(playbook).ok_or_else(|| crate::i18n::Message::new("cli.assess.incomplete_playbook"))?;
    let sitting = Sitting {
        statements: statements.iter().map(|(skill, s)| (view::skill_name(playbook, *skill), s.clone())).collect(),
        scale: view::scale(i18n, playbook),
        skills: Skill::ALL.iter().map(|s| (*s, view::skill_name(playbook, *s))).collect(),
        ratings: Vec::with_capacity(STATEMENTS),
    };
    Ok(Modal::Assess(Box::new(prompt(&sitting, i18n)), Box::new(sitting)))
}

/// The prompt for the next statement.
fn prompt(sitting: &Sitting, i18n: &I18n) -> PromptDialog {
    let n = sitting.ratings.len();
    let (skill, statement) = sitting.statements.get(n).cloned().unwrap_or_default();
    let title = i18n.fmt("tui.assess.title", &[("n", &(n + 1)), ("skill", &skill)]);
    let question = i18n.fmt("tui.assess.label", &[("statement", &statement), ("scale", &sitting.scale)]);
    PromptDialog::new(title, i18n.t("tui.assess.rating"), PromptKind::Required { field: "rating" })
        .with_question(question)
}

/// A key in the prompt: a rating of 1 to 5 goes on to the next statement, after the last the
/// sitting is kept.
pub(super) fn assess_key(
    dialog: &mut PromptDialog,
    sitting: &Sitting,
    key: KeyEvent,
    store: &mut Store,
    i18n: &I18n,
    keymap: &Keymap,
) -> ModalOutcome {
    let typed = match dialog.handle_key(key, i18n, keymap) {
        PromptEvent::None => return ModalOutcome::Stay,
        PromptEvent::Cancel => return ModalOutcome::Close,
        PromptEvent::Submit(PromptValue::Text(typed)) => typed,
        PromptEvent::Submit(PromptValue::When(_)) => return ModalOutcome::Stay,
    };
    let rating = match typed.trim().parse::<u8>() {
        Ok(r) if RATINGS.contains(&r) => r,
        _ => return ModalOutcome::Info(i18n.t("cli.assess.one_to_five")),
    };
    let mut next = sitting.clone();
    next.ratings.push(rating);
    if next.ratings.len() < STATEMENTS {
        return ModalOutcome::Next(Box::new(Modal::Assess(Box::new(prompt(&next, i18n)), Box::new(next))));
    }
    let saved = Answers::new(&next.ratings)
        .map_err(anyhow::Error::from)
        .and_then(|answers| Ok(ops::assessment::take(store, store.clock().today(), &answers)?));
    match saved {
        Ok(summary) => {
            let weakest =
                summary.weakest.and_then(|w| next.skills.iter().find(|(s, _)| *s == w)).map(|(_, n)| n.clone());
            ModalOutcome::Saved(i18n.fmt("tui.assess.saved", &[("skill", &weakest.unwrap_or_default())]))
        }
        Err(e) => ModalOutcome::Failed(e),
    }
}
