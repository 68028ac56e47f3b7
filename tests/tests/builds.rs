//! Compile what we emit: the committed `generated/`, copied out of the workspace as a vendoring
//! repository would, and every fixture's crate must build warning-free, clippy-clean and (for
//! `generated/`) with documentation that rustdoc accepts without a warning.

use std::path::Path;

/// Runs cargo in `dir` (a workspace of its own) against the lock file of ours, with a target
/// folder shared by these tests so dependencies build once; fails with cargo's output.
fn cargo(dir: &Path, args: &[&str], env: &[(&str, &str)]) {
    let root = tests::root();
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let run = xtask::standalone::cargo(dir, args, &xtask::standalone::target_dir(&root), env).unwrap();
    assert!(run.success, "`cargo {}` failed in {}:\n{}", args.join(" "), dir.display(), run.stderr);
    assert!(run.warnings().is_empty(), "`cargo {}` warned in {}:\n{}", args.join(" "), dir.display(), run.stderr);
}

#[test]
fn generated_builds_alone_clippy_and_doc_clean() {
    let root = tests::root();
    let copy = root.join("target/vendored/scenario-sdk");
    let _ = std::fs::remove_dir_all(&copy);
    std::fs::create_dir_all(copy.join("src/resources")).unwrap();
    let (schema, _, target) = xtask::default_job();
    // The committed files, not freshly generated ones: drift.rs proves they are the same.
    for f in xtask::generate(&schema, &target).unwrap() {
        std::fs::copy(root.join("generated").join(&f.path), copy.join(&f.path)).unwrap();
    }
    // An empty [workspace] makes the copy a workspace of its own, as in a vendoring repo.
    let manifest = std::fs::read_to_string(copy.join("Cargo.toml")).unwrap() + "\n[workspace]\n";
    std::fs::write(copy.join("Cargo.toml"), manifest).unwrap();
    cargo(&copy, &["clippy", "--offline", "--all-targets", "--message-format=short", "--", "-D", "warnings"], &[]);
    cargo(
        &copy,
        &["clippy", "--offline", "--all-targets", "--features", "tracing", "--message-format=short", "--", "-D", "warnings"],
        &[],
    );
    cargo(&copy, &["doc", "--offline", "--no-deps", "--message-format=short"], &[("RUSTDOCFLAGS", "-D warnings")]);
}

#[test]
fn every_fixture_crate_is_clippy_clean() {
    let root = tests::root();
    let work = root.join("target/fixture-crates");
    let _ = std::fs::remove_dir_all(&work);
    let mut crates = Vec::new();
    for entry in std::fs::read_dir(root.join("tests/fixtures")).unwrap() {
        let path = entry.unwrap().path();
        // A description split over files is a folder with its `root.yaml`.
        let (stem, path) = match path.is_dir() {
            true => (path.file_name().unwrap().to_string_lossy().to_string(), path.join("root.yaml")),
            false => (path.file_stem().unwrap().to_string_lossy().to_string(), path),
        };
        if !path.is_file() || path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let target = xtask::emit::Target {
            crate_name: format!("fixture-{stem}"),
            version: "0.1.0".into(),
            schema_label: path.strip_prefix(&root).unwrap().display().to_string(),
            usage: None,
            extensions: Vec::new(),
            job_model: None,
        };
        crates.push((stem, xtask::generate(&path, &target).unwrap_or_else(|e| panic!("{e}"))));
    }
    xtask::standalone::write_workspace(&root, &work, &crates).unwrap();
    cargo(&work, &["clippy", "--offline", "--workspace", "--all-targets", "--message-format=short", "--", "-D", "warnings"], &[]);
}
