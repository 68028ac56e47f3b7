//! `cargo xtask bench`: measures the generator, the generated crate's build cost and the
//! client, and writes `BENCHMARKS.md`. Beside the pipeline, not part of it.
//!
//! Figures are medians of several runs taken in one go, and comparisons are ratios within the
//! same run, because the machines this runs on are shared and noisy.

use std::alloc::{GlobalAlloc, Layout};

use mimalloc::MiMalloc;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use xtask::target::Target;

/// The codegen binary's allocator (mimalloc), counting the bytes in use and their peak, so that
/// the benchmark can report the generator's peak heap per input without an outside tool, and
/// times what the binary would.
pub struct CountingAlloc;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged to the allocator.
        let p = unsafe { MiMalloc.alloc(layout) };
        if !p.is_null() {
            let now = IN_USE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged to the allocator.
        unsafe { MiMalloc.dealloc(ptr, layout) };
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

/// Starts a new peak measurement from what is in use now; returns that baseline. (Public for
/// the client's memory benchmark, which counts with the same allocator.)
pub fn reset_peak() -> usize {
    let now = IN_USE.load(Ordering::Relaxed);
    PEAK.store(now, Ordering::Relaxed);
    now
}

/// The bytes in use now, and the most in use since the last [`reset_peak`].
pub fn heap() -> (usize, usize) {
    (IN_USE.load(Ordering::Relaxed), PEAK.load(Ordering::Relaxed))
}

pub(crate) fn median<T: Ord + Copy>(mut v: Vec<T>) -> T {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1e3)
}

/// The stages of one generation, timed.
#[derive(Default, Clone)]
struct Stages {
    load: Duration,
    validate: Duration,
    lower: Duration,
    /// Emit and format as the library runs them without a cache: a file per thread at a time.
    emit: Duration,
    /// Emit as `cargo xtask codegen` runs it a second time: every file formatted before is
    /// taken from the cache of formatted files.
    emit_cached: Duration,
}

impl Stages {
    /// The whole run, every file formatted.
    fn as_run(&self) -> Duration {
        self.load + self.validate + self.lower + self.emit
    }

    /// The whole run with the cache of an earlier run.
    fn as_run_cached(&self) -> Duration {
        self.load + self.validate + self.lower + self.emit_cached
    }
}

/// Peak heap of a run without the cache and of one with it.
struct Peaks {
    cold: usize,
    warm: usize,
}

struct CodegenRow {
    name: String,
    bytes: u64,
    outcome: Result<(Stages, usize, Peaks), String>,
}

/// The cache of formatted files the in-process runs of `name` share, emptied first.
fn fresh_cache(root: &Path, name: &str) -> Result<xtask::emit::format::Cache, String> {
    let dir = root.join("target/bench/format-cache").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    xtask::emit::format::Cache::new(dir).ok_or_else(|| "cannot identify this executable".into())
}

/// Generates from `path` once, timing each stage; the error is the first diagnostic.
fn generate_once(
    path: &Path,
    target: &Target,
    cache: &xtask::emit::format::Cache,
) -> Result<(Stages, usize), String> {
    let mut s = Stages::default();
    let t = Instant::now();
    let doc = xtask::load::load(path).map_err(|d| d.message)?;
    s.load = t.elapsed();
    let t = Instant::now();
    xtask::validate::validate(&doc)
        .map_err(|d| format!("{} errors, the first: {}", d.0.len(), d.0[0].message))?;
    s.validate = t.elapsed();
    let t = Instant::now();
    let (mut api, _) = xtask::lower::lower(&doc);
    xtask::passes::run(&mut api, target).map_err(|p| p.message)?;
    s.lower = t.elapsed();
    let t = Instant::now();
    let files = xtask::emit::emit(&api, target, None);
    s.emit = t.elapsed();
    // The first cached run fills the cache; the second is the one timed.
    let filled = xtask::emit::emit(&api, target, Some(cache));
    let t = Instant::now();
    let cached = xtask::emit::emit(&api, target, Some(cache));
    s.emit_cached = t.elapsed();
    if cached != files || filled != files {
        return Err("the cache of formatted files changed the output".into());
    }
    Ok((s, files.len()))
}

/// The size of the description at `path`: of the file and of the others its references name
/// (`schema/scenario.yaml` is the root of several).
fn input_bytes(path: &Path) -> u64 {
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    let others = xtask::load::load(path)
        .map(|doc| doc.origins.files().map(size).sum())
        .unwrap_or(0);
    size(path) + others
}

/// The most the generator holds at once over a run as `cargo xtask codegen` makes it
/// (`xtask::generate_cached`: files rendered and formatted a few at a time, the document
/// dropped before emit), into an output folder that does not exist.
fn peak_heap(
    root: &Path,
    path: &Path,
    target: &Target,
    cache: Option<&xtask::emit::format::Cache>,
) -> Result<usize, String> {
    let out = root.join("target/bench/heap-out");
    let base = reset_peak();
    let generated =
        xtask::generate_cached(path, &out, target, cache).map_err(|d| d.0[0].message.clone())?;
    let peak = PEAK.load(Ordering::Relaxed).saturating_sub(base);
    drop(generated);
    Ok(peak)
}

/// `cargo xtask codegen ARGS` of `input` as its own process, under GNU time: the median wall
/// time, the median peak resident memory (the binary's whole footprint: code, allocator and
/// all) and the median CPU time over `runs` runs. With [`ProcessCache::Warm`], a first run fills
/// the cache of formatted files and is not counted. `None` where GNU time is not installed.
fn process_runs(
    root: &Path,
    input: &Path,
    runs: usize,
    cache: ProcessCache,
) -> Option<(Duration, f64, Duration)> {
    let exe = codegen_binary(root).ok()?;
    let out = root.join("target/bench/codegen-out");
    let cached = cache == ProcessCache::Warm;
    let mut walls = Vec::new();
    let mut rss = Vec::new();
    let mut cpu = Vec::new();
    for run in 0..runs + usize::from(cached) {
        let _ = std::fs::remove_dir_all(&out);
        let mut command = Command::new("/usr/bin/time");
        if cache == ProcessCache::Empty {
            // A target folder of its own, emptied: the cache is looked up, missed and filled.
            let empty = root.join("target/bench/empty-cache-target");
            let _ = std::fs::remove_dir_all(&empty);
            command.env("CARGO_TARGET_DIR", empty);
        }
        command
            .args(["-f", "%e %M %U %S"])
            .arg(&exe)
            .args(["codegen", "--schema"])
            .arg(input)
            .arg("--out")
            .arg(&out)
            .args(["--crate-name", "bench"])
            .args((cache == ProcessCache::Off).then_some("--no-cache"));
        let t = timed(command)?;
        if cached && run == 0 {
            continue;
        }
        walls.push(t.wall);
        rss.push(t.rss_kb);
        cpu.push(t.cpu);
    }
    Some((median(walls), median(rss) as f64 / 1024.0, median(cpu)))
}

/// How the process runs of codegen use the cache of formatted files.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ProcessCache {
    /// `--no-cache`: every file formatted.
    Off,
    /// An empty cache, as the first run after a build of the generator finds it: every file
    /// formatted and its entry written.
    Empty,
    /// The cache a run before filled.
    Warm,
}

/// What GNU time (`-f "%e %M %U %S"`) says of one run.
struct Timed {
    wall: Duration,
    rss_kb: u64,
    /// User and system time of every thread: on a shared machine the wall time also counts
    /// the waits for a core, which this does not.
    cpu: Duration,
}

/// A command run under GNU time `-f "%e %M %U %S"`. The wall time is the clock's around it,
/// not GNU time's, whose 10 ms steps hide the small inputs.
fn timed(mut command: Command) -> Option<Timed> {
    let start = Instant::now();
    let run = command.output().ok()?;
    let wall = start.elapsed();
    let stderr = String::from_utf8_lossy(&run.stderr);
    let mut fields = stderr.lines().last()?.split_whitespace();
    let secs =
        |f: Option<&str>| -> Option<Duration> { Some(Duration::from_secs_f64(f?.parse().ok()?)) };
    secs(fields.next())?;
    let rss_kb = fields.next()?.parse().ok()?;
    let cpu = secs(fields.next())? + secs(fields.next())?;
    Some(Timed { wall, rss_kb, cpu })
}

/// `cargo xtask codegen` and `cargo xtask codegen --check` as a user runs them (the release
/// binary, `schema/` into `generated/`, which is up to date), with the cache of formatted files
/// and without: medians of `runs` wall and CPU times, as `(label, (wall, cpu))`.
fn default_job_runs(root: &Path, runs: usize) -> Vec<(String, Option<(Duration, Duration)>)> {
    let Ok(exe) = codegen_binary(root) else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    for args in [
        &["codegen", "--check"][..],
        &["codegen"],
        &["codegen", "--check", "--no-cache"],
        &["codegen", "--no-cache"],
    ] {
        // Once unmeasured: the cache holds what this build formats.
        let _ = Command::new(&exe).args(args).current_dir(root).output();
        let times: Option<Vec<Timed>> = (0..runs)
            .map(|_| {
                let mut command = Command::new("/usr/bin/time");
                command
                    .args(["-f", "%e %M %U %S"])
                    .arg(&exe)
                    .args(args)
                    .current_dir(root);
                timed(command)
            })
            .collect();
        let medians = times.map(|t| {
            (
                median(t.iter().map(|t| t.wall).collect()),
                median(t.iter().map(|t| t.cpu).collect()),
            )
        });
        rows.push((format!("xtask {}", args.join(" ")), medians));
    }
    rows
}

/// The release build of the codegen binary, as users run it (built here if need be).
pub(crate) fn codegen_binary(root: &Path) -> Result<PathBuf, String> {
    let status = Command::new(env!("CARGO"))
        .args(["build", "--release", "--quiet", "--package", "xtask"])
        .current_dir(root)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err("`cargo build --release --package xtask` failed".into());
    }
    Ok(root.join("target/release/xtask"))
}

fn codegen_row(root: &Path, path: &Path, bytes: u64, runs: usize) -> CodegenRow {
    let name = path
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let target = Target::new("bench", name.clone());
    let outcome = (|| {
        let cache = fresh_cache(root, &name)?;
        let cold = peak_heap(root, path, &target, None)?;
        let first = generate_once(path, &target, &cache)?;
        let warm = peak_heap(root, path, &target, Some(&cache))?;
        let mut all = vec![first.0];
        for _ in 1..runs {
            all.push(generate_once(path, &target, &cache)?.0);
        }
        let pick = |f: fn(&Stages) -> Duration| median(all.iter().map(f).collect());
        let stages = Stages {
            load: pick(|s| s.load),
            validate: pick(|s| s.validate),
            lower: pick(|s| s.lower),
            emit: pick(|s| s.emit),
            emit_cached: pick(|s| s.emit_cached),
        };
        Ok((stages, first.1, Peaks { cold, warm }))
    })();
    CodegenRow {
        name,
        bytes,
        outcome,
    }
}

/// `cargo ARGS` in `dir`, with the target folder that builds of generated crates share.
fn cargo(root: &Path, dir: &Path, args: &[&str]) -> Result<Duration, String> {
    let run = crate::standalone::cargo(dir, args, &crate::standalone::target_dir(root), &[])
        .map_err(|e| e.to_string())?;
    if !run.success {
        return Err(format!("cargo {} failed:\n{}", args.join(" "), run.stderr));
    }
    Ok(run.took)
}

/// `cargo check` and `cargo build` of a standalone copy of `generated/`, dependencies built,
/// after touching `src/lib.rs`; and its count of lines of Rust.
fn build_cost(root: &Path) -> Result<(Duration, Duration, usize), String> {
    let copy = root.join("target/bench/scenario-sdk");
    let lines = crate::standalone::vendor_copy(root, &copy).map_err(|e| e.to_string())?;
    cargo(root, &copy, &["build", "--offline", "--quiet"])?;
    cargo(root, &copy, &["check", "--offline", "--quiet"])?;
    let lib = copy.join("src/lib.rs");
    let touch = || -> Result<(), String> {
        let text = std::fs::read_to_string(&lib).map_err(|e| e.to_string())?;
        std::fs::write(&lib, text).map_err(|e| e.to_string())
    };
    let mut check = Vec::new();
    let mut build = Vec::new();
    for _ in 0..3 {
        touch()?;
        check.push(cargo(root, &copy, &["check", "--offline", "--quiet"])?);
        touch()?;
        build.push(cargo(root, &copy, &["build", "--offline", "--quiet"])?);
    }
    Ok((median(check), median(build), lines))
}

/// The figures the `tests` benchmarks print, one JSON object per line.
fn client_benches(root: &Path) -> Result<Vec<(String, f64, String)>, String> {
    let out = Command::new(env!("CARGO"))
        .args([
            "bench", "--quiet", "-p", "tests", "--bench", "decode", "--bench", "client", "--bench",
            "memory",
        ])
        .current_dir(root)
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!(
            "cargo bench failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| {
            let name = format!("{}.{}", v["bench"].as_str()?, v["name"].as_str()?);
            Some((name, v["value"].as_f64()?, v["unit"].as_str()?.to_string()))
        })
        .collect())
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines().next().map(|l| {
                l.split_whitespace()
                    .nth(1)
                    .unwrap_or("0")
                    .parse::<f64>()
                    .unwrap_or(0.0)
                    / 1048576.0
            })
        })
        .unwrap_or(0.0);
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let rustc = Command::new("rustc")
        .arg("-V")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    format!("{cores} cores ({cpu}), {mem:.0} GiB, {rustc}")
}

/// Runs every measurement and returns the report.
pub fn run(root: &Path) -> Result<String, String> {
    let mut md = String::new();
    let _ = writeln!(
        md,
        "# Benchmarks\n\nWritten by `cargo xtask bench` (release build). Machine: {}.\n",
        machine()
    );
    let _ = writeln!(
        md,
        "Timings are medians of repeated runs in one process; comparisons are ratios within one run.\n"
    );
    md.push_str(&codegen(root)?);
    rest(root, md)
}

/// The load average as `uptime` gives it (1, 5 and 15 minutes), to say how busy the machine was.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(", "))
        .unwrap_or_else(|| "unknown".into())
}

/// The codegen section of the report: every stage on `schema/scenario.yaml` and on each
/// description of the corpus ([`crate::specs`]).
pub fn codegen(root: &Path) -> Result<String, String> {
    let mut inputs: Vec<PathBuf> = vec![root.join("schema/scenario.yaml")];
    let specs = crate::specs::folder()?;
    inputs.extend(crate::corpus::descriptions(&specs)?);
    let mut md = String::new();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let start_load = load_average();
    let _ = writeln!(
        md,
        "## Codegen\n\nEach stage of `cargo xtask codegen` in-process: load, validate, lower + passes, then emit (rendering and formatting spread over the {threads} cores, file by file), every Rust file formatted (\"cold\") and, as a second run of codegen does it, with the files formatted before taken from the cache of formatted files under `target/` (\"warm\": the tokens are rendered and compared, not parsed and printed). Peak heap is the most the generator held at once over a run as `codegen` makes it (counted by its allocator, mimalloc as in the binary), cold and warm, against the input size. Process and max RSS are the release binary run whole (`xtask codegen --schema F --out DIR`, writing every file into an empty folder; its allocator is mimalloc) under GNU time (wall time by the clock around it, maximum RSS and CPU time by GNU time), medians of up to 5 runs, with `--no-cache` (cold), with an empty cache as the first run after a build of the generator finds it (first run: every file formatted and its entry written), and with the cache of the run before (warm). CPU is the user and system time of the cold process, all threads, in GNU time's 10 ms steps: on a busy machine the wall time also counts the waits for a core. Targets: `schema/scenario.yaml` under 100 ms as a process, the vendor Swagger 2.0 export under 1 s, peak heap under 10x the input.\n"
    );
    let _ = writeln!(
        md,
        "| Input | Size (KB) | Load | Validate | Lower + passes | Emit, cold | Emit, warm | **As run, cold (ms)** | **As run, warm (ms)** | **Process, cold (ms)** | CPU, cold (ms) | **Process, first run (ms)** | **Process, warm (ms)** | Peak heap, cold (MB) | Peak heap, warm (MB) | Heap / input, cold | Heap / input, warm | Max RSS, warm (MB) | Files |"
    );
    let _ = writeln!(
        md,
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    for path in &inputs {
        let bytes = input_bytes(path);
        let runs = if bytes > 1_000_000 { 3 } else { 7 };
        let row = codegen_row(root, path, bytes, runs);
        let kb = row.bytes as f64 / 1024.0;
        match row.outcome {
            Ok((s, files, peaks)) => {
                let cold = process_runs(root, path, runs.min(5), ProcessCache::Off);
                let first = process_runs(root, path, runs.min(5), ProcessCache::Empty);
                let warm = process_runs(root, path, runs.min(5), ProcessCache::Warm);
                let wall = |r: Option<(Duration, f64, Duration)>| {
                    r.map_or("n/a".into(), |(w, _, _)| ms(w))
                };
                let cpu = cold.map_or("n/a".into(), |(_, _, c)| ms(c));
                let rss = warm.map_or("n/a".into(), |(_, rss, _)| format!("{rss:.1}"));
                let mb = |b: usize| b as f64 / 1048576.0;
                let _ = writeln!(
                    md,
                    "| {} | {kb:.0} | {} | {} | {} | {} | {} | **{}** | **{}** | **{}** | {cpu} | **{}** | **{}** | {:.1} | {:.1} | {:.1}x | {:.1}x | {rss} | {files} |",
                    row.name,
                    ms(s.load),
                    ms(s.validate),
                    ms(s.lower),
                    ms(s.emit),
                    ms(s.emit_cached),
                    ms(s.as_run()),
                    ms(s.as_run_cached()),
                    wall(cold),
                    wall(first),
                    wall(warm),
                    mb(peaks.cold),
                    mb(peaks.warm),
                    peaks.cold as f64 / row.bytes.max(1) as f64,
                    peaks.warm as f64 / row.bytes.max(1) as f64
                );
            }
            Err(e) => {
                let e = e.lines().next().unwrap_or_default().replace('|', "\\|");
                let _ = writeln!(
                    md,
                    "| {} | {kb:.0} | not generated: {e} |||||||||||||||||",
                    row.name
                );
            }
        }
    }
    let _ = writeln!(
        md,
        "\n`cargo xtask codegen` as run on this workspace (the release binary, `schema/` into `generated/`, which is up to date, so nothing is written), medians of 5:\n\n| Command | Wall (ms) | CPU (ms) |\n|---|---:|---:|"
    );
    for (label, times) in default_job_runs(root, 5) {
        let (wall, cpu) = times.map_or(("n/a".into(), "n/a".into()), |(w, c)| (ms(w), ms(c)));
        let _ = writeln!(md, "| `{label}` | {wall} | {cpu} |");
    }
    let _ = writeln!(
        md,
        "\nLoad average (1, 5, 15 min) on this {threads}-core machine: {start_load} at the start, {} at the end.\n\nCommand: `cargo xtask bench` (stage timings in-process, release build; `--codegen-only` prints this table alone).\n",
        load_average()
    );
    Ok(md)
}

/// The build, decoding and client sections, appended to `md`.
fn rest(root: &Path, mut md: String) -> Result<String, String> {
    let (check, build, lines) = build_cost(root)?;
    let _ = writeln!(
        md,
        "## Build cost of `generated/`\n\nA standalone copy, dependencies already built, after touching `src/lib.rs`; median of 3.\n"
    );
    let _ = writeln!(
        md,
        "| Lines of Rust | `cargo check` (s) | `cargo build` (s) |\n|---:|---:|---:|"
    );
    let _ = writeln!(
        md,
        "| {lines} | {:.2} | {:.2} |\n",
        check.as_secs_f64(),
        build.as_secs_f64()
    );
    let _ = writeln!(
        md,
        "Command: `cargo xtask bench` (copies `generated/` to `target/bench/`).\n"
    );

    let figures = client_benches(root)?;
    let get = |name: &str| {
        figures
            .iter()
            .find(|(n, _, _)| n == name)
            .map(|(_, v, _)| *v)
            .unwrap_or(f64::NAN)
    };
    let _ = writeln!(
        md,
        "## Client: decoding\n\nThroughput of decoding one big list response, the same bytes three ways in one run: into the generated types, into `serde_json::Value`, and skipped by serde_json (`IgnoredAny`, the parser's own limit). Target: typed at least as fast as `Value`.\n"
    );
    let _ = writeln!(
        md,
        "| Body | Size (KB) | Typed (MB/s) | Value (MB/s) | Skipped (MB/s) | Typed / Value | Typed / skipped |\n|---|---:|---:|---:|---:|---:|---:|"
    );
    for (body, label) in [
        ("jobs", "300 workflow jobs (`JobList`)"),
        ("assets", "2,000 assets (`AssetList`)"),
    ] {
        let (typed, value, ignored) = (
            get(&format!("decode.{body}.typed")),
            get(&format!("decode.{body}.value")),
            get(&format!("decode.{body}.ignored")),
        );
        let _ = writeln!(
            md,
            "| {label} | {:.0} | {typed:.0} | {value:.0} | {ignored:.0} | {:.2} | {:.2} |",
            get(&format!("decode.{body}.bytes")) / 1024.0,
            typed / value,
            typed / ignored
        );
    }
    let _ = writeln!(md, "\nCommand: `cargo bench -p tests --bench decode`.\n");
    let _ = writeln!(
        md,
        "## Client: overhead per request\n\nSequential `GET /jobs/{{jobId}}` against a local keep-alive HTTP server: the generated client beside bare `reqwest` sending the same request with the same timeout and decoding the same type; rounds alternate, medians of 7 rounds of 1,000 requests. Target: under 5% overhead.\n"
    );
    let _ = writeln!(
        md,
        "| Generated client (µs/request) | Bare reqwest (µs/request) | Overhead |\n|---:|---:|---:|"
    );
    let _ = writeln!(
        md,
        "| {:.1} | {:.1} | {:+.1}% |\n",
        get("client.generated.us_per_request"),
        get("client.reqwest.us_per_request"),
        get("client.overhead")
    );
    let _ = writeln!(md, "Command: `cargo bench -p tests --bench client`.\n");
    let _ = writeln!(
        md,
        "## Client: memory while decoding\n\nThe most the generated client holds at once while it receives and decodes one big list response (8,000 assets, `client.assets().list().send()` against a local HTTP server), counted by a counting allocator from just before the call to its end, as multiples of the body's size; medians of 5 calls. Retained: what the result still holds after the call (the decoded list or the error); transient: peak less retained. The floor is `serde_json::from_slice` of the same bytes already in memory, what decoding alone costs (serde growing the list and keeping the members the schema does not name). Beyond the floor: the client's peak less the floor's; a client that decodes the bytes it received in place holds exactly one body there (its own buffer), a copy of the body before decoding would make it two.\n"
    );
    let _ = writeln!(
        md,
        "| Response | Body (KB) | Peak / body | Retained / body | Transient / body | Beyond the floor / body |\n|---|---:|---:|---:|---:|---:|"
    );
    for (mode, label) in [
        (
            "floor",
            "`serde_json::from_slice`, bytes already held (floor)",
        ),
        ("length", "200 JSON, length announced"),
        ("chunked", "200 JSON, chunked"),
        ("error_text", "400 text page (not JSON), kept in the error"),
        (
            "error_json",
            "400 with the same JSON, kept raw and decoded in the error",
        ),
    ] {
        let beyond = match get(&format!("memory.{mode}.beyond_floor")) {
            v if v.is_nan() => "—".to_string(),
            v => format!("{v:.2}"),
        };
        let _ = writeln!(
            md,
            "| {label} | {:.0} | {:.2} | {:.2} | {:.2} | {beyond} |",
            get(&format!("memory.{mode}.body")) / 1024.0,
            get(&format!("memory.{mode}.peak")),
            get(&format!("memory.{mode}.retained")),
            get(&format!("memory.{mode}.transient"))
        );
    }
    let _ = writeln!(
        md,
        "\nCommand: `cargo bench -p tests --bench memory`; `tests/tests/memory.rs` holds the client to it at a smaller size (beyond the floor between 0.9x and 1.25x; a copy of the body before decoding makes it 2.0x and fails it)."
    );
    Ok(md)
}
