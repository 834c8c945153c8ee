//! Records read from CSV or vCard, turned into the rows of an import (customer, its people,
//! deals and their step history, facts, notes), so they go through the same duplicate
//! handling, batch recording and undo as our own files.
//!
//! Spreadsheet rows of one account (same name and company: an opportunities export has one
//! row per opportunity) are one customer with a deal per row. Contact cards of the same
//! organisation (`ORG`) are one account with each card as one of its people: the first card is
//! the account's own person, the others' facts (birthdays...) are theirs.

use std::collections::HashMap;

use serde_json::{Value, json};

use super::import::ImportSet;
use super::schema::Row;
use crate::clock::Clock;
use crate::domain::customer::contacts_agree;
use crate::domain::money::Currency;
use crate::domain::{CustomerClass, DealState, Step, Style, Word};
use crate::import::Record;
use crate::store::customers::normalise_phone;
use crate::store::search_text::is_cjk;

/// How the records of a file make accounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accounts {
    /// Rows with the same name and company are one account, each row one of its deals
    /// (spreadsheets, opportunities exports).
    ByNameAndCompany,
    /// Records with the same organisation (case and spaces aside) are one account, each
    /// record one of its people (contact cards).
    ByCompany,
}

/// The rows of `records` (ids are placeholders; the import renumbers them), grouped into
/// accounts as `accounts` says; a won or lost row becomes a closed deal with its value and
/// close date. A deal without a value is in `currency`. `rejected` are the source's unreadable
/// records, already worded for the user: `(line, message)`. A big file is better read twice,
/// with [`Grouping`] then [`Pieces`], never holding every record.
pub fn records_to_set(
    records: &[Record],
    rejected: Vec<(usize, String)>,
    clock: Clock,
    currency: Currency,
    accounts: Accounts,
) -> ImportSet {
    let mut grouping = Grouping::new(accounts);
    for rec in records {
        grouping.add(rec);
    }
    let mut set = Pieces::new(grouping, clock, currency).piece(records);
    set.rejected = rejected;
    set
}

/// Which account each record of a file belongs to, learnt in a first reading of the whole
/// file and kept small (an organisation's cards can be anywhere in a phone's export, and a
/// later row can give its account a phone): keys, phones, e-mails and lines, never the records.
pub struct Grouping {
    accounts: Accounts,
    /// The accounts of each key (an organisation, or a name and company), by id.
    known: HashMap<(String, String), Vec<i64>>,
    /// Each account, by id − 1.
    plans: Vec<AccountPlan>,
    /// Each record in file order: its line, its account, and whether it made the account.
    records: Vec<(usize, i64, bool)>,
}

/// An account of the file, as far as the grouping needs it.
struct AccountPlan {
    /// Made of an organisation's cards (each card one of its people).
    by_organisation: bool,
    /// The line of its first record.
    line: usize,
    /// Its phone and e-mail: its first record's, an empty one filled by the next records
    /// that have one (of an organisation: used only to tell people apart).
    phone: String,
    email: String,
    /// Of an organisation: the name, phone and e-mail of each card after the first, handed
    /// to the import with the account's rows (taken then).
    people: Vec<Person>,
}

impl Grouping {
    /// No records yet; accounts made as `accounts` says.
    pub fn new(accounts: Accounts) -> Self {
        Self { accounts, known: HashMap::new(), plans: Vec::new(), records: Vec::new() }
    }

    /// Places the next record of the file in an account, a new one or one of the file's.
    pub fn add(&mut self, rec: &Record) {
        let c = &rec.customer;
        let company: String = c.company.chars().filter(|ch| !ch.is_whitespace()).collect::<String>().to_lowercase();
        let (key, by_organisation) = match self.accounts {
            Accounts::ByCompany if !company.is_empty() => ((String::new(), company), true),
            _ => ((c.name.trim().to_lowercase(), c.company.trim().to_lowercase()), false),
        };
        let (phone, email) = (normalise_phone(&c.phone), c.email.trim().to_string());
        let ids = self.known.entry(key).or_default();
        // Two John Smiths with different numbers or addresses are two people; what a record
        // adds to its account (a first phone, a first e-mail) counts for the next ones.
        let plans = &mut self.plans;
        let same = ids.iter().copied().find(|id| {
            by_organisation || plan(plans, *id).is_some_and(|a| contacts_agree((&a.phone, &a.email), (&phone, &email)))
        });
        match same.and_then(|id| Some((id, plan_mut(plans, id)?))) {
            Some((id, account)) => {
                for (known, new) in [(&mut account.phone, &phone), (&mut account.email, &email)] {
                    if known.is_empty() {
                        known.clone_from(new);
                    }
                }
                if by_organisation {
                    account.people.push(Person { name: c.name.clone(), phone, email: c.email.clone() });
                }
                self.records.push((rec.line, id, false));
            }
            None => {
                let id = plans.len() as i64 + 1;
                ids.push(id);
                plans.push(AccountPlan { by_organisation, line: rec.line, phone, email, people: Vec::new() });
                self.records.push((rec.line, id, true));
            }
        }
    }
}

fn plan(plans: &[AccountPlan], id: i64) -> Option<&AccountPlan> {
    usize::try_from(id - 1).ok().and_then(|i| plans.get(i))
}

fn plan_mut(plans: &mut [AccountPlan], id: i64) -> Option<&mut AccountPlan> {
    usize::try_from(id - 1).ok().and_then(|i| plans.get_mut(i))
}

/// The name, phone and e-mail of one of an account's people, as its contact row has them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub phone: String,
    pub email: String,
}

/// The rows of a file read again in pieces, as its [`Grouping`] placed its records: ids run on
/// from piece to piece, a record of an account made in an earlier piece refers to it, and an
/// account's rows carry what later records give it (a phone, its other people).
pub struct Pieces {
    grouping: Grouping,
    now: String,
    currency: Currency,
    /// Records turned into rows so far.
    done: usize,
    rows: Rows,
}

impl Pieces {
    /// Ready for the first piece of the file `grouping` read.
    pub fn new(grouping: Grouping, clock: Clock, currency: Currency) -> Self {
        Self { grouping, now: clock.timestamp(), currency, done: 0, rows: Rows::default() }
    }

    /// The rows of the next `records` of the file, in the order the grouping read them. A
    /// record the grouping did not read (the file read differently the second time) is left
    /// out.
    pub fn piece(&mut self, records: &[Record]) -> ImportSet {
        let accounts = self.grouping.accounts;
        let mut set = ImportSet { people_join_known_accounts: accounts == Accounts::ByCompany, ..Default::default() };
        let rows = &mut self.rows;
        rows.start_piece();
        let now = self.now.as_str();
        for rec in records {
            let Some(&(line, id, new_account)) = self.grouping.records.get(self.done) else { break };
            self.done += 1;
            let Some(account) = plan_mut(&mut self.grouping.plans, id).filter(|_| line == rec.line) else { continue };
            let by_organisation = account.by_organisation;
            set.lines.insert(id, account.line);
            let c = &rec.customer;
            // An account and its own person have its first record's phone and e-mail, or
            // (not an organisation) the first given by any of its records.
            let (phone, email) = if by_organisation {
                (normalise_phone(&c.phone), c.email.clone())
            } else {
                (account.phone.clone(), account.email.clone())
            };
            // Each card of an organisation is a person of its account; another card of the
            // same person (no organisation, same name, contacts that agree) and rows of one
            // account add to the account.
            let (person, whose) = match (new_account, by_organisation) {
                (true, _) => {
                    rows.customer(id, rec, &phone, &email, now);
                    if by_organisation {
                        set.other_people.insert(id, std::mem::take(&mut account.people));
                    }
                    (Some(rows.person(id, rec, &phone, &email, now)), None)
                }
                (false, true) => (Some(rows.person(id, rec, &phone, &email, now)), Some(c.name.clone())),
                (false, false) => (None, None),
            };
            if new_account || accounts == Accounts::ByNameAndCompany {
                rows.deal(id, rec, self.currency, now);
            }
            // A fact of a card of an organisation (a birthday) is about its person, the
            // account's own one too: every view names whose it is, and a card re-imported into
            // an account that is already there brings its facts with its person.
            let owner = person.filter(|_| by_organisation).map_or(Value::Null, Value::from);
            for f in &rec.facts {
                rows.facts.push(row(json!({
                    "id": rows.next_fact, "customer_id": id, "contact_id": owner, "category": f.category.code(),
                    "label": f.label, "value": f.value, "month_day": f.month_day.map(|m| m.to_string()), "created_at": now,
                })));
                rows.next_fact += 1;
            }
            for body in &rec.notes {
                let body = whose.as_ref().map_or_else(|| body.clone(), |name| note_of(name, body));
                let note_id = rows.next_note;
                rows.next_note += 1;
                rows.notes.push(row(json!({ "id": note_id, "customer_id": id, "body": body, "created_at": now })));
                if let Some(person) = person.filter(|_| by_organisation) {
                    set.note_people.insert(note_id, person);
                }
            }
        }
        for (table, rows) in [
            ("customer", &mut rows.customers),
            ("contact", &mut rows.people),
            ("deal", &mut rows.deals),
            ("stage_event", &mut rows.events),
            ("customer_fact", &mut rows.facts),
            ("note", &mut rows.notes),
        ] {
            set.tables.insert(table.to_string(), std::mem::take(rows));
        }
        set
    }
}

/// A note of one of an account's people, saying whose it is: `李工：…` in Chinese text,
/// `Anna: …` in other.
pub(crate) fn note_of(name: &str, body: &str) -> String {
    if name.chars().chain(body.chars()).any(is_cjk) { format!("{name}：{body}") } else { format!("{name}: {body}") }
}

/// The rows of the piece being built, table by table, and the next id of each table (ids run
/// on from piece to piece).
#[derive(Default)]
struct Rows {
    customers: Vec<Row>,
    people: Vec<Row>,
    deals: Vec<Row>,
    events: Vec<Row>,
    facts: Vec<Row>,
    notes: Vec<Row>,
    next_person: i64,
    next_deal: i64,
    next_event: i64,
    next_fact: i64,
    next_note: i64,
}

impl Rows {
    /// Starts a piece: no rows yet, ids from where the last piece ended (1 at the start).
    fn start_piece(&mut self) {
        for next in
            [&mut self.next_person, &mut self.next_deal, &mut self.next_event, &mut self.next_fact, &mut self.next_note]
        {
            *next = (*next).max(1);
        }
    }

    /// Adds account `id` from `rec`, with `phone` and `email`.
    fn customer(&mut self, id: i64, rec: &Record, phone: &str, email: &str, now: &str) {
        let c = &rec.customer;
        self.customers.push(row(json!({
            "id": id, "name": c.name, "nickname": c.nickname, "company": c.company, "title": c.title,
            "phone": phone, "email": email, "address": c.address, "source": c.source,
            "referred_by": c.referred_by, "class": c.class.unwrap_or(CustomerClass::Potential).code(),
            "style": c.style.unwrap_or(Style::Unknown).code(), "created_at": now, "updated_at": now,
        })));
    }

    /// Adds `rec`'s person, with `phone` and `email`, to account `customer_id`; returns the
    /// person's id.
    fn person(&mut self, customer_id: i64, rec: &Record, phone: &str, email: &str, now: &str) -> i64 {
        let id = self.next_person;
        self.next_person += 1;
        let c = &rec.customer;
        self.people.push(row(json!({
            "id": id, "customer_id": customer_id, "name": c.name, "title": c.title,
            "phone": phone, "email": email, "style": c.style.unwrap_or(Style::Unknown).code(),
            "created_at": now, "updated_at": now,
        })));
        id
    }

    /// Adds `rec`'s deal to account `customer_id`, with its opening (and closing) step event.
    fn deal(&mut self, customer_id: i64, rec: &Record, currency: Currency, now: &str) {
        let deal_id = self.next_deal;
        self.next_deal += 1;
        // A closed row without a step of its own closed at the last step.
        let last = if rec.state == DealState::Open { Step::Preparation } else { Step::Close };
        let stage = rec.stage.unwrap_or(last).code();
        let closed_at = (rec.state != DealState::Open)
            .then(|| rec.close_on.map(|d| format!("{d}T00:00:00Z")).unwrap_or_else(|| now.to_string()));
        self.deals.push(row(json!({
            "id": deal_id, "customer_id": customer_id, "title": rec.deal_title, "value_minor": rec.value.map(|m| m.minor),
            "currency": rec.value.map_or(currency, |m| m.currency).code(), "stage": stage,
            "state": rec.state.code(), "lost_reason": rec.lost_reason,
            "expected_close_on": rec.close_on.map(|d| d.to_string()), "stage_since": now, "created_at": now,
            "closed_at": closed_at, "source_ref": rec.source_ref,
        })));
        self.events.push(row(
            json!({ "id": self.next_event, "deal_id": deal_id, "to_stage": stage, "to_state": "open", "at": now }),
        ));
        self.next_event += 1;
        if let Some(at) = &closed_at {
            self.events.push(row(json!({
                "id": self.next_event, "deal_id": deal_id, "from_stage": stage, "to_stage": stage,
                "from_state": "open", "to_state": rec.state.code(), "at": at, "reason": rec.lost_reason,
            })));
            self.next_event += 1;
        }
    }
}

fn row(value: Value) -> Row {
    match value {
        Value::Object(map) => map,
        _ => Row::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::FactCategory;
    use crate::import::RecordFact;

    fn card(name: &str, company: &str) -> Record {
        let mut r = Record::new(1);
        r.customer.name = name.into();
        r.customer.company = company.into();
        r
    }

    fn names(set: &ImportSet, table: &str) -> Vec<String> {
        set.tables[table].iter().map(|r| r["name"].as_str().unwrap_or_default().to_string()).collect()
    }

    #[test]
    fn cards_of_one_organisation_are_one_account_with_one_deal_and_its_people() {
        let mut boss = card("张总", "华东 机械");
        boss.facts.push(RecordFact {
            category: FactCategory::Personal,
            label: "生日".into(),
            value: "1970-01-02".into(),
            month_day: None,
        });
        let records = [card("王伟", "华东机械"), card("Anna", ""), boss, card("Bob", "")];
        let clock = Clock::Fixed(chrono::NaiveDate::from_ymd_opt(2031, 5, 6).unwrap_or_default());
        let set = records_to_set(&records, Vec::new(), clock, Currency::CNY, Accounts::ByCompany);
        assert_eq!(names(&set, "customer"), ["王伟", "Anna", "Bob"]);
        assert_eq!(names(&set, "contact"), ["王伟", "Anna", "张总", "Bob"]);
        let owners: Vec<i64> = set.tables["contact"].iter().filter_map(|r| r["customer_id"].as_i64()).collect();
        assert_eq!(owners, [1, 2, 1, 3]);
        assert_eq!(set.tables["deal"].len(), 3, "one deal per account");
        let fact = &set.tables["customer_fact"][0];
        assert_eq!(
            (fact["contact_id"].as_i64(), fact["label"].as_str()),
            (Some(3), Some("生日")),
            "whose it is: its contact_id"
        );
    }

    #[test]
    fn one_name_with_different_numbers_or_addresses_is_different_people() {
        let with = |name: &str, phone: &str, email: &str| {
            let mut r = card(name, "");
            (r.customer.phone, r.customer.email) = (phone.into(), email.into());
            r
        };
        let records = [
            with("John Smith", "+1 415 555 0100", ""),
            with("John Smith", "+1 415 555 0199", "js@c.example"),
            with("John Smith", "+1 (415) 555-0100", "john@a.example"),
            with("John Smith", "", "john@b.example"),
            with("John Smith", "", "JOHN@b.example"),
        ];
        let clock = Clock::Fixed(chrono::NaiveDate::from_ymd_opt(2031, 5, 6).unwrap_or_default());
        for accounts in [Accounts::ByCompany, Accounts::ByNameAndCompany] {
            let set = records_to_set(&records, Vec::new(), clock, Currency::CNY, accounts);
            let phones: Vec<&str> = set.tables["customer"].iter().filter_map(|r| r["phone"].as_str()).collect();
            assert_eq!(phones, ["+14155550100", "+14155550199", ""], "{accounts:?}");
        }
    }

    #[test]
    fn a_file_read_in_pieces_makes_the_rows_of_the_whole_file() {
        let with = |name: &str, company: &str, phone: &str, note: &str| {
            let mut r = card(name, company);
            r.customer.phone = phone.into();
            r.notes.push(note.into());
            r
        };
        // An organisation's cards far apart, a second card of one person giving a phone.
        let records: Vec<Record> = [
            with("王伟", "华东机械", "138 0000 0001", "a"),
            with("Anna", "", "", "b"),
            with("Bob", "", "+1 415 555 0100", "c"),
            with("张总", "华东 机械", "021 5555 0100", "d"),
            with("Anna", "", "+86 139 1111 2222", "e"),
            with("李工", "华东机械", "", "f"),
        ]
        .into_iter()
        .enumerate()
        .map(|(i, mut r)| {
            r.line = i + 1;
            r
        })
        .collect();
        let clock = Clock::Fixed(chrono::NaiveDate::from_ymd_opt(2031, 5, 6).unwrap_or_default());
        for accounts in [Accounts::ByCompany, Accounts::ByNameAndCompany] {
            let whole = records_to_set(&records, Vec::new(), clock, Currency::CNY, accounts);
            for size in [1, 2, 4] {
                let mut grouping = Grouping::new(accounts);
                records.iter().for_each(|r| grouping.add(r));
                let mut pieces = Pieces::new(grouping, clock, Currency::CNY);
                let mut joined = ImportSet::default();
                for chunk in records.chunks(size) {
                    let piece = pieces.piece(chunk);
                    for (table, rows) in piece.tables {
                        joined.tables.entry(table).or_default().extend(rows);
                    }
                    joined.lines.extend(piece.lines);
                    joined.note_people.extend(piece.note_people);
                    joined.other_people.extend(piece.other_people);
                }
                assert_eq!(joined.tables, whole.tables, "{accounts:?} in pieces of {size}");
                assert_eq!((&joined.note_people, &joined.other_people), (&whole.note_people, &whole.other_people));
                assert!(whole.lines.iter().all(|(id, line)| joined.lines.get(id) == Some(line)));
            }
            let anna = &whole.tables["customer"][1];
            assert_eq!((anna["name"].as_str(), anna["phone"].as_str()), (Some("Anna"), Some("+8613911112222")));
        }
    }

    #[test]
    fn rows_of_one_name_and_company_are_one_account_with_a_deal_each() {
        let records = [card("王伟", "华东机械"), card("王伟", "华东机械"), card("张总", "华东机械")];
        let clock = Clock::Fixed(chrono::NaiveDate::from_ymd_opt(2031, 5, 6).unwrap_or_default());
        let set = records_to_set(&records, Vec::new(), clock, Currency::CNY, Accounts::ByNameAndCompany);
        assert_eq!(names(&set, "customer"), ["王伟", "张总"]);
        assert_eq!(names(&set, "contact"), ["王伟", "张总"]);
        assert_eq!(set.tables["deal"].len(), 3);
    }
}
