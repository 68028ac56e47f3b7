//! The body setters of an operation's builder: one per field of a struct body, `.body(value)`
//! for the whole, and the statement that builds and checks the body in `request()`. The
//! fields are kept as JSON under construction by the runtime's `body::JsonBody`.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{deprecated, doc_attrs};
use super::types::{Paths, literal_tokens, name, type_tokens};
use crate::ir::*;

/// The setters of a body kept under construction (none for other inputs).
pub(super) fn setters(api: &Api, input: &Input) -> TokenStream {
    let n = name(&input.name);
    match &input.kind {
        InputKind::FreeJson if !input.required => {
            let doc =
                doc_attrs(Some(input.doc.as_deref().unwrap_or(
                    "Sets the request body: any value that serializes to JSON.",
                )));
            quote! {
                #doc
                pub fn #n(mut self, #n: impl ::serde::Serialize) -> Self {
                    self.#n.replace(#n);
                    self
                }
            }
        }
        InputKind::Fields(f) => {
            let ty = type_tokens(api, &TypeRef::Named(f.ty));
            let fields = f.setters.iter().map(|s| field_setter(api, &n, s));
            quote! {
                /// Sets the whole body at once, replacing the fields set so far; the field setters
                /// called afterwards change it.
                pub fn #n(mut self, #n: #ty) -> Self {
                    self.#n.replace(#n);
                    self
                }
                #(#fields)*
            }
        }
        _ => TokenStream::new(),
    }
}

fn field_setter(api: &Api, body: &proc_macro2::Ident, s: &Setter) -> TokenStream {
    let n = name(&s.name);
    let wire = &s.name.wire;
    let mut doc = s
        .doc
        .clone()
        .unwrap_or_else(|| format!("Sets the `{wire}` field of the body."));
    if s.required {
        doc.push_str("\n\nRequired: the request is refused until it is set.");
    }
    let doc = doc_attrs(Some(&doc));
    let t = type_tokens(api, &s.ty);
    let arg = super::setters::argument_type(s.arg, t.clone(), Paths::RESOURCES);
    let value = match s.arg {
        SetterArg::Into => quote!(set::<#t>(#wire, #n.into())),
        SetterArg::Items { into: true } => quote!(set_texts(#wire, #n)),
        SetterArg::Items { into: false } => quote!(set_items(#wire, #n)),
        SetterArg::Serialize | SetterArg::AsIs => quote!(set(#wire, #n)),
    };
    let allow = s
        .trait_like
        .then(|| quote!(#[allow(clippy::should_implement_trait)]));
    let deprecated = deprecated(s.deprecated_note.is_some(), &s.deprecated_note);
    quote! {
        #doc
        #deprecated
        #allow
        pub fn #n(mut self, #n: #arg) -> Self {
            self.#body.#value;
            self
        }
    }
}

/// The body a builder starts with when it is not an argument: empty, or holding the constants.
pub(super) fn initial(api: &Api, input: &Input) -> TokenStream {
    let prefilled = match &input.kind {
        InputKind::Fields(f) => f.prefilled.as_slice(),
        _ => &[],
    };
    if prefilled.is_empty() {
        return quote!(Default::default());
    }
    let sets = prefilled.iter().map(|(wire, value)| {
        let value = literal_tokens(api, value);
        quote!(body.set(#wire, #value);)
    });
    quote!({
        let mut body = crate::body::JsonBody::default();
        #(#sets)*
        body
    })
}

/// `let body = …;` in `request()`: the struct body built from the fields set, once the
/// required ones are all there (an `Option` when the body itself is optional).
pub(super) fn build(api: &Api, input: &Input) -> TokenStream {
    let InputKind::Fields(f) = &input.kind else {
        return TokenStream::new();
    };
    let n = name(&input.name);
    let ty = type_tokens(api, &TypeRef::Named(f.ty));
    let required = f.setters.iter().filter(|s| s.required).map(|s| {
        let (wire, setter) = (&s.name.wire, s.name.ident().code());
        quote!((#wire, #setter))
    });
    let method = if f.always {
        quote!(build)
    } else {
        quote!(build_if_set)
    };
    quote!(let body = self.#n.#method::<#ty>(&[#(#required),*])?;)
}
