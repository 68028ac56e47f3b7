//! The intermediate representation: what the client crate is made of, as plain data.
//!
//! Nothing here knows OpenAPI (that is `lower`'s job) or Rust syntax (that is `emit`'s job):
//! every name is kept twice, as it is on the wire and as the Rust identifier the naming pass
//! chose, and types refer to each other through [`TypeId`]s into one table, so a schema that is
//! used in ten places is described once.

mod model_inputs;

use serde::Serialize;

pub use crate::names::Ident;
pub use model_inputs::{
    InputCondition, InputLimits, InputOptions, InputType, ModelInput, ModelInputs,
};

/// A whole API: its types, its operations grouped into resources, and how to reach it.
#[derive(Debug, Clone, Serialize)]
pub struct Api {
    pub title: String,
    pub version: String,
    /// `info.summary`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    pub doc: Option<String>,
    /// The crate's one-line description (the `package` pass).
    pub crate_description: String,
    /// The first server URL of the description, used as the client's default base URL.
    pub base_url: Option<String>,
    pub auth: Vec<Auth>,
    pub types: Vec<TypeDef>,
    pub resources: Vec<Resource>,
    /// The body that error responses share, when the description names one (the `errors`
    /// pass chooses it).
    pub error_body: Option<TypeRef>,
    /// `allOf` schemas as lowered, each waiting to become the struct of its type: the `allof`
    /// pass merges them and leaves this empty, so no later stage meets an unmerged type.
    pub merges: Vec<(TypeId, AllOf)>,
    /// How the client is given its credentials (the `credentials` pass).
    pub credentials: Credentials,
    /// The model that jobs are, for APIs whose target waits on jobs (the `credentials` pass
    /// resolves the target's name for it).
    pub job_model: Option<TypeId>,
    /// What the crate needs beyond its types and operations (the `usage` pass).
    pub needs: Needs,
    /// The modules of `models` by topic, in name order (the `files` pass); types whose
    /// [`TypeDef::file`] is `None` are in `models` itself.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub model_files: Vec<ModelFile>,
    /// The typed inputs of the models whose records the target brings, in model id order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub model_inputs: Vec<ModelInputs>,
}

/// A part of the runtime that only some crates have: in `templates/runtime/`, the lines between
/// `// part: NAME` and `// end of part: NAME`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RuntimePart {
    /// `Error::Job`, whose error type the target's extension defines.
    Jobs,
}

impl RuntimePart {
    pub const ALL: [RuntimePart; 1] = [RuntimePart::Jobs];

    /// The name its markers carry.
    pub fn name(self) -> &'static str {
        match self {
            RuntimePart::Jobs => "jobs",
        }
    }
}

/// A module of `models` that holds the types of one topic.
#[derive(Debug, Clone, Serialize)]
pub struct ModelFile {
    pub name: Ident,
    /// Its types refer to types of other modules, which it imports from `models`.
    pub imports: bool,
}

/// Crate-wide facts that decide optional parts of the crate root.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Needs {
    /// A multipart body has a file part: `FilePart` is exported.
    pub file_parts: bool,
    /// A type, field or variant is deprecated: `models` allows using them.
    pub deprecated_models: bool,
    /// The names of the standard prelude that a schema type takes (`String`, `Option`...):
    /// models write those by full path, the others bare (the `files` pass).
    #[serde(skip_serializing_if = "std::collections::BTreeSet::is_empty")]
    pub shadowed_prelude: std::collections::BTreeSet<String>,
}

/// The credentials of `Client::new` and `Client::from_env`, from the first security scheme.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Credentials {
    /// Each argument of `Client::new`, in order.
    pub list: Vec<Credential>,
    /// How the credentials are sent, for the README and `Client::new`'s documentation.
    pub sentence: String,
    /// The `ClientBuilder` method that takes them, after `fixed_arg` (the header of an API
    /// key); `None` without credentials.
    pub method: Option<String>,
    pub fixed_arg: Option<String>,
    /// The environment variable of the base URL, e.g. `SCENARIO_SDK_BASE_URL`.
    pub env_base_url: String,
}

/// One credential: the argument of `Client::new` and the environment variable it comes from.
#[derive(Debug, Clone, Serialize)]
pub struct Credential {
    pub arg: String,
    /// The constant naming the variable, e.g. `ENV_API_KEY`.
    pub constant: String,
    /// The variable, e.g. `SCENARIO_SDK_API_KEY`.
    pub variable: String,
    pub doc: String,
}

/// A name on the wire and the Rust identifier that stands for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Name {
    pub wire: String,
    /// `None` until the naming pass chooses it.
    pub rust: Option<Ident>,
}

impl Name {
    /// A name whose Rust form the naming pass has yet to choose.
    pub fn wire(wire: impl Into<String>) -> Self {
        Name {
            wire: wire.into(),
            rust: None,
        }
    }

    /// The Rust identifier, for the stages after the naming pass.
    pub fn ident(&self) -> &Ident {
        named(&self.rust)
    }
}

/// A name the naming pass has chosen; asking before it runs is a bug in the generator.
pub fn named(name: &Option<Ident>) -> &Ident {
    name.as_ref()
        .expect("bug in the generator: a name was read before the naming pass chose it")
}

/// How the client proves who it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Auth {
    /// HTTP Basic: a user name and a password (for Scenario, the API key and secret).
    Basic {
        scheme: String,
    },
    Bearer {
        scheme: String,
    },
    ApiKeyHeader {
        scheme: String,
        header: String,
    },
}

/// An index into [`Api::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct TypeId(pub usize);

/// One named type of the generated crate.
#[derive(Debug, Clone, Serialize)]
pub struct TypeDef {
    pub name: Name,
    pub doc: Option<String>,
    /// JSON pointer of the schema this type was lowered from.
    pub source: String,
    /// The file the schema is written in, relative to the description's folder and
    /// `/`-separated (`components/job.yaml`); `None` for the description's own file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// The module of `models` the type is written in (the `files` pass); `None` for the
    /// `models` module itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<Ident>,
    pub deprecated: bool,
    /// What `#[deprecated]` says, when the description says why or what to use instead (the
    /// `deprecation` pass).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deprecated_note: Option<String>,
    pub kind: TypeKind,
    /// Where values of the type travel (the `usage` pass).
    pub usage: Usage,
    /// Whether values can be compared with `Eq` and hashed: no floats and no JSON values inside
    /// (the `usage` pass).
    pub eq: bool,
    /// `#[non_exhaustive]`: what the API may add to it must not break callers (the
    /// `stability` pass).
    pub non_exhaustive: bool,
}

/// Where values of a type travel, found by one walk of the type graph.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Usage {
    /// A request body may hold it.
    pub sent: bool,
    /// A response (success or error) may hold it.
    pub received: bool,
    /// A struct reached by request checks that holds a check, itself or in a field: it gets a
    /// `validate` method.
    pub validated: bool,
    /// Some operation's parameters, body or responses may hold it; the crate leaves out the
    /// types nothing uses.
    pub used: bool,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TypeKind {
    Struct(Struct),
    /// A string enumeration, always open: values the description does not list are kept.
    Enum(Enum),
    /// A value that may take one of several shapes, told apart by a tag or tried in order.
    Union(Union),
    /// A named schema that is only another type (an open object, an array...).
    Alias(TypeRef),
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Struct {
    pub fields: Vec<Field>,
    /// The type of properties the description does not name, when it allows them.
    pub additional: Option<TypeRef>,
    /// Fields required only when another field has one of some values.
    pub conditions: Vec<Condition>,
    /// The conditions `validate` checks (the `usage` pass).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub checked: Vec<CheckedCondition>,
    /// The name of the field that keeps `additional` properties (the naming pass).
    pub additional_field: Option<Ident>,
    /// The serde `rename_all` rule that spells every field's wire name, when one does (the
    /// naming pass); fields are renamed one by one otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rename_all: Option<&'static str>,
    /// How values are made (the `usage` pass).
    pub construct: Construct,
}

/// How a struct's values are made.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Construct {
    /// Every field starts empty: `Default` is derived.
    #[default]
    DeriveDefault,
    /// No field is required but some start filled (constants, defaults): `Default` is written.
    WriteDefault,
    /// `new` takes the required fields without a fixed value; `Default` calls it when that
    /// leaves none.
    New,
    /// Values only come from responses, and some field is required: no constructor (a new
    /// required field would change its arguments, and callers have no use for it).
    Decoded,
}

/// A [`Condition`] the generated `validate` can check, by field index (the `usage` pass keeps
/// those whose deciding field is text and not nullable, and the required fields that are
/// optional).
#[derive(Debug, Clone, Serialize)]
pub struct CheckedCondition {
    pub field: usize,
    pub values: Vec<String>,
    pub required: Vec<usize>,
}

/// `if <field> is one of <values> then <required> must be set`, checked before sending.
#[derive(Debug, Clone, Serialize)]
pub struct Condition {
    /// The wire name of the field whose value decides.
    pub field: String,
    pub values: Vec<String>,
    /// Wire names of the fields then required.
    pub required: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Field {
    pub name: Name,
    pub doc: Option<String>,
    pub ty: TypeRef,
    pub required: bool,
    /// The value may be `null` on the wire.
    pub nullable: bool,
    /// Set by the cycle pass where the field closes a cycle of direct containment.
    pub boxed: bool,
    pub deprecated: bool,
    /// What `#[deprecated]` says (the `deprecation` pass).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deprecated_note: Option<String>,
    pub default: Option<serde_json::Value>,
    // The snapshots of the IR leave out what is the usual case for these.
    /// The only value the schema allows (`const`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub constant: Option<serde_json::Value>,
    /// The `format` the schema names, for the documentation of formats kept as strings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    #[serde(skip_serializing_if = "Access::is_read_write")]
    pub access: Access,
    /// Set by the access pass: the field is read-only and its struct goes into requests, so it
    /// is never sent.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub omit_on_send: bool,
    /// Set by the access pass: the field is write-only and required, and its struct comes back
    /// in responses too, so it is optional there but the constructor still asks for it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub required_to_send: bool,
    /// Set by the `roundtrip` pass: the value holds numbers read into floats, written back as
    /// integers when they are integral.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub integral_numbers: bool,
    /// Set by the access pass: the value the constructor puts in the field and, for a field that
    /// may be absent, the value absence decodes to (so the field needs no `Option`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fill: Option<Literal>,
    pub constraints: Constraints,
    /// The chainable setter of an optional field of a struct that requests carry (the
    /// `construct` pass; named by the naming pass).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub setter: Option<Setter>,
    /// Set by the naming pass: the struct's `rename_all` rule does not spell the wire name of
    /// this field, which serde renames alone.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub renamed: bool,
}

impl Field {
    /// Whether the Rust field is an `Option` because the value may be absent.
    pub fn optional(&self) -> bool {
        !self.required && self.fill.is_none()
    }
}

/// Which direction a field travels in (`readOnly` / `writeOnly`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Access {
    #[default]
    ReadWrite,
    /// Only in responses.
    ReadOnly,
    /// Only in requests.
    WriteOnly,
}

impl Access {
    fn is_read_write(&self) -> bool {
        *self == Access::ReadWrite
    }
}

/// A value known at generation time that the generated code writes out.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Literal {
    String(String),
    Integer(i64),
    Number(f64),
    Boolean(bool),
    /// A variant of an enum type, by index into its variants; `None` for a value the enum does
    /// not list (kept in its fallback variant).
    Variant {
        ty: TypeId,
        index: Option<usize>,
        value: EnumValue,
    },
    EmptyArray,
}

/// Limits a request value must respect before it is sent.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Constraints {
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    /// The minimum itself is refused (`exclusiveMinimum`, as a number in 3.1 or beside
    /// `minimum` as `true` in 3.0 and Swagger 2.0).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub exclusive_minimum: bool,
    /// The maximum itself is refused (`exclusiveMaximum`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub exclusive_maximum: bool,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
}

impl Constraints {
    pub fn is_empty(&self) -> bool {
        *self == Constraints::default()
    }

    /// Whether any of these limits applies to a value of that kind: a `maxLength` beside
    /// `type: integer` checks nothing, and must not make a struct need a `validate` method.
    pub fn check(&self, limited: Option<Limited>) -> bool {
        match limited {
            Some(Limited::Range) => self.minimum.is_some() || self.maximum.is_some(),
            Some(Limited::Characters) => self.min_length.is_some() || self.max_length.is_some(),
            Some(Limited::Items) => self.min_items.is_some() || self.max_items.is_some(),
            None => false,
        }
    }
}

/// What the limits of a value can measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limited {
    /// A number, against `minimum` and `maximum`.
    Range,
    /// Text, its characters counted.
    Characters,
    /// A list, its items counted.
    Items,
}

#[derive(Debug, Clone, Serialize)]
pub struct Enum {
    pub repr: EnumRepr,
    pub variants: Vec<EnumVariant>,
    /// The variant the description names as `default`, if it lists it.
    pub default: Option<usize>,
    /// The Rust name of the variant that keeps values the description does not list.
    pub fallback: Option<Ident>,
}

/// A value of an enumeration as the API writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum EnumValue {
    String(String),
    Integer(i64),
}

/// What the values of an enum are on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EnumRepr {
    String,
    Integer,
}

#[derive(Debug, Clone, Serialize)]
pub struct EnumVariant {
    /// `wire` is the value in text (an integer in decimal), which names the variant.
    pub name: Name,
    pub value: EnumValue,
    /// What to name the variant after when it is not its value (a `title`, `x-enum-varnames`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub doc: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
    /// What `#[deprecated]` says (the `deprecation` pass).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deprecated_note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Union {
    /// In the order decoding tries them (see the `unions` pass).
    pub variants: Vec<UnionVariant>,
    /// The `discriminator` of the description, as lowered.
    pub discriminator: Option<Discriminator>,
    /// Set by the `unions` pass when a property tells the variants apart: its wire name.
    pub tag: Option<String>,
    /// The Rust name of the variant that keeps a value whose tag no variant has (tagged only).
    pub fallback: Option<Ident>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Discriminator {
    pub property: String,
    /// Explicit `mapping`: tag value -> type.
    pub mapping: Vec<(String, TypeId)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct UnionVariant {
    pub name: Name,
    pub ty: TypeRef,
    /// The tag values that select this variant (tagged unions; the first is written).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// The variant's type declares the tag property (the `unions` pass); when it does not,
    /// the tag is taken off before decoding it, and added back when encoding.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub declares_tag: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct AllOf {
    /// Named types whose fields are merged in, in order.
    pub parts: Vec<TypeId>,
    /// The fields written in the `allOf` members themselves.
    pub own: Struct,
    /// Names that a member lists as required without declaring the property.
    pub required: Vec<String>,
}

/// A use of a type.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "of", rename_all = "snake_case")]
pub enum TypeRef {
    Named(TypeId),
    String,
    Integer(IntegerFormat),
    Number(NumberFormat),
    Boolean,
    /// A `byte` string: base64 on the wire, bytes in Rust.
    Bytes,
    /// A value that may also be `null`, where no field's `Option` can say so (array items,
    /// map values).
    Nullable(Box<TypeRef>),
    Array(Box<TypeRef>),
    /// A JSON object with arbitrary keys.
    Map(Box<TypeRef>),
    /// Any JSON value.
    Any,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IntegerFormat {
    Int32,
    Int64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberFormat {
    Float,
    Double,
}

/// A group of operations, as the official SDKs group them (`client.models().examples()`).
#[derive(Debug, Clone, Serialize)]
pub struct Resource {
    /// `rust` is the accessor method and the module name.
    pub name: Name,
    /// What the resource is for: the description of the tag of its first operation (top-level
    /// resources only).
    pub doc: Option<String>,
    /// The Rust name of the handle type that the accessor returns.
    pub handle: Option<Ident>,
    pub operations: Vec<Operation>,
    pub children: Vec<Resource>,
}

impl Resource {
    /// Its operations and those of the resources nested in it.
    pub fn all_operations(&self) -> Vec<&Operation> {
        let mut out: Vec<&Operation> = self.operations.iter().collect();
        self.children
            .iter()
            .for_each(|c| out.extend(c.all_operations()));
        out
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Operation {
    /// `wire` is the operationId; `rust` the method name on the resource.
    pub name: Name,
    /// The method name the description asks for (`x-method`, else the snake-cased
    /// operationId), before the naming pass makes it legal and unique.
    pub wanted: String,
    /// The Rust name of the request builder type.
    pub builder: Option<Ident>,
    /// The Rust name of the enum of success bodies, when several statuses succeed.
    pub output: Option<Ident>,
    pub summary: Option<String>,
    pub doc: Option<String>,
    pub deprecated: bool,
    /// What its `#[deprecated]` says (the deprecation pass).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deprecated_note: Option<String>,
    /// Its enums of bodies by status (`send_any`'s, the documented errors') are
    /// `#[non_exhaustive]`, so that a status the API documents later breaks no `match` (the
    /// stability pass).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub status_enums_non_exhaustive: bool,
    /// The module of its resource's folder its builder is written in, when the resource's
    /// builders have files of their own (the files pass): `resources/generate/prompt.rs`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub module: Option<Ident>,
    pub method: HttpMethod,
    /// The path template as written, e.g. `/jobs/{jobId}`.
    pub path: String,
    pub segments: Vec<Segment>,
    pub params: Vec<Param>,
    pub body: Option<Body>,
    /// What the builder keeps of the body: the body whole, or each part of a multipart body
    /// (the `inputs` pass).
    pub inputs: Vec<Input>,
    pub responses: Vec<Response>,
    /// The success statuses `send` decodes: the first documented one and every other with the
    /// same body (the `inputs` pass); `send_any` is there for the others.
    pub send_statuses: Vec<u16>,
    /// Error responses with their own shape, most specific first; empty when every error has
    /// the shape that [`Api::error_body`] describes (the `errors` pass).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ErrorResponse>,
    /// The Rust name of the enum of error bodies, when `errors` is not empty.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_enum: Option<Ident>,
    /// How to fetch the following pages, for list operations that page with a cursor.
    pub pagination: Option<Pagination>,
}

impl Operation {
    /// Whether anything but the path goes into the request (its builder then needs `mut`).
    pub fn adds_to_request(&self) -> bool {
        self.body.is_some()
            || self
                .params
                .iter()
                .any(|p| p.location != ParamLocation::Path)
    }
}

/// A cursor-paged list: the request parameter that takes the cursor, and the fields of the
/// (first success) response that hold the items and the next cursor.
#[derive(Debug, Clone, Serialize)]
pub struct Pagination {
    /// Index into [`Operation::params`].
    pub cursor_param: usize,
    /// The struct of a page.
    pub page: TypeId,
    /// Index into the page struct's fields.
    pub items_field: usize,
    pub next_cursor_field: usize,
    pub item: TypeRef,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum HttpMethod {
    Get,
    Put,
    Post,
    Delete,
    Patch,
    Head,
    Options,
}

impl HttpMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Put => "PUT",
            HttpMethod::Post => "POST",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Head => "HEAD",
            HttpMethod::Options => "OPTIONS",
        }
    }
}

/// One `/`-separated piece of a path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Segment {
    Literal(String),
    /// The index of the path parameter in [`Operation::params`].
    Param(usize),
    /// Text and parameters in one segment, such as `{name}.{extension}`.
    Mixed(Vec<Segment>),
}

#[derive(Debug, Clone, Serialize)]
pub struct Param {
    pub name: Name,
    pub location: ParamLocation,
    pub doc: Option<String>,
    pub ty: TypeRef,
    pub required: bool,
    /// How an array or object value is spelled in the query.
    pub style: ParamStyle,
    /// For arrays and objects in the query: one pair per item or property rather than one list.
    pub explode: bool,
    pub deprecated: bool,
    pub constraints: Constraints,
    /// How the value is written in its place (the `inputs` pass).
    pub encoding: Encoding,
}

/// How a parameter's value is written into the request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Encoding {
    /// In the path, as text.
    Path,
    /// As text (`Display`), in the query, a header or a cookie.
    Text,
    /// A list in the query: one pair per item (`explode`) or the items joined by `separator`.
    List { explode: bool, separator: String },
    /// An object in the query, in one of the object styles.
    Object(ObjectStyle),
    /// A value whose shape shows only once it is serialized (a union, any JSON, a list or an
    /// object outside the query's own spellings): written from its JSON form in the style of its
    /// place, `simple` in the path and headers (`a,b`; `k,v` or `k=v` exploded), `form` in the
    /// query and cookies (a list as one pair per item when exploded, else joined by `separator`).
    Styled { explode: bool, separator: String },
    /// In the path, in the `label` (`.a`) or `matrix` (`;name=a`) style, from its JSON form.
    Prefixed { matrix: bool, explode: bool },
    /// A parameter described by `content: application/json`: its JSON text.
    Json,
}

/// The query spellings of an object value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ObjectStyle {
    /// `name[key]=value`.
    Deep,
    /// `key=value` for each property.
    Exploded,
    /// `name=key,value,key,value`.
    Joined,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParamLocation {
    Path,
    Query,
    Header,
    Cookie,
}

/// The spellings of OpenAPI's `style` beside the defaults (`simple` for paths and headers,
/// `form` for the query and cookies).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParamStyle {
    /// `name=a,b` (or `name=a&name=b` exploded); an object exploded is `key=value` pairs.
    Form,
    /// `name=a%20b`.
    SpaceDelimited,
    /// `name=a|b`.
    PipeDelimited,
    /// `name[key]=value` for each property of an object.
    DeepObject,
    /// Described by `content` rather than `schema`: the value as JSON text.
    Json,
    /// A path parameter as `.a` (`.a.b` or `.a,b` for a list).
    Label,
    /// A path parameter as `;name=a` (`;name=a;name=b` or `;name=a,b` for a list).
    Matrix,
}

#[derive(Debug, Clone, Serialize)]
pub struct Body {
    pub payload: BodyPayload,
    pub required: bool,
    pub doc: Option<String>,
}

/// What a request body holds and how it is encoded.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BodyPayload {
    Json {
        ty: TypeRef,
    },
    /// `application/x-www-form-urlencoded`: the properties of an object as `key=value` pairs.
    Form {
        ty: TypeRef,
    },
    /// `multipart/form-data`: one part per property, each set on the request builder.
    Multipart {
        parts: Vec<Part>,
    },
    /// Any other media type: bytes sent as they are, with this content type.
    Bytes {
        content_type: String,
    },
}

impl BodyPayload {
    /// The type of a JSON or form body.
    pub fn ty(&self) -> Option<&TypeRef> {
        match self {
            BodyPayload::Json { ty } | BodyPayload::Form { ty } => Some(ty),
            BodyPayload::Multipart { .. } | BodyPayload::Bytes { .. } => None,
        }
    }
}

/// A value the request body is made of, kept on the builder: the body itself, or one part of a
/// multipart body.
#[derive(Debug, Clone, Serialize)]
pub struct Input {
    /// `body` for a whole body; the part's name for a part.
    pub name: Name,
    pub doc: Option<String>,
    pub required: bool,
    pub kind: InputKind,
}

/// What an [`Input`] holds and how it joins the request.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "of", rename_all = "snake_case")]
pub enum InputKind {
    /// The body, as JSON.
    Json(TypeRef),
    /// The body, as form pairs.
    Form(TypeRef),
    /// The body, as bytes of this content type.
    Bytes(String),
    /// A file part.
    File,
    /// A part written as text (`Display`).
    Text(TypeRef),
    /// A part written as JSON.
    PartJson(TypeRef),
    /// A JSON body of no particular shape (a free-form object): whatever the caller
    /// serializes, so that `serde_json::json!({..})` will do.
    FreeJson,
    /// A JSON or form body whose fields are set one by one on the builder, or replaced whole
    /// with `.body(value)`.
    Fields(BodyFields),
}

/// How a struct body is built on its operation's builder: one setter per field it sends, the
/// required ones checked before the request is sent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BodyFields {
    /// The struct the fields make up once they are checked.
    pub ty: TypeId,
    /// Sent as form pairs rather than JSON.
    pub form: bool,
    /// The body is required: it is sent (as far as it is set) even when no setter was called.
    pub always: bool,
    pub setters: Vec<Setter>,
    /// Required fields with a fixed value (a constant), set before any setter runs, as the
    /// struct's constructor sets them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub prefilled: Vec<(String, Literal)>,
}

/// A setter of one field: of a body, on an operation's builder, or of a struct that requests
/// carry, chained on the value (`Request::new(..).seed(3)`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Setter {
    /// `wire` is the field's wire name; `rust` the setter's (the naming pass).
    pub name: Name,
    pub doc: Option<String>,
    /// The request is refused, naming the setter, until it is called (or a whole body given).
    pub required: bool,
    /// The value the setter takes (for `Items`, of each item).
    pub ty: TypeRef,
    pub arg: SetterArg,
    /// The setter's name is one clippy expects to be a standard trait's method (`add`): it
    /// stays, as the API's field is named so, and the lint is allowed (the naming pass).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub trait_like: bool,
    /// The field is deprecated: what the setter's `#[deprecated]` says (the deprecation pass).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deprecated_note: Option<String>,
}

/// How a setter takes its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SetterArg {
    /// As the type it is.
    AsIs,
    /// Anything that converts into it (`impl Into<String>` for text).
    Into,
    /// A list from any iterator of items, each converted with `Into` when `into`.
    Items { into: bool },
    /// Anything serializable, for a value of no particular shape.
    Serialize,
}

/// One part of a multipart body.
#[derive(Debug, Clone, Serialize)]
pub struct Part {
    pub name: Name,
    pub doc: Option<String>,
    /// `None` for a file (binary content); a value otherwise, sent as text or JSON.
    pub ty: Option<TypeRef>,
    pub required: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Response {
    pub status: u16,
    /// `rust` names the variant of the operation's output enum when several statuses succeed.
    pub name: Name,
    pub doc: Option<String>,
    pub payload: Payload,
}

impl Response {
    /// The type of a JSON response body.
    pub fn ty(&self) -> Option<&TypeRef> {
        self.payload.ty()
    }
}

impl Payload {
    pub fn ty(&self) -> Option<&TypeRef> {
        match self {
            Payload::Json(t) => Some(t),
            _ => None,
        }
    }
}

/// What a response body holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "of", rename_all = "snake_case")]
pub enum Payload {
    /// No body (or one the description does not describe).
    Empty,
    Json(TypeRef),
    /// `text/*`: the body as a string.
    Text,
    /// Any other media type: the body's bytes.
    Bytes,
}

/// A documented error response of one operation.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorResponse {
    pub statuses: StatusMatch,
    /// `rust` names the variant of the operation's error enum.
    pub name: Name,
    pub doc: Option<String>,
    pub payload: Payload,
}

/// Which statuses an error response covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "of", rename_all = "snake_case")]
pub enum StatusMatch {
    Exact(u16),
    /// `4XX` is `Range(4)`.
    Range(u16),
    /// `default`: every error status not listed.
    Default,
}

impl Api {
    /// The parts of the runtime this crate has beyond the core every crate has: the job errors
    /// come with the job model of an API whose target waits on jobs (the `client` pass).
    pub fn runtime_parts(&self) -> Vec<RuntimePart> {
        self.job_model
            .map(|_| RuntimePart::Jobs)
            .into_iter()
            .collect()
    }

    pub fn get(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }

    /// What limits can measure of a value of `ty`, through aliases (a named `Size = i32` is a
    /// number).
    pub fn limited(&self, ty: &TypeRef) -> Option<Limited> {
        let mut ty = ty;
        // Bounded: aliases of aliases are few, and a loop of them must not hang.
        for _ in 0..64 {
            match ty {
                TypeRef::Integer(_) | TypeRef::Number(_) => return Some(Limited::Range),
                TypeRef::String => return Some(Limited::Characters),
                TypeRef::Array(_) => return Some(Limited::Items),
                TypeRef::Named(id) => match &self.get(*id).kind {
                    TypeKind::Alias(t) => ty = t,
                    _ => return None,
                },
                _ => return None,
            }
        }
        None
    }

    /// Every operation, depth first in resource order.
    pub fn operations(&self) -> Vec<&Operation> {
        self.resources
            .iter()
            .flat_map(Resource::all_operations)
            .collect()
    }

    /// Calls `f` on every operation, in the order of [`Api::operations`].
    pub fn each_operation_mut(&mut self, mut f: impl FnMut(&mut Operation)) {
        fn walk(r: &mut Resource, f: &mut dyn FnMut(&mut Operation)) {
            r.operations.iter_mut().for_each(&mut *f);
            r.children.iter_mut().for_each(|c| walk(c, f));
        }
        self.resources.iter_mut().for_each(|r| walk(r, &mut f));
    }

    /// Calls `f` on every operation, in the order of [`Api::operations`], with the types to
    /// read beside it: a pass that writes operations from their types needs no copy of the types.
    pub fn each_operation_with_types(&mut self, mut f: impl FnMut(&[TypeDef], &mut Operation)) {
        fn walk(
            r: &mut Resource,
            types: &[TypeDef],
            f: &mut dyn FnMut(&[TypeDef], &mut Operation),
        ) {
            r.operations.iter_mut().for_each(|op| f(types, op));
            r.children.iter_mut().for_each(|c| walk(c, types, f));
        }
        let types = &self.types;
        self.resources
            .iter_mut()
            .for_each(|r| walk(r, types, &mut f));
    }

    /// The struct of a type the passes made sure is one.
    pub fn struct_of(&self, id: TypeId) -> &Struct {
        match &self.get(id).kind {
            TypeKind::Struct(s) => s,
            _ => panic!(
                "bug in the generator: `{}` is not a struct",
                self.get(id).name.wire
            ),
        }
    }
}
