//! The intermediate representation: what the client crate is made of, as plain data.
//!
//! Nothing here knows OpenAPI (that is `lower`'s job) or Rust syntax (that is `emit`'s job):
//! every name is kept twice, as it is on the wire and as the Rust identifier the naming pass
//! chose, and types refer to each other through [`TypeId`]s into one table, so a schema that is
//! used in ten places is described once.

use serde::Serialize;

/// A whole API: its types, its operations grouped into resources, and how to reach it.
#[derive(Debug, Clone, Serialize)]
pub struct Api {
    pub title: String,
    pub version: String,
    pub doc: Option<String>,
    /// The first server URL of the description, used as the client's default base URL.
    pub base_url: Option<String>,
    pub auth: Vec<Auth>,
    pub types: Vec<TypeDef>,
    pub resources: Vec<Resource>,
    /// The body that error responses share, when the description names one.
    pub error_body: Option<TypeRef>,
}

/// A name on the wire and the Rust identifier that stands for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Name {
    pub wire: String,
    pub rust: String,
}

impl Name {
    /// A name whose Rust form the naming pass has yet to choose.
    pub fn wire(wire: impl Into<String>) -> Self {
        Name {
            wire: wire.into(),
            rust: String::new(),
        }
    }
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
    pub deprecated: bool,
    pub kind: TypeKind,
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
    /// An `allOf` not merged yet; the `allof` pass turns every one into a [`Struct`].
    AllOf(AllOf),
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Struct {
    pub fields: Vec<Field>,
    /// The type of properties the description does not name, when it allows them.
    pub additional: Option<TypeRef>,
    /// Fields required only when another field has one of some values.
    pub conditions: Vec<Condition>,
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
    /// Set by the access pass: the value the constructor puts in the field and, for a field that
    /// may be absent, the value absence decodes to (so the field needs no `Option`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fill: Option<Literal>,
    pub constraints: Constraints,
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
        wire: String,
    },
    EmptyArray,
}

/// Limits a request value must respect before it is sent.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Constraints {
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
}

impl Constraints {
    pub fn is_empty(&self) -> bool {
        *self == Constraints::default()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Enum {
    pub repr: EnumRepr,
    /// `name.wire` is the value as the API writes it (an integer in decimal for integer enums).
    pub variants: Vec<EnumVariant>,
    /// The wire value of the description's `default`, if any.
    pub default: Option<String>,
    /// The Rust name of the variant that keeps values the description does not list.
    pub fallback: String,
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
    pub name: Name,
    /// What to name the variant after when it is not its value (a `title`, `x-enum-varnames`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub doc: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
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
    pub fallback: String,
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
    /// The Rust name of the handle type that the accessor returns.
    pub handle: String,
    pub operations: Vec<Operation>,
    pub children: Vec<Resource>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Operation {
    /// `wire` is the operationId; `rust` the method name on the resource.
    pub name: Name,
    /// The Rust name of the request builder type.
    pub builder: String,
    /// The Rust name of the enum of success bodies, used when several statuses succeed.
    pub output: String,
    pub summary: Option<String>,
    pub doc: Option<String>,
    pub deprecated: bool,
    pub method: HttpMethod,
    /// The path template as written, e.g. `/jobs/{jobId}`.
    pub path: String,
    pub segments: Vec<Segment>,
    pub params: Vec<Param>,
    pub body: Option<Body>,
    pub responses: Vec<Response>,
    /// Error responses with their own shape, most specific first; empty when every error has
    /// the shape that [`Api::error_body`] describes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ErrorResponse>,
    /// The Rust name of the enum of error bodies, when `errors` is not empty.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub error_enum: String,
    /// How to fetch the following pages, for list operations that page with a cursor.
    pub pagination: Option<Pagination>,
}

/// A cursor-paged list: the request parameter that takes the cursor, and the fields of the
/// (first success) response that hold the items and the next cursor.
#[derive(Debug, Clone, Serialize)]
pub struct Pagination {
    /// Index into [`Operation::params`].
    pub cursor_param: usize,
    /// Index into the response struct's fields.
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParamLocation {
    Path,
    Query,
    Header,
    Cookie,
}

/// The query spellings of OpenAPI's `style`; the others (`simple` for paths and headers,
/// `form` for cookies) are the only ones their places allow.
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
    pub fn get(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }

    /// Every operation, depth first in resource order.
    pub fn operations(&self) -> Vec<&Operation> {
        fn walk<'a>(r: &'a Resource, out: &mut Vec<&'a Operation>) {
            out.extend(r.operations.iter());
            r.children.iter().for_each(|c| walk(c, out));
        }
        let mut out = Vec::new();
        self.resources.iter().for_each(|r| walk(r, &mut out));
        out
    }
}
