//! The glossary check: every Chinese string uses the method's one word for a concept
//! (`assets/i18n/glossary.toml`), never a listed synonym, and the words the program shows for
//! steps, classes, styles... are the glossary's.

use serde::Deserialize;

use crate::domain::{
    BuyingRole, Channel, CustomerClass, DealState, FactCategory, ObjectionKind, Outcome, Portfolio, Step, Style, Word,
};

const GLOSSARY: &str = include_str!("../../assets/i18n/glossary.toml");

/// Every Chinese text file the glossary governs, by path.
const CHINESE: &[(&str, &str)] = &[
    ("assets/i18n/zh-CN/cli.toml", include_str!("../../assets/i18n/zh-CN/cli.toml")),
    ("assets/i18n/zh-CN/common.toml", include_str!("../../assets/i18n/zh-CN/common.toml")),
    ("assets/i18n/zh-CN/data.toml", include_str!("../../assets/i18n/zh-CN/data.toml")),
    ("assets/i18n/zh-CN/error.toml", include_str!("../../assets/i18n/zh-CN/error.toml")),
    ("assets/i18n/zh-CN/forms.toml", include_str!("../../assets/i18n/zh-CN/forms.toml")),
    ("assets/i18n/zh-CN/help.toml", include_str!("../../assets/i18n/zh-CN/help.toml")),
    ("assets/i18n/zh-CN/playbook.toml", include_str!("../../assets/i18n/zh-CN/playbook.toml")),
    ("assets/i18n/zh-CN/report.toml", include_str!("../../assets/i18n/zh-CN/report.toml")),
    ("assets/i18n/zh-CN/tui.toml", include_str!("../../assets/i18n/zh-CN/tui.toml")),
    ("assets/playbook/zh-CN.toml", include_str!("../../assets/playbook/zh-CN.toml")),
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Glossary {
    term: Vec<Term>,
}

/// One concept: its English and Chinese word, the synonyms Chinese text must not use for it,
/// and longer phrases that contain a synonym but mean something else.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Term {
    en: String,
    zh: String,
    /// `kind:code` of the value whose Chinese name this is.
    word: Option<String>,
    #[serde(default)]
    avoid: Vec<String>,
    #[serde(default)]
    allow: Vec<String>,
}

fn glossary() -> Glossary {
    toml::from_str(GLOSSARY).unwrap_or_else(|e| panic!("assets/i18n/glossary.toml: {e}"))
}

/// Every string value of a TOML file with its dotted key (array items as `key[i]`).
fn strings(prefix: &str, value: &toml::Value, out: &mut Vec<(String, String)>) {
    match value {
        toml::Value::String(s) => out.push((prefix.to_string(), s.clone())),
        toml::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                strings(&format!("{prefix}[{i}]"), item, out);
            }
        }
        toml::Value::Table(t) => {
            for (k, v) in t {
                let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                strings(&key, v, out);
            }
        }
        _ => {}
    }
}

/// The places where `text` uses a synonym the glossary forbids, as `synonym (use word)`.
fn misuses(glossary: &Glossary, text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for term in &glossary.term {
        for synonym in &term.avoid {
            // Blank out the phrases where the synonym is part of a right word.
            let mut rest = text.to_string();
            let fine = glossary.term.iter().map(|t| &t.zh).chain(&term.allow).filter(|w| w.contains(synonym.as_str()));
            for phrase in fine {
                rest = rest.replace(phrase.as_str(), "□");
            }
            if rest.contains(synonym.as_str()) {
                found.push(format!("{synonym} (use {})", term.zh));
            }
        }
    }
    found
}

#[test]
fn chinese_strings_use_the_glossary_words() {
    let glossary = glossary();
    let mut problems = Vec::new();
    for (path, text) in CHINESE {
        let table: toml::Value = toml::from_str(text).unwrap_or_else(|e| panic!("{path}: {e}"));
        let mut all = Vec::new();
        strings("", &table, &mut all);
        for (key, s) in all {
            for misuse in misuses(&glossary, &s) {
                problems.push(format!("{path} {key}: {misuse}: {s}"));
            }
        }
    }
    problems.dedup();
    assert!(problems.is_empty(), "Chinese strings use non-glossary synonyms:\n{}", problems.join("\n"));
}

#[test]
fn the_check_sees_synonyms_but_not_the_right_words() {
    let glossary = glossary();
    assert_eq!(misuses(&glossary, "按拜访周期该联系了"), Vec::<String>::new());
    assert_eq!(misuses(&glossary, "客户生命周期"), Vec::<String>::new());
    assert_eq!(misuses(&glossary, "没有超过拜访频率的客户"), vec!["拜访频率 (use 拜访周期)".to_string()]);
    assert_eq!(misuses(&glossary, "存入收件箱"), vec!["收件箱 (use 待归档)".to_string()]);
    assert_eq!(misuses(&glossary, "顾客类型：支配型"), Vec::<String>::new());
    assert_eq!(misuses(&glossary, "顾客说"), vec!["顾客 (use 客户)".to_string()]);
}

/// `kind:code` → Chinese name of every value the program shows by its glossary word.
fn shown_words() -> Vec<(String, &'static str)> {
    fn all<W: Word>() -> Vec<(String, &'static str)> {
        W::ALL.iter().map(|w| (format!("{}:{}", W::KIND, w.code()), w.zh())).collect()
    }
    [
        all::<Step>(),
        all::<DealState>(),
        all::<CustomerClass>(),
        all::<Style>(),
        all::<Portfolio>(),
        all::<FactCategory>(),
        all::<BuyingRole>(),
        all::<Channel>(),
        all::<Outcome>(),
        all::<ObjectionKind>(),
    ]
    .concat()
}

#[test]
fn the_words_the_program_shows_are_the_glossary_words() {
    let glossary = glossary();
    for (word, zh) in shown_words() {
        let term = glossary.term.iter().find(|t| t.word.as_deref() == Some(word.as_str()));
        let term = term.unwrap_or_else(|| panic!("assets/i18n/glossary.toml has no term with word = \"{word}\""));
        assert_eq!(term.zh, zh, "{word} ({}) is shown as {zh}", term.en);
    }
    for term in &glossary.term {
        assert!(!term.en.is_empty() && !term.zh.is_empty(), "{term:?}");
        assert!(!term.avoid.contains(&term.zh), "{} avoids itself", term.zh);
    }
}
