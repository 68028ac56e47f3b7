//! Uses of types, as Rust type expressions. Paths are absolute so that a schema type named
//! `String`, `Option` or `Vec` cannot shadow the standard ones.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::*;

/// An identifier of the IR as code writes it (`r#type` where it must be raw).
pub fn ident(name: &crate::ir::Ident) -> Ident {
    if name.is_raw() {
        Ident::new_raw(name.as_str(), Span::call_site())
    } else {
        Ident::new(name.as_str(), Span::call_site())
    }
}

/// The Rust identifier of a named thing.
pub fn name(n: &Name) -> Ident {
    ident(n.ident())
}

/// An identifier the emitter itself writes, such as `body`.
pub fn fixed(text: &str) -> Ident {
    Ident::new(text, Span::call_site())
}

pub fn type_tokens(api: &Api, ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::Named(id) => {
            let name = name(&api.get(*id).name);
            quote!(crate::models::#name)
        }
        TypeRef::String => quote!(::std::string::String),
        TypeRef::Integer(IntegerFormat::Int32) => quote!(i32),
        TypeRef::Integer(IntegerFormat::Int64) => quote!(i64),
        TypeRef::Number(NumberFormat::Float) => quote!(f32),
        TypeRef::Number(NumberFormat::Double) => quote!(f64),
        TypeRef::Boolean => quote!(bool),
        TypeRef::Bytes => quote!(crate::Bytes),
        TypeRef::Nullable(inner) => {
            let inner = type_tokens(api, inner);
            quote!(::std::option::Option<#inner>)
        }
        TypeRef::Array(inner) => {
            let inner = type_tokens(api, inner);
            quote!(::std::vec::Vec<#inner>)
        }
        TypeRef::Map(inner) => {
            let inner = type_tokens(api, inner);
            quote!(::std::collections::BTreeMap<::std::string::String, #inner>)
        }
        TypeRef::Any => quote!(::serde_json::Value),
    }
}

/// A value the generated code writes out (a constant, a default).
pub fn literal_tokens(api: &Api, literal: &Literal) -> TokenStream {
    match literal {
        Literal::String(s) => quote!(::std::string::String::from(#s)),
        Literal::Integer(i) => {
            let lit = proc_macro2::Literal::i64_unsuffixed(*i);
            quote!(#lit)
        }
        Literal::Number(n) => {
            let lit = proc_macro2::Literal::f64_unsuffixed(*n);
            quote!(#lit)
        }
        Literal::Boolean(b) => quote!(#b),
        Literal::EmptyArray => quote!(::std::vec::Vec::new()),
        Literal::Variant { ty, index, value } => {
            let def = api.get(*ty);
            let TypeKind::Enum(e) = &def.kind else {
                unreachable!("the access pass makes variants of enums only")
            };
            let ty = name(&def.name);
            let fallback = ident(named(&e.fallback));
            match (index, value) {
                (Some(i), _) => {
                    let v = name(&e.variants[*i].name);
                    quote!(crate::models::#ty::#v)
                }
                (None, EnumValue::Integer(n)) => {
                    let n = proc_macro2::Literal::i64_unsuffixed(*n);
                    quote!(crate::models::#ty::#fallback(#n))
                }
                (None, EnumValue::String(s)) => {
                    quote!(crate::models::#ty::#fallback(::std::string::String::from(#s)))
                }
            }
        }
    }
}
