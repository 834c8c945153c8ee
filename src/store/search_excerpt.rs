//! A search hit's excerpt: a one-line piece of the row's text around the first term, its
//! phone in the readable groups every other view shows (`138 1234 5678`, through
//! [`crate::domain::phone::readable`]).

use super::search_text::find_term;
use crate::domain::phone;

/// Characters of context kept before the first matching term in an excerpt.
const EXCERPT_BEFORE: usize = 20;
/// Characters kept from the first matching term on.
const EXCERPT_AFTER: usize = 60;
/// How far back an excerpt's start looks for a space to begin at a whole word.
const EXCERPT_SNAP: usize = 8;

/// How a search's hits are shown: the query's terms (the excerpt centres on the first) and
/// the word before a phone's extension (`ext.` / `转`).
#[derive(Clone, Copy)]
pub(super) struct Shown<'a> {
    pub terms: &'a [String],
    pub extension_word: &'a str,
}

/// The excerpt of a row whose text fields are `fields` (joined by ` · `), the phone among
/// them at `phone_field` shown in readable groups.
pub(super) fn excerpt_of(fields: &[String], phone_field: Option<usize>, shown: Shown) -> String {
    let text = fields
        .iter()
        .enumerate()
        .map(|(i, f)| match f.trim() {
            phone if Some(i) == phone_field && !phone.is_empty() => phone::readable(phone, shown.extension_word),
            other => other.to_string(),
        })
        .filter(|f| !f.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    excerpt(&text, shown.terms)
}

/// Where a (lower-cased) term is in `chars`, in characters: where it starts a word, else
/// where it is with the spaces between digits left out (a number typed whole, `13812345678`,
/// in a phone shown as `138 1234 5678`).
fn term_at(chars: &[char], term: &str) -> Option<usize> {
    let lowered_at = |keep: &dyn Fn(usize) -> bool| {
        let mut lowered = String::with_capacity(chars.len());
        let mut origin = Vec::with_capacity(chars.len());
        for (i, c) in chars.iter().enumerate().filter(|(i, _)| keep(*i)) {
            for l in c.to_lowercase() {
                lowered.push(l);
                origin.push(i);
            }
        }
        find_term(&lowered, term).and_then(|byte| origin.get(lowered[..byte].chars().count()).copied())
    };
    let digit = |i: Option<usize>| i.and_then(|i| chars.get(i)).is_some_and(char::is_ascii_digit);
    let between_digits = |i: usize| chars[i] == ' ' && digit(i.checked_sub(1)) && digit(Some(i + 1));
    lowered_at(&|_| true).or_else(|| lowered_at(&|i| !between_digits(i)))
}

/// Where an excerpt cut at `from` starts whole: after the space a few characters before it,
/// else after the next space (and field separator) before the `hit` (a title cut as "…购经理"
/// reads as another word).
fn word_start(chars: &[char], from: usize, hit: usize) -> usize {
    if from == 0 || chars[from - 1] == ' ' {
        return from;
    }
    let back = chars[from.saturating_sub(EXCERPT_SNAP)..from].iter().rposition(|c| *c == ' ');
    if let Some(space) = back {
        return from.saturating_sub(EXCERPT_SNAP) + space + 1;
    }
    let after = chars[from..hit].iter().position(|c| *c == ' ').map_or(from, |space| from + space + 1);
    // Not at a field's separator: "· 采购部经理" starts at 采.
    after + chars[after..hit].iter().take_while(|c| matches!(c, '·' | ' ')).count()
}

/// A one-line piece of `text` around the first term, with `…` where it was cut.
fn excerpt(text: &str, terms: &[String]) -> String {
    let chars: Vec<char> = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let hit = terms.first().and_then(|t| term_at(&chars, t)).unwrap_or(0);
    let from = word_start(&chars, hit.saturating_sub(EXCERPT_BEFORE), hit);
    let to = (hit + EXCERPT_AFTER).min(chars.len());
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    out.extend(&chars[from..to]);
    if to < chars.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::search_text::query_terms;

    #[test]
    fn excerpts_centre_on_the_first_term() {
        let text = format!("{} budget review with İstanbul office\nthen lunch", "x".repeat(50));
        let terms = query_terms("budget");
        let e = excerpt(&text, &terms);
        assert!(e.starts_with('…'));
        assert!(e.contains("budget review"));
        assert!(!e.contains('\n'));
        assert_eq!(excerpt("short 王伟", &query_terms("王伟")), "short 王伟");
        let card = "西安金城钢铁有限公司 · 采购经理 · 13678413769 · wang.lin7@jinchengsteel.com.cn · 西安市解放路5号";
        assert!(
            excerpt(card, &query_terms("wang")).starts_with("…采购经理 · "),
            "{}",
            excerpt(card, &query_terms("wang"))
        );
        let long = format!("{} · {}", "很".repeat(30), "采购部经理 wang.lin7@x.cn");
        assert!(
            excerpt(&long, &query_terms("wang")).starts_with("…采购部经理 wang"),
            "{}",
            excerpt(&long, &query_terms("wang"))
        );
        assert!(excerpt("İİİ budget", &query_terms("budget")).contains("budget"), "multi-char lower-casing");
    }

    #[test]
    fn a_phone_reads_in_groups_and_is_found_typed_whole() {
        let fields = |phone: &str| ["王伟", "采购经理", phone, "wang.wei@example.cn"].map(String::from).to_vec();
        let shown =
            |terms: &[String], word| excerpt_of(&fields("13812345678"), Some(2), Shown { terms, extension_word: word });
        let whole = query_terms("13812345678");
        assert_eq!(shown(&whole, "转"), "王伟 · 采购经理 · 138 1234 5678 · wang.wei@example.cn");
        let long = format!("{} 13812345678", "很".repeat(40));
        assert!(excerpt(&long, &whole).ends_with("13812345678"), "{}", excerpt(&long, &whole));
        let spaced = format!("{} 138 1234 5678 · x", "很".repeat(40));
        assert!(excerpt(&spaced, &whole).starts_with("…138 1234 5678"), "{}", excerpt(&spaced, &whole));
        let tail = format!("{} 138 1234 5678 · x", "很".repeat(40));
        assert!(
            excerpt(&tail, &query_terms("5678")).contains("138 1234 5678"),
            "{}",
            excerpt(&tail, &query_terms("5678"))
        );
        let extension =
            excerpt_of(&fields("051265781234;ext=806"), Some(2), Shown { terms: &whole, extension_word: "转" });
        assert!(extension.contains("0512 6578 1234 转 806"), "{extension}");
        let english =
            excerpt_of(&fields("051265781234;ext=806"), Some(2), Shown { terms: &whole, extension_word: "ext." });
        assert!(english.contains("0512 6578 1234 ext. 806"), "{english}");
    }
}
