//! Benchmarks, each beside the floor it is compared with in the same run
//! (these machines are noisy; ratios are what BENCHMARKS.md reports).
//!
//! - interactions: the full path from an interaction's JSON bytes to the
//!   callback body's JSON bytes, for /embassy, /expelled, /ask and
//!   autocomplete, against the floor of parsing the same interaction with
//!   serenity's model and serializing the same response.
//! - resolver: typo, city and unknown lookups against an exact-name lookup.
//! - startup: loading and indexing the embedded data against parsing the
//!   same files into `serde_json::Value`.
//! - map: the world map against encoding a blank image of the same size.

use criterion::{criterion_group, criterion_main, Criterion};
use missionbot::dataset::{self, DataFiles, Dataset};
use missionbot::interactions::commands;
use serde_json::{json, Value};
use serenity::all::Interaction;
use std::hint::black_box;

fn fixture(name: &str) -> Value {
    let path = format!(
        "{}/tests/fixtures/discord/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("json")
}

fn command_bytes(name: &str, options: Value) -> Vec<u8> {
    let mut i = fixture("interaction_command.json");
    i["data"]["name"] = json!(name);
    i["data"]["options"] = options;
    serde_json::to_vec(&i).unwrap()
}

fn autocomplete_bytes(typed: &str) -> Vec<u8> {
    let mut i = fixture("interaction_autocomplete.json");
    i["data"]["options"] = json!([{"name": "country", "type": 3, "value": typed, "focused": true}]);
    serde_json::to_vec(&i).unwrap()
}

fn full_path(data: &Dataset, bytes: &[u8]) -> Vec<u8> {
    let interaction: Interaction = serde_json::from_slice(bytes).expect("interaction");
    let response = commands::callback_for(data, &interaction).expect("a response");
    serde_json::to_vec(&response).expect("serializes")
}

fn interactions(c: &mut Criterion) {
    let data = dataset::embedded();
    let cases = [
        (
            "embassy",
            command_bytes(
                "embassy",
                json!([{"name": "country", "type": 3, "value": "Spain"}]),
            ),
        ),
        (
            "expelled",
            command_bytes(
                "expelled",
                json!([{"name": "year", "type": 4, "value": 2017}]),
            ),
        ),
        (
            "ask",
            command_bytes(
                "ask",
                json!([{"name": "question", "type": 3, "value": "When did Mexico expel the North Korean ambassador?"}]),
            ),
        ),
        ("autocomplete", autocomplete_bytes("spa")),
    ];
    let mut group = c.benchmark_group("interaction");
    for (name, bytes) in &cases {
        let body = commands::callback_for(data, &serde_json::from_slice(bytes).unwrap()).unwrap();
        group.bench_function(format!("{name}/floor"), |b| {
            b.iter(|| {
                let interaction: Interaction = serde_json::from_slice(black_box(bytes)).unwrap();
                black_box(&interaction);
                serde_json::to_vec(black_box(&body)).unwrap()
            })
        });
        group.bench_function(format!("{name}/full"), |b| {
            b.iter(|| full_path(data, black_box(bytes)))
        });
    }
    group.finish();
}

/// Understanding one question of each kind (ranges, stories, people,
/// other languages, the search fallback); the goal is well under 1 ms.
fn questions(c: &mut Criterion) {
    let data = dataset::embedded();
    let mut group = c.benchmark_group("question");
    for (name, question) in [
        (
            "range",
            "which countries expelled dprk diplomats after 2016",
        ),
        (
            "combined",
            "Which North Korean embassies in Asia closed after 2017?",
        ),
        ("story", "what happened in malaysia in 2017"),
        ("person", "who is Kim Hyong Gil"),
        ("french", "ambassade de Corée du Nord en Allemagne"),
        ("chinese", "朝鲜驻中国大使馆"),
        ("search", "JVP insurrection"),
        ("nothing", "zzzz qqqq wwww"),
        (
            "decade-de",
            "Ausweisungen nordkoreanischer Diplomaten in den 70er Jahren",
        ),
        (
            "since-event",
            "expulsions since the assassination of kim jong nam",
        ),
        (
            "count-relations",
            "how many un members have diplomatic relations with north korea",
        ),
        ("typo-two-words", "bosnia hertzegovina dprk ties"),
        ("head-on-date", "nk ambassador to the uk in 2019"),
        ("defections", "which north korean diplomats defected"),
    ] {
        group.bench_function(format!("understand/{name}"), |b| {
            b.iter(|| missionbot::answers::ask::understand(data, black_box(question)))
        });
        group.bench_function(format!("answer/{name}"), |b| {
            b.iter(|| {
                missionbot::answers::ask::answer_question(
                    data,
                    black_box(question),
                    missionbot::i18n::Lang::ENGLISH,
                )
            })
        });
    }
    group.finish();
}

fn resolver(c: &mut Criterion) {
    let data = dataset::embedded();
    let mut group = c.benchmark_group("resolver");
    group.bench_function("exact/floor", |b| {
        b.iter(|| data.resolve_exact(black_box("Spain")))
    });
    for input in ["Spain", "Spian", "Vientiane", "Atlantis"] {
        group.bench_function(format!("resolve/{input}"), |b| {
            b.iter(|| data.resolve(black_box(input)).country().is_some())
        });
    }
    group.bench_function("suggest/spa", |b| {
        b.iter(|| data.suggest_countries(black_box("spa"), 25).len())
    });
    group.finish();
}

fn startup(c: &mut Criterion) {
    let files = DataFiles::embedded();
    let texts = [
        &files.countries,
        &files.missions,
        &files.expulsions,
        &files.relations,
        &files.sources,
        &files.figures,
    ];
    let mut group = c.benchmark_group("startup");
    group.sample_size(20);
    group.bench_function("parse-json/floor", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| {
                    serde_json::from_str::<Value>(t)
                        .unwrap()
                        .as_array()
                        .map_or(0, Vec::len)
                })
                .sum::<usize>()
        })
    });
    group.bench_function("load-validate-index", |b| {
        b.iter(|| Dataset::from_files(&files, "data/").unwrap())
    });
    group.finish();
}

fn map(c: &mut Criterion) {
    let data = dataset::embedded();
    missionbot::map::warm_up();
    let mut group = c.benchmark_group("map");
    group.sample_size(20);
    group.bench_function("blank-png/floor", |b| {
        b.iter(|| {
            let pixmap = tiny_skia::Pixmap::new(1600, 900).unwrap();
            pixmap.encode_png().unwrap().len()
        })
    });
    group.bench_function("world", |b| {
        b.iter(|| {
            missionbot::map::mission_map(data, &Default::default())
                .unwrap()
                .1
                .bytes
                .len()
        })
    });
    group.bench_function("locator/ES", |b| {
        b.iter(|| {
            missionbot::map::locator_map(data, "ES", missionbot::i18n::Lang::ENGLISH)
                .unwrap()
                .bytes
                .len()
        })
    });
    group.finish();
}

criterion_group!(benches, interactions, questions, resolver, startup, map);
criterion_main!(benches, breakdown);

/// Where the time of the full path goes, for `/expelled year:2017`.
fn pieces(c: &mut Criterion) {
    let data = dataset::embedded();
    let q = missionbot::query::Query::parse_line("/expelled year:2017").unwrap();
    c.bench_function("breakdown/answer", |b| {
        b.iter(|| missionbot::answers::answer(data, black_box(&q)))
    });
    let reply = missionbot::answers::answer(data, &q);
    c.bench_function("breakdown/paginate", |b| {
        b.iter(|| missionbot::render::paginate(black_box(&reply)).len())
    });
    c.bench_function("breakdown/response", |b| {
        b.iter(|| {
            missionbot::interactions::wire::interaction_response(
                black_box(&reply),
                0,
                Some("/expelled year:2017"),
            )
        })
    });
    let r = missionbot::interactions::wire::interaction_response(
        &reply,
        0,
        Some("/expelled year:2017"),
    );
    c.bench_function("breakdown/serialize", |b| {
        b.iter(|| serde_json::to_vec(black_box(&r)).unwrap().len())
    });
}
criterion_group!(breakdown, pieces);
