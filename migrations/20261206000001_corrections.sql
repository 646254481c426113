-- Readers' reports of wrong facts ("Report a correction"), and the channel
-- each server posts them to. Additive: releases before this one run on it
-- unchanged (schema_compat.oldest_reader stays).
ALTER TABLE guilds ADD COLUMN corrections_channel BIGINT;

CREATE TABLE correction_reports (
    id            BIGSERIAL PRIMARY KEY,
    -- NULL: reported through a person's own install (kept for the maintainers).
    guild_id      BIGINT,
    reporter_id   BIGINT NOT NULL,
    reporter_name TEXT NOT NULL,
    query         TEXT NOT NULL,
    data_as_of    TEXT NOT NULL,
    what          TEXT NOT NULL CHECK (char_length(what) BETWEEN 1 AND 1000),
    source_url    TEXT CHECK (char_length(source_url) <= 512),
    created_at    TEXT NOT NULL,
    resolved_by   TEXT,
    resolved_at   TEXT
);
CREATE INDEX correction_reports_guild ON correction_reports (guild_id, id);
