//! Stage 5: the IR as files. Rust through `quote` and prettyplease, text through minijinja,
//! the hand-written runtime as it is. Nothing here reads OpenAPI.

mod auth;
mod crate_root;
mod docs;
mod models;
mod request;
mod resources;
mod responses;
pub mod runtime;
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

/// Every file of the crate, sorted by path. Files are rendered and formatted on every core:
/// tokens cannot cross threads, so each thread renders the files it formats, the largest first.
pub fn emit(api: &Api, target: &Target) -> Vec<File> {
    let jobs = jobs(api, target);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(jobs.len());
    let mut files: Vec<File> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    while let Some(job) =
                        jobs.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
                    {
                        done.push(format_one(render_one(api, target, job)));
                    }
                    done
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("an emit thread panicked"))
            .collect()
    });
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
    ResourcesMod,
    Resource(&'a crate::ir::Resource),
    Copied { name: String, source: String },
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
    let mut resources: Vec<&crate::ir::Resource> = api.resources.iter().collect();
    resources.sort_by_key(|r| std::cmp::Reverse(operation_count(r)));
    jobs.extend(resources.into_iter().map(Job::Resource));
    let copied = runtime::FILES
        .iter()
        .map(|(n, s)| (n.to_string(), s.to_string()))
        .chain(target.extensions.iter().cloned());
    jobs.extend(copied.map(|(name, source)| Job::Copied { name, source }));
    jobs
}

fn operation_count(r: &crate::ir::Resource) -> usize {
    r.operations.len() + r.children.iter().map(operation_count).sum::<usize>()
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
        Job::CargoToml => text("Cargo.toml", text::cargo_toml(target, &header("# ", ""))),
        Job::Readme => text(
            "README.md",
            text::readme(api, target, &header("<!-- ", " -->")),
        ),
        Job::Lib => rust("src/lib.rs", crate_root::lib_rs(api, target)),
        Job::Setup => rust("src/setup.rs", crate_root::setup_rs(api, target)),
        Job::Models => rust("src/models.rs", models::models(api)),
        Job::ResourcesMod => rust("src/resources/mod.rs", resources::resources_mod(api)),
        Job::Resource(r) => {
            let path = format!("src/resources/{}.rs", r.name.ident().as_str());
            rust(&path, resources::resource_file(api, r))
        }
        Job::Copied { name, source } => text(
            &format!("src/{name}"),
            format!("{}\n\n{source}", header("// ", "")),
        ),
    }
}

/// Formats a Rust file with prettyplease, under the generated-file header.
fn format_one(f: Rendered) -> File {
    let contents = match f.body {
        Body::Text(t) => t,
        Body::Rust(tokens) => {
            let file: syn::File = syn::parse2(tokens).unwrap_or_else(|e| {
                panic!("bug in the generator: {} is not valid Rust: {e}", f.path)
            });
            format!("{}\n\n{}", f.header, prettyplease::unparse(&file))
        }
    };
    File {
        path: f.path,
        contents,
    }
}
