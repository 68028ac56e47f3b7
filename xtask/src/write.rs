//! Stage 6: put the files in place, or tell which ones differ from what is there.

use std::io;
use std::path::Path;

use crate::emit::File;

/// Folders the generator never looks into (build output, editor state).
fn is_foreign(rel: &Path) -> bool {
    rel.components().next().is_some_and(|c| {
        let c = c.as_os_str().to_string_lossy();
        c == "target" || c.starts_with('.')
    })
}

/// Files under `out` that the generator owns but no longer emits: every `.rs` file, and the
/// crate's `Cargo.toml` and `README.md`.
fn leftovers(out: &Path, files: &[File]) -> io::Result<Vec<String>> {
    let mut found = Vec::new();
    walk(out, out, &mut found)?;
    Ok(found
        .into_iter()
        .filter(|rel| rel.ends_with(".rs") || rel == "Cargo.toml" || rel == "README.md")
        .filter(|rel| !files.iter().any(|f| &f.path == rel))
        .collect())
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) -> io::Result<()> {
    if !dir.exists() {
        return Ok(());
    }
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let rel = path.strip_prefix(root).expect("under root");
        if is_foreign(rel) {
            continue;
        }
        if path.is_dir() {
            walk(root, &path, out)?;
        } else {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(())
}

/// Writes the files that changed and removes the ones no longer generated. Returns how many
/// files changed.
pub fn write(out: &Path, files: &[File]) -> io::Result<usize> {
    let mut changed = 0;
    for f in files {
        let path = out.join(&f.path);
        if std::fs::read_to_string(&path).ok().as_deref() == Some(f.contents.as_str()) {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, &f.contents)?;
        changed += 1;
    }
    for rel in leftovers(out, files)? {
        std::fs::remove_file(out.join(rel))?;
        changed += 1;
    }
    Ok(changed)
}

/// The paths (relative to `out`) that differ from what would be written: changed, missing, or
/// no longer generated.
pub fn stale(out: &Path, files: &[File]) -> io::Result<Vec<String>> {
    let mut out_of_date: Vec<String> = files
        .iter()
        .filter(|f| {
            std::fs::read_to_string(out.join(&f.path)).ok().as_deref() != Some(f.contents.as_str())
        })
        .map(|f| f.path.clone())
        .collect();
    out_of_date.extend(leftovers(out, files)?);
    out_of_date.sort();
    Ok(out_of_date)
}
