-- A command's switches (/command disable|enable|alias|cooldown), kept whole
-- as JSON: {"disabled": true, "aliases": [...], "cooldown": {...}}.
-- Additive: releases before this one run on it unchanged.
ALTER TABLE custom_commands ADD COLUMN switches JSONB NOT NULL DEFAULT '{}'::jsonb;
