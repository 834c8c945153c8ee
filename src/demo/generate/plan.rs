//! The generator's visit plan: when each visit happens and for which account. An account
//! followed by its visit cadence was last contacted within its interval, as a rep keeps up,
//! save a handful due, fewer overdue and one or two long neglected; a deal moves on (or
//! closes) after a visit.

use chrono::{Datelike, NaiveDate, Weekday};

use std::collections::HashSet;

use super::{CustomerMeta, Generator, HISTORY_DAYS, VisitSlot, at, days_after, days_before};
use crate::domain::CadencePolicy;

impl Generator {
    /// When each of `count` visits happens, oldest first (so ids grow with time): a few
    /// appointments today; each account's last contact (within its cadence but for a handful)
    /// and a visit before each move of its deals, as far as the visits go; the rest some in the next three weeks, a
    /// few missed ones, and logged over the last two years before the account's last contact;
    /// a lost account is visited only before it was lost. Each customer's last logged visit
    /// is marked: its next step is the one still open.
    pub fn visit_plan(&mut self, customers: &[&CustomerMeta], count: u32) -> Vec<VisitSlot> {
        if customers.is_empty() {
            return Vec::new();
        }
        self.late_left = (customers.len() as u32 / 50).clamp(4, 10);
        self.today_left = (customers.len() as u32 / 40).clamp(3, 8);
        self.missing_left = (customers.len() as u32 / 40).clamp(3, 12);
        self.made_once = vec![0; customers.len()];
        self.last_purpose = vec![""; customers.len()];
        self.last_met = vec![false; customers.len()];
        self.met_lately = vec![Vec::new(); customers.len()];
        self.step_due = vec![None; customers.len()];
        self.next_on = vec![None; customers.len()];
        self.planned = vec![Vec::new(); customers.len()];
        let today_count = count.min((count / 500).clamp(2, 8));
        let mut slots = Vec::with_capacity(count as usize);
        // The days each account has a visit planned on: one a day (two calls to one account
        // on one day read as a slip).
        let mut booked: HashSet<(usize, NaiveDate)> = HashSet::new();
        for i in 0..today_count {
            // Today's appointments are with accounts still worked on, each its own.
            let mut customer = self.rng.usize(..customers.len());
            for _ in 0..8 {
                if customers[customer].lost_days.is_none() && !booked.contains(&(customer, self.today)) {
                    break;
                }
                customer = self.rng.usize(..customers.len());
            }
            booked.insert((customer, self.today));
            let hour = [10, 14, 11, 15, 9, 16, 10, 17][i as usize % 8];
            slots.push(VisitSlot::new(customer, at(self.today, hour, 30 * (i / 8 % 2)), false));
        }
        let mut left = count - today_count;
        let last = self.last_contacts(customers);
        // The days each account has a logged visit on: one a day at most.
        let mut logged: HashSet<(usize, NaiveDate)> = HashSet::with_capacity(count as usize);
        // Per account, the visits before its deals' moves, in days before today.
        let mut made: Vec<Vec<u32>> = vec![Vec::new(); customers.len()];
        for (customer, meta) in customers.iter().enumerate() {
            if left == 0 {
                break;
            }
            if let Some(back) = last[customer] {
                let day = self.days_off.working(self.working_day_back(back), true);
                logged.insert((customer, day));
                slots.push(VisitSlot::new(customer, self.office_time(day), true));
                left -= 1;
            }
            // A visit before each move of its deals: what the move came of. A lost account was
            // last seen before it was lost, one left behind its cadence at its last contact.
            let behind = last[customer].filter(|back| *back >= meta.cadence);
            let latest = behind.or(meta.lost_days.map(|d| d + 1)).unwrap_or(0);
            for (deal, from, to) in before_moves(meta, latest, self.today) {
                let mut back = from + self.rng.u32(..=to - from);
                // A visit already in the ten days (another deal's move, the last contact) is
                // the one the move came of.
                if (from..=to).any(|b| logged.contains(&(customer, days_before(self.today, b)))) {
                    continue;
                }
                // A working day of the ten (a weekend's visit spread over its week, or a holiday's
                // made the working day before it, could fall weeks before the move: a deal lost
                // after the Spring Festival had its last visit seventeen days before).
                while back > from && self.days_off.is_off(days_before(self.today, back)) {
                    back -= 1;
                }
                let day = self.work_day(days_before(self.today, back));
                if left > 0 && logged.insert((customer, day)) {
                    slots.push(VisitSlot { deal: Some(deal), ..VisitSlot::new(customer, self.office_time(day), true) });
                    made[customer].push((self.today - day).num_days().max(0) as u32);
                    left -= 1;
                }
            }
        }
        // About one visit in twenty-five is still to come, a few were missed; the rest are
        // logged, back in time at each account's cadence as far as they go, the few left over
        // anywhere in an account's history.
        let mut planned = left * 41 / 1000;
        let walked = self.walk_back(customers, &last, &made, &mut logged, left - planned);
        left -= walked.len() as u32;
        slots.extend(walked);
        // Re-drawing an account that has no free day left is bounded (every draw could fail
        // on a tiny demo of young accounts).
        let mut redraws = 0;
        // Per account, its visits planned ahead.
        let mut ahead = vec![0u8; customers.len()];
        while left > 0 {
            let customer = self.rng.usize(..customers.len());
            let meta = customers[customer];
            let age = meta.age_days.min(HISTORY_DAYS);
            // The most recent day the account is visited on, in days before today.
            let until = meta.lost_days.map_or(0, |d| d + 1).max(last[customer].unwrap_or(0)).min(age);
            let roll = if meta.lost_days.is_some() || planned == 0 { 999 } else { self.rng.u16(..41) };
            planned = planned.saturating_sub(u32::from(roll < 41));
            let slot = if roll < 40 || age < 2 {
                // Two visits planned ahead at most: another account takes the visit.
                if ahead[customer] >= 2 && redraws < 100_000 {
                    redraws += 1;
                    continue;
                }
                ahead[customer] += 1;
                // On a working day, not heaped on the first one after a holiday (43 visits on
                // the Monday after an English rep's Christmas break). Drawn from a stream of its
                // own, seeded by one main draw: drawn among the main ones, today + 7 took 13 to
                // 17 of about 100 in both languages (a day's share is 7).
                let mut days = fastrand::Rng::with_seed(self.rng.u64(..));
                let mut day = days_after(self.today, days.u32(1..=21));
                for _ in 0..4 {
                    if !self.days_off.is_off(day) && !booked.contains(&(customer, day)) {
                        break;
                    }
                    day = days_after(self.today, days.u32(1..=21));
                }
                let slot = VisitSlot::new(customer, self.office_time(day), false);
                // (Still a day it has one: another account takes the visit.)
                if !booked.insert((customer, slot.at.date())) && redraws < 100_000 {
                    redraws += 1;
                    continue;
                }
                slot
            } else if roll < 41 {
                // Missed in the last ten days: on working days spread over them, not heaped on
                // the day before a holiday or a sick spell.
                let mut day = days_before(self.today, self.rng.u32(1..=age.min(10)));
                for _ in 0..4 {
                    if !self.days_off.is_off(day) && !booked.contains(&(customer, day)) {
                        break;
                    }
                    day = days_before(self.today, self.rng.u32(1..=age.min(10)));
                }
                let slot = VisitSlot::new(customer, self.office_time(day), false);
                // (Still a day it has one: another account takes the visit.)
                if !booked.insert((customer, slot.at.date())) && redraws < 100_000 {
                    redraws += 1;
                    continue;
                }
                slot
            } else {
                // Most visits are recent, while a deal is worked on; fewer go back to the start.
                let u = self.rng.f64();
                let mut back = until.max(1) + (u * u * f64::from(age - until.max(1))) as u32;
                let mut day = self.work_day(days_before(self.today, back));
                // A day the account already had a visit on: the working day before.
                while logged.contains(&(customer, day)) && back < age {
                    back += 1;
                    day = self.work_day(days_before(self.today, back));
                }
                // No free day in the account's window (a young account's few days taken, or
                // lost before the history shown): another account takes the visit, instead of
                // a pile of visits on its first or last day.
                if (until >= age || logged.contains(&(customer, day))) && redraws < 100_000 {
                    redraws += 1;
                    continue;
                }
                logged.insert((customer, day));
                VisitSlot::new(customer, self.office_time(day), true)
            };
            slots.push(slot);
            left -= 1;
        }
        slots.sort_by_key(|s| (s.at, s.customer));
        let mut then: Vec<Option<(NaiveDate, bool)>> = vec![None; customers.len()];
        for slot in slots.iter_mut().rev().filter(|s| s.done) {
            slot.last = then[slot.customer].is_none();
            slot.then = then[slot.customer].replace((slot.at.date(), slot.last));
        }
        slots
    }

    /// Each account's logged visits back from its last contact (or from when it was lost),
    /// one about every cadence interval (give or take two fifths), as far back as its share of
    /// `budget` goes: the accounts seen weekly or fortnightly (the rep's key accounts) first,
    /// their whole history as far as the visits go, the others by how many visits their
    /// cadence makes in the account's days, so a weekly account has four times the visits of
    /// a monthly one. A visit the account had before a deal's move (`made`, in days before
    /// today) keeps the rhythm as well as one of these: the next is an interval before it.
    /// Visits that would fall on a holiday or a sick day are made the working day before.
    fn walk_back(
        &mut self,
        customers: &[&CustomerMeta],
        last: &[Option<u32>],
        made: &[Vec<u32>],
        logged: &mut HashSet<(usize, NaiveDate)>,
        budget: u32,
    ) -> Vec<VisitSlot> {
        let windows: Vec<(u32, u32)> = customers
            .iter()
            .zip(last)
            .map(|(meta, last)| {
                let age = meta.age_days.min(HISTORY_DAYS);
                (meta.lost_days.map_or(0, |d| d + 1).max(last.unwrap_or(0)).min(age), age)
            })
            .collect();
        let key = |meta: &CustomerMeta| meta.cadence <= 14;
        let room = |keys: bool| -> f64 {
            windows
                .iter()
                .zip(customers)
                .filter(|(_, m)| key(m) == keys)
                .map(|((until, age), m)| f64::from(age - until) / f64::from(m.cadence.max(1)))
                .sum()
        };
        let (keys, others) = (room(true), room(false));
        let budget_f = f64::from(budget);
        let key_share = (budget_f / keys.max(1.0)).min(1.0);
        let other_share = (budget_f - keys * key_share) / others.max(1.0);
        // More visits than the cadences make: a shorter step between them.
        let (key_share, other_share, pace) =
            if other_share > 1.0 { (1.0, 1.0, (keys + others) / budget_f) } else { (key_share, other_share, 1.0) };
        let mut slots = Vec::with_capacity(budget as usize);
        for (customer, ((until, age), meta)) in windows.into_iter().zip(customers).enumerate() {
            let step = f64::from(meta.cadence.max(1)) * pace;
            let share = if key(meta) { key_share } else { other_share };
            let visits = f64::from(age - until) / f64::from(meta.cadence.max(1)) * share;
            let mut quota = visits as u32 + u32::from(self.rng.f64() < visits.fract());
            let mut back = until;
            let mut made: Vec<u32> = made[customer].iter().copied().filter(|m| *m > until).collect();
            made.sort_unstable();
            let mut made = made.into_iter().peekable();
            while quota > 0 && slots.len() < budget as usize {
                let gap = ((step * (0.6 + 0.8 * self.rng.f64())) as u32).max(1);
                if let Some(m) = made.next_if(|m| *m <= back + gap) {
                    back = back.max(m);
                    continue;
                }
                back += gap;
                if back >= age {
                    break;
                }
                let mut day = self.work_day(days_before(self.today, back));
                while logged.contains(&(customer, day)) {
                    day = self.work_day(days_before(day, 1));
                }
                back = (self.today - day).num_days().max(0) as u32;
                if back >= age {
                    break;
                }
                logged.insert((customer, day));
                slots.push(VisitSlot::new(customer, self.office_time(day), true));
                quota -= 1;
            }
        }
        slots
    }

    /// Per account, how many days ago it was last contacted: within its cadence interval for
    /// most; a handful past it (due), fewer past the overdue mark, one or two months ago (long
    /// neglected, only an account seen monthly or less), drawn among the accounts whose deals
    /// have not moved for as long; none for a lost account (not followed) or one added today.
    fn last_contacts(&mut self, customers: &[&CustomerMeta]) -> Vec<Option<u32>> {
        let policy = CadencePolicy::default();
        let n = customers.len() as u32;
        let mut due = (n / 50).clamp(2, 6);
        let mut overdue = (n / 100).clamp(1, 3);
        let mut neglected = (n / 200).clamp(1, 2);
        // Per account: its days of history, cadence interval, overdue mark, and how long its
        // deals have not moved (an account left behind is one whose deals have not moved
        // since: a deal does not move on without the rep); none for a lost or new one.
        let shape: Vec<Option<(u32, u32, u32, u32)>> = customers
            .iter()
            .map(|meta| {
                let age = meta.age_days.min(HISTORY_DAYS);
                let interval = meta.cadence.max(1);
                let moved =
                    meta.phases.last().map(|p| p.from).into_iter().chain(meta.side_moves.iter().map(|m| m.2)).max();
                let quiet = moved.map_or(age, |day| (self.today - day).num_days().max(0) as u32).min(age);
                (meta.lost_days.is_none() && age >= 1)
                    .then(|| (age, interval, policy.overdue_after(interval) as u32, quiet))
            })
            .collect();
        // Long neglect falls on the small accounts (a monthly cadence or longer): a rep does not
        // leave a weekly key account for months.
        let fits = |(_, interval, late, quiet): (u32, u32, u32, u32)| {
            [
                quiet > 90 && quiet > late && late < 200 && interval >= 30,
                quiet > late + interval && late < 60,
                quiet > interval,
            ]
        };
        // Of the accounts still to come, how many could take each quota.
        let mut could = [0u32; 3];
        for shape in shape.iter().flatten() {
            for (k, fit) in fits(*shape).into_iter().enumerate() {
                could[k] += u32::from(fit);
            }
        }
        let mut out = Vec::with_capacity(customers.len());
        for shape in shape {
            let Some((age, interval, late, quiet)) = shape else {
                out.push(None);
                continue;
            };
            // Each quota drawn with a chance of what is left over the accounts still to come
            // that could take it.
            let fit = fits((age, interval, late, quiet));
            let draw = |k: usize, quota: u32, rng: &mut fastrand::Rng| fit[k] && rng.u32(..could[k].max(1)) < quota;
            let back = if draw(0, neglected, &mut self.rng) {
                neglected -= 1;
                // Past its overdue mark (sixty days of a quarterly account are not neglect).
                self.rng.u32(60.max(late + 1)..=quiet.min(200))
            } else if draw(1, overdue, &mut self.rng) {
                overdue -= 1;
                // Under two months: longer is long neglected.
                self.rng.u32(late..=(late + interval).min(59).max(late))
            } else if draw(2, due, &mut self.rng) {
                due -= 1;
                self.rng.u32(interval..late.min(quiet).max(interval + 1))
            } else {
                self.rng.u32(1..interval.max(2)).min(age)
            };
            for (k, fit) in fit.into_iter().enumerate() {
                could[k] -= u32::from(fit);
            }
            out.push(Some(back));
        }
        out
    }

    /// The working day `back` days before today, or for a weekend the Monday after it when
    /// that is still before today (else the Friday before): a contact stays as recent.
    fn working_day_back(&self, back: u32) -> NaiveDate {
        let day = days_before(self.today, back);
        let forward = match day.weekday() {
            Weekday::Sat => 2,
            Weekday::Sun => 1,
            _ => return day,
        };
        let monday = days_after(day, forward);
        if monday < self.today { monday } else { days_before(day, 3 - forward) }
    }
}

/// For each move of an account's deals (its first deal's step changes and close, those of the
/// deal that follows, those of the deals beside them), the days in which a visit before it
/// falls, in days before today: the ten days before the move (its day when it came the day its
/// step began), not before that step began, nor later than `latest` (days back), with the
/// deal that moves (its index).
fn before_moves(meta: &CustomerMeta, latest: u32, today: NaiveDate) -> Vec<(usize, u32, u32)> {
    let back = |day: NaiveDate| (today - day).num_days().max(0) as u32;
    meta.phases
        .windows(2)
        .filter(|pair| pair[0].deal == pair[1].deal)
        .map(|pair| (pair[0].deal, pair[0].from, pair[1].from))
        .chain(meta.side_moves.iter().copied())
        .filter_map(|(deal, began, moved)| {
            let began = back(began);
            let from = (back(moved) + 1).min(began).max(latest);
            let to = (from + 9).min(began);
            (from <= to).then_some((deal, from, to))
        })
        .collect()
}
