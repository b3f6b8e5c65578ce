-- Daily lists: the line drawn when a day is closed, each commune's counts as of that line, and where
-- each unit's list is on its way down the tree.

-- A day's arrivals are read by travel date and destination, and its crossings by the time of the scan.
CREATE INDEX declarations_travel ON declarations (travel_date, destination_commune, document_number);
CREATE INDEX crossings_scanned ON crossings (scanned_at);

-- One row per closed day: the last declaration and crossing stored when it closed. Later records of the
-- day make its addendum; closing again finds the row and changes nothing.
CREATE TABLE day_closes (
    day               TEXT PRIMARY KEY,
    declarations_upto INTEGER NOT NULL,
    crossings_upto    INTEGER NOT NULL,
    -- The unit tree the counts were made under.
    tree              TEXT NOT NULL,
    closed_at         TEXT NOT NULL,
    closed_by         TEXT NOT NULL
);

-- Each commune's list as closed: the dashboards add these up the tree instead of recounting the day.
CREATE TABLE list_counts (
    day           TEXT NOT NULL,
    commune_code  TEXT NOT NULL,
    arrivals      INTEGER NOT NULL,
    crossed       INTEGER NOT NULL,
    declared      INTEGER NOT NULL,
    crossing_only INTEGER NOT NULL,
    online        INTEGER NOT NULL,
    paper         INTEGER NOT NULL,
    PRIMARY KEY (day, commune_code)
);

-- Who passed a unit's list (or its addendum) down, and who at the unit confirmed it, and when.
CREATE TABLE list_handovers (
    day             TEXT NOT NULL,
    unit_code       TEXT NOT NULL,
    part            TEXT NOT NULL CHECK (part IN ('main', 'addendum')),
    forwarded_by    TEXT,
    forwarded_at    TEXT,
    acknowledged_by TEXT,
    acknowledged_at TEXT,
    PRIMARY KEY (day, unit_code, part)
);
