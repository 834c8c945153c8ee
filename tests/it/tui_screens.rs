//! Snapshots of every screen in English and Chinese, on seeded data and a fixed clock: the main
//! screens at 80×24 and 120×40, variants of a screen and what opens over it at 80×24 only (the
//! tight case; the forms alone are in `tui_forms` at both sizes). TodayList changes with
//! `cargo insta review`.

use crate::tui_support;

use fieldbook::i18n::Lang;
use fieldbook::tui::app::App;
use tui_support::{app, app_on, keys, render};

/// The main screens' sizes.
const SIZES: &[(u16, u16)] = &[(80, 24), (120, 40)];
/// The smallest supported size, for variants and overlays.
const SMALL: &[(u16, u16)] = &[(80, 24)];
const LANGS: [(Lang, &str); 2] = [(Lang::En, "en"), (Lang::ZhCn, "zh")];

/// Snapshots `prepare`'s app at `sizes` in both languages, named `<name>_<lang>_<w>x<h>`.
fn snap(name: &str, sizes: &[(u16, u16)], prepare: impl Fn(&mut App)) {
    for (lang, tag) in LANGS {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app(&dir, lang);
        prepare(&mut app);
        for &(w, h) in sizes {
            insta::assert_snapshot!(format!("{name}_{tag}_{w}x{h}"), render(&app, w, h));
        }
    }
}

#[test]
fn today() {
    snap("today", SIZES, |_| {});
}

#[test]
fn pipeline() {
    snap("pipeline", SIZES, |a| keys(a, "2 l"));
}

#[test]
fn pipeline_filtered() {
    snap("pipeline_filtered", SMALL, |a| {
        keys(a, "2 /");
        tui_support::type_text(a, "Li");
    });
}

#[test]
fn customers() {
    snap("customers", SIZES, |a| keys(a, "3 j"));
}

#[test]
fn customer() {
    snap("customer", SIZES, |a| {
        keys(a, "3 f");
        tui_support::type_text(a, "王伟");
        keys(a, "enter enter");
    });
}

#[test]
fn customer_with_visit_checklist() {
    snap("customer_visit_checklist", SMALL, |a| {
        keys(a, "3 f");
        tui_support::type_text(a, "Zhao");
        keys(a, "enter enter");
    });
}

#[test]
fn customer_record_focused() {
    snap("customer_record_focused", SMALL, |a| {
        keys(a, "3 f");
        tui_support::type_text(a, "王伟");
        keys(a, "enter enter tab j");
    });
}

#[test]
fn fact_form_over_customer() {
    snap("fact_form_over_customer", SMALL, |a| {
        keys(a, "3 f");
        tui_support::type_text(a, "王伟");
        keys(a, "enter enter tab j j j j j e");
    });
}

#[test]
fn help() {
    snap("help", SMALL, |a| keys(a, "2 ?"));
}

#[test]
fn palette() {
    snap("palette", SMALL, |a| keys(a, ":"));
}

#[test]
fn welcome_on_an_empty_database() {
    for (lang, tag) in LANGS {
        let dir = tempfile::tempdir().unwrap();
        let app = app_on(&dir.path().join("fieldbook.db"), lang);
        for &(w, h) in SIZES {
            let screen = without_temp_dir(&render(&app, w, h), dir.path());
            insta::assert_snapshot!(format!("welcome_{tag}_{w}x{h}"), screen);
        }
    }
}

/// The screen with the temporary database path (and the padding after it, whose width depends
/// on the path's length) replaced by a stable name.
fn without_temp_dir(screen: &str, dir: &std::path::Path) -> String {
    let path = format!("{}/fieldbook.db", dir.display());
    let mut out = String::new();
    for line in screen.lines() {
        match line.split_once(path.as_str()) {
            Some((before, after)) => {
                out.push_str(before);
                out.push_str("[temp dir]/fieldbook.db ");
                out.push_str(after.trim_start_matches(' '));
            }
            None => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

#[test]
fn too_small() {
    for (lang, tag) in LANGS {
        let dir = tempfile::tempdir().unwrap();
        let app = app(&dir, lang);
        insta::assert_snapshot!(format!("too_small_{tag}"), render(&app, 60, 20));
    }
}

#[test]
fn search() {
    snap("search", SMALL, |a| {
        keys(a, "/");
        tui_support::type_text(a, "budget");
    });
}

#[test]
fn visit_form_over_customers() {
    snap("visit_form", SMALL, |a| keys(a, "3 l"));
}

#[test]
fn lost_question_over_pipeline() {
    snap("lost_prompt", SMALL, |a| keys(a, "2 x"));
}

#[test]
fn checklist_over_pipeline() {
    snap("checklist", SMALL, |a| keys(a, "2 c j space"));
}

#[test]
fn checklist_over_customer() {
    snap("checklist_customer", SMALL, |a| keys(a, "2 l l enter c j j"));
}

#[test]
fn move_question_over_pipeline() {
    snap("move_question", SMALL, |a| keys(a, "2 c space esc >"));
}

#[test]
fn profile_form_over_customer() {
    snap("profile_form", SMALL, |a| {
        keys(a, "3 f");
        tui_support::type_text(a, "王伟");
        keys(a, "enter enter P tab right tab y tab tab y tab s");
    });
}

#[test]
fn report() {
    snap("report", SIZES, |a| keys(a, "4"));
}

#[test]
fn report_pages() {
    snap("report_results", SMALL, |a| keys(a, "4 l"));
    snap("report_activity", SMALL, |a| keys(a, "4 l l"));
    snap("report_customers", SMALL, |a| keys(a, "4 l l l"));
}
