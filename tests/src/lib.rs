//! Shared helpers of the test suites in `tests/tests/`.

use std::path::{Path, PathBuf};

/// The workspace's root folder.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests sits in the workspace").to_path_buf()
}

/// The folder of the shared material (seeds, research, specs) beside the checkout.
pub fn shared() -> PathBuf {
    root().join("../shared")
}

pub mod measure;
pub mod contract;
