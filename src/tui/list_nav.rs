//! Moving through a list or a scrolled text: the same six actions everywhere (one row up or
//! down, a page up or down, the first or the last row), never past either end.

use super::action::Action;

/// Where a selection (or scroll position) at `at` goes for `action`, in a list whose last row
/// is `last`, `page` rows to a page; `None` when `action` is not a move.
pub fn moved(action: Action, at: usize, page: usize, last: usize) -> Option<usize> {
    let to = match action {
        Action::Up => at.saturating_sub(1),
        Action::Down => at.saturating_add(1),
        Action::PageUp => at.saturating_sub(page),
        Action::PageDown => at.saturating_add(page),
        Action::Top => 0,
        Action::Bottom => last,
        _ => return None,
    };
    Some(to.min(last))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_stop_at_both_ends() {
        assert_eq!(moved(Action::Down, 3, 10, 4), Some(4));
        assert_eq!(moved(Action::Down, 4, 10, 4), Some(4));
        assert_eq!(moved(Action::Up, 0, 10, 4), Some(0));
        assert_eq!(moved(Action::PageDown, 1, 10, 40), Some(11));
        assert_eq!(moved(Action::PageDown, 35, 10, 40), Some(40));
        assert_eq!(moved(Action::PageUp, 5, 10, 40), Some(0));
        assert_eq!(moved(Action::Top, 7, 10, 40), Some(0));
        assert_eq!(moved(Action::Bottom, 7, 10, 40), Some(40));
        assert_eq!(moved(Action::Bottom, 0, 10, 0), Some(0), "an empty list stays at 0");
        assert_eq!(moved(Action::Open, 7, 10, 40), None);
    }
}
