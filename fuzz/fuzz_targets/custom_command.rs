#![no_main]
//! Any moderator input: validation never panics; a custom reply fits Discord.
use libfuzzer_sys::fuzz_target;
use missionbot::custom::{validate, CustomCommand};
use missionbot::{moderation, render};

fuzz_target!(|input: (&str, &str, &str)| {
    let (name, response, url) = input;
    let _ = validate::command_name(name);
    let _ = validate::description(response);
    let _ = validate::response(response, true);
    let url_ok = validate::source_url(url).is_ok();
    let cmd = CustomCommand {
        name: name.to_owned(),
        response: response.to_owned(),
        description: "d".into(),
        title: Some(name.to_owned()),
        source_url: url_ok.then(|| url.to_owned()),
        ephemeral: false,
        author_id: 1,
        author_name: "m".into(),
        created_at: String::new(),
        updated_at: String::new(),
        uses: 0,
    };
    let reply = moderation::custom_reply(&cmd, "user", "server", "channel");
    for page in render::paginate(&reply) {
        assert!(page.total_chars() <= render::limits::EMBED_TOTAL);
    }
});
