//! Compile what we emit: the committed `generated/`, copied out of the workspace as a vendoring
//! repository would, and every fixture's crate must build warning-free, clippy-clean and (for
//! `generated/`) with documentation that rustdoc accepts without a warning and examples that
//! compile as doc tests (a fixture's description holds none that would compile).

use tests::standalone::{Crates, Step};
use tests::{cargo, cargo_step};

#[test]
fn generated_builds_alone_clippy_and_doc_clean() {
    let root = tests::root();
    let copy = root.join("target/vendored/scenario-sdk");
    tests::standalone::vendor_copy(&root, &copy).unwrap();
    cargo(
        &copy,
        &[
            "clippy",
            "--offline",
            "--all-targets",
            "--message-format=short",
            "--",
            "-D",
            "warnings",
        ],
        &[],
    );
    cargo(
        &copy,
        &[
            "clippy",
            "--offline",
            "--all-targets",
            "--features",
            "tracing",
            "--message-format=short",
            "--",
            "-D",
            "warnings",
        ],
        &[],
    );
    cargo_step(&copy, &Step::doc(Crates::Workspace));
    // The README is the crate's documentation: its examples (the seed guide's workflow first)
    // compile as doc tests, on the copy alone.
    cargo_step(&copy, &Step::doc_tests(Crates::Workspace));
}

#[test]
fn every_fixture_crate_is_clippy_and_doc_clean_and_passes_its_tests() {
    let root = tests::root();
    // Kept between runs: only what changed is written, so cargo checks only what changed.
    let work = root.join("target/fixture-crates");
    let mut crates = Vec::new();
    for entry in std::fs::read_dir(root.join("tests/fixtures")).unwrap() {
        let path = entry.unwrap().path();
        // A description split over files is a folder with its `root.yaml`.
        let (stem, path) = match path.is_dir() {
            true => (
                path.file_name().unwrap().to_string_lossy().to_string(),
                path.join("root.yaml"),
            ),
            false => (
                path.file_stem().unwrap().to_string_lossy().to_string(),
                path,
            ),
        };
        if !path.is_file() || path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let target = xtask::Target::new(
            format!("fixture-{stem}"),
            path.strip_prefix(&root).unwrap().display().to_string(),
        );
        crates.push((
            stem,
            xtask::generate(&path, &target).unwrap_or_else(|e| panic!("{e}")),
        ));
    }
    tests::standalone::write_workspace(&root, &work, &crates).unwrap();
    for (stem, _) in &crates {
        // The fixture's own tests (tests/fixture-tests/<fixture>.rs), run against its generated
        // code: types decoded and encoded, requests read off a real socket.
        let own = root.join("tests/fixture-tests").join(format!("{stem}.rs"));
        let dir = work.join(stem);
        if !own.exists() {
            // Not a copy of a test since removed, from an earlier run.
            let _ = std::fs::remove_dir_all(dir.join("tests"));
            continue;
        }
        let copy = |from: &std::path::Path, to: &str| {
            let text = std::fs::read(from).unwrap();
            tests::standalone::write_if_changed(&dir.join(to), &text).unwrap();
        };
        copy(&own, "tests/fixture.rs");
        // The one-request server the socket tests share (`#[path] mod support;`), where the
        // path from `tests/fixture.rs` finds it as it does in the repository.
        copy(
            &root.join("tests/fixture-tests/support/socket.rs"),
            "tests/support/socket.rs",
        );
        // The socket tests need tokio's networking, which the README's examples do not.
        let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
        let tokio = r#"features = ["macros", "rt-multi-thread", "time"]"#;
        assert!(
            manifest.contains(tokio),
            "the generated manifest's tokio dev-dependency changed:\n{manifest}"
        );
        let manifest = manifest.replace(
            tokio,
            r#"features = ["macros", "rt-multi-thread", "time", "net", "io-util"]"#,
        );
        tests::standalone::write_if_changed(&dir.join("Cargo.toml"), manifest.as_bytes()).unwrap();
    }
    cargo(
        &work,
        &[
            "clippy",
            "--offline",
            "--workspace",
            "--all-targets",
            "--message-format=short",
            "--",
            "-D",
            "warnings",
        ],
        &[],
    );
    cargo(
        &work,
        &[
            "test",
            "--offline",
            "--workspace",
            "--test",
            "fixture",
            "--message-format=short",
        ],
        &[],
    );
    cargo_step(&work, &Step::doc(Crates::Workspace));
    // Code blocks of the descriptions must never compile as doc tests (the README is each
    // crate's front page): their doc tests are the README's own examples, which pass.
    cargo_step(&work, &Step::doc_tests(Crates::Workspace));
}
