//! Compile what we emit: the committed `generated/`, copied out of the workspace as a vendoring
//! repository would, and every fixture's crate must build warning-free, clippy-clean and (for
//! `generated/`) with documentation that rustdoc accepts without a warning.

use tests::cargo;

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
    let mut members = Vec::new();
    for entry in std::fs::read_dir(root.join("tests/fixtures")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let target = xtask::emit::Target {
            crate_name: format!("fixture-{stem}"),
            version: "0.1.0".into(),
            schema_label: format!("tests/fixtures/{stem}.yaml"),
            usage: None,
            extensions: Vec::new(),
            job_model: None,
        };
        let files = xtask::generate(&path, &target).unwrap_or_else(|e| panic!("{e}"));
        xtask::write::write(&work.join(&stem), &files).unwrap();
        // Decoding and encoding tests of the generated types (tests/roundtrip/<fixture>.rs).
        let roundtrip = root.join("tests/roundtrip").join(format!("{stem}.rs"));
        if roundtrip.exists() {
            std::fs::create_dir_all(work.join(&stem).join("tests")).unwrap();
            std::fs::copy(&roundtrip, work.join(&stem).join("tests/roundtrip.rs")).unwrap();
        }
        members.push(format!("{stem:?}"));
    }
    members.sort();
    let manifest = format!("[workspace]\nmembers = [{}]\nresolver = \"3\"\n", members.join(", "));
    std::fs::write(work.join("Cargo.toml"), manifest).unwrap();
    cargo(&work, &["clippy", "--offline", "--workspace", "--all-targets", "--message-format=short", "--", "-D", "warnings"], &[]);
    cargo(&work, &["test", "--offline", "--workspace", "--test", "roundtrip", "--message-format=short"], &[]);
}
