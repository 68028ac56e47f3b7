//! Tools nobody here wrote, judging our work: the OpenAPI linter Redocly CLI judges
//! `schema/scenario.yaml`, and the mock server Prism, serving that same file, refuses requests of
//! the generated client that break it and answers with random responses it allows.
//!
//! Both are npm packages pinned in `tests/contract/package-lock.json`; [`install::tools`]
//! installs them with `npm ci` the first time a test needs them, so that the test command alone
//! sets a fresh machine up.

pub mod install;
pub mod prism;
pub mod redocly;
