//! Small counts as people type them: `12`, `十二`, `两`, `三十一`.

/// A whole number written in ASCII digits (at most four) or in Chinese numerals up to 99.
pub(super) fn number(s: &str) -> Option<u32> {
    if !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok();
    }
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        [d] => digit(*d),
        ['十', d] => Some(10 + digit(*d)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', d] => Some(digit(*t)? * 10 + digit(*d)?),
        _ => None,
    }
}

fn digit(c: char) -> Option<u32> {
    let value = match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    };
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::number;

    #[test]
    fn digits_and_chinese_numerals() {
        assert_eq!(number("12"), Some(12));
        assert_eq!(number("05"), Some(5));
        assert_eq!(number("五"), Some(5));
        assert_eq!(number("两"), Some(2));
        assert_eq!(number("十"), Some(10));
        assert_eq!(number("十二"), Some(12));
        assert_eq!(number("二十"), Some(20));
        assert_eq!(number("三十一"), Some(31));
        for bad in ["", "1a", "-1", "12345", "十十", "百", "一二三"] {
            assert_eq!(number(bad), None, "{bad}");
        }
    }
}
