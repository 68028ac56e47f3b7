//! The changes as text for a terminal and as Markdown for a pull request or the changelog,
//! grouped by resource, the worst class first within each.

use super::{Change, Class, Kind};

/// `3 changes: 1 breaking, 1 additive, 1 documentation`, or `no changes`.
pub fn summary(changes: &[Change]) -> String {
    if changes.is_empty() {
        return "no changes".into();
    }
    let count = |class: Class| changes.iter().filter(|c| c.class == class).count();
    let counts: Vec<String> = [Class::Breaking, Class::Additive, Class::Documentation]
        .into_iter()
        .filter(|c| count(*c) > 0)
        .map(|c| format!("{} {}", count(c), c.as_str()))
        .collect();
    format!(
        "{} change{}: {}",
        changes.len(),
        if changes.len() == 1 { "" } else { "s" },
        counts.join(", ")
    )
}

/// The changes by group, in the order [`super::diff`] sorted them.
fn grouped(changes: &[Change]) -> Vec<(&str, Vec<&Change>)> {
    let mut groups: Vec<(&str, Vec<&Change>)> = Vec::new();
    for c in changes {
        match groups.last_mut() {
            Some((group, list)) if *group == c.site.group => list.push(c),
            _ => groups.push((&c.site.group, vec![c])),
        }
    }
    groups
}

const CLASS_WIDTH: usize = 14;

/// For a terminal: the summary, then each group with two lines per change, what changed in
/// the description and what it does to callers.
pub fn text(changes: &[Change]) -> String {
    let mut out = summary(changes);
    out.push('\n');
    for (group, list) in grouped(changes) {
        out += &format!("\n{group}\n");
        for c in list {
            out += &format!(
                "  {:CLASS_WIDTH$} {}: {}\n  {:CLASS_WIDTH$} {}\n",
                c.class.as_str(),
                c.site.wire,
                what(&c.kind),
                "",
                c.reason
            );
        }
    }
    out
}

/// For a pull request or the changelog: the summary, then a table per group under a heading
/// of `level` (`###`).
pub fn markdown(changes: &[Change], level: usize) -> String {
    let mut out = format!("{}.\n", capitalised(&summary(changes)));
    let hashes = "#".repeat(level);
    for (group, list) in grouped(changes) {
        out += &format!("\n{hashes} {group}\n\n| Class | Change | Why |\n|---|---|---|\n");
        for c in list {
            out += &format!(
                "| {} | {}: {} | {} |\n",
                c.class.as_str(),
                cell(&c.site.wire),
                cell(&what(&c.kind)),
                cell(&c.reason)
            );
        }
    }
    out
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Text a table cell can hold: one line, its bars escaped.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// What changed, in the description's terms.
fn what(kind: &Kind) -> String {
    let now = |yes: bool, a: &str, b: &str| if yes { a } else { b }.to_string();
    let o = |s: &Option<String>| s.clone().unwrap_or_else(|| "none".into());
    let required = |r: bool| if r { " (required)" } else { " (optional)" };
    match kind {
        Kind::OperationAdded => "operation added".into(),
        Kind::OperationRemoved => "operation removed".into(),
        Kind::OperationRenamed { from, to } => {
            format!("operation renamed from `{}` to `{}`", from.id, to.id)
        }
        Kind::ParamAdded { required: r } => format!("parameter added{}", required(*r)),
        Kind::ParamRemoved => "parameter removed".into(),
        Kind::ParamRequired { now: r } => {
            now(*r, "parameter required now", "parameter optional now")
        }
        Kind::ParamMoved { from, to } => format!("parameter moved from the {from} to the {to}"),
        Kind::InputAdded { required: r } => format!("added{}", required(*r)),
        Kind::InputRemoved => "removed".into(),
        Kind::InputRequired { now: r } => now(*r, "required now", "optional now"),
        Kind::StatusAdded { status, .. } => format!("success status {status} added"),
        Kind::StatusRemoved { status, .. } => format!("success status {status} removed"),
        Kind::Paged { now: p } => now(*p, "cursor-paged now", "no longer cursor-paged"),
        Kind::TypeAdded => "type added".into(),
        Kind::TypeRemoved => "type removed".into(),
        Kind::TypeKind { from, to } => format!("a {to} now, was a {from}"),
        Kind::FieldAdded { needed } => format!("field added{}", required(*needed)),
        Kind::FieldRemoved => "field removed".into(),
        Kind::FieldRequired { now: r } => now(*r, "required now", "optional now"),
        Kind::Type { from, to } => format!("type `{from}` -> `{to}`"),
        Kind::Nullable { now: n } => now(*n, "nullable now", "no longer nullable"),
        Kind::ValueAdded { .. } => "value added".into(),
        Kind::ValueRemoved { .. } => "value removed".into(),
        Kind::VariantAdded => "variant added".into(),
        Kind::VariantRemoved => "variant removed".into(),
        Kind::Default { from, to, .. } => format!("default {} -> {}", o(from), o(to)),
        Kind::Limit { name, from, to, .. } => format!("{name} {} -> {}", o(from), o(to)),
        Kind::Deprecated { now: d } => now(*d, "deprecated", "no longer deprecated"),
        Kind::Doc => "documentation".into(),
        Kind::Security { from, to } => {
            format!("credentials: {} -> {}", from.sentence, to.sentence)
        }
    }
}
