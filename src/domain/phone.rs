//! Phone numbers as a rep reads them: stored as digits (with a leading `+` when given, and an
//! extension as `;ext=806`, as a `tel:` link writes it), shown in the groups people say them in
//! (`138 0000 1111`, `+1 415 555 0142`, `0512 6578 1234 转 806`).

/// The most digits an extension has; a longer tail is another number, not an extension.
const MAX_EXTENSION_DIGITS: usize = 6;

/// A phone as stored: its digits, a leading `+` when given, and `;ext=N` for an extension
/// written after the number (`转 806`, `分机 806`, `ext. 806`, `x806`, `#806`; a stored phone
/// normalises to itself). The trunk zero
/// written in brackets after a country code (`+49 (0)30 1234 5678`) is not dialled from abroad
/// and is dropped. A value without digits is kept as typed (trimmed).
pub fn normalise(phone: &str) -> String {
    let t = phone.trim();
    let international = t.starts_with('+');
    let dialled = if international { t.replacen("(0)", "", 1) } else { t.to_string() };
    let (number, extension) = split_extension(&dialled);
    let mut out: String = number.chars().filter(char::is_ascii_digit).collect();
    if out.is_empty() {
        return t.to_string();
    }
    if international {
        out.insert(0, '+');
    }
    if let Some(extension) = extension {
        out.push_str(";ext=");
        out.push_str(extension);
    }
    out
}

/// The number and its extension, if `text` ends in an extension marker and a few digits.
fn split_extension(text: &str) -> (&str, Option<&str>) {
    let in_number = |c: char| c.is_ascii_digit() || " -.()+\t\u{3000}".contains(c);
    let end = text.find(|c: char| !in_number(c)).unwrap_or(text.len());
    let (number, tail) = text.split_at(end);
    let lower = tail.to_lowercase();
    let after_marker = [";ext=", "转", "分机", "extension", "ext", "x", "#"]
        .iter()
        .find_map(|marker| lower.strip_prefix(marker))
        .map(|rest| rest.trim_start_matches([' ', '.', ':', '：', '\u{3000}']).trim_end());
    match after_marker {
        Some(digits)
            if (1..=MAX_EXTENSION_DIGITS).contains(&digits.len())
                && digits.bytes().all(|b| b.is_ascii_digit())
                && number.bytes().any(|b| b.is_ascii_digit()) =>
        {
            // `digits` is in the lower-cased copy; the same digits end the text's own tail.
            let kept = tail.trim_end();
            (number, Some(&kept[kept.len() - digits.len()..]))
        }
        _ => (text, None),
    }
}

/// A stored phone's number and extension (`051265781234;ext=806` → the two parts).
pub fn parts(phone: &str) -> (&str, Option<&str>) {
    match phone.split_once(";ext=") {
        Some((number, extension)) => (number, Some(extension)),
        None => (phone, None),
    }
}

/// `phone` (as stored: digits, maybe a leading `+`) in readable groups: Chinese mobiles
/// 3-4-4, Chinese landlines after their area code (with or without +86), North American
/// numbers 3-3-4, Hong Kong and Macau 4-4, each after its country code. Another international
/// number shows its country code apart (`+49 3012345678`); any other number, or text that is
/// not only digits, is shown as it is. An extension follows after `extension_word` (转, ext.).
pub fn readable(phone: &str, extension_word: &str) -> String {
    match parts(phone) {
        (number, Some(extension)) => format!("{} {extension_word} {extension}", grouped(number)),
        (number, None) => grouped(number),
    }
}

/// A number without its extension in readable groups (see [`readable`]).
fn grouped(phone: &str) -> String {
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
    use super::{normalise, readable};

    #[test]
    fn numbers_read_in_the_groups_people_say_them_in() {
        assert_eq!(readable("13800001111", "ext."), "138 0000 1111");
        assert_eq!(readable("+8613800001111", "ext."), "+86 138 0000 1111");
        assert_eq!(readable("+862161234567", "ext."), "+86 21 6123 4567");
        assert_eq!(readable("+8653288881234", "ext."), "+86 532 8888 1234");
        assert_eq!(readable("+865718765432", "ext."), "+86 571 876 5432");
        assert_eq!(readable("+14155550142", "ext."), "+1 415 555 0142");
        assert_eq!(readable("+85291234567", "ext."), "+852 9123 4567");
        assert_eq!(readable("02112345678", "ext."), "021 1234 5678");
        assert_eq!(readable("075512345678", "ext."), "0755 1234 5678");
    }

    #[test]
    fn another_countrys_number_shows_its_country_code_apart() {
        assert_eq!(readable("+442071234567", "ext."), "+44 2071234567");
        assert_eq!(readable("+493012345678", "ext."), "+49 3012345678");
        assert_eq!(readable("+35312345678", "ext."), "+353 12345678");
        assert_eq!(readable("+74951234567", "ext."), "+7 4951234567");
        assert_eq!(readable("+1212555", "ext."), "+1 212555");
    }

    #[test]
    fn other_numbers_and_text_are_shown_as_they_are() {
        for phone in ["", "+4412", "12345", "0571-8765432", "ext 12", "+"] {
            assert_eq!(readable(phone, "ext."), phone);
        }
    }

    #[test]
    fn a_phone_keeps_its_digits_and_plus_and_loses_a_bracketed_trunk_zero_after_a_country_code() {
        assert_eq!(normalise(" +49 (0)30 1234-5678 "), "+493012345678");
        assert_eq!(normalise("+44 (0)20 7123 4567"), "+442071234567");
        assert_eq!(normalise("+1 (415) 555-0142"), "+14155550142");
        assert_eq!(normalise("(010) 6123 4567"), "01061234567", "a national number keeps its zero");
        assert_eq!(normalise("ext"), "ext");
    }

    #[test]
    fn an_extension_after_the_number_is_kept_apart_and_read_back() {
        for typed in [
            "0512-6578 1234 转 806",
            "0512 65781234转806",
            "0512-65781234 分机：806",
            "(0512) 6578-1234 ext. 806",
            "0512 6578 1234 x806",
            "0512 6578 1234 #806",
        ] {
            assert_eq!(normalise(typed), "051265781234;ext=806", "{typed}");
        }
        assert_eq!(normalise("+1 415 555 0142 Ext 12"), "+14155550142;ext=12");
        for stored in ["051265781234;ext=806", "+14155550142;ext=12", "+8613800001111"] {
            assert_eq!(normalise(stored), stored, "a stored phone is already normal");
        }
        assert_eq!(readable("051265781234;ext=806", "转"), "0512 6578 1234 转 806");
        assert_eq!(readable("+14155550142;ext=12", "ext."), "+1 415 555 0142 ext. 12");
        // Not an extension: the digits run on as before.
        assert_eq!(normalise("138 0000 1111 / 139 0000 2222"), "1380000111113900002222");
        assert_eq!(normalise("转806"), "806", "no number before it: its digits, as before");
    }
}
