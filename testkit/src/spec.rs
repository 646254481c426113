//! Validates request bodies against Discord's OpenAPI description.

use once_cell::sync::Lazy;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Mutex;

static DOCUMENT: Lazy<Value> = Lazy::new(|| {
    let text = std::fs::read_to_string(crate::fixture("discord/openapi.json"))
        .expect("openapi.json is vendored in tests/fixtures");
    serde_json::from_str(&text).expect("openapi.json parses")
});

static VALIDATORS: Lazy<Mutex<HashMap<String, &'static jsonschema::Validator>>> =
    Lazy::new(Default::default);

/// A validator for `#/components/schemas/{name}`, resolving refs against the whole document.
fn validator(name: &str) -> &'static jsonschema::Validator {
    let mut cache = VALIDATORS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(v) = cache.get(name) {
        return v;
    }
    let mut root = DOCUMENT.clone();
    let obj = root.as_object_mut().expect("document is an object");
    // The document is the schema's resource; only `$ref` matters to the validator.
    obj.retain(|k, _| k == "components");
    obj.insert(
        "$ref".into(),
        Value::String(format!("#/components/schemas/{name}")),
    );
    obj.insert(
        "$schema".into(),
        Value::String("https://json-schema.org/draft/2020-12/schema".into()),
    );
    let compiled =
        jsonschema::validator_for(&root).unwrap_or_else(|e| panic!("schema {name} compiles: {e}"));
    let leaked: &'static jsonschema::Validator = Box::leak(Box::new(compiled));
    cache.insert(name.to_owned(), leaked);
    leaked
}

/// Errors of `body` against the named schema (empty when valid).
pub fn errors(schema: &str, body: &Value) -> Vec<String> {
    validator(schema)
        .iter_errors(body)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect()
}

pub fn assert_valid(schema: &str, body: &Value) {
    let errs = errors(schema, body);
    assert!(
        errs.is_empty(),
        "body does not validate against {schema}:\n{}\n{}",
        errs.join("\n"),
        serde_json::to_string_pretty(body).unwrap_or_default()
    );
}

/// The request-body schema of an operation, e.g. ("put", "/applications/{application_id}/commands").
pub fn request_schema(method: &str, path: &str) -> Value {
    DOCUMENT["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"].clone()
}

/// Validates against an inline schema (such as an operation's request body).
pub fn errors_inline(schema: &Value, body: &Value) -> Vec<String> {
    let mut root = serde_json::json!({"components": DOCUMENT["components"].clone()});
    let obj = root.as_object_mut().expect("object");
    if let Some(map) = schema.as_object() {
        for (k, v) in map {
            obj.insert(k.clone(), v.clone());
        }
    }
    obj.insert(
        "$schema".into(),
        Value::String("https://json-schema.org/draft/2020-12/schema".into()),
    );
    let v = jsonschema::validator_for(&root).unwrap_or_else(|e| panic!("schema compiles: {e}"));
    v.iter_errors(body)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect()
}
