//! The order of names in every name-sorted list (the customers table, the pickers, the
//! customers filter): a Chinese name by its pinyin, as a phone's contacts or a Chinese
//! dictionary order them (安, 白, 陈 … 张, 赵), among Latin names by their letters (Anna
//! between 安 and 白). Code-point order put every Latin name first and the Chinese ones in an
//! order no reader knows. Stored as `customer.name_key` (migration 0031), kept by its
//! triggers and the writers: the name's pinyin, then the name itself (张斌 before 章斌, each
//! together), then the company's pinyin (two 张斌 by their companies, 上海博远 before 上海康达).

use super::pinyin::{has_reading, name_readings, readings};

/// Between the parts of [`sort_key`]: below every character a name or company holds.
const PART: char = '\u{1}';

/// The sort key of an account: its name's [`name_key`], the name, the company's spelling (see
/// the module doc), apart by a character below any other.
pub fn sort_key(name: &str, company: &str) -> String {
    format!("{}{PART}{}{PART}{}", name_key(name), name.trim(), spelled(company, false))
}

/// The sort key of a person's name: each Chinese character's pinyin (a leading surname read as
/// a surname: 单 shan, 曾 zeng) as a syllable of its own, Latin letters lower-cased, words
/// and syllables apart by one space (`张伟` → `zhang wei`, `Anna Smith` → `anna smith`), so a
/// syllable sorts before a longer one it starts (西安 `xi an` before 先 `xian`).
pub fn name_key(name: &str) -> String {
    spelled(name, true)
}

/// `text` spelled as [`name_key`] does; its first run of Chinese read as a person's name when
/// `as_name` (a surname first), else each character by its first reading.
fn spelled(text: &str, as_name: bool) -> String {
    let chars: Vec<char> = text.trim().chars().collect();
    let mut key = String::with_capacity(chars.len() * 4);
    let word = |key: &mut String, syllable: &str| {
        if !key.is_empty() && !key.ends_with(' ') {
            key.push(' ');
        }
        key.push_str(syllable);
        key.push(' ');
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if has_reading(c) {
            let run = chars[i..].iter().take_while(|c| has_reading(**c)).count();
            // Only a name's first run is a surname and given name; a later one reads as text.
            let syllables = if i == 0 && as_name {
                name_readings(&chars[..run]).0
            } else {
                chars[i..i + run].iter().map(|c| readings(*c)).collect()
            };
            for reading in &syllables {
                word(&mut key, reading.first().copied().unwrap_or_default());
            }
            i += run;
        } else if c.is_whitespace() {
            if !key.is_empty() && !key.ends_with(' ') {
                key.push(' ');
            }
            i += 1;
        } else {
            key.extend(c.to_lowercase());
            i += 1;
        }
    }
    key.truncate(key.trim_end().len());
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_names_by_pinyin_latin_ones_by_letters() {
        assert_eq!(name_key("张伟"), "zhang wei");
        assert_eq!(name_key(" Anna  Smith "), "anna smith");
        assert_eq!(name_key("单明辉"), "shan ming hui", "a surname read as a surname");
        assert_eq!(name_key("曾峰"), "zeng feng");
        assert_eq!(name_key("Mary张"), "mary zhang");
        assert_eq!(name_key("王 总"), "wang zong");
        assert_eq!(name_key("O'Neil"), "o'neil");
    }

    #[test]
    fn the_same_name_together_then_by_company_in_pinyin() {
        let mut accounts = vec![("章斌", "北京新锐"), ("张斌", "上海康达"), ("张斌", "上海博远"), ("张斌", "Acme")];
        accounts.sort_by_key(|(n, c)| sort_key(n, c));
        assert_eq!(accounts, [("张斌", "Acme"), ("张斌", "上海博远"), ("张斌", "上海康达"), ("章斌", "北京新锐")]);
        assert!(sort_key("张斌", "") < sort_key("张斌飞", ""), "a shorter name first");
        assert_eq!(sort_key("单明辉", "单县机械"), "shan ming hui\u{1}单明辉\u{1}dan xian ji xie");
    }

    #[test]
    fn names_sort_as_a_chinese_rep_expects() {
        let mut names =
            vec!["赵敏", "张伟", "Anna Smith", "陈静", "白雪", "安然", "李娜", "林峰", "刘洋", "西安", "先锋"];
        names.sort_by_key(|n| (name_key(n), n.to_string()));
        assert_eq!(
            names,
            ["安然", "Anna Smith", "白雪", "陈静", "李娜", "林峰", "刘洋", "西安", "先锋", "张伟", "赵敏"]
        );
    }
}
