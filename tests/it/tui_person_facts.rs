//! A fact about one of the account's people in the app: the fact form's "About" field (shown
//! when the account has more than one person, cycled with Space or ←/→), `f` on a person
//! presets them, and whose fact it is shows on the customer's record and in Today's dates.

use crate::tui_support;

use fieldbook::domain::{BuyingRole, NewContact, Style};
use fieldbook::i18n::Lang;
use fieldbook::store::{CustomerFilter, CustomerSort, Store};
use fieldbook::tui::app::App;
use fieldbook::tui::modal::Modal;
use tui_support::{app_on, keys, open_on, render, seed, type_text};

fn wang(store: &Store) -> i64 {
    let filter = CustomerFilter { text: Some("王伟".into()), ..Default::default() };
    store.list_customers(&filter, CustomerSort::Name, 1, 0).unwrap()[0].id
}

/// The seeded database with 张总 (decision maker) as 王伟's colleague; the app over it and
/// (王伟's own person, 张总).
fn app_with_boss(dir: &tempfile::TempDir, lang: Lang) -> (App, i64, i64) {
    let path = dir.path().join("fieldbook.db");
    seed(&path);
    let (own, boss) = {
        let mut store = open_on(&path, tui_support::TODAY);
        let id = wang(&store);
        let boss = NewContact {
            name: "张总".into(),
            title: "总经理".into(),
            phone: String::new(),
            email: String::new(),
            style: Style::Driver,
            roles: vec![BuyingRole::DecisionMaker],
        };
        let boss = store.add_contact(id, &boss).unwrap();
        (store.contacts_of(id).unwrap()[0].id, boss)
    };
    (app_on(&path, lang), own, boss)
}

/// The facts of 王伟 as (label, value, the person it is about).
fn facts(app: &App) -> Vec<(String, String, Option<i64>)> {
    let id = wang(app.store());
    app.store().facts_of(id).unwrap().into_iter().map(|f| (f.label, f.value, f.contact_id)).collect()
}

fn open_wang(app: &mut App) {
    keys(app, "3 f");
    type_text(app, "王伟");
    keys(app, "enter enter");
}

#[test]
fn a_birthday_about_a_colleague_is_theirs_on_the_record_and_on_today() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, own, boss) = app_with_boss(&dir, Lang::En);
    open_wang(&mut app);
    keys(&mut app, "f");
    let form = render(&app, 80, 24);
    assert!(form.contains("About") && form.contains("the account itself"), "{form}");
    // Category, then About: Space moves on to 王伟, then to 张总.
    keys(&mut app, "tab space space");
    let Some(Modal::Fact(f)) = app.modal() else { panic!("the fact form is open") };
    assert_eq!(f.about(), Some(boss));
    assert!(render(&app, 80, 24).contains("张总"));
    keys(&mut app, "tab");
    type_text(&mut app, "birthday");
    keys(&mut app, "tab tab");
    type_text(&mut app, "1970-05-08");
    keys(&mut app, "ctrl-s");
    assert!(app.modal().is_none(), "{:?}", app.toast());
    assert!(facts(&app).contains(&("birthday".into(), "1970-05-08".into(), Some(boss))), "{:?}", facts(&app));
    let record = render(&app, 120, 40);
    assert!(record.contains("birthday (张总): 1970-05-08"), "{record}");
    keys(&mut app, "1");
    let today = render(&app, 80, 24);
    assert!(today.contains("Birthday (张总)"), "{today}");

    // Edited: the form opens about 张总; ← makes it 王伟's. The record's rows: 王伟, 张总, the
    // two roles nobody plays, then the birthday.
    open_wang(&mut app);
    keys(&mut app, "tab j j j j enter");
    let Some(Modal::Fact(f)) = app.modal() else { panic!("the fact form opens on the birthday") };
    assert_eq!(f.about(), Some(boss));
    keys(&mut app, "up up left ctrl-s");
    assert!(app.modal().is_none(), "{:?}", app.toast());
    assert!(facts(&app).contains(&("birthday".into(), "1970-05-08".into(), Some(own))), "{:?}", facts(&app));
}

#[test]
fn f_on_a_person_presets_them_and_chinese_reads_native() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _, boss) = app_with_boss(&dir, Lang::ZhCn);
    open_wang(&mut app);
    // Into the record, onto 张总 (the second person), then f.
    keys(&mut app, "tab j f");
    let Some(Modal::Fact(f)) = app.modal() else { panic!("the fact form opens") };
    assert_eq!(f.about(), Some(boss), "f on a person adds a fact about them");
    let form = render(&app, 80, 24);
    assert!(form.contains("关于谁") && form.contains("张总") && form.contains("个人信息"), "{form}");
    keys(&mut app, "tab tab");
    type_text(&mut app, "生日");
    keys(&mut app, "tab tab");
    type_text(&mut app, "05-08");
    keys(&mut app, "ctrl-s");
    assert!(app.modal().is_none(), "{:?}", app.toast());
    assert!(render(&app, 80, 24).contains("生日（张总）：05-08"));
    keys(&mut app, "1");
    let today = render(&app, 80, 24);
    assert!(today.contains("生日（张总）"), "{today}");
}

#[test]
fn an_account_of_one_person_has_no_about_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fieldbook.db");
    seed(&path);
    let mut app = app_on(&path, Lang::En);
    open_wang(&mut app);
    keys(&mut app, "f");
    let form = render(&app, 80, 24);
    assert!(!form.contains("About"), "{form}");
    let Some(Modal::Fact(f)) = app.modal() else { panic!("the fact form is open") };
    assert_eq!(f.about(), None);
}
