//! `npm ci` of `tests/contract/`, once, however many test threads and processes ask at a time.
//!
//! The installed tree is trusted only when it was installed from the very lockfile committed now:
//! a copy of that lockfile is written into `node_modules/` after a successful `npm ci`, and any
//! difference (a new pin, an interrupted install) installs again. An exclusive file lock keeps
//! test processes running side by side (cargo-nextest) from installing over each other.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The folder of our `package.json` and `package-lock.json`.
pub fn tools_dir() -> PathBuf {
    crate::root().join("tests/contract")
}

/// The folder of the installed packages' executables, installing them first when missing or stale.
///
/// Panics with what to do when npm is missing or the install fails: a contract test that cannot
/// run its tools must fail, not pass without them.
pub fn tools() -> &'static Path {
    static BIN: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    match BIN.get_or_init(|| install(&tools_dir())) {
        Ok(bin) => bin,
        Err(message) => panic!("{message}"),
    }
}

/// Where the lockfile that the current `node_modules/` came from is kept.
fn marker(dir: &Path) -> PathBuf {
    dir.join("node_modules/.installed-from-package-lock.json")
}

fn install(dir: &Path) -> Result<PathBuf, String> {
    let lockfile = dir.join("package-lock.json");
    let wanted =
        fs::read(&lockfile).map_err(|e| format!("cannot read {}: {e}", lockfile.display()))?;
    let lock_path = dir.join(".install.lock");
    let lock = File::create(&lock_path)
        .map_err(|e| format!("cannot create {}: {e}", lock_path.display()))?;
    fs4::FileExt::lock(&lock).map_err(|e| format!("cannot lock {}: {e}", lock_path.display()))?;
    // Another process may have installed while this one waited for the lock: look again.
    if fs::read(marker(dir)).ok().as_deref() != Some(&wanted[..]) {
        let started = std::time::Instant::now();
        npm_ci(dir)?;
        eprintln!(
            "npm ci in {}: {:.1} s",
            dir.display(),
            started.elapsed().as_secs_f64()
        );
        fs::write(marker(dir), &wanted)
            .map_err(|e| format!("cannot write {}: {e}", marker(dir).display()))?;
    }
    // The lock is released when `lock` is dropped, here.
    Ok(dir.join("node_modules/.bin"))
}

fn npm_ci(dir: &Path) -> Result<(), String> {
    // No package of the lockfile has an install script, and Prism's telemetry dependency
    // (@scarf/scarf) would report the install from one: scripts are off.
    let output = Command::new("npm")
        .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"])
        .current_dir(dir)
        .output()
        .map_err(|e| {
            format!(
                "cannot run `npm ci` in {}: {e}. The contract tests need Node.js (20.19 or newer) and npm \
                 on the PATH (Debian: `apt-get install nodejs npm`).",
                dir.display()
            )
        })?;
    if output.status.success() {
        return Ok(());
    }
    Err(format!(
        "`npm ci` in {} failed ({}):\n{}{}",
        dir.display(),
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    ))
}
