//! `cargo xtask bench [--codegen-only | --peers [--only NAMES] [--runs N] [--timeout S]]`: measures the
//! generator, the generated crate's build cost and the client, and writes `BENCHMARKS.md` (see
//! `tests::bench`); with `--peers`, measures codegen, then ours beside openapi-generator and
//! progenitor, and rewrites only that section (see `tests::peers`). xtask runs it in a release build; it lives
//! here so that the codegen binary carries neither the measuring code nor the counting allocator.

use std::process::ExitCode;

/// Counts heap use so that the report can give the generator's peak; a few atomic adds per
/// allocation, in this program only.
#[global_allocator]
static ALLOC: tests::bench::CountingAlloc = tests::bench::CountingAlloc;

const USAGE: &str = "usage: cargo xtask bench [--codegen-only | --peers [--only NAME,...] [--runs N] [--timeout SECONDS]]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if cfg!(debug_assertions) {
        eprintln!(
            "warning: a debug build measures the wrong thing; `cargo xtask bench` builds in release"
        );
    }
    let root = tests::root();
    let benchmarks = root.join("BENCHMARKS.md");
    let old = std::fs::read_to_string(&benchmarks).unwrap_or_default();
    let report = match args.first().map(String::as_str) {
        None => tests::bench::run(&root).map(|report| match tests::peers::section(&old) {
            // The peers are measured apart (`--peers`, minutes more): their last section stays.
            Some(peers) => tests::peers::with_section(&report, peers),
            None => report,
        }),
        Some("--codegen-only") if args.len() == 1 => {
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
        Some("--peers") => {
            let options = match tests::peers::Options::parse(&args[1..]) {
                Ok(options) => options,
                Err(e) => {
                    eprintln!("error: {e}\n{USAGE}");
                    return ExitCode::from(2);
                }
            };
            let command = format!("cargo xtask bench {}", args.join(" "));
            tests::peers::run(&root, &options, &command)
                .map(|section| tests::peers::with_section(&old, &section))
        }
        Some(_) => {
            let other = args
                .iter()
                .find(|a| *a != "--codegen-only")
                .unwrap_or(&args[0]);
            eprintln!("error: unexpected argument `{other}`\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let report = match report {
        Ok(report) => report,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    if let Err(e) = std::fs::write(&benchmarks, &report) {
        eprintln!("error: cannot write BENCHMARKS.md: {e}");
        return ExitCode::from(1);
    }
    println!("{report}");
    ExitCode::SUCCESS
}
