//! The TUI on the large demo database (100k customers, 1M visits — the same cached file as
//! `benches/store.rs`): the first frame, drawing each screen, and key handling. Run with
//! `cargo bench --bench tui`; every keypress should stay well under a frame (16 ms).
//!
//! Typing into the board's filter, the customers filter and the search box is measured key by
//! key ("Zhang", "wang"): `…_key` is what the UI thread does before it can take the next key
//! (the key and the redraw; a filter or search then runs on a worker), `…_answered` is the key
//! until its answer is drawn.
//!
//! Switching screens, the report, an account with 1,000 visits and 20 people (customer 1, made
//! so once: `support::big_account`) and paging its timeline, and a board filter kept with
//! Enter, matched again when the board comes back into view, are measured the same way.
//!
//! The issue asks 16 ms at the 99th percentile, not the median: every measured key records
//! each time it was pressed (warm-up included) and its line `keys: … p50 … p99 … max …` is
//! printed after criterion's.

use std::cell::RefCell;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::measurement::WallTime;
use criterion::{Bencher, BenchmarkGroup, Criterion, SamplingMode, criterion_group, criterion_main};
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

fn code(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// Benches `name` in `group`, each iteration timed by `once` (which may do unmeasured work
/// around what it times); every time is kept, and the percentiles printed after criterion's.
fn keys(group: &mut BenchmarkGroup<WallTime>, name: &str, mut once: impl FnMut() -> Duration) {
    let times = RefCell::new(Vec::new());
    group.bench_function(name, |b: &mut Bencher| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                let took = once();
                times.borrow_mut().push(took);
                spent += took;
            }
            spent
        })
    });
    print_percentiles(name, &mut times.into_inner());
}

/// One line: how many times the key was pressed, its median, 99th percentile and slowest.
fn print_percentiles(name: &str, times: &mut [Duration]) {
    if times.is_empty() {
        return;
    }
    times.sort_unstable();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize].as_secs_f64() * 1e3;
    let max = times[times.len() - 1].as_secs_f64() * 1e3;
    println!(
        "keys: {name:<48} n {:>5}  p50 {:>6.2} ms  p99 {:>6.2} ms  max {:>6.2} ms",
        times.len(),
        at(0.5),
        at(0.99),
        max
    );
}

/// Benches `run` then a redraw (`…_key`), and the same until the screen's work in the
/// background is drawn (`…_answered`, only when `background`); `after` puts the app back,
/// unmeasured.
fn step(
    group: &mut BenchmarkGroup<WallTime>,
    terminal: &mut Terminal<TestBackend>,
    a: &mut App,
    name: &str,
    background: bool,
    run: impl Fn(&mut App),
    after: impl Fn(&mut App),
) {
    for answered in [false, true] {
        if answered && !background {
            continue;
        }
        let label =
            if background { format!("{name}_{}", if answered { "answered" } else { "key" }) } else { name.into() };
        keys(group, &label, || {
            let start = Instant::now();
            run(a);
            if answered {
                a.finish_background();
            }
            draw(terminal, a);
            let took = start.elapsed();
            a.finish_background();
            after(a);
            a.finish_background();
            took
        });
    }
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
            keys(group, &label, || {
                let start = Instant::now();
                a.on_key(key(c));
                if answered {
                    a.finish_background();
                }
                draw(terminal, a);
                let took = start.elapsed();
                a.finish_background();
                a.on_key(backspace());
                a.finish_background();
                took
            });
        }
        a.on_key(key(c));
        a.finish_background();
    }
    for _ in word.chars() {
        a.on_key(backspace());
        a.finish_background();
    }
    // The whole word typed as a fast typist does (a key every 80 ms, faster than the board's
    // answers to a short prefix come), each key drawn: from the last key until its answer is
    // drawn (an older question still being read is stopped, not waited for).
    keys(group, &format!("{name}_{word}_typed_fast_answered"), || {
        let mut start = Instant::now();
        for c in word.chars() {
            std::thread::sleep(Duration::from_millis(80));
            start = Instant::now();
            a.on_key(key(c));
            draw(terminal, a);
        }
        a.finish_background();
        draw(terminal, a);
        let took = start.elapsed();
        for _ in word.chars() {
            a.on_key(backspace());
        }
        a.finish_background();
        took
    });
}

fn benches(c: &mut Criterion) {
    let path = database();
    let mut group = c.benchmark_group("tui_100k");
    group.sample_size(20).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(3));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test terminal");

    keys(&mut group, "first_frame", || {
        let start = Instant::now();
        let app = app(&path);
        draw(&mut terminal, &app);
        black_box(app);
        start.elapsed()
    });

    // Each timed from the key to its redraw (what the screen reads in the background is not
    // waited for here: see `screens` for that).
    let mut a = app(&path);
    let timed = |a: &mut App, terminal: &mut Terminal<TestBackend>, events: &[KeyEvent]| {
        let start = Instant::now();
        for event in events {
            a.on_key(*event);
        }
        draw(terminal, a);
        start.elapsed()
    };
    keys(&mut group, "draw_today", || timed(&mut a, &mut terminal, &[]));
    keys(&mut group, "key_switch_to_pipeline", || timed(&mut a, &mut terminal, &[key('2')]));
    keys(&mut group, "key_pipeline_down_up", || timed(&mut a, &mut terminal, &[key('j'), key('k')]));
    a.on_key(key('/'));
    keys(&mut group, "key_pipeline_filter_type", || timed(&mut a, &mut terminal, &[key('王'), backspace()]));
    a.finish_background();
    a.on_key(code(KeyCode::Esc));
    keys(&mut group, "key_switch_to_customers", || timed(&mut a, &mut terminal, &[key('3')]));
    a.on_key(key('f'));
    keys(&mut group, "key_customers_filter_type", || timed(&mut a, &mut terminal, &[key('王'), backspace()]));
    a.on_key(code(KeyCode::Esc));
    keys(&mut group, "key_open_customer_and_back", || {
        let took = timed(&mut a, &mut terminal, &[code(KeyCode::Enter)]);
        a.on_key(code(KeyCode::Esc));
        took
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
    a.on_key(code(KeyCode::Esc));
    a.on_key(key('3'));
    a.on_key(key('f'));
    for word in ["Zhang", "wang"] {
        typing(&mut group, &mut terminal, &mut a, "customers_filter", word, true);
    }
    a.on_key(code(KeyCode::Esc));
    a.on_key(key('1'));
    a.on_key(key('/'));
    for word in ["Zhang", "wang"] {
        typing(&mut group, &mut terminal, &mut a, "search", word, false);
    }
    group.finish();
    screens(c, &path, &mut terminal);
}

/// Screen switches, the report, the big account and its timeline, a kept board filter.
fn screens(c: &mut Criterion, path: &Path, terminal: &mut Terminal<TestBackend>) {
    big_account(path);
    let mut group = c.benchmark_group("tui_100k_screens");
    group.sample_size(20).warm_up_time(Duration::from_millis(300)).measurement_time(Duration::from_secs(2));
    let mut a = app(path);
    for (screen, back) in [('1', '2'), ('2', '1'), ('3', '1'), ('4', '1')] {
        let name = format!("key_switch_{back}_to_{screen}");
        step(&mut group, terminal, &mut a, &name, true, |a| a.on_key(key(screen)), |a| a.on_key(key(back)));
    }
    a.on_key(key('4'));
    a.finish_background();
    step(&mut group, terminal, &mut a, "key_report_next_page", true, |a| a.on_key(key('l')), |_| {});
    step(&mut group, terminal, &mut a, "key_report_period", true, |a| a.on_key(key('p')), |_| {});

    a.on_key(key('3'));
    a.on_key(key('f'));
    for c in BIG_ACCOUNT.chars() {
        a.on_key(key(c));
    }
    a.finish_background();
    a.on_key(code(KeyCode::Enter));
    a.finish_background();
    step(
        &mut group,
        terminal,
        &mut a,
        "key_open_big_account",
        false,
        |a| a.on_key(code(KeyCode::Enter)),
        |a| a.on_key(code(KeyCode::Esc)),
    );
    a.on_key(code(KeyCode::Enter));
    step(
        &mut group,
        terminal,
        &mut a,
        "key_big_account_page_down",
        false,
        |a| a.on_key(code(KeyCode::PageDown)),
        |_| {},
    );
    step(&mut group, terminal, &mut a, "key_big_account_page_up", false, |a| a.on_key(code(KeyCode::PageUp)), |_| {});
    step(&mut group, terminal, &mut a, "key_big_account_down", false, |a| a.on_key(key('j')), |_| {});

    // A board filter kept with Enter: back from a card, the board matches it again.
    a.on_key(key('2'));
    a.on_key(key('/'));
    a.on_key(key('王'));
    a.finish_background();
    a.on_key(code(KeyCode::Enter));
    step(
        &mut group,
        terminal,
        &mut a,
        "key_board_kept_filter_back_from_card",
        true,
        |a| {
            a.on_key(code(KeyCode::Enter));
            a.on_key(code(KeyCode::Esc));
        },
        |_| {},
    );
    group.finish();
}

/// The name of the account with 1,000 visits and 20 people, for the app's benches.
const BIG_ACCOUNT: &str = "大客户测试";

/// Makes customer 1 of the bench database an account with 1,000 visits and 20 people, named
/// [`BIG_ACCOUNT`] (done once; later runs find it so).
fn big_account(path: &std::path::Path) {
    use fieldbook::domain::{ContactDraft, Outcome, VisitInput};
    use fieldbook::store::CustomerPatch;
    let mut store = Store::open(path, clock()).expect("opening the bench database");
    let id = 1;
    let visits = store.visits_of(id, 1000, 0).expect("reading visits").len();
    let people = store.contacts_of(id).expect("reading people").len();
    if visits >= 1000 && people >= 20 {
        return;
    }
    let patch = CustomerPatch { name: Some(BIG_ACCOUNT.into()), ..Default::default() };
    store.update_customer(id, patch).expect("naming the big account");
    for n in people..20 {
        let person = ContactDraft { name: format!("同事{n}"), title: "工程师".into(), ..Default::default() };
        store.add_contact(id, &person.validate().expect("a valid person")).expect("adding a person");
    }
    let day = chrono::NaiveDate::from_ymd_opt(2028, 1, 3).unwrap_or_default();
    for n in visits..1000 {
        let when = (day + chrono::Days::new(n as u64)).and_hms_opt(10, 0, 0).unwrap_or_default();
        let visit = VisitInput {
            purpose: format!("第{n}次拜访"),
            action_plan: "带样品，问预算".into(),
            expected_result: "约下次演示".into(),
            actual_result: "见到采购，预算已定".into(),
            planned_at: Some(when),
            done_at: Some(when),
            outcome: Some(Outcome::Met),
            ..VisitInput::blank()
        };
        store.add_visit(id, visit).expect("adding a visit");
    }
}

criterion_group!(tui, benches);
criterion_main!(tui);
