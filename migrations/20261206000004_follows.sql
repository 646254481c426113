-- Channels following a server's news (/follow) and the records waiting
-- for a digest, kept whole as JSON on the server's row.
-- Additive: releases before this one run on it unchanged.
ALTER TABLE guilds
    ADD COLUMN follows     JSONB  NOT NULL DEFAULT '[]'::jsonb,
    ADD COLUMN next_follow BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN alert_queue JSONB  NOT NULL DEFAULT '[]'::jsonb;

-- What the data looked like when alerts were last sent for a release:
-- one row, compared at start to tell followers what a new release changed.
CREATE TABLE data_seen (
    only_row BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (only_row),
    summary  JSONB NOT NULL
);
