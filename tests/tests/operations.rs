//! The client of `tests/fixtures/operations.yaml` (every way an operation takes input and gives
//! output) is generated, given `tests/fixtures/clients/operations.rs` as its own test, and that
//! test runs: requests are checked on a real socket, not against the generator's intentions.

#[test]
fn operations_fixture_client_speaks_http_as_described() {
    let root = tests::root();
    let dir = root.join("target/fixture-clients/operations");
    let _ = std::fs::remove_dir_all(&dir);
    let target = xtask::emit::Target {
        crate_name: "fixture-operations".into(),
        version: "0.1.0".into(),
        schema_label: "tests/fixtures/operations.yaml".into(),
        usage: None,
        extensions: Vec::new(),
        job_model: None,
    };
    let files = xtask::generate(&root.join("tests/fixtures/operations.yaml"), &target).unwrap_or_else(|e| panic!("{e}"));
    xtask::write::write(&dir, &files).unwrap();
    std::fs::create_dir_all(dir.join("tests")).unwrap();
    std::fs::copy(root.join("tests/fixtures/clients/operations.rs"), dir.join("tests/http.rs")).unwrap();
    // A workspace of its own, with the socket features of tokio that the test uses.
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
    let tokio = r#"features = ["macros", "rt-multi-thread", "time"]"#;
    assert!(manifest.contains(tokio), "the generated manifest's tokio dev-dependency changed:\n{manifest}");
    let manifest = manifest.replace(tokio, r#"features = ["macros", "rt-multi-thread", "time", "net", "io-util"]"#) + "\n[workspace]\n";
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    tests::cargo(&dir, &["test", "--offline", "--test", "http", "--message-format=short"], &[]);
}
