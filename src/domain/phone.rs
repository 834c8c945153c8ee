//! Phone numbers as a rep reads them: stored as digits (with a leading `+` when given), shown
//! in the groups people say them in (`138 0000 1111`, `+1 415 555 0142`).

/// `phone` (as stored: digits, maybe a leading `+`) in readable groups: Chinese mobiles
/// 3-4-4, Chinese landlines after their area code (with or without +86), North American
/// numbers 3-3-4, Hong Kong and Macau 4-4, each after its country code. Another international
/// number shows its country code apart (`+49 3012345678`); any other number, or text that is
/// not only digits, is shown as it is.
pub fn readable(phone: &str) -> String {
    let (plus, digits) = match phone.strip_prefix('+') {
        Some(rest) => ("+", rest),
        None => ("", phone),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return phone.to_string();
    }
    let groups: Option<(&str, &[usize])> = match (plus, digits.len()) {
        ("+", 13) if digits.starts_with("861") => Some(("86", &[3, 4, 4])),
        // A Chinese landline: Beijing's 10 and the 2x area codes have two digits, the rest three.
        ("+", 12) if digits.starts_with("8610") || digits.starts_with("862") => Some(("86", &[2, 4, 4])),
        ("+", 13) if digits.starts_with("86") => Some(("86", &[3, 4, 4])),
        ("+", 12) if digits.starts_with("86") => Some(("86", &[3, 3, 4])),
        ("+", 11) if digits.starts_with('1') => Some(("1", &[3, 3, 4])),
        ("+", 11) if digits.starts_with("852") || digits.starts_with("853") => Some((&digits[..3], &[4, 4])),
        ("", 11) if digits.starts_with('1') => Some(("", &[3, 4, 4])),
        ("", 11) if digits.starts_with("01") || digits.starts_with("02") => Some(("", &[3, 4, 4])),
        ("", 12) if digits.starts_with('0') => Some(("", &[4, 4, 4])),
        _ => None,
    };
    let Some((country, sizes)) = groups else {
        return match (plus, country_code_len(digits)) {
            ("+", n) if digits.len() > n + 3 => format!("+{} {}", &digits[..n], &digits[n..]),
            _ => phone.to_string(),
        };
    };
    let mut rest = &digits[country.len()..];
    let mut parts: Vec<String> = Vec::new();
    if !country.is_empty() {
        parts.push(format!("+{country}"));
    }
    for size in sizes {
        let (group, after) = rest.split_at((*size).min(rest.len()));
        parts.push(group.to_string());
        rest = after;
    }
    parts.join(" ")
}

/// How many digits an international number's country code has: calling codes are prefix-free,
/// one digit for North America (1) and Russia (7), two for those listed, three for the rest.
fn country_code_len(digits: &str) -> usize {
    const TWO: &[&str] = &[
        "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47", "48", "49",
        "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66", "81", "82", "84",
        "86", "90", "91", "92", "93", "94", "95", "98",
    ];
    if digits.starts_with('1') || digits.starts_with('7') {
        1
    } else if TWO.iter().any(|code| digits.starts_with(code)) {
        2
    } else {
        3
    }
}

#[cfg(test)]
mod tests {
    use super::readable;

    #[test]
    fn numbers_read_in_the_groups_people_say_them_in() {
        assert_eq!(readable("13800001111"), "138 0000 1111");
        assert_eq!(readable("+8613800001111"), "+86 138 0000 1111");
        assert_eq!(readable("+862161234567"), "+86 21 6123 4567");
        assert_eq!(readable("+8653288881234"), "+86 532 8888 1234");
        assert_eq!(readable("+865718765432"), "+86 571 876 5432");
        assert_eq!(readable("+14155550142"), "+1 415 555 0142");
        assert_eq!(readable("+85291234567"), "+852 9123 4567");
        assert_eq!(readable("02112345678"), "021 1234 5678");
        assert_eq!(readable("075512345678"), "0755 1234 5678");
    }

    #[test]
    fn another_countrys_number_shows_its_country_code_apart() {
        assert_eq!(readable("+442071234567"), "+44 2071234567");
        assert_eq!(readable("+493012345678"), "+49 3012345678");
        assert_eq!(readable("+35312345678"), "+353 12345678");
        assert_eq!(readable("+74951234567"), "+7 4951234567");
        assert_eq!(readable("+1212555"), "+1 212555");
    }

    #[test]
    fn other_numbers_and_text_are_shown_as_they_are() {
        for phone in ["", "+4412", "12345", "0571-8765432", "ext 12", "+"] {
            assert_eq!(readable(phone), phone);
        }
    }
}
