//! Naming a customer the way a rep does: by its number, or by a name only it answers to
//! (`brief 王伟`, `show "Kevin Collins"`, `visit hengxin …`).

use crate::domain::today::CustomerRef;
use crate::store::{SearchKind, Store, StoreError};

/// What a customer's number or name found.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    /// Exactly this customer (a number is taken as given; whether it exists is said where it
    /// is used).
    One(i64),
    /// No customer answers to the name.
    NoOne,
    /// These customers answer to it, none of them exactly (the best first).
    Several(Vec<Candidate>),
}

/// A customer that answers to a name, and the person of its account that does, when it is
/// not the customer itself.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub customer: CustomerRef,
    pub person: Option<String>,
}

/// The customer `words` names: a number (`77`, `#77`), or words that the search box finds in
/// only one account's name, company or people (as written, in pinyin, by phone digits or
/// e-mail). When several accounts answer, the one whose customer name, company or person is
/// exactly `words` (letter case and spaces aside) is taken if it is the only such one.
pub fn find(store: &Store, words: &str) -> Result<Found, StoreError> {
    let words = words.trim();
    if let Some(id) = number(words) {
        return Ok(Found::One(id));
    }
    // Only who answers is read, not the hits' excerpts: their phones' extension word is moot.
    let hits = store.search(words, 100, "")?;
    let mut answering: Vec<(Candidate, bool)> = Vec::new();
    for hit in hits.into_iter().filter(|h| matches!(h.kind, SearchKind::Customer | SearchKind::Contact)) {
        let Some(customer) = hit.customer else { continue };
        let exact = [&hit.title, &customer.name, &customer.company].into_iter().any(|s| same_name(s, words));
        let person = (hit.kind == SearchKind::Contact && hit.title != customer.name).then_some(hit.title);
        match answering.iter_mut().find(|(c, _)| c.customer.id == customer.id) {
            Some((_, was_exact)) => *was_exact |= exact,
            None => answering.push((Candidate { customer, person }, exact)),
        }
    }
    let exact: Vec<i64> = answering.iter().filter(|(_, exact)| *exact).map(|(c, _)| c.customer.id).collect();
    Ok(match (answering.len(), exact.as_slice()) {
        (0, _) => Found::NoOne,
        (1, _) => Found::One(answering[0].0.customer.id),
        (_, [only]) => Found::One(*only),
        _ => Found::Several(answering.into_iter().map(|(c, _)| c).collect()),
    })
}

/// The customer number `words` is, if it is one (`77`, `#77`).
pub fn number(words: &str) -> Option<i64> {
    words.trim().trim_start_matches('#').parse().ok()
}

/// The same name, letter case and runs of spaces aside.
fn same_name(a: &str, b: &str) -> bool {
    let fold = |s: &str| s.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>().join(" ");
    !a.trim().is_empty() && fold(a) == fold(b)
}

#[cfg(test)]
mod tests {
    use super::same_name;

    #[test]
    fn same_name_ignores_case_and_spacing_only() {
        assert!(same_name("Kevin  Collins", "kevin collins"));
        assert!(same_name("王伟", " 王伟 "));
        assert!(!same_name("Kevin Collins", "Kevin"));
        assert!(!same_name("", ""));
    }
}
