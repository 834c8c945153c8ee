//! The generator's visits: when each happens, which scenario of the customer's history it
//! follows, its channel and type, its result and the next step it leaves.

use chrono::{NaiveDate, NaiveDateTime, Timelike};

use super::{CustomerMeta, Generator, Phase, RECENT_DAYS, VisitSlot, at, days_after, days_before, stamp};
use crate::demo::texts::{Due, Scenario, Slots, Via, fill, texts};
use crate::domain::{Channel, DealState, Outcome, Step, VisitInput, VisitKind};

/// A visit whose account is not seen again for longer than this leaves no next step.
const QUIET_DAYS: i64 = 120;

impl Generator {
    /// The visit in `slot`: a scenario of the step the deal it is about was at that moment
    /// (after a sale, after-sale care), with results when logged (some recent ones still
    /// missing them); returns it with its `created_at`, the index of the deal it belongs to
    /// (none before the account's first deal opened) and whether the decision maker was at it
    /// (final terms talked with them), or not (away, or to be found), when its words say.
    pub fn visit(
        &mut self,
        meta: &CustomerMeta,
        slot: &VisitSlot,
    ) -> (VisitInput, String, Option<usize>, Option<bool>) {
        let slot = &self.chained(slot);
        let t = texts(meta.tongue);
        let day = slot.at.date();
        let days_ago = (self.today - day).num_days();
        // The account's last visit is about the deal that moved since (the move came of it).
        let moved_since =
            slot.last.then(|| meta.moves.iter().filter(|p| p.at > slot.at).max_by_key(|p| p.at)).flatten();
        let hint = moved_since.map(|p| p.deal).or(slot.deal);
        let about = subject(meta, slot.at, hint, moved_since.is_some());
        let before_deal = about.is_none();
        let phase = about.or(meta.moves.iter().min_by_key(|p| p.at).copied()).unwrap_or(Phase {
            from: day,
            at: slot.at,
            deal: 0,
            step: Step::Preparation,
            state: DealState::Open,
        });
        // A customer who has bought before: now and then a care visit about what it bought,
        // between the visits of its next deal (not the visit a move came of).
        let won = meta.moves.iter().filter(|p| p.at <= slot.at && p.state == DealState::Won).max_by_key(|p| p.at);
        let after_sale = phase.state == DealState::Won
            || (hint.is_none() && won.is_some_and(|w| w.deal != phase.deal) && self.rng.u8(..4) == 0);
        let deal = match won {
            Some(w) if after_sale && phase.state != DealState::Won => w.deal,
            _ => phase.deal,
        };
        // The next deal of a customer who knows us begins with no first call, no first visit,
        // but a look for the next need (the last after-sale scenario).
        let returning = won.is_some_and(|w| w.deal != phase.deal) && phase.step.index() <= Step::Approach.index();
        let scenarios = match (after_sale, returning) {
            (true, _) => t.after_sale,
            (false, true) => &t.after_sale[t.after_sale.len() - 1..],
            (false, false) => t.scenarios[phase.step.index()],
        };
        // A step's first visit is its once-only one (the first call, the first visit).
        let once = (!after_sale && !returning && scenarios.iter().any(|o| o.once)).then(|| 1 << phase.step.index());
        // Before its deal opened, an account is visited to keep in touch (after the first
        // call); long in one step, most visits keep in touch rather than repeat the step's work.
        let stalled = before_deal || ((day - phase.from).num_days() > 60 && self.rng.bool());
        // Asking how the project stands (the last of them) wants a deal open: not before the
        // account's first, nor on a care visit after a sale ("waiting for budget approval" a
        // year after the only deal was won).
        let keep = match () {
            _ if after_sale || before_deal || phase.state != DealState::Open || phase.at > slot.at => {
                &t.keep_in_touch[..t.keep_in_touch.len() - 1]
            }
            _ => t.keep_in_touch,
        };
        let scenarios =
            if stalled && once.is_none_or(|bit| self.made_once[slot.customer] & bit != 0) { keep } else { scenarios };
        let before = self.last_purpose[slot.customer];
        let mut s = self.scenario(slot.customer, scenarios, once);
        // A purpose met at the visit before, or lately, is not pursued again ("they read it, we
        // meet on Thursday", then the next day "not read yet"), nor the visit before's purpose
        // before its step is due (a call "not needed for now", then the same call the next
        // day): the visit keeps in touch instead.
        let met_lately = self.met_lately[slot.customer]
            .iter()
            .any(|(purpose, on)| *purpose == s.purpose && (day - *on).num_days() < 60);
        let too_soon = self.step_due[slot.customer].is_some_and(|due| day < due);
        if s.purpose == before && (self.last_met[slot.customer] || too_soon) || met_lately {
            self.last_purpose[slot.customer] = before;
            s = self.scenario(slot.customer, keep, None);
        }
        // A visit planned that did not happen (or is still to come) is not the visit before
        // the next one logged; no two of an account's planned visits have the same purpose.
        if !slot.done {
            let planned = &self.planned[slot.customer];
            if planned.contains(&s.purpose) {
                let start = self.rng.usize(..keep.len());
                let free =
                    (0..keep.len()).map(|k| keep[(start + k) % keep.len()]).find(|k| !planned.contains(&k.purpose));
                s = free.unwrap_or(s);
            }
            self.planned[slot.customer].push(s.purpose);
            self.last_purpose[slot.customer] = before;
        }
        let n = self.rng.u32(2..20);
        let budget = meta.budgets.get(deal).map_or("", String::as_str);
        let product = meta.products.get(deal).or(meta.products.first());
        let slots = Slots {
            product: product.map_or("", |p| p.name),
            unit: product.map_or("", |p| p.unit),
            company: &meta.company_short,
            decider: &meta.decider,
            n,
            budget,
        };
        let f = |text: &str| fill(text, &slots);
        let channel = match (s.via, self.rng.u8(..18)) {
            (Via::Phone, _) => Channel::Phone,
            (Via::Message, _) => Channel::Message,
            // A meeting is at their place (上门); a demonstration or a talk may be on video.
            (Via::Meeting, _) | (Via::Demonstration, 0..=13) | (Via::Any, 0..=10) => Channel::InPerson,
            (Via::Any, 11..=15) => Channel::Phone,
            _ => Channel::Video,
        };
        let kind = match channel {
            _ if after_sale => VisitKind::AfterSaleCare,
            _ if s.via == Via::Demonstration => VisitKind::Demonstration,
            Channel::Phone => VisitKind::PhoneFollowUp,
            // The type is the rep's word, in the demo's language, whoever the customer is.
            Channel::Message => VisitKind::Custom(texts(self.tongue()).message_kind.to_string()),
            _ => VisitKind::CustomerVisit,
        };
        let mut v = VisitInput {
            channel,
            kind,
            purpose: f(s.purpose),
            action_plan: f(s.plan),
            expected_result: f(s.expect),
            ..VisitInput::blank()
        };
        // When it happened: the plan's time, or a later day of the account's last visit (below).
        let when = slot.at;
        let created = if slot.done {
            // Mostly the last few days' visits wait for their result, now and then an older one.
            // (Visits come oldest first: the older ones may take only part of the handful.)
            let missing = match days_ago {
                ..=3 => self.missing_left > 0 && self.rng.bool(),
                4.. if days_ago <= i64::from(RECENT_DAYS) => self.missing_left > 5 && self.rng.u8(..12) == 0,
                _ => false,
            };
            if missing {
                self.missing_left -= 1;
                self.step_due[slot.customer] = None;
            }
            if !missing {
                // A lost account's last visit did not go well; a closing visit gets the
                // signature only when the deal is won soon after.
                let roll = self.rng.u8(..20);
                let won_soon = meta.moves.iter().any(|p| {
                    p.deal == phase.deal
                        && p.state == DealState::Won
                        && p.from >= day
                        && (p.from - day).num_days() <= 14
                });
                let roll = match () {
                    _ if slot.last && meta.lost_days.is_some() => 19,
                    _ if phase.step == Step::Close && phase.state == DealState::Open && !won_soon => roll.max(11),
                    _ => roll,
                };
                // A visit that booked a day ("约在下周四下午") met its aim when the account is
                // seen that day; else it only partly did (the day was not kept).
                let booked = self.due_day(s.next[0].due, day);
                let kept = match slot.then.filter(|_| !slot.last) {
                    Some((then, fixed)) => self.next_visit_on(booked, day, then, fixed, meta.cadence).is_some(),
                    None => booked >= self.today && moved_since.is_none(),
                };
                let names_day = matches!(s.next[0].due, Due::On(_) | Due::NextWeek(_));
                let roll = if roll <= 10 && names_day && !kept { 11 } else { roll };
                let (outcome, actual, which) = match roll {
                    0..=10 => (Outcome::Met, s.met, 0),
                    11..=16 => (Outcome::Partly, s.partly, 1),
                    _ => (Outcome::NotMet, s.not_met, 2),
                };
                v.outcome = Some(outcome);
                self.last_met[slot.customer] = outcome == Outcome::Met;
                // (A visit that keeps in touch is made again and again.)
                if outcome == Outcome::Met && !t.keep_in_touch.iter().any(|k| k.purpose == s.purpose) {
                    let met = &mut self.met_lately[slot.customer];
                    met.retain(|(_, on)| (day - *on).num_days() < 60);
                    met.push((s.purpose, day));
                }
                v.actual_result = f(actual);
                v.next_topic = if self.rng.u8(..10) < 7 { f(s.topic) } else { String::new() };
                // A lost account's last visit leaves nothing to do; when the deal moved on
                // since (won, or a step further), what is still to do is the step it is at now,
                // set when it moved.
                let now = moved_since;
                let next = match now {
                    Some(p) if p.state == DealState::Won => Some((t.step_work[5], p.from)),
                    Some(p) => Some((t.step_work[p.step.index()], p.from)),
                    None => Some((s.next[which], day)),
                };
                if let Some((next, from)) = next.filter(|_| !(slot.last && meta.lost_days.is_some())) {
                    // A visit that missed its aim is tried again (one that only keeps in touch
                    // says what it does next instead).
                    v.next_step = match next.text {
                        Some(text) => f(text),
                        None => t.retry.replace("{purpose}", aim(&f(s.purpose))),
                    };
                    let mut due = self.due_day(next.due, from);
                    // A step of the account's history falls due when its next visit comes: that
                    // visit is made on the step's day, or the step is one that says when it
                    // comes. An account kept up with has the step its last visit left still to
                    // come, before its cadence runs out.
                    let on_cadence = days_ago < i64::from(meta.cadence);
                    let fitted = match slot.then.filter(|_| !slot.last) {
                        Some((then, fixed)) => match self.next_visit_on(due, day, then, fixed, meta.cadence) {
                            Some(on) => {
                                self.next_on[slot.customer] = Some(on);
                                None
                            }
                            None => Some(then),
                        },
                        None if slot.last && now.is_none() && due < self.today && on_cadence => {
                            Some(self.coming_day(day, meta.cadence))
                        }
                        None => None,
                    };
                    if let Some(then) = fitted {
                        // (What missed its aim is tried again then.)
                        v.next_step = match which {
                            2 => t.retry.replace("{purpose}", aim(&f(s.purpose))),
                            _ => self.follow_up(meta.tongue, day, then),
                        };
                        due = then;
                    }
                    v.next_step_on = Some(if slot.last { self.open_step_on(next.due, due, when.date()) } else { due });
                    // An account not seen again for months (its older history is thin) was
                    // left with nothing to do.
                    if fitted.is_some_and(|then| (then - day).num_days() > QUIET_DAYS) {
                        v.next_step.clear();
                        v.next_step_on = None;
                    }
                }
                self.step_due[slot.customer] = v.next_step_on;
                if self.rng.u8(..10) == 0 {
                    v.notes = self.pick(t.notes).to_string();
                }
            }
            v.done_at = Some(when);
            // A meeting was booked ahead (planned, then logged); a call is logged as made.
            if matches!(s.via, Via::Meeting | Via::Demonstration) && self.rng.u8(..10) < 7 {
                v.planned_at = Some(when);
                stamp(at(days_before(when.date(), self.rng.u32(1..10)), 8, 30))
            } else {
                stamp(when)
            }
        } else {
            v.planned_at = Some(slot.at);
            let booked = days_before(day, self.rng.u32(1..10)).min(self.today);
            stamp(at(booked, 8, 30))
        };
        // Final terms with the decision maker, unless "travelling, only met the assistant";
        // finding who decides has not met them yet.
        let with_decider = match () {
            _ if s.purpose.contains("{dm}") => Some(v.outcome != Some(Outcome::NotMet)),
            _ if s.next[0].text.is_some_and(|n| n.contains("{dm}")) => Some(false),
            _ => None,
        };
        (v, created, (!before_deal).then_some(deal), with_decider)
    }

    /// `slot`, made on the day the step of the account's visit before was due when that is
    /// earlier than the plan has it (see [`Generator::next_visit_on`]).
    fn chained(&mut self, slot: &VisitSlot) -> VisitSlot {
        if !slot.done {
            return *slot;
        }
        match self.next_on[slot.customer].take() {
            Some(day) if day < slot.at.date() => VisitSlot { at: at(day, slot.at.hour(), slot.at.minute()), ..*slot },
            _ => *slot,
        }
    }

    /// The day a step set on `visit` is due by `due`, off the rep's holidays: a step in so many
    /// days (or next quarter) the working day after them, a month end's the working day
    /// before; a weekday named stays that day.
    pub(super) fn due_day(&self, due: Due, visit: NaiveDate) -> NaiveDate {
        let day = due.day(visit);
        match due {
            Due::On(_) | Due::NextWeek(_) => day,
            Due::MonthEnd => Some(self.days_off.working(day, true)).filter(|d| *d > visit).unwrap_or(day),
            Due::Days(_) | Due::NextQuarter => self.days_off.working(day, false),
        }
    }

    /// The scenario a visit of `customer` follows among `scenarios`: the once-only one when
    /// the step (`once`, its bit) has one the customer did not have yet, else another than the
    /// customer's visit before, a message now and then only.
    fn scenario(&mut self, customer: usize, scenarios: &'static [Scenario], once: Option<u8>) -> Scenario {
        let first = once.is_some_and(|bit| {
            let made = &mut self.made_once[customer];
            let first = *made & bit == 0;
            *made |= bit;
            first
        });
        let start = self.rng.usize(..scenarios.len());
        let last = self.last_purpose[customer];
        let keeping_in_touch = std::ptr::eq(scenarios.as_ptr(), texts(self.tongue()).keep_in_touch.as_ptr());
        let mut choice = None;
        // Another than the visit before if the step has one (a rare one if nothing else is
        // left); the same again only if not.
        for (again, rarely) in [(false, false), (false, true), (true, true)] {
            for k in 0..scenarios.len() {
                let s = scenarios[(start + k) % scenarios.len()];
                let fits = s.once == first && (again || s.purpose != last);
                // A message books a meeting now and then; most first contacts are calls. One
                // keeps in touch by phone as often: dropping by (with a gift) one time in two.
                let rare = match s.via {
                    Via::Message => self.rng.bool(),
                    Via::Meeting if keeping_in_touch => self.rng.bool(),
                    _ => false,
                };
                if fits && (rarely || !rare) {
                    choice = Some(s);
                    break;
                }
            }
            if choice.is_some() {
                break;
            }
        }
        let choice = choice.unwrap_or(scenarios[start]);
        self.last_purpose[customer] = choice.purpose;
        choice
    }

    /// A working day to come on which an account last visited on `day` is to be contacted
    /// again: in the next two weeks, before its `cadence` runs out when that is later than
    /// tomorrow.
    fn coming_day(&mut self, day: NaiveDate, cadence: u32) -> NaiveDate {
        let end = days_after(day, cadence).max(days_after(self.today, 1));
        let span = (end - self.today).num_days().clamp(1, 14) as u32;
        let ahead = self.rng.u32(1..=span);
        self.work_day(days_after(self.today, ahead))
    }

    /// When the open next step of an account's last visit (on `day`) is due: the day its text
    /// names (`rule`, which gave `due`) when that is still to come, or a handful of times a few
    /// days late; else the rep has put it off (as reps do) in the last few days, to the day its
    /// words name from then, or from today (Monday is still a Monday), a few of them today.
    fn open_step_on(&mut self, rule: Due, due: NaiveDate, day: NaiveDate) -> NaiveDate {
        let on = self.open_step_day(rule, due, day);
        // Beyond a handful due today, the rep has set the step a day its words name from today.
        if on != self.today {
            return on;
        }
        if self.today_left == 0 {
            return self.due_day(rule, self.today);
        }
        self.today_left -= 1;
        on
    }

    /// The day [`Generator::open_step_on`] gives before the handful due today is counted.
    fn open_step_day(&mut self, rule: Due, due: NaiveDate, day: NaiveDate) -> NaiveDate {
        if due >= self.today {
            return due;
        }
        let days_late = (self.today - due).num_days();
        if self.late_left > 0 && days_late <= 6 && day < due {
            self.late_left -= 1;
            return due;
        }
        let put_off = days_before(self.today, self.rng.u32(1..=3));
        match self.rng.u8(..50) {
            // (Only a step that names no day: "at month end" is not due on the 6th.)
            0 if matches!(rule, Due::Days(_)) => self.today,
            // Counted from today when the days since it was put off are already gone.
            _ => {
                Some(self.due_day(rule, put_off)).filter(|d| *d > self.today).unwrap_or(self.due_day(rule, self.today))
            }
        }
    }
}

/// What a visit of an account at `at` is about: the deal `hint` (its index) when it was open
/// then, or when `opened_of_it` (the account's last visit, which the deal opened after), else
/// its newest deal open then (the one the app shows), else its newest won one (after-sale),
/// else its newest; with that deal's phase then (a deal not open yet: its first). None before
/// any of its deals opened.
fn subject(meta: &CustomerMeta, at: NaiveDateTime, hint: Option<usize>, opened_of_it: bool) -> Option<Phase> {
    let phase_of = |deal: usize| meta.moves.iter().rev().find(|p| p.deal == deal && p.at <= at).copied();
    if let Some(deal) = hint {
        let first = || meta.moves.iter().find(|p| p.deal == deal).copied().filter(|_| opened_of_it);
        if let Some(phase) = phase_of(deal).or_else(first) {
            return Some(phase);
        }
    }
    let now: Vec<Phase> = (0..meta.products.len()).filter_map(phase_of).collect();
    let newest = |state: DealState| now.iter().rev().find(|p| p.state == state);
    newest(DealState::Open).or_else(|| newest(DealState::Won)).or(now.last()).copied()
}

/// What a visit's purpose aims at, without its label ("电话跟进：资料收到没有" → "资料收到没有"):
/// the retry's own label goes before it, and two labels read as a doubled colon.
fn aim(purpose: &str) -> &str {
    purpose.rsplit_once(['：', ':']).map_or(purpose, |(_, rest)| rest.trim())
}
