//! The pure generator: customers with deals, histories, facts and notes, and visits spread
//! over the last two years and the next three weeks, all relative to "today".

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use fastrand::Rng;

use super::names::Names;
use super::people::{self, Person, Product, Tongue};
use super::roles;
use super::texts::{Slots, Texts, fill, texts};
use crate::domain::{
    BuyingRole, CadencePolicy, CustomerClass, DealState, Man, MonthDay, Portfolio, Step, Style, Tri, Word,
};
use crate::i18n::Lang;
use crate::store::bulk::{BulkContact, BulkCustomer, BulkDeal, BulkFact, BulkMove};

mod days_off;
mod follow_up;
mod plan;
mod visits;

use days_off::DaysOff;

/// Oldest customer, in days before today.
const MAX_AGE_DAYS: f64 = 900.0;
/// Visits go back at most this far.
const HISTORY_DAYS: u32 = 730;
/// Logged visits this recent may still miss their result; older ones have it.
const RECENT_DAYS: u32 = 10;

/// A customer as generated, with everything that belongs to it.
pub struct DemoCustomer {
    pub record: BulkCustomer,
    pub deals: Vec<BulkDeal>,
    /// Each with the index in `people` of the person it is about (a birthday, a hobby), or
    /// none for the account's own (its fiscal year, its suppliers).
    pub facts: Vec<(Option<usize>, BulkFact)>,
    /// The account's people: its own person first (the record's name), then 0 to 4 more.
    pub people: Vec<BulkContact>,
    /// (body, created_at).
    pub notes: Vec<(String, String)>,
    pub meta: CustomerMeta,
}

/// What the visits of a customer need to know about it.
pub struct CustomerMeta {
    /// The language the rep writes the account's visits in (the demo's).
    pub tongue: Tongue,
    /// What each of its deals sells (as its title says), in the order of its deals: a visit
    /// about a deal speaks of that deal's product.
    pub products: Vec<Product>,
    pub company_short: String,
    /// How the rep calls the account's decision maker (张总, or a name in English).
    pub decider: String,
    /// Which of its people decides (an index among them), when one is known to.
    pub decides: Option<usize>,
    /// Days between the customer's creation and today.
    pub age_days: u32,
    /// Its deals' history as the visits follow it, oldest first: the first deal's steps, then
    /// its close, then a follow-on deal's steps when there is one.
    pub phases: Vec<Phase>,
    /// Every move of every one of its deals, deal by deal, each deal's oldest first: what a
    /// visit is about at its moment (the deal the app shows, or the one that moves after it).
    pub moves: Vec<Phase>,
    /// Each move of its other deals (those beside the ones `phases` follows): the deal, the
    /// day the step began and the day it moved on. A visit comes before each of these too.
    pub side_moves: Vec<(usize, NaiveDate, NaiveDate)>,
    /// The budget its visits speak of, per deal (about the deal's value: 38万, ¥380k, $54k).
    pub budgets: Vec<String>,
    /// Days since the account was lost, when it was: it is not visited since.
    pub lost_days: Option<u32>,
    /// Its visit cadence in days (its override, else its quadrant's default).
    pub cadence: u32,
}

/// From a day on, a deal of the customer is at this step and state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phase {
    pub from: NaiveDate,
    /// The moment of the move (a visit earlier that day is still at the step before).
    pub at: NaiveDateTime,
    /// Index of the deal among the customer's deals.
    pub deal: usize,
    pub step: Step,
    pub state: DealState,
}

/// When a visit happens and whether it is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VisitSlot {
    /// Index of the customer in the order they were generated.
    pub customer: usize,
    pub at: NaiveDateTime,
    pub done: bool,
    /// The customer's last logged visit: its next step is the one still open.
    pub last: bool,
    /// For a logged visit, the day the plan has the account's next logged visit on, and
    /// whether that one is its last (which keeps its day: the account's last contact).
    pub then: Option<(NaiveDate, bool)>,
    /// For the visit a deal's move came of, that deal (its index among the account's deals).
    pub deal: Option<usize>,
}

impl VisitSlot {
    /// A visit of `customer` at `at`, logged (`done`) or planned; not the last.
    fn new(customer: usize, at: NaiveDateTime, done: bool) -> Self {
        Self { customer, at, done, last: false, then: None, deal: None }
    }
}

/// Seeded generator: the same seed and today give the same data.
pub struct Generator {
    rng: Rng,
    /// Draws for the extra deals of an account, apart from `rng` so the rest of the data stays
    /// what the same seed always gave.
    deal_rng: Rng,
    /// Draws for the account's people, apart from `rng` likewise.
    people_rng: Rng,
    /// Draws for who each visit met, apart from `rng` likewise.
    met_rng: Rng,
    /// The names given so far: no two people of the demo share one while names are left.
    names: Names,
    today: NaiveDate,
    /// The language of the demo: mostly Chinese accounts in Chinese, English ones in English.
    lang: Lang,
    /// How many more open next steps may be left late: a rep's backlog is a handful.
    late_left: u32,
    /// How many more open next steps may fall due today: a handful, as on any day (the steps
    /// of Thursday's and Friday's visits "in a day or two" all fell due on a Monday).
    today_left: u32,
    /// How many more recent visits may still miss their result: a handful too.
    missing_left: u32,
    /// Per customer of the visit plan, the steps whose once-only scenario (the first call,
    /// the first visit) it already had, one bit per step.
    made_once: Vec<u8>,
    /// Per customer of the visit plan, the purpose of its visit before (not made twice in a row).
    last_purpose: Vec<&'static str>,
    /// Per customer of the visit plan, whether its visit before met its aim (then the same
    /// purpose is not tried again: the visit keeps in touch instead).
    last_met: Vec<bool>,
    /// Per customer of the visit plan, the purposes it met in the last two months and when
    /// (a few): not pursued again so soon (new needs found twice in three weeks).
    met_lately: Vec<Vec<(&'static str, NaiveDate)>>,
    /// Per customer of the visit plan, the day its last logged visit's next step is due.
    step_due: Vec<Option<NaiveDate>>,
    /// Per customer of the visit plan, the day its next logged visit is made on when that is
    /// earlier than the plan has it: the day the step of the visit before was due.
    next_on: Vec<Option<NaiveDate>>,
    /// Per customer of the visit plan, the purposes of its visits still planned (or missed):
    /// not two of them with the same.
    planned: Vec<Vec<&'static str>>,
    /// The rep's holidays and sick days: no visit on them.
    days_off: DaysOff,
    /// How many accounts were made so far.
    accounts: u64,
}

fn days_before(day: NaiveDate, n: u32) -> NaiveDate {
    day.checked_sub_days(Days::new(n.into())).unwrap_or(day)
}

fn days_after(day: NaiveDate, n: u32) -> NaiveDate {
    day.checked_add_days(Days::new(n.into())).unwrap_or(day)
}

fn at(day: NaiveDate, hour: u32, minute: u32) -> NaiveDateTime {
    day.and_time(NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or(NaiveTime::MIN))
}

/// `day`, or for a weekend a working day of its own week (a past one) or of the week after
/// (a day to come), spread over the five by the day of the year so that no weekday takes
/// every weekend's visits.
fn working_day(day: NaiveDate, today: NaiveDate) -> NaiveDate {
    let from_monday = day.weekday().num_days_from_monday();
    if from_monday < 5 {
        return day;
    }
    let monday = if day <= today { days_before(day, from_monday) } else { days_after(day, 7 - from_monday) };
    days_after(monday, day.ordinal() % 5)
}

/// RFC 3339 UTC text for a generated moment (demo times are taken as UTC, so the data does
/// not depend on the machine's time zone).
pub fn stamp(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

impl Generator {
    /// A generator for `seed`, with dates relative to `today`, for a rep working in `lang`.
    pub fn new(seed: u64, today: NaiveDate, lang: Lang) -> Self {
        Self {
            rng: Rng::with_seed(seed),
            deal_rng: Rng::with_seed(seed.wrapping_add(0x5EED_DEA1)),
            people_rng: Rng::with_seed(seed.wrapping_add(0x9E09_1E00)),
            met_rng: Rng::with_seed(seed.wrapping_add(0x3E7_C0DE)),
            names: Names::default(),
            days_off: DaysOff::new(
                days_before(today, MAX_AGE_DAYS as u32 + 30),
                days_after(today, 90),
                lang,
                &mut Rng::with_seed(seed.wrapping_add(0x51C_DA75)),
            ),
            today,
            lang,
            late_left: 0,
            today_left: 0,
            missing_left: 0,
            made_once: Vec::new(),
            last_purpose: Vec::new(),
            last_met: Vec::new(),
            met_lately: Vec::new(),
            step_due: Vec::new(),
            next_on: Vec::new(),
            planned: Vec::new(),
            accounts: 0,
        }
    }

    /// The language the rep writes in.
    fn tongue(&self) -> Tongue {
        if self.lang == Lang::ZhCn { Tongue::Zh } else { Tongue::En }
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.rng.usize(..items.len())]
    }

    /// `day`, or for a weekend a working day of its week (see [`working_day`]); for a day
    /// off the working day before it (a past day) or after it (a day to come).
    fn work_day(&self, day: NaiveDate) -> NaiveDate {
        self.days_off.working(working_day(day, self.today), day <= self.today)
    }

    /// A working-hours time on `day`, or on the nearest working day toward today (Friday
    /// for a past weekend, Monday for a coming one; before or after a holiday), mostly
    /// outside the lunch break.
    fn office_time(&mut self, day: NaiveDate) -> NaiveDateTime {
        let day = self.work_day(day);
        let hour = self.pick(&[9, 9, 10, 10, 11, 11, 13, 14, 14, 15, 15, 16, 16, 17]);
        let minute = if hour == 13 { 30 } else { 15 * self.rng.u32(..4) };
        at(day, hour, minute)
    }

    /// When a deal moves on `day`: a working-hours time, after `before` (the move before, or
    /// the account's creation); the same day later on, or the next working day's morning.
    fn move_time(&mut self, day: NaiveDate, before: NaiveDateTime) -> NaiveDateTime {
        let time = self.office_time(day);
        if time > before {
            return time;
        }
        let mut later = before + chrono::Duration::minutes(90);
        if later.hour() == 12 {
            later = at(later.date(), 13, 30);
        }
        if later.date() == before.date() && later.time() <= NaiveTime::from_hms_opt(17, 30, 0).unwrap_or(NaiveTime::MIN)
        {
            return later;
        }
        at(self.days_off.working(days_after(before.date(), 1), false), 9, 30)
    }

    fn tri(&mut self) -> Tri {
        match self.rng.u8(..20) {
            0..=8 => Tri::Yes,
            9..=12 => Tri::No,
            _ => Tri::Unknown,
        }
    }

    /// Which of an account's people (`people`, its own person first) a visit meets: its own
    /// person, and in one visit of three a colleague too; none for an account without people.
    /// The decision maker (`decides`, an index in `people`) is among them when the visit was
    /// with them (`with_decider`: final terms talked), never when it was not (they were
    /// away, or still to be found).
    pub fn met(&mut self, people: &[i64], decides: Option<usize>, with_decider: Option<bool>) -> Vec<i64> {
        let mut met: Vec<usize> = (!people.is_empty()).then_some(0).into_iter().collect();
        if people.len() > 1 && self.met_rng.u8(..3) == 0 {
            met.push(self.met_rng.usize(1..people.len()));
        }
        if let (Some(decider), Some(with)) = (decides.filter(|d| *d < people.len()), with_decider) {
            met.retain(|p| *p != decider);
            if with {
                met.push(decider);
            }
        }
        met.into_iter().map(|p| people[p]).collect()
    }

    /// The next customer.
    pub fn customer(&mut self) -> DemoCustomer {
        let person = people::person(&mut self.rng, self.lang, &mut self.names, self.accounts);
        // What the rep writes (visits, deals, facts, notes, the product's name) is in the
        // rep's language, a foreign account's too; names stay the account's own.
        let rep = self.tongue();
        let t = texts(rep);
        let age_days = (self.rng.f64().sqrt() * MAX_AGE_DAYS) as u32;
        let created = self.office_time(days_before(self.today, age_days));
        let product = people::product(&mut self.rng, person.industry, rep);
        let (deals, products, class, follow_on) = self.deals(&person, &t, product, created, age_days);
        let (mut portfolio, cadence_days) = self.book_place();
        // An account lost is not one the rep sees weekly: it is left to improve the relationship
        // where possible (a star lost a year ago and not called since read as neglect).
        if class == CustomerClass::Lost && portfolio.is_some() {
            portfolio = Some(Portfolio::Dog);
        }
        let mut record = BulkCustomer {
            name: person.name.clone(),
            nickname: person.address_as.clone(),
            company: person.company.clone(),
            title: person.title.clone(),
            phone: person.phone.clone(),
            email: person.email.clone(),
            address: person.address.clone(),
            source: people::source(&mut self.rng, rep).to_string(),
            referred_by: String::new(),
            class,
            style: self.pick(&[Style::Driver, Style::Expressive, Style::Amiable, Style::Analytical, Style::Unknown]),
            man: Man { money: self.tri(), authority: self.tri(), need: self.tri() },
            portfolio,
            cadence_days,
            created_at: stamp(created),
        };
        let won = deals.iter().any(|d| d.state == DealState::Won);
        // By the presentation the rep knows who signs.
        let signs_known = deals.iter().any(|d| d.stage.index() >= Step::Presentation.index());
        let (people, known) = self.people(&record, &person, signs_known);
        let someone_decides = people.iter().any(|p| p.roles.contains(&BuyingRole::DecisionMaker));
        record.man = roles::man_that_fits(record.man, &people[0].roles, someone_decides, &deals);
        let budgets: Vec<String> = deals.iter().map(|d| budget(d, rep)).collect();
        let facts = self.facts(&t, known.as_deref(), won.then(|| budgets[0].as_str()), &people);
        // Nobody known to decide yet: the rep speaks of the boss.
        let decider = known.unwrap_or_else(|| match rep {
            Tongue::Zh => "老板".to_string(),
            Tongue::En => "the GM".to_string(),
        });
        let notes = (0..if self.rng.u8(..4) == 0 { self.rng.usize(1..=2) } else { 0 })
            .map(|_| {
                let day = days_before(self.today, self.rng.u32(..=age_days));
                (self.pick(t.notes).to_string(), stamp(self.office_time(day)))
            })
            .collect();
        let moves = phases(&deals, deals.len(), created);
        let phases = phases(&deals, if follow_on { 2 } else { 1 }, created);
        let side_moves = side_moves(&deals, follow_on);
        let lost_days = phases
            .last()
            .filter(|p| p.state == DealState::Lost)
            .map(|p| (self.today - p.from).num_days().max(0) as u32);
        let meta = CustomerMeta {
            tongue: rep,
            products,
            company_short: person.company_short,
            decider,
            decides: people.iter().position(|p| p.roles.contains(&BuyingRole::DecisionMaker)),
            age_days,
            phases,
            moves,
            side_moves,
            budgets,
            lost_days,
            cadence: CadencePolicy::default().interval(record.portfolio, record.cadence_days),
        };
        DemoCustomer { record, deals, facts, people, notes, meta }
    }

    /// Where an account sits in one rep's book and how often the rep sees it: a few stars and
    /// question marks (weekly), some cash cows (fortnightly), now and then an account with a
    /// cadence of its own; the rest dogs and accounts not assessed, seen monthly, every two
    /// months or quarterly (a cadence set on the account). With the visits its deals take,
    /// the default demo's 140 accounts make about 45 contacts a week, about six a working
    /// day in person, as one rep makes (300 accounts at the quadrants' defaults made 130).
    /// The quadrants are dealt in turn, not drawn (every hundred accounts have two stars),
    /// so that a small book is not one of ten weekly accounts where another has four.
    fn book_place(&mut self) -> (Option<Portfolio>, Option<u32>) {
        let turn = self.accounts * 61 % 100;
        self.accounts += 1;
        let portfolio = match turn {
            0..=1 => Some(Portfolio::Star),
            2..=3 => Some(Portfolio::QuestionMark),
            4..=11 => Some(Portfolio::CashCow),
            12..=35 => Some(Portfolio::Dog),
            _ => None,
        };
        let cadence = match portfolio {
            Some(Portfolio::Dog) => Some(self.pick(&[60, 90, 90, 90])),
            None => self.pick(&[
                None,
                Some(60),
                Some(60),
                Some(60),
                Some(60),
                Some(90),
                Some(90),
                Some(90),
                Some(90),
                Some(90),
            ]),
            _ if self.rng.u8(..20) == 0 => Some(self.pick(&[10, 21])),
            _ => None,
        };
        (portfolio, cadence)
    }

    /// The account's people: its own person, then 0 to 4 colleagues (one in two accounts has
    /// a known decision maker among them, one whose deal reached the presentation always
    /// (`signs_known`: who signs is known by then); some an insider, one at most), each with a
    /// style and roles; and how the rep calls the decision maker, when one of them is known to
    /// decide.
    fn people(
        &mut self,
        record: &BulkCustomer,
        person: &Person,
        signs_known: bool,
    ) -> (Vec<BulkContact>, Option<String>) {
        let tongue = person.tongue;
        let call = |p: &Person| if p.address_as.is_empty() { p.name.clone() } else { p.address_as.clone() };
        let rng = &mut self.people_rng;
        let styles = [Style::Driver, Style::Expressive, Style::Amiable, Style::Analytical, Style::Unknown];
        // A role the title fits: a plant director is not the buyer (he decides or influences),
        // a purchasing manager does not decide.
        let fits = roles::roles_of_title(&record.title);
        let drawn = match rng.u8(..6) {
            0 | 1 => Some(BuyingRole::Buyer),
            2 => Some(BuyingRole::User),
            3 => Some(BuyingRole::DecisionMaker),
            _ => None,
        };
        // (A role the title does not fit: the title's part besides deciding if it has one — a
        // plant director drawn as the buyer influences — else its own.)
        let other = fits.iter().find(|r| **r != BuyingRole::DecisionMaker).unwrap_or(&fits[0]);
        let own_roles: Vec<BuyingRole> =
            drawn.map(|role| if fits.contains(&role) { role } else { *other }).into_iter().collect();
        let own = BulkContact {
            name: record.name.clone(),
            title: record.title.clone(),
            phone: record.phone.clone(),
            email: record.email.clone(),
            style: record.style,
            roles: own_roles,
            created_at: record.created_at.clone(),
        };
        let domain = record.email.split_once('@').map_or("", |(_, d)| d).to_string();
        let extra = [0, 0, 1, 1, 1, 2, 2, 3, 4][rng.usize(..9)];
        let extra = if signs_known { extra.max(1) } else { extra };
        let others = [BuyingRole::Influencer, BuyingRole::User, BuyingRole::Insider, BuyingRole::Gatekeeper];
        let mut decider = own.roles.contains(&BuyingRole::DecisionMaker).then(|| call(person));
        let mut people = vec![own];
        for n in 0..extra {
            let draw = rng.u8(..4);
            let mut roles = match (n, draw) {
                // One decision maker known at most: the account's own person, or a colleague.
                (0, _) if decider.is_none() && (draw <= 1 || signs_known) => vec![BuyingRole::DecisionMaker],
                (_, 0) => vec![BuyingRole::Insider, BuyingRole::Buyer],
                _ => vec![others[rng.usize(..others.len())]],
            };
            // One insider at most (two who tell the inside story read as none): another one
            // influences, or buys.
            if people.iter().any(|p: &BulkContact| p.roles.contains(&BuyingRole::Insider)) {
                roles.retain(|r| *r != BuyingRole::Insider);
                if roles.is_empty() {
                    roles.push(BuyingRole::Influencer);
                }
            }
            // A colleague speaks the account's language; who decides has a title to match.
            let decides = roles.contains(&BuyingRole::DecisionMaker);
            let mut colleague = people::person_in(rng, tongue, decides, &mut self.names);
            // A title that fits the roles: a general manager who is not known to decide, or a
            // plant director said to be the buyer, would be a contradiction; such a colleague
            // has the title of someone who plays them (purchasing for a buyer). One title each
            // as far as the roles go (not two heads of engineering).
            let fits = roles::roles_of_title(&colleague.title);
            let misfit =
                !decides && (people::decides_by_title(&colleague.title) || !roles.iter().all(|r| fits.contains(r)));
            let taken: Vec<&str> = people.iter().map(|p| p.title.as_str()).collect();
            if misfit || taken.contains(&colleague.title.as_str()) {
                colleague.title = roles::title_for(&roles, tongue, &taken).to_string();
            }
            if decides && decider.is_none() {
                decider = Some(call(&colleague));
            }
            let local = colleague.email.split_once('@').map_or("", |(l, _)| l).to_string();
            // An office line is the account's city's (a Suzhou company's people are not in Nanjing).
            if tongue == Tongue::En {
                colleague.phone = people::in_office_of(&colleague.phone, &record.phone);
            }
            people.push(BulkContact {
                name: colleague.name,
                title: colleague.title,
                phone: colleague.phone,
                email: if domain.is_empty() { colleague.email } else { format!("{local}@{domain}") },
                style: styles[rng.usize(..styles.len())],
                roles,
                created_at: record.created_at.clone(),
            });
        }
        (people, decider)
    }

    /// The customer's deals (won or lost ones, then maybe a new open one) and what each
    /// sells (no two the same), its class, and whether its second deal follows the first, won
    /// one (rather than running beside it).
    fn deals(
        &mut self,
        person: &Person,
        t: &Texts,
        product: Product,
        created: NaiveDateTime,
        age_days: u32,
    ) -> (Vec<BulkDeal>, Vec<Product>, CustomerClass, bool) {
        let roll = if age_days < 20 { 99 } else { self.rng.u8(..100) };
        let state = match roll {
            0..=14 => DealState::Won,
            15..=24 => DealState::Lost,
            _ => DealState::Open,
        };
        let stage = match state {
            DealState::Won => Step::Close,
            _ => self.pick(&[
                Step::Preparation,
                Step::Preparation,
                Step::Approach,
                Step::Approach,
                Step::Survey,
                Step::Survey,
                Step::Presentation,
                Step::Close,
            ]),
        };
        let first = self.deal(person, t, product.name, created, self.today, stage, state);
        let mut deals = vec![first];
        let mut products = vec![product];
        let class = match state {
            DealState::Open => match stage {
                Step::Preparation | Step::Approach => CustomerClass::Potential,
                Step::Survey | Step::Presentation => CustomerClass::Intent,
                Step::Close => CustomerClass::Quasi,
            },
            DealState::Lost => CustomerClass::Lost,
            DealState::Won => self.pick(&[
                CustomerClass::Ordinary,
                CustomerClass::Ordinary,
                CustomerClass::Ordinary,
                CustomerClass::Quality,
                CustomerClass::Quality,
                CustomerClass::Key,
            ]),
        };
        let closed_on = deals[0].history.last().map(|m| m.at.clone()).unwrap_or_default();
        if state == DealState::Won && self.rng.u8(..10) < 4 {
            let since = NaiveDateTime::parse_from_str(&closed_on, "%Y-%m-%dT%H:%M:%SZ").unwrap_or(created);
            // The next deal opens on a working day after the close.
            let again = Some(self.move_time(days_after(since.date(), 1), since))
                .filter(|d| d.date() < self.today)
                .unwrap_or(since);
            let next_stage = self.pick(&[Step::Preparation, Step::Approach]);
            // What they buy next is another of the industry's products.
            let rep = self.tongue();
            let next = people::other_product(&mut self.deal_rng, person.industry, rep, &[product.name]);
            deals.push(self.deal(person, t, next.name, again, self.today, next_stage, DealState::Open));
            products.push(next);
            self.more_open_deals(&mut deals, &mut products, person, t, again);
            return (deals, products, class, true);
        }
        if state == DealState::Open {
            self.more_open_deals(&mut deals, &mut products, person, t, created);
        }
        (deals, products, class, false)
    }

    /// An account works on up to three deals at once: one in four gets a second open deal,
    /// fewer a third, some of them in dollars.
    fn more_open_deals(
        &mut self,
        deals: &mut Vec<BulkDeal>,
        products: &mut Vec<Product>,
        person: &Person,
        t: &Texts,
        start: NaiveDateTime,
    ) {
        std::mem::swap(&mut self.rng, &mut self.deal_rng);
        let extra = match self.rng.u8(..100) {
            0..=17 => 1,
            18..=24 => 2,
            _ => 0,
        };
        for _ in 0..extra.min(3usize.saturating_sub(deals.len())) {
            let stage = self.pick(&[Step::Preparation, Step::Approach, Step::Survey, Step::Presentation]);
            let rep = self.tongue();
            let sold: Vec<&str> = products.iter().map(|p| p.name).collect();
            let other = people::other_product(&mut self.rng, person.industry, rep, &sold);
            let mut deal = self.deal(person, t, other.name, start, self.today, stage, DealState::Open);
            products.push(other);
            if person.tongue == Tongue::En && self.rng.u8(..3) == 0 && deal.currency != "USD" {
                deal.currency = "USD".into();
                deal.value_minor = deal.value_minor.map(in_dollars);
            }
            deals.push(deal);
        }
        std::mem::swap(&mut self.rng, &mut self.deal_rng);
    }

    /// One deal that reached `stage` and `state`, its moves spread from `start` to before `end`.
    #[allow(clippy::too_many_arguments)]
    fn deal(
        &mut self,
        person: &Person,
        t: &Texts,
        product: &str,
        start: NaiveDateTime,
        end: NaiveDate,
        stage: Step,
        state: DealState,
    ) -> BulkDeal {
        let steps = stage.index();
        let moves = steps + usize::from(state != DealState::Open);
        let (opened, offsets) = self.pace(moves, state, (end - start.date()).num_days().max(1) as u64);
        // Opened when the account is added, or on a later working day; each move at its own
        // working hour, after the one before.
        let day = |offset: u64| start.date().checked_add_days(Days::new(offset)).unwrap_or(start.date());
        let opened_at = if opened == 0 { start } else { self.move_time(day(opened), start) };
        let mut history = vec![BulkMove {
            from: None,
            to: (Step::Preparation, DealState::Open),
            at: stamp(opened_at),
            reason: String::new(),
        }];
        let mut before = opened_at;
        for (i, offset) in offsets.iter().enumerate() {
            before = self.move_time(day(*offset), before);
            let when = stamp(before);
            let (from, to, reason) = if i < steps {
                ((Step::ALL[i], DealState::Open), (Step::ALL[i + 1], DealState::Open), String::new())
            } else if state == DealState::Lost {
                ((stage, DealState::Open), (stage, DealState::Lost), self.pick(t.lost_reasons).to_string())
            } else {
                ((stage, DealState::Open), (stage, DealState::Won), String::new())
            };
            history.push(BulkMove { from: Some(from), to, at: when, reason });
        }
        let lost_reason = history.last().filter(|_| state == DealState::Lost).map(|m| m.reason.clone());
        // Chinese accounts trade in yuan; foreign ones in dollars (in a Chinese demo always).
        let currency = match (person.tongue, self.lang) {
            (Tongue::Zh, _) => "CNY",
            (Tongue::En, Lang::ZhCn) => "USD",
            (Tongue::En, Lang::En) => {
                if self.rng.u8(..3) == 0 {
                    "USD"
                } else {
                    "CNY"
                }
            }
        };
        BulkDeal {
            title: fill(
                self.pick(t.deal_titles),
                &Slots { product, unit: "", company: &person.company_short, decider: "", n: 0, budget: "" },
            ),
            value_minor: Some(i64::from(self.rng.u32(2..200)) * 10_000 * 100)
                .map(|v| if currency == "USD" { in_dollars(v) } else { v }),
            currency: currency.into(),
            stage,
            state,
            lost_reason: lost_reason.unwrap_or_default(),
            expected_close_on: (state == DealState::Open).then(|| days_after(self.today, self.rng.u32(7..120))),
            history,
        }
    }

    /// When a deal opens and its `moves` happen, in days after the earliest day it can start,
    /// within `span` days: each step takes one to eight weeks, as deals go; an open deal has
    /// waited in its step up to six weeks since, a closed one closed any time (squeezed when
    /// the span is shorter).
    fn pace(&mut self, moves: usize, state: DealState, span: u64) -> (u64, Vec<u64>) {
        let steps: Vec<u64> = (0..moves).map(|_| self.rng.u64(7..=56)).collect();
        let waited = if state == DealState::Open { self.rng.u64(..=42) } else { 0 };
        let needed = steps.iter().sum::<u64>() + waited;
        let free = span.saturating_sub(needed);
        let opened = if state == DealState::Open { free } else { self.rng.u64(..=free) };
        let mut at = opened;
        let offsets = steps
            .iter()
            .map(|d| {
                at += if needed > span { d * span / needed } else { *d };
                at.min(span.saturating_sub(1))
            })
            .collect();
        (opened, offsets)
    }

    /// Birthdays, anniversaries and a few other facts; the commercial history (past orders,
    /// complaints) only of a customer who bought, at about `bought` a year. Personal ones are,
    /// one in two, about a colleague among the account's `people` rather than its own person.
    /// One account in two has a birthday written down, a key person's: the decision maker's
    /// or the insider's when one is known (the method's important dates), any day of the year,
    /// so a week of 140 accounts has one or two, as life gives; the book's first account has
    /// its in the coming week (the review shows one).
    fn facts(
        &mut self,
        t: &Texts,
        decider: Option<&str>,
        bought: Option<&str>,
        people: &[BulkContact],
    ) -> Vec<(Option<usize>, BulkFact)> {
        let mut facts = Vec::new();
        let soon = self.accounts == 1;
        if soon || self.rng.u8(..2) == 0 {
            let day = if soon {
                days_after(self.today, self.rng.u32(..7))
            } else {
                days_after(NaiveDate::from_yo_opt(2000, 1).unwrap_or(self.today), self.rng.u32(..366))
            };
            let key =
                |p: &BulkContact| p.roles.iter().any(|r| matches!(r, BuyingRole::DecisionMaker | BuyingRole::Insider));
            let about = match people.iter().position(key) {
                Some(0) => None,
                Some(i) => Some(i),
                None => self.someone(people.len()),
            };
            // Who decides is seldom under forty (a 董事长 born in 1997 read as a misprint).
            let senior = people.get(about.unwrap_or(0)).is_some_and(|p| p.roles.contains(&BuyingRole::DecisionMaker));
            let born = if senior { 1962..1983 } else { 1968..1999 };
            facts.push((about, self.date_fact(t.dates.0, day, born)));
        }
        if self.rng.u8(..7) == 0 {
            let label = self.pick(t.dates.1);
            let day = days_after(self.today, self.rng.u32(..365));
            // The company's own anniversary (listed first) is the account's; a wedding is someone's.
            let (about, since) =
                if label == t.dates.1[0] { (None, 1985..2016) } else { (self.someone(people.len()), 1990..2021) };
            facts.push((about, self.date_fact(label, day, since)));
        }
        let mut taken = Vec::new();
        for _ in 0..self.rng.usize(1..=4) {
            let i = self.rng.usize(..t.facts.len());
            if taken.contains(&i) {
                continue;
            }
            taken.push(i);
            let (category, label, values) = t.facts[i];
            let n = self.rng.u32(2..30);
            let value = self.pick(values);
            // Who decides is written down once known; what they bought, once they did.
            let unknown = (value.contains("{dm}") && decider.is_none())
                || (category == crate::domain::FactCategory::Commercial && bought.is_none());
            if unknown {
                continue;
            }
            let (decider, budget) = (decider.unwrap_or_default(), bought.unwrap_or_default());
            let value = fill(value, &Slots { product: "", unit: "", company: "", decider, n, budget });
            let about =
                if category == crate::domain::FactCategory::Personal { self.someone(people.len()) } else { None };
            facts.push((about, BulkFact { category, label: label.into(), value, month_day: None }));
        }
        facts
    }

    /// Whom a personal fact is about: one in two a colleague (an index among `people` past
    /// the account's own person), else the account itself (its own person).
    fn someone(&mut self, people: usize) -> Option<usize> {
        (people > 1 && self.rng.bool()).then(|| self.rng.usize(1..people))
    }

    /// An important date on `day`'s month and day, of a year among `years` (a birth, a
    /// founding, a wedding).
    fn date_fact(&mut self, label: &str, day: NaiveDate, years: std::ops::Range<u32>) -> BulkFact {
        let year = self.rng.u32(years);
        BulkFact {
            category: crate::domain::FactCategory::Personal,
            label: label.into(),
            value: format!("{year}-{:02}-{:02}", day.month(), day.day()),
            month_day: MonthDay::new(day.month(), day.day()),
        }
    }

    /// The notes of the inbox (not filed under a customer): each a different one, jotted on
    /// the last few days before today (not later today than it is yet), oldest first (the
    /// inbox lists notes by id, newest first: the order they are saved in).
    pub fn inbox_notes(&mut self, tongue: Tongue) -> Vec<(String, String)> {
        let mut bodies = texts(tongue).inbox.to_vec();
        self.rng.shuffle(&mut bodies);
        let mut times = std::collections::BTreeSet::new();
        while times.len() < bodies.len() {
            let day = days_before(self.today, self.rng.u32(1..6));
            times.insert(self.office_time(day));
        }
        bodies.into_iter().zip(times).map(|(body, at)| (body.to_string(), stamp(at))).collect()
    }
}

/// The customer's phases: each move of its first deal (at `created` when unreadable), then
/// each move of the deals after it, `deals_followed` in all.
fn phases(deals: &[BulkDeal], deals_followed: usize, created: NaiveDateTime) -> Vec<Phase> {
    let mut phases = Vec::with_capacity(8);
    for (index, deal) in deals.iter().enumerate().take(deals_followed) {
        for m in &deal.history {
            let at = NaiveDateTime::parse_from_str(&m.at, "%Y-%m-%dT%H:%M:%SZ").unwrap_or(created);
            phases.push(Phase { from: at.date(), at, deal: index, step: m.to.0, state: m.to.1 });
        }
    }
    phases
}

/// The moves of the deals beside those [`phases`] follows, as (the deal's index, the day the
/// step began, the day the deal moved on).
fn side_moves(deals: &[BulkDeal], follow_on: bool) -> Vec<(usize, NaiveDate, NaiveDate)> {
    let day = |at: &str| at.get(..10).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let skip = if follow_on { 2 } else { 1 };
    deals
        .iter()
        .enumerate()
        .skip(skip)
        .flat_map(|(i, d)| d.history.windows(2).filter_map(move |pair| Some((i, day(&pair[0].at)?, day(&pair[1].at)?))))
        .collect()
}

/// The budget a customer speaks of for `deal`: about its value, rounded as people say it
/// (38万; ¥380k or $54k in English).
fn budget(deal: &BulkDeal, tongue: Tongue) -> String {
    let units = deal.value_minor.unwrap_or(0) / 100;
    let symbol = if deal.currency == "USD" { "$" } else { "¥" };
    match tongue {
        Tongue::Zh if deal.currency == "CNY" => format!("{}万", (units * 11 / 10 / 10_000).max(1)),
        _ if units >= 1_000_000 => format!("{symbol}{:.1}m", units as f64 * 1.1 / 1_000_000.0),
        _ => format!("{symbol}{}k", (units * 11 / 10 / 1_000).max(1)),
    }
}

/// A yuan amount as a round dollar amount of about the same worth (thousands of dollars).
fn in_dollars(yuan_minor: i64) -> i64 {
    ((yuan_minor / 7) / 100_000).max(1) * 100_000
}
