//! How a request builder's fields become a request: parameters in their places, the body in
//! its encoding, the path segment by segment. What goes where was decided by the `inputs` pass.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::{name, type_tokens};
use crate::ir::*;

/// The type a builder keeps a parameter in.
pub(super) fn stored_type(api: &Api, p: &Param) -> TokenStream {
    let t = type_tokens(api, &p.ty);
    if p.required { t } else { quote!(Option<#t>) }
}

/// Statements adding one parameter to `request`, from `value` (a reference).
pub(super) fn add_param(p: &Param, value: TokenStream) -> TokenStream {
    let wire = &p.name.wire;
    match (&p.location, &p.encoding) {
        (_, Encoding::Path) => TokenStream::new(),
        (_, Encoding::List { explode, separator }) => {
            quote!(request.query_list(#wire, #value, #explode, #separator);)
        }
        (_, Encoding::Object(style)) => {
            let style = match style {
                ObjectStyle::Deep => quote!(crate::request::ObjectStyle::Deep),
                ObjectStyle::Exploded => quote!(crate::request::ObjectStyle::Exploded),
                ObjectStyle::Joined => quote!(crate::request::ObjectStyle::Joined),
            };
            quote!(request.query_object(#wire, #value, #style)?;)
        }
        (_, Encoding::Prefixed { .. }) | (ParamLocation::Path, Encoding::Styled { .. }) => {
            TokenStream::new()
        }
        (ParamLocation::Query, Encoding::Styled { explode, separator }) => {
            quote!(request.query_value(#wire, #value, #explode, #separator)?;)
        }
        (ParamLocation::Header, Encoding::Styled { explode, .. }) => {
            quote!(request.header_value(#wire, #value, #explode)?;)
        }
        (ParamLocation::Cookie, Encoding::Styled { explode, .. }) => {
            quote!(request.cookie_value(#wire, #value, #explode)?;)
        }
        (ParamLocation::Header, Encoding::Text) => quote!(request.header(#wire, #value);),
        (ParamLocation::Header, _) => quote!(request.header_json(#wire, #value)?;),
        (ParamLocation::Cookie, Encoding::Text) => quote!(request.cookie(#wire, #value);),
        (ParamLocation::Cookie, _) => quote!(request.cookie_json(#wire, #value)?;),
        (_, Encoding::Text) => quote!(request.query(#wire, #value);),
        (_, Encoding::Json) => quote!(request.query_json(#wire, #value)?;),
    }
}

/// How the builder keeps an input: the stored type, the argument type, and how the argument
/// becomes the stored value.
pub(super) struct Kept {
    pub(super) ty: TokenStream,
    pub(super) arg: TokenStream,
    pub(super) convert: Convert,
}

/// How an argument becomes the value a builder keeps.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Convert {
    AsIs,
    /// `.into()`.
    Into,
    /// Serialized into the body under construction.
    Json,
}

impl Convert {
    /// The stored value of argument `n`.
    pub(super) fn apply(self, n: &proc_macro2::Ident) -> TokenStream {
        match self {
            Convert::AsIs => quote!(#n),
            Convert::Into => quote!(#n.into()),
            Convert::Json => quote!(crate::body::JsonBody::of(#n)),
        }
    }
}

/// Text is taken as `impl Into<String>`, the rest as it is.
pub(super) fn kept(api: &Api, ty: &TypeRef) -> Kept {
    match ty {
        TypeRef::String => Kept {
            ty: quote!(String),
            arg: quote!(impl Into<String>),
            convert: Convert::Into,
        },
        t => {
            let t = type_tokens(api, t);
            Kept {
                ty: t.clone(),
                arg: t,
                convert: Convert::AsIs,
            }
        }
    }
}

/// How the builder keeps a body input.
pub(super) fn input_kept(api: &Api, input: &Input) -> Kept {
    match &input.kind {
        // A JSON or form body is taken as its type, even a string.
        InputKind::Json(t) | InputKind::Form(t) => {
            let t = type_tokens(api, t);
            Kept {
                ty: t.clone(),
                arg: t,
                convert: Convert::AsIs,
            }
        }
        InputKind::FreeJson => Kept {
            ty: quote!(crate::body::JsonBody),
            arg: quote!(impl ::serde::Serialize),
            convert: Convert::Json,
        },
        InputKind::Fields(f) => {
            let t = type_tokens(api, &TypeRef::Named(f.ty));
            Kept {
                ty: quote!(crate::body::JsonBody),
                arg: t,
                convert: Convert::Json,
            }
        }
        // A body of bytes is taken as anything that converts into them.
        InputKind::Bytes(_) => Kept {
            ty: quote!(Vec<u8>),
            arg: quote!(impl Into<Vec<u8>>),
            convert: Convert::Into,
        },
        InputKind::File => Kept {
            ty: quote!(crate::FilePart),
            arg: quote!(crate::FilePart),
            convert: Convert::AsIs,
        },
        InputKind::Text(t) | InputKind::PartJson(t) => kept(api, t),
    }
}

/// Whether the builder keeps an input as a body under construction, present from the start
/// (never an `Option`).
pub(super) fn under_construction(input: &Input) -> bool {
    matches!(input.kind, InputKind::FreeJson | InputKind::Fields(_))
}

/// Statements adding one input, given as a reference, to the request (or to `form`).
fn add_input(input: &Input, value: TokenStream) -> TokenStream {
    let wire = &input.name.wire;
    match &input.kind {
        InputKind::FreeJson => quote! {
            if let Some(value) = #value.value()? {
                request.json(value)?;
            }
        },
        // Built by `request()` before its checks, into the local `body`.
        InputKind::Fields(f) if f.always => {
            if f.form {
                quote!(request.form(&body)?;)
            } else {
                quote!(request.json(&body)?;)
            }
        }
        InputKind::Fields(f) => {
            let add = if f.form {
                quote!(request.form(body)?;)
            } else {
                quote!(request.json(body)?;)
            };
            quote!(if let Some(body) = &body { #add })
        }
        InputKind::Json(_) => quote!(request.json(#value)?;),
        InputKind::Form(_) => quote!(request.form(#value)?;),
        InputKind::Bytes(content_type) => {
            quote!(request.bytes(Clone::clone(#value), #content_type);)
        }
        InputKind::File => quote!(form.file(#wire, #value);),
        InputKind::Text(_) => quote!(form.text(#wire, #value);),
        InputKind::PartJson(_) => quote!(form.json(#wire, #value)?;),
    }
}

/// Statements building the request body from the builder's fields.
pub(super) fn body_statements(op: &Operation) -> TokenStream {
    let adds = op.inputs.iter().map(|input| {
        let n = name(&input.name);
        if input.required || under_construction(input) {
            add_input(input, quote!(&self.#n))
        } else {
            let add = add_input(input, quote!(value));
            quote!(if let Some(value) = &self.#n { #add })
        }
    });
    // A form without parts (a schema with no `properties`) is sent empty.
    let mutable = (!op.inputs.is_empty()).then(|| quote!(mut));
    match op.body.as_ref().map(|b| &b.payload) {
        Some(BodyPayload::Multipart { .. }) => quote! {
            let #mutable form = crate::multipart::Form::new();
            #(#adds)*
            request.multipart(form);
        },
        _ => quote!(#(#adds)*),
    }
}

pub(super) fn method_tokens(m: HttpMethod) -> TokenStream {
    match m {
        HttpMethod::Get => quote!(::reqwest::Method::GET),
        HttpMethod::Put => quote!(::reqwest::Method::PUT),
        HttpMethod::Post => quote!(::reqwest::Method::POST),
        HttpMethod::Delete => quote!(::reqwest::Method::DELETE),
        HttpMethod::Patch => quote!(::reqwest::Method::PATCH),
        HttpMethod::Head => quote!(::reqwest::Method::HEAD),
        HttpMethod::Options => quote!(::reqwest::Method::OPTIONS),
    }
}

/// The expression giving one path segment as a `String`.
pub(super) fn segment(op: &Operation, s: &Segment) -> TokenStream {
    match s {
        Segment::Literal(l) => quote!(String::from(#l)),
        Segment::Param(i) => {
            let p = &op.params[*i];
            let (n, wire) = (name(&p.name), &p.name.wire);
            match &p.encoding {
                Encoding::Styled { explode, .. } => {
                    quote!(crate::request::path_value(#wire, &self.#n, #explode)?)
                }
                Encoding::Prefixed { matrix, explode } => {
                    quote!(crate::request::path_prefixed(#wire, &self.#n, #matrix, #explode)?)
                }
                _ => quote!(crate::request::path_param(#wire, &self.#n)?),
            }
        }
        Segment::Mixed(pieces) => {
            let pieces = pieces.iter().map(|p| segment(op, p));
            quote!([#(#pieces),*].concat())
        }
    }
}
