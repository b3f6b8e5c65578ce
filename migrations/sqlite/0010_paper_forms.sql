-- Paper declarations: each form the checkpoint collected, typed once, and the day's batch that counts them.

-- Where a declaration came from; the daily lists show it.
ALTER TABLE declarations ADD COLUMN channel TEXT NOT NULL DEFAULT 'online';
-- A paper form is matched against declarations of the same person: by number (existing index) or by
-- folded name and birth date.
CREATE INDEX declarations_person ON declarations (name_folded, birth_date);

-- How many forms a checkpoint collected on a day, as its officers counted them.
CREATE TABLE paper_batches (
    id              INTEGER PRIMARY KEY,
    checkpoint_code TEXT NOT NULL,
    collected_on    TEXT NOT NULL,
    collected       INTEGER NOT NULL CHECK (collected >= 0),
    opened_at       TEXT NOT NULL,
    updated_by      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (checkpoint_code, collected_on)
);

-- One row per paper form, under the serial printed on it: a form typed again changes nothing.
CREATE TABLE paper_forms (
    id              INTEGER PRIMARY KEY,
    checkpoint_code TEXT NOT NULL,
    form_number     TEXT NOT NULL,
    collected_on    TEXT NOT NULL,
    -- A digest of the form as checked: the same serial typed with other contents is a mistake to show.
    fingerprint     TEXT NOT NULL,
    -- created: a new declaration; linked: the same person's declaration for the same trip (online or on
    -- an earlier form); needs_checking: illegible, kept as typed until someone checks the paper.
    outcome         TEXT NOT NULL CHECK (outcome IN ('created', 'linked', 'needs_checking')),
    declaration_id  INTEGER REFERENCES declarations(id),
    -- The form as typed (JSON), while it needs checking.
    typed           TEXT,
    -- Why the officer kept a new record although ZonePass found the same person's trip.
    override_reason TEXT,
    entered_by      TEXT NOT NULL,
    entered_at      TEXT NOT NULL,
    UNIQUE (checkpoint_code, form_number)
);
CREATE INDEX paper_forms_day ON paper_forms (checkpoint_code, collected_on);
CREATE INDEX paper_forms_declaration ON paper_forms (declaration_id);
