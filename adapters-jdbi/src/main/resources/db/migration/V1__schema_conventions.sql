-- Conventions for every later migration: timestamps are timestamptz (UTC instants), identifiers are UUIDs chosen
-- by the application, and every invariant of the domain that a row can express is a constraint.
-- This first table records when the schema was installed, for `recollect db info`.
CREATE TABLE recollect_installation (
    singleton    boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    installed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO recollect_installation DEFAULT VALUES;
