//! Stage 3: turn a validated document into the IR. This is the only place that reads OpenAPI.

mod operations;
mod types;

use serde_json::Value;

use crate::ir::{Api, Auth};
use crate::load::Document;

pub use types::{Lowered, TypeSpace};

/// Lowers a document that [`crate::validate::validate`] accepted.
pub fn lower(doc: &Document) -> Api {
    let mut space = TypeSpace::new(doc);
    let (resources, error_body) = operations::lower_operations(doc, &mut space);
    let info = doc.root.get("info");
    let text = |key: &str| info.and_then(|i| i.get(key)).and_then(Value::as_str).map(str::to_string);
    Api {
        title: text("title").unwrap_or_default(),
        version: text("version").unwrap_or_default(),
        doc: text("description"),
        base_url: doc
            .root
            .pointer("/servers/0/url")
            .and_then(Value::as_str)
            .map(|u| u.trim_end_matches('/').to_string()),
        auth: auth(doc),
        types: space.types,
        resources,
        error_body,
    }
}

/// The security schemes the whole API requires, in the order the description lists them.
fn auth(doc: &Document) -> Vec<Auth> {
    let schemes = doc.root.pointer("/components/securitySchemes").and_then(Value::as_object);
    let required = doc.root.get("security").and_then(Value::as_array);
    let names = required.into_iter().flatten().filter_map(Value::as_object).flat_map(|m| m.keys());
    let mut out = Vec::new();
    for name in names {
        let Some(s) = schemes.and_then(|s| s.get(name)).map(|s| doc.deref(s)) else { continue };
        let field = |k: &str| s.get(k).and_then(Value::as_str).unwrap_or_default().to_ascii_lowercase();
        let scheme = name.clone();
        let auth = match (field("type").as_str(), field("scheme").as_str()) {
            ("http", "basic") => Auth::Basic { scheme },
            ("http", "bearer") | ("oauth2", _) | ("openidconnect", _) => Auth::Bearer { scheme },
            ("apikey", _) if field("in") == "header" => {
                let header = s.get("name").and_then(Value::as_str).unwrap_or("Authorization").to_string();
                Auth::ApiKeyHeader { scheme, header }
            }
            _ => continue,
        };
        if !out.contains(&auth) {
            out.push(auth);
        }
    }
    unread_operation_security(doc, required);
    out
}

/// Warns about each security scheme that operations require but the whole API does not: the
/// client applies only the API-wide ones.
fn unread_operation_security(doc: &Document, api_wide: Option<&Vec<Value>>) {
    let wide: Vec<&String> = api_wide.into_iter().flatten().filter_map(Value::as_object).flat_map(|m| m.keys()).collect();
    let mut counts: std::collections::BTreeMap<&String, usize> = std::collections::BTreeMap::new();
    for item in doc.root.get("paths").and_then(Value::as_object).into_iter().flat_map(|p| p.values()) {
        for op in crate::validate::METHODS.iter().filter_map(|m| doc.deref(item).get(*m)) {
            let names = op.get("security").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_object).flat_map(|m| m.keys());
            for name in names.filter(|n| !wide.contains(n)) {
                *counts.entry(name).or_default() += 1;
            }
        }
    }
    for (name, n) in counts {
        doc.warn(
            &crate::diagnostics::child("/components/securitySchemes", name),
            format!("{n} operation{} require the security scheme `{name}`, which the whole API does not (top-level `security`); the client does not apply it", if n == 1 { "" } else { "s" }),
        );
    }
}
