//! A struct that contains itself, directly or through other structs, has no finite size: the
//! fields that close such a cycle are boxed, and no others.

use super::graph::Graph;
use crate::ir::*;

pub fn break_cycles(api: &mut Api) {
    // Unnamed properties live in a map, which is indirect already.
    let inline = Graph::new(api, |api, def| {
        let held: Vec<&TypeRef> = match &def.kind {
            TypeKind::Struct(s) => s.fields.iter().map(|f| &f.ty).collect(),
            TypeKind::Union(u) => u.variants.iter().map(|v| &v.ty).collect(),
            TypeKind::Alias(t) => vec![t],
            TypeKind::Enum(_) => Vec::new(),
        };
        held.into_iter().filter_map(|t| direct(t, api)).collect()
    });
    let mut to_box = Vec::new();
    for (i, def) in api.types.iter().enumerate() {
        let TypeKind::Struct(s) = &def.kind else {
            continue;
        };
        for (f, field) in s.fields.iter().enumerate() {
            if let Some(target) = direct(&field.ty, api) {
                if inline.from([target]).contains(&TypeId(i)) {
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
        TypeRef::Named(id) => match &api.get(*id).kind {
            TypeKind::Alias(inner) => direct(inner, api).or(Some(*id)),
            _ => Some(*id),
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::graph::tests::{api, named, structure};
    use super::*;

    fn boxed(api: &Api) -> Vec<Vec<bool>> {
        api.types
            .iter()
            .map(|t| match &t.kind {
                TypeKind::Struct(s) => s.fields.iter().map(|f| f.boxed).collect(),
                _ => Vec::new(),
            })
            .collect()
    }

    #[test]
    fn only_inline_cycles_are_boxed() {
        let mut api = api(vec![
            // A holds B inline, B holds A inline: both fields close the cycle.
            structure("A", &[("b", named(1))]),
            structure("B", &[("a", named(0)), ("name", TypeRef::String)]),
            // A list is indirect already.
            structure("Tree", &[("children", TypeRef::Array(Box::new(named(2))))]),
            // Holding a cyclic type without being on the cycle needs no box.
            structure("Holder", &[("a", named(0))]),
        ]);
        break_cycles(&mut api);
        assert_eq!(
            boxed(&api),
            [vec![true], vec![true, false], vec![false], vec![false]]
        );
    }
}
