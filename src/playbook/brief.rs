//! The pre-visit brief: one screen to read in the car before walking in — who they are, how to
//! deal with them, where the deal stands and what to ask, the last visit, open objections and
//! the purpose of this visit. Built from the store and the playbook; rendered as text for the
//! command line and the TUI alike.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::views::{
    ChecklistView, ObjectionView, ProfileView, bullets, fact_about, fact_label, fact_value, next_step_line, people_text,
};
use super::{Playbook, StyleGuide};
use crate::config::Config;
use crate::domain::{BuyingGap, Channel, Contact, Customer, Fact, NextStep, Outcome, Style, Visit, VisitKind};
use crate::i18n::I18n;
use crate::ops;
use crate::ops::contacts::People;
use crate::store::Store;
use crate::text::{indent, key_values};

/// How many visits are read to find the last one and the next appointment.
const VISITS_READ: u32 = 50;
/// How many facts (besides dates) the brief shows.
const FACTS_SHOWN: usize = 8;

/// Who the customer is.
#[derive(Debug, Serialize)]
pub struct Who {
    pub name: String,
    pub company: String,
    pub title: String,
    pub phone: String,
    /// Important dates (birthday, anniversaries), as `MM-DD` facts.
    pub dates: Vec<Fact>,
    /// Other facts of the record, the first few.
    pub facts: Vec<Fact>,
}

/// The last logged visit.
#[derive(Debug, Serialize)]
pub struct LastVisit {
    pub at: Option<NaiveDateTime>,
    pub channel: Channel,
    pub kind: VisitKind,
    pub purpose: String,
    pub action_plan: String,
    pub expected_result: String,
    pub actual_result: String,
    pub outcome: Option<Outcome>,
    pub next_topic: String,
    pub next_step: String,
    pub next_step_on: Option<NaiveDate>,
    pub notes: String,
    /// Ids of the account's people the visit met.
    pub met: Vec<i64>,
}

/// One of the account's people whose personality style is known, with how to deal with them.
#[derive(Debug, Serialize)]
pub struct PersonStyle {
    pub contact_id: i64,
    pub name: String,
    pub style: Style,
    /// Needs, fears and how to deal with them.
    pub guide: StyleGuide,
}

/// The next planned visit (this visit, when read on the way).
#[derive(Debug, Serialize)]
pub struct NextVisit {
    pub at: Option<NaiveDateTime>,
    pub channel: Channel,
    pub kind: VisitKind,
    pub purpose: String,
    pub action_plan: String,
    pub expected_result: String,
}

/// Everything on the brief.
#[derive(Debug, Serialize)]
pub struct Brief {
    pub customer_id: i64,
    pub who: Who,
    pub profile: ProfileView,
    /// The open deal's step, goal, checklist and question prompts.
    pub checklist: Option<ChecklistView>,
    pub last_visit: Option<LastVisit>,
    pub open_objections: Vec<ObjectionView>,
    pub next_visit: Option<NextVisit>,
    /// The open next steps, soonest first.
    pub next_steps: Vec<NextStep>,
    /// The day the brief was read on (how late each next step is).
    pub today: NaiveDate,
    /// The account's people with their roles, and the gaps of its buying centre.
    pub people: People,
    /// How to deal with each person whose style is known (the account's own person, whose
    /// style is the profile's, is not repeated).
    pub person_styles: Vec<PersonStyle>,
}

impl Brief {
    /// Reads everything the brief shows about customer `id` on `today`.
    pub fn load(
        store: &Store,
        playbook: &Playbook,
        config: &Config,
        today: NaiveDate,
        id: i64,
    ) -> anyhow::Result<Self> {
        let customer = store.customer(id)?;
        let facts = store.facts_of(id)?;
        let visits = store.visits_of(id, VISITS_READ, 0)?;
        let people = ops::contacts::people(store, id)?;
        let mut met = store.met_by_visit(id)?;
        let (checklist, objections) = match store.open_deal(id)? {
            Some(deal) => (Some(ChecklistView::load(store, &deal, playbook)?), store.objections_of(deal.id, true)?),
            None => (None, Vec::new()),
        };
        Ok(Self {
            person_styles: person_styles(&customer, &people.contacts, playbook),
            people,
            customer_id: customer.id,
            profile: ProfileView::new(&customer, playbook, config, today),
            who: who(&customer, facts),
            checklist,
            last_visit: last_visit(&visits, &mut met),
            open_objections: objections.into_iter().map(|o| ObjectionView::new(o, playbook)).collect(),
            next_visit: next_visit(&visits),
            next_steps: store.next_steps_of(id, false)?,
            today,
        })
    }

    /// The text form: sections with a heading each.
    pub fn render(&self, i: &I18n, playbook: &Playbook) -> String {
        render(i, playbook, self)
    }
}

fn who(c: &Customer, facts: Vec<Fact>) -> Who {
    let (dates, others): (Vec<Fact>, Vec<Fact>) = facts.into_iter().partition(|f| f.month_day.is_some());
    Who {
        name: c.name.clone(),
        company: c.company.clone(),
        title: c.title.clone(),
        phone: c.phone.clone(),
        dates,
        facts: others.into_iter().take(FACTS_SHOWN).collect(),
    }
}

/// The people whose style is known, with the playbook's advice; the account's own person (its
/// name and style) is the profile's already.
fn person_styles(c: &Customer, people: &[Contact], playbook: &Playbook) -> Vec<PersonStyle> {
    people
        .iter()
        .filter(|p| !(p.name == c.name && p.style == c.style))
        .filter_map(|p| {
            let guide = playbook.style(p.style)?.clone();
            Some(PersonStyle { contact_id: p.id, name: p.name.clone(), style: p.style, guide })
        })
        .collect()
}

/// The newest logged visit (visits come newest first), with who it met (taken from `met`).
fn last_visit(visits: &[Visit], met: &mut std::collections::BTreeMap<i64, Vec<i64>>) -> Option<LastVisit> {
    visits.iter().find(|v| !v.is_planned()).map(|v| LastVisit {
        met: met.remove(&v.id).unwrap_or_default(),
        at: v.done_at,
        channel: v.channel,
        kind: v.kind.clone(),
        purpose: v.purpose.clone(),
        action_plan: v.action_plan.clone(),
        expected_result: v.expected_result.clone(),
        actual_result: v.actual_result.clone(),
        outcome: v.outcome,
        next_topic: v.next_topic.clone(),
        next_step: v.next_step.clone(),
        next_step_on: v.next_step_on,
        notes: v.notes.clone(),
    })
}

/// The earliest open appointment.
fn next_visit(visits: &[Visit]) -> Option<NextVisit> {
    visits.iter().filter(|v| v.is_planned()).min_by_key(|v| (v.planned_at, v.id)).map(|v| NextVisit {
        at: v.planned_at,
        channel: v.channel,
        kind: v.kind.clone(),
        purpose: v.purpose.clone(),
        action_plan: v.action_plan.clone(),
        expected_result: v.expected_result.clone(),
    })
}

/// The text form: sections with a heading each.
fn render(i: &I18n, playbook: &Playbook, b: &Brief) -> String {
    let mut sections = vec![who_text(i, b)];
    // Who decides is on the first lines already; the people list names the other gaps.
    let mut centre = b.people.centre.clone();
    centre.gaps.retain(|g| *g != BuyingGap::NoDecisionMaker);
    let people = people_text(i, &b.people.contacts, &centre, true);
    sections.push(section(i, "playbook.brief.people", &people));
    let mut dealing = b.profile.pairs(i)[1..].to_vec();
    // With other people's styles below, the account's own is its person's: say whose.
    if let Some(first) = dealing.first_mut().filter(|_| !b.person_styles.is_empty()) {
        first.0 = i.paren(&first.0, &b.who.name);
    }
    for p in &b.person_styles {
        let g = &p.guide;
        let lines = [
            i.explained(&i.word(p.style), &g.traits),
            i.labeled(&i.t("playbook.label.needs"), &g.needs.join(" · ")),
            i.labeled(&i.t("playbook.label.fears"), &g.fears.join(" · ")),
            bullets(&g.deal),
        ];
        dealing.push((p.name.clone(), lines.join("\n")));
    }
    sections.push(section(i, "playbook.brief.how_to_deal", &key_values(&dealing)));
    match &b.checklist {
        Some(c) => {
            let head = i.fmt("playbook.brief.deal", &[("step", &i.word(c.stage)), ("progress", &c.progress)]);
            let pairs = [
                (i.t("playbook.label.goal"), c.goal.clone()),
                (i.t("playbook.label.checklist"), c.item_lines()),
                (i.t("playbook.label.ask"), bullets(&c.questions)),
            ];
            sections.push(format!("{head}\n{}", indent(&key_values(&pairs))));
        }
        None => sections.push(section(i, "playbook.brief.no_deal", "")),
    }
    let last = match &b.last_visit {
        Some(v) => {
            let when = v.at.map(|t| t.format("%Y-%m-%d").to_string()).unwrap_or_default();
            let head = format!("{} · {} · {}", when, i.word(v.channel), playbook.visit_type_name(&v.kind));
            let actual = match (&v.actual_result, v.outcome) {
                (a, _) if a.is_empty() => i.t("playbook.brief.no_result"),
                (a, Some(o)) => i.paren(a, &i.word(o)),
                (a, None) => a.clone(),
            };
            let mut pairs = vec![
                (i.t("cli.show.label.purpose"), v.purpose.clone()),
                (i.t("cli.show.label.action_plan"), v.action_plan.clone()),
                (i.t("cli.show.label.expected_result"), v.expected_result.clone()),
                (i.t("cli.show.label.actual_result"), actual),
            ];
            if !v.next_topic.is_empty() {
                pairs.push((i.t("cli.show.label.next_topic"), v.next_topic.clone()));
            }
            if !v.next_step.is_empty() || v.next_step_on.is_some() {
                let on = v.next_step_on.map(|d| format!("{d}  ")).unwrap_or_default();
                pairs.push((i.t("cli.show.label.next_step"), format!("{on}{}", v.next_step)));
            }
            if !v.notes.is_empty() {
                pairs.push((i.t("cli.show.label.notes"), v.notes.clone()));
            }
            if !v.met.is_empty() {
                let names: Vec<String> = v
                    .met
                    .iter()
                    .map(|id| b.people.get(*id).map_or_else(|| format!("#{id}"), |p| p.name.clone()))
                    .collect();
                pairs.push((i.t("cli.contact.met"), i.list(names.into_iter())));
            }
            format!("{head}\n{}", key_values(&pairs))
        }
        None => i.t("playbook.brief.no_visit"),
    };
    sections.push(section(i, "playbook.brief.last_visit", &last));
    let objections = if b.open_objections.is_empty() {
        i.t("playbook.objection.none")
    } else {
        b.open_objections.iter().map(|o| o.line(i)).collect::<Vec<_>>().join("\n")
    };
    sections.push(section(i, "playbook.brief.objections", &objections));
    let next = match &b.next_visit {
        Some(v) => {
            let when = v.at.map(|t| t.format("%Y-%m-%d %H:%M").to_string()).unwrap_or_default();
            let head = format!("{} · {} · {}", when, i.word(v.channel), playbook.visit_type_name(&v.kind));
            let pairs = [
                (i.t("cli.show.label.purpose"), v.purpose.clone()),
                (i.t("cli.show.label.action_plan"), v.action_plan.clone()),
                (i.t("cli.show.label.expected_result"), v.expected_result.clone()),
            ];
            format!("{head}\n{}", key_values(&pairs))
        }
        None => i.t("playbook.brief.no_plan"),
    };
    sections.push(section(i, "playbook.brief.this_visit", &next));
    let steps = if b.next_steps.is_empty() {
        i.t("playbook.brief.no_next_steps")
    } else {
        b.next_steps.iter().map(|s| next_step_line(i, s, b.today)).collect::<Vec<_>>().join("\n")
    };
    sections.push(section(i, "playbook.brief.next_steps", &steps));
    sections.join("\n\n")
}

/// A heading (from `key`) and its indented body.
fn section(i: &I18n, key: &str, body: &str) -> String {
    if body.is_empty() { i.t(key) } else { format!("{}\n{}", i.t(key), indent(body)) }
}

/// Name, company, title and phone; class; dates and facts.
fn who_text(i: &I18n, b: &Brief) -> String {
    let w = &b.who;
    let mut head = i.fmt("playbook.brief.title", &[("name", &w.name)]);
    let phone = i.phone(&w.phone);
    for part in [&w.company, &w.title, &phone].into_iter().filter(|p| !p.is_empty()) {
        head.push_str(&format!(" · {part}"));
    }
    let mut pairs = vec![(i.t("playbook.label.class"), i.word(b.profile.class))];
    let deciders: Vec<String> = b
        .people
        .decision_makers()
        .iter()
        .map(|p| {
            if p.title.is_empty() {
                p.name.clone()
            } else {
                i.fmt("playbook.brief.name_and_title", &[("name", &p.name), ("title", &p.title)])
            }
        })
        .collect();
    let decides = if deciders.is_empty() { i.t("playbook.brief.nobody_decides") } else { deciders.join(" · ") };
    pairs.push((i.t("playbook.label.decides"), decides));
    let label = |f: &Fact| fact_label(i, &f.label, fact_about(&b.people.contacts, f.contact_id));
    if !w.dates.is_empty() {
        let dates: Vec<String> =
            w.dates.iter().filter_map(|f| f.month_day.map(|md| format!("{} {}", i.month_day(md), label(f)))).collect();
        pairs.push((i.t("playbook.label.dates"), dates.join(" · ")));
    }
    if !w.facts.is_empty() {
        let facts: Vec<String> =
            w.facts
                .iter()
                .map(|f| {
                    if f.value.is_empty() { label(f) } else { i.labeled(&label(f), &fact_value(i, &f.label, &f.value)) }
                })
                .collect();
        pairs.push((i.t("playbook.label.facts"), facts.join("\n")));
    }
    format!("{head}\n{}", indent(&key_values(&pairs)))
}
