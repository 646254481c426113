//! `/command add` without `response`, and a bare `/command edit name:`: a form whose
//! paragraph input keeps line breaks (a slash command's text option cannot
//! carry one), filled in with what was given and, for an edit, with the
//! command as it is. The submitted form is the same change as the slash
//! command, with the same checks and deadline.

use super::*;
use crate::custom::validate;
use crate::query::OptionValue;
use serenity::all::ModalInteraction;

/// The form's custom id: "cmdform:<add|edit>:<e|p|->:<name>", the
/// ephemeral flag as given (e true, p false, - not given).
fn form_id(sub: &str, ephemeral: Option<bool>, name: &str) -> String {
    let flag = match ephemeral {
        Some(true) => "e",
        Some(false) => "p",
        None => "-",
    };
    format!("cmdform:{sub}:{flag}:{name}")
}

/// Reads a form's id back: (sub-command, ephemeral as given, name).
fn parse_form_id(id: &str) -> Option<(&str, Option<bool>, &str)> {
    let rest = id.strip_prefix("cmdform:")?;
    let (sub, rest) = rest.split_once(':')?;
    let (flag, name) = rest.split_once(':')?;
    let ephemeral = match flag {
        "e" => Some(true),
        "p" => Some(false),
        _ => None,
    };
    matches!(sub, "add" | "edit").then_some((sub, ephemeral, name))
}

fn text_option<'a>(options: &'a [(String, OptionValue)], name: &str) -> Option<&'a str> {
    options
        .iter()
        .find(|(n, _)| n == name)
        .and_then(|(_, v)| v.text())
}

/// The inputs of the form, in order: (option, style is paragraph, limit).
const INPUTS: [(&str, bool, u16); 4] = [
    ("response", true, crate::spec::FORM_INPUT_MAX),
    ("description", false, crate::spec::DESCRIPTION_MAX),
    ("title", false, crate::spec::TITLE_MAX),
    ("source_url", false, crate::spec::URL_MAX),
];

impl Core {
    /// The form for `/command add|edit` given without `response`; `None`
    /// when a response was given (the change runs at once).
    pub(super) async fn command_form(
        &self,
        guild: GuildId,
        sub: &str,
        options: &[(String, OptionValue)],
        lang: Lang,
    ) -> Option<CreateInteractionResponse> {
        if !matches!(sub, "add" | "edit") || text_option(options, "response").is_some() {
            return None;
        }
        // An edit that names what to change (a title, a link…) changes it at
        // once; a bare edit opens the form to change anything, the text too.
        if sub == "edit" && options.iter().any(|(n, _)| n != "name") {
            return None;
        }
        let refused = |refusal: moderation::Refusal| {
            Some(problem(
                lang.text("problem.not_changed"),
                &refusal.describe(lang),
            ))
        };
        let name = text_option(options, "name").unwrap_or("").trim().to_owned();
        if let Err(refusal) = validate::command_name(&name) {
            return refused(refusal);
        }
        let state = self.store.get(guild.get()).await;
        let current = state.commands.iter().find(|c| c.name == name);
        let given = |option: &str| text_option(options, option).map(str::to_owned);
        let values: Vec<String> = match (sub, current) {
            ("edit", None) => {
                return refused(moderation::Refusal::new(
                    "refusal.no_command",
                    &[("name", &name)],
                ))
            }
            ("add", Some(_)) => {
                return refused(moderation::Refusal::new(
                    "refusal.command_exists",
                    &[("name", &name)],
                ))
            }
            (_, Some(cmd)) => vec![
                cmd.response.clone(),
                given("description").unwrap_or_else(|| cmd.description.clone()),
                given("title")
                    .or_else(|| cmd.title.clone())
                    .unwrap_or_default(),
                given("source_url")
                    .or_else(|| cmd.source_url.clone())
                    .unwrap_or_default(),
            ],
            (_, None) => vec![
                String::new(),
                given("description").unwrap_or_default(),
                given("title").unwrap_or_default(),
                given("source_url").unwrap_or_default(),
            ],
        };
        let ephemeral = options.iter().find_map(|(n, v)| match v {
            OptionValue::Flag(b) if n == "ephemeral" => Some(*b),
            _ => None,
        });
        let inputs: Vec<(&str, bool, u16, String)> = INPUTS
            .iter()
            .zip(values)
            .map(|((option, paragraph, max), value)| (*option, *paragraph, *max, value))
            .collect();
        let title = lang.fill(&format!("form.command.{sub}"), &[("name", &name)]);
        Some(wire::command_form(
            &form_id(sub, ephemeral, &name),
            &title,
            &inputs,
            lang,
        ))
    }

    /// A submitted command form, run as the slash command it stands for.
    pub(super) async fn command_form_submitted(
        self: &Arc<Self>,
        modal: &ModalInteraction,
    ) -> Option<Response> {
        let (sub, ephemeral, name) = parse_form_id(&modal.data.custom_id)?;
        let lang = Lang::from_locale(&modal.locale);
        let (Some(guild), true) = (modal.guild_id, self.is_moderator(modal.member.as_ref())) else {
            return Some(Response::Now(Outgoing::from(problem(
                lang.text("problem.moderators_only.title"),
                lang.text("problem.moderators_only.hint"),
            ))));
        };
        let typed = |id: &str| super::corrections::typed(modal, id);
        let mut options = vec![("name".to_owned(), OptionValue::Text(name.to_owned()))];
        // Every input is given, empty ones too: in a form an emptied title
        // or link means "none" (a slash option can never be empty).
        options.extend(
            INPUTS
                .iter()
                .map(|(option, _, _)| (option.to_string(), OptionValue::Text(typed(option)))),
        );
        if let Some(flag) = ephemeral {
            options.push(("ephemeral".to_owned(), OptionValue::Flag(flag)));
        }
        let change = Change {
            guild,
            command: "command".into(),
            sub: sub.to_owned(),
            options,
            actor: moderation::Actor {
                id: modal.user.id.get(),
                name: super::corrections::name_of(&modal.user, modal.member.as_ref()),
                lang,
            },
            token: modal.token.clone(),
            resolves: None,
        };
        Some(Response::Now(Outgoing::from(
            self.answer_change(change).await,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_forms_id_carries_what_the_slash_command_gave() {
        for (sub, flag, name) in [("add", Some(true), "faq"), ("edit", None, "a-b_c")] {
            let id = form_id(sub, flag, name);
            assert!(id.chars().count() <= 100);
            assert_eq!(parse_form_id(&id), Some((sub, flag, name)));
        }
        assert_eq!(parse_form_id("cmdform:remove:-:faq"), None);
    }
}
