//! Which file of `models` each type is written in, and which builders of `resources` have a
//! file of their own.
//!
//! A type goes to the file of the topic of the file its schema came from.
//!
//! A description split over files already groups its schemas by topic
//! (`components/job.yaml`); the generated crate keeps that grouping (`models/job.rs`), so a
//! reader finds a type where the description's author put it. Schemas written inline in the
//! operations of a file of path items (`paths/models.yaml`) are the bodies of those
//! operations: they go to a file of their own beside the topic, named in the singular when
//! another file names the topic so (`models/model_bodies.rs` beside `models/model.rs`), which
//! also keeps the long request bodies of a big resource out of its topic's file. Types of the
//! description's own file, and every type of a description in one file, stay in `models`
//! itself.

use std::collections::BTreeMap;

use super::graph::holds;
use crate::ir::*;
use crate::names::{PRELUDE, snake};

/// Module names a topic must not take: the parent's own (clippy's `module_inception`), the one
/// Rust gives a folder's module, and the crates models name by path.
const TAKEN: &[&str] = &[
    "models",
    "mod",
    "std",
    "core",
    "alloc",
    "serde",
    "serde_json",
];

pub fn assign(api: &mut Api) {
    api.needs.shadowed_prelude = api
        .types
        .iter()
        .map(|def| def.name.ident().as_str())
        .filter(|n| PRELUDE.contains(n))
        .map(str::to_string)
        .collect();
    let mut stems: Vec<Option<String>> = api
        .types
        .iter()
        .map(|def| def.origin.as_deref().map(stem))
        .collect();
    let unfiled = api
        .types
        .iter()
        .zip(&stems)
        .filter(|(def, stem)| def.usage.used && stem.is_none())
        .count();
    if unfiled > TYPES_IN_MODELS {
        let by_resource = by_resource(api);
        for (stem, topic) in stems.iter_mut().zip(by_resource) {
            stem.get_or_insert(topic);
        }
    }
    split_big_topics(api, &mut stems);
    let known: Vec<String> = stems.iter().flatten().cloned().collect();
    let mut modules: BTreeMap<String, Ident> = BTreeMap::new();
    for (def, stem) in api.types.iter_mut().zip(stems) {
        let inline_in_operation = def.source.starts_with("/paths/");
        // A type nothing uses is not written, and must not make a file.
        def.file = stem.filter(|_| def.usage.used).map(|stem| {
            let mut topic = singular_of(&stem, &known).unwrap_or(stem);
            if inline_in_operation {
                topic.push_str("_bodies");
            }
            // Keyed by the module: topics that differ only in case (`AI`, `ai`) are one file.
            let module = module_name(&topic);
            modules
                .entry(module.as_str().to_string())
                .or_insert(module)
                .clone()
        });
    }
    let mut files: Vec<ModelFile> = modules
        .into_values()
        .map(|name| ModelFile {
            name,
            imports: false,
        })
        .collect();
    files.sort_by(|a, b| a.name.cmp(&b.name));
    for def in &api.types {
        let Some(file) = &def.file else { continue };
        let elsewhere = holds(api, def)
            .into_iter()
            .any(|id| api.get(id).file.as_ref() != Some(file));
        if elsewhere {
            let at = files.iter().position(|f| &f.name == file);
            files[at.expect("every file is listed")].imports = true;
        }
    }
    api.model_files = files;
    api.resources.iter_mut().for_each(split);
}

/// How many operations a resource's file holds with their builders; a resource with more
/// gives each builder a file of its own below its folder, so that no file grows past what a
/// reader pages through (34 generation builders made one of 6,600 lines).
const BUILDERS_PER_FILE: usize = 12;

/// Each builder of a resource with many operations in a file named for its method (the
/// method's name is clear of its siblings' and of the child resources' modules).
fn split(r: &mut Resource) {
    let own_files = r.operations.len() > BUILDERS_PER_FILE;
    for op in &mut r.operations {
        op.module = own_files.then(|| op.name.ident().clone());
    }
    r.children.iter_mut().for_each(split);
}

/// How many types of the description's own file `models` holds itself; a description that
/// has more (a big one in one file: 2,000 types made one file of 190,000 lines) gets them in
/// files by the resource whose operations use them.
const TYPES_IN_MODELS: usize = 40;

/// How many types a file of `models` holds before they are grouped further.
const TYPES_PER_FILE: usize = 100;

/// The HTTP methods, as operation-derived names start.
const VERBS: &[&str] = &["get", "put", "post", "patch", "delete", "head", "options"];

/// How many types of a big topic share the first word of their names to make a file of it.
const TYPES_PER_WORD: usize = 3;

/// The types of a topic too big for one file, grouped by the first word of their names
/// (`GuildMember`, `GuildRole` -> `guild`), where enough share one; the others stay.
fn split_big_topics(api: &Api, stems: &mut [Option<String>]) {
    // A name made from an operation starts with its verb (`GetAssetsResponse`): the verb and
    // the next word then (`get_assets`).
    let word = |def: &TypeDef| {
        let snake = snake(def.name.ident().as_str());
        let mut words = snake.as_str().split('_');
        let first = words.next().unwrap_or_default();
        match words.next() {
            Some(next) if VERBS.contains(&first) => format!("{first}_{next}"),
            _ => first.to_string(),
        }
    };
    let mut per_topic: BTreeMap<&str, usize> = BTreeMap::new();
    let mut per_word: BTreeMap<(&str, String), usize> = BTreeMap::new();
    for (def, stem) in api.types.iter().zip(stems.iter()) {
        if let (true, Some(topic)) = (def.usage.used, stem) {
            *per_topic.entry(topic).or_default() += 1;
            *per_word.entry((topic, word(def))).or_default() += 1;
        }
    }
    let grouped: Vec<Option<String>> = api
        .types
        .iter()
        .zip(stems.iter())
        .map(|(def, stem)| {
            let topic = stem.as_deref()?;
            let w = word(def);
            let big = per_topic.get(topic).is_some_and(|n| *n > TYPES_PER_FILE);
            let shared = per_word
                .get(&(topic, w.clone()))
                .is_some_and(|n| *n >= TYPES_PER_WORD);
            (def.usage.used && big && shared && !w.is_empty()).then_some(w)
        })
        .collect();
    for (stem, word) in stems.iter_mut().zip(grouped) {
        if word.is_some() {
            *stem = word;
        }
    }
}

/// For each type, the top-level resource whose operations alone reach it, or `shared`.
fn by_resource(api: &Api) -> Vec<String> {
    let ops = api.resources.iter().flat_map(|r| {
        r.all_operations()
            .into_iter()
            .map(move |op| (&r.name.wire, op))
    });
    super::graph::reached_by(api, ops)
        .into_iter()
        .map(|set| match set.len() {
            1 => set.into_iter().next().expect("one").clone(),
            _ => "shared".to_string(),
        })
        .collect()
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
        let mut def = TypeDef {
            origin: origin.map(str::to_string),
            ..structure(name, &[])
        };
        def.name.rust = Some(crate::names::camel(name, "T"));
        def.usage.used = true;
        def
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
            from("ModelList", Some("paths/models.yaml")),
            TypeDef {
                source: "/paths/~1models/get/responses/200/content/application~1json/schema".into(),
                ..from("ListModelsResponse", Some("paths/models.yaml"))
            },
            from("Upload", Some("paths/uploads.yaml")),
            from("Root", None),
            from("Weird", Some("schemas/type.yaml")),
            from("Inception", Some("mod.yaml")),
            TypeDef {
                usage: Usage::default(),
                ..from("Unused", Some("components/unused.yaml"))
            },
            from("Inception2", Some("schemas/models.yaml")),
        ]);
        assign(&mut mixed);
        assert_eq!(
            files(&mixed),
            [
                Some("job"),
                Some("model"),
                Some("model"),
                Some("model_bodies"),
                Some("uploads"),
                None,
                Some("type"),
                Some("mod_types"),
                None,
                Some("model"),
            ]
            .map(|f| f.map(str::to_string))
        );
        assert!(mixed.types[6].file.as_ref().unwrap().is_raw());
        assert!(
            !mixed
                .model_files
                .iter()
                .any(|f| f.name.as_str() == "unused")
        );
        // Topics that differ only in case are one file.
        let mut cased = api(vec![
            from("X", Some("a/AI.yaml")),
            from("Y", Some("b/ai.yaml")),
        ]);
        assign(&mut cased);
        assert_eq!(
            files(&cased),
            [Some("ai"), Some("ai")].map(|f| f.map(str::to_string))
        );
        assert_eq!(cased.model_files.len(), 1);
        let mut one = api(vec![from("Pet", Some("models.yaml"))]);
        assign(&mut one);
        assert_eq!(files(&one), [Some("models_types".to_string())]);
    }

    #[test]
    fn a_big_description_in_one_file_is_filed_by_resource_then_by_first_word() {
        // Types of the root file: `PetTag` used by `pets` alone, `Shared` by both resources,
        // and more than a file holds of `StoreItem…` and `GetOrders…` types, used by `shop`.
        let mut types = vec![from("Shared", None), from("PetTag", None)];
        types.extend((0..TYPES_PER_FILE + 1).map(|i| from(&format!("StoreItem{i}"), None)));
        types.extend(["A", "B", "C"].map(|x| from(&format!("GetOrders{x}"), None)));
        let mut big = api(types);
        let op = |names: &[usize]| {
            let mut op = crate::passes::inputs::tests::operation(None);
            op.params = names
                .iter()
                .map(|&i| Param {
                    name: Name::wire("p"),
                    location: ParamLocation::Query,
                    doc: None,
                    ty: TypeRef::Named(TypeId(i)),
                    required: false,
                    style: ParamStyle::Form,
                    explode: true,
                    deprecated: false,
                    constraints: Constraints::default(),
                    encoding: Encoding::Json,
                })
                .collect();
            op
        };
        let resource = |name: &str, op: Operation| Resource {
            name: Name::wire(name),
            doc: None,
            handle: None,
            operations: vec![op],
            children: Vec::new(),
        };
        let n = big.types.len();
        big.resources = vec![
            resource("pets", op(&[0, 1])),
            resource("shop", op(&(0..n).filter(|&i| i != 1).collect::<Vec<_>>())),
        ];
        assign(&mut big);
        let files = files(&big);
        assert_eq!(files[0].as_deref(), Some("shared"));
        assert_eq!(files[1].as_deref(), Some("pets"));
        // `StoreItem0`..: too many for the file of `shop`, and they share their first word.
        assert_eq!(files[2].as_deref(), Some("store"));
        assert!(files[2..n - 3].iter().all(|f| f == &files[2]));
        // A name made from an operation is grouped by its verb and the next word.
        assert_eq!(files[n - 1].as_deref(), Some("get_orders"));
    }
}
