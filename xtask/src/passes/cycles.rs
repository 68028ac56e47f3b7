//! A struct that contains itself, directly or through other structs, has no finite size: the
//! fields that close such a cycle are boxed, and no others.

use std::collections::BTreeSet;

use crate::ir::*;

pub fn break_cycles(api: &mut Api) {
    let mut to_box = Vec::new();
    for (i, def) in api.types.iter().enumerate() {
        let TypeKind::Struct(s) = &def.kind else {
            continue;
        };
        for (f, field) in s.fields.iter().enumerate() {
            if let Some(target) = direct(&field.ty, api) {
                if reaches(api, target, TypeId(i)) {
                    to_box.push((i, f));
                }
            }
        }
    }
    for (i, f) in to_box {
        if let TypeKind::Struct(s) = &mut api.types[i].kind {
            s.fields[f].boxed = true;
        }
    }
}

/// The named type a use holds inline (not behind a `Vec` or a map, which are already indirect).
fn direct(ty: &TypeRef, api: &Api) -> Option<TypeId> {
    match ty {
        TypeRef::Named(id) => match &api.types[id.0].kind {
            TypeKind::Alias(inner) => direct(inner, api).or(Some(*id)),
            _ => Some(*id),
        },
        _ => None,
    }
}

/// Whether `to` is held inline somewhere inside `from`.
fn reaches(api: &Api, from: TypeId, to: TypeId) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from];
    while let Some(id) = stack.pop() {
        if id == to {
            return true;
        }
        if !seen.insert(id) {
            continue;
        }
        let inner: Vec<&TypeRef> = match &api.types[id.0].kind {
            TypeKind::Struct(s) => s.fields.iter().map(|f| &f.ty).collect(),
            TypeKind::Union(u) => u.variants.iter().map(|v| &v.ty).collect(),
            TypeKind::Alias(t) => vec![t],
            TypeKind::Enum(_) | TypeKind::AllOf(_) => Vec::new(),
        };
        stack.extend(inner.into_iter().filter_map(|t| direct(t, api)));
    }
    false
}
