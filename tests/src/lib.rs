//! Shared helpers of the test suites in `tests/tests/`.

use std::path::{Path, PathBuf};

/// The workspace's root folder.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests sits in the workspace").to_path_buf()
}

/// The folder of the shared material (seeds, research, specs) beside the checkout.
pub fn shared() -> PathBuf {
    root().join("../shared")
}

pub mod measure;
pub mod contract;

/// Runs cargo in `dir` (a workspace of its own) against the lock file of ours, with a target
/// folder shared by the tests that build generated crates, so dependencies build once; fails
/// with cargo's output on an error or a warning.
pub fn cargo(dir: &Path, args: &[&str], env: &[(&str, &str)]) {
    let root = root();
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let out = std::process::Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", root.join("target/standalone"))
        .envs(env.iter().copied())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "`cargo {}` failed in {}:\n{stderr}\n{}", args.join(" "), dir.display(), String::from_utf8_lossy(&out.stdout));
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.contains("warning")).collect();
    assert!(warnings.is_empty(), "`cargo {}` warned in {}:\n{stderr}", args.join(" "), dir.display());
}
