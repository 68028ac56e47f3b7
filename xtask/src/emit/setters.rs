//! The chainable setters of the structs that requests carry, one per optional field, so that a
//! body is built as `Request::new(required…).field(value)` rather than with a struct literal.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::deprecated;
use super::types::{Paths, name, type_tokens_in};
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
    let paths = Paths::models(api);
    let t = type_tokens_in(api, &s.ty, paths);
    let (some, boxed) = (paths.some(), paths.boxed());
    let arg = argument_type(s.arg, t, paths);
    let mut value = stored(s.arg, &n, paths);
    // The box holds the value itself, inside the `Option` of a field that may be `null`.
    if f.boxed && f.nullable {
        value = quote!(#value.map(#boxed::new));
    } else if f.boxed {
        value = quote!(#boxed::new(#value));
    }
    let allow = s
        .trait_like
        .then(|| quote!(#[allow(clippy::should_implement_trait)]));
    let deprecated = deprecated(s.deprecated_note.is_some(), &s.deprecated_note);
    quote! {
        #[doc = #doc]
        #deprecated
        #allow
        pub fn #n(mut self, #n: #arg) -> Self {
            self.#field = #some(#value);
            self
        }
    }
}

/// What a setter takes for a value of type `t`, by the rule of `arg`: one rule for the builders'
/// body setters, the chained setters and the typed inputs.
pub fn argument_type(arg: SetterArg, t: TokenStream, paths: Paths) -> TokenStream {
    let (into, iter) = (paths.conversion_trait(), paths.iterator_trait());
    match arg {
        SetterArg::AsIs => t,
        SetterArg::Into => quote!(impl #into<#t>),
        SetterArg::Items { into: true } => quote!(impl #iter<Item = impl #into<#t>>),
        SetterArg::Items { into: false } => quote!(impl #iter<Item = #t>),
        SetterArg::Serialize => quote!(impl ::serde::Serialize),
    }
}

/// The value a struct keeps of the argument `n` of a setter of `arg` (a body of no particular
/// shape, `Serialize`, is never a struct's field).
pub fn stored(arg: SetterArg, n: &proc_macro2::Ident, paths: Paths) -> TokenStream {
    let into = paths.conversion_trait();
    match arg {
        SetterArg::Into => quote!(#n.into()),
        SetterArg::Items { into: true } => quote!(#n.into_iter().map(#into::into).collect()),
        SetterArg::Items { into: false } => quote!(#n.into_iter().collect()),
        SetterArg::AsIs | SetterArg::Serialize => quote!(#n),
    }
}
