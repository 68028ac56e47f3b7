//! How a request builder's fields become a request: parameters in their places, the body in
//! its encoding, the path segment by segment.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::{ident, type_tokens};
use crate::ir::*;

/// The type a builder keeps a parameter in.
pub(super) fn stored_type(api: &Api, p: &Param) -> TokenStream {
    let t = type_tokens(api, &p.ty);
    if p.required {
        t
    } else {
        quote!(::std::option::Option<#t>)
    }
}

/// Whether a value of the type can go into a URL with `Display` (rather than as JSON text).
pub(super) fn displayable(api: &Api, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::String
        | TypeRef::Integer(_)
        | TypeRef::Number(_)
        | TypeRef::Boolean
        | TypeRef::Bytes => true,
        TypeRef::Named(id) => match &api.get(*id).kind {
            TypeKind::Enum(_) => true,
            TypeKind::Alias(t) => displayable(api, t),
            _ => false,
        },
        _ => false,
    }
}

/// Statements adding one parameter to `request`, from `value` (a reference).
pub(super) fn add_param(api: &Api, p: &Param, value: TokenStream) -> TokenStream {
    let wire = &p.name.wire;
    match (&p.location, &p.ty) {
        (ParamLocation::Query, TypeRef::Array(item)) if displayable(api, item) => {
            let explode = p.explode;
            let separator = match p.style {
                ParamStyle::SpaceDelimited => " ",
                ParamStyle::PipeDelimited => "|",
                ParamStyle::Form | ParamStyle::DeepObject => ",",
            };
            quote!(request.query_list(#wire, #value, #explode, #separator);)
        }
        (ParamLocation::Query, ty) if displayable(api, ty) => quote!(request.query(#wire, #value);),
        (ParamLocation::Query, ty) if is_object(api, ty) => {
            let style = match (p.style, p.explode) {
                (ParamStyle::DeepObject, _) => quote!(crate::request::ObjectStyle::Deep),
                (_, true) => quote!(crate::request::ObjectStyle::Exploded),
                (_, false) => quote!(crate::request::ObjectStyle::Joined),
            };
            quote!(request.query_object(#wire, #value, #style)?;)
        }
        (ParamLocation::Query, _) => quote!(request.query_json(#wire, #value)?;),
        (ParamLocation::Header, ty) if displayable(api, ty) => {
            quote!(request.header(#wire, #value);)
        }
        (ParamLocation::Header, _) => quote!(request.header_json(#wire, #value)?;),
        (ParamLocation::Cookie, ty) if displayable(api, ty) => {
            quote!(request.cookie(#wire, #value);)
        }
        (ParamLocation::Cookie, _) => quote!(request.cookie_json(#wire, #value)?;),
        (ParamLocation::Path, _) => TokenStream::new(),
    }
}

/// Whether a value of the type is a JSON object with named members (a struct or a map).
fn is_object(api: &Api, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Map(_) => true,
        TypeRef::Named(id) => match &api.get(*id).kind {
            TypeKind::Struct(_) => true,
            TypeKind::Alias(t) => is_object(api, t),
            _ => false,
        },
        _ => false,
    }
}

/// A value the request body is made of, kept on the builder: the body itself, or one part of a
/// multipart body.
pub(super) struct BodyInput {
    pub(super) name: proc_macro2::Ident,
    pub(super) wire: String,
    pub(super) doc: Option<String>,
    pub(super) required: bool,
    /// The stored type.
    pub(super) ty: TokenStream,
    /// The argument type, and the expression that stores the argument.
    pub(super) arg: TokenStream,
    pub(super) store: TokenStream,
    /// Statements adding the value, given as a reference, to the request.
    pub(super) add: Box<dyn Fn(TokenStream) -> TokenStream>,
}

pub(super) fn body_inputs(api: &Api, op: &Operation) -> Vec<BodyInput> {
    let Some(body) = &op.body else {
        return Vec::new();
    };
    let body_input =
        |ty: TokenStream,
         arg: TokenStream,
         store: TokenStream,
         add: Box<dyn Fn(TokenStream) -> TokenStream>| BodyInput {
            name: ident("body"),
            wire: "body".into(),
            doc: body.doc.clone(),
            required: body.required,
            ty,
            arg,
            store,
            add,
        };
    match &body.payload {
        BodyPayload::Json { ty } => {
            let t = type_tokens(api, ty);
            vec![body_input(
                t.clone(),
                t,
                quote!(body),
                Box::new(|v| quote!(request.json(#v)?;)),
            )]
        }
        BodyPayload::Form { ty } => {
            let t = type_tokens(api, ty);
            vec![body_input(
                t.clone(),
                t,
                quote!(body),
                Box::new(|v| quote!(request.form(#v)?;)),
            )]
        }
        BodyPayload::Bytes { content_type } => vec![body_input(
            quote!(::std::vec::Vec<u8>),
            quote!(impl ::std::convert::Into<::std::vec::Vec<u8>>),
            quote!(body.into()),
            {
                let content_type = content_type.clone();
                Box::new(
                    move |v| quote!(request.bytes(::std::clone::Clone::clone(#v), #content_type);),
                )
            },
        )],
        BodyPayload::Multipart { parts } => parts
            .iter()
            .map(|part| {
                let n = ident(&part.name.rust);
                let wire = part.name.wire.clone();
                let (ty, arg, store, add): (_, _, _, Box<dyn Fn(TokenStream) -> TokenStream>) =
                    match &part.ty {
                        None => (
                            quote!(crate::FilePart),
                            quote!(crate::FilePart),
                            quote!(#n),
                            Box::new(move |v| quote!(form.file(#wire, #v);)),
                        ),
                        Some(TypeRef::String) => (
                            quote!(::std::string::String),
                            quote!(impl ::std::convert::Into<::std::string::String>),
                            quote!(#n.into()),
                            Box::new(move |v| quote!(form.text(#wire, #v);)),
                        ),
                        Some(t) if displayable(api, t) => {
                            let t = type_tokens(api, t);
                            (
                                t.clone(),
                                t,
                                quote!(#n),
                                Box::new(move |v| quote!(form.text(#wire, #v);)),
                            )
                        }
                        Some(t) => {
                            let t = type_tokens(api, t);
                            (
                                t.clone(),
                                t,
                                quote!(#n),
                                Box::new(move |v| quote!(form.json(#wire, #v)?;)),
                            )
                        }
                    };
                BodyInput {
                    name: n,
                    wire: part.name.wire.clone(),
                    doc: part.doc.clone(),
                    required: part.required,
                    ty,
                    arg,
                    store,
                    add,
                }
            })
            .collect(),
    }
}

/// Statements building the request body from the builder's fields.
pub(super) fn body_statements(op: &Operation, inputs: &[BodyInput]) -> TokenStream {
    let adds = inputs.iter().map(|input| {
        let n = &input.name;
        if input.required {
            (input.add)(quote!(&self.#n))
        } else {
            let add = (input.add)(quote!(value));
            quote!(if let ::std::option::Option::Some(value) = &self.#n { #add })
        }
    });
    match op.body.as_ref().map(|b| &b.payload) {
        Some(BodyPayload::Multipart { .. }) => quote! {
            let mut form = crate::multipart::Form::new();
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
        Segment::Literal(l) => quote!(::std::string::String::from(#l)),
        Segment::Param(i) => {
            let p = &op.params[*i];
            let (n, wire) = (ident(&p.name.rust), &p.name.wire);
            quote!(crate::request::path_param(#wire, &self.#n)?)
        }
        Segment::Mixed(pieces) => {
            let pieces = pieces.iter().map(|p| segment(op, p));
            quote!([#(#pieces),*].concat())
        }
    }
}
