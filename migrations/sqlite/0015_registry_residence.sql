-- The registry tells where a person is permanently registered apart from where they currently reside:
-- reconciliation proposes a temporary stay to a commune that is neither. Entries loaded before knew
-- one commune only, which was where the person lived; it stands for both.
ALTER TABLE registry_people RENAME COLUMN commune_code TO current_commune;
ALTER TABLE registry_people ADD COLUMN permanent_commune TEXT NOT NULL DEFAULT '';
UPDATE registry_people SET permanent_commune = current_commune;
CREATE INDEX registry_people_permanent ON registry_people (permanent_commune);
