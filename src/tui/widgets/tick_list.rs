//! A list of items to tick inside a form (a person's buying roles, the people a visit met):
//! ↑/↓ move between items while there is one that way (the field keeps those keys, see
//! [`TickList::claims`]), the form's tick key ticks or unticks the item with the cursor, and an
//! item's number (the list is drawn numbered) ticks or unticks that item, and typing an item's
//! first letters (or its pinyin's: `j` for 决策者) moves the cursor to it.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::typed_pick::TypedPick;

/// Items with a tick each and a cursor.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TickList {
    items: Vec<(bool, String)>,
    cursor: usize,
    typed: TypedPick,
}

impl TickList {
    /// The items, ticked where the flag says so.
    pub fn new(items: Vec<(bool, String)>) -> Self {
        Self { items, cursor: 0, typed: TypedPick::default() }
    }

    /// The items with their ticks, and the cursor, for drawing.
    pub fn rows(&self) -> (Vec<(bool, String)>, usize) {
        (self.items.clone(), self.cursor)
    }

    /// The positions of the ticked items.
    pub fn ticked(&self) -> Vec<usize> {
        self.items.iter().enumerate().filter(|(_, (t, _))| *t).map(|(i, _)| i).collect()
    }

    /// True for ↑ or ↓ while there is an item that way, for an item's number and for a letter
    /// that starts an item's name: the list keeps the key. Else ↑/↓ move the form to the field
    /// before or after.
    pub fn claims(&self, key: &KeyEvent) -> bool {
        let last = self.items.len().saturating_sub(1);
        !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
            && match key.code {
                KeyCode::Up => self.cursor > 0,
                KeyCode::Down => self.cursor < last,
                KeyCode::Char(c) => self.numbered(c).is_some() || self.typed.peek(c, &self.names()).is_some(),
                _ => false,
            }
    }

    /// Acts on a key the list [`claims`](Self::claims): moves the cursor, or moves it to the
    /// numbered item and ticks or unticks it. True when a tick changed.
    pub fn key(&mut self, key: &KeyEvent) -> bool {
        if !self.claims(key) {
            return false;
        }
        match key.code {
            KeyCode::Up => self.cursor -= 1,
            KeyCode::Down => self.cursor += 1,
            KeyCode::Char(c) => {
                if let Some(item) = self.numbered(c) {
                    self.cursor = item;
                    return self.toggle();
                }
                let mut typed = std::mem::take(&mut self.typed);
                if let Some(item) = typed.push(c, &self.names()) {
                    self.cursor = item;
                }
                self.typed = typed;
            }
            _ => {}
        }
        false
    }

    /// Each item's name, for typing.
    fn names(&self) -> Vec<Vec<&str>> {
        self.items.iter().map(|(_, name)| vec![name.as_str()]).collect()
    }

    /// The item a digit names (1 the first, up to 9), if there is one.
    fn numbered(&self, c: char) -> Option<usize> {
        let n = c.to_digit(10)? as usize;
        (1..=self.items.len().min(9)).contains(&n).then(|| n - 1)
    }

    /// Ticks or unticks the item with the cursor; true when there was one.
    pub fn toggle(&mut self) -> bool {
        match self.items.get_mut(self.cursor) {
            Some((ticked, _)) => {
                *ticked = !*ticked;
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn the_list_keeps_the_arrows_inside_and_toggles_the_item_with_the_cursor() {
        let mut list = TickList::new(vec![(false, "a".into()), (true, "b".into())]);
        assert!(!list.claims(&key(KeyCode::Up)), "the first item: ↑ leaves the list");
        assert!(list.toggle());
        assert_eq!(list.ticked(), [0, 1]);
        assert!(list.claims(&key(KeyCode::Down)));
        assert!(!list.key(&key(KeyCode::Down)), "moving ticks nothing");
        assert!(!list.claims(&key(KeyCode::Down)), "the last item: ↓ leaves the list");
        assert!(list.toggle());
        assert_eq!(list.ticked(), [0]);
        assert!(!TickList::default().toggle());
    }

    #[test]
    fn an_items_number_ticks_it_and_a_number_past_the_list_is_not_kept() {
        let mut list = TickList::new(vec![(false, "a".into()), (false, "b".into()), (false, "c".into())]);
        assert!(list.key(&key(KeyCode::Char('3'))));
        assert_eq!(list.ticked(), [2]);
        assert_eq!(list.rows().1, 2, "the cursor goes to the item");
        assert!(list.key(&key(KeyCode::Char('1'))));
        assert!(list.key(&key(KeyCode::Char('3'))));
        assert_eq!(list.ticked(), [0]);
        for other in ['0', '4', 'x'] {
            assert!(!list.claims(&key(KeyCode::Char(other))), "{other}");
        }
    }

    #[test]
    fn typing_an_items_first_letters_moves_the_cursor_to_it_without_ticking() {
        let roles = ["Decision maker", "Gatekeeper", "决策者", "把关人"];
        let mut list = TickList::new(roles.iter().map(|r| (false, r.to_string())).collect());
        assert!(list.claims(&key(KeyCode::Char('g'))));
        assert!(!list.key(&key(KeyCode::Char('g'))), "nothing ticked");
        assert_eq!(list.rows().1, 1);
        list.key(&key(KeyCode::Char('j')));
        assert_eq!(list.rows().1, 2, "决策者 by its pinyin");
        list.key(&key(KeyCode::Char('把')));
        assert_eq!(list.rows().1, 3);
        assert!(!list.claims(&key(KeyCode::Char('z'))), "no item starts with z: the form's key");
        assert!(!list.claims(&key(KeyCode::Char(' '))), "Space stays the tick key");
        assert!(list.ticked().is_empty());
    }
}
