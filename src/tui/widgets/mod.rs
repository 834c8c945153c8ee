//! Self-contained pieces the screens open: forms, dialogs, and the fields they are made of.
//! Each has a state struct with `handle_key` (returns an event for the app) and a pure
//! `render(&self, frame, area, theme, i18n)`.

pub mod checklist_panel;
pub(crate) mod choice;
pub(crate) mod contact_form;
pub mod customer_form;
pub mod customer_picker;
pub(crate) mod deal_form;
pub mod dialog;
pub mod entry_list;
pub mod fact_form;
pub(crate) mod form_keys;
pub(crate) mod form_layout;
pub(crate) mod guide_panel;
pub mod note_input;
pub mod objection_form;
pub mod objection_picker;
pub(crate) mod profile_form;
pub(crate) mod text_field;
pub(crate) mod tick_list;
pub(crate) mod typed_pick;
pub mod visit_form;
