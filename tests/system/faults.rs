//! Faults through the fake Discord: rate limits, server errors, slow
//! replies, a gateway dropped mid-burst. The bot retries or reports, never
//! crashes, never answers twice, and answers everything after it resumes.

use crate::common;

use common::bot_process::Bot;
use common::fake_discord::{CallbackFault, FakeDiscord};
use common::payloads;
use std::time::Duration;

async fn started() -> (FakeDiscord, Bot) {
    let fake = FakeDiscord::start().await;
    let bot = Bot::start(&fake, &[]);
    fake.wait_registered().await;
    (fake, bot)
}

fn alive(bot: &mut Bot) {
    assert!(
        bot.child.try_wait().unwrap().is_none(),
        "the bot process exited"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limits_server_errors_and_slow_replies_are_retried_once_answered() {
    let (fake, mut bot) = started().await;
    fake.push_callback_faults([
        CallbackFault::RateLimited(0.2),
        CallbackFault::ServerError,
        CallbackFault::Slow(Duration::from_millis(800)),
    ]);
    let mut ids = Vec::new();
    for country in ["Spain", "Mexico", "Peru"] {
        let (id, payload) =
            payloads::command("embassy", payloads::string_options(&[("country", country)]));
        fake.dispatch("INTERACTION_CREATE", payload);
        ids.push(id);
    }
    for id in &ids {
        fake.callback_body(id).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    for id in &ids {
        assert_eq!(
            fake.callbacks_for(id).len(),
            1,
            "{id} answered {} times",
            fake.callbacks_for(id).len()
        );
    }
    alive(&mut bot);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn persistent_errors_are_reported_not_fatal() {
    let (fake, mut bot) = started().await;
    fake.push_callback_faults(std::iter::repeat_n(CallbackFault::ServerError, 10));
    let (id, payload) = payloads::command("help", serde_json::json!([]));
    fake.dispatch("INTERACTION_CREATE", payload);
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert!(fake.callbacks_for(&id).is_empty());
    fake.clear_callback_faults();
    alive(&mut bot);
    // Still answering afterwards.
    let (id, payload) = payloads::command("help", serde_json::json!([]));
    fake.dispatch("INTERACTION_CREATE", payload);
    fake.callback_body(&id).await;
    let (status, log) = bot.terminate();
    assert!(status.success());
    assert!(
        log.contains("interaction callback failed"),
        "the failure was not reported:\n{log}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_gateway_dropped_mid_burst_loses_nothing_and_duplicates_nothing() {
    let (fake, mut bot) = started().await;
    let mut ids = Vec::new();
    for n in 0..150 {
        if n == 50 {
            fake.drop_socket();
        }
        if n == 100 {
            fake.reconnect();
        }
        let (id, payload) =
            payloads::command("embassy", payloads::string_options(&[("country", "Cuba")]));
        fake.dispatch("INTERACTION_CREATE", payload);
        ids.push(id);
    }
    fake.wait_for("150 callbacks", Duration::from_secs(60), |r| {
        r.iter().filter(|x| x.path.ends_with("/callback")).count() >= 150
    })
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    for id in &ids {
        assert_eq!(fake.callbacks_for(id).len(), 1, "{id}");
    }
    assert!(fake.resumes() >= 1);
    alive(&mut bot);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redelivered_interaction_is_answered_once() {
    let (fake, _bot) = started().await;
    let (id, payload) =
        payloads::command("embassy", payloads::string_options(&[("country", "Laos")]));
    fake.dispatch("INTERACTION_CREATE", payload.clone());
    fake.dispatch("INTERACTION_CREATE", payload);
    fake.callback_body(&id).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(fake.callbacks_for(&id).len(), 1);
}
