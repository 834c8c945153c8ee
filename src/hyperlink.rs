//! Phone numbers and e-mail addresses as terminal hyperlinks (OSC 8: `tel:` / `mailto:`) in
//! `show` and on the app's customer record, where a terminal can follow them; plain text
//! everywhere else (pipes, files, `TERM` of `dumb` or the Linux console, which print the
//! sequence instead of hiding it).
//!
//! The links are put in after the whole text was made printable ([`crate::text::printable`]
//! turns every control character of the data into a visible stand-in), so only the sequences
//! written here reach the terminal, and their URIs hold only characters they allow.

use std::io::IsTerminal;

/// A value of the text that becomes a link: on the first line starting (after its indent)
/// with `label` and ending with `value`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub label: String,
    pub value: String,
    pub uri: String,
}

impl Link {
    /// A phone number dialled by `tel:` (its `+` and digits, and `;ext=` its extension),
    /// shown as `shown`; `None` without digits.
    pub fn phone(label: String, phone: &str, shown: String) -> Option<Self> {
        let (number, extension) = crate::domain::phone::parts(phone);
        let digits: String = number.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
        let extension = extension.map(|e| format!(";ext={e}")).unwrap_or_default();
        (digits.chars().any(|c| c.is_ascii_digit())).then(|| Self {
            label,
            value: shown,
            uri: format!("tel:{digits}{extension}"),
        })
    }

    /// An e-mail address written to by `mailto:`; `None` when it has characters a URI
    /// would need escaped (a link to something other than what is shown is worse than none).
    pub fn email(label: String, email: &str) -> Option<Self> {
        let plain = email.contains('@')
            && email.chars().all(|c| c.is_ascii_alphanumeric() || ".@_+-!#$&'*=^`{|}~/".contains(c));
        plain.then(|| Self { label, value: email.to_string(), uri: format!("mailto:{email}") })
    }
}

/// Whether stdout is a terminal that shows hyperlinks (or hides the sequence).
pub fn terminal_shows_links() -> bool {
    let term = std::env::var("TERM").unwrap_or_default();
    std::io::stdout().is_terminal() && !matches!(term.as_str(), "" | "dumb" | "linux")
}

/// `text` (already printable) with each link's value made a hyperlink on its line.
pub fn with_links(text: &str, links: &[Link]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for link in links {
        let found = lines.iter_mut().find(|l| l.trim_start().starts_with(&link.label) && l.ends_with(&link.value));
        if let Some(line) = found {
            let at = line.len() - link.value.len();
            line.replace_range(at.., &osc8(&link.uri, &link.value));
        }
    }
    lines.join("\n")
}

/// `shown` as a hyperlink to `uri`.
pub fn osc8(uri: &str, shown: &str) -> String {
    format!("\x1b]8;;{uri}\x1b\\{shown}\x1b]8;;\x1b\\")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_on_their_lines_become_links() {
        let text = "Basic\n  Phone   138-0000-0001\n  E-mail  wang@huadong.cn\nNotes\n  138-0000-0001";
        let links = [
            Link::phone("Phone".into(), "138-0000-0001", "138-0000-0001".into()).unwrap(),
            Link::email("E-mail".into(), "wang@huadong.cn").unwrap(),
        ];
        let linked = with_links(text, &links);
        assert!(linked.contains("  Phone   \x1b]8;;tel:13800000001\x1b\\138-0000-0001\x1b]8;;\x1b\\\n"), "{linked:?}");
        assert!(linked.contains("\x1b]8;;mailto:wang@huadong.cn\x1b\\wang@huadong.cn\x1b]8;;\x1b\\"), "{linked:?}");
        assert!(linked.ends_with("Notes\n  138-0000-0001"), "only the field's line: {linked:?}");
        assert_eq!(
            Link::phone("Phone".into(), "+86 (138) 0000", "+86 (138) 0000".into()),
            Some(Link { label: "Phone".into(), value: "+86 (138) 0000".into(), uri: "tel:+861380000".into() })
        );
    }

    #[test]
    fn nothing_odd_gets_a_link() {
        assert_eq!(Link::phone("Phone".into(), "ask the secretary", String::new()), None);
        let extension = Link::phone("Phone".into(), "051265781234;ext=806", "0512 6578 1234 转 806".into());
        assert_eq!(extension.map(|l| l.uri).as_deref(), Some("tel:051265781234;ext=806"));
        assert_eq!(Link::email("E-mail".into(), "wang@huadong.cn\u{1b}]8;;http://x"), None);
        assert_eq!(Link::email("E-mail".into(), "wang at huadong"), None);
        assert_eq!(Link::email("E-mail".into(), "王@华东.cn"), None);
    }
}
