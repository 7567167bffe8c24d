-- Casework: the people link workers support, and what happens with them.
-- A person's record (contact details, what matters, plan, consent) is one
-- JSON document read and written whole; the columns beside it are what
-- lists filter and sort on. Everything about a person cascades from the
-- people row, so purging a discharged record removes all of it.
CREATE TABLE people (
    id            TEXT PRIMARY KEY,
    team_id       TEXT NOT NULL REFERENCES teams (id),
    link_worker   INTEGER,
    status        TEXT NOT NULL CHECK (status IN ('new', 'active', 'on_hold', 'discharged')),
    discharged_at TEXT,
    review_date   TEXT,
    record        TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX people_team ON people (team_id, status);
CREATE INDEX people_discharged ON people (discharged_at) WHERE status = 'discharged';

CREATE TABLE contacts (
    id         INTEGER PRIMARY KEY,
    person_id  TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    date       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    minutes    INTEGER NOT NULL DEFAULT 0,
    notes      TEXT NOT NULL DEFAULT '',
    declined   INTEGER NOT NULL DEFAULT 0,
    by_user    INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX contacts_person ON contacts (person_id, date);

CREATE TABLE referrals (
    id              TEXT PRIMARY KEY,
    person_id       TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    team_id         TEXT NOT NULL,
    service_id      TEXT NOT NULL,
    service_name    TEXT NOT NULL,
    organization_id TEXT NOT NULL DEFAULT '',
    mode            TEXT NOT NULL CHECK (mode IN ('referral', 'signpost')),
    status          TEXT NOT NULL,
    created_by      INTEGER NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX referrals_person ON referrals (person_id);
CREATE INDEX referrals_team ON referrals (team_id, status);
CREATE INDEX referrals_organization ON referrals (organization_id, status);
CREATE INDEX referrals_service ON referrals (service_id);

-- Every change of a referral's status, oldest first: the history shown
-- to link workers and the source of uptake figures.
CREATE TABLE referral_events (
    id          INTEGER PRIMARY KEY,
    referral_id TEXT NOT NULL REFERENCES referrals (id) ON DELETE CASCADE,
    from_status TEXT NOT NULL DEFAULT '',
    to_status   TEXT NOT NULL,
    at          TEXT NOT NULL,
    by_user     INTEGER NOT NULL DEFAULT 0,
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX referral_events_referral ON referral_events (referral_id, id);

CREATE TABLE outcomes (
    id         INTEGER PRIMARY KEY,
    person_id  TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    date       TEXT NOT NULL,
    stage      TEXT NOT NULL CHECK (stage IN ('start', 'review', 'discharge')),
    life       INTEGER NOT NULL CHECK (life BETWEEN 0 AND 10),
    worthwhile INTEGER NOT NULL CHECK (worthwhile BETWEEN 0 AND 10),
    happy      INTEGER NOT NULL CHECK (happy BETWEEN 0 AND 10),
    anxious    INTEGER NOT NULL CHECK (anxious BETWEEN 0 AND 10),
    by_user    INTEGER NOT NULL
);
CREATE INDEX outcomes_person ON outcomes (person_id, date);

-- SNOMED CT coded events waiting to be entered into the GP record.
CREATE TABLE coded_events (
    id        INTEGER PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    team_id   TEXT NOT NULL,
    date      TEXT NOT NULL,
    code      TEXT NOT NULL,
    term      TEXT NOT NULL,
    by_user   INTEGER NOT NULL
);
CREATE INDEX coded_events_team ON coded_events (team_id, date);
