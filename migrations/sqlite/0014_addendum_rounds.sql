-- Late records keep coming after a unit's addendum went down: its forward keeps the line it reached,
-- and rows past that line make the addendum new again, to be forwarded and acknowledged anew.
ALTER TABLE list_handovers ADD COLUMN covers_declarations BIGINT;
ALTER TABLE list_handovers ADD COLUMN covers_crossings BIGINT;
