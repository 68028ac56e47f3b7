//! What each kind of change does to callers of the generated crate: one table ([`classify`]),
//! one row per kind of change and, where the crate's shape decides, per shape, each with its
//! class and the one line that says why, naming the Rust item.
//!
//! The crate's shape is read from the IR: whether the type a change is in was
//! `#[non_exhaustive]` (the `stability` pass; [`Site::extensible`]: a type, or the enums of an
//! operation's bodies by status), so that a field, value or status it gains is additive, and
//! whether enums keep values they do not list ([`Shape`]).

use super::{Class, Kind, Site};
use crate::ir::Api;

use Class::{Additive, Breaking, Documentation};

/// What the generated crate lets callers rely on, as the IR says it.
pub struct Shape {
    /// Enums keep values they do not list in a fallback variant (`Unrecognized`): true of every
    /// enum today (`Enum::fallback`), so a removed value still decodes.
    pub open_enums: bool,
}

impl Shape {
    /// The shape of the crate generated from `api`.
    pub fn of(api: &Api) -> Shape {
        let open_enums = api.types.iter().all(|t| match &t.kind {
            crate::ir::TypeKind::Enum(e) => e.fallback.is_some(),
            _ => true,
        });
        Shape { open_enums }
    }
}

/// The class of a change and why, naming the Rust item callers meet.
pub fn classify(site: &Site, kind: &Kind, shape: &Shape) -> (Class, String) {
    let item = &site.item;
    let (owner, field) = parts(item);
    let o = |s: &Option<String>| s.clone().unwrap_or_else(|| "none".into());
    match kind {
        Kind::OperationAdded => (Additive, format!("`{item}` is new")),
        Kind::OperationRemoved => (
            Breaking,
            format!("`{item}` is gone: code that calls it no longer compiles"),
        ),
        Kind::OperationRenamed { from, to } if from.call == to.call => (
            Documentation,
            format!(
                "the operationId is `{}` now, was `{}`; the Rust call `{item}` is unchanged",
                to.id, from.id
            ),
        ),
        Kind::OperationRenamed { from, to } => (
            Breaking,
            format!(
                "`{}` is `{}` now: code that calls the old name no longer compiles",
                from.call, to.call
            ),
        ),
        Kind::ParamAdded { required: true } | Kind::InputAdded { required: true } => (
            Breaking,
            format!("`{owner}` takes `{field}` now: calls without it no longer compile"),
        ),
        Kind::ParamAdded { required: false } | Kind::InputAdded { required: false } => {
            (Additive, format!("`{item}` is a new setter"))
        }
        Kind::ParamRemoved | Kind::InputRemoved => (
            Breaking,
            format!("`{item}` is gone: code that passes `{field}` no longer compiles"),
        ),
        Kind::ParamRequired { now: true } | Kind::InputRequired { now: true } => (
            Breaking,
            format!(
                "`{owner}` takes `{field}` now, which was a setter: calls without it no longer compile"
            ),
        ),
        Kind::ParamRequired { now: false } | Kind::InputRequired { now: false } => (
            Breaking,
            format!(
                "`{field}` is a setter now (`{item}`), not an argument: calls that pass it no longer compile"
            ),
        ),
        Kind::ParamMoved { from, to } => (
            Documentation,
            format!("sent in the {to} now, was the {from}; `{item}` is unchanged"),
        ),
        Kind::Type { from, to } => (
            Breaking,
            format!(
                "`{item}` is `{to}` now, was `{from}`: code that uses it as `{from}` no longer compiles"
            ),
        ),
        Kind::StatusAdded { had_enum: true, .. } if !site.extensible => (
            Breaking,
            format!(
                "`{item}` is a new variant: a `match` on `{owner}` without a wildcard arm no longer compiles"
            ),
        ),
        Kind::StatusAdded { .. } => (
            Additive,
            format!("`{item}` is new; `send` still returns what it did"),
        ),
        Kind::StatusRemoved { had_enum: true, .. } => (
            Breaking,
            format!("`{item}` is gone: code that names it no longer compiles"),
        ),
        Kind::StatusRemoved { status, .. } => (
            Breaking,
            format!(
                "status {status} is no longer documented: `send_any` is gone or returns another enum"
            ),
        ),
        Kind::Paged { now: true } => (
            Additive,
            format!("`{item}` is new: the list can be streamed"),
        ),
        Kind::Paged { now: false } => (
            Breaking,
            format!("`{item}` is gone: code that streams the list no longer compiles"),
        ),
        Kind::TypeAdded => (Additive, format!("`{item}` is new")),
        Kind::TypeRemoved => (
            Breaking,
            format!("`{item}` is gone: code that names it no longer compiles"),
        ),
        Kind::TypeKind { from, to } => (
            Breaking,
            format!(
                "`{item}` is a {to} now, was a {from}: code that builds or reads it no longer compiles"
            ),
        ),
        Kind::FieldAdded { needed: true } => (
            Breaking,
            format!(
                "`{owner}` needs `{field}` now: `{owner}::new` takes it, so code that never set it no longer compiles"
            ),
        ),
        Kind::FieldAdded { needed: false } if !site.extensible => (
            Breaking,
            format!(
                "`{item}` is new: a struct literal or pattern of `{owner}` naming every field no longer compiles"
            ),
        ),
        Kind::FieldAdded { needed: false } => (
            Additive,
            format!(
                "`{item}` is new; `{owner}` is `#[non_exhaustive]`, so no code names all its fields"
            ),
        ),
        Kind::FieldRemoved => (
            Breaking,
            format!("`{item}` is gone: code that reads or sets it no longer compiles"),
        ),
        Kind::FieldRequired { now: true } => (
            Breaking,
            format!(
                "`{owner}` needs `{field}` now: code that reads `{item}` as an `Option` or never set it no longer compiles"
            ),
        ),
        Kind::FieldRequired { now: false } => (
            Breaking,
            format!(
                "`{item}` may be absent now: it is an `Option`, and code that reads or sets it as a value no longer compiles"
            ),
        ),
        Kind::Nullable { now } => (
            Breaking,
            format!(
                "`{item}` {} `null` now, so its type {} an `Option`: code that uses the old type no longer compiles",
                if *now { "may be" } else { "is never" },
                if *now { "gains" } else { "loses" }
            ),
        ),
        Kind::ValueAdded { .. } | Kind::VariantAdded if !site.extensible => (
            Breaking,
            format!(
                "`{item}` is a new variant: a `match` on `{owner}` without a wildcard arm no longer compiles"
            ),
        ),
        Kind::ValueAdded { value } if shape.open_enums => (
            Additive,
            format!("`{item}` is new; `{value}` used to arrive as `{owner}`'s fallback variant"),
        ),
        Kind::ValueAdded { .. } | Kind::VariantAdded => (Additive, format!("`{item}` is new")),
        Kind::ValueRemoved { value } if shape.open_enums => (
            Breaking,
            format!(
                "`{item}` is gone: code that names it no longer compiles (`{value}` still decodes, into the fallback variant)"
            ),
        ),
        Kind::ValueRemoved { .. } | Kind::VariantRemoved => (
            Breaking,
            format!("`{item}` is gone: code that names it no longer compiles"),
        ),
        Kind::Default {
            filled: false,
            from,
            to,
        } => (
            Documentation,
            format!(
                "the API's default is {} now, was {}; the crate writes no default here",
                o(to),
                o(from)
            ),
        ),
        Kind::Default {
            filled: true,
            from: None,
            to,
        } => (
            Additive,
            format!("`{item}` is `{}` now where it was absent", o(to)),
        ),
        Kind::Default {
            filled: true,
            from,
            to,
        } => (
            Breaking,
            format!(
                "`{item}` is `{}` now, was `{}`: code that relies on the old value gets another",
                o(to),
                o(from)
            ),
        ),
        Kind::Limit {
            name,
            from,
            to,
            tighter: true,
        } => (
            Breaking,
            format!(
                "`{item}`'s {name} is {} now, was {}: values that were sent are refused before sending",
                o(to),
                o(from)
            ),
        ),
        Kind::Limit {
            name,
            from,
            to,
            tighter: false,
        } => (
            Additive,
            format!(
                "`{item}`'s {name} is {} now, was {}: values that were refused are sent",
                o(to),
                o(from)
            ),
        ),
        // Cargo's semver rules and cargo-semver-checks count a deprecation as a minor change:
        // code still compiles, with a warning (an error under `#![deny(warnings)]`).
        Kind::Deprecated { now: true } => (
            Additive,
            format!("`{item}` is `#[deprecated]`: code that uses it gets a warning"),
        ),
        Kind::Deprecated { now: false } => {
            (Documentation, format!("`{item}` is no longer deprecated"))
        }
        Kind::Doc => (
            Documentation,
            format!("the documentation of `{item}` changed"),
        ),
        Kind::Security { from, to } if from.args != to.args => (
            Breaking,
            format!(
                "`Client::new` takes ({}) now, was ({}): {}",
                to.args.join(", "),
                from.args.join(", "),
                to.sentence
            ),
        ),
        Kind::Security { to, .. } => (
            Documentation,
            format!("`Client::new` takes the same credentials: {}", to.sentence),
        ),
    }
}

/// The item that holds a member, and the member: `Job.status` is `Job` and `status`,
/// `JobStatus::Failed` is `JobStatus` and `Failed`, `client.jobs().list().status()` is
/// `client.jobs().list()` and `status`, `client.jobs().retrieve(job_id)` is
/// `client.jobs().retrieve()` and `job_id`; an item without members is itself and itself.
fn parts(item: &str) -> (String, &str) {
    if let Some(call) = item.strip_suffix(')') {
        if let Some((head, arg)) = call.rsplit_once('(') {
            if !arg.is_empty() {
                return (format!("{head}()"), arg);
            }
            if let Some((owner, member)) = head.rsplit_once('.') {
                return (owner.to_string(), member);
            }
        }
        return (item.to_string(), item);
    }
    match item.rsplit_once("::").or_else(|| item.rsplit_once('.')) {
        Some((owner, member)) => (owner.to_string(), member),
        None => (item.to_string(), item),
    }
}
