-- Closing a day counts its declarations twice over two index-only scans instead of sorting a million
-- rows: once per destination and channel (every row under the line), once per person (to take away
-- the declarations a newer one of the same person replaced). Both carry the id, against which the
-- line is drawn.
DROP INDEX declarations_travel;
CREATE INDEX declarations_day_destination ON declarations (travel_date, destination_commune, channel, id);
CREATE INDEX declarations_day_person ON declarations (travel_date, document_number, id);
