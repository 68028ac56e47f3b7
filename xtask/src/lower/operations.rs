//! Paths to operations, grouped into resources.

use heck::{ToSnakeCase, ToUpperCamelCase};
use serde_json::Value;

use super::types::{TypeSpace, constraints, description, is_deprecated};
use crate::diagnostics::child;
use crate::ir::*;
use crate::load::Document;
use crate::validate::METHODS;

/// The media types read as JSON bodies.
fn is_json(media: &str) -> bool {
    let essence = media.split(';').next().unwrap_or("").trim();
    essence == "application/json" || essence.ends_with("+json")
}

pub fn lower_operations(doc: &Document, space: &mut TypeSpace) -> (Vec<Resource>, Option<TypeRef>) {
    let mut root: Vec<Resource> = Vec::new();
    let mut error_body = None;
    let paths = doc.root.get("paths").and_then(Value::as_object);
    for (path, item) in paths.into_iter().flatten() {
        let item_ptr = child("/paths", path);
        let item = doc.deref(item);
        for method in METHODS {
            let Some(op) = item.get(method) else { continue };
            let op_ptr = child(&item_ptr, method);
            let lowered = lower_operation(doc, space, path, method, item, op, &op_ptr);
            if error_body.is_none() {
                error_body = lowered.error_body;
            }
            let resource = resource_path(op);
            insert(&mut root, &resource, lowered.operation);
        }
    }
    (root, error_body)
}

struct LoweredOperation {
    operation: Operation,
    error_body: Option<TypeRef>,
}

fn lower_operation(
    doc: &Document,
    space: &mut TypeSpace,
    path: &str,
    method: &str,
    item: &Value,
    op: &Value,
    op_ptr: &str,
) -> LoweredOperation {
    let op_id = op
        .get("operationId")
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| synthetic_id(method, path));
    let type_hint = op_id.to_upper_camel_case();
    let method_name = op.get("x-method").and_then(Value::as_str).map(str::to_string).unwrap_or_else(|| op_id.to_snake_case());

    let params = parameters(doc, space, item, op, op_ptr, &type_hint);
    let segments = path
        .trim_start_matches('/')
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| match s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(name) => Segment::Param(
                params
                    .iter()
                    .position(|p| p.location == ParamLocation::Path && p.name.wire == name)
                    .expect("validation checks that path parameters are declared"),
            ),
            None => Segment::Literal(s.to_string()),
        })
        .collect();

    let body = op.get("requestBody").map(|b| (doc.deref(b), child(op_ptr, "requestBody"))).and_then(|(b, at)| {
        let Some((schema_at, schema)) = json_schema(b, &at) else {
            if let Some(list) = media_types(b) {
                doc.warn(&at, format!("the request body is left out: only JSON bodies are sent yet, and this one is {list}"));
            }
            return None;
        };
        let lowered = space.lower(schema, &schema_at, &format!("{type_hint}Body"));
        Some(Body {
            ty: lowered.ty,
            required: b.get("required") == Some(&Value::Bool(true)),
            doc: description(b),
        })
    });

    let mut responses = Vec::new();
    let mut error_body = None;
    let response_map = doc.deref(op.get("responses").unwrap_or(&Value::Null));
    let success: Vec<&String> = response_map
        .as_object()
        .into_iter()
        .flat_map(|m| m.keys())
        .filter(|k| k.starts_with('2'))
        .collect();
    for (status, resp) in response_map.as_object().into_iter().flatten() {
        let at = child(&child(op_ptr, "responses"), status);
        let named_at = resp.get("$ref").and_then(Value::as_str).map(|r| r.trim_start_matches('#').to_string());
        let resp = doc.deref(resp);
        let schema = json_schema(resp, named_at.as_deref().unwrap_or(&at));
        if let Some(code) = status.parse::<u16>().ok().filter(|s| (200..300).contains(s)) {
            let hint = if success.len() > 1 { format!("{type_hint}Response{code}") } else { format!("{type_hint}Response") };
            let ty = schema.map(|(schema_at, s)| space.lower(s, &schema_at, &hint).ty);
            if let (None, Some(list)) = (&ty, media_types(resp)) {
                doc.warn(&at, format!("the body of this response is left out: only JSON bodies are decoded yet, and this one is {list}"));
            }
            let variant = resp
                .get("x-name")
                .and_then(Value::as_str)
                .map(str::to_string)
                .unwrap_or_else(|| reason_phrase(code));
            responses.push(Response { status: code, name: Name::wire(variant), doc: description(resp), ty });
        } else if error_body.is_none() {
            if let Some((schema_at, s)) = schema {
                error_body = Some(space.lower(s, &schema_at, "ErrorBody").ty);
            }
        }
    }
    responses.sort_by_key(|r| r.status);

    let operation = Operation {
        name: Name { wire: op_id, rust: method_name },
        builder: String::new(),
        output: String::new(),
        summary: op.get("summary").and_then(Value::as_str).map(str::to_string),
        doc: description(op),
        deprecated: is_deprecated(op),
        method: http_method(method),
        path: path.to_string(),
        segments,
        params,
        body,
        responses,
        pagination: None,
    };
    LoweredOperation { operation, error_body }
}

/// The media types of a request body or response, quoted, when it has content.
fn media_types(holder: &Value) -> Option<String> {
    let media: Vec<String> = holder.get("content")?.as_object()?.keys().map(|m| format!("`{m}`")).collect();
    (!media.is_empty()).then(|| media.join(", "))
}

/// The JSON schema of a request body or response, with the pointer it was found at.
fn json_schema<'v>(holder: &'v Value, at: &str) -> Option<(String, &'v Value)> {
    let content = holder.get("content")?.as_object()?;
    let (media, m) = content.iter().find(|(media, _)| is_json(media))?;
    let schema = m.get("schema")?;
    Some((child(&child(&child(at, "content"), media), "schema"), schema))
}

/// Path-level parameters, overridden by operation-level ones of the same name and place.
fn parameters(doc: &Document, space: &mut TypeSpace, item: &Value, op: &Value, op_ptr: &str, type_hint: &str) -> Vec<Param> {
    let item_ptr = &op_ptr[..op_ptr.rfind('/').unwrap_or(0)];
    let mut out: Vec<Param> = Vec::new();
    let lists = [(item.get("parameters"), child(item_ptr, "parameters")), (op.get("parameters"), child(op_ptr, "parameters"))];
    for (list, list_ptr) in lists {
        for (i, p) in list.and_then(Value::as_array).into_iter().flatten().enumerate() {
            let at = child(&list_ptr, &i.to_string());
            let p = doc.deref(p);
            let name = p.get("name").and_then(Value::as_str).unwrap_or_default();
            let location = match p.get("in").and_then(Value::as_str) {
                Some("path") => ParamLocation::Path,
                Some("query") => ParamLocation::Query,
                Some("header") => ParamLocation::Header,
                // Cookies are not sent by this client; such a parameter is left out.
                _ => {
                    doc.warn(&at, format!("the {} parameter `{name}` is left out: the client sends path, query and header parameters", p.get("in").and_then(Value::as_str).unwrap_or("unplaced")));
                    continue;
                }
            };
            let schema = p.get("schema").cloned().unwrap_or(Value::Bool(true));
            let hint = format!("{type_hint}{}", name.to_upper_camel_case());
            let ty = space.lower(&schema, &child(&at, "schema"), &hint).ty;
            let style_form = p.get("style").and_then(Value::as_str).unwrap_or("form") == "form";
            let param = Param {
                name: Name::wire(name),
                location,
                doc: description(p).or_else(|| description(doc.deref(&schema))),
                ty,
                required: p.get("required") == Some(&Value::Bool(true)),
                explode: p.get("explode").and_then(Value::as_bool).unwrap_or(style_form),
                deprecated: is_deprecated(p),
                constraints: constraints(doc.deref(&schema)),
            };
            match out.iter_mut().find(|q| q.name.wire == param.name.wire && q.location == param.location) {
                Some(q) => *q = param,
                None => out.push(param),
            }
        }
    }
    out
}

/// The dotted resource an operation belongs to: `x-resource`, else its first tag.
fn resource_path(op: &Value) -> Vec<String> {
    let explicit = op.get("x-resource").and_then(Value::as_str);
    let tag = op.get("tags").and_then(|t| t.get(0)).and_then(Value::as_str);
    let path = explicit.or(tag).unwrap_or("default");
    path.split('.').map(str::to_string).collect()
}

fn insert(level: &mut Vec<Resource>, path: &[String], op: Operation) {
    let Some((first, rest)) = path.split_first() else { return };
    let pos = match level.iter().position(|r| &r.name.wire == first) {
        Some(p) => p,
        None => {
            level.push(Resource { name: Name::wire(first.clone()), handle: String::new(), operations: Vec::new(), children: Vec::new() });
            level.len() - 1
        }
    };
    if rest.is_empty() {
        level[pos].operations.push(op);
    } else {
        insert(&mut level[pos].children, rest, op);
    }
}

/// A stable name for an operation without `operationId`: `get /models/{modelId}/examples`
/// becomes `getModelsModelIdExamples`.
fn synthetic_id(method: &str, path: &str) -> String {
    let words: String = path.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
    format!("{method} {words}").to_snake_case()
}

fn http_method(m: &str) -> HttpMethod {
    match m {
        "get" => HttpMethod::Get,
        "put" => HttpMethod::Put,
        "post" => HttpMethod::Post,
        "delete" => HttpMethod::Delete,
        "patch" => HttpMethod::Patch,
        "head" => HttpMethod::Head,
        _ => HttpMethod::Options,
    }
}

/// The variant name of a success status without `x-name`.
fn reason_phrase(code: u16) -> String {
    match code {
        200 => "Ok".into(),
        201 => "Created".into(),
        202 => "Accepted".into(),
        203 => "NonAuthoritative".into(),
        204 => "NoContent".into(),
        206 => "PartialContent".into(),
        other => format!("Status{other}"),
    }
}
