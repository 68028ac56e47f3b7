//! Stage 1: read a description from disk into a JSON value, whatever its syntax.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::diagnostics::Diagnostic;

/// A description as read: the file it came from and its content as a JSON tree.
#[derive(Debug, Clone)]
pub struct Document {
    pub file: PathBuf,
    pub root: Value,
}

/// The OpenAPI generations the pipeline reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    V3_0,
    V3_1,
}

/// Reads `file` as JSON when its name ends in `.json`, as YAML otherwise (YAML is a superset).
pub fn load(file: &Path) -> Result<Document, Diagnostic> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| Diagnostic::new(file, "", format!("cannot read the file: {e}")))?;
    parse(file, &text)
}

/// Parses text already in memory; `file` only names it in errors and picks the syntax.
pub fn parse(file: &Path, text: &str) -> Result<Document, Diagnostic> {
    let is_json = file.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let root = if is_json {
        serde_json::from_str::<Value>(text).map_err(|e| {
            let mut d = Diagnostic::new(file, "", format!("invalid JSON: {e}"));
            d.line_col = Some((e.line(), e.column()));
            d
        })?
    } else {
        serde_norway::from_str::<Value>(text).map_err(|e| {
            let mut d = Diagnostic::new(file, "", format!("invalid YAML: {e}"));
            d.line_col = e.location().map(|l| (l.line(), l.column()));
            d
        })?
    };
    Ok(Document { file: file.to_path_buf(), root })
}

impl Document {
    /// The value a local JSON pointer (`#/components/schemas/Job` or `/components/...`) names.
    pub fn resolve(&self, reference: &str) -> Option<&Value> {
        let pointer = reference.strip_prefix('#')?;
        self.root.pointer(pointer)
    }

    pub fn version(&self) -> Result<Version, Diagnostic> {
        let v = self.root.get("openapi").and_then(Value::as_str);
        match v {
            Some(v) if v.starts_with("3.0.") || v == "3.0" => Ok(Version::V3_0),
            Some(v) if v.starts_with("3.1.") || v == "3.1" => Ok(Version::V3_1),
            Some(v) => Err(Diagnostic::new(&self.file, "/openapi", format!("unsupported OpenAPI version `{v}`"))
                .with_hint("this generator reads OpenAPI 3.0.x and 3.1.x")),
            None if self.root.get("swagger").is_some() => {
                Err(Diagnostic::new(&self.file, "/swagger", "Swagger 2.0 is not supported yet")
                    .with_hint("convert the description to OpenAPI 3.x first"))
            }
            None => Err(Diagnostic::new(&self.file, "", "this is not an OpenAPI description: there is no `openapi` field")),
        }
    }
}

impl Document {
    /// Follows `$ref`s to the value they name; a reference that does not resolve is left as is
    /// (validation reports it).
    pub fn deref<'v>(&'v self, mut v: &'v Value) -> &'v Value {
        // A bound, so that a cycle of bare references cannot hang the generator.
        for _ in 0..64 {
            match v.get("$ref").and_then(Value::as_str).and_then(|r| self.resolve(r)) {
                Some(target) => v = target,
                None => break,
            }
        }
        v
    }
}
