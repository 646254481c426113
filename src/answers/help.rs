//! `/help`: every command, what it does, and an example, from the one
//! registry of commands ([`crate::spec::COMMANDS`], moderators' own left out) and the
//! catalogue's words for each.

use crate::i18n::Lang;
use crate::reply::Reply;

pub fn help(lang: Lang) -> Reply {
    let mut reply =
        Reply::new(lang.text("help.title")).with_description(lang.text("help.description"));
    for command in crate::spec::COMMANDS.iter().filter(|c| c.in_help()) {
        let about = lang.text(&format!("help.{}.about", command.name));
        let example = lang.text(&format!("help.{}.example", command.name));
        reply.push_field(
            format!("/{}", command.name),
            lang.fill("help.entry", &[("about", &about), ("example", &example)]),
            Vec::new(),
        );
    }
    reply
}
