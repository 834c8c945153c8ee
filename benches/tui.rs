//! The TUI on the large demo database (100k customers, 1M visits — the same cached file as
//! `benches/store.rs`): the first frame, drawing each screen, and key handling. Run with
//! `cargo bench --bench tui`; every keypress should stay well under a frame (16 ms).

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use fieldbook::i18n::{I18n, Lang};
use fieldbook::store::Store;
use fieldbook::tui::app::App;
use fieldbook::tui::keymap::Keymap;
use fieldbook::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support::{clock, database};

mod support;

fn app(path: &Path) -> App {
    let store = Store::open(path, clock()).expect("opening the bench database");
    // No config directory: the built-in playbook, whatever the machine has.
    App::new(store, I18n::new(Lang::ZhCn), Keymap::defaults(), Theme::default(), &path.with_file_name("no-config"))
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal.draw(|f| app.render(f)).expect("drawing");
}

fn benches(c: &mut Criterion) {
    let path = database();
    let mut group = c.benchmark_group("tui_100k");
    group.sample_size(20).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(3));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test terminal");

    group.bench_function("first_frame", |b| {
        b.iter(|| {
            let app = app(&path);
            draw(&mut terminal, &app);
            black_box(app);
        })
    });

    let mut a = app(&path);
    group.bench_function("draw_today", |b| b.iter(|| draw(&mut terminal, &a)));
    group.bench_function("key_switch_to_pipeline", |b| {
        b.iter(|| {
            a.on_key(key('2'));
            draw(&mut terminal, &a);
        })
    });
    group.bench_function("key_pipeline_down_up", |b| {
        b.iter(|| {
            a.on_key(key('j'));
            a.on_key(key('k'));
            draw(&mut terminal, &a);
        })
    });
    a.on_key(key('/'));
    group.bench_function("key_pipeline_filter_type", |b| {
        b.iter(|| {
            a.on_key(key('王'));
            a.on_key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
            draw(&mut terminal, &a);
        })
    });
    a.on_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    group.bench_function("key_switch_to_customers", |b| {
        b.iter(|| {
            a.on_key(key('3'));
            draw(&mut terminal, &a);
        })
    });
    a.on_key(key('f'));
    group.bench_function("key_customers_filter_type", |b| {
        b.iter(|| {
            a.on_key(key('王'));
            a.on_key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
            draw(&mut terminal, &a);
        })
    });
    a.on_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    group.bench_function("key_open_customer_and_back", |b| {
        b.iter(|| {
            a.on_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
            draw(&mut terminal, &a);
            a.on_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        })
    });
    group.finish();
}

criterion_group!(tui, benches);
criterion_main!(tui);
