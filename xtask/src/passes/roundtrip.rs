//! Nothing the API sends is lost: a response decoded and encoded again is the same JSON.
//!
//! Every struct that responses carry keeps the properties its schema does not name, in its
//! map of additional properties (as a schema with `additionalProperties` already does), so a
//! field the API adds is reachable before the crate is regenerated and is written back by a
//! program that stores or forwards what it received. And the `number` fields of those structs
//! write an integral value as an integer: `2048` is read into an `f64` and must not come back
//! `2048.0`.

use super::graph::{Graph, holds};
use crate::ir::*;

pub fn keep_everything(api: &mut Api) {
    let mut opened = Vec::new();
    for (i, def) in api.types.iter_mut().enumerate() {
        let TypeKind::Struct(s) = &mut def.kind else {
            continue;
        };
        if def.usage.received && s.additional.is_none() {
            s.additional = Some(TypeRef::Any);
            opened.push(TypeId(i));
        }
        for f in s.fields.iter_mut().filter(|_| def.usage.received) {
            f.integral_numbers = holds_number(&f.ty);
        }
    }
    // A JSON value is not `Eq`, nor is what holds one.
    let not_eq = Graph::new(api, holds).to(opened);
    for id in not_eq {
        api.types[id.0].eq = false;
    }
}

/// Whether a value of the type is a number, or a list, map or nullable of them.
fn holds_number(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Number(_) => true,
        TypeRef::Array(t) | TypeRef::Map(t) | TypeRef::Nullable(t) => holds_number(t),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::graph::tests::{api, named, structure};
    use super::*;

    #[test]
    fn response_structs_keep_unknown_properties_and_numbers_stay_integral() {
        let mut api = api(vec![
            structure("Job", &[("cost", TypeRef::Number(NumberFormat::Double))]),
            structure("Page", &[("jobs", TypeRef::Array(Box::new(named(0))))]),
            structure(
                "Body",
                &[(
                    "sizes",
                    TypeRef::Array(Box::new(TypeRef::Number(NumberFormat::Float))),
                )],
            ),
        ]);
        for def in &mut api.types {
            def.eq = true;
        }
        api.types[0].usage.received = true;
        api.types[1].usage.received = true;
        api.types[2].usage.sent = true;
        keep_everything(&mut api);
        let open: Vec<bool> = api
            .types
            .iter()
            .map(|t| matches!(&t.kind, TypeKind::Struct(s) if s.additional == Some(TypeRef::Any)))
            .collect();
        assert_eq!(open, [true, true, false]);
        let eq: Vec<bool> = api.types.iter().map(|t| t.eq).collect();
        assert_eq!(eq, [false, false, true]);
        let integral: Vec<bool> = api
            .types
            .iter()
            .map(|t| matches!(&t.kind, TypeKind::Struct(s) if s.fields[0].integral_numbers))
            .collect();
        assert_eq!(integral, [true, false, false]);
    }
}
