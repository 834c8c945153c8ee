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

/// `s` broken into rows of at most `cols` columns: at the last space or the last place next to
/// a double-width character (Chinese) that fits, else (a long word) anywhere. Spaces at a break
/// are dropped.
pub fn wrap(s: &str, cols: usize) -> Vec<String> {
    let cols = cols.max(1);
    let mut rows = Vec::new();
    let mut row = String::new();
    let mut used = 0;
    // Where the row may break: the end of this row and the start of the next, as byte offsets.
    let mut split: Option<(usize, usize)> = None;
    let mut prev_wide = false;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        let wide = w > 1;
        if c != ' ' && (wide || prev_wide) && !row.is_empty() {
            split = Some((row.len(), row.len()));
        }
        if used + w > cols && !row.is_empty() {
            if c == ' ' {
                rows.push(std::mem::take(&mut row).trim_end().to_string());
                (used, split, prev_wide) = (0, None, false);
                continue;
            }
            let rest = match split {
                Some((end, start)) if end > 0 => {
                    let rest = row[start..].to_string();
                    row.truncate(end);
                    rest
                }
                _ => String::new(),
            };
            rows.push(std::mem::replace(&mut row, rest).trim_end().to_string());
            used = width(&row);
            split = None;
        }
        if c == ' ' {
            split = Some((row.len(), row.len() + 1));
        }
        row.push(c);
        used += w;
        prev_wide = wide;
    }
    if !row.is_empty() || rows.is_empty() {
        rows.push(row);
    }
    rows
}

/// Like [`wrap`], with the rows after the first indented by `hang` columns (so an item's text
/// lines up under itself after its number).
pub fn wrap_hanging(s: &str, cols: usize, hang: usize) -> Vec<String> {
    let first = wrap(s, cols).into_iter().next().unwrap_or_default();
    let rest = s.get(first.len()..).unwrap_or("").trim_start_matches(' ');
    let mut rows = vec![first];
    if !rest.is_empty() {
        let indent = " ".repeat(hang);
        rows.extend(wrap(rest, cols.saturating_sub(hang)).into_iter().map(|r| format!("{indent}{r}")));
    }
    rows
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

    #[test]
    fn wraps_at_spaces_and_between_chinese_characters() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("客户需求确认", 5), ["客户", "需求", "确认"]);
        assert_eq!(wrap("", 5), [""]);
        assert_eq!(wrap_hanging(" 1 [ ] one two three", 14, 7), [" 1 [ ] one two", "       three"]);
        assert_eq!(wrap_hanging(" 1 [ ] 能回答客户的问题", 14, 7), [" 1 [ ] 能回答", "       客户的", "       问题"]);
        assert_eq!(wrap("ab 客户", 4), ["ab", "客户"]);
        assert!(wrap("Kit packed: cards, catalogue, relevant news", 12).iter().all(|r| width(r) <= 12));
    }
}
