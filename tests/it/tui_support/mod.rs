//! Shared by the TUI tests: a seeded database on a fixed clock, an app over it, key presses,
//! and rendering on ratatui's `TestBackend`.

#![allow(dead_code)]

use std::path::Path;

use chrono::NaiveDate;
use fieldbook::clock::Clock;
use fieldbook::domain::money::{Currency, Money};
use fieldbook::domain::{
    Channel, CustomerClass, FactCategory, NewCustomer, NewFact, Outcome, Portfolio, Step, VisitInput,
};
use fieldbook::i18n::{I18n, Lang};
use fieldbook::store::{CustomerPatch, NewDeal, Store};
use fieldbook::tui::app::App;
use fieldbook::tui::keymap::Keymap;
use fieldbook::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_width::UnicodeWidthStr;

/// The day every TUI test lives on (a Tuesday).
pub const TODAY: &str = "2031-05-06";

pub fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn at(s: &str) -> chrono::NaiveDateTime {
    chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

/// The store at `path` with the clock fixed on `date`.
pub fn open_on(path: &Path, date: &str) -> Store {
    Store::open(path, Clock::Fixed(day(date))).unwrap()
}

fn add(store: &mut Store, name: &str, company: &str, stage: Step, value: Option<i64>) -> i64 {
    add_in(store, name, company, stage, value.map(|v| Money::new(v, Currency::CNY)))
}

fn add_in(store: &mut Store, name: &str, company: &str, stage: Step, value: Option<Money>) -> i64 {
    let c = NewCustomer { name: name.into(), company: company.into(), ..Default::default() };
    let deal = NewDeal { title: format!("{company} order"), stage, ..Default::default() }.with_value(value);
    store.add_customer(c, deal).unwrap()
}

fn plan(purpose: &str, when: &str) -> VisitInput {
    VisitInput {
        purpose: purpose.into(),
        action_plan: "bring the catalogue and ask about the budget".into(),
        expected_result: "a date for the demo".into(),
        planned_at: Some(at(when)),
        ..VisitInput::blank()
    }
}

/// Ten customers in all five steps (one deal in dollars, the others in yuan), English and Chinese names, with visits (one logged with
/// in-visit checklist ticks), facts and notes.
/// Deals entered their steps on different days so "days in step" varies.
pub fn seed(path: &Path) {
    let mut s = open_on(path, "2031-04-20");
    let wang = add(&mut s, "王伟", "深圳医疗器械有限公司", Step::Preparation, Some(20_000_000));
    let li = add(&mut s, "Li Na", "Hangzhou Cloud", Step::Preparation, Some(54_000_000));
    let zhao = add(&mut s, "Zhao Lei", "Xinda Steel", Step::Approach, Some(12_000_000));
    let chen = add(&mut s, "陈静", "华东物流", Step::Survey, Some(82_000_000));
    let sun = add(&mut s, "Sun Mei", "Kaiyuan Foods", Step::Presentation, None);
    add_in(&mut s, "Tom Park", "Parkside Retail", Step::Close, Some(Money::new(3_100_000, Currency::USD)));
    add(&mut s, "刘洋", "北方重工", Step::Preparation, Some(5_000_000));
    add(&mut s, "Anna Berg", "Nordic Paper", Step::Approach, Some(9_900_000));
    add(&mut s, "张敏", "", Step::Survey, None);
    let gao = add(&mut s, "高峰", "星河科技", Step::Close, Some(150_000_000));
    s.update_customer(chen, CustomerPatch { portfolio: Some(Some(Portfolio::Star)), ..Default::default() }).unwrap();
    s.update_customer(gao, CustomerPatch { class: Some(CustomerClass::Quasi), ..Default::default() }).unwrap();
    s.add_fact(
        wang,
        None,
        &NewFact { category: FactCategory::Personal, label: "hobby".into(), value: "钓鱼".into(), month_day: None },
    )
    .unwrap();
    s.add_fact(
        wang,
        None,
        &NewFact { category: FactCategory::Business, label: "decides".into(), value: "刘总".into(), month_day: None },
    )
    .unwrap();
    let done = VisitInput {
        done_at: Some(at("2031-04-20 10:00")),
        actual_result: "met the buyer; budget confirmed".into(),
        outcome: Some(Outcome::Met),
        next_step: "send reference case".into(),
        next_step_on: Some(day("2031-05-03")),
        ticks: Some(vec![1, 4]),
        ..plan("map the decision process", "2031-04-20 10:00")
    };
    s.add_visit(zhao, done).unwrap();
    drop(s);

    let mut s = open_on(path, "2031-05-02");
    s.move_deal(li, Step::Approach, "").unwrap();
    s.move_deal(wang, Step::Approach, "").unwrap();
    s.move_deal(wang, Step::Survey, "").unwrap();
    s.add_visit(sun, VisitInput { channel: Channel::Video, ..plan("taste test with purchasing", "2031-05-05 15:00") })
        .unwrap();
    drop(s);

    let mut s = open_on(path, TODAY);
    s.add_visit(wang, plan("confirm budget and decision process", "2031-05-06 10:00")).unwrap();
    s.add_visit(li, VisitInput { channel: Channel::Video, ..plan("demo the reporting module", "2031-05-06 14:30") })
        .unwrap();
    s.add_visit(chen, plan("present the logistics proposal", "2031-05-09 09:30")).unwrap();
    s.add_note(Some(wang), "prefers WeChat over e-mail").unwrap();
    s.add_note(None, "ask the office for new catalogues").unwrap();
}

/// An app over a seeded database in `dir`, on the fixed day, in `lang`.
pub fn app(dir: &tempfile::TempDir, lang: Lang) -> App {
    let path = dir.path().join("fieldbook.db");
    seed(&path);
    app_on(&path, lang)
}

/// An app over the database at `path` (created empty if missing), with no config directory
/// of its own (the built-in playbook; the developer's config never leaks in).
pub fn app_on(path: &Path, lang: Lang) -> App {
    let none = path.with_file_name("no-config-dir");
    app_with_config(path, lang, &none)
}

/// An app over the database at `path` whose config directory is `config_dir`.
pub fn app_with_config(path: &Path, lang: Lang, config_dir: &Path) -> App {
    let store = open_on(path, TODAY);
    started(App::new(store, I18n::new(lang), Keymap::defaults(), Theme::default(), config_dir))
}

/// The app once its first screen's reads in the background have arrived, as a user sees it
/// a moment after start.
fn started(mut app: App) -> App {
    app.finish_background();
    app
}

/// An app over a seeded database in `dir`, in `lang`, with the keys of a config file's
/// `[keys.*]` tables (`toml`).
pub fn app_with_keys(dir: &tempfile::TempDir, lang: Lang, toml: &str) -> App {
    let path = dir.path().join("fieldbook.db");
    seed(&path);
    let config: fieldbook::config::Config = toml::from_str(toml).unwrap();
    let keymap = Keymap::new(&config.keys)
        .unwrap_or_else(|e| panic!("{}", I18n::new(lang).localize(&e, fieldbook::i18n::Face::App)));
    let store = open_on(&path, TODAY);
    started(App::new(store, I18n::new(lang), keymap, Theme::default(), &path.with_file_name("no-config-dir")))
}

/// Presses a key named like in the config file (`j`, `enter`, `ctrl-p`, ...).
pub fn press(app: &mut App, key: &str) {
    let parsed = fieldbook::tui::keymap::Key::parse(key).unwrap_or_else(|| panic!("bad key {key}"));
    let mut modifiers = KeyModifiers::NONE;
    if parsed.ctrl {
        modifiers |= KeyModifiers::CONTROL;
    }
    if parsed.alt {
        modifiers |= KeyModifiers::ALT;
    }
    if let KeyCode::Char(c) = parsed.code
        && c.is_uppercase()
    {
        modifiers |= KeyModifiers::SHIFT;
    }
    app.on_key(KeyEvent::new(parsed.code, modifiers));
    // A filter or search answers off the UI thread: the tests look once it has.
    app.finish_background();
}

/// Presses each key of a space-separated list.
pub fn keys(app: &mut App, list: &str) {
    for k in list.split_whitespace() {
        press(app, k);
    }
}

/// Types text character by character (each key's answer awaited, as `press` does).
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        app.finish_background();
    }
}

/// The app drawn on a `width` × `height` test terminal, as text (see [`text_of`]).
pub fn render(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| app.render(f)).unwrap();
    text_of(terminal.backend().buffer())
}

/// The one snapshot format: the screen as lines of text, each ended by `|` (so trailing
/// spaces show); a double-width character is written once, as a person sees it.
pub fn text_of(buffer: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut skip = 0;
        for x in 0..buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            if skip > 0 {
                skip -= 1;
                continue;
            }
            skip = symbol.width().saturating_sub(1);
            out.push_str(symbol);
        }
        out.push_str("|\n");
    }
    out
}
