//! Generated crates built outside this workspace, as a repository that vendors one would build
//! it: in a workspace of their own (otherwise cargo would take them for members of ours), with
//! our lock file (the same dependency versions, offline), and a target folder shared between
//! runs so that dependencies compile once. The fixture build test and `cargo xtask corpus` both
//! build this way.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use xtask::emit::File;

/// The target folder these builds share, under the workspace at `root`.
pub fn target_dir(root: &Path) -> PathBuf {
    root.join("target/standalone")
}

/// Writes each crate (a folder name and its files) under `dir`, with a manifest that makes
/// `dir` a workspace of exactly those crates, and the lock file of the workspace at `root`.
///
/// Only what differs is written, so that a second run over unchanged output finds every crate
/// fresh and cargo replays its diagnostics instead of checking it again; files the tests put
/// beside a crate's (its own tests) are kept.
pub fn write_workspace(
    root: &Path,
    dir: &Path,
    crates: &[(String, Vec<File>)],
) -> std::io::Result<()> {
    let mut members = Vec::new();
    for (name, files) in crates {
        xtask::write::write(&dir.join(name), files, xtask::write::Others::Keep)?;
        members.push(format!("{name:?}"));
    }
    members.sort();
    let manifest = format!(
        "[workspace]\nmembers = [{}]\nresolver = \"3\"\n",
        members.join(", ")
    );
    write_if_changed(&dir.join("Cargo.toml"), manifest.as_bytes())?;
    write_if_changed(
        &dir.join("Cargo.lock"),
        &std::fs::read(root.join("Cargo.lock"))?,
    )
}

/// Writes `contents` to `path` unless it holds them already: an unchanged file keeps its time,
/// and cargo sees nothing to do.
pub fn write_if_changed(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    if std::fs::read(path).is_ok_and(|old| old == contents) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, contents)
}

/// Copies the committed crate in `root/generated/` to `dest` as a repository that vendors it
/// would hold it: a workspace of its own, with our lock file. Returns its lines of Rust.
pub fn vendor_copy(root: &Path, dest: &Path) -> std::io::Result<usize> {
    let source = root.join("generated");
    let mut lines = 0;
    let mut copied = std::collections::BTreeSet::new();
    let mut stack = vec![source.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            let rel = path.strip_prefix(&source).expect("under generated/");
            if rel.starts_with("target") {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let mut contents = std::fs::read(&path)?;
            if rel == Path::new("Cargo.toml") {
                // An empty [workspace] makes the copy a workspace of its own.
                contents.extend_from_slice(b"\n[workspace]\n");
            }
            write_if_changed(&dest.join(rel), &contents)?;
            copied.insert(dest.join(rel));
            if path.extension().is_some_and(|e| e == "rs") {
                lines += String::from_utf8_lossy(&contents).lines().count();
            }
        }
    }
    copied.insert(dest.join("Cargo.lock"));
    write_if_changed(
        &dest.join("Cargo.lock"),
        &std::fs::read(root.join("Cargo.lock"))?,
    )?;
    // A file the crate no longer has (a copy of an older `generated/`) must not stay behind.
    remove_others(dest, &copied)?;
    Ok(lines)
}

/// Removes the files below `dir` that are not `kept`, but for `target/`.
fn remove_others(dir: &Path, kept: &std::collections::BTreeSet<PathBuf>) -> std::io::Result<()> {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let path = entry?.path();
            if path == dir.join("target") {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else if !kept.contains(&path) {
                std::fs::remove_file(&path)?;
            }
        }
    }
    Ok(())
}

/// What a cargo run in such a workspace did.
pub struct Run {
    pub success: bool,
    pub stderr: String,
    /// Where a doc test's failure is told (cargo's own messages are on `stderr`).
    pub stdout: String,
    pub took: Duration,
}

impl Run {
    /// The lines of cargo's output that are warnings.
    pub fn warnings(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|l| l.contains("warning"))
            .collect()
    }

    /// The start of what went wrong, short enough for a failure message: the first `n` lines of
    /// cargo's output that say `error` (rustc's and rustdoc's, one a line with
    /// `--message-format=short`), then the first failed doc test's report (its compiler errors or
    /// its panic), which the test harness writes to stdout.
    pub fn first_errors(&self, n: usize) -> String {
        let mut lines: Vec<&str> = self
            .stderr
            .lines()
            .filter(|l| l.contains("error"))
            .take(n)
            .collect();
        if let Some(at) = self.stdout.find("\n---- ") {
            lines.extend(
                self.stdout[at + 1..]
                    .lines()
                    .take_while(|l| *l != "failures:")
                    .filter(|l| !l.trim().is_empty())
                    .take(3 * n),
            );
        }
        lines.join("\n")
    }
}

/// Which crates of a standalone workspace a cargo command takes.
#[derive(Debug, Clone, Copy)]
pub enum Crates<'a> {
    Workspace,
    /// One package, by its name.
    Package(&'a str),
}

impl Crates<'_> {
    fn args(self) -> Vec<String> {
        match self {
            Crates::Workspace => vec!["--workspace".into()],
            Crates::Package(name) => vec!["-p".into(), name.into()],
        }
    }
}

/// One cargo command over generated crates. The fixture crates, the vendored copy of
/// `generated/` and the corpus crates are held to the same checks, so each check is spelled
/// once, here.
#[derive(Debug, Clone)]
pub struct Step {
    /// What it checks, for a failure message.
    pub what: &'static str,
    pub args: Vec<String>,
    pub env: &'static [(&'static str, &'static str)],
}

impl Step {
    fn new(
        what: &'static str,
        command: &[&str],
        crates: Crates,
        env: &'static [(&'static str, &'static str)],
    ) -> Step {
        let mut args: Vec<String> = command.iter().map(|a| a.to_string()).collect();
        args.extend(crates.args());
        args.extend(["--offline".into(), "--message-format=short".into()]);
        Step { what, args, env }
    }

    /// `cargo check`: the crates compile (rustc's warnings are counted by the caller).
    pub fn check(crates: Crates) -> Step {
        Step::new("`cargo check`", &["check"], crates, &[])
    }

    /// rustdoc over the crates' own items with every warning an error: description text that
    /// rustdoc misreads (a broken intra-doc link, unclosed HTML) is a generator bug.
    pub fn doc(crates: Crates) -> Step {
        Step::new(
            "rustdoc (`cargo doc`, RUSTDOCFLAGS=-D warnings)",
            &["doc", "--no-deps"],
            crates,
            &[("RUSTDOCFLAGS", "-D warnings")],
        )
    }

    /// The crates' doc tests. The README is each crate's front page: its examples are the doc
    /// tests, and a code block of the description must never become one.
    pub fn doc_tests(crates: Crates) -> Step {
        Step::new(
            "the doc tests (`cargo test --doc`)",
            &["test", "--doc"],
            crates,
            &[],
        )
    }

    /// Runs it in the workspace `dir`, with the shared target folder `target_dir`.
    pub fn run(&self, dir: &Path, target_dir: &Path) -> std::io::Result<Run> {
        let args: Vec<&str> = self.args.iter().map(String::as_str).collect();
        cargo(dir, &args, target_dir, self.env)
    }
}

/// Runs `cargo ARGS` in `dir` with `CARGO_TARGET_DIR` set to `target_dir`, and `env`.
pub fn cargo(
    dir: &Path,
    args: &[&str],
    target_dir: &Path,
    env: &[(&str, &str)],
) -> std::io::Result<Run> {
    let start = Instant::now();
    let out = cargo_command(dir, args, target_dir)
        .envs(env.iter().copied())
        .output()?;
    Ok(Run {
        success: out.status.success(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        took: start.elapsed(),
    })
}

/// `cargo ARGS` in `dir` as the standalone builds run it: with `target_dir`, and without
/// incremental state or debug info, since these crates are built once per run, never edited in
/// place (both would only fill the disk; they did, on CI).
pub fn cargo_command(dir: &Path, args: &[&str], target_dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO"));
    command
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target_dir)
        .env("CARGO_INCREMENTAL", "0")
        .env("CARGO_PROFILE_DEV_DEBUG", "false");
    command
}
