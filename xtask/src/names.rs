//! Rust identifiers and the casing rules that make them from wire names. Shared by the stages
//! that must know what a name will become: validation (a resource whose file would be
//! `mod.rs`) and the naming pass, which alone decides the names of the IR.

use heck::{ToSnakeCase, ToUpperCamelCase};
use serde::{Serialize, Serializer};

/// Words Rust reserves (2021 and 2024 editions, strict and reserved).
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// Whether `text` is a word Rust reserves, which an identifier can only be in its raw form.
/// The names of the standard prelude that generated code writes bare where nothing declares
/// them: a type that takes one makes the models write it by path, and the naming pass keeps
/// the resources' own items (handles, builders, outputs, error enums) off them.
pub const PRELUDE: &[&str] = &[
    "String",
    "Option",
    "Vec",
    "Box",
    "Default",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "Into",
    "IntoIterator",
    "Clone",
    "Copy",
    "Debug",
    "PartialEq",
    "Eq",
    "Hash",
    "Send",
    "IntoFuture",
];

pub fn is_keyword(text: &str) -> bool {
    KEYWORDS.contains(&text)
}

/// A legal Rust identifier. Its text is kept bare (`type`), with a flag for the raw form
/// (`r#type`) that code must use, so that documentation, file names and derived names (`type2`,
/// `default_type`) never have to strip a prefix.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ident {
    text: String,
    raw: bool,
}

impl Ident {
    /// `text` made legal: `type` becomes raw; the few keywords that cannot be raw (`self`,
    /// `Self`, `crate`, `super`) get a trailing `_`. `text` must already be made of ASCII
    /// letters, digits and `_`, not starting with a digit.
    fn escaped(text: String) -> Ident {
        debug_assert!(
            text.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
            "not an identifier: {text:?}"
        );
        if matches!(text.as_str(), "self" | "Self" | "crate" | "super") {
            Ident {
                text: format!("{text}_"),
                raw: false,
            }
        } else {
            let raw = KEYWORDS.contains(&text.as_str());
            Ident { text, raw }
        }
    }

    /// The identifier as documentation and file names show it: never with `r#`.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The identifier as code writes it: `r#type`, for examples in documentation.
    pub fn code(&self) -> String {
        if self.raw {
            format!("r#{}", self.text)
        } else {
            self.text.clone()
        }
    }

    /// Whether code must write it `r#...`.
    pub fn is_raw(&self) -> bool {
        self.raw
    }

    /// This identifier followed by `suffix` (`Generate` + `Output`), made legal again.
    pub fn join(&self, suffix: &str) -> Ident {
        Ident::escaped(format!("{}{suffix}", self.text))
    }

    /// The `n`th variant of this identifier for a collision: `page_size2`, `type2`, `self2`
    /// (a trailing `_` that only escaped a keyword is dropped first).
    pub fn numbered(&self, n: usize) -> Ident {
        Ident::escaped(format!("{}{n}", self.text.trim_end_matches('_')))
    }
}

/// The IR snapshots show identifiers as code writes them.
impl Serialize for Ident {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.code())
    }
}

/// An identifier the generator itself names (`body`, `additional_properties_`): ASCII
/// letters, digits and `_`, not starting with a digit.
pub fn fixed(text: &str) -> Ident {
    Ident::escaped(text.to_string())
}

/// Splits a wire name into ASCII alphanumeric chunks (anything else separates), after
/// transliterating other scripts to ASCII.
fn chunks(wire: &str) -> Vec<String> {
    let ascii = if wire.is_ascii() {
        wire.to_string()
    } else {
        deunicode::deunicode_with_tofu(wire, " ")
    };
    ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect()
}

/// `16:9` -> `V16_9`, `flux.1.1-pro` -> `Flux1_1Pro`, `type` -> `Type`: an UpperCamelCase
/// identifier; `prefix` is put before a leading digit, and used alone when nothing is left.
pub fn camel(wire: &str, prefix: &str) -> Ident {
    let mut out = String::new();
    for chunk in chunks(wire) {
        let cased = chunk.as_str().to_upper_camel_case();
        // Digits on both sides of a separator stay apart: `1:1` and `11` must not meet.
        if out.ends_with(|c: char| c.is_ascii_digit())
            && cased.starts_with(|c: char| c.is_ascii_digit())
        {
            out.push('_');
        }
        out.push_str(&cased);
    }
    if out.is_empty() {
        return Ident::escaped(prefix.to_string());
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        match spelled_number(&out) {
            Some(spelled) => out = spelled,
            None => out.insert_str(0, prefix),
        }
    }
    Ident::escaped(out)
}

/// `3d` -> `ThreeD`, `30m` -> `ThirtyM`: a leading number below 100 that a letter follows,
/// in words, as a reader says it; `None` for other leading numbers (`16_9`, `1080p`), which
/// keep their digits behind the prefix.
fn spelled_number(text: &str) -> Option<String> {
    const ONES: [&str; 20] = [
        "Zero",
        "One",
        "Two",
        "Three",
        "Four",
        "Five",
        "Six",
        "Seven",
        "Eight",
        "Nine",
        "Ten",
        "Eleven",
        "Twelve",
        "Thirteen",
        "Fourteen",
        "Fifteen",
        "Sixteen",
        "Seventeen",
        "Eighteen",
        "Nineteen",
    ];
    const TENS: [&str; 10] = [
        "", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety",
    ];
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let (number, rest) = text.split_at(digits);
    let mut letters = rest.chars();
    let first = letters.next().filter(char::is_ascii_alphabetic)?;
    let n: usize = number
        .parse::<usize>()
        .ok()
        .filter(|n| *n < 100 && n.to_string() == number)?;
    let words = match n {
        0..20 => ONES[n].to_string(),
        _ if n % 10 == 0 => TENS[n / 10].to_string(),
        _ => format!("{}{}", TENS[n / 10], ONES[n % 10]),
    };
    Some(format!(
        "{words}{}{}",
        first.to_ascii_uppercase(),
        letters.as_str()
    ))
}

/// `jobId` -> `job_id`, `3d` -> `_3d`, `type` -> `r#type`.
pub fn snake(wire: &str) -> Ident {
    let joined = chunks(wire).join("_");
    let mut out = joined.to_snake_case();
    if out.is_empty() {
        out = "value".to_string();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    Ident::escaped(out)
}

/// What a serde `rename_all` rule makes of a field's name.
type RenameRule = fn(&str) -> String;

/// The `rename_all` rules of serde, each with what it makes of a snake_case field name (as
/// serde writes it: `_` starts a new word and is dropped, other characters stay).
const RENAME_RULES: &[(&str, RenameRule)] = &[
    ("camelCase", |f| {
        let pascal = pascal_of_snake(f);
        let mut chars = pascal.chars();
        chars.next().map_or_else(String::new, |c| {
            c.to_ascii_lowercase().to_string() + chars.as_str()
        })
    }),
    ("PascalCase", pascal_of_snake),
    ("kebab-case", |f| f.replace('_', "-")),
    ("SCREAMING_SNAKE_CASE", |f| f.to_ascii_uppercase()),
];

fn pascal_of_snake(field: &str) -> String {
    let mut out = String::new();
    let mut capitalize = true;
    for c in field.chars() {
        if c == '_' {
            capitalize = true;
        } else if capitalize {
            out.push(c.to_ascii_uppercase());
            capitalize = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The serde `rename_all` rule for a struct's fields: the one that spells the wire names of
/// the most fields whose identifier differs from it, when it spells two or more (a field it
/// does not spell gets a `rename` of its own; for one field alone that is as short).
pub fn rename_all_rule<'a>(
    fields: impl Iterator<Item = (&'a Ident, &'a str)> + Clone,
) -> Option<&'static str> {
    let differing = fields.filter(|(ident, wire)| ident.as_str() != *wire);
    RENAME_RULES
        .iter()
        .map(|(rule, apply)| {
            let spelled = differing
                .clone()
                .filter(|(ident, wire)| apply(ident.as_str()) == *wire)
                .count();
            (spelled, *rule)
        })
        .filter(|(spelled, _)| *spelled >= 2)
        // The first of the rules that spell the most.
        .min_by_key(|(spelled, _)| std::cmp::Reverse(*spelled))
        .map(|(_, rule)| rule)
}

/// What serde writes for a field named `ident` under the struct's `rename_all` rule.
pub fn serde_name(rule: Option<&str>, ident: &Ident) -> String {
    match RENAME_RULES.iter().find(|(r, _)| Some(*r) == rule) {
        Some((_, apply)) => apply(ident.as_str()),
        None => ident.as_str().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(i: Ident) -> String {
        serde_json::to_value(&i)
            .unwrap()
            .as_str()
            .unwrap()
            .to_string()
    }

    #[test]
    fn camel_identifiers_keep_digits_apart_and_escape() {
        assert_eq!(code(camel("16:9", "V")), "V16_9");
        assert_eq!(code(camel("3d", "V")), "ThreeD");
        assert_eq!(code(camel("3d-texture-albedo", "V")), "ThreeDTextureAlbedo");
        assert_eq!(code(camel("30m", "V")), "ThirtyM");
        assert_eq!(code(camel("23d", "V")), "TwentyThreeD");
        assert_eq!(code(camel("1080p", "V")), "V1080p");
        assert_eq!(code(camel("007x", "V")), "V007x");
        assert_eq!(code(camel("1:1", "V")), "V1_1");
        assert_eq!(code(camel("11", "V")), "V11");
        assert_eq!(code(camel("flux.1.1-pro-ultra", "V")), "Flux1_1ProUltra");
        assert_eq!(code(camel("in-progress", "V")), "InProgress");
        assert_eq!(code(camel("DETECTION", "V")), "Detection");
        assert_eq!(code(camel("Self", "V")), "Self_");
        assert_eq!(code(camel("+", "V")), "V");
        assert_eq!(code(camel("名前", "T")), "MingQian");
    }

    #[test]
    fn snake_identifiers_escape_keywords_and_digits() {
        assert_eq!(code(snake("jobId")), "job_id");
        assert_eq!(code(snake("type")), "r#type");
        assert_eq!(snake("type").as_str(), "type");
        assert_eq!(code(snake("self")), "self_");
        assert_eq!(code(snake("3d")), "_3d");
        assert_eq!(code(snake("page-size")), "page_size");
        assert_eq!(code(snake("")), "value");
        assert_eq!(code(snake("école")), "ecole");
    }

    #[test]
    fn rename_all_spells_the_most_fields_and_the_rest_are_renamed_alone() {
        fn rule<'a>(wires: &[&'a str]) -> (Option<&'static str>, Vec<&'a str>) {
            let fields: Vec<(Ident, &str)> = wires.iter().map(|w| (snake(w), *w)).collect();
            let rule = rename_all_rule(fields.iter().map(|(i, w)| (i, *w)));
            let alone = fields
                .iter()
                .filter(|(i, w)| serde_name(rule, i) != *w)
                .map(|(_, w)| *w)
                .collect();
            (rule, alone)
        }
        assert_eq!(
            rule(&["jobId", "modelId", "status"]),
            (Some("camelCase"), vec![])
        );
        // One field alone is renamed alone; none differing needs nothing.
        assert_eq!(rule(&["jobId", "status"]), (None, vec!["jobId"]));
        assert_eq!(rule(&["job_id", "status"]), (None, vec![]));
        assert_eq!(rule(&["JobId", "Status"]), (Some("PascalCase"), vec![]));
        assert_eq!(
            rule(&["job-id", "page-size", "x"]),
            (Some("kebab-case"), vec![])
        );
        // `URL` snake-cases to `url`, which camelCase writes `url`: it is renamed alone.
        assert_eq!(
            rule(&["jobId", "modelId", "URL"]),
            (Some("camelCase"), vec!["URL"])
        );
        // serde drops the `_` of an escaped keyword as it drops the others.
        assert_eq!(
            rule(&["self", "type", "3d", "jobId", "modelId"]),
            (Some("camelCase"), vec![])
        );
    }

    #[test]
    fn numbered_and_joined_names_stay_legal() {
        assert_eq!(code(snake("type").numbered(2)), "type2");
        assert_eq!(code(snake("self").numbered(2)), "self2");
        assert_eq!(
            code(camel("Generate", "T").join("Output")),
            "GenerateOutput"
        );
    }
}
