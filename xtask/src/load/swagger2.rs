//! Swagger 2.0 read as OpenAPI 3.0: the tree is rewritten on load, so that every later stage
//! knows one generation of the format.
//!
//! What moves: `host`/`basePath`/`schemes` become `servers`; `definitions`, `parameters` and
//! `responses` become `components` (with every `$ref` rewritten); body and form parameters become
//! a `requestBody` whose media types are the operation's `consumes` (form fields become the
//! properties of one object schema, `type: file` a binary string); a response's `schema` goes
//! under each media type of `produces`; `securityDefinitions` become `securitySchemes`;
//! `collectionFormat` becomes `style`/`explode`; `x-nullable` becomes `nullable`. Each moved value
//! is recorded in [`Origins`], so that diagnostics still point into the file as written.

use serde_json::{Map, Value, json};

use super::Origins;
use crate::diagnostics::child;

/// The media type assumed when neither the operation nor the document says (2.0 has no default;
/// JSON is what nearly every API means).
const DEFAULT_MEDIA: &str = "application/json";

/// Keywords a 2.0 parameter, header or `items` object shares with a schema.
const SCHEMA_KEYS: [&str; 17] = [
    "type",
    "format",
    "items",
    "enum",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "multipleOf",
    "x-nullable",
];

/// Whether `root` is a Swagger 2.0 document (`swagger: "2.0"`).
pub fn is_swagger2(root: &Value) -> bool {
    root.get("swagger").and_then(Value::as_str) == Some("2.0")
}

/// Rewrites a Swagger 2.0 `root` as OpenAPI 3.0.3, recording every value that moved. Returns
/// what 3.0 cannot say as 2.0 did: warnings, as (pointer in the upgraded tree, message).
pub fn upgrade(root: &mut Value, origins: &mut Origins) -> Vec<(String, String)> {
    let Some(old) = root.as_object() else {
        return Vec::new();
    };
    let mut up = Upgrade {
        old,
        origins,
        out: Map::new(),
        warnings: Vec::new(),
    };
    up.run();
    let (out, warnings) = (up.out, up.warnings);
    *root = Value::Object(out);
    warnings
}

struct Upgrade<'a> {
    old: &'a Map<String, Value>,
    origins: &'a mut Origins,
    out: Map<String, Value>,
    warnings: Vec<(String, String)>,
}

impl<'a> Upgrade<'a> {
    fn run(&mut self) {
        self.out.insert("openapi".into(), json!("3.0.3"));
        self.origins.moved("/openapi", "/swagger");
        for (key, value) in self.old {
            match key.as_str() {
                "swagger"
                | "host"
                | "basePath"
                | "schemes"
                | "consumes"
                | "produces"
                | "definitions"
                | "parameters"
                | "responses"
                | "securityDefinitions"
                | "paths" => {}
                _ => {
                    self.out.insert(key.clone(), value.clone());
                }
            }
        }
        if let Some(servers) = self.servers() {
            self.out.insert("servers".into(), servers);
        }
        let mut components = Map::new();
        if let Some(defs) = self.old.get("definitions").and_then(Value::as_object) {
            let schemas = defs.iter().map(|(k, v)| (k.clone(), schema(v))).collect();
            components.insert("schemas".into(), Value::Object(schemas));
            self.origins.moved("/components/schemas", "/definitions");
        }
        if let Some(params) = self.old.get("parameters").and_then(Value::as_object) {
            let (mut plain, mut bodies) = (Map::new(), Map::new());
            for (name, p) in params {
                let from = child("/parameters", name);
                match p.get("in").and_then(Value::as_str) {
                    Some("body") => {
                        let at = child("/components/requestBodies", name);
                        bodies.insert(
                            name.clone(),
                            self.body(&[(p, from)], &self.media("consumes", None), &at),
                        );
                    }
                    // Form fields are merged into the body of each operation that uses them.
                    Some("formData") => {}
                    _ => {
                        let at = child("/components/parameters", name);
                        plain.insert(name.clone(), self.parameter(p, &at, &from));
                    }
                }
            }
            if !plain.is_empty() {
                components.insert("parameters".into(), Value::Object(plain));
            }
            if !bodies.is_empty() {
                components.insert("requestBodies".into(), Value::Object(bodies));
            }
        }
        if let Some(responses) = self.old.get("responses").and_then(Value::as_object) {
            let produces = self.media("produces", None);
            let converted = responses
                .iter()
                .map(|(name, r)| {
                    let at = child("/components/responses", name);
                    (
                        name.clone(),
                        self.response(r, &produces, &at, &child("/responses", name)),
                    )
                })
                .collect();
            components.insert("responses".into(), Value::Object(converted));
        }
        if let Some(defs) = self
            .old
            .get("securityDefinitions")
            .and_then(Value::as_object)
        {
            let schemes = defs
                .iter()
                .map(|(k, v)| (k.clone(), security_scheme(v)))
                .collect();
            components.insert("securitySchemes".into(), Value::Object(schemes));
            self.origins
                .moved("/components/securitySchemes", "/securityDefinitions");
        }
        if let Some(paths) = self.old.get("paths") {
            let converted = match paths.as_object() {
                Some(paths) => Value::Object(
                    paths
                        .iter()
                        .map(|(p, item)| (p.clone(), self.path_item(item, &child("/paths", p))))
                        .collect(),
                ),
                // Validation names the wrong type where it is.
                None => paths.clone(),
            };
            self.out.insert("paths".into(), converted);
        }
        if !components.is_empty() {
            self.out
                .insert("components".into(), Value::Object(components));
        }
    }

    /// One server for each scheme (`https` when none is listed), or the base path alone.
    fn servers(&mut self) -> Option<Value> {
        let host = self.old.get("host").and_then(Value::as_str);
        let base = self
            .old
            .get("basePath")
            .and_then(Value::as_str)
            .unwrap_or("");
        let Some(host) = host else {
            return (!base.is_empty()).then(|| {
                self.origins.moved("/servers", "/basePath");
                json!([{ "url": base }])
            });
        };
        let schemes: Vec<&str> = self
            .old
            .get("schemes")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let schemes = if schemes.is_empty() {
            vec!["https"]
        } else {
            schemes
        };
        // The secure scheme first: lowering reads the first server as the default base URL.
        let mut ordered: Vec<&str> = schemes
            .iter()
            .copied()
            .filter(|s| *s == "https" || *s == "wss")
            .collect();
        ordered.extend(
            schemes
                .iter()
                .copied()
                .filter(|s| *s != "https" && *s != "wss"),
        );
        self.origins.moved("/servers", "/host");
        Some(Value::Array(
            ordered
                .iter()
                .map(|s| json!({ "url": format!("{s}://{host}{base}") }))
                .collect(),
        ))
    }

    /// The media types of `key` (`consumes` or `produces`): the operation's, else the document's.
    fn media(&self, key: &str, op: Option<&Value>) -> Vec<String> {
        let list = op
            .and_then(|o| o.get(key))
            .or_else(|| self.old.get(key))
            .and_then(Value::as_array);
        let found: Vec<String> = list
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect();
        if found.is_empty() {
            vec![DEFAULT_MEDIA.to_string()]
        } else {
            found
        }
    }

    /// The global parameter a `$ref: '#/parameters/X'` names, with its pointer.
    fn global(&self, p: &Value) -> Option<(&'a Value, String)> {
        let name = p.get("$ref")?.as_str()?.strip_prefix("#/parameters/")?;
        let unescaped = name.replace("~1", "/").replace("~0", "~");
        let old: &'a Map<String, Value> = self.old;
        Some((
            old.get("parameters")?.get(&unescaped)?,
            format!("/parameters/{name}"),
        ))
    }

    fn path_item(&mut self, item: &'a Value, at: &str) -> Value {
        let Some(map) = item.as_object() else {
            return item.clone();
        };
        let mut out = Map::new();
        // Body and form parameters shared by the path's operations join each operation's body.
        let shared: Vec<(&Value, String)> = match map.get("parameters").and_then(Value::as_array) {
            Some(list) => list
                .iter()
                .enumerate()
                .map(|(i, p)| (p, child(&child(at, "parameters"), &i.to_string())))
                .collect(),
            None => Vec::new(),
        };
        for (key, value) in map {
            match key.as_str() {
                "parameters" => {
                    let (plain, _) = self.split(&shared);
                    let list = self.parameters(&plain, &child(at, "parameters"));
                    out.insert(key.clone(), list);
                }
                "get" | "put" | "post" | "delete" | "options" | "head" | "patch" => {
                    out.insert(key.clone(), self.operation(value, &child(at, key), &shared));
                }
                _ => {
                    out.insert(key.clone(), value.clone());
                }
            }
        }
        Value::Object(out)
    }

    /// Splits parameters (each with its pointer) into the plain ones (`$ref`s to plain global
    /// ones included) and the body and form ones, resolved.
    #[allow(clippy::type_complexity)]
    fn split<'v>(
        &self,
        params: &[(&'v Value, String)],
    ) -> (Vec<(&'v Value, String)>, Vec<(&'v Value, String)>)
    where
        'a: 'v,
    {
        let (mut plain, mut body) = (Vec::new(), Vec::new());
        for (p, from) in params {
            let (resolved, resolved_from) = self.global(p).unwrap_or((p, from.clone()));
            match resolved.get("in").and_then(Value::as_str) {
                Some("body" | "formData") => body.push((resolved, resolved_from)),
                _ => plain.push((*p, from.clone())),
            }
        }
        (plain, body)
    }

    fn operation<'v>(&mut self, op: &'v Value, at: &str, shared: &[(&'v Value, String)]) -> Value
    where
        'a: 'v,
    {
        let Some(map) = op.as_object() else {
            return op.clone();
        };
        let own: Vec<(&Value, String)> = match map.get("parameters").and_then(Value::as_array) {
            Some(list) => list
                .iter()
                .enumerate()
                .map(|(i, p)| (p, child(&child(at, "parameters"), &i.to_string())))
                .collect(),
            None => Vec::new(),
        };
        let (plain, mut body) = self.split(&own);
        let (_, shared_body) = self.split(shared);
        // An operation's own body or form field overrides the path's one of the same name.
        for (p, from) in shared_body {
            let name = p.get("name");
            if !body
                .iter()
                .any(|(q, _)| q.get("name") == name && q.get("in") == p.get("in"))
            {
                body.push((p, from));
            }
        }
        let mut out = Map::new();
        for (key, value) in map {
            match key.as_str() {
                "consumes" | "produces" | "schemes" => {}
                "parameters" => {
                    if !plain.is_empty() {
                        out.insert(
                            key.clone(),
                            self.parameters(&plain, &child(at, "parameters")),
                        );
                    }
                }
                "responses" => {
                    let produces = self.media("produces", Some(op));
                    let converted = match value.as_object() {
                        Some(rs) => Value::Object(
                            rs.iter()
                                .map(|(status, r)| {
                                    let r_at = child(&child(at, "responses"), status);
                                    (status.clone(), self.response(r, &produces, &r_at, &r_at))
                                })
                                .collect(),
                        ),
                        None => value.clone(),
                    };
                    out.insert(key.clone(), converted);
                }
                _ => {
                    out.insert(key.clone(), value.clone());
                }
            }
        }
        if !body.is_empty() {
            let body_at = child(at, "requestBody");
            let global_body = own.iter().find_map(|(p, _)| {
                let name = p.get("$ref")?.as_str()?.strip_prefix("#/parameters/")?;
                (body.len() == 1 && self.global(p)?.0.get("in")?.as_str()? == "body")
                    .then(|| name.to_string())
            });
            let value = match global_body {
                Some(name) => json!({ "$ref": format!("#/components/requestBodies/{name}") }),
                None => self.body(&body, &self.media("consumes", Some(op)), &body_at),
            };
            out.insert("requestBody".into(), value);
        }
        Value::Object(out)
    }

    fn parameters(&mut self, list: &[(&Value, String)], at: &str) -> Value {
        let converted = list
            .iter()
            .enumerate()
            .map(|(i, (p, from))| self.parameter(p, &child(at, &i.to_string()), from))
            .collect();
        Value::Array(converted)
    }

    /// A query, path or header parameter: its schema keywords gather under `schema`, and
    /// `collectionFormat` becomes `style` and `explode`.
    fn parameter(&mut self, p: &Value, at: &str, from: &str) -> Value {
        self.origins.moved(at, from);
        let Some(map) = p.as_object() else {
            return p.clone();
        };
        if let Some(r) = map.get("$ref").and_then(Value::as_str) {
            return json!({ "$ref": rewrite_ref(r) });
        }
        let mut out = Map::new();
        for (key, value) in map {
            if !SCHEMA_KEYS.contains(&key.as_str()) && key != "collectionFormat" && key != "schema"
            {
                out.insert(key.clone(), value.clone());
            }
        }
        let location = map.get("in").and_then(Value::as_str).unwrap_or("");
        if map.get("type").and_then(Value::as_str) == Some("array") {
            let format = map
                .get("collectionFormat")
                .and_then(Value::as_str)
                .unwrap_or("csv");
            let (style, explode) = match (format, location) {
                ("multi", _) => ("form", true),
                ("ssv", _) => ("spaceDelimited", false),
                ("pipes", _) => ("pipeDelimited", false),
                (_, "query" | "formData") => ("form", false),
                _ => ("simple", false),
            };
            if format == "tsv" {
                let message = "`collectionFormat: tsv` (tab-separated) has no OpenAPI 3 equivalent; read as comma-separated";
                self.warnings
                    .push((child(at, "style"), message.to_string()));
            }
            out.insert("style".into(), json!(style));
            out.insert("explode".into(), json!(explode));
        }
        out.insert("schema".into(), schema(&simple_schema(map)));
        // The schema's keywords are written on the parameter itself.
        self.origins.moved(child(at, "schema"), from);
        Value::Object(out)
    }

    /// The request body of body or form parameters, under each media type of `consumes`.
    fn body(&mut self, params: &[(&Value, String)], consumes: &[String], at: &str) -> Value {
        let mut out = Map::new();
        if let Some((p, from)) = params
            .iter()
            .find(|(p, _)| p.get("in").and_then(Value::as_str) == Some("body"))
        {
            self.origins.moved(at, from.clone());
            if let Some(d) = p.get("description") {
                out.insert("description".into(), d.clone());
            }
            if let Some(r) = p.get("required") {
                out.insert("required".into(), r.clone());
            }
            let s = schema(p.get("schema").unwrap_or(&Value::Bool(true)));
            let mut content = Map::new();
            for media in consumes {
                let schema_at = child(&child(&child(at, "content"), media), "schema");
                self.origins.moved(schema_at, child(from, "schema"));
                content.insert(media.clone(), json!({ "schema": s }));
            }
            out.insert("content".into(), Value::Object(content));
            return Value::Object(out);
        }
        // Form fields: the properties of one object, sent as the form media types `consumes` lists.
        let mut properties = Map::new();
        let mut required = Vec::new();
        let mut has_file = false;
        for (p, _) in params {
            let Some(map) = p.as_object() else { continue };
            let name = map.get("name").and_then(Value::as_str).unwrap_or_default();
            has_file |= map.get("type").and_then(Value::as_str) == Some("file");
            let mut s = simple_schema(map);
            if let (Some(d), Some(obj)) = (map.get("description"), s.as_object_mut()) {
                obj.insert("description".into(), d.clone());
            }
            properties.insert(name.to_string(), schema(&s));
            if map.get("required") == Some(&Value::Bool(true)) {
                required.push(json!(name));
            }
        }
        let forms: Vec<&String> = consumes.iter().filter(|m| is_form(m)).collect();
        let default_form = if has_file {
            "multipart/form-data"
        } else {
            "application/x-www-form-urlencoded"
        }
        .to_string();
        let forms = if forms.is_empty() {
            vec![&default_form]
        } else {
            forms
        };
        let mut form = Map::from_iter([
            ("type".to_string(), json!("object")),
            ("properties".to_string(), Value::Object(properties)),
        ]);
        if !required.is_empty() {
            form.insert("required".into(), Value::Array(required.clone()));
        }
        let mut content = Map::new();
        for media in forms {
            let schema_at = child(&child(&child(at, "content"), media), "schema");
            for (p, from) in params {
                if let Some(name) = p.get("name").and_then(Value::as_str) {
                    self.origins
                        .moved(child(&child(&schema_at, "properties"), name), from.clone());
                }
            }
            content.insert(media.clone(), json!({ "schema": form }));
        }
        if !required.is_empty() {
            out.insert("required".into(), json!(true));
        }
        out.insert("content".into(), Value::Object(content));
        if let Some((_, from)) = params.first() {
            self.origins.moved(at, from.clone());
        }
        Value::Object(out)
    }

    /// A response: its schema under each media type of `produces`, its headers with schemas.
    fn response(&mut self, r: &Value, produces: &[String], at: &str, from: &str) -> Value {
        self.origins.moved(at, from);
        let Some(map) = r.as_object() else {
            return r.clone();
        };
        if let Some(reference) = map.get("$ref").and_then(Value::as_str) {
            return json!({ "$ref": rewrite_ref(reference) });
        }
        let mut out = Map::new();
        for (key, value) in map {
            match key.as_str() {
                "schema" | "examples" => {}
                "headers" => {
                    let headers = value.as_object().into_iter().flatten().map(|(name, h)| {
                        let h_at = child(&child(at, "headers"), name);
                        self.origins
                            .moved(child(&h_at, "schema"), child(&child(from, "headers"), name));
                        let mut header = Map::new();
                        if let Some(d) = h.get("description") {
                            header.insert("description".into(), d.clone());
                        }
                        header.insert(
                            "schema".into(),
                            schema(
                                &h.as_object()
                                    .map(simple_schema)
                                    .unwrap_or(Value::Bool(true)),
                            ),
                        );
                        (name.clone(), Value::Object(header))
                    });
                    out.insert(key.clone(), Value::Object(headers.collect()));
                }
                _ => {
                    out.insert(key.clone(), value.clone());
                }
            }
        }
        if let Some(s) = map.get("schema") {
            let examples = map.get("examples").and_then(Value::as_object);
            let mut content = Map::new();
            for media in produces {
                let schema_at = child(&child(&child(at, "content"), media), "schema");
                self.origins.moved(schema_at, child(from, "schema"));
                let mut m = Map::from_iter([("schema".to_string(), schema(s))]);
                if let Some(example) = examples.and_then(|e| e.get(media)) {
                    m.insert("example".into(), example.clone());
                }
                content.insert(media.clone(), Value::Object(m));
            }
            out.insert("content".into(), Value::Object(content));
        }
        if !out.contains_key("description") {
            // 3.0 requires one; 2.0 did too, but exports often omit it.
            out.insert("description".into(), json!(""));
        }
        Value::Object(out)
    }
}

fn is_form(media: &str) -> bool {
    let essence = media.split(';').next().unwrap_or("").trim();
    essence == "multipart/form-data" || essence == "application/x-www-form-urlencoded"
}

/// The schema keywords of a parameter, header or `items` object, as a schema.
fn simple_schema(map: &Map<String, Value>) -> Value {
    let mut out = Map::new();
    for key in SCHEMA_KEYS {
        if let Some(v) = map.get(key) {
            let v = match key {
                "items" => v
                    .as_object()
                    .map(simple_schema)
                    .unwrap_or_else(|| v.clone()),
                _ => v.clone(),
            };
            out.insert(key.to_string(), v);
        }
    }
    Value::Object(out)
}

/// A 2.0 schema as a 3.0 one: references into `definitions` and the other sections rewritten,
/// `x-nullable` as `nullable`, `type: file` as a binary string, a string `discriminator` as an
/// object. Examples, defaults and extensions are values, not schemas, and are left alone.
fn schema(s: &Value) -> Value {
    match s {
        Value::Object(map) => {
            let mut out = Map::new();
            for (key, value) in map {
                match key.as_str() {
                    "$ref" => {
                        let v = value
                            .as_str()
                            .map_or_else(|| value.clone(), |r| json!(rewrite_ref(r)));
                        out.insert(key.clone(), v);
                    }
                    "x-nullable" => {
                        out.insert("nullable".into(), value.clone());
                    }
                    "type" if value == "file" => {
                        out.insert("type".into(), json!("string"));
                        out.insert("format".into(), json!("binary"));
                    }
                    "discriminator" if value.is_string() => {
                        out.insert(key.clone(), json!({ "propertyName": value }));
                    }
                    "properties" | "definitions" | "patternProperties" => {
                        let v = match value.as_object() {
                            Some(props) => Value::Object(
                                props.iter().map(|(k, v)| (k.clone(), schema(v))).collect(),
                            ),
                            None => value.clone(),
                        };
                        out.insert(key.clone(), v);
                    }
                    "items" | "additionalProperties" | "not" | "allOf" | "oneOf" | "anyOf" => {
                        out.insert(key.clone(), schema(value));
                    }
                    _ => {
                        out.insert(key.clone(), value.clone());
                    }
                }
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(schema).collect()),
        other => other.clone(),
    }
}

/// The 2.0 sections a local reference may name, and the 3.0 ones they become.
const SECTIONS: [(&str, &str); 3] = [
    ("#/definitions/", "#/components/schemas/"),
    ("#/parameters/", "#/components/parameters/"),
    ("#/responses/", "#/components/responses/"),
];

/// A 2.0 local reference as the 3.0 one to the same value.
fn rewrite_ref(r: &str) -> String {
    SECTIONS
        .iter()
        .find_map(|(old, new)| r.strip_prefix(old).map(|rest| format!("{new}{rest}")))
        .unwrap_or_else(|| r.to_string())
}

/// A 3.0 local reference as the 2.0 one it was written as, for messages.
pub fn original_ref(r: &str) -> String {
    SECTIONS
        .iter()
        .find_map(|(old, new)| r.strip_prefix(new).map(|rest| format!("{old}{rest}")))
        .unwrap_or_else(|| r.to_string())
}

fn security_scheme(s: &Value) -> Value {
    let Some(map) = s.as_object() else {
        return s.clone();
    };
    let text = |k: &str| map.get(k).cloned().unwrap_or(Value::Null);
    let mut out = match map.get("type").and_then(Value::as_str) {
        Some("basic") => json!({ "type": "http", "scheme": "basic" }),
        Some("apiKey") => json!({ "type": "apiKey", "name": text("name"), "in": text("in") }),
        Some("oauth2") => {
            let scopes = map.get("scopes").cloned().unwrap_or_else(|| json!({}));
            let (flow, mut body) = match map.get("flow").and_then(Value::as_str) {
                Some("implicit") => (
                    "implicit",
                    json!({ "authorizationUrl": text("authorizationUrl") }),
                ),
                Some("password") => ("password", json!({ "tokenUrl": text("tokenUrl") })),
                Some("application") => {
                    ("clientCredentials", json!({ "tokenUrl": text("tokenUrl") }))
                }
                _ => (
                    "authorizationCode",
                    json!({ "authorizationUrl": text("authorizationUrl"), "tokenUrl": text("tokenUrl") }),
                ),
            };
            body["scopes"] = scopes;
            json!({ "type": "oauth2", "flows": { flow: body } })
        }
        _ => s.clone(),
    };
    for (key, value) in map {
        if key == "description" || key.starts_with("x-") {
            out[key] = value.clone();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn up(doc: Value) -> (Value, Origins) {
        let mut root = doc;
        let mut origins = Origins::default();
        let warnings = upgrade(&mut root, &mut origins);
        assert!(warnings.is_empty(), "{warnings:?}");
        (root, origins)
    }

    #[test]
    fn servers_components_and_refs() {
        let (root, origins) = up(json!({
            "swagger": "2.0", "info": {"title": "t", "version": "1"},
            "host": "api.test", "basePath": "/v1", "schemes": ["http", "https"],
            "securityDefinitions": {"b": {"type": "basic"}},
            "definitions": {"Pet": {"type": "object", "properties": {"tag": {"$ref": "#/definitions/Tag", "x-nullable": true}}}, "Tag": {"type": "string"}},
            "paths": {}
        }));
        assert_eq!(root["openapi"], "3.0.3");
        assert_eq!(
            root["servers"],
            json!([{"url": "https://api.test/v1"}, {"url": "http://api.test/v1"}])
        );
        assert_eq!(
            root["components"]["securitySchemes"]["b"],
            json!({"type": "http", "scheme": "basic"})
        );
        let tag = &root["components"]["schemas"]["Pet"]["properties"]["tag"];
        assert_eq!(
            tag,
            &json!({"$ref": "#/components/schemas/Tag", "nullable": true})
        );
        assert_eq!(
            origins
                .original("/components/schemas/Pet/properties")
                .map(|o| o.1),
            Some("/definitions/Pet/properties".into())
        );
    }

    #[test]
    fn body_form_and_array_parameters() {
        let (root, origins) = up(json!({
            "swagger": "2.0", "info": {"title": "t", "version": "1"}, "consumes": ["application/json"],
            "paths": {"/a": {
                "post": {
                    "parameters": [
                        {"name": "ids", "in": "query", "type": "array", "items": {"type": "integer"}, "collectionFormat": "multi"},
                        {"name": "tags", "in": "query", "type": "array", "items": {"type": "string"}},
                        {"name": "b", "in": "body", "required": true, "schema": {"$ref": "#/definitions/B"}}
                    ],
                    "responses": {"200": {"description": "ok", "schema": {"type": "string"}}}
                },
                "put": {
                    "consumes": ["multipart/form-data"],
                    "parameters": [
                        {"name": "file", "in": "formData", "type": "file", "required": true},
                        {"name": "note", "in": "formData", "type": "string"}
                    ],
                    "responses": {"204": {"description": "done"}}
                }
            }}
        }));
        let post = &root["paths"]["/a"]["post"];
        assert_eq!(post["parameters"][0]["style"], "form");
        assert_eq!(post["parameters"][0]["explode"], true);
        assert_eq!(
            post["parameters"][0]["schema"],
            json!({"type": "array", "items": {"type": "integer"}})
        );
        assert_eq!(post["parameters"][1]["explode"], false);
        assert_eq!(post["parameters"].as_array().map(Vec::len), Some(2));
        assert_eq!(
            post["requestBody"],
            json!({"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/B"}}}})
        );
        assert_eq!(
            post["responses"]["200"]["content"]["application/json"]["schema"],
            json!({"type": "string"})
        );
        let form =
            &root["paths"]["/a"]["put"]["requestBody"]["content"]["multipart/form-data"]["schema"];
        assert_eq!(
            form["properties"]["file"],
            json!({"type": "string", "format": "binary"})
        );
        assert_eq!(form["required"], json!(["file"]));
        // Diagnostics about the body's schema point at the body parameter as written.
        let at = "/paths/~1a/post/requestBody/content/application~1json/schema/$ref";
        assert_eq!(
            origins.original(at).map(|o| o.1),
            Some("/paths/~1a/post/parameters/2/schema/$ref".into())
        );
        let at = "/paths/~1a/put/requestBody/content/multipart~1form-data/schema/properties/note";
        assert_eq!(
            origins.original(at).map(|o| o.1),
            Some("/paths/~1a/put/parameters/1".into())
        );
    }

    #[test]
    fn tab_separated_lists_are_a_warning() {
        let mut root = json!({"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"get": {
            "parameters": [{"name": "t", "in": "query", "type": "array", "items": {"type": "string"}, "collectionFormat": "tsv"}],
            "responses": {"200": {"description": "ok"}}
        }}}});
        let mut origins = Origins::default();
        let warnings = upgrade(&mut root, &mut origins);
        assert_eq!(warnings.len(), 1);
        assert_eq!(
            origins.original(&warnings[0].0).map(|o| o.1),
            Some("/paths/~1a/get/parameters/0/style".into())
        );
    }

    #[test]
    fn global_parameters_and_responses() {
        let (root, _) = up(json!({
            "swagger": "2.0", "info": {"title": "t", "version": "1"},
            "parameters": {"Page": {"name": "page", "in": "query", "type": "integer"}, "Body": {"name": "b", "in": "body", "schema": {"type": "object"}}},
            "responses": {"NotFound": {"description": "nf", "schema": {"$ref": "#/definitions/E"}}},
            "paths": {"/a": {"post": {
                "parameters": [{"$ref": "#/parameters/Page"}, {"$ref": "#/parameters/Body"}],
                "responses": {"404": {"$ref": "#/responses/NotFound"}}
            }}}
        }));
        let post = &root["paths"]["/a"]["post"];
        assert_eq!(
            post["parameters"],
            json!([{"$ref": "#/components/parameters/Page"}])
        );
        assert_eq!(
            post["requestBody"],
            json!({"$ref": "#/components/requestBodies/Body"})
        );
        assert_eq!(
            post["responses"]["404"],
            json!({"$ref": "#/components/responses/NotFound"})
        );
        assert_eq!(
            root["components"]["parameters"]["Page"]["schema"],
            json!({"type": "integer"})
        );
        assert_eq!(
            root["components"]["responses"]["NotFound"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/E"
        );
    }
}
