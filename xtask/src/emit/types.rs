//! Uses of types, as Rust type expressions. Paths are absolute so that a schema type named
//! `String`, `Option` or `Vec` cannot shadow the standard ones.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::*;

pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

pub fn type_tokens(api: &Api, ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::Named(id) => {
            let name = ident(&api.get(*id).name.rust);
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

/// Whether values of the type can be compared with `Eq` and hashed (no floats, no JSON).
pub fn is_eq(api: &Api, ty: &TypeRef, seen: &mut Vec<TypeId>) -> bool {
    match ty {
        TypeRef::Number(_) | TypeRef::Any => false,
        TypeRef::String | TypeRef::Integer(_) | TypeRef::Boolean | TypeRef::Bytes => true,
        TypeRef::Array(t) | TypeRef::Map(t) | TypeRef::Nullable(t) => is_eq(api, t, seen),
        TypeRef::Named(id) => {
            if seen.contains(id) {
                return true;
            }
            seen.push(*id);
            let eq = match &api.get(*id).kind {
                TypeKind::Struct(s) => {
                    s.fields.iter().all(|f| is_eq(api, &f.ty, seen))
                        && s.additional.as_ref().is_none_or(|t| is_eq(api, t, seen))
                }
                TypeKind::Enum(_) => true,
                // A tagged union keeps unknown values as JSON, which has no `Eq`.
                TypeKind::Union(u) => {
                    u.tag.is_none() && u.variants.iter().all(|v| is_eq(api, &v.ty, seen))
                }
                TypeKind::Alias(t) => is_eq(api, t, seen),
                TypeKind::AllOf(_) => false,
            };
            seen.pop();
            eq
        }
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
        Literal::Variant { ty, index, wire } => {
            let def = api.get(*ty);
            let TypeKind::Enum(e) = &def.kind else {
                unreachable!("the access pass makes variants of enums only")
            };
            let name = ident(&def.name.rust);
            match index {
                Some(i) => {
                    let v = ident(&e.variants[*i].name.rust);
                    quote!(crate::models::#name::#v)
                }
                None if e.repr == EnumRepr::Integer => {
                    let (fallback, n) = (
                        ident(&e.fallback),
                        proc_macro2::Literal::i64_unsuffixed(wire.parse().expect("an integer")),
                    );
                    quote!(crate::models::#name::#fallback(#n))
                }
                None => {
                    let fallback = ident(&e.fallback);
                    quote!(crate::models::#name::#fallback(::std::string::String::from(#wire)))
                }
            }
        }
    }
}
