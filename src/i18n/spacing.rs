//! Chinese typesetting puts a space between Chinese text and a Latin-script word embedded in
//! it ("与 Mark Wright 面谈", not "与Mark Wright面谈"); messages filled with a name, a company
//! or a product apply it where the value meets the text around it.

/// Whether `c` is a Chinese character.
fn han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// Whether `c` is a letter of the Latin script (O'Brien, Müller).
fn latin(c: char) -> bool {
    c.is_ascii_alphabetic() || (('\u{c0}'..='\u{24f}').contains(&c) && c.is_alphabetic())
}

/// Whether a space goes between `left` and `right`: a Chinese character next to a Latin letter.
pub fn spaced_between(left: char, right: char) -> bool {
    (han(left) && latin(right)) || (latin(left) && han(right))
}

/// `template` with each `placeholder` replaced by `value`, a space put between the value and
/// a Chinese character it meets when the value begins or ends with a Latin letter (and
/// between a Latin letter of the text and a value beginning or ending in Chinese).
pub fn fill_spaced(template: &str, placeholder: &str, value: &str) -> String {
    if placeholder.is_empty() || !template.contains(placeholder) {
        return template.to_string();
    }
    let (first, last) = (value.chars().next(), value.chars().next_back());
    let mut out = String::with_capacity(template.len() + value.len() + 2);
    let mut rest = template;
    while let Some(at) = rest.find(placeholder) {
        let before = &rest[..at];
        out.push_str(before);
        // The character before: of the template, or what was written before it.
        let left = before.chars().next_back().or_else(|| out.chars().next_back());
        if let (Some(l), Some(f)) = (left, first)
            && spaced_between(l, f)
        {
            out.push(' ');
        }
        out.push_str(value);
        rest = &rest[at + placeholder.len()..];
        if let (Some(l), Some(r)) = (last, rest.chars().next())
            && spaced_between(l, r)
        {
            out.push(' ');
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_latin_name_in_chinese_text_has_a_space_on_each_side() {
        assert_eq!(fill_spaced("{dm}关心的成本问题", "{dm}", "Mark Wright"), "Mark Wright 关心的成本问题");
        assert_eq!(fill_spaced("约{dm}见面", "{dm}", "Mark Wright"), "约 Mark Wright 见面");
        assert_eq!(
            fill_spaced("拍板的是{dm}，下周三可以见", "{dm}", "Anna O'Brien"),
            "拍板的是 Anna O'Brien，下周三可以见"
        );
        assert_eq!(fill_spaced("约{dm}见面", "{dm}", "张总"), "约张总见面", "Chinese in Chinese: no space");
        assert_eq!(fill_spaced("给{c}打电话", "{c}", "Northwind"), "给 Northwind 打电话");
        assert_eq!(fill_spaced("首批{n}台", "{n}", "12"), "首批12台", "numbers as they were");
        assert_eq!(fill_spaced("（{name}）", "{name}", "Mark"), "（Mark）", "none next to full-width punctuation");
        assert_eq!(fill_spaced("Meet {dm} next week", "{dm}", "Mark"), "Meet Mark next week");
        assert_eq!(fill_spaced("Meet {dm}", "{dm}", "张总"), "Meet 张总");
        assert_eq!(fill_spaced("{a}{a}", "{a}", "Li"), "LiLi");
        assert_eq!(fill_spaced("与{x}和{x}面谈", "{x}", "Müller"), "与 Müller 和 Müller 面谈");
    }
}
