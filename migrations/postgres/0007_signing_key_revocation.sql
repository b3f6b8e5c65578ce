-- A signing key thought compromised is revoked: every pass it signed turns red, and scanners drop it with
-- their next bundle. Retirement (a newer key signs) and revocation are kept apart.
ALTER TABLE signing_keys ADD COLUMN revoked_at TEXT;
