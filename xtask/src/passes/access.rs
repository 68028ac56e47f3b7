//! What a struct's fields look like given where the struct travels: `readOnly` fields of a
//! struct that requests carry are never sent and never required; `writeOnly` fields of one that
//! responses carry are never required (but still asked for by the constructor). Constants are filled in by the constructor, and a
//! `default` is what an absent field decodes to, in structs that only responses carry: in a
//! request an unset field is left out, so that the API applies its own default, which may
//! depend on other fields.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::ir::*;

pub fn apply(api: &mut Api) {
    let sent = reachable(
        api,
        api.operations()
            .iter()
            .filter_map(|op| op.body.as_ref())
            .flat_map(|b| match &b.payload {
                BodyPayload::Multipart { parts } => {
                    parts.iter().filter_map(|p| p.ty.as_ref()).collect()
                }
                payload => payload.ty().into_iter().collect::<Vec<_>>(),
            }),
    );
    let mut fills = Vec::new();
    for (i, def) in api.types.iter().enumerate() {
        let TypeKind::Struct(s) = &def.kind else {
            continue;
        };
        for (j, f) in s.fields.iter().enumerate() {
            let is_sent = sent.contains(&TypeId(i));
            let value = match (&f.constant, &f.default) {
                (Some(c), _) if f.required => Some(c),
                (_, Some(d)) if !f.required && !is_sent => Some(d),
                _ => None,
            };
            let fill = value
                .filter(|_| !f.nullable)
                .and_then(|v| literal(api, &f.ty, v));
            fills.push((i, j, fill, is_sent));
        }
    }
    let received = reachable(
        api,
        api.operations()
            .iter()
            .flat_map(|op| {
                op.responses
                    .iter()
                    .map(|r| &r.payload)
                    .chain(op.errors.iter().map(|e| &e.payload))
            })
            .filter_map(Payload::ty)
            .chain(api.error_body.as_ref()),
    );
    for (i, j, fill, is_sent) in fills {
        let is_received = received.contains(&TypeId(i));
        let TypeKind::Struct(s) = &mut api.types[i].kind else {
            unreachable!("listed as a struct")
        };
        let f = &mut s.fields[j];
        match f.access {
            Access::ReadOnly if is_sent => {
                f.required = false;
                f.omit_on_send = true;
            }
            Access::WriteOnly if is_received => {
                f.required_to_send = f.required;
                f.required = false;
            }
            _ => f.fill = fill,
        }
    }
}

/// Every named type a value of these types may hold.
fn reachable<'a>(api: &'a Api, roots: impl Iterator<Item = &'a TypeRef>) -> BTreeSet<TypeId> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<&TypeRef> = roots.collect();
    while let Some(ty) = stack.pop() {
        match ty {
            TypeRef::Named(id) => {
                if !seen.insert(*id) {
                    continue;
                }
                match &api.get(*id).kind {
                    TypeKind::Struct(s) => {
                        stack.extend(s.fields.iter().map(|f| &f.ty).chain(s.additional.as_ref()))
                    }
                    TypeKind::Union(u) => stack.extend(u.variants.iter().map(|v| &v.ty)),
                    TypeKind::Alias(t) => stack.push(t),
                    TypeKind::Enum(_) | TypeKind::AllOf(_) => {}
                }
            }
            TypeRef::Array(t) | TypeRef::Map(t) | TypeRef::Nullable(t) => stack.push(t),
            _ => {}
        }
    }
    seen
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
                let wire = match (e.repr, value) {
                    (EnumRepr::String, Value::String(s)) => s.clone(),
                    (EnumRepr::Integer, Value::Number(n)) if n.is_i64() => n.to_string(),
                    _ => return None,
                };
                let index = e.variants.iter().position(|v| v.name.wire == wire);
                Some(Literal::Variant {
                    ty: *id,
                    index,
                    wire,
                })
            }
            _ => None,
        },
        _ => None,
    }
}
