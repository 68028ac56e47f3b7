//! `cargo xtask bench --peers`: our generator measured beside two others that turn an OpenAPI
//! description into a Rust client, in one run on the same descriptions: openapi-generator (its
//! `rust` generator, the tool most teams meet first) and progenitor (Oxide's, the design ours
//! learns from). A user choosing a generator asks how long each takes, how much memory, whether
//! it copes with their description at all, and what the crate it writes costs them to compile.
//!
//! The peers need Java, Python and crates.io; the test command needs none of them, so nothing
//! here runs under `cargo test` but the parsing, on text written into the tests.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::standalone;

/// The PyPI package of this version ships openapi-generator's jar of the same version inside its
/// wheel: nothing is fetched from Maven Central (which the machines this runs on cannot reach).
pub const OPENAPI_GENERATOR: &str = "7.26.0";
/// `cargo install cargo-progenitor --locked` at this version.
pub const PROGENITOR: &str = "0.15.1";

pub const START: &str = "<!-- peers:start -->";
pub const END: &str = "<!-- peers:end -->";

/// A generator of the comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Generator {
    Ours,
    OpenApiGenerator,
    Progenitor,
}

impl Generator {
    pub const ALL: [Generator; 3] = [
        Generator::Ours,
        Generator::OpenApiGenerator,
        Generator::Progenitor,
    ];

    fn label(self) -> String {
        match self {
            Generator::Ours => "ours".into(),
            Generator::OpenApiGenerator => format!("openapi-generator {OPENAPI_GENERATOR}"),
            Generator::Progenitor => format!("progenitor {PROGENITOR}"),
        }
    }

    /// Its folder under `target/peers/` and `target/peers/out/`.
    fn folder(self) -> &'static str {
        match self {
            Generator::Ours => "ours",
            Generator::OpenApiGenerator => "openapi-generator",
            Generator::Progenitor => "progenitor",
        }
    }
}

/// What `--peers` was given on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The descriptions to measure, by file name (`scenario.yaml` for ours); all when `None`.
    pub only: Option<Vec<String>>,
    /// Generation runs per generator and description; the median is reported.
    pub runs: usize,
    /// How long one generation, or one `cargo check` or `cargo build` of a crate, may take: it
    /// is then stopped and reported as timed out, so that one slow peer on one description
    /// cannot hold the whole run.
    pub timeout: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            only: None,
            runs: 3,
            timeout: Duration::from_secs(300),
        }
    }
}

impl Options {
    /// `--only NAME,NAME`, `--runs N` and `--timeout SECONDS`, the arguments that follow
    /// `--peers`.
    pub fn parse(args: &[String]) -> Result<Options, String> {
        let mut options = Options::default();
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let mut value = || args.next().ok_or_else(|| format!("`{arg}` needs a value"));
            match arg.as_str() {
                "--only" => {
                    let names: Vec<String> = value()?
                        .split(',')
                        .map(str::trim)
                        .filter(|n| !n.is_empty())
                        .map(String::from)
                        .collect();
                    if names.is_empty() {
                        return Err("`--only` needs at least one file name".into());
                    }
                    options.only = Some(names);
                }
                "--runs" => {
                    let text = value()?;
                    options.runs = match text.parse::<usize>() {
                        Ok(n) if n > 0 => n,
                        _ => {
                            return Err(format!(
                                "`--runs {text}`: expected a whole number above 0"
                            ));
                        }
                    };
                }
                "--timeout" => {
                    let text = value()?;
                    options.timeout = match text.parse::<u64>() {
                        Ok(n) if n > 0 => Duration::from_secs(n),
                        _ => {
                            return Err(format!(
                                "`--timeout {text}`: expected a whole number of seconds above 0"
                            ));
                        }
                    };
                }
                other => return Err(format!("unknown argument `{other}`")),
            }
        }
        Ok(options)
    }
}

/// The programs each generator runs as.
pub struct Tools {
    ours: PathBuf,
    openapi_generator: PathBuf,
    progenitor: PathBuf,
}

/// Installs the peers under `root/target/peers/` (once: a later run finds them and installs
/// nothing) and builds ours in release.
pub fn install(root: &Path) -> Result<Tools, String> {
    let dir = root.join("target/peers");
    Ok(Tools {
        ours: crate::bench::codegen_binary(root)?,
        openapi_generator: install_openapi_generator(&dir.join("openapi-generator"))?,
        progenitor: install_progenitor(&dir.join("progenitor"))?,
    })
}

/// A virtual environment holding the PyPI package, whose script runs the jar with the `java` on
/// the PATH.
fn install_openapi_generator(dir: &Path) -> Result<PathBuf, String> {
    let exe = dir.join("bin/openapi-generator-cli");
    let marker = dir.join("installed-version");
    if exe.is_file() && std::fs::read_to_string(&marker).is_ok_and(|v| v == OPENAPI_GENERATOR) {
        return Ok(exe);
    }
    let _ = std::fs::remove_dir_all(dir);
    let mut venv = Command::new("python3");
    venv.args(["-m", "venv"]).arg(dir);
    run_install(venv)?;
    let mut pip = Command::new(dir.join("bin/pip"));
    pip.args([
        "install",
        "--quiet",
        "--disable-pip-version-check",
        &format!("openapi-generator-cli=={OPENAPI_GENERATOR}"),
    ]);
    run_install(pip)?;
    std::fs::write(&marker, OPENAPI_GENERATOR)
        .map_err(|e| format!("cannot write {}: {e}", marker.display()))?;
    Ok(exe)
}

fn install_progenitor(dir: &Path) -> Result<PathBuf, String> {
    let exe = dir.join("bin/cargo-progenitor");
    // cargo install's own record of what it installed there.
    let installed = std::fs::read_to_string(dir.join(".crates.toml")).unwrap_or_default();
    if exe.is_file() && installed.contains(&format!("\"cargo-progenitor {PROGENITOR} ")) {
        return Ok(exe);
    }
    let mut install = Command::new(env!("CARGO"));
    install
        .args([
            "install",
            "cargo-progenitor",
            "--version",
            PROGENITOR,
            "--locked",
            "--root",
        ])
        .arg(dir);
    run_install(install)?;
    Ok(exe)
}

/// A command as a user would type it, for messages.
fn shown(command: &Command) -> String {
    std::iter::once(command.get_program())
        .chain(command.get_args())
        .map(|a| a.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Runs an install step, printing it first (it can take minutes); a failure names the command
/// and ends with what it printed last.
fn run_install(mut command: Command) -> Result<(), String> {
    let text = shown(&command);
    eprintln!("installing: {text}");
    let out = command
        .output()
        .map_err(|e| format!("cannot run `{text}`: {e}"))?;
    if out.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    let tail: Vec<&str> = stderr.lines().rev().take(15).collect();
    let tail: Vec<&str> = tail.into_iter().rev().collect();
    Err(format!(
        "installing a peer failed: `{text}` exited with {}:\n{}",
        out.status,
        tail.join("\n")
    ))
}

impl Tools {
    /// The command that generates a crate named `name` from `spec` into `out`, as each tool's
    /// documentation has it, with its defaults.
    fn command(&self, generator: Generator, spec: &Path, out: &Path, name: &str) -> Command {
        match generator {
            Generator::Ours => {
                let mut c = Command::new(&self.ours);
                c.args(["codegen", "--schema"])
                    .arg(spec)
                    .arg("--out")
                    .arg(out)
                    .args(["--crate-name", name]);
                c
            }
            Generator::OpenApiGenerator => {
                let mut c = Command::new(&self.openapi_generator);
                c.args(["generate", "-g", "rust", "-i"])
                    .arg(spec)
                    .arg("-o")
                    .arg(out)
                    .arg(format!("--additional-properties=packageName={name}"));
                c
            }
            Generator::Progenitor => {
                let mut c = Command::new(&self.progenitor);
                c.args(["progenitor", "-i"])
                    .arg(spec)
                    .arg("-o")
                    .arg(out)
                    .args(["-n", name, "-v", "0.1.0"]);
                c
            }
        }
    }
}

/// How a command run under a time limit ended.
struct Limited {
    /// `None` when it was stopped at the limit.
    status: Option<std::process::ExitStatus>,
    took: Duration,
    /// What it printed, stdout then stderr.
    output: String,
}

/// Runs `command` in a process group of its own, its output into `log` (a file, so that a
/// talkative program cannot fill a pipe and stall), and kills the whole group once `limit` has
/// passed: openapi-generator runs as a script that starts Java, and killing the script alone
/// would leave Java running.
fn run_limited(mut command: Command, log: &Path, limit: Duration) -> Result<Limited, String> {
    use std::os::unix::process::CommandExt as _;
    let text = shown(&command);
    let out =
        std::fs::File::create(log).map_err(|e| format!("cannot create {}: {e}", log.display()))?;
    let err = out
        .try_clone()
        .map_err(|e| format!("cannot share {}: {e}", log.display()))?;
    let start = Instant::now();
    let mut child = command
        .stdin(std::process::Stdio::null())
        .stdout(out)
        .stderr(err)
        .process_group(0)
        .spawn()
        .map_err(|e| format!("cannot run `{text}`: {e}"))?;
    let group = child.id();
    // Waited for on a thread of its own, so that its end is seen at once (a poll would round
    // the wall time to its period) and the limit still holds.
    let (done, ended) = std::sync::mpsc::channel();
    let waiter = std::thread::spawn(move || {
        let status = child.wait();
        let _ = done.send(Instant::now());
        status
    });
    let ended_at = ended.recv_timeout(limit).ok();
    let stopped = ended_at.is_none();
    if stopped {
        // The group's id is the child's: `kill -s KILL -- -PID` ends every process in it.
        let _ = Command::new("kill")
            .args(["-s", "KILL", "--", &format!("-{group}")])
            .status();
    }
    let status = waiter
        .join()
        .map_err(|_| format!("waiting for `{text}` panicked"))?
        .map_err(|e| format!("cannot wait for `{text}`: {e}"))?;
    let took = ended_at.map_or_else(|| start.elapsed(), |end| end - start);
    let status = (!stopped).then_some(status);
    let output = std::fs::read(log)
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    Ok(Limited {
        status,
        took,
        output,
    })
}

/// The words a cell shows for a run stopped at `limit`.
fn timed_out(limit: Duration) -> String {
    format!("timed out after {} s", limit.as_secs())
}

/// `%e %M` of GNU time, the last line it wrote (a failed command adds a line before it):
/// seconds of wall time and kilobytes of peak resident memory.
pub fn parse_time(text: &str) -> Option<(Duration, u64)> {
    let mut fields = text
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())?
        .split_whitespace();
    let wall = Duration::from_secs_f64(fields.next()?.parse().ok()?);
    let rss = fields.next()?.parse().ok()?;
    fields.next().is_none().then_some((wall, rss))
}

/// The line of a failed generator's output that says why: a Java exception (with the first
/// of the problems openapi-generator lists under it), a Rust panic's message, then the first
/// line starting with `error` or saying `fail:` (progenitor's), then a logged `ERROR`, then the
/// last line.
pub fn first_error_line(output: &str) -> String {
    let lines: Vec<&str> = output
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let find = |f: &dyn Fn(&str) -> bool| lines.iter().position(|l| f(l));
    let line = if let Some(i) = find(&|l| l.contains("Exception in thread")) {
        // `Exception in thread "main" org.openapitools.codegen.SpecValidationException: ...`
        let (class, message) = lines[i].split_once(": ").unwrap_or((lines[i], ""));
        let class = class.rsplit(['.', ' ']).next().unwrap_or(class);
        let first = lines[i..].iter().find_map(|l| l.strip_prefix('-'));
        match first {
            Some(first) => format!("{class}: {message} The first: {first}"),
            None => format!("{class}: {message}"),
        }
    } else if let Some(i) = find(&|l| l.contains("panicked at")) {
        format!("panicked: {}", lines.get(i + 1).unwrap_or(&lines[i]))
    } else if let Some(i) =
        find(&|l| l.to_ascii_lowercase().starts_with("error") || l.contains("fail:"))
    {
        lines[i].to_string()
    } else if let Some(i) = find(&|l| l.contains("ERROR")) {
        lines[i].to_string()
    } else {
        lines.last().copied().unwrap_or("no output").to_string()
    };
    if line.chars().count() > 300 {
        return line.chars().take(300).collect::<String>() + "…";
    }
    line
}

/// The errors of a `cargo check --message-format=short`: rustc's, one line each
/// (`src/lib.rs:3:5: error[E0412]: ...`), and cargo's own (`error: failed to ...`), but not
/// cargo's closing count of rustc's (`error: could not compile ...`).
pub fn count_errors(stderr: &str) -> usize {
    stderr
        .lines()
        .map(|line| located_message(line).unwrap_or(line.trim_start()))
        .filter(|message| {
            (message.starts_with("error:") || message.starts_with("error["))
                && !message.starts_with("error: could not compile")
                && !message.starts_with("error: aborting")
        })
        .count()
}

/// The message of a line that starts with a `path:line:col: ` location.
fn located_message(line: &str) -> Option<&str> {
    let (place, message) = line.split_once(": ")?;
    let mut parts = place.rsplitn(3, ':');
    let column = parts.next()?;
    let number = parts.next()?;
    parts.next()?;
    (column.parse::<u32>().is_ok() && number.parse::<u32>().is_ok()).then_some(message)
}

/// The lines of the first error of a cargo run, for the report.
fn first_cargo_error(stderr: &str) -> String {
    stderr
        .lines()
        .find(|l| l.contains("error"))
        .map(first_error_line)
        .unwrap_or_else(|| "no error line".into())
}

/// Lines of Rust under `dir`, leaving out cargo's `target`.
pub fn rust_lines(dir: &Path) -> usize {
    let mut lines = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for path in entries.filter_map(Result::ok).map(|e| e.path()) {
            if path.is_dir() {
                if !path.ends_with("target") {
                    stack.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                lines += std::fs::read_to_string(&path).map_or(0, |t| t.lines().count());
            }
        }
    }
    lines
}

/// One generator's runs on one description.
struct Generation {
    /// Median wall time and median peak RSS (KB) of the runs.
    wall: Duration,
    rss_kb: u64,
    /// Why it failed, if it did (a failure is run once: it fails the same way each time).
    error: Option<String>,
    /// Stopped at this limit (then `error` says so too).
    timed_out: Option<Duration>,
}

/// Runs a generator `runs` times under GNU time into `out`, which holds the last run's crate.
fn generate(
    tools: &Tools,
    generator: Generator,
    spec: &Path,
    out: &Path,
    options: &Options,
) -> Result<Generation, String> {
    let name = crate_name(spec);
    let times = out.with_extension("time");
    let log = out.with_extension("log");
    let mut walls = Vec::new();
    let mut rss = Vec::new();
    for _ in 0..options.runs {
        let _ = std::fs::remove_dir_all(out);
        std::fs::create_dir_all(out.parent().expect("under target/peers/out"))
            .map_err(|e| format!("cannot create the folder of {}: {e}", out.display()))?;
        let command = tools.command(generator, spec, out, &name);
        let text = shown(&command);
        let _ = std::fs::remove_file(&times);
        let mut timed = Command::new("/usr/bin/time");
        timed
            .arg("-o")
            .arg(&times)
            .args(["-f", "%e %M"])
            .arg(command.get_program())
            .args(command.get_args());
        let run = run_limited(timed, &log, options.timeout)?;
        let Some(status) = run.status else {
            return Ok(Generation {
                wall: run.took,
                rss_kb: 0,
                error: Some(timed_out(options.timeout)),
                timed_out: Some(options.timeout),
            });
        };
        let measured = std::fs::read_to_string(&times).unwrap_or_default();
        // The wall time by the clock around the run: GNU time's `%e` counts in 10 ms steps,
        // which rounds our small runs to 0.
        let (_, kb) = parse_time(&measured)
            .ok_or_else(|| format!("GNU time wrote no `%e %M` line for `{text}`: {measured:?}"))?;
        let wall = run.took;
        walls.push(wall);
        rss.push(kb);
        let error = if !status.success() {
            Some(first_error_line(&run.output))
        } else if !out.join("Cargo.toml").is_file() {
            Some("exited 0 but wrote no Cargo.toml".into())
        } else {
            None
        };
        if error.is_some() {
            return Ok(Generation {
                wall,
                rss_kb: kb,
                error,
                timed_out: None,
            });
        }
    }
    Ok(Generation {
        wall: crate::bench::median(walls),
        rss_kb: crate::bench::median(rss),
        error: None,
        timed_out: None,
    })
}

/// The package name every generator is given for `spec`: `bench_` and its file stem.
fn crate_name(spec: &Path) -> String {
    let stem = spec.file_stem().unwrap_or_default().to_string_lossy();
    format!(
        "bench_{}",
        stem.to_ascii_lowercase()
            .replace(|c: char| !c.is_ascii_alphanumeric(), "_")
    )
}

/// What compiling a generated crate costs, dependencies already built.
struct Build {
    check: Duration,
    errors: usize,
    first_error: Option<String>,
    /// `None` where the check failed or timed out.
    build: Option<Duration>,
    /// The step stopped at the time limit, if one was.
    timed_out: Option<(&'static str, Duration)>,
}

/// `cargo check` then `cargo build` of the crate in `dir`, each once to build the dependencies and
/// once timed after touching `src/lib.rs`. Ours builds offline with our lock file into the target
/// folder of the standalone builds; the peers resolve their own dependencies from crates.io into
/// `target/peers/target`.
fn build(root: &Path, generator: Generator, dir: &Path, limit: Duration) -> Result<Build, String> {
    let manifest = dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest)
        .map_err(|e| format!("cannot read {}: {e}", manifest.display()))?;
    // A workspace of its own, or cargo would take it for a stray member of ours.
    if !text.contains("[workspace]") {
        std::fs::write(&manifest, text + "\n[workspace]\n")
            .map_err(|e| format!("cannot write {}: {e}", manifest.display()))?;
    }
    let (target, offline) = match generator {
        Generator::Ours => {
            std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock"))
                .map_err(|e| format!("cannot copy Cargo.lock into {}: {e}", dir.display()))?;
            (standalone::target_dir(root), true)
        }
        _ => (root.join("target/peers/target"), false),
    };
    let log = dir.with_extension("cargo.log");
    // As `standalone::cargo` runs it, under the time limit: `None` when stopped there.
    let cargo = |command: &str| -> Result<Option<standalone::Run>, String> {
        let mut args = vec![command, "--quiet", "--message-format=short"];
        if offline {
            args.push("--offline");
        }
        let run = run_limited(standalone::cargo_command(dir, &args, &target), &log, limit)?;
        // Both streams went to one log: it stands for `stderr`, where cargo's messages are.
        Ok(run.status.map(|status| standalone::Run {
            success: status.success(),
            stderr: run.output,
            stdout: String::new(),
            took: run.took,
        }))
    };
    let stopped = |step: &'static str, check: Duration| Build {
        check,
        errors: 0,
        first_error: None,
        build: None,
        timed_out: Some((step, limit)),
    };
    let lib = dir.join("src/lib.rs");
    let touch = || -> Result<(), String> {
        let text = std::fs::read_to_string(&lib)
            .map_err(|e| format!("cannot read {}: {e}", lib.display()))?;
        std::fs::write(&lib, text).map_err(|e| format!("cannot write {}: {e}", lib.display()))
    };
    if cargo("check")?.is_none() {
        return Ok(stopped("cargo check", limit));
    }
    touch()?;
    let Some(check) = cargo("check")? else {
        return Ok(stopped("cargo check", limit));
    };
    let errors = count_errors(&check.stderr);
    if !check.success {
        return Ok(Build {
            check: check.took,
            errors: errors.max(1),
            first_error: Some(first_cargo_error(&check.stderr)),
            build: None,
            timed_out: None,
        });
    }
    if cargo("build")?.is_none() {
        return Ok(stopped("cargo build", check.took));
    }
    touch()?;
    let Some(build) = cargo("build")? else {
        return Ok(stopped("cargo build", check.took));
    };
    Ok(Build {
        check: check.took,
        errors,
        first_error: (!build.success).then(|| first_cargo_error(&build.stderr)),
        build: build.success.then_some(build.took),
        timed_out: None,
    })
}

/// One generator on one description.
struct Cell {
    generation: Generation,
    /// Lines of Rust it wrote and what they cost to compile, where it generated.
    lines: usize,
    build: Option<Build>,
}

/// Every generator on one description.
struct Row {
    name: String,
    /// Operations in the description, as ours counts them.
    operations: Option<usize>,
    cells: Vec<(Generator, Cell)>,
}

/// The descriptions to measure: `schema/scenario.yaml` and the corpus, or those `only` names.
fn inputs(root: &Path, only: Option<&[String]>) -> Result<Vec<PathBuf>, String> {
    let mut all = vec![root.join("schema/scenario.yaml")];
    all.extend(crate::corpus::descriptions(&crate::specs::folder()?)?);
    let Some(only) = only else {
        return Ok(all);
    };
    let name = |p: &PathBuf| {
        p.file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned()
    };
    if let Some(unknown) = only.iter().find(|n| !all.iter().any(|p| name(p) == **n)) {
        let known: Vec<String> = all.iter().map(name).collect();
        return Err(format!(
            "`--only`: no description is named `{unknown}`; there are {}",
            known.join(", ")
        ));
    }
    Ok(all
        .into_iter()
        .filter(|p| only.contains(&name(p)))
        .collect())
}

/// The commit measured, as `git describe` names it (`-dirty` when files differ from it).
fn commit(root: &Path) -> String {
    Command::new("git")
        .args(["describe", "--always", "--dirty", "--abbrev=7"])
        .current_dir(root)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|| "unknown".into())
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(", "))
        .unwrap_or_else(|_| "unknown".into())
}

/// Installs the peers, measures every generator on every description, and returns the section
/// of `BENCHMARKS.md` (between [`START`] and [`END`]). `command` is how it was run, for the report.
pub fn run(root: &Path, options: &Options, command: &str) -> Result<String, String> {
    let tools = install(root)?;
    let load_before = load_average();
    // The codegen table of `cargo xtask bench`, in the same run, so that the three tables the
    // section holds compare under one load.
    let codegen = crate::bench::codegen(root)?;
    let command = format!("{command}` at commit `{}", commit(root));
    let command = command.as_str();
    let out = root.join("target/peers/out");
    let mut rows = Vec::new();
    for spec in inputs(root, options.only.as_deref())? {
        let name = spec
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let operations = xtask::generate_with_warnings(
            &spec,
            &xtask::target::Target::new("bench", name.clone()),
        )
        .ok()
        .map(|g| g.operations);
        let mut cells = Vec::new();
        for generator in Generator::ALL {
            eprintln!("{name}: {}", generator.label());
            let dir = out
                .join(generator.folder())
                .join(spec.file_stem().unwrap_or_default());
            let generation = generate(&tools, generator, &spec, &dir, options)?;
            let (lines, build) = match generation.error {
                Some(_) => (0, None),
                None => (
                    rust_lines(&dir),
                    Some(build(root, generator, &dir, options.timeout)?),
                ),
            };
            cells.push((
                generator,
                Cell {
                    generation,
                    lines,
                    build,
                },
            ));
        }
        rows.push(Row {
            name,
            operations,
            cells,
        });
    }
    Ok(report(
        &codegen,
        &rows,
        options,
        command,
        &load_before,
        &load_average(),
    ))
}

fn secs(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64())
}

/// The report: generation beside the peers (issue 18 item 2), then the crates' cost (item 3).
fn report(
    codegen: &str,
    rows: &[Row],
    options: &Options,
    command: &str,
    load_before: &str,
    load_after: &str,
) -> String {
    let mut md = String::new();
    let peers = [Generator::OpenApiGenerator, Generator::Progenitor];
    let _ = writeln!(
        md,
        "{START}\n## Codegen beside its peers, one run\n\nThe three tables below come from one run of `{command}`: the codegen table of `cargo xtask bench`, then our generator, openapi-generator {OPENAPI_GENERATOR} (`generate -g rust`, the PyPI package `openapi-generator-cli`, which ships the jar; Java: the machine's) and progenitor {PROGENITOR} (`cargo install cargo-progenitor --locked`), each run on the same descriptions, with its defaults. Each generator runs whole as a process under GNU time: wall time (by the clock around the run) and maximum RSS (by GNU time) are medians of {} runs (a generator that fails runs once). A generation, `cargo check` or `cargo build` still running after {} s is stopped (with every process it started) and shown as timed out. Load average (1, 5, 15 min, as `uptime` gives it) on this 2-core machine: {load_before} at the start, {load_after} at the end; the machine was shared, so compare ratios, not absolute times, across runs.\n",
        options.runs,
        options.timeout.as_secs()
    );
    // Its own heading under this section's, and the command of this run, not its own.
    let codegen = codegen.trim_end().replacen("## Codegen", "### Codegen", 1);
    let codegen = match codegen.rfind("\nCommand: ") {
        Some(end) => &codegen[..end],
        None => &codegen[..],
    };
    let _ = writeln!(
        md,
        "{}\n\nCommand: the first part of `{command}`, the same code as `cargo xtask bench --codegen-only`; every description of the corpus, whatever `--only` says.\n",
        codegen.trim_end()
    );
    let _ = writeln!(md, "### Generation beside the peers\n");
    if let Some(only) = &options.only {
        let _ = writeln!(
            md,
            "A subset of the corpus: {} (`--only`; without it every description is measured).\n",
            only.join(", ")
        );
    }
    let _ = writeln!(
        md,
        "Wall time (ms), maximum RSS (MB) and the `cargo check` of the crate written: its time in seconds, dependencies built, or its count of errors. Ratios are our time over the peer's, where both generate.\n"
    );
    let mut header = String::from("| Description |");
    let mut rule = String::from("|---|");
    for g in Generator::ALL {
        let _ = write!(header, " {0}: ms | {0}: MB | {0}: check |", g.label());
        rule += "---:|---:|---:|";
    }
    for g in peers {
        let _ = write!(header, " Ours / {} |", g.label());
        rule += "---:|";
    }
    let _ = writeln!(md, "{header}\n{rule}");
    let mut failures = Vec::new();
    for row in rows {
        let _ = write!(md, "| {} |", row.name);
        for (g, cell) in &row.cells {
            let generation = &cell.generation;
            let check = match (&generation.error, &cell.build) {
                (Some(_), _) if generation.timed_out.is_some() => "not generated".to_string(),
                (Some(e), _) => {
                    failures.push(format!(
                        "{} on {}: `{}`",
                        g.label(),
                        row.name,
                        e.replace('`', "'")
                    ));
                    "not generated".to_string()
                }
                (
                    None,
                    Some(Build {
                        timed_out: Some(("cargo check", limit)),
                        ..
                    }),
                ) => timed_out(*limit),
                (None, Some(b)) if b.errors == 0 => format!("{} s", secs(b.check)),
                (None, Some(b)) => {
                    if let Some(e) = &b.first_error {
                        failures.push(format!(
                            "`cargo check` of {}'s crate for {}: `{}`",
                            g.label(),
                            row.name,
                            e.replace('`', "'")
                        ));
                    }
                    format!("{} errors", b.errors)
                }
                (None, None) => String::new(),
            };
            match generation.timed_out {
                Some(limit) => {
                    let _ = write!(md, " {} | — | {check} |", timed_out(limit));
                }
                None => {
                    let failed = if generation.error.is_some() {
                        " (failed)"
                    } else {
                        ""
                    };
                    let _ = write!(
                        md,
                        " {:.0}{failed} | {:.0} | {check} |",
                        generation.wall.as_secs_f64() * 1e3,
                        generation.rss_kb as f64 / 1024.0
                    );
                }
            }
        }
        let ours = row
            .cells
            .iter()
            .find(|(g, _)| *g == Generator::Ours)
            .map(|(_, c)| c);
        for peer in peers {
            let theirs = row.cells.iter().find(|(g, _)| *g == peer).map(|(_, c)| c);
            let ratio = match (ours, theirs) {
                (Some(o), Some(t))
                    if o.generation.error.is_none() && t.generation.error.is_none() =>
                {
                    format!(
                        "{:.3}",
                        o.generation.wall.as_secs_f64() / t.generation.wall.as_secs_f64().max(1e-3)
                    )
                }
                _ => "—".into(),
            };
            let _ = write!(md, " {ratio} |");
        }
        md.push('\n');
    }
    if !failures.is_empty() {
        let _ = writeln!(
            md,
            "\nWhy each failure failed (the first line that says so):\n"
        );
        for f in &failures {
            let _ = writeln!(md, "- {f}");
        }
    }
    let _ = writeln!(md, "\n### What the generated crate costs its users\n");
    let _ = writeln!(
        md,
        "Lines of Rust the generator wrote, per operation of the description, and the time of `cargo check` and `cargo build` (debug) of the crate alone after touching `src/lib.rs`, its dependencies already built (once each). Ours builds with our lock file; the peers' crates resolve their own dependencies from crates.io. Build times are where the crate checks without errors.\n"
    );
    let _ = writeln!(
        md,
        "| Description | Operations | Generator | Lines of Rust | Lines / operation | `cargo check` (s) | `cargo build` (s) |\n|---|---:|---|---:|---:|---:|---:|"
    );
    for row in rows {
        let ops = row.operations.map_or("—".into(), |n| n.to_string());
        for (g, cell) in &row.cells {
            let (lines, per_op, check, build) = match (&cell.generation.error, &cell.build) {
                (None, Some(b)) => (
                    cell.lines.to_string(),
                    row.operations.filter(|n| *n > 0).map_or("—".into(), |n| {
                        format!("{:.0}", cell.lines as f64 / n as f64)
                    }),
                    match b.timed_out {
                        Some(("cargo check", limit)) => timed_out(limit),
                        _ if b.errors == 0 => secs(b.check),
                        _ => format!("{} errors", b.errors),
                    },
                    match b.timed_out {
                        Some(("cargo build", limit)) => timed_out(limit),
                        _ => b.build.map_or("—".into(), secs),
                    },
                ),
                _ if cell.generation.timed_out.is_some() => (
                    format!(
                        "not generated ({})",
                        cell.generation.error.as_deref().unwrap_or("")
                    ),
                    "—".into(),
                    "—".into(),
                    "—".into(),
                ),
                _ => ("not generated".into(), "—".into(), "—".into(), "—".into()),
            };
            let _ = writeln!(
                md,
                "| {} | {ops} | {} | {lines} | {per_op} | {check} | {build} |",
                row.name,
                g.label()
            );
        }
    }
    let _ = writeln!(
        md,
        "\nCommand: `{command}` (installs the peers under `target/peers/` on its first run; the crates are in `target/peers/out/<generator>/<description>/`).\n{END}"
    );
    md
}

/// `text` with the peers section replaced by `section`, or with it appended where there is none.
pub fn with_section(text: &str, section: &str) -> String {
    crate::replace_marked(text, START, END, section.trim_end())
        .unwrap_or_else(|| format!("{}\n\n{}\n", text.trim_end(), section.trim_end()))
}

/// The peers section of `text`, markers included, if it has one.
pub fn section(text: &str) -> Option<&str> {
    let start = text.find(START)?;
    let end = text[start..].find(END)? + start + END.len();
    Some(&text[start..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gnu_time_gives_wall_time_and_peak_rss_even_after_a_failure() {
        assert_eq!(
            parse_time("1.42 726120\n"),
            Some((Duration::from_millis(1420), 726120))
        );
        assert_eq!(
            parse_time("Command exited with non-zero status 1\n60.79 726120\n"),
            Some((Duration::from_millis(60790), 726120))
        );
        assert_eq!(parse_time(""), None);
        assert_eq!(parse_time("Command terminated by signal 9\n"), None);
    }

    #[test]
    fn errors_are_counted_once_each_without_cargos_total() {
        let stderr = "\
src/models/pet.rs:12:5: error[E0412]: cannot find type `Foo` in this scope
src/apis/default_api.rs:40:9: error: expected one of `,` or `}`, found `=`
src/lib.rs:1:1: warning: unused import: `std::fmt`
error: could not compile `bench_x` (lib) due to 2 previous errors; 1 warning emitted
";
        assert_eq!(count_errors(stderr), 2);
        let cargo = "error: failed to run custom build command for `openssl-sys v0.9.109`\n";
        assert_eq!(count_errors(cargo), 1);
        assert_eq!(
            count_errors("src/lib.rs:1:1: warning: the word error: here\n"),
            0
        );
        assert_eq!(count_errors(""), 0);
    }

    #[test]
    fn the_reason_of_a_failure_is_the_line_that_says_it() {
        let java = "[main] ERROR i.s.v.p.reference.ReferenceVisitor - Error resolving ./a.yaml#/x\n\tat Foo.bar(Foo.java:1)\nException in thread \"main\" org.openapitools.codegen.SpecValidationException: There were issues.\n | Error count: 2\nErrors:\n\t-Illegal character in fragment\n\t-Another\n";
        assert_eq!(
            first_error_line(java),
            "SpecValidationException: There were issues. The first: Illegal character in fragment"
        );
        let panic = "\nthread 'main' (4810) panicked at src/method.rs:1220:9:\nassertion failed: n <= 1\nstack backtrace:\nnote: Some details are omitted\n";
        assert_eq!(
            first_error_line(panic),
            "panicked: assertion failed: n <= 1"
        );
        assert_eq!(
            first_error_line(
                "gen fail: UnexpectedFormat(\"invalid version: 3.1.0\")\nError: generation experienced errors\n"
            ),
            "gen fail: UnexpectedFormat(\"invalid version: 3.1.0\")"
        );
        assert_eq!(
            first_error_line("generating\nerror: unsupported version 3.1.0\n"),
            "error: unsupported version 3.1.0"
        );
        assert_eq!(
            first_error_line("[main] ERROR x - y\n"),
            "[main] ERROR x - y"
        );
        assert_eq!(first_error_line("a\nb\n"), "b");
        assert_eq!(first_error_line(&"x".repeat(400)).chars().count(), 301);
    }

    #[test]
    fn only_and_runs_are_read() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(Options::parse(&[]), Ok(Options::default()));
        assert_eq!(
            Options::parse(&args(&[
                "--only",
                "scenario.yaml,petstore3.yaml",
                "--runs",
                "5"
            ])),
            Ok(Options {
                only: Some(vec!["scenario.yaml".into(), "petstore3.yaml".into()]),
                runs: 5,
                ..Options::default()
            })
        );
        assert_eq!(
            Options::parse(&args(&["--timeout", "90"])).map(|o| o.timeout),
            Ok(Duration::from_secs(90))
        );
        assert!(Options::parse(&args(&["--timeout", "0"])).is_err());
        assert!(Options::parse(&args(&["--timeout", "1.5"])).is_err());
        assert!(Options::parse(&args(&["--runs", "0"])).is_err());
        assert!(Options::parse(&args(&["--only"])).is_err());
        assert!(Options::parse(&args(&["--only", ","])).is_err());
        assert!(Options::parse(&args(&["--frobnicate"])).is_err());
    }

    #[test]
    fn a_run_past_its_limit_is_stopped_with_what_it_started() {
        let dir = std::env::temp_dir().join(format!("peers-limit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let pid_file = dir.join("pid");
        // A script that starts a long child and waits for it, as openapi-generator's script
        // starts Java.
        let mut slow = Command::new("sh");
        slow.arg("-c").arg(format!(
            "sleep 30 & echo $! > {}; echo started; wait",
            pid_file.display()
        ));
        let run = run_limited(slow, &dir.join("slow.log"), Duration::from_millis(500)).unwrap();
        assert!(run.status.is_none());
        assert!(run.took < Duration::from_secs(10), "{:?}", run.took);
        assert_eq!(run.output, "started\n");
        let pid = std::fs::read_to_string(&pid_file).unwrap();
        // Gone, or a zombie waiting for a parent that no longer exists to reap it.
        std::thread::sleep(Duration::from_millis(200));
        let state = std::fs::read_to_string(format!("/proc/{}/stat", pid.trim()))
            .map(|s| s.rsplit(')').next().unwrap_or("").trim().chars().next());
        assert!(matches!(state, Err(_) | Ok(Some('Z'))), "{state:?}");

        let mut quick = Command::new("sh");
        quick.args(["-c", "echo out; echo err >&2; exit 3"]);
        let run = run_limited(quick, &dir.join("quick.log"), Duration::from_secs(30)).unwrap();
        assert_eq!(run.status.and_then(|s| s.code()), Some(3));
        assert_eq!(run.output, "out\nerr\n");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_section_is_replaced_or_appended() {
        let section = format!("{START}\nnew\n{END}");
        let md = format!("# B\n\n{START}\nold\n{END}\n\n## After\n");
        let replaced = with_section(&md, &section);
        assert_eq!(
            replaced,
            format!("# B\n\n{START}\nnew\n{END}\n\n## After\n")
        );
        assert_eq!(self::section(&replaced), Some(section.as_str()));
        let appended = with_section("# B\n", &section);
        assert_eq!(appended, format!("# B\n\n{section}\n"));
        assert_eq!(self::section("# B\n"), None);
    }
}
