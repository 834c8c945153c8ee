//! The text the search index holds and the queries run against it.
//!
//! FTS5's trigram tokenizer cannot match 1–2 character terms, and most Chinese names have two
//! characters. So Chinese runs are indexed as overlapping bigrams plus the run's last
//! character (`王伟在深圳` → `王伟 伟在 在深 深圳 圳`), and other text as lower-case words for
//! the unicode61 tokenizer. A Chinese query term becomes the phrase of its bigrams, which
//! matches exactly where the term occurs; a one-character term becomes a prefix query.

pub use crate::text::is_cjk;

/// What the index stores for `text` (the `fb_search_text` SQL function).
pub fn index_text(text: &str) -> String {
    // Most text has no Chinese and no letter outside ASCII: its lower case is all there is.
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len() * 2);
    let mut run: Vec<char> = Vec::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if is_cjk(c) {
            run.push(c);
        } else {
            flush_run(&mut run, &mut out);
            out.push(c);
        }
    }
    flush_run(&mut run, &mut out);
    out
}

fn flush_run(run: &mut Vec<char>, out: &mut String) {
    if run.is_empty() {
        return;
    }
    out.push(' ');
    for pair in run.windows(2) {
        out.extend(pair);
        out.push(' ');
    }
    if let Some(last) = run.last() {
        out.push(*last);
    }
    out.push(' ');
    run.clear();
}

/// Turns what a user typed into an FTS5 MATCH expression: every term must match (AND).
/// Returns `None` when the query has no searchable term.
pub fn match_expression(query: &str) -> Option<String> {
    let mut parts = Vec::new();
    for term in query.split_whitespace() {
        let lowered: String = term.chars().flat_map(char::to_lowercase).collect();
        let mut run: Vec<char> = Vec::new();
        let mut word = String::new();
        for c in lowered.chars() {
            if is_cjk(c) {
                push_word(&mut word, &mut parts);
                run.push(c);
            } else if c.is_alphanumeric() {
                push_run(&mut run, &mut parts);
                word.push(c);
            } else {
                push_word(&mut word, &mut parts);
                push_run(&mut run, &mut parts);
            }
        }
        push_word(&mut word, &mut parts);
        push_run(&mut run, &mut parts);
    }
    if parts.is_empty() { None } else { Some(parts.join(" AND ")) }
}

/// The terms a hit must contain, as the user meant them: lower-cased, without the punctuation
/// around them (`"budget"`, `(王伟)`, `-x` → `budget`, `王伟`, `x`); terms with nothing
/// searchable (`*`, `-`, `"`) are dropped, as [`match_expression`] drops them.
pub fn query_terms(query: &str) -> Vec<String> {
    query
        .split_whitespace()
        .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|t| !t.is_empty())
        .map(|t| t.chars().flat_map(char::to_lowercase).collect())
        .collect()
}

/// Where `term` (from [`query_terms`]) first occurs in `lowered` (text lower-cased with
/// `char::to_lowercase`), as a byte offset. A term starting with a letter or digit of a spaced
/// script must start a word (`bud` finds "budget", `get` does not): that is what the index
/// can find. A Chinese term may start anywhere.
pub fn find_term(lowered: &str, term: &str) -> Option<usize> {
    let first = term.chars().next()?;
    let needs_word_start = is_word_char(first);
    let mut from = 0;
    while let Some(found) = lowered.get(from..).and_then(|rest| rest.find(term)) {
        let at = from + found;
        if !needs_word_start || lowered[..at].chars().next_back().is_none_or(|prev| !is_word_char(prev)) {
            return Some(at);
        }
        from = at + first.len_utf8();
    }
    None
}

/// True when every term occurs in `text` (case-insensitively, see [`find_term`]).
pub fn matches_all(text: &str, terms: &[String]) -> bool {
    let lowered: String = text.chars().flat_map(char::to_lowercase).collect();
    terms.iter().all(|t| find_term(&lowered, t).is_some())
}

/// A letter or digit of a script that separates words with spaces.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

fn push_word(word: &mut String, parts: &mut Vec<String>) {
    if !word.is_empty() {
        parts.push(format!("\"{word}\"*"));
        word.clear();
    }
}

fn push_run(run: &mut Vec<char>, parts: &mut Vec<String>) {
    match run.len() {
        0 => {}
        1 => parts.push(format!("\"{}\"*", run[0])),
        _ => {
            let grams: Vec<String> = run.windows(2).map(|p| p.iter().collect()).collect();
            parts.push(format!("\"{}\"", grams.join(" ")));
        }
    }
    run.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_runs_become_bigrams() {
        assert_eq!(index_text("王伟").trim(), "王伟 伟");
        let t = index_text("Call 王伟在深圳 today");
        assert!(t.contains("call"));
        assert!(t.contains("王伟 伟在 在深 深圳 圳"));
        assert!(t.contains("today"));
    }

    #[test]
    fn ascii_text_is_only_lowered() {
        assert_eq!(index_text("Call ZHANG Wei, +86 138-0000 re: Q3!"), "call zhang wei, +86 138-0000 re: q3!");
        // The same text with one letter outside ASCII takes the general way, to the same words.
        assert_eq!(index_text("Call ZHANG Wéi"), "call zhang wéi");
    }

    #[test]
    fn queries_are_and_of_terms() {
        assert_eq!(match_expression("王伟").unwrap(), "\"王伟\"");
        assert_eq!(match_expression("深圳医疗").unwrap(), "\"深圳 圳医 医疗\"");
        assert_eq!(match_expression("王").unwrap(), "\"王\"*");
        assert_eq!(match_expression("Budget 王伟").unwrap(), "\"budget\"* AND \"王伟\"");
        assert_eq!(match_expression("o'brien").unwrap(), "\"o\"* AND \"brien\"*");
        assert_eq!(match_expression("  \" * "), None);
    }

    #[test]
    fn terms_drop_surrounding_punctuation_and_syntax() {
        assert_eq!(query_terms(" \"Budget\" (王伟) -x * AND o'brien- "), ["budget", "王伟", "x", "and", "o'brien"]);
        assert!(query_terms("\" * - ( )").is_empty());
    }

    #[test]
    fn latin_terms_start_words_and_chinese_terms_match_anywhere() {
        let text = "call 王伟在深圳 about the budget; e-mail li@x.cn";
        let terms = |q: &str| query_terms(q);
        assert!(matches_all(text, &terms("BUD")));
        assert!(!matches_all(text, &terms("dget")));
        assert!(matches_all(text, &terms("伟在 圳")));
        assert!(matches_all(text, &terms("e-mail li@x")));
        assert!(matches_all(text, &terms("王伟在深圳")));
        assert!(!matches_all(text, &terms("budget 北京")));
        assert!(matches_all("王伟abc", &terms("abc")), "a word after Chinese starts a word");
        assert!(matches_all("xa-a-a", &terms("a-a")), "overlapping occurrences are all tried");
    }
}
