//! How each struct is made: `Default`, or `new` only for the types that requests carry, and for
//! those a chainable setter per optional field; and which of its conditional requirements its
//! `validate` checks. All read the fields as the access pass left them (a filled field needs no
//! argument and is never absent).

use crate::ir::*;

pub fn apply(api: &mut Api) {
    // The setters of the structs requests carry, read from the types as they are before this
    // pass changes any.
    let mut setters: Vec<Option<Vec<Option<Setter>>>> = api
        .types
        .iter()
        .map(|def| match &def.kind {
            TypeKind::Struct(s) if def.usage.sent => Some(
                s.fields
                    .iter()
                    .map(|f| (f.optional() && !f.omit_on_send).then(|| chained(&api.types, f)))
                    .collect(),
            ),
            _ => None,
        })
        .collect();
    let string_like: Vec<bool> = api
        .types
        .iter()
        .map(|t| matches!(&t.kind, TypeKind::Enum(e) if e.repr == EnumRepr::String))
        .collect();
    for (def, setters) in api.types.iter_mut().zip(&mut setters) {
        let TypeKind::Struct(s) = &mut def.kind else {
            continue;
        };
        s.construct = if s.fields.iter().all(Field::optional) {
            Construct::DeriveDefault
        } else if !s.fields.iter().any(|f| f.required || f.required_to_send) {
            Construct::WriteDefault
        } else if def.usage.received && !def.usage.sent {
            Construct::Decoded
        } else {
            Construct::New
        };
        if let Some(setters) = setters.take() {
            for (f, setter) in s.fields.iter_mut().zip(setters) {
                f.setter = setter;
            }
        }
        s.checked = s
            .conditions
            .iter()
            .filter_map(|c| checked(s, c, &string_like))
            .collect();
    }
}

/// The setter of an optional field: it takes the value as an operation builder's setter does,
/// but a free-form value as its own type (a struct's field cannot keep a failed serialization).
fn chained(types: &[TypeDef], f: &Field) -> Setter {
    let (ty, arg) = match super::inputs::setter_arg(types, f) {
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
    }
}

/// The condition as `validate` checks it: the deciding field must be text (a string or a
/// string enum, compared by `as_str`) that is never `null`, and only the required fields that
/// may be absent can be missing.
fn checked(s: &Struct, c: &Condition, string_like: &[bool]) -> Option<CheckedCondition> {
    let field = s.fields.iter().position(|f| f.name.wire == c.field)?;
    let decider = &s.fields[field];
    let text = match &decider.ty {
        TypeRef::String => true,
        TypeRef::Named(id) => string_like[id.0],
        _ => false,
    };
    if !text || decider.nullable {
        return None;
    }
    let required: Vec<usize> = c
        .required
        .iter()
        .filter_map(|r| {
            s.fields
                .iter()
                .position(|f| &f.name.wire == r && f.optional())
        })
        .collect();
    (!required.is_empty()).then(|| CheckedCondition {
        field,
        values: c.values.clone(),
        required,
    })
}

#[cfg(test)]
mod tests {
    use super::super::graph::tests::{api, field, structure};
    use super::*;

    #[test]
    fn constructors_follow_what_the_fields_need() {
        let optional = |n: &str| Field {
            required: false,
            ..field(n, TypeRef::String)
        };
        let filled = Field {
            required: false,
            fill: Some(Literal::Integer(1)),
            ..field("n", TypeRef::Integer(IntegerFormat::Int64))
        };
        let mut api = api(vec![
            structure("Empty", &[]),
            structure("Required", &[("name", TypeRef::String)]),
            structure("Filled", &[]),
            structure("Received", &[("name", TypeRef::String)]),
            structure("SentAndReceived", &[("name", TypeRef::String)]),
        ]);
        api.types[3].usage.received = true;
        api.types[4].usage = Usage {
            sent: true,
            received: true,
            validated: false,
            used: true,
        };
        let TypeKind::Struct(s) = &mut api.types[2].kind else {
            unreachable!()
        };
        s.fields = vec![optional("a"), filled];
        apply(&mut api);
        let made: Vec<Construct> = api
            .types
            .iter()
            .map(|t| match &t.kind {
                TypeKind::Struct(s) => s.construct,
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(
            made,
            [
                Construct::DeriveDefault,
                Construct::New,
                Construct::WriteDefault,
                Construct::Decoded,
                Construct::New,
            ]
        );
    }

    #[test]
    fn optional_fields_of_sent_structs_get_chained_setters() {
        let optional = |n: &str, t: TypeRef| Field {
            required: false,
            ..field(n, t)
        };
        let mut api = api(vec![structure("Sent", &[]), structure("Received", &[])]);
        for def in &mut api.types {
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
        }
        api.types[0].usage.sent = true;
        apply(&mut api);
        let setters = |i: usize| -> Vec<Option<SetterArg>> {
            api.struct_of(TypeId(i))
                .fields
                .iter()
                .map(|f| f.setter.as_ref().map(|s| s.arg))
                .collect()
        };
        // Required fields are `new`'s; a read-only one is never sent.
        assert_eq!(
            setters(0),
            [None, Some(SetterArg::Items { into: true }), None]
        );
        assert_eq!(setters(1), [None, None, None]);
    }

    #[test]
    fn conditions_on_text_fields_are_checked_and_others_left_out() {
        let optional = |n: &str, t: TypeRef| Field {
            required: false,
            ..field(n, t)
        };
        let mut api = api(vec![structure("Body", &[])]);
        let TypeKind::Struct(s) = &mut api.types[0].kind else {
            unreachable!()
        };
        s.fields = vec![
            field("mode", TypeRef::String),
            optional("image", TypeRef::String),
            field("count", TypeRef::Integer(IntegerFormat::Int64)),
        ];
        let condition = |on: &str| Condition {
            field: on.into(),
            values: vec!["edit".into()],
            required: vec!["image".into(), "count".into()],
        };
        s.conditions = vec![condition("mode"), condition("count"), condition("gone")];
        apply(&mut api);
        let TypeKind::Struct(s) = &api.types[0].kind else {
            unreachable!()
        };
        // Only the `mode` condition, and only `image` (`count` is never absent).
        assert_eq!(s.checked.len(), 1);
        assert_eq!((s.checked[0].field, &s.checked[0].required), (0, &vec![1]));
    }
}
