//! The moderators' sub-commands (`/command`, `/record`): declarative
//! tables, kept apart so the registry's file stays readable.

use super::*;

pub(super) const COMMAND_SUBS: &[SubSpec] = &[
    SubSpec {
        name: "add",
        description: "Add a command that answers with your text",
        options: &COMMAND_ADD,
    },
    SubSpec {
        name: "edit",
        description: "Change a command (only the options you give)",
        options: &COMMAND_EDIT,
    },
    SubSpec {
        name: "remove",
        description: "Remove a command",
        options: &[NAME],
    },
    SubSpec {
        name: "list",
        description: "List this server's commands with author, date and uses",
        options: &[],
    },
    SubSpec {
        name: "show",
        description: "Show one command's settings",
        options: &[NAME],
    },
    SubSpec {
        name: "disable",
        description: "Switch a command off without deleting it (it says it is off)",
        options: &[NAME],
    },
    SubSpec {
        name: "enable",
        description: "Switch a command back on",
        options: &[NAME],
    },
    SubSpec {
        name: "alias",
        description: "Give a command another name that answers the same",
        options: &[
            NAME,
            required("alias", "The other name, e.g. q", text(NAME_MAX)),
            opt("remove", "Take this other name away instead", Kind::Flag),
        ],
    },
    SubSpec {
        name: "cooldown",
        description: "Let a command be used once per user or channel in some seconds",
        options: &[
            NAME,
            opt(
                "seconds",
                "Seconds between uses (1 to 86400)",
                Kind::Number { max: COOLDOWN_MAX },
            ),
            opt(
                "per",
                "Per user (default) or per channel",
                Kind::Choice(Choices::CooldownScope),
            ),
            opt("off", "Remove the cooldown", Kind::Flag),
        ],
    },
    SubSpec {
        name: "export",
        description: "This server's commands and records as a file (JSON, versioned)",
        options: &[],
    },
    SubSpec {
        name: "import",
        description: "Read a file from /command export: shows what changes, then asks",
        options: &[required(
            "file",
            "A file /command export made (here or in another server)",
            Kind::File,
        )],
    },
    SubSpec {
        name: "history",
        description: "Who changed what and when, newest first (one command, or all)",
        options: &[opt("name", "Only this command's changes", text(NAME_MAX))],
    },
    SubSpec {
        name: "restore",
        description: "Bring back a command as one change in its history left it",
        options: &[
            NAME,
            required(
                "version",
                "The change's number in /command history (#12 → 12)",
                Kind::Number { max: 1_000_000_000 },
            ),
        ],
    },
];

pub(super) const RECORD_SUBS: &[SubSpec] = &[
    SubSpec {
        name: "expulsion",
        description: "Record an expulsion or other measure against DPRK diplomats",
        options: &[
            RECORD_COUNTRY,
            RECORD_DATE,
            required("action", "What was done", Kind::Choice(Choices::Action)),
            required("trigger", "Why, e.g. missile launch", text(200)),
            RECORD_SOURCE,
            opt("person", "Who (if named)", text(100)),
            opt("role", "Their role, e.g. ambassador", text(100)),
        ],
    },
    SubSpec {
        name: "mission-status",
        description: "Record that a DPRK mission opened, closed or changed",
        options: &[
            RECORD_COUNTRY,
            required("city", "City of the mission", text(100)),
            required(
                "kind",
                "Kind of mission",
                Kind::Choice(Choices::MissionKind),
            ),
            required(
                "status",
                "Its status from that date",
                Kind::Choice(Choices::MissionStatus),
            ),
            RECORD_DATE,
            RECORD_SOURCE,
            opt("note", "A short note", text(300)),
        ],
    },
    SubSpec {
        name: "list",
        description: "List this server's records",
        options: &[],
    },
    SubSpec {
        name: "remove",
        description: "Remove a record",
        options: &[required("id", "The record id, e.g. r3", text(20))],
    },
];

pub(super) const FOLLOW_SUBS: &[SubSpec] = &[
    SubSpec {
        name: "add",
        description: "Post news to a channel as it is recorded (or as a daily or weekly digest)",
        options: &[
            required("channel", "Where to post", Kind::Channel),
            opt("country", "Only this country's news", Kind::Country),
            opt(
                "kind",
                "Only this kind of news",
                Kind::Choice(Choices::FollowKind),
            ),
            opt(
                "digest",
                "One message a day or a week instead of one each",
                Kind::Choice(Choices::Digest),
            ),
            opt(
                "role",
                "Ping this role with each post (no one else)",
                Kind::Role,
            ),
        ],
    },
    SubSpec {
        name: "list",
        description: "The channels following this server's news",
        options: &[],
    },
    SubSpec {
        name: "remove",
        description: "Stop a follow",
        options: &[required(
            "id",
            "The follow's number in /follow list",
            Kind::Number { max: 1_000_000 },
        )],
    },
];
