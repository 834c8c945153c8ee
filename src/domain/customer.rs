//! The customer record (客户档案) and its classifications.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::words::word_enum;
use super::{DomainError, MonthDay};

word_enum!(
    /// Status of the relationship (客户分类).
    CustomerClass, "class", {
        Potential = "potential", "潜在客户";
        Intent = "intent", "意向客户";
        Quasi = "quasi", "准客户", ["ready"];
        Ordinary = "ordinary", "普通客户";
        Quality = "quality", "优质客户";
        Key = "key", "重点客户";
        Lost = "lost", "流失客户", ["eliminated"];
    }
);

impl CustomerClass {
    /// The class a customer has once a deal is won: a prospect becomes an ordinary customer;
    /// a customer already ordinary, quality or key keeps the class.
    pub fn after_win(self) -> Self {
        match self {
            Self::Ordinary | Self::Quality | Self::Key => self,
            _ => Self::Ordinary,
        }
    }

    /// Whether the visit cadence applies: a lost customer is never due.
    pub fn follows_cadence(self) -> bool {
        self != Self::Lost
    }
}

word_enum!(
    /// Personality style on the assertiveness × responsiveness axes (顾客类型).
    Style, "style", {
        Driver = "driver", "支配型";
        Expressive = "expressive", "表达型";
        Amiable = "amiable", "和蔼型";
        Analytical = "analytical", "分析型";
        Unknown = "unknown", "未知";
    }
);

word_enum!(
    /// A yes / no / unknown answer, used by the MAN flags.
    Tri, "answer", {
        Yes = "yes", "是", ["y", "true", "1"];
        No = "no", "否", ["n", "false", "0"];
        Unknown = "unknown", "未知", ["?"];
    }
);

word_enum!(
    /// Account portfolio quadrant (客户组合矩阵): attractiveness × our position.
    Portfolio, "portfolio", {
        Star = "star", "明星类";
        QuestionMark = "question-mark", "问题类";
        CashCow = "cash-cow", "现金牛类";
        Dog = "dog", "瘦狗类";
    }
);

impl Portfolio {
    /// Quadrant from account attractiveness and our position, each `true` when high.
    pub fn from_scores(attractive: bool, strong_position: bool) -> Self {
        match (attractive, strong_position) {
            (true, true) => Self::Star,
            (true, false) => Self::QuestionMark,
            (false, true) => Self::CashCow,
            (false, false) => Self::Dog,
        }
    }
}

word_enum!(
    /// The five categories of the customer record.
    FactCategory, "category", {
        Basic = "basic", "基本信息", ["基本"];
        Business = "business", "商业信息", ["商业"];
        Personal = "personal", "个人信息", ["个人"];
        Logistics = "logistics", "后勤信息", ["后勤"];
        Commercial = "commercial", "交易记录", ["history", "商业记录"];
    }
);

/// Qualification by Money, Authority and Need (准客户三条件).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Man {
    pub money: Tri,
    pub authority: Tri,
    pub need: Tri,
}

impl Default for Man {
    fn default() -> Self {
        Self { money: Tri::Unknown, authority: Tri::Unknown, need: Tri::Unknown }
    }
}

impl Man {
    /// The usual code: upper case has it, lower case lacks it, `?` unknown — e.g. `M+a+N`.
    pub fn code(&self) -> String {
        let letter = |t: Tri, up: char| match t {
            Tri::Yes => up.to_string(),
            Tri::No => up.to_ascii_lowercase().to_string(),
            Tri::Unknown => "?".to_string(),
        };
        format!("{}+{}+{}", letter(self.money, 'M'), letter(self.authority, 'A'), letter(self.need, 'N'))
    }

    /// True when all three answers are known.
    pub fn is_known(&self) -> bool {
        ![self.money, self.authority, self.need].contains(&Tri::Unknown)
    }
}

/// A whole customer as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Customer {
    pub id: i64,
    pub name: String,
    pub nickname: String,
    pub company: String,
    pub title: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub source: String,
    pub referred_by: String,
    pub class: CustomerClass,
    pub style: Style,
    pub man: Man,
    pub portfolio: Option<Portfolio>,
    /// Per-customer visit cadence in days; overrides the portfolio default.
    pub cadence_days: Option<u32>,
    /// Date of the last real contact (a logged visit, call or message).
    pub last_contact_on: Option<NaiveDate>,
    /// Date of the next step: the earliest open appointment, else the last visit's next step.
    pub next_step_on: Option<NaiveDate>,
    /// What the next step is.
    pub next_step: String,
    pub archived: bool,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// RFC 3339, UTC.
    pub updated_at: String,
}

/// What is needed to add a customer; everything but the name is optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewCustomer {
    pub name: String,
    #[serde(default)]
    pub nickname: String,
    #[serde(default)]
    pub company: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub referred_by: String,
    pub class: Option<CustomerClass>,
    pub style: Option<Style>,
}

/// Longest text accepted in a short field (name, company, phone...).
pub const MAX_SHORT: usize = 500;
/// Longest text accepted in a long field (purpose, notes...).
pub const MAX_LONG: usize = 100_000;

impl NewCustomer {
    /// Trims fields and checks the name is present and fields are of sane length.
    pub fn validated(mut self) -> Result<Self, DomainError> {
        for (field, value) in [
            ("name", &mut self.name),
            ("nickname", &mut self.nickname),
            ("company", &mut self.company),
            ("title", &mut self.title),
            ("phone", &mut self.phone),
            ("email", &mut self.email),
            ("address", &mut self.address),
            ("source", &mut self.source),
            ("referred_by", &mut self.referred_by),
        ] {
            *value = clean_line(value);
            check_len(field, value, MAX_SHORT)?;
        }
        if self.name.is_empty() {
            return Err(DomainError::MissingField { field: "name" });
        }
        Ok(self)
    }
}

/// A labelled piece of the record in one of the five categories.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    pub id: i64,
    pub customer_id: i64,
    pub category: FactCategory,
    pub label: String,
    pub value: String,
    /// For important dates (birthday, anniversary): reminded every year.
    pub month_day: Option<MonthDay>,
    /// The person of the account the fact is about (a birthday is someone's); `None`: the
    /// account's own record.
    #[serde(default)]
    pub contact_id: Option<i64>,
}

/// What of a phone number says whose it is: the last ten characters of its normalised form
/// without the `+`, so a number is the same with or without its country code or trunk zero
/// (+86 138 0013 8000, 13800138000; +1 415 555 0100, (415) 555-0100), and an extension ends
/// it (`…1234;ext=806`). Empty for a value without digits (it names no number). The store
/// indexes `substr(replace(phone, '+', ''), -10)` of its normalised phones, which is this.
pub fn phone_key(phone: &str) -> String {
    let normal = super::phone::normalise(phone).replace('+', "");
    if !normal.bytes().any(|b| b.is_ascii_digit()) {
        return String::new();
    }
    let chars: Vec<char> = normal.chars().collect();
    chars[chars.len().saturating_sub(10)..].iter().collect()
}

/// True unless the two records' phones ([`phone_key`]) or e-mails (any case) are both given
/// and differ: records with one name are the same person only when their contacts agree. The
/// duplicate check of the store applies the same rule in SQL.
pub fn contacts_agree(a: (&str, &str), b: (&str, &str)) -> bool {
    let given = |x: &str, y: &str| !x.trim().is_empty() && !y.trim().is_empty();
    let phones_differ = given(a.0, b.0) && phone_key(a.0) != phone_key(b.0);
    let emails_differ = given(a.1, b.1) && !a.1.trim().eq_ignore_ascii_case(b.1.trim());
    !phones_differ && !emails_differ
}

/// Replaces control characters (tabs, newlines, escapes) with spaces and trims.
pub fn clean_line(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect::<String>().trim().to_string()
}

/// Keeps newlines and tabs but drops other control characters (terminal escapes) and trims.
pub fn clean_text(s: &str) -> String {
    s.chars().filter(|c| !c.is_control() || matches!(c, '\n' | '\t')).collect::<String>().trim().to_string()
}

/// Fails when `value` has more than `max` characters.
pub fn check_len(field: &'static str, value: &str, max: usize) -> Result<(), DomainError> {
    let len = value.chars().count();
    if len > max { Err(DomainError::TooLong { field, len, max }) } else { Ok(()) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::words::Word;

    #[test]
    fn man_codes() {
        let man = Man { money: Tri::Yes, authority: Tri::No, need: Tri::Yes };
        assert_eq!(man.code(), "M+a+N");
        assert!(man.is_known());
        assert_eq!(Man::default().code(), "?+?+?");
        assert!(!Man::default().is_known());
    }

    #[test]
    fn words_parse_in_both_languages() {
        assert_eq!(CustomerClass::parse_word("意向客户").unwrap(), CustomerClass::Intent);
        assert_eq!(CustomerClass::parse_word("Quasi").unwrap(), CustomerClass::Quasi);
        assert_eq!(Portfolio::parse_word("cash cow").unwrap(), Portfolio::CashCow);
        assert_eq!(Portfolio::parse_word("q").unwrap(), Portfolio::QuestionMark);
        assert_eq!(Style::parse_word("分析型").unwrap(), Style::Analytical);
        assert_eq!(Tri::parse_word("Y").unwrap(), Tri::Yes);
        let err = Style::parse_word("shy").unwrap_err().to_string();
        assert!(err.contains("driver") && err.contains("analytical"), "{err}");
    }

    #[test]
    fn portfolio_from_scores() {
        assert_eq!(Portfolio::from_scores(true, true), Portfolio::Star);
        assert_eq!(Portfolio::from_scores(true, false), Portfolio::QuestionMark);
        assert_eq!(Portfolio::from_scores(false, true), Portfolio::CashCow);
        assert_eq!(Portfolio::from_scores(false, false), Portfolio::Dog);
    }

    #[test]
    fn new_customer_needs_a_name_and_is_cleaned() {
        let c = NewCustomer { name: "  王伟\u{1b}[31m ".into(), ..Default::default() };
        assert_eq!(c.validated().unwrap().name, "王伟 [31m");
        let empty = NewCustomer { name: "  ".into(), ..Default::default() };
        assert_eq!(empty.validated(), Err(DomainError::MissingField { field: "name" }));
        let long = NewCustomer { name: "x".repeat(MAX_SHORT + 1), ..Default::default() };
        assert!(matches!(long.validated(), Err(DomainError::TooLong { .. })));
    }

    #[test]
    fn a_number_is_the_same_with_or_without_its_country_code() {
        assert_eq!(phone_key("+86 138 0013 8000"), phone_key("138-0013-8000"));
        assert_eq!(phone_key("+1 415 555 0100"), phone_key("(415) 555-0100"));
        assert_eq!(phone_key("010-1234-5678"), phone_key("+86 10 1234 5678"));
        assert_eq!(phone_key("95338"), "95338");
        assert_eq!(phone_key(" n/a "), "", "no digits, no number");
        assert!(contacts_agree(("+1 415 555 0100", ""), ("4155550100", "J@x.example")));
        assert!(contacts_agree(("", "j@x.example"), ("+1 212 555 0199", "J@X.example")));
        assert!(!contacts_agree(("+1 415 555 0100", ""), ("+1 212 555 0199", "")));
        assert!(!contacts_agree(("", "j@x.example"), ("", "k@x.example")));
    }
}
