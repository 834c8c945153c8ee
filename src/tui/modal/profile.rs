//! The profile form as a modal: saving writes class, style, MAN, quadrant and cadence.

use ratatui::crossterm::event::KeyEvent;

use super::{Modal, ModalOutcome};
use crate::domain::CadencePolicy;
use crate::i18n::{Face, I18n};
use crate::playbook::Playbook;
use crate::store::Store;
use crate::tui::keymap::Keymap;
use crate::tui::widgets::profile_form::{ProfileEvent, ProfileForm, ProfileGuide};

/// The profile form of `customer_id`, with advice from `playbook` and cadences by `cadence`.
pub fn open(customer_id: i64, store: &Store, playbook: &Playbook, cadence: CadencePolicy) -> anyhow::Result<Modal> {
    let customer = store.customer(customer_id)?;
    let guide = ProfileGuide { playbook: playbook.clone(), cadence, today: store.clock().today() };
    Ok(Modal::Profile(Box::new(ProfileForm::new(&customer, guide))))
}

/// A key in the profile form; saving updates the customer. A failed write keeps the form open
/// with everything chosen and shows why.
pub(super) fn form_key(
    form: &mut ProfileForm,
    key: KeyEvent,
    store: &mut Store,
    i18n: &I18n,
    keymap: &Keymap,
) -> ModalOutcome {
    match form.handle_key(key, i18n, keymap) {
        ProfileEvent::None => ModalOutcome::Stay,
        ProfileEvent::Cancel => ModalOutcome::Close,
        ProfileEvent::Save(patch) => match store.update_customer(form.customer_id(), *patch) {
            Ok(c) => ModalOutcome::Saved(i18n.fmt("forms.profile.saved", &[("who", &c.name)])),
            Err(e) => {
                form.set_error(i18n.localize(&e, Face::App));
                ModalOutcome::Stay
            }
        },
    }
}
