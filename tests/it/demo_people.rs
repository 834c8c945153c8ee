//! Who a demo's people are: Chinese names as common as in life, each person named once, a few
//! foreign accounts in a Chinese demo; and its inbox notes, each once and in the order written.

use chrono::NaiveDate;
use fieldbook::clock::Clock;
use fieldbook::demo::{self, DemoSize};
use fieldbook::i18n::Lang;
use fieldbook::store::Store;

/// One rep's book, the demo the welcome screen offers.
fn default_demo(dir: &tempfile::TempDir, lang: Lang) -> rusqlite::Connection {
    let path = dir.path().join("demo.db");
    let mut store = Store::open(&path, Clock::Fixed(NaiveDate::from_ymd_opt(2026, 12, 7).unwrap())).unwrap();
    demo::load(&mut store, DemoSize::default(), demo::DEFAULT_SEED, lang, false).unwrap();
    rusqlite::Connection::open(&path).unwrap()
}

fn count(conn: &rusqlite::Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

fn strings(conn: &rusqlite::Connection, sql: &str) -> Vec<String> {
    let mut stmt = conn.prepare(sql).unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
}

#[test]
fn a_chinese_demo_has_a_few_foreign_accounts_trading_in_dollars() {
    let dir = tempfile::tempdir().unwrap();
    let conn = default_demo(&dir, Lang::ZhCn);
    let accounts = count(&conn, "SELECT count(*) FROM customer");
    let foreign = count(&conn, "SELECT count(*) FROM customer WHERE name LIKE '% %'");
    assert!(foreign >= 1 && foreign * 100 <= accounts * 4, "{foreign} foreign accounts of {accounts}");
    // Foreign-invested: Northwind Medical (Shanghai) Co., Ltd., its deals in dollars.
    let foreign_companies =
        "SELECT count(*) FROM customer WHERE name LIKE '% %' AND company NOT LIKE '% (%) Co., Ltd.'";
    assert_eq!(count(&conn, foreign_companies), 0);
    let not_dollars = "SELECT count(*) FROM deal JOIN customer c ON c.id = customer_id \
        WHERE c.name LIKE '% %' AND currency <> 'USD'";
    assert_eq!(count(&conn, not_dollars), 0);
}

#[test]
fn no_two_people_of_a_demo_share_a_name() {
    for lang in [Lang::ZhCn, Lang::En] {
        let dir = tempfile::tempdir().unwrap();
        let conn = default_demo(&dir, lang);
        // Every account's own person is its first contact: the contacts are all its people.
        let people = count(&conn, "SELECT count(*) FROM contact");
        assert!(people > 300, "{people} people");
        let shared =
            strings(&conn, "SELECT name || ' ×' || count(*) FROM contact GROUP BY name HAVING count(*) > 1 LIMIT 5");
        assert!(shared.is_empty(), "{lang:?}: names given twice: {shared:?}");
    }
}

#[test]
fn the_commonest_surnames_in_life_are_the_commonest_in_a_chinese_demo() {
    let dir = tempfile::tempdir().unwrap();
    let conn = default_demo(&dir, Lang::ZhCn);
    let chinese = "SELECT substr(name, 1, 1) s, count(*) n FROM contact WHERE name GLOB '[一-龥]*' GROUP BY s";
    let people = count(&conn, &format!("SELECT sum(n) FROM ({chinese})"));
    let top = strings(&conn, &format!("SELECT s || n FROM ({chinese}) ORDER BY n DESC, s LIMIT 6"));
    // 王 李 张 刘 陈 are the five commonest in mainland China (7.1% to 4.6% of the people), then
    // 杨 (3.2%) and 黄 (2.5%).
    for surname in &top[..5] {
        assert!("王李张刘陈杨黄".contains(&surname[..3]), "{surname} among the commonest: {top:?}");
    }
    for surname in ["王", "李", "张", "刘", "陈"] {
        let n = count(&conn, &format!("SELECT coalesce(sum(n), 0) FROM ({chinese}) WHERE s = '{surname}'"));
        assert!(n * 100 >= people * 4, "{surname}: {n} of {people}");
    }
    // A rare surname (单, about one person in two thousand) is rare.
    let rare = count(&conn, &format!("SELECT coalesce(sum(n), 0) FROM ({chinese}) WHERE s = '单'"));
    assert!(rare <= 1, "单 on {rare} of {people} people");
}

#[test]
fn the_inbox_notes_are_each_written_once_in_the_order_of_their_ids() {
    for lang in [Lang::ZhCn, Lang::En] {
        let dir = tempfile::tempdir().unwrap();
        let conn = default_demo(&dir, lang);
        let inbox = "FROM note WHERE customer_id IS NULL";
        let notes = count(&conn, &format!("SELECT count(*) {inbox}"));
        assert!(notes >= 2, "{lang:?}: {notes} inbox notes");
        assert_eq!(count(&conn, &format!("SELECT count(DISTINCT body) {inbox}")), notes, "{lang:?}: a note twice");
        // Listed by id, newest first: a later id was written later.
        let times = strings(&conn, &format!("SELECT created_at {inbox} ORDER BY id"));
        assert!(times.windows(2).all(|w| w[0] < w[1]), "{lang:?}: inbox notes out of order: {times:?}");
    }
}
