//! The catalogue of bad descriptions in `tests/fixtures/bad/`: each one must be refused with
//! the message a maintainer sees, snapshotted as rendered (plain, without colours). A change
//! shows as a diff to review with `cargo insta review`.

use std::path::Path;

use xtask::diagnostics::Diagnostics;

/// The errors `cargo xtask codegen` finds in a description, named as it is in the repository.
fn errors(path: &Path) -> Diagnostics {
    let label = path.strip_prefix(tests::root()).unwrap_or(path);
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc = match xtask::load::parse_bytes(label, &bytes) {
        Ok(doc) => doc,
        Err(d) => return Diagnostics::from(d),
    };
    match xtask::build_ir(&doc) {
        Ok(_) => panic!("{} was accepted; a bad fixture must be refused", label.display()),
        Err(d) => d,
    }
}

/// What `cargo xtask codegen` prints for a description (without colours).
fn rendered(path: &Path) -> String {
    errors(path).to_string()
}

#[test]
fn bad_fixtures() {
    insta::glob!("../fixtures/bad", "*.*", |path| {
        insta::assert_snapshot!("rendered", rendered(path));
    });
}

#[test]
fn the_catalogue_is_large() {
    let count = std::fs::read_dir(tests::root().join("tests/fixtures/bad")).unwrap().count();
    assert!(count >= 30, "only {count} bad fixtures");
}

/// Every diagnostic shows its JSON pointer, and its line and column whenever it is about a
/// place inside the document.
#[test]
fn every_error_has_a_pointer_and_a_line() {
    for entry in std::fs::read_dir(tests::root().join("tests/fixtures/bad")).unwrap() {
        let path = entry.unwrap().path();
        for d in errors(&path).0 {
            let shown = d.to_string();
            let pointer = if d.pointer.is_empty() { "# (the document root)".to_string() } else { format!("#{}", d.pointer) };
            assert!(shown.contains(&pointer), "{}: the pointer is not shown:\n{shown}", path.display());
            if !d.pointer.is_empty() {
                assert!(d.line_col.is_some(), "{}: no line for {}:\n{shown}", path.display(), d.pointer);
            }
        }
    }
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_parsing() {
    let big = format!("openapi: 3.1.0\nx-padding: '{}'\n", "x".repeat(xtask::load::MAX_BYTES));
    let err = xtask::load::parse(Path::new("big.yaml"), &big).unwrap_err();
    insta::assert_snapshot!(Diagnostics::from(err).to_string(), @r"
    error: the file is larger than the 16 MiB a description may have
     --> big.yaml
      = at # (the document root)
      = help: check that this is the description you meant; the largest real ones are a few MiB

    error: could not generate the client: 1 error in the description
    ");
}

#[test]
fn a_missing_file_is_named() {
    let err = xtask::load::load(Path::new("no/such/file.yaml")).unwrap_err();
    assert!(err.to_string().starts_with("error: cannot read the file: "), "{err}");
    assert!(err.to_string().contains("no/such/file.yaml"), "{err}");
}
