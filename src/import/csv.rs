//! CSV from spreadsheets and other CRMs: a header row recognised in English and Chinese,
//! `--map COLUMN=FIELD` for the rest, step names mapped, UTF-8 (with or without BOM) and
//! GBK/GB18030 as Chinese Excel writes it. Unknown columns are kept as facts.

use chrono::NaiveDate;
use std::collections::HashMap;

use encoding_rs::{Encoding, GB18030, UTF_8};

use super::{FileProblem, Parsed, Problem, Record, month_day};
use crate::domain::money::{Currency, Money};
use crate::domain::{CustomerClass, DealState, DomainError, FactCategory, Step, Style, Word};

/// A column's meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    FirstName,
    LastName,
    Nickname,
    Company,
    Title,
    Phone,
    Email,
    Address,
    Source,
    ReferredBy,
    Class,
    Style,
    Step,
    Value,
    Currency,
    DealTitle,
    CloseDate,
    LostReason,
    SourceId,
    Notes,
    Birthday,
    /// Bookkeeping of another system (its row id, timestamps): not imported.
    Ignore,
}

/// Field names accepted by `--map`, and the headers recognised without it.
const FIELDS: &[(Field, &str, &[&str])] = &[
    (
        Field::Name,
        "name",
        &[
            "name",
            "full name",
            "fullname",
            "contact",
            "contact name",
            "customer",
            "姓名",
            "名字",
            "客户",
            "客户名称",
            "客户姓名",
            "联系人",
        ],
    ),
    (Field::FirstName, "first_name", &["first name", "firstname", "given name", "名"]),
    (Field::LastName, "last_name", &["last name", "lastname", "surname", "family name", "姓"]),
    (Field::Nickname, "nickname", &["nickname", "昵称", "称呼"]),
    (
        Field::Company,
        "company",
        &[
            "company",
            "company name",
            "organization",
            "organisation",
            "account",
            "account name",
            "公司",
            "公司名称",
            "单位",
            "企业",
            "工作单位",
        ],
    ),
    (Field::Title, "title", &["title", "job title", "position", "role", "职位", "职务", "头衔"]),
    (
        Field::Phone,
        "phone",
        &[
            "phone",
            "mobile",
            "mobile phone",
            "cell",
            "tel",
            "telephone",
            "phone number",
            "电话",
            "手机",
            "手机号",
            "手机号码",
            "联系电话",
            "移动电话",
        ],
    ),
    (Field::Email, "email", &["email", "e-mail", "mail", "email address", "邮箱", "电子邮件", "电子邮箱", "邮件"]),
    (Field::Address, "address", &["address", "地址", "通讯地址"]),
    (Field::Source, "source", &["source", "lead source", "来源", "客户来源"]),
    (Field::ReferredBy, "referred_by", &["referred by", "referred_by", "referrer", "推荐人", "介绍人"]),
    (Field::Class, "class", &["class", "customer class", "客户类别", "客户分类", "类别"]),
    (Field::Style, "style", &["style", "personality", "性格", "性格类型"]),
    (Field::Step, "stage", &["stage", "step", "deal stage", "pipeline stage", "阶段", "销售阶段"]),
    (Field::Value, "value", &["value", "amount", "deal value", "expected value", "金额", "预计金额", "商机金额"]),
    (
        Field::DealTitle,
        "deal_title",
        &["opportunity name", "opportunity", "deal name", "deal title", "deal", "商机名称", "商机", "项目名称"],
    ),
    (Field::CloseDate, "close_date", &["close date", "expected close date", "closed date", "预计成交日期", "成交日期"]),
    (Field::LostReason, "lost_reason", &["loss reason", "lost reason", "reason lost", "丢单原因"]),
    (Field::SourceId, "source_id", &["id", "opportunity id", "deal id", "record id", "商机编号", "编号"]),
    (Field::Currency, "currency", &["currency", "currency code", "opportunity currency", "币种", "货币"]),
    (Field::Notes, "notes", &["notes", "note", "comments", "comment", "remarks", "remark", "备注", "说明"]),
    (Field::Birthday, "birthday", &["birthday", "date of birth", "birth date", "生日", "出生日期"]),
    (Field::Ignore, "ignore", &["created_at", "updated_at"]),
];

/// How to read a CSV file beyond its headers.
#[derive(Debug, Clone, Default)]
pub struct CsvOptions {
    /// `--map`: header (as written) → field name.
    pub map: Vec<(String, String)>,
    /// `--stage-map`: their step name (any case) → our step, or won or lost.
    pub stage_map: Vec<(String, StepOrOutcome)>,
    /// `--encoding`; detected when `None`.
    pub encoding: Option<&'static Encoding>,
    /// The currency of values that name none (config.toml).
    pub currency: Currency,
}

/// The field names `--map` accepts.
pub fn field_names() -> Vec<&'static str> {
    FIELDS.iter().map(|f| f.1).collect()
}

/// Where a row's stage puts its deal: one of the five steps, or closed as won or lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepOrOutcome {
    Step(Step),
    Closed(DealState),
}

impl StepOrOutcome {
    /// One of the steps (English, Chinese, a prefix), or `won` / `lost` (赢单 / 丢单).
    pub fn parse(input: &str) -> Result<Self, DomainError> {
        match DealState::parse_word(input) {
            Ok(state) if state != DealState::Open => Ok(Self::Closed(state)),
            _ => Step::parse(input).map(Self::Step),
        }
    }
}

/// Reads `Prospecting=preparation,Engaging=approach,Won=won,Lost=lost`.
pub fn parse_stage_map(input: &str) -> Result<Vec<(String, StepOrOutcome)>, DomainError> {
    let mut out = Vec::new();
    for pair in input.split(',').filter(|p| !p.trim().is_empty()) {
        let (theirs, ours) = pair.split_once('=').ok_or(DomainError::UnknownStep { input: pair.trim().to_string() })?;
        out.push((theirs.trim().to_lowercase(), StepOrOutcome::parse(ours.trim())?));
    }
    Ok(out)
}

/// Decodes the bytes: a BOM or valid UTF-8 wins, else GB18030 (a superset of GBK).
pub fn decode(bytes: &[u8], encoding: Option<&'static Encoding>) -> Result<String, FileProblem> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let chosen = match encoding {
        Some(e) => e,
        None if std::str::from_utf8(bytes).is_ok() => UTF_8,
        None => GB18030,
    };
    let (text, had_errors) = chosen.decode_without_bom_handling(bytes);
    if had_errors || text.contains('\0') {
        return Err(FileProblem::NotText { encoding: chosen.name() });
    }
    Ok(super::unix_lines(&text).into_owned())
}

/// Reads every row of a CSV file.
pub fn parse(bytes: &[u8], options: &CsvOptions) -> Result<Parsed, FileProblem> {
    let mut parsed = Parsed::default();
    each(bytes, options, |found| match found {
        Ok(record) => parsed.records.push(record),
        Err(problem) => parsed.problems.push(problem),
    })?;
    Ok(parsed)
}

/// Reads the rows of a CSV file one at a time, handing each to `found` (a record, or a
/// problem with its line): the records are never all held. Refused as [`parse`] refuses it.
pub fn each(
    bytes: &[u8],
    options: &CsvOptions,
    mut found: impl FnMut(Result<Record, (usize, Problem)>),
) -> Result<(), FileProblem> {
    let text = decode(bytes, options.encoding)?;
    // An unclosed quote would make the rest of the file one value: read up to its row and
    // report the line it opens on.
    let unclosed = unclosed_quote(&text);
    let text = unclosed.map_or(text.as_str(), |u| &text[..u.row_start]);
    let mut reader = csv::ReaderBuilder::new().flexible(true).has_headers(true).from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_string()).collect(),
        Err(_) => return Err(FileProblem::NoNameColumn { headers: Vec::new() }),
    };
    let fields = column_fields(&headers, options)?;
    if !fields.iter().any(|f| {
        matches!(
            f,
            Some(Field::Name | Field::FirstName | Field::LastName | Field::Company | Field::Email | Field::Phone)
        )
    }) {
        return Err(FileProblem::NoNameColumn { headers });
    }
    let mut lines = LineCounter::new(text.as_bytes());
    for row in reader.records() {
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| lines.line_at(p.byte()));
                let problem = DomainError::UnknownValue { kind: "row", input: e.to_string(), valid: Vec::new() };
                found(Err((line, Problem::Invalid(problem))));
                continue;
            }
        };
        if row.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let line = row.position().map_or(0, |p| lines.line_at(p.byte()));
        found(
            record(line, &headers, &fields, &row, options)
                .and_then(Record::validated)
                .map_err(|e| (line, Problem::Invalid(e))),
        );
    }
    if let Some(u) = unclosed {
        found(Err((u.line, Problem::UnclosedQuote)));
    }
    Ok(())
}

/// Where a quoted value that never ends opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct UnclosedQuote {
    /// Byte where the row holding it starts.
    row_start: usize,
    /// The 1-based line of the opening quote.
    line: usize,
}

/// Finds a quote that opens a value and is never closed, reading the way the CSV reader does:
/// a quote opens a value only at its start, `""` inside is a quote, a quote mid-value is text.
fn unclosed_quote(text: &str) -> Option<UnclosedQuote> {
    let (mut row_start, mut line) = (0, 1);
    let mut at_value_start = true;
    let mut opened: Option<UnclosedQuote> = None;
    let mut bytes = text.bytes().enumerate().peekable();
    while let Some((i, b)) = bytes.next() {
        if opened.is_some() {
            match b {
                b'"' if bytes.peek().is_some_and(|(_, n)| *n == b'"') => {
                    bytes.next();
                }
                b'"' => opened = None,
                b'\n' => line += 1,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' if at_value_start => opened = Some(UnclosedQuote { row_start, line }),
            b',' => at_value_start = true,
            b'\n' => {
                (row_start, at_value_start) = (i + 1, true);
                line += 1;
            }
            _ => at_value_start = false,
        }
    }
    opened
}

/// Line numbers from byte offsets (the CSV reader's own line count skips blank lines),
/// counted forward only once over the file.
struct LineCounter<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Self { bytes, offset: 0, line: 1 }
    }

    /// The 1-based line of the record reported at byte `at`. The reader reports the end of
    /// the previous record, so line breaks right after `at` are skipped first.
    fn line_at(&mut self, at: u64) -> usize {
        let mut at = (at as usize).min(self.bytes.len());
        while self.bytes.get(at).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
            at += 1;
        }
        if at > self.offset {
            self.line += self.bytes[self.offset..at].iter().filter(|b| **b == b'\n').count();
            self.offset = at;
        }
        self.line
    }
}

/// The field of each column: `--map` first, then the known headers.
fn column_fields(headers: &[String], options: &CsvOptions) -> Result<Vec<Option<Field>>, FileProblem> {
    let mut mapped: HashMap<String, Field> = HashMap::new();
    for (column, field) in &options.map {
        let f = FIELDS
            .iter()
            .find(|f| f.1.eq_ignore_ascii_case(field.trim()))
            .ok_or_else(|| FileProblem::UnknownField { field: field.clone() })?;
        mapped.insert(normalise(column), f.0);
    }
    Ok(headers
        .iter()
        .map(|h| {
            let key = normalise(h);
            mapped
                .get(&key)
                .copied()
                .or_else(|| FIELDS.iter().find(|f| f.2.iter().any(|alias| normalise(alias) == key)).map(|f| f.0))
        })
        .collect())
}

/// Lower case, `_`/`-` as spaces, single spaces.
fn normalise(header: &str) -> String {
    header.to_lowercase().replace(['_', '-'], " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

fn record(
    line: usize,
    headers: &[String],
    fields: &[Option<Field>],
    row: &csv::StringRecord,
    options: &CsvOptions,
) -> Result<Record, DomainError> {
    let mut rec = Record::new(line);
    let (mut first, mut last) = (String::new(), String::new());
    let (mut value_text, mut currency) = (None, None);
    for (i, cell) in row.iter().enumerate() {
        let value = cell.trim();
        if value.is_empty() {
            continue;
        }
        let c = &mut rec.customer;
        let header = headers.get(i).cloned().unwrap_or_else(|| format!("column {}", i + 1));
        match fields.get(i).copied().flatten() {
            Some(Field::Name) => c.name = value.into(),
            Some(Field::FirstName) => first = value.into(),
            Some(Field::LastName) => last = value.into(),
            Some(Field::Nickname) => c.nickname = value.into(),
            Some(Field::Company) => c.company = value.into(),
            Some(Field::Title) => c.title = value.into(),
            Some(Field::Phone) => c.phone = value.into(),
            Some(Field::Email) => c.email = value.into(),
            Some(Field::Address) => c.address = value.into(),
            Some(Field::Source) => c.source = value.into(),
            Some(Field::ReferredBy) => c.referred_by = value.into(),
            Some(Field::Class) => c.class = Some(CustomerClass::parse_word(value)?),
            Some(Field::Style) => c.style = Some(Style::parse_word(value)?),
            Some(Field::Step) => match stage(value, options)? {
                StepOrOutcome::Step(s) => rec.stage = Some(s),
                StepOrOutcome::Closed(state) => rec.state = state,
            },
            Some(Field::DealTitle) => rec.deal_title = value.into(),
            Some(Field::CloseDate) => rec.close_on = Some(close_date(value)?),
            Some(Field::LostReason) => rec.lost_reason = value.into(),
            Some(Field::SourceId) => rec.source_ref = Some(value.into()),
            Some(Field::Value) => value_text = Some(value),
            Some(Field::Currency) => currency = Some(Currency::parse(value)?),
            Some(Field::Notes) => rec.notes.push(value.into()),
            Some(Field::Birthday) => rec.fact(FactCategory::Personal, "birthday", value, month_day(value)),
            Some(Field::Ignore) => {}
            None => rec.fact(FactCategory::Basic, &header, value, None),
        }
    }
    rec.value = value_text.map(|v| Money::parse_with(v, currency, options.currency)).transpose()?;
    if rec.customer.name.is_empty() {
        let cjk = first.chars().chain(last.chars()).any(|c| c as u32 >= 0x2E80);
        rec.customer.name = if cjk { format!("{last}{first}") } else { format!("{first} {last}").trim().to_string() };
    }
    Ok(rec)
}

/// A step or an outcome through `--stage-map`, else by our names (English, Chinese, prefixes,
/// won and lost, and other CRMs' `Closed Won` / `Closed Lost`).
fn stage(value: &str, options: &CsvOptions) -> Result<StepOrOutcome, DomainError> {
    let key = value.trim().to_lowercase();
    match options.stage_map.iter().find(|(theirs, _)| *theirs == key) {
        Some((_, ours)) => Ok(*ours),
        None => StepOrOutcome::parse(key.strip_prefix("closed ").unwrap_or(&key))
            .map_err(|_| DomainError::UnknownStep { input: value.to_string() }),
    }
}

/// A close date as other systems write it: `2031-06-30`, `2031/06/30`, `2031-06-30T00:00:00Z`.
fn close_date(value: &str) -> Result<NaiveDate, DomainError> {
    let day = value.trim().split(['T', ' ']).next().unwrap_or_default().replace('/', "-");
    NaiveDate::parse_from_str(&day, "%Y-%m-%d").map_err(|_| DomainError::BadDate { input: value.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unclosed_quote_is_reported_at_its_line_not_read_to_the_end() {
        let text = "name,notes\nAnn,\"fine \"\"quoted\"\"\nstill\"\nBob,\"never closed\nCat,x\nDan,y\n";
        let parsed = parse(text.as_bytes(), &CsvOptions::default()).unwrap();
        let names: Vec<&str> = parsed.records.iter().map(|r| r.customer.name.as_str()).collect();
        assert_eq!(names, ["Ann"], "nothing after the open quote is read as a row");
        assert_eq!(parsed.problems, [(4, Problem::UnclosedQuote)]);
        assert_eq!(unclosed_quote("a,b\nc,d\"e\n"), None, "a quote mid-value is text");
        assert_eq!(unclosed_quote("a\n\"\"\"\n"), Some(UnclosedQuote { row_start: 2, line: 2 }));
    }

    #[test]
    fn old_mac_line_endings_are_rows() {
        let parsed = parse(b"name,phone\rAnn,1\rBob,2\r", &CsvOptions::default()).unwrap();
        let lines: Vec<(usize, &str)> = parsed.records.iter().map(|r| (r.line, r.customer.name.as_str())).collect();
        assert_eq!(lines, [(2, "Ann"), (3, "Bob")]);
    }

    #[test]
    fn rows_without_a_name_are_named_by_company_email_or_phone() {
        let text = "name,company,email,phone\n,Acme,,\n,,a@b.example,\n,,,+86 138 0000 1111\n,,,\n";
        let parsed = parse(text.as_bytes(), &CsvOptions::default()).unwrap();
        let names: Vec<&str> = parsed.records.iter().map(|r| r.customer.name.as_str()).collect();
        assert_eq!(names, ["Acme", "a@b.example", "+86 138 0000 1111"]);
    }

    #[test]
    fn rows_carry_their_file_line() {
        let parsed =
            parse(b"name,notes\r\nAnn,\"two\nlines\"\r\nBob,x\r\n\r\nCat,y\n", &CsvOptions::default()).unwrap();
        let lines: Vec<usize> = parsed.records.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 4, 6]);
    }
}
