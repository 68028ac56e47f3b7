//! Stage 5: the IR as files. Rust through `quote` and prettyplease, text through minijinja,
//! the hand-written runtime as it is. Nothing here reads OpenAPI.

mod auth;
mod body;
mod crate_root;
mod docs;
pub mod format;
mod model_inputs;
mod models;
mod request;
mod resources;
mod responses;
pub mod runtime;
mod setters;
mod text;
mod types;
mod validation;

use proc_macro2::TokenStream;

use crate::ir::Api;
use crate::target::Target;

/// A file of the generated crate, by its path relative to the crate's root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub path: String,
    pub contents: String,
}

/// A file as emitted, before Rust is formatted.
struct Rendered {
    pub path: String,
    header: String,
    body: Body,
}

enum Body {
    Rust(TokenStream),
    Text(String),
}

/// Every file of the crate, sorted by path, each Rust file taken from `cache` when it was
/// formatted before from the same tokens ([`format`]). Files are rendered and formatted on every
/// core: tokens cannot cross threads, so each thread renders the files it formats, the largest
/// first.
pub fn emit(api: &Api, target: &Target, cache: Option<&format::Cache>) -> Vec<File> {
    let jobs = jobs(api, target);
    let mut files =
        crate::parallel::map(&jobs, |job| format_one(render_one(api, target, job), cache));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// One file to write, cheap to list: the work is in [`render_one`].
enum Job<'a> {
    CargoToml,
    Readme,
    Lib,
    Setup,
    Models,
    ModelTopic(&'a crate::ir::ModelFile),
    /// `src/inputs.rs`, and the typed inputs of one model.
    InputsMod,
    ModelInputs(&'a crate::ir::ModelInputs),
    ResourcesMod,
    /// A resource, with the names that lead to it from `resources`.
    Resource(&'a crate::ir::Resource, Vec<&'a crate::ir::Ident>),
    /// The builder of an operation in a file of its own, in its resource's folder.
    Operation(
        &'a crate::ir::Resource,
        Vec<&'a crate::ir::Ident>,
        &'a crate::ir::Operation,
    ),
    Copied {
        name: String,
        source: String,
    },
}

/// Every file, the biggest (the models) first so that the others fill the other cores.
fn jobs<'a>(api: &'a Api, target: &Target) -> Vec<Job<'a>> {
    let mut jobs = vec![
        Job::Models,
        Job::Lib,
        Job::Setup,
        Job::ResourcesMod,
        Job::CargoToml,
        Job::Readme,
    ];
    jobs.extend(api.model_files.iter().map(Job::ModelTopic));
    if !api.model_inputs.is_empty() {
        jobs.push(Job::InputsMod);
        jobs.extend(api.model_inputs.iter().map(Job::ModelInputs));
    }
    let mut resources = resources::resource_paths(api);
    resources.sort_by_key(|(r, _)| std::cmp::Reverse(r.operations.len()));
    for (r, path) in resources {
        let own_files = r.operations.iter().filter(|op| op.module.is_some());
        jobs.extend(own_files.map(|op| Job::Operation(r, path.clone(), op)));
        jobs.push(Job::Resource(r, path));
    }
    let copied = runtime::FILES
        .iter()
        .map(|(n, s)| (n.to_string(), runtime::with_parts(s, &api.runtime_parts())))
        .chain(target.extensions.iter().cloned());
    jobs.extend(copied.map(|(name, source)| Job::Copied { name, source }));
    jobs
}

fn render_one(api: &Api, target: &Target, job: &Job) -> Rendered {
    let line = target.header_line();
    let header = |prefix: &str, suffix: &str| format!("{prefix}{line}{suffix}");
    let rust = |path: &str, tokens: TokenStream| Rendered {
        path: path.to_string(),
        header: header("// ", ""),
        body: Body::Rust(tokens),
    };
    let text = |path: &str, contents: String| Rendered {
        path: path.to_string(),
        header: String::new(),
        body: Body::Text(contents),
    };
    match job {
        Job::CargoToml => text(
            "Cargo.toml",
            text::cargo_toml(api, target, &header("# ", "")),
        ),
        Job::Readme => text(
            "README.md",
            text::readme(api, target, &header("<!-- ", " -->")),
        ),
        Job::Lib => rust("src/lib.rs", crate_root::lib_rs(api, target)),
        Job::Setup => rust("src/setup.rs", crate_root::setup_rs(api, target)),
        Job::Models => rust("src/models.rs", models::models(api)),
        Job::ModelTopic(t) => rust(
            &format!("src/models/{}.rs", t.name.as_str()),
            models::topic(api, t),
        ),
        Job::InputsMod => rust("src/inputs.rs", model_inputs::inputs_mod(api)),
        Job::ModelInputs(m) => rust(
            &format!("src/inputs/{}.rs", crate::ir::named(&m.module).as_str()),
            model_inputs::model_file(m),
        ),
        Job::ResourcesMod => rust("src/resources/mod.rs", resources::resources_mod(api)),
        Job::Resource(r, path) => {
            let names: Vec<&str> = path.iter().map(|i| i.as_str()).collect();
            let file = format!("src/resources/{}.rs", names.join("/"));
            rust(&file, resources::resource_file(api, r, path))
        }
        Job::Operation(r, path, op) => {
            let mut names: Vec<&str> = path.iter().map(|i| i.as_str()).collect();
            names.extend(op.module.as_ref().map(|m| m.as_str()));
            let file = format!("src/resources/{}.rs", names.join("/"));
            rust(&file, resources::operation_file(api, r, path, op))
        }
        Job::Copied { name, source } => text(
            &format!("src/{name}"),
            format!("{}\n\n{source}", header("// ", "")),
        ),
    }
}

/// Formats a Rust file with prettyplease, under the generated-file header.
fn format_one(f: Rendered, cache: Option<&format::Cache>) -> File {
    let contents = match f.body {
        Body::Text(t) => t,
        Body::Rust(tokens) => {
            format!("{}\n\n{}", f.header, format::rust(&f.path, tokens, cache))
        }
    };
    File {
        path: f.path,
        contents,
    }
}
