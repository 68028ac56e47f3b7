//! Snapshots of what the generator builds from small fixture schemas and from the Scenario
//! schema: the IR (as YAML) and the emitted Rust. A description split over files
//! (`tests/fixtures/multi/`) is snapshotted by its root file, `root.yaml`. A change shows as a diff to review with
//! `cargo insta review`; under `CI=true` nothing is written and a difference fails.

use std::path::Path;

use xtask::Target;
use xtask::emit::File;

/// The good fixtures: each description of `tests/fixtures/`, and the root of each one split over
/// files in a folder of its own.
const FIXTURES: &str = "{*.yaml,*/root.yaml}";

fn target(schema: &Path) -> Target {
    Target::new(
        "fixture",
        schema
            .strip_prefix(tests::root())
            .unwrap_or(schema)
            .display()
            .to_string(),
    )
}

fn ir(path: &Path, target: &Target) -> xtask::ir::Api {
    let doc = xtask::load::load(path).unwrap_or_else(|e| panic!("{e}"));
    xtask::build_ir(&doc, target)
        .unwrap_or_else(|e| panic!("{e}"))
        .api
}

/// The Rust the generator wrote for the description, without the runtime it copies verbatim.
fn emitted_code(files: &[File]) -> String {
    let is_runtime = |path: &str| {
        xtask::emit::runtime::FILES
            .iter()
            .any(|(name, _)| path == format!("src/{name}"))
    };
    files
        .iter()
        .filter(|f| f.path.ends_with(".rs") && !is_runtime(&f.path))
        .map(|f| format!("=== {} ===\n{}", f.path, f.contents))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn fixture_ir() {
    insta::glob!("../fixtures", FIXTURES, |path| {
        insta::assert_yaml_snapshot!("ir", ir(path, &target(path)));
    });
}

/// What each fixture is read less exactly than written as, with its places; a fixture with no
/// warning has no snapshot.
#[test]
fn fixture_warnings() {
    insta::glob!("../fixtures", FIXTURES, |path| {
        let doc = xtask::load::load(path).unwrap_or_else(|e| panic!("{e}"));
        let built = xtask::build_ir(&doc, &target(path)).unwrap_or_else(|e| panic!("{e}"));
        if !built.warnings.0.is_empty() {
            let prefix = format!("{}/", tests::root().display());
            let rendered = built.warnings.render_warnings(false).replace(&prefix, "");
            insta::assert_snapshot!("warnings", rendered);
        }
    });
}

#[test]
fn fixture_code() {
    insta::glob!("../fixtures", FIXTURES, |path| {
        let files = xtask::generate(path, &target(path)).unwrap_or_else(|e| panic!("{e}"));
        insta::assert_snapshot!("code", emitted_code(&files));
    });
}

#[test]
fn scenario_ir() {
    insta::assert_yaml_snapshot!(
        "scenario_ir",
        ir(
            &tests::root().join("schema/scenario.yaml"),
            &Target::scenario(&tests::root()).unwrap()
        )
    );
}

/// The target of a fixture description with the model records of `folder` (relative to the
/// workspace), as `Target::scenario` brings those of `schema/models/`.
fn target_with_records(schema: &Path, folder: &str) -> Target {
    let mut target = target(schema);
    target.model_records = xtask::target::model_records(&tests::root(), Path::new(folder)).unwrap();
    target
}

/// The typed inputs of the fixture records (`tests/fixtures/models/`): the IR the records lower
/// to, and the Rust emitted for them.
#[test]
fn fixture_model_inputs() {
    let schema = tests::root().join("tests/fixtures/basic.yaml");
    let target = target_with_records(&schema, "tests/fixtures/models");
    insta::assert_yaml_snapshot!("model_inputs_ir", ir(&schema, &target).model_inputs);
    let files = xtask::generate(&schema, &target).unwrap_or_else(|e| panic!("{e}"));
    let inputs: Vec<File> = files
        .into_iter()
        .filter(|f| f.path.starts_with("src/inputs"))
        .collect();
    insta::assert_snapshot!("model_inputs_code", emitted_code(&inputs));
}
