//! A rep does what a visit promised on the day it was due: the account's next visit is made
//! that day, or the visit leaves a step that falls due when the next visit comes ("call in
//! three days" is not done five weeks later).

use chrono::{Datelike, NaiveDate};

use super::Generator;
use crate::demo::people::Tongue;
use crate::demo::texts::{Due, Span, texts};

impl Generator {
    /// The day the account's next logged visit is made on, for a step due on `due` set by a
    /// visit on `day`, when the plan has that visit on `then` (`fixed`: the account's last
    /// contact, which keeps its day): `then` itself when the step falls due then or a day
    /// or two before; the step's day when the visit can be made earlier, by a third of the
    /// account's `cadence` at most (its rhythm kept), on a working day; none when the step
    /// does not fit (it would be done well after its day, or before it).
    pub(super) fn next_visit_on(
        &self,
        due: NaiveDate,
        day: NaiveDate,
        then: NaiveDate,
        fixed: bool,
        cadence: u32,
    ) -> Option<NaiveDate> {
        let early = (then - due).num_days();
        match early {
            0..=2 => Some(then),
            _ if early > 0
                && !fixed
                && early <= i64::from(cadence / 3).max(3)
                && due > day
                && !self.days_off.is_off(due) =>
            {
                Some(due)
            }
            _ => None,
        }
    }

    /// A step in `tongue` a visit on `day` leaves to get in touch again on `then`: one whose
    /// words name that day ("周四", "next Tuesday", "month end", "in two weeks") drawn among
    /// those that do, else one that names no day.
    pub(super) fn follow_up(&mut self, tongue: Tongue, day: NaiveDate, then: NaiveDate) -> String {
        let t = texts(tongue);
        let weekday = then.weekday().num_days_from_monday() as usize;
        let gap = (then - day).num_days();
        let months = |d: NaiveDate| d.year() * 12 + d.month0() as i32;
        let fits = |span: Span| match span {
            Span::On => weekday < 5 && Due::On(then.weekday()).day(day) == then,
            Span::NextWeek => weekday < 5 && Due::NextWeek(then.weekday()).day(day) == then,
            Span::MonthEnd => self.due_day(Due::MonthEnd, day) == then,
            Span::NextMonth => months(then) == months(day) + 1 && gap >= 21,
            Span::NextQuarter => months(then) / 3 == months(day) / 3 + 1 && (35..=100).contains(&gap),
            Span::Days(low, high) => (low..=high).contains(&gap),
            Span::Any => false,
        };
        let named: Vec<&str> = t.follow_ups.iter().filter(|(span, _)| fits(*span)).map(|(_, text)| *text).collect();
        let any: Vec<&str> =
            t.follow_ups.iter().filter(|(span, _)| *span == Span::Any).map(|(_, text)| *text).collect();
        let choice = if named.is_empty() { &any } else { &named };
        let text = choice.get(self.rng.usize(..choice.len().max(1))).copied().unwrap_or_default();
        text.replace("{w}", t.weekdays.get(weekday).copied().unwrap_or_default())
    }
}
