-- Each arrival a commune's police reconcile with the registry, one per person, day and commune:
-- written when the commune's arrivals are first read for it, with what ZonePass proposes (kept
-- current with the registry until an officer decides), then the officer's decision.
CREATE TABLE reconciliations (
    id              INTEGER PRIMARY KEY,
    day             TEXT NOT NULL,
    commune_code    TEXT NOT NULL,
    document_number TEXT NOT NULL,
    proposal        TEXT NOT NULL,
    -- The differing fields side by side, as JSON: [{"field", "declared", "registered"}].
    differences     TEXT NOT NULL,
    decision        TEXT,
    note            TEXT NOT NULL DEFAULT '',
    -- What the officer corrected, as JSON: {"field": "value"}.
    corrections     TEXT NOT NULL DEFAULT '{}',
    decided_by      TEXT,
    decided_at      TEXT,
    UNIQUE (day, commune_code, document_number)
);
CREATE INDEX reconciliations_commune ON reconciliations (commune_code, day);

-- Corrections to the population registry a commune officer proposes, with the evidence seen; the
-- commune chief accepts or rejects each, and the accepted ones are exported for the national
-- population database (ZonePass never edits the registry itself: the national database is its source).
CREATE TABLE registry_corrections (
    id                INTEGER PRIMARY KEY,
    reconciliation_id INTEGER NOT NULL REFERENCES reconciliations (id),
    commune_code      TEXT NOT NULL,
    document_number   TEXT NOT NULL,
    -- {"field": "value"} as the officer proposes it, and the registry's values at the time.
    proposed          TEXT NOT NULL,
    registered        TEXT NOT NULL,
    evidence          TEXT NOT NULL,
    status            TEXT NOT NULL DEFAULT 'proposed',
    proposed_by       TEXT NOT NULL,
    proposed_at       TEXT NOT NULL,
    reviewed_by       TEXT,
    reviewed_at       TEXT
);
CREATE INDEX registry_corrections_commune ON registry_corrections (commune_code, status);
