//! vCard content lines: unfolding, `group.NAME;PARAM=..:value` splitting, and value decoding
//! (quoted-printable with its charset, base64, backslash escapes).

use encoding_rs::Encoding;

/// One unfolded content line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Property {
    /// Physical line where it starts (1-based).
    pub line: usize,
    /// `item1` in `item1.TEL` (iPhone, macOS label groups), lower-cased.
    pub group: Option<String>,
    /// Upper-cased name: `TEL`, `X-ABLABEL`, ...
    pub name: String,
    /// Parameters, names upper-cased; 2.1 bare words (`TEL;WORK;VOICE:`) become `TYPE`.
    pub params: Vec<(String, String)>,
    /// The raw value (still encoded and escaped).
    pub raw: String,
}

impl Property {
    /// Values of parameter `name` (comma lists split), lower-cased.
    pub fn param(&self, name: &str) -> Vec<String> {
        self.params
            .iter()
            .filter(|(n, _)| n == name)
            .flat_map(|(_, v)| v.split(',').map(|s| s.trim().trim_matches('"').to_lowercase()))
            .filter(|s| !s.is_empty())
            .collect()
    }

    /// True for base64 or binary values (photos, logos, sounds, keys).
    pub fn is_binary(&self) -> bool {
        self.param("ENCODING").iter().any(|e| e == "b" || e == "base64")
            || self.param("VALUE").iter().any(|v| v == "binary")
            || self.raw.starts_with("data:")
    }

    /// The decoded text: quoted-printable and charset undone, escapes kept (see [`unescape`]).
    pub fn text(&self) -> String {
        if self.param("ENCODING").iter().any(|e| e == "quoted-printable") {
            let bytes = decode_quoted_printable(&self.raw);
            let charset = self.param("CHARSET").into_iter().next().unwrap_or_else(|| "utf-8".into());
            let encoding = Encoding::for_label(charset.as_bytes()).unwrap_or(encoding_rs::UTF_8);
            encoding.decode(&bytes).0.into_owned()
        } else {
            self.raw.clone()
        }
    }
}

/// Joins folded lines. A line starting with a space or tab continues the previous one (the
/// first whitespace character is the fold). In quoted-printable values a line ending in `=`
/// continues on the next line (vCard 2.1 soft line break). Yields `(line, text)` pairs.
/// Linear in the text: whether a line is quoted-printable is read once, when its parameters
/// are complete (its colon is seen), never by re-reading the line as it grows.
pub fn unfold(text: &str) -> Unfold<'_> {
    Unfold { physical: text.split('\n').enumerate(), current: None, soft_break: false, quoted_printable: None }
}

/// The logical lines of a text, one at a time (see [`unfold`]): a big file is never held
/// line by line.
pub struct Unfold<'t> {
    physical: std::iter::Enumerate<std::str::Split<'t, char>>,
    /// The logical line being built: complete when the next one starts.
    current: Option<(usize, String)>,
    soft_break: bool,
    /// Of the logical line being built: quoted-printable, once its parameters are known.
    quoted_printable: Option<bool>,
}

impl Iterator for Unfold<'_> {
    type Item = (usize, String);

    fn next(&mut self) -> Option<(usize, String)> {
        loop {
            let Some((i, physical)) = self.physical.next() else { return self.current.take() };
            let physical = physical.strip_suffix('\r').unwrap_or(physical);
            let folded = physical.starts_with(' ') || physical.starts_with('\t');
            let mut finished = None;
            let added = match self.current.as_mut() {
                Some((_, last)) if self.soft_break => {
                    last.push_str(physical);
                    physical
                }
                Some((_, last)) if folded => {
                    last.push_str(&physical[1..]);
                    &physical[1..]
                }
                _ if physical.trim().is_empty() => {
                    self.soft_break = false;
                    continue;
                }
                _ => {
                    finished = self.current.replace((i + 1, physical.to_string()));
                    self.quoted_printable = None;
                    physical
                }
            };
            if self.quoted_printable.is_none() && added.contains(':') {
                self.quoted_printable = self.current.as_ref().map(|(_, l)| is_quoted_printable(l));
            }
            self.soft_break =
                self.quoted_printable == Some(true) && self.current.as_ref().is_some_and(|(_, l)| l.ends_with('='));
            if self.soft_break
                && let Some((_, last)) = self.current.as_mut()
            {
                last.pop();
            }
            if finished.is_some() {
                return finished;
            }
        }
    }
}

/// True when the line's parameters (before the value) say quoted-printable.
fn is_quoted_printable(line: &str) -> bool {
    let head = line.split(':').next().unwrap_or_default().to_ascii_uppercase();
    head.contains("QUOTED-PRINTABLE")
}

/// Splits `group.NAME;P=V;P2:value`; `None` for a line without a name or a colon.
pub fn parse_property(line: usize, text: &str) -> Option<Property> {
    let colon = value_colon(text)?;
    let (head, raw) = (&text[..colon], &text[colon + 1..]);
    let mut parts = split_unquoted(head, ';').into_iter();
    let full_name = parts.next()?.trim().to_string();
    let (group, name) = match full_name.rsplit_once('.') {
        Some((g, n)) => (Some(g.to_lowercase()), n.to_uppercase()),
        None => (None, full_name.to_uppercase()),
    };
    if name.is_empty() {
        return None;
    }
    let params = parts
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (k.trim().to_uppercase(), v.trim().to_string()),
            None => {
                let word = p.trim().to_uppercase();
                let key = if word == "QUOTED-PRINTABLE" || word == "BASE64" { "ENCODING" } else { "TYPE" };
                (key.to_string(), word)
            }
        })
        .collect();
    Some(Property { line, group, name, params, raw: raw.to_string() })
}

/// The colon that ends the parameters (not one inside a quoted parameter value).
fn value_colon(text: &str) -> Option<usize> {
    let mut quoted = false;
    for (i, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ':' if !quoted => return Some(i),
            _ => {}
        }
    }
    None
}

/// Splits on `sep` outside double quotes.
fn split_unquoted(text: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, c) in text.char_indices() {
        if c == '"' {
            quoted = !quoted;
        } else if c == sep && !quoted {
            parts.push(&text[start..i]);
            start = i + c.len_utf8();
        }
    }
    parts.push(&text[start..]);
    parts
}

/// Decodes `=XX` escapes; anything malformed is kept as it is.
fn decode_quoted_printable(raw: &str) -> Vec<u8> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(b) = hex {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// Splits a structured value (`N`, `ADR`, `ORG`) on unescaped `;` and unescapes each part.
pub fn components(value: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                current.push('\\');
                if let Some(next) = chars.next() {
                    current.push(next);
                }
            }
            ';' => parts.push(unescape(&std::mem::take(&mut current))),
            _ => current.push(c),
        }
    }
    parts.push(unescape(&current));
    parts
}

/// Undoes `\n` `\N` `\,` `\;` `\:` `\\`.
pub fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unfolds_crlf_lf_space_tab_and_soft_breaks() {
        let text = "BEGIN:VCARD\r\nNOTE:one\r\n  two\r\n\tthree\nNOTE;ENCODING=QUOTED-PRINTABLE:=E7=8E=8B=\r\n=E4=BC=9F\r\nEND:VCARD";
        let lines: Vec<_> = unfold(text).collect();
        assert_eq!(lines[1], (2, "NOTE:one twothree".to_string()), "the fold character itself is removed");
        assert_eq!(lines[2], (5, "NOTE;ENCODING=QUOTED-PRINTABLE:=E7=8E=8B=E4=BC=9F".to_string()));
        let p = parse_property(5, &lines[2].1).unwrap();
        assert_eq!(p.text(), "王伟");
        assert_eq!(lines[3].1, "END:VCARD");
    }

    #[test]
    fn a_long_folded_or_soft_broken_value_is_unfolded_in_one_pass() {
        // 3 MB of folds once took minutes: each physical line re-read the whole logical line.
        let folds =
            " =41=42=43=44=45=46=47=48=49=4A=4B=4C=4D=4E=4F=50=51=52=53=54=55=56=57=58=59=5A=\r\n".repeat(40_000);
        let no_colon = format!("BEGIN:VCARD\r\nNOTE;ENCODING=QUOTED-PRINTABLE\r\n{folds}END:VCARD\r\n");
        let lines: Vec<_> = unfold(&no_colon).collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[1].1.len(), "NOTE;ENCODING=QUOTED-PRINTABLE".len() + 79 * 40_000);
        assert_eq!(lines[2].1, "END:VCARD", "no colon: no quoted-printable, no soft break swallowing the end");
        let soft = "=41=42=43=44=45=46=47=48=49=4A=4B=4C=4D=4E=4F=50=51=52=53=54=55=56=57=58=59=5A=\r\n".repeat(40_000);
        let soft_broken = format!("BEGIN:VCARD\r\nNOTE;ENCODING=QUOTED-PRINTABLE:{soft}x\r\nEND:VCARD\r\n");
        let lines: Vec<_> = unfold(&soft_broken).collect();
        assert_eq!(lines.len(), 3);
        let note = parse_property(2, &lines[1].1).unwrap().text();
        assert_eq!(note.len(), 26 * 40_000 + 1);
        assert!(note.starts_with("ABCDEFGHIJKLMNOPQRSTUVWXYZABC") && note.ends_with("XYZx"));
    }

    #[test]
    fn parses_groups_params_and_21_bare_types() {
        let p = parse_property(1, "item1.TEL;type=CELL;type=pref:+86 138").unwrap();
        assert_eq!(p.group.as_deref(), Some("item1"));
        assert_eq!(p.name, "TEL");
        assert_eq!(p.param("TYPE"), ["cell", "pref"]);
        let p = parse_property(1, "TEL;WORK;VOICE:010-1234").unwrap();
        assert_eq!(p.param("TYPE"), ["work", "voice"]);
        let p = parse_property(1, "X-X;LABEL=\"a:b\":value").unwrap();
        assert_eq!(p.raw, "value");
        assert!(parse_property(1, "no colon here").is_none());
    }

    #[test]
    fn gbk_quoted_printable_and_escapes() {
        let p = parse_property(1, "FN;CHARSET=GBK;ENCODING=QUOTED-PRINTABLE:=CD=F5=CE=B0").unwrap();
        assert_eq!(p.text(), "王伟");
        assert_eq!(components("Wang;Wei\\;Jr;;"), ["Wang", "Wei;Jr", "", ""]);
        assert_eq!(unescape("a\\, b\\nc\\\\"), "a, b\nc\\");
        assert_eq!(decode_quoted_printable("=4"), b"=4");
    }
}
