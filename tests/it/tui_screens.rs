//! Snapshots of every screen at 80×24 and 120×40, in English and Chinese, on seeded data and
//! a fixed clock. Review changes with `cargo insta review`.

use crate::tui_support;

use fieldbook::i18n::Lang;
use fieldbook::tui::app::App;
use tui_support::{app, app_on, keys, render};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];
const LANGS: [(Lang, &str); 2] = [(Lang::En, "en"), (Lang::ZhCn, "zh")];

/// Snapshots `prepare`'s app at both sizes in both languages, named `<name>_<lang>_<w>x<h>`.
fn snap(name: &str, prepare: impl Fn(&mut App)) {
    for (lang, tag) in LANGS {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app(&dir, lang);
        prepare(&mut app);
        for (w, h) in SIZES {
            insta::assert_snapshot!(format!("{name}_{tag}_{w}x{h}"), render(&app, w, h));
        }
    }
}

#[test]
fn today() {
    snap("today", |_| {});
}

#[test]
fn pipeline() {
    snap("pipeline", |a| keys(a, "2 l"));
}

#[test]
fn pipeline_filtered() {
    snap("pipeline_filtered", |a| {
        keys(a, "2 /");
        tui_support::type_text(a, "Li");
    });
}

#[test]
fn customers() {
    snap("customers", |a| keys(a, "3 j"));
}

#[test]
fn customer() {
    snap("customer", |a| {
        keys(a, "3 f");
        tui_support::type_text(a, "王伟");
        keys(a, "enter enter");
    });
}

#[test]
fn customer_with_visit_checklist() {
    snap("customer_visit_checklist", |a| {
        keys(a, "3 f");
        tui_support::type_text(a, "Zhao");
        keys(a, "enter enter");
    });
}

#[test]
fn customer_record_focused() {
    snap("customer_record_focused", |a| {
        keys(a, "3 f");
        tui_support::type_text(a, "王伟");
        keys(a, "enter enter tab j");
    });
}

#[test]
fn fact_form_over_customer() {
    snap("fact_form_over_customer", |a| {
        keys(a, "3 f");
        tui_support::type_text(a, "王伟");
        keys(a, "enter enter tab j e");
    });
}

#[test]
fn help() {
    snap("help", |a| keys(a, "2 ?"));
}

#[test]
fn palette() {
    snap("palette", |a| keys(a, ":"));
}

#[test]
fn welcome_on_an_empty_database() {
    for (lang, tag) in LANGS {
        let dir = tempfile::tempdir().unwrap();
        let app = app_on(&dir.path().join("fieldbook.db"), lang);
        for (w, h) in SIZES {
            let screen = hide_path(&render(&app, w, h), &dir.path().display().to_string());
            insta::assert_snapshot!(format!("welcome_{tag}_{w}x{h}"), screen);
        }
    }
}

#[test]
fn too_small() {
    for (lang, tag) in LANGS {
        let dir = tempfile::tempdir().unwrap();
        let app = app(&dir, lang);
        insta::assert_snapshot!(format!("too_small_{tag}"), render(&app, 60, 20));
    }
}

/// Replaces the temporary directory in a rendered screen, keeping each line's width.
fn hide_path(screen: &str, path: &str) -> String {
    let fixed = "/tmp/fb";
    screen
        .lines()
        .map(|line| match line.find(path) {
            Some(_) if path.len() >= fixed.len() => {
                let padded = format!("{fixed}{}", " ".repeat(path.len() - fixed.len()));
                line.replacen(path, &padded, 1)
            }
            _ => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn search() {
    snap("search", |a| {
        keys(a, "/");
        tui_support::type_text(a, "budget");
    });
}

#[test]
fn visit_form_over_customers() {
    snap("visit_form", |a| keys(a, "3 l"));
}

#[test]
fn lost_question_over_pipeline() {
    snap("lost_prompt", |a| keys(a, "2 x"));
}

#[test]
fn checklist_over_pipeline() {
    snap("checklist", |a| keys(a, "2 c j space"));
}

#[test]
fn checklist_over_customer() {
    snap("checklist_customer", |a| keys(a, "2 l l enter c j j"));
}

#[test]
fn move_question_over_pipeline() {
    snap("move_question", |a| keys(a, "2 c space esc >"));
}

#[test]
fn profile_form_over_customer() {
    snap("profile_form", |a| {
        keys(a, "3 f");
        tui_support::type_text(a, "王伟");
        keys(a, "enter enter P tab right tab y tab tab y tab s");
    });
}
