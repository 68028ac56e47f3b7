//! Every Rust name is chosen here, once: casing with heck, then digits and keywords made legal,
//! then collisions within a scope resolved by a numeric suffix, in document order so that the
//! result does not depend on anything but the description.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

use crate::ir::*;

/// Words Rust reserves (2021 and 2024 editions, strict and reserved).
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// Methods every resource and builder has, which an operation or parameter must not shadow.
const BUILDER_METHODS: &[&str] = &[
    "send",
    "send_any",
    "into_future",
    "new",
    "client",
    "request",
    "options",
    "timeout",
    "max_retries",
    "extra_header",
    "extra_query",
    "stream",
];

/// `type` becomes `r#type`; the few keywords that cannot be raw get a trailing `_`.
pub fn escape_keyword(ident: String) -> String {
    if matches!(ident.as_str(), "self" | "Self" | "crate" | "super") {
        format!("{ident}_")
    } else if KEYWORDS.contains(&ident.as_str()) {
        format!("r#{ident}")
    } else {
        ident
    }
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
pub fn to_camel_ident(wire: &str, prefix: &str) -> String {
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
        return prefix.to_string();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, prefix);
    }
    escape_keyword(out)
}

/// `jobId` -> `job_id`, `3d` -> `_3d`, `type` -> `r#type`.
pub fn to_snake_ident(wire: &str) -> String {
    let joined = chunks(wire).join("_");
    let mut out = joined.to_snake_case();
    if out.is_empty() {
        out = "value".to_string();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    escape_keyword(out)
}

/// Hands out names within one scope, suffixing `2`, `3`... on a collision.
#[derive(Default)]
struct Scope(BTreeSet<String>);

impl Scope {
    fn with_reserved(names: &[&str]) -> Self {
        Scope(names.iter().map(|n| n.to_string()).collect())
    }

    fn claim(&mut self, wanted: String) -> String {
        let bare = |s: &str| s.trim_start_matches("r#").to_string();
        if self.0.insert(bare(&wanted)) {
            return wanted;
        }
        let base = wanted
            .trim_start_matches("r#")
            .trim_end_matches('_')
            .to_string();
        (2..)
            .map(|n| format!("{base}{n}"))
            .find(|c| self.0.insert(c.clone()))
            .expect("some suffix is free")
    }

    /// The name of a catch-all variant: `preferred`, `<preferred>Value` or `Other`, whichever
    /// is free first, else a suffixed `preferred`.
    fn fallback(&mut self, preferred: &str) -> String {
        let candidates = [
            preferred.to_string(),
            format!("{preferred}Value"),
            "Other".to_string(),
        ];
        match candidates.into_iter().find(|s| !self.0.contains(s)) {
            Some(free) => self.claim(free),
            None => self.claim(preferred.to_string()),
        }
    }
}

pub fn assign(api: &mut Api) {
    // Types share the `models` module with nothing else.
    let mut types = Scope::default();
    for def in &mut api.types {
        def.name.rust = types.claim(to_camel_ident(&def.name.wire, "T"));
    }
    for def in &mut api.types {
        match &mut def.kind {
            TypeKind::Struct(s) => {
                let mut scope = Scope::default();
                for f in &mut s.fields {
                    f.name.rust = scope.claim(to_snake_ident(&f.name.wire));
                }
            }
            TypeKind::Enum(e) => {
                let mut scope = Scope::default();
                for v in &mut e.variants {
                    v.name.rust = scope.claim(to_camel_ident(
                        v.label.as_deref().unwrap_or(&v.name.wire),
                        "V",
                    ));
                }
                e.fallback = scope.fallback("Unrecognized");
            }
            TypeKind::Union(u) => {
                let mut scope = Scope::default();
                for v in &mut u.variants {
                    v.name.rust = scope.claim(to_camel_ident(&v.name.wire, "V"));
                }
                u.fallback = scope.fallback("Unknown");
            }
            TypeKind::Alias(_) | TypeKind::AllOf(_) => {}
        }
    }
    let mut top = Scope::default();
    for r in &mut api.resources {
        name_resource(r, &mut top);
    }
}

fn name_resource(r: &mut Resource, siblings: &mut Scope) {
    r.name.rust = siblings.claim(to_snake_ident(&r.name.wire));
    // Methods and child accessors share the resource's impl block.
    let mut methods = Scope::with_reserved(BUILDER_METHODS);
    let mut builders = Scope::default();
    r.handle = builders.claim(to_camel_ident(&r.name.wire, "R"));
    for c in &mut r.children {
        name_resource(c, &mut methods);
    }
    for op in &mut r.operations {
        op.name.rust = methods.claim(to_snake_ident(&op.name.rust));
        op.builder = builders.claim(to_camel_ident(op.name.rust.trim_start_matches("r#"), "Op"));
        op.output = builders.claim(format!("{}Output", op.builder));
        if !op.errors.is_empty() {
            op.error_enum = builders.claim(format!("{}Error", op.builder));
        }
        let mut params = Scope::with_reserved(BUILDER_METHODS);
        params.0.insert("body".into());
        for p in &mut op.params {
            p.name.rust = params.claim(to_snake_ident(&p.name.wire));
        }
        if let Some(BodyPayload::Multipart { parts }) = op.body.as_mut().map(|b| &mut b.payload) {
            for part in parts {
                part.name.rust = params.claim(to_snake_ident(&part.name.wire));
            }
        }
        let mut variants = Scope::default();
        for resp in &mut op.responses {
            resp.name.rust = variants.claim(to_camel_ident(&resp.name.wire, "Status"));
        }
        let mut variants = Scope::default();
        for e in &mut op.errors {
            e.name.rust = variants.claim(to_camel_ident(&e.name.wire, "Status"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_identifiers_keep_digits_apart_and_escape() {
        assert_eq!(to_camel_ident("16:9", "V"), "V16_9");
        assert_eq!(to_camel_ident("1:1", "V"), "V1_1");
        assert_eq!(to_camel_ident("11", "V"), "V11");
        assert_eq!(to_camel_ident("flux.1.1-pro-ultra", "V"), "Flux1_1ProUltra");
        assert_eq!(to_camel_ident("in-progress", "V"), "InProgress");
        assert_eq!(to_camel_ident("DETECTION", "V"), "Detection");
        assert_eq!(to_camel_ident("Self", "V"), "Self_");
        assert_eq!(to_camel_ident("+", "V"), "V");
    }

    #[test]
    fn snake_identifiers_escape_keywords_and_digits() {
        assert_eq!(to_snake_ident("jobId"), "job_id");
        assert_eq!(to_snake_ident("type"), "r#type");
        assert_eq!(to_snake_ident("self"), "self_");
        assert_eq!(to_snake_ident("3d"), "_3d");
        assert_eq!(to_snake_ident("page-size"), "page_size");
        assert_eq!(to_snake_ident(""), "value");
        assert_eq!(to_snake_ident("école"), "ecole");
        assert_eq!(to_camel_ident("名前", "T"), "MingQian");
    }

    #[test]
    fn collisions_get_a_suffix_in_order() {
        let mut scope = Scope::default();
        assert_eq!(scope.claim("page_size".into()), "page_size");
        assert_eq!(scope.claim("page_size".into()), "page_size2");
        assert_eq!(scope.claim("r#type".into()), "r#type");
        assert_eq!(scope.claim("r#type".into()), "type2");
    }
}
