//! The command line: `ask`, `check-data`, `eval`, `map`, `serve`, `register`,
//! `migrate` and `state copy`.

use crate::answers;
use crate::dataset::Dataset;
use crate::i18n::Lang;
use crate::interactions::wire;
use crate::query::{Query, QueryError};
use crate::render;
use crate::reply::Reply;
use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "missionbot",
    version,
    about = "Answers questions about North Korea's diplomatic missions abroad, citing sources"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Answer a slash-command line (`/embassy country:Spain`) or a plain question, offline.
    Ask {
        /// The line: starts with `/` for a command, anything else is a question.
        line: String,
        /// Print the Discord interaction response body (first page) instead of text.
        #[arg(long)]
        json: bool,
        /// With --json, the page to print (0-based).
        #[arg(long, default_value_t = 0)]
        page: usize,
        /// The language of the answer: en (default) or ko (Korean); a question in Korean is answered in Korean.
        #[arg(long, value_parser = parse_lang, default_value = "en")]
        lang: Lang,
    },
    /// Validate a data directory (default: the embedded data) and print counts.
    CheckData {
        /// A directory holding the data files; without it, the embedded copy.
        dir: Option<PathBuf>,
        /// Accept facts without a source quote (for data being researched);
        /// without it, a fact with no quote fails the check.
        #[arg(long)]
        allow_unquoted: bool,
    },
    /// Run an evaluation file of questions (see ../shared/eval/questions.json).
    Eval {
        file: PathBuf,
        /// Print only failures and the score.
        #[arg(long)]
        quiet: bool,
        /// The language of the answer: en (default) or ko (Korean); a question in Korean is answered in Korean.
        #[arg(long, value_parser = parse_lang, default_value = "en")]
        lang: Lang,
    },
    /// Draw the map of missions as a PNG (the same picture /map sends).
    Map {
        /// Where to write the PNG.
        #[arg(long)]
        out: PathBuf,
        /// A region or sub-region, e.g. Africa, Europe, Southeast Asia.
        #[arg(long)]
        region: Option<String>,
        /// Only missions with this status: open, closed, unknown.
        #[arg(long)]
        status: Option<String>,
        /// The network as it stood on this date (YYYY, YYYY-MM, YYYY-MM-DD or today).
        #[arg(long)]
        as_of: Option<String>,
        /// The language of the title and legend: en (default) or ko (Korean).
        #[arg(long, value_parser = parse_lang, default_value = "en")]
        lang: Lang,
    },
    /// Connect to Discord and answer (needs DISCORD_TOKEN).
    Serve {
        /// Serve interactions over HTTP on IP:PORT (POST /interactions, signed
        /// with DISCORD_PUBLIC_KEY) instead of the gateway; also MISSIONBOT_HTTP_ADDR.
        #[arg(long, value_name = "ADDR")]
        http: Option<String>,
    },
    /// Register the slash commands (built-in and every server's custom ones) once and exit.
    Register,
    /// Apply the database migrations (MISSIONBOT_DATABASE_URL) and exit.
    Migrate {
        /// The database; MISSIONBOT_DATABASE_URL (environment or .env) when omitted.
        #[arg(long)]
        database_url: Option<String>,
    },
    /// Write the data out: one list as CSV, or the data files as one JSON
    /// document (a stable format with a version; see README).
    Export {
        /// csv (one list per file) or json (the data itself).
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Which list (CSV: required) or which part of the data (JSON: all without it).
        #[arg(long, value_enum)]
        what: Option<crate::export::What>,
        /// Write here instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Moderators' saved state (custom commands and news records).
    State {
        #[command(subcommand)]
        action: StateAction,
    },
}

#[derive(Debug, Subcommand)]
pub enum StateAction {
    /// Write one server's commands and records as a server file (the
    /// format `/command export` writes; see README).
    Export {
        /// The server's id.
        #[arg(long)]
        guild: u64,
        /// A state directory or postgres://… URL (only read).
        #[arg(long)]
        from: String,
        /// Write here instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Read a server file into one server: prints what would change, and
    /// changes it only with --yes (as `/command import` asks first).
    Import {
        /// The server's id.
        #[arg(long)]
        guild: u64,
        /// A state directory or postgres://… URL.
        #[arg(long)]
        to: String,
        /// The server file.
        file: PathBuf,
        /// Apply it (without it, only what would change is printed).
        #[arg(long)]
        yes: bool,
    },
    /// Copy every server's commands and records from one store to another
    /// (a state directory or a postgres:// URL). A server the target holds
    /// differently is overwritten only with --replace. Running it twice
    /// changes nothing more.
    Copy {
        /// A state directory or postgres://… URL to read (never changed).
        #[arg(long)]
        from: String,
        /// A state directory or postgres://… URL to write.
        #[arg(long)]
        to: String,
        /// Overwrite servers the target already holds differently (without
        /// it, the copy shows what would change and writes nothing).
        #[arg(long)]
        replace: bool,
    },
}

/// `missionbot export --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
}

/// `missionbot export`: the data as the embedded copy (or
/// `MISSIONBOT_DATA_DIR`) holds it, as CSV or JSON.
pub fn run_export(
    format: ExportFormat,
    what: Option<crate::export::What>,
    out: Option<PathBuf>,
) -> Result<i32> {
    let files = match std::env::var_os("MISSIONBOT_DATA_DIR") {
        Some(dir) if !dir.is_empty() => {
            crate::dataset::DataFiles::read_dir(std::path::Path::new(&dir))?
        }
        _ => crate::dataset::DataFiles::embedded(),
    };
    let data = Dataset::from_files(&files, "data/").context("loading the dataset")?;
    let bytes = match (format, what) {
        (ExportFormat::Csv, None) => {
            eprintln!("--format csv writes one list: add --what missions|measures|relations|heads|defections");
            return Ok(2);
        }
        (ExportFormat::Csv, Some(what)) => {
            crate::export::csv_bytes(&crate::export::table_of(&data, what)?)?
        }
        (ExportFormat::Json, what) => {
            let document = crate::export::json_document(&files, &data, what)?;
            let mut text = serde_json::to_vec_pretty(&document)?;
            text.push(b'\n');
            text
        }
    };
    match out {
        Some(path) => {
            std::fs::write(&path, &bytes).with_context(|| format!("writing {}", path.display()))?
        }
        None => print_out(&String::from_utf8_lossy(&bytes))?,
    }
    Ok(0)
}

/// A `--lang` value: a catalogue's code ("ko") or its language's name ("korean", "한국어").
fn parse_lang(text: &str) -> Result<Lang, String> {
    Lang::parse(text).ok_or_else(|| {
        let known: Vec<&str> = Lang::all().map(Lang::code).collect();
        format!("no catalogue for {text:?}; languages: {}", known.join(", "))
    })
}

/// Turns a typed line into a query: `/...` is a slash-command line,
/// anything else a question.
pub fn line_to_query(line: &str) -> Result<Query, QueryError> {
    if line.trim_start().starts_with('/') {
        Query::parse_line(line)
    } else {
        Ok(Query::Ask {
            question: line.trim().to_owned(),
        })
    }
}

/// The reply to a typed line, errors included (as a polite reply).
pub fn reply_to_line(data: &Dataset, line: &str, lang: Lang) -> (Reply, Option<Query>) {
    match line_to_query(line) {
        Ok(query) => (answers::answer_in(data, &query, lang), Some(query)),
        Err(e) => (
            Reply::problem(lang.text("problem.not_run.title"), e.describe(lang)),
            None,
        ),
    }
}

pub fn run_ask(line: &str, json: bool, page: usize, lang: Lang) -> Result<i32> {
    let data = Dataset::load_default().context("loading the dataset")?;
    let (reply, query) = reply_to_line(&data, line, lang);
    if json {
        let canonical = query.and(reply.canonical.as_ref()).map(ToString::to_string);
        let body = wire::interaction_response(&reply, page, canonical.as_deref());
        print_out(&format!("{}\n", serde_json::to_string_pretty(&body)?))?;
    } else {
        print_out(&render::text(&reply))?;
    }
    Ok(0)
}

/// Writes to standard output. A reader that stops early (`| head`) closes
/// the pipe: that ends the output, it is not an error (nor a panic, which
/// is what `println!` does).
pub fn print_out(text: &str) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        written => written.context("writing to standard output"),
    }
}

pub fn run_check_data(dir: Option<PathBuf>, allow_unquoted: bool) -> Result<i32> {
    let loaded = match &dir {
        Some(d) => Dataset::load_dir(d),
        None => Dataset::load_default(),
    };
    match loaded {
        Ok(data) => {
            print_out(&format!("{}\n", data.summary()))?;
            let missing = data.facts_without_quote();
            if !allow_unquoted && !missing.is_empty() {
                eprintln!(
                    "{} facts have no source quote: {}",
                    missing.len(),
                    missing.join(", ")
                );
                return Ok(1);
            }
            Ok(0)
        }
        Err(e) => {
            eprintln!("invalid data: {e}");
            Ok(1)
        }
    }
}

/// Sets up logging (RUST_LOG, default `info`), loads the configuration and
/// the dataset, and runs the bot until SIGINT or SIGTERM.
pub fn run_serve(http: Option<String>) -> Result<i32> {
    let mut config = crate::config::Config::from_env()?;
    if let Some(addr) = http {
        config.http_addr = Some(
            addr.parse()
                .map_err(|_| crate::config::ConfigError::BadHttpAddr(addr))?,
        );
    }
    init_logging();
    if let Some(warning) = &config.env_file_warning {
        tracing::warn!("{warning}");
    }
    let data = std::sync::Arc::new(Dataset::load_default().context("loading the dataset")?);
    // Loading holds the files' text and parses beside what it keeps.
    crate::map::release_free_memory();
    tracing::info!(
        missions = data.missions.len(),
        expulsions = data.expulsions.len(),
        "dataset loaded"
    );
    let runtime = runtime()?;
    let served = runtime.block_on(crate::interactions::serve(config, data));
    // Renders still running off the runtime must not hold the exit.
    runtime.shutdown_timeout(std::time::Duration::from_secs(2));
    served?;
    Ok(0)
}

/// A store named on the command line: a postgres:// URL (migrated first)
/// or a state directory (locked, so no running bot is writing it).
async fn open_named_store(name: &str) -> Result<std::sync::Arc<dyn crate::custom::Store>> {
    use crate::custom::{FileStore, PgStore};
    if let Ok(url) = crate::config::DatabaseUrl::parse(name) {
        let db = PgStore::connect(url.expose()).await?;
        db.migrate().await?;
        Ok(std::sync::Arc::new(db))
    } else {
        let files = FileStore::open_exclusive(name)
            .with_context(|| format!("opening the state directory {name}"))?;
        Ok(std::sync::Arc::new(files))
    }
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the runtime")
}

/// `missionbot migrate`: applies the schema and says which versions are in place.
pub fn run_migrate(database_url: Option<String>) -> Result<i32> {
    if let Some(warning) = crate::config::load_env_file() {
        eprintln!("warning: {warning}");
    }
    let given = database_url.filter(|u| !u.trim().is_empty());
    let Some(url) = given.or_else(|| crate::config::var("MISSIONBOT_DATABASE_URL")) else {
        eprintln!("error: set MISSIONBOT_DATABASE_URL=postgres://user:password@host/database (or pass --database-url)");
        return Ok(2);
    };
    let url = crate::config::DatabaseUrl::parse(&url)?;
    runtime()?.block_on(async {
        let db = crate::custom::PgStore::connect(url.expose()).await?;
        let versions = db.migrate().await?;
        println!(
            "{}: {} migration{} applied, latest {}",
            crate::custom::Store::describe(&db),
            versions.len(),
            if versions.len() == 1 { "" } else { "s" },
            versions
                .last()
                .map_or_else(|| "none".to_owned(), |v| v.to_string())
        );
        Ok(0)
    })
}

/// `missionbot state copy`: every server's state from one store to another,
/// then the counts read back from the target. The source is only read. A
/// server the target holds differently is overwritten only with `replace`
/// (otherwise what would change is shown and nothing is written), and a
/// record id is never handed out twice. Every server that could not be
/// read is named, and makes the exit code non-zero.
pub fn run_state_copy(from: &str, to: &str, replace: bool) -> Result<i32> {
    if same_directory(from, to) {
        eprintln!("error: the source and the target are the same ({from}): nothing to copy");
        return Ok(2);
    }
    runtime()?.block_on(async {
        let source = open_source_store(from).await?;
        let target = open_named_store(to).await?;
        let states = source.load_all().await.context("reading the source")?;
        let unreadable = source.load_notices();
        for (guild, notice) in &unreadable {
            eprintln!("error: server {guild} not copied: {notice}");
        }
        let held: std::collections::HashMap<u64, crate::custom::GuildState> =
            target.load_all().await.context("reading the target")?.into_iter().collect();
        let plan = copy_plan(&states, &held);
        if !plan.overwritten.is_empty() && !replace {
            eprintln!(
                "error: the target already holds different commands or records for {} server{}; nothing was written:",
                plan.overwritten.len(),
                if plan.overwritten.len() == 1 { "" } else { "s" }
            );
            for line in &plan.overwritten {
                eprintln!("  {line}");
            }
            eprintln!("rerun with --replace to overwrite them with the source's");
            return Ok(1);
        }
        let (mut commands, mut records) = (0, 0);
        for (guild, state) in &states {
            let mut state = state.clone();
            // A record id handed out in the target stays used.
            if let Some(old) = held.get(guild) {
                state.next_record = state.next_record.max(old.next_record);
            }
            crate::custom::store::replace(&*target, *guild, &state)
                .await
                .with_context(|| format!("writing server {guild} to the target"))?;
            commands += state.commands.len();
            records += state.records.len();
        }
        let copied: std::collections::HashMap<u64, crate::custom::GuildState> =
            target.load_all().await.context("reading the target back")?.into_iter().collect();
        let mismatched: Vec<u64> = states
            .iter()
            .filter(|(g, s)| copied.get(g).is_none_or(|c| c.commands != s.commands || c.records != s.records))
            .map(|(g, _)| *g)
            .collect();
        println!(
            "copied {} server{}: {commands} custom command{}, {records} news record{}\nfrom {}\nto   {}",
            states.len(),
            if states.len() == 1 { "" } else { "s" },
            if commands == 1 { "" } else { "s" },
            if records == 1 { "" } else { "s" },
            source.describe(),
            target.describe()
        );
        for line in &plan.overwritten {
            println!("replaced: {line}");
        }
        if !mismatched.is_empty() {
            eprintln!("error: the target differs from the source for servers {mismatched:?}");
            return Ok(1);
        }
        println!("checked: the target holds the same commands and records for every server copied");
        if unreadable.is_empty() {
            Ok(0)
        } else {
            let guilds: Vec<String> = unreadable.iter().map(|(g, _)| g.to_string()).collect();
            eprintln!("error: not copied (unreadable in the source): servers {}", guilds.join(", "));
            Ok(1)
        }
    })
}

/// What a copy would overwrite: one line per server the target holds
/// differently ("server 11: commands 12 → 13 (1 added, 2 changed), records 1 → 0").
struct CopyPlan {
    overwritten: Vec<String>,
}

fn copy_plan(
    states: &[(u64, crate::custom::GuildState)],
    held: &std::collections::HashMap<u64, crate::custom::GuildState>,
) -> CopyPlan {
    let mut overwritten = Vec::new();
    for (guild, new) in states {
        let Some(old) = held.get(guild) else { continue };
        if old.commands == new.commands && old.records == new.records {
            continue;
        }
        let names = |s: &crate::custom::GuildState| -> std::collections::BTreeMap<String, String> {
            s.commands
                .iter()
                .map(|c| (c.name.clone(), serde_json::to_string(c).unwrap_or_default()))
                .collect()
        };
        let (before, after) = (names(old), names(new));
        let added = after.keys().filter(|k| !before.contains_key(*k)).count();
        let removed = before.keys().filter(|k| !after.contains_key(*k)).count();
        let changed = after
            .iter()
            .filter(|(k, v)| before.get(*k).is_some_and(|b| b != *v))
            .count();
        overwritten.push(format!(
            "server {guild}: commands {} → {} ({added} added, {changed} changed, {removed} removed), records {} → {}",
            old.commands.len(),
            new.commands.len(),
            old.records.len(),
            new.records.len()
        ));
    }
    CopyPlan { overwritten }
}

/// Whether two store names are one directory (a copy onto itself).
fn same_directory(a: &str, b: &str) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a.trim_end_matches('/') == b.trim_end_matches('/'),
    }
}

/// A copy's source, opened to be read and never changed: a directory
/// without its lock, a database without migrating it.
async fn open_source_store(name: &str) -> Result<std::sync::Arc<dyn crate::custom::Store>> {
    use crate::custom::{FileStore, PgStore};
    if let Ok(url) = crate::config::DatabaseUrl::parse(name) {
        let db = PgStore::connect(url.expose()).await?;
        Ok(std::sync::Arc::new(db))
    } else {
        let files = FileStore::open_read_only(name)
            .with_context(|| format!("opening the state directory {name} to read it"))?;
        Ok(std::sync::Arc::new(files))
    }
}

/// `missionbot state export --guild ID --from STORE`.
pub fn run_state_export(guild: u64, from: &str, out: Option<PathBuf>) -> Result<i32> {
    runtime()?.block_on(async {
        let store = open_source_store(from).await?;
        let state = store.load(guild).await?.state;
        let file = crate::custom::transfer::export(&state, &chrono::Utc::now().to_rfc3339());
        let mut text = serde_json::to_string_pretty(&file)?;
        text.push('\n');
        match out {
            Some(path) => std::fs::write(&path, text)
                .with_context(|| format!("writing {}", path.display()))?,
            None => print_out(&text)?,
        }
        eprintln!(
            "server {guild}: {} commands, {} records",
            file.commands.len(),
            file.records.len()
        );
        Ok(0)
    })
}

/// `missionbot state import --guild ID --to STORE FILE [--yes]`.
pub fn run_state_import(guild: u64, to: &str, file: &std::path::Path, yes: bool) -> Result<i32> {
    use crate::custom::transfer;
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let lang = Lang::ENGLISH;
    let server_file = match transfer::read(&bytes) {
        Ok(f) => f,
        Err(refusal) => {
            eprintln!("not imported: {}", refusal.describe(lang));
            return Ok(1);
        }
    };
    runtime()?.block_on(async {
        let store = open_named_store(to).await?;
        let current = store.load(guild).await?.state;
        let plan = transfer::plan(&current, &server_file);
        let names = |l: &[String]| l.iter().map(|n| format!("/{n}")).collect::<Vec<_>>().join(", ");
        print_out(&format!(
            "server {guild}: added [{}], changed [{}], unchanged [{}]; records {} added, {} already there\n",
            names(&plan.added),
            names(&plan.changed),
            names(&plan.unchanged),
            plan.records_added,
            plan.records_present
        ))?;
        if !yes {
            eprintln!("nothing changed: run again with --yes to import");
            return Ok(0);
        }
        let guilds = crate::custom::GuildStore::load(store).await?;
        let actor = crate::moderation::Actor {
            id: 0,
            name: "missionbot state import".into(),
            lang,
        };
        let now = chrono::Utc::now().to_rfc3339();
        let limit = crate::custom::MAX_COMMANDS;
        match crate::moderation::import(&guilds, guild, &actor, &server_file, &now, limit).await {
            Ok((reply, _)) => {
                print_out(&format!("{}\n", reply.description))?;
                Ok(0)
            }
            Err(refusal) => {
                eprintln!("not imported: {}", refusal.describe(lang));
                Ok(1)
            }
        }
    })
}

/// `missionbot register`: every command set, registered once, with counts.
pub fn run_register() -> Result<i32> {
    let config = crate::config::Config::from_env()?;
    init_logging();
    runtime()?.block_on(async {
        let failed = crate::interactions::register_once(&config, |scope, outcome| match outcome {
            Ok(n) => println!("{scope}: {n} commands registered"),
            Err(e) => eprintln!("{scope}: not registered: {e}"),
        })
        .await?;
        Ok(if failed == 0 { 0 } else { 1 })
    })
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,serenity=warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

pub fn run_map(
    out: &std::path::Path,
    region: Option<String>,
    status: Option<String>,
    as_of: Option<String>,
    lang: Lang,
) -> Result<i32> {
    let data = Dataset::load_default().context("loading the dataset")?;
    let query =
        match crate::map::MapQuery::from_options(region, status.as_deref(), as_of.as_deref()) {
            Ok(q) => crate::map::MapQuery { lang, ..q },
            Err(e) => {
                eprintln!("error: {e}");
                return Ok(2);
            }
        };
    let started = std::time::Instant::now();
    match crate::map::mission_map(&data, &query) {
        Ok((reply, png)) => {
            std::fs::write(out, &png.bytes)
                .with_context(|| format!("writing {}", out.display()))?;
            println!(
                "{}
{}
wrote {} ({}x{}, {} bytes) in {:.1} ms",
                reply.title,
                reply.description,
                out.display(),
                png.width,
                png.height,
                png.bytes.len(),
                started.elapsed().as_secs_f64() * 1000.0
            );
            Ok(0)
        }
        Err(reply) => {
            eprintln!("{}: {}", reply.title, reply.description);
            Ok(2)
        }
    }
}
