//! `cargo xtask corpus`: every real description of the corpus generated, checked, documented
//! and doc-tested.
//!
//! Each one is generated into `target/corpus/<name>/` (the crates form a workspace of their own,
//! see [`crate::standalone`]), then `cargo check`ed, documented by rustdoc with every warning an
//! error, and its doc tests run, against one shared target folder, `target/standalone/`, so that
//! dependencies compile once. The figures go into the README's table between
//! `<!-- corpus:start -->` and `<!-- corpus:end -->`; the test suite runs the same, documenting
//! only the budgeted subset [`crate::specs::DOCUMENTED_IN_TESTS`], and fails on any error, or when
//! the table's counts are out of date.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::standalone::{self, Crates, Step};
use xtask::target::Target;

pub const START: &str = "<!-- corpus:start -->";
pub const END: &str = "<!-- corpus:end -->";

/// What one description gave.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The file name in the corpus folder.
    pub name: String,
    pub operations: usize,
    pub types: usize,
    /// Lines of Rust the crate writes.
    pub lines: usize,
    pub warnings: usize,
    pub generate_ms: f64,
    /// Seconds of `cargo check` of the crate alone, dependencies built.
    pub check_s: f64,
    /// Seconds of rustdoc over the crate, when this run documented it.
    pub doc_s: Option<f64>,
    /// Seconds of its doc tests (the crate built, then its examples compiled and run), when
    /// this run ran them.
    pub doc_tests_s: Option<f64>,
    /// Warnings rustc gave on the generated crate (the generated code should give none).
    pub rustc_warnings: usize,
    /// Why it failed to generate, to check, to document or its doc tests, if it did.
    pub error: Option<String>,
}

impl Row {
    /// The row of `name` before anything is measured.
    pub fn new(name: String) -> Row {
        Row {
            name,
            operations: 0,
            types: 0,
            lines: 0,
            warnings: 0,
            generate_ms: 0.0,
            check_s: 0.0,
            doc_s: None,
            doc_tests_s: None,
            rustc_warnings: 0,
            error: None,
        }
    }

    /// The columns that do not depend on the machine: what the README must agree on.
    pub fn counts(&self) -> Counts {
        (
            self.name.clone(),
            self.operations,
            self.types,
            self.lines,
            self.warnings,
            self.rustc_warnings,
        )
    }
}

/// Description, operations, types, lines, warnings, rustc warnings.
pub type Counts = (String, usize, usize, usize, usize, usize);

/// How much a run does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// `cargo xtask corpus`: every crate checked again even when nothing changed, so that its
    /// times are its own, and every crate documented and its doc tests run.
    Full,
    /// The test command: a crate checked before is not checked again (cargo replays its
    /// warnings, and the test needs only the verdict), and only the descriptions of
    /// [`crate::specs::DOCUMENTED_IN_TESTS`] are documented and doc-tested, to keep the
    /// command's time in budget.
    Budgeted,
}

impl Depth {
    fn documents(self, description: &str) -> bool {
        match self {
            Depth::Full => true,
            Depth::Budgeted => crate::specs::DOCUMENTED_IN_TESTS.contains(&description),
        }
    }
}

/// The whole run: the rows, and the wall time of everything (in seconds).
pub struct Report {
    pub rows: Vec<Row>,
    pub deps_s: f64,
    pub wall_s: f64,
}

/// The descriptions of `specs`, sorted by name (`SOURCES.md` and other non-descriptions left out).
pub fn descriptions(specs: &Path) -> Result<Vec<PathBuf>, String> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(specs)
        .map_err(|e| format!("cannot read {}: {e}", specs.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
        })
        .collect();
    found.sort();
    Ok(found)
}

/// A crate written for one description: its folder under `target/corpus/` and package name.
struct Written {
    folder: String,
    package: String,
    /// Its row in the report.
    row: usize,
}

/// Generates, checks and (as `depth` says) documents every description of `specs`, with the
/// workspace at `root`.
pub fn run(root: &Path, specs: &Path, depth: Depth) -> Result<Report, String> {
    let start = Instant::now();
    // Kept between runs: only what changed is written (see `standalone::write_workspace`).
    let work = root.join("target/corpus");
    let target_dir = standalone::target_dir(root);
    std::fs::create_dir_all(&work).map_err(|e| format!("cannot create {}: {e}", work.display()))?;
    let mut rows = Vec::new();
    let mut crates = Vec::new();
    let mut members = Vec::new();
    for path in descriptions(specs)? {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let folder = path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let target = Target::new(
            format!(
                "corpus-{}",
                folder
                    .to_ascii_lowercase()
                    .replace(|c: char| !c.is_ascii_alphanumeric(), "-")
            ),
            format!("../shared/specs/{name}"),
        );
        let t = Instant::now();
        let generated = xtask::generate_with_warnings(&path, &target);
        let generate_ms = t.elapsed().as_secs_f64() * 1000.0;
        let mut row = Row {
            generate_ms,
            ..Row::new(name)
        };
        match generated {
            Ok(g) => {
                row.operations = g.operations;
                row.types = g.types;
                row.warnings = g.warnings.0.len();
                crates.push(Written {
                    folder: folder.clone(),
                    package: target.crate_name,
                    row: rows.len(),
                });
                members.push((folder, g.files));
            }
            Err(d) => {
                row.error = Some(format!(
                    "{} errors, the first: {}",
                    d.0.len(),
                    d.0[0].message
                ))
            }
        }
        rows.push(row);
    }
    standalone::write_workspace(root, &work, &members)
        .map_err(|e| format!("cannot write {}: {e}", work.display()))?;
    drop(members);

    for c in &crates {
        rows[c.row].lines = crate::peers::rust_lines(&work.join(&c.folder));
    }
    let run = |step: Step| {
        step.run(&work, &target_dir)
            .map_err(|e| format!("cannot run cargo: {e}"))
    };
    // Dependencies first, with the smallest crate, so that each crate's times are its own: the
    // check needs their metadata, the doc tests their build.
    let mut deps_s = 0.0;
    if let Some(smallest) = crates.iter().min_by_key(|c| rows[c.row].lines) {
        let package = Crates::Package(&smallest.package);
        deps_s += run(Step::check(package))?.took.as_secs_f64();
        if depth == Depth::Full {
            deps_s += run(Step::doc_tests(package))?.took.as_secs_f64();
        }
    }
    for c in &crates {
        let row = &mut rows[c.row];
        if depth == Depth::Full {
            // A change to the crate's root, so that cargo checks, documents and builds it again
            // rather than reuse the last run.
            let lib = work.join(&c.folder).join("src/lib.rs");
            let text = std::fs::read_to_string(&lib)
                .map_err(|e| format!("cannot read {}: {e}", lib.display()))?;
            std::fs::write(&lib, text)
                .map_err(|e| format!("cannot write {}: {e}", lib.display()))?;
        }
        let documented = depth.documents(&row.name);
        verify(&work, &target_dir, &c.package, documented, row)?;
    }
    Ok(Report {
        rows,
        deps_s,
        wall_s: start.elapsed().as_secs_f64(),
    })
}

/// Checks the crate `package` of the workspace `work` and, when `documented`, documents it and
/// runs its doc tests, stopping at the first step that fails: the times, rustc's warnings and
/// that failure with its first errors go into `row`. An error is cargo not running at all.
pub fn verify(
    work: &Path,
    target_dir: &Path,
    package: &str,
    documented: bool,
    row: &mut Row,
) -> Result<(), String> {
    let package = Crates::Package(package);
    // Runs a step; a failure goes into `row` with its first errors.
    let run = |step: &Step, row: &mut Row| -> Result<standalone::Run, String> {
        let done = step
            .run(work, target_dir)
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        if !done.success {
            row.error = Some(format!("{} failed:\n{}", step.what, done.first_errors(5)));
        }
        Ok(done)
    };
    let check = run(&Step::check(package), row)?;
    row.check_s = check.took.as_secs_f64();
    row.rustc_warnings = check
        .stderr
        .lines()
        .filter(|l| l.contains(": warning:"))
        .count();
    if !check.success || !documented {
        return Ok(());
    }
    let doc = run(&Step::doc(package), row)?;
    row.doc_s = Some(doc.took.as_secs_f64());
    if doc.success {
        let tests = run(&Step::doc_tests(package), row)?;
        row.doc_tests_s = Some(tests.took.as_secs_f64());
    }
    Ok(())
}

/// The README table of a run.
pub fn table(report: &Report) -> String {
    let mut md = String::new();
    let _ = writeln!(
        md,
        "| Description | Operations | Types | Lines | Warnings | rustc warnings | Generation (ms) | `cargo check` (s) | `cargo doc` (s) | Doc tests (s) |"
    );
    let _ = writeln!(md, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let seconds = |s: Option<f64>| s.map_or_else(String::new, |s| format!("{s:.1}"));
    for r in &report.rows {
        let counts = format!(
            "| {} | {} | {} | {} | {} | {} |",
            r.name, r.operations, r.types, r.lines, r.warnings, r.rustc_warnings
        );
        let _ = match &r.error {
            None => writeln!(
                md,
                "{counts} {:.0} | {:.1} | {} | {} |",
                r.generate_ms,
                r.check_s,
                seconds(r.doc_s),
                seconds(r.doc_tests_s)
            ),
            Some(e) => {
                let e = e.replace('|', "\\|").replace('\n', " ");
                writeln!(md, "{counts} failed: {e} | | | |")
            }
        };
    }
    let _ = write!(
        md,
        "\nDependencies checked and built first in {:.0} s; the whole run took {:.0} s (`cargo xtask corpus`, a debug build of the generator).\n",
        report.deps_s, report.wall_s
    );
    md
}

/// `readme` with the text between the markers replaced by `table`; `None` without the markers.
pub fn with_table(readme: &str, table: &str) -> Option<String> {
    crate::replace_marked(readme, START, END, &format!("{START}\n{table}{END}"))
}

/// The counts of the table between the markers.
pub fn counts_in(readme: &str) -> Vec<Counts> {
    let Some((_, rest)) = readme.split_once(START) else {
        return Vec::new();
    };
    let table = rest.split_once(END).map_or(rest, |(t, _)| t);
    table
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line
                .trim()
                .trim_matches('|')
                .split('|')
                .map(str::trim)
                .collect();
            let number = |i: usize| cells.get(i)?.parse::<usize>().ok();
            Some((
                cells.first()?.to_string(),
                number(1)?,
                number(2)?,
                number(3)?,
                number(4)?,
                number(5)?,
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_round_trips_through_the_readme() {
        let row = Row {
            name: "a.yaml".into(),
            operations: 3,
            types: 4,
            lines: 250,
            warnings: 1,
            generate_ms: 12.0,
            check_s: 1.5,
            doc_s: Some(2.5),
            doc_tests_s: None,
            rustc_warnings: 2,
            error: None,
        };
        let report = Report {
            rows: vec![row.clone()],
            deps_s: 9.0,
            wall_s: 20.0,
        };
        let readme = format!("# X\n\n{START}\nold\n{END}\n\nmore\n");
        let updated = with_table(&readme, &table(&report)).unwrap();
        assert!(updated.ends_with(&format!("{END}\n\nmore\n")), "{updated}");
        assert_eq!(counts_in(&updated), vec![row.counts()]);
        assert_eq!(with_table("no markers", "t"), None);
    }
}
