//! `/command export` and `/command import file:`: a server's commands and
//! records as a file, and a file read, checked, summarised, and imported
//! only when a moderator confirms with a button.

use super::*;
use crate::custom::transfer::{self, ServerFile};
use serenity::all::{CommandDataOptionValue, CreateActionRow, CreateButton};

/// Imports waiting for their moderator's confirmation, for this long.
const PENDING_FOR: std::time::Duration = std::time::Duration::from_secs(900);

/// Imports read and summarised, waiting for "Import".
#[derive(Default)]
pub(super) struct PendingImports {
    next: std::sync::atomic::AtomicU64,
    waiting: Mutex<HashMap<u64, (GuildId, u64, ServerFile, Instant)>>,
}

impl PendingImports {
    fn keep(&self, guild: GuildId, moderator: u64, file: ServerFile) -> u64 {
        let id = self.next.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        let mut waiting = lock(&self.waiting);
        waiting.retain(|_, (_, _, _, at)| at.elapsed() < PENDING_FOR);
        waiting.insert(id, (guild, moderator, file, Instant::now()));
        id
    }

    fn take(&self, id: u64, guild: GuildId) -> Option<ServerFile> {
        let mut waiting = lock(&self.waiting);
        match waiting.get(&id) {
            Some((g, _, _, at)) if *g == guild && at.elapsed() < PENDING_FOR => {
                waiting.remove(&id).map(|(_, _, file, _)| file)
            }
            _ => None,
        }
    }
}

impl Core {
    /// `/command export`: the server's commands and records, attached.
    pub(super) async fn export_commands(&self, guild: GuildId, lang: Lang) -> Outgoing {
        let state = self.store.get(guild.get()).await;
        let file = transfer::export(&state, &chrono::Utc::now().to_rfc3339());
        let Ok(bytes) = serde_json::to_vec_pretty(&file) else {
            return Outgoing::from(problem(
                lang.text("problem.internal.title"),
                lang.text("problem.internal.hint"),
            ));
        };
        let name = format!("missionbot-server-{guild}.json");
        let text = lang.fill(
            "export.attached",
            &[
                ("commands", &file.commands.len()),
                ("records", &file.records.len()),
                ("format", &transfer::FORMAT),
                ("version", &transfer::VERSION),
            ],
        );
        Outgoing {
            body: Body::Json(wire::attachment_response(&text, &name)),
            files: vec![File::new(bytes, name)],
        }
    }

    /// `/command import file:`: read, checked and summarised; nothing
    /// changes until the moderator presses "Import".
    pub(super) async fn import_commands(
        &self,
        command: &CommandInteraction,
        guild: GuildId,
        lang: Lang,
    ) -> CreateInteractionResponse {
        let refused = |text: String| problem(lang.text("import.not_read"), &text);
        let attachment = command
            .data
            .options
            .iter()
            .flat_map(|o| match &o.value {
                CommandDataOptionValue::SubCommand(inner) => inner.as_slice(),
                _ => &[],
            })
            .find_map(|o| match o.value {
                CommandDataOptionValue::Attachment(id) => {
                    command.data.resolved.attachments.get(&id)
                }
                _ => None,
            });
        let Some(attachment) = attachment else {
            return refused(lang.fill("refusal.option_required", &[("name", &"file")]));
        };
        if attachment.size as usize > transfer::FILE_MAX {
            return refused(
                moderation::Refusal::new(
                    "refusal.import_too_big",
                    &[("max", &transfer::FILE_MAX), ("n", &attachment.size)],
                )
                .describe(lang),
            );
        }
        let bytes = match tokio::time::timeout(MODERATOR_DEADLINE, attachment.download()).await {
            Ok(Ok(bytes)) => bytes,
            Ok(Err(e)) => {
                warn!(error = %e, "an import's file could not be fetched");
                return refused(lang.text("import.not_fetched").to_owned());
            }
            Err(_) => return refused(lang.text("import.not_fetched").to_owned()),
        };
        let file = match transfer::read(&bytes) {
            Ok(file) => file,
            Err(refusal) => return refused(refusal.describe(lang)),
        };
        let state = self.store.get(guild.get()).await;
        let plan = transfer::plan(&state, &file);
        let names = |list: &[String]| {
            if list.is_empty() {
                "—".to_owned()
            } else {
                list.iter()
                    .map(|n| format!("/{n}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        let mut reply = Reply {
            ephemeral: true,
            ..Reply::new(lang.text("import.plan_title"))
                .with_description(lang.text("import.plan_about"))
        };
        reply.push_field(lang.text("import.added"), names(&plan.added), Vec::new());
        reply.push_field(
            lang.text("import.changed"),
            names(&plan.changed),
            Vec::new(),
        );
        reply.push_field(
            lang.text("import.unchanged"),
            names(&plan.unchanged),
            Vec::new(),
        );
        reply.push_field(
            lang.text("import.records"),
            lang.fill(
                "import.records_text",
                &[
                    ("added", &plan.records_added),
                    ("present", &plan.records_present),
                ],
            ),
            Vec::new(),
        );
        reply.lang = lang;
        let id = self.imports.keep(guild, command.user.id.get(), file);
        let buttons = CreateActionRow::Buttons(vec![
            CreateButton::new(format!("import:{id}"))
                .label(lang.text("import.confirm"))
                .style(serenity::all::ButtonStyle::Success),
            CreateButton::new(format!("importno:{id}"))
                .label(lang.text("import.cancel"))
                .style(serenity::all::ButtonStyle::Secondary),
        ]);
        CreateInteractionResponse::Message(wire::message(&reply, 0, None).components(vec![buttons]))
    }

    /// "Import" or "Cancel" under an import's summary.
    pub(super) async fn import_button(
        &self,
        component: &ComponentInteraction,
    ) -> Option<CreateInteractionResponse> {
        let custom_id = component.data.custom_id.as_str();
        let (confirmed, id) = match (
            custom_id.strip_prefix("import:"),
            custom_id.strip_prefix("importno:"),
        ) {
            (Some(id), _) => (true, id.parse::<u64>().ok()?),
            (_, Some(id)) => (false, id.parse::<u64>().ok()?),
            _ => return None,
        };
        let lang = Lang::from_locale(&component.locale);
        let (Some(guild), true) = (
            component.guild_id,
            self.is_moderator(component.member.as_ref()),
        ) else {
            return Some(problem(
                lang.text("problem.moderators_only.title"),
                lang.text("problem.moderators_only.hint"),
            ));
        };
        let Some(file) = self.imports.take(id, guild) else {
            return Some(problem(
                lang.text("import.expired.title"),
                lang.text("import.expired.hint"),
            ));
        };
        if !confirmed {
            let reply = Reply::problem(
                lang.text("import.cancelled"),
                lang.text("import.cancelled_text"),
            );
            return Some(wire::update_response(&reply, 0, None));
        }
        let actor = moderation::Actor {
            id: component.user.id.get(),
            name: component.user.name.clone(),
            lang,
        };
        let now = chrono::Utc::now().to_rfc3339();
        let work = moderation::import(
            &self.store,
            guild.get(),
            &actor,
            &file,
            &now,
            self.custom_command_limit(guild),
        );
        let reply = match tokio::time::timeout(MODERATOR_DEADLINE, work).await {
            Ok(Ok((reply, effect))) => {
                let requester = Requester {
                    interaction_token: component.token.clone(),
                    change: "/command import".into(),
                    lang,
                };
                self.after_change(guild, effect, requester).await;
                info!(guild = %guild, by = actor.id, "a server file was imported");
                reply
            }
            Ok(Err(refusal)) => {
                Reply::problem(lang.text("problem.not_changed"), refusal.describe(lang))
            }
            Err(_) => Reply::problem(
                lang.text("problem.not_confirmed.title"),
                lang.text("import.not_confirmed"),
            ),
        };
        Some(wire::update_response(&reply, 0, None))
    }
}
