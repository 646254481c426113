//! Discord's wire format for what [`crate::render`] paginated: embeds,
//! page buttons, interaction callbacks and edits, with attachments described
//! as Discord's OpenAPI types them. The limits are render's; this only writes.

use crate::i18n::Lang;
use crate::render::{
    csv_button_id, limits, page_button_id, paginate, record_button_id, report_button_id,
    resolve_button_id, Page,
};
use crate::reply::Reply;
use crate::text::{chars, truncate_chars};
use serenity::all::{
    ButtonStyle, CreateActionRow, CreateAllowedMentions, CreateButton, CreateEmbed,
    CreateEmbedFooter, CreateInteractionResponse, CreateInteractionResponseFollowup,
    CreateInteractionResponseMessage,
};

/// One page as a serenity embed.
pub fn embed(page: &Page) -> CreateEmbed {
    let mut embed = CreateEmbed::new().title(&page.title).colour(page.colour);
    if let Some(url) = &page.url {
        embed = embed.url(url);
    }
    if !page.description.is_empty() {
        embed = embed.description(&page.description);
    }
    for (name, value, inline) in &page.fields {
        embed = embed.field(name, value, *inline);
    }
    if !page.footer.is_empty() {
        embed = embed.footer(CreateEmbedFooter::new(&page.footer));
    }
    if let Some(image) = &page.image_url {
        embed = embed.image(image);
    }
    if let Some(thumbnail) = &page.thumbnail_url {
        embed = embed.thumbnail(thumbnail);
    }
    embed
}

/// Previous/Next buttons for a paged reply.
fn page_buttons(
    query_line: &str,
    page: usize,
    total: usize,
    lang: Lang,
) -> Option<CreateActionRow> {
    if total <= 1 {
        return None;
    }
    let prev = page_button_id(query_line, page.saturating_sub(1))?;
    let next = page_button_id(query_line, (page + 1).min(total - 1))?;
    // Two distinct ids are required in one row; at either end the disabled
    // button carries a marker so the ids differ.
    let prev = if page == 0 {
        format!("{prev}:first")
    } else {
        prev
    };
    let next = if page + 1 >= total {
        format!("{next}:last")
    } else {
        next
    };
    if chars(&prev) > limits::CUSTOM_ID || chars(&next) > limits::CUSTOM_ID {
        return None;
    }
    Some(CreateActionRow::Buttons(vec![
        CreateButton::new(prev)
            .label(lang.text("render.previous"))
            .style(ButtonStyle::Secondary)
            .disabled(page == 0),
        CreateButton::new(next)
            .label(lang.text("render.next"))
            .style(ButtonStyle::Secondary)
            .disabled(page + 1 >= total),
    ]))
}

/// The message for one page of a reply, with page buttons when `query_line`
/// is given and there is more than one page. Mentions never ping.
pub fn message(
    reply: &Reply,
    page: usize,
    query_line: Option<&str>,
) -> CreateInteractionResponseMessage {
    let pages = paginate(reply);
    let page = page.min(pages.len().saturating_sub(1));
    let mut msg = CreateInteractionResponseMessage::new()
        .embed(embed(&pages[page]))
        .allowed_mentions(CreateAllowedMentions::new());
    if reply.ephemeral {
        msg = msg.ephemeral(true);
    }
    let mut buttons = query_line
        .and_then(|line| page_buttons(line, page, pages.len(), reply.lang))
        .map(|row| match row {
            CreateActionRow::Buttons(buttons) => buttons,
            _ => Vec::new(),
        })
        .unwrap_or_default();
    if reply.downloadable {
        if let Some(id) = query_line.and_then(csv_button_id) {
            buttons.push(
                CreateButton::new(id)
                    .label(reply.lang.text("render.download_csv"))
                    .style(ButtonStyle::Secondary),
            );
        }
    }
    if reply.reportable {
        if let Some(id) = query_line.and_then(report_button_id) {
            buttons.push(
                CreateButton::new(id)
                    .label(reply.lang.text("render.report"))
                    .style(ButtonStyle::Secondary),
            );
        }
    }
    let rows = if buttons.is_empty() {
        Vec::new()
    } else {
        vec![CreateActionRow::Buttons(buttons)]
    };
    msg.components(rows)
}

/// A plain-text answer (no embed), as custom commands without a title or
/// source send it; cut to Discord's 2000 characters, mentions never ping.
pub fn content_response(text: &str, ephemeral: bool) -> CreateInteractionResponse {
    let content = truncate_chars(
        if text.trim().is_empty() { "—" } else { text },
        limits::CONTENT,
    );
    CreateInteractionResponse::Message(
        CreateInteractionResponseMessage::new()
            .content(content)
            .allowed_mentions(CreateAllowedMentions::new())
            .ephemeral(ephemeral),
    )
}

/// The body of an interaction callback that answers with a new message (type 4).
pub fn interaction_response(
    reply: &Reply,
    page: usize,
    query_line: Option<&str>,
) -> CreateInteractionResponse {
    CreateInteractionResponse::Message(message(reply, page, query_line))
}

/// The body of a callback that replaces the message a button is on (type 7).
pub fn update_response(
    reply: &Reply,
    page: usize,
    query_line: Option<&str>,
) -> CreateInteractionResponse {
    CreateInteractionResponse::UpdateMessage(message(reply, page, query_line))
}

/// The JSON body of a callback. Files named in `attachments` are described
/// in `data.attachments` with string ids ("0", "1"...), as Discord's OpenAPI
/// types them (serenity would write numbers); the files travel beside it.
pub fn callback_json(
    response: &CreateInteractionResponse,
    attachments: &[&str],
) -> serde_json::Value {
    let mut body = serde_json::to_value(response).unwrap_or_default();
    if !attachments.is_empty() {
        if let Some(data) = body.get_mut("data").and_then(|d| d.as_object_mut()) {
            data.insert("attachments".into(), attachment_list(attachments));
        }
    }
    body
}

/// The JSON body that edits an original response into the first page of
/// `reply`, with attachments described as in [`callback_json`].
pub fn edit_json(reply: &Reply, attachments: &[&str]) -> serde_json::Value {
    let page = paginate(reply).into_iter().next();
    let mut body = serde_json::json!({
        "embeds": page.iter().map(|p| serde_json::to_value(embed(p)).unwrap_or_default()).collect::<Vec<_>>(),
        "allowed_mentions": {"parse": []},
        "components": [],
    });
    if !attachments.is_empty() {
        body["attachments"] = attachment_list(attachments);
    }
    body
}

fn attachment_list(names: &[&str]) -> serde_json::Value {
    names
        .iter()
        .enumerate()
        .map(|(i, name)| serde_json::json!({"id": i.to_string(), "filename": name}))
        .collect()
}

/// The answer to "Download CSV": a private message with the list attached
/// as `file_name` (described as [`callback_json`] describes attachments).
pub fn attachment_response(text: &str, file_name: &str) -> serde_json::Value {
    let response = CreateInteractionResponse::Message(
        CreateInteractionResponseMessage::new()
            .content(truncate_chars(text, limits::CONTENT))
            .allowed_mentions(CreateAllowedMentions::new())
            .ephemeral(true),
    );
    callback_json(&response, &[file_name])
}

/// An alert as posted to a following channel: one message per page,
/// pinging `role` on the first and no one else (no one when there is none).
pub fn channel_posts(reply: &Reply, role: Option<u64>) -> Vec<serenity::all::CreateMessage> {
    paginate(reply)
        .iter()
        .enumerate()
        .map(|(n, page)| {
            let mut message = serenity::all::CreateMessage::new().embed(embed(page));
            let mentions = match role {
                Some(role) if n == 0 => {
                    message = message.content(format!("<@&{role}>"));
                    CreateAllowedMentions::new().roles(vec![serenity::all::RoleId::new(role)])
                }
                _ => CreateAllowedMentions::new(),
            };
            message.allowed_mentions(mentions)
        })
        .collect()
}

/// A report as posted to a server's corrections channel: its first page,
/// with "Mark resolved" while it is open. Mentions never ping.
pub fn report_post(reply: &Reply, open_report: Option<u64>) -> serenity::all::CreateMessage {
    let mut message =
        serenity::all::CreateMessage::new().allowed_mentions(CreateAllowedMentions::new());
    if let Some(page) = paginate(reply).into_iter().next() {
        message = message.embed(embed(&page));
    }
    if let Some(id) = open_report {
        message = message.components(vec![CreateActionRow::Buttons(vec![
            CreateButton::new(resolve_button_id(id))
                .label(reply.lang.text("report.mark_resolved"))
                .style(ButtonStyle::Success),
            CreateButton::new(record_button_id(id))
                .label(reply.lang.text("report.to_record"))
                .style(ButtonStyle::Primary),
        ])]);
    }
    message
}

/// A report as its channel shows it once resolved (the message the
/// "Mark resolved" button was on is replaced, with no button left).
pub fn report_update(reply: &Reply) -> CreateInteractionResponse {
    let mut message = CreateInteractionResponseMessage::new()
        .allowed_mentions(CreateAllowedMentions::new())
        .components(Vec::new());
    if let Some(page) = paginate(reply).into_iter().next() {
        message = message.embed(embed(&page));
    }
    CreateInteractionResponse::UpdateMessage(message)
}

/// The report form: what is wrong (several lines) and a source link.
pub fn report_form(form_id: &str, lang: Lang) -> CreateInteractionResponse {
    use serenity::all::{CreateInputText, CreateModal, InputTextStyle};
    let what = CreateInputText::new(
        InputTextStyle::Paragraph,
        lang.text("report.form.what"),
        "what",
    )
    .placeholder(lang.text("report.form.what_hint"))
    .min_length(1)
    .max_length(crate::spec::REPORT_WHAT_MAX)
    .required(true);
    let source = CreateInputText::new(
        InputTextStyle::Short,
        lang.text("report.form.source"),
        "source",
    )
    .placeholder(lang.text("report.form.source_hint"))
    .max_length(crate::spec::URL_MAX)
    .required(false);
    CreateInteractionResponse::Modal(
        CreateModal::new(form_id, lang.text("report.form.title")).components(vec![
            CreateActionRow::InputText(what),
            CreateActionRow::InputText(source),
        ]),
    )
}

/// The `/record expulsion` form a report turns into: its five required
/// options, filled in from the report, each editable before it is saved.
pub fn record_form(
    form_id: &str,
    filled: &[(&'static str, String)],
    lang: Lang,
) -> CreateInteractionResponse {
    use serenity::all::{CreateInputText, CreateModal, InputTextStyle};
    let rows = filled
        .iter()
        .map(|(option, value)| {
            let limit = crate::spec::max_chars("record", option).unwrap_or(100);
            let input = CreateInputText::new(
                InputTextStyle::Short,
                lang.text(&format!("report.record.{option}")),
                *option,
            )
            .placeholder(lang.text(&format!("report.record.{option}_hint")))
            .max_length(u16::try_from(limit).unwrap_or(u16::MAX))
            .required(true);
            let input = if value.is_empty() {
                input
            } else {
                input.value(truncate_chars(value, limit))
            };
            CreateActionRow::InputText(input)
        })
        .collect();
    CreateInteractionResponse::Modal(
        CreateModal::new(form_id, lang.text("report.record.title")).components(rows),
    )
}

/// A moderator's command form: each input (option, several lines or one,
/// limit, value filled in), labelled from the catalogue.
pub fn command_form(
    form_id: &str,
    title: &str,
    inputs: &[(&str, bool, u16, String)],
    lang: Lang,
) -> CreateInteractionResponse {
    use serenity::all::{CreateInputText, CreateModal, InputTextStyle};
    let rows = inputs
        .iter()
        .map(|(option, paragraph, max, value)| {
            let style = if *paragraph {
                InputTextStyle::Paragraph
            } else {
                InputTextStyle::Short
            };
            let input = CreateInputText::new(style, lang.text(&format!("form.{option}")), *option)
                .max_length(*max)
                .required(*option == "response");
            let input = if value.is_empty() {
                input
            } else {
                input.value(truncate_chars(value, usize::from(*max)))
            };
            CreateActionRow::InputText(input)
        })
        .collect();
    CreateInteractionResponse::Modal(
        CreateModal::new(form_id, truncate_chars(title, 45)).components(rows),
    )
}

/// A private follow-up message with the first page of `reply` (a
/// moderator told how a change that was "not confirmed yet" ended).
pub fn followup(reply: &Reply) -> CreateInteractionResponseFollowup {
    let mut message = CreateInteractionResponseFollowup::new()
        .ephemeral(true)
        .allowed_mentions(CreateAllowedMentions::new());
    if let Some(page) = paginate(reply).into_iter().next() {
        message = message.embed(embed(&page));
    }
    message
}

#[cfg(test)]
mod channel_post_tests {
    use super::*;

    #[test]
    fn a_long_alert_is_posted_whole_and_pings_its_role_once() {
        let mut reply = Reply::new("A new data release");
        for n in 0..60 {
            reply.push_field(
                format!("Country {n}"),
                "relations: active → suspended",
                Vec::new(),
            );
        }
        let messages = channel_posts(&reply, Some(7));
        assert!(messages.len() >= 2, "{}", messages.len());
        let bodies: Vec<serde_json::Value> = messages
            .iter()
            .map(|m| serde_json::to_value(m).expect("JSON"))
            .collect();
        let shown: String = bodies.iter().map(|b| b["embeds"].to_string()).collect();
        for n in 0..60 {
            assert!(
                shown.contains(&format!("Country {n}\"")),
                "Country {n} lost"
            );
        }
        assert_eq!(bodies[0]["content"], "<@&7>");
        assert!(bodies[1].get("content").is_none_or(|c| c.is_null()));
        assert_eq!(
            bodies[1]["allowed_mentions"]["parse"],
            serde_json::json!([])
        );
    }
}
