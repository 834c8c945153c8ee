//! A delete keeps what it took out, and putting it back restores it exactly (same ids, every
//! row under it, the search index): the app's undo.

use fieldbook::domain::Word;
use fieldbook::store::Store;

use crate::tui_support::{TODAY, open_on, seed};

/// Everything `fieldbook show` would read for customer `id` (the customer's last change time
/// aside: putting a visit back is a change of its rollups).
fn snapshot(store: &Store, id: i64) -> String {
    let visits = store.visits_of(id, 100, 0).unwrap();
    let notes = store.notes_of(Some(id), 100).unwrap();
    let deals = store.deals_of(id).unwrap();
    let customer = fieldbook::domain::Customer { updated_at: String::new(), ..store.customer(id).unwrap() };
    let mut out = format!("{customer:?}\n{visits:?}\n{notes:?}\n{deals:?}\n");
    for deal in &deals {
        out.push_str(&format!("{:?}\n", store.stage_history(deal.id).unwrap()));
        out.push_str(&format!("{:?}\n", store.objections_of(deal.id, false).unwrap()));
    }
    for v in &visits {
        out.push_str(&format!("{:?}\n", store.visit_ticks(v.id).unwrap()));
    }
    out.push_str(&format!("{:?}\n{:?}\n", store.met_by_visit(id).unwrap(), store.contacts_of(id).unwrap()));
    out
}

#[test]
fn a_deleted_customer_is_put_back_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fieldbook.db");
    seed(&path);
    let mut store = open_on(&path, TODAY);
    let zhao = store.search("Zhao Lei", 5, "ext.").unwrap()[0].customer.clone().unwrap().id;
    let deal = store.deals_of(zhao).unwrap()[0].id;
    store.add_objection(deal, "too dear", fieldbook::domain::ObjectionKind::Doubt, "").unwrap();
    let before = snapshot(&store, zhao);
    let customer_before = store.customer(zhao).unwrap();
    let removed = store.delete_customer(zhao).unwrap();
    assert_eq!(removed.count("customer"), 1);
    assert_eq!(removed.count("visit"), 1);
    assert!(store.customer(zhao).is_err());
    assert!(store.search("reference case", 5, "ext.").unwrap().is_empty(), "the visit left the index");
    store.put_back(&removed).unwrap();
    assert_eq!(snapshot(&store, zhao), before);
    assert_eq!(store.customer(zhao).unwrap().updated_at, customer_before.updated_at, "the row as it was");
    assert_eq!(store.search("reference case", 5, "ext.").unwrap().len(), 1, "the index follows");
    assert!(store.check().unwrap().is_empty(), "{:?}", store.check().unwrap());
    // Putting back twice fails and changes nothing.
    assert!(store.put_back(&removed).is_err());
    assert_eq!(snapshot(&store, zhao), before);
}

#[test]
fn a_deleted_visit_note_and_objection_come_back_with_their_ids() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fieldbook.db");
    seed(&path);
    let mut store = open_on(&path, TODAY);
    let zhao = store.search("Zhao Lei", 5, "ext.").unwrap()[0].customer.clone().unwrap().id;
    let before = snapshot(&store, zhao);
    let customer_before = store.customer(zhao).unwrap();
    let visit = store.visits_of(zhao, 1, 0).unwrap()[0].id;
    let removed = store.delete_visit(visit).unwrap();
    assert_eq!(removed.count("visit_checklist_tick"), 2, "its ticks went with it");
    assert_eq!(store.customer(zhao).unwrap().last_contact_on, None, "the rollup follows the delete");
    store.put_back(&removed).unwrap();
    assert_eq!(snapshot(&store, zhao), before);
    assert_eq!(store.customer(zhao).unwrap().last_contact_on, customer_before.last_contact_on);
    let note = store.notes_of(None, 5).unwrap()[0].clone();
    let removed = store.delete_note(note.id).unwrap();
    store.put_back(&removed).unwrap();
    assert_eq!(store.note(note.id).unwrap(), note);
    let deal = store.deals_of(zhao).unwrap()[0].id;
    let objection =
        store.add_objection(deal, "late delivery", fieldbook::domain::ObjectionKind::Complaint, "").unwrap();
    let kept = store.objection(objection).unwrap();
    let removed = store.delete_objection(objection).unwrap();
    assert!(store.objection(objection).is_err());
    store.put_back(&removed).unwrap();
    assert_eq!(store.objection(objection).unwrap(), kept);
    assert_eq!(kept.kind.code(), "complaint");
}

#[test]
fn a_deleted_visit_put_back_is_again_the_visit_that_did_its_next_step() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fieldbook.db");
    seed(&path);
    let mut store = open_on(&path, TODAY);
    let zhao = store.search("Zhao Lei", 5, "ext.").unwrap()[0].customer.clone().unwrap().id;
    let step = store
        .add_next_step(
            zhao,
            fieldbook::domain::NewNextStep {
                text: "send the quote".into(),
                due_on: crate::tui_support::day(TODAY),
                due_time: None,
                deal_id: None,
            },
        )
        .unwrap();
    let input = fieldbook::domain::VisitInput {
        done_at: Some(crate::tui_support::day(TODAY).and_hms_opt(10, 0, 0).unwrap()),
        purpose: "bring the quote".into(),
        action_plan: "walk through it".into(),
        expected_result: "a yes".into(),
        does_step: Some(step),
        ..fieldbook::domain::VisitInput::blank()
    };
    let visit = store.add_visit(zhao, input).unwrap();
    assert_eq!(store.next_step(step).unwrap().done_by_visit_id, Some(visit));
    let removed = store.delete_visit(visit).unwrap();
    let kept = store.next_step(step).unwrap();
    assert_eq!((kept.done_by_visit_id, kept.done_at.is_some()), (None, true), "the step stays done");
    store.put_back(&removed).unwrap();
    assert_eq!(store.next_step(step).unwrap().done_by_visit_id, Some(visit), "linked again");
    assert!(store.check().unwrap().is_empty());
}
