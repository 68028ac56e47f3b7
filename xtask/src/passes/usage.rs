//! Where each type travels and what it can do, from walks of the type graph: sent (a request
//! body may hold it), received (a response may), validated (it has a `validate` method), `Eq`
//! (no float or JSON value inside); and what the crate as a whole needs.

use std::collections::BTreeSet;

use super::graph::{Graph, holds, members, named_in};
use crate::ir::*;

pub fn apply(api: &mut Api) {
    let everything = Graph::new(api, holds);
    let ops = api.operations();
    let sent = everything.from(
        ops.iter()
            .filter_map(|op| op.body.as_ref())
            .flat_map(|b| match &b.payload {
                BodyPayload::Multipart { parts } => {
                    parts.iter().filter_map(|p| p.ty.as_ref()).collect()
                }
                payload => payload.ty().into_iter().collect::<Vec<_>>(),
            })
            .filter_map(named_in),
    );
    let received = everything.from(
        ops.iter()
            .flat_map(|op| {
                op.responses
                    .iter()
                    .map(|r| &r.payload)
                    .chain(op.errors.iter().map(|e| &e.payload))
            })
            .filter_map(Payload::ty)
            .chain(api.error_body.as_ref())
            .filter_map(named_in),
    );
    let params = everything.from(
        ops.iter()
            .flat_map(|op| op.params.iter())
            .filter_map(|p| named_in(&p.ty)),
    );
    let validated = validated(api);
    let not_eq = everything.to(api
        .types
        .iter()
        .enumerate()
        .filter(|(_, def)| !eq_by_itself(def))
        .map(|(i, _)| TypeId(i)));
    let needs = Needs {
        file_parts: ops.iter().any(|op| {
            matches!(op.body.as_ref().map(|b| &b.payload), Some(BodyPayload::Multipart { parts }) if parts.iter().any(|p| p.ty.is_none()))
        }),
        deprecated_models: api.types.iter().any(|t| {
            t.deprecated
                || match &t.kind {
                    TypeKind::Struct(s) => s.fields.iter().any(|f| f.deprecated),
                    TypeKind::Enum(e) => e.variants.iter().any(|v| v.deprecated),
                    _ => false,
                }
        }),
        ..Needs::default()
    };
    for (i, def) in api.types.iter_mut().enumerate() {
        let id = TypeId(i);
        def.usage = Usage {
            sent: sent.contains(&id),
            received: received.contains(&id),
            validated: validated.contains(&id),
            used: sent.contains(&id) || received.contains(&id) || params.contains(&id),
        };
        def.eq = !not_eq.contains(&id);
    }
    api.needs = needs;
}

/// Whether nothing in the type's own members rules out `Eq`: floats and JSON values do, and so
/// does a tagged union, which keeps an unknown variant as JSON.
fn eq_by_itself(def: &TypeDef) -> bool {
    fn leaf_eq(ty: &TypeRef) -> bool {
        match ty {
            TypeRef::Number(_) | TypeRef::Any => false,
            TypeRef::Array(t) | TypeRef::Map(t) | TypeRef::Nullable(t) => leaf_eq(t),
            _ => true,
        }
    }
    match &def.kind {
        TypeKind::Union(u) if u.tag.is_some() => false,
        _ => members(def).into_iter().all(leaf_eq),
    }
}

/// The structs that need a `validate` method: reachable from a JSON or form request body
/// through struct fields (a struct or a list of structs: checks go no deeper), and holding a
/// check themselves or through such a field.
fn validated(api: &Api) -> BTreeSet<TypeId> {
    /// The struct whose `validate` a value of this type calls: the type itself or the items of
    /// a list of it.
    fn checked(ty: &TypeRef) -> Option<TypeId> {
        match ty {
            TypeRef::Named(id) => Some(*id),
            TypeRef::Array(t) => match **t {
                TypeRef::Named(id) => Some(id),
                _ => None,
            },
            _ => None,
        }
    }
    let fields = Graph::new(api, |_, def| match &def.kind {
        TypeKind::Struct(s) => s.fields.iter().filter_map(|f| checked(&f.ty)).collect(),
        _ => Vec::new(),
    });
    let reachable = fields.from(
        api.operations()
            .iter()
            .filter_map(|op| op.body.as_ref())
            .filter_map(|b| b.payload.ty().and_then(checked)),
    );
    let own_checks = api
        .types
        .iter()
        .enumerate()
        .filter_map(|(i, def)| match &def.kind {
            TypeKind::Struct(s)
                if !s.conditions.is_empty()
                    || s.fields
                        .iter()
                        .any(|f| f.constraints.check(api.limited(&f.ty))) =>
            {
                Some(TypeId(i))
            }
            _ => None,
        });
    let needing = fields.to(own_checks);
    reachable.intersection(&needing).copied().collect()
}

#[cfg(test)]
mod tests {
    use super::super::graph::tests::{api, named, structure};
    use super::*;

    #[test]
    fn a_float_anywhere_inside_rules_out_eq_and_cycles_do_not() {
        let mut api = api(vec![
            structure("Outer", &[("inner", TypeRef::Array(Box::new(named(1))))]),
            structure("Inner", &[("x", TypeRef::Number(NumberFormat::Double))]),
            structure("Tree", &[("children", TypeRef::Array(Box::new(named(2))))]),
        ]);
        apply(&mut api);
        let eq: Vec<bool> = api.types.iter().map(|t| t.eq).collect();
        assert_eq!(eq, [false, false, true]);
    }

    #[test]
    fn a_struct_is_validated_when_a_field_it_reaches_has_limits() {
        let mut api = api(vec![
            structure("Body", &[("settings", named(1)), ("plain", named(3))]),
            structure("Settings", &[("size", named(2))]),
            structure("Size", &[("width", TypeRef::Integer(IntegerFormat::Int64))]),
            structure("Plain", &[("name", TypeRef::String)]),
        ]);
        let TypeKind::Struct(s) = &mut api.types[2].kind else {
            unreachable!()
        };
        s.fields[0].constraints.maximum = Some(2048.0);
        api.resources.push(Resource {
            name: Name::wire("things"),
            doc: None,
            handle: None,
            children: Vec::new(),
            operations: vec![crate::passes::inputs::tests::operation(Some(Body {
                payload: BodyPayload::Json { ty: named(0) },
                required: true,
                doc: None,
            }))],
        });
        apply(&mut api);
        let validated: Vec<bool> = api.types.iter().map(|t| t.usage.validated).collect();
        assert_eq!(validated, [true, true, true, false]);
        let sent: Vec<bool> = api.types.iter().map(|t| t.usage.sent).collect();
        assert_eq!(sent, [true, true, true, true]);
        assert!(api.types.iter().all(|t| !t.usage.received));
        assert!(api.types.iter().all(|t| t.usage.used));
    }

    #[test]
    fn types_no_operation_reaches_are_unused() {
        let mut api = api(vec![
            structure("Page", &[("items", TypeRef::Array(Box::new(named(1))))]),
            structure("Item", &[]),
            structure("Filter", &[]),
            structure("Orphan", &[("item", named(1))]),
        ]);
        let mut op = crate::passes::inputs::tests::operation(None);
        op.responses.push(Response {
            status: 200,
            name: Name::wire("Ok"),
            doc: None,
            payload: Payload::Json(named(0)),
        });
        op.params.push(Param {
            name: Name::wire("filter"),
            location: ParamLocation::Query,
            doc: None,
            ty: named(2),
            required: false,
            style: ParamStyle::DeepObject,
            explode: true,
            deprecated: false,
            constraints: Constraints::default(),
            encoding: Encoding::Json,
        });
        api.resources.push(Resource {
            name: Name::wire("things"),
            doc: None,
            handle: None,
            children: Vec::new(),
            operations: vec![op],
        });
        apply(&mut api);
        let used: Vec<bool> = api.types.iter().map(|t| t.usage.used).collect();
        assert_eq!(used, [true, true, true, false]);
    }
}
