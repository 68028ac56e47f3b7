//! `cargo xtask corpus`: generates, checks, documents and doc-tests every description of the
//! corpus (`tests::specs`), prints the table and writes it into `README.md`; fails when any
//! description does not generate or its crate does not check, document or pass its doc tests.

use std::process::ExitCode;

fn main() -> ExitCode {
    if let Some(other) = std::env::args().nth(1) {
        eprintln!("error: unknown argument `{other}`\nusage: cargo xtask corpus");
        return ExitCode::from(2);
    }
    let root = tests::root();
    let report = match tests::specs::folder()
        .and_then(|specs| tests::corpus::run(&root, &specs, tests::corpus::Depth::Full))
    {
        Ok(report) => report,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    let table = tests::corpus::table(&report);
    println!("{table}");
    let readme_path = root.join("README.md");
    let written = std::fs::read_to_string(&readme_path)
        .map_err(|e| e.to_string())
        .and_then(|readme| {
            tests::corpus::with_table(&readme, &table)
                .ok_or_else(|| "the corpus markers are missing".to_string())
        })
        .and_then(|readme| std::fs::write(&readme_path, readme).map_err(|e| e.to_string()));
    if let Err(e) = written {
        eprintln!("error: cannot update README.md: {e}");
        return ExitCode::from(1);
    }
    let failed: Vec<&tests::corpus::Row> =
        report.rows.iter().filter(|r| r.error.is_some()).collect();
    for r in &failed {
        eprintln!(
            "error: {}: {}",
            r.name,
            r.error.as_deref().unwrap_or_default()
        );
    }
    match failed.is_empty() {
        true => ExitCode::SUCCESS,
        false => ExitCode::from(1),
    }
}
