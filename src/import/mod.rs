//! Pure parsers for what reps already have: vCard files from phones and address books, CSV
//! from spreadsheets and other CRMs. No I/O: bytes in, records and per-line problems out.

pub mod csv;
pub mod vcard;

use crate::domain::customer::{MAX_LONG, check_len};
use crate::domain::money::Money;
use crate::domain::{DealState, DomainError, FactCategory, MonthDay, NewCustomer, Step};
use chrono::NaiveDate;

/// One contact or row, ready to become a customer with its first deal, facts and notes.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// Line of the source where the record starts (1-based).
    pub line: usize,
    pub customer: NewCustomer,
    /// Step of the first deal (default: preparation).
    pub stage: Option<Step>,
    /// Expected value of the first deal (the final one of a won deal).
    pub value: Option<Money>,
    /// The deal's title (an opportunity's name); empty for none.
    pub deal_title: String,
    /// Open, or won or lost (an opportunities export's closed rows).
    pub state: DealState,
    /// When the deal is expected to close, or closed.
    pub close_on: Option<NaiveDate>,
    /// Why a lost deal was lost.
    pub lost_reason: String,
    /// The id the source gave the row: importing the file again updates its deal.
    pub source_ref: Option<String>,
    /// Everything without a column of its own.
    pub facts: Vec<RecordFact>,
    pub notes: Vec<String>,
}

/// A labelled fact of an imported record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordFact {
    pub category: FactCategory,
    pub label: String,
    pub value: String,
    /// Set for birthdays and anniversaries (reminded every year).
    pub month_day: Option<MonthDay>,
}

/// Why a record of the source cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A field is missing, too long, or not a value Fieldbook knows.
    Invalid(DomainError),
    /// A vCard without `END:VCARD` (the file is cut short).
    Unclosed,
    /// A CSV value opens a quote that is never closed (the rest of the file is not read).
    UnclosedQuote,
}

/// What a parser read: the good records and the problems, each with its line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parsed {
    pub records: Vec<Record>,
    pub problems: Vec<(usize, Problem)>,
}

/// Why a whole file cannot be read (nothing is imported).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    /// Not text in the expected encoding.
    NotText { encoding: &'static str },
    /// No `BEGIN:VCARD` anywhere.
    NotVcard,
    /// The CSV has no header row, or no column that can be a name.
    NoNameColumn { headers: Vec<String> },
    /// A `--map` names a field that does not exist.
    UnknownField { field: String },
}

impl Record {
    /// A record at `line` with an empty customer.
    pub fn new(line: usize) -> Self {
        Self {
            line,
            customer: NewCustomer::default(),
            stage: None,
            value: None,
            deal_title: String::new(),
            state: DealState::Open,
            close_on: None,
            lost_reason: String::new(),
            source_ref: None,
            facts: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// Adds a fact unless its value is empty.
    pub fn fact(&mut self, category: FactCategory, label: &str, value: &str, month_day: Option<MonthDay>) {
        let value = value.trim();
        if !value.is_empty() {
            self.facts.push(RecordFact {
                category,
                label: label.trim().to_string(),
                value: value.to_string(),
                month_day,
            });
        }
    }

    /// Checks the record the way the store will: name present, lengths within limits. A
    /// record without a name (phones export contacts saved with only an organisation, an
    /// e-mail or a number) is named by the first of those it has.
    pub fn validated(mut self) -> Result<Self, DomainError> {
        let c = &mut self.customer;
        if c.name.trim().is_empty() {
            let stand_in = [&c.company, &c.email, &c.phone].into_iter().find(|v| !v.trim().is_empty());
            c.name = stand_in.cloned().unwrap_or_default();
        }
        self.customer = self.customer.validated()?;
        for fact in &self.facts {
            check_len("value", &fact.value, MAX_LONG)?;
            check_len("label", &fact.label, crate::domain::customer::MAX_SHORT)?;
        }
        for note in &self.notes {
            check_len("note", note, MAX_LONG)?;
        }
        self.notes.retain(|n| !n.trim().is_empty());
        Ok(self)
    }
}

/// `text` with every line ending as `\n`: Windows `\r\n` and the old Mac `\r` alone (some
/// address books still write it) read the same as Unix lines.
pub fn unix_lines(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// A birthday or anniversary in any of the forms contact programs write:
/// `1980-03-14`, `19800314`, `--0314`, `--03-14`, `1980-03-14T00:00:00Z`.
pub fn month_day(value: &str) -> Option<MonthDay> {
    let v = value.trim();
    let date_part = v.split('T').next().unwrap_or(v);
    if date_part.len() == 8 && date_part.bytes().all(|b| b.is_ascii_digit()) {
        let (m, d) = (date_part.get(4..6)?, date_part.get(6..8)?);
        return MonthDay::new(m.parse().ok()?, d.parse().ok()?);
    }
    MonthDay::parse(date_part)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_endings_of_every_kind_read_as_one() {
        assert_eq!(unix_lines("a\r\nb\rc\nd\r"), "a\nb\nc\nd\n");
        assert!(matches!(unix_lines("a\nb"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn month_days_in_every_shape() {
        for s in ["1980-03-14", "19800314", "--0314", "--03-14", "1980-03-14T00:00:00Z", "03-14"] {
            assert_eq!(month_day(s), MonthDay::new(3, 14), "{s}");
        }
        assert_eq!(month_day("sometime"), None);
        assert_eq!(month_day("1980-13-40"), None);
    }
}
