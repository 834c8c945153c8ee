//! Snapshots of the TUI's forms and dialogs at 80×24 and 120×40, in English and Chinese, with a
//! fixed clock; plus the cursor position in Chinese text.

use chrono::NaiveDate;
use fieldbook::clock::Clock;
use fieldbook::domain::Step;
use fieldbook::domain::today::CustomerRef;
use fieldbook::domain::{Objection, ObjectionKind, Outcome, VisitKind};
use fieldbook::i18n::{I18n, Lang};
use fieldbook::playbook::Playbook;
use fieldbook::tui::keymap::Keymap;
use fieldbook::tui::theme::Theme;
use fieldbook::tui::widgets::customer_form::CustomerForm;
use fieldbook::tui::widgets::dialog::{ConfirmDialog, PromptDialog, PromptKind};
use fieldbook::tui::widgets::note_input::{NoteInput, NoteTarget};
use fieldbook::tui::widgets::objection_form::{ObjectionForm, ObjectionTarget};
use fieldbook::tui::widgets::objection_picker::ObjectionPicker;
use fieldbook::tui::widgets::visit_form::{VisitField, VisitForm, VisitTarget, visit_type_options};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Position;
use ratatui::{Frame, Terminal, backend::TestBackend};

use crate::tui_support::text_of;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];
const LANGS: [Lang; 2] = [Lang::En, Lang::ZhCn];

fn clock() -> Clock {
    Clock::Fixed(NaiveDate::from_ymd_opt(2031, 5, 6).unwrap())
}

/// Renders with `draw` and returns the screen text and the terminal cursor.
fn screen(width: u16, height: u16, draw: impl Fn(&mut Frame)) -> (String, Position) {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| draw(f)).unwrap();
    let cursor = terminal.get_cursor_position().unwrap();
    (text_of(terminal.backend().buffer()), cursor)
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn type_text(form: &mut VisitForm, i18n: &I18n, text: &str) {
    for c in text.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\t' => KeyCode::Tab,
            '↓' => KeyCode::Down,
            c => KeyCode::Char(c),
        };
        form.handle_key(key(code), i18n, &Keymap::defaults());
    }
}

/// A store check being logged: typed fields, two checklist items ticked, the outcome focused.
fn filled_visit_form(lang: Lang) -> VisitForm {
    let i18n = I18n::new(lang);
    let (name, text) = match lang {
        Lang::En => (
            "Li Na",
            "confirm budget range and who signs off\tbring last year's price list\nask the four question kinds\t\
             budget range and the approver's name\t \t\t\t ↓↓ \tall three answered\t\tthe tender date\t\
             send the case study\t+3d",
        ),
        Lang::ZhCn => (
            "王伟",
            "确认预算范围和审批人\t带上去年的价格表\n按四类问题提问\t预算范围和审批人姓名\t \t\t\t ↓↓ \t三项都问到了\t\t\
             招标日期\t发送案例资料\t周五",
        ),
    };
    let target = VisitTarget { customer_id: 1, customer_name: name.into(), step: Some(Step::Survey), visit_id: None };
    let mut form = VisitForm::log(target, clock());
    form.set_types(visit_type_options(&Playbook::builtin(lang)));
    type_text(&mut form, &i18n, text);
    for _ in 0..3 {
        form.handle_key(key(KeyCode::BackTab), &i18n, &Keymap::defaults());
    }
    form.handle_key(key(KeyCode::Right), &i18n, &Keymap::defaults());
    form
}

#[test]
fn visit_form_snapshots() {
    for lang in LANGS {
        let i18n = I18n::new(lang);
        let form = filled_visit_form(lang);
        for (w, h) in SIZES {
            let (view, _) = screen(w, h, |f| form.render(f, f.area(), &Theme::default(), &i18n, &Keymap::defaults()));
            insta::assert_snapshot!(format!("visit_form_{}_{w}x{h}", lang.tag()), view);
        }
    }
}

#[test]
fn visit_form_checklist_focused_snapshots() {
    for lang in LANGS {
        let i18n = I18n::new(lang);
        let mut form = filled_visit_form(lang);
        while form.focus() != VisitField::Checklist {
            form.handle_key(key(KeyCode::Tab), &i18n, &Keymap::defaults());
        }
        form.handle_key(key(KeyCode::Down), &i18n, &Keymap::defaults());
        for (w, h) in SIZES {
            let (view, _) = screen(w, h, |f| form.render(f, f.area(), &Theme::default(), &i18n, &Keymap::defaults()));
            insta::assert_snapshot!(format!("visit_form_checklist_{}_{w}x{h}", lang.tag()), view);
        }
    }
}

#[test]
fn objection_form_snapshots() {
    for lang in LANGS {
        let i18n = I18n::new(lang);
        let target = ObjectionTarget { customer_id: 1, customer_name: "王伟".into(), deal_id: 1 };
        let mut form = ObjectionForm::new(target, &Playbook::builtin(lang));
        let typed = match lang {
            Lang::En => "Your price is higher than the shop next door\t\u{2192}\tshowed the three-year cost",
            Lang::ZhCn => "你们的价格比隔壁贵\t\u{2192}\t讲了三年总成本",
        };
        for c in typed.chars() {
            let code = match c {
                '\t' => KeyCode::Tab,
                '\u{2192}' => KeyCode::Right,
                c => KeyCode::Char(c),
            };
            form.handle_key(key(code), &i18n, &Keymap::defaults());
        }
        form.handle_key(key(KeyCode::BackTab), &i18n, &Keymap::defaults());
        for (w, h) in SIZES {
            let (view, _) = screen(w, h, |f| form.render(f, f.area(), &Theme::default(), &i18n, &Keymap::defaults()));
            insta::assert_snapshot!(format!("objection_form_{}_{w}x{h}", lang.tag()), view);
        }
    }
}

#[test]
fn objection_picker_snapshots() {
    let objection = |id: i64, text: &str, kind| Objection {
        id,
        deal_id: 1,
        text: text.into(),
        kind,
        answer: String::new(),
        resolved: false,
        created_at: String::new(),
        updated_at: String::new(),
        resolved_at: None,
    };
    let open = vec![
        objection(3, "your price is higher than the shop next door", ObjectionKind::Doubt),
        objection(5, "交货太慢，上次等了三个星期才到货，仓库都空了", ObjectionKind::Complaint),
    ];
    for lang in LANGS {
        let i18n = I18n::new(lang);
        let title = i18n.fmt("forms.objection.pick_title", &[("who", &"王伟")]);
        let mut picker = ObjectionPicker::new(title, open.clone());
        picker.handle_key(key(KeyCode::Down), &Keymap::defaults());
        let (view, _) = screen(80, 24, |f| picker.render(f, f.area(), &Theme::default(), &i18n, &Keymap::defaults()));
        insta::assert_snapshot!(format!("objection_picker_{}", lang.tag()), view);
    }
}

#[test]
fn visit_form_shrinks_and_scrolls_in_a_short_area() {
    let i18n = I18n::new(Lang::En);
    let mut form = filled_visit_form(Lang::En);
    for _ in 0..3 {
        form.handle_key(key(KeyCode::Tab), &i18n, &Keymap::defaults());
    }
    let (view, cursor) = screen(80, 24, |f| {
        let area = ratatui::layout::Rect::new(0, 2, 80, 12);
        form.render(f, area, &Theme::default(), &i18n, &Keymap::defaults())
    });
    insta::assert_snapshot!("visit_form_short_area_en", view);
    assert!((2..14).contains(&cursor.y), "the focused field is on screen: {cursor:?}");
}

#[test]
fn visit_form_error_and_discard_question() {
    for lang in LANGS {
        let i18n = I18n::new(lang);
        let target = VisitTarget { customer_id: 1, customer_name: "陈静".into(), step: None, visit_id: None };
        let mut form = VisitForm::plan(target, clock());
        form.set_types(visit_type_options(&Playbook::builtin(lang)));
        type_text(&mut form, &i18n, "map the decision process\t\tnames of approvers");
        form.handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL), &i18n, &Keymap::defaults());
        let (view, _) = screen(80, 24, |f| form.render(f, f.area(), &Theme::default(), &i18n, &Keymap::defaults()));
        insta::assert_snapshot!(format!("visit_form_missing_{}", lang.tag()), view);
        form.handle_key(key(KeyCode::Esc), &i18n, &Keymap::defaults());
        let (view, _) = screen(80, 24, |f| form.render(f, f.area(), &Theme::default(), &i18n, &Keymap::defaults()));
        insta::assert_snapshot!(format!("visit_form_discard_{}", lang.tag()), view);
    }
}

#[test]
fn the_cursor_follows_chinese_text_at_double_width() {
    let i18n = I18n::new(Lang::ZhCn);
    let target = VisitTarget { customer_id: 1, customer_name: "王伟".into(), step: None, visit_id: None };
    let mut form = VisitForm::plan(target, clock());
    let (_, empty) = screen(80, 24, |f| form.render(f, f.area(), &Theme::default(), &i18n, &Keymap::defaults()));
    type_text(&mut form, &i18n, "王伟a");
    let (_, typed) = screen(80, 24, |f| form.render(f, f.area(), &Theme::default(), &i18n, &Keymap::defaults()));
    assert_eq!(typed.y, empty.y);
    assert_eq!(typed.x, empty.x + 5, "two CJK characters are two columns each");
}

#[test]
fn dialog_snapshots() {
    for lang in LANGS {
        let i18n = I18n::new(lang);
        let confirm = ConfirmDialog::new(
            "Move 王伟 to Presentation?",
            vec!["Unticked in Survey:".into(), "  [ ] implication questions".into(), "  [ ] 确认预算".into()],
        );
        let mut prompt = PromptDialog::new("Postpone", "When", PromptKind::When { today: clock().today() });
        for c in "fri 10:00".chars() {
            prompt.handle_key(key(KeyCode::Char(c)), &i18n, &Keymap::defaults());
        }
        let mut reason = PromptDialog::new("Lost", "Reason", PromptKind::Required { field: "reason" });
        reason.handle_key(key(KeyCode::Enter), &i18n, &Keymap::defaults());
        for (w, h) in SIZES {
            let (view, _) =
                screen(w, h, |f| confirm.render(f, f.area(), &Theme::default(), &i18n, &Keymap::defaults()));
            insta::assert_snapshot!(format!("confirm_{}_{w}x{h}", lang.tag()), view);
            let (view, _) = screen(w, h, |f| prompt.render(f, f.area(), &Theme::default(), &i18n, &Keymap::defaults()));
            insta::assert_snapshot!(format!("prompt_when_{}_{w}x{h}", lang.tag()), view);
        }
        let (view, _) = screen(80, 24, |f| reason.render(f, f.area(), &Theme::default(), &i18n, &Keymap::defaults()));
        insta::assert_snapshot!(format!("prompt_required_{}", lang.tag()), view);
    }
}

#[test]
fn note_snapshots() {
    for lang in LANGS {
        let i18n = I18n::new(lang);
        let mut note =
            NoteInput::new(NoteTarget { customer_id: Some(3), customer_name: "王伟".into(), note_id: None });
        for c in "刘总 decides; ask about the tender date".chars() {
            note.handle_key(key(KeyCode::Char(c)), &i18n, &Keymap::defaults());
        }
        let inbox = NoteInput::new(NoteTarget { customer_id: None, customer_name: String::new(), note_id: None });
        for (w, h) in SIZES {
            let (view, _) = screen(w, h, |f| note.render(f, f.area(), &Theme::default(), &i18n, &Keymap::defaults()));
            insta::assert_snapshot!(format!("note_{}_{w}x{h}", lang.tag()), view);
        }
        let (view, _) = screen(80, 24, |f| inbox.render(f, f.area(), &Theme::default(), &i18n, &Keymap::defaults()));
        insta::assert_snapshot!(format!("note_inbox_{}", lang.tag()), view);
    }
}

#[test]
fn customer_form_snapshots() {
    for lang in LANGS {
        let i18n = I18n::new(lang);
        let mut form = CustomerForm::new(Step::Preparation);
        let typed = match lang {
            Lang::En => {
                "Li Na\tHangzhou Cloud\tIT director\t13800138000\tli.na@example.com\tWest Lake Road 8\tNana\ti\ta\t\t200k\treferral"
            }
            Lang::ZhCn => {
                "王伟\t深圳医疗器械有限公司\t采购经理\t13800138000\t\t南山区科技园\t王总\t意\t分\t\t20万\t展会"
            }
        };
        for c in typed.chars() {
            form.handle_key(key(if c == '\t' { KeyCode::Tab } else { KeyCode::Char(c) }), &i18n, &Keymap::defaults());
        }
        let existing = CustomerRef { id: 4, name: "王伟".into(), company: "深圳医疗器械".into(), stage: None };
        form.set_duplicates(&[existing], &i18n);
        for (w, h) in SIZES {
            let (view, _) = screen(w, h, |f| form.render(f, f.area(), &Theme::default(), &i18n, &Keymap::defaults()));
            insta::assert_snapshot!(format!("customer_form_{}_{w}x{h}", lang.tag()), view);
        }
    }
}

/// Letters typed on a choice pick the first value they start (English, Chinese, pinyin
/// initials), and the focused choice's line says which keys work, so typing meant for another
/// field is never lost unseen.
#[test]
fn typing_on_a_choice_picks_a_value_and_its_line_says_which_keys_work() {
    for (lang, typed, picked, hint) in [
        (Lang::En, "no", Outcome::NotMet, "←/→ or type its first letters"),
        (Lang::ZhCn, "bf", Outcome::Partly, "←/→ 切换，或输入开头的字、拼音首字母"),
        (Lang::ZhCn, "未", Outcome::NotMet, "拼音首字母"),
    ] {
        let i18n = I18n::new(lang);
        let target = VisitTarget { customer_id: 1, customer_name: "Li Na".into(), step: None, visit_id: None };
        let mut form = VisitForm::log(target, clock()).focused_on(VisitField::Outcome);
        type_text(&mut form, &i18n, typed);
        assert_eq!(form.text().outcome, Some(picked), "{typed}");
        let (view, _) = screen(80, 24, |f| form.render(f, f.area(), &Theme::default(), &i18n, &Keymap::defaults()));
        assert!(view.contains(hint), "{view}");
        type_text(&mut form, &i18n, "z");
        assert_eq!(form.text().outcome, Some(picked), "a letter that starts nothing changes nothing");
    }
}

/// The visit's Type is picked by typing its name too (English or pinyin initials).
#[test]
fn typing_on_the_visit_type_picks_the_type_it_starts() {
    for (lang, typed, picked) in [
        (Lang::En, "ph", VisitKind::PhoneFollowUp),
        (Lang::ZhCn, "xd", VisitKind::StoreCheck),
        (Lang::ZhCn, "cp", VisitKind::Demonstration),
    ] {
        let i18n = I18n::new(lang);
        let target = VisitTarget { customer_id: 1, customer_name: "Li Na".into(), step: None, visit_id: None };
        let mut form = VisitForm::log(target, clock());
        form.set_types(visit_type_options(&Playbook::builtin(lang)));
        let mut form = form.focused_on(VisitField::Type);
        type_text(&mut form, &i18n, typed);
        assert_eq!(form.text().kind, Some(picked), "{typed}");
    }
}

/// On the in-visit checklist, letters move the cursor to the item they start; nothing is
/// ticked, and a letter no item starts with is left to the form.
#[test]
fn typing_on_the_visit_checklist_moves_to_the_item_it_starts() {
    let i18n = I18n::new(Lang::En);
    let target = VisitTarget { customer_id: 1, customer_name: "Li Na".into(), step: None, visit_id: None };
    let mut form = VisitForm::log(target, clock());
    form.set_types(visit_type_options(&Playbook::builtin(Lang::En)));
    let mut form = form.focused_on(VisitField::Checklist);
    let (items, _) = form.checklist_items();
    let initial = |item: &str| item.chars().next().unwrap().to_ascii_lowercase();
    let (at, letter) = items
        .iter()
        .enumerate()
        .skip(1)
        .map(|(i, (_, item))| (i, initial(item)))
        .find(|(i, c)| items[..*i].iter().all(|(_, earlier)| initial(earlier) != *c))
        .expect("an item whose first letter no earlier item has");
    type_text(&mut form, &i18n, &letter.to_string());
    let (items, cursor) = form.checklist_items();
    assert_eq!(cursor, at, "{letter}: {items:?}");
    assert!(items.iter().all(|(ticked, _)| !ticked), "moving ticks nothing");
}
