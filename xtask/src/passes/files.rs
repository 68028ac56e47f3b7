//! Which file of `models` each type is written in: the topic of the file its schema came from.
//!
//! A description split over files already groups its schemas by topic
//! (`components/job.yaml`); the generated crate keeps that grouping (`models/job.rs`), so a
//! reader finds a type where the description's author put it. Schemas written inline in a file
//! of path items (`paths/models.yaml`) join the topic of the same name in the singular
//! (`components/model.yaml`) when there is one. Types of the description's own file, and every
//! type of a description in one file, stay in `models` itself.

use std::collections::BTreeMap;

use crate::ir::*;
use crate::names::snake;

/// Module names a topic must not take: the parent's own (clippy's `module_inception`) and
/// the one Rust gives a folder's module.
const TAKEN: &[&str] = &["models", "mod"];

pub fn assign(api: &mut Api) {
    let stems: Vec<Option<String>> = api
        .types
        .iter()
        .map(|def| def.origin.as_deref().map(stem))
        .collect();
    let known: Vec<String> = stems.iter().flatten().cloned().collect();
    let mut modules: BTreeMap<String, Ident> = BTreeMap::new();
    for (def, stem) in api.types.iter_mut().zip(stems) {
        def.file = stem.map(|stem| {
            let topic = singular_of(&stem, &known).unwrap_or(stem);
            modules
                .entry(topic.clone())
                .or_insert_with(|| module_name(&topic))
                .clone()
        });
    }
}

/// `components/job.yaml` -> `job`.
fn stem(origin: &str) -> String {
    let name = origin.rsplit('/').next().unwrap_or(origin);
    name.split('.').next().unwrap_or(name).to_string()
}

/// The topic `stem` names in the plural, when another file names it in the singular.
fn singular_of(stem: &str, known: &[String]) -> Option<String> {
    let singular = stem.strip_suffix('s')?;
    known
        .iter()
        .any(|k| k == singular)
        .then(|| singular.to_string())
}

/// A legal module name for a topic, clear of the names a module of `models` cannot take.
fn module_name(topic: &str) -> Ident {
    let name = snake(topic);
    if TAKEN.contains(&name.as_str()) {
        snake(&format!("{topic}_types"))
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::super::graph::tests::{api, structure};
    use super::*;

    fn from(name: &str, origin: Option<&str>) -> TypeDef {
        TypeDef {
            origin: origin.map(str::to_string),
            ..structure(name, &[])
        }
    }

    fn files(api: &Api) -> Vec<Option<String>> {
        api.types
            .iter()
            .map(|d| d.file.as_ref().map(|f| f.as_str().to_string()))
            .collect()
    }

    #[test]
    fn types_go_to_the_topic_of_their_file() {
        let mut mixed = api(vec![
            from("Job", Some("components/job.yaml")),
            from("Model", Some("components/model.yaml")),
            from("ListModelsResponse", Some("paths/models.yaml")),
            from("Upload", Some("paths/uploads.yaml")),
            from("Root", None),
            from("Weird", Some("schemas/type.yaml")),
            from("Inception", Some("mod.yaml")),
            from("Inception2", Some("schemas/models.yaml")),
        ]);
        assign(&mut mixed);
        assert_eq!(
            files(&mixed),
            [
                Some("job"),
                Some("model"),
                Some("model"),
                Some("uploads"),
                None,
                Some("type"),
                Some("mod_types"),
                Some("model"),
            ]
            .map(|f| f.map(str::to_string))
        );
        assert!(mixed.types[5].file.as_ref().unwrap().is_raw());
        let mut one = api(vec![from("Pet", Some("models.yaml"))]);
        assign(&mut one);
        assert_eq!(files(&one), [Some("models_types".to_string())]);
    }
}
