//! Decides how each union is told apart on the wire: by a tag property when the description
//! gives one (`discriminator`) or when every variant is a struct with a constant property that
//! differs between them; otherwise by trying the variants in a fixed order, most specific first.

use crate::ir::*;

pub fn tag_or_order(api: &mut Api) {
    for i in 0..api.types.len() {
        let TypeKind::Union(u) = &api.types[i].kind else {
            continue;
        };
        let mut u = u.clone();
        match tagging(api, &u) {
            Some((property, tags)) => {
                for (v, t) in u.variants.iter_mut().zip(tags) {
                    v.tags = t;
                    v.declares_tag = variant_struct(api, &v.ty)
                        .is_some_and(|(_, s)| s.fields.iter().any(|f| f.name.wire == property));
                }
                u.tag = Some(property);
            }
            None => u.variants.sort_by_key(|v| rank(api, &v.ty)),
        }
        api.types[i].kind = TypeKind::Union(u);
    }
}

/// The order in which an untagged union tries its variants, as (group, tie-break): lists, then
/// structs with more required fields before those with fewer (a struct with none accepts any
/// object), maps, booleans, integers (enumerated first), numbers, base64 bytes, enumerated
/// strings, strings, nested unions, and any JSON value last. The sort is stable, so variants
/// of a rank keep the description's order. `README.md` and the union's documentation say so.
fn rank(api: &Api, ty: &TypeRef) -> (u8, isize) {
    match ty {
        TypeRef::Array(_) => (0, 0),
        TypeRef::Named(id) => match &api.get(*id).kind {
            TypeKind::Struct(s) => (
                1,
                -(s.fields.iter().filter(|f| f.required).count() as isize),
            ),
            TypeKind::Enum(e) if e.repr == EnumRepr::Integer => (4, 0),
            TypeKind::Enum(_) => (8, 0),
            TypeKind::Alias(t) => rank(api, t),
            TypeKind::Union(_) => (10, 0),
        },
        TypeRef::Map(_) => (2, 0),
        TypeRef::Boolean => (3, 0),
        TypeRef::Integer(_) => (5, 0),
        TypeRef::Number(_) => (6, 0),
        TypeRef::Bytes => (7, 0),
        TypeRef::String => (9, 0),
        TypeRef::Nullable(_) | TypeRef::Any => (11, 0),
    }
}

/// The struct behind a union variant, if it is one.
fn variant_struct<'a>(api: &'a Api, ty: &TypeRef) -> Option<(TypeId, &'a Struct)> {
    let TypeRef::Named(id) = ty else { return None };
    match &api.get(*id).kind {
        TypeKind::Struct(s) => Some((*id, s)),
        _ => None,
    }
}

/// The one value a struct's property can have, as its wire text: a `const`, or the only value
/// of its enumeration (which, for telling variants apart, is as good as a constant).
fn constant_of(api: &Api, s: &Struct, property: &str) -> Option<String> {
    let f = s.fields.iter().find(|f| f.name.wire == property)?;
    match (&f.constant, &f.ty) {
        (Some(serde_json::Value::String(v)), _) => Some(v.clone()),
        (Some(v @ (serde_json::Value::Number(_) | serde_json::Value::Bool(_))), _) => {
            Some(v.to_string())
        }
        (None, TypeRef::Named(id)) => match &api.get(*id).kind {
            TypeKind::Enum(e) if e.variants.len() == 1 => Some(e.variants[0].name.wire.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// The tag property and each variant's tag values, when every variant is a struct and the tags
/// tell them apart.
fn tagging(api: &Api, u: &Union) -> Option<(String, Vec<Vec<String>>)> {
    let structs: Vec<(TypeId, &Struct)> = u
        .variants
        .iter()
        .map(|v| variant_struct(api, &v.ty))
        .collect::<Option<_>>()?;
    let (property, tags) = match &u.discriminator {
        Some(d) => {
            let tags: Vec<Vec<String>> = structs
                .iter()
                .map(|(id, s)| {
                    let mapped: Vec<String> = d
                        .mapping
                        .iter()
                        .filter(|(_, t)| t == id)
                        .map(|(tag, _)| tag.clone())
                        .collect();
                    if !mapped.is_empty() {
                        return mapped;
                    }
                    // No mapping: the property's constant, else the schema's name (the
                    // specification's implicit mapping).
                    vec![
                        constant_of(api, s, &d.property)
                            .unwrap_or_else(|| api.get(*id).name.wire.clone()),
                    ]
                })
                .collect();
            (d.property.clone(), tags)
        }
        None => {
            let (_, first) = structs.first()?;
            let property = first
                .fields
                .iter()
                .filter(|f| f.required)
                .map(|f| f.name.wire.clone())
                .find(|p| {
                    structs.iter().all(|(_, s)| {
                        s.fields.iter().any(|f| &f.name.wire == p && f.required)
                            && constant_of(api, s, p).is_some()
                    })
                })?;
            let tags = structs
                .iter()
                .map(|(_, s)| vec![constant_of(api, s, &property).expect("checked above")])
                .collect();
            (property, tags)
        }
    };
    let all: Vec<&String> = tags.iter().flatten().collect();
    let distinct = all.iter().enumerate().all(|(i, t)| !all[..i].contains(t));
    distinct.then_some((property, tags))
}

#[cfg(test)]
mod tests {
    use super::super::graph::tests::{api, field, named, structure};
    use super::*;

    fn union(variants: Vec<TypeRef>) -> TypeDef {
        let mut def = structure("U", &[]);
        def.kind = TypeKind::Union(Union {
            variants: variants
                .into_iter()
                .map(|ty| UnionVariant {
                    declares_tag: false,
                    name: Name::wire("v"),
                    ty,
                    tags: Vec::new(),
                })
                .collect(),
            discriminator: None,
            tag: None,
            fallback: None,
        });
        def
    }

    fn with_constant(name: &str, kind: &str) -> TypeDef {
        let mut def = structure(name, &[]);
        let TypeKind::Struct(s) = &mut def.kind else {
            unreachable!()
        };
        s.fields = vec![Field {
            constant: Some(serde_json::Value::String(kind.into())),
            ..field("kind", TypeRef::String)
        }];
        def
    }

    #[test]
    fn structs_with_differing_constants_are_tagged_by_that_property() {
        let mut api = api(vec![
            with_constant("Cat", "cat"),
            with_constant("Dog", "dog"),
            union(vec![named(0), named(1)]),
        ]);
        tag_or_order(&mut api);
        let TypeKind::Union(u) = &api.types[2].kind else {
            unreachable!()
        };
        assert_eq!(u.tag.as_deref(), Some("kind"));
        let tags: Vec<&[String]> = u.variants.iter().map(|v| v.tags.as_slice()).collect();
        assert_eq!(tags, [["cat".to_string()], ["dog".to_string()]]);
    }

    #[test]
    fn untagged_variants_are_tried_most_specific_first() {
        let mut api = api(vec![
            structure("Loose", &[]),
            structure("Strict", &[("a", TypeRef::String), ("b", TypeRef::String)]),
            union(vec![
                TypeRef::String,
                named(0),
                TypeRef::Integer(IntegerFormat::Int64),
                named(1),
                TypeRef::Array(Box::new(TypeRef::String)),
            ]),
        ]);
        tag_or_order(&mut api);
        let TypeKind::Union(u) = &api.types[2].kind else {
            unreachable!()
        };
        let order: Vec<&TypeRef> = u.variants.iter().map(|v| &v.ty).collect();
        assert_eq!(
            order,
            [
                &TypeRef::Array(Box::new(TypeRef::String)),
                &named(1),
                &named(0),
                &TypeRef::Integer(IntegerFormat::Int64),
                &TypeRef::String,
            ]
        );
        assert_eq!(u.tag, None);
    }
}
