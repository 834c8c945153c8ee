//! Display-width helpers so Chinese (double-width) text lines up in columns.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Terminal columns `s` takes.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// `s` cut to at most `max` columns, ending in `…` when cut.
pub fn fit(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `s` cut or padded with spaces to exactly `cols` columns.
pub fn pad(s: &str, cols: usize) -> String {
    let mut out = fit(s, cols);
    let w = width(&out);
    out.extend(std::iter::repeat_n(' ', cols.saturating_sub(w)));
    out
}

/// `s` right-aligned in exactly `cols` columns.
pub fn pad_left(s: &str, cols: usize) -> String {
    let cut = fit(s, cols);
    let w = width(&cut);
    let mut out: String = std::iter::repeat_n(' ', cols.saturating_sub(w)).collect();
    out.push_str(&cut);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counts_double_and_pads_exactly() {
        assert_eq!(width("王伟"), 4);
        assert_eq!(pad("王伟", 6), "王伟  ");
        assert_eq!(fit("深圳医疗器械", 7), "深圳医…");
        assert_eq!(width(&pad("深圳医疗器械", 7)), 7);
        assert_eq!(fit("Hangzhou Cloud", 8), "Hangzho…");
        assert_eq!(pad_left("12", 4), "  12");
        assert_eq!(fit("abc", 0), "");
    }
}
