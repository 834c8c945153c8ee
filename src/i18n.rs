//! Every user-visible string, in English and Simplified Chinese.
//!
//! Strings live in `assets/i18n/<lang>/<area>.toml` (one file per area so features do not
//! collide), embedded in the binary. Keys are `area.table.key`; `{name}` placeholders are
//! filled by [`I18n::fmt`]. A missing key falls back to English, then to the key itself.

use std::collections::HashMap;

use crate::domain::money::{Currency, Money, Numerals, Rates, Totals};
use crate::domain::{ContactPart, DomainError, Word};
use crate::ops::contacts::ContactError;
use crate::store::StoreError;

/// A UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    ZhCn,
}

impl Lang {
    /// Reads `en`, `zh-CN` (and `zh`, `zh_CN`, `zh-Hans`...); `None` for anything else.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim().to_lowercase().replace('_', "-");
        if s.starts_with("zh") {
            Some(Self::ZhCn)
        } else if s.starts_with("en") || s == "c" || s == "posix" {
            Some(Self::En)
        } else {
            None
        }
    }

    /// `--lang`, else the config file, else `LC_ALL` / `LC_MESSAGES` / `LANG`, else English.
    pub fn detect(flag: Option<&str>, config: Option<&str>) -> Self {
        let env =
            ["LC_ALL", "LC_MESSAGES", "LANG"].iter().filter_map(|v| std::env::var(v).ok()).find(|v| !v.is_empty());
        [flag.map(str::to_string), config.map(str::to_string), env]
            .into_iter()
            .flatten()
            .find_map(|s| Self::parse(&s))
            .unwrap_or(Self::En)
    }

    /// The tag used in file names and `--lang`.
    pub fn tag(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::ZhCn => "zh-CN",
        }
    }
}

/// The string files of each area, `(area, English, Chinese)`.
const FILES: &[(&str, &str, &str)] = &[
    ("common", include_str!("../assets/i18n/en/common.toml"), include_str!("../assets/i18n/zh-CN/common.toml")),
    ("error", include_str!("../assets/i18n/en/error.toml"), include_str!("../assets/i18n/zh-CN/error.toml")),
    ("playbook", include_str!("../assets/i18n/en/playbook.toml"), include_str!("../assets/i18n/zh-CN/playbook.toml")),
    ("cli", include_str!("../assets/i18n/en/cli.toml"), include_str!("../assets/i18n/zh-CN/cli.toml")),
    ("forms", include_str!("../assets/i18n/en/forms.toml"), include_str!("../assets/i18n/zh-CN/forms.toml")),
    ("tui", include_str!("../assets/i18n/en/tui.toml"), include_str!("../assets/i18n/zh-CN/tui.toml")),
    ("data", include_str!("../assets/i18n/en/data.toml"), include_str!("../assets/i18n/zh-CN/data.toml")),
];

/// Looks up strings in one language.
#[derive(Debug, Clone)]
pub struct I18n {
    lang: Lang,
    strings: HashMap<String, String>,
    english: HashMap<String, String>,
}

impl I18n {
    /// Loads the embedded strings for `lang`.
    pub fn new(lang: Lang) -> Self {
        let english = load(Lang::En);
        let strings = if lang == Lang::En { english.clone() } else { load(lang) };
        Self { lang, strings, english }
    }

    /// The language in use.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The string for `key`.
    pub fn t(&self, key: &str) -> String {
        self.strings.get(key).or_else(|| self.english.get(key)).cloned().unwrap_or_else(|| key.to_string())
    }

    /// The string for `key` with `{name}` placeholders filled from `args`.
    pub fn fmt(&self, key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        let mut s = self.t(key);
        for (name, value) in args {
            s = s.replace(&format!("{{{name}}}"), &value.to_string());
        }
        s
    }

    /// How amounts are written in this language (`¥1.2m`, or `¥120万` in Chinese).
    pub fn numerals(&self) -> Numerals {
        match self.lang {
            Lang::En => Numerals::Western,
            Lang::ZhCn => Numerals::Chinese,
        }
    }

    /// An amount, short: `¥1.2m` / `¥120万`.
    pub fn money(&self, money: Money) -> String {
        money.compact(self.numerals())
    }

    /// Sums per currency, `first` (the rep's currency) first: `¥43.5m · $4.7m`.
    pub fn totals(&self, totals: &Totals, first: Currency) -> String {
        totals.compact(first, self.numerals())
    }

    /// The sums per currency and, when rates convert them, the converted total clearly marked:
    /// `¥43.5m · $4.7m (≈ ¥77.5m at your rates)`.
    pub fn totals_converted(&self, totals: &Totals, rates: &Rates) -> String {
        let plain = self.totals(totals, rates.base);
        match totals.converted(rates) {
            Some(sum) => self.fmt("common.money.converted", &[("totals", &plain), ("sum", &self.money(sum))]),
            None => plain,
        }
    }

    /// The display name of a word (step, class, style, channel...).
    pub fn word<W: Word>(&self, w: W) -> String {
        match self.lang {
            Lang::ZhCn => w.zh().to_string(),
            Lang::En => english_word(w.code()),
        }
    }

    /// Several words as one list: `Buyer, Insider` / `采购者、内线`.
    pub fn words<W: Word>(&self, ws: &[W]) -> String {
        let sep = if self.lang == Lang::ZhCn { "、" } else { ", " };
        ws.iter().map(|w| self.word(*w)).collect::<Vec<_>>().join(sep)
    }

    /// What a gap of the buying centre means, as a warning line.
    pub fn gap(&self, gap: crate::domain::BuyingGap) -> String {
        self.t(&format!("common.gap.{}", gap.code().replace('-', "_")))
    }

    /// A message for an error, in this language, saying what to do.
    pub fn error(&self, e: &anyhow::Error) -> String {
        for cause in e.chain() {
            if let Some(d) = cause.downcast_ref::<DomainError>() {
                return self.domain_error(d);
            }
            if let Some(s) = cause.downcast_ref::<StoreError>() {
                return self.store_error(s);
            }
            if let Some(c) = cause.downcast_ref::<ContactError>() {
                match c {
                    ContactError::Duplicate { part, other } => {
                        let key = if *part == ContactPart::Phone { "phone" } else { "email" };
                        let args: [(&str, &dyn std::fmt::Display); 3] =
                            [("field", &self.field(key)), ("name", &other.name), ("id", &other.id)];
                        return self.fmt("error.contact_duplicate", &args);
                    }
                    ContactError::NotInAccount { contact_id, customer_id } => {
                        return self.fmt("error.not_in_account", &[("id", contact_id), ("customer", customer_id)]);
                    }
                    ContactError::Store(s) => return self.store_error(s),
                    ContactError::Invalid(..) => {}
                }
            }
        }
        format!("{e:#}")
    }

    /// A message for a domain error.
    pub fn domain_error(&self, e: &DomainError) -> String {
        match e {
            DomainError::UnknownStage { input } => {
                let valid: Vec<String> = crate::domain::Stage::ALL.iter().map(|s| s.code().to_string()).collect();
                self.fmt("error.unknown_stage", &[("input", input), ("valid", &valid.join(", "))])
            }
            DomainError::BadDate { input } => self.fmt("error.bad_date", &[("input", input)]),
            DomainError::BadMonthDay { input } => self.fmt("error.bad_month_day", &[("input", input)]),
            DomainError::UnknownValue { kind, input, valid } => {
                self.fmt("error.unknown_value", &[("kind", &self.field(kind)), ("input", input), ("valid", valid)])
            }
            DomainError::MissingField { field } => self.fmt("error.missing_field", &[("field", &self.field(field))]),
            DomainError::BadCadence { input, max } => self.fmt("error.bad_cadence", &[("input", input), ("max", max)]),
            DomainError::BadAmount { input } => self.fmt("error.bad_amount", &[("input", input)]),
            DomainError::UnknownCurrency { input } => self.fmt(
                "error.unknown_currency",
                &[("input", input), ("valid", &crate::domain::money::Currency::known_codes())],
            ),
            DomainError::CurrencyConflict { input, named, given } => {
                self.fmt("error.currency_conflict", &[("input", input), ("named", named), ("given", given)])
            }
            DomainError::TooLong { field, len, max } => {
                self.fmt("error.too_long", &[("field", &self.field(field)), ("len", len), ("max", max)])
            }
        }
    }

    /// A message for a store error.
    pub fn store_error(&self, e: &StoreError) -> String {
        match e {
            StoreError::NotADatabase { path } => self.fmt("error.not_a_database", &[("path", &path.display())]),
            StoreError::TooNew { path, found, supported } => {
                self.fmt("error.too_new", &[("path", &path.display()), ("found", found), ("supported", supported)])
            }
            StoreError::UpgradeBackup { path, reason } => {
                self.fmt("error.upgrade_backup", &[("path", &path.display()), ("reason", reason)])
            }
            StoreError::Io { path, source } => self.fmt("error.io", &[("path", &path.display()), ("reason", source)]),
            StoreError::NotFound { what, id } => {
                self.fmt("error.not_found", &[("what", &self.field(what)), ("id", id)])
            }
            StoreError::NoOpenDeal { customer_id } => self.fmt("error.no_open_deal", &[("id", customer_id)]),
            StoreError::SameStage => self.t("error.same_stage"),
            StoreError::SeveralOpenDeals { customer_id, deals } => {
                let list: Vec<String> = deals
                    .iter()
                    .map(|d| match d.title.as_str() {
                        "" => format!("#{} ({})", d.id, self.word(d.stage)),
                        title => format!("#{} {title} ({})", d.id, self.word(d.stage)),
                    })
                    .collect();
                self.fmt("error.several_open_deals", &[("id", customer_id), ("deals", &list.join(", "))])
            }
            StoreError::DealClosed { id, state } => {
                self.fmt("error.deal_closed", &[("id", id), ("state", &self.word(*state).to_lowercase())])
            }
            StoreError::DealStillOpen { id } => self.fmt("error.deal_still_open", &[("id", id)]),
            StoreError::NotTheCustomersDeal { deal_id, customer_id, owner } => {
                self.fmt("error.not_the_customers_deal", &[("deal", deal_id), ("id", customer_id), ("owner", owner)])
            }
            StoreError::NotEmpty { customers } => self.fmt("error.not_empty", &[("count", customers)]),
            StoreError::Corrupt(what) => self.fmt("error.corrupt", &[("what", what)]),
            StoreError::Domain(d) => self.domain_error(d),
            StoreError::Sqlite { context, source } => {
                let busy = matches!(source.sqlite_error_code(), Some(rusqlite::ErrorCode::DatabaseBusy));
                let key = if busy { "error.busy" } else { "error.sqlite" };
                self.fmt(key, &[("context", context), ("reason", source)])
            }
        }
    }

    /// The name of a field or thing (`purpose`, `customer`...) in this language.
    pub fn field(&self, name: &str) -> String {
        let key = format!("common.field.{}", name.replace([' ', '-'], "_"));
        let s = self.t(&key);
        if s == key { name.to_string() } else { s }
    }
}

/// `question-mark` → `Question mark`.
fn english_word(code: &str) -> String {
    let spaced = code.replace('-', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Every `area.table.key` of one language, flattened.
pub fn load(lang: Lang) -> HashMap<String, String> {
    let mut map = HashMap::new();
    for (area, en, zh) in FILES {
        let text = if lang == Lang::ZhCn { zh } else { en };
        // The files are embedded and checked by tests; a broken one yields its keys as text.
        if let Ok(table) = text.parse::<toml::Table>() {
            flatten(area, &toml::Value::Table(table), &mut map);
        }
    }
    map
}

fn flatten(prefix: &str, value: &toml::Value, out: &mut HashMap<String, String>) {
    match value {
        toml::Value::Table(t) => {
            for (k, v) in t {
                flatten(&format!("{prefix}.{k}"), v, out);
            }
        }
        toml::Value::String(s) => {
            out.insert(prefix.to_string(), s.clone());
        }
        other => {
            out.insert(prefix.to_string(), other.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_parse_and_languages_have_the_same_keys() {
        for (area, en, zh) in FILES {
            assert!(en.parse::<toml::Table>().is_ok(), "assets/i18n/en/{area}.toml does not parse");
            assert!(zh.parse::<toml::Table>().is_ok(), "assets/i18n/zh-CN/{area}.toml does not parse");
        }
        let en = load(Lang::En);
        let zh = load(Lang::ZhCn);
        let mut missing_zh: Vec<_> = en.keys().filter(|k| !zh.contains_key(*k)).collect();
        let mut missing_en: Vec<_> = zh.keys().filter(|k| !en.contains_key(*k)).collect();
        missing_zh.sort();
        missing_en.sort();
        assert!(missing_zh.is_empty(), "missing in zh-CN: {missing_zh:?}");
        assert!(missing_en.is_empty(), "missing in en: {missing_en:?}");
    }

    #[test]
    fn placeholders_match_between_languages() {
        let en = load(Lang::En);
        let zh = load(Lang::ZhCn);
        let names = |s: &str| {
            let mut v: Vec<String> =
                s.split('{').skip(1).filter_map(|p| p.split_once('}')).map(|(n, _)| n.to_string()).collect();
            v.sort();
            v
        };
        for (k, e) in &en {
            if let Some(z) = zh.get(k) {
                assert_eq!(names(e), names(z), "placeholders differ for {k}");
            }
        }
    }

    #[test]
    fn words_and_language_detection() {
        let en = I18n::new(Lang::En);
        let zh = I18n::new(Lang::ZhCn);
        assert_eq!(en.word(crate::domain::Portfolio::QuestionMark), "Question mark");
        assert_eq!(zh.word(crate::domain::Stage::Survey), "调查");
        assert_eq!(Lang::parse("zh_CN.UTF-8"), Some(Lang::ZhCn));
        assert_eq!(Lang::parse("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::detect(Some("zh-CN"), Some("en")), Lang::ZhCn);
        assert_eq!(Lang::detect(None, Some("zh")), Lang::ZhCn);
    }

    #[test]
    fn errors_are_localised() {
        let zh = I18n::new(Lang::ZhCn);
        let e = anyhow::Error::new(DomainError::MissingField { field: "purpose" });
        let msg = zh.error(&e);
        assert!(msg.contains("拜访目的"), "{msg}");
        let en = I18n::new(Lang::En);
        let e = anyhow::Error::new(DomainError::UnknownStage { input: "x".into() });
        assert!(en.error(&e).contains("preparation, approach, survey, presentation, close"));
    }
}
