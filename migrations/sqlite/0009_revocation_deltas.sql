-- Scanners ask for the passes revoked since their last list, not for the whole list every time.
CREATE INDEX passes_revoked ON passes (revoked_at);
