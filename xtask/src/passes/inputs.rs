//! What each request builder holds and how it writes a request: the encoding of every
//! parameter, the inputs a body is made of (the body whole, a setter per field of a struct
//! body, or each multipart part), and the success statuses `send` decodes; and the chained
//! setters of the structs requests carry that no builder sets field by field.

use std::collections::BTreeSet;

use super::graph::{holds, named_in};
use crate::ir::*;

pub fn plan(api: &mut Api) {
    api.each_operation_with_types(|types, op| {
        for p in &mut op.params {
            p.encoding = encoding(types, p);
        }
        op.inputs = inputs(types, op.body.as_ref());
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
    chained_setters(api);
}

/// A chained setter per optional field of the structs that requests carry
/// (`Request::new(..).seed(3)`), so that a value is built without a struct literal. A struct
/// that is only ever a whole body set field by field on its operation's builder gets none: the
/// builder's setters are where its fields are set, and the same setters twice would be two
/// ways to do one thing (and half the crate's lines).
fn chained_setters(api: &mut Api) {
    let mut field_by_field = BTreeSet::new();
    let mut elsewhere = BTreeSet::new();
    for op in api.operations() {
        elsewhere.extend(op.params.iter().filter_map(|p| named_in(&p.ty)));
        for input in &op.inputs {
            match &input.kind {
                InputKind::Fields(f) => {
                    field_by_field.insert(f.ty);
                }
                InputKind::Json(t)
                | InputKind::Form(t)
                | InputKind::Text(t)
                | InputKind::PartJson(t) => {
                    elsewhere.extend(named_in(t));
                }
                InputKind::FreeJson | InputKind::Bytes(_) | InputKind::File => {}
            }
        }
    }
    for def in api.types.iter().filter(|def| def.usage.sent) {
        elsewhere.extend(holds(api, def));
    }
    // Decided on the types as they are, then written in.
    let setters: Vec<Vec<Option<Setter>>> = api
        .types
        .iter()
        .enumerate()
        .map(|(i, def)| {
            let id = TypeId(i);
            let wanted =
                def.usage.sent && (elsewhere.contains(&id) || !field_by_field.contains(&id));
            match &def.kind {
                TypeKind::Struct(s) => s
                    .fields
                    .iter()
                    .map(|f| {
                        (wanted && f.optional() && !f.omit_on_send).then(|| chained(&api.types, f))
                    })
                    .collect(),
                _ => Vec::new(),
            }
        })
        .collect();
    for (def, setters) in api.types.iter_mut().zip(setters) {
        if let TypeKind::Struct(s) = &mut def.kind {
            for (f, setter) in s.fields.iter_mut().zip(setters) {
                f.setter = setter;
            }
        }
    }
}

/// The setter of an optional field: it takes the value as an operation builder's setter does,
/// but a free-form value as its own type (a struct's field cannot keep a failed serialization).
fn chained(types: &[TypeDef], f: &Field) -> Setter {
    let (ty, arg) = match setter_arg(types, f) {
        (_, SetterArg::Serialize) => (f.ty.clone(), SetterArg::AsIs),
        taken => taken,
    };
    Setter {
        name: Name::wire(f.name.wire.clone()),
        doc: None,
        required: false,
        ty,
        arg,
        trait_like: false,
        deprecated_note: None,
    }
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
    let separator = match p.style {
        ParamStyle::SpaceDelimited => " ",
        ParamStyle::PipeDelimited => "|",
        _ => ",",
    };
    match (&p.location, &p.ty) {
        (_, _) if p.style == ParamStyle::Json => Encoding::Json,
        (ParamLocation::Path, _) if matches!(p.style, ParamStyle::Label | ParamStyle::Matrix) => {
            Encoding::Prefixed {
                matrix: p.style == ParamStyle::Matrix,
                explode: p.explode,
            }
        }
        (ParamLocation::Path, ty) if displayable(types, ty) => Encoding::Path,
        (ParamLocation::Query, TypeRef::Array(item)) if displayable(types, item) => {
            Encoding::List {
                explode: p.explode,
                separator: separator.into(),
            }
        }
        (ParamLocation::Path, _) => Encoding::Styled {
            explode: p.explode,
            separator: separator.into(),
        },
        (_, ty) if displayable(types, ty) => Encoding::Text,
        (ParamLocation::Query, ty) if is_object(types, ty) => {
            Encoding::Object(match (p.style, p.explode) {
                (ParamStyle::DeepObject, _) => ObjectStyle::Deep,
                (_, true) => ObjectStyle::Exploded,
                (_, false) => ObjectStyle::Joined,
            })
        }
        // Unions, JSON values, lists of them and lists or objects in a header or cookie: their
        // shape is known once they are serialized.
        _ => Encoding::Styled {
            explode: p.explode,
            separator: separator.into(),
        },
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
    let fields = |ty: &TypeRef, form: bool| {
        let fields = body_fields(types, ty, form, body.required)?;
        // Given field by field, the body is never an argument of the operation's method.
        Some(vec![Input {
            required: false,
            ..whole(InputKind::Fields(fields)).remove(0)
        }])
    };
    match &body.payload {
        BodyPayload::Json { ty } => fields(ty, false).unwrap_or_else(|| {
            whole(if free_form(types, ty) {
                InputKind::FreeJson
            } else {
                InputKind::Json(ty.clone())
            })
        }),
        BodyPayload::Form { ty } => {
            fields(ty, true).unwrap_or_else(|| whole(InputKind::Form(ty.clone())))
        }
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

/// The struct a type is, through aliases.
fn struct_id(types: &[TypeDef], ty: &TypeRef) -> Option<TypeId> {
    let TypeRef::Named(id) = ty else {
        return None;
    };
    match &types[id.0].kind {
        TypeKind::Struct(_) => Some(*id),
        TypeKind::Alias(t) => struct_id(types, t),
        _ => None,
    }
}

/// Whether a value of the type is any JSON (an object of any members): the caller's own
/// serializable value is taken for it.
fn free_form(types: &[TypeDef], ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Any => true,
        TypeRef::Map(v) => **v == TypeRef::Any,
        TypeRef::Named(id) => match &types[id.0].kind {
            TypeKind::Alias(t) => free_form(types, t),
            TypeKind::Struct(s) => s.fields.is_empty() && s.additional == Some(TypeRef::Any),
            _ => false,
        },
        _ => false,
    }
}

/// A setter per field a struct body sends, when it sends any: what each takes, and which the
/// request cannot go without (those the struct's `new` asks for). Constants are set up front.
fn body_fields(types: &[TypeDef], ty: &TypeRef, form: bool, always: bool) -> Option<BodyFields> {
    let id = struct_id(types, ty)?;
    let TypeKind::Struct(s) = &types[id.0].kind else {
        return None;
    };
    let sent = || s.fields.iter().filter(|f| !f.omit_on_send);
    let setters: Vec<Setter> = sent()
        .filter(|f| f.constant.is_none() || f.fill.is_none())
        .map(|f| {
            let (ty, arg) = setter_arg(types, f);
            Setter {
                name: Name::wire(f.name.wire.clone()),
                doc: f.doc.clone(),
                required: (f.required || f.required_to_send) && f.fill.is_none(),
                ty,
                arg,
                trait_like: false,
                deprecated_note: None,
            }
        })
        .collect();
    if setters.is_empty() {
        return None;
    }
    let prefilled = sent()
        .filter(|f| f.required && f.constant.is_some())
        .filter_map(|f| Some((f.name.wire.clone(), f.fill.clone()?)))
        .collect();
    Some(BodyFields {
        ty: id,
        form,
        always,
        setters,
        prefilled,
    })
}

/// What a field's setter takes: text as anything `Into<String>`, lists from any iterator, free
/// JSON as anything serializable, a value that may be `null` as an `Option`, the rest as it is.
pub(crate) fn setter_arg(types: &[TypeDef], f: &Field) -> (TypeRef, SetterArg) {
    if f.nullable {
        return (TypeRef::Nullable(Box::new(f.ty.clone())), SetterArg::AsIs);
    }
    match &f.ty {
        TypeRef::String => (TypeRef::String, SetterArg::Into),
        TypeRef::Array(item) => {
            let into = **item == TypeRef::String;
            ((**item).clone(), SetterArg::Items { into })
        }
        ty if free_form(types, ty) => (ty.clone(), SetterArg::Serialize),
        ty => (ty.clone(), SetterArg::AsIs),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::super::graph::tests::{api, field, named, structure};
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
            deprecated_note: None,
            module: None,
            status_enums_non_exhaustive: false,
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
            (
                query(TypeRef::Any, ParamStyle::Form, true),
                Encoding::Styled {
                    explode: true,
                    separator: ",".into(),
                },
            ),
            (
                Param {
                    location: ParamLocation::Header,
                    ..query(list.clone(), ParamStyle::Form, false)
                },
                Encoding::Styled {
                    explode: false,
                    separator: ",".into(),
                },
            ),
            (
                Param {
                    location: ParamLocation::Path,
                    ..query(list.clone(), ParamStyle::Form, false)
                },
                Encoding::Styled {
                    explode: false,
                    separator: ",".into(),
                },
            ),
            (
                Param {
                    location: ParamLocation::Path,
                    ..query(TypeRef::String, ParamStyle::Form, false)
                },
                Encoding::Path,
            ),
            (query(list.clone(), ParamStyle::Json, false), Encoding::Json),
            (
                Param {
                    location: ParamLocation::Path,
                    ..query(TypeRef::String, ParamStyle::Matrix, true)
                },
                Encoding::Prefixed {
                    matrix: true,
                    explode: true,
                },
            ),
        ];
        for (param, expected) in cases {
            assert_eq!(encoding(&types, &param), expected, "{:?}", param.ty);
        }
    }

    fn json_body(ty: TypeRef, required: bool) -> Option<Body> {
        Some(Body {
            payload: BodyPayload::Json { ty },
            required,
            doc: None,
        })
    }

    #[test]
    fn struct_bodies_are_set_field_by_field_and_the_others_whole() {
        let mut body = structure(
            "Body",
            &[
                ("prompt", TypeRef::String),
                ("tags", TypeRef::Array(Box::new(TypeRef::String))),
                ("extra", TypeRef::Map(Box::new(TypeRef::Any))),
                ("kind", TypeRef::String),
                ("seed", TypeRef::Integer(IntegerFormat::Int64)),
            ],
        );
        let TypeKind::Struct(s) = &mut body.kind else {
            unreachable!()
        };
        // `tags` optional, `kind` a constant the constructor sets, `seed` read-only.
        s.fields[1].required = false;
        s.fields[3].constant = Some(serde_json::json!("k"));
        s.fields[3].fill = Some(Literal::String("k".into()));
        s.fields[4].omit_on_send = true;
        let types = api(vec![body, structure("Empty", &[])]).types;

        let inputs = inputs(&types, json_body(named(0), true).as_ref());
        let [input] = inputs.as_slice() else {
            panic!("one input: {inputs:?}")
        };
        assert!(!input.required, "never an argument of the method");
        let InputKind::Fields(fields) = &input.kind else {
            panic!("not set field by field: {:?}", input.kind)
        };
        assert!(fields.always && !fields.form);
        let setters: Vec<(&str, bool, SetterArg)> = fields
            .setters
            .iter()
            .map(|s| (s.name.wire.as_str(), s.required, s.arg))
            .collect();
        assert_eq!(
            setters,
            [
                ("prompt", true, SetterArg::Into),
                ("tags", false, SetterArg::Items { into: true }),
                ("extra", true, SetterArg::Serialize),
            ]
        );
        assert_eq!(
            fields.prefilled,
            [("kind".to_string(), Literal::String("k".into()))]
        );

        // No field to set: the body stays whole; free-form JSON is taken as any `Serialize`.
        let empty = inputs_of(&types, named(1));
        assert_eq!(empty, InputKind::Json(named(1)));
        let free = inputs_of(&types, TypeRef::Map(Box::new(TypeRef::Any)));
        assert_eq!(free, InputKind::FreeJson);
    }

    fn inputs_of(types: &[TypeDef], ty: TypeRef) -> InputKind {
        inputs(types, json_body(ty, true).as_ref()).remove(0).kind
    }

    #[test]
    fn chained_setters_only_where_no_builder_sets_the_fields() {
        let optional = |n: &str, t: TypeRef| Field {
            required: false,
            ..field(n, t)
        };
        // `Only` is a body alone; `Holder` a body holding `Inner`; `Shared` a body and a field
        // of `Holder`; `Received` comes back only.
        let with = |name: &str, extra: Vec<Field>| {
            let mut def = structure(name, &[]);
            let TypeKind::Struct(s) = &mut def.kind else {
                unreachable!()
            };
            s.fields = vec![
                field("id", TypeRef::String),
                optional("tags", TypeRef::Array(Box::new(TypeRef::String))),
                Field {
                    omit_on_send: true,
                    ..optional("created", TypeRef::String)
                },
            ];
            s.fields.extend(extra);
            def.usage.sent = true;
            def
        };
        let mut received = with("Received", Vec::new());
        received.usage.sent = false;
        let mut api = api(vec![
            with("Only", Vec::new()),
            with(
                "Holder",
                vec![optional("inner", named(2)), optional("shared", named(3))],
            ),
            with("Inner", Vec::new()),
            with("Shared", Vec::new()),
            received,
        ]);
        let ops = [0, 1, 3].map(|i| operation(json_body(named(i), true)));
        api.resources.push(Resource {
            name: Name::wire("r"),
            doc: None,
            handle: None,
            operations: ops.to_vec(),
            children: Vec::new(),
        });
        plan(&mut api);
        let setters = |i: usize| -> Vec<Option<SetterArg>> {
            api.struct_of(TypeId(i))
                .fields
                .iter()
                .take(3)
                .map(|f| f.setter.as_ref().map(|s| s.arg))
                .collect()
        };
        // Required fields are `new`'s; a read-only one is never sent.
        let chained = [None, Some(SetterArg::Items { into: true }), None];
        assert_eq!(setters(0), [None, None, None], "a body alone");
        assert_eq!(setters(1), [None, None, None], "a body holding others");
        assert_eq!(setters(2), chained, "held by a body");
        assert_eq!(setters(3), chained, "a body that is also held");
        assert_eq!(setters(4), [None, None, None], "never sent");
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
            doc: None,
            handle: None,
            operations: vec![op],
            children: Vec::new(),
        });
        plan(&mut api);
        assert_eq!(api.operations()[0].send_statuses, [200, 201]);
    }
}
