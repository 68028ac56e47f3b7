//! `allOf` becomes a plain struct holding the fields of every member, in order. Lowering leaves
//! each `allOf` in [`Api::merges`] (its type a placeholder struct); this pass empties that list,
//! so no later stage meets an unmerged type.

use std::collections::BTreeMap;

use crate::ir::*;

pub fn merge(api: &mut Api) {
    let mut pending: BTreeMap<TypeId, AllOf> =
        std::mem::take(&mut api.merges).into_iter().collect();
    let ids: Vec<TypeId> = pending.keys().copied().collect();
    let mut visiting = Vec::new();
    for id in ids {
        resolve(api, &mut pending, id, &mut visiting);
    }
}

/// Merges `id` (after the members it needs) and returns its fields.
fn resolve(
    api: &mut Api,
    pending: &mut BTreeMap<TypeId, AllOf>,
    id: TypeId,
    visiting: &mut Vec<TypeId>,
) -> Struct {
    let Some(all) = pending.get(&id).cloned() else {
        return match &api.types[id.0].kind {
            TypeKind::Struct(s) => s.clone(),
            _ => Struct::default(),
        };
    };
    // An allOf that includes itself contributes nothing more the second time round.
    if visiting.contains(&id) {
        return Struct::default();
    }
    visiting.push(id);
    let mut merged = Struct::default();
    for part in &all.parts {
        let s = resolve(api, pending, *part, visiting);
        add(&mut merged, s);
    }
    add(&mut merged, all.own.clone());
    for f in &mut merged.fields {
        if all.required.contains(&f.name.wire) {
            f.required = true;
        }
    }
    visiting.pop();
    pending.remove(&id);
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

#[cfg(test)]
mod tests {
    use super::super::graph::tests::{api, field, structure};
    use super::*;

    #[test]
    fn members_merge_in_order_and_requirements_add_up() {
        let mut api = api(vec![
            structure("Base", &[("id", TypeRef::String)]),
            structure("Extended", &[]),
        ]);
        let optional_id = Field {
            required: false,
            ..field("id", TypeRef::Integer(IntegerFormat::Int64))
        };
        api.merges.push((
            TypeId(1),
            AllOf {
                parts: vec![TypeId(0)],
                own: Struct {
                    fields: vec![optional_id, field("name", TypeRef::String)],
                    ..Struct::default()
                },
                required: Vec::new(),
            },
        ));
        merge(&mut api);
        assert!(api.merges.is_empty());
        let s = api.struct_of(TypeId(1));
        let fields: Vec<(&str, bool)> = s
            .fields
            .iter()
            .map(|f| (f.name.wire.as_str(), f.required))
            .collect();
        // The later `id` replaces the first in place and stays required.
        assert_eq!(fields, [("id", true), ("name", true)]);
        assert_eq!(s.fields[0].ty, TypeRef::Integer(IntegerFormat::Int64));
    }
}
