//! The catalogue of bad descriptions in `tests/fixtures/bad/`: each one must be refused with
//! the message a maintainer sees, snapshotted as rendered (plain, without colours). A change
//! shows as a diff to review with `cargo insta review`.

use std::path::Path;

use xtask::diagnostics::Diagnostics;

/// The errors `cargo xtask codegen` finds in a description (with the files it refers to),
/// each file named as it is in the repository.
fn errors(path: &Path) -> Diagnostics {
    let label = path
        .strip_prefix(tests::root())
        .unwrap_or(path)
        .to_path_buf();
    let found = match xtask::load::load(path) {
        Ok(doc) => match xtask::build_ir(&doc, &xtask::Target::new("bad", "bad.yaml")) {
            Ok(_) => panic!(
                "{} was accepted; a bad fixture must be refused",
                label.display()
            ),
            Err(d) => d,
        },
        Err(d) => Diagnostics::from(d),
    };
    // Paths in messages too: the snapshots must not depend on where the checkout is.
    let prefix = format!("{}/", tests::root().display());
    let relative = |d: xtask::diagnostics::Diagnostic| xtask::diagnostics::Diagnostic {
        file: d
            .file
            .strip_prefix(tests::root())
            .map(Path::to_path_buf)
            .unwrap_or(d.file.clone()),
        message: d.message.replace(&prefix, ""),
        hint: d.hint.as_ref().map(|h| h.replace(&prefix, "")),
        ..d
    };
    Diagnostics(found.0.into_iter().map(relative).collect())
}

/// The bad fixtures: the descriptions in `tests/fixtures/bad/` (its folders hold the other files
/// some of them refer to).
fn bad_fixtures_list() -> Vec<std::path::PathBuf> {
    let dir = tests::root().join("tests/fixtures/bad");
    let mut found: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    found.sort();
    found
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
    let count = bad_fixtures_list().len();
    assert!(count >= 30, "only {count} bad fixtures");
}

/// Every diagnostic shows its JSON pointer, and its line and column whenever it is about a
/// place inside the document.
#[test]
fn every_error_has_a_pointer_and_a_line() {
    for path in bad_fixtures_list() {
        for d in errors(&path).0 {
            let shown = d.to_string();
            let pointer = if d.pointer.is_empty() {
                "# (the document root)".to_string()
            } else {
                format!("#{}", d.pointer)
            };
            assert!(
                shown.contains(&pointer),
                "{}: the pointer is not shown:\n{shown}",
                path.display()
            );
            if !d.pointer.is_empty() {
                assert!(
                    d.line_col.is_some(),
                    "{}: no line for {}:\n{shown}",
                    path.display(),
                    d.pointer
                );
            }
        }
    }
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_parsing() {
    let big = format!(
        "openapi: 3.1.0\nx-padding: '{}'\n",
        "x".repeat(xtask::load::MAX_BYTES)
    );
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
    assert!(
        err.to_string().starts_with("error: cannot read the file: "),
        "{err}"
    );
    assert!(err.to_string().contains("no/such/file.yaml"), "{err}");
}

/// What the generator reads less exactly than written is a warning with its place, and the
/// description still generates.
#[test]
fn warnings_name_their_place_and_are_counted() {
    let text = "openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /a:
    post:
      operationId: upload
      parameters:
        - {name: session, in: cookie, schema: {type: string}}
      requestBody:
        content:
          multipart/form-data:
            schema: {type: object}
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema:
                type: object
                properties:
                  kind: {type: string, enum: []}
                  pair: {type: array, prefixItems: [{type: string}, {type: integer}]}
";
    let doc = xtask::load::parse(Path::new("w.yaml"), text).unwrap();
    let built =
        xtask::build_ir(&doc, &xtask::Target::new("w", "w.yaml")).unwrap_or_else(|e| panic!("{e}"));
    insta::assert_snapshot!(built.warnings.render_warnings(false), @r"
    warning: a multipart body is generated from its schema's `properties`, and this one has none: the request is sent with no parts
      --> w.yaml:12:13
       |
    12 |             schema: {type: object}
       |             ^^^^^^ #/paths/~1a/post/requestBody/content/multipart~1form-data/schema

    warning: `enum` is empty, which would allow no value; read as if absent
      --> w.yaml:21:40
       |
    21 |                   kind: {type: string, enum: []}
       |                                        ^^^^ #/paths/~1a/post/responses/200/content/application~1json/schema/properties/kind/enum

    warning: tuples (`prefixItems`) are not generated yet; read as a list of any values
      --> w.yaml:22:39
       |
    22 |                   pair: {type: array, prefixItems: [{type: string}, {type: integer}]}
       |                                       ^^^^^^^^^^^ #/paths/~1a/post/responses/200/content/application~1json/schema/properties/pair/prefixItems

    warning: generated with 3 warnings
    ");
}

/// The catalogue of bad model records (`tests/fixtures/bad-models/`), each given alone beside a
/// good description: what `cargo xtask codegen` prints, the errors of a record it cannot use
/// or the warnings of one it reads less exactly than written, with the typed input it then
/// generates.
#[test]
fn bad_model_records() {
    let schema = tests::root().join("tests/fixtures/basic.yaml");
    insta::glob!("../fixtures/bad-models", "*.json", |path| {
        let label = path
            .strip_prefix(tests::root())
            .unwrap()
            .display()
            .to_string();
        let text = std::fs::read_to_string(path).unwrap();
        let mut target = xtask::Target::new("bad", "tests/fixtures/basic.yaml");
        target.model_records = vec![(label.clone(), text)];
        let rendered = match xtask::generate_with_warnings(&schema, &target) {
            Err(errors) => errors.to_string(),
            Ok(generated) => {
                assert!(
                    !generated.warnings.is_empty(),
                    "{label} gave no warning; a bad record must be reported"
                );
                let inputs: Vec<String> = generated
                    .files
                    .iter()
                    .filter(|f| f.path.starts_with("src/inputs/"))
                    .map(|f| format!("=== {} ===\n{}", f.path, f.contents))
                    .collect();
                assert_eq!(inputs.len(), 1, "{label} still gets its typed input");
                format!(
                    "{}\n\n{}",
                    generated.warnings.render_warnings(false),
                    inputs.join("\n")
                )
            }
        };
        insta::assert_snapshot!("records", rendered);
    });
}
