//! The floor for load tests: a minimal serenity bot that answers every
//! command with one fixed embed, configured like missionbot
//! (DISCORD_TOKEN, DISCORD_API_BASE with serenity's rate limiter off).
//!
//! Build: `cargo build --release --example minimal_bot`. The load test
//! (`tests/load.rs`) runs it beside missionbot against the fake Discord.

use serenity::all::{
    Context, CreateEmbed, CreateInteractionResponse, CreateInteractionResponseMessage,
    EventHandler, GatewayIntents, Interaction,
};
use serenity::async_trait;
use serenity::client::ClientBuilder;
use serenity::http::HttpBuilder;

struct Fixed;

#[async_trait]
impl EventHandler for Fixed {
    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        if let Interaction::Command(command) = interaction {
            let embed = CreateEmbed::new()
                .title("Fixed answer")
                .description("The same embed for every command.");
            let response = CreateInteractionResponse::Message(
                CreateInteractionResponseMessage::new().embed(embed),
            );
            let _ = command.create_response(&ctx.http, response).await;
        }
    }
}

#[tokio::main]
async fn main() {
    let token = std::env::var("DISCORD_TOKEN").expect("DISCORD_TOKEN");
    let mut http = HttpBuilder::new(&token);
    if let Ok(base) = std::env::var("DISCORD_API_BASE") {
        http = http.proxy(base).ratelimiter_disabled(true);
    }
    let mut client = ClientBuilder::new_with_http(http.build(), GatewayIntents::empty())
        .event_handler(Fixed)
        .await
        .expect("client");
    client.start().await.expect("gateway");
}
