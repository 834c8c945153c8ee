use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::domain::VisitKind;
use crate::i18n::Lang;

fn clock() -> Clock {
    Clock::Fixed(NaiveDate::from_ymd_opt(2031, 5, 6).unwrap())
}

fn target() -> VisitTarget {
    VisitTarget { customer_id: 7, customer_name: "王伟".into(), step: Some(Step::Survey), visit_id: None }
}

fn press(form: &mut VisitForm, code: KeyCode) -> VisitFormEvent {
    form.handle_key(KeyEvent::new(code, KeyModifiers::NONE), &I18n::new(Lang::En), &Keymap::defaults())
}

fn ctrl(form: &mut VisitForm, c: char) -> VisitFormEvent {
    form.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL), &I18n::new(Lang::En), &Keymap::defaults())
}

fn type_text(form: &mut VisitForm, text: &str) {
    for c in text.chars() {
        let code = if c == '\n' { KeyCode::Enter } else { KeyCode::Char(c) };
        press(form, code);
    }
}

#[test]
fn opens_in_purpose_and_tabs_through_the_core_fields() {
    let mut form = VisitForm::plan(target(), clock());
    assert_eq!(form.focus(), VisitField::Purpose);
    press(&mut form, KeyCode::Tab);
    assert_eq!(form.focus(), VisitField::ActionPlan);
    press(&mut form, KeyCode::Tab);
    assert_eq!(form.focus(), VisitField::Expected);
    press(&mut form, KeyCode::Tab);
    assert_eq!(form.focus(), VisitField::Type);
    press(&mut form, KeyCode::Tab);
    assert_eq!(form.focus(), VisitField::Channel);
    press(&mut form, KeyCode::BackTab);
    assert_eq!(form.focus(), VisitField::Type);
}

#[test]
fn enter_makes_a_newline_in_multi_line_fields_and_moves_on_in_one_line_fields() {
    let mut form = VisitForm::plan(target(), clock());
    type_text(&mut form, "line one\nline two");
    assert_eq!(form.text().purpose, "line one\nline two");
    assert_eq!(form.focus(), VisitField::Purpose);
    form.focus = VisitField::When;
    type_text(&mut form, "fri\n");
    assert_eq!(form.focus(), VisitField::NextTopic, "plan mode skips the result fields");
}

#[test]
fn a_complete_plan_saves_with_the_parsed_date() {
    let mut form = VisitForm::plan(target(), clock());
    type_text(&mut form, "confirm budget");
    press(&mut form, KeyCode::Tab);
    type_text(&mut form, "bring price list");
    press(&mut form, KeyCode::Tab);
    type_text(&mut form, "budget range");
    press(&mut form, KeyCode::Tab);
    press(&mut form, KeyCode::Tab);
    press(&mut form, KeyCode::Right);
    press(&mut form, KeyCode::Tab);
    type_text(&mut form, "tomorrow 10:00");
    let VisitFormEvent::Save(input) = ctrl(&mut form, 's') else { panic!("expected a save") };
    assert_eq!(input.purpose, "confirm budget");
    assert_eq!(input.channel, Channel::Phone);
    assert_eq!(input.planned_at.map(|d| d.to_string()), Some("2031-05-07 10:00:00".into()));
    assert_eq!(input.done_at, None);
    assert_eq!(input.kind, VisitKind::CustomerVisit);
    assert_eq!(input.ticks, None, "planning leaves ticks alone");
}

#[test]
fn a_missing_field_is_named_focused_and_nothing_is_lost() {
    let mut form = VisitForm::log(target(), clock());
    type_text(&mut form, "confirm budget");
    press(&mut form, KeyCode::Tab);
    press(&mut form, KeyCode::Tab);
    type_text(&mut form, "budget range");
    assert_eq!(ctrl(&mut form, 's'), VisitFormEvent::None);
    assert_eq!(form.focus(), VisitField::ActionPlan);
    assert!(matches!(&form.notice, Some(Notice::Error(m)) if m.contains("action plan")), "{:?}", form.notice);
    assert_eq!(form.text().purpose, "confirm budget");
    assert_eq!(form.text().expected_result, "budget range");
}

#[test]
fn a_bad_date_focuses_when_after_the_required_texts() {
    let mut form = VisitForm::plan(target(), clock());
    form.when.set_text("someday");
    ctrl(&mut form, 's');
    assert_eq!(form.focus(), VisitField::Purpose, "the first missing text comes first");
    for field in [VisitField::Purpose, VisitField::ActionPlan, VisitField::Expected] {
        form.field_mut(field).unwrap().set_text("x");
    }
    ctrl(&mut form, 's');
    assert_eq!(form.focus(), VisitField::When);
    form.when.set_text("");
    ctrl(&mut form, 's');
    assert_eq!(form.focus(), VisitField::When, "a plan needs a date");
    form.when.set_text("+3d");
    form.next_on.set_text("never");
    ctrl(&mut form, 's');
    assert_eq!(form.focus(), VisitField::NextOn);
}

#[test]
fn esc_asks_when_text_was_typed_and_cancels_when_empty() {
    let mut empty = VisitForm::plan(target(), clock());
    assert_eq!(press(&mut empty, KeyCode::Esc), VisitFormEvent::Cancel);
    let mut form = VisitForm::plan(target(), clock());
    type_text(&mut form, "a");
    assert_eq!(press(&mut form, KeyCode::Esc), VisitFormEvent::None);
    assert!(form.is_confirming_discard());
    assert_eq!(press(&mut form, KeyCode::Char('n')), VisitFormEvent::None);
    assert!(!form.is_confirming_discard());
    assert_eq!(form.text().purpose, "a");
    press(&mut form, KeyCode::Esc);
    assert_eq!(press(&mut form, KeyCode::Char('y')), VisitFormEvent::Cancel);
}

#[test]
fn logging_an_appointment_copies_it_and_keeps_its_planned_time() {
    let planned = NaiveDate::from_ymd_opt(2031, 5, 6).unwrap().and_hms_opt(10, 0, 0);
    let appointment = Visit {
        id: 42,
        customer_id: 7,
        deal_id: None,
        channel: Channel::Video,
        kind: VisitKind::Demonstration,
        planned_at: planned,
        done_at: None,
        purpose: "demo".into(),
        action_plan: "show reports".into(),
        expected_result: "IT agrees".into(),
        actual_result: String::new(),
        outcome: None,
        next_topic: "the tender date".into(),
        next_step: "send the brochure".into(),
        next_step_on: NaiveDate::from_ymd_opt(2031, 5, 8),
        notes: String::new(),
        created_at: String::new(),
        updated_at: String::new(),
    };
    let mut form = VisitForm::log_appointment(target(), &appointment, vec![2], clock());
    assert!(!form.is_dirty());
    assert_eq!(form.target().visit_id, Some(42));
    assert_eq!(form.text().when, "2031-05-06 10:00", "when starts at the planned time, not now (09:00)");
    let VisitFormEvent::Save(input) = ctrl(&mut form, 's') else { panic!("expected a save") };
    assert_eq!(input.planned_at, planned);
    assert_eq!(input.done_at.map(|d| d.to_string()), Some("2031-05-06 10:00:00".into()));
    assert_eq!((input.purpose.as_str(), input.channel), ("demo", Channel::Video));
    assert_eq!(input.kind, VisitKind::Demonstration, "the appointment's type is kept");
    assert_eq!(input.ticks, Some(vec![2]), "and its ticks");
    let next = (input.next_topic.as_str(), input.next_step.as_str(), input.next_step_on);
    assert_eq!(
        next,
        ("the tender date", "send the brochure", NaiveDate::from_ymd_opt(2031, 5, 8)),
        "and its next step"
    );
}

fn typed_form(mode: VisitMode) -> VisitForm {
    let mut form = match mode {
        VisitMode::Plan => VisitForm::plan(target(), clock()),
        VisitMode::Log => VisitForm::log(target(), clock()),
    };
    form.set_types(visit_type_options(&crate::playbook::Playbook::builtin(Lang::En)));
    form
}

#[test]
fn the_type_cycles_through_the_playbooks_types_and_clears_ticks() {
    let mut form = typed_form(VisitMode::Log);
    assert_eq!(form.kind_name(), "Customer visit");
    form.focus = VisitField::Type;
    press(&mut form, KeyCode::Right);
    assert_eq!(form.text().kind, Some(VisitKind::StoreCheck));
    assert_eq!(form.kind_name(), "Store check");
    assert_eq!(form.revision(), 1);
    form.ticks = vec![1];
    press(&mut form, KeyCode::Left);
    press(&mut form, KeyCode::Left);
    assert_eq!(form.text().kind, Some(VisitKind::AfterSaleCare), "wraps around");
    assert!(form.text().ticks.is_empty(), "ticks belong to the old type's checklist");
}

#[test]
fn ctrl_t_fills_an_empty_plan_and_adds_to_a_typed_one() {
    let mut form = typed_form(VisitMode::Plan);
    ctrl(&mut form, 't');
    let checklist =
        crate::playbook::Playbook::builtin(Lang::En).visit_type(&VisitKind::CustomerVisit).unwrap().checklist.clone();
    let generated = crate::playbook::views::bullets(&checklist);
    assert_eq!(form.text().action_plan, generated);
    assert_eq!(form.focus(), VisitField::ActionPlan);
    form.focus = VisitField::Type;
    press(&mut form, KeyCode::Right);
    ctrl(&mut form, 't');
    assert!(form.text().action_plan.starts_with("- Prepare again"), "another type's list is replaced");
    form.action_plan.set_text("bring samples");
    ctrl(&mut form, 't');
    let plan = form.text().action_plan;
    assert!(plan.starts_with("bring samples\n- Prepare again"), "typed text is kept: {plan}");
}

#[test]
fn ctrl_t_warns_when_the_type_has_no_checklist() {
    let mut form = VisitForm::plan(target(), clock());
    form.kind = VisitKind::Custom("trade fair".into());
    form.set_types(visit_type_options(&crate::playbook::Playbook::builtin(Lang::En)));
    ctrl(&mut form, 't');
    assert!(matches!(&form.notice, Some(Notice::Warning(m)) if m.contains("trade fair")), "{:?}", form.notice);
    assert_eq!(form.text().action_plan, "");
    assert!(!form.fields().contains(&VisitField::Checklist));
}

#[test]
fn logging_ticks_the_checklist_with_space_and_saves_the_ticks() {
    let mut form = typed_form(VisitMode::Log);
    for field in [VisitField::Purpose, VisitField::ActionPlan, VisitField::Expected] {
        form.field_mut(field).unwrap().set_text("x");
    }
    form.focus = VisitField::When;
    press(&mut form, KeyCode::Tab);
    assert_eq!(form.focus(), VisitField::Checklist, "the checklist follows when");
    press(&mut form, KeyCode::Char(' '));
    press(&mut form, KeyCode::Down);
    press(&mut form, KeyCode::Down);
    press(&mut form, KeyCode::Char(' '));
    press(&mut form, KeyCode::Up);
    press(&mut form, KeyCode::Up);
    press(&mut form, KeyCode::Up);
    assert_eq!(form.focus(), VisitField::When, "up from the first item leaves the list");
    assert_eq!(form.text().ticks, vec![1, 3]);
    let VisitFormEvent::Save(input) = ctrl(&mut form, 's') else { panic!("expected a save") };
    assert_eq!(input.ticks, Some(vec![1, 3]));
    let plan = typed_form(VisitMode::Plan);
    assert!(!plan.fields().contains(&VisitField::Checklist), "planning has nothing to tick");
}

#[test]
fn a_draft_keeps_type_and_ticks_and_an_old_draft_still_loads() {
    let mut form = typed_form(VisitMode::Log);
    form.focus = VisitField::Type;
    press(&mut form, KeyCode::Right);
    form.focus = VisitField::Checklist;
    press(&mut form, KeyCode::Char(' '));
    let json = serde_json::to_string(&form.draft()).unwrap();
    let back: VisitDraft = serde_json::from_str(&json).unwrap();
    let reopened = VisitForm::from_draft(&back, clock());
    assert_eq!(reopened.text().kind, Some(VisitKind::StoreCheck));
    assert_eq!(reopened.text().ticks, vec![1]);

    let mut old: serde_json::Value = serde_json::from_str(&json).unwrap();
    let text = old["text"].as_object_mut().unwrap();
    text.remove("kind");
    text.remove("ticks");
    old["base"]["kind"] = "demonstration".into();
    let old: VisitDraft = serde_json::from_value(old).unwrap();
    assert_eq!((old.text.kind.clone(), old.text.ticks.clone()), (None, vec![]));
    let reopened = VisitForm::from_draft(&old, clock());
    assert_eq!(reopened.text().kind, Some(VisitKind::Demonstration), "the base's type is used");
    assert!(reopened.is_dirty());
}

#[test]
fn ctrl_o_asks_for_the_objection_form() {
    let mut form = typed_form(VisitMode::Log);
    type_text(&mut form, "kept");
    assert_eq!(ctrl(&mut form, 'o'), VisitFormEvent::LogObjection);
    assert_eq!(form.text().purpose, "kept");
}

#[test]
fn ctrl_g_cycles_suggestions_and_f1_asks_for_the_playbook() {
    let mut form = VisitForm::plan(target(), clock());
    ctrl(&mut form, 'g');
    assert!(matches!(form.notice, Some(Notice::Warning(_))));
    form.set_suggestions(vec!["map the decision process".into(), "confirm budget".into()]);
    ctrl(&mut form, 'g');
    assert_eq!(form.text().purpose, "map the decision process");
    ctrl(&mut form, 'g');
    assert_eq!(form.text().purpose, "confirm budget");
    assert_eq!(press(&mut form, KeyCode::F(1)), VisitFormEvent::ShowPlaybook);
}

#[test]
fn revision_moves_only_when_text_changes() {
    let mut form = VisitForm::plan(target(), clock());
    press(&mut form, KeyCode::Tab);
    press(&mut form, KeyCode::Left);
    assert_eq!(form.revision(), 0);
    type_text(&mut form, "王");
    assert_eq!(form.revision(), 1);
    let reopened = VisitForm::from_draft(&form.draft(), clock());
    assert_eq!(reopened.text(), form.text());
    assert!(reopened.is_dirty());
}

#[test]
fn logging_at_a_time_still_ahead_today_means_yesterday() {
    // The fixed clock reads 09:00: "14:00" typed while logging is yesterday afternoon.
    let mut form = VisitForm::log(target(), clock());
    form.when = TextField::single("14:00");
    assert_eq!(form.parsed_when().map(|w| w.display()), Ok("2031-05-05 14:00".into()));
    form.when = TextField::single("08:30");
    assert_eq!(form.parsed_when().map(|w| w.display()), Ok("2031-05-06 08:30".into()));
    let mut plan = VisitForm::plan(target(), clock());
    plan.when = TextField::single("14:00");
    assert_eq!(plan.parsed_when().map(|w| w.display()), Ok("2031-05-06 14:00".into()), "a plan looks ahead");
}
