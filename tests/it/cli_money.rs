//! Money on the command line: amounts with their currency, the config's default currency,
//! and amounts that are refused with a message saying what to type.

use crate::common;

use common::Env;

#[test]
fn a_dollar_amount_is_saved_in_dollars() {
    let env = Env::new();
    let id = env.add("Emily Chen", &["--value", "$50k"]);
    let deal = &env.json(&["show", &id.to_string(), "--format", "json"])["deals"][0];
    assert_eq!((deal["value_minor"].as_i64(), deal["currency"].as_str()), (Some(5_000_000), Some("USD")));
    let id = env.add("王伟", &["--value", "USD 50000"]);
    let deal = &env.json(&["show", &id.to_string(), "--format", "json"])["deals"][0];
    assert_eq!((deal["value_minor"].as_i64(), deal["currency"].as_str()), (Some(5_000_000), Some("USD")));
    let id = env.add("李娜", &["--value", "1.5亿"]);
    let deal = &env.json(&["show", &id.to_string(), "--format", "json"])["deals"][0];
    assert_eq!((deal["value_minor"].as_i64(), deal["currency"].as_str()), (Some(15_000_000_000), Some("CNY")));
    let list = env.ok(&["list"]);
    assert!(list.contains("$50k") && list.contains("¥150m"), "{list}");
    let list = env.ok(&["--lang", "zh-CN", "list"]);
    assert!(list.contains("$5万") && list.contains("¥1.5亿"), "{list}");
}

#[test]
fn a_bare_number_takes_the_configured_currency() {
    let env = Env::new();
    std::fs::write(env.dir.path().join("config/config.toml"), "currency = \"USD\"\n").unwrap();
    let id = env.add("Emily Chen", &["--value", "50k"]);
    let deal = &env.json(&["show", &id.to_string(), "--format", "json"])["deals"][0];
    assert_eq!(deal["currency"], "USD");
    let id = env.add("王伟", &["--value", "50万"]);
    assert_eq!(env.json(&["show", &id.to_string(), "--format", "json"])["deals"][0]["currency"], "USD");
    let id = env.add("李娜", &["--value", "50000", "--currency", "eur"]);
    assert_eq!(env.json(&["show", &id.to_string(), "--format", "json"])["deals"][0]["currency"], "EUR");
}

#[test]
fn wrong_amounts_are_refused_with_what_to_type() {
    let env = Env::empty();
    let err = env.fails(&["add", "A", "--value", "50 XYZ"]);
    assert!(err.contains("unknown currency 'XYZ'") && err.contains("USD"), "{err}");
    let err = env.fails(&["add", "A", "--value", "1.5亿亿"]);
    assert!(err.contains("cannot read the amount '1.5亿亿'") && err.contains("$50k"), "{err}");
    let err = env.fails(&["add", "A", "--value", "$50k", "--currency", "CNY"]);
    assert!(err.contains("USD") && err.contains("CNY"), "{err}");
    let err = env.fails(&["--lang", "zh-CN", "add", "A", "--value", "50 XYZ"]);
    assert!(err.contains("未知币种“XYZ”"), "{err}");
    let err = env.fails(&["--lang", "zh-CN", "add", "A", "--value", "1.5亿亿"]);
    assert!(err.contains("无法识别金额“1.5亿亿”"), "{err}");
    assert!(env.json(&["list", "--format", "json"]).as_array().unwrap().is_empty(), "nothing was saved");
}

#[test]
fn a_bad_currency_in_the_config_is_named() {
    let env = Env::new();
    std::fs::write(env.dir.path().join("config/config.toml"), "currency = \"XYZ\"\n").unwrap();
    let err = env.fails(&["list"]);
    assert!(err.contains("config") && err.contains("XYZ"), "{err}");
}
