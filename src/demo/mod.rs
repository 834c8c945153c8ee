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

use std::sync::mpsc::{Receiver, SyncSender};

use crate::domain::VisitInput;
use crate::i18n::Lang;
use crate::store::bulk::{BulkContact, BulkCustomer, BulkDeal, BulkFact, BulkWriter};
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
///
/// The rows are made on a second thread while this one writes them ([`make`]): making them is
/// a fifth of the work, and the writer never waits for it. They are written in the order they
/// are made, so the same seed gives the same rows with the same ids.
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
        std::thread::scope(|scope| {
            let (send, made) = std::sync::mpsc::sync_channel(QUEUED_BATCHES);
            scope.spawn(move || make(&mut generator, size, lang, &send));
            write(w, size, &made)
        })
    })
}

/// Batches of rows the making thread may be ahead of the writer.
const QUEUED_BATCHES: usize = 64;
/// Rows handed over at a time (one hand-over per row would cost more than it carries).
const BATCH: usize = 256;

/// A row as made, handed to the writer.
enum Made {
    /// A customer with its deals, people, facts and notes (what its visits need to know stays
    /// with the generator).
    Customer(Box<Account>),
    /// A visit of the `customer`-th customer made, for its `deal`-th deal when it names one,
    /// meeting its people at these indexes.
    Visit { customer: usize, deal: Option<usize>, visit: Box<VisitInput>, created_at: String, met: Vec<i64> },
    /// A note of the inbox: (body, created_at).
    InboxNote(String, String),
}

/// A customer's rows: [`DemoCustomer`] without its meta.
struct Account {
    record: BulkCustomer,
    deals: Vec<BulkDeal>,
    facts: Vec<(Option<usize>, BulkFact)>,
    people: Vec<BulkContact>,
    notes: Vec<(String, String)>,
}

/// Makes every row of the demo, in the order they are written, and hands them over in
/// batches; stops early when the writer has stopped (its end of the channel dropped).
fn make(generator: &mut Generator, size: DemoSize, lang: Lang, send: &SyncSender<Vec<Made>>) {
    let mut batch = Vec::with_capacity(BATCH);
    let hand = |made: Made, batch: &mut Vec<Made>| {
        batch.push(made);
        batch.len() < BATCH || send.send(std::mem::replace(batch, Vec::with_capacity(BATCH))).is_ok()
    };
    let mut metas = Vec::with_capacity(size.customers as usize);
    let mut people = Vec::with_capacity(size.customers as usize);
    for _ in 0..size.customers {
        let c = generator.customer();
        metas.push(c.meta);
        people.push(c.people.len());
        let account = Account { record: c.record, deals: c.deals, facts: c.facts, people: c.people, notes: c.notes };
        if !hand(Made::Customer(Box::new(account)), &mut batch) {
            return;
        }
    }
    // Who a visit met is drawn from its account's people by index; the writer knows their ids.
    let indexes: Vec<i64> = (0..people.iter().copied().max().unwrap_or(0) as i64).collect();
    let refs: Vec<&CustomerMeta> = metas.iter().collect();
    for slot in generator.visit_plan(&refs, size.visits) {
        let meta = &metas[slot.customer];
        let (visit, created_at, deal, with_decider) = generator.visit(meta, &slot);
        let met = generator.met(&indexes[..people[slot.customer]], meta.decides, with_decider);
        let made = Made::Visit { customer: slot.customer, deal, visit: Box::new(visit), created_at, met };
        if !hand(made, &mut batch) {
            return;
        }
    }
    let tongue = if lang == Lang::ZhCn { Tongue::Zh } else { Tongue::En };
    for (body, at) in generator.inbox_notes(tongue) {
        if !hand(Made::InboxNote(body, at), &mut batch) {
            return;
        }
    }
    let _ = send.send(batch);
}

/// Writes the rows [`make`] hands over until it is done.
fn write(w: &mut BulkWriter, size: DemoSize, made: &Receiver<Vec<Made>>) -> Result<DemoSummary> {
    let mut summary = DemoSummary::default();
    // Per customer in the order made: its id, its deals' ids and its people's ids.
    let mut customers: Vec<(i64, Vec<i64>, Vec<i64>)> = Vec::with_capacity(size.customers as usize);
    for made in made.iter().flatten() {
        match made {
            Made::Customer(c) => {
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
                customers.push((id, deal_ids, people));
            }
            Made::Visit { customer, deal, visit, created_at, met } => {
                let (id, deal_ids, people) = &customers[customer];
                let visit_id = w.visit(*id, deal.and_then(|d| deal_ids.get(d)).copied(), *visit, &created_at)?;
                let met: Vec<i64> = met.iter().filter_map(|i| people.get(*i as usize).copied()).collect();
                w.met(visit_id, &met)?;
                summary.visits += 1;
            }
            Made::InboxNote(body, at) => {
                w.note(None, &body, &at)?;
                summary.notes += 1;
            }
        }
    }
    Ok(summary)
}
