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
        TypeRef::String | TypeRef::Integer(_) | TypeRef::Boolean => true,
        TypeRef::Array(t) | TypeRef::Map(t) => is_eq(api, t, seen),
        TypeRef::Named(id) => {
            if seen.contains(id) {
                return true;
            }
            seen.push(*id);
            let eq = match &api.get(*id).kind {
                TypeKind::Struct(s) => {
                    s.fields.iter().all(|f| is_eq(api, &f.ty, seen)) && s.additional.as_ref().is_none_or(|t| is_eq(api, t, seen))
                }
                TypeKind::Enum(_) => true,
                TypeKind::Union(u) => u.variants.iter().all(|v| is_eq(api, &v.ty, seen)),
                TypeKind::Alias(t) => is_eq(api, t, seen),
                TypeKind::AllOf(_) => false,
            };
            seen.pop();
            eq
        }
    }
}
