//! Money: an amount in integer minor units of one ISO currency, parsed from what a rep types
//! (`$50k`, `USD 50000`, `50万`, `1.5亿`), shown compactly (`¥1.2m`, or `¥120万` in Chinese), and
//! added up one sum per currency ([`Totals`]): two currencies are never added together.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::DomainError;

/// Codes, symbols and minor-unit digits of the currencies Fieldbook knows.
const CURRENCIES: &[(&str, &str, u32)] = &[
    ("CNY", "¥", 2),
    ("USD", "$", 2),
    ("EUR", "€", 2),
    ("GBP", "£", 2),
    ("JPY", "JP¥", 0),
    ("HKD", "HK$", 2),
    ("TWD", "NT$", 2),
    ("MOP", "MOP ", 2),
    ("SGD", "S$", 2),
    ("KRW", "₩", 0),
    ("AUD", "A$", 2),
    ("CAD", "C$", 2),
    ("NZD", "NZ$", 2),
    ("CHF", "CHF ", 2),
    ("SEK", "SEK ", 2),
    ("NOK", "NOK ", 2),
    ("DKK", "DKK ", 2),
    ("PLN", "PLN ", 2),
    ("CZK", "CZK ", 2),
    ("HUF", "HUF ", 2),
    ("RUB", "₽", 2),
    ("INR", "₹", 2),
    ("IDR", "IDR ", 2),
    ("MYR", "RM", 2),
    ("THB", "฿", 2),
    ("PHP", "₱", 2),
    ("VND", "₫", 0),
    ("AED", "AED ", 2),
    ("SAR", "SAR ", 2),
    ("ILS", "₪", 2),
    ("TRY", "₺", 2),
    ("BRL", "R$", 2),
    ("MXN", "MX$", 2),
    ("ZAR", "ZAR ", 2),
];

/// Symbols and words a rep types for a currency, before or after the number.
const ALIASES: &[(&str, &str)] = &[
    ("CN¥", "CNY"),
    ("RMB", "CNY"),
    ("¥", "CNY"),
    ("￥", "CNY"),
    ("人民币", "CNY"),
    ("元", "CNY"),
    ("块", "CNY"),
    ("US$", "USD"),
    ("$", "USD"),
    ("美元", "USD"),
    ("美金", "USD"),
    ("€", "EUR"),
    ("欧元", "EUR"),
    ("£", "GBP"),
    ("英镑", "GBP"),
    ("JP¥", "JPY"),
    ("日元", "JPY"),
    ("HK$", "HKD"),
    ("港币", "HKD"),
    ("港元", "HKD"),
    ("NT$", "TWD"),
    ("新台币", "TWD"),
    ("S$", "SGD"),
    ("₩", "KRW"),
    ("韩元", "KRW"),
    ("A$", "AUD"),
    ("C$", "CAD"),
    ("₹", "INR"),
    ("₽", "RUB"),
];

/// Multipliers a rep types after the number, longest first.
const MULTIPLIERS: &[(&str, u32)] = &[
    ("百万", 6),
    ("千万", 7),
    ("bn", 9),
    ("千", 3),
    ("万", 4),
    ("萬", 4),
    ("亿", 8),
    ("億", 8),
    ("k", 3),
    ("w", 4),
    ("m", 6),
    ("b", 9),
];

/// The largest amount accepted, in minor units (a hundred trillion with cents).
const MAX_MINOR: i128 = 10_000_000_000_000_000;

/// An ISO 4217 currency code (`CNY`, `USD`…).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Currency([u8; 3]);

impl Currency {
    /// Chinese yuan, the default when the config names none.
    pub const CNY: Self = Self(*b"CNY");
    /// US dollar.
    pub const USD: Self = Self(*b"USD");
    /// ISO's code for "no currency": what an unreadable stored code shows as.
    const NONE: Self = Self(*b"XXX");

    /// Reads a code or symbol a user typed (`usd`, `USD`, `$`, `RMB`, `美元`); only currencies
    /// Fieldbook knows are accepted.
    pub fn parse(input: &str) -> Result<Self, DomainError> {
        let t = input.trim();
        let upper = t.to_uppercase();
        if let Some((code, ..)) = CURRENCIES.iter().find(|(code, ..)| *code == upper) {
            return Ok(Self::from_code(code));
        }
        if let Some((_, code)) = ALIASES.iter().find(|(alias, _)| alias.to_uppercase() == upper) {
            return Ok(Self::from_code(code));
        }
        Err(DomainError::UnknownCurrency { input: t.to_string() })
    }

    /// A code read back from the database or a file: any three letters are kept as they are
    /// (an unknown one shows as its code), anything else is `XXX`.
    pub fn stored(code: &str) -> Self {
        let upper = code.trim().to_ascii_uppercase();
        match <[u8; 3]>::try_from(upper.as_bytes()) {
            Ok(bytes) if bytes.iter().all(u8::is_ascii_uppercase) => Self(bytes),
            _ => Self::NONE,
        }
    }

    fn from_code(code: &str) -> Self {
        Self::stored(code)
    }

    /// The three-letter code.
    pub fn code(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("XXX")
    }

    fn known(&self) -> Option<&'static (&'static str, &'static str, u32)> {
        CURRENCIES.iter().find(|(code, ..)| *code == self.code())
    }

    /// What is written before an amount: `¥`, `$`, `HK$`, or the code and a space.
    pub fn symbol(&self) -> String {
        self.known().map_or_else(|| format!("{} ", self.code()), |(_, symbol, _)| symbol.to_string())
    }

    /// Digits after the decimal point (2 for most, 0 for JPY and KRW).
    pub fn exponent(&self) -> u32 {
        self.known().map_or(2, |(_, _, digits)| *digits)
    }

    /// The codes Fieldbook knows, for messages.
    pub fn known_codes() -> String {
        CURRENCIES.iter().map(|(code, ..)| *code).collect::<Vec<_>>().join(", ")
    }
}

impl Default for Currency {
    fn default() -> Self {
        Self::CNY
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// How amounts are written: `¥1.2m` (Western) or `¥120万` (Chinese).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numerals {
    Western,
    Chinese,
}

/// An amount of one currency in integer minor units (cents, 分).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    pub currency: Currency,
    pub minor: i64,
}

impl Money {
    /// An amount of `currency` in its minor units.
    pub fn new(minor: i64, currency: Currency) -> Self {
        Self { minor, currency }
    }

    /// Reads what a rep typed: `200000`, `200,000`, `¥200k`, `$50k`, `USD 50000`, `50000 usd`,
    /// `1.2m`, `50万`, `1.5亿`, `80万元`. A currency in the text wins; a bare number is `default`.
    pub fn parse(input: &str, default: Currency) -> Result<Self, DomainError> {
        let (amount, currency) = parse_parts(input)?;
        let currency = currency.unwrap_or(default);
        Ok(Self { minor: to_minor(input, &amount, currency)?, currency })
    }

    /// Like [`Money::parse`], with a currency given separately (`--currency`): the text may
    /// not name a different one.
    pub fn parse_with(input: &str, given: Option<Currency>, default: Currency) -> Result<Self, DomainError> {
        let (amount, named) = parse_parts(input)?;
        let currency = match (named, given) {
            (Some(n), Some(g)) if n != g => {
                return Err(DomainError::CurrencyConflict {
                    input: input.trim().to_string(),
                    named: n.to_string(),
                    given: g.to_string(),
                });
            }
            (Some(n), _) => n,
            (None, Some(g)) => g,
            (None, None) => default,
        };
        Ok(Self { minor: to_minor(input, &amount, currency)?, currency })
    }

    /// The same number of units in another currency (the minor units follow its digits).
    pub fn in_currency(&self, currency: Currency) -> Self {
        let (from, to) = (self.currency.exponent() as i32, currency.exponent() as i32);
        let minor = if to >= from {
            self.minor.saturating_mul(10_i64.pow((to - from) as u32))
        } else {
            self.minor / 10_i64.pow((from - to) as u32)
        };
        Self { minor, currency }
    }

    /// Full display: `¥200,000`, `$19.90`, `JP¥5,000`.
    pub fn full(&self) -> String {
        let exp = self.currency.exponent();
        let scale = 10_i64.pow(exp);
        let whole = group_thousands((self.minor / scale).unsigned_abs());
        let fraction = (self.minor % scale).unsigned_abs();
        let sign = if self.minor < 0 { "-" } else { "" };
        let symbol = self.currency.symbol();
        if fraction == 0 {
            format!("{sign}{symbol}{whole}")
        } else {
            format!("{sign}{symbol}{whole}.{fraction:0width$}", width = exp as usize)
        }
    }

    /// Short display for boards and totals: `¥310k`, `$1.2m` (Western); `¥31万`, `¥4,830万`,
    /// `¥1.5亿` (Chinese).
    pub fn compact(&self, numerals: Numerals) -> String {
        let units = self.minor as f64 / 10_f64.powi(self.currency.exponent() as i32);
        let sign = if units < 0.0 { "-" } else { "" };
        let units = units.abs();
        let symbol = self.currency.symbol();
        let number = match numerals {
            Numerals::Western if units >= 1e9 => format!("{}b", one_decimal(units / 1e9)),
            Numerals::Western if units >= 1e6 => format!("{}m", one_decimal(units / 1e6)),
            Numerals::Western if units >= 1e3 => format!("{}k", one_decimal(units / 1e3)),
            Numerals::Chinese if units >= 1e8 => format!("{}亿", decimals(units / 1e8, 2)),
            Numerals::Chinese if units >= 1e6 => format!("{}万", group_thousands((units / 1e4).round() as u64)),
            Numerals::Chinese if units >= 1e4 => format!("{}万", one_decimal(units / 1e4)),
            _ if units.fract() == 0.0 => group_thousands(units as u64),
            _ => format!("{units:.2}"),
        };
        format!("{sign}{symbol}{number}")
    }
}

/// Sums of amounts, one per currency; never adds two currencies together. In JSON, a list of
/// `{"currency": "CNY", "minor": …}` by currency code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals(BTreeMap<Currency, i64>);

impl Serialize for Totals {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl Totals {
    /// Adds an amount to its currency's sum.
    pub fn add(&mut self, money: Money) {
        let sum = self.0.entry(money.currency).or_insert(0);
        *sum = sum.saturating_add(money.minor);
    }

    /// Adds every sum of `other`.
    pub fn merge(&mut self, other: &Totals) {
        for money in other.iter() {
            self.add(money);
        }
    }

    /// True when nothing was added.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The sums, by currency code.
    pub fn iter(&self) -> impl Iterator<Item = Money> + '_ {
        self.0.iter().map(|(c, m)| Money::new(*m, *c))
    }

    /// The sums with `first` (the rep's own currency) first, then the others by code.
    pub fn ordered(&self, first: Currency) -> Vec<Money> {
        let mut all: Vec<Money> = self.iter().collect();
        all.sort_by_key(|m| (m.currency != first, m.currency));
        all
    }

    /// `¥43.5m · $4.7m` (`—` when empty).
    pub fn compact(&self, first: Currency, numerals: Numerals) -> String {
        if self.is_empty() {
            return "—".into();
        }
        self.ordered(first).iter().map(|m| m.compact(numerals)).collect::<Vec<_>>().join(" · ")
    }

    /// Everything in the rates' base currency, when there is more than the base currency and
    /// every currency has a rate; `None` otherwise (nothing to convert, or a rate missing).
    pub fn converted(&self, rates: &Rates) -> Option<Money> {
        if rates.per_unit.is_empty() || self.0.keys().all(|c| *c == rates.base) {
            return None;
        }
        let base_scale = 10_f64.powi(rates.base.exponent() as i32);
        let mut sum = 0_f64;
        for money in self.iter() {
            let rate = if money.currency == rates.base { 1.0 } else { *rates.per_unit.get(&money.currency)? };
            let units = money.minor as f64 / 10_f64.powi(money.currency.exponent() as i32);
            sum += units * rate * base_scale;
        }
        (sum.is_finite() && sum.abs() < MAX_MINOR as f64).then(|| Money::new(sum.round() as i64, rates.base))
    }
}

/// Exchange rates the rep set in the config: one unit of a currency is worth `rate` of `base`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rates {
    pub base: Currency,
    pub per_unit: BTreeMap<Currency, f64>,
}

/// The text split into its number (with the multiplier's power of ten) and the currency named.
struct Amount {
    digits: String,
    fraction: String,
    power: u32,
}

fn parse_parts(input: &str) -> Result<(Amount, Option<Currency>), DomainError> {
    let bad = || DomainError::BadAmount { input: input.trim().to_string() };
    let text: String = input.trim().chars().map(half_width).collect();
    let (prefix, rest) = split_prefix(&text);
    let number_end =
        rest.find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.' || c == '_')).unwrap_or(rest.len());
    let (number, tail) = rest.split_at(number_end);
    let tail = tail.trim_start();
    let (power, suffix) = match MULTIPLIERS.iter().find(|(m, _)| tail.to_lowercase().starts_with(m)) {
        // `1.5m` is a multiplier, `5 MOP` a currency: a letter multiplier must not start a code.
        Some((m, p)) if !starts_currency_code(tail) => (*p, tail[m.len()..].trim()),
        _ => (0, tail.trim()),
    };
    let (digits, fraction) = split_number(number).ok_or_else(bad)?;
    let prefix = prefix.map(|w| currency_word(w, input)).transpose()?;
    let suffix = if suffix.is_empty() { None } else { Some(currency_word(suffix, input)?) };
    let currency = match (prefix, suffix) {
        (Some(a), Some(b)) if a != b => return Err(bad()),
        (a, b) => a.or(b),
    };
    Ok((Amount { digits, fraction, power }, currency))
}

/// The currency word or symbol before the number, if any, and the rest.
fn split_prefix(text: &str) -> (Option<&str>, &str) {
    let start = text.find(|c: char| c.is_ascii_digit() || c == '.').unwrap_or(text.len());
    let (head, rest) = text.split_at(start);
    let head = head.trim();
    if head.is_empty() { (None, rest) } else { (Some(head), rest) }
}

/// A currency symbol, code or word in `input`; three letters that are no known code are named
/// in the error, anything else makes the whole input unreadable.
fn currency_word(word: &str, input: &str) -> Result<Currency, DomainError> {
    Currency::parse(word).map_err(|e| {
        if word.chars().all(|c| c.is_ascii_alphabetic()) && word.len() == 3 {
            e
        } else {
            DomainError::BadAmount { input: input.trim().to_string() }
        }
    })
}

fn starts_currency_code(tail: &str) -> bool {
    let word: String = tail.chars().take_while(char::is_ascii_alphabetic).collect();
    word.len() == 3 && Currency::parse(&word).is_ok()
}

/// `200,000.50` → (`200000`, `50`); commas only between groups of three digits.
fn split_number(number: &str) -> Option<(String, String)> {
    let number = number.replace('_', "");
    let (whole, fraction) = number.split_once('.').unwrap_or((&number, ""));
    if fraction.contains(['.', ',']) || !fraction.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let groups: Vec<&str> = whole.split(',').collect();
    let well_grouped = groups.len() == 1
        || (!groups[0].is_empty() && groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3));
    if !well_grouped || (whole.is_empty() && fraction.is_empty()) {
        return None;
    }
    Some((groups.concat(), fraction.to_string()))
}

/// The amount in minor units of `currency`, exactly (no float rounding); refused when it has
/// more decimals than the currency, or is absurdly large.
fn to_minor(input: &str, amount: &Amount, currency: Currency) -> Result<i64, DomainError> {
    let bad = || DomainError::BadAmount { input: input.trim().to_string() };
    let digits = format!("{}{}", amount.digits, amount.fraction);
    let digits = digits.trim_start_matches('0');
    if digits.len() > 30 {
        return Err(bad());
    }
    let value: i128 = if digits.is_empty() { 0 } else { digits.parse().map_err(|_| bad())? };
    let shift = (amount.power + currency.exponent()) as i64 - amount.fraction.len() as i64;
    let minor = if shift >= 0 {
        value.checked_mul(10_i128.pow(shift as u32)).ok_or_else(bad)?
    } else {
        let divisor = 10_i128.pow((-shift) as u32);
        if value % divisor != 0 {
            return Err(bad());
        }
        value / divisor
    };
    if minor > MAX_MINOR {
        return Err(bad());
    }
    i64::try_from(minor).map_err(|_| bad())
}

/// Full-width digits and punctuation (typed with a Chinese input method) as ASCII.
fn half_width(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '．' | '。' => '.',
        '，' => ',',
        '　' => ' ',
        other => other,
    }
}

fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn one_decimal(v: f64) -> String {
    decimals(v, 1)
}

/// `v` with up to `places` decimals, trailing zeros dropped.
fn decimals(v: f64, places: usize) -> String {
    let s = format!("{v:.places$}");
    if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Money, DomainError> {
        Money::parse(s, Currency::CNY)
    }

    fn cny(minor: i64) -> Money {
        Money::new(minor, Currency::CNY)
    }

    fn usd(minor: i64) -> Money {
        Money::new(minor, Currency::USD)
    }

    #[test]
    fn parses_what_reps_type() {
        let cases = [
            ("200000", cny(20_000_000)),
            ("200,000", cny(20_000_000)),
            ("1,200,000.50", cny(120_000_050)),
            ("¥200k", cny(20_000_000)),
            ("￥200K", cny(20_000_000)),
            ("$50k", usd(5_000_000)),
            ("US$ 50,000", usd(5_000_000)),
            ("USD 50000", usd(5_000_000)),
            ("50000 usd", usd(5_000_000)),
            ("50k USD", usd(5_000_000)),
            ("€1.2m", Money::new(120_000_000, Currency::parse("EUR").unwrap())),
            ("£950", Money::new(95_000, Currency::parse("GBP").unwrap())),
            ("1.2m", cny(120_000_000)),
            ("50万", cny(50_000_000)),
            ("50万元", cny(50_000_000)),
            ("50w", cny(50_000_000)),
            ("1.5亿", cny(15_000_000_000)),
            ("３０万", cny(30_000_000)),
            ("20万美元", usd(20_000_000)),
            ("19.9", cny(1_990)),
            ("0", cny(0)),
            ("JPY 5000", Money::new(5_000, Currency::parse("JPY").unwrap())),
            ("5 MOP", Money::new(500, Currency::parse("MOP").unwrap())),
        ];
        for (input, want) in cases {
            assert_eq!(parse(input), Ok(want), "{input}");
        }
    }

    #[test]
    fn a_bare_number_takes_the_default_currency() {
        assert_eq!(Money::parse("50k", Currency::USD), Ok(usd(5_000_000)));
        assert_eq!(Money::parse("¥50k", Currency::USD), Ok(cny(5_000_000)));
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        for bad in ["", "abc", "-5", "1e400", "k", "1.5亿亿", "1,2", "1,2345", "12.345", "$50 EUR", "50kk", "1..2"] {
            assert!(matches!(parse(bad), Err(DomainError::BadAmount { .. })), "{bad}: {:?}", parse(bad));
        }
        assert_eq!(parse("50 XYZ"), Err(DomainError::UnknownCurrency { input: "XYZ".into() }));
        assert!(parse("99999999999999999999999").is_err());
        assert!(parse("JPY 5.5").is_err(), "yen has no decimals");
    }

    #[test]
    fn a_separate_currency_must_agree_with_the_text() {
        assert_eq!(Money::parse_with("50k", Some(Currency::USD), Currency::CNY), Ok(usd(5_000_000)));
        assert_eq!(Money::parse_with("$50k", Some(Currency::USD), Currency::CNY), Ok(usd(5_000_000)));
        assert!(matches!(
            Money::parse_with("$50k", Some(Currency::CNY), Currency::CNY),
            Err(DomainError::CurrencyConflict { .. })
        ));
    }

    #[test]
    fn another_currency_keeps_the_units() {
        let jpy = Currency::parse("JPY").unwrap();
        assert_eq!(cny(500_000).in_currency(Currency::USD), usd(500_000));
        assert_eq!(cny(500_000).in_currency(jpy), Money::new(5_000, jpy));
        assert_eq!(Money::new(5_000, jpy).in_currency(Currency::CNY), cny(500_000));
    }

    #[test]
    fn currencies() {
        assert_eq!(Currency::parse("rmb"), Ok(Currency::CNY));
        assert_eq!(Currency::parse(" usd "), Ok(Currency::USD));
        assert!(Currency::parse("XYZ").is_err());
        assert_eq!(Currency::stored("usd"), Currency::USD);
        assert_eq!(Currency::stored("dollars").code(), "XXX");
        assert_eq!(Currency::stored("ABC").symbol(), "ABC ");
    }

    #[test]
    fn formats_full_and_compact() {
        assert_eq!(cny(20_000_000).full(), "¥200,000");
        assert_eq!(cny(1_990).full(), "¥19.90");
        assert_eq!(Money::new(500_000, Currency::parse("JPY").unwrap()).full(), "JP¥500,000");
        let w = Numerals::Western;
        assert_eq!(cny(31_000_000).compact(w), "¥310k");
        assert_eq!(cny(120_000_000).compact(w), "¥1.2m");
        assert_eq!(usd(95_000).compact(w), "$950");
        assert_eq!(cny(250_000_000_000).compact(w), "¥2.5b");
        let zh = Numerals::Chinese;
        assert_eq!(cny(120_000_000).compact(zh), "¥120万");
        assert_eq!(cny(4_830_000_000).compact(zh), "¥4,830万");
        assert_eq!(cny(125_000_000).compact(zh), "¥125万");
        assert_eq!(cny(1_260_000).compact(zh), "¥1.3万");
        assert_eq!(cny(15_000_000_000).compact(zh), "¥1.5亿");
        assert_eq!(cny(950_000).compact(zh), "¥9,500");
    }

    #[test]
    fn totals_keep_one_sum_per_currency() {
        let mut t = Totals::default();
        assert_eq!(t.compact(Currency::CNY, Numerals::Western), "—");
        t.add(cny(120_000_000));
        t.add(usd(33_000_000));
        t.add(usd(140_000_000));
        t.add(cny(4_230_000_000));
        assert_eq!(t.compact(Currency::CNY, Numerals::Western), "¥43.5m · $1.7m");
        assert_eq!(t.compact(Currency::USD, Numerals::Western), "$1.7m · ¥43.5m");
        assert_eq!(t.compact(Currency::CNY, Numerals::Chinese), "¥4,350万 · $173万");
    }

    #[test]
    fn converts_only_with_every_rate() {
        let mut t = Totals::default();
        t.add(cny(100_000));
        let mut rates = Rates { base: Currency::CNY, per_unit: BTreeMap::new() };
        assert_eq!(t.converted(&rates), None, "nothing to convert");
        t.add(usd(10_000));
        assert_eq!(t.converted(&rates), None, "no rates");
        rates.per_unit.insert(Currency::USD, 7.1);
        assert_eq!(t.converted(&rates), Some(cny(171_000)));
        t.add(Money::new(100, Currency::parse("EUR").unwrap()));
        assert_eq!(t.converted(&rates), None, "EUR has no rate");
    }
}
