//! `cargo xtask codegen`: an OpenAPI description in, a Rust client crate out.
//!
//! The stages, one module each, in the order data flows through them:
//! [`load`] -> [`validate`] -> [`lower`] (to the [`ir`]) -> [`passes`] -> [`emit`] -> [`write`].
//! Beside them: [`diagnostics`] (errors and warnings as data), [`names`] (what a wire name
//! becomes in Rust), [`target`] (what is generated beyond the description), [`diff`] (what a
//! change of the description does to the crate's callers) and [`versioning`] (the crate's
//! version and changelog, from the description recorded in the output folder). What a stage
//! reads less exactly than written is a warning it returns; [`build_ir`] gathers them.
//! The command line checks names with [`crate_name`] and prints through [`print`]; loading
//! and emit spread their files over the cores with [`parallel`]. The tools
//! that measure the generator (bench, corpus, standalone builds) live in the `tests` package, so
//! that neither this library nor the codegen binary carries them.

pub mod crate_name;
pub mod diagnostics;
pub mod diff;
pub mod emit;
pub mod ir;
pub mod load;
pub mod lower;
pub mod names;
pub mod parallel;
pub mod passes;
pub mod print;
pub mod target;
pub mod validate;
pub mod versioning;
pub mod write;

use std::path::{Path, PathBuf};

use diagnostics::{Diagnostic, Diagnostics};
use emit::File;
use ir::Api;
use load::Document;
pub use target::Target;

/// The IR of a description, and what every stage read less exactly than written.
pub struct Built {
    pub api: Api,
    /// Placed, sorted, each once.
    pub warnings: Diagnostics,
}

/// The description, checked and lowered, with every pass run for `target`.
pub fn build_ir(doc: &Document, target: &Target) -> Result<Built, Diagnostics> {
    let mut warnings = doc.warnings.clone();
    warnings.extend(validate::validate(doc)?);
    let records = model_records(target)?;
    warnings.extend(validate::records::validate(&records)?);
    let (mut api, lowered) = lower::lower(doc);
    warnings.extend(lowered);
    api.model_inputs = lower::records::lower(&records);
    passes::run(&mut api, target).map_err(|p| {
        Diagnostics(vec![
            doc.place(Diagnostic::new(&doc.file, p.pointer, p.message)),
        ])
    })?;
    let mut warnings: Vec<Diagnostic> = warnings.into_iter().map(|d| doc.place(d)).collect();
    warnings.sort();
    warnings.dedup();
    Ok(Built {
        api,
        warnings: Diagnostics(warnings),
    })
}

/// The target's model records, read (the first that is not JSON is the error).
fn model_records(target: &Target) -> Result<Vec<Document>, Diagnostics> {
    let records = target
        .model_records
        .iter()
        .map(|(file, text)| load::parse(Path::new(file), text))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(records)
}

/// Every file of the crate generated from the description at `schema`.
pub fn generate(schema: &Path, target: &Target) -> Result<Vec<File>, Diagnostics> {
    Ok(generate_with_warnings(schema, target)?.files)
}

/// What one run made of a description: the crate, the warnings, and counts for reports.
pub struct Generated {
    pub files: Vec<File>,
    /// What the generator read less exactly than it is written, placed and sorted.
    pub warnings: Diagnostics,
    pub operations: usize,
    /// The types the crate writes (those nothing uses, copies of another's shape among them,
    /// are left out).
    pub types: usize,
}

/// The crate generated from the description at `schema`, with the warnings about it, at the
/// target's version (no output folder holds a record of an earlier one).
pub fn generate_with_warnings(schema: &Path, target: &Target) -> Result<Generated, Diagnostics> {
    generate_versioned(schema, None, target, None)
}

/// The crate generated from the description at `schema` for the folder `out`, its version moved
/// from the one `out` records by the changes since ([`versioning`]).
pub fn generate_into(schema: &Path, out: &Path, target: &Target) -> Result<Generated, Diagnostics> {
    generate_versioned(schema, Some(out), target, None)
}

/// [`generate_into`], with the Rust files formatted in an earlier run taken from `cache` where
/// their tokens are the same ([`emit::format`]): what `cargo xtask codegen` runs.
pub fn generate_cached(
    schema: &Path,
    out: &Path,
    target: &Target,
    cache: Option<&emit::format::Cache>,
) -> Result<Generated, Diagnostics> {
    generate_versioned(schema, Some(out), target, cache)
}

fn generate_versioned(
    schema: &Path,
    out: Option<&Path>,
    target: &Target,
    cache: Option<&emit::format::Cache>,
) -> Result<Generated, Diagnostics> {
    let doc = load::load(schema)?;
    // The description as the record holds it is written on the other core meanwhile: the two
    // read the document and nothing else.
    let (built, record) = std::thread::scope(|scope| {
        let record = scope.spawn(|| versioning::record_body(&doc));
        let built = build_ir(&doc, target);
        (built, record.join().expect("writing the record panicked"))
    });
    let Built { api, warnings } = built?;
    let record = record?;
    let versioned = versioning::version(&record, &api, out, target)?;
    // The IR holds all emit needs: the tree, its source maps and its YAML (copied into the
    // record file) go before the files are made.
    drop((doc, record));
    let target = Target {
        version: versioned.version,
        ..target.clone()
    };
    let mut files = emit::emit(&api, &target, cache);
    files.extend(versioned.files);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Generated {
        files,
        warnings,
        operations: api.operations().len(),
        types: api.types.iter().filter(|t| t.usage.used).count(),
    })
}

/// The workspace's root folder (where `schema/` and `generated/` are).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits in the workspace")
        .to_path_buf()
}

/// What `cargo xtask codegen` does without flags: `schema/scenario.yaml` to `generated/`.
pub fn default_job() -> (PathBuf, PathBuf, Target) {
    let root = workspace_root();
    let target = Target::scenario(&root).unwrap_or_else(|e| panic!("{e}"));
    (
        root.join("schema/scenario.yaml"),
        root.join("generated"),
        target,
    )
}
