//! The TUI on the large demo database (100k customers, 1M visits — the same cached file as
//! `benches/store.rs`): the first frame, drawing each screen, and key handling. Run with
//! `cargo bench --bench tui`; every keypress should stay well under a frame (16 ms).
//!
//! Typing into the board's filter, the customers filter and the search box is measured key by
//! key ("Zhang", "wang"): `…_key` is what the UI thread does before it can take the next key
//! (the key and the redraw; a filter or search then runs on a worker), `…_answered` is the key
//! until its answer is drawn.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, SamplingMode, criterion_group, criterion_main};
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

fn backspace() -> KeyEvent {
    KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)
}

/// Benches each key of `word` typed into the text box open on `a` (see the module doc); the
/// box is left as it was. `answered_only`: the box answers on the UI thread, so `…_key` would
/// measure the same.
fn typing(
    group: &mut BenchmarkGroup<WallTime>,
    terminal: &mut Terminal<TestBackend>,
    a: &mut App,
    name: &str,
    word: &str,
    answered_only: bool,
) {
    for (n, c) in word.chars().enumerate() {
        let typed: String = word.chars().take(n + 1).collect();
        for answered in [false, true] {
            if answered_only && !answered {
                continue;
            }
            let label = format!("{name}_{typed}_{}", if answered { "answered" } else { "key" });
            group.bench_function(label, |b| {
                b.iter_custom(|iters| {
                    let mut spent = Duration::ZERO;
                    for _ in 0..iters {
                        let start = Instant::now();
                        a.on_key(key(c));
                        if answered {
                            a.finish_background();
                        }
                        draw(terminal, a);
                        spent += start.elapsed();
                        a.finish_background();
                        a.on_key(backspace());
                        a.finish_background();
                    }
                    spent
                })
            });
        }
        a.on_key(key(c));
        a.finish_background();
    }
    for _ in word.chars() {
        a.on_key(backspace());
        a.finish_background();
    }
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
            a.on_key(backspace());
            draw(&mut terminal, &a);
        })
    });
    a.finish_background();
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

    let mut group = c.benchmark_group("tui_100k_typing");
    group.sample_size(10).sampling_mode(SamplingMode::Flat).warm_up_time(Duration::from_millis(200));
    group.measurement_time(Duration::from_secs(1));
    let mut a = app(&path);
    a.on_key(key('2'));
    a.on_key(key('/'));
    for word in ["Zhang", "wang"] {
        typing(&mut group, &mut terminal, &mut a, "board_filter", word, false);
    }
    a.on_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    a.on_key(key('3'));
    a.on_key(key('f'));
    for word in ["Zhang", "wang"] {
        typing(&mut group, &mut terminal, &mut a, "customers_filter", word, true);
    }
    a.on_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    a.on_key(key('1'));
    a.on_key(key('/'));
    for word in ["Zhang", "wang"] {
        typing(&mut group, &mut terminal, &mut a, "search", word, false);
    }
    group.finish();
}

criterion_group!(tui, benches);
criterion_main!(tui);
