//! Stage 3: turn a validated document into the IR. This is the only place that reads OpenAPI.

mod operations;
pub mod records;
mod types;

use serde_json::Value;

use crate::diagnostics::Diagnostic;
use crate::ir::{Api, Auth, Credentials, Needs};
use crate::load::Document;

pub use types::{Lowered, TypeSpace};

/// Lowers a document that [`crate::validate::validate`] accepted, with the warnings about what
/// it read less exactly than written.
pub fn lower(doc: &Document) -> (Api, Vec<Diagnostic>) {
    let mut space = TypeSpace::new(doc);
    let resources = operations::lower_operations(doc, &mut space);
    let mut warnings = std::mem::take(&mut space.warnings);
    let auth = auth(doc, &mut warnings);
    let info = doc.root.get("info");
    let text = |key: &str| {
        info.and_then(|i| i.get(key))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let api = Api {
        title: text("title").unwrap_or_default(),
        version: text("version").unwrap_or_default(),
        summary: text("summary"),
        doc: text("description"),
        crate_description: String::new(),
        base_url: doc
            .root
            .pointer("/servers/0/url")
            .and_then(Value::as_str)
            .map(|u| u.trim_end_matches('/').to_string()),
        auth,
        types: space.types,
        resources,
        error_body: None,
        merges: space.merges,
        credentials: Credentials::default(),
        job_model: None,
        needs: Needs::default(),
        model_files: Vec::new(),
        model_inputs: Vec::new(),
    };
    (api, warnings)
}

/// The security schemes the API requires, in the order the description lists them: those of
/// the whole API, or else those its operations name. The client sends the first; a warning
/// names each other scheme, whose operations get no credentials of their own.
fn auth(doc: &Document, warnings: &mut Vec<Diagnostic>) -> Vec<Auth> {
    let schemes = doc
        .root
        .pointer("/components/securitySchemes")
        .and_then(Value::as_object);
    let operations = doc
        .root
        .get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|paths| paths.values())
        .flat_map(|item| {
            let item = doc.deref(item);
            crate::load::METHODS
                .iter()
                .filter_map(move |m| item.get(*m))
        });
    let api_wide = doc
        .root
        .get("security")
        .and_then(Value::as_array)
        .into_iter()
        .flatten();
    let per_operation = operations
        .filter_map(|op| op.get("security").and_then(Value::as_array))
        .flatten();
    let mut names: Vec<&String> = Vec::new();
    for name in api_wide
        .chain(per_operation)
        .filter_map(Value::as_object)
        .flat_map(|m| m.keys())
    {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let mut out = Vec::new();
    for name in names {
        let Some(s) = schemes.and_then(|s| s.get(name)).map(|s| doc.deref(s)) else {
            continue;
        };
        let field = |k: &str| {
            s.get(k)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_ascii_lowercase()
        };
        let scheme = name.clone();
        let auth = match (field("type").as_str(), field("scheme").as_str()) {
            ("http", "basic") => Some(Auth::Basic { scheme }),
            ("http", "bearer") | ("oauth2", _) | ("openidconnect", _) => {
                Some(Auth::Bearer { scheme })
            }
            ("apikey", _) if field("in") == "header" => {
                let header = s
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or("Authorization")
                    .to_string();
                Some(Auth::ApiKeyHeader { scheme, header })
            }
            _ => None,
        };
        let at = crate::diagnostics::child("/components/securitySchemes", name);
        match (auth, out.first()) {
            (Some(auth), None) => out.push(auth),
            (Some(_), Some(first)) => {
                warnings.push(Diagnostic::warning(&doc.file, &at, format!("the client sends one kind of credentials, those of `{}`: operations that require `{name}` get none of their own", scheme_name(first))));
            }
            (None, _) => warnings.push(Diagnostic::warning(&doc.file, &at, format!("the security scheme `{name}` is not supported (only HTTP Basic, bearer tokens, OAuth 2 tokens and API keys in a header are); the client does not apply it"))),
        }
    }
    out
}

fn scheme_name(auth: &Auth) -> &str {
    match auth {
        Auth::Basic { scheme } | Auth::Bearer { scheme } | Auth::ApiKeyHeader { scheme, .. } => {
            scheme
        }
    }
}
