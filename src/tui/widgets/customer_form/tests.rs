use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::domain::Man;
use crate::i18n::Lang;

fn press(form: &mut CustomerForm, code: KeyCode) -> CustomerFormEvent {
    form.handle_key(KeyEvent::new(code, KeyModifiers::NONE), &I18n::new(Lang::En), &Keymap::defaults())
}

fn save(form: &mut CustomerForm) -> CustomerFormEvent {
    form.handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL), &I18n::new(Lang::En), &Keymap::defaults())
}

fn type_text(form: &mut CustomerForm, text: &str) {
    for c in text.chars() {
        let code = match c {
            '\t' => KeyCode::Tab,
            '→' => KeyCode::Right,
            '←' => KeyCode::Left,
            c => KeyCode::Char(c),
        };
        press(form, code);
    }
}

fn customer() -> Customer {
    Customer {
        id: 9,
        name: "王伟".into(),
        nickname: String::new(),
        company: "深圳医疗器械".into(),
        title: "采购经理".into(),
        phone: "13800138000".into(),
        email: String::new(),
        address: String::new(),
        source: String::new(),
        referred_by: String::new(),
        class: CustomerClass::Intent,
        style: Style::Analytical,
        man: Man::default(),
        portfolio: None,
        cadence_days: None,
        last_contact_on: NaiveDate::from_ymd_opt(2031, 5, 2),
        next_step_on: None,
        next_step: String::new(),
        archived: false,
        created_at: String::new(),
        updated_at: String::new(),
    }
}

#[test]
fn adds_a_customer_with_its_first_deal() {
    let mut form = CustomerForm::new(Step::Preparation);
    assert_eq!(form.focus(), CustomerField::Name);
    type_text(&mut form, "Li Na\tHangzhou Cloud\t\t\t\t\tLi\ti\t\t→\t200k\treferral");
    let CustomerFormEvent::Save { save, confirmed } = save(&mut form) else { panic!("expected a save") };
    let CustomerSave::New { customer, deal } = *save else { panic!("expected a new customer") };
    assert!(!confirmed);
    assert_eq!((customer.name.as_str(), customer.company.as_str()), ("Li Na", "Hangzhou Cloud"));
    assert_eq!(customer.class, Some(CustomerClass::Intent));
    assert_eq!(customer.source, "referral");
    assert_eq!(customer.nickname, "Li");
    assert_eq!((deal.stage, deal.value_minor), (Step::Approach, Some(20_000_000)));
}

#[test]
fn missing_name_or_bad_value_is_named_focused_and_text_kept() {
    let mut form = CustomerForm::new(Step::Preparation);
    press(&mut form, KeyCode::Tab);
    type_text(&mut form, "Xinda Steel");
    assert_eq!(save(&mut form), CustomerFormEvent::None);
    assert_eq!(form.focus(), CustomerField::Name);
    assert!(matches!(&form.notice, Some(Notice::Error(m)) if m.contains("name")));
    type_text(&mut form, "Zhao Lei");
    form.focus = CustomerField::Value;
    type_text(&mut form, "lots");
    assert_eq!(save(&mut form), CustomerFormEvent::None);
    assert_eq!(form.focus(), CustomerField::Value);
    assert_eq!(form.company.text(), "Xinda Steel");
}

#[test]
fn a_warning_then_ctrl_s_again_is_confirmed_unless_something_changed() {
    let mut form = CustomerForm::new(Step::Preparation);
    type_text(&mut form, "王伟");
    form.set_warning("王伟 · 深圳医疗器械 already exists".into());
    assert!(matches!(save(&mut form), CustomerFormEvent::Save { confirmed: true, .. }));
    form.set_warning("possible duplicate".into());
    type_text(&mut form, "2");
    assert!(matches!(save(&mut form), CustomerFormEvent::Save { confirmed: false, .. }));
}

#[test]
fn editing_produces_a_patch_of_the_changed_fields_only() {
    let mut form = CustomerForm::edit(&customer(), &I18n::new(Lang::En));
    assert!(!form.is_dirty());
    assert_eq!(form.phone.text(), "138 0013 8000", "the phone as a rep reads it, saved unchanged");
    assert_eq!(press(&mut form, KeyCode::Esc), CustomerFormEvent::Cancel);
    form.focus = CustomerField::Title;
    type_text(&mut form, "!");
    form.focus = CustomerField::Style;
    press(&mut form, KeyCode::Left);
    let CustomerFormEvent::Save { save, .. } = save(&mut form) else { panic!("expected a save") };
    let CustomerSave::Edit { id, patch } = *save else { panic!("expected an edit") };
    assert_eq!(id, 9);
    let expected =
        CustomerPatch { title: Some("采购经理!".into()), style: Some(Style::Amiable), ..Default::default() };
    assert_eq!(patch, expected);
}

#[test]
fn esc_with_changes_asks_first() {
    let mut form = CustomerForm::edit(&customer(), &I18n::new(Lang::En));
    type_text(&mut form, "x");
    assert_eq!(press(&mut form, KeyCode::Esc), CustomerFormEvent::None);
    assert!(form.is_confirming_discard());
    assert_eq!(press(&mut form, KeyCode::Char('n')), CustomerFormEvent::None);
    assert_eq!(form.name.text(), "王伟x");
    press(&mut form, KeyCode::Esc);
    assert_eq!(press(&mut form, KeyCode::Char('y')), CustomerFormEvent::Cancel);
}
