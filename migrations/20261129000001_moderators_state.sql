-- Moderators' state, shared by every missionbot process of one deployment.
-- One row per server in `guilds` (its revision and record counter), one row
-- per custom command and per news record. Every change runs in one
-- transaction that first locks the server's `guilds` row.

CREATE TABLE guilds (
    guild_id    BIGINT PRIMARY KEY,
    -- Bumped by every committed change; processes compare it with theirs.
    revision    BIGINT NOT NULL DEFAULT 0,
    -- The last record number handed out (record ids are never reused).
    next_record BIGINT NOT NULL DEFAULT 0 CHECK (next_record >= 0)
);

CREATE TABLE custom_commands (
    guild_id    BIGINT NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    name        TEXT   NOT NULL CHECK (char_length(name) BETWEEN 1 AND 32),
    -- Order of listing (the order moderators added them).
    position    INTEGER NOT NULL,
    response    TEXT   NOT NULL,
    description TEXT   NOT NULL,
    title       TEXT,
    source_url  TEXT,
    ephemeral   BOOLEAN NOT NULL DEFAULT FALSE,
    author_id   BIGINT NOT NULL,
    author_name TEXT   NOT NULL,
    created_at  TEXT   NOT NULL,
    updated_at  TEXT   NOT NULL,
    uses        BIGINT NOT NULL DEFAULT 0 CHECK (uses >= 0),
    PRIMARY KEY (guild_id, name)
);

CREATE TABLE news_records (
    guild_id       BIGINT NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    id             TEXT   NOT NULL,
    position       INTEGER NOT NULL,
    kind           TEXT   NOT NULL CHECK (kind IN ('expulsion', 'mission_status')),
    country        TEXT   NOT NULL,
    date           TEXT   NOT NULL,
    -- The whole record as the bot reads it (kind-specific fields included).
    what           JSONB  NOT NULL,
    source_url     TEXT   NOT NULL,
    recorded_by    TEXT   NOT NULL,
    recorded_by_id BIGINT NOT NULL,
    recorded_on    TEXT   NOT NULL,
    PRIMARY KEY (guild_id, id)
);

-- Discord allows 100 commands per server: held here too, whichever process
-- (or hand) inserts. The server's row is locked first, so two concurrent
-- inserts cannot both see 99.
CREATE FUNCTION missionbot_command_limit() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM guilds WHERE guild_id = NEW.guild_id FOR UPDATE;
    IF (SELECT count(*) FROM custom_commands WHERE guild_id = NEW.guild_id) > 100 THEN
        RAISE EXCEPTION 'server % would have more than 100 custom commands', NEW.guild_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'custom_commands_at_most_100';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER custom_commands_at_most_100
    AFTER INSERT ON custom_commands
    FOR EACH ROW EXECUTE FUNCTION missionbot_command_limit();

-- Commands that broke a limit when a process loaded them, kept for the
-- operator instead of being dropped (the files store writes a file instead).
CREATE TABLE set_aside (
    id       BIGSERIAL PRIMARY KEY,
    guild_id BIGINT NOT NULL,
    at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    state    JSONB NOT NULL
);
