//! English visit texts, written as a rep would jot them down. `{p}` is a product, `{u}` its
//! unit, `{c}` the company's short name, `{dm}` the decision maker, `{n}` a number.

use chrono::Weekday::*;

use super::texts::{Due::*, Next, Scenario, Span, Via};

/// Visit scenarios by step (preparation … close).
pub const SCENARIOS: [&[Scenario]; 5] = [
    &[
        Scenario {
            via: Via::Phone,
            once: true,
            purpose: "Book a first meeting and find out who buys {p}",
            plan: "Call the front desk, mention a reference in their industry, ask for the purchasing lead",
            expect: "A 30-minute meeting in the next two weeks",
            met: "Meeting booked for Friday morning; they asked us to bring the {p} brochure",
            partly: "They want the brochure first, then a date",
            not_met: "Could not get past reception",
            topic: "their purchasing plan for this year",
            next: [
                Next::to("Meet them Friday morning with the {p} brochure", On(Fri)),
                Next::to("Send the company profile and {p} sheet", Days(1)),
                Next::retry(Days(7)),
            ],
        },
        Scenario {
            via: Via::Phone,
            once: false,
            purpose: "Follow-up call: did the brochure arrive; book a visit",
            plan: "Ask what they thought of it; offer two times to visit",
            expect: "A date for the visit",
            met: "They read it; visit booked for Thursday afternoon",
            partly: "They read it and will meet us; their boss sets the date",
            not_met: "Not needed for now, they say",
            topic: "their equipment renewal plan",
            next: [
                Next::to("Visit them Thursday afternoon", On(Thu)),
                Next::to("Call to fix the date of the visit", Days(3)),
                Next::retry(Days(28)),
            ],
        },
        Scenario {
            via: Via::Message,
            once: true,
            purpose: "Message {c}'s buyer to book a first visit",
            plan: "Send the company profile and a {p} case; offer two times to meet",
            expect: "A date for the meeting",
            met: "They answered; we meet next Tuesday morning",
            partly: "Busy this month; they will get back at month end",
            not_met: "No answer yet",
            topic: "which {p} they use today",
            next: [
                Next::to("Meet them next Tuesday morning", NextWeek(Tue)),
                Next::to("Message them again at month end", MonthEnd),
                Next::retry(Days(3)),
            ],
        },
    ],
    &[
        Scenario {
            via: Via::Meeting,
            once: true,
            purpose: "First visit: build trust",
            plan: "Bring the catalogue and a small gift; talk about the industry, listen more than talk",
            expect: "They explain their process and agree to meet again",
            met: "Good talk; they walked us through the buying process",
            partly: "Short meeting, only swapped cards",
            not_met: "They were called into a meeting after five minutes",
            topic: "what they think of the current supplier",
            next: [
                Next::to("Send a case study from the same industry", Days(2)),
                Next::to("Send the catalogue and ask for a second meeting", Days(3)),
                Next::retry(Days(7)),
            ],
        },
        Scenario {
            via: Via::Any,
            once: false,
            purpose: "Find the decision maker",
            plan: "Ask the buyer for an introduction; ask which budget {p} comes from",
            expect: "Name and contact of the person who signs",
            met: "{dm} decides; meeting next Wednesday",
            partly: "Know it is the VP, not met yet",
            not_met: "Buyer would not introduce us",
            topic: "{dm}'s cost worries",
            next: [
                Next::to("Meet {dm} next Wednesday", NextWeek(Wed)),
                Next::to("Ask the buyer to introduce us to the VP", Days(7)),
                Next::retry(Days(14)),
            ],
        },
        Scenario {
            via: Via::Meeting,
            once: false,
            purpose: "Second visit: meet the people who use it",
            plan: "Bring a case from their industry; ask the buyer to take us to the users' lead; hear their troubles",
            expect: "Know the users' lead and what they need",
            met: "Met the users' supervisor; a long list of wishes",
            partly: "The users' lead was away; only talked to the buyer",
            not_met: "The buyer would rather we did not meet the users yet",
            topic: "what troubles the users most",
            next: [
                Next::to("Write up the users' needs and send them to the buyer", Days(3)),
                Next::to("Book another visit when the users' lead is back", Days(10)),
                Next::retry(Days(14)),
            ],
        },
    ],
    &[
        Scenario {
            via: Via::Meeting,
            once: false,
            purpose: "Survey: what is wrong with their current {p}",
            plan: "Situation, problem, implication and need-payoff questions; take notes",
            expect: "Three problems the customer confirms",
            met: "Confirmed three: frequent breakdowns, slow support, high running cost",
            partly: "Two problems found; budget not discussed",
            not_met: "Not willing to talk; not looking to switch",
            topic: "when the budget is approved",
            next: [
                Next::to("Send a summary of needs for confirmation", Days(2)),
                Next::to("Ask about the budget on the next call", Days(5)),
                Next::retry(Days(21)),
            ],
        },
        Scenario {
            via: Via::Any,
            once: false,
            purpose: "Confirm budget and decision process",
            plan: "Ask who approves and when the money is there",
            expect: "Budget range and the approver's name",
            met: "Budget about {b}; finance and {dm} approve together",
            partly: "Know the process; budget waits for next quarter",
            not_met: "Budget is confidential, they say",
            topic: "the tender date",
            next: [
                Next::to("Draft a first proposal", Days(7)),
                Next::to("Ask about the budget again early next quarter", NextQuarter),
                Next::retry(Days(14)),
            ],
        },
    ],
    &[
        Scenario {
            via: Via::Demonstration,
            once: false,
            purpose: "Show the {p} to engineering",
            plan: "Bring a sample or demo unit; feature, function, advantage, benefit; comparison figures ready",
            expect: "Engineering backs the solution and we move to commercial terms",
            met: "Went well; the head of engineering will recommend us",
            partly: "Likes the product, worried about service response time",
            not_met: "The sample did not arrive in time; need another slot",
            topic: "service terms",
            next: [
                Next::to("Send the written proposal and quote", Days(3)),
                Next::to("Send our service terms and response times", Days(2)),
                Next::retry(Days(7)),
            ],
        },
        Scenario {
            via: Via::Meeting,
            once: false,
            purpose: "Handle the price objection",
            plan: "Hear the concern out, show total cost of ownership, bring two or three references",
            expect: "Customer accepts the price range",
            met: "They agree total cost is lower; price no longer the issue",
            partly: "Still asking for {n}% off",
            not_met: "Competitor is much cheaper; they lean that way",
            topic: "payment terms",
            next: [
                Next::to("Send the revised quote and payment terms", Days(2)),
                Next::to("Check with our boss how far we can go on price", Days(2)),
                Next::retry(Days(14)),
            ],
        },
    ],
    &[
        Scenario {
            via: Via::Meeting,
            once: false,
            purpose: "Close the deal",
            plan: "Restate the value, offer two payment options, bring the draft contract",
            expect: "Signed contract or a signing date",
            met: "Contract signed, first batch of {n} {u}",
            partly: "Verbal yes; contract goes through legal",
            not_met: "They want to compare once more",
            topic: "delivery dates",
            next: [
                Next::to("Confirm the delivery dates of the first batch", Days(3)),
                Next::to("Chase the signed contract", Days(7)),
                Next::retry(Days(7)),
            ],
        },
        Scenario {
            via: Via::Meeting,
            once: false,
            purpose: "Final terms with {dm}",
            plan: "Know our bottom line; only key terms; keep others out of the room",
            expect: "Quantity and delivery date agreed",
            met: "Quantity and delivery agreed; PO next week",
            partly: "Quantity agreed, delivery still open",
            not_met: "{dm} travelling, only met the assistant",
            topic: "a yearly framework agreement",
            next: [
                Next::to("Follow up on the PO next week", NextWeek(Wed)),
                Next::to("Confirm the delivery date with our plant, then send the contract", Days(3)),
                Next::retry(Days(7)),
            ],
        },
    ],
];

/// What is to do first when a deal has just moved to a step (preparation … close), and once
/// it is won.
pub const STEP_WORK: [Next; 6] = [
    Next::to("Call to book a visit about the {p}", Days(3)),
    Next::to("Find out who decides on the {p}", Days(7)),
    Next::to("Book a visit to learn what they need", Days(5)),
    Next::to("Prepare the {p} demonstration for engineering", Days(7)),
    Next::to("Send the draft contract and chase the signature", Days(5)),
    Next::to("Confirm the delivery dates of the first batch", Days(3)),
];

/// Steps that say when the rep gets in touch again (`{w}`: Monday … Friday).
pub const FOLLOW_UPS: &[(Span, &str)] = &[
    (Span::On, "Call on {w} to see how it stands"),
    (Span::On, "Drop by on {w}"),
    (Span::NextWeek, "Get in touch next {w}"),
    (Span::MonthEnd, "Follow up at month end"),
    (Span::Days(13, 17), "Call again in two weeks"),
    (Span::Days(18, 24), "Drop by again in three weeks"),
    (Span::Days(27, 33), "Follow up again in a month"),
    (Span::NextMonth, "Book a visit next month"),
    (Span::Days(40, 50), "Check in again in six weeks"),
    (Span::Days(54, 66), "Visit again in two months"),
    (Span::NextQuarter, "Get in touch next quarter"),
    (Span::Days(84, 96), "Look in again in three months"),
    (Span::Any, "Find a time to visit again"),
    (Span::Any, "Book another visit"),
];

/// Free notes about a customer.
pub const NOTES: &[&str] = &[
    "Said the budget should be approved next month",
    "Prefers WeChat to e-mail",
    "Best reached before 10:00",
    "Competitor visited them last week",
    "New purchasing manager; rebuild the relationship",
    "Equipment must be replaced before year end",
    "The GM cares most about after-sales service",
];

/// Quick notes not yet filed under a customer.
pub const INBOX: &[&str] =
    &["Cards from the trade fair still to sort", "Update the quote template", "Quarterly review on Monday"];

/// Why deals are lost.
pub const LOST_REASONS: &[&str] =
    &["price too high", "went with a competitor", "budget cancelled", "project postponed"];

/// Deal titles; `{p}` is the product.
pub const DEAL_TITLES: &[&str] =
    &["{p} purchase", "{p} for this year", "{p} framework agreement", "{p} for the new plant"];

/// Facts by category: (label, values).
pub const FACTS: &[(crate::domain::FactCategory, &str, &[&str])] = {
    use crate::domain::FactCategory::*;
    &[
        (Basic, "assistant", &["Mia, ext. 204", "Joe at the front desk"]),
        (Business, "fiscal year", &["calendar year", "April to March (Japanese parent)"]),
        (Business, "decides", &["{dm}"]),
        (Business, "current supplier", &["a local distributor", "a foreign brand's agent", "an old supplier in town"]),
        (Personal, "hobby", &["fly fishing", "badminton", "tea", "marathons"]),
        (Personal, "family", &["two kids", "daughter starting university"]),
        (Logistics, "delivery", &["before 10:00", "book a slot one day ahead"]),
        (Logistics, "payment terms", &["30 days net", "30% up front"]),
        (Commercial, "past order", &["about {b} of orders last year", "service contract two years ago"]),
        (Commercial, "complaint", &["late delivery last year, credited"]),
    ]
};

/// Labels of important dates: (birthday, other anniversaries).
pub const DATES: (&str, &[&str]) = ("birthday", &["company anniversary", "wedding anniversary"]);

/// Visits to a customer who has bought: after-sale care.
pub const AFTER_SALE: &[Scenario] = &[
    Scenario {
        via: Via::Any,
        once: false,
        purpose: "After-sale check on the {p}",
        plan: "Ask about problems in use; hear what they think of delivery and service",
        expect: "Customer satisfied, every issue followed up",
        met: "Working well; engineering made two small suggestions",
        partly: "Mostly happy, but a quality issue is still open",
        not_met: "They complain service is slow",
        topic: "next year's expansion",
        next: [
            Next::to("Pass their two suggestions on to our engineers", Days(3)),
            Next::to("Send technical support to follow up on site", Days(2)),
            Next::to("Send technical support on site and call them the day after", Days(1)),
        ],
    },
    Scenario {
        via: Via::Meeting,
        once: false,
        purpose: "Handle the late-delivery complaint",
        plan: "Apologise, hear it out, bring a new delivery plan",
        expect: "Customer accepts the remedy",
        met: "They accepted the replacement shipment",
        partly: "Remedy accepted, but they want a credit too",
        not_met: "They talk of changing supplier",
        topic: "the next delivery date",
        next: [
            Next::to("Report delivery progress weekly", Days(7)),
            Next::to("Ask our boss for a credit they can accept", Days(2)),
            Next::to("Go back with our manager to apologise in person", Days(3)),
        ],
    },
    Scenario {
        via: Via::Meeting,
        once: false,
        purpose: "Show the new {p} and look for new needs",
        plan: "Bring the new brochure, ask about the new plant",
        expect: "The next opportunity found",
        met: "The new plant needs {n} {u} next year; they want our proposal",
        partly: "Interested; the budget comes next quarter",
        not_met: "No new needs for now",
        topic: "progress of the new plant",
        next: [
            Next::to("Send the new brochure and a quote", Days(5)),
            Next::to("Ask about the budget early next quarter", NextQuarter),
            Next::to("Check in again next quarter", NextQuarter),
        ],
    },
];

/// Visits that keep in touch while a deal waits in one step; the one that asks how the
/// project stands last (it wants a deal open).
pub const KEEP_IN_TOUCH: &[Scenario] = &[
    Scenario {
        via: Via::Any,
        once: false,
        purpose: "Regular visit: what is new",
        plan: "Talk about their production and purchasing lately; look for changes",
        expect: "Know where the customer stands now",
        met: "They plan to expand next year and want to talk about the {p} again",
        partly: "Busy; only a few words",
        not_met: "In a meeting; did not see them",
        topic: "their plans for next year",
        next: [
            Next::to("Send the {p} material for their expansion", Days(3)),
            Next::to("Call again in two weeks for news", Days(14)),
            Next::to("Call ahead and drop by again next week", NextWeek(Tue)),
        ],
    },
    Scenario {
        via: Via::Meeting,
        once: false,
        purpose: "Drop in with a small gift",
        plan: "Bring a local speciality; no business, just a chat",
        expect: "A closer relationship",
        met: "Good chat; they let slip the competitor's price",
        partly: "Gift accepted, little talk",
        not_met: "Their company does not allow gifts; politely declined",
        topic: "what the competitor is doing",
        next: [
            Next::to("Drop by again with some industry news", Days(21)),
            Next::to("Drop by again with some industry news", Days(21)),
            Next::to("Drop by again with some industry news", Days(21)),
        ],
    },
    Scenario {
        via: Via::Phone,
        once: false,
        purpose: "Call to ask how the project stands",
        plan: "Ask where the {p} project is and whether there are new concerns",
        expect: "Know what holds the project up",
        met: "Waiting for budget approval; {dm} decides at month end",
        partly: "Still being discussed inside, they say",
        not_met: "No answer by phone or WeChat",
        topic: "where the budget approval stands",
        next: [
            Next::to("Follow up again at month end", MonthEnd),
            Next::to("Call again in two weeks", Days(14)),
            Next::to("Try them again on Monday", On(Mon)),
        ],
    },
];
