//! Crash-safe drafts: the text of an open visit form, note or objection form is written beside the database
//! (`<db>.drafts/<form>.json`, mode 0600) each time it changes, atomically (temporary file,
//! fsync, rename), so a crash or a killed terminal loses nothing. The file is deleted when the
//! form is saved or deliberately discarded; at the next start the app offers the rest back.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::widgets::note_input::NoteDraft;
use super::widgets::objection_form::ObjectionDraft;
use super::widgets::visit_form::{VisitDraft, VisitMode};
use crate::clock::Clock;
use crate::i18n::I18n;
use crate::store::StoreError;
use crate::store::private_file::{create_private_dir, write_private};

/// Which form a draft belongs to, with all its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "form", rename_all = "snake_case")]
pub enum DraftForm {
    Visit(Box<VisitDraft>),
    Note(NoteDraft),
    Objection(ObjectionDraft),
}

impl DraftForm {
    /// The file name stem: one draft per form and target (`visit-log-c7-v42`, `note-inbox`,
    /// `objection-c7-d3`).
    pub fn key(&self) -> String {
        match self {
            Self::Visit(v) => {
                let mode = match v.mode {
                    VisitMode::Plan => "plan",
                    VisitMode::Log => "log",
                };
                let visit = v.target.visit_id.map(|id| format!("-v{id}")).unwrap_or_default();
                format!("visit-{mode}-c{}{visit}", v.target.customer_id)
            }
            Self::Note(n) => match n.target.customer_id {
                Some(id) => format!("note-c{id}"),
                None => "note-inbox".to_string(),
            },
            Self::Objection(o) => format!("objection-c{}-d{}", o.target.customer_id, o.target.deal_id),
        }
    }
}

/// A draft as stored: the form and when it was last written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// RFC 3339, UTC.
    pub saved_at: String,
    #[serde(flatten)]
    pub form: DraftForm,
}

impl Draft {
    /// One line for a "reopen your drafts?" question: what form, for whom, and how it begins
    /// (`Visit log for 王伟: confirm budget…`).
    pub fn describe(&self, i18n: &I18n) -> String {
        let (what, text) = match &self.form {
            DraftForm::Visit(v) => {
                let key = match v.mode {
                    VisitMode::Plan => "forms.drafts.visit_plan",
                    VisitMode::Log => "forms.drafts.visit_log",
                };
                (i18n.fmt(key, &[("who", &v.target.customer_name)]), v.text.purpose.as_str())
            }
            DraftForm::Note(n) => match n.target.customer_id {
                Some(_) => (i18n.fmt("forms.drafts.note", &[("who", &n.target.customer_name)]), n.text.as_str()),
                None => (i18n.t("forms.drafts.note_inbox"), n.text.as_str()),
            },
            DraftForm::Objection(o) => {
                (i18n.fmt("forms.drafts.objection", &[("who", &o.target.customer_name)]), o.text.as_str())
            }
        };
        let first_line = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or_default();
        let mut begin: String = first_line.chars().take(40).collect();
        if first_line.chars().count() > 40 {
            begin.push('…');
        }
        i18n.fmt("forms.drafts.line", &[("what", &what), ("begin", &begin)])
    }
}

/// The directory holding the drafts of the database at `db_path`.
pub fn drafts_dir(db_path: &Path) -> PathBuf {
    let mut name = db_path.as_os_str().to_owned();
    name.push(".drafts");
    PathBuf::from(name)
}

/// Every draft left for this database, oldest first. Files that cannot be read are skipped
/// and left in place (never deleted), so nothing is lost to a bug in a newer version.
pub fn load(db_path: &Path) -> Vec<Draft> {
    let Ok(entries) = fs::read_dir(drafts_dir(db_path)) else {
        return Vec::new();
    };
    let mut drafts: Vec<Draft> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .filter_map(|p| fs::read(&p).ok())
        .filter_map(|bytes| serde_json::from_slice(&bytes).ok())
        .collect();
    drafts.sort_by(|a, b| a.saved_at.cmp(&b.saved_at));
    drafts
}

/// Writes `form` as a draft, replacing any earlier one for the same form and target.
pub fn save(db_path: &Path, form: &DraftForm, clock: Clock) -> Result<(), StoreError> {
    let dir = drafts_dir(db_path);
    create_private_dir(&dir).map_err(|source| StoreError::Io { path: dir.clone(), source })?;
    let draft = Draft { saved_at: clock.timestamp(), form: form.clone() };
    let path = dir.join(format!("{}.json", form.key()));
    let json = serde_json::to_vec_pretty(&draft)
        .map_err(|e| StoreError::Io { path: path.clone(), source: std::io::Error::other(e) })?;
    write_private(&path, &json).map_err(|source| StoreError::Io { path, source })
}

/// Deletes the draft of `form` (saved or discarded on purpose). A missing file is fine.
pub fn remove(db_path: &Path, form: &DraftForm) -> Result<(), StoreError> {
    let path = drafts_dir(db_path).join(format!("{}.json", form.key()));
    match fs::remove_file(&path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(StoreError::Io { path, source: e }),
        _ => Ok(()),
    }
}

/// Keeps the draft of one open form in step with its text: writes only when the form's
/// revision moved (not on every redraw or cursor move).
#[derive(Debug, Clone)]
pub struct DraftKeeper {
    db_path: PathBuf,
    clock: Clock,
    written: Option<(String, u64)>,
}

impl DraftKeeper {
    /// A keeper for drafts of the database at `db_path`.
    pub fn new(db_path: &Path, clock: Clock) -> Self {
        Self { db_path: db_path.to_path_buf(), clock, written: None }
    }

    /// Call after each key the form handled: writes `form` when `revision` changed since the
    /// last write (revision 0, an untouched form, is not written).
    pub fn keep(&mut self, form: &DraftForm, revision: u64) -> Result<(), StoreError> {
        let current = Some((form.key(), revision));
        if revision == 0 || self.written == current {
            return Ok(());
        }
        save(&self.db_path, form, self.clock)?;
        self.written = current;
        Ok(())
    }

    /// Call when the form was saved or discarded on purpose: deletes its draft.
    pub fn forget(&mut self, form: &DraftForm) -> Result<(), StoreError> {
        self.written = None;
        remove(&self.db_path, form)
    }
}

#[cfg(test)]
mod tests;
