-- Doses as the vaccination database records them, one row per person and dose, loaded from its
-- extracts: the checkpoint, the lists and the report show them beside the doses people declare.
-- A record may name someone the population registry does not hold yet, so it stands on its own.
CREATE TABLE registry_vaccinations (
    document_number TEXT NOT NULL,
    dose            INTEGER NOT NULL,
    given_on        TEXT NOT NULL,
    vaccine         TEXT NOT NULL,
    site            TEXT NOT NULL,
    PRIMARY KEY (document_number, dose)
);
