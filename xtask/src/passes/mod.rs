//! Stage 5: rewrite the IR until it says exactly what to emit. Each pass is a function of the
//! whole API that decides one thing and writes it into the IR; emit only reads the decisions.
//! [`PASSES`] lists them in the order [`run`] runs them: structure first, then where types
//! travel and what they can do, then boxes, requests, pages and names, then the client's set-up.

mod access;
mod allof;
mod client;
mod construct;
mod cycles;
mod deprecation;
mod errors;
mod files;
pub(crate) mod graph;
pub(crate) mod inputs;
mod naming;
mod package;
mod pagination;
mod roundtrip;
mod shapes;
mod stability;
mod unions;
mod usage;

use crate::ir::Api;
use crate::target::Target;

/// A decision the description does not allow: where (a JSON pointer) and why.
#[derive(Debug)]
pub struct Problem {
    pub pointer: String,
    pub message: String,
}

/// The passes, in order, each with what it decides (the README lists the same).
pub const PASSES: &[(&str, &str)] = &[
    ("allof", "merges every `allOf` into one struct"),
    (
        "shapes",
        "makes the inline schemas of one shape one type, named by what their names share",
    ),
    (
        "errors",
        "chooses the error body all operations share; keeps an operation's own errors only when they differ",
    ),
    (
        "unions",
        "tells union variants apart by a tag property, or orders them most specific first",
    ),
    (
        "usage",
        "finds where each type travels (sent, received, validated), which types are `Eq`, and what the crate needs",
    ),
    (
        "roundtrip",
        "keeps the unknown properties of response structs and writes integral numbers as integers",
    ),
    (
        "access",
        "applies `readOnly`/`writeOnly`, constants and defaults to each field",
    ),
    (
        "construct",
        "chooses `Default` or `new` for each struct and the conditions its `validate` checks",
    ),
    (
        "stability",
        "marks `#[non_exhaustive]` the enums, unions and response-only structs, which the API may extend",
    ),
    (
        "cycles",
        "boxes the fields that close a cycle of inline structs",
    ),
    (
        "inputs",
        "chooses how each parameter is written, what the builder keeps of the body (a setter per field of a struct body, which of them are required), the statuses `send` decodes, and a chained setter per optional field of the structs requests carry inside others",
    ),
    ("pagination", "finds the cursor-paged lists"),
    ("naming", "chooses every Rust name"),
    (
        "deprecation",
        "words the note of each deprecated type, field and value from its description",
    ),
    (
        "files",
        "puts each type in the file of `models` named for the topic of the file its schema came from (or, in a big description of one file, for the resource whose operations use it, then for the first word of its name), and each builder of a resource of more than 12 operations in a file of its own",
    ),
    (
        "client",
        "names the credentials and their environment variables, finds the job model, and so which parts of the runtime the crate has",
    ),
    (
        "package",
        "words the crate's description from the API's `info`",
    ),
];

pub fn run(api: &mut Api, target: &Target) -> Result<(), Problem> {
    allof::merge(api);
    shapes::share(api);
    errors::share(api);
    unions::tag_or_order(api);
    usage::apply(api);
    roundtrip::keep_everything(api);
    access::apply(api);
    construct::apply(api);
    stability::decide(api);
    cycles::break_cycles(api);
    inputs::plan(api);
    pagination::detect(api);
    naming::assign(api);
    deprecation::explain(api);
    files::assign(api);
    client::set_up(api, target)?;
    package::describe(api);
    Ok(())
}
