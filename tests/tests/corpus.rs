//! The corpus of real descriptions (`../shared/specs/`): each one must generate a crate that
//! `cargo check` accepts without a warning, and the README's table must show the counts of this run. The figures
//! are printed (run with `--nocapture` to see them); `cargo xtask corpus` writes them.

#[test]
fn every_real_description_generates_and_checks() {
    let root = tests::root();
    let specs = tests::shared().join("specs");
    let report = xtask::corpus::run(&root, &specs).unwrap_or_else(|e| panic!("{e}"));
    println!("{}", xtask::corpus::table(&report));
    let found = xtask::corpus::descriptions(&specs).unwrap().len();
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
        "descriptions that fail:\n{}",
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
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let expected: Vec<_> = report.rows.iter().map(xtask::corpus::Row::counts).collect();
    assert_eq!(
        xtask::corpus::counts_in(&readme),
        expected,
        "the README's corpus table is out of date: run `cargo xtask corpus`"
    );
}
