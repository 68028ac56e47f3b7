//! `cargo xtask corpus`: every real description in `../shared/specs/` generated and checked.
//!
//! Each one is generated into `target/corpus/<name>/` (the crates form a workspace of their own,
//! see [`crate::standalone`]) and `cargo check`ed against one shared target folder,
//! `target/corpus-target/`, so that dependencies compile once. The figures go into the README's
//! table between `<!-- corpus:start -->` and `<!-- corpus:end -->`; the test suite runs the
//! same and fails on any error, or when the table's counts are out of date.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::standalone;
use xtask::target::Target;

pub const START: &str = "<!-- corpus:start -->";
pub const END: &str = "<!-- corpus:end -->";

/// What one description gave.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The file name in `../shared/specs/`.
    pub name: String,
    pub operations: usize,
    pub types: usize,
    pub warnings: usize,
    pub generate_ms: f64,
    /// Seconds of `cargo check` of the crate alone, dependencies built.
    pub check_s: f64,
    /// Warnings rustc gave on the generated crate (the generated code should give none).
    pub rustc_warnings: usize,
    /// Why it failed to generate or to check, if it did.
    pub error: Option<String>,
}

impl Row {
    /// The columns that do not depend on the machine: what the README must agree on.
    pub fn counts(&self) -> Counts {
        (
            self.name.clone(),
            self.operations,
            self.types,
            self.warnings,
            self.rustc_warnings,
        )
    }
}

/// Description, operations, types, warnings, rustc warnings.
pub type Counts = (String, usize, usize, usize, usize);

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

/// Generates and checks every description of `specs`, with the workspace at `root`.
///
/// `timed`: check each crate again even when nothing changed, so that its `cargo check` time is
/// its own (`cargo xtask corpus`, which writes the table); the test needs only the verdict and
/// the warnings, which cargo replays for a crate it has checked before.
pub fn run(root: &Path, specs: &Path, timed: bool) -> Result<Report, String> {
    let start = Instant::now();
    // Kept between runs: only what changed is written (see `standalone::write_workspace`).
    let work = root.join("target/corpus");
    let target_dir = standalone::target_dir(root);
    std::fs::create_dir_all(&work).map_err(|e| format!("cannot create {}: {e}", work.display()))?;
    let mut rows = Vec::new();
    let mut crates = Vec::new();
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
            name,
            operations: 0,
            types: 0,
            warnings: 0,
            generate_ms,
            check_s: 0.0,
            rustc_warnings: 0,
            error: None,
        };
        match generated {
            Ok(g) => {
                row.operations = g.operations;
                row.types = g.types;
                row.warnings = g.warnings.0.len();
                crates.push((folder, target.crate_name, g.files));
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
    let members: Vec<(String, Vec<xtask::emit::File>)> = crates
        .iter()
        .map(|(folder, _, files)| (folder.clone(), files.clone()))
        .collect();
    standalone::write_workspace(root, &work, &members)
        .map_err(|e| format!("cannot write {}: {e}", work.display()))?;

    let check = |package: &str| {
        standalone::cargo(
            &work,
            &[
                "check",
                "--offline",
                "--quiet",
                "--message-format=short",
                "-p",
                package,
            ],
            &target_dir,
            &[],
        )
        .map_err(|e| format!("cannot run cargo: {e}"))
    };
    // Dependencies first, with the smallest crate, so that each crate's time is its own.
    let mut deps_s = 0.0;
    if let Some((_, package, _)) = crates
        .iter()
        .min_by_key(|(_, _, files)| files.iter().map(|f| f.contents.len()).sum::<usize>())
    {
        deps_s = check(package)?.took.as_secs_f64();
    }
    for (folder, package, _) in &crates {
        if timed {
            // A change to the crate's root, so that cargo checks it again rather than reuse
            // the last run.
            let lib = work.join(folder).join("src/lib.rs");
            let text = std::fs::read_to_string(&lib)
                .map_err(|e| format!("cannot read {}: {e}", lib.display()))?;
            std::fs::write(&lib, text)
                .map_err(|e| format!("cannot write {}: {e}", lib.display()))?;
        }
        let run = check(package)?;
        let row = rows
            .iter_mut()
            .find(|r| {
                Path::new(&r.name)
                    .file_stem()
                    .is_some_and(|s| s.to_string_lossy() == *folder)
            })
            .expect("a row per crate");
        row.check_s = run.took.as_secs_f64();
        row.rustc_warnings = run
            .stderr
            .lines()
            .filter(|l| l.contains(": warning:"))
            .count();
        if !run.success {
            let errors: Vec<&str> = run
                .stderr
                .lines()
                .filter(|l| l.contains("error"))
                .take(5)
                .collect();
            row.error = Some(format!("`cargo check` failed: {}", errors.join("; ")));
        }
    }
    Ok(Report {
        rows,
        deps_s,
        wall_s: start.elapsed().as_secs_f64(),
    })
}

/// The README table of a run.
pub fn table(report: &Report) -> String {
    let mut md = String::new();
    let _ = writeln!(
        md,
        "| Description | Operations | Types | Warnings | rustc warnings | Generation (ms) | `cargo check` (s) |"
    );
    let _ = writeln!(md, "|---|---:|---:|---:|---:|---:|---:|");
    for r in &report.rows {
        match &r.error {
            None => {
                let _ = writeln!(
                    md,
                    "| {} | {} | {} | {} | {} | {:.0} | {:.1} |",
                    r.name,
                    r.operations,
                    r.types,
                    r.warnings,
                    r.rustc_warnings,
                    r.generate_ms,
                    r.check_s
                );
            }
            Some(e) => {
                let e = e.replace('|', "\\|").replace('\n', " ");
                let _ = writeln!(
                    md,
                    "| {} | {} | {} | {} | {} | failed: {e} | |",
                    r.name, r.operations, r.types, r.warnings, r.rustc_warnings
                );
            }
        }
    }
    let _ = write!(
        md,
        "\nDependencies checked first in {:.0} s; the whole run took {:.0} s (`cargo xtask corpus`, a debug build of the generator).\n",
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
            warnings: 1,
            generate_ms: 12.0,
            check_s: 1.5,
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
