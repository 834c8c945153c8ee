//! The default demo is one rep's book: a week of visits a rep makes, a handful of steps due
//! on a Monday, a key account's history back to its start, and no two planned visits of an
//! account with the same purpose.

use chrono::NaiveDate;
use fieldbook::clock::Clock;
use fieldbook::demo::{self, DemoSize};
use fieldbook::i18n::Lang;
use fieldbook::store::Store;

fn loaded(dir: &tempfile::TempDir, today: NaiveDate, size: DemoSize, lang: Lang) -> Store {
    let name = format!("{}-{}-{today}.db", size.customers, lang.tag());
    let mut store = Store::open(&dir.path().join(name), Clock::Fixed(today)).unwrap();
    demo::load(&mut store, size, 42, lang, false).unwrap();
    store
}

fn rows(store: &Store, sql: &str) -> Vec<(i64, i64)> {
    let conn = rusqlite::Connection::open(store.path()).unwrap();
    let mut stmt = conn.prepare(sql).unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Over the eight weeks before today a rep makes four to six visits a working day in person
/// (six and a half at most) and some calls (the default demo had 84 in person and 124 in all
/// in the week before).
#[test]
fn the_default_demo_is_a_week_one_rep_makes() {
    for lang in [Lang::ZhCn, Lang::En] {
        let dir = tempfile::tempdir().unwrap();
        let store = loaded(&dir, day("2031-05-05"), DemoSize::default(), lang);
        let weeks = rows(
            &store,
            "SELECT count(*), sum(channel = 'in-person') FROM visit
             WHERE done_at >= '2031-03-10' AND done_at < '2031-05-05' GROUP BY strftime('%W', done_at)",
        );
        assert_eq!(weeks.len(), 8, "{lang:?}: {weeks:?}");
        let in_person: i64 = weeks.iter().map(|w| w.1).sum();
        let all: i64 = weeks.iter().map(|w| w.0).sum();
        assert!((4 * 5 * 8..=13 * 5 * 8 / 2).contains(&in_person), "{lang:?}: {in_person} in person in eight weeks");
        assert!(all <= 11 * 5 * 8 && all > in_person * 5 / 4, "{lang:?}: {all} visits in eight weeks");
        // (A week's contacts spread around the eight weeks' mean of about 55: one of 72 came
        // of a reshuffle of the draws, 14 a day.)
        assert!(
            weeks.iter().all(|(all, in_person)| *in_person <= 45 && *all <= 75),
            "{lang:?}: a busy week at most: {weeks:?}"
        );
    }
}

/// On a Monday a handful of next steps are due, as on any day (46 were: the steps of
/// Thursday's and Friday's visits "in a day or two" all fell due on the Monday).
#[test]
fn a_monday_has_a_handful_of_steps_due() {
    for (lang, size) in [
        (Lang::En, DemoSize::default()),
        (Lang::ZhCn, DemoSize::default()),
        (Lang::En, DemoSize { customers: 300, visits: 3000 }),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let store = loaded(&dir, day("2031-05-05"), size, lang);
        let due = rows(&store, "SELECT count(*), 0 FROM next_step WHERE done_at IS NULL AND due_on = '2031-05-05'");
        assert!((1..=8).contains(&due[0].0), "{lang:?} {}: {} steps due on the Monday", size.customers, due[0].0);
    }
}

/// A weekly account's visits go back to its first months (they reached back about five
/// months: the visits ran out on the rest of the book first).
#[test]
fn a_weekly_account_s_history_goes_back_to_its_start() {
    for lang in [Lang::ZhCn, Lang::En] {
        let dir = tempfile::tempdir().unwrap();
        let store = loaded(&dir, day("2031-05-06"), DemoSize::default(), lang);
        let reach = rows(
            &store,
            "SELECT CAST(julianday('2031-05-06') - julianday(
                        (SELECT min(substr(done_at, 1, 10)) FROM visit v WHERE v.customer_id = c.id)) AS INTEGER),
                    CAST(min(730, julianday('2031-05-06') - julianday(substr(c.created_at, 1, 10))) AS INTEGER)
             FROM customer c WHERE portfolio IN ('star', 'question-mark') AND cadence_days IS NULL
               AND id NOT IN (SELECT customer_id FROM deal WHERE state = 'lost')",
        );
        assert!(reach.len() >= 3, "{lang:?}: {} weekly accounts", reach.len());
        let back: i64 = reach.iter().map(|r| r.0).sum();
        let age: i64 = reach.iter().map(|r| r.1).sum();
        assert!(back * 10 >= age * 8, "{lang:?}: the history reaches back {back} of {age} days");
    }
}

/// An account has no two planned visits with the same purpose (one had "了解需求：现在用的
/// 充电桩有哪些问题" planned for 12-07 and again for 12-28).
/// A rep may leave a small account for months, never a key account seen every week or two:
/// the default zh-CN book's star account (#1, weekly) had last been contacted 132 days before.
#[test]
fn no_key_account_is_left_for_months() {
    for lang in [Lang::ZhCn, Lang::En] {
        let dir = tempfile::tempdir().unwrap();
        let store = loaded(&dir, day("2026-12-08"), DemoSize::default(), lang);
        let left = rows(
            &store,
            "SELECT id, CAST(julianday('2026-12-08') - julianday(last_contact_on) AS INTEGER) FROM customer
             WHERE (portfolio = 'star' OR (class = 'key' AND coalesce(cadence_days, 7) <= 14))
               AND last_contact_on IS NOT NULL",
        );
        assert!(!left.is_empty(), "{lang:?}: the book has key accounts");
        let long: Vec<_> = left.iter().filter(|(_, days)| *days > 45).collect();
        assert!(long.is_empty(), "{lang:?}: key accounts not contacted for over 45 days: {long:?}");
    }
}

#[test]
fn no_two_planned_visits_of_an_account_have_one_purpose() {
    for (lang, size) in [(Lang::ZhCn, DemoSize::default()), (Lang::En, DemoSize { customers: 300, visits: 3000 })] {
        let dir = tempfile::tempdir().unwrap();
        let store = loaded(&dir, day("2031-05-06"), size, lang);
        let twice = rows(
            &store,
            "SELECT count(*), 0 FROM (SELECT 1 FROM visit WHERE done_at IS NULL GROUP BY customer_id, purpose HAVING count(*) > 1)",
        );
        assert_eq!(twice[0].0, 0, "{lang:?}: accounts with a purpose planned twice");
    }
}

/// An English book of the default size has few namesakes: no name on more than two accounts
/// (four accounts were Ben Wright).
#[test]
fn an_english_book_has_few_namesakes() {
    let dir = tempfile::tempdir().unwrap();
    let store = loaded(&dir, day("2031-05-06"), DemoSize::default(), Lang::En);
    let most = rows(&store, "SELECT max(n), 0 FROM (SELECT count(*) AS n FROM customer GROUP BY name)");
    assert!(most[0].0 <= 2, "{} accounts with one name", most[0].0);
}
