-- The rep's self-assessment (`fieldbook assess`, the app's form): each sitting with its day and
-- the sixteen ratings as sixteen digits 1-5, in the order of the playbook's statements (four
-- per skill: making contact, obtaining information, giving information, influencing).
CREATE TABLE assessment (
    id         INTEGER PRIMARY KEY,
    taken_on   TEXT NOT NULL,
    answers    TEXT NOT NULL CHECK (length(answers) = 16 AND answers NOT GLOB '*[^1-5]*'),
    created_at TEXT NOT NULL
);
-- Query: the last two sittings (the report's skills and their change since last time).
CREATE INDEX assessment_taken ON assessment(taken_on, id);
