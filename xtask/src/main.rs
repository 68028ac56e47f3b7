//! The `cargo xtask` command line. Exit codes: 0 done, 1 the description or `generated/` is at
//! fault, 2 the command line is.

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask codegen [--check] [--schema FILE --out DIR [--crate-name NAME]]

  codegen            generate generated/ from schema/scenario.yaml
  --check            write nothing; fail if the files on disk differ from what would be generated
  --schema FILE      read this description instead: OpenAPI 3.0/3.1 or Swagger 2.0, YAML or JSON,
                     with the files its `$ref`s name
  --out DIR          write the crate there instead of generated/
  --crate-name NAME  the generated package's name (default: scenario-sdk)

usage: cargo xtask bench [--codegen-only]
  measure codegen, the generated crate's build cost and the client; write BENCHMARKS.md
  --codegen-only     measure codegen alone and print its table, writing nothing

usage: cargo xtask corpus
  generate and `cargo check` every description in ../shared/specs/; write the README's table

usage: cargo xtask models refresh MODEL_ID... [--out DIR]
  fetch each model's record from the API (credentials from SCENARIO_SDK_API_KEY and
  SCENARIO_SDK_API_SECRET) and write schema/models/<id>.json";

struct Args {
    check: bool,
    schema: Option<PathBuf>,
    out: Option<PathBuf>,
    crate_name: Option<String>,
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    match args.next().as_deref() {
        Some("codegen") => {}
        Some(other) => return Err(format!("unknown command `{other}`")),
        None => return Err("no command given".into()),
    }
    let mut parsed = Args {
        check: false,
        schema: None,
        out: None,
        crate_name: None,
    };
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| args.next().ok_or_else(|| format!("`{flag}` needs a value"));
        match arg.as_str() {
            "--check" => parsed.check = true,
            "--schema" => parsed.schema = Some(value("--schema")?.into()),
            "--out" => parsed.out = Some(value("--out")?.into()),
            "--crate-name" => parsed.crate_name = Some(value("--crate-name")?),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    if parsed.schema.is_some() != parsed.out.is_some() {
        return Err("`--schema` and `--out` go together".into());
    }
    Ok(parsed)
}

/// Counts heap use so that `bench` can report the generator's peak; a few atomic adds per
/// allocation cost codegen nothing measurable.
#[global_allocator]
static ALLOC: xtask::bench::CountingAlloc = xtask::bench::CountingAlloc;

fn main() -> ExitCode {
    match std::env::args().nth(1).as_deref() {
        Some("bench") => return bench(std::env::args().any(|a| a == "--codegen-only")),
        Some("corpus") => return corpus(),
        Some("models") => return models(),
        _ => {}
    }
    let args = match parse(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(e) if e.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("error: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let (schema, out, mut target) = match (args.schema, args.out) {
        // Another description: only what it says, none of the Scenario SDK's own parts.
        (Some(s), Some(o)) => {
            let target = xtask::Target::new("scenario-sdk", s.display().to_string());
            (s, o, target)
        }
        _ => xtask::default_job(),
    };
    if let Some(name) = args.crate_name {
        target.crate_name = name;
    }
    // Coloured like rustc's on a terminal, unless NO_COLOR is set; plain otherwise.
    let styled = std::io::IsTerminal::is_terminal(&std::io::stderr())
        && std::env::var_os("NO_COLOR").is_none();
    let files = match xtask::generate_with_warnings(&schema, &target) {
        Ok(generated) => {
            if !generated.warnings.is_empty() {
                eprintln!("{}", generated.warnings.render_warnings(styled));
            }
            generated.files
        }
        Err(diagnostics) => {
            eprintln!("{}", diagnostics.render(styled));
            return ExitCode::from(1);
        }
    };
    if args.check {
        match xtask::write::stale(&out, &files) {
            Ok(stale) if stale.is_empty() => ExitCode::SUCCESS,
            Ok(stale) => {
                eprintln!(
                    "error: {} is out of date with {}:",
                    out.display(),
                    schema.display()
                );
                for path in stale {
                    eprintln!("  {path}");
                }
                eprintln!("run `cargo xtask codegen` to regenerate it");
                ExitCode::from(1)
            }
            Err(e) => {
                eprintln!("error: cannot read {}: {e}", out.display());
                ExitCode::from(1)
            }
        }
    } else {
        match xtask::write::write(&out, &files) {
            Ok(changed) => {
                println!(
                    "{}: {} files, {changed} changed",
                    out.display(),
                    files.len()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", out.display());
                ExitCode::from(1)
            }
        }
    }
}

/// `cargo xtask bench`: in a release build (re-running itself as one if need be), measures and
/// writes `BENCHMARKS.md` at the workspace root.
fn bench(codegen_only: bool) -> ExitCode {
    let root = xtask::workspace_root();
    if cfg!(debug_assertions) {
        let status = std::process::Command::new(env!("CARGO"))
            .args([
                "run",
                "--release",
                "--quiet",
                "--package",
                "xtask",
                "--",
                "bench",
            ])
            .args(codegen_only.then_some("--codegen-only"))
            .current_dir(&root)
            .status();
        return match status {
            Ok(s) if s.success() => ExitCode::SUCCESS,
            _ => ExitCode::from(1),
        };
    }
    if codegen_only {
        return match xtask::bench::codegen(&root) {
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
    match xtask::bench::run(&root) {
        Ok(report) => match std::fs::write(root.join("BENCHMARKS.md"), &report) {
            Ok(()) => {
                println!("{report}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: cannot write BENCHMARKS.md: {e}");
                ExitCode::from(1)
            }
        },
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

/// `cargo xtask corpus`: generates and checks every description of `../shared/specs/`, prints
/// the table and writes it into `README.md`; fails when any description does not generate or
/// its crate does not check.
fn corpus() -> ExitCode {
    let root = xtask::workspace_root();
    let report = match xtask::corpus::run(&root, &root.join("../shared/specs")) {
        Ok(report) => report,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    let table = xtask::corpus::table(&report);
    println!("{table}");
    let readme_path = root.join("README.md");
    let written = std::fs::read_to_string(&readme_path)
        .map_err(|e| e.to_string())
        .and_then(|readme| {
            xtask::corpus::with_table(&readme, &table)
                .ok_or_else(|| "the corpus markers are missing".to_string())
        })
        .and_then(|readme| std::fs::write(&readme_path, readme).map_err(|e| e.to_string()));
    if let Err(e) = written {
        eprintln!("error: cannot update README.md: {e}");
        return ExitCode::from(1);
    }
    let failed: Vec<&xtask::corpus::Row> =
        report.rows.iter().filter(|r| r.error.is_some()).collect();
    for r in &failed {
        eprintln!(
            "error: {}: {}",
            r.name,
            r.error.as_deref().unwrap_or_default()
        );
    }
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// `cargo xtask models ...`: run by the tests crate's `models` program, which uses the
/// generated SDK; xtask itself never depends on `generated/`, so that a broken one cannot stop
/// codegen from building.
fn models() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(2).collect();
    let mut command = std::process::Command::new(env!("CARGO"));
    command
        .args([
            "run",
            "--quiet",
            "--package",
            "tests",
            "--bin",
            "models",
            "--",
        ])
        .args(&args)
        .current_dir(xtask::workspace_root());
    println!(
        "running: cargo run --quiet --package tests --bin models -- {}",
        args.join(" ")
    );
    match command.status() {
        Ok(status) => ExitCode::from(status.code().map_or(1, |c| c.clamp(0, 255) as u8)),
        Err(e) => {
            eprintln!("error: cannot run cargo: {e}");
            ExitCode::from(1)
        }
    }
}
