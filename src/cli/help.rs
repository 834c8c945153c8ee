//! `--help` in the user's language. clap writes help from the doc comments (English); in
//! Chinese each command's description and each argument's help come from
//! `assets/i18n/zh-CN/help.toml`, and the headings and the help and version flags are Chinese.

use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};

use super::Cli;
use super::usage::lang_flag;
use crate::i18n::{I18n, Lang};

/// The Chinese help, by command path (`plan`, `contact.add`; `top` for the program).
const ZH: &str = include_str!("../../assets/i18n/zh-CN/help.toml");

/// The Chinese names of the values arguments take (`<客户编号>`, `--at <时间>`): by clap's
/// English name, and by `command.argument` where one name means another thing there.
const ZH_VALUE_NAMES: &str = include_str!("../../assets/i18n/zh-CN/value_names.toml");

/// The help page: description, usage, then the commands, arguments and options of `cmd` under
/// Chinese headings with full-width colons (clap's own headings end in `:`).
fn template(cmd: &Command) -> String {
    let mut t = String::from("{about-with-newline}\n用法：{usage}\n");
    if cmd.has_subcommands() {
        t.push_str("\n命令：\n{subcommands}\n");
    }
    if cmd.get_positionals().next().is_some() {
        t.push_str("\n参数：\n{positionals}\n");
    }
    t.push_str("\n选项：\n{options}{after-help}");
    t
}

/// Parses the command line, with help and usage in the language the arguments, the config file
/// or `LANG` choose (an error is help, version or a usage error: see [`super::usage::report`]).
///
/// The help texts only show when clap stops (help, version, a usage error): a command line that
/// parses is read by the plain command, and only one that stops is read again by the localised
/// one, which says why in the user's language. Localising every command and argument costs a
/// few milliseconds, paid before each command otherwise.
pub fn parse(args: &[String]) -> Result<Cli, clap::Error> {
    if let Ok(matches) = Cli::command().try_get_matches_from(args) {
        return Cli::from_arg_matches(&matches);
    }
    let i18n = crate::startup::usage_i18n(lang_flag(args).as_deref());
    let matches = localized(Cli::command(), &i18n).try_get_matches_from(args)?;
    Cli::from_arg_matches(&matches)
}

/// `cmd` with its help in `i18n`'s language.
pub fn localized(cmd: Command, i18n: &I18n) -> Command {
    match i18n.lang() {
        Lang::En => without_empty_defaults(cmd),
        Lang::ZhCn => {
            let tables =
                Tables { help: ZH.parse().unwrap_or_default(), values: ZH_VALUE_NAMES.parse().unwrap_or_default() };
            let mut cmd = in_chinese(cmd, &tables, "top");
            // clap adds its `help` subcommands when the command is built; say them in Chinese.
            cmd.build();
            usage_in_chinese(help_in_chinese(cmd))
        }
    }
}

/// `cmd` and its subcommands with no `[default: ""]` under an argument whose default is empty.
fn without_empty_defaults(mut cmd: Command) -> Command {
    let ids: Vec<String> = cmd
        .get_arguments()
        .filter(|a| !a.get_default_values().is_empty() && a.get_default_values().iter().all(|v| v.is_empty()))
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        cmd = cmd.mut_arg(&id, |arg| arg.hide_default_value(true));
    }
    let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in names {
        cmd = cmd.mut_subcommand(&name, without_empty_defaults);
    }
    cmd
}

/// The `help` subcommand of `cmd` and of its subcommands, described in Chinese.
fn help_in_chinese(mut cmd: Command) -> Command {
    let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in names {
        cmd = cmd.mut_subcommand(&name, |sub| {
            if name == "help" { sub.about("显示帮助，或某个子命令的帮助") } else { help_in_chinese(sub) }
        });
    }
    cmd
}

/// `cmd` and its subcommands with their usage lines in Chinese: clap writes `[OPTIONS]` and
/// `<COMMAND>` in English (`用法：fieldbook visit [选项] <ID>`). `cmd` must be built (its
/// subcommands know their full names).
fn usage_in_chinese(mut cmd: Command) -> Command {
    let usage = cmd.render_usage().to_string();
    let usage = usage.trim_start().strip_prefix("Usage:").unwrap_or(&usage).trim();
    let chinese: Vec<String> = usage
        .lines()
        .map(|line| {
            line.trim().replace("[OPTIONS]", "[选项]").replace("[COMMAND]", "[命令]").replace("<COMMAND>", "<命令>")
        })
        .collect();
    // Later lines line up under the first, after 用法： (six columns).
    cmd = cmd.override_usage(chinese.join("\n      "));
    let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in names {
        cmd = cmd.mut_subcommand(&name, usage_in_chinese);
    }
    cmd
}

/// The help texts of the command at `path` in `table` (`contact.add` is `[contact.add]`).
fn section<'t>(table: &'t toml::Table, path: &str) -> Option<&'t toml::Table> {
    path.split('.').try_fold(table, |t, key| t.get(key).and_then(toml::Value::as_table))
}

/// The Chinese help texts and value names.
struct Tables {
    help: toml::Table,
    values: toml::Table,
}

impl Tables {
    /// The Chinese names of the values `arg` of the command at `path` takes (`None`: it takes
    /// none, or its names are kept as they are).
    fn value_names(&self, path: &str, arg: &Arg) -> Option<Vec<&'static str>> {
        if !arg.get_action().takes_values() {
            return None;
        }
        let english: Vec<String> = match arg.get_value_names() {
            Some(names) => names.iter().map(|n| n.to_string()).collect(),
            None => vec![arg.get_id().to_string().to_uppercase()],
        };
        let key = format!("{path}.{}", arg.get_id());
        let by_arg = section(&self.values, "args").and_then(|t| t.get(&key)).and_then(toml::Value::as_str);
        let names = section(&self.values, "names");
        let chinese: Vec<&'static str> = english
            .iter()
            .map(|name| {
                let said = by_arg.or_else(|| names.and_then(|t| t.get(name)).and_then(toml::Value::as_str));
                // clap keeps 'static names; this runs once, when the help or an error is shown.
                &*String::leak(said.unwrap_or(name).to_string())
            })
            .collect();
        (english.iter().zip(&chinese).any(|(e, c)| e != c)).then_some(chinese)
    }
}

fn in_chinese(mut cmd: Command, tables: &Tables, path: &str) -> Command {
    let texts = section(&tables.help, path);
    let text = |key: &str| texts.and_then(|t| t.get(key)).and_then(toml::Value::as_str).map(str::to_string);
    if let Some(about) = text("about") {
        cmd = cmd.about(about).long_about(None);
    }
    let ids: Vec<String> = cmd.get_arguments().map(|a| a.get_id().to_string()).collect();
    for id in ids {
        let help = text(&id);
        cmd = cmd.mut_arg(&id, |arg| {
            let arg = match tables.value_names(path, &arg) {
                Some(names) => arg.value_names(names),
                None => arg,
            };
            // clap's "[env: …]" note is English: the Chinese help names the variable itself.
            let arg = if arg.get_env().is_some() { arg.hide_env(true) } else { arg };
            // So is its "[aliases: …]": the other spellings still work, and the help says so.
            let shown: Vec<String> =
                arg.get_visible_aliases().unwrap_or_default().into_iter().map(|a| format!("--{a}")).collect();
            let arg = if shown.is_empty() {
                arg
            } else {
                // clap keeps 'static names; this runs once, when the help is shown.
                let all: Vec<&'static str> =
                    arg.get_all_aliases().unwrap_or_default().into_iter().map(|a| &*String::leak(a.into())).collect();
                all.into_iter().fold(arg.alias(None), |arg, alias| arg.alias(alias))
            };
            // And its "Possible values:" and "[default: …]": the help lists the choices and the
            // default in Chinese (an empty default is not shown).
            let takes = arg.get_action().takes_values();
            let choices: Vec<String> = if takes {
                arg.get_possible_values().iter().map(|v| v.get_name().to_string()).collect()
            } else {
                Vec::new()
            };
            let default: Vec<String> = if takes {
                arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect()
            } else {
                Vec::new()
            };
            let mut notes = Vec::new();
            if !shown.is_empty() {
                notes.push(format!("也可写 {}", shown.join("、")));
            }
            let said = help.as_deref().unwrap_or_default();
            if !choices.is_empty() && !choices.iter().all(|c| said.contains(c.as_str())) {
                notes.push(format!("可选：{}", choices.join("、")));
            }
            if !default.iter().all(String::is_empty) && !said.contains("默认") {
                notes.push(format!("默认：{}", default.join("、")));
            }
            let arg = if takes { arg.hide_possible_values(true).hide_default_value(true) } else { arg };
            match help {
                Some(help) if !notes.is_empty() => {
                    let notes = notes.join("；");
                    match help.strip_suffix('）') {
                        Some(open) => arg.help(format!("{open}；{notes}）")),
                        None => arg.help(format!("{help}（{notes}）")),
                    }
                }
                Some(help) => arg.help(help),
                None => arg,
            }
        });
    }
    let template = template(&cmd);
    cmd = cmd
        .help_template(template)
        .disable_help_flag(true)
        .arg(Arg::new("help").short('h').long("help").action(ArgAction::Help).help("显示帮助"));
    if path == "top" {
        cmd = cmd
            .disable_version_flag(true)
            .arg(Arg::new("version").short('V').long("version").action(ArgAction::Version).help("显示版本"));
    }
    let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in names {
        let inner = if path == "top" { name.clone() } else { format!("{path}.{name}") };
        cmd = cmd.mut_subcommand(&name, |sub| in_chinese(sub, tables, &inner));
    }
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and argument with English help, as `path` or `path.id`.
    fn helped(cmd: &Command, path: &str, out: &mut Vec<String>) {
        out.push(format!("{path}.about"));
        for arg in cmd.get_arguments().filter(|a| a.get_help().is_some()) {
            out.push(format!("{path}.{}", arg.get_id()));
        }
        for sub in cmd.get_subcommands() {
            let inner = if path == "top" { sub.get_name().to_string() } else { format!("{path}.{}", sub.get_name()) };
            helped(sub, &inner, out);
        }
    }

    /// Every text of the Chinese help file, as `path.key`.
    fn written(table: &toml::Table, path: &str, out: &mut Vec<String>) {
        for (key, value) in table {
            let inner = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
            match value {
                toml::Value::Table(t) => written(t, &inner, out),
                _ => out.push(inner),
            }
        }
    }

    #[test]
    fn every_command_and_argument_has_its_chinese_help_and_no_other() {
        let mut english = Vec::new();
        helped(&Cli::command(), "top", &mut english);
        let table: toml::Table = ZH.parse().expect("help.toml parses");
        let mut chinese = Vec::new();
        written(&table, "", &mut chinese);
        english.sort();
        chinese.sort();
        let missing: Vec<&String> = english.iter().filter(|k| !chinese.contains(k)).collect();
        let extra: Vec<&String> = chinese.iter().filter(|k| !english.contains(k)).collect();
        assert!(missing.is_empty() && extra.is_empty(), "missing {missing:?}, not a command or argument {extra:?}");
    }

    #[test]
    fn chinese_help_is_chinese() {
        let mut cmd = localized(Cli::command(), &I18n::new(Lang::ZhCn));
        let top = cmd.render_help().to_string();
        assert!(
            top.contains("用法：") && top.contains("命令") && top.contains("选项") && top.contains("显示帮助"),
            "{top}"
        );
        assert!(top.contains("计划拜访：时间、拜访目的、行动计划、预期结果"), "{top}");
        assert!(top.contains("命令：") && top.contains("选项：") && !top.contains("选项:"), "full-width colons: {top}");
        assert!(top.contains("显示帮助，或某个子命令的帮助") && !top.contains("Print this message"), "{top}");
        assert!(top.contains("用法：fieldbook [选项] [命令]") && !top.contains("[OPTIONS]"), "{top}");
        let visit = cmd.find_subcommand_mut("visit").expect("visit").render_help().to_string();
        assert!(visit.contains("用法：fieldbook visit [选项] <客户>\n      fieldbook visit <命令>"), "{visit}");
        let plan = cmd.find_subcommand_mut("plan").expect("plan").render_help().to_string();
        assert!(plan.contains("时间：5月12日") && plan.contains("拜访目的（必填）"), "{plan}");
        let english = Cli::command().render_help().to_string();
        assert!(english.contains("Usage:") && !english.contains("用法"));
    }

    /// clap's notes under an argument are English ("Possible values:", "[default: text]",
    /// "[possible values: high, low]"): the Chinese help says the choices and the default in
    /// its own words, and neither says an empty default (`[default: ""]`).
    #[test]
    fn choices_and_defaults_are_said_in_the_help_s_language() {
        let mut zh = localized(Cli::command(), &I18n::new(Lang::ZhCn));
        for (path, said) in [
            (["add", ""], "（可选：text、json；默认：text）"),
            (["profile", ""], "；可选：high、low）"),
            (["list", ""], "（默认：50）"),
            (["contact", "list"], "输出格式"),
        ] {
            let sub = zh.find_subcommand_mut(path[0]).expect("command");
            let sub = if path[1].is_empty() { sub } else { sub.find_subcommand_mut(path[1]).expect("subcommand") };
            let help = sub.render_long_help().to_string();
            assert!(help.contains(said), "{path:?}: {help}");
            for english in ["Possible values", "possible values", "[default", "Aligned"] {
                assert!(!help.contains(english), "{path:?}: {english} in {help}");
            }
        }
        let mut en = localized(Cli::command(), &I18n::new(Lang::En));
        let add = en.find_subcommand_mut("add").expect("add").render_long_help().to_string();
        assert!(!add.contains("[default: \"\"]") && add.contains("[default: text]"), "{add}");
    }

    /// clap names a positional by its field (`<CUSTOMER>`) and an option's value by its
    /// `value_name`, in English, in the usage line, the help and a usage error: in Chinese
    /// every one is Chinese but the values typed as written (week|month|quarter, en|zh-CN).
    #[test]
    fn value_names_are_chinese() {
        fn english(cmd: &Command, path: &str, out: &mut Vec<String>) {
            for arg in cmd.get_arguments().filter(|a| a.get_action().takes_values()) {
                for name in arg.get_value_names().unwrap_or_default() {
                    let name = name.to_string();
                    if name.chars().any(|c| c.is_ascii_uppercase()) && name != "en|zh-CN" {
                        out.push(format!("{path}.{}: {name}", arg.get_id()));
                    }
                }
                if arg.is_positional() && arg.get_value_names().is_none() {
                    out.push(format!("{path}.{}: unnamed", arg.get_id()));
                }
            }
            for sub in cmd.get_subcommands() {
                english(sub, &format!("{path}.{}", sub.get_name()), out);
            }
        }
        let mut zh = localized(Cli::command(), &I18n::new(Lang::ZhCn));
        let mut left = Vec::new();
        english(&zh, "top", &mut left);
        assert!(left.is_empty(), "{left:#?}");
        let contact = zh.find_subcommand_mut("contact").expect("contact");
        let edit = contact.find_subcommand_mut("edit").expect("edit").render_help().to_string();
        assert!(edit.contains("<联系人编号>") && edit.contains("--name <姓名>"), "{edit}");
        let usage = |args: &[&str]| match localized(Cli::command(), &I18n::new(Lang::ZhCn)).try_get_matches_from(args) {
            Ok(_) => panic!("{args:?} should not parse"),
            Err(e) => crate::cli::usage::message(&e, &I18n::new(Lang::ZhCn)),
        };
        let missing = usage(&["fieldbook", "contact", "add"]);
        assert!(missing.contains("缺少 <客户>") && missing.contains("<姓名>"), "{missing}");
        assert!(!missing.contains("CUSTOMER") && !missing.contains("NAME"), "{missing}");
        let edit = usage(&["fieldbook", "visit", "edit", "abc"]);
        assert!(edit.contains("“abc”不是有效的 <拜访编号>"), "{edit}");
        let report = localized(Cli::command(), &I18n::new(Lang::ZhCn))
            .find_subcommand_mut("report")
            .expect("report")
            .render_help()
            .to_string();
        assert!(report.contains("--period <week|month|quarter>") && report.contains("--from <日期>"), "{report}");
        let english = Cli::command().render_usage().to_string();
        assert!(english.contains("[OPTIONS]"), "{english}");
    }
}
