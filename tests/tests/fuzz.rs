//! Fuzzing of the whole pipeline (load -> validate -> lower -> passes -> emit, and the rendering
//! of errors) with mutated real descriptions: whatever the input, the generator must answer
//! with files or with located errors, and never panic.
//!
//! Each input is a seed (the specs in `../shared/specs/` and the fixtures) with a few
//! structure-aware edits (a value replaced by one from a pool of awkward ones, a subtree copied
//! elsewhere, a key renamed or removed, a `$ref` to some other place), written out as YAML or
//! JSON, and sometimes with a few bytes broken afterwards. proptest shrinks a failure to its
//! fewest edits.
//!
//! - short form, part of `cargo test`: [`fuzz_short`], a fixed seed, `FUZZ_CASES` inputs (1000).
//! - long form: `FUZZ_SECONDS=600 cargo test -p tests --release --test fuzz -- --ignored
//!   --nocapture`. It prints how many inputs it tried, and writes each crash, shrunk, to
//!   `target/fuzz-crashes/` (to be fixed, then added to `tests/fixtures/bad/`).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestError, TestRunner};
use serde_json::{Value, json};
use xtask::Target;
use xtask::diagnostics::Diagnostics;

/// A seed description: its name (the extension picks the syntax) and its text.
struct Seed {
    name: String,
    text: String,
    value: Option<Value>,
    /// Whether the generator accepts it as it is.
    good: bool,
}

fn seeds(long: bool) -> Vec<Seed> {
    let root = tests::root();
    let specs = tests::specs::folder().unwrap_or_else(|e| panic!("{e}"));
    let mut paths: Vec<PathBuf> = [
        "petstore.yaml",
        "petstore-expanded.yaml",
        "petstore3.yaml",
        "petstore31.yaml",
    ]
    .iter()
    .map(|n| specs.join(n))
    .collect();
    for dir in ["tests/fixtures", "tests/fixtures/bad"] {
        let mut found: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .collect();
        found.sort();
        paths.extend(found);
    }
    if long {
        // Larger seeds: slower per input, but with the shapes of real APIs.
        paths.push(specs.join("spotify.yaml"));
        paths.push(specs.join("twilio-messaging.json"));
    }
    let mut seeds: Vec<Seed> = paths
        .into_iter()
        .filter_map(|p| {
            let bytes = std::fs::read(&p).ok()?;
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let name = p.file_name()?.to_string_lossy().into_owned();
            let doc = xtask::load::parse(Path::new(&name), &text).ok();
            let good = doc
                .as_ref()
                .is_some_and(|d| xtask::build_ir(d, &target()).is_ok());
            Some(Seed {
                name,
                text,
                value: doc.map(|d| d.root),
                good,
            })
        })
        .collect();
    if long {
        // Our schema is split over files: its seed is the document they make once bundled, as
        // one JSON text (a mutation of the root alone would only meet its references).
        let doc = xtask::load::load(&root.join("schema/scenario.yaml")).expect("schema/ loads");
        let text = serde_json::to_string_pretty(&doc.root).unwrap();
        seeds.push(Seed {
            name: "scenario.json".into(),
            text,
            value: Some(doc.root),
            good: true,
        });
    }
    seeds
}

/// Values that have broken generators before: keywords, odd names, extremes, wrong kinds.
fn values() -> Vec<Value> {
    vec![
        json!(null),
        json!(true),
        json!(false),
        json!(0),
        json!(-1),
        json!(3.5),
        json!(1e308),
        json!(-1e308),
        json!(u64::MAX),
        json!(i64::MIN),
        json!(""),
        json!("x"),
        json!("{id}"),
        json!("/a/{b}"),
        json!("/x/{y}.{z}"),
        json!("#/components/schemas/Missing"),
        json!("#"),
        json!("r#type"),
        json!("self"),
        json!("Self"),
        json!("mod"),
        json!("crate"),
        json!("super"),
        json!("type"),
        json!("fn"),
        json!("Option"),
        json!("Result"),
        json!("🦀 crab"),
        json!("a b-c.d"),
        json!("1x"),
        json!("_"),
        json!("__"),
        json!("a..b"),
        json!("*/ \"quoted\" `tick` \\ [link] <tag> {{brace}}"),
        json!("x".repeat(300)),
        json!("\u{0}\u{7}\t\n"),
        json!([]),
        json!({}),
        json!([null]),
        json!({"type": "string"}),
        json!({"type": "object", "properties": {"a": {"type": "integer"}, "A": {"type": "string"}, "a-": {}}}),
        json!({"type": "array"}),
        json!({"type": "array", "items": {"type": "array", "items": {"type": "object", "additionalProperties": {}}}}),
        json!({"enum": ["a", "A", "a-", "", "1", "self", null]}),
        json!({"enum": [1, null]}),
        json!({"enum": [true, "x"]}),
        json!({"type": "string", "enum": []}),
        json!({"oneOf": [{"type": "string"}, {"type": "null"}]}),
        json!({"oneOf": [{"type": "string"}, {"type": "string"}]}),
        json!({"anyOf": [{"type": "null"}]}),
        json!({"allOf": [{}]}),
        json!({"allOf": [{"type": "object", "properties": {"x": {"type": "string"}}, "required": ["x", "y"]}, true]}),
        json!({"type": ["string", "integer", "null"]}),
        json!({"type": ["integer", "number"]}),
        json!({"type": "null"}),
        json!({"nullable": true}),
        json!({"additionalProperties": true}),
        json!({"additionalProperties": false, "properties": {"additional_properties": {}}}),
        json!({"additionalProperties": {"type": "integer"}}),
        json!({"if": {"properties": {"a": {"const": "x"}}}, "then": {"required": ["b"]}}),
        json!({"if": {"properties": {"a": {"enum": []}}}, "then": {"required": []}}),
        json!([{"name": "id", "in": "path", "required": true}]),
        json!([{"name": "q", "in": "query", "schema": {"type": "string"}}, {"name": "q", "in": "query"}]),
        json!({"name": "cursor", "in": "query", "schema": {"type": "string"}}),
        json!({"name": "x", "in": "header", "schema": {"type": "array", "items": {"type": "integer"}}, "explode": false}),
        json!({"name": "c", "in": "cookie"}),
        json!({"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "string"}}}}}),
        json!({"204": {"description": "none"}, "201": {"description": "made", "x-name": "Self"}}),
        json!({"default": {"description": "error", "content": {"application/json": {"schema": {"type": "object"}}}}}),
        json!({"content": {"application/json": {"schema": {}}}}),
        json!({"content": {"text/plain": {"schema": {"type": "string"}}}}),
        json!({"type": "number", "minimum": 1e308, "maximum": -1e308}),
        json!({"type": "string", "maxLength": u64::MAX, "minLength": u64::MAX}),
        json!({"type": "array", "minItems": 5, "maxItems": 1}),
        json!({"type": "integer", "format": "int32", "default": 99_999_999_999_i64}),
        json!({"default": {"a": [1, {"b": null}]}}),
        json!({"x-resource": "a..b"}),
        json!({"x-method": "new"}),
        json!({"description": "```rust\nfn x() {}\n``` and http://example.com [x] <a>"}),
        json!({"nextPageToken": {"type": "string"}, "items": {"type": "array"}}),
    ]
}

/// Keys worth adding or renaming to.
const KEYS: &[&str] = &[
    "$ref",
    "type",
    "items",
    "properties",
    "allOf",
    "oneOf",
    "anyOf",
    "enum",
    "const",
    "required",
    "additionalProperties",
    "nullable",
    "format",
    "minimum",
    "maximum",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "default",
    "if",
    "then",
    "not",
    "prefixItems",
    "description",
    "title",
    "deprecated",
    "discriminator",
    "parameters",
    "in",
    "name",
    "schema",
    "style",
    "explode",
    "responses",
    "content",
    "requestBody",
    "operationId",
    "tags",
    "security",
    "x-resource",
    "x-method",
    "x-name",
    "paths",
    "components",
    "schemas",
    "securitySchemes",
    "servers",
    "info",
    "openapi",
    "swagger",
    "get",
    "put",
    "post",
    "delete",
    "patch",
    "head",
    "options",
    "trace",
    "200",
    "201",
    "204",
    "2XX",
    "default",
    "404",
    "application/json",
    "application/problem+json",
    "/",
    "/{id}",
    "/a/{b}/c",
    "/{a}/{a}",
    "/x/{y}.{z}",
    "/x#frag",
    "",
    "~",
    "a/b",
    "self",
    "type",
    "mod",
    "Self",
    "r#type",
    "1",
    "🦀",
];

#[derive(Debug, Clone)]
enum Edit {
    /// The node becomes one of [`values`].
    Replace {
        at: Index,
        with: Index,
    },
    /// The node becomes a copy of another node of the document.
    Splice {
        at: Index,
        from: Index,
    },
    Remove {
        at: Index,
    },
    /// A key of [`KEYS`] is added to the node (if an object) or its parent.
    Insert {
        at: Index,
        key: Index,
        with: Index,
    },
    Rename {
        at: Index,
        key: Index,
    },
    /// The node becomes `{"$ref": "#<pointer of another node>"}`, sometimes misspelt.
    Ref {
        at: Index,
        to: Index,
        typo: bool,
    },
    /// A copy of the node is added beside it under its key (or, for a string, the string
    /// becomes) a variant of it that differs in case or separators: names that collide once
    /// cased for Rust.
    Recase {
        at: Index,
        how: Index,
    },
    /// A path of the description is written another way with the parameters it has.
    Template {
        at: Index,
        how: Index,
    },
}

/// Ways to spell a name that Rust casing may merge with the original.
fn recase(word: &str, how: &Index) -> String {
    let variants = [
        word.to_uppercase(),
        word.to_lowercase(),
        format!("{word}_"),
        format!("_{word}"),
        word.replace(['_', '-', '.', ' '], ""),
        word.replace('_', "-"),
        word.replace('-', "_"),
        format!("{word}2"),
        format!("1{word}"),
        format!("{word}.{word}"),
        format!("r#{word}"),
        word.chars().rev().collect(),
        word.chars().flat_map(|c| [c, '-']).collect(),
    ];
    how.get(&variants).clone()
}

/// Ways to write a path template with its parameter `p`.
fn template(path: &str, how: &Index) -> String {
    let p = path
        .split('{')
        .nth(1)
        .and_then(|s| s.split('}').next())
        .unwrap_or("id");
    let variants = [
        format!("{path}/{{{p}}}.{{{p}}}"),
        format!("{path}/x{{{p}}}"),
        format!("{path}/{{{p}}}x"),
        format!("{path}/{{{p}}}"),
        format!("{path}#fragment"),
        format!("{path}/{{{{{p}}}}}"),
        format!("{path}/{{{p}"),
        format!("{path}/{p}}}"),
        format!("{path}/{{}}"),
        format!("{path}/"),
        format!("{path}//"),
        path.replace(&format!("{{{p}}}"), &format!("{{{}}}", p.to_uppercase())),
        path.trim_start_matches('/').to_string(),
        "/".to_string(),
        format!("{path}/{{{p}}}/{{{p}}}"),
    ];
    how.get(&variants).clone()
}

#[derive(Debug, Clone)]
enum ByteEdit {
    Set { at: Index, byte: u8 },
    Insert { at: Index, what: Index },
    Delete { at: Index, len: u8 },
    Truncate { at: Index },
}

const INSERTS: &[&[u8]] = &[
    b"\t",
    b"{",
    b"}",
    b"[",
    b"\"",
    b"'",
    b": ",
    b"\n- ",
    b"*a",
    b"&a ",
    b"\n---\n",
    b"\xff",
    b"\xe2\x82",
    b"#",
    b"\\u0000",
    b"1e999",
    b"!!binary ",
    b"? ",
];

#[derive(Debug, Clone)]
struct Case {
    /// From the descriptions the generator accepts (else from the bad fixtures).
    good: bool,
    seed: Index,
    edits: Vec<Edit>,
    /// Written out as YAML (else JSON), when the seed parses.
    yaml: bool,
    bytes: Vec<ByteEdit>,
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (any::<Index>(), any::<Index>()).prop_map(|(at, with)| Edit::Replace { at, with }),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(at, from)| Edit::Splice { at, from }),
        2 => any::<Index>().prop_map(|at| Edit::Remove { at }),
        3 => (any::<Index>(), any::<Index>(), any::<Index>()).prop_map(|(at, key, with)| Edit::Insert { at, key, with }),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(at, key)| Edit::Rename { at, key }),
        3 => (any::<Index>(), any::<Index>(), any::<bool>()).prop_map(|(at, to, typo)| Edit::Ref { at, to, typo }),
        3 => (any::<Index>(), any::<Index>()).prop_map(|(at, how)| Edit::Recase { at, how }),
        3 => (any::<Index>(), any::<Index>()).prop_map(|(at, how)| Edit::Template { at, how }),
    ]
}

fn byte_edit() -> impl Strategy<Value = ByteEdit> {
    prop_oneof![
        (any::<Index>(), any::<u8>()).prop_map(|(at, byte)| ByteEdit::Set { at, byte }),
        (any::<Index>(), any::<Index>()).prop_map(|(at, what)| ByteEdit::Insert { at, what }),
        (any::<Index>(), 1..16u8).prop_map(|(at, len)| ByteEdit::Delete { at, len }),
        any::<Index>().prop_map(|at| ByteEdit::Truncate { at }),
    ]
}

fn case() -> impl Strategy<Value = Case> {
    let good = prop_oneof![4 => Just(true), 1 => Just(false)];
    let bytes = prop_oneof![4 => Just(Vec::new()), 1 => prop::collection::vec(byte_edit(), 1..4)];
    (
        good,
        any::<Index>(),
        prop::collection::vec(edit(), 0..5),
        any::<bool>(),
        bytes,
    )
        .prop_map(|(good, seed, edits, yaml, bytes)| Case {
            good,
            seed,
            edits,
            yaml,
            bytes,
        })
}

/// The pointers of every node, in document order.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            out.push(at.clone());
            for (k, v) in map {
                pointers(v, xtask::diagnostics::child(&at, k), out);
            }
        }
        Value::Array(items) => {
            out.push(at.clone());
            for (i, v) in items.iter().enumerate() {
                pointers(v, format!("{at}/{i}"), out);
            }
        }
        _ => out.push(at),
    }
}

fn parent_and_key(pointer: &str) -> Option<(&str, String)> {
    let (parent, last) = pointer.rsplit_once('/')?;
    Some((parent, last.replace("~1", "/").replace("~0", "~")))
}

fn apply(root: &mut Value, edit: &Edit, values: &[Value]) {
    let mut all = Vec::new();
    pointers(root, String::new(), &mut all);
    let pick = |i: &Index| all[i.index(all.len())].clone();
    match edit {
        Edit::Replace { at, with } => {
            if let Some(v) = root.pointer_mut(&pick(at)) {
                *v = with.get(values).clone();
            }
        }
        Edit::Splice { at, from } => {
            let copy = root.pointer(&pick(from)).cloned().unwrap_or(Value::Null);
            if let Some(v) = root.pointer_mut(&pick(at)) {
                *v = copy;
            }
        }
        Edit::Remove { at } => {
            let at = pick(at);
            if let Some((parent, key)) = parent_and_key(&at) {
                match root.pointer_mut(parent) {
                    Some(Value::Object(map)) => {
                        map.remove(&key);
                    }
                    Some(Value::Array(items)) => {
                        if let Ok(i) = key.parse::<usize>() {
                            if i < items.len() {
                                items.remove(i);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        Edit::Insert { at, key, with } => {
            let at = pick(at);
            let target = match root.pointer(&at) {
                Some(Value::Object(_)) => at,
                _ => parent_and_key(&at)
                    .map(|(p, _)| p.to_string())
                    .unwrap_or_default(),
            };
            if let Some(Value::Object(map)) = root.pointer_mut(&target) {
                map.insert(key.get(KEYS).to_string(), with.get(values).clone());
            }
        }
        Edit::Rename { at, key } => {
            let at = pick(at);
            if let Some((parent, old)) = parent_and_key(&at) {
                if let Some(Value::Object(map)) = root.pointer_mut(parent) {
                    if let Some(v) = map.remove(&old) {
                        map.insert(key.get(KEYS).to_string(), v);
                    }
                }
            }
        }
        Edit::Recase { at, how } => {
            let at = pick(at);
            if let Some(Value::String(word)) = root.pointer_mut(&at) {
                *word = recase(word, how);
            } else if let Some((parent, key)) = parent_and_key(&at) {
                let copy = root.pointer(&at).cloned().unwrap_or(Value::Null);
                if let Some(Value::Object(map)) = root.pointer_mut(parent) {
                    map.insert(recase(&key, how), copy);
                }
            }
        }
        Edit::Template { at, how } => {
            if let Some(Value::Object(paths)) = root.get_mut("paths") {
                let keys: Vec<String> = paths.keys().cloned().collect();
                if !keys.is_empty() {
                    let old = &keys[at.index(keys.len())];
                    if let Some(item) = paths.remove(old) {
                        paths.insert(template(old, how), item);
                    }
                }
            }
        }
        Edit::Ref { at, to, typo } => {
            let target = format!("#{}{}", pick(to), if *typo { "x" } else { "" });
            if let Some(v) = root.pointer_mut(&pick(at)) {
                *v = json!({ "$ref": target });
            }
        }
    }
}

fn break_bytes(bytes: &mut Vec<u8>, edit: &ByteEdit) {
    let len = bytes.len();
    match edit {
        ByteEdit::Set { at, byte } if len > 0 => bytes[at.index(len)] = *byte,
        ByteEdit::Insert { at, what } => {
            let at = at.index(len + 1);
            let what = what.get(INSERTS);
            bytes.splice(at..at, what.iter().copied());
        }
        ByteEdit::Delete { at, len: n } if len > 0 => {
            let at = at.index(len);
            bytes.drain(at..(at + *n as usize).min(len));
        }
        ByteEdit::Truncate { at } => bytes.truncate(at.index(len + 1)),
        _ => {}
    }
}

/// The input a case stands for: a file name (for its syntax) and bytes.
fn input(case: &Case, seeds: &[Seed], values: &[Value]) -> (String, Vec<u8>) {
    let pool: Vec<&Seed> = seeds.iter().filter(|s| s.good == case.good).collect();
    let seed = if pool.is_empty() {
        case.seed.get(seeds)
    } else {
        *case.seed.get(&pool)
    };
    let (name, mut bytes) = match (&seed.value, case.edits.is_empty()) {
        (Some(v), false) => {
            let mut v = v.clone();
            for e in &case.edits {
                apply(&mut v, e, values);
            }
            let stem = seed
                .name
                .rsplit_once('.')
                .map_or(seed.name.as_str(), |(s, _)| s);
            if case.yaml {
                (
                    format!("{stem}.yaml"),
                    serde_norway::to_string(&v)
                        .expect("a JSON value is YAML")
                        .into_bytes(),
                )
            } else {
                (
                    format!("{stem}.json"),
                    serde_json::to_vec_pretty(&v).expect("a JSON value"),
                )
            }
        }
        _ => (seed.name.clone(), seed.text.clone().into_bytes()),
    };
    for b in &case.bytes {
        break_bytes(&mut bytes, b);
    }
    (name, bytes)
}

fn target() -> Target {
    Target::new("fuzzed", "fuzzed")
}

/// How inputs ended: generated, refused by `load`, refused by `validate`.
static OUTCOMES: [AtomicU64; 3] = [AtomicU64::new(0), AtomicU64::new(0), AtomicU64::new(0)];

fn outcomes() -> String {
    let [g, l, v] = OUTCOMES.each_ref().map(|c| c.load(Ordering::Relaxed));
    format!("{g} generated a crate, {l} refused when loading, {v} refused by validation")
}

/// The whole pipeline on one input, as `cargo xtask codegen` runs it, in a thread with the
/// stack a main thread has (8 MiB): a panic or a broken promise fails the case.
fn run(name: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    let (name, bytes) = (name.to_string(), bytes.to_vec());
    let (done, finished) = std::sync::mpsc::channel();
    let worker = std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || {
            let outcome = std::panic::catch_unwind(move || pipeline(&name, &bytes));
            let _ = done.send(());
            outcome
        })
        .expect("a thread");
    // A hang is a failure too (the thread is then left behind).
    if finished.recv_timeout(HANG).is_err() {
        return Err(TestCaseError::fail(format!(
            "no answer within {} s",
            HANG.as_secs()
        )));
    }
    match worker.join().expect("the panic was caught") {
        Ok(Ok(())) => Ok(()),
        Ok(Err(broken)) => Err(TestCaseError::fail(broken)),
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()));
            Err(TestCaseError::fail(format!(
                "panic: {}",
                message.unwrap_or_default()
            )))
        }
    }
}

/// Longer than any input takes in a debug build.
const HANG: Duration = Duration::from_secs(60);

fn pipeline(name: &str, bytes: &[u8]) -> Result<(), String> {
    let file = Path::new(name);
    let diagnostics = match xtask::load::parse_bytes(file, bytes) {
        Ok(doc) => match xtask::build_ir(&doc, &target()) {
            Ok(built) => {
                OUTCOMES[0].fetch_add(1, Ordering::Relaxed);
                let files = xtask::emit::emit(&built.api, &target(), None);
                return if files.is_empty() {
                    Err("no files".into())
                } else {
                    Ok(())
                };
            }
            Err(d) => {
                OUTCOMES[2].fetch_add(1, Ordering::Relaxed);
                d
            }
        },
        Err(d) => {
            OUTCOMES[1].fetch_add(1, Ordering::Relaxed);
            Diagnostics::from(d)
        }
    };
    if diagnostics.is_empty() {
        return Err("refused without a diagnostic".into());
    }
    for d in &diagnostics.0 {
        let text = d.render(false);
        if !text.contains(" #") && !text.contains("at #") {
            return Err(format!("a diagnostic without its pointer:\n{text}"));
        }
    }
    let _ = diagnostics.render(true);
    Ok(())
}

fn config(cases: u32, seed: u64) -> Config {
    Config {
        cases,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(seed),
        // Shrinking re-runs the whole pipeline; a minute is plenty.
        max_shrink_time: 60_000,
        ..Config::default()
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn fuzz_short() {
    let seeds = seeds(false);
    let values = values();
    let cases = env_number("FUZZ_CASES", 1000) as u32;
    let mut runner = TestRunner::new(config(cases, env_number("FUZZ_SEED", 1)));
    let result = runner.run(&case(), |case| {
        let (name, bytes) = input(&case, &seeds, &values);
        run(&name, &bytes)
    });
    if let Err(e) = result {
        panic!("{}", report(e, &seeds, &values));
    }
    println!("fuzz: {cases} inputs: {}", outcomes());
}

fn report(e: TestError<Case>, seeds: &[Seed], values: &[Value]) -> String {
    match e {
        TestError::Fail(reason, case) => {
            let (name, bytes) = input(&case, seeds, values);
            format!(
                "{reason}\nminimal input `{name}` ({case:?}):\n{}",
                String::from_utf8_lossy(&bytes)
            )
        }
        TestError::Abort(reason) => format!("aborted: {reason}"),
    }
}

/// The long form: runs batches with fresh seeds until `FUZZ_SECONDS` (600) have passed.
#[test]
#[ignore = "long: FUZZ_SECONDS=600 cargo test -p tests --release --test fuzz -- --ignored --nocapture"]
fn fuzz_long() {
    let seeds = seeds(true);
    let values = values();
    let budget = Duration::from_secs(env_number("FUZZ_SECONDS", 600));
    let base = env_number("FUZZ_SEED", 0x5eed);
    let out = tests::root().join("target/fuzz-crashes");
    let tried = AtomicU64::new(0);
    let started = Instant::now();
    let mut crashes = Vec::new();
    let mut batch = 0;
    while started.elapsed() < budget {
        let mut runner = TestRunner::new(config(200, base.wrapping_add(batch)));
        batch += 1;
        let result = runner.run(&case(), |case| {
            tried.fetch_add(1, Ordering::Relaxed);
            let (name, bytes) = input(&case, &seeds, &values);
            run(&name, &bytes)
        });
        if let Err(TestError::Fail(reason, case)) = result {
            let (name, bytes) = input(&case, &seeds, &values);
            std::fs::create_dir_all(&out).unwrap();
            let path = out.join(format!("crash-{}-{name}", crashes.len() + 1));
            std::fs::write(&path, &bytes).unwrap();
            eprintln!(
                "crash {}: {reason}\n  shrunk to {case:?}\n  saved as {}",
                crashes.len() + 1,
                path.display()
            );
            crashes.push(reason);
        }
    }
    let n = tried.load(Ordering::Relaxed);
    println!(
        "fuzz: {n} inputs (shrinking included) in {:.0} s over {} seeds, {} crashes; {}",
        started.elapsed().as_secs_f64(),
        seeds.len(),
        crashes.len(),
        outcomes()
    );
    assert!(
        crashes.is_empty(),
        "{} crashes, saved in {}",
        crashes.len(),
        out.display()
    );
}
