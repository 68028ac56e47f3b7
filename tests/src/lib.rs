//! Shared helpers of the test suites in `tests/tests/`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

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
pub mod memory;
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
    let lock = std::fs::read(root.join("Cargo.lock")).unwrap();
    standalone::write_if_changed(&dir.join("Cargo.lock"), &lock).unwrap();
    let run = standalone::cargo(dir, args, &standalone::target_dir(&root), env).unwrap();
    assert!(
        run.success,
        "`cargo {}` failed in {}:\n{}{}",
        args.join(" "),
        dir.display(),
        run.stderr,
        run.stdout
    );
    assert!(
        run.warnings().is_empty(),
        "`cargo {}` warned in {}:\n{}",
        args.join(" "),
        dir.display(),
        run.stderr
    );
}

/// [`cargo`] with one of the checks every generated crate is held to.
pub fn cargo_step(dir: &Path, step: &standalone::Step) {
    let args: Vec<&str> = step.args.iter().map(String::as_str).collect();
    cargo(dir, &args, step.env);
}

/// The xtask binary, built once per test process (`cargo build` names where it put it), for
/// the tests that run the command line as a user does.
pub fn xtask_binary() -> &'static Path {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        let out = Command::new(env!("CARGO"))
            .args([
                "build",
                "--package",
                "xtask",
                "--bin",
                "xtask",
                "--message-format=json-render-diagnostics",
            ])
            .current_dir(root())
            .stderr(Stdio::inherit())
            .output()
            .expect("cargo runs");
        assert!(out.status.success(), "cargo build -p xtask failed");
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .find_map(|m| {
                (m["target"]["name"] == "xtask")
                    .then(|| m["executable"].as_str().map(PathBuf::from))
                    .flatten()
            })
            .expect("cargo names the xtask executable")
    })
}

/// What `POST /generate/custom/{modelId}` answers in the behaviour tests: a job just started.
pub fn started_job() -> serde_json::Value {
    serde_json::json!({"job": {
        "jobId": "job_1", "jobType": "flux", "status": "queued", "progress": 0, "metadata": {},
        "statusHistory": [], "createdAt": "2025-01-01T00:00:00Z", "updatedAt": "2025-01-01T00:00:00Z"
    }})
}
