//! `fieldbook assess`: sixteen ratings kept with the day; taken twice, the four skills show
//! the change since last time and the playbook section of the weakest one, in `assess`, in
//! `report` (text and JSON) and in both languages.

use crate::common::Env;

const FIRST: &str = "3,3,3,3, 2,2,2,2, 4,4,4,4, 3,3,3,3";
const SECOND: &str = "4 4 4 4 2 2 3 3 4 4 4 4 2 2 2 2";

/// Runs `args` on 2031-06-06, a month after the tests' today; returns stdout.
fn a_month_later(env: &Env, args: &[&str]) -> String {
    let out = env.bare().arg("--db").arg(&env.db).args(["--today", "2031-06-06"]).args(args).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn taken_twice_it_shows_the_change_and_where_to_read() {
    let env = Env::new();
    let first = env.ok(&["assess", "--answers", FIRST]);
    assert!(first.contains("first sitting"), "{first}");
    assert!(first.contains("Obtaining information") && first.contains("2/5"), "{first}");
    assert!(first.contains("Weakest: Obtaining information") && first.contains("Step 3, Survey"), "{first}");
    let second = a_month_later(&env, &["assess", "--answers", SECOND]);
    assert!(second.contains("since 2031-05-06"), "{second}");
    assert!(
        second.contains("4/5     +1\n") && second.contains("2.5/5   +0.5") && second.contains("2/5     -1"),
        "{second}"
    );
    assert!(
        second.contains("Weakest: Influencing and handling objections") && second.contains("buying signals"),
        "{second}"
    );
    let json: serde_json::Value = serde_json::from_str(&a_month_later(&env, &["report", "--format", "json"])).unwrap();
    let a = &json["assessment"];
    assert_eq!(a["taken_on"], "2031-06-06");
    assert_eq!(a["previous_on"], "2031-05-06");
    assert_eq!(a["weakest"], "influencing");
    let skills = a["skills"].as_array().unwrap();
    let scores: Vec<(&str, f64, f64)> = skills
        .iter()
        .map(|s| (s["skill"].as_str().unwrap(), s["score"].as_f64().unwrap(), s["change"].as_f64().unwrap()))
        .collect();
    assert_eq!(
        scores,
        [
            ("making-contact", 4.0, 1.0),
            ("obtaining-information", 2.5, 0.5),
            ("giving-information", 4.0, 0.0),
            ("influencing", 2.0, -1.0)
        ]
    );
    let text = a_month_later(&env, &["report"]);
    assert!(text.contains("Self-assessment") && text.contains("Weakest: Influencing"), "{text}");
}

#[test]
fn in_chinese() {
    let env = Env::new();
    env.ok(&["assess", "--answers", FIRST]);
    let out = env.ok(&["--lang", "zh-CN", "assess", "--answers", SECOND]);
    assert!(
        out.contains("影响与异议处理") && out.contains("最弱的一项：影响与异议处理") && out.contains("购买信号"),
        "{out}"
    );
    let help = env.ok(&["--lang", "zh-CN", "assess", "--help"]);
    assert!(help.contains("自我评估"), "{help}");
    let report = env.ok(&["--lang", "zh-CN", "report"]);
    assert!(report.contains("自我评估"), "{report}");
}

#[test]
fn bad_answers_are_refused_and_nothing_is_kept() {
    let env = Env::empty();
    for bad in ["1,2,3", "6,3,3,3,2,2,2,2,4,4,4,4,3,3,3,3", "x"] {
        let err = env.fails(&["assess", "--answers", bad]);
        assert!(err.contains("16") && err.contains("1 to 5"), "{bad}: {err}");
    }
    let err = env.fails(&["assess"]);
    assert!(err.contains("--answers"), "{err}");
    let json = env.json(&["report", "--format", "json"]);
    assert!(json["assessment"].is_null(), "{json}");
}
