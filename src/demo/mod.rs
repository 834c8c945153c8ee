//! Demo data (`fieldbook demo`, the first-start welcome): realistic and reproducible — the
//! same seed and the same "today" give the same rows. The generator is pure; [`load`] writes
//! what it makes in one bulk transaction.

mod generate;
mod names;
mod people;
mod roles;
mod texts;
mod texts_en;
mod texts_zh;

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::store::{Result, Store, StoreError};
pub use generate::{CustomerMeta, DemoCustomer, Generator, VisitSlot};
pub use people::Tongue;

/// Seed used when none is given.
pub const DEFAULT_SEED: u64 = 42;

/// How much demo data to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoSize {
    pub customers: u32,
    pub visits: u32,
}

/// One rep's book: 140 accounts and two years of visits (a large team's is 100,000).
impl Default for DemoSize {
    fn default() -> Self {
        Self { customers: 140, visits: 3000 }
    }
}

/// What a demo load wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoSummary {
    pub customers: u64,
    pub deals: u64,
    pub visits: u64,
    pub facts: u64,
    pub notes: u64,
}

/// Writes demo data of `size` made from `seed`, dated around the store clock's today, for a
/// rep working in `lang` (Chinese accounts in Chinese, English ones in English), in one
/// transaction. Refuses a database that already has customers unless `force`.
pub fn load(store: &mut Store, size: DemoSize, seed: u64, lang: Lang, force: bool) -> Result<DemoSummary> {
    let mut generator = Generator::new(seed, store.clock().today(), lang);
    // Refused before the load sets the file up for speed (which rewrites it).
    let existing = store.customer_count()?;
    if existing > 0 && !force {
        return Err(StoreError::NotEmpty { customers: existing });
    }
    store.bulk_load(|w| {
        let existing = w.customer_count()?;
        if existing > 0 && !force {
            return Err(StoreError::NotEmpty { customers: existing });
        }
        let mut summary = DemoSummary::default();
        let mut customers = Vec::with_capacity(size.customers as usize);
        for _ in 0..size.customers {
            let c = generator.customer();
            let id = w.customer(&c.record)?;
            let mut deal_ids = Vec::with_capacity(c.deals.len());
            for deal in &c.deals {
                deal_ids.push(w.deal(id, deal)?);
            }
            let mut people = Vec::with_capacity(c.people.len());
            for person in &c.people {
                people.push(w.contact(id, person)?);
            }
            for (about, fact) in &c.facts {
                w.fact(id, about.and_then(|p| people.get(p)).copied(), fact, &c.record.created_at)?;
            }
            for (body, at) in &c.notes {
                w.note(Some(id), body, at)?;
            }
            summary.customers += 1;
            summary.deals += c.deals.len() as u64;
            summary.facts += c.facts.len() as u64;
            summary.notes += c.notes.len() as u64;
            customers.push((id, deal_ids, c.meta, people));
        }
        let metas: Vec<&CustomerMeta> = customers.iter().map(|(_, _, m, _)| m).collect();
        for slot in generator.visit_plan(&metas, size.visits) {
            let (id, deal_ids, meta, people) = &customers[slot.customer];
            let (visit, created_at, deal) = generator.visit(meta, &slot);
            let visit_id = w.visit(*id, deal.and_then(|d| deal_ids.get(d)).copied(), visit, &created_at)?;
            w.met(visit_id, &generator.met(people))?;
            summary.visits += 1;
        }
        let tongue = if lang == Lang::ZhCn { Tongue::Zh } else { Tongue::En };
        for (body, at) in generator.inbox_notes(tongue) {
            w.note(None, &body, &at)?;
            summary.notes += 1;
        }
        Ok(summary)
    })
}
