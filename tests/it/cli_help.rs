//! `--help` speaks the user's language: Chinese with `--lang zh-CN` or `LANG=zh_CN`, for the
//! program and every subcommand; English otherwise.

use crate::common::Env;

fn help(env: &Env, lang_env: &str, args: &[&str]) -> String {
    let out = env.bare().env("LANG", lang_env).args(args).output().expect("run fieldbook");
    assert_eq!(out.status.code(), Some(0), "{args:?}");
    String::from_utf8(out.stdout).expect("utf-8 help")
}

#[test]
fn help_is_chinese_under_lang_zh_cn_and_its_locale() {
    let env = Env::new();
    for top in [help(&env, "C", &["--lang", "zh-CN", "--help"]), help(&env, "zh_CN.UTF-8", &["--help"])] {
        assert!(
            top.contains("用法：fieldbook") && top.contains("计划拜访：时间、拜访目的、行动计划、预期结果"),
            "{top}"
        );
        assert!(top.contains("显示帮助") && !top.contains("Plan a visit"), "{top}");
    }
    let plan = help(&env, "zh_CN.UTF-8", &["plan", "--help"]);
    assert!(plan.contains("用法：fieldbook plan") && plan.contains("时间：5月12日、下周一 上午10点"), "{plan}");
    let add = help(&env, "C", &["--lang=zh-CN", "contact", "add", "--help"]);
    assert!(add.contains("为客户单位添加一个人"), "{add}");
    let english = help(&env, "C", &["plan", "--help"]);
    assert!(english.contains("Usage: fieldbook plan") && english.contains("Plan a visit"), "{english}");
}

#[test]
fn another_spelling_of_an_option_is_said_in_chinese_and_still_works() {
    let env = Env::new();
    let visit = help(&env, "zh_CN.UTF-8", &["visit", "--help"]);
    assert!(visit.contains("也可写 --action-plan") && !visit.contains("alias"), "{visit}");
    assert!(help(&env, "C", &["visit", "--help"]).contains("[alias: --action-plan]"), "English keeps clap's own");
    let id = env.add("王伟", &[]).to_string();
    let args = ["--lang", "zh-CN", "plan", &id, "--at", "fri 10:00", "--purpose", "报价"];
    env.ok(&[&args[..], &["--action-plan", "带报价单", "--expected", "约好试用"]].concat());
}
