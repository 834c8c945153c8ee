//! Picking an item of a form's list by typing its first letters: a choice's value or a
//! checklist's item whose name (English, Chinese, or the Chinese name's pinyin, whole or by
//! initials: `dh` or `dianhua` for 电话) starts with what was typed.

use crate::store::pinyin;

/// What was typed so far into a list, and which item it picks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TypedPick {
    typed: String,
}

impl TypedPick {
    /// Adds `c` (a letter or digit) to what was typed and returns the first of `names` (each
    /// item's names) that starts with it; when none does, starts again from `c` alone. `None`
    /// (and nothing kept) when no item starts with `c` either, or `c` is not a letter or digit.
    pub fn push<S: AsRef<str>>(&mut self, c: char, names: &[Vec<S>]) -> Option<usize> {
        let (typed, found) = self.after(c, names);
        self.typed = typed;
        found
    }

    /// The item [`Self::push`] would pick, without typing it.
    pub fn peek<S: AsRef<str>>(&self, c: char, names: &[Vec<S>]) -> Option<usize> {
        self.after(c, names).1
    }

    /// What is kept typed after `c`, and the item it picks.
    fn after<S: AsRef<str>>(&self, c: char, names: &[Vec<S>]) -> (String, Option<usize>) {
        if !c.is_alphanumeric() {
            // Space and signs are the form's keys (Space ticks, moves a choice on).
            return (self.typed.clone(), None);
        }
        let longer = format!("{}{c}", self.typed);
        if let Some(found) = first_starting(names, &longer) {
            return (longer, Some(found));
        }
        match first_starting(names, &c.to_string()) {
            Some(found) => (c.to_string(), Some(found)),
            None => (String::new(), None),
        }
    }

    /// Forgets what was typed (the value was changed another way).
    pub fn clear(&mut self) {
        self.typed.clear();
    }
}

/// The item one of whose names is `typed`, else the first one of whose names starts with it.
fn first_starting<S: AsRef<str>>(names: &[Vec<S>], typed: &str) -> Option<usize> {
    let typed = squeezed(typed);
    if typed.is_empty() {
        return None;
    }
    let ways: Vec<Vec<String>> =
        names.iter().map(|item| item.iter().flat_map(|name| ways_to_type(name.as_ref())).collect()).collect();
    ways.iter()
        .position(|item| item.contains(&typed))
        .or_else(|| ways.iter().position(|item| item.iter().any(|w| w.starts_with(&typed))))
}

/// How `name` can be typed: as written (lower case, without spaces or dashes), and for a name
/// with Chinese characters, its pinyin whole and by initials.
fn ways_to_type(name: &str) -> Vec<String> {
    let written = squeezed(name);
    let chars: Vec<char> = written.chars().collect();
    if !chars.iter().any(|c| pinyin::has_reading(*c)) {
        return vec![written];
    }
    let read = |c: &char| pinyin::readings(*c).first().map_or_else(|| c.to_string(), |r| r.to_string());
    let whole: String = chars.iter().map(read).collect();
    let initials: String = chars.iter().map(|c| read(c).chars().next().unwrap_or(*c)).collect();
    vec![written, whole, initials]
}

/// Lower case, without the spaces and dashes a typist leaves out.
fn squeezed(s: &str) -> String {
    s.trim().chars().filter(|c| !matches!(c, '-' | '_' | ' ')).flat_map(char::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Vec<Vec<&'static str>> {
        vec![vec!["in-person", "当面"], vec!["phone", "电话"], vec!["video", "视频"], vec!["visit", "拜访"]]
    }

    #[test]
    fn typing_picks_the_first_name_starting_with_it_in_either_language() {
        let mut pick = TypedPick::default();
        assert_eq!(pick.push('v', &names()), Some(2), "the first of video and visit");
        assert_eq!(pick.push('i', &names()), Some(2));
        assert_eq!(pick.push('s', &names()), Some(3), "vis: visit");
        assert_eq!(pick.push('p', &names()), Some(1), "no vis-p: starts again at p");
        let mut pick = TypedPick::default();
        assert_eq!(pick.push('d', &names()), Some(0), "dangmian");
        assert_eq!(pick.push('h', &names()), Some(1), "dh: dianhua's initials");
        let mut pick = TypedPick::default();
        assert_eq!(pick.push('电', &names()), Some(1));
        let mut pick = TypedPick::default();
        assert_eq!(pick.push('s', &names()), Some(2), "shipin");
        assert_eq!(pick.push('p', &names()), Some(2), "sp: shipin's initials");
        let mut pick = TypedPick::default();
        assert_eq!(pick.push('z', &names()), None, "nothing starts with z");
        assert_eq!(pick.push('p', &names()), Some(1), "and z was not kept");
        let words = [vec!["metric"], vec!["met"]];
        let mut pick = TypedPick::default();
        let typed: Vec<_> = "met".chars().map(|c| pick.push(c, &words)).collect();
        assert_eq!(typed, [Some(0), Some(0), Some(1)], "a name typed whole is that one");
    }
}
