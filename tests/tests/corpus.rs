//! The corpus of real descriptions (`tests/src/specs.rs`): each one must generate a crate that
//! `cargo check` accepts without a warning, those of `specs::DOCUMENTED_IN_TESTS` must also
//! document with rustdoc's warnings denied and pass their doc tests, and the README's table must
//! show the counts of this run. The figures are printed (run with `--nocapture` to see them);
//! `cargo xtask corpus` documents every crate and writes them.

use tests::corpus::{Depth, Row};

#[test]
fn every_real_description_generates_and_checks() {
    let root = tests::root();
    let specs = tests::specs::folder().unwrap_or_else(|e| panic!("{e}"));
    let report =
        tests::corpus::run(&root, &specs, Depth::Budgeted).unwrap_or_else(|e| panic!("{e}"));
    println!("{}", tests::corpus::table(&report));
    let found = tests::corpus::descriptions(&specs).unwrap().len();
    assert!(
        found >= 9,
        "only {found} descriptions in {}",
        specs.display()
    );
    assert_eq!(report.rows.len(), found);
    let failed: Vec<String> = report
        .rows
        .iter()
        .filter_map(|r| r.error.as_ref().map(|e| format!("{}: {e}", r.name)))
        .collect();
    assert!(
        failed.is_empty(),
        "descriptions that fail (their crates are in target/corpus/):\n{}",
        failed.join("\n")
    );
    let warned: Vec<String> = report
        .rows
        .iter()
        .filter(|r| r.rustc_warnings > 0)
        .map(|r| format!("{}: {} rustc warnings", r.name, r.rustc_warnings))
        .collect();
    assert!(
        warned.is_empty(),
        "generated crates that rustc warns about (run `cargo xtask corpus` and look in target/corpus/):\n{}",
        warned.join("\n")
    );
    let documented: std::collections::BTreeSet<&str> = report
        .rows
        .iter()
        .filter(|r| r.doc_s.is_some() && r.doc_tests_s.is_some())
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(
        documented,
        tests::specs::DOCUMENTED_IN_TESTS.iter().copied().collect(),
        "the descriptions documented and doc-tested"
    );
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let expected: Vec<_> = report.rows.iter().map(Row::counts).collect();
    assert_eq!(
        tests::corpus::counts_in(&readme),
        expected,
        "the README's corpus table is out of date: run `cargo xtask corpus`"
    );
}

/// A crate that rustdoc refuses, or whose doc tests fail, fails the run with what failed and
/// rustdoc's or the doc test's first errors. A crate of one line stands for a generated crate
/// with a generator bug (what runs on it is what runs on each corpus crate).
#[test]
fn refused_documentation_and_failed_doc_tests_are_reported_with_their_first_errors() {
    let root = tests::root();
    let work = root.join("target/tmp/corpus-refused");
    let write = |path: &str, text: &str| {
        tests::standalone::write_if_changed(&work.join(path), text.as_bytes()).unwrap()
    };
    write(
        "Cargo.toml",
        "[package]\nname = \"corpus-refused\"\nedition = \"2024\"\n\n[workspace]\n",
    );
    let verify = |docs: &str| {
        write(
            "src/lib.rs",
            &format!("//! Refused.\n\n{docs}\npub struct Refused;\n"),
        );
        let mut row = Row::new("refused.yaml".into());
        tests::corpus::verify(
            &work,
            &tests::standalone::target_dir(&root),
            "corpus-refused",
            true,
            &mut row,
        )
        .unwrap();
        row.error.expect("a failure")
    };

    let error = verify("/// Like [`Nowhere`].");
    assert!(
        error.starts_with("rustdoc (`cargo doc`, RUSTDOCFLAGS=-D warnings) failed:\n")
            && error.contains("src/lib.rs:3:")
            && error.contains("unresolved link to `Nowhere`"),
        "{error}"
    );

    let error = verify("/// ```\n/// let n: u8 = \"eight\";\n/// ```");
    assert!(
        error.starts_with("the doc tests (`cargo test --doc`) failed:\n")
            && error.contains("mismatched types"),
        "{error}"
    );
}

/// Every description the test command documents is one of the corpus: a misspelt name would
/// leave it undocumented without a word.
#[test]
fn the_documented_subset_names_descriptions_of_the_corpus() {
    use tests::specs::{DOCUMENTED_IN_TESTS, PACKAGED, SPECS};
    for name in DOCUMENTED_IN_TESTS {
        assert!(
            SPECS.iter().any(|s| s.file == *name) || PACKAGED.iter().any(|p| p.file == *name),
            "{name} is not a description of the corpus"
        );
    }
}

/// The download of the corpus, against a loopback mirror: files land under their corpus name
/// (a path with a space included), a second run asks for nothing, a damaged copy is fetched
/// again, and wrong bytes or a missing file fail with the digest or the retry command.
#[tokio::test(flavor = "multi_thread")]
async fn the_corpus_downloads_once_from_a_mirror_and_checks_each_digest() {
    use tests::specs::{Spec, fetch_into, sha256};
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    const ONE: &str = "openapi: 3.1.0\ninfo: {title: one, version: '1'}\npaths: {}\n";
    const TWO: &str = "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"two\", \"version\": \"1\"}, \"paths\": {}}";
    let one_sha = sha256(ONE.as_bytes());
    let two_sha = sha256(TWO.as_bytes());
    let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    let specs = vec![
        Spec {
            file: "one.yaml",
            repo: "owner/repo",
            commit: "0123456789abcdef0123456789abcdef01234567",
            path: "dir/with space.yaml",
            sha256: leak(one_sha),
        },
        Spec {
            file: "two.json",
            repo: "other/repo",
            commit: "fedcba9876543210fedcba9876543210fedcba98",
            path: "two.json",
            sha256: leak(two_sha.clone()),
        },
    ];
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(
            "/owner/repo/0123456789abcdef0123456789abcdef01234567/dir/with%20space.yaml",
        ))
        .respond_with(ResponseTemplate::new(200).set_body_string(ONE))
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(
            "/other/repo/fedcba9876543210fedcba9876543210fedcba98/two.json",
        ))
        .respond_with(ResponseTemplate::new(200).set_body_string(TWO))
        // Once for the corpus, once below for a spec naming other bytes at the same address.
        .expect(2)
        .mount(&server)
        .await;
    let dir = tests::root().join("target/tmp/corpus-download");
    let _ = std::fs::remove_dir_all(&dir);
    let base = server.uri();
    let run = |specs: Vec<Spec>| {
        let (dir, base) = (dir.clone(), base.clone());
        tokio::task::spawn_blocking(move || fetch_into(&dir, &base, &specs))
    };

    run(specs.clone()).await.unwrap().expect("downloads");
    assert_eq!(std::fs::read_to_string(dir.join("one.yaml")).unwrap(), ONE);
    assert_eq!(std::fs::read_to_string(dir.join("two.json")).unwrap(), TWO);
    // Already there with the right bytes: nothing is asked for.
    run(specs.clone()).await.unwrap().expect("a second run");
    // A damaged copy is replaced.
    std::fs::write(dir.join("one.yaml"), "damaged").unwrap();
    run(specs.clone()).await.unwrap().expect("a repair");
    assert_eq!(std::fs::read_to_string(dir.join("one.yaml")).unwrap(), ONE);

    // Bytes that are not the ones named: refused, and nothing is written.
    let mut wrong = specs[1];
    wrong.file = "wrong.json";
    wrong.sha256 = "0000000000000000000000000000000000000000000000000000000000000000";
    let error = run(vec![wrong]).await.unwrap().expect_err("wrong bytes");
    assert!(
        error.contains(&two_sha) && error.contains("wrong.json"),
        "{error}"
    );
    assert!(!dir.join("wrong.json").exists() && !dir.join("wrong.json.part").exists());

    // A file the mirror does not have: the error says how to retry.
    let mut missing = specs[1];
    missing.file = "missing.json";
    missing.path = "missing.json";
    let error = run(vec![missing]).await.unwrap().expect_err("a 404");
    assert!(
        error.contains("404") && error.contains("cargo test -p tests --test corpus"),
        "{error}"
    );
    assert!(error.contains(&format!("{base}/other/repo/")), "{error}");
    server.verify().await;
}

/// The corpus named in `tests/src/specs.rs` is the one `../shared/specs/SOURCES.md` lists, when
/// that folder is beside the checkout (`folder()` checks each file's digest in any case).
#[test]
fn the_named_corpus_matches_its_sources() {
    let sources = tests::shared().join("specs/SOURCES.md");
    let Ok(text) = std::fs::read_to_string(&sources) else {
        // Without ../shared the names are checked by the download itself (each digest).
        return;
    };
    for spec in tests::specs::SPECS {
        let row = format!(
            "| {} | {} | {} | {} | {} |",
            spec.file, spec.repo, spec.path, spec.commit, spec.sha256
        );
        assert!(text.contains(&row), "SOURCES.md has no row {row}");
    }
}

/// A description from an npm package is taken at its exact version and checked: the right
/// bytes land under their corpus name, and a digest that does not match is refused.
#[test]
fn packaged_descriptions_unpack_and_are_checked() {
    use tests::specs::{PACKAGED, Packaged, unpack_into};
    let dir = tests::root().join("target/tmp/corpus-unpack");
    let _ = std::fs::remove_dir_all(&dir);
    let one = *PACKAGED
        .iter()
        .find(|p| p.file == "readme-security.yaml")
        .expect("a small packaged description");
    unpack_into(&dir, &[one]).unwrap_or_else(|e| panic!("{e}"));
    let bytes = std::fs::read(dir.join(one.file)).unwrap();
    assert_eq!(tests::specs::sha256(&bytes), one.sha256);
    let wrong = Packaged {
        file: "wrong.yaml",
        sha256: "0000000000000000000000000000000000000000000000000000000000000000",
        ..one
    };
    let error = unpack_into(&dir, &[wrong]).expect_err("wrong bytes");
    assert!(
        error.contains(one.sha256) && error.contains("wrong.yaml"),
        "{error}"
    );
    assert!(!dir.join("wrong.yaml").exists());
    let missing = Packaged {
        file: "missing.yaml",
        path: "no/such/file.yaml",
        ..one
    };
    let error = unpack_into(&dir, &[missing]).expect_err("a path the package lacks");
    assert!(
        error.contains("cargo test -p tests --test corpus"),
        "{error}"
    );
}
