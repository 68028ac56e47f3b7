//! `allOf` becomes a plain struct holding the fields of every member, in order.

use crate::ir::*;

pub fn merge(api: &mut Api) {
    let mut visiting = Vec::new();
    for i in 0..api.types.len() {
        resolve(api, TypeId(i), &mut visiting);
    }
}

/// Merges `id` (after the members it needs) and returns its fields.
fn resolve(api: &mut Api, id: TypeId, visiting: &mut Vec<TypeId>) -> Struct {
    let all = match &api.types[id.0].kind {
        TypeKind::Struct(s) => return s.clone(),
        TypeKind::AllOf(all) if !visiting.contains(&id) => all.clone(),
        // An allOf that includes itself contributes nothing more the second time round.
        _ => return Struct::default(),
    };
    visiting.push(id);
    let mut merged = Struct::default();
    for part in &all.parts {
        let s = resolve(api, *part, visiting);
        add(&mut merged, s);
    }
    add(&mut merged, all.own.clone());
    for f in &mut merged.fields {
        if all.required.contains(&f.name.wire) {
            f.required = true;
        }
    }
    visiting.pop();
    api.types[id.0].kind = TypeKind::Struct(merged.clone());
    merged
}

/// Adds fields; a later member's declaration of a field replaces the earlier one in place, but
/// a field stays required if any member requires it.
fn add(into: &mut Struct, from: Struct) {
    for f in from.fields {
        match into.fields.iter_mut().find(|g| g.name.wire == f.name.wire) {
            Some(g) => {
                let required = g.required || f.required;
                *g = f;
                g.required = required;
            }
            None => into.fields.push(f),
        }
    }
    if into.additional.is_none() {
        into.additional = from.additional;
    }
    into.conditions.extend(from.conditions);
}
