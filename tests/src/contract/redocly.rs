//! Redocly CLI's `lint`, with our rule decisions (`tests/contract/redocly.yaml`), as data.

use std::fmt;
use std::path::Path;
use std::process::Command;

use serde::Deserialize;

/// One problem the linter reports.
#[derive(Debug, Clone)]
pub struct Problem {
    /// `error` or `warn`.
    pub severity: String,
    pub rule: String,
    pub message: String,
    /// `file:line:column`.
    pub place: String,
    /// JSON pointer of the place.
    pub pointer: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} [{}]\n  --> {} {}",
            self.severity, self.message, self.rule, self.place, self.pointer
        )
    }
}

/// The shape of `redocly lint --format=json`, as far as we read it.
#[derive(Deserialize)]
struct Report {
    problems: Vec<RawProblem>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawProblem {
    rule_id: String,
    severity: String,
    message: String,
    location: Vec<Location>,
}

#[derive(Deserialize)]
struct Location {
    source: Source,
    pointer: Option<String>,
    start: Option<Position>,
}

#[derive(Deserialize)]
struct Source {
    #[serde(rename = "ref")]
    reference: String,
}

#[derive(Deserialize)]
struct Position {
    line: u32,
    col: u32,
}

/// Lints `description` with the recommended rules as `tests/contract/redocly.yaml` adjusts them,
/// less the places its ignore file excuses. Panics when the linter gives no report.
pub fn lint(description: &Path) -> Vec<Problem> {
    let bin = super::install::tools();
    let config = super::install::tools_dir().join("redocly.yaml");
    let output = Command::new(bin.join("redocly"))
        .arg("lint")
        .arg(description)
        .arg("--config")
        .arg(&config)
        .args(["--format=json", "--max-problems=1000"])
        .env("REDOCLY_TELEMETRY", "off")
        .env("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", bin.join("redocly").display()));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let report: Report = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "redocly lint gave no JSON report ({e}; exit {}):\n{stdout}\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        )
    });
    report.problems.into_iter().map(Problem::from).collect()
}

impl From<RawProblem> for Problem {
    fn from(raw: RawProblem) -> Self {
        let location = raw.location.first();
        let place = location.map_or_else(String::new, |l| match &l.start {
            Some(p) => format!("{}:{}:{}", l.source.reference, p.line, p.col),
            None => l.source.reference.clone(),
        });
        let pointer = location.and_then(|l| l.pointer.clone()).unwrap_or_default();
        Problem {
            severity: raw.severity,
            rule: raw.rule_id,
            message: raw.message,
            place,
            pointer,
        }
    }
}
