-- A pass's page and QR images open with its holder's key, not its id (the id is in the QR and in every
-- checkpoint's revocation list). Only the key's SHA-256 is kept, so a copy of this table opens nothing.
-- Passes issued before this have none: their pages close, and they expire within 72 hours.
ALTER TABLE passes ADD COLUMN holder_digest TEXT;
CREATE UNIQUE INDEX passes_holder ON passes (holder_digest);
