//! What a struct's fields look like given where the struct travels: `readOnly` fields of a
//! struct that requests carry are never sent and never required; `writeOnly` fields of one that
//! responses carry are never required (but still asked for by the constructor). Constants are filled in by the constructor, and a
//! `default` is what an absent field decodes to, in structs that only responses carry: in a
//! request an unset field is left out, so that the API applies its own default, which may
//! depend on other fields.

use serde_json::Value;

use crate::ir::*;

pub fn apply(api: &mut Api) {
    let mut fills = Vec::new();
    for (i, def) in api.types.iter().enumerate() {
        let TypeKind::Struct(s) = &def.kind else {
            continue;
        };
        for (j, f) in s.fields.iter().enumerate() {
            let value = match (&f.constant, &f.default) {
                (Some(c), _) if f.required => Some(c),
                (_, Some(d)) if !f.required && !def.usage.sent => Some(d),
                _ => None,
            };
            let fill = value
                .filter(|_| !f.nullable)
                .and_then(|v| literal(api, &f.ty, v));
            fills.push((i, j, fill));
        }
    }
    for (i, j, fill) in fills {
        let usage = api.types[i].usage;
        let TypeKind::Struct(s) = &mut api.types[i].kind else {
            unreachable!("listed as a struct")
        };
        let f = &mut s.fields[j];
        match f.access {
            Access::ReadOnly if usage.sent => {
                f.required = false;
                f.omit_on_send = true;
            }
            Access::WriteOnly if usage.received => {
                f.required_to_send = f.required;
                f.required = false;
            }
            _ => f.fill = fill,
        }
    }
}

/// The value as a literal of the field's type, when the generated code can write it.
fn literal(api: &Api, ty: &TypeRef, value: &Value) -> Option<Literal> {
    match (ty, value) {
        (TypeRef::String, Value::String(s)) => Some(Literal::String(s.clone())),
        (TypeRef::Integer(IntegerFormat::Int32), Value::Number(n)) => n
            .as_i64()
            .filter(|v| i32::try_from(*v).is_ok())
            .map(Literal::Integer),
        (TypeRef::Integer(IntegerFormat::Int64), Value::Number(n)) => {
            n.as_i64().map(Literal::Integer)
        }
        (TypeRef::Number(_), Value::Number(n)) => n.as_f64().map(Literal::Number),
        (TypeRef::Boolean, Value::Bool(b)) => Some(Literal::Boolean(*b)),
        (TypeRef::Array(_), Value::Array(a)) if a.is_empty() => Some(Literal::EmptyArray),
        (TypeRef::Named(id), _) => match &api.get(*id).kind {
            TypeKind::Alias(t) => literal(api, t, value),
            TypeKind::Enum(e) => {
                let value = match (e.repr, value) {
                    (EnumRepr::String, Value::String(s)) => EnumValue::String(s.clone()),
                    (EnumRepr::Integer, Value::Number(n)) => EnumValue::Integer(n.as_i64()?),
                    _ => return None,
                };
                let index = e.variants.iter().position(|v| v.value == value);
                Some(Literal::Variant {
                    ty: *id,
                    index,
                    value,
                })
            }
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::graph::tests::{api, field};
    use super::*;

    fn with_fields(fields: Vec<Field>, usage: Usage) -> Api {
        let mut api = api(vec![super::super::graph::tests::structure("T", &[])]);
        api.types[0].usage = usage;
        let TypeKind::Struct(s) = &mut api.types[0].kind else {
            unreachable!()
        };
        s.fields = fields;
        api
    }

    fn fields(api: &Api) -> &[Field] {
        &api.struct_of(TypeId(0)).fields
    }

    #[test]
    fn read_only_fields_of_sent_structs_are_never_sent_nor_required() {
        let id = Field {
            access: Access::ReadOnly,
            ..field("id", TypeRef::String)
        };
        let sent = Usage {
            sent: true,
            ..Usage::default()
        };
        let mut api = with_fields(vec![id], sent);
        apply(&mut api);
        let f = &fields(&api)[0];
        assert!(f.omit_on_send && !f.required);
    }

    #[test]
    fn defaults_fill_received_structs_only_and_constants_fill_both() {
        let width = Field {
            required: false,
            default: Some(serde_json::json!(1024)),
            ..field("width", TypeRef::Integer(IntegerFormat::Int64))
        };
        let kind = Field {
            constant: Some(serde_json::json!("image")),
            ..field("kind", TypeRef::String)
        };
        for (sent, width_fill) in [(false, Some(Literal::Integer(1024))), (true, None)] {
            let usage = Usage {
                sent,
                received: true,
                ..Usage::default()
            };
            let mut api = with_fields(vec![width.clone(), kind.clone()], usage);
            apply(&mut api);
            assert_eq!(fields(&api)[0].fill, width_fill, "sent: {sent}");
            assert_eq!(fields(&api)[1].fill, Some(Literal::String("image".into())));
        }
    }
}
