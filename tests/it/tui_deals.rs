//! Deals in the app: the board's money per currency, a second deal on an account, won with
//! its final value, lost and reopened from the customer screen.

use crate::tui_support;

use std::collections::BTreeMap;

use fieldbook::domain::DealState;
use fieldbook::domain::money::{Currency, Rates};
use fieldbook::i18n::Lang;
use fieldbook::store::{CustomerFilter, CustomerSort};
use fieldbook::tui::app::App;
use fieldbook::tui::screens::Screen;
use fieldbook::tui::screens::pipeline::PipelineScreen;
use tui_support::{app, keys, render, type_text};

#[test]
fn the_board_keeps_each_currency_apart() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    keys(&mut app, "2");
    let screen = render(&app, 120, 40);
    let header = screen.lines().nth(1).unwrap();
    assert!(header.contains("10 open · ¥3.3m · $31k"), "{header}");
    assert!(!header.contains("≈"), "no rates, no converted total: {header}");
    let bottom = screen.lines().nth(38).unwrap();
    assert!(bottom.contains("2 · ¥1.5m · $31k"), "the close column: {bottom}");

    let rates = Rates { base: Currency::CNY, per_unit: BTreeMap::from([(Currency::USD, 7.0)]) };
    let dir = tempfile::tempdir().unwrap();
    let mut app = tui_support::app(&dir, Lang::ZhCn).with_money(rates);
    keys(&mut app, "2");
    let header = render(&app, 120, 40).lines().nth(1).unwrap().to_string();
    assert!(header.contains("¥333万 · $3.1万（按设置的汇率折合约 ¥355万）"), "{header}");
}

fn board(app: &App) -> &PipelineScreen {
    match app.screen() {
        Some(Screen::Pipeline(p)) => p,
        _ => panic!("not on the pipeline"),
    }
}

fn customer_named(app: &App, name: &str) -> i64 {
    let filter = CustomerFilter { text: Some(name.into()), ..Default::default() };
    app.store().list_customers(&filter, CustomerSort::Name, 1, 0).unwrap()[0].id
}

#[test]
fn a_second_deal_in_dollars_from_the_board_is_a_second_card() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    keys(&mut app, "2");
    assert_eq!(board(&app).selected_card().map(|c| c.name.as_str()), Some("刘洋"));
    keys(&mut app, "a");
    let form = render(&app, 120, 40);
    assert!(form.contains("New deal — 刘洋"), "{form}");
    type_text(&mut app, "Service contract");
    keys(&mut app, "tab");
    type_text(&mut app, "$50k");
    assert!(render(&app, 120, 40).contains("→ $50,000"), "the value is read as it is typed");
    keys(&mut app, "tab tab tab");
    type_text(&mut app, "2031-06-30");
    keys(&mut app, "ctrl-s");
    assert!(app.modal().is_none(), "saved: {:?}", app.toast());
    let liu = customer_named(&app, "刘洋");
    let deals = app.store().deals_of(liu).unwrap();
    assert_eq!(deals.len(), 2);
    let new = &deals[0];
    assert_eq!(
        (new.title.as_str(), new.value_minor, new.currency),
        ("Service contract", Some(5_000_000), Currency::USD)
    );
    assert_eq!(new.expected_close_on.map(|d| d.to_string()).as_deref(), Some("2031-06-30"));
    assert_eq!(board(&app).totals()[0].count, 2, "an account with two open deals has two cards");
    let screen = render(&app, 120, 40);
    assert!(screen.contains("Service contract") && screen.contains("11 open · ¥3.3m · $81k"), "{screen}");
}

#[test]
fn the_deal_form_refuses_a_bad_amount_and_keeps_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::ZhCn);
    keys(&mut app, "2 a");
    keys(&mut app, "ctrl-s");
    assert!(render(&app, 120, 40).contains("商机名称"), "the title is required");
    type_text(&mut app, "备件");
    keys(&mut app, "tab");
    type_text(&mut app, "1.5亿亿");
    assert!(render(&app, 120, 40).contains("还不是金额"), "the note says so while typing");
    keys(&mut app, "ctrl-s");
    assert!(app.modal().is_some(), "not saved");
    assert!(render(&app, 120, 40).contains("无法识别金额“1.5亿亿”"), "saving says why");
    let liu = customer_named(&app, "刘洋");
    assert_eq!(app.store().deals_of(liu).unwrap().len(), 1);
}

#[test]
fn won_asks_first_and_takes_the_final_value() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    keys(&mut app, "2 w");
    let question = render(&app, 120, 40);
    assert!(question.contains("Won? — 刘洋 · 北方重工 order") && question.contains("¥50,000"), "{question}");
    keys(&mut app, "esc");
    let liu = customer_named(&app, "刘洋");
    assert_eq!(app.store().open_deals_of(liu).unwrap().len(), 1, "Esc wins nothing");
    keys(&mut app, "w");
    for _ in 0.."¥50,000".chars().count() {
        keys(&mut app, "backspace");
    }
    type_text(&mut app, "48k");
    keys(&mut app, "enter");
    let deal = &app.store().deals_of(liu).unwrap()[0];
    assert_eq!((deal.state, deal.value_minor), (DealState::Won, Some(4_800_000)));
    assert!(app.toast().unwrap().text.contains("deal won (¥48k)"), "{:?}", app.toast());
}

#[test]
fn a_lost_deal_shows_its_reason_on_the_customer_screen_and_reopens_there() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::ZhCn);
    // A second deal first, so the lost one is not the one in view later.
    keys(&mut app, "2 a");
    type_text(&mut app, "二期");
    keys(&mut app, "ctrl-s");
    let liu = customer_named(&app, "刘洋");
    let id = app.store().deals_of(liu).unwrap()[0].id;
    assert_eq!(board(&app).selected_card().map(|c| c.deal_id), Some(id), "the new card is on top");
    keys(&mut app, "j x");
    type_text(&mut app, "选了竞争对手");
    keys(&mut app, "enter");
    let lost = app.store().deals_of(liu).unwrap()[1].clone();
    assert_eq!(lost.state, DealState::Lost);
    keys(&mut app, "3 f");
    type_text(&mut app, "刘洋");
    keys(&mut app, "enter enter");
    let screen = render(&app, 120, 40);
    assert!(screen.contains("丢单 · ¥5万 · 原因：选了竞争对手"), "past deals with their lost reason: {screen}");
    assert!(screen.contains(&format!("▸ #{id} 二期")), "the open deal is in view: {screen}");
    keys(&mut app, "R");
    assert!(app.toast().unwrap().text.contains("仍在进行中"), "{:?}", app.toast());
    keys(&mut app, "]");
    assert!(render(&app, 120, 40).contains(&format!("▸ #{} 北方重工 order", lost.id)));
    keys(&mut app, "R");
    let question = render(&app, 120, 40);
    assert!(question.contains("重新打开这个商机") && question.contains("丢单原因：选了竞争对手"), "{question}");
    keys(&mut app, "y");
    let deal = app.store().deal(lost.id).unwrap();
    assert_eq!((deal.state, deal.lost_reason.as_str()), (DealState::Open, ""));
    let history = app.store().stage_history(lost.id).unwrap();
    let states: Vec<DealState> = history.iter().map(|e| e.to_state).collect();
    assert_eq!(states, [DealState::Open, DealState::Lost, DealState::Open], "never rewritten");
    assert_eq!(history[1].reason, "选了竞争对手");
}

#[test]
fn a_visit_of_an_account_with_two_open_deals_says_which_deal_it_is_for() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    keys(&mut app, "2 a");
    type_text(&mut app, "Service contract");
    keys(&mut app, "ctrl-s");
    let liu = customer_named(&app, "刘洋");
    let (new, old) = {
        let deals = app.store().deals_of(liu).unwrap();
        (deals[0].id, deals[1].id)
    };
    keys(&mut app, "enter l");
    type_text(&mut app, "talk about the service terms");
    keys(&mut app, "tab");
    type_text(&mut app, "bring the contract draft");
    keys(&mut app, "tab");
    type_text(&mut app, "a date to sign");
    keys(&mut app, "backtab backtab backtab");
    let form = render(&app, 120, 40);
    assert!(form.contains(&format!("#{new} Service contract · Preparation")), "the newest open deal first: {form}");
    keys(&mut app, "left");
    assert!(render(&app, 120, 40).contains(&format!("#{old} 北方重工 order · Preparation")));
    keys(&mut app, "ctrl-s");
    assert!(app.modal().is_none(), "saved: {:?}", app.toast());
    let visit = &app.store().visits_of(liu, 5, 0).unwrap()[0];
    assert_eq!(visit.deal_id, Some(old), "the visit belongs to the deal chosen");
}

#[test]
fn a_visit_logged_from_a_card_is_for_that_card_s_deal_and_its_draft_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    keys(&mut app, "2");
    let first = board(&app).selected_card().map(|c| (c.customer_id, c.deal_id)).unwrap();
    keys(&mut app, "a");
    type_text(&mut app, "Service contract");
    keys(&mut app, "ctrl-s");
    assert!(app.modal().is_none(), "saved: {:?}", app.toast());
    let deals = app.store().deals_of(first.0).unwrap();
    assert_eq!(deals.len(), 2);
    let newest = deals.iter().map(|d| d.id).max().unwrap();
    assert_ne!(newest, first.1);
    // Back to the account's first card, whatever the new card's place in the column.
    for _ in 0..20 {
        if board(&app).selected_card().map(|c| c.deal_id) == Some(first.1) {
            break;
        }
        keys(&mut app, "j");
    }
    assert_eq!(board(&app).selected_card().map(|c| c.deal_id), Some(first.1));
    keys(&mut app, "v");
    let form = app
        .modal()
        .and_then(|m| m.visit_form())
        .unwrap_or_else(|| panic!("no visit form: {:?}\n{}", app.toast(), render(&app, 100, 30)));
    assert_eq!(form.deal_id(), Some(first.1), "the card's deal, not the newest ({newest})");
    // A crash now: the draft reopens for the same deal.
    type_text(&mut app, "Check the budget");
    keys(&mut app, "tab");
    type_text(&mut app, "Bring the price list");
    keys(&mut app, "tab");
    type_text(&mut app, "A budget range");
    let draft = app.modal().and_then(|m| m.visit_form()).unwrap().draft();
    assert_eq!(draft.text.deal, Some(first.1));
    drop(app);
    let mut again = tui_support::app_on(&dir.path().join("fieldbook.db"), Lang::En);
    let reopened = again.modal().and_then(|m| m.visit_form()).expect("the draft is offered back");
    assert_eq!(reopened.deal_id(), Some(first.1));
    assert_eq!(reopened.text().purpose, "Check the budget");
    keys(&mut again, "ctrl-s");
    assert!(again.modal().is_none(), "saved: {:?}", again.toast());
    let visit = again.store().visits_of(first.0, 1, 0).unwrap().remove(0);
    assert_eq!((visit.purpose.as_str(), visit.deal_id), ("Check the budget", Some(first.1)));
}

#[test]
fn a_visit_logged_on_a_customer_is_for_the_deal_in_view() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    keys(&mut app, "2 a");
    type_text(&mut app, "Service contract");
    keys(&mut app, "ctrl-s enter");
    let Some(Screen::Customer(customer)) = app.screen() else { panic!("not on the customer") };
    let shown = customer.open_deal_in_view().unwrap();
    keys(&mut app, "l");
    assert_eq!(app.modal().and_then(|m| m.visit_form()).and_then(|f| f.deal_id()), Some(shown));
    keys(&mut app, "esc");
    assert!(app.modal().is_none(), "nothing typed: Esc closes without asking");
    keys(&mut app, "]");
    let Some(Screen::Customer(customer)) = app.screen() else { panic!("not on the customer") };
    let other = customer.open_deal_in_view().unwrap();
    assert_ne!(other, shown, "] puts the other open deal in view");
    keys(&mut app, "p");
    assert_eq!(app.modal().and_then(|m| m.visit_form()).and_then(|f| f.deal_id()), Some(other));
}
