-- Retention: a trip's personal records are purged after the configured period, day by day; what the
-- reports and dashboards showed of a purged day is kept here first, as counts that name nobody, so
-- every past report and dashboard reads the same after the purge.

-- The days purged, and when and by whom (the audit entry of the purge says how many rows went).
CREATE TABLE purged_days (
    day       TEXT PRIMARY KEY,
    purged_at TEXT NOT NULL,
    purged_by TEXT NOT NULL
);

-- Each unit's report figures of a purged day, as they were just before (domain::report::Figures);
-- units without arrivals that day have none and count nothing, as before.
CREATE TABLE kept_report_figures (
    unit_code TEXT NOT NULL,
    day       TEXT NOT NULL,
    figures   TEXT NOT NULL,
    PRIMARY KEY (unit_code, day)
);

-- The rows of a purged day's addendum, by commune, as record ids only: the dashboards count them, and
-- a unit's hand-over tells those it passed down from those new to it by these ids.
CREATE TABLE kept_late_records (
    day            TEXT NOT NULL,
    commune_code   TEXT NOT NULL,
    declaration_id BIGINT,
    crossing_id    BIGINT
);
CREATE INDEX kept_late_records_day ON kept_late_records (day, commune_code);

-- What each checkpoint recorded on a purged day.
CREATE TABLE kept_checkpoint_tallies (
    day             TEXT NOT NULL,
    checkpoint_code TEXT NOT NULL,
    entering        BIGINT NOT NULL,
    leaving         BIGINT NOT NULL,
    people          BIGINT NOT NULL,
    PRIMARY KEY (day, checkpoint_code)
);

-- The purge deletes by these.
CREATE INDEX passes_declaration ON passes (declaration_id);
-- A declaration whose pass was shown at a crossing still held stays as long as that crossing: the
-- crossing's list places its traveller by it.
CREATE INDEX crossings_pass ON crossings (pass_id);
CREATE INDEX registry_corrections_reconciliation ON registry_corrections (reconciliation_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);
-- A citizen asking what is held on them finds their decided arrivals by number.
CREATE INDEX reconciliations_document ON reconciliations (document_number);
