//! Checks on one JSON Schema: each keyword the generator reads has the shape it expects.

use serde_json::Value;

use super::{closest, describe};
use crate::diagnostics::{Diagnostic, Diagnostics, child};
use crate::load::Document;

const TYPES: [&str; 7] = [
    "string", "integer", "number", "boolean", "array", "object", "null",
];

/// Nesting deeper than this is refused: no real description needs it, and a hostile one could
/// otherwise exhaust the stack.
pub const MAX_DEPTH: usize = 64;

pub fn check(doc: &Document, schema: &Value, pointer: &str, out: &mut Diagnostics) {
    walk(doc, schema, pointer, 0, out);
}

fn walk(doc: &Document, schema: &Value, pointer: &str, depth: usize, out: &mut Diagnostics) {
    let error = |out: &mut Diagnostics, at: &str, msg: String| {
        out.push(Diagnostic::new(&doc.file, at, msg))
    };
    if depth > MAX_DEPTH {
        out.push(
            Diagnostic::new(
                &doc.file,
                pointer,
                format!("schemas nest deeper than {MAX_DEPTH} levels"),
            )
            .with_hint(
                "name the inner schemas under `components/schemas` and refer to them with `$ref`",
            ),
        );
        return;
    }
    let map = match schema {
        Value::Object(map) => map,
        Value::Bool(_) => return,
        // Written by generators for "no schema" (Directus' `schema: null`): read as absent.
        Value::Null => {
            out.push(Diagnostic::warning(
                &doc.file,
                pointer,
                "a schema must be an object or a boolean, not null; read as any value",
            ));
            return;
        }
        other => {
            error(
                out,
                pointer,
                format!(
                    "a schema must be an object or a boolean, not {}",
                    describe(other)
                ),
            );
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
                Some(s) => {
                    let types: Vec<String> = TYPES.iter().map(|t| t.to_string()).collect();
                    let hint = match closest(types.iter(), s) {
                        Some(t) => format!("did you mean `{t}`?"),
                        None => format!(
                            "the types are {}",
                            TYPES.map(|t| format!("`{t}`")).join(", ")
                        ),
                    };
                    out.push(
                        Diagnostic::new(
                            &doc.file,
                            child(pointer, "type"),
                            format!("`{s}` is not a JSON Schema type"),
                        )
                        .with_hint(hint),
                    );
                }
                None => out.push(Diagnostic::new(
                    &doc.file,
                    child(pointer, "type"),
                    format!(
                        "`type` must be a string or an array of strings, not {}",
                        describe(n)
                    ),
                )),
            }
        }
    }
    if let Some(d) = map.get("discriminator") {
        discriminator(doc, d, &child(pointer, "discriminator"), out);
    }
    if let Some(r) = map.get("required") {
        if !r.as_array().is_some_and(|a| a.iter().all(Value::is_string)) {
            error(
                out,
                &child(pointer, "required"),
                format!(
                    "`required` must be an array of property names, not {}",
                    describe(r)
                ),
            );
        }
    }
    match map.get("enum") {
        // Seen beside an `allOf` that holds the real values: reading it as absent keeps those.
        Some(Value::Array(values)) if values.is_empty() => {
            out.push(Diagnostic::warning(
                &doc.file,
                child(pointer, "enum"),
                "`enum` is empty, which would allow no value; read as if absent",
            ));
        }
        Some(Value::Array(_)) | None => {}
        Some(e) => error(
            out,
            &child(pointer, "enum"),
            format!("`enum` must be an array of values, not {}", describe(e)),
        ),
    }
    if let Some(props) = map.get("properties") {
        match props.as_object() {
            Some(props) => {
                for (name, s) in props {
                    walk(
                        doc,
                        s,
                        &child(&child(pointer, "properties"), name),
                        depth + 1,
                        out,
                    );
                }
            }
            None => error(
                out,
                &child(pointer, "properties"),
                format!("`properties` must be an object, not {}", describe(props)),
            ),
        }
    }
    for key in ["$defs", "patternProperties", "dependentSchemas"] {
        match map.get(key) {
            Some(Value::Object(defs)) => {
                for (name, s) in defs {
                    walk(doc, s, &child(&child(pointer, key), name), depth + 1, out);
                }
            }
            Some(other) => error(
                out,
                &child(pointer, key),
                format!("`{key}` must be an object, not {}", describe(other)),
            ),
            None => {}
        }
    }
    // `items` as an array is draft 4's tuple form, which the lowering reads with a warning.
    if let Some(Value::Array(tuple)) = map.get("items") {
        for (i, s) in tuple.iter().enumerate() {
            walk(
                doc,
                s,
                &child(&child(pointer, "items"), &i.to_string()),
                depth + 1,
                out,
            );
        }
    }
    for key in [
        "items",
        "additionalProperties",
        "not",
        "contains",
        "if",
        "then",
        "else",
        "propertyNames",
    ] {
        match map.get(key) {
            Some(Value::Array(_)) if key == "items" => {}
            Some(s) => walk(doc, s, &child(pointer, key), depth + 1, out),
            None => {}
        }
    }
    for key in ["allOf", "oneOf", "anyOf", "prefixItems"] {
        if let Some(list) = map.get(key) {
            match list.as_array() {
                Some(items) if !items.is_empty() => {
                    for (i, s) in items.iter().enumerate() {
                        walk(
                            doc,
                            s,
                            &child(&child(pointer, key), &i.to_string()),
                            depth + 1,
                            out,
                        );
                    }
                }
                Some(_) => error(
                    out,
                    &child(pointer, key),
                    format!("`{key}` is empty: list at least one schema"),
                ),
                None => error(
                    out,
                    &child(pointer, key),
                    format!(
                        "`{key}` must be an array of schemas, not {}",
                        describe(list)
                    ),
                ),
            }
        }
    }
    for key in [
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
    ] {
        match map.get(key) {
            // 3.0 writes `exclusiveMinimum: true` beside `minimum`.
            Some(Value::Bool(_)) if key.starts_with("exclusive") => {}
            Some(v) if !v.is_number() => {
                out.push(Diagnostic::new(
                    &doc.file,
                    child(pointer, key),
                    format!("`{key}` must be a number, not {}", describe(v)),
                ));
            }
            _ => {}
        }
    }
    for key in [
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
        "minProperties",
        "maxProperties",
    ] {
        if let Some(v) = map.get(key) {
            if v.as_u64().is_none() {
                out.push(Diagnostic::new(
                    &doc.file,
                    child(pointer, key),
                    format!(
                        "`{key}` must be a whole number from 0 to 2^64-1, not {}",
                        describe(v)
                    ),
                ));
            }
        }
    }
    for key in [
        "nullable",
        "deprecated",
        "readOnly",
        "writeOnly",
        "uniqueItems",
    ] {
        if let Some(v) = map.get(key).filter(|v| !v.is_boolean()) {
            out.push(Diagnostic::new(
                &doc.file,
                child(pointer, key),
                format!("`{key}` must be `true` or `false`, not {}", describe(v)),
            ));
        }
    }
    for key in ["format", "pattern", "title", "description"] {
        if let Some(v) = map.get(key).filter(|v| !v.is_string()) {
            out.push(Diagnostic::new(
                &doc.file,
                child(pointer, key),
                format!("`{key}` must be a string, not {}", describe(v)),
            ));
        }
    }
}

/// Near-miss hints compare names pairwise: past this many problems, a hostile file gets none.
const HINTED_PROBLEMS: usize = 20;

/// `discriminator: {propertyName, mapping}` (a Swagger 2.0 string is rewritten so on load).
/// Every mapping value must name a schema: one that does not would tell no variant apart, and
/// leaving it out would send the wrong tag without a word.
fn discriminator(doc: &Document, d: &Value, pointer: &str, out: &mut Diagnostics) {
    let Some(d) = d.as_object() else {
        out.push(Diagnostic::new(
            &doc.file,
            pointer,
            format!(
                "`discriminator` must be an object with a `propertyName`, not {}",
                describe(d)
            ),
        ));
        return;
    };
    match d.get("propertyName") {
        Some(Value::String(_)) => {}
        Some(other) => out.push(Diagnostic::new(
            &doc.file,
            child(pointer, "propertyName"),
            format!("`propertyName` must be a string, not {}", describe(other)),
        )),
        None => out.push(
            Diagnostic::new(
                &doc.file,
                pointer,
                "the `discriminator` has no `propertyName`",
            )
            .with_hint("name the property whose value tells the variants apart"),
        ),
    }
    let Some(mapping) = d.get("mapping") else {
        return;
    };
    let at = child(pointer, "mapping");
    let Some(mapping) = mapping.as_object() else {
        out.push(Diagnostic::new(
            &doc.file,
            &at,
            format!(
                "`mapping` must be an object of tag values and schemas, not {}",
                describe(mapping)
            ),
        ));
        return;
    };
    for (tag, target) in mapping {
        let entry = child(&at, tag);
        let Some(target) = target.as_str() else {
            out.push(Diagnostic::new(
                &doc.file,
                &entry,
                format!(
                    "the mapping of `{tag}` must be a schema name or a `#/...` reference, not {}",
                    describe(target)
                ),
            ));
            continue;
        };
        if let Some(problem) = unresolved(doc, target, out.0.len() < HINTED_PROBLEMS) {
            let mut d = Diagnostic::new(
                &doc.file,
                &entry,
                format!("the mapping of `{tag}` names `{target}`, which is not a schema"),
            );
            d.hint = problem;
            out.push(d);
        }
    }
}

/// `None` when a mapping value names a schema: a `#/...` reference to one, or the name of a
/// component of `components/schemas`. Otherwise `Some` hint, if one is obvious.
fn unresolved(doc: &Document, target: &str, hint: bool) -> Option<Option<String>> {
    if target.starts_with('#') {
        if doc
            .resolve(target)
            .is_some_and(|s| s.is_object() || s.is_boolean())
        {
            return None;
        }
        return Some(hint.then(|| super::near_miss(doc, target)).flatten());
    }
    let schemas = doc
        .root
        .pointer("/components/schemas")
        .and_then(Value::as_object);
    if schemas.is_some_and(|s| s.contains_key(target)) {
        return None;
    }
    if target.contains(['/', '#', '.']) {
        return Some(Some(
            "a mapping value is a schema's name or a `#/...` reference within the description \
             (references to other files or URLs are not followed): write the component's name, \
             as in `Cat`"
                .into(),
        ));
    }
    let closest = schemas
        .filter(|_| hint)
        .and_then(|s| super::closest(s.keys(), target));
    Some(closest.map(|c| format!("did you mean `{c}`?")))
}
