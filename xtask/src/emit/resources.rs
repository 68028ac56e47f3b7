//! `src/resources/`: a handle per resource, and a request builder per operation.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc_attrs;
use super::request::{
    add_param, body_inputs, body_statements, method_tokens, segment, stored_type,
};
use super::responses::{decode, error_enum, payload_type, send_any, stream_method};
use super::types::{ident, type_tokens};
use super::validation::{operation_checks, validated_types};
use crate::ir::*;

/// The `resources` module's own file.
pub fn resources_mod(api: &Api) -> TokenStream {
    let mods = api.resources.iter().map(|r| {
        let n = ident(&r.name.rust);
        let doc = format!(" The `{}` operations.", r.name.wire);
        quote!(#[doc = #doc] pub mod #n;)
    });
    quote! {
        //! The API's operations, grouped by resource as the client's accessors are.
        #(#mods)*
    }
}

/// The file of one top-level resource, with its children nested inside.
pub fn resource_file(api: &Api, r: &Resource) -> TokenStream {
    // No link to the handle: rustdoc reads this beside the `mod` line's docs, in the parent's
    // scope, and a raw identifier (`r#type`) cannot appear in a link's path.
    let doc = format!(
        " Operations on `{}`, from `client.{}()`.",
        r.name.wire, r.name.rust
    );
    let body = resource_items(api, r, &[r.name.rust.as_str()]);
    quote! {
        #![doc = #doc]
        #body
    }
}

fn resource_items(api: &Api, r: &Resource, path: &[&str]) -> TokenStream {
    let handle = ident(&r.handle);
    let accessor_path = path.join("().");
    let doc = format!(
        " The `{}` operations, from `client.{accessor_path}()`.",
        path.join(".")
    );
    let methods = r.operations.iter().map(|op| operation_method(api, op));
    let child_accessors = r.children.iter().map(|c| {
        let n = ident(&c.name.rust);
        let h = ident(&c.handle);
        let doc = format!(
            " The `{}` operations nested under this resource.",
            c.name.wire
        );
        quote! {
            #[doc = #doc]
            pub fn #n(&self) -> #n::#h<'c> {
                #n::#h::new(self.client)
            }
        }
    });
    let builders = r.operations.iter().map(|op| operation_builder(api, r, op));
    let children = r.children.iter().map(|c| {
        let n = ident(&c.name.rust);
        let mut child_path = path.to_vec();
        child_path.push(&c.name.rust);
        let items = resource_items(api, c, &child_path);
        let doc = format!(" Operations on `{}`.", c.name.wire);
        quote! {
            #[doc = #doc]
            pub mod #n {
                #items
            }
        }
    });
    quote! {
        #[doc = #doc]
        #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::marker::Copy)]
        pub struct #handle<'c> {
            client: &'c crate::Client,
        }

        impl<'c> #handle<'c> {
            pub(crate) fn new(client: &'c crate::Client) -> Self {
                Self { client }
            }

            /// The client, for hand-written operations of this resource (in extensions).
            #[allow(dead_code)]
            pub(crate) fn client(&self) -> &'c crate::Client {
                self.client
            }
            #(#child_accessors)*
            #(#methods)*
        }

        #(#builders)*
        #(#children)*
    }
}

/// What the method takes as arguments: required parameters in order, then a required body.
fn arguments(op: &Operation) -> Vec<&Param> {
    op.params.iter().filter(|p| p.required).collect()
}

/// The argument type and the expression that stores it: strings are taken as `impl Into`.
fn argument(api: &Api, p: &Param) -> (TokenStream, TokenStream) {
    let n = ident(&p.name.rust);
    match &p.ty {
        TypeRef::String => (
            quote!(impl ::std::convert::Into<::std::string::String>),
            quote!(#n.into()),
        ),
        ty => (type_tokens(api, ty), quote!(#n)),
    }
}

fn operation_doc(op: &Operation) -> TokenStream {
    let mut text = String::new();
    for part in [&op.summary, &op.doc].into_iter().flatten() {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(part);
    }
    if text.is_empty() {
        text = format!("The `{}` operation.", op.name.wire);
    }
    text.push_str(&format!("\n\n`{} {}`", op.method.as_str(), op.path));
    let deprecated = if op.deprecated {
        quote!(#[deprecated])
    } else {
        TokenStream::new()
    };
    let doc = doc_attrs(Some(&text));
    quote!(#doc #deprecated)
}

fn operation_method(api: &Api, op: &Operation) -> TokenStream {
    let name = ident(&op.name.rust);
    let builder = ident(&op.builder);
    let doc = operation_doc(op);
    let mut args = Vec::new();
    let mut inits = Vec::new();
    for p in arguments(op) {
        let n = ident(&p.name.rust);
        let (ty, store) = argument(api, p);
        args.push(quote!(#n: #ty));
        inits.push(init(&n, store));
    }
    for p in op.params.iter().filter(|p| !p.required) {
        let n = ident(&p.name.rust);
        inits.push(quote!(#n: ::std::option::Option::None));
    }
    for input in body_inputs(api, op) {
        let n = &input.name;
        if input.required {
            let arg = &input.arg;
            args.push(quote!(#n: #arg));
            inits.push(init(n, input.store.clone()));
        } else {
            inits.push(quote!(#n: ::std::option::Option::None));
        }
    }
    quote! {
        #doc
        pub fn #name(&self, #(#args),*) -> #builder<'c> {
            #builder { client: self.client, options: ::std::default::Default::default(), #(#inits,)* }
        }
    }
}

/// A field of a struct literal, in shorthand when the value is a variable of the same name.
fn init(name: &proc_macro2::Ident, value: TokenStream) -> TokenStream {
    if *name == value.to_string() {
        quote!(#name)
    } else {
        quote!(#name: #value)
    }
}

fn operation_builder(api: &Api, r: &Resource, op: &Operation) -> TokenStream {
    let builder = ident(&op.builder);
    let method_name = &op.name.rust;
    let doc = format!(
        " A `{}` request, from [`{}::{}`]. Optional parameters are set with its methods; `.await` it (or call [`send`](Self::send)) to send it.",
        op.name.wire,
        r.handle,
        method_name.trim_start_matches("r#")
    );
    let fields = op.params.iter().map(|p| {
        let n = ident(&p.name.rust);
        let t = stored_type(api, p);
        quote!(#n: #t,)
    });
    let inputs = body_inputs(api, op);
    let body_fields = inputs.iter().map(|input| {
        let (n, t) = (&input.name, &input.ty);
        if input.required {
            quote!(#n: #t,)
        } else {
            quote!(#n: ::std::option::Option<#t>,)
        }
    });
    let setters = op.params.iter().filter(|p| !p.required).map(|p| {
        let n = ident(&p.name.rust);
        let doc = doc_attrs(Some(
            p.doc
                .as_deref()
                .unwrap_or(&format!("Sets the `{}` parameter.", p.name.wire)),
        ));
        let (ty, store) = argument(api, p);
        quote! {
            #doc
            pub fn #n(mut self, #n: #ty) -> Self {
                self.#n = ::std::option::Option::Some(#store);
                self
            }
        }
    });
    let body_setters = inputs.iter().filter(|input| !input.required).map(|input| {
        let (n, arg, store) = (&input.name, &input.arg, &input.store);
        let fallback = if input.wire == "body" {
            "Sets the request body.".to_string()
        } else {
            format!("Sets the `{}` part of the body.", input.wire)
        };
        let doc = doc_attrs(Some(input.doc.as_deref().unwrap_or(&fallback)));
        quote! {
            #doc
            pub fn #n(mut self, #n: #arg) -> Self {
                self.#n = ::std::option::Option::Some(#store);
                self
            }
        }
    });
    let segments = op.segments.iter().map(|s| segment(op, s));
    let params = op.params.iter().map(|p| {
        let n = ident(&p.name.rust);
        if p.required {
            add_param(api, p, quote!(&self.#n))
        } else {
            let add = add_param(api, p, quote!(value));
            if add.is_empty() {
                add
            } else {
                quote!(if let ::std::option::Option::Some(value) = &self.#n { #add })
            }
        }
    });
    let body = body_statements(op, &inputs);
    let method = method_tokens(op.method);
    let checks = operation_checks(op, &validated_types(api));
    let adds_anything =
        op.body.is_some() || op.params.iter().any(|p| p.location != ParamLocation::Path);
    let mutable = adds_anything.then(|| quote!(mut));

    // `send` decodes the first success status and every other one with the same body type;
    // `send_any` tells apart statuses whose bodies differ.
    let primary = op.responses.first();
    let same: Vec<&Response> = op
        .responses
        .iter()
        .filter(|r| primary.is_some_and(|p| p.payload == r.payload))
        .collect();
    let (output, send_body) = match primary {
        Some(p) => {
            let statuses = same
                .iter()
                .map(|r| proc_macro2::Literal::u16_unsuffixed(r.status));
            let decode = decode(&p.payload, None);
            let body = quote! {
                let response = self.client.execute(self.request()?, &self.options).await?;
                match response.status() {
                    #(#statuses)|* => #decode,
                    _ => ::std::result::Result::Err(response.unexpected()),
                }
            };
            (payload_type(api, &p.payload), body)
        }
        // No success documented: any success will do, and its body is not read.
        None => (
            quote!(()),
            quote! {
                self.client.execute(self.request()?, &self.options).await?;
                ::std::result::Result::Ok(())
            },
        ),
    };
    let mut send_doc = vec![" Sends the request and decodes the response.".to_string()];
    if same.len() < op.responses.len() {
        let statuses: Vec<String> = same.iter().map(|r| r.status.to_string()).collect();
        send_doc = vec![
            format!(" Sends the request and decodes an HTTP {} response; any other success status is an", statuses.join(" or ")),
            " [`Error::UnexpectedStatus`](crate::Error::UnexpectedStatus) (use [`send_any`](Self::send_any) to accept every".into(),
            " documented one).".into(),
        ];
    }
    if !op.errors.is_empty() {
        send_doc.push(String::new());
        send_doc.push(format!(
            " The documented error responses are read with [`{}::from_error`].",
            op.error_enum
        ));
    }
    let stream = op.pagination.as_ref().map(|p| stream_method(api, op, p));
    let (any, output_enum) = if op.responses.len() > 1 {
        send_any(api, op)
    } else {
        (TokenStream::new(), TokenStream::new())
    };
    let error_enum = error_enum(api, op);

    quote! {
        #[doc = #doc]
        #[derive(::std::fmt::Debug, ::std::clone::Clone)]
        #[must_use = "a request does nothing until it is sent or awaited"]
        pub struct #builder<'c> {
            client: &'c crate::Client,
            options: crate::RequestOptions,
            #(#fields)*
            #(#body_fields)*
        }

        impl<'c> #builder<'c> {
            #(#setters)*
            #(#body_setters)*

            crate::options::request_option_setters!();

            fn request(&self) -> ::std::result::Result<crate::request::ApiRequest, crate::Error> {
                #checks
                let #mutable request = crate::request::ApiRequest::new(#method, ::std::vec![#(#segments),*]);
                #(#params)*
                #body
                ::std::result::Result::Ok(request)
            }

            #(#[doc = #send_doc])*
            pub async fn send(self) -> ::std::result::Result<#output, crate::Error> {
                #send_body
            }

            #any
            #stream
        }

        impl<'c> ::std::future::IntoFuture for #builder<'c> {
            type Output = ::std::result::Result<#output, crate::Error>;
            type IntoFuture = crate::options::Sending<'c, #output>;

            fn into_future(self) -> Self::IntoFuture {
                ::std::boxed::Box::pin(self.send())
            }
        }

        #output_enum
        #error_enum
    }
}
