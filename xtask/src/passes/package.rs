//! The crate's one-line description (`description` in its `Cargo.toml`), from what the
//! description's `info` says of the API: its `summary`, or else the first sentence of its
//! `description`, so that a registry or a dependency list says what the crate is for.

use crate::ir::*;

pub fn describe(api: &mut Api) {
    let said = api
        .summary
        .as_deref()
        .or(api.doc.as_deref())
        .map(first_sentence)
        .filter(|s| !s.is_empty());
    let client = if api.title.trim().is_empty() {
        "Rust client for the API".to_string()
    } else {
        format!("Rust client for the {}", api.title.trim())
    };
    api.crate_description = match said {
        // "The Scenario API, which generates..." names the API itself: it continues the phrase.
        Some(s) if s.starts_with("The ") && s[4..].starts_with(api.title.trim()) => {
            format!("Rust client for t{}.", &s[1..])
        }
        Some(s) => format!("{client}: {s}."),
        None => format!("{client}."),
    };
}

/// The text up to the end of its first sentence, on one line, without the final stop.
fn first_sentence(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let end = one_line
        .match_indices(['.', '!', '?'])
        .map(|(i, _)| i)
        .find(|i| one_line[i + 1..].is_empty() || one_line[i + 1..].starts_with(' '));
    one_line[..end.unwrap_or(one_line.len())].trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::super::graph::tests::api;
    use super::*;

    fn described(title: &str, summary: Option<&str>, doc: Option<&str>) -> String {
        let mut api = api(Vec::new());
        api.title = title.into();
        api.summary = summary.map(str::to_string);
        api.doc = doc.map(str::to_string);
        describe(&mut api);
        api.crate_description
    }

    #[test]
    fn the_description_says_what_the_api_is() {
        assert_eq!(
            described(
                "Scenario API",
                None,
                Some("The Scenario API, which generates game assets (v1.2). Jobs run...")
            ),
            "Rust client for the Scenario API, which generates game assets (v1.2)."
        );
        assert_eq!(
            described("Petstore", Some("Sells pets."), Some("Ignored.")),
            "Rust client for the Petstore: Sells pets."
        );
        assert_eq!(
            described("Petstore", None, Some("A pet\nstore")),
            "Rust client for the Petstore: A pet store."
        );
        assert_eq!(
            described("Petstore", None, None),
            "Rust client for the Petstore."
        );
        assert_eq!(described("", None, Some("  ")), "Rust client for the API.");
    }
}
