//! Moderators' commands (`/command`, `/record`) and their pages, and the
//! command sets handed to the registrar after a change.

use super::*;
use crate::interactions::retry::Policy;
use crate::query::OptionValue;

/// How long a moderator waits for "saved" or "not saved" before being told
/// "not confirmed yet" (the rest of Discord's 3 seconds is for sending).
pub(super) const MODERATOR_DEADLINE: std::time::Duration = std::time::Duration::from_millis(2_000);

/// How long a change may wait for the store at all
/// (`MISSIONBOT_WRITE_GIVE_UP_SECS`, default 60); past it the outcome is
/// unknown, the bot says so and keeps reloading the server from the store
/// for a while, so that a commit landing late still reaches its memory.
pub(super) fn store_give_up() -> std::time::Duration {
    let secs = crate::config::var("MISSIONBOT_WRITE_GIVE_UP_SECS")
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|&n| n > 0)
        .unwrap_or(60);
    std::time::Duration::from_secs(secs)
}

/// A moderator's change, owned, so that it can finish in its own task.
pub(super) struct Change {
    pub(super) guild: GuildId,
    pub(super) command: String,
    pub(super) sub: String,
    pub(super) options: Vec<(String, OptionValue)>,
    pub(super) actor: Actor,
    pub(super) token: String,
    /// A reader's report this change acts on ("Turn into a record"):
    /// marked resolved once the change is saved.
    pub(super) resolves: Option<u64>,
}

/// The full command set of one guild: its custom commands, plus the
/// built-in ones when they are registered to this guild (`home`).
pub(super) async fn guild_definitions(
    store: &GuildStore,
    home: Option<GuildId>,
    guild: GuildId,
) -> Vec<CreateCommand> {
    let mut set = if home == Some(guild) {
        built_in_definitions()
    } else {
        Vec::new()
    };
    for command in &store.get(guild.get()).await.commands {
        set.push(commands::custom_definition(command));
        set.extend(
            command
                .switches
                .aliases
                .iter()
                .map(|alias| commands::alias_definition(command, alias)),
        );
    }
    set
}

/// Every scope's command set: the built-in commands (globally, or in
/// `home`) and each guild's custom commands (guilds with none left out).
pub(super) async fn command_definitions(
    store: &GuildStore,
    home: Option<GuildId>,
) -> Vec<(Option<GuildId>, Vec<CreateCommand>)> {
    let mut sets = vec![match home {
        Some(g) => (Some(g), guild_definitions(store, home, g).await),
        None => (None, built_in_definitions()),
    }];
    for id in store.guild_ids() {
        let guild = GuildId::new(id);
        if Some(guild) != home {
            let set = guild_definitions(store, home, guild).await;
            if !set.is_empty() {
                sets.push((Some(guild), set));
            }
        }
    }
    sets
}

/// Every scope's registration body, for `missionbot register`; a set that
/// cannot be written is left out (and logged), never sent empty.
pub async fn command_sets(
    store: &GuildStore,
    home: Option<GuildId>,
) -> Vec<(Option<GuildId>, serde_json::Value)> {
    let mut bodies = Vec::new();
    for (guild, set) in command_definitions(store, home).await {
        match commands::registration_body(&set) {
            Ok(body) => bodies.push((guild, body)),
            Err(e) => error!(error = %e, "the command set could not be written; not registered"),
        }
    }
    bodies
}

pub fn built_in_definitions() -> Vec<CreateCommand> {
    let mut set = commands::definitions();
    set.extend(commands::moderator_definitions());
    set
}

/// The plain name of whoever used a command: server nickname, display name or username.
pub(super) fn display_name(command: &CommandInteraction) -> String {
    command
        .member
        .as_ref()
        .and_then(|m| m.nick.clone())
        .or_else(|| command.user.global_name.clone())
        .unwrap_or_else(|| command.user.name.clone())
}

impl Core {
    /// Hands a scope's command set to the registrar (which skips a set that
    /// is already registered); returns at once.
    pub(super) fn submit_commands(
        &self,
        guild: Option<GuildId>,
        definitions: Vec<CreateCommand>,
        requested_by: Option<Requester>,
    ) {
        match commands::registration_body(&definitions) {
            Ok(body) => self.registrar.submit(
                self.http.clone(),
                Wanted {
                    guild,
                    body,
                    requested_by,
                },
            ),
            // Never register an empty list instead: that would delete every command.
            Err(e) => error!(error = %e, "the command set could not be written; not registered"),
        }
    }

    /// How many custom commands a guild may have: Discord's 100 per guild,
    /// less the bot's own when they are registered in that guild too.
    pub(super) fn custom_command_limit(&self, guild: GuildId) -> usize {
        let own = if self.guild == Some(guild) {
            built_in_definitions().len()
        } else {
            0
        };
        crate::custom::MAX_COMMANDS.saturating_sub(own)
    }

    pub(super) async fn guild_definitions(&self, guild: GuildId) -> Vec<CreateCommand> {
        guild_definitions(&self.store, self.guild, guild).await
    }

    /// Hands every command set this process knows to the registrar: the
    /// built-in commands (globally, or in `DISCORD_GUILD_ID`) and each
    /// guild's custom commands.
    pub async fn register_all(&self) {
        for (guild, set) in command_definitions(&self.store, self.guild).await {
            self.submit_commands(guild, set, None);
        }
    }

    pub(super) fn is_moderator(&self, member: Option<&Member>) -> bool {
        let Some(member) = member else { return false };
        let by_permission = member.permissions.is_some_and(|p| {
            p.contains(Permissions::MANAGE_GUILD) || p.contains(Permissions::ADMINISTRATOR)
        });
        let by_role = self.mod_role.is_some_and(|r| member.roles.contains(&r));
        by_permission || by_role
    }

    /// `/command` and `/record`. The change runs in a task of its own with
    /// a deadline on the bot's side: answered within [`MODERATOR_DEADLINE`]
    /// with what happened, or with "not confirmed yet" and a follow-up
    /// message once the store has answered (the change is never dropped
    /// half way, so memory, the view and the registration follow it).
    pub(super) async fn moderator_command(
        self: &Arc<Self>,
        command: &CommandInteraction,
    ) -> Outgoing {
        let lang = commands::interaction_lang(command);
        let problem = |key: &str| {
            problem(
                lang.text(&format!("{key}.title")),
                lang.text(&format!("{key}.hint")),
            )
        };
        // Only where the bot itself is installed: a person's own install
        // is never a server's moderator.
        let Some(guild) =
            commands::records_guild(command.guild_id, &command.authorizing_integration_owners)
        else {
            return problem("problem.moderators_in_server").into();
        };
        if !self.is_moderator(command.member.as_deref()) {
            warn!(user = %command.user.id, guild = %guild, command = %command.data.name, "refused a moderator command from a non-moderator");
            return problem("problem.moderators_only").into();
        }
        let Some((sub, options)) = commands::subcommand(command) else {
            return problem("problem.which_subcommand").into();
        };
        if command.data.name == "follow" {
            let actor = Actor {
                id: command.user.id.get(),
                name: display_name(command),
                lang,
            };
            return self.follow_command(guild, &sub, &options, actor).await;
        }
        if command.data.name == "command" {
            if let Some(form) = self.command_form(guild, &sub, &options, lang).await {
                return form.into();
            }
            match sub.as_str() {
                "export" => return self.export_commands(guild, lang).await,
                "import" => return self.import_commands(command, guild, lang).await.into(),
                _ => {}
            }
        }
        let change = Change {
            guild,
            command: command.data.name.clone(),
            sub,
            options,
            actor: Actor {
                id: command.user.id.get(),
                name: display_name(command),
                lang,
            },
            token: command.token.clone(),
            resolves: None,
        };
        self.answer_change(change).await.into()
    }

    /// Runs a moderator's change in a task of its own and answers within
    /// [`MODERATOR_DEADLINE`]: with what happened, or with "not confirmed
    /// yet" and a follow-up once the store has answered.
    pub(super) async fn answer_change(
        self: &Arc<Self>,
        change: Change,
    ) -> CreateInteractionResponse {
        let lang = change.actor.lang;
        let guild = change.guild;
        let token = change.token.clone();
        let core = self.clone();
        let mut work = tokio::spawn(async move { core.run_change(change).await });
        match tokio::time::timeout(MODERATOR_DEADLINE, &mut work).await {
            Ok(Ok((reply, line))) => wire::interaction_response(&reply, 0, line.as_deref()),
            Ok(Err(_)) => wire::interaction_response(&internal_error(lang), 0, None),
            Err(_) => {
                warn!(guild = %guild, "a moderator's change outlasted its deadline; answering that it is not confirmed yet");
                let core = self.clone();
                let token = token.clone();
                tokio::spawn(async move {
                    let reply = match work.await {
                        Ok((reply, _)) => reply,
                        Err(_) => internal_error(lang),
                    };
                    core.follow_up(&token, &reply).await;
                });
                wire::interaction_response(
                    &Reply::problem(
                        lang.text("problem.not_confirmed.title"),
                        lang.text("problem.not_confirmed.hint"),
                    ),
                    0,
                    None,
                )
            }
        }
    }

    /// Runs a moderator's change to the end (however long the store takes,
    /// up to `MISSIONBOT_WRITE_GIVE_UP_SECS`) and makes it current; the reply says what
    /// happened, and the page line for lists.
    async fn run_change(self: Arc<Self>, change: Change) -> (Reply, Option<String>) {
        let Change {
            guild,
            command,
            sub,
            options,
            actor,
            token,
            resolves,
        } = change;
        let lang = actor.lang;
        let work = async {
            if command == "command" && matches!(sub.as_str(), "list" | "show") {
                self.uses.flush_before_reading(guild.get()).await;
            }
            let now = chrono::Utc::now();
            if command == "command" {
                moderation::command(
                    &self.store,
                    guild.get(),
                    &actor,
                    &sub,
                    &options,
                    &now.to_rfc3339(),
                    self.custom_command_limit(guild),
                )
                .await
            } else if command == "settings" {
                crate::corrections::settings(&self.store, guild.get(), &actor, &sub, &options).await
            } else {
                let data = self.data_for(Some(guild));
                moderation::record(
                    &self.store,
                    &data,
                    guild.get(),
                    &actor,
                    &sub,
                    &options,
                    &now.format("%Y-%m-%d").to_string(),
                )
                .await
            }
        };
        let Ok(result) = tokio::time::timeout(store_give_up(), work).await else {
            error!(guild = %guild, "the store did not answer a moderator's change; its outcome is unknown");
            self.store.clone().keep_refreshing(guild.get());
            let reply = Reply::problem(
                lang.text("problem.not_confirmed.title"),
                lang.text("problem.store_gave_up"),
            );
            return (reply, None);
        };
        let (mut reply, line) = match result {
            Ok((reply, effect)) => {
                let requester = Requester {
                    interaction_token: token,
                    change: format!("/{command} {sub}"),
                    lang,
                };
                self.after_change(guild, effect, requester).await;
                info!(guild = %guild, by = actor.id, command = %command, sub = %sub, "moderator change");
                let mut reply = reply;
                if command == "record" && matches!(sub.as_str(), "expulsion" | "mission-status") {
                    tokio::spawn(self.clone().alert_new_record(guild));
                }
                if let Some(report) = resolves {
                    let resolved = self.resolve_after_record(guild, report, &actor).await;
                    reply.description = format!("{}\n{resolved}", reply.description);
                }
                // A list's page buttons carry what it lists (one command's history).
                let named = match (sub.as_str(), options.iter().find(|(n, _)| n == "name")) {
                    ("history", Some((_, value))) => value
                        .text()
                        .map(|name| format!(" {}", name.trim()))
                        .unwrap_or_default(),
                    _ => String::new(),
                };
                (reply, Some(format!("/{command} {sub}{named}")))
            }
            Err(refusal) => (
                Reply::problem(lang.text("problem.not_changed"), refusal.describe(lang)),
                None,
            ),
        };
        // What the bot had to set aside at start is told to the first moderator who comes.
        for notice in self.store.take_notices(guild.get()) {
            let notice = notice.describe(lang);
            reply.description = format!("⚠ {notice}\n\n{}", reply.description);
        }
        (reply, line)
    }

    /// Tells a moderator, privately, how a change answered "not confirmed
    /// yet" ended.
    async fn follow_up(&self, token: &str, reply: &Reply) {
        let message = wire::followup(reply);
        let sent = Policy::edit()
            .run(
                "follow-up on a moderator's change",
                || {
                    self.http
                        .create_followup_message(token, &message, Vec::new())
                },
                || false,
            )
            .await;
        if let Err(e) = sent {
            error!(error = ?e, "telling a moderator how their change ended failed");
        }
    }

    /// Registers the command set of every server another process changes,
    /// for as long as the store reports such changes. Several processes
    /// registering one server converge: each one's last registration is
    /// the newest set it knows, and every one learns the newest, so a slow
    /// registration of an older set is always followed by the newer one.
    pub fn register_changes_elsewhere(self: &Arc<Self>) {
        let core = self.clone();
        let mut changed = self.store.changed_elsewhere();
        tokio::spawn(async move {
            loop {
                let guilds = match changed.recv().await {
                    Ok(guild) => vec![guild],
                    Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {
                        core.store.guild_ids()
                    }
                    Err(tokio::sync::broadcast::error::RecvError::Closed) => return,
                };
                for guild in guilds {
                    let guild = GuildId::new(guild);
                    let set = core.guild_definitions(guild).await;
                    core.submit_commands(Some(guild), set, None);
                }
            }
        });
    }

    /// Makes a saved change current: the guild's view of the data, and its
    /// command set handed to the registrar (the moderator is answered
    /// without waiting for Discord, and told later if registration fails).
    pub(super) async fn after_change(
        &self,
        guild: GuildId,
        effect: Effect,
        requested_by: Requester,
    ) {
        if effect.records_changed {
            self.views.rebuild(guild.get()).await;
        }
        if effect.commands_changed {
            let set = self.guild_definitions(guild).await;
            self.submit_commands(Some(guild), set, Some(requested_by));
        }
    }

    /// Pages of `/command list` and `/record list`, for moderators only.
    pub(super) async fn moderator_page(
        &self,
        component: &ComponentInteraction,
        page: usize,
        line: &str,
    ) -> CreateInteractionResponse {
        let lang = Lang::from_locale(&component.locale);
        let (Some(guild), true) = (
            commands::records_guild(
                component.guild_id,
                &component.authorizing_integration_owners,
            ),
            self.is_moderator(component.member.as_ref()),
        ) else {
            warn!(user = %component.user.id, "refused a moderator page to a non-moderator");
            return problem(
                lang.text("problem.moderator_pages.title"),
                lang.text("problem.moderator_pages.hint"),
            );
        };
        let actor = Actor {
            id: component.user.id.get(),
            name: component.user.name.clone(),
            lang,
        };
        let result = if let Some(rest) = line.strip_prefix("/command ") {
            self.uses.flush_before_reading(guild.get()).await;
            // "/command list", "/command history", "/command history faq".
            let (sub, name) = rest.split_once(' ').unwrap_or((rest, ""));
            let sub = if sub == "history" { "history" } else { "list" };
            let options: Vec<(String, OptionValue)> = if name.is_empty() {
                Vec::new()
            } else {
                vec![("name".to_owned(), OptionValue::Text(name.to_owned()))]
            };
            moderation::command(
                &self.store,
                guild.get(),
                &actor,
                sub,
                &options,
                "",
                self.custom_command_limit(guild),
            )
            .await
        } else {
            moderation::record(
                &self.store,
                &self.data,
                guild.get(),
                &actor,
                "list",
                &[],
                "",
            )
            .await
        };
        match result {
            Ok((reply, _)) => wire::update_response(&reply, page, Some(line)),
            Err(r) => problem(lang.text("problem.not_available"), &r.describe(lang)),
        }
    }
}
