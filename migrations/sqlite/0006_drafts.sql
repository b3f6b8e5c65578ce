-- A form's answers between two rounds without JavaScript (a declaration to fix, a place to search, a
-- checkpoint scan awaiting the officer's decision), kept briefly under a random id. In the database, so
-- that every app server finds the round another one stored, and bounded in size by the code that stores it.
CREATE TABLE drafts (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    body       TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX drafts_expiry ON drafts (expires_at);
