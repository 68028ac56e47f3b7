//! Paths to operations, grouped into resources.

use heck::{ToSnakeCase, ToUpperCamelCase};
use serde_json::Value;

use super::types::{TypeSpace, description, is_deprecated};
use crate::diagnostics::child;
use crate::ir::*;
use crate::load::Document;
use crate::load::METHODS;

pub fn lower_operations(doc: &Document, space: &mut TypeSpace) -> Vec<Resource> {
    let mut root: Vec<Resource> = Vec::new();
    let tags = doc.root.get("tags").and_then(Value::as_array);
    let tag_doc = |op: &Value| -> Option<String> {
        let name = op.get("tags")?.get(0)?.as_str()?;
        let tag = tags?
            .iter()
            .find(|t| t.get("name") == Some(&Value::from(name)))?;
        description(tag)
    };
    let paths = doc.root.get("paths").and_then(Value::as_object);
    for (path, item) in paths.into_iter().flatten() {
        let item_ptr = child("/paths", path);
        let item = doc.deref(item);
        for method in METHODS {
            let Some(op) = item.get(method) else { continue };
            let op_ptr = child(&item_ptr, method);
            let operation = lower_operation(doc, space, path, method, item, op, &op_ptr);
            let path = resource_path(op);
            insert(&mut root, &path, operation);
            if let Some(top) = root.iter_mut().find(|r| r.name.wire == path[0]) {
                top.doc = top.doc.take().or_else(|| tag_doc(op));
            }
        }
    }
    root
}

fn lower_operation(
    doc: &Document,
    space: &mut TypeSpace,
    path: &str,
    method: &str,
    item: &Value,
    op: &Value,
    op_ptr: &str,
) -> Operation {
    let op_id = op
        .get("operationId")
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| synthetic_id(method, path));
    let type_hint = op_id.to_upper_camel_case();
    let wanted = op
        .get("x-method")
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| op_id.to_snake_case());

    let params = parameters(doc, space, item, op, op_ptr, &type_hint);
    // A fragment (Box writes `/files/{id}#get_shared_link` to tell operations apart) is never
    // sent: the request goes to the path before it.
    let sent_path = path.split('#').next().unwrap_or(path);
    let segments = sent_path
        .trim_start_matches('/')
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| segment(s, &params))
        .collect();

    let body = op.get("requestBody").and_then(|b| {
        let at = child(op_ptr, "requestBody");
        let b = doc.deref(b);
        let payload = body_payload(doc, space, b, &at, &type_hint)?;
        Some(Body {
            payload,
            required: b.get("required") == Some(&Value::Bool(true)),
            doc: description(b),
        })
    });

    let mut responses = Vec::new();
    let mut errors = Vec::new();
    let response_map = doc.deref(op.get("responses").unwrap_or(&Value::Null));
    let success = response_map
        .as_object()
        .into_iter()
        .flat_map(|m| m.keys())
        .filter(|k| k.starts_with('2'))
        .count();
    for (status, resp) in response_map.as_object().into_iter().flatten() {
        let at = child(&child(op_ptr, "responses"), status);
        let named_at = resp
            .get("$ref")
            .and_then(Value::as_str)
            .map(|r| r.trim_start_matches('#').to_string());
        // A response component shared by many operations is named after itself, not after
        // the first operation that uses it.
        let component = named_at
            .as_deref()
            .and_then(|p| p.strip_prefix("/components/responses/"))
            .filter(|name| !name.contains('/'))
            .map(|name| {
                name.replace("~1", "/")
                    .replace("~0", "~")
                    .to_upper_camel_case()
            });
        let resp = doc.deref(resp);
        let at = named_at.unwrap_or(at);
        let x_name = resp
            .get("x-name")
            .and_then(Value::as_str)
            .map(str::to_string);
        match status_match(status) {
            Some(StatusMatch::Exact(code)) if (200..300).contains(&code) => {
                let hint = match &component {
                    Some(name) => name.clone(),
                    None if success > 1 => format!("{type_hint}Response{code}"),
                    None => format!("{type_hint}Response"),
                };
                let payload = payload(space, resp, &at, &hint);
                let name = Name::wire(x_name.unwrap_or_else(|| reason_phrase(code)));
                responses.push(Response {
                    status: code,
                    name,
                    doc: description(resp),
                    payload,
                });
            }
            Some(
                statuses @ (StatusMatch::Exact(400..=599)
                | StatusMatch::Range(4..=5)
                | StatusMatch::Default),
            ) => {
                let hint = component
                    .clone()
                    .unwrap_or_else(|| format!("{type_hint}Error{}", status.to_upper_camel_case()));
                let payload = payload(space, resp, &at, &hint);
                let name = Name::wire(x_name.unwrap_or_else(|| error_name(statuses)));
                errors.push(ErrorResponse {
                    statuses,
                    name,
                    doc: description(resp),
                    payload,
                });
            }
            // 1xx and 3xx are the HTTP layer's business, not the caller's.
            _ => {}
        }
    }
    responses.sort_by_key(|r| r.status);
    errors.sort_by_key(|e| match e.statuses {
        StatusMatch::Exact(code) => (0, code),
        StatusMatch::Range(digit) => (1, digit),
        StatusMatch::Default => (2, 0),
    });

    Operation {
        name: Name::wire(op_id),
        wanted,
        builder: None,
        output: None,
        summary: op
            .get("summary")
            .and_then(Value::as_str)
            .map(str::to_string),
        doc: description(op),
        deprecated: is_deprecated(op),
        deprecated_note: None,
        module: None,
        status_enums_non_exhaustive: false,
        method: http_method(method),
        path: path.to_string(),
        segments,
        params,
        body,
        inputs: Vec::new(),
        responses,
        send_statuses: Vec::new(),
        errors,
        error_enum: None,
        pagination: None,
    }
}

/// A path segment: a parameter alone, text alone, or both (`{name}.{extension}`).
fn segment(s: &str, params: &[Param]) -> Segment {
    let param = |name: &str| {
        Segment::Param(
            params
                .iter()
                .position(|p| p.location == ParamLocation::Path && p.name.wire == name)
                .expect("validation checks that path parameters are declared"),
        )
    };
    let mut pieces = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        if open > 0 {
            pieces.push(Segment::Literal(rest[..open].to_string()));
        }
        pieces.push(param(&rest[open + 1..close]));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        pieces.push(Segment::Literal(rest.to_string()));
    }
    if pieces.len() == 1 {
        pieces.pop().expect("one piece")
    } else {
        Segment::Mixed(pieces)
    }
}

/// `200`, `4XX` or `default`; `None` for anything else.
fn status_match(key: &str) -> Option<StatusMatch> {
    if key == "default" {
        return Some(StatusMatch::Default);
    }
    match key.as_bytes() {
        [d @ b'1'..=b'5', b'X' | b'x', b'X' | b'x'] => {
            Some(StatusMatch::Range(u16::from(d - b'0')))
        }
        _ => key
            .parse()
            .ok()
            .filter(|c| (100..600).contains(c))
            .map(StatusMatch::Exact),
    }
}

/// The media types of a `content` map, the first of each kind the client can send or read.
struct Media<'v> {
    json: Option<(&'v String, &'v Value)>,
    form: Option<(&'v String, &'v Value)>,
    multipart: Option<(&'v String, &'v Value)>,
    text: Option<(&'v String, &'v Value)>,
    other: Option<(&'v String, &'v Value)>,
}

fn media(holder: &Value) -> Option<Media<'_>> {
    let content = holder.get("content")?.as_object()?;
    let first = |wanted: &dyn Fn(&str) -> bool| content.iter().find(|(m, _)| wanted(&essence(m)));
    Some(Media {
        json: first(&|m| m == "application/json" || m.ends_with("+json")),
        form: first(&|m| m == "application/x-www-form-urlencoded"),
        multipart: first(&|m| m.starts_with("multipart/")),
        text: first(&|m| m.starts_with("text/")),
        other: content.iter().next(),
    })
}

/// A media type without its parameters, lower-cased.
fn essence(media: &str) -> String {
    media
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// What a response holds: JSON decoded into a type, text, bytes, or nothing.
fn payload(space: &mut TypeSpace, resp: &Value, at: &str, hint: &str) -> Payload {
    let Some(media) = media(resp) else {
        return Payload::Empty;
    };
    if let Some((name, m)) = media.json {
        let schema_at = content_at(at, name);
        return match m.get("schema") {
            Some(schema) => Payload::Json(space.lower(schema, &schema_at, hint).ty),
            None => Payload::Json(TypeRef::Any),
        };
    }
    if media.text.is_some() {
        return Payload::Text;
    }
    if media.other.is_some() {
        Payload::Bytes
    } else {
        Payload::Empty
    }
}

fn content_at(at: &str, media: &str) -> String {
    child(&child(&child(at, "content"), media), "schema")
}

/// How a request body is sent, preferring JSON, then forms, then raw bytes.
fn body_payload(
    doc: &Document,
    space: &mut TypeSpace,
    body: &Value,
    at: &str,
    type_hint: &str,
) -> Option<BodyPayload> {
    let media = media(body)?;
    let hint = format!("{type_hint}Request");
    let lower = |space: &mut TypeSpace, (name, m): (&String, &Value)| match m.get("schema") {
        Some(schema) => space.lower(schema, &content_at(at, name), &hint).ty,
        None => TypeRef::Any,
    };
    if let Some(json) = media.json {
        return Some(BodyPayload::Json {
            ty: lower(space, json),
        });
    }
    if let Some(form) = media.form {
        return Some(BodyPayload::Form {
            ty: lower(space, form),
        });
    }
    if let Some((name, m)) = media.multipart {
        let schema_at = content_at(at, name);
        let schema = doc.deref(m.get("schema").unwrap_or(&Value::Null));
        return Some(BodyPayload::Multipart {
            parts: parts(doc, space, schema, &schema_at, type_hint),
        });
    }
    let (name, _) = media.text.or(media.other)?;
    let content_type = if name.contains('*') {
        "application/octet-stream".to_string()
    } else {
        name.clone()
    };
    Some(BodyPayload::Bytes { content_type })
}

/// The parts of a multipart body, one per property of its schema: files where the property is
/// binary, values otherwise.
fn parts(
    doc: &Document,
    space: &mut TypeSpace,
    schema: &Value,
    at: &str,
    type_hint: &str,
) -> Vec<Part> {
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let properties = schema.get("properties").and_then(Value::as_object);
    if properties.is_none_or(|p| p.is_empty()) {
        space.warn(at, "a multipart body is generated from its schema's `properties`, and this one has none: the request is sent with no parts");
    }
    let mut out = Vec::new();
    for (name, prop) in properties.into_iter().flatten() {
        let prop_at = child(&child(at, "properties"), name);
        let resolved = doc.deref(prop);
        let ty = if is_binary(resolved) {
            None
        } else {
            Some(
                space
                    .lower(
                        prop,
                        &prop_at,
                        &format!("{type_hint}{}", name.to_upper_camel_case()),
                    )
                    .ty,
            )
        };
        out.push(Part {
            name: Name::wire(name),
            doc: description(resolved),
            ty,
            required: required.contains(&name.as_str()),
        });
    }
    out
}

/// A schema for file content: `format: binary` (3.0) or `contentMediaType` (3.1).
fn is_binary(schema: &Value) -> bool {
    schema.get("format").and_then(Value::as_str) == Some("binary")
        || schema.get("contentMediaType").is_some()
}

/// Path-level parameters, overridden by operation-level ones of the same name and place.
fn parameters(
    doc: &Document,
    space: &mut TypeSpace,
    item: &Value,
    op: &Value,
    op_ptr: &str,
    type_hint: &str,
) -> Vec<Param> {
    let item_ptr = &op_ptr[..op_ptr.rfind('/').unwrap_or(0)];
    let mut out: Vec<Param> = Vec::new();
    let lists = [
        (item.get("parameters"), child(item_ptr, "parameters")),
        (op.get("parameters"), child(op_ptr, "parameters")),
    ];
    for (list, list_ptr) in lists {
        for (i, p) in list
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let at = child(&list_ptr, &i.to_string());
            let p = doc.deref(p);
            let name = p.get("name").and_then(Value::as_str).unwrap_or_default();
            let location = match p.get("in").and_then(Value::as_str) {
                Some("path") => ParamLocation::Path,
                Some("query") => ParamLocation::Query,
                Some("header") => ParamLocation::Header,
                Some("cookie") => ParamLocation::Cookie,
                _ => continue,
            };
            // A parameter is described by `schema` or by `content`, a map of one media type.
            let (schema, schema_at, content) = match (p.get("schema"), param_content(p)) {
                (None, Some((media, schema))) => (schema.clone(), content_at(&at, media), true),
                (schema, _) => (
                    schema.cloned().unwrap_or(Value::Bool(true)),
                    child(&at, "schema"),
                    false,
                ),
            };
            let hint = format!("{type_hint}{}", name.to_upper_camel_case());
            let ty = space.lower(&schema, &schema_at, &hint).ty;
            let style = match p.get("style").and_then(Value::as_str) {
                _ if content => ParamStyle::Json,
                Some("spaceDelimited") => ParamStyle::SpaceDelimited,
                Some("pipeDelimited") => ParamStyle::PipeDelimited,
                Some("deepObject") => ParamStyle::DeepObject,
                Some("label") => ParamStyle::Label,
                Some("matrix") => ParamStyle::Matrix,
                _ => ParamStyle::Form,
            };
            // OpenAPI's default: `form` explodes, every other style does not; `form` is the
            // default style of the query and cookies, `simple` that of the path and headers.
            let form = match p.get("style").and_then(Value::as_str) {
                Some(style) => style == "form",
                None => matches!(location, ParamLocation::Query | ParamLocation::Cookie),
            };
            let param = Param {
                name: Name::wire(name),
                location,
                doc: description(p).or_else(|| description(doc.deref(&schema))),
                ty,
                required: p.get("required") == Some(&Value::Bool(true)),
                style,
                explode: p.get("explode").and_then(Value::as_bool).unwrap_or(form),
                deprecated: is_deprecated(p),
                constraints: space.constraints(&schema, &schema_at),
                encoding: Encoding::Json,
            };
            match out
                .iter_mut()
                .find(|q| q.name.wire == param.name.wire && q.location == param.location)
            {
                Some(q) => *q = param,
                None => out.push(param),
            }
        }
    }
    out
}

/// The media type and schema of a parameter described by `content`.
fn param_content(p: &Value) -> Option<(&str, &Value)> {
    let (media, m) = p.get("content")?.as_object()?.iter().next()?;
    Some((media.as_str(), m.get("schema")?))
}

/// The dotted resource an operation belongs to: `x-resource`, else its first tag.
fn resource_path(op: &Value) -> Vec<String> {
    let explicit = op.get("x-resource").and_then(Value::as_str);
    let tag = op
        .get("tags")
        .and_then(|t| t.get(0))
        .and_then(Value::as_str);
    let path = explicit.or(tag).unwrap_or("default");
    path.split('.').map(str::to_string).collect()
}

fn insert(level: &mut Vec<Resource>, path: &[String], op: Operation) {
    let Some((first, rest)) = path.split_first() else {
        return;
    };
    let pos = match level.iter().position(|r| &r.name.wire == first) {
        Some(p) => p,
        None => {
            level.push(Resource {
                name: Name::wire(first.clone()),
                doc: None,
                handle: None,
                operations: Vec::new(),
                children: Vec::new(),
            });
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
    let words: String = path
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
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

/// The variant name of a status without `x-name`: its reason phrase.
fn reason_phrase(code: u16) -> String {
    let phrase = match code {
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        203 => "NonAuthoritative",
        204 => "NoContent",
        206 => "PartialContent",
        400 => "BadRequest",
        401 => "Unauthorized",
        402 => "PaymentRequired",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        408 => "RequestTimeout",
        409 => "Conflict",
        410 => "Gone",
        412 => "PreconditionFailed",
        413 => "PayloadTooLarge",
        415 => "UnsupportedMediaType",
        422 => "UnprocessableEntity",
        423 => "Locked",
        429 => "TooManyRequests",
        500 => "InternalServerError",
        501 => "NotImplemented",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        other => return format!("Status{other}"),
    };
    phrase.to_string()
}

/// The variant name of an error response without `x-name`.
fn error_name(statuses: StatusMatch) -> String {
    match statuses {
        StatusMatch::Exact(code) => reason_phrase(code),
        StatusMatch::Range(4) => "ClientError".into(),
        StatusMatch::Range(5) => "ServerError".into(),
        StatusMatch::Range(digit) => format!("Status{digit}xx"),
        StatusMatch::Default => "Other".into(),
    }
}
