//! One start-up for both faces: config → language → strings → clock → where the data lives.
//! The command line and the app both begin with [`Session::start`], so an option means the
//! same thing in both (`--today tomorrow`, `--db ""`).

use std::path::PathBuf;

use crate::clock::Clock;
use crate::config::{self, Config};
use crate::domain::parse_date;
use crate::i18n::{Face, I18n, Lang};

/// Options every subcommand (and the app) takes.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct Options {
    /// The database file (default: the platform data dir).
    #[arg(long, global = true, env = "FIELDBOOK_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Pretend today is this date (reproducible output, tests): YYYY-MM-DD, today, tomorrow, +3d…
    #[arg(long, global = true, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
    /// Language: en or zh-CN (default: config file, then LANG).
    #[arg(long, global = true, value_name = "en|zh-CN")]
    pub lang: Option<String>,
}

/// What a run of Fieldbook works with, decided once before anything is opened.
#[derive(Debug, Clone)]
pub struct Session {
    /// Strings in the user's language.
    pub i18n: I18n,
    /// "Now" (a fixed day with `--today`).
    pub clock: Clock,
    /// The config file's settings.
    pub config: Config,
    /// Where `config.toml` and playbook overrides live.
    pub config_dir: PathBuf,
    /// The database file: `--db`, else `FIELDBOOK_DB`, else the platform data dir.
    pub db_path: PathBuf,
}

/// Why a run could not start, already in the user's language.
#[derive(Debug, Clone)]
pub struct StartError {
    /// The localised message.
    pub message: String,
    /// The localised `error: ` that goes before it on the command line.
    pub prefix: String,
}

impl Session {
    /// Reads the config in `config_dir` (the platform's unless the caller passes another),
    /// chooses the language (`--lang`, the config, `LANG`), and reads `--today` and `--db`.
    pub fn start(options: &Options, config_dir: PathBuf) -> Result<Self, StartError> {
        let config = Config::load(&config_dir.join(config::CONFIG_FILE));
        let config_lang = config.as_ref().ok().and_then(|c| c.lang.as_deref());
        let i18n = I18n::new(Lang::detect(options.lang.as_deref(), config_lang));
        let fail = |message: String| StartError { message, prefix: i18n.t("cli.error.prefix").to_string() };
        let config = config.map_err(|e| fail(i18n.fmt("cli.error.config", &[("reason", &one_line(&e))])))?;
        let today = match options.today.as_deref() {
            Some(s) => Some(parse_date(s, Clock::System.today()).map_err(|e| fail(i18n.localize(&e, Face::Cli)))?),
            None => None,
        };
        let db_path = options.db.clone().filter(|p| !p.as_os_str().is_empty()).unwrap_or_else(config::default_db_path);
        Ok(Self { i18n, clock: Clock::new(today), config, config_dir, db_path })
    }

    /// [`Session::start`] with the platform's config directory (or `FIELDBOOK_CONFIG_DIR`).
    pub fn start_default(options: &Options) -> Result<Self, StartError> {
        Self::start(options, config::config_dir())
    }
}

/// The strings for a run that could not even parse its command line: `--lang` as typed,
/// else the config file's language, else `LANG`.
pub fn usage_i18n(lang_flag: Option<&str>) -> I18n {
    let config = Config::load(&config::config_path()).ok();
    I18n::new(Lang::detect(lang_flag, config.as_ref().and_then(|c| c.lang.as_deref())))
}

/// A possibly multi-line error (TOML's points at the column) as one line: the outer context,
/// then the first and last lines of the root cause.
fn one_line(e: &anyhow::Error) -> String {
    let root = e.root_cause().to_string();
    let lines: Vec<&str> = root.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let cause = match (lines.first(), lines.last()) {
        (Some(first), Some(last)) if first != last => format!("{first}: {last}"),
        (Some(first), _) => first.to_string(),
        _ => String::new(),
    };
    if e.chain().count() > 1 { format!("{e}: {cause}") } else { cause }
}

#[cfg(test)]
mod tests {
    use chrono::Days;

    use super::*;

    fn options(today: Option<&str>, db: Option<&str>) -> Options {
        Options { db: db.map(PathBuf::from), today: today.map(str::to_string), lang: Some("en".into()) }
    }

    #[test]
    fn today_takes_every_form_a_when_field_takes() {
        let dir = tempfile::tempdir().unwrap();
        let s = Session::start(&options(Some("tomorrow"), None), dir.path().into()).unwrap();
        let tomorrow = Clock::System.today().checked_add_days(Days::new(1)).unwrap();
        assert_eq!(s.clock.today(), tomorrow);
        let e = Session::start(&options(Some("someday"), None), dir.path().into()).unwrap_err();
        assert!(e.message.contains("someday"), "{}", e.message);
    }

    #[test]
    fn an_empty_db_option_means_the_default_file() {
        let dir = tempfile::tempdir().unwrap();
        let s = Session::start(&options(None, Some("")), dir.path().into()).unwrap();
        assert_eq!(s.db_path, config::default_db_path());
    }

    #[test]
    fn a_broken_config_is_named_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.toml"), "lang = \"zh-CN\"\n[cadence]\nstar = seven\n").unwrap();
        let e = Session::start(&Options::default(), dir.path().into()).unwrap_err();
        assert!(e.message.contains("config.toml"), "{}", e.message);
        assert!(e.message.contains("line 3"), "{}", e.message);
    }
}
