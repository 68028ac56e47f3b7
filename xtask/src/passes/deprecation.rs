//! What each `#[deprecated]` says (of the models, their setters and the operations): the description's own note when it has one
//! (`x-deprecated-note`), else the part of its documentation that says what replaces it ("use
//! authorId instead"), else that the API deprecates it, so a user's warning is never bare.

use crate::ir::*;

/// Words of a sentence that tells what to use instead.
const POINTERS: &[&str] = &["instead", "supersed", "replaced by", "use "];

pub fn explain(api: &mut Api) {
    let note = |deprecated: bool, given: &mut Option<String>, doc: &Option<String>| {
        if deprecated && given.is_none() {
            *given = Some(note_from(doc.as_deref()));
        }
    };
    for def in &mut api.types {
        note(def.deprecated, &mut def.deprecated_note, &def.doc);
        match &mut def.kind {
            TypeKind::Struct(s) => {
                let names: Vec<(String, String)> = s
                    .fields
                    .iter()
                    .map(|f| (f.name.wire.clone(), f.name.ident().as_str().to_string()))
                    .collect();
                for f in &mut s.fields {
                    let given = f.deprecated_note.is_some();
                    note(f.deprecated, &mut f.deprecated_note, &f.doc);
                    if !given && let Some(n) = &mut f.deprecated_note {
                        *n = rust_names(n, &names);
                    }
                    // A chained setter says what its field says.
                    if let Some(setter) = &mut f.setter {
                        setter.deprecated_note = f.deprecated_note.clone();
                    }
                }
            }
            TypeKind::Enum(e) => e
                .variants
                .iter_mut()
                .for_each(|v| note(v.deprecated, &mut v.deprecated_note, &v.doc)),
            TypeKind::Union(_) | TypeKind::Alias(_) => {}
        }
    }
    // A builder's setter says what the body's field says.
    let mut notes = std::collections::BTreeMap::new();
    for (i, def) in api.types.iter().enumerate() {
        if let TypeKind::Struct(s) = &def.kind {
            for f in &s.fields {
                if let Some(n) = &f.deprecated_note {
                    notes.insert((TypeId(i), f.name.wire.clone()), n.clone());
                }
            }
        }
    }
    api.each_operation_mut(|op| {
        note(op.deprecated, &mut op.deprecated_note, &op.doc);
        for input in &mut op.inputs {
            if let InputKind::Fields(fields) = &mut input.kind {
                for setter in &mut fields.setters {
                    let key = (fields.ty, setter.name.wire.clone());
                    setter.deprecated_note = notes.get(&key).cloned();
                }
            }
        }
    });
}

/// The clause of `doc` that says what to use instead, as a sentence.
fn note_from(doc: Option<&str>) -> String {
    let clause = doc.into_iter().flat_map(clauses).find(|c| {
        let lower = c.to_lowercase();
        POINTERS.iter().any(|p| lower.contains(p))
    });
    match clause {
        Some(c) => {
            let mut chars = c.chars();
            let first = chars.next().map(|f| f.to_uppercase().to_string());
            format!("{}{}.", first.unwrap_or_default(), chars.as_str())
        }
        None => "Deprecated by the API, which may remove it.".to_string(),
    }
}

/// `note` with each word that is the wire name of a field written as its Rust name, in code
/// style: "use `author_id` instead", as the user writes it.
fn rust_names(note: &str, fields: &[(String, String)]) -> String {
    let mut out = String::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        match fields.iter().find(|(wire, _)| wire == word) {
            Some((_, rust)) => out.push_str(&format!("`{rust}`")),
            None => out.push_str(word),
        }
        word.clear();
    };
    for c in note.chars() {
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// The sentences and `;`-separated clauses of a text, trimmed, without their final stop.
fn clauses(text: &str) -> impl Iterator<Item = &str> {
    text.split(". ")
        .flat_map(|s| s.split(';'))
        .map(|c| c.trim().trim_end_matches('.'))
        .filter(|c| !c.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_note_is_what_the_description_says_to_use_instead() {
        assert_eq!(
            note_from(Some(
                "ID of the user who created the model. Use authorId instead."
            )),
            "Use authorId instead."
        );
        assert_eq!(
            note_from(Some("Input image as an asset ID; use image instead.")),
            "Use image instead."
        );
        assert_eq!(
            note_from(Some("Edits an image. Superseded by generate.run_model.")),
            "Superseded by generate.run_model."
        );
        assert_eq!(
            note_from(Some(
                "Horizontal expansion ratio of older outpainting tools."
            )),
            "Deprecated by the API, which may remove it."
        );
        assert_eq!(
            note_from(None),
            "Deprecated by the API, which may remove it."
        );
    }

    #[test]
    fn a_note_the_description_gives_is_kept() {
        use super::super::graph::tests::{api, field, structure};
        let mut api = api(vec![structure("Body", &[])]);
        let TypeKind::Struct(s) = &mut api.types[0].kind else {
            unreachable!()
        };
        s.fields = vec![
            Field {
                deprecated: true,
                deprecated_note: Some("Gone in v2.".into()),
                doc: Some("Use b instead.".into()),
                ..field("a", TypeRef::String)
            },
            Field {
                deprecated: true,
                doc: Some("Old; use a or authorId instead".into()),
                ..field("b", TypeRef::String)
            },
            field("authorId", TypeRef::String),
            field("c", TypeRef::String),
        ];
        super::super::naming::assign(&mut api);
        explain(&mut api);
        let TypeKind::Struct(s) = &api.types[0].kind else {
            unreachable!()
        };
        let notes: Vec<Option<&str>> = s
            .fields
            .iter()
            .map(|f| f.deprecated_note.as_deref())
            .collect();
        assert_eq!(
            notes,
            [
                Some("Gone in v2."),
                Some("Use `a` or `author_id` instead."),
                None,
                None
            ]
        );
    }
}
