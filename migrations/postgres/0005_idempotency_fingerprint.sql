-- An Idempotency-Key is bound to the request it came with: the stored key is scoped to its client (a
-- digest of client and key), and the digest of the request's body is kept beside it, so the same key
-- with another body is refused instead of answering with someone else's pass.
ALTER TABLE declarations ADD COLUMN idempotency_fingerprint TEXT;
