//! Text laid out by display width, for both faces: Chinese characters take two terminal
//! columns, so columns line up and lines wrap by what the terminal shows, not by bytes.
//! Wrapping is `textwrap` with Unicode line breaking (UAX #14): at spaces, between Chinese
//! characters, never before a closing mark such as `，` or `）`.
//!
//! [`printable`] is the terminal's guard: everything either face prints or draws passes it.

use std::borrow::Cow;

use textwrap::{Options, WordSeparator, WrapAlgorithm};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `s` safe for a terminal, whatever its source (an imported card, a colleague's export, a
/// note): every control character but the line break and the tab — ESC, BEL, CR, backspace,
/// DEL, and the C1 controls such as CSI — becomes a visible stand-in (`␛`, `␇`, `␍`, `␈`,
/// `␡`; `�` for C1), so no text can move the cursor, clear the screen, set the window title or
/// write the clipboard. Borrowed when there is nothing to replace (the usual case).
pub fn printable(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe_control) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(|c| if is_unsafe_control(c) { stand_in(c) } else { c }).collect())
}

/// A control character a terminal may act on (line breaks and tabs only lay text out).
fn is_unsafe_control(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// The visible sign for control character `c`: its Unicode control picture, `�` for C1.
fn stand_in(c: char) -> char {
    match c {
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        _ => '\u{fffd}',
    }
}

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

/// `s` broken into rows of at most `cols` columns where Unicode allows a line break (at a
/// space, between Chinese characters), a word longer than a row anywhere. Spaces at a break are
/// dropped; a line break in `s` starts a new row.
pub fn wrap(s: &str, cols: usize) -> Vec<String> {
    wrap_hanging(s, cols, 0)
}

/// `text` wrapped to `cols` as the app and the command line's report wrap prose: between Chinese characters as at a space,
/// a count held to its words ("超出 26 天" not cut after 26; ratatui's wrapping breaks only at
/// spaces, so a line of Chinese was cut after its last Latin word).
pub fn wrap_prose(text: &str, cols: u16) -> String {
    text.lines()
        .flat_map(|l| if l.trim().is_empty() { vec![String::new()] } else { wrap_items(l, cols.into()) })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A line of items between ` · ` (`按时完成 38 · 逾期完成 2 · 未到期 129`) or after `、`
/// (`潜在客户 49、意向客户 41`) too wide for `cols` breaks between its items, each kept whole
/// where it fits a row (a `、` ends its row): Chinese words have no spaces, so prose wrapping
/// cut 未到|期 and 重点|客户 from their counts. Any other line wraps as prose.
fn wrap_items(line: &str, cols: usize) -> Vec<String> {
    const BETWEEN: &str = " · ";
    let (items, between): (Vec<&str>, &str) = if width(line) <= cols {
        return wrap(line, cols);
    } else if line.contains(BETWEEN) {
        (line.split(BETWEEN).collect(), BETWEEN)
    } else if line.contains('、') {
        (line.split_inclusive('、').collect(), "")
    } else {
        return wrap(line, cols);
    };
    let mut rows: Vec<String> = Vec::new();
    let mut row = String::new();
    for item in items {
        let joined = if row.is_empty() { item.to_string() } else { format!("{row}{between}{item}") };
        if width(&joined) <= cols {
            row = joined;
            continue;
        }
        if !row.is_empty() {
            rows.push(std::mem::take(&mut row));
        }
        let mut pieces = wrap(item, cols);
        row = pieces.pop().unwrap_or_default();
        rows.extend(pieces);
    }
    rows.push(row);
    rows
}

/// Like [`wrap`], with the rows after the first indented by `hang` columns (so an item's text
/// lines up under itself after its number).
pub fn wrap_hanging(s: &str, cols: usize, hang: usize) -> Vec<String> {
    let indent = " ".repeat(hang);
    let options = Options::new(cols.max(hang + 1))
        .word_separator(WordSeparator::UnicodeBreakProperties)
        .wrap_algorithm(WrapAlgorithm::FirstFit)
        .subsequent_indent(&indent);
    let glued = glue_numbers(s);
    let rows = textwrap::wrap(&glued, options).into_iter().map(|row| row.trim_end().to_string());
    match glued {
        Cow::Borrowed(_) => rows.collect(),
        Cow::Owned(_) => rows.map(|row| row.replace(GLUE, " ").replace(GLUED_HYPHEN, "-")).collect(),
    }
}

/// True for the CJK ideographs (and kana/hangul) that have no spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF |
        0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// A space that holds its neighbours on one row (no-break space), for [`glue_numbers`].
const GLUE: char = '\u{a0}';

/// A hyphen that holds its neighbours on one row (non-breaking hyphen), for a date's or a
/// number's hyphens in [`glue_numbers`].
const GLUED_HYPHEN: char = '\u{2011}';

/// The spaces and hyphens that must not end a row are held while wrapping: between the digit
/// groups of one number (`+86 21 6153 0693`, `2031-08-31`), and in Chinese text between a number and
/// the words beside it, so `超出 227 天` never ends a row with `超出` and starts the next with
/// `227`; text that has a no-break space of its own is left as it is.
fn glue_numbers(s: &str) -> Cow<'_, str> {
    let cjk = |c: char| is_cjk(c) || matches!(c, '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}');
    // Most rows drawn have no number beside a space: they pass through untouched.
    if !s.contains([' ', '-']) || !s.bytes().any(|b| b.is_ascii_digit()) || s.contains([GLUE, GLUED_HYPHEN]) {
        return Cow::Borrowed(s);
    }
    let chinese = s.chars().any(cjk);
    let chars: Vec<char> = s.chars().collect();
    // A count beside Chinese words (`227 天`) is held to them; a date or a phone number is too
    // long a word to hold to anything. Each char's word (between spaces) is known in one pass.
    let mut word_of = vec![0usize; chars.len()];
    let mut words: Vec<(usize, bool)> = Vec::new(); // (length, has a hyphen)
    for (i, c) in chars.iter().enumerate() {
        if *c == ' ' || i == 0 || chars[i - 1] == ' ' {
            words.push((0, false));
        }
        let word = words.len() - 1;
        word_of[i] = word;
        if *c != ' ' {
            words[word].0 += 1;
            words[word].1 |= *c == '-';
        }
    }
    let short = |i: usize| words[word_of[i]].0 <= 6 && !words[word_of[i]].1;
    let glue_at = |i: usize| {
        let (before, after) = (i.checked_sub(1).map(|j| chars[j]), chars.get(i + 1).copied());
        match (before, after) {
            (Some(b), Some(a)) => {
                (b.is_ascii_digit() && a.is_ascii_digit())
                    || (chinese
                        && ((b.is_ascii_digit() && cjk(a) && short(i - 1))
                            || (cjk(b) && (a.is_ascii_digit() || a == '¥') && short(i + 1))))
            }
            _ => false,
        }
    };
    let digits_around =
        |i: usize| i > 0 && chars[i - 1].is_ascii_digit() && chars.get(i + 1).is_some_and(char::is_ascii_digit);
    let glued_at = |i: usize| match chars[i] {
        ' ' if glue_at(i) => Some(GLUE),
        '-' if digits_around(i) => Some(GLUED_HYPHEN),
        _ => None,
    };
    if !(0..chars.len()).any(|i| glued_at(i).is_some()) {
        return Cow::Borrowed(s);
    }
    let glued = (0..chars.len()).map(|i| glued_at(i).unwrap_or(chars[i]));
    Cow::Owned(glued.collect())
}

/// One line of [`key_values`] output (or any indented line) wrapped to `cols`: the rows after
/// the first start under the value of a `label  value` line (labels are padded and followed by
/// two spaces), else under the line's first character.
pub fn wrap_labelled(line: &str, cols: usize) -> Vec<String> {
    wrap_hanging(line, cols, hang_of(line))
}

/// Every line of `text` wrapped by [`wrap_labelled`].
pub fn wrap_labelled_text(text: &str, cols: usize) -> String {
    text.lines()
        .flat_map(|l| if l.is_empty() { vec![String::new()] } else { wrap_labelled(l, cols) })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A gap further right than this is inside a value, not after a label.
const MAX_LABEL_HANG: usize = 24;

/// Where a line's wrapped rows start (see [`wrap_labelled`]).
fn hang_of(line: &str) -> usize {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[indent..];
    match rest.find("  ") {
        Some(gap) => {
            let value_at = indent + gap + rest[gap..].len() - rest[gap..].trim_start_matches(' ').len();
            let hang = width(&line[..value_at]);
            if hang <= MAX_LABEL_HANG { hang } else { indent }
        }
        None => indent,
    }
}

/// Label/value lines with the labels padded to the same display width; a value's further
/// lines are indented under its first.
pub fn key_values(pairs: &[(String, String)]) -> String {
    let label_w = pairs.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
    let mut lines = Vec::new();
    for (k, v) in pairs {
        let mut label = pad(k, label_w);
        for line in v.lines().chain(v.is_empty().then_some("")) {
            lines.push(format!("{label}  {line}").trim_end().to_string());
            label = " ".repeat(label_w);
        }
    }
    lines.join("\n")
}

/// Indents every line by two spaces (empty lines stay empty).
pub fn indent(text: &str) -> String {
    text.lines().map(|l| if l.is_empty() { String::new() } else { format!("  {l}") }).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_visible_stand_ins() {
        let clipboard = "\u{1b}]52;c;ZWNobyBwd25lZA==\u{7}";
        assert_eq!(printable(clipboard), "␛]52;c;ZWNobyBwd25lZA==␇");
        assert_eq!(printable("a\u{1b}[2Jb\rc\u{8}\u{7f}\u{9b}31m\u{85}"), "a␛[2Jb␍c␈␡�31m�");
        assert_eq!(printable("\u{0}"), "␀");
        assert!(matches!(printable("王伟\n\tlikes tea"), Cow::Borrowed("王伟\n\tlikes tea")));
        let cleaned = printable("x\u{1b}\u{9d}y");
        assert!(!cleaned.chars().any(|c| c.is_control()));
        assert_eq!(width(&cleaned), 4, "each stand-in takes one column");
    }

    #[test]
    fn chinese_counts_double_and_pads_exactly() {
        assert_eq!(width("王伟"), 4);
        assert_eq!(pad("王伟", 6), "王伟  ");
        assert_eq!(fit("深圳医疗器械", 7), "深圳医…");
        assert_eq!(width(&pad("深圳医疗器械", 7)), 7);
        assert_eq!(fit("Hangzhou Cloud", 8), "Hangzho…");
        assert_eq!(fit("上海华东机械有限公司", 7), "上海华…");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(pad_left("12", 4), "  12");
        assert_eq!(fit("abc", 0), "");
    }

    #[test]
    fn wraps_at_spaces_and_between_chinese_characters() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("客户需求确认", 5), ["客户", "需求", "确认"]);
        assert_eq!(wrap("", 5), [""]);
        // A number stays with the words beside it in Chinese: no row ends before 227 or 11.
        assert_eq!(wrap("逾期超出 227 天", 9), ["逾期超", "出 227 天"]);
        assert_eq!(wrap("优质客户 11 个", 9), ["优质客", "户 11 个"]);
        assert_eq!(wrap("a 1 b", 3), ["a 1", "b"], "English text wraps at its spaces as before");
        // A phone number's groups and a date stay on one row.
        assert_eq!(wrap("预计 2031-08-31 成交", 12), ["预计", "2031-08-31", "成交"]);
        assert_eq!(wrap("a well-known 3-4 split", 10), ["a well-", "known 3-4", "split"]);
        assert_eq!(wrap("Buyer · +86 21 6153 0693 · chris", 20), ["Buyer ·", "+86 21 6153 0693 ·", "chris"]);
        assert_eq!(wrap_hanging(" 1 [ ] one two three", 14, 7), [" 1 [ ] one two", "       three"]);
        assert_eq!(wrap_hanging(" 1 [ ] 能回答客户的问题", 14, 7), [" 1 [ ] 能回答", "       客户的", "       问题"]);
        assert_eq!(wrap("ab 客户", 4), ["ab", "客户"]);
        assert!(wrap("Kit packed: cards, catalogue, relevant news", 12).iter().all(|r| width(r) <= 12));
    }

    #[test]
    fn chinese_punctuation_stays_on_the_row_of_the_word_before_it() {
        let rows = wrap("先确认需求，再报价。", 12);
        assert!(rows.iter().all(|r| width(r) <= 12), "{rows:?}");
        assert!(rows.iter().all(|r| !r.starts_with('，') && !r.starts_with('。')), "{rows:?}");
        assert_eq!(rows.concat(), "先确认需求，再报价。");
    }

    #[test]
    fn a_no_break_space_keeps_its_neighbours_together() {
        assert_eq!(wrap("2/3 ✓\u{a0}Greet ✓\u{a0}Stock", 10), ["2/3", "✓\u{a0}Greet", "✓\u{a0}Stock"]);
    }

    #[test]
    fn wrapped_rows_start_under_the_value() {
        assert_eq!(hang_of("  MAN       M+a+N — keep in touch"), 12);
        assert_eq!(hang_of("  拜访频率  每 30 天"), 12);
        assert_eq!(hang_of("            - 给出两三个方案让他选"), 12);
        assert_eq!(hang_of("THIS VISIT"), 0);
        assert_eq!(hang_of("  a value with a gap far to the right                  here"), 2);
        assert_eq!(
            wrap_labelled("  Plan  bring the price list and samples", 24),
            ["  Plan  bring the price", "        list and samples"]
        );
        assert_eq!(wrap_labelled_text("A\n\n  B  x y", 6), "A\n\n  B  x\n     y");
    }

    #[test]
    fn key_values_line_up() {
        let out = key_values(&[("公司".into(), "x".into()), ("Phone".into(), "y".into())]);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0].find('x').map(|i| width(&lines[0][..i])), lines[1].find('y'));
        assert_eq!(key_values(&[("A".into(), "one\ntwo".into())]), "A  one\n   two");
        assert_eq!(indent("a\n\nb"), "  a\n\n  b");
    }

    /// A line of Chinese is broken between its characters, a count kept with its words (the
    /// screen cut "超出 26" from "天" and left "按 a" alone on a row).
    #[test]
    fn chinese_prose_wraps_between_characters_keeping_counts_whole() {
        let line = "久未联系：曹佳怡（超出 30 天）、曹杰（超出 37 天）、李浩然（超出 26 天）、徐磊（超出 18 天）";
        let rows = wrap_prose(line, 40);
        assert!(rows.lines().all(|r| width(r) <= 40), "{rows}");
        for count in ["30 天", "37 天", "26 天", "18 天"] {
            assert!(rows.lines().any(|r| r.contains(count)), "{count}: {rows}");
        }
        assert_eq!(rows.lines().count(), 3, "{rows}");
        let none = wrap_prose("还没有自我评估：按 a 开始（共十六条陈述，每条打 1 到 5 分）", 30);
        assert!(width(none.lines().next().unwrap_or_default()) > 24, "{none}");
    }

    /// A line of counted items breaks between its items at 80 columns (the next-steps line cut
    /// 未到|期 from its count).
    #[test]
    fn a_line_of_items_breaks_between_them() {
        let line = "本时段的下一步：150223 项——按时完成 111344 · 逾期完成 90 · 未完成 2967 · 未到期 35822";
        let rows = wrap_prose(line, 78);
        assert_eq!(rows, "本时段的下一步：150223 项——按时完成 111344 · 逾期完成 90 · 未完成 2967\n未到期 35822");
        assert_eq!(wrap_prose("按时完成 38 · 未到期 129", 78), "按时完成 38 · 未到期 129", "a line that fits is kept");
        let narrow = wrap_prose("按类型：客户拜访 7575、电话跟进 3629、售后回访 1228 · 产品演示 698", 20);
        assert!(narrow.lines().all(|r| width(r) <= 20), "an item wider than a row wraps as prose: {narrow}");
        let classes =
            "按客户分类：潜在客户 49、意向客户 41、准客户 13、普通客户 10、优质客户 9、重点客户 5、流失客户 13";
        assert_eq!(
            wrap_prose(classes, 78),
            "按客户分类：潜在客户 49、意向客户 41、准客户 13、普通客户 10、优质客户 9、\n重点客户 5、流失客户 13",
            "重点|客户 was cut from its count"
        );
    }
}
