-- Epidemic areas and each province's checkpoint rules, and the crossings checkpoints record.

-- Declarations are never edited: an area ends by getting `valid_until`, so the history stays readable.
CREATE TABLE epidemic_areas (
    id           INTEGER PRIMARY KEY,
    unit_code    TEXT NOT NULL,
    level        INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
    valid_from   TEXT NOT NULL,
    valid_until  TEXT,
    note         TEXT NOT NULL,
    declared_by  TEXT NOT NULL,
    declared_at  TEXT NOT NULL
);
CREATE INDEX epidemic_areas_unit ON epidemic_areas (unit_code, valid_from);

-- One row per province and origin level (0 = from outside any epidemic area); missing rows take the default.
CREATE TABLE checkpoint_rules (
    province_code TEXT NOT NULL,
    origin_level  INTEGER NOT NULL CHECK (origin_level BETWEEN 0 AND 4),
    action        TEXT NOT NULL,
    updated_by    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (province_code, origin_level)
);

CREATE TABLE crossings (
    id              INTEGER PRIMARY KEY,
    -- Made by the scanning device; the same crossing sent twice (a retry after a lost reply) is stored once.
    client_id       TEXT NOT NULL UNIQUE,
    checkpoint_code TEXT NOT NULL,
    officer_id      INTEGER NOT NULL REFERENCES users(id),
    pass_id         TEXT,
    document_number TEXT NOT NULL,
    direction       TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    verdict         TEXT NOT NULL CHECK (verdict IN ('green', 'amber', 'red')),
    action          TEXT NOT NULL,
    scanned_at      TEXT NOT NULL,
    received_at     TEXT NOT NULL,
    -- Recorded while offline and sent later: how late it reached the server tells the supervisor about backlogs.
    offline         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX crossings_checkpoint_day ON crossings (checkpoint_code, scanned_at);
CREATE INDEX crossings_document ON crossings (document_number, scanned_at);

-- What each scanner device last said about itself: how many crossings it still holds unsent. The checkpoint's
-- supervisor sees the backlog of devices that are offline or failing to send.
CREATE TABLE scanner_devices (
    device_id       TEXT PRIMARY KEY,
    checkpoint_code TEXT NOT NULL,
    officer         TEXT NOT NULL,
    pending         BIGINT NOT NULL,
    reported_at     TEXT NOT NULL
);
CREATE INDEX scanner_devices_checkpoint ON scanner_devices (checkpoint_code);
