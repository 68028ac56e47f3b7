//! What each request builder holds and how it writes a request: the encoding of every
//! parameter, the inputs a body is made of (the body whole, or each multipart part), and the
//! success statuses `send` decodes.

use crate::ir::*;

pub fn plan(api: &mut Api) {
    let types = api.types.clone();
    api.each_operation_mut(|op| {
        for p in &mut op.params {
            p.encoding = encoding(&types, p);
        }
        op.inputs = inputs(&types, op.body.as_ref());
        op.send_statuses = match op.responses.first() {
            Some(primary) => op
                .responses
                .iter()
                .filter(|r| r.payload == primary.payload)
                .map(|r| r.status)
                .collect(),
            None => Vec::new(),
        };
    });
}

/// Whether a value of the type can be written as text with `Display` (rather than as JSON).
fn displayable(types: &[TypeDef], ty: &TypeRef) -> bool {
    match ty {
        TypeRef::String
        | TypeRef::Integer(_)
        | TypeRef::Number(_)
        | TypeRef::Boolean
        | TypeRef::Bytes => true,
        TypeRef::Named(id) => match &types[id.0].kind {
            TypeKind::Enum(_) => true,
            TypeKind::Alias(t) => displayable(types, t),
            _ => false,
        },
        _ => false,
    }
}

/// Whether a value of the type is a JSON object with named members (a struct or a map).
fn is_object(types: &[TypeDef], ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Map(_) => true,
        TypeRef::Named(id) => match &types[id.0].kind {
            TypeKind::Struct(_) => true,
            TypeKind::Alias(t) => is_object(types, t),
            _ => false,
        },
        _ => false,
    }
}

fn encoding(types: &[TypeDef], p: &Param) -> Encoding {
    match (&p.location, &p.ty) {
        (ParamLocation::Path, _) => Encoding::Path,
        (ParamLocation::Query, TypeRef::Array(item)) if displayable(types, item) => {
            let separator = match p.style {
                ParamStyle::SpaceDelimited => " ",
                ParamStyle::PipeDelimited => "|",
                ParamStyle::Form | ParamStyle::DeepObject => ",",
            };
            Encoding::List {
                explode: p.explode,
                separator: separator.into(),
            }
        }
        (_, ty) if displayable(types, ty) => Encoding::Text,
        (ParamLocation::Query, ty) if is_object(types, ty) => {
            Encoding::Object(match (p.style, p.explode) {
                (ParamStyle::DeepObject, _) => ObjectStyle::Deep,
                (_, true) => ObjectStyle::Exploded,
                (_, false) => ObjectStyle::Joined,
            })
        }
        _ => Encoding::Json,
    }
}

fn inputs(types: &[TypeDef], body: Option<&Body>) -> Vec<Input> {
    let Some(body) = body else {
        return Vec::new();
    };
    let whole = |kind| {
        vec![Input {
            name: Name::wire("body"),
            doc: body.doc.clone(),
            required: body.required,
            kind,
        }]
    };
    match &body.payload {
        BodyPayload::Json { ty } => whole(InputKind::Json(ty.clone())),
        BodyPayload::Form { ty } => whole(InputKind::Form(ty.clone())),
        BodyPayload::Bytes { content_type } => whole(InputKind::Bytes(content_type.clone())),
        BodyPayload::Multipart { parts } => parts
            .iter()
            .map(|part| Input {
                name: part.name.clone(),
                doc: part.doc.clone(),
                required: part.required,
                kind: match &part.ty {
                    None => InputKind::File,
                    Some(t) if displayable(types, t) => InputKind::Text(t.clone()),
                    Some(t) => InputKind::PartJson(t.clone()),
                },
            })
            .collect(),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::super::graph::tests::{api, named, structure};
    use super::*;

    /// A `GET /things` operation with this body and nothing else.
    pub fn operation(body: Option<Body>) -> Operation {
        Operation {
            name: Name::wire("listThings"),
            wanted: "list_things".into(),
            builder: None,
            output: None,
            summary: None,
            doc: None,
            deprecated: false,
            method: HttpMethod::Get,
            path: "/things".into(),
            segments: vec![Segment::Literal("things".into())],
            params: Vec::new(),
            body,
            inputs: Vec::new(),
            responses: Vec::new(),
            send_statuses: Vec::new(),
            errors: Vec::new(),
            error_enum: None,
            pagination: None,
        }
    }

    fn query(ty: TypeRef, style: ParamStyle, explode: bool) -> Param {
        Param {
            name: Name::wire("q"),
            location: ParamLocation::Query,
            doc: None,
            ty,
            required: false,
            style,
            explode,
            deprecated: false,
            constraints: Constraints::default(),
            encoding: Encoding::Json,
        }
    }

    #[test]
    fn parameters_are_written_by_what_their_type_allows() {
        let types = api(vec![structure("Filter", &[])]).types;
        let list = TypeRef::Array(Box::new(TypeRef::String));
        let cases = [
            (
                query(
                    TypeRef::Integer(IntegerFormat::Int64),
                    ParamStyle::Form,
                    true,
                ),
                Encoding::Text,
            ),
            (
                query(list.clone(), ParamStyle::PipeDelimited, false),
                Encoding::List {
                    explode: false,
                    separator: "|".into(),
                },
            ),
            (
                query(named(0), ParamStyle::DeepObject, true),
                Encoding::Object(ObjectStyle::Deep),
            ),
            (
                query(named(0), ParamStyle::Form, false),
                Encoding::Object(ObjectStyle::Joined),
            ),
            (query(TypeRef::Any, ParamStyle::Form, true), Encoding::Json),
            (
                Param {
                    location: ParamLocation::Header,
                    ..query(list, ParamStyle::Form, false)
                },
                Encoding::Json,
            ),
        ];
        for (param, expected) in cases {
            assert_eq!(encoding(&types, &param), expected, "{:?}", param.ty);
        }
    }

    #[test]
    fn send_takes_every_status_with_the_first_ones_body() {
        let response = |status, payload| Response {
            status,
            name: Name::wire("r"),
            doc: None,
            payload,
        };
        let mut op = operation(None);
        op.responses = vec![
            response(200, Payload::Json(named(0))),
            response(201, Payload::Json(named(0))),
            response(269, Payload::Json(named(1))),
        ];
        let mut api = api(vec![structure("Job", &[]), structure("DryRun", &[])]);
        api.resources.push(Resource {
            name: Name::wire("r"),
            handle: None,
            operations: vec![op],
            children: Vec::new(),
        });
        plan(&mut api);
        assert_eq!(api.operations()[0].send_statuses, [200, 201]);
    }
}
