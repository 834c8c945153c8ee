//! Store queries at scale: 100k customers and 1M visits of demo data (built once, cached in
//! `target/bench-data/`). Run with `cargo bench`; each query should take well under 50 ms and
//! opening the store under 5 ms.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use fieldbook::domain::report::{Period, PeriodKind};
use fieldbook::domain::{CadencePolicy, Step};
use fieldbook::ops::report::ReportSettings;
use fieldbook::store::{CustomerFilter, CustomerSort, PipelineFilter, Store};
use support::{clock, database};

mod support;

fn benches(c: &mut Criterion) {
    let path = database();
    let store = Store::open(&path, clock()).expect("opening the bench database");
    let mut group = c.benchmark_group("store_100k");
    group.sample_size(20).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2));

    group.bench_function("open", |b| b.iter(|| black_box(Store::open(&path, clock()).expect("open"))));

    let day = clock().today();
    let policy = CadencePolicy::default();
    group.bench_function("today_review", |b| {
        b.iter(|| black_box(store.today_list(day, clock().now(), &policy).expect("review")))
    });

    let survey = CustomerFilter { stage: Some(Step::Survey), ..Default::default() };
    group.bench_function("list_stage_survey_page", |b| {
        b.iter(|| black_box(store.list_customers(&survey, CustomerSort::Name, 50, 0).expect("list")))
    });

    let id = 54_321;
    group.bench_function("show", |b| {
        b.iter(|| {
            let customer = store.customer(id).expect("customer");
            let facts = store.facts_of(id).expect("facts");
            let deals = store.deals_of(id).expect("deals");
            let history: Vec<_> = deals.iter().map(|d| store.stage_history(d.id).expect("history")).collect();
            let visits = store.visits_of(id, 20, 0).expect("visits");
            let notes = store.notes_of(Some(id), 20).expect("notes");
            black_box((customer, facts, deals, history, visits, notes))
        })
    });

    for (name, query) in [
        ("search_zh_name_2", "王伟"),
        ("search_zh_word_4", "医疗器械"),
        ("search_en_word", "budget"),
        ("search_pinyin_full", "wangwei"),
        ("search_pinyin_spaced", "wang wei"),
        ("search_pinyin_initials", "ww"),
        ("search_pinyin_prefix", "zh"),
        ("search_pinyin_surname", "shan"),
        ("search_phone_last_4", "1111"),
        ("search_phone_dashed", "138-0000-1111"),
        ("search_phone_country_code", "+86 21 1234"),
        ("search_phone_plus_1", "+1 415"),
        ("search_pinyin_lina", "lina"),
        ("search_nothing", "qqqqxz"),
    ] {
        group.bench_function(name, |b| b.iter(|| black_box(store.search(query, 50, "ext.").expect("search"))));
    }
    for (name, text) in [("list_filter_name", "王"), ("list_filter_pinyin", "wangwei"), ("list_filter_phone", "1111")]
    {
        let filter = CustomerFilter { text: Some(text.into()), ..Default::default() };
        group.bench_function(name, |b| {
            b.iter(|| black_box(store.list_customers(&filter, CustomerSort::Name, 50, 0).expect("list")))
        });
    }
    for (name, text) in [("board_filter_name", "王"), ("board_filter_pinyin", "wangwei")] {
        let filter = PipelineFilter { text: Some(text.into()) };
        group.bench_function(name, |b| {
            b.iter(|| {
                let totals = store.pipeline_totals(&filter).expect("totals");
                let cards = store.pipeline_cards(Step::Survey, &filter, 30, 0).expect("cards");
                black_box((totals, cards))
            })
        });
    }
    // Issue 14: any report at 100k/1M under 100 ms; the app's report screen reads the same.
    let config = fieldbook::config::Config::default();
    let settings = ReportSettings { odds: config.forecast, cadence: config.cadence, currency: config.currency };
    for (name, kind) in [
        ("report_week", PeriodKind::Week),
        ("report_month", PeriodKind::Month),
        ("report_quarter", PeriodKind::Quarter),
    ] {
        let period = Period::containing(kind, day);
        group.bench_function(name, |b| {
            b.iter(|| black_box(fieldbook::ops::report::build(&store, day, period, &settings).expect("report")))
        });
    }
    group.finish();
}

criterion_group!(store_benches, benches);
criterion_main!(store_benches);
