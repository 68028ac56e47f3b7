//! Beside the pipeline: the generated crate's version and changelog. The output folder keeps
//! the description its version was generated from ([`RECORD`], every file of the description in
//! one, with the version on its second line). The next run compares the description with that
//! record through [`crate::diff`] and moves the version by the worst class of change, Cargo's
//! way for 0.x: breaking moves the minor number (0.1.3 -> 0.2.0), additive and documentation
//! changes the patch number (0.1.3 -> 0.1.4; documentation too, so that a vendored copy with
//! other documentation has another version). The change list goes on top of [`CHANGELOG`].
//!
//! Every input is the description and files of the output folder that the run rewrites, so a
//! second run finds the record equal to the description and changes nothing, and `--check`
//! computes exactly what a run would write.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::emit::File;
use crate::ir::Api;
use crate::load::Document;
use crate::target::Target;

/// The recorded description, in the output folder.
pub const RECORD: &str = "openapi.yaml";
/// The changes of each version, newest first, in the output folder.
pub const CHANGELOG: &str = "CHANGELOG.md";

const VERSION_LINE: &str = "# version: ";

/// The version the crate gets, and the record and changelog files that go with it.
pub struct Versioned {
    pub version: String,
    pub files: Vec<File>,
}

/// The description `doc` as the record holds it, below its header.
pub fn record_body(doc: &Document) -> Result<String, Diagnostics> {
    serde_norway::to_string(&doc.root).map_err(|e| {
        Diagnostics(vec![Diagnostic::new(
            &doc.file,
            "",
            format!("cannot write the description as YAML: {e}"),
        )])
    })
}

/// The version and the files for `out` (`None`: no folder holds a record, as for a crate
/// generated in memory): `target.version` without a record, else the record's moved by the
/// changes from the recorded description to the one lowered as `api`, whose [`record_body`] is
/// `body`.
pub fn version(
    body: &str,
    api: &Api,
    out: Option<&Path>,
    target: &Target,
) -> Result<Versioned, Diagnostics> {
    let read = |name: &str| out.and_then(|o| std::fs::read_to_string(o.join(name)).ok());
    let record = read(RECORD).filter(|t| {
        t.lines()
            .next()
            .is_some_and(|l| l.contains(crate::write::MARK))
    });
    let changelog = read(CHANGELOG).filter(|t| {
        t.lines()
            .next()
            .is_some_and(|l| l.contains(crate::write::MARK))
    });
    let (version, entry) = match record.as_deref().and_then(recorded) {
        None => (target.version.clone(), None),
        Some((version, recorded_body)) if recorded_body == body => (version.to_string(), None),
        Some((version, _)) => {
            let path = out.expect("a record was read").join(RECORD);
            let before = crate::load::load(&path)
                .map_err(|d| Diagnostics(vec![d]))
                .and_then(|d| crate::build_ir(&d, target))
                .map_err(|mut d| {
                    d.0.push(Diagnostic::new(
                        &path,
                        "",
                        format!("the description recorded for version {version} does not load; restore it from version control, or delete it to start the changelog again"),
                    ));
                    d
                })?
                .api;
            let changes = crate::diff::diff(&before, api);
            match crate::diff::worst(&changes) {
                None => (version.to_string(), None),
                Some(worst) => {
                    let next = bump(version, worst).ok_or_else(|| {
                        Diagnostics(vec![Diagnostic::new(
                            &path,
                            "",
                            format!("the recorded version `{version}` is not MAJOR.MINOR.PATCH"),
                        )])
                    })?;
                    let entry = format!(
                        "## {next}\n\n{}",
                        crate::diff::report::markdown(&changes, 3)
                    );
                    (next, Some(entry))
                }
            }
        }
    };
    let header = |prefix: &str, suffix: &str| format!("{prefix}{}{suffix}", target.header_line());
    let record = format!(
        "{}\n{VERSION_LINE}{version}\n# The description version {version} of {} was generated from, in one file: the next `cargo xtask codegen` compares the description with it to choose the next version.\n{body}",
        header("# ", ""),
        target.crate_name
    );
    let intro = format!(
        "{}\n\n# Changelog\n\nWhat each version of `{}` changed for code that uses it, newest first, as `cargo xtask diff` classes the changes of the description: breaking (code may no longer compile, or values it sent may be refused), additive, or documentation only.\n",
        header("<!-- ", " -->"),
        target.crate_name
    );
    let changelog = match (changelog, entry) {
        (Some(old), None) => old,
        (old, entry) => {
            let entry =
                entry.unwrap_or_else(|| format!("## {version}\n\nThe first version recorded.\n"));
            // Below the introduction, above the previous versions.
            let history = old
                .as_deref()
                .and_then(|o| o.find("\n## ").map(|at| &o[at + 1..]))
                .unwrap_or("");
            format!(
                "{intro}\n{entry}{}{history}",
                if history.is_empty() { "" } else { "\n" }
            )
        }
    };
    Ok(Versioned {
        version,
        files: vec![
            File {
                path: CHANGELOG.into(),
                contents: changelog,
            },
            File {
                path: RECORD.into(),
                contents: record,
            },
        ],
    })
}

/// The version and the description of a record, after its three lines of header.
fn recorded(text: &str) -> Option<(&str, &str)> {
    let mut lines = text.splitn(4, '\n');
    let _header = lines.next()?;
    let version = lines.next()?.strip_prefix(VERSION_LINE)?;
    let _explained = lines.next()?;
    Some((version.trim(), lines.next().unwrap_or("")))
}

/// `version` moved by a change of class `class`, Cargo's way: below 1.0.0 the minor number is
/// the breaking one.
fn bump(version: &str, class: crate::diff::Class) -> Option<String> {
    use crate::diff::Class;
    let numbers: Vec<u64> = version
        .split('.')
        .map(|n| n.parse().ok())
        .collect::<Option<_>>()?;
    let [major, minor, patch] = numbers[..] else {
        return None;
    };
    Some(match (class, major) {
        (Class::Breaking, 0) => format!("0.{}.0", minor + 1),
        (Class::Breaking, _) => format!("{}.0.0", major + 1),
        (Class::Additive, 1..) => format!("{major}.{}.0", minor + 1),
        _ => format!("{major}.{minor}.{}", patch + 1),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::Class;

    #[test]
    fn versions_move_cargos_way() {
        assert_eq!(bump("0.1.3", Class::Breaking).unwrap(), "0.2.0");
        assert_eq!(bump("0.1.3", Class::Additive).unwrap(), "0.1.4");
        assert_eq!(bump("0.1.3", Class::Documentation).unwrap(), "0.1.4");
        assert_eq!(bump("1.2.3", Class::Breaking).unwrap(), "2.0.0");
        assert_eq!(bump("1.2.3", Class::Additive).unwrap(), "1.3.0");
        assert_eq!(bump("1.2.3", Class::Documentation).unwrap(), "1.2.4");
        assert_eq!(bump("1.2", Class::Additive), None);
        assert_eq!(bump("1.2.x", Class::Additive), None);
    }

    #[test]
    fn a_record_is_read_back() {
        let text = "# Generated\n# version: 0.3.1\n# why\nopenapi: 3.1.0\n";
        assert_eq!(recorded(text), Some(("0.3.1", "openapi: 3.1.0\n")));
        assert_eq!(recorded("# Generated\nopenapi: 3.1.0\n"), None);
    }
}
