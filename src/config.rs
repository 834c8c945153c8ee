//! The config file (`config.toml` in the platform config dir) and where the data lives.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde::{Deserialize, Serialize};

use crate::domain::CadencePolicy;
use crate::domain::calendar::DEFAULT_REMINDER_MINUTES;
use crate::domain::money::{Currency, Rates};
use crate::domain::report::StepOdds;

/// Settings a rep can change. Every field has a default; unknown keys are rejected so typos
/// are caught.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// `en` or `zh-CN`; else `LANG`.
    pub lang: Option<String>,
    /// Visit cadence defaults per portfolio quadrant.
    pub cadence: CadencePolicy,
    /// Automatic daily backups.
    pub backup: BackupConfig,
    /// Key rebinding: screen → (action name → key), e.g. `[keys.pipeline] won = "W"`.
    pub keys: BTreeMap<String, BTreeMap<String, String>>,
    /// The currency of amounts typed without one (`currency = "CNY"`), and the base of `rates`.
    pub currency: Currency,
    /// Exchange rates into `currency` (`[rates] USD = 7.1`: one dollar is 7.1 yuan); with
    /// them, totals in several currencies also show a converted total.
    pub rates: BTreeMap<Currency, f64>,
    /// The chance, in percent, that an open deal in each step is won, for the report's
    /// forecast (`[forecast] survey = 40`).
    pub forecast: StepOdds,
    /// Planned visits on the phone's calendar (`[calendar] file = "~/Sync/fieldbook.ics"`).
    pub calendar: CalendarConfig,
}

/// The calendar export's settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CalendarConfig {
    /// An `.ics` file written again after every change (a synced folder feeds the phone);
    /// `~/` is the home folder, a relative path is read from the config folder.
    pub file: Option<PathBuf>,
    /// Minutes before each event its reminder goes off (0: no reminder).
    pub reminder_minutes: u32,
}

impl Default for CalendarConfig {
    fn default() -> Self {
        Self { file: None, reminder_minutes: DEFAULT_REMINDER_MINUTES }
    }
}

impl CalendarConfig {
    /// Where `file` is: `~/` expanded, a relative path taken from `config_dir`.
    pub fn file_path(&self, config_dir: &Path) -> Option<PathBuf> {
        let file = self.file.as_ref().filter(|f| !f.as_os_str().is_empty())?;
        let home = directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf());
        let path = match (file.strip_prefix("~").ok(), home) {
            (Some(rest), Some(home)) => home.join(rest),
            _ => file.clone(),
        };
        Some(if path.is_relative() { config_dir.join(path) } else { path })
    }
}

/// Automatic backup settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BackupConfig {
    /// How many daily backups to keep.
    pub keep: u32,
}

impl Default for BackupConfig {
    fn default() -> Self {
        Self { keep: 7 }
    }
}

impl Config {
    /// Reads the config file; a missing file gives the defaults, a broken one an error
    /// naming the file and the line.
    pub fn load(path: &Path) -> anyhow::Result<Self> {
        let config: Self = match std::fs::read_to_string(path) {
            Ok(text) => {
                toml::from_str(&text).with_context(|| format!("config file {} is not valid", path.display()))?
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Self::default(),
            Err(e) => return Err(e).with_context(|| format!("cannot read config file {}", path.display())),
        };
        if let Some((currency, rate)) = config.rates.iter().find(|(_, r)| !(r.is_finite() && **r > 0.0)) {
            anyhow::bail!(
                "config file {}: the rate of {currency} must be a positive number, not {rate}",
                path.display()
            );
        }
        if let Some((step, percent)) = config.forecast.over_100() {
            anyhow::bail!(
                "config file {}: [forecast] {step} must be a percent from 0 to 100, not {percent}",
                path.display()
            );
        }
        Ok(config)
    }

    /// The exchange rates as the domain uses them.
    pub fn exchange_rates(&self) -> Rates {
        Rates { base: self.currency, per_unit: self.rates.clone() }
    }
}

/// Platform directories for Fieldbook.
fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "fieldbook")
}

/// The config directory: `FIELDBOOK_CONFIG_DIR`, else the platform's (e.g. `~/.config/fieldbook`).
pub fn config_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("FIELDBOOK_CONFIG_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    project_dirs().map(|d| d.config_dir().to_path_buf()).unwrap_or_else(|| PathBuf::from("."))
}

/// The config file's name inside the config directory.
pub const CONFIG_FILE: &str = "config.toml";

/// The config file path.
pub fn config_path() -> PathBuf {
    config_dir().join(CONFIG_FILE)
}

/// The default database: the platform data dir (e.g. `~/.local/share/fieldbook/fieldbook.db`).
pub fn default_db_path() -> PathBuf {
    project_dirs().map(|d| d.data_dir().join("fieldbook.db")).unwrap_or_else(|| PathBuf::from("fieldbook.db"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_gives_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let c = Config::load(&dir.path().join("none.toml")).unwrap();
        assert_eq!(c, Config::default());
        assert_eq!(c.cadence.star, 7);
        assert_eq!(c.backup.keep, 7);
        assert_eq!(c.calendar.reminder_minutes, 30);
        assert_eq!(c.calendar.file_path(dir.path()), None);
    }

    #[test]
    fn broken_file_names_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "lang = \"en\"\n[cadence]\nstar = seven\n").unwrap();
        let err = format!("{:#}", Config::load(&path).unwrap_err());
        assert!(err.contains("line 3"), "{err}");
        std::fs::write(&path, "[cadence]\nstar = 5\n").unwrap();
        assert_eq!(Config::load(&path).unwrap().cadence.star, 5);
    }

    #[test]
    fn calendar_file_paths() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "[calendar]\nfile = \"sync/fieldbook.ics\"\nreminder_minutes = 10\n").unwrap();
        let c = Config::load(&path).unwrap();
        assert_eq!(c.calendar.reminder_minutes, 10);
        assert_eq!(c.calendar.file_path(dir.path()), Some(dir.path().join("sync/fieldbook.ics")));
        let home = CalendarConfig { file: Some("~/fieldbook.ics".into()), ..Default::default() };
        let expanded = home.file_path(dir.path()).unwrap();
        assert!(expanded.is_absolute() && expanded.ends_with("fieldbook.ics") && !expanded.starts_with("~"));
    }

    #[test]
    fn currency_and_rates() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        assert_eq!(Config::load(&path).unwrap().currency, Currency::CNY);
        std::fs::write(&path, "currency = \"usd\"\n[rates]\nCNY = 0.14\n").unwrap();
        let c = Config::load(&path).unwrap();
        assert_eq!(c.currency, Currency::USD);
        assert_eq!(c.exchange_rates().per_unit.get(&Currency::CNY), Some(&0.14));
        std::fs::write(&path, "currency = \"XYZ\"\n").unwrap();
        let err = format!("{:#}", Config::load(&path).unwrap_err());
        assert!(err.contains("XYZ"), "{err}");
        std::fs::write(&path, "[rates]\nUSD = -7\n").unwrap();
        let err = format!("{:#}", Config::load(&path).unwrap_err());
        assert!(err.contains("USD"), "{err}");
    }
}
