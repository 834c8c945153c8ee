//! A step's or a visit type's checklist with its ticks: numbering and progress.

use serde::{Deserialize, Serialize};

/// One numbered checklist item and whether it is done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistItem {
    /// 1-based, as typed on the command line (`--tick 2`).
    pub number: u32,
    pub text: String,
    pub ticked: bool,
}

/// How many items of a checklist are done, e.g. `3/5`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub done: u32,
    pub total: u32,
}

impl Progress {
    /// True when every item is ticked (an empty list is complete).
    pub fn is_complete(&self) -> bool {
        self.done >= self.total
    }
}

impl std::fmt::Display for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.done, self.total)
    }
}

/// Numbers the item texts and marks the ticked numbers; ticks beyond the list are ignored.
pub fn items(texts: &[String], ticked: &[u32]) -> Vec<ChecklistItem> {
    texts
        .iter()
        .zip(1u32..)
        .map(|(text, number)| ChecklistItem { number, text: text.clone(), ticked: ticked.contains(&number) })
        .collect()
}

/// Done and total of a numbered list.
pub fn progress(items: &[ChecklistItem]) -> Progress {
    Progress { done: items.iter().filter(|i| i.ticked).count() as u32, total: items.len() as u32 }
}

/// Progress from a count of ticks (as the store counts them) and the list's length.
pub fn progress_of(ticks: u32, total: usize) -> Progress {
    let total = total as u32;
    Progress { done: ticks.min(total), total }
}

/// The items still open, in order.
pub fn unticked(items: &[ChecklistItem]) -> Vec<&ChecklistItem> {
    items.iter().filter(|i| !i.ticked).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_progress_and_open_items() {
        let texts: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        let list = items(&texts, &[1, 3, 9]);
        assert_eq!(list[0], ChecklistItem { number: 1, text: "a".into(), ticked: true });
        assert!(!list[1].ticked);
        assert_eq!(progress(&list).to_string(), "2/3");
        assert_eq!(unticked(&list).iter().map(|i| i.number).collect::<Vec<_>>(), vec![2]);
        assert!(!progress(&list).is_complete());
        assert_eq!(progress_of(7, 5), Progress { done: 5, total: 5 });
        assert!(progress_of(0, 0).is_complete());
    }
}
