//! Snapshots of what the generator builds from small fixture schemas and from the Scenario
//! schema: the IR (as YAML) and the emitted Rust. A change shows as a diff to review with
//! `cargo insta review`; under `CI=true` nothing is written and a difference fails.

use std::path::Path;

use xtask::emit::{File, Target};

fn target(schema: &Path) -> Target {
    Target {
        crate_name: "fixture".to_string(),
        version: "0.1.0".to_string(),
        schema_label: format!("tests/fixtures/{}", schema.file_name().unwrap().to_string_lossy()),
        usage: None,
            extensions: Vec::new(),
            job_model: None,
    }
}

fn ir(path: &Path) -> xtask::ir::Api {
    let doc = xtask::load::load(path).unwrap_or_else(|e| panic!("{e}"));
    xtask::build_ir(&doc).unwrap_or_else(|e| panic!("{e}"))
}

/// The Rust the generator wrote for the description, without the runtime it copies verbatim.
fn emitted_code(files: &[File]) -> String {
    let is_runtime = |path: &str| xtask::emit::runtime::FILES.iter().any(|(name, _)| path == format!("src/{name}"));
    files
        .iter()
        .filter(|f| f.path.ends_with(".rs") && !is_runtime(&f.path))
        .map(|f| format!("=== {} ===\n{}", f.path, f.contents))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn fixture_ir() {
    insta::glob!("../fixtures", "*.yaml", |path| {
        insta::assert_yaml_snapshot!("ir", ir(path));
    });
}

#[test]
fn fixture_code() {
    insta::glob!("../fixtures", "*.yaml", |path| {
        let files = xtask::generate(path, &target(path)).unwrap_or_else(|e| panic!("{e}"));
        insta::assert_snapshot!("code", emitted_code(&files));
    });
}

#[test]
fn scenario_ir() {
    insta::assert_yaml_snapshot!("scenario_ir", ir(&tests::root().join("schema/scenario.yaml")));
}
