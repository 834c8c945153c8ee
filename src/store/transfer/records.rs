//! Records read from CSV or vCard, turned into the rows of an import (customer, first deal
//! and its creation event, facts, notes), so they go through the same duplicate handling,
//! batch recording and undo as our own files.

use std::collections::HashMap;

use serde_json::{Value, json};

use super::import::ImportSet;
use super::schema::Row;
use crate::clock::Clock;
use crate::domain::money::Currency;
use crate::domain::{CustomerClass, DealState, Stage, Style, Word};
use crate::import::Record;
use crate::store::customers::normalise_phone;

/// The rows of `records` (ids are placeholders; the import renumbers them). Rows of one
/// account (same name and company: an opportunities export has one row per opportunity) become
/// one customer with a deal per row; a won or lost row becomes a closed deal with its value and
/// close date. A deal without a value is in `currency`. `rejected` are the source's unreadable
/// records, already worded for the user: `(line, message)`.
pub fn records_to_set(
    records: &[Record],
    rejected: Vec<(usize, String)>,
    clock: Clock,
    currency: Currency,
) -> ImportSet {
    let now = clock.timestamp();
    let mut set = ImportSet { rejected, ..Default::default() };
    let (mut facts, mut notes) = (Vec::new(), Vec::new());
    let (mut customers, mut deals, mut events) = (Vec::new(), Vec::new(), Vec::new());
    let mut accounts: HashMap<(String, String), i64> = HashMap::new();
    for (i, rec) in records.iter().enumerate() {
        let deal_id = i as i64 + 1;
        let c = &rec.customer;
        let key = (c.name.trim().to_lowercase(), c.company.trim().to_lowercase());
        let id = match accounts.get(&key) {
            Some(id) => *id,
            None => {
                let id = deal_id;
                accounts.insert(key, id);
                customers.push(row(json!({
                    "id": id, "name": c.name, "nickname": c.nickname, "company": c.company, "title": c.title,
                    "phone": normalise_phone(&c.phone), "email": c.email, "address": c.address, "source": c.source,
                    "referred_by": c.referred_by, "class": c.class.unwrap_or(CustomerClass::Potential).code(),
                    "style": c.style.unwrap_or(Style::Unknown).code(), "created_at": now, "updated_at": now,
                })));
                set.lines.insert(id, rec.line);
                id
            }
        };
        // A closed row without a step of its own closed at the last step.
        let last = if rec.state == DealState::Open { Stage::Preparation } else { Stage::Close };
        let stage = rec.stage.unwrap_or(last).code();
        let closed_at = (rec.state != DealState::Open)
            .then(|| rec.close_on.map(|d| format!("{d}T00:00:00Z")).unwrap_or_else(|| now.clone()));
        deals.push(row(json!({
            "id": deal_id, "customer_id": id, "title": rec.deal_title, "value_minor": rec.value.map(|m| m.minor),
            "currency": rec.value.map_or(currency, |m| m.currency).code(), "stage": stage,
            "state": rec.state.code(), "lost_reason": rec.lost_reason,
            "expected_close_on": rec.close_on.map(|d| d.to_string()), "stage_since": now, "created_at": now,
            "closed_at": closed_at, "source_ref": rec.source_ref,
        })));
        events.push(row(json!({ "id": events.len() as i64 + 1, "deal_id": deal_id, "to_stage": stage, "to_state": "open", "at": now })));
        if let Some(at) = &closed_at {
            events.push(row(json!({
                "id": events.len() as i64 + 1, "deal_id": deal_id, "from_stage": stage, "to_stage": stage,
                "from_state": "open", "to_state": rec.state.code(), "at": at, "reason": rec.lost_reason,
            })));
        }
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
