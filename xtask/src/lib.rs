//! `cargo xtask codegen`: an OpenAPI description in, a Rust client crate out.
//!
//! The stages, one module each, in the order data flows through them:
//! [`load`] -> [`validate`] -> [`lower`] (to the [`ir`]) -> [`passes`] -> [`emit`] -> [`write`].
//! What a stage reads less exactly than written goes to the [`warnings`] channel of the document.
//! [`corpus`] runs the whole pipeline and `cargo check` over real descriptions, built as
//! [`standalone`] crates.

pub mod bench;
pub mod corpus;
pub mod diagnostics;
pub mod emit;
pub mod ir;
pub mod load;
pub mod lower;
pub mod passes;
pub mod standalone;
pub mod validate;
pub mod warnings;
pub mod write;

use std::path::{Path, PathBuf};

use diagnostics::Diagnostics;
use emit::{File, Target};
use ir::Api;
use load::Document;

/// The description, checked and lowered, with every pass run.
pub fn build_ir(doc: &Document) -> Result<Api, Diagnostics> {
    validate::validate(doc)?;
    let mut api = lower::lower(doc);
    passes::run(&mut api);
    Ok(api)
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
    pub types: usize,
}

/// The crate generated from the description at `schema`, with the warnings about it.
pub fn generate_with_warnings(schema: &Path, target: &Target) -> Result<Generated, Diagnostics> {
    let doc = load::load(schema)?;
    let api = build_ir(&doc)?;
    let operations = api.operations().len();
    Ok(Generated {
        files: emit::emit(&api, target),
        warnings: doc.warnings(),
        operations,
        types: api.types.len(),
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
    let crate_name = "scenario-sdk".to_string();
    let extensions_dir = root.join("templates/extensions").join(&crate_name);
    let mut extensions: Vec<(String, String)> = std::fs::read_dir(&extensions_dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .map(|p| {
            let source = std::fs::read_to_string(&p)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()));
            (
                p.file_name()
                    .expect("a file")
                    .to_string_lossy()
                    .into_owned(),
                source,
            )
        })
        .collect();
    extensions.sort();
    let target = Target {
        extensions,
        // Scenario's generations run as jobs, which the `wait` extension polls.
        job_model: Some("Job".to_string()),
        usage: std::fs::read_to_string(
            root.join("templates/usage")
                .join(format!("{crate_name}.md")),
        )
        .ok(),
        crate_name,
        version: "0.1.0".to_string(),
        schema_label: "schema/scenario.yaml".to_string(),
    };
    (
        root.join("schema/scenario.yaml"),
        root.join("generated"),
        target,
    )
}
