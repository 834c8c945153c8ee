//! Records read from CSV or vCard, turned into the rows of an import (customer, first deal
//! and its creation event, facts, notes), so they go through the same duplicate handling,
//! batch recording and undo as our own files.

use serde_json::{Value, json};

use super::import::ImportSet;
use super::schema::Row;
use crate::clock::Clock;
use crate::domain::money::Currency;
use crate::domain::{CustomerClass, Stage, Style, Word};
use crate::import::Record;
use crate::store::customers::normalise_phone;

/// The rows of `records` (ids are placeholders; the import renumbers them). `rejected` are
/// the source's unreadable records, already worded for the user: `(line, message)`.
pub fn records_to_set(records: &[Record], rejected: Vec<(usize, String)>, clock: Clock) -> ImportSet {
    let now = clock.timestamp();
    let mut set = ImportSet { rejected, ..Default::default() };
    let (mut facts, mut notes) = (Vec::new(), Vec::new());
    let (mut customers, mut deals, mut events) = (Vec::new(), Vec::new(), Vec::new());
    for (i, rec) in records.iter().enumerate() {
        let id = i as i64 + 1;
        let c = &rec.customer;
        let stage = rec.stage.unwrap_or(Stage::Preparation).code();
        customers.push(row(json!({
            "id": id, "name": c.name, "nickname": c.nickname, "company": c.company, "title": c.title,
            "phone": normalise_phone(&c.phone), "email": c.email, "address": c.address, "source": c.source,
            "referred_by": c.referred_by, "class": c.class.unwrap_or(CustomerClass::Potential).code(),
            "style": c.style.unwrap_or(Style::Unknown).code(), "created_at": now, "updated_at": now,
        })));
        deals.push(row(json!({
            "id": id, "customer_id": id, "value_minor": rec.value.map(|m| m.minor),
            "currency": rec.value.map_or(Currency::default(), |m| m.currency).code(), "stage": stage, "state": "open",
            "stage_since": now, "created_at": now,
        })));
        events.push(row(json!({ "id": id, "deal_id": id, "to_stage": stage, "to_state": "open", "at": now })));
        for f in &rec.facts {
            facts.push(row(json!({
                "id": facts.len() as i64 + 1, "customer_id": id, "category": f.category.code(), "label": f.label,
                "value": f.value, "month_day": f.month_day.map(|m| m.to_string()), "created_at": now,
            })));
        }
        for body in &rec.notes {
            notes
                .push(row(json!({ "id": notes.len() as i64 + 1, "customer_id": id, "body": body, "created_at": now })));
        }
        set.lines.insert(id, rec.line);
    }
    for (table, rows) in
        [("customer", customers), ("deal", deals), ("stage_event", events), ("customer_fact", facts), ("note", notes)]
    {
        set.tables.insert(table.to_string(), rows);
    }
    set
}

fn row(value: Value) -> Row {
    match value {
        Value::Object(map) => map,
        _ => Row::new(),
    }
}
