//! Checks on one JSON Schema: each keyword the generator reads has the shape it expects.

use serde_json::Value;

use crate::diagnostics::{Diagnostic, Diagnostics, child};
use crate::load::Document;

const TYPES: [&str; 7] = ["string", "integer", "number", "boolean", "array", "object", "null"];

/// Nesting deeper than this is refused: no real description needs it, and a hostile one could
/// otherwise exhaust the stack.
pub const MAX_DEPTH: usize = 64;

pub fn check(doc: &Document, schema: &Value, pointer: &str, out: &mut Diagnostics) {
    walk(doc, schema, pointer, 0, out);
}

fn walk(doc: &Document, schema: &Value, pointer: &str, depth: usize, out: &mut Diagnostics) {
    let mut error = |at: &str, msg: String| out.push(Diagnostic::new(&doc.file, at, msg));
    if depth > MAX_DEPTH {
        error(pointer, format!("schemas nest deeper than {MAX_DEPTH} levels"));
        return;
    }
    let map = match schema {
        Value::Object(map) => map,
        Value::Bool(_) => return,
        other => {
            error(pointer, format!("a schema must be an object or a boolean, not {}", kind(other)));
            return;
        }
    };
    if map.contains_key("$ref") {
        // The target is checked where it is defined; siblings of `$ref` are ignored by 3.0.
        return;
    }
    if let Some(t) = map.get("type") {
        let names: Vec<&Value> = match t {
            Value::Array(items) => items.iter().collect(),
            one => vec![one],
        };
        for n in names {
            match n.as_str() {
                Some(s) if TYPES.contains(&s) => {}
                Some(s) => error(&child(pointer, "type"), format!("`{s}` is not a JSON Schema type")),
                None => error(&child(pointer, "type"), format!("`type` must be a string or an array of strings, not {}", kind(n))),
            }
        }
    }
    if let Some(r) = map.get("required") {
        if !r.as_array().is_some_and(|a| a.iter().all(Value::is_string)) {
            error(&child(pointer, "required"), "`required` must be an array of property names".into());
        }
    }
    if let Some(e) = map.get("enum") {
        if e.as_array().is_none_or(Vec::is_empty) {
            error(&child(pointer, "enum"), "`enum` must be a non-empty array".into());
        }
    }
    if let Some(props) = map.get("properties") {
        match props.as_object() {
            Some(props) => {
                for (name, s) in props {
                    walk(doc, s, &child(&child(pointer, "properties"), name), depth + 1, out);
                }
            }
            None => out.push(Diagnostic::new(&doc.file, child(pointer, "properties"), "`properties` must be an object")),
        }
    }
    for key in ["items", "additionalProperties", "not"] {
        if let Some(s) = map.get(key) {
            walk(doc, s, &child(pointer, key), depth + 1, out);
        }
    }
    for key in ["allOf", "oneOf", "anyOf", "prefixItems"] {
        if let Some(list) = map.get(key) {
            match list.as_array() {
                Some(items) if !items.is_empty() => {
                    for (i, s) in items.iter().enumerate() {
                        walk(doc, s, &child(&child(pointer, key), &i.to_string()), depth + 1, out);
                    }
                }
                _ => out.push(Diagnostic::new(&doc.file, child(pointer, key), format!("`{key}` must be a non-empty array of schemas"))),
            }
        }
    }
    for key in ["minimum", "maximum"] {
        if let Some(v) = map.get(key) {
            if !v.is_number() {
                out.push(Diagnostic::new(&doc.file, child(pointer, key), format!("`{key}` must be a number, not {}", kind(v))));
            }
        }
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
