-- Client and device ids are the scanning device's own: unique within a checkpoint, not across the
-- country, so one checkpoint can never claim (or drop as a duplicate) another checkpoint's crossing.
-- SQLite cannot drop a column's UNIQUE constraint: the two tables are rebuilt with the same rows.

CREATE TABLE crossings_scoped (
    id              INTEGER PRIMARY KEY,
    client_id       TEXT NOT NULL,
    checkpoint_code TEXT NOT NULL,
    officer_id      INTEGER NOT NULL REFERENCES users(id),
    pass_id         TEXT,
    document_number TEXT NOT NULL,
    direction       TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    verdict         TEXT NOT NULL CHECK (verdict IN ('green', 'amber', 'red')),
    action          TEXT NOT NULL,
    scanned_at      TEXT NOT NULL,
    received_at     TEXT NOT NULL,
    offline         INTEGER NOT NULL DEFAULT 0,
    UNIQUE (checkpoint_code, client_id)
);
INSERT INTO crossings_scoped (id, client_id, checkpoint_code, officer_id, pass_id, document_number, direction,
    verdict, action, scanned_at, received_at, offline)
SELECT id, client_id, checkpoint_code, officer_id, pass_id, document_number, direction,
    verdict, action, scanned_at, received_at, offline FROM crossings;
DROP TABLE crossings;
ALTER TABLE crossings_scoped RENAME TO crossings;
CREATE INDEX crossings_checkpoint_day ON crossings (checkpoint_code, scanned_at);
CREATE INDEX crossings_document ON crossings (document_number, scanned_at);

CREATE TABLE scanner_devices_scoped (
    device_id       TEXT NOT NULL,
    checkpoint_code TEXT NOT NULL,
    officer         TEXT NOT NULL,
    pending         BIGINT NOT NULL,
    reported_at     TEXT NOT NULL,
    PRIMARY KEY (checkpoint_code, device_id)
);
INSERT INTO scanner_devices_scoped (device_id, checkpoint_code, officer, pending, reported_at)
SELECT device_id, checkpoint_code, officer, pending, reported_at FROM scanner_devices;
DROP TABLE scanner_devices;
ALTER TABLE scanner_devices_scoped RENAME TO scanner_devices;
