//! What a search asks the index. For a person or account, first its name keys
//! ([`SearchQuery::names`]: words of letters as the pinyin or the words of a name, `wangwei`,
//! `ww`, `wang wei`); then, for every kind, the record's own words as typed
//! ([`SearchQuery::exact`]); then, for a person or account, all its keys
//! ([`SearchQuery::keyed`], see [`super::search_keys`]): digits typed with or without
//! separators or a country code (`138-0000-1111`, `+1 415`, `1111`) as part of a phone number,
//! letters as the pinyin of a company or the letters of an e-mail.

use super::pinyin::{is_surname, name_readings};
use super::search_keys::{
    KEY_MARK, KEY_START_MARK, MIN_PHONE_DIGITS, NAME_MARK, NAME_START_MARK, PHONE_GRAM_MARK, is_indexed_start,
    phone_phrase,
};
use super::search_text::{find_term, is_cjk, match_expression, query_terms};

/// A parsed search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    /// FTS5 expression for name keys; `None` unless every part is a word of letters or digits.
    pub names: Option<String>,
    /// FTS5 expression for the record's words; `None` when nothing is searchable.
    pub exact: Option<String>,
    /// FTS5 expression that also lets keys match; `None` when no part of the query can.
    pub keyed: Option<String>,
    /// [`Self::keyed`] with each phone number's digits only as typed (`00048227`, not also
    /// `48227` and `8227` as if `00` were an international prefix): asked first, and when it
    /// finds a person or account the looser keys are not asked. `None` when it is the same.
    pub digits_as_typed: Option<String>,
    /// The terms a hit found by its words contains (see [`query_terms`]).
    pub terms: Vec<String>,
    parts: Vec<Part>,
}

/// How reps address a person after the surname (单总, 李工, 王姐, 张经理), longest first.
const HONORIFICS: [&str; 26] = [
    "总经理",
    "总监",
    "总工",
    "经理",
    "主任",
    "主管",
    "老师",
    "老板",
    "师傅",
    "科长",
    "处长",
    "厂长",
    "部长",
    "院长",
    "局长",
    "所长",
    "教授",
    "医生",
    "律师",
    "会计",
    "总",
    "工",
    "姐",
    "哥",
    "董",
    "老",
];

/// One part of a query, all of which a hit must match.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    /// Letters and digits only: a word of the record, or the start of a key.
    Word(String),
    /// Anything else (Chinese, `o'brien`): a word of the record.
    Text(String),
    /// Digits that may be part of a phone number, with what a key may start with (the digits,
    /// and without a country code or trunk zero), or else the terms as typed.
    Phone { keys: Vec<String>, terms: Vec<String> },
}

impl SearchQuery {
    /// Reads what the user typed.
    pub fn parse(query: &str) -> Self {
        let tokens: Vec<&str> = query.split_whitespace().collect();
        let mut parts = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let span = tokens[i..].iter().take_while(|t| is_phone_like(t)).count();
            let digits: String =
                tokens[i..i + span].iter().flat_map(|t| t.chars()).filter(char::is_ascii_digit).collect();
            if digits.len() >= MIN_PHONE_DIGITS {
                let typed = tokens[i..i + span].join(" ");
                parts.push(Part::Phone { keys: phone_starts(&typed, &digits), terms: query_terms(&typed) });
                i += span;
                continue;
            }
            for term in query_terms(tokens[i]) {
                if term.chars().all(|c| c.is_ascii_alphanumeric()) {
                    parts.push(Part::Word(term));
                } else {
                    parts.push(Part::Text(term));
                }
            }
            i += 1;
        }
        let keyed = parts.iter().any(|p| !matches!(p, Part::Text(_))).then(|| keyed_expression(&parts)).flatten();
        let digits_as_typed = parts
            .iter()
            .any(|p| matches!(p, Part::Phone { keys, .. } if keys.len() > 1))
            .then(|| keyed_expression(&as_typed(&parts)))
            .flatten();
        let words: Option<Vec<&String>> =
            parts.iter().map(|p| if let Part::Word(t) = p { Some(t) } else { None }).collect();
        let names =
            words.filter(|w| !w.is_empty()).map(|w| w.iter().map(|t| name_start(t)).collect::<Vec<_>>().join(" AND "));
        let exact: Vec<String> = parts
            .iter()
            .filter_map(|part| match part {
                Part::Word(t) | Part::Text(t) => match_expression(t),
                Part::Phone { terms, .. } => phrase(terms),
            })
            .collect();
        let exact = (!exact.is_empty()).then(|| exact.join(" AND "));
        SearchQuery { names, exact, keyed, digits_as_typed, terms: query_terms(query), parts }
    }

    /// A query of one Chinese word that is a surname and how a rep addresses its bearer (单总,
    /// 李工, 王姐, 张经理, 尉迟总): the surname and the way of addressing. A rep searches for a
    /// person as they call them, and the record has the name (单明辉) and perhaps a nickname.
    pub fn addressed(&self) -> Option<(String, String)> {
        let [Part::Text(word)] = self.parts.as_slice() else { return None };
        let chars: Vec<char> = word.chars().collect();
        if chars.len() < 2 || !chars.iter().all(|c| is_cjk(*c)) {
            return None;
        }
        // A compound surname the list knows (尉迟), else one character, then 欧阳-like pairs.
        let listed = name_readings(&chars).1;
        [listed, 1, 2].into_iter().filter(|n| *n < chars.len()).find_map(|n| {
            let surname: String = chars[..n].iter().collect();
            let honorific: String = chars[n..].iter().collect();
            (is_surname(&surname) && HONORIFICS.contains(&honorific.as_str())).then_some((surname, honorific))
        })
    }

    /// True when every part is a word that starts one of `names` (name keys, space-separated).
    pub fn matches_names(&self, names: &str) -> bool {
        self.parts.iter().all(|part| matches!(part, Part::Word(t) if find_term(names, t).is_some()))
    }

    /// True when `lowered` (a record's text, lower-cased) or `keys` (its keys, space-separated)
    /// matches every part.
    pub fn matches_keyed(&self, lowered: &str, keys: &str) -> bool {
        self.parts.iter().all(|part| match part {
            Part::Word(t) => find_term(lowered, t).is_some() || find_term(keys, t).is_some(),
            Part::Text(t) => find_term(lowered, t).is_some(),
            Part::Phone { keys: starts, terms } => {
                starts.iter().any(|s| find_term(keys, s).is_some())
                    || terms.iter().all(|t| find_term(lowered, t).is_some())
            }
        })
    }
}

/// An FTS5 expression that matches keys only, for the customers and board filters: each word
/// of `text` as the start of a key (pinyin, an e-mail's letters and digits), digits as part of
/// a phone number. `None` when `text` has Chinese (the filters read names as written) or fewer
/// than two letters and digits.
pub fn keys_only(text: &str) -> Option<String> {
    if text.chars().any(is_cjk) || text.chars().filter(char::is_ascii_alphanumeric).count() < 2 {
        return None;
    }
    let mut all = Vec::new();
    for part in SearchQuery::parse(text).parts {
        match part {
            Part::Word(t) => all.push(format!("({} OR {})", name_start(&t), key_start(&t))),
            Part::Text(t) => {
                let alnum: String = t.chars().filter(char::is_ascii_alphanumeric).collect();
                if alnum.is_empty() {
                    return None;
                }
                all.push(key_start(&alnum));
            }
            Part::Phone { keys, .. } => {
                let any: Vec<String> = keys.iter().map(|k| phone_key(k)).collect();
                all.push(format!("({})", any.join(" OR ")));
            }
        }
    }
    (!all.is_empty()).then(|| all.join(" AND "))
}

/// An FTS5 term for the name keys that start with `start`: the start's own token when it is
/// short ([`is_indexed_start`]), read at once, else a prefix query of the keys.
fn name_start(start: &str) -> String {
    if is_indexed_start(start) { format!("\"{NAME_START_MARK}{start}\"") } else { format!("\"{NAME_MARK}{start}\"*") }
}

/// As [`name_start`], for the other keys; digits also as a run of a phone number's digits
/// that at least [`MIN_PHONE_DIGITS`] digits start (`12` is in 3124…, not in …3312).
fn key_start(start: &str) -> String {
    let key = if is_indexed_start(start) {
        format!("\"{KEY_START_MARK}{start}\"")
    } else {
        format!("\"{KEY_MARK}{start}\"*")
    };
    if start.is_empty() || !start.chars().all(|c| c.is_ascii_digit()) {
        return key;
    }
    let run =
        if start.len() < MIN_PHONE_DIGITS { format!("\"{PHONE_GRAM_MARK}{start}\"*") } else { phone_phrase(start) };
    format!("({key} OR {run})")
}

/// An FTS5 expression for the keys holding the digits `k` of a phone number typed (at least
/// [`MIN_PHONE_DIGITS`]): a phone number's runs of its digits ([`phone_phrase`]), or another key
/// starting with them (an e-mail address of digits).
fn phone_key(k: &str) -> String {
    format!("\"{KEY_MARK}{k}\"* OR {}", phone_phrase(k))
}

/// The words of digits typed as one number (`+1 415`, `138-0000-1111`) as an FTS5 phrase,
/// the last word a prefix: `"1 415"*`. Each word alone would be a prefix too, and `1`* stands
/// for every number in the index starting with 1.
fn phrase(terms: &[String]) -> Option<String> {
    let words: Vec<&str> =
        terms.iter().flat_map(|t| t.split(|c: char| !c.is_ascii_alphanumeric())).filter(|w| !w.is_empty()).collect();
    (!words.is_empty()).then(|| format!("\"{}\"*", words.join(" ")))
}

/// Digits and what is typed around them in a phone number: `+1`, `(415)`, `138-0000-1111`.
fn is_phone_like(token: &str) -> bool {
    token.chars().any(|c| c.is_ascii_digit()) && token.chars().all(|c| c.is_ascii_digit() || "+-().".contains(c))
}

/// What a key of the number may start with: the digits as typed; after `+` or `00`, also
/// without a country code of one to three digits; after a single `0`, without the trunk zero.
/// `parts` with each phone number's keys cut to its digits as typed (the first of
/// [`phone_starts`]).
fn as_typed(parts: &[Part]) -> Vec<Part> {
    parts
        .iter()
        .map(|part| match part {
            Part::Phone { keys, terms } => {
                Part::Phone { keys: keys.iter().take(1).cloned().collect(), terms: terms.clone() }
            }
            other => other.clone(),
        })
        .collect()
}

fn phone_starts(typed: &str, digits: &str) -> Vec<String> {
    let mut starts = vec![digits.to_string()];
    let typed = typed.trim_start_matches('(');
    let cut: Vec<usize> = if typed.starts_with('+') {
        vec![1, 2, 3]
    } else if typed.starts_with("00") {
        vec![2, 3, 4, 5]
    } else if typed.starts_with('0') {
        vec![1]
    } else {
        Vec::new()
    };
    for n in cut {
        if let Some(rest) = digits.get(n..).filter(|r| r.len() >= MIN_PHONE_DIGITS) {
            starts.push(rest.to_string());
        }
    }
    starts
}

/// Every part as an FTS5 expression that matches a key — or, with other parts, also a word of
/// the record, since one part may be in the words and another in the keys (alone, a part
/// found by its words was found by [`SearchQuery::exact`] already, and asking again for a short
/// prefix such as `1` or `zh` costs as much).
fn keyed_expression(parts: &[Part]) -> Option<String> {
    let alone = parts.len() == 1;
    let mut all = Vec::new();
    for part in parts {
        match part {
            Part::Word(t) if alone => all.push(format!("({} OR {})", name_start(t), key_start(t))),
            Part::Word(t) => all.push(format!("(\"{t}\"* OR {} OR {})", name_start(t), key_start(t))),
            Part::Text(t) => all.extend(match_expression(t)),
            Part::Phone { keys, terms } => {
                let mut any: Vec<String> = keys.iter().map(|k| phone_key(k)).collect();
                if !alone {
                    any.extend(phrase(terms));
                }
                all.push(format!("({})", any.join(" OR ")));
            }
        }
    }
    (!all.is_empty()).then(|| all.join(" AND "))
}

#[cfg(test)]
mod tests {
    use super::*;

    const M: char = KEY_MARK;
    const N: char = NAME_MARK;
    const MS: char = KEY_START_MARK;
    const NS: char = NAME_START_MARK;
    const G: char = PHONE_GRAM_MARK;

    #[test]
    fn words_of_letters_may_be_names_or_keys() {
        let q = SearchQuery::parse("wang wei");
        assert_eq!(q.names, Some(format!("\"{N}wang\"* AND \"{NS}wei\"")), "a short start is a token");
        assert_eq!(q.exact.as_deref(), Some("\"wang\"* AND \"wei\"*"));
        let either =
            format!("(\"wang\"* OR \"{N}wang\"* OR \"{M}wang\"*) AND (\"wei\"* OR \"{NS}wei\" OR \"{MS}wei\")");
        assert_eq!(q.keyed, Some(either));
        assert_eq!(SearchQuery::parse("ww").keyed, Some(format!("(\"{NS}ww\" OR \"{MS}ww\")")), "alone: keys only");
        assert!(q.matches_names("wangwei ww wang wei"));
        assert!(!q.matches_names("wangwei ww"));
        assert!(q.matches_keyed("王伟 · 华东机械", "wangwei ww wang wei"));
        assert!(!q.matches_keyed("王伟", "wangwei ww"));
        assert_eq!(SearchQuery::parse("1111").names, None, "digits are a phone's");
        assert_eq!(SearchQuery::parse("+1 415").exact.as_deref(), Some("\"1 415\"*"), "a number is a phrase");
        assert_eq!(SearchQuery::parse("o'brien").names, None);
    }

    #[test]
    fn chinese_alone_asks_no_keys() {
        let q = SearchQuery::parse("王伟");
        assert_eq!((q.names, q.keyed), (None, None));
        let q = SearchQuery::parse("王伟 ww");
        assert_eq!(q.names, None);
        assert_eq!(q.keyed, Some(format!("\"王伟\" AND (\"ww\"* OR \"{NS}ww\" OR \"{MS}ww\")")));
        assert!(q.matches_keyed("王伟", "ww"));
        assert!(!q.matches_keyed("李娜", "ww"));
    }

    #[test]
    fn digits_as_typed_or_without_a_country_code() {
        let q = SearchQuery::parse("138-0000-1111");
        let runs = format!("\"{G}1380 {G}3800 {G}8000 {G}0000 {G}0001 {G}0011 {G}0111 {G}1111\"");
        assert_eq!(q.keyed, Some(format!("(\"{M}13800001111\"* OR {runs})")));
        let q = SearchQuery::parse("王伟 138-0000-1111");
        let keyed = q.keyed.clone().unwrap_or_default();
        assert!(keyed.ends_with(&format!("(\"{M}13800001111\"* OR {runs} OR \"138 0000 1111\"*)")), "{keyed}");
        assert!(q.matches_keyed("王伟 · 13800001111", "13800001111 3800001111"));
        let q = SearchQuery::parse("+86 138 0000 1111");
        assert!(q.matches_keyed("王伟", "13800001111 3800001111"), "the country code may be left out");
        let q = SearchQuery::parse("+1 415");
        assert!(q.matches_keyed("anna", "14155550100 4155550100"));
        let q = SearchQuery::parse("1111");
        assert!(q.matches_keyed("王伟", "13800001111 1111"));
        assert!(!q.matches_keyed("王伟", "13800002222 2222"));
        let q = SearchQuery::parse("0000");
        assert!(q.matches_keyed("王伟", "13800001111 00001111 0001111 001111 01111 1111"), "a run in the middle");
        assert_eq!(q.digits_as_typed, None, "no other reading");
        let q = SearchQuery::parse("00048227");
        let runs = format!("\"{G}0004 {G}0048 {G}0482 {G}4822 {G}8227\"");
        assert_eq!(q.digits_as_typed, Some(format!("(\"{M}00048227\"* OR {runs})")));
    }

    #[test]
    fn filters_ask_keys_only() {
        assert_eq!(
            keys_only("wang wei"),
            Some(format!("(\"{N}wang\"* OR \"{M}wang\"*) AND (\"{NS}wei\" OR \"{MS}wei\")"))
        );
        assert_eq!(keys_only("wang.wei3@"), Some(format!("\"{M}wangwei3\"*")));
        let runs = format!("\"{G}1380 {G}3800 {G}8000 {G}0000\"");
        assert_eq!(keys_only("138-0000"), Some(format!("(\"{M}1380000\"* OR {runs})")));
        assert_eq!(
            keys_only("12"),
            Some(format!("(\"{N}12\"* OR (\"{M}12\"* OR \"{G}12\"*))")),
            "two digits: a run of a number they start"
        );
        assert_eq!(keys_only("王伟"), None);
        assert_eq!(keys_only("w"), None);
        assert_eq!(keys_only("-"), None);
    }

    #[test]
    fn a_surname_and_how_a_rep_addresses_them() {
        let of = |q: &str| SearchQuery::parse(q).addressed();
        let pair = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        assert_eq!(of("单总"), pair("单", "总"));
        assert_eq!(of("李工"), pair("李", "工"));
        assert_eq!(of("王姐"), pair("王", "姐"));
        assert_eq!(of("张经理"), pair("张", "经理"));
        assert_eq!(of("尉迟总"), pair("尉迟", "总"));
        assert_eq!(of("欧阳经理"), pair("欧阳", "经理"));
        for not in ["老总", "小张", "王伟", "总", "单总 预算", "shan总", "经理", "总经理", "采购经理", "购经理"]
        {
            assert_eq!(of(not), None, "{not}");
        }
    }

    #[test]
    fn short_numbers_are_words() {
        let q = SearchQuery::parse("room 12");
        assert_eq!(q.parts, [Part::Word("room".into()), Part::Word("12".into())]);
    }
}
