//! Every user-visible string, in English and Simplified Chinese.
//!
//! Strings live in `assets/i18n/<lang>/<area>.toml` (one file per area so features do not
//! collide), embedded in the binary. Keys are `area.table.key`; `{name}` placeholders are
//! filled by [`I18n::fmt`]. A missing key falls back to English, then to the key itself.
//!
//! A string may have plural forms, as a table: `due = { one = "… {days} day …", other = "…
//! {days} days …" }` (English has one and other; Chinese needs none and writes a plain string).
//!
//! Errors say which message they are through [`Localize`], implemented beside each error type;
//! [`I18n::error`] finds it in an error's chain.

#[cfg(test)]
mod glossary;
mod message;
pub mod spacing;

use std::collections::HashMap;
use std::sync::OnceLock;

pub use message::{Arg, Face, Localize, Message, advice};

use crate::domain::Word;
use crate::domain::money::{Currency, Money, Numerals, Rates, Totals};

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
    ("common", include_str!("../../assets/i18n/en/common.toml"), include_str!("../../assets/i18n/zh-CN/common.toml")),
    ("error", include_str!("../../assets/i18n/en/error.toml"), include_str!("../../assets/i18n/zh-CN/error.toml")),
    (
        "playbook",
        include_str!("../../assets/i18n/en/playbook.toml"),
        include_str!("../../assets/i18n/zh-CN/playbook.toml"),
    ),
    ("cli", include_str!("../../assets/i18n/en/cli.toml"), include_str!("../../assets/i18n/zh-CN/cli.toml")),
    ("forms", include_str!("../../assets/i18n/en/forms.toml"), include_str!("../../assets/i18n/zh-CN/forms.toml")),
    ("tui", include_str!("../../assets/i18n/en/tui.toml"), include_str!("../../assets/i18n/zh-CN/tui.toml")),
    ("data", include_str!("../../assets/i18n/en/data.toml"), include_str!("../../assets/i18n/zh-CN/data.toml")),
    ("report", include_str!("../../assets/i18n/en/report.toml"), include_str!("../../assets/i18n/zh-CN/report.toml")),
];

/// One string of a language: plain, or with plural forms.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Text {
    Plain(String),
    Plural { one: Option<String>, other: String },
}

impl Text {
    /// The form for the count `n` (none: the general form).
    fn form(&self, n: Option<i64>) -> &str {
        match self {
            Self::Plain(s) => s,
            Self::Plural { one: Some(one), .. } if n.is_some_and(|n| n.abs() == 1) => one,
            Self::Plural { other, .. } => other,
        }
    }
}

/// Looks up strings in one language. Cheap to make and to clone: each language's strings are
/// read from the embedded files once per process, on the first lookup (the command line's
/// parsing and the session's start-up share them; a run that prints nothing reads none).
#[derive(Debug, Clone)]
pub struct I18n {
    lang: Lang,
}

impl I18n {
    /// The embedded strings for `lang`.
    pub fn new(lang: Lang) -> Self {
        Self { lang }
    }

    /// The English strings: what errors display as outside any face.
    pub fn english() -> &'static I18n {
        static ENGLISH: I18n = I18n { lang: Lang::En };
        &ENGLISH
    }

    /// The language in use.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The string for `key` (its general plural form, if it has forms).
    pub fn t(&self, key: &str) -> String {
        self.lookup(key, None)
    }

    fn lookup(&self, key: &str, n: Option<i64>) -> String {
        match string(self.lang, key).or_else(|| string(Lang::En, key)) {
            Some(text) => text.form(n).to_string(),
            None => key.to_string(),
        }
    }

    /// The string for `key` with `{name}` placeholders filled from `args`. A string with plural
    /// forms takes the form for the first argument that reads as a whole number.
    pub fn fmt(&self, key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        let values: Vec<(&str, String)> = args.iter().map(|(name, value)| (*name, value.to_string())).collect();
        self.fill(key, &values)
    }

    fn fill(&self, key: &str, values: &[(&str, String)]) -> String {
        let n = values.iter().find_map(|(_, v)| v.parse::<i64>().ok());
        let mut s = self.lookup(key, n);
        for (name, value) in values {
            let placeholder = format!("{{{name}}}");
            // A Latin name in Chinese text has a space on each side (与 Mark Wright 面谈).
            s = match self.lang {
                Lang::ZhCn => spacing::fill_spaced(&s, &placeholder, value),
                Lang::En => s.replace(&placeholder, value),
            };
        }
        s
    }

    /// A message in this language.
    pub fn say(&self, m: &Message) -> String {
        let values: Vec<(&str, String)> = m
            .args()
            .iter()
            .map(|(name, arg)| {
                let value = match arg {
                    Arg::Text(s) => s.clone(),
                    Arg::Field(f) => self.field(f),
                    Arg::Message(inner) => self.say(inner),
                    Arg::List(items) => self.list(items.iter().map(|m| self.say(m))),
                    Arg::Word { zh, .. } if self.lang == Lang::ZhCn => zh.to_string(),
                    Arg::Word { code, lower: true, .. } => code.replace('-', " "),
                    Arg::Word { code, lower: false, .. } => english_word(code),
                    Arg::Choices(choices) if self.lang == Lang::ZhCn => {
                        self.list(choices.iter().map(|c| c.1.to_string()))
                    }
                    Arg::Choices(choices) => self.list(choices.iter().map(|c| c.0.to_string())),
                };
                (*name, value)
            })
            .collect();
        self.fill(m.key(), &values)
    }

    /// What `e` tells the user in this language, with advice that fits `face`.
    pub fn localize(&self, e: &(impl Localize + ?Sized), face: Face) -> String {
        self.say(&e.message(face))
    }

    /// The message of the first error in `e`'s chain that can say one, else its own text.
    pub fn error(&self, e: &anyhow::Error, face: Face) -> String {
        match e.chain().find_map(localizable) {
            Some(found) => self.localize(found, face),
            None => format!("{e:#}"),
        }
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

    /// A stored phone in readable groups, an extension after `ext.` / `转`
    /// ([`crate::domain::phone::readable`]).
    pub fn phone(&self, phone: &str) -> String {
        crate::domain::phone::readable(phone, &self.t("common.phone_extension"))
    }

    /// Several words as one list: `Buyer, Insider` / `采购者、内线`.
    pub fn words<W: Word>(&self, ws: &[W]) -> String {
        self.list(ws.iter().map(|w| self.word(*w)))
    }

    /// A day in prose: `2031-05-06 (Tue)` / `5月6日（周二）`.
    pub fn day(&self, date: chrono::NaiveDate) -> String {
        let weekday = self.t(&format!("cli.today.weekday.{}", date.format("%a").to_string().to_lowercase()));
        let written = date.format(&self.t("common.date.day_format")).to_string();
        self.fmt("common.date.day", &[("date", &written), ("weekday", &weekday)])
    }

    /// A day that comes back every year, in prose: `10-07` / `10月7日`.
    pub fn month_day(&self, md: crate::domain::MonthDay) -> String {
        // In a leap year, so that 02-29 is a day too.
        match chrono::NaiveDate::from_ymd_opt(2000, md.month, md.day) {
            Some(day) => day.format(&self.t("common.date.month_day_format")).to_string(),
            None => md.to_string(),
        }
    }

    /// A moment in prose: `2031-05-06 (Tue) 10:00` / `2031-05-06（周二）10:00`.
    pub fn moment(&self, at: chrono::NaiveDateTime) -> String {
        let weekday = self.t(&format!("cli.today.weekday.{}", at.format("%a").to_string().to_lowercase()));
        let (date, time) = (at.date(), at.format("%H:%M"));
        self.fmt("common.date.moment", &[("date", &date), ("weekday", &weekday), ("time", &time)])
    }

    /// A label and its value: `purpose: x` / `拜访目的：x`.
    pub fn labeled(&self, label: &str, value: &str) -> String {
        self.fmt("common.punct.labeled", &[("label", &label), ("value", &value)])
    }

    /// A label before its value, as its own span: `purpose: ` / `拜访目的：`.
    pub fn label(&self, label: &str) -> String {
        self.fmt("common.punct.label", &[("label", &label)])
    }

    /// A word and what it means: `Driver — decisive…` / `支配型：果断…`.
    pub fn explained(&self, text: &str, more: &str) -> String {
        self.fmt("common.punct.explained", &[("text", &text), ("more", &more)])
    }

    /// A name and its company in a title: `王伟 — 迈科医疗` / `王伟 · 迈科医疗`.
    pub fn titled(&self, text: &str, more: &str) -> String {
        self.fmt("common.punct.titled", &[("text", &text), ("more", &more)])
    }

    /// A text with a note in parentheses: `x (met)` / `x（达成）`.
    pub fn paren(&self, text: &str, note: &str) -> String {
        self.fmt("common.punct.paren", &[("text", &text), ("note", &note)])
    }

    /// Items as one list: `a, b` / `a、b`.
    pub fn list(&self, items: impl Iterator<Item = String>) -> String {
        let sep = if self.lang == Lang::ZhCn { "、" } else { ", " };
        items.collect::<Vec<_>>().join(sep)
    }

    /// What a gap of the buying centre means, as a warning line.
    pub fn gap(&self, gap: crate::domain::BuyingGap) -> String {
        self.t(&format!("common.gap.{}", gap.code().replace('-', "_")))
    }

    /// The name of a field or thing (`purpose`, `customer`...) in this language.
    pub fn field(&self, name: &str) -> String {
        let key = format!("common.field.{}", name.replace([' ', '-'], "_"));
        let s = self.t(&key);
        if s == key { name.to_string() } else { s }
    }
}

/// The error types that can travel inside an `anyhow::Error` and say their message. A new
/// error type that implements [`Localize`] and reaches `anyhow` is added here.
fn localizable<'a>(cause: &'a (dyn std::error::Error + 'static)) -> Option<&'a dyn Localize> {
    use crate::domain::DomainError;
    use crate::ops::contacts::ContactError;
    use crate::ops::customers::AddCustomerError;
    use crate::ops::facts::FactError;
    use crate::store::StoreError;
    use crate::store::transfer::DataError;
    let found: Option<&dyn Localize> = if let Some(e) = cause.downcast_ref::<Message>() {
        Some(e)
    } else if let Some(e) = cause.downcast_ref::<DomainError>() {
        Some(e)
    } else if let Some(e) = cause.downcast_ref::<StoreError>() {
        Some(e)
    } else if let Some(e) = cause.downcast_ref::<DataError>() {
        Some(e)
    } else if let Some(e) = cause.downcast_ref::<AddCustomerError>() {
        Some(e)
    } else if let Some(e) = cause.downcast_ref::<FactError>() {
        Some(e)
    } else if let Some(e) = cause.downcast_ref::<ContactError>() {
        Some(e)
    } else {
        None
    };
    found
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

/// The string for `key` (`area.table.key`) in `lang`. Each area's file is read once per
/// process, when a key of it is first asked: a command uses a few of them, and reading every
/// file took a millisecond of each command's start.
fn string(lang: Lang, key: &str) -> Option<&'static Text> {
    static LOADED: [[OnceLock<HashMap<String, Text>>; FILES.len()]; 2] =
        [const { [const { OnceLock::new() }; FILES.len()] }; 2];
    let area = key.split('.').next()?;
    let index = FILES.iter().position(|(name, _, _)| *name == area)?;
    let loaded = &LOADED[usize::from(lang == Lang::ZhCn)][index];
    loaded.get_or_init(|| load_area(lang, index)).get(key)
}

/// Every `area.table.key` of one area's file in `lang`, flattened.
fn load_area(lang: Lang, index: usize) -> HashMap<String, Text> {
    let mut map = HashMap::new();
    let (area, en, zh) = FILES[index];
    let text = if lang == Lang::ZhCn { zh } else { en };
    // The files are embedded and checked by tests; a broken one yields its keys as text.
    if let Ok(table) = text.parse::<toml::Table>() {
        flatten(area, &toml::Value::Table(table), &mut map);
    }
    map
}

/// Every `area.table.key` of one language, flattened.
#[cfg(test)]
fn load(lang: Lang) -> HashMap<String, Text> {
    (0..FILES.len()).flat_map(|i| load_area(lang, i)).collect()
}

/// The names a table of plural forms may have.
const PLURAL_FORMS: [&str; 2] = ["one", "other"];

fn flatten(prefix: &str, value: &toml::Value, out: &mut HashMap<String, Text>) {
    match value {
        toml::Value::Table(t) if t.contains_key("other") && t.keys().all(|k| PLURAL_FORMS.contains(&k.as_str())) => {
            let form = |name: &str| t.get(name).map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string));
            let other = form("other").unwrap_or_default();
            out.insert(prefix.to_string(), Text::Plural { one: form("one"), other });
        }
        toml::Value::Table(t) => {
            for (k, v) in t {
                flatten(&format!("{prefix}.{k}"), v, out);
            }
        }
        toml::Value::String(s) => {
            out.insert(prefix.to_string(), Text::Plain(s.clone()));
        }
        other => {
            out.insert(prefix.to_string(), Text::Plain(other.to_string()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A Chinese message that names a customer in Latin script sets the name off with spaces,
    /// as Chinese typesetting does; a Chinese name and an English message stay as they were.
    #[test]
    fn a_chinese_message_spaces_a_latin_name() {
        let zh = I18n::new(Lang::ZhCn);
        let deleted =
            |i18n: &I18n, name: &str| i18n.fmt("tui.undo.deleted_customer", &[("name", &name), ("key", &"u")]);
        assert_eq!(deleted(&zh, "Mark Wright"), "已删除 Mark Wright 及其全部资料——按 u 恢复");
        assert_eq!(deleted(&zh, "王建国"), "已删除王建国及其全部资料——按 u 恢复");
        let message = Message::new("tui.undo.deleted_customer").arg("name", "Anna O'Brien").arg("key", "u");
        assert_eq!(zh.say(&message), "已删除 Anna O'Brien 及其全部资料——按 u 恢复");
        assert!(deleted(&I18n::new(Lang::En), "Mark Wright").contains("Mark Wright"));
    }

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
        let forms = |t: &Text| match t {
            Text::Plain(s) => vec![s.clone()],
            Text::Plural { one, other } => one.iter().cloned().chain([other.clone()]).collect(),
        };
        for (k, e) in &en {
            let wanted = names(e.form(None));
            for form in forms(e).iter().chain(zh.get(k).map(forms).unwrap_or_default().iter()) {
                assert_eq!(names(form), wanted, "placeholders differ for {k}");
            }
        }
    }

    #[test]
    fn dates_and_punctuation_in_prose() {
        let en = I18n::new(Lang::En);
        let zh = I18n::new(Lang::ZhCn);
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(zh.day(day), "12月1日（周二）");
        assert_eq!(en.day(day), "2026-12-01 (Tue)");
        let at = day.and_hms_opt(7, 25, 0).unwrap();
        assert_eq!(zh.moment(at), "2026-12-01（周二）07:25");
        assert_eq!(en.moment(at), "2026-12-01 (Tue) 07:25");
        assert_eq!(zh.labeled("拜访目的", "确认预算"), "拜访目的：确认预算");
        assert_eq!(zh.paren("确认了预算", "达成"), "确认了预算（达成）");
        assert_eq!(en.paren("budget confirmed", "met"), "budget confirmed (met)");
        assert_eq!(zh.titled("王伟", "迈科医疗"), "王伟 · 迈科医疗");
        assert_eq!(zh.explained("支配型", "果断"), "支配型：果断");
        let e = crate::domain::CustomerClass::parse_word("vip").unwrap_err();
        let msg = zh.localize(&e, Face::Cli);
        assert!(msg.contains("潜在客户、意向客户、准客户"), "{msg}");
        assert!(en.localize(&e, Face::Cli).contains("potential, intent, quasi"));
    }

    #[test]
    fn words_and_language_detection() {
        let en = I18n::new(Lang::En);
        let zh = I18n::new(Lang::ZhCn);
        assert_eq!(en.word(crate::domain::Portfolio::QuestionMark), "Question mark");
        assert_eq!(zh.word(crate::domain::Step::Survey), "调查");
        assert_eq!(Lang::parse("zh_CN.UTF-8"), Some(Lang::ZhCn));
        assert_eq!(Lang::parse("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::detect(Some("zh-CN"), Some("en")), Lang::ZhCn);
        assert_eq!(Lang::detect(None, Some("zh")), Lang::ZhCn);
    }

    #[test]
    fn errors_are_localised() {
        let zh = I18n::new(Lang::ZhCn);
        let e = anyhow::Error::new(crate::domain::DomainError::MissingField { field: "purpose" });
        let msg = zh.error(&e, Face::App);
        assert!(msg.contains("拜访目的"), "{msg}");
        let en = I18n::new(Lang::En);
        let e = anyhow::Error::new(crate::domain::DomainError::UnknownStep { input: "x".into() });
        assert!(en.error(&e, Face::Cli).contains("preparation, approach, survey, presentation, close"));
        assert_eq!(e.to_string(), en.error(&e, Face::Cli), "Display is the English message");
    }

    #[test]
    fn plural_forms_follow_the_first_whole_number() {
        let en = I18n::new(Lang::En);
        let zh = I18n::new(Lang::ZhCn);
        assert_eq!(en.fmt("playbook.cadence.fine", &[("days", &1)]), "next due in 1 day");
        assert_eq!(en.fmt("playbook.cadence.fine", &[("days", &3)]), "next due in 3 days");
        assert_eq!(en.fmt("playbook.cadence.fine", &[("days", &0)]), "next due in 0 days");
        assert_eq!(zh.fmt("playbook.cadence.fine", &[("days", &1)]), zh.fmt("playbook.cadence.fine", &[("days", &1)]));
        let one = en.say(&Message::new("cli.check.search_extra").arg("n", 1).arg("table", "visit"));
        assert!(one.contains("1 entry for"), "{one}");
        let two = en.say(&Message::new("cli.check.search_extra").arg("n", 2).arg("table", "visit"));
        assert!(two.contains("2 entries for"), "{two}");
    }

    #[test]
    fn advice_fits_the_face() {
        let en = I18n::new(Lang::En);
        let e = crate::store::StoreError::NotEmpty { customers: 3 };
        let cli = en.localize(&e, Face::Cli);
        let app = en.localize(&e, Face::App);
        assert!(cli.contains("--force"), "{cli}");
        assert!(!app.contains("--"), "{app}");
        let closed = crate::store::StoreError::DealClosed { id: 7, state: crate::domain::DealState::Lost };
        assert!(en.localize(&closed, Face::Cli).contains("fieldbook reopen 7"));
        let zh = I18n::new(Lang::ZhCn).localize(&closed, Face::App);
        assert!(zh.contains("按 R") && !zh.contains("fieldbook"), "{zh}");
    }
}
