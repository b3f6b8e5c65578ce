-- Citizens' declarations, the passes issued for them, and the keys that sign the passes.

CREATE TABLE signing_keys (
    id         BIGINT PRIMARY KEY,
    public_key TEXT NOT NULL,
    secret_key TEXT NOT NULL,
    created_at TEXT NOT NULL,
    -- A retired key signs nothing new; its passes verify until they expire.
    retired_at TEXT
);

CREATE TABLE declarations (
    id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_kind       TEXT NOT NULL,
    document_number     TEXT NOT NULL,
    full_name           TEXT NOT NULL,
    name_folded         TEXT NOT NULL,
    birth_date          TEXT NOT NULL,
    sex                 TEXT NOT NULL,
    phone               TEXT NOT NULL,
    residence_commune   TEXT NOT NULL,
    residence_address   TEXT NOT NULL,
    origin_commune      TEXT NOT NULL,
    destination_commune TEXT NOT NULL,
    travel_date         TEXT NOT NULL,
    vehicle             TEXT NOT NULL,
    vehicle_plate       TEXT NOT NULL,
    symptoms            TEXT NOT NULL,
    close_contact       BIGINT NOT NULL,
    vaccination_doses   BIGINT NOT NULL,
    idempotency_key     TEXT UNIQUE,
    created_at          TEXT NOT NULL
);
CREATE INDEX declarations_document ON declarations (document_number, created_at);
CREATE INDEX declarations_destination ON declarations (destination_commune, created_at);

CREATE TABLE passes (
    id             TEXT PRIMARY KEY,
    declaration_id BIGINT NOT NULL REFERENCES declarations(id),
    document_number TEXT NOT NULL,
    key_id         BIGINT NOT NULL REFERENCES signing_keys(id),
    token          TEXT NOT NULL,
    issued_at      TEXT NOT NULL,
    expires_at     TEXT NOT NULL,
    -- Set when a new declaration replaces this pass: it stops verifying online.
    revoked_at     TEXT
);
CREATE INDEX passes_document ON passes (document_number, issued_at);
