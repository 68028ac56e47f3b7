//! Beside the pipeline: what a change of the description does to the callers of the generated
//! crate. Both descriptions go through load, validate, lower and the passes (never emit), and
//! the two IRs are compared ([`compare`]), so that a change is seen as the crate shows it: a
//! renamed Rust item, an argument `new` now takes, a variant an enum gains. Each change is then
//! classed by the rules of [`rules`], and [`report`] writes it out grouped by resource.
//! [`revision`] reads the description as a git revision had it.

mod compare;
pub mod report;
pub mod revision;
pub mod rules;

use std::path::Path;

use crate::ir::{Api, Usage};
use crate::target::Target;

/// What a change does to code that uses the generated crate, from the least to the worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// Only the documentation changes (or the wire, without any Rust code noticing).
    Documentation,
    /// Something new to use; code that compiled and worked still does.
    Additive,
    /// Code that compiled may no longer compile, or values it sent may be refused.
    Breaking,
}

impl Class {
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Documentation => "documentation",
            Class::Additive => "additive",
            Class::Breaking => "breaking",
        }
    }

    /// The class a command-line word names (`--fail-on breaking`).
    pub fn parse(word: &str) -> Option<Class> {
        [Class::Documentation, Class::Additive, Class::Breaking]
            .into_iter()
            .find(|c| c.as_str() == word)
    }
}

/// Where a change is, as callers and as the wire see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// The resources whose operations meet the change, dotted (`models.examples`), joined by
    /// `, ` when a type is shared; `models` for a type no operation reaches.
    pub group: String,
    /// The Rust item as callers write it: `client.jobs().list()`, `ListBuilder::status`,
    /// `Job.status`, `JobStatus`.
    pub item: String,
    /// The place in the description: `GET /jobs`, `Job.status`, `JobStatus`.
    pub wire: String,
    /// Where values of the changed thing travel: a type member has its type's; a parameter or
    /// a body is sent.
    pub usage: Usage,
    /// The type the change is in was `#[non_exhaustive]` before it: callers could neither
    /// write it as a literal nor match it without a wildcard arm, so a field or a value it gains
    /// breaks none of their code.
    pub extensible: bool,
}

/// One difference between the two IRs, in the terms of the description; what it means to
/// callers is for [`rules`] to say.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    OperationAdded,
    OperationRemoved,
    /// The operationId, or the Rust call (resource or method name), differs for the same
    /// method and path.
    OperationRenamed {
        from: Label,
        to: Label,
    },
    ParamAdded {
        required: bool,
    },
    ParamRemoved,
    ParamRequired {
        now: bool,
    },
    /// Query, header, path or cookie.
    ParamMoved {
        from: String,
        to: String,
    },
    /// A value the request builder keeps for the body: the body itself or a multipart part.
    InputAdded {
        required: bool,
    },
    InputRemoved,
    InputRequired {
        now: bool,
    },
    /// A success status beside others, each a variant of the operation's output enum.
    StatusAdded {
        status: u16,
        had_enum: bool,
    },
    StatusRemoved {
        status: u16,
        had_enum: bool,
    },
    /// `.stream()` of a cursor-paged list.
    Paged {
        now: bool,
    },
    TypeAdded,
    TypeRemoved,
    /// A struct became an enum, an alias a struct...
    TypeKind {
        from: &'static str,
        to: &'static str,
    },
    FieldAdded {
        /// `new` takes it.
        needed: bool,
    },
    FieldRemoved,
    /// Whether the Rust field is an `Option` because the value may be absent, and whether
    /// `new` takes it, changed.
    FieldRequired {
        now: bool,
    },
    /// The type of a field, parameter, input, union variant, alias, or what `send` returns.
    Type {
        from: String,
        to: String,
    },
    Nullable {
        now: bool,
    },
    ValueAdded {
        value: String,
    },
    ValueRemoved {
        value: String,
    },
    /// A variant of a union (`oneOf`/`anyOf`).
    VariantAdded,
    VariantRemoved,
    /// The default the description documents; `filled` when the crate writes it into code
    /// (what an absent response field reads as, or an enum's `Default`).
    Default {
        from: Option<String>,
        to: Option<String>,
        filled: bool,
    },
    /// A limit checked before sending (`minimum`, `maxLength`...).
    Limit {
        name: &'static str,
        from: Option<String>,
        to: Option<String>,
        /// The new limit lets fewer values through.
        tighter: bool,
    },
    Deprecated {
        now: bool,
    },
    Doc,
    /// The credentials `Client::new` takes and how they are sent.
    Security {
        from: Credentials,
        to: Credentials,
    },
}

/// An operation as the description and the crate name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The operationId.
    pub id: String,
    /// `client.jobs().list()`.
    pub call: String,
}

/// The credentials of a client, as `Client::new` takes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    pub args: Vec<String>,
    pub sentence: String,
}

/// A difference found, classed.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub site: Site,
    pub kind: Kind,
    pub class: Class,
    /// One line naming the Rust item and what happens to code that uses it.
    pub reason: String,
}

/// Every difference between `before` and `after`, classed, sorted by group, then worst class
/// first, then item.
pub fn diff(before: &Api, after: &Api) -> Vec<Change> {
    let mut changes: Vec<Change> = compare::compare(before, after)
        .into_iter()
        .map(|(site, kind)| {
            let (class, reason) = rules::classify(&site, &kind, &rules::Shape::of(after));
            Change {
                site,
                kind,
                class,
                reason,
            }
        })
        .collect();
    changes.sort_by(|a, b| {
        (&a.site.group, std::cmp::Reverse(a.class), &a.site.item).cmp(&(
            &b.site.group,
            std::cmp::Reverse(b.class),
            &b.site.item,
        ))
    });
    changes
}

/// The worst class among `changes`, if there are any.
pub fn worst(changes: &[Change]) -> Option<Class> {
    changes.iter().map(|c| c.class).max()
}

/// The IR of the description at `schema`, with every pass run, or the errors that stop it,
/// rendered.
pub fn load_api(schema: &Path, target: &Target) -> Result<Api, String> {
    let doc = crate::load::load(schema).map_err(|d| d.render(false))?;
    crate::build_ir(&doc, target)
        .map(|built| built.api)
        .map_err(|d| d.render(false))
}
