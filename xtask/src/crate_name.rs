//! What `--crate-name` accepts. The name is written into the generated `Cargo.toml` and, with
//! `-` as `_`, is the library's name in every `use` of the crate's documentation: a name cargo
//! or rustc would refuse (or one that would escape its quotes) is refused before generating.

use crate::names;

/// The rule, as the command line states it.
pub const RULE: &str = "a crate name is 1 to 64 ASCII letters, digits, `-` and `_`, starts \
with a letter or `_`, and is neither a Rust keyword, `_` alone, nor a crate of Rust's standard \
library (std, core, alloc, proc_macro, test)";

/// The most characters crates.io takes in a name.
const MAX_LEN: usize = 64;

/// The crates of the standard library: a package of that name would shadow them.
const STANDARD: [&str; 5] = ["std", "core", "alloc", "proc_macro", "test"];

/// `Ok` if `name` is a Cargo package name the generated crate can take; otherwise what is
/// wrong with it, in a few words.
pub fn check(name: &str) -> Result<(), String> {
    let library = name.replace('-', "_");
    let first = name.chars().next();
    if name.is_empty() {
        Err("it is empty".into())
    } else if name.chars().count() > MAX_LEN {
        Err(format!("it is {} characters long", name.chars().count()))
    } else if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        Err(format!("it holds {c:?}"))
    } else if !first.is_some_and(|c| c.is_ascii_alphabetic() || c == '_') {
        Err(format!("it starts with `{}`", first.unwrap_or_default()))
    } else if library == "_" || names::is_keyword(&library) {
        Err(format!("`{library}` is a Rust keyword"))
    } else if STANDARD.contains(&library.as_str()) {
        Err(format!("`{library}` is a crate of the standard library"))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn cargo_names_pass() {
        for name in [
            "scenario-sdk",
            "my_api",
            "_private",
            "a",
            "api2",
            &"a".repeat(64),
        ] {
            assert_eq!(check(name), Ok(()), "{name}");
        }
    }

    #[test]
    fn others_are_refused() {
        for name in [
            "",
            "../../evil",
            "a\"\nb",
            "2fast",
            "-dash",
            "café",
            "has space",
            "fn",
            "self",
            "_",
            "std",
            "proc-macro",
            &"a".repeat(65),
        ] {
            assert!(check(name).is_err(), "{name:?} passed");
        }
    }
}
