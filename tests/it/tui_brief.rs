//! The brief screen (`b` on a customer) at 80×24 and 120×40, in English and Chinese.

use crate::tui_support;

use fieldbook::i18n::Lang;
use tui_support::{app, keys, render};

#[test]
fn brief_from_the_customers_list_and_back() {
    for (lang, tag) in [(Lang::En, "en"), (Lang::ZhCn, "zh")] {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app(&dir, lang);
        keys(&mut app, "3 f");
        tui_support::type_text(&mut app, "王伟");
        keys(&mut app, "enter b");
        for (w, h) in [(80, 24), (120, 40)] {
            insta::assert_snapshot!(format!("brief_{tag}_{w}x{h}"), render(&app, w, h));
        }
        let top = render(&app, 80, 24);
        keys(&mut app, "j j");
        assert_ne!(render(&app, 80, 24), top, "j scrolls the brief");
        keys(&mut app, "esc");
        assert!(matches!(app.screen(), Some(fieldbook::tui::screens::Screen::Customers(_))), "Esc goes back");
    }
}

#[test]
fn the_end_of_the_brief_can_be_reached_in_a_small_terminal() {
    for lang in [Lang::En, Lang::ZhCn] {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app(&dir, lang);
        keys(&mut app, "3 f");
        tui_support::type_text(&mut app, "王伟");
        keys(&mut app, "enter b");
        let last = match lang {
            Lang::En => "THIS VISIT",
            Lang::ZhCn => "本次拜访",
        };
        // As in the app, a frame is drawn before each key: the draw finds the scroll limit.
        for _ in 0..10 {
            render(&app, 80, 24);
            keys(&mut app, "pagedown");
        }
        let screen = render(&app, 80, 24);
        assert!(screen.contains(last), "the last section shows once scrolled down: {screen}");
        keys(&mut app, "k");
        assert_ne!(render(&app, 80, 24), screen, "one k moves back at once: no scrolling past the end");
        keys(&mut app, "g");
        render(&app, 80, 24);
        keys(&mut app, "G");
        assert_eq!(render(&app, 80, 24), screen, "G jumps to the end");
    }
}
