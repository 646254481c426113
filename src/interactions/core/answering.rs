//! Built-in answers: a command parsed once into a query, answered from the
//! guild's view (resolving its country once), cached by view, language and
//! query; page buttons, autocomplete and @mentions.

use super::*;

/// A built-in command's answer as sent, kept for the same query. Its
/// locator is the locator cache's own picture, shared, never a copy: an
/// answer cached under "spain", "Spain" and "ES" holds one PNG, not three.
pub(super) struct CachedAnswer {
    pub(super) body: Box<serde_json::value::RawValue>,
    pub(super) locator: Option<Arc<map::Png>>,
}

impl CachedAnswer {
    pub(super) fn outgoing(&self) -> Outgoing {
        Outgoing {
            body: Body::Raw(self.body.clone()),
            files: self
                .locator
                .iter()
                .map(|png| File::new(png.bytes.clone(), "locator.png"))
                .collect(),
        }
    }
}

/// Answers kept at most, by count and by the bytes of their bodies; past
/// either the cache starts again. 4 MiB: the 1,024 `/embassy` answers of
/// the heap table (BENCHMARKS.md §12) take 1.5 MiB.
pub(super) const ANSWER_CACHE_LIMIT: usize = 1024;
pub(super) const ANSWER_CACHE_BYTES: usize = 4 << 20;

/// The answers already sent, by view of the data, language and query line.
#[derive(Default)]
pub(super) struct AnswerCache {
    answers: HashMap<String, Arc<CachedAnswer>>,
    bytes: usize,
}

impl AnswerCache {
    pub(super) fn get(&self, key: &str) -> Option<Arc<CachedAnswer>> {
        self.answers.get(key).cloned()
    }

    fn insert(&mut self, key: String, answer: Arc<CachedAnswer>) {
        let size = key.len() + answer.body.get().len();
        if self.answers.len() >= ANSWER_CACHE_LIMIT || self.bytes + size > ANSWER_CACHE_BYTES {
            self.answers.clear();
            self.bytes = 0;
        }
        self.bytes += size;
        if let Some(old) = self.answers.insert(key.clone(), answer) {
            self.bytes -= key.len() + old.body.get().len();
        }
    }
}

/// How much of the message the answer quotes back.
const EXCERPT_MAX: usize = 200;

/// The part of a message "Ask missionbot" reads: all of it, or the first
/// [`spec::MESSAGE_READ_MAX`] characters cut at a word.
fn read_message(text: &str) -> String {
    crate::text::truncate_chars(text, spec::MESSAGE_READ_MAX)
        .trim_end_matches('…')
        .trim_end()
        .to_owned()
}

/// The question in a message, without the mentions that addressed it.
pub(super) fn strip_mentions(content: &str) -> String {
    static MENTION: once_cell::sync::Lazy<regex::Regex> =
        once_cell::sync::Lazy::new(|| regex::Regex::new(r"<@!?\d+>").expect("valid regex"));
    MENTION.replace_all(content, " ").trim().to_owned()
}

impl Core {
    /// Runs the pure core, turning a panic into an apology instead of silence.
    pub(super) fn answer_safely(&self, data: &Dataset, query: &Query, lang: Lang) -> Reply {
        std::panic::catch_unwind(AssertUnwindSafe(|| answers::answer_in(data, query, lang)))
            .unwrap_or_else(|_| {
                error!(query = %query, "answer panicked");
                internal_error(lang)
            })
    }

    /// A built-in command's answer, from the cache of answers when the same
    /// query was answered before on the same view of the data (the data is
    /// immutable per view, so the same query gets the same bytes).
    pub(super) async fn built_in(&self, command: &CommandInteraction) -> Outgoing {
        let lang = commands::interaction_lang(command);
        let query = match commands::query_from_interaction(command) {
            Ok(query) => query,
            Err(e) => {
                warn!(command = %command.data.name, error = %e, "bad command");
                let title = lang.text("problem.not_run.title");
                return Outgoing::from(problem(title, &e.describe(lang)));
            }
        };
        // One look at the guild's view: the cache key and the data answered
        // from must be the same view, or a guild's first record landing
        // between two looks would be cached under the shared key.
        let guild =
            commands::records_guild(command.guild_id, &command.authorizing_integration_owners);
        if let (Query::Help, Some(guild)) = (&query, guild) {
            if let Some(help) = self.help_with_server_commands(guild, lang).await {
                return help;
            }
        }
        let (view, data) = self.view_of(guild);
        let key = format!("{view}|{}|{query}", lang.code());
        if let Some(hit) = lock(&self.answers).get(&key) {
            return hit.outgoing();
        }
        let (outgoing, cacheable, locator) = self.answer_built_in(&query, lang, &view, data).await;
        if !cacheable {
            return outgoing;
        }
        match serde_json::value::to_raw_value(&outgoing.body) {
            Ok(body) => {
                let cached = Arc::new(CachedAnswer { body, locator });
                lock(&self.answers).insert(key, cached);
                outgoing
            }
            Err(_) => outgoing,
        }
    }

    /// Computes a built-in command's answer from the query parsed once; also
    /// says whether it may be cached (not an `/embassy` whose locator could
    /// not be drawn just now), and gives the locator it attached. The answer reports what it answered: the
    /// canonical query for the page buttons and the country for the locator.
    pub(super) async fn answer_built_in(
        &self,
        query: &Query,
        lang: Lang,
        view: &str,
        data: Arc<Dataset>,
    ) -> (Outgoing, bool, Option<Arc<map::Png>>) {
        let mut reply = self.answer_safely(&data, query, lang);
        let canonical = reply.canonical.as_ref().unwrap_or(query).to_string();
        let locator = match (query, reply.subject.as_deref()) {
            (Query::Embassy { .. }, Some(iso2)) => {
                self.locator_in(view.to_owned(), data.clone(), iso2, lang)
                    .await
            }
            _ => None,
        };
        let Some(png) = locator else {
            let cacheable = !matches!(query, Query::Embassy { .. }) || reply.subject.is_none();
            let response = wire::interaction_response(&reply, 0, Some(&canonical));
            return (response.into(), cacheable, None);
        };
        reply.thumbnail_url = Some("attachment://locator.png".into());
        let response = wire::interaction_response(&reply, 0, Some(&canonical));
        let outgoing = Outgoing {
            body: Body::Json(wire::callback_json(&response, &["locator.png"])),
            files: vec![File::new(png.bytes.clone(), "locator.png")],
        };
        (outgoing, true, Some(png))
    }

    /// `/help` in a server with commands of its own: the built-ins, then
    /// the server's (not cached: each server has its own).
    async fn help_with_server_commands(&self, guild: GuildId, lang: Lang) -> Option<Outgoing> {
        let reply = self.server_help(guild, lang).await?;
        Some(Outgoing::from(wire::interaction_response(
            &reply,
            0,
            Some("/help"),
        )))
    }

    /// The help of a server with commands of its own (its pages too).
    async fn server_help(&self, guild: GuildId, lang: Lang) -> Option<Reply> {
        let state = self.store.get(guild.get()).await;
        if state.commands.is_empty() {
            return None;
        }
        let lines: Vec<String> = state
            .commands
            .iter()
            .map(|c| {
                let mut line = format!("/{} — {}", c.name, c.description);
                if !c.switches.aliases.is_empty() {
                    let aliases: Vec<String> =
                        c.switches.aliases.iter().map(|a| format!("/{a}")).collect();
                    line.push_str(
                        &lang.fill("help.server.aliases", &[("names", &aliases.join(", "))]),
                    );
                }
                if c.switches.disabled {
                    line.push_str(lang.text("help.server.off"));
                }
                line
            })
            .collect();
        let mut reply = self.answer_safely(&self.data, &Query::Help, lang);
        reply.push_field(lang.text("help.server.title"), lines.join("\n"), Vec::new());
        Some(reply)
    }

    /// "Ask missionbot" on a message: its text, read up to a bound, answered
    /// as `/ask` would, saying first what was read (and that only part was,
    /// when the message is longer). Not cached: the note is the message's own.
    pub(super) fn ask_message(&self, command: &CommandInteraction) -> Outgoing {
        let lang = commands::interaction_lang(command);
        let Some(text) = commands::target_message_text(command) else {
            return Outgoing::from(problem(
                lang.text("problem.no_message_text.title"),
                lang.text("problem.no_message_text.hint"),
            ));
        };
        let read = read_message(&text);
        let query = Query::Ask {
            question: read.clone(),
        };
        let guild =
            commands::records_guild(command.guild_id, &command.authorizing_integration_owners);
        let mut reply = self.answer_safely(&self.data_for(guild), &query, lang);
        let total = crate::text::chars(&text);
        let excerpt = crate::text::truncate_chars(
            &read.split_whitespace().collect::<Vec<_>>().join(" "),
            EXCERPT_MAX,
        )
        .replace('`', "'");
        let note = if total > spec::MESSAGE_READ_MAX {
            lang.fill(
                "ask_message.read_part",
                &[
                    ("read", &crate::text::chars(&read).to_string()),
                    ("total", &total.to_string()),
                    ("excerpt", &excerpt),
                ],
            )
        } else {
            lang.fill("ask_message.read", &[("excerpt", &excerpt)])
        };
        reply.description = format!("{note}\n{}", reply.description);
        let canonical = reply.canonical.as_ref().unwrap_or(&query).to_string();
        Outgoing::from(wire::interaction_response(&reply, 0, Some(&canonical)))
    }

    pub(super) fn on_autocomplete(&self, command: &CommandInteraction) -> Response {
        let data = self.data.clone();
        let choices =
            std::panic::catch_unwind(AssertUnwindSafe(|| commands::autocomplete(&data, command)))
                .unwrap_or_else(|_| serenity::all::CreateAutocompleteResponse::new());
        Response::Now(Outgoing::from(CreateInteractionResponse::Autocomplete(
            choices,
        )))
    }

    pub(super) async fn on_component(&self, component: &ComponentInteraction) -> Response {
        let custom_id = component.data.custom_id.as_str();
        if let Some(line) = render::parse_csv_button_id(custom_id) {
            return Response::Now(self.csv_download(component, line));
        }
        if let Some(response) = self.import_button(component).await {
            return Response::Now(Outgoing::from(response));
        }
        if let Some(response) = self.report_component(component).await {
            return Response::Now(Outgoing::from(response));
        }
        let response = match render::parse_page_button_id(&component.data.custom_id) {
            Some((page, line)) if line.starts_with("/command ") || line.starts_with("/record ") => {
                self.moderator_page(component, page, line).await
            }
            Some((page, line)) => match Query::parse_line(line) {
                Ok(Query::Help) if component.guild_id.is_some() => {
                    let lang = Lang::from_locale(&component.locale);
                    let guild = commands::records_guild(
                        component.guild_id,
                        &component.authorizing_integration_owners,
                    );
                    let own = match guild {
                        Some(guild) => self.server_help(guild, lang).await,
                        None => None,
                    };
                    let reply =
                        own.unwrap_or_else(|| self.answer_safely(&self.data, &Query::Help, lang));
                    wire::update_response(&reply, page, Some("/help"))
                }
                Ok(query) => {
                    let lang = Lang::from_locale(&component.locale);
                    let reply = self.answer_safely(
                        &self.data_for(commands::records_guild(
                            component.guild_id,
                            &component.authorizing_integration_owners,
                        )),
                        &query,
                        lang,
                    );
                    wire::update_response(&reply, page, Some(&query.to_string()))
                }
                Err(_) => stale_button(
                    &component.data.custom_id,
                    Lang::from_locale(&component.locale),
                ),
            },
            None => stale_button(
                &component.data.custom_id,
                Lang::from_locale(&component.locale),
            ),
        };
        Response::Now(Outgoing::from(response))
    }

    /// "Download CSV": the whole list the button's answer showed, from the
    /// same view of the data, attached to a private message.
    fn csv_download(&self, component: &ComponentInteraction, line: &str) -> Outgoing {
        let lang = Lang::from_locale(&component.locale);
        let Ok(query) = Query::parse_line(line) else {
            return Outgoing::from(stale_button(&component.data.custom_id, lang));
        };
        let guild = commands::records_guild(
            component.guild_id,
            &component.authorizing_integration_owners,
        );
        let data = self.data_for(guild);
        let table = std::panic::catch_unwind(AssertUnwindSafe(|| {
            answers::table::table(&data, &query, lang)
        }));
        let failed = || {
            Outgoing::from(problem(
                lang.text("problem.csv_failed.title"),
                lang.text("problem.csv_failed.hint"),
            ))
        };
        let table = match table {
            Ok(Some(Ok(table))) => table,
            Ok(Some(Err(reply))) => {
                return Outgoing::from(wire::interaction_response(&reply, 0, None))
            }
            Ok(None) => return Outgoing::from(stale_button(&component.data.custom_id, lang)),
            Err(_) => {
                error!(query = %query, "making a table panicked");
                return failed();
            }
        };
        let Ok(bytes) = crate::export::csv_bytes(&table) else {
            return failed();
        };
        let file_name = format!("missionbot-{}.csv", table.kind);
        let text = lang.fill(
            "csv.attached",
            &[
                ("what", &lang.text(&format!("csv.kind.{}", table.kind))),
                ("rows", &table.rows.len().to_string()),
                ("as_of", &lang.date(data.as_of)),
            ],
        );
        Outgoing {
            body: Body::Json(wire::attachment_response(&text, &file_name)),
            files: vec![File::new(bytes, file_name)],
        }
    }

    /// The reply to a message that @mentions the bot (mentions arrive only
    /// through the gateway).
    pub fn mention_reply(&self, msg: &Message) -> CreateMessage {
        let question = strip_mentions(&msg.content);
        let reply = if question.is_empty() {
            answers::help(Lang::ENGLISH)
        } else {
            // A message carries no locale: a question in Korean is answered in Korean.
            self.answer_safely(
                &self.data_for(msg.guild_id),
                &Query::Ask { question },
                Lang::ENGLISH,
            )
        };
        let mut message = CreateMessage::new()
            .allowed_mentions(CreateAllowedMentions::new())
            .reference_message(msg);
        if let Some(page) = render::paginate(&reply).into_iter().next() {
            message = message.embed(wire::embed(&page));
        }
        message
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(bytes: usize) -> Arc<CachedAnswer> {
        let body = serde_json::value::to_raw_value(&"x".repeat(bytes)).expect("JSON");
        Arc::new(CachedAnswer {
            body,
            locator: None,
        })
    }

    #[test]
    fn the_answer_cache_is_bounded_in_bytes_as_well_as_in_count() {
        let mut cache = AnswerCache::default();
        let big = ANSWER_CACHE_BYTES / 4;
        for n in 0..4 {
            cache.insert(format!("k{n}"), answer(big));
        }
        assert!(cache.bytes <= ANSWER_CACHE_BYTES, "{}", cache.bytes);
        assert!(
            cache.answers.len() < 4,
            "the fourth quarter does not fit beside three"
        );
        assert!(cache.get("k3").is_some(), "the newest is kept");
        // The same key again replaces, and is counted once.
        let before = cache.bytes;
        cache.insert("k3".into(), answer(big));
        assert_eq!(cache.bytes, before);
    }
}
