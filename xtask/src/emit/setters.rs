//! The chainable setters of the structs that requests carry, one per optional field, so that a
//! body is built as `Request::new(required…).field(value)` rather than with a struct literal.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::{name, type_tokens};
use crate::ir::*;

/// `impl T { pub fn field(mut self, value) -> Self }` for the fields that have a setter.
pub fn chained_setters(api: &Api, def: &TypeDef) -> TokenStream {
    let TypeKind::Struct(s) = &def.kind else {
        return TokenStream::new();
    };
    let setters: Vec<TokenStream> = s
        .fields
        .iter()
        .filter_map(|f| Some(setter(api, f, f.setter.as_ref()?)))
        .collect();
    if setters.is_empty() {
        return TokenStream::new();
    }
    let ty = name(&def.name);
    quote! {
        impl #ty {
            #(#setters)*
        }
    }
}

fn setter(api: &Api, f: &Field, s: &Setter) -> TokenStream {
    let (field, n) = (name(&f.name), name(&s.name));
    let doc = format!(" Sets the `{}` field.", f.name.ident().as_str());
    let t = type_tokens(api, &s.ty);
    let (arg, mut value) = match s.arg {
        SetterArg::Into => (quote!(impl ::std::convert::Into<#t>), quote!(#n.into())),
        SetterArg::Items { into: true } => (
            quote!(impl ::std::iter::IntoIterator<Item = impl ::std::convert::Into<#t>>),
            quote!(#n.into_iter().map(::std::convert::Into::into).collect()),
        ),
        SetterArg::Items { into: false } => (
            quote!(impl ::std::iter::IntoIterator<Item = #t>),
            quote!(#n.into_iter().collect()),
        ),
        SetterArg::AsIs | SetterArg::Serialize => (t, quote!(#n)),
    };
    // The box holds the value itself, inside the `Option` of a field that may be `null`.
    if f.boxed && f.nullable {
        value = quote!(#value.map(::std::boxed::Box::new));
    } else if f.boxed {
        value = quote!(::std::boxed::Box::new(#value));
    }
    let allow = s
        .trait_like
        .then(|| quote!(#[allow(clippy::should_implement_trait)]));
    quote! {
        #[doc = #doc]
        #allow
        pub fn #n(mut self, #n: #arg) -> Self {
            self.#field = ::std::option::Option::Some(#value);
            self
        }
    }
}
