//! Shared helpers of the test suites in `tests/tests/`.

use std::path::{Path, PathBuf};

/// The workspace's root folder.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests sits in the workspace")
        .to_path_buf()
}

/// The folder of the shared material (seeds, research, specs) beside the checkout.
pub fn shared() -> PathBuf {
    root().join("../shared")
}

pub mod bench;
pub mod contract;
pub mod corpus;
pub mod measure;
pub mod peers;
pub mod specs;
pub mod standalone;

/// `text` with everything from the marker `start` to the marker `end`, both included, replaced
/// by `with`; `None` without the markers. Generated tables live between such markers in files
/// people also edit by hand.
pub fn replace_marked(text: &str, start: &str, end: &str, with: &str) -> Option<String> {
    let (before, rest) = text.split_once(start)?;
    let (_, after) = rest.split_once(end)?;
    Some(format!("{before}{with}{after}"))
}

/// Runs cargo in `dir` (a workspace of its own) against the lock file of ours, with the target
/// folder that builds of generated crates share; fails with cargo's output on an error or a
/// warning.
pub fn cargo(dir: &Path, args: &[&str], env: &[(&str, &str)]) {
    let root = root();
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let run = standalone::cargo(dir, args, &standalone::target_dir(&root), env).unwrap();
    assert!(
        run.success,
        "`cargo {}` failed in {}:\n{}",
        args.join(" "),
        dir.display(),
        run.stderr
    );
    assert!(
        run.warnings().is_empty(),
        "`cargo {}` warned in {}:\n{}",
        args.join(" "),
        dir.display(),
        run.stderr
    );
}
