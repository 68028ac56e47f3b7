//! Inline schemas of the same shape become one type. Generators of descriptions (and the
//! vendor's Swagger export most of all) repeat the same object at every use; each copy would be
//! a struct of its own, alike but not interchangeable. Types are compared as a whole, what they
//! hold included, so two copies that refer to copies of the same shape are alike too (the
//! coarsest partition that agrees with every type's own shape, as in automaton minimisation).
//! Components keep their own types: the author named them apart.
//!
//! The type kept for a shape is its first copy; the others stay in the table, unused, so the
//! crate leaves them out. It is named by what the copies' names share at their end (two words at
//! least, a run of digits counting as one: `GetAnAlbumError401` and `GetTrackError401` become
//! `Error401`), unless that ending is only a position (`Variant0`), when the words they start
//! with come first; else by its own name.

use std::collections::BTreeMap;

use heck::ToUpperCamelCase;

use crate::ir::*;

pub fn share(api: &mut Api) {
    let to = representatives(api);
    if to.iter().enumerate().all(|(i, r)| i == r.0) {
        return;
    }
    name_shared(api, &to);
    let map = |id: &mut TypeId| *id = to[id.0];
    for def in &mut api.types {
        kind_ids(&mut def.kind, &mut |id| map(id));
    }
    for (id, _) in &mut api.merges {
        map(id);
    }
    if let Some(t) = &mut api.error_body {
        ref_ids(t, &mut |id| map(id));
    }
    api.each_operation_mut(|op| {
        for p in &mut op.params {
            ref_ids(&mut p.ty, &mut |id| map(id));
        }
        if let Some(body) = &mut op.body {
            match &mut body.payload {
                BodyPayload::Json { ty } | BodyPayload::Form { ty } => {
                    ref_ids(ty, &mut |id| map(id))
                }
                BodyPayload::Multipart { parts } => {
                    for t in parts.iter_mut().filter_map(|p| p.ty.as_mut()) {
                        ref_ids(t, &mut |id| map(id));
                    }
                }
                BodyPayload::Bytes { .. } => {}
            }
        }
        let payloads = op
            .responses
            .iter_mut()
            .map(|r| &mut r.payload)
            .chain(op.errors.iter_mut().map(|e| &mut e.payload));
        for payload in payloads {
            if let Payload::Json(t) = payload {
                ref_ids(t, &mut |id| map(id));
            }
        }
    });
}

/// Whether the type is a component of the description (named by its author), not an inline
/// schema.
fn is_component(def: &TypeDef) -> bool {
    def.source
        .strip_prefix("/components/schemas/")
        .is_some_and(|rest| !rest.contains('/'))
}

/// For each type, the first type of its shape.
fn representatives(api: &Api) -> Vec<TypeId> {
    let n = api.types.len();
    // Every inline type starts in one class; each round splits the classes by the types' own
    // shapes with the types they hold replaced by their classes, until no class splits.
    let mut class: Vec<usize> = api
        .types
        .iter()
        .enumerate()
        .map(|(i, def)| if is_component(def) { i + 1 } else { 0 })
        .collect();
    let mut count = class
        .iter()
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    loop {
        let mut keys: BTreeMap<String, usize> = BTreeMap::new();
        let next: Vec<usize> = api
            .types
            .iter()
            .enumerate()
            .map(|(i, def)| {
                let key = match is_component(def) {
                    true => format!("component {i}"),
                    false => signature(def, &class),
                };
                let fresh = keys.len();
                *keys.entry(key).or_insert(fresh)
            })
            .collect();
        let found = keys.len();
        class = next;
        if found == count {
            break;
        }
        count = found;
    }
    let mut first: BTreeMap<usize, TypeId> = BTreeMap::new();
    (0..n)
        .map(|i| *first.entry(class[i]).or_insert(TypeId(i)))
        .collect()
}

/// A type's shape, with the types it holds written as their classes: everything but its name
/// and where it was written.
fn signature(def: &TypeDef, class: &[usize]) -> String {
    let mut kind = def.kind.clone();
    kind_ids(&mut kind, &mut |id| *id = TypeId(class[id.0]));
    // Written straight to text, not through a `serde_json::Value`: the text is only compared.
    serde_json::to_string(&(&kind, &def.doc, &def.deprecated))
        .expect("a type's shape is plain data")
}

/// Names each kept type by what the names of its copies share, or by the first of their own
/// names that no component takes.
fn name_shared(api: &mut Api, to: &[TypeId]) {
    let mut copies: BTreeMap<TypeId, Vec<String>> = BTreeMap::new();
    for (i, r) in to.iter().enumerate() {
        copies
            .entry(*r)
            .or_default()
            .push(api.types[i].name.wire.to_upper_camel_case());
    }
    let components: std::collections::BTreeSet<String> = api
        .types
        .iter()
        .filter(|def| is_component(def))
        .map(|def| def.name.wire.to_upper_camel_case())
        .collect();
    for (kept, names) in copies.into_iter().filter(|(_, names)| names.len() > 1) {
        // Else the name of the first copy that no component takes: a name the naming pass
        // would have to number (`ClassificationTemplate2`) says less than another copy's.
        let own = || {
            let first = &names[0];
            names
                .iter()
                .find(|n| !components.contains(*n))
                .filter(|n| *n != first)
        };
        if let Some(name) = shared_name(&names).or_else(|| own().cloned()) {
            api.types[kept.0].name = Name::wire(name);
        }
    }
}

/// The words lowering adds to the name of an inline schema to say where it sits (a union's
/// member, a list's item, a map's value, an operation's request or response body): a name of
/// these alone says nothing of the type.
const POSITIONAL: [&str; 6] = ["Variant", "Item", "Value", "Request", "Response", "Body"];

/// What the copies' names share: their common ending when it says something of its own (two
/// words or more, one of them neither a number nor positional: `Error401`), else their common
/// beginning with that ending (`RetentionPolicyMaxExtensionLengthResponseVariant0` and
/// `…RequestVariant0` share `RetentionPolicyMaxExtensionLengthVariant0`, not `Variant0`);
/// `None` when they share too little, and the first copy keeps its own name.
fn shared_name(names: &[String]) -> Option<String> {
    let end = common_suffix(names);
    let telling =
        |w: &String| !w.chars().all(|c| c.is_ascii_digit()) && !POSITIONAL.contains(&w.as_str());
    if end.len() >= 2 && end.iter().any(telling) {
        return Some(end.concat());
    }
    // Without a common ending, a beginning alone reads as an operation (`GetAssets`).
    let start = common_prefix(names, end.len());
    (start.len() >= 2 && !end.is_empty()).then(|| [start, end].concat().concat())
}

/// The words that every name starts with, short of the last `tail` words of each.
fn common_prefix(names: &[String], tail: usize) -> Vec<String> {
    let split: Vec<Vec<String>> = names.iter().map(|n| words(n)).collect();
    let shortest = split.iter().map(Vec::len).min().unwrap_or(0);
    (0..shortest.saturating_sub(tail))
        .map_while(|k| {
            let word = &split[0][k];
            split.iter().all(|w| &w[k] == word).then(|| word.clone())
        })
        .collect()
}

/// The words (of UpperCamelCase names) that every name ends with.
fn common_suffix(names: &[String]) -> Vec<String> {
    let split: Vec<Vec<String>> = names.iter().map(|n| words(n)).collect();
    let shortest = split.iter().map(Vec::len).min().unwrap_or(0);
    let mut out = Vec::new();
    for k in 1..=shortest {
        let word = &split[0][split[0].len() - k];
        if split.iter().all(|w| &w[w.len() - k] == word) {
            out.insert(0, word.clone());
        } else {
            break;
        }
    }
    out
}

/// The words of an UpperCamelCase name: a capital starts one, and so does a run of digits.
fn words(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in name.chars() {
        let digit_after_letter = |last: &String| {
            c.is_ascii_digit() != last.chars().last().is_some_and(|l| l.is_ascii_digit())
        };
        match out.last_mut() {
            Some(last) if !c.is_uppercase() && !digit_after_letter(last) => last.push(c),
            _ => out.push(c.to_string()),
        }
    }
    out
}

/// Calls `f` on every type id a kind refers to.
fn kind_ids(kind: &mut TypeKind, f: &mut dyn FnMut(&mut TypeId)) {
    match kind {
        TypeKind::Struct(s) => {
            for field in &mut s.fields {
                ref_ids(&mut field.ty, f);
            }
            if let Some(t) = &mut s.additional {
                ref_ids(t, f);
            }
        }
        TypeKind::Union(u) => {
            for v in &mut u.variants {
                ref_ids(&mut v.ty, f);
            }
            if let Some(d) = &mut u.discriminator {
                for (_, id) in &mut d.mapping {
                    f(id);
                }
            }
        }
        TypeKind::Alias(t) => ref_ids(t, f),
        TypeKind::Enum(_) => {}
    }
}

/// Calls `f` on the type id a use refers to, however deep in lists and maps.
fn ref_ids(ty: &mut TypeRef, f: &mut dyn FnMut(&mut TypeId)) {
    match ty {
        TypeRef::Named(id) => f(id),
        TypeRef::Array(t) | TypeRef::Map(t) | TypeRef::Nullable(t) => ref_ids(t, f),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::super::graph::tests::{api, named, structure};
    use super::*;

    #[test]
    fn copies_of_one_shape_become_one_type_components_stay_apart() {
        let mut api = api(vec![
            structure("Outer", &[("a", named(1)), ("b", named(2))]),
            structure("GetAlbumError401", &[("x", TypeRef::String)]),
            structure("GetTrackError401", &[("x", TypeRef::String)]),
            structure("Other", &[("x", TypeRef::Boolean)]),
            structure("Component", &[("x", TypeRef::String)]),
            // Lists of the two copies: alike too.
            structure("AList", &[("items", TypeRef::Array(Box::new(named(1))))]),
            structure("BList", &[("items", TypeRef::Array(Box::new(named(2))))]),
        ]);
        for (i, def) in api.types.iter_mut().enumerate() {
            def.source = match i {
                4 => "/components/schemas/Component".into(),
                _ => format!("/paths/p/{i}"),
            };
        }
        share(&mut api);
        let TypeKind::Struct(outer) = &api.types[0].kind else {
            unreachable!()
        };
        assert_eq!(outer.fields[0].ty, named(1));
        assert_eq!(outer.fields[1].ty, named(1), "the copy is the first one");
        assert_eq!(api.types[1].name.wire, "Error401");
        assert_eq!(representatives(&api)[6], TypeId(5));
        assert_eq!(representatives(&api)[3], TypeId(3));
        assert_eq!(representatives(&api)[4], TypeId(4), "a component stays");
    }

    #[test]
    fn names_share_their_last_words() {
        let names = ["GetAnAlbumError401".to_string(), "GetTrackError401".into()];
        assert_eq!(common_suffix(&names), ["Error", "401"]);
        let names = [
            "CreateJobRequestSettings".to_string(),
            "UpdateJobRequestSettings".into(),
        ];
        assert_eq!(common_suffix(&names), ["Job", "Request", "Settings"]);
    }

    #[test]
    fn a_copy_named_like_a_component_gives_way_to_another_copy() {
        let mut api = api(vec![
            structure("Classification", &[("x", TypeRef::String)]),
            structure("ClassificationTemplate", &[("key", TypeRef::Boolean)]),
            structure(
                "ClassificationTemplateTemplateKey",
                &[("key", TypeRef::Boolean)],
            ),
        ]);
        for (i, def) in api.types.iter_mut().enumerate() {
            def.source = match i {
                0 => "/components/schemas/Classification".into(),
                _ => format!("/components/schemas/Classification/properties/{i}"),
            };
        }
        api.types[0].name = Name::wire("ClassificationTemplate");
        share(&mut api);
        assert_eq!(api.types[1].name.wire, "ClassificationTemplateTemplateKey");
    }

    #[test]
    fn a_shared_name_says_something_of_the_type() {
        let shared =
            |names: &[&str]| shared_name(&names.iter().map(|n| n.to_string()).collect::<Vec<_>>());
        assert_eq!(
            shared(&["GetAnAlbumError401", "GetTrackError401"]).as_deref(),
            Some("Error401")
        );
        // A union member's positional ending alone is no name: the beginning comes with it.
        assert_eq!(
            shared(&[
                "RetentionPolicyMaxExtensionLengthResponseVariant0",
                "RetentionPolicyMaxExtensionLengthRequestVariant0",
            ])
            .as_deref(),
            Some("RetentionPolicyMaxExtensionLengthVariant0")
        );
        assert_eq!(shared(&["ListPetsItem", "GetOwnersItem"]), None);
        assert_eq!(
            shared(&["CreatePetRequestVariant0", "EditOwnerRequestVariant0"]),
            None
        );
        assert_eq!(shared(&["CreatePetBody", "UpdateOwnerStatus"]), None);
        assert_eq!(shared(&["GetAssetsType", "GetAssetsKind"]), None);
    }
}
