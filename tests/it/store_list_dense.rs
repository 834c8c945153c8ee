//! `list_customers` with a step filter gives the same rows whether the step is sparse (its
//! customers sorted) or dense (customers walked by name): both paths on one temp database.

use chrono::NaiveDate;
use fieldbook::clock::Clock;
use fieldbook::domain::{CustomerClass, DealState, Man, Step, Style, Tri};
use fieldbook::store::bulk::{BulkCustomer, BulkDeal, BulkMove};
use fieldbook::store::name_key::sort_key;
use fieldbook::store::{CustomerFilter, CustomerSort, Store};

fn customer(name: String) -> BulkCustomer {
    BulkCustomer {
        name,
        nickname: String::new(),
        company: String::new(),
        title: String::new(),
        phone: String::new(),
        email: String::new(),
        address: String::new(),
        source: String::new(),
        referred_by: String::new(),
        class: CustomerClass::Potential,
        style: Style::Unknown,
        man: Man { money: Tri::Unknown, authority: Tri::Unknown, need: Tri::Unknown },
        portfolio: None,
        cadence_days: None,
        created_at: "2031-01-01T09:00:00Z".into(),
    }
}

fn deal(stage: Step, state: DealState) -> BulkDeal {
    BulkDeal {
        title: String::new(),
        value_minor: None,
        currency: "CNY".into(),
        stage,
        state,
        lost_reason: String::new(),
        expected_close_on: None,
        history: vec![BulkMove {
            from: None,
            to: (stage, state),
            at: "2031-01-01T09:00:00Z".into(),
            reason: String::new(),
        }],
    }
}

#[test]
fn dense_and_sparse_steps_list_the_same_way() {
    let dir = tempfile::tempdir().unwrap();
    let mut store =
        Store::open(&dir.path().join("list.db"), Clock::Fixed(NaiveDate::from_ymd_opt(2031, 5, 6).unwrap())).unwrap();
    let mut rng = fastrand::Rng::with_seed(3);
    store
        .bulk_load(|w| {
            for i in 0..2600 {
                // Survey is dense (about 2100 open deals), close is sparse; some survey deals are
                // won (not open) and must not be listed.
                let name = format!("{}{i}", ["王", "Li ", "张", "Anna "][rng.usize(..4)]);
                let id = w.customer(&customer(name))?;
                let (stage, state) = match i % 26 {
                    0 => (Step::Close, DealState::Open),
                    1..=2 => (Step::Survey, DealState::Won),
                    _ => (Step::Survey, DealState::Open),
                };
                w.deal(id, &deal(stage, state))?;
            }
            Ok(())
        })
        .unwrap();
    for stage in [Step::Survey, Step::Close] {
        let filter = CustomerFilter { stage: Some(stage), ..Default::default() };
        let all = store.list_customers(&filter, CustomerSort::Name, 10_000, 0).unwrap();
        let expected = if stage == Step::Survey { 2600 - 100 - 200 } else { 100 };
        assert_eq!(all.len(), expected, "{stage:?}");
        assert!(all.iter().all(|r| r.stage == Some(stage)));
        let mut sorted = all.clone();
        sorted.sort_by_cached_key(|r| (sort_key(&r.name, &r.company), r.id));
        assert_eq!(all, sorted, "ordered by name, in pinyin");
        let page2 = store.list_customers(&filter, CustomerSort::Name, 50, 50).unwrap();
        assert_eq!(page2, all[50..100.min(all.len())].to_vec());
    }
}
