//! The command registry: one typed spec per command, and nothing else
//! names a command or restates a limit.
//!
//! Registration (names, descriptions, choices, limits; the catalogues add
//! the localizations), dispatch, `/help`, the names custom commands may not
//! take, the CLI's slash-line grammar and the moderators' length checks all
//! read [`COMMANDS`]. Pure data: the Discord layer turns a spec into
//! serenity's builders (`commands::definition`), the CLI into its grammar
//! (`query::Query::parse_line`), so the layers below Discord can read it.

use crate::dataset::{Action, MissionKind, RelationStatus, Status};

/// Who answers a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handler {
    /// A pure answer from the data: parsed into a `Query`, answered,
    /// rendered, cached per view of the data.
    Answer,
    /// `/map`: deferred, rendered off the runtime, then edited in.
    Map,
    /// A moderators' command (`/command`, `/record`): server only, Manage
    /// Server by default, changes the server's state.
    Moderator,
    /// A message command (right-click a message → Apps): the message's
    /// text, read up to [`MESSAGE_READ_MAX`], answered as `/ask` would.
    AskMessage,
}

/// The most characters of a message "Ask missionbot" reads (a headline and
/// its first paragraph); the answer says when it read only part.
pub const MESSAGE_READ_MAX: usize = 600;

/// What an option holds, with its limits declared here and only here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Free text of at most `max` characters (`min` when Discord should
    /// enforce one).
    Text { min: Option<u16>, max: u16 },
    /// A country name, code or capital, with autocomplete (100 characters).
    Country,
    /// A date as YYYY, YYYY-MM or YYYY-MM-DD (4 to 10 characters).
    Date,
    /// A date or "today" for `as_of` (at most 10 characters).
    AsOf,
    /// A year from 1945 to 2100.
    Year,
    /// One of a fixed list.
    Choice(Choices),
    /// True or false.
    Flag,
    /// A text or announcement channel of the server.
    Channel,
    /// A whole number from 1 up to `max` (a change's number in a history).
    Number { max: u32 },
    /// A file attached to the command.
    File,
    /// A role of the server.
    Role,
}

/// The fixed lists an option may offer, as (label shown, value sent).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choices {
    Regions,
    MissionStatus,
    MissionKind,
    Action,
    /// Relations' statuses, plus "ended" (severed or suspended).
    RelationStatus,
    /// Whom a command's cooldown holds back: one user, or a whole channel.
    CooldownScope,
    /// What a follow posts: expulsions, missions' changes, data releases.
    FollowKind,
    /// How often a digest goes out.
    Digest,
}

/// Regions offered as fixed choices (the answers also accept sub-regions).
pub const REGIONS: &[&str] = &[
    "Africa",
    "Americas",
    "Asia",
    "Europe",
    "Oceania",
    "Middle East",
    "Southeast Asia",
    "Latin America",
];

impl Choices {
    /// The choices as (label, value), in the order Discord shows them.
    pub fn pairs(self) -> Vec<(&'static str, &'static str)> {
        match self {
            Choices::Regions => REGIONS.iter().map(|r| (*r, *r)).collect(),
            Choices::MissionStatus => Status::ALL
                .iter()
                .map(|s| (s.label(), s.as_str()))
                .collect(),
            Choices::MissionKind => MissionKind::ALL
                .iter()
                .map(|k| (k.label(), k.as_str()))
                .collect(),
            Choices::Action => Action::ALL
                .iter()
                .map(|a| (a.label(), a.as_str()))
                .collect(),
            Choices::RelationStatus => RelationStatus::ALL
                .iter()
                .map(|s| (s.label(), s.as_str()))
                .chain([("ended (severed or suspended)", "ended")])
                .collect(),
            Choices::CooldownScope => vec![("per user", "user"), ("per channel", "channel")],
            Choices::FollowKind => vec![
                ("expulsions and other measures", "expulsion"),
                ("missions opening or closing", "mission_status"),
                ("what a new data release changed", "data"),
            ],
            Choices::Digest => vec![("daily", "daily"), ("weekly", "weekly")],
        }
    }
}

/// One option of a command or sub-command.
#[derive(Debug, Clone, Copy)]
pub struct OptionSpec {
    pub name: &'static str,
    /// English; the catalogues hold the other languages.
    pub description: &'static str,
    pub kind: Kind,
    pub required: bool,
}

impl OptionSpec {
    /// The most characters the option takes, when it is text.
    pub fn max_chars(&self) -> Option<usize> {
        match self.kind {
            Kind::Text { max, .. } => Some(usize::from(max)),
            Kind::Country => Some(COUNTRY_MAX),
            Kind::Date | Kind::AsOf => Some(DATE_MAX),
            Kind::Year
            | Kind::Choice(_)
            | Kind::Flag
            | Kind::Channel
            | Kind::Number { .. }
            | Kind::File
            | Kind::Role => None,
        }
    }
}

/// The longest country option (a name, code or capital).
pub const COUNTRY_MAX: usize = 100;
/// The longest date option ("2017-09-30").
pub const DATE_MAX: usize = 10;
/// The shortest date option ("2017").
pub const DATE_MIN: usize = 4;
/// The years a year option takes.
pub const YEARS: (i64, i64) = (1945, 2100);

/// A sub-command (`/command add`, `/record expulsion`).
#[derive(Debug, Clone, Copy)]
pub struct SubSpec {
    pub name: &'static str,
    pub description: &'static str,
    pub options: &'static [OptionSpec],
}

/// One command: everything any part of the bot knows about it.
#[derive(Debug, Clone, Copy)]
pub struct CommandSpec {
    pub name: &'static str,
    pub description: &'static str,
    pub handler: Handler,
    /// In the order a bare value fills them (`/embassy Spain`).
    pub options: &'static [OptionSpec],
    pub subcommands: &'static [SubSpec],
}

impl CommandSpec {
    /// Whether `/help` lists it (moderators' commands are in their own help).
    pub fn in_help(&self) -> bool {
        self.handler != Handler::Moderator
    }

    /// Whether it is a slash command (typed as `/name`), rather than one
    /// chosen from a message's Apps menu.
    pub fn is_slash(&self) -> bool {
        self.handler != Handler::AskMessage
    }

    /// The catalogue's key for this command (`help.{key}.about`): its name,
    /// with a message command's spaces as underscores.
    pub fn key(&self) -> String {
        self.name.to_lowercase().replace(' ', "_")
    }

    /// The option of this name, at the top level or under a sub-command.
    pub fn option(&self, name: &str) -> Option<&'static OptionSpec> {
        self.options
            .iter()
            .chain(self.subcommands.iter().flat_map(|s| s.options))
            .find(|o| o.name == name)
    }
}

const fn opt(name: &'static str, description: &'static str, kind: Kind) -> OptionSpec {
    OptionSpec {
        name,
        description,
        kind,
        required: false,
    }
}

const fn required(name: &'static str, description: &'static str, kind: Kind) -> OptionSpec {
    OptionSpec {
        name,
        description,
        kind,
        required: true,
    }
}

const fn text(max: u16) -> Kind {
    Kind::Text { min: None, max }
}

const COUNTRY: OptionSpec = required(
    "country",
    "Country name, ISO code or capital (typos are fine)",
    Kind::Country,
);
const ANY_COUNTRY: OptionSpec = OptionSpec {
    required: false,
    ..COUNTRY
};
const REGION: OptionSpec = opt("region", "Only this region", Kind::Choice(Choices::Regions));
const MISSION_STATUS: OptionSpec = opt(
    "status",
    "Only missions with this status",
    Kind::Choice(Choices::MissionStatus),
);

/// The longest custom command name (Discord's own limit; the database's
/// CHECK says the same, tested).
pub const NAME_MAX: u16 = 32;
/// The longest custom command description (Discord's own limit).
pub const DESCRIPTION_MAX: u16 = 100;
/// The longest custom command response (an embed's description).
pub const RESPONSE_MAX: u16 = 4096;
/// The longest cooldown a command may have: a day.
pub const COOLDOWN_MAX: u32 = 86_400;

/// The longest text a form's input takes (Discord's own limit).
pub const FORM_INPUT_MAX: u16 = 4000;
/// The longest embed title (Discord's own limit).
pub const TITLE_MAX: u16 = 256;
/// The longest source link a moderator may give.
pub const URL_MAX: u16 = 512;

const NAME: OptionSpec = required(
    "name",
    "Command name: lower case, no spaces, e.g. faq",
    text(NAME_MAX),
);

/// `/command add` and `/command edit` take the same texts; only whether
/// the response is required differs.
const fn command_texts(response_required: bool) -> [OptionSpec; 6] {
    [
        NAME,
        OptionSpec {
            name: "response",
            description:
                "What it answers ({user} {server} {channel}); leave out to write it in a form",
            kind: text(RESPONSE_MAX),
            required: response_required,
        },
        opt(
            "description",
            "Shown in Discord's command list (1-100)",
            text(DESCRIPTION_MAX),
        ),
        opt(
            "title",
            "Answer as an embed with this title",
            text(TITLE_MAX),
        ),
        opt(
            "source_url",
            "Cite this http(s) link (answers as an embed)",
            text(URL_MAX),
        ),
        opt(
            "ephemeral",
            "Show the answer only to the person who asked",
            Kind::Flag,
        ),
    ]
}

// Without `response`, add and edit open a form whose paragraph input keeps
// line breaks (a slash command's text option cannot carry one).
const COMMAND_ADD: [OptionSpec; 6] = command_texts(false);
const COMMAND_EDIT: [OptionSpec; 6] = command_texts(false);

const RECORD_COUNTRY: OptionSpec = required(
    "country",
    "Country (name, ISO code or capital)",
    Kind::Country,
);
const RECORD_DATE: OptionSpec = required("date", "When: YYYY-MM-DD, YYYY-MM or YYYY", text(10));
const RECORD_SOURCE: OptionSpec = required(
    "source_url",
    "The http(s) link that reports it (required)",
    text(URL_MAX),
);

/// The longest "what is wrong" a reader may write in a correction report.
pub const REPORT_WHAT_MAX: u16 = 1000;

mod moderators;

/// Every command, in the order `/help` lists them and Discord registers them.
pub const COMMANDS: &[CommandSpec] = &[
    CommandSpec {
        name: "embassy",
        description:
            "The DPRK's mission(s) in a country: status in 2017 and now, ambassador, expulsions",
        handler: Handler::Answer,
        options: &[
            COUNTRY,
            opt(
                "as_of",
                "As the missions stood on a date, with who headed them: 2019, 2017-09-30",
                Kind::AsOf,
            ),
        ],
        subcommands: &[],
    },
    CommandSpec {
        name: "expelled",
        description:
            "Countries that expelled DPRK ambassadors or diplomats, cut staff or severed relations",
        handler: Handler::Answer,
        options: &[
            opt("country", "Only this country", Kind::Country),
            opt(
                "year",
                "Only this year, e.g. 2017 (or use from/to)",
                Kind::Year,
            ),
            opt(
                "from",
                "Only from this date: 2015, 2017-09 or 2017-09-07",
                Kind::Date,
            ),
            opt(
                "to",
                "Only up to this date: 1990, 2017-09 or 2017-09-30",
                Kind::Date,
            ),
            opt(
                "region",
                "Only host countries in this region",
                Kind::Choice(Choices::Regions),
            ),
            opt(
                "reason",
                "Words in the reason, e.g. smuggling or nuclear test",
                text(100),
            ),
            opt(
                "action",
                "Only this kind of measure",
                Kind::Choice(Choices::Action),
            ),
        ],
        subcommands: &[],
    },
    CommandSpec {
        name: "missions",
        description: "DPRK missions abroad by region, kind and status, now or on a past date",
        handler: Handler::Answer,
        options: &[
            REGION,
            opt(
                "kind",
                "Only this kind of mission",
                Kind::Choice(Choices::MissionKind),
            ),
            MISSION_STATUS,
            opt(
                "as_of",
                "Status on a date: 2017-09-30, 2023-10, 2017 or today",
                Kind::AsOf,
            ),
            opt(
                "closed_in",
                "Only missions that closed in this year (or use closed_from/closed_to)",
                Kind::Year,
            ),
            opt(
                "closed_from",
                "Only missions closed on or after this date: 2020, 2023-10",
                Kind::Date,
            ),
            opt(
                "closed_to",
                "Only missions closed on or before this date: 2023, 2023-12",
                Kind::Date,
            ),
        ],
        subcommands: &[],
    },
    CommandSpec {
        name: "timeline",
        description:
            "One country and the DPRK in date order: relations, missions, ambassadors, expulsions",
        handler: Handler::Answer,
        options: &[
            COUNTRY,
            opt(
                "from",
                "Only from this date: 2017, 2017-09 or 2017-09-07",
                Kind::Date,
            ),
            opt(
                "to",
                "Only up to this date: 2017, 2017-09 or 2017-09-07",
                Kind::Date,
            ),
        ],
        subcommands: &[],
    },
    CommandSpec {
        name: "defections",
        description: "DPRK diplomats who left their posts abroad and defected, with sources",
        handler: Handler::Answer,
        options: &[
            ANY_COUNTRY,
            opt(
                "year",
                "Only those who left in this year (or use from/to)",
                Kind::Year,
            ),
            opt(
                "from",
                "Only those who left on or after this date: 2016, 2019-09",
                Kind::Date,
            ),
            opt(
                "to",
                "Only those who left on or before this date: 2020, 2023-11",
                Kind::Date,
            ),
        ],
        subcommands: &[],
    },
    CommandSpec {
        name: "relations",
        description:
            "Countries' diplomatic relations with the DPRK: counted, by status, region and date",
        handler: Handler::Answer,
        options: &[
            opt(
                "status",
                "Only relations with this status",
                Kind::Choice(Choices::RelationStatus),
            ),
            REGION,
            opt(
                "year",
                "Only relations established in this year (or use from/to)",
                Kind::Year,
            ),
            opt(
                "from",
                "Only relations established on or after this date: 1970, 1973-04",
                Kind::Date,
            ),
            opt(
                "to",
                "Only relations established on or before this date: 1979, 1992-09",
                Kind::Date,
            ),
            opt(
                "covered_from",
                "Only countries covering the DPRK from this city (Pyongyang: a resident embassy)",
                text(60),
            ),
        ],
        subcommands: &[],
    },
    CommandSpec {
        name: "map",
        description: "A map of the DPRK's missions abroad, by status, now or on a past date",
        handler: Handler::Map,
        options: &[
            REGION,
            MISSION_STATUS,
            opt(
                "as_of",
                "The network on a date: 2017-09-30, 2023-10, 2017 or today",
                Kind::AsOf,
            ),
        ],
        subcommands: &[],
    },
    CommandSpec {
        name: "ask",
        description: "Ask a question in plain words",
        handler: Handler::Answer,
        options: &[required(
            "question",
            "e.g. When did Mexico expel the North Korean ambassador?",
            text(300),
        )],
        subcommands: &[],
    },
    CommandSpec {
        name: "sources",
        description:
            "Every source the data cites, or one country's facts with their sources' words",
        handler: Handler::Answer,
        options: &[ANY_COUNTRY],
        subcommands: &[],
    },
    CommandSpec {
        name: "help",
        description: "What missionbot answers, with an example for each command",
        handler: Handler::Answer,
        options: &[],
        subcommands: &[],
    },
    CommandSpec {
        // Discord shows a message command's name as written, spaces and
        // capitals included, and wants no description.
        name: "Ask missionbot",
        description: "",
        handler: Handler::AskMessage,
        options: &[],
        subcommands: &[],
    },
    CommandSpec {
        name: "command",
        description: "Moderators: add, edit, remove and list this server's own commands",
        handler: Handler::Moderator,
        options: &[],
        subcommands: moderators::COMMAND_SUBS,
    },
    CommandSpec {
        name: "record",
        description:
            "Moderators: record news (an expulsion, a mission opening or closing) with its source",
        handler: Handler::Moderator,
        options: &[],
        subcommands: moderators::RECORD_SUBS,
    },
    CommandSpec {
        name: "follow",
        description: "Moderators: post this server's news and data releases to a channel",
        handler: Handler::Moderator,
        options: &[],
        subcommands: moderators::FOLLOW_SUBS,
    },
    CommandSpec {
        name: "settings",
        description: "Moderators: where this server's reports of wrong facts go",
        handler: Handler::Moderator,
        options: &[],
        subcommands: &[SubSpec {
            name: "corrections",
            description: "Set, show or turn off the channel readers' correction reports go to",
            options: &[
                opt(
                    "channel",
                    "Post reports of wrong facts here (leave out to see the setting)",
                    Kind::Channel,
                ),
                opt(
                    "off",
                    "Stop taking reports (the button then says to ask a moderator)",
                    Kind::Flag,
                ),
            ],
        }],
    },
];

/// The command of this name.
pub fn find(name: &str) -> Option<&'static CommandSpec> {
    COMMANDS.iter().find(|c| c.name == name)
}

/// Whether a name is one of the bot's own commands (custom commands may
/// not take it).
pub fn is_reserved(name: &str) -> bool {
    find(name).is_some()
}

/// The most characters an option of a command takes (its own limit, the
/// one Discord enforces and the server-side checks repeat).
pub fn max_chars(command: &str, option: &str) -> Option<usize> {
    find(command)?.option(option)?.max_chars()
}
