//! Stage 1: read a description from disk into a JSON value, whatever its syntax.
//!
//! The text is parsed twice: by serde (serde_norway for YAML, serde_json for JSON) into the
//! [`Value`] every later stage reads, and by an event-level parser into a [`SourceMap`] that
//! tells where each JSON pointer's value sits, so that every error can name its line.
//! Hostile or broken files are refused here with a clear message before they can exhaust
//! memory or the stack: see [`MAX_BYTES`] and [`MAX_DEPTH`].

mod bundle;
mod origins;
pub mod refs;
mod source;
pub mod swagger2;
mod yaml_value;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

pub use origins::Origins;
pub use source::SourceMap;

use crate::diagnostics::{Diagnostic, Excerpt, child};

/// The largest description read, in bytes. The largest real ones we know are 2 to 3 MB.
/// The HTTP methods a path item may hold, in the order operations are read.
pub const METHODS: [&str; 7] = ["get", "put", "post", "delete", "patch", "head", "options"];

pub const MAX_BYTES: usize = 16 * 1024 * 1024;

/// The deepest nesting of mappings and lists accepted. Real descriptions stay under 30; both
/// parsers stop at 128 on their own, which this limit keeps below.
pub const MAX_DEPTH: usize = 100;

/// A description as read: the file it came from and its content as a JSON tree.
#[derive(Debug, Clone)]
pub struct Document {
    pub file: PathBuf,
    pub root: Value,
    /// Where each value is in the text, for error messages.
    pub source: Arc<SourceMap>,
    /// Where the values that loading moved or copied in came from.
    pub origins: Origins,
    /// What loading read less exactly than written (Swagger 2.0 forms with no 3.0 equivalent).
    pub warnings: Vec<Diagnostic>,
    /// Whether the document was read as Swagger 2.0 (and upgraded).
    pub swagger2: bool,
    /// Whether references to other files were followed ([`load`] does, [`parse`] does not).
    pub bundled: bool,
    /// Problems found while following references to other files, placed; validation reports
    /// them with every other error.
    pub reference_errors: Vec<Diagnostic>,
}

/// The OpenAPI generations the pipeline reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    V3_0,
    V3_1,
}

/// Reads `file` as JSON when its name ends in `.json`, as YAML otherwise (YAML is a superset),
/// with the other files its references name (what goes wrong there is in `reference_errors`).
pub fn load(file: &Path) -> Result<Document, Diagnostic> {
    let mut doc = read(file, file)?;
    bundle::bundle(&mut doc);
    Ok(doc)
}

/// Reads the one file at `path`, named `shown` in messages.
fn read(shown: &Path, path: &Path) -> Result<Document, Diagnostic> {
    parse_bytes(shown, &read_bytes(shown, path)?)
}

/// The bytes of a file, no more than [`MAX_BYTES`] and one (enough to know it is too large).
fn read_bytes(shown: &Path, path: &Path) -> Result<Vec<u8>, Diagnostic> {
    let cannot_read =
        |e: std::io::Error| Diagnostic::new(shown, "", format!("cannot read the file: {e}"));
    let f = std::fs::File::open(path).map_err(cannot_read)?;
    let mut bytes = Vec::new();
    f.take(MAX_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot_read)?;
    Ok(bytes)
}

/// A text file a `$ref` names (Markdown for a description, a code sample): its text, which
/// must be UTF-8 and no larger than a description may be.
fn read_text(shown: &Path, path: &Path) -> Result<String, Diagnostic> {
    let bytes = read_bytes(shown, path)?;
    too_large(shown, bytes.len())?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text
            .strip_prefix('\u{feff}')
            .map(str::to_string)
            .unwrap_or(text)),
        Err(e) => {
            let bytes = e.into_bytes();
            let valid = std::str::from_utf8(&bytes).map_or_else(|e| e.valid_up_to(), str::len);
            Err(not_utf8(shown, &bytes, valid))
        }
    }
}

/// Parses bytes already in memory: they must be UTF-8 (a leading byte-order mark is skipped).
pub fn parse_bytes(file: &Path, bytes: &[u8]) -> Result<Document, Diagnostic> {
    too_large(file, bytes.len())?;
    match std::str::from_utf8(bytes) {
        Ok(text) => parse(file, text),
        Err(e) => Err(not_utf8(file, bytes, e.valid_up_to())),
    }
}

/// Parses text already in memory; `file` only names it in errors and picks the syntax.
pub fn parse(file: &Path, text: &str) -> Result<Document, Diagnostic> {
    too_large(file, text.len())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(empty(file));
    }
    let is_json = file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let (root, repeated) = if is_json {
        let value = serde_json::from_str::<Value>(text).map_err(|e| {
            // serde_json counts columns in bytes.
            let line = text
                .split('\n')
                .nth(e.line().saturating_sub(1))
                .unwrap_or("");
            let col = char_column(line, e.column());
            syntax_error(file, text, "JSON", &e.to_string(), Some((e.line(), col)))
        })?;
        (value, None)
    } else {
        let (value, repeated) = yaml_value::from_str(text).map_err(|e| {
            let at = e.location().map(|l| (l.line(), l.column()));
            syntax_error(file, text, "YAML", &e.to_string(), at)
        })?;
        (value, Some(repeated))
    };
    let source = Arc::new(match repeated {
        None => SourceMap::new_json(text),
        Some(repeated) => SourceMap::new_yaml(text, repeated),
    });
    if let Some(pointer) = too_deep(&root, "", 0) {
        let d = Diagnostic::new(file, pointer, format!("the document nests deeper than {MAX_DEPTH} levels"))
            .with_hint("no real description needs this; look for a `$ref` expanded by hand or a runaway generator");
        return Err(source.place(d));
    }
    let mut doc = Document {
        file: file.to_path_buf(),
        root,
        source,
        origins: Origins::default(),
        warnings: Vec::new(),
        swagger2: false,
        bundled: false,
        reference_errors: Vec::new(),
    };
    if swagger2::is_swagger2(&doc.root) {
        for (pointer, message) in swagger2::upgrade(&mut doc.root, &mut doc.origins) {
            let warning = Diagnostic::warning(&doc.file, pointer, message);
            doc.warnings.push(warning);
        }
        doc.swagger2 = true;
    }
    bundle::local_ids(&mut doc.root);
    Ok(doc)
}

fn too_large(file: &Path, len: usize) -> Result<(), Diagnostic> {
    if len <= MAX_BYTES {
        return Ok(());
    }
    let mib = |n: usize| n as f64 / (1024.0 * 1024.0);
    Err(Diagnostic::new(
        file,
        "",
        format!(
            "the file is larger than the {:.0} MiB a description may have",
            mib(MAX_BYTES)
        ),
    )
    .with_hint("check that this is the description you meant; the largest real ones are a few MiB"))
}

/// The 1-based character column of the 1-based byte column `byte_col` of `line`.
fn char_column(line: &str, byte_col: usize) -> usize {
    let mut end = byte_col.saturating_sub(1).min(line.len());
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    line[..end].chars().count() + 1
}

fn not_utf8(file: &Path, bytes: &[u8], valid_up_to: usize) -> Diagnostic {
    let (before, after) = bytes.split_at(valid_up_to);
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line_end = after
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| valid_up_to + i);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let prefix = std::str::from_utf8(&before[line_start..]).expect("valid up to here");
    let col = prefix.chars().count() + 1;
    let mut d = Diagnostic::new(
        file,
        "",
        format!(
            "the file is not valid UTF-8: byte 0x{:02x} cannot start or continue a character",
            after[0]
        ),
    )
    .with_hint("descriptions are UTF-8 text; save the file again as UTF-8");
    d.line_col = Some((
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(col).unwrap_or(u32::MAX),
    ));
    // The bad byte shows as U+FFFD in the quoted line.
    let text = String::from_utf8_lossy(&bytes[line_start..line_end]).into_owned();
    d.excerpt = Some(Box::new(Excerpt {
        line,
        text,
        start: prefix.len(),
        end: prefix.len() + '\u{fffd}'.len_utf8(),
    }));
    let valid = std::str::from_utf8(before).expect("valid up to here");
    d.pointer = SourceMap::pointer_at(valid, line, col);
    d
}

/// A diagnostic for a parser's error: the message reworded where serde's is obscure, the
/// location moved out of the message into the diagnostic, and the pointer of the place the
/// text breaks at found by reading it again as far as it goes.
fn syntax_error(
    file: &Path,
    text: &str,
    syntax: &str,
    raw: &str,
    at: Option<(usize, usize)>,
) -> Diagnostic {
    let mut message = strip_location(raw);
    let mut at = at.map(|(line, col)| within_text(text, line, col));
    // Running out of text inside a quoted string or a bracket is best shown where it began.
    if message.contains("end of stream") {
        if let Some((context, line, col)) = last_location(&message) {
            message = context;
            at = Some((line, col));
        }
    }
    let mut end_col = at.map(|(_, col)| col + 1);
    let d = if message.contains("recursion limit exceeded") {
        Diagnostic::new(file, "", format!("the document nests deeper than {MAX_DEPTH} levels"))
            .with_hint("no real description needs this; look for a `$ref` expanded by hand or a runaway generator")
    } else if message.contains("repetition limit exceeded") {
        Diagnostic::new(file, "", "YAML aliases expand to too many values")
            .with_hint("each `*alias` copies its anchor; aliases of aliases multiply, as in a \"billion laughs\" file")
    } else if message.contains("more than one document") {
        Diagnostic::new(file, "", "the file holds more than one YAML document")
            .with_hint("a description is one document: remove the second `---` and what follows, or merge them")
    } else if message.contains("number out of range") {
        let (number, from, to) = at.map(|a| number_at(text, a)).unwrap_or_default();
        if let Some((line, _)) = at {
            at = Some((line, from));
            end_col = Some(to);
        }
        Diagnostic::new(file, "", format!("the number `{number}` is out of range"))
            .with_hint("numbers must fit in 64 bits, or be finite floating-point numbers; quote it if it is text")
    } else {
        Diagnostic::new(file, "", format!("invalid {syntax}: {message}"))
    };
    match at {
        Some((line, col)) => {
            let mut d = d.at(
                line,
                text.split('\n').nth(line - 1).unwrap_or_default(),
                col,
                end_col,
            );
            d.pointer = SourceMap::pointer_at(text, line, col);
            d
        }
        None => d,
    }
}

fn empty(file: &Path) -> Diagnostic {
    Diagnostic::new(file, "", "the document is empty")
        .with_hint("a description starts with `openapi: 3.1.0` and an `info` object")
}

/// The last ` at line N column M` of a message: the message without it, and N and M.
fn last_location(message: &str) -> Option<(String, usize, usize)> {
    let i = message.rfind(" at line ")?;
    let rest = &message[i + " at line ".len()..];
    let (line, col) = rest.split_once(" column ")?;
    let digits: String = col.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() != col.len() {
        return None;
    }
    Some((
        message[..i].to_string(),
        line.parse().ok()?,
        digits.parse().ok()?,
    ))
}

/// The number written at or just before `line`:`col` (1-based, characters), with the columns
/// it spans (1-based, end exclusive).
fn number_at(text: &str, (line, col): (usize, usize)) -> (String, usize, usize) {
    let chars: Vec<char> = text
        .split('\n')
        .nth(line - 1)
        .unwrap_or("")
        .chars()
        .collect();
    let is_number = |c: &char| c.is_ascii_alphanumeric() || "+-._".contains(*c);
    let mut i = (col - 1).min(chars.len());
    if !chars.get(i).is_some_and(is_number) && i > 0 {
        i -= 1;
    }
    let mut from = i;
    while from > 0 && is_number(&chars[from - 1]) {
        from -= 1;
    }
    let mut to = i;
    while to < chars.len() && is_number(&chars[to]) {
        to += 1;
    }
    (chars[from..to].iter().collect(), from + 1, to + 1)
}

/// An error at the very end of the text (after the last line break) is shown at the end of the
/// last line that has something on it.
fn within_text(text: &str, line: usize, col: usize) -> (usize, usize) {
    let lines = text.split('\n').count();
    let blank = |n: usize| {
        text.split('\n')
            .nth(n - 1)
            .is_none_or(|l| l.trim().is_empty())
    };
    if line == 0 || line > lines || (line == lines && blank(line)) {
        if let Some((i, l)) = text
            .split('\n')
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .last()
        {
            return (i + 1, l.trim_end().chars().count() + 1);
        }
    }
    (line.max(1), col.max(1))
}

/// Removes serde's ` at line N column M` (the first one: later ones locate a context).
fn strip_location(message: &str) -> String {
    let Some(i) = message.find(" at line ") else {
        return message.to_string();
    };
    let rest = &message[i + " at line ".len()..];
    let digits = |s: &str| s.chars().take_while(char::is_ascii_digit).count();
    let n = digits(rest);
    let Some(after) = rest[n..].strip_prefix(" column ") else {
        return message.to_string();
    };
    let m = digits(after);
    if n == 0 || m == 0 {
        return message.to_string();
    }
    format!("{}{}", &message[..i], &after[m..])
}

/// The pointer of the first value nested deeper than [`MAX_DEPTH`], if any. The recursion is
/// bounded by that limit.
fn too_deep(v: &Value, pointer: &str, depth: usize) -> Option<String> {
    below_max_depth(v, depth).map(|rest| format!("{pointer}{rest}"))
}

/// The pointer (relative to `v`, at `depth`) of a value nested deeper than [`MAX_DEPTH`].
/// Pointers are spelled only on the way back from one: every value is visited, and building
/// each one's pointer cost more than reading the document.
fn below_max_depth(v: &Value, depth: usize) -> Option<String> {
    if depth > MAX_DEPTH {
        return Some(String::new());
    }
    match v {
        Value::Object(map) => map.iter().find_map(|(k, v)| {
            below_max_depth(v, depth + 1).map(|rest| format!("{}{rest}", child("", k)))
        }),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| below_max_depth(v, depth + 1).map(|rest| format!("/{i}{rest}"))),
        _ => None,
    }
}

impl Document {
    /// The value a local JSON pointer (`#/components/schemas/Job` or `/components/...`) names.
    pub fn resolve(&self, reference: &str) -> Option<&Value> {
        let pointer = reference.strip_prefix('#')?;
        refs::at(&self.root, pointer)
    }

    pub fn version(&self) -> Result<Version, Diagnostic> {
        let v = self.root.get("openapi");
        match v.and_then(Value::as_str) {
            Some(v) if v.starts_with("3.0.") || v == "3.0" => Ok(Version::V3_0),
            Some(v) if v.starts_with("3.1.") || v == "3.1" => Ok(Version::V3_1),
            Some(v) => Err(Diagnostic::new(&self.file, "/openapi", format!("unsupported OpenAPI version `{v}`"))
                .with_hint("this generator reads OpenAPI 3.0.x and 3.1.x")),
            None if v.is_some_and(Value::is_number) => Err(Diagnostic::new(
                &self.file,
                "/openapi",
                format!("`openapi` must be a string such as \"3.1.0\", not the number {}", v.expect("matched")),
            )
            .with_hint("YAML reads an unquoted 3.1 as a number: quote the version, as in `openapi: \"3.1.0\"`")),
            None if v.is_some() => Err(Diagnostic::new(&self.file, "/openapi", "`openapi` must be a string such as \"3.1.0\"")),
            None if self.root.get("swagger").is_some() => {
                Err(Diagnostic::new(&self.file, "/swagger", format!("unsupported Swagger version {}", self.root["swagger"]))
                    .with_hint("this generator reads Swagger \"2.0\" (quoted), OpenAPI 3.0.x and 3.1.x"))
            }
            None => Err(Diagnostic::new(&self.file, "", "this is not an OpenAPI description: there is no `openapi` field")),
        }
    }

    /// Gives `d` the line, column and source excerpt of its pointer, when the text has them;
    /// a pointer into a value that loading moved or copied in names the place it came from.
    pub fn place(&self, d: Diagnostic) -> Diagnostic {
        self.origins.place(&self.file, &self.source, d)
    }

    /// A local reference as its author would know it: in a Swagger 2.0 document, with the 2.0
    /// sections; to a value brought in from another file, as that file and pointer.
    pub fn written_ref(&self, reference: &str) -> String {
        if let Some((Some((file, _)), pointer)) = reference
            .strip_prefix('#')
            .and_then(|p| self.origins.original(p))
        {
            return format!("{}#{pointer}", file.display());
        }
        if self.swagger2 {
            swagger2::original_ref(reference)
        } else {
            reference.to_string()
        }
    }
}

impl Document {
    /// Follows `$ref`s to the value they name; a reference that does not resolve is left as is
    /// (validation reports it).
    pub fn deref<'v>(&'v self, mut v: &'v Value) -> &'v Value {
        // A bound, so that a cycle of bare references cannot hang the generator.
        for _ in 0..64 {
            match v
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| self.resolve(r))
            {
                Some(target) => v = target,
                None => break,
            }
        }
        v
    }
}
