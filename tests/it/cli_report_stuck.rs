//! `fieldbook report`'s stuck deals: the time that makes an open deal stuck in its step is
//! the slowest quarter of the times deals took to leave it, measured over 90 days at least,
//! so a week in which one deal left a step quickly does not call every deal in it stuck.

use crate::common::Env;

/// Runs `args` on `day` (UTC), asserting success.
fn on(env: &Env, day: &str, args: &[&str]) -> String {
    let out = env
        .bare()
        .env("TZ", "UTC")
        .args(["--db", env.db.to_str().unwrap(), "--today", day])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?} on {day}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// A customer whose deal starts in preparation on `added` and moves to each step on its day.
fn deal(env: &Env, name: &str, added: &str, moves: &[(&str, &str)]) {
    let id = on(env, added, &["add", name, "--stage", "preparation"]);
    for (day, step) in moves {
        on(env, day, &["move", id.trim(), step]);
    }
}

#[test]
fn stuck_is_measured_over_a_quarter_not_over_a_weeks_quick_moves() {
    let env = Env::new();
    // Two deals took 104 and 109 days to leave the approach in the quarter; one took 3 days,
    // in the week of 2031-05-05.
    deal(&env, "Slow One", "2031-01-05", &[("2031-01-06", "approach"), ("2031-04-20", "survey")]);
    deal(&env, "Slow Two", "2031-01-05", &[("2031-01-06", "approach"), ("2031-04-25", "survey")]);
    deal(&env, "Quick", "2031-05-01", &[("2031-05-02", "approach"), ("2031-05-05", "survey")]);
    // Still in the approach: since 2031-01-10 (117 days on 2031-05-07), 2031-02-01, 2031-04-20.
    deal(&env, "Longest", "2031-01-05", &[("2031-01-10", "approach")]);
    deal(&env, "Longer", "2031-01-05", &[("2031-02-01", "approach")]);
    deal(&env, "Recent", "2031-01-05", &[("2031-04-20", "approach")]);

    let approach = |period: &str| -> serde_json::Value {
        let report: serde_json::Value =
            serde_json::from_str(&on(&env, "2031-05-07", &["report", "--period", period, "--format", "json"])).unwrap();
        report["funnel"].as_array().unwrap().iter().find(|s| s["step"] == "approach").unwrap().clone()
    };
    let week = approach("week");
    // The week's own figures: the one quick move.
    assert_eq!(week["median_days"], 3.0);
    assert_eq!(week["slowest_quarter_days"], 3.0);
    // Stuck past the 90 days' slowest quarter (109 days): the one in the approach since January 10.
    assert_eq!(week["stuck"], 1, "{week}");
    let quarter = approach("quarter");
    // 2031-04-01 to 2031-06-30: the quarter's own slowest quarter (109 days) again.
    assert_eq!(quarter["slowest_quarter_days"], 109.0);
    assert_eq!(quarter["stuck"], 1, "{quarter}");
}
