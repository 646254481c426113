//! Pictures: the locator beside an `/embassy` answer (drawn ahead of time
//! for the shipped data, in the reader's language, and embedded) and
//! `/map`, deferred and then edited in.

use super::*;

impl Core {
    /// The locator map of the country an `/embassy` answer is about, when it
    /// hosts a mission: the one drawn ahead of time for exactly this view of
    /// the country ([`map::shipped`]), else rendered off the async runtime in
    /// a bounded slot and cached per view of the data (a guild's records
    /// that change the country's missions). `None` when there is nothing to
    /// show or no slot: the answer goes without its picture rather than late.
    pub(super) async fn locator_in(
        &self,
        view: String,
        data: Arc<Dataset>,
        iso2: &str,
        lang: Lang,
    ) -> Option<Arc<map::Png>> {
        data.missions_in(iso2).next()?;
        if let Some(png) = map::shipped::locator(&data, iso2, lang) {
            return Some(Arc::new(png));
        }
        let iso2 = iso2.to_owned();
        // The labels are in the reader's language: one picture per language.
        let key = format!("{view}|{}|{iso2}", lang.code());
        let render = || async move {
            let _slot = self.render_slot().await.ok_or(Busy)?;
            info!(view = %view, country = %iso2, "rendering a locator map");
            Ok(tokio::task::spawn_blocking(move || {
                map::locator_map(&data, &iso2, lang).map(Arc::new)
            })
            .await
            .ok()
            .flatten())
        };
        self.locators
            .get_or_render(&key, render)
            .await
            .ok()
            .flatten()
    }

    /// `/map`: deferred at once (rendering may outlast Discord's 3 seconds on
    /// a slow machine), rendered off the runtime, then the original response
    /// is edited with the PNG attached and shown in the embed.
    pub(super) async fn map_command(self: &Arc<Self>, command: &CommandInteraction) -> Response {
        let guild =
            commands::records_guild(command.guild_id, &command.authorizing_integration_owners);
        let data = self.data_for(guild);
        let lang = commands::interaction_lang(command);
        let mut query = match commands::map_query_from_interaction(command) {
            Ok(q) => map::MapQuery { lang, ..q },
            Err(e) => {
                return Response::Now(Outgoing::from(problem(
                    lang.text("map.not_drawn"),
                    &e.describe(lang),
                )))
            }
        };
        if let Some(region) = &query.region {
            match answers::missions::Region::find(&data, region) {
                // The region's own name, so "africa" and "Africa" share one cached map.
                Some(found) => query.region = Some(found.label),
                None => {
                    return Response::Now(Outgoing::from(problem(
                        &lang.fill(
                            "region.unknown.title",
                            &[("input", &crate::text::truncate_chars(region, 40))],
                        ),
                        lang.text("map.region_hint"),
                    )))
                }
            }
        }
        let defer = CreateInteractionResponse::Defer(
            CreateInteractionResponseMessage::new().allowed_mentions(CreateAllowedMentions::new()),
        );
        let core = self.clone();
        let then = async move {
            let (mut reply, png) = match core.rendered_map(guild, query).await {
                Ok(pair) => (pair.0.clone(), Some(pair.1.bytes.clone())),
                Err(reply) => (*reply, None),
            };
            let attachments: &[&str] = if png.is_some() { &["map.png"] } else { &[] };
            if png.is_some() {
                reply.image_url = Some("attachment://map.png".into());
            }
            Edit {
                body: wire::edit_json(&reply, attachments),
                files: png
                    .into_iter()
                    .map(|bytes| File::new(bytes, "map.png"))
                    .collect(),
            }
        };
        Response::Later {
            first: Outgoing::from(defer),
            then: Box::pin(then),
        }
    }

    /// A map for a view of the data, rendered once per view and query in a
    /// bounded slot; a polite refusal when too many maps are waiting.
    pub(super) async fn rendered_map(
        &self,
        guild: Option<GuildId>,
        query: map::MapQuery,
    ) -> RenderedMap {
        let (view, data) = self.view_of(guild);
        let line = query.line();
        let key = format!("{view}|{line}");
        let lang = query.lang;
        let render = || async move {
            let _slot = self.render_slot().await.ok_or(Busy)?;
            let started = Instant::now();
            let for_render = data.clone();
            let result = tokio::task::spawn_blocking(move || map::mission_map(&for_render, &query))
                .await
                .unwrap_or_else(|_| Err(Box::new(internal_error(lang))));
            Ok(result.map(|(mut reply, png)| {
                reply.footer = answers::footer(&data, lang);
                info!(map = %line, view = %view, ms = started.elapsed().as_secs_f64() * 1000.0, bytes = png.bytes.len(), "rendered a map");
                Arc::new((reply, png))
            }))
        };
        self.maps
            .get_or_render(&key, render)
            .await
            .unwrap_or_else(|Busy| {
                Err(Box::new(Reply::problem(
                    lang.text("problem.busy_maps.title"),
                    lang.text("problem.busy_maps.hint"),
                )))
            })
    }
}
