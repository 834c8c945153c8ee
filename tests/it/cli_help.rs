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
