//! `cargo xtask bench [--codegen-only]`: measures the generator, the generated crate's build cost
//! and the client, and writes `BENCHMARKS.md` (see `tests::bench`). xtask runs it in a release
//! build; it lives here so that the codegen binary carries neither the measuring code nor the
//! counting allocator.

use std::process::ExitCode;

/// Counts heap use so that the report can give the generator's peak; a few atomic adds per
/// allocation, in this program only.
#[global_allocator]
static ALLOC: tests::bench::CountingAlloc = tests::bench::CountingAlloc;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(other) = args.iter().find(|a| *a != "--codegen-only") {
        eprintln!("error: unknown argument `{other}`\nusage: cargo xtask bench [--codegen-only]");
        return ExitCode::from(2);
    }
    if cfg!(debug_assertions) {
        eprintln!(
            "warning: a debug build measures the wrong thing; `cargo xtask bench` builds in release"
        );
    }
    let root = tests::root();
    if !args.is_empty() {
        return match tests::bench::codegen(&root) {
            Ok(table) => {
                println!("{table}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        };
    }
    let report = match tests::bench::run(&root) {
        Ok(report) => report,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    if let Err(e) = std::fs::write(root.join("BENCHMARKS.md"), &report) {
        eprintln!("error: cannot write BENCHMARKS.md: {e}");
        return ExitCode::from(1);
    }
    println!("{report}");
    ExitCode::SUCCESS
}
