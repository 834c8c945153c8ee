//! Deals in the app: the board's money per currency.

use crate::tui_support;

use std::collections::BTreeMap;

use fieldbook::domain::money::{Currency, Rates};
use fieldbook::i18n::Lang;
use tui_support::{app, keys, render};

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
