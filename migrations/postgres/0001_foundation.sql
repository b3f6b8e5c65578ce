-- Foundation: administrative units, checkpoints, officials and their sessions, the audit trail,
-- and the population registry. Times are UTC text in a fixed-width format so they sort as text.
-- PostgreSQL dialect of the same schema. Flags are BIGINT 0/1, not BOOLEAN, because the repositories run
-- one code path on both backends through sqlx's Any driver, which decodes integers alike on both.

CREATE TABLE unit_trees (
    id        TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    active    BIGINT NOT NULL DEFAULT 0,
    loaded_at TEXT NOT NULL
);

CREATE TABLE units (
    tree        TEXT NOT NULL REFERENCES unit_trees(id),
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    level       TEXT NOT NULL,
    unit_type   TEXT NOT NULL,
    parent_code TEXT,
    lat         DOUBLE PRECISION,
    lon         DOUBLE PRECISION,
    -- '/30/288/10507/': scope filters are one prefix match, whatever the depth.
    path        TEXT NOT NULL,
    PRIMARY KEY (tree, code)
);
CREATE INDEX units_path ON units (tree, path text_pattern_ops);

CREATE TABLE checkpoints (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    unit_code  TEXT NOT NULL,
    road       TEXT NOT NULL DEFAULT '',
    lat        DOUBLE PRECISION,
    lon        DOUBLE PRECISION,
    active     BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);

CREATE TABLE users (
    id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username            TEXT NOT NULL UNIQUE,
    password_hash       TEXT NOT NULL,
    role                TEXT NOT NULL,
    unit_code           TEXT,
    checkpoint_code     TEXT REFERENCES checkpoints(code),
    active              BIGINT NOT NULL DEFAULT 1,
    created_at          TEXT NOT NULL,
    password_changed_at TEXT NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users(id),
    kind       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE audit_log (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at             TEXT NOT NULL,
    actor_user_id  BIGINT,
    actor_username TEXT NOT NULL,
    action         TEXT NOT NULL,
    target_kind    TEXT NOT NULL,
    target_id      TEXT NOT NULL,
    unit_code      TEXT,
    detail         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_target ON audit_log (target_kind, target_id);

CREATE TABLE registry_people (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_number TEXT NOT NULL UNIQUE,
    full_name       TEXT NOT NULL,
    name_folded     TEXT NOT NULL,
    birth_date      TEXT NOT NULL,
    sex             TEXT NOT NULL,
    commune_code    TEXT NOT NULL,
    address         TEXT NOT NULL
);
CREATE INDEX registry_people_commune ON registry_people (commune_code);
CREATE INDEX registry_people_name ON registry_people (name_folded);
