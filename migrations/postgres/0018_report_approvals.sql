-- A commune's daily report as its chief approved it: the figures are kept as they were, so the report
-- stays what the steering committee was given, and whatever changes later shows as its amendment.
CREATE TABLE report_approvals (
    unit_code   TEXT NOT NULL,
    day         TEXT NOT NULL,
    -- The figures as JSON (domain::report::Figures).
    figures     TEXT NOT NULL,
    approved_by TEXT NOT NULL,
    approved_at TEXT NOT NULL,
    PRIMARY KEY (unit_code, day)
);
