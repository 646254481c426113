//! `/help`: every command, what it does, and an example, from the one
//! registry of built-in commands ([`crate::commands::BUILT_INS`]).

use crate::reply::Reply;

pub fn help() -> Reply {
    let mut reply = Reply::new("missionbot: North Korea's diplomatic missions abroad").with_description(
        "Ask about the DPRK's embassies and other missions, which closed and when, and which countries \
         expelled its diplomats. Every answer cites its sources.",
    );
    for command in crate::commands::BUILT_INS {
        reply.push_field(
            format!("/{}", command.name),
            format!("{}\nExample: `{}`", command.about, command.example),
            Vec::new(),
        );
    }
    reply
}
