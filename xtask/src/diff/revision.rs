//! The description as a git revision has it. The files of the description's folder at that
//! revision are written into a folder of their own, so that references between files resolve
//! as they did then; the description itself is read from there.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The repository `schema` is in, and its path there (`/`-separated).
fn locate(schema: &Path) -> Result<(PathBuf, String), String> {
    let schema = std::path::absolute(schema)
        .map_err(|e| format!("cannot resolve {}: {e}", schema.display()))?;
    let folder = schema.parent().unwrap_or(Path::new("/"));
    let top = git(folder, &["rev-parse", "--show-toplevel"])
        .map_err(|e| format!("{} is not in a git repository: {e}", schema.display()))?;
    let top = PathBuf::from(String::from_utf8_lossy(&top).trim());
    // The repository's own spelling of the path (symbolic links resolved on both sides).
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let inside = canonical(folder)
        .strip_prefix(canonical(&top))
        .map(|p| p.join(schema.file_name().unwrap_or_default()))
        .map_err(|_| {
            format!(
                "{} is outside its repository {}",
                schema.display(),
                top.display()
            )
        })?;
    let inside = inside.to_string_lossy().replace('\\', "/");
    Ok((top, inside))
}

/// Runs git in `dir`; its standard output, or what it said on failure.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
    }
}

/// Writes the folder of `schema` as revision `rev` has it into `into` (emptied first), and
/// returns where the description is there. The errors name the revision.
pub fn materialise(schema: &Path, rev: &str, into: &Path) -> Result<PathBuf, String> {
    let (top, inside) = locate(schema)?;
    let commit = git(
        &top,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
    )
    .map_err(|_| format!("revision `{rev}` does not exist in {}", top.display()))?;
    let commit = String::from_utf8_lossy(&commit).trim().to_string();
    let folder = match inside.rsplit_once('/') {
        Some((folder, _)) => format!("{folder}/"),
        None => String::new(),
    };
    let mut list = vec!["ls-tree", "-r", "-z", "--name-only", &commit];
    if !folder.is_empty() {
        list.extend(["--", &folder]);
    }
    let listed =
        git(&top, &list).map_err(|e| format!("cannot list {folder} at revision `{rev}`: {e}"))?;
    let paths: Vec<String> = listed
        .split(|b| *b == 0)
        .filter(|p| !p.is_empty())
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect();
    if !paths.contains(&inside) {
        return Err(format!("revision `{rev}` has no {inside}"));
    }
    if into.exists() {
        std::fs::remove_dir_all(into)
            .map_err(|e| format!("cannot empty {}: {e}", into.display()))?;
    }
    for (path, bytes) in paths.iter().zip(blobs(&top, &commit, &paths)?) {
        let file = into.join(path);
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&file, bytes)
            .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    }
    Ok(into.join(&inside))
}

/// The contents of `paths` at `commit`, read by one `git cat-file --batch`.
fn blobs(top: &Path, commit: &str, paths: &[String]) -> Result<Vec<Vec<u8>>, String> {
    let mut child = Command::new("git")
        .arg("-C")
        .arg(top)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run git: {e}"))?;
    let mut stdin = child.stdin.take().expect("piped");
    let names: String = paths.iter().map(|p| format!("{commit}:{p}\n")).collect();
    // Written from another thread, so that a large answer cannot block the request.
    let writer = std::thread::spawn(move || stdin.write_all(names.as_bytes()));
    let mut reader = BufReader::new(child.stdout.take().expect("piped"));
    let mut found = Vec::new();
    for path in paths {
        let mut header = String::new();
        reader
            .read_line(&mut header)
            .map_err(|e| format!("cannot read from git: {e}"))?;
        // `<sha> blob <size>`, or `<name> missing`.
        let size: usize = header
            .trim_end()
            .rsplit(' ')
            .next()
            .and_then(|s| s.parse().ok())
            .filter(|_| header.contains(" blob "))
            .ok_or_else(|| format!("git cannot read {path}: {}", header.trim_end()))?;
        let mut bytes = vec![0; size + 1];
        reader
            .read_exact(&mut bytes)
            .map_err(|e| format!("cannot read {path} from git: {e}"))?;
        bytes.pop();
        found.push(bytes);
    }
    let _ = writer.join();
    let _ = child.wait();
    Ok(found)
}
