//! `cargo xtask diff`: the report of each pair of descriptions in `tests/fixtures-diff/<case>/`
//! (`before.yaml`, `after.yaml`, one kind of change per case), snapshotted; and the command
//! line against real temporary git repositories under `target/cli-diff/`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use xtask::Target;
use xtask::diff::{Class, report};

fn api(path: &Path) -> xtask::ir::Api {
    let target = Target::new("fixture", path.display().to_string());
    xtask::diff::load_api(path, &target).unwrap_or_else(|e| panic!("{e}"))
}

fn changes(case: &Path) -> Vec<xtask::diff::Change> {
    xtask::diff::diff(
        &api(&case.join("before.yaml")),
        &api(&case.join("after.yaml")),
    )
}

#[test]
fn fixture_reports() {
    insta::glob!("../fixtures-diff", "*/before.yaml", |path| {
        let case = path.parent().unwrap();
        insta::assert_snapshot!("text", report::text(&changes(case)));
    });
}

#[test]
fn markdown_report() {
    let case = tests::root().join("tests/fixtures-diff/request_fields");
    insta::assert_snapshot!("markdown", report::markdown(&changes(&case), 3));
}

/// The worst class of each case, so that a rule that moves a change to another class is seen
/// here as well as in the snapshots.
#[test]
fn worst_class_of_each_case() {
    let root = tests::root().join("tests/fixtures-diff");
    let worst = |case: &str| xtask::diff::worst(&changes(&root.join(case)));
    for case in [
        "operations",
        "parameters",
        "request_fields",
        "response_fields",
        "enum_values",
        "defaults_limits",
        "security",
        "responses",
    ] {
        assert_eq!(worst(case), Some(Class::Breaking), "{case}");
    }
    assert_eq!(worst("deprecations"), Some(Class::Additive));
    assert_eq!(worst("documentation"), Some(Class::Documentation));
    assert_eq!(worst("unchanged"), None);
}

/// A new git repository under `target/cli-diff/` holding `tests/fixtures/multi/` (a
/// description over several files) as `schema/`, committed once.
fn repository(name: &str) -> PathBuf {
    let dir = tests::root()
        .join("target/cli-diff")
        .join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy(
        &tests::root().join("tests/fixtures/multi"),
        &dir.join("schema"),
    );
    git(&dir, &["init", "--quiet"]);
    commit(&dir, "first");
    dir
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &to.join(entry.file_name()));
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=test", "-c", "user.email=test@example.test"])
        .args(args)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {out:?}");
}

fn commit(dir: &Path, message: &str) {
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "--quiet", "-m", message]);
}

/// Replaces `from` with `to` in a file of the repository's `schema/`.
fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join("schema").join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} holds {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

fn diff(dir: &Path, more: &[&str]) -> Output {
    let schema = dir.join("schema/root.yaml");
    Command::new(tests::xtask_binary())
        .arg("diff")
        .arg("--schema")
        .arg(&schema)
        .args(more)
        .env("NO_COLOR", "1")
        .output()
        .expect("xtask runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn uncommitted_edits_of_another_file_are_reported_and_fail_on_their_class() {
    let dir = repository("edits");
    let out = diff(&dir, &["--fail-on", "breaking"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "no changes\n");
    // A field of a schema in another file than the root, required now.
    edit(
        &dir,
        "schemas/owner.yaml",
        "type: object\n",
        "type: object\nrequired: [name]\n",
    );
    let out = diff(&dir, &[]);
    let report = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        report.starts_with("1 change: 1 breaking\n") && report.contains("`Owner.name`"),
        "{report}"
    );
    let out = diff(&dir, &["--fail-on", "breaking"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let out = diff(&dir, &["--fail-on", "additive", "--format", "markdown"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("| breaking |"),
        "{}",
        text(&out.stdout)
    );
    // Committed, the edit is the base's too; a documentation edit fails on nothing.
    commit(&dir, "required name");
    edit(
        &dir,
        "root.yaml",
        "description: The owner.",
        "description: The owner, with pets.",
    );
    let out = diff(&dir, &["--fail-on", "additive"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(
        text(&out.stdout).starts_with("1 change: 1 documentation\n"),
        "{}",
        text(&out.stdout)
    );
    // The first commit is still reachable by name.
    let out = diff(&dir, &["--base", "HEAD~1", "--fail-on", "breaking"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
}

#[test]
fn a_revision_that_does_not_exist_is_named() {
    let dir = repository("missing");
    let out = diff(&dir, &["--base", "no-such-branch"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error: revision `no-such-branch` does not exist"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn a_revision_whose_description_does_not_load_is_named_with_the_problem() {
    let dir = repository("broken");
    edit(
        &dir,
        "schemas/owner.yaml",
        "items: {$ref: 'pet.yaml'}",
        "items: {$ref: 'pets.yaml'}",
    );
    commit(&dir, "broken reference");
    edit(
        &dir,
        "schemas/owner.yaml",
        "items: {$ref: 'pets.yaml'}",
        "items: {$ref: 'pet.yaml'}",
    );
    let out = diff(&dir, &[]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("the description at revision `HEAD` does not load")
            && err.contains("pets.yaml"),
        "{err}"
    );
    // A revision without the description at all.
    let out = diff(&dir, &["--base", "HEAD~1"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    std::fs::rename(dir.join("schema/root.yaml"), dir.join("schema/main.yaml")).unwrap();
    commit(&dir, "renamed");
    let out = Command::new(tests::xtask_binary())
        .args(["diff", "--base", "HEAD~1", "--schema"])
        .arg(dir.join("schema/main.yaml"))
        .output()
        .unwrap();
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("revision `HEAD~1` has no schema/main.yaml"),
        "{err}"
    );
}

#[test]
fn a_bad_command_line_is_exit_2() {
    let dir = repository("usage");
    for args in [
        &["--fail-on", "documentation"][..],
        &["--format", "html"],
        &["--base"],
        &["--colour"],
    ] {
        let out = diff(&dir, args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(
            text(&out.stderr).contains("usage: cargo xtask diff"),
            "{}",
            text(&out.stderr)
        );
    }
}

/// The version in `out/Cargo.toml`.
fn version(out: &Path) -> String {
    let toml = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    let line = toml.lines().find(|l| l.starts_with("version = ")).unwrap();
    line.trim_start_matches("version = ")
        .trim_matches('"')
        .to_string()
}

#[test]
fn codegen_moves_the_version_by_the_worst_change_and_keeps_the_changelog() {
    let dir = tests::root()
        .join("target/cli-diff")
        .join(format!("version-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let cases = tests::root().join("tests/fixtures-diff/enum_values");
    let (schema, out) = (dir.join("api.yaml"), dir.join("out"));
    let target = Target::new("fixture", "api.yaml");
    let files = || {
        xtask::generate_into(&schema, &out, &target)
            .unwrap_or_else(|e| panic!("{e}"))
            .files
    };
    let write = || {
        xtask::write::write(&out, &files(), xtask::write::Others::Refuse)
            .unwrap()
            .changed
    };
    std::fs::copy(cases.join("before.yaml"), &schema).unwrap();
    write();
    assert_eq!(version(&out), "0.1.0");
    assert_eq!(write(), 0, "a second run changes nothing");

    // Breaking: a new minor version, listed above the first.
    std::fs::copy(cases.join("after.yaml"), &schema).unwrap();
    assert_eq!(
        xtask::write::stale(&out, &files()).unwrap(),
        [
            "CHANGELOG.md",
            "Cargo.toml",
            "openapi.yaml",
            "src/models.rs"
        ],
        "--check sees the version to move"
    );
    write();
    assert_eq!(version(&out), "0.2.0");
    let changelog = std::fs::read_to_string(out.join("CHANGELOG.md")).unwrap();
    let (new, old) = (
        changelog.find("## 0.2.0").unwrap(),
        changelog.find("## 0.1.0").unwrap(),
    );
    assert!(new < old, "{changelog}");
    assert!(
        changelog.contains(
            "`JobStatus::Failed` is new; `failed` used to arrive as `JobStatus`'s fallback variant"
        ),
        "{changelog}"
    );
    assert_eq!(write(), 0, "a second run changes nothing");

    // Documentation only: a new patch version; the history stays.
    let text = std::fs::read_to_string(&schema).unwrap();
    let edited = text.replacen(
        "    JobStatus:\n      type: string\n",
        "    JobStatus:\n      type: string\n      description: Where a job is.\n",
        1,
    );
    assert_ne!(edited, text);
    std::fs::write(&schema, edited).unwrap();
    write();
    assert_eq!(version(&out), "0.2.1");
    let changelog = std::fs::read_to_string(out.join("CHANGELOG.md")).unwrap();
    assert!(
        changelog.find("## 0.2.1").unwrap() < changelog.find("## 0.2.0").unwrap()
            && changelog.contains("`JobStatus::Failed` is new")
            && changelog.contains("## 0.1.0"),
        "{changelog}"
    );
    assert_eq!(write(), 0, "a second run changes nothing");
}

/// A study, not a check, so it is not in the test command: how often cargo-semver-checks'
/// verdict on the crates generated from each fixture pair agrees with ours (breaking or not),
/// with the lints it fired where we differ. It needs cargo-semver-checks (`cargo install
/// cargo-semver-checks --locked`; `CARGO_SEMVER_CHECKS` names the program when it is not on
/// `PATH`) and builds two crates per pair:
/// `cargo test -p tests --test diff -- --ignored --nocapture semver_checks`.
#[test]
#[ignore = "needs cargo-semver-checks; a study of how often it agrees with ours"]
fn semver_checks_agree_with_ours() {
    let program =
        std::env::var("CARGO_SEMVER_CHECKS").unwrap_or_else(|_| "cargo-semver-checks".into());
    let root = tests::root().join("tests/fixtures-diff");
    let work = tests::root().join("target/semver-study");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("before.yaml").exists())
        .collect();
    cases.sort();
    let mut rows = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        let ours = xtask::diff::worst(&changes(case)) == Some(Class::Breaking);
        for side in ["before", "after"] {
            let out = work.join(&name).join(side);
            let _ = std::fs::remove_dir_all(&out);
            let schema = case.join(format!("{side}.yaml"));
            let target = Target::new("fixture", format!("{side}.yaml"));
            let generated = xtask::generate_into(&schema, &out, &target)
                .unwrap_or_else(|e| panic!("{name}/{side}: {e}"));
            xtask::write::write(&out, &generated.files, xtask::write::Others::Refuse).unwrap();
            // A workspace of its own, so that cargo does not look for ours above it.
            let manifest = out.join("Cargo.toml");
            let toml = std::fs::read_to_string(&manifest).unwrap();
            std::fs::write(&manifest, format!("{toml}\n[workspace]\n")).unwrap();
        }
        let output = Command::new(&program)
            .args(["semver-checks", "check-release", "--release-type", "patch"])
            .arg("--manifest-path")
            .arg(work.join(&name).join("after/Cargo.toml"))
            .arg("--baseline-root")
            .arg(work.join(&name).join("before"))
            .env("CARGO_TARGET_DIR", work.join("target"))
            .output()
            .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        let lints: Vec<String> = text
            .lines()
            .filter_map(|l| l.trim().strip_prefix("--- failure "))
            .map(|l| l.split(':').next().unwrap_or(l).to_string())
            .collect();
        // Its verdict is the version the change needs: a new major one for a breaking change
        // (a minor one is what it asks for a deprecation or an addition).
        let summary = text
            .lines()
            .find(|l| l.trim_start().starts_with("Summary"))
            .unwrap_or_else(|| panic!("{name}: no summary from {program}:\n{text}"));
        let theirs = summary.contains("requires new major version");
        rows.push((name, ours, theirs, lints));
    }
    let agree = rows.iter().filter(|(_, o, t, _)| o == t).count();
    println!("| Pair | Ours | cargo-semver-checks | Lints |\n|---|---|---|---|");
    let verdict = |b: bool| if b { "breaking" } else { "not breaking" };
    for (name, ours, theirs, lints) in &rows {
        println!(
            "| {name} | {} | {} | {} |",
            verdict(*ours),
            verdict(*theirs),
            lints.join(", ")
        );
    }
    println!("\nAgree on {agree} of {} pairs.", rows.len());
}
