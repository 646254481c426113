//! "Report a correction": the button on a factual answer opens a form; the
//! submitted form is checked, limited per reader, stored, and posted to the
//! server's corrections channel (or kept for the maintainers, from a
//! person's own install); a moderator marks it resolved from that channel.

use super::*;
use crate::corrections::{self, Delivered};
use crate::custom::Report;
use crate::interactions::retry::Policy;
use crate::query::OptionValue;
use serenity::all::{ActionRowComponent, ChannelId, ModalInteraction, User};

/// How a reader or moderator is named: their nickname here, else their
/// display name, else their user name.
pub(super) fn name_of(user: &User, member: Option<&Member>) -> String {
    member
        .and_then(|m| m.nick.clone())
        .or_else(|| user.global_name.clone())
        .unwrap_or_else(|| user.name.clone())
}

/// The value typed in a form's input of this id.
pub(super) fn typed(modal: &ModalInteraction, id: &str) -> String {
    modal
        .data
        .components
        .iter()
        .flat_map(|row| &row.components)
        .find_map(|c| match c {
            ActionRowComponent::InputText(input) if input.custom_id == id => input.value.clone(),
            _ => None,
        })
        .unwrap_or_default()
}

fn moderators_only(lang: Lang) -> CreateInteractionResponse {
    problem(
        lang.text("problem.moderators_only.title"),
        lang.text("problem.moderators_only.hint"),
    )
}

impl Core {
    /// The reports' buttons: "Report a correction" on an answer, "Mark
    /// resolved" and "Turn into a record" on a posted report; `None` for
    /// any other button.
    pub(super) async fn report_component(
        &self,
        component: &ComponentInteraction,
    ) -> Option<CreateInteractionResponse> {
        let custom_id = component.data.custom_id.as_str();
        let number = |prefix: &str| custom_id.strip_prefix(prefix).and_then(|n| n.parse().ok());
        if let Some(line) = custom_id.strip_prefix("fix:") {
            Some(self.report_button(component, line).await)
        } else if let Some(id) = number("fixdone:") {
            Some(self.report_resolved(component, id).await)
        } else if let Some(id) = number("fixrecord:") {
            Some(self.report_to_record_form(component, id).await)
        } else {
            None
        }
    }

    /// The report form, or, in a server that takes no reports, who to ask.
    pub(super) async fn report_button(
        &self,
        component: &ComponentInteraction,
        line: &str,
    ) -> CreateInteractionResponse {
        let lang = Lang::from_locale(&component.locale);
        let guild = commands::records_guild(
            component.guild_id,
            &component.authorizing_integration_owners,
        );
        let Some(form) = render::report_form_id(line, guild.is_none()) else {
            return stale_button(&component.data.custom_id, lang);
        };
        if let Some(guild) = guild {
            if self
                .store
                .get(guild.get())
                .await
                .corrections_channel
                .is_none()
            {
                return problem(
                    lang.text("report.no_channel.title"),
                    lang.text("report.no_channel.hint"),
                );
            }
        }
        wire::report_form(&form, lang)
    }

    /// A submitted form: checked and limited at once, then stored and
    /// delivered after a private "thinking…", edited with what happened.
    pub(super) async fn on_modal(self: &Arc<Self>, modal: &ModalInteraction) -> Response {
        if let Some(response) = self.command_form_submitted(modal).await {
            return response;
        }
        if let Some(id) = modal
            .data
            .custom_id
            .strip_prefix("fixrec:")
            .and_then(|n| n.parse().ok())
        {
            return self.record_from_report(modal, id).await;
        }
        self.report_submitted(modal)
    }

    fn report_submitted(self: &Arc<Self>, modal: &ModalInteraction) -> Response {
        let lang = Lang::from_locale(&modal.locale);
        let Some((user_install, line)) = render::parse_report_form_id(&modal.data.custom_id) else {
            warn!(custom_id = %modal.data.custom_id, "unknown form");
            return Response::Now(Outgoing::from(problem(
                lang.text("problem.stale_button.title"),
                lang.text("problem.stale_button.hint"),
            )));
        };
        let not_sent = |text: String| {
            Response::Now(Outgoing::from(problem(lang.text("report.not_sent"), &text)))
        };
        let checked = match corrections::check_form(&typed(modal, "what"), &typed(modal, "source"))
        {
            Ok(checked) => checked,
            Err(refusal) => return not_sent(refusal.describe(lang)),
        };
        if let Err(wait) = self.report_limiter.take(modal.user.id.get()) {
            let minutes = wait.as_secs().div_ceil(60).max(1);
            return not_sent(lang.fill("report.too_many", &[("minutes", &minutes)]));
        }
        let guild = if user_install { None } else { modal.guild_id };
        let report = Report {
            id: 0,
            guild: guild.map(GuildId::get),
            reporter_id: modal.user.id.get(),
            reporter_name: name_of(&modal.user, modal.member.as_ref()),
            query: line.to_owned(),
            data_as_of: self.data_for(guild).as_of.iso(),
            what: checked.what,
            source_url: checked.source_url,
            created_at: chrono::Utc::now().to_rfc3339(),
            resolved_by: None,
            resolved_at: None,
        };
        let core = self.clone();
        let then = async move {
            let reply = core.keep_report(report, lang).await;
            Edit {
                body: wire::edit_json(&reply, &[]),
                files: Vec::new(),
            }
        };
        let thinking = CreateInteractionResponse::Defer(
            CreateInteractionResponseMessage::new()
                .ephemeral(true)
                .allowed_mentions(CreateAllowedMentions::new()),
        );
        Response::Later {
            first: Outgoing::from(thinking),
            then: Box::pin(then),
        }
    }

    /// Stores a report, posts it where it goes, and says truthfully what
    /// happened to it.
    async fn keep_report(&self, report: Report, lang: Lang) -> Reply {
        let stored =
            match tokio::time::timeout(store_give_up(), self.store.add_report(report)).await {
                Ok(Ok(stored)) => stored,
                Ok(Err(e)) => {
                    return Reply::problem(
                        lang.text("report.not_sent"),
                        moderation::Refusal::from(e).describe(lang),
                    )
                }
                Err(_) => {
                    return Reply::problem(
                        lang.text("report.not_sent"),
                        lang.text("problem.store_gave_up"),
                    )
                }
            };
        let delivered = match stored.guild {
            None => Delivered::ForMaintainers,
            Some(guild) => match self.store.get(guild).await.corrections_channel {
                Some(channel) => match self.post_report(channel, &stored, lang).await {
                    Ok(()) => Delivered::Posted(channel),
                    Err(why) => Delivered::NotPosted { channel, why },
                },
                None => Delivered::KeptOnly,
            },
        };
        info!(
            report = stored.id,
            guild = ?stored.guild,
            query = %stored.query,
            delivered = ?delivered,
            "a reader reported a wrong fact (kept; `missionbot` maintainers read these with the store's reports)"
        );
        corrections::received_reply(&stored, &delivered, lang)
    }

    /// Posts a report to a corrections channel, retried like every REST call.
    async fn post_report(&self, channel: u64, report: &Report, lang: Lang) -> Result<(), String> {
        let message = wire::report_post(&corrections::report_reply(report, lang), Some(report.id));
        Policy::edit()
            .run(
                "posting a correction report",
                || {
                    self.http
                        .send_message(ChannelId::new(channel), Vec::new(), &message)
                },
                || false,
            )
            .await
            .map(|_| ())
            .map_err(|failure| {
                error!(channel, report = report.id, error = ?failure, "posting a correction report failed");
                match failure {
                    crate::interactions::retry::Failure::Failed { error, .. } => error.to_string(),
                    crate::interactions::retry::Failure::Stopped => "stopped".to_owned(),
                }
            })
    }

    /// The server of a button where the bot is installed, when one of its
    /// moderators pressed it.
    fn moderator_of(&self, component: &ComponentInteraction) -> Option<GuildId> {
        let guild = commands::records_guild(
            component.guild_id,
            &component.authorizing_integration_owners,
        );
        self.moderators_server(guild, component.member.as_ref())
    }

    /// The server of a report's button or form, when a moderator of it
    /// pressed it.
    fn moderators_server(
        &self,
        guild: Option<GuildId>,
        member: Option<&Member>,
    ) -> Option<GuildId> {
        guild.filter(|_| self.is_moderator(member))
    }

    /// "Turn into a record": the `/record expulsion` form, filled in from
    /// the report (its country, its words as the reason, its link).
    pub(super) async fn report_to_record_form(
        &self,
        component: &ComponentInteraction,
        id: u64,
    ) -> CreateInteractionResponse {
        let lang = Lang::from_locale(&component.locale);
        let Some(guild) = self.moderator_of(component) else {
            return moderators_only(lang);
        };
        let reports =
            tokio::time::timeout(MODERATOR_DEADLINE, self.store.reports(Some(guild.get())));
        let report = match reports.await {
            Ok(Ok(reports)) => reports.into_iter().find(|r| r.id == id),
            _ => {
                return problem(
                    lang.text("problem.not_confirmed.title"),
                    lang.text("report.not_confirmed"),
                )
            }
        };
        let Some(report) = report else {
            return problem(
                lang.text("report.unknown.title"),
                lang.text("report.unknown.hint"),
            );
        };
        let country = Query::parse_line(&report.query)
            .ok()
            .and_then(|q| q.country_text().map(str::to_owned))
            .unwrap_or_default();
        let filled = [
            ("country", country),
            ("date", String::new()),
            ("action", String::new()),
            ("trigger", report.what.clone()),
            ("source_url", report.source_url.clone().unwrap_or_default()),
        ];
        wire::record_form(&render::record_form_id(id), &filled, lang)
    }

    /// The filled-in record form submitted: the same change, checks and
    /// answer as `/record expulsion`; once saved, the report is resolved.
    async fn record_from_report(self: &Arc<Self>, modal: &ModalInteraction, id: u64) -> Response {
        let lang = Lang::from_locale(&modal.locale);
        let Some(guild) = self.moderators_server(modal.guild_id, modal.member.as_ref()) else {
            return Response::Now(Outgoing::from(moderators_only(lang)));
        };
        let options = ["country", "date", "action", "trigger", "source_url"]
            .into_iter()
            .map(|name| (name.to_owned(), OptionValue::Text(typed(modal, name))))
            .collect();
        let change = Change {
            guild,
            command: "record".into(),
            sub: "expulsion".into(),
            options,
            actor: moderation::Actor {
                id: modal.user.id.get(),
                name: name_of(&modal.user, modal.member.as_ref()),
                lang,
            },
            token: modal.token.clone(),
            resolves: Some(id),
        };
        Response::Now(Outgoing::from(self.answer_change(change).await))
    }

    /// Marks a report resolved after the record made from it was saved;
    /// the line the moderator is told.
    pub(super) async fn resolve_after_record(
        &self,
        guild: GuildId,
        id: u64,
        actor: &moderation::Actor,
    ) -> String {
        let now = chrono::Utc::now().to_rfc3339();
        let label = format!("c{id}");
        match self
            .store
            .resolve_report(Some(guild.get()), id, &actor.name, &now)
            .await
        {
            Ok(Some(_)) => actor
                .lang
                .fill("report.resolved_with_record", &[("id", &label)]),
            _ => actor
                .lang
                .fill("report.not_resolved_with_record", &[("id", &label)]),
        }
    }

    /// "Mark resolved" on a posted report: a moderator of that server only;
    /// the post is replaced by the resolved report without the button.
    pub(super) async fn report_resolved(
        &self,
        component: &ComponentInteraction,
        id: u64,
    ) -> CreateInteractionResponse {
        let lang = Lang::from_locale(&component.locale);
        let Some(guild) = self.moderator_of(component) else {
            warn!(user = %component.user.id, report = id, "refused to resolve a report for a non-moderator");
            return moderators_only(lang);
        };
        let by = name_of(&component.user, component.member.as_ref());
        let now = chrono::Utc::now().to_rfc3339();
        let resolved = self.store.resolve_report(Some(guild.get()), id, &by, &now);
        match tokio::time::timeout(MODERATOR_DEADLINE, resolved).await {
            Ok(Ok(Some(report))) => {
                info!(report = id, guild = %guild, "a correction report was marked resolved");
                wire::report_update(&corrections::report_reply(&report, lang))
            }
            Ok(Ok(None)) => problem(
                lang.text("report.unknown.title"),
                lang.text("report.unknown.hint"),
            ),
            Ok(Err(e)) => problem(
                lang.text("problem.not_changed"),
                &moderation::Refusal::from(e).describe(lang),
            ),
            Err(_) => problem(
                lang.text("problem.not_confirmed.title"),
                lang.text("report.not_confirmed"),
            ),
        }
    }
}
