//! Compile what we emit: every fixture's crate must build warning-free and clippy-clean, as the
//! committed `generated/` must.

use std::process::Command;

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
        };
        let files = xtask::generate(&path, &target).unwrap_or_else(|e| panic!("{e}"));
        xtask::write::write(&work.join(&stem), &files).unwrap();
        members.push(format!("{stem:?}"));
    }
    members.sort();
    let manifest = format!("[workspace]\nmembers = [{}]\nresolver = \"3\"\n", members.join(", "));
    std::fs::write(work.join("Cargo.toml"), manifest).unwrap();
    // The workspace's lock file pins the same dependencies `generated/` builds with.
    std::fs::copy(root.join("Cargo.lock"), work.join("Cargo.lock")).unwrap();

    let out = Command::new(env!("CARGO"))
        .args(["clippy", "--offline", "--workspace", "--all-targets", "--message-format=short", "--", "-D", "warnings"])
        .current_dir(&work)
        .env("CARGO_TARGET_DIR", root.join("target/fixture-check"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "the fixture crates do not build clean:\n{stderr}");
    assert!(!stderr.contains("warning"), "warnings in the fixture crates:\n{stderr}");
}
