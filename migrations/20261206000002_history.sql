-- Who changed what (/command history, /command restore): each server's
-- last changes, each kept whole as JSON (the history entry's own format).
-- Additive: releases before this one run on it unchanged.
ALTER TABLE guilds ADD COLUMN next_change BIGINT NOT NULL DEFAULT 0;

CREATE TABLE moderation_history (
    guild_id BIGINT NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    number   BIGINT NOT NULL,
    entry    JSONB NOT NULL,
    PRIMARY KEY (guild_id, number)
);
