-- Interaction ids answered over HTTP in the last minutes, shared by every
-- worker: a captured signed request replayed to any worker, or after a
-- restart, is refused while its signature's timestamp is still accepted.
CREATE TABLE seen_interactions (
    id      BIGINT PRIMARY KEY,
    seen_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX seen_interactions_seen_at ON seen_interactions (seen_at);

-- The oldest schema version whose release still works on this schema. A
-- release that knows fewer migrations than the database has runs when its
-- latest known version is at least this (the newer migrations were
-- additive); otherwise it refuses to start and says why. An additive
-- migration leaves it as it is; one that breaks older releases raises it.
CREATE TABLE schema_compat (
    only_row      BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (only_row),
    oldest_reader BIGINT NOT NULL
);
INSERT INTO schema_compat (oldest_reader) VALUES (20261129000001);
