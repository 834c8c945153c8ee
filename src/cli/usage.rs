//! Command-line usage errors (a missing argument, a value of the wrong kind, an unknown option)
//! in the user's language. clap finds them; this says them. Help and version go out as clap
//! writes them.

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::i18n::I18n;

/// Prints `e` (help, version or a usage error) and returns the exit code: 0 for help and
/// version, 2 for a usage error.
pub fn report(e: &clap::Error, args: &[String]) -> i32 {
    if !e.use_stderr() {
        // Help or version: clap's text, on stdout.
        return match e.print() {
            Ok(()) => 0,
            Err(_) => 1,
        };
    }
    let i18n = crate::startup::usage_i18n(lang_flag(args).as_deref());
    eprintln!("{}", crate::text::printable(&message(e, &i18n)));
    2
}

/// The localised message: what is wrong, the usage line, and where help is.
pub fn message(e: &clap::Error, i18n: &I18n) -> String {
    if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        // A command group given alone (`fieldbook next`): its help, which lists its commands.
        return e.render().to_string().trim_end().to_string();
    }
    let text = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => i18n.list(v.iter().cloned()),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let arg = text(ContextKind::InvalidArg);
    let value = text(ContextKind::InvalidValue);
    let what = match e.kind() {
        ErrorKind::MissingRequiredArgument => i18n.fmt("cli.usage.missing", &[("arg", &arg)]),
        ErrorKind::ValueValidation if is_not_a_number(e) => {
            i18n.fmt("cli.usage.not_a_number", &[("arg", &arg), ("value", &value)])
        }
        ErrorKind::InvalidValue if value.is_empty() && arg.starts_with('-') => {
            // An option given no value (`--limit` last): clap says the empty value is invalid.
            let (flag, name) = arg.split_once(' ').unwrap_or((&arg, ""));
            let name = name.trim_end_matches("...").trim_start_matches('<').trim_end_matches('>');
            i18n.fmt("cli.usage.no_value", &[("arg", &flag), ("name", &name)])
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let valid = text(ContextKind::ValidValue);
            if valid.is_empty() {
                i18n.fmt("cli.usage.bad_value", &[("arg", &arg), ("value", &value)])
            } else {
                i18n.fmt("cli.usage.bad_choice", &[("arg", &arg), ("value", &value), ("valid", &valid)])
            }
        }
        ErrorKind::UnknownArgument => i18n.fmt("cli.usage.unknown_arg", &[("arg", &arg)]),

        ErrorKind::InvalidSubcommand => {
            let command = text(ContextKind::InvalidSubcommand);
            match text(ContextKind::SuggestedSubcommand) {
                s if s.is_empty() => i18n.fmt("cli.usage.unknown_command", &[("arg", &command)]),
                s => i18n.fmt("cli.usage.unknown_command_like", &[("arg", &command), ("like", &s)]),
            }
        }
        ErrorKind::ArgumentConflict => {
            i18n.fmt("cli.usage.conflict", &[("arg", &arg), ("other", &text(ContextKind::PriorArg))])
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            i18n.fmt("cli.usage.unexpected", &[("value", &value)])
        }
        ErrorKind::TooFewValues => i18n.fmt("cli.usage.too_few", &[("arg", &arg)]),
        ErrorKind::InvalidUtf8 => i18n.t("cli.usage.not_utf8"),
        _ => i18n.fmt("cli.usage.other", &[("reason", &first_line(e))]),
    };
    let mut out = format!("{}{what}", i18n.t("cli.error.prefix"));
    let usage = text(ContextKind::Usage);
    if !usage.is_empty() {
        let usage = usage.trim().trim_start_matches("Usage:").trim();
        out.push_str(&format!("\n\n{}{usage}", i18n.t("cli.usage.usage")));
    }
    out.push_str(&format!("\n\n{}", i18n.t("cli.usage.help")));
    out
}

/// True when the value failed to parse as a whole number (an id, a count).
fn is_not_a_number(e: &clap::Error) -> bool {
    std::error::Error::source(e).is_some_and(|s| s.downcast_ref::<std::num::ParseIntError>().is_some())
}

/// clap's own first line, without its `error: ` prefix (for kinds not worded here).
fn first_line(e: &clap::Error) -> String {
    let rendered = e.render().to_string();
    let line = rendered.lines().next().unwrap_or_default();
    line.strip_prefix("error: ").unwrap_or(line).to_string()
}

/// The value of `--lang` on the raw command line (parsing failed, so clap cannot tell us).
pub(crate) fn lang_flag(args: &[String]) -> Option<String> {
    let mut rest = args.iter();
    while let Some(a) = rest.next() {
        if a == "--lang" {
            return rest.next().cloned();
        }
        if let Some(v) = a.strip_prefix("--lang=") {
            return Some(v.to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, Parser};

    use super::*;
    use crate::cli::Cli;
    use crate::i18n::Lang;

    fn error_of(args: &[&str]) -> clap::Error {
        match Cli::try_parse_from(args) {
            Ok(_) => panic!("{args:?} should not parse"),
            Err(e) => e,
        }
    }

    #[test]
    fn a_missing_argument_is_named_in_both_languages() {
        let e = error_of(&["fieldbook", "show"]);
        let en = message(&e, &I18n::new(Lang::En));
        assert!(en.starts_with("error: "), "{en}");
        assert!(en.contains("<CUSTOMER>"), "{en}");
        assert!(en.contains("--help"), "{en}");
        let zh = message(&e, &I18n::new(Lang::ZhCn));
        assert!(zh.contains("缺少") && zh.contains("<CUSTOMER>"), "{zh}");
    }

    #[test]
    fn an_option_without_its_value_says_what_to_write() {
        let e = error_of(&["fieldbook", "list", "--limit"]);
        let en = message(&e, &I18n::new(Lang::En));
        assert!(en.contains("--limit needs a value: LIMIT"), "{en}");
        let zh = crate::cli::help::localized(Cli::command(), &I18n::new(Lang::ZhCn))
            .try_get_matches_from(["fieldbook", "visit", "1", "--met"])
            .map(|_| String::new())
            .unwrap_or_else(|e| message(&e, &I18n::new(Lang::ZhCn)));
        assert!(zh.contains("--met 后面要写联系人编号") && !zh.contains("“”"), "{zh}");
    }

    #[test]
    fn a_non_numeric_id_says_what_is_wrong() {
        let e = error_of(&["fieldbook", "visit", "edit", "abc"]);
        let zh = message(&e, &I18n::new(Lang::ZhCn));
        assert!(zh.contains("abc") && zh.contains("<ID>"), "{zh}");
        assert!(zh.contains("数字"), "{zh}");
    }

    #[test]
    fn unknown_options_and_subcommands_are_named() {
        let zh = message(&error_of(&["fieldbook", "shw"]), &I18n::new(Lang::ZhCn));
        assert!(zh.contains("shw") && zh.contains("show"), "{zh}");
        let en = message(&error_of(&["fieldbook", "list", "--bogus"]), &I18n::new(Lang::En));
        assert!(en.contains("--bogus"), "{en}");
    }

    #[test]
    fn a_command_group_alone_shows_its_commands() {
        let e = error_of(&["fieldbook", "next"]);
        let help = message(&e, &I18n::new(Lang::En));
        assert!(help.starts_with("Next steps, each due on a day"), "{help}");
        assert!(help.contains("Commands:") && help.contains("postpone"), "{help}");
    }

    #[test]
    fn the_lang_flag_is_read_from_raw_arguments() {
        let args = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(lang_flag(&args(&["fieldbook", "--lang", "zh-CN", "show"])).as_deref(), Some("zh-CN"));
        assert_eq!(lang_flag(&args(&["fieldbook", "show", "--lang=en"])).as_deref(), Some("en"));
        assert_eq!(lang_flag(&args(&["fieldbook", "show"])), None);
    }
}
