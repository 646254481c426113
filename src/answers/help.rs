//! `/help`: every command, what it does, and an example, from the one
//! registry of commands ([`crate::spec::COMMANDS`], moderators' own left out) and the
//! catalogue's words for each.

use crate::i18n::Lang;
use crate::reply::Reply;

pub fn help(lang: Lang) -> Reply {
    let mut reply =
        Reply::new(lang.text("help.title")).with_description(lang.text("help.description"));
    for command in crate::spec::COMMANDS.iter().filter(|c| c.in_help()) {
        let key = command.key();
        let about = lang.text(&format!("help.{key}.about"));
        let example = lang.text(&format!("help.{key}.example"));
        let name = if command.is_slash() {
            format!("/{}", command.name)
        } else {
            lang.text(&format!("help.{key}.name")).to_owned()
        };
        reply.push_field(
            name,
            lang.fill("help.entry", &[("about", &about), ("example", &example)]),
            Vec::new(),
        );
    }
    reply
}
