//! Formatting is a rule: `cargo fmt --all --check` passes. The generator, the tests and the
//! hand-written runtime are laid out by rustfmt with the workspace's `.rustfmt.toml`; in
//! `generated/`, `lib.rs` is written as rustfmt keeps it and every module it declares is
//! `#[rustfmt::skip]` (prettyplease lays them out), so a vendoring workspace's `cargo fmt` leaves
//! the crate as codegen wrote it.

use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// rustfmt is a rustup component that a minimal toolchain lacks: add it rather than fail on a
/// fresh machine, and say how when that is impossible.
fn ensure_rustfmt() {
    let found = Command::new("rustfmt")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if found {
        return;
    }
    let added = Command::new("rustup")
        .args(["component", "add", "rustfmt"])
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        added,
        "rustfmt is not installed and `rustup component add rustfmt` failed; install rustfmt and rerun"
    );
}

/// Every `.rs` file under `dir`, in name order.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn the_workspace_is_formatted_with_rustfmt() {
    ensure_rustfmt();
    let root = workspace();
    let crates = Command::new(env!("CARGO"))
        .current_dir(&root)
        .args(["fmt", "--all", "--check"])
        .output()
        .expect("cargo fmt runs");

    // Files that no crate's module tree reaches: the runtime (copied into every generated
    // crate) and the fixture crates' tests (copied into each fixture crate).
    let loose: Vec<PathBuf> = ["templates", "tests/fixture-tests"]
        .iter()
        .flat_map(|dir| rust_files(&root.join(dir)))
        .collect();
    assert!(
        loose.len() > 10,
        "expected the runtime and fixture tests, found {loose:?}"
    );
    let templates = Command::new("rustfmt")
        .current_dir(&root)
        .args(["--check", "--edition", "2024"])
        .args(&loose)
        .output()
        .expect("rustfmt runs");

    let mut report = String::new();
    for (what, out) in [("cargo fmt", &crates), ("rustfmt", &templates)] {
        if !out.status.success() {
            report += &format!(
                "{what}:\n{}{}\n",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    assert!(
        report.is_empty(),
        "not formatted; run `cargo fmt --all && rustfmt --edition 2024 \
         templates/runtime/*.rs templates/extensions/*/*.rs tests/fixture-tests/*.rs`, then \
         `cargo xtask codegen`:\n{report}"
    );
}
