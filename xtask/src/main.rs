//! The `cargo xtask` command line. Exit codes: 0 done, 1 the description, the output folder or
//! `generated/` is at fault, 2 the command line is.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use xtask::write::{KEEP_FLAG, Others};

/// See the comment on `mimalloc` in `Cargo.toml`: the allocator, not the generator, was a third
/// of a run.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;
use xtask::{errln, outln};

/// One command of `cargo xtask`. Dispatch and usage both read [`COMMANDS`], so a command cannot
/// be run without being listed, or listed without being run.
struct Command {
    name: &'static str,
    /// What it does, in one line of the command list.
    summary: &'static str,
    /// Its arguments, after its name.
    synopsis: &'static str,
    /// Each argument and what it does.
    arguments: &'static [(&'static str, &'static str)],
    /// Runs it with the arguments after its name; `Err` is a command-line mistake (exit 2).
    run: fn(Vec<String>) -> Result<ExitCode, String>,
}

const COMMANDS: &[Command] = &[
    Command {
        name: "codegen",
        summary: "generate generated/ from schema/scenario.yaml",
        synopsis: "[--check] [--keep-other-files] [--no-cache] [--schema FILE --out DIR [--crate-name NAME]]",
        arguments: &[
            (
                "--check",
                "write nothing; fail, naming the files, if the output folder differs from what \
                 would be generated; otherwise say what was checked",
            ),
            (
                KEEP_FLAG,
                "generate although the output folder holds files codegen did not write (files \
                 without its header line), leaving them untouched; without it they are listed \
                 and nothing is written",
            ),
            (
                "--no-cache",
                "format every Rust file afresh; by default a file whose tokens are those of the \
                 last run is taken from target/codegen-cache/, formatted as then",
            ),
            (
                "--schema FILE",
                "read this description instead: OpenAPI 3.0/3.1 or Swagger 2.0, YAML or JSON, \
                 with the files its `$ref`s name",
            ),
            ("--out DIR", "write the crate there instead of generated/"),
            (
                "--crate-name NAME",
                "the generated package's name (default: scenario-sdk): 1 to 64 ASCII letters, \
                 digits, `-` and `_`, starting with a letter or `_`, neither a Rust keyword nor \
                 a crate of the standard library",
            ),
        ],
        run: codegen,
    },
    Command {
        name: "diff",
        summary: "what the schema's changes since a git revision do to the crate's callers: breaking, additive or documentation",
        synopsis: "[--base REV] [--schema FILE] [--format text|markdown] [--fail-on breaking|additive]",
        arguments: &[
            (
                "--base REV",
                "compare with the description as this git revision has it (default: HEAD, so \
                 uncommitted edits are shown)",
            ),
            (
                "--schema FILE",
                "the description to compare, as it is on disk and at REV (default: \
                 schema/scenario.yaml, with the Scenario SDK's own parts)",
            ),
            (
                "--format FORMAT",
                "`text` (default) or `markdown`, for a pull-request comment",
            ),
            (
                "--fail-on CLASS",
                "exit with 1 when a change of this class or a worse one is found: `breaking`, or \
                 `additive` (additive or breaking)",
            ),
        ],
        run: diff,
    },
    Command {
        name: "bench",
        summary: "measure codegen, the generated crate's build cost and the client; write BENCHMARKS.md",
        synopsis: "[--codegen-only | --peers [--only NAME,...] [--runs N] [--timeout SECONDS]]",
        arguments: &[
            (
                "--codegen-only",
                "measure codegen alone and print its table, writing nothing",
            ),
            (
                "--peers",
                "install openapi-generator (PyPI) and progenitor (cargo install) under \
                 target/peers/ once, measure them beside ours on schema/scenario.yaml and the \
                 corpus (generation time and memory, `cargo check` and `cargo build` of each \
                 crate) in the same run as the codegen table, and rewrite only that section of \
                 BENCHMARKS.md",
            ),
            (
                "--only NAME,...",
                "with --peers: only these descriptions, by file name (scenario.yaml, \
                 petstore3.yaml, ...)",
            ),
            (
                "--runs N",
                "with --peers: generation runs per generator and description (default 3)",
            ),
            (
                "--timeout SECONDS",
                "with --peers: stop a generation, `cargo check` or `cargo build` that runs \
                 longer and report it as timed out (default 300)",
            ),
        ],
        run: bench,
    },
    Command {
        name: "corpus",
        summary: "generate, `cargo check`, document and doc-test every corpus description (tests/src/specs.rs); print and write the README's table",
        synopsis: "",
        arguments: &[],
        run: corpus,
    },
    Command {
        name: "models",
        summary: "fetch model records from the API into schema/models/",
        synopsis: "refresh MODEL_ID... [--out DIR]",
        arguments: &[
            (
                "MODEL_ID",
                "a model whose record to fetch (credentials from SCENARIO_SDK_API_KEY and \
                 SCENARIO_SDK_API_SECRET) and write as schema/models/<id>.json",
            ),
            ("--out DIR", "write the records there instead"),
        ],
        run: models,
    },
];

/// Where the explanation of each argument starts, and where lines end.
const ARGUMENT_WIDTH: usize = 20;
const LINE_WIDTH: usize = 100;

impl Command {
    /// The usage line: `usage: cargo xtask NAME ARGUMENTS`.
    fn synopsis(&self) -> String {
        format!("usage: cargo xtask {} {}", self.name, self.synopsis)
            .trim_end()
            .to_string()
    }

    /// The usage line, the summary and each argument explained.
    fn usage(&self) -> String {
        let mut usage = format!("{}\n  {}\n", self.synopsis(), self.summary);
        if !self.arguments.is_empty() {
            usage.push('\n');
        }
        for (argument, what) in self.arguments {
            let mut line = format!("  {argument:ARGUMENT_WIDTH$}");
            for word in what.split_whitespace() {
                if line.len() + 1 + word.len() > LINE_WIDTH {
                    usage += line.trim_end();
                    usage.push('\n');
                    line = " ".repeat(ARGUMENT_WIDTH + 2);
                } else if !line.ends_with(' ') {
                    line.push(' ');
                }
                line += word;
            }
            usage += &line;
            usage.push('\n');
        }
        usage
    }
}

/// The list of commands.
fn commands() -> String {
    let width = COMMANDS.iter().map(|c| c.name.len()).max().unwrap_or(0);
    let mut list = String::from("usage: cargo xtask COMMAND [ARGUMENTS]\n\ncommands:\n");
    for c in COMMANDS {
        list += &format!("  {:width$}  {}\n", c.name, c.summary);
    }
    list
}

/// The list of commands, then each one's arguments.
fn usage() -> String {
    let mut usage = commands();
    usage += "\n`cargo xtask COMMAND --help` shows one command alone.\n";
    for c in COMMANDS {
        usage += &format!("\n{}", c.usage());
    }
    usage
}

fn is_help(arg: &str) -> bool {
    arg == "-h" || arg == "--help"
}

fn main() -> ExitCode {
    // `std::env::args` would panic on an argument that is not UTF-8.
    let args: Result<Vec<String>, _> = std::env::args_os()
        .skip(1)
        .map(|a| a.into_string())
        .collect();
    let mut args = match args {
        Ok(args) => args.into_iter(),
        Err(bad) => {
            errln!("error: the argument {bad:?} is not valid UTF-8");
            return ExitCode::from(2);
        }
    };
    let name = match args.next() {
        Some(name) if is_help(&name) || name == "help" => {
            outln!("{}", usage());
            return ExitCode::SUCCESS;
        }
        Some(name) => name,
        None => {
            errln!("error: no command given\n\n{}", commands());
            return ExitCode::from(2);
        }
    };
    let Some(command) = COMMANDS.iter().find(|c| c.name == name) else {
        errln!("error: unknown command `{name}`\n\n{}", commands());
        errln!("`cargo xtask --help` explains each one.");
        return ExitCode::from(2);
    };
    let args: Vec<String> = args.collect();
    if args.iter().any(|a| is_help(a)) {
        outln!("{}", command.usage());
        return ExitCode::SUCCESS;
    }
    match (command.run)(args) {
        Ok(code) => code,
        Err(e) => {
            errln!("error: {e}\n\n{}", command.synopsis());
            errln!("`cargo xtask {name} --help` explains each argument.");
            ExitCode::from(2)
        }
    }
}

/// The arguments of `codegen`.
struct Args {
    check: bool,
    cache: bool,
    others: Others,
    schema: Option<PathBuf>,
    out: Option<PathBuf>,
    crate_name: Option<String>,
}

fn parse(args: Vec<String>) -> Result<Args, String> {
    let mut args = args.into_iter();
    let mut parsed = Args {
        check: false,
        cache: true,
        others: Others::Refuse,
        schema: None,
        out: None,
        crate_name: None,
    };
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| args.next().ok_or_else(|| format!("`{flag}` needs a value"));
        match arg.as_str() {
            "--check" => parsed.check = true,
            "--no-cache" => parsed.cache = false,
            KEEP_FLAG => parsed.others = Others::Keep,
            "--schema" => parsed.schema = Some(value("--schema")?.into()),
            "--out" => parsed.out = Some(value("--out")?.into()),
            "--crate-name" => {
                let name = value("--crate-name")?;
                if let Err(why) = xtask::crate_name::check(&name) {
                    return Err(format!(
                        "`--crate-name {name:?}` is not a valid crate name: {why}\n{}",
                        xtask::crate_name::RULE
                    ));
                }
                parsed.crate_name = Some(name);
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    if parsed.schema.is_some() != parsed.out.is_some() {
        return Err("`--schema` and `--out` go together".into());
    }
    Ok(parsed)
}

/// `cargo xtask codegen`: generates the crate, or with `--check` compares it with what is on
/// disk.
fn codegen(args: Vec<String>) -> Result<ExitCode, String> {
    let args = parse(args)?;
    // Paths as the user would write them: as given, or relative to the workspace.
    let (schema, out, mut target, shown) = match (args.schema, args.out) {
        // Another description: only what it says, none of the Scenario SDK's own parts.
        (Some(s), Some(o)) => {
            let target = xtask::Target::new("scenario-sdk", s.display().to_string());
            let shown = Shown {
                schema: s.display().to_string(),
                out: o.display().to_string(),
            };
            (s, o, target, shown)
        }
        _ => {
            let (s, o, target) = xtask::default_job();
            let shown = Shown {
                schema: "schema/scenario.yaml".into(),
                out: "generated".into(),
            };
            (s, o, target, shown)
        }
    };
    let shown = Shown {
        out: format!("{}/", shown.out.trim_end_matches('/')),
        ..shown
    };
    if let Some(name) = args.crate_name {
        target.crate_name = name;
    }
    // Coloured like rustc's on a terminal, unless NO_COLOR is set; plain otherwise.
    let styled = std::io::IsTerminal::is_terminal(&std::io::stderr())
        && std::env::var_os("NO_COLOR").is_none();
    let cache = args.cache.then(|| format_cache(&out)).flatten();
    let files = match xtask::generate_cached(&schema, &out, &target, cache.as_ref()) {
        Ok(generated) => {
            if !generated.warnings.is_empty() {
                errln!("{}", generated.warnings.render_warnings(styled));
            }
            generated.files
        }
        Err(diagnostics) => {
            errln!("{}", diagnostics.render(styled));
            return Ok(ExitCode::from(1));
        }
    };
    Ok(if args.check {
        check(&out, &shown, &files, args.others)
    } else {
        write(&out, &shown.out, &files, args.others)
    })
}

/// The cache of formatted files for the crate in `out`: under `CARGO_TARGET_DIR`, or the
/// workspace's `target/` while the workspace is there; `None` (no cache) otherwise.
fn format_cache(out: &Path) -> Option<xtask::emit::format::Cache> {
    let target_dir = match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => {
            let root = xtask::workspace_root();
            root.join("Cargo.toml")
                .is_file()
                .then(|| root.join("target"))?
        }
    };
    let dir = xtask::emit::format::cache_dir(&target_dir, out);
    xtask::emit::format::prune(&dir);
    xtask::emit::format::Cache::new(dir)
}

/// The description and the output folder as messages name them.
struct Shown {
    schema: String,
    out: String,
}

/// Names the files of others that stop codegen, and how to go on.
fn refuse(shown: &str, others: &[String]) -> ExitCode {
    errln!(
        "error: {shown} holds {} files that `cargo xtask codegen` did not write (they do not start with its header line):",
        others.len()
    );
    for path in others {
        errln!("  {path}");
    }
    errln!(
        "codegen never overwrites or deletes them: move them away, choose another --out folder, or pass {KEEP_FLAG} to generate beside them and leave them as they are"
    );
    ExitCode::from(1)
}

/// Says which files of others were left alone, and which generated files they kept out.
fn report_kept(kept: &[String], blocked: &[String]) {
    if !kept.is_empty() {
        errln!(
            "note: left {} files not written by codegen as they are: {}",
            kept.len(),
            kept.join(", ")
        );
    }
    if !blocked.is_empty() {
        errln!(
            "warning: not written, as one of those is in the way: {}",
            blocked.join(", ")
        );
    }
}

fn write(out: &Path, shown: &str, files: &[xtask::emit::File], others: Others) -> ExitCode {
    match xtask::write::write(out, files, others) {
        Ok(written) => {
            report_kept(&written.kept, &written.blocked);
            outln!(
                "{shown}: {} files, {} changed",
                files.len(),
                written.changed
            );
            ExitCode::SUCCESS
        }
        Err(xtask::write::Error::Others(others)) => refuse(shown, &others),
        Err(e) => {
            errln!("error: cannot write {shown}: {e}");
            ExitCode::from(1)
        }
    }
}

fn check(out: &Path, shown: &Shown, files: &[xtask::emit::File], others: Others) -> ExitCode {
    let Shown { schema, out: shown } = shown;
    let survey = match xtask::write::survey(out, files) {
        Ok(survey) => survey,
        Err(e) => {
            errln!("error: cannot read {shown}: {e}");
            return ExitCode::from(1);
        }
    };
    if others == Others::Refuse && !survey.others.is_empty() {
        return refuse(shown, &survey.others);
    }
    let mut stale: Vec<&String> = survey.changed.iter().chain(&survey.leftovers).collect();
    stale.sort();
    if !stale.is_empty() {
        errln!("error: {shown} is out of date with {schema}:");
        for path in stale {
            errln!("  {path}");
        }
        errln!("run `cargo xtask codegen` to regenerate it");
        return ExitCode::from(1);
    }
    report_kept(&survey.others, &survey.blocked);
    outln!(
        "{shown} is up to date with {schema} ({} files)",
        files.len() - survey.blocked.len()
    );
    ExitCode::SUCCESS
}

/// How `diff` prints its report.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Markdown,
}

/// The arguments of `diff`.
struct DiffArgs {
    base: String,
    schema: Option<PathBuf>,
    format: Format,
    fail_on: Option<xtask::diff::Class>,
}

fn parse_diff(args: Vec<String>) -> Result<DiffArgs, String> {
    let mut args = args.into_iter();
    let mut parsed = DiffArgs {
        base: "HEAD".into(),
        schema: None,
        format: Format::Text,
        fail_on: None,
    };
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| args.next().ok_or_else(|| format!("`{flag}` needs a value"));
        match arg.as_str() {
            "--base" => parsed.base = value("--base")?,
            "--schema" => parsed.schema = Some(value("--schema")?.into()),
            "--format" => {
                parsed.format = match value("--format")?.as_str() {
                    "text" => Format::Text,
                    "markdown" => Format::Markdown,
                    other => {
                        return Err(format!(
                            "`--format {other}`: the formats are `text` and `markdown`"
                        ));
                    }
                }
            }
            "--fail-on" => {
                let class = value("--fail-on")?;
                parsed.fail_on = match class.as_str() {
                    "breaking" | "additive" => xtask::diff::Class::parse(&class),
                    other => {
                        return Err(format!(
                            "`--fail-on {other}`: the classes are `breaking` and `additive`"
                        ));
                    }
                }
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(parsed)
}

/// `cargo xtask diff`: the description at a revision against the one on disk, classed.
fn diff(args: Vec<String>) -> Result<ExitCode, String> {
    let args = parse_diff(args)?;
    let root = xtask::workspace_root();
    let (schema, target) = match args.schema {
        Some(s) => {
            let target = xtask::Target::new("scenario-sdk", s.display().to_string());
            (s, target)
        }
        None => {
            let (s, _, target) = xtask::default_job();
            (s, target)
        }
    };
    let folder = root
        .join("target/diff")
        .join(format!("base-{}", std::process::id()));
    let before = xtask::diff::revision::materialise(&schema, &args.base, &folder).and_then(|at| {
        xtask::diff::load_api(&at, &target).map_err(|e| {
            format!(
                "the description at revision `{}` does not load:\n{e}",
                args.base
            )
        })
    });
    let _ = std::fs::remove_dir_all(&folder);
    let before = match before {
        Ok(api) => api,
        Err(e) => {
            errln!("error: {e}");
            return Ok(ExitCode::from(1));
        }
    };
    let after = match xtask::diff::load_api(&schema, &target) {
        Ok(api) => api,
        Err(e) => {
            errln!("error: {} does not load:\n{e}", schema.display());
            return Ok(ExitCode::from(1));
        }
    };
    let changes = xtask::diff::diff(&before, &after);
    match args.format {
        Format::Text => outln!("{}", xtask::diff::report::text(&changes).trim_end()),
        Format::Markdown => outln!("{}", xtask::diff::report::markdown(&changes, 3).trim_end()),
    }
    let failed = args
        .fail_on
        .is_some_and(|class| xtask::diff::worst(&changes).is_some_and(|worst| worst >= class));
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `cargo xtask bench`: the `tests` package's `bench` program, in a release build, measures and
/// writes `BENCHMARKS.md` at the workspace root.
fn bench(args: Vec<String>) -> Result<ExitCode, String> {
    let mut rest = args.iter().enumerate();
    let peers = args.first().is_some_and(|a| a == "--peers");
    while let Some((i, arg)) = rest.next() {
        match arg.as_str() {
            "--codegen-only" if args.len() == 1 => {}
            "--peers" if i == 0 => {}
            "--only" | "--runs" | "--timeout" if peers => {
                rest.next()
                    .ok_or_else(|| format!("`{arg}` needs a value"))?;
            }
            "--only" | "--runs" | "--timeout" => {
                return Err(format!("`{arg}` goes with `--peers`, first"));
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(forward("bench", true, &args))
}

/// `cargo xtask corpus`: the `tests` package's `corpus` program generates, checks, documents and
/// doc-tests every description of the corpus, prints the table and writes it into `README.md`.
fn corpus(args: Vec<String>) -> Result<ExitCode, String> {
    if let Some(other) = args.first() {
        return Err(format!("unknown argument `{other}`"));
    }
    Ok(forward("corpus", false, &args))
}

/// `cargo xtask models ...`: the `tests` package's `models` program, which uses the generated
/// SDK.
fn models(args: Vec<String>) -> Result<ExitCode, String> {
    Ok(forward("models", false, &args))
}

/// Runs a program of the `tests` package. The measuring tools and the programs that use the
/// generated SDK live there so that xtask never depends on `generated/` (a broken one must not
/// stop codegen from building) and the codegen binary carries no measuring code.
fn forward(program: &str, release: bool, args: &[String]) -> ExitCode {
    let mut command = std::process::Command::new(env!("CARGO"));
    command
        .arg("run")
        .args(release.then_some("--release"))
        .args(["--package", "tests", "--bin", program, "--"])
        .args(args)
        .current_dir(xtask::workspace_root());
    outln!(
        "running: cargo run{} --package tests --bin {program} -- {}",
        if release { " --release" } else { "" },
        args.join(" ")
    );
    match command.status() {
        Ok(status) => ExitCode::from(status.code().map_or(1, |c| c.clamp(0, 255) as u8)),
        Err(e) => {
            errln!("error: cannot run cargo: {e}");
            ExitCode::from(1)
        }
    }
}
