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
/// records, already worded for the user: `(line, message)`.
pub fn records_to_set(
    records: &[Record],
    rejected: Vec<(usize, String)>,
    clock: Clock,
    currency: Currency,
    accounts: Accounts,
) -> ImportSet {
    let now = clock.timestamp();
    let people_join_known_accounts = accounts == Accounts::ByCompany;
    let mut set = ImportSet { rejected, people_join_known_accounts, ..Default::default() };
    let mut rows = Rows::default();
    let mut known: HashMap<(String, String), Vec<KnownAccount>> = HashMap::new();
    for rec in records {
        let c = &rec.customer;
        let company: String = c.company.chars().filter(|ch| !ch.is_whitespace()).collect::<String>().to_lowercase();
        let (key, by_organisation) = match accounts {
            Accounts::ByCompany if !company.is_empty() => ((String::new(), company), true),
            _ => ((c.name.trim().to_lowercase(), c.company.trim().to_lowercase()), false),
        };
        let (phone, email) = (normalise_phone(&c.phone), c.email.trim().to_string());
        // Two John Smiths with different numbers or addresses are two people; what a record
        // adds to its account (a first phone, a first e-mail) counts for the next ones.
        let same = known.get_mut(&key).and_then(|accounts| {
            accounts.iter_mut().find(|(_, p, e)| by_organisation || contacts_agree((p, e), (&phone, &email)))
        });
        let (id, new_account) = match same {
            Some((id, p, e)) => {
                for (known, new) in [(p, &phone), (e, &email)] {
                    if known.is_empty() {
                        known.clone_from(new);
                    }
                }
                (*id, false)
            }
            None => {
                let id = rows.customers.len() as i64 + 1;
                known.entry(key).or_default().push((id, phone, email));
                rows.customer(id, rec, &now);
                set.lines.insert(id, rec.line);
                (id, true)
            }
        };
        // Each card of an organisation is a person of its account; another card of the same
        // person (no organisation, same name, contacts that agree) and rows of one account
        // add to the account.
        let (person, whose) = match (new_account, by_organisation) {
            (true, _) => (Some(rows.person(id, rec, &now)), None),
            (false, true) => {
                let person = rows.person(id, rec, &now);
                (Some(person), Some(c.name.clone()))
            }
            (false, false) => {
                rows.fill_contacts(id, rec);
                (None, None)
            }
        };
        if new_account || accounts == Accounts::ByNameAndCompany {
            rows.deal(id, rec, currency, &now);
        }
        // A fact of a card of an organisation (a birthday) is about its person, the account's own
        // one too: every view names whose it is, and a card re-imported into an account that
        // is already there brings its facts with its person.
        let owner = person.filter(|_| by_organisation).map_or(Value::Null, Value::from);
        for f in &rec.facts {
            rows.facts.push(row(json!({
                "id": rows.facts.len() as i64 + 1, "customer_id": id, "contact_id": owner, "category": f.category.code(),
                "label": f.label, "value": f.value, "month_day": f.month_day.map(|m| m.to_string()), "created_at": now,
            })));
        }
        for body in &rec.notes {
            let body = whose.as_ref().map_or_else(|| body.clone(), |name| note_of(name, body));
            let note_id = rows.notes.len() as i64 + 1;
            let note = json!({ "id": note_id, "customer_id": id, "body": body, "created_at": now });
            rows.notes.push(row(note));
            if let Some(person) = person.filter(|_| by_organisation) {
                set.note_people.insert(note_id, person);
            }
        }
    }
    for (table, rows) in [
        ("customer", rows.customers),
        ("contact", rows.people),
        ("deal", rows.deals),
        ("stage_event", rows.events),
        ("customer_fact", rows.facts),
        ("note", rows.notes),
    ] {
        set.tables.insert(table.to_string(), rows);
    }
    set
}

/// A note of one of an account's people, saying whose it is: `李工：…` in Chinese text,
/// `Anna: …` in other.
pub(crate) fn note_of(name: &str, body: &str) -> String {
    if name.chars().chain(body.chars()).any(is_cjk) { format!("{name}：{body}") } else { format!("{name}: {body}") }
}

/// An account of the file so far: its id, phone and e-mail (the first given of its records).
type KnownAccount = (i64, String, String);

/// The rows being built, table by table.
#[derive(Default)]
struct Rows {
    customers: Vec<Row>,
    people: Vec<Row>,
    deals: Vec<Row>,
    events: Vec<Row>,
    facts: Vec<Row>,
    notes: Vec<Row>,
}

impl Rows {
    /// Adds account `id` from `rec`.
    fn customer(&mut self, id: i64, rec: &Record, now: &str) {
        let c = &rec.customer;
        self.customers.push(row(json!({
            "id": id, "name": c.name, "nickname": c.nickname, "company": c.company, "title": c.title,
            "phone": normalise_phone(&c.phone), "email": c.email, "address": c.address, "source": c.source,
            "referred_by": c.referred_by, "class": c.class.unwrap_or(CustomerClass::Potential).code(),
            "style": c.style.unwrap_or(Style::Unknown).code(), "created_at": now, "updated_at": now,
        })));
    }

    /// Adds `rec`'s person to account `customer_id`; returns the person's id.
    fn person(&mut self, customer_id: i64, rec: &Record, now: &str) -> i64 {
        let id = self.people.len() as i64 + 1;
        let c = &rec.customer;
        self.people.push(row(json!({
            "id": id, "customer_id": customer_id, "name": c.name, "title": c.title,
            "phone": normalise_phone(&c.phone), "email": c.email, "style": c.style.unwrap_or(Style::Unknown).code(),
            "created_at": now, "updated_at": now,
        })));
        id
    }

    /// Gives account `id` and its own person `rec`'s phone and e-mail where they have none.
    fn fill_contacts(&mut self, id: i64, rec: &Record) {
        let values = [("phone", normalise_phone(&rec.customer.phone)), ("email", rec.customer.email.clone())];
        let person = self.people.iter_mut().find(|p| p.get("customer_id").and_then(Value::as_i64) == Some(id));
        let account = usize::try_from(id - 1).ok().and_then(|i| self.customers.get_mut(i));
        for row in [account, person].into_iter().flatten() {
            for (col, value) in &values {
                if row.get(*col).and_then(Value::as_str).is_none_or(str::is_empty) && !value.is_empty() {
                    row.insert((*col).to_string(), value.clone().into());
                }
            }
        }
    }

    /// Adds `rec`'s deal to account `customer_id`, with its opening (and closing) step event.
    fn deal(&mut self, customer_id: i64, rec: &Record, currency: Currency, now: &str) {
        let deal_id = self.deals.len() as i64 + 1;
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
        let opened = json!({ "id": self.events.len() as i64 + 1, "deal_id": deal_id, "to_stage": stage, "to_state": "open", "at": now });
        self.events.push(row(opened));
        if let Some(at) = &closed_at {
            self.events.push(row(json!({
                "id": self.events.len() as i64 + 1, "deal_id": deal_id, "from_stage": stage, "to_stage": stage,
                "from_state": "open", "to_state": rec.state.code(), "at": at, "reason": rec.lost_reason,
            })));
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
    fn rows_of_one_name_and_company_are_one_account_with_a_deal_each() {
        let records = [card("王伟", "华东机械"), card("王伟", "华东机械"), card("张总", "华东机械")];
        let clock = Clock::Fixed(chrono::NaiveDate::from_ymd_opt(2031, 5, 6).unwrap_or_default());
        let set = records_to_set(&records, Vec::new(), clock, Currency::CNY, Accounts::ByNameAndCompany);
        assert_eq!(names(&set, "customer"), ["王伟", "张总"]);
        assert_eq!(names(&set, "contact"), ["王伟", "张总"]);
        assert_eq!(set.tables["deal"].len(), 3);
    }
}
