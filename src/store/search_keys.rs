//! Search keys: what a person or account is also found by, besides the words of its record —
//! the pinyin of names (`wangwei`, `wang`, `wei`, `ww` for 王伟; `zjg` and `jianguo` for 张建国),
//! the pinyin of nicknames and companies as a whole (`changzhang`, `cz` for 厂长: a search
//! starts it, so `zhang` does not find every 厂长), every run of four or more digits of a phone
//! number, and an e-mail address without its dots and `@` (`wangwei3huadongcn`, and its domain
//! `huadongcn`).
//!
//! The index holds each key behind a mark, so a key never matches as a word of the record: a
//! search first finds people by name ([`NAME_MARK`]: the name's pinyin and its own words), then
//! by what the record says, then by the other keys ([`KEY_MARK`]); the customers filter asks for
//! keys alone. A phone number is held as its runs of four digits in order ([`PHONE_GRAM_MARK`]):
//! any run of four or more of its digits is then a phrase of them, and the index holds ten
//! thousand such terms at most, where each number's own digit suffixes were terms of their own.

use super::pinyin::{has_reading, name_readings, run_readings, spellings};

/// Put before every name key in the index (a private-use character: FTS5's unicode61 tokenizer
/// keeps it inside the token, and nobody types it).
pub const NAME_MARK: char = '\u{E000}';
/// Put before every other key in the index.
pub const KEY_MARK: char = '\u{E001}';
/// Put before each short start of a name key ([`is_indexed_start`]): `w`, `wa`, `wan` of
/// `wangwei`. A search for a short start reads that one token instead of merging every key it
/// starts (`zh*` stands for thousands of names).
pub const NAME_START_MARK: char = '\u{E002}';
/// Put before each short start of another key.
pub const KEY_START_MARK: char = '\u{E003}';
/// Put before each run of [`MIN_PHONE_DIGITS`] digits of a phone number (`1380 3800 8000 …`
/// for 138000…, one token each, in order): the digits a search types are the phrase of their
/// own runs ([`phone_phrase`]). Alone, it stands between two numbers of a field, so that no
/// phrase runs from one into the next.
pub const PHONE_GRAM_MARK: char = '\u{E004}';
/// The longest start of a key indexed as its own token.
pub const SHORT_START: usize = 3;

/// True when `start` (lower case) is indexed as its own token wherever a key starts with it:
/// one to [`SHORT_START`] ASCII letters and digits, the first a letter (a number is searched
/// from four digits on: [`MIN_PHONE_DIGITS`]).
pub fn is_indexed_start(start: &str) -> bool {
    (1..=SHORT_START).contains(&start.len())
        && start.starts_with(|c: char| c.is_ascii_lowercase())
        && start.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
}

/// What a person or account is found by besides its words, unmarked, lower-case, each once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keys {
    /// From the name: its pinyin (`wangwei`, `ww`, `wang`, `wei`) or its own words and their
    /// concatenation (`wang`, `wei`, `wangwei` for "Wang Wei").
    pub names: Vec<String>,
    /// From the nickname and company (whole pinyin spellings and their initials) and e-mail
    /// (letters, digits).
    pub others: Vec<String>,
    /// The digits of each phone number of at least [`MIN_PHONE_DIGITS`], each once.
    pub phones: Vec<String>,
}

/// The fewest digits of a phone number a key (or a search for one) has.
pub const MIN_PHONE_DIGITS: usize = 4;

/// Keys of a person or account: pinyin of the person's `name` (its surname read as a
/// surname) or its own words, pinyin of `other` text (nickname, company), the digit runs of
/// `phone`, and `email` as letters and digits.
pub fn search_keys(name: &str, other: &str, phone: &str, email: &str) -> Keys {
    let mut names = Vec::new();
    for (i, run) in chinese_runs(name).iter().enumerate() {
        if i == 0 {
            name_keys(run, &mut names);
        } else {
            text_keys(run, true, &mut names);
        }
    }
    word_keys(name, &mut names);
    let mut others = Vec::new();
    for run in chinese_runs(other) {
        text_keys(&run, false, &mut others);
    }
    email_keys(email, &mut others);
    Keys { names: once_each(names), others: once_each(others), phones: once_each(phone_numbers(phone)) }
}

/// The name keys of a person's `name` read the usual way only: each character by its first
/// reading, the surname as a surname (王立新 is `wanglixin`, not `wangweixin` with 立 read
/// wei). A search lists the names it finds this way first.
pub fn usual_name_keys(name: &str) -> Vec<String> {
    let mut names = Vec::new();
    for (i, run) in chinese_runs(name).iter().enumerate() {
        let (readings, surname_len) = if i == 0 { name_readings(run) } else { (run_readings(run), 0) };
        let usual: Vec<Vec<&'static str>> = readings.into_iter().map(|r| r.into_iter().take(1).collect()).collect();
        spelled_keys(&usual, &mut names);
        names.extend(usual.iter().flatten().map(|s| s.to_string()));
        if i == 0 && run.len() > surname_len + 1 {
            names.push(usual[surname_len..].concat().concat());
        }
    }
    word_keys(name, &mut names);
    names
}

impl Keys {
    /// Every key, space-separated, a phone number as every run of its digits that ends it (the
    /// digits of a search start one of them wherever they are in the number): what a hit found
    /// by its keys is checked against.
    pub fn joined(&self) -> String {
        let suffixes = self.phones.iter().flat_map(|d| (0..=d.len() - MIN_PHONE_DIGITS).map(move |i| &d[i..]));
        let all: Vec<&str> = self.names.iter().chain(&self.others).map(String::as_str).chain(suffixes).collect();
        all.join(" ")
    }

    /// The keys as the index stores them: each behind its mark, then their short starts
    /// ([`is_indexed_start`]) behind theirs, each once, then each phone number's runs of digits
    /// ([`PHONE_GRAM_MARK`]), all space-separated.
    pub fn marked(&self) -> String {
        let mut out = String::new();
        for (mark, start_mark, keys) in
            [(NAME_MARK, NAME_START_MARK, &self.names), (KEY_MARK, KEY_START_MARK, &self.others)]
        {
            let mut starts: Vec<&str> = Vec::new();
            for key in keys {
                out.push(' ');
                out.push(mark);
                out.push_str(key);
                for len in 1..=SHORT_START.min(key.len()) {
                    let start = key.get(..len).filter(|s| is_indexed_start(s));
                    if let Some(start) = start.filter(|s| !starts.contains(s)) {
                        starts.push(start);
                    }
                }
            }
            for start in starts {
                out.push(' ');
                out.push(start_mark);
                out.push_str(start);
            }
        }
        for (i, digits) in self.phones.iter().enumerate() {
            if i > 0 {
                out.push(' ');
                out.push(PHONE_GRAM_MARK);
            }
            for gram in grams(digits) {
                out.push(' ');
                out.push(PHONE_GRAM_MARK);
                out.push_str(gram);
            }
        }
        out
    }
}

/// The runs of [`MIN_PHONE_DIGITS`] digits of `digits` (ASCII), in order.
fn grams(digits: &str) -> impl Iterator<Item = &str> {
    (0..(digits.len() + 1).saturating_sub(MIN_PHONE_DIGITS)).map(move |i| &digits[i..i + MIN_PHONE_DIGITS])
}

/// An FTS5 phrase that matches the phone numbers holding `digits` (ASCII, at least
/// [`MIN_PHONE_DIGITS`]) anywhere: its runs of digits, in order ([`PHONE_GRAM_MARK`]).
pub fn phone_phrase(digits: &str) -> String {
    let grams: Vec<String> = grams(digits).map(|g| format!("{PHONE_GRAM_MARK}{g}")).collect();
    format!("\"{}\"", grams.join(" "))
}

fn once_each(mut keys: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    keys.retain(|k| seen.insert(k.clone()));
    keys
}

/// The words of a name in letters and digits (`tom`, `o`, `brien` for "Tom O'Brien") and, when
/// there are several, all of them run together (`tomobrien`).
fn word_keys(name: &str, keys: &mut Vec<String>) {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric() || has_reading(c))
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().flat_map(char::to_lowercase).collect())
        .collect();
    if words.len() > 1 {
        keys.push(words.concat());
    }
    keys.extend(words);
}

/// Runs of characters that have a pinyin reading.
fn chinese_runs(text: &str) -> Vec<Vec<char>> {
    let mut runs = Vec::new();
    let mut run = Vec::new();
    for c in text.chars() {
        if has_reading(c) {
            run.push(c);
        } else if !run.is_empty() {
            runs.push(std::mem::take(&mut run));
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

/// A name: its whole spellings and initials, each syllable (so `wang wei` finds 王伟), and the
/// given name alone.
fn name_keys(name: &[char], keys: &mut Vec<String>) {
    let (readings, surname_len) = name_readings(name);
    spelled_keys(&readings, keys);
    keys.extend(readings.iter().flatten().map(|s| s.to_string()));
    if name.len() > surname_len + 1 {
        for spelling in spellings(&readings[surname_len..]) {
            keys.push(spelling.concat());
        }
    }
}

/// A run of a name after its first, a nickname's or a company's: its whole spellings and their
/// initials, each syllable too when `syllables` (a name's words are searched one by one).
fn text_keys(run: &[char], syllables: bool, keys: &mut Vec<String>) {
    let readings = run_readings(run);
    spelled_keys(&readings, keys);
    if syllables {
        keys.extend(readings.iter().flatten().map(|s| s.to_string()));
    }
}

/// Whole spellings of `readings` and, for more than one syllable, their initials.
fn spelled_keys(readings: &[Vec<&'static str>], keys: &mut Vec<String>) {
    for spelling in spellings(readings) {
        keys.push(spelling.concat());
        if spelling.len() > 1 {
            keys.push(spelling.iter().filter_map(|s| s.chars().next()).collect());
        }
    }
}

/// The digits of each number in `phone` that has at least [`MIN_PHONE_DIGITS`].
fn phone_numbers(phone: &str) -> Vec<String> {
    phone
        .split([',', ';', '/', '，', '；', '、'])
        .map(|number| number.chars().filter(char::is_ascii_digit).collect::<String>())
        .filter(|digits| digits.len() >= MIN_PHONE_DIGITS)
        .collect()
}

/// An address as letters and digits (`wang.wei3@huadong.cn` → `wangwei3huadongcn`), and its
/// domain so (`huadongcn`): a filter typed `wang.wei`, `wangwei3@hua` or `huadong` starts one.
fn email_keys(email: &str, keys: &mut Vec<String>) {
    let alnum =
        |s: &str| -> String { s.chars().filter(char::is_ascii_alphanumeric).flat_map(|c| c.to_lowercase()).collect() };
    let whole = alnum(email);
    if whole.is_empty() {
        return;
    }
    keys.push(whole);
    if let Some(domain) = email.rsplit_once('@').map(|(_, d)| alnum(d)).filter(|d| !d.is_empty()) {
        keys.push(domain);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chinese_name_is_found_by_its_pinyin_and_initials() {
        let keys = search_keys("王伟", "", "", "");
        assert_eq!(keys.names, ["wangwei", "ww", "wang", "wei"]);
        let keys = search_keys("张建国", "小张 华东机械有限公司", "", "");
        for key in ["zhangjianguo", "zjg", "jianguo"] {
            assert!(keys.names.iter().any(|k| k == key), "{key} in {keys:?}");
        }
        for key in ["xiaozhang", "xz", "huadongjixieyouxiangongsi", "hdjxyxgs"] {
            assert!(keys.others.iter().any(|k| k == key), "{key} in {keys:?}");
        }
    }

    #[test]
    fn a_nickname_or_company_is_found_as_a_whole_not_by_each_syllable() {
        let keys = search_keys("单芳", "厂长 长江物流", "", "");
        assert_eq!(keys.names, ["shanfang", "sf", "shan", "fang"]);
        for key in ["changzhang", "cz", "changjiangwuliu", "cjwl"] {
            assert!(keys.others.iter().any(|k| k == key), "{key} in {keys:?}");
        }
        for syllable in ["zhang", "chang", "jiang", "wu", "liu"] {
            assert!(!keys.others.iter().any(|k| k == syllable), "{syllable} in {keys:?}");
        }
    }

    #[test]
    fn the_usual_reading_of_a_name_is_its_first() {
        assert!(search_keys("王立新", "", "", "").names.contains(&"wangweixin".to_string()), "立 also reads wei");
        let usual = usual_name_keys("王立新");
        assert_eq!(usual, ["wanglixin", "wlx", "wang", "li", "xin", "lixin"]);
        assert_eq!(usual_name_keys("单伟"), ["shanwei", "sw", "shan", "wei"]);
        assert_eq!(usual_name_keys("Tom O'Brien"), search_keys("Tom O'Brien", "", "", "").names);
    }

    #[test]
    fn other_names_by_their_words() {
        let keys = search_keys("Tom O'Brien", "Nordic Paper", "", "");
        assert_eq!(keys.names, ["tomobrien", "tom", "o", "brien"]);
        assert!(keys.others.is_empty());
    }

    #[test]
    fn a_phone_is_found_by_any_run_of_four_digits() {
        let keys = search_keys("", "", "138-0000-1111", "");
        assert_eq!(keys.phones, ["13800001111"]);
        let joined = keys.joined();
        assert!(joined.starts_with("13800001111 3800001111 "), "{joined}");
        assert!(joined.ends_with(" 01111 1111"), "{joined}");
        let two = search_keys("", "", "+1 (415) 555-0100; 021 6666 7777", "");
        assert_eq!(two.phones, ["14155550100", "02166667777"]);
        assert_eq!(two.joined().split(' ').count(), 8 + 8);
        assert_eq!(search_keys("", "", "12-3", ""), Keys::default());
    }

    #[test]
    fn a_phone_is_indexed_as_its_runs_of_four_digits() {
        let g = PHONE_GRAM_MARK;
        let marked = search_keys("", "", "138-0000-12; 021 6666", "").marked();
        assert_eq!(
            marked,
            format!(" {g}1380 {g}3800 {g}8000 {g}0000 {g}0001 {g}0012 {g} {g}0216 {g}2166 {g}1666 {g}6666")
        );
        assert_eq!(phone_phrase("00012"), format!("\"{g}0001 {g}0012\""));
        assert_eq!(phone_phrase("1111"), format!("\"{g}1111\""));
    }

    #[test]
    fn an_email_is_found_without_its_dots() {
        assert_eq!(search_keys("", "", "", "Wang.Wei3@huadong.cn").others, ["wangwei3huadongcn", "huadongcn"]);
        assert_eq!(search_keys("", "", "", "@."), Keys::default());
    }

    #[test]
    fn marked_keys_are_one_token_each() {
        let keys = Keys { names: vec!["ww".into()], others: vec!["1111".into()], phones: Vec::new() };
        assert_eq!(keys.marked(), " \u{E000}ww \u{E002}w \u{E002}ww \u{E001}1111");
    }

    #[test]
    fn short_starts_of_keys_are_tokens_too() {
        let marked = search_keys("王伟", "华东", "", "wei@x.cn").marked();
        let tokens: Vec<&str> = marked.split_whitespace().collect();
        for start in ["w", "wa", "wan", "we", "wei"] {
            assert!(tokens.contains(&format!("{NAME_START_MARK}{start}").as_str()), "{start} in {marked}");
        }
        for start in ["h", "hu", "hua", "hd", "w", "we", "wei"] {
            assert!(tokens.contains(&format!("{KEY_START_MARK}{start}").as_str()), "{start} in {marked}");
        }
        assert_eq!(tokens.iter().filter(|t| **t == format!("{NAME_START_MARK}w")).count(), 1, "each once");
        assert!(!marked.contains(&format!("{KEY_START_MARK}1")), "numbers from four digits on");
        assert!(
            is_indexed_start("zh") && is_indexed_start("q3") && !is_indexed_start("zha1") && !is_indexed_start("3q")
        );
    }
}
