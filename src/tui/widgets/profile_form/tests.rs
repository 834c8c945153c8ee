use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::i18n::Lang;

fn customer() -> Customer {
    Customer {
        id: 3,
        name: "王伟".into(),
        nickname: String::new(),
        company: String::new(),
        title: String::new(),
        phone: String::new(),
        email: String::new(),
        address: String::new(),
        source: String::new(),
        referred_by: String::new(),
        class: CustomerClass::Intent,
        style: Style::Unknown,
        man: Man::default(),
        portfolio: None,
        cadence_days: None,
        last_contact_on: None,
        next_step_on: None,
        next_step: String::new(),
        archived: false,
        created_at: "2026-11-01T08:00:00Z".into(),
        updated_at: "2026-11-01T08:00:00Z".into(),
    }
}

fn form() -> ProfileForm {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
    let guide = ProfileGuide { playbook: Playbook::builtin(Lang::En), cadence: CadencePolicy::default(), today };
    ProfileForm::new(&customer(), guide)
}

fn press(f: &mut ProfileForm, code: KeyCode) -> ProfileEvent {
    f.handle_key(KeyEvent::new(code, KeyModifiers::NONE), &I18n::new(Lang::En), &Keymap::defaults())
}

fn save(f: &mut ProfileForm) -> ProfileEvent {
    f.handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL), &I18n::new(Lang::En), &Keymap::defaults())
}

fn type_text(f: &mut ProfileForm, text: &str) {
    for c in text.chars() {
        press(f, KeyCode::Char(c));
    }
}

#[test]
fn saves_every_part_of_the_profile() {
    let mut f = form();
    press(&mut f, KeyCode::Tab);
    type_text(&mut f, "dr");
    press(&mut f, KeyCode::Tab);
    type_text(&mut f, "y");
    press(&mut f, KeyCode::Tab);
    type_text(&mut f, "n");
    press(&mut f, KeyCode::Tab);
    type_text(&mut f, "是");
    press(&mut f, KeyCode::Tab);
    type_text(&mut f, "cash");
    press(&mut f, KeyCode::Tab);
    assert_eq!(f.focus(), ProfileField::Cadence);
    type_text(&mut f, " 10 ");
    let expected = CustomerPatch {
        class: Some(CustomerClass::Intent),
        style: Some(Style::Driver),
        man: Some(Man { money: Tri::Yes, authority: Tri::No, need: Tri::Yes }),
        portfolio: Some(Some(Portfolio::CashCow)),
        cadence_days: Some(Some(10)),
        ..CustomerPatch::default()
    };
    assert_eq!(save(&mut f), ProfileEvent::Save(Box::new(expected)));
}

#[test]
fn an_empty_cadence_and_a_cleared_quadrant_save_as_none() {
    let mut c = customer();
    c.portfolio = Some(Portfolio::Star);
    c.cadence_days = Some(5);
    let mut f = ProfileForm::new(&c, form().guide);
    for _ in 0..5 {
        press(&mut f, KeyCode::Tab);
    }
    press(&mut f, KeyCode::Backspace);
    press(&mut f, KeyCode::Tab);
    press(&mut f, KeyCode::Backspace);
    let ProfileEvent::Save(patch) = save(&mut f) else { panic!("no save") };
    assert_eq!((patch.portfolio, patch.cadence_days), (Some(None), Some(None)));
}

#[test]
fn a_bad_cadence_is_an_error_on_the_cadence_field() {
    for bad in ["0", "-3", "abc", "3651"] {
        let mut f = form();
        for _ in 0..6 {
            press(&mut f, KeyCode::Tab);
        }
        type_text(&mut f, bad);
        press(&mut f, KeyCode::Up);
        assert_eq!(save(&mut f), ProfileEvent::None, "{bad}");
        assert_eq!(f.focus(), ProfileField::Cadence);
        let shown =
            matches!(&f.notice, Some(Notice::Error(m)) if m.contains(&format!("'{bad}'")) && m.contains("3650"));
        assert!(shown, "{bad}: {:?}", f.notice);
    }
}

#[test]
fn esc_asks_once_something_changed() {
    let mut untouched = form();
    assert_eq!(press(&mut untouched, KeyCode::Esc), ProfileEvent::Cancel);
    let mut f = form();
    press(&mut f, KeyCode::Right);
    assert_eq!(press(&mut f, KeyCode::Esc), ProfileEvent::None);
    assert!(f.is_confirming_discard());
    press(&mut f, KeyCode::Char('n'));
    assert!(!f.is_confirming_discard());
    press(&mut f, KeyCode::Left);
    assert!(!f.is_dirty(), "back to what it opened with");
    assert_eq!(press(&mut f, KeyCode::Esc), ProfileEvent::Cancel);
}
