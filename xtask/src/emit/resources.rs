//! `src/resources/`: a handle per resource, and a request builder per operation; a nested
//! resource in a file of its own below its parent's (`resources/models/examples.rs`).

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{deprecated, doc_attrs};
use super::request::{
    Convert, add_param, body_statements, input_kept, kept, method_tokens, segment, stored_type,
    under_construction,
};
use super::responses::{error_enum, payload_type, send_any, stream_method};
use super::types::{ident, name};
use super::validation::operation_checks;
use crate::ir::*;

/// The `resources` module's own file.
pub fn resources_mod(api: &Api) -> TokenStream {
    let mods = api.resources.iter().map(|r| {
        let n = name(&r.name);
        let doc = resource_doc(r);
        quote!(#[doc = #doc] pub mod #n;)
    });
    quote! {
        //! The API's operations, grouped by resource as the client's accessors are.
        #(#mods)*
    }
}

/// What a resource is for, on its `mod` line: the schema's words (its tag's description) when
/// it has them.
pub(super) fn resource_doc(r: &Resource) -> String {
    match &r.doc {
        Some(doc) => format!(" {doc}"),
        None => format!(" The `{}` operations.", r.name.wire),
    }
}

/// The file of one resource, `path` leading to it from the top (its own name last); its
/// children are files of their own, declared here.
pub fn resource_file(api: &Api, r: &Resource, path: &[&Ident]) -> TokenStream {
    // No link to the handle: rustdoc reads this beside the `mod` line's docs, in the parent's
    // scope, and a raw identifier (`r#type`) cannot appear in a link's path.
    // A top-level resource by its wire name, as it always was; a nested one by its path.
    let shown = match path {
        [_] => r.name.wire.clone(),
        _ => path
            .iter()
            .map(|i| i.as_str())
            .collect::<Vec<_>>()
            .join("."),
    };
    let calls: Vec<String> = path.iter().map(|i| i.code()).collect();
    let doc = format!(
        " Operations on `{shown}`, from `client.{}()`.",
        calls.join("().")
    );
    let body = resource_items(api, r, path);
    quote! {
        #![doc = #doc]
        #body
    }
}

/// Every resource with the path that leads to it, parents first.
pub fn resource_paths(api: &Api) -> Vec<(&Resource, Vec<&Ident>)> {
    fn walk<'a>(
        r: &'a Resource,
        parent: &[&'a Ident],
        out: &mut Vec<(&'a Resource, Vec<&'a Ident>)>,
    ) {
        let mut path = parent.to_vec();
        path.push(r.name.ident());
        out.push((r, path.clone()));
        r.children.iter().for_each(|c| walk(c, &path, out));
    }
    let mut out = Vec::new();
    api.resources.iter().for_each(|r| walk(r, &[], &mut out));
    out
}

fn resource_items(api: &Api, r: &Resource, path: &[&Ident]) -> TokenStream {
    let handle = ident(named(&r.handle));
    let join =
        |f: fn(&Ident) -> String, by: &str| path.iter().map(|i| f(i)).collect::<Vec<_>>().join(by);
    let doc = format!(
        " The `{}` operations, from `client.{}()`.",
        join(|i| i.as_str().to_string(), "."),
        join(Ident::code, "().")
    );
    let methods = r.operations.iter().map(|op| operation_method(api, op));
    let child_accessors = r.children.iter().map(|c| {
        let n = name(&c.name);
        let h = ident(named(&c.handle));
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
    let builders = r.operations.iter().map(|op| match &op.module {
        None => operation_builder(api, r, op),
        // Its items, re-exported here where a reader of the resource looks for them.
        Some(m) => {
            let m = ident(m);
            let items = [Some(&op.builder), Some(&op.output), Some(&op.error_enum)]
                .into_iter()
                .flatten()
                .flatten()
                .map(ident);
            quote!(mod #m; pub use #m::{#(#items),*};)
        }
    });
    let children = r.children.iter().map(|c| {
        let n = name(&c.name);
        let doc = resource_doc(c);
        quote! {
            #[doc = #doc]
            pub mod #n;
        }
    });
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, Copy)]
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
    let deprecated = deprecated(op.deprecated, &op.deprecated_note);
    let doc = doc_attrs(Some(&text));
    quote!(#doc #deprecated)
}

fn operation_method(api: &Api, op: &Operation) -> TokenStream {
    let method = name(&op.name);
    let builder = ident(named(&op.builder));
    let doc = operation_doc(op);
    // Required parameters in order, then a required body (or its required parts).
    let mut args = Vec::new();
    let mut inits = Vec::new();
    for p in op.params.iter().filter(|p| p.required) {
        let (n, k) = (name(&p.name), kept(api, &p.ty));
        let arg = &k.arg;
        args.push(quote!(#n: #arg));
        inits.push(init(&n, k.convert));
    }
    for p in op.params.iter().filter(|p| !p.required) {
        let n = name(&p.name);
        inits.push(quote!(#n: None));
    }
    for input in &op.inputs {
        let n = name(&input.name);
        if input.required {
            let k = input_kept(api, input);
            let arg = &k.arg;
            args.push(quote!(#n: #arg));
            inits.push(init(&n, k.convert));
        } else if under_construction(input) {
            let initial = super::body::initial(api, input);
            inits.push(quote!(#n: #initial));
        } else {
            inits.push(quote!(#n: None));
        }
    }
    quote! {
        #doc
        pub fn #method(&self, #(#args),*) -> #builder<'c> {
            #builder { client: self.client, options: Default::default(), #(#inits,)* }
        }
    }
}

/// A field of a struct literal: shorthand when the argument is stored as it is.
fn init(n: &proc_macro2::Ident, convert: Convert) -> TokenStream {
    match convert {
        Convert::AsIs => quote!(#n),
        _ => {
            let value = convert.apply(n);
            quote!(#n: #value)
        }
    }
}

/// The file of an operation whose builder has one of its own (`resources/generate/prompt.rs`).
pub fn operation_file(api: &Api, r: &Resource, path: &[&Ident], op: &Operation) -> TokenStream {
    let calls: Vec<String> = path.iter().map(|i| i.code()).collect();
    let doc = format!(
        " The `{}` request of `client.{}()`, re-exported by its resource.",
        op.name.ident().as_str(),
        calls.join("().")
    );
    let builder = operation_builder(api, r, op);
    quote! {
        #![doc = #doc]
        #builder
    }
}

fn operation_builder(api: &Api, r: &Resource, op: &Operation) -> TokenStream {
    let builder = ident(named(&op.builder));
    let (handle, method) = (named(&r.handle).as_str(), op.name.ident().as_str());
    // In a file of its own, the handle is the parent module's, which also makes the builder.
    let (link, vis) = match &op.module {
        Some(_) => (
            format!("[`{handle}::{method}`](super::{handle}::{method})"),
            quote!(pub(super)),
        ),
        None => (format!("[`{handle}::{method}`]"), TokenStream::new()),
    };
    let doc = format!(
        " A `{}` request, from {link}. Its methods set what the call did not take as arguments; `.await` it (or call [`send`](Self::send)) to send it.",
        op.name.wire,
    );
    let fields = op.params.iter().map(|p| {
        let n = name(&p.name);
        let t = stored_type(api, p);
        quote!(#vis #n: #t,)
    });
    let body_fields = op.inputs.iter().map(|input| {
        let (n, t) = (name(&input.name), input_kept(api, input).ty);
        if input.required || under_construction(input) {
            quote!(#vis #n: #t,)
        } else {
            quote!(#vis #n: Option<#t>,)
        }
    });
    let setters = op.params.iter().filter(|p| !p.required).map(|p| {
        let n = name(&p.name);
        let doc = doc_attrs(Some(
            p.doc
                .as_deref()
                .unwrap_or(&format!("Sets the `{}` parameter.", p.name.wire)),
        ));
        let k = kept(api, &p.ty);
        let (ty, store) = (k.arg, k.convert.apply(&n));
        quote! {
            #doc
            pub fn #n(mut self, #n: #ty) -> Self {
                self.#n = Some(#store);
                self
            }
        }
    });
    let body_setters = op
        .inputs
        .iter()
        .filter(|input| !input.required || under_construction(input))
        .map(|input| {
            if under_construction(input) {
                return super::body::setters(api, input);
            }
            let n = name(&input.name);
            let k = input_kept(api, input);
            let (arg, store) = (k.arg, k.convert.apply(&n));
            let fallback = match op.body.as_ref().map(|b| &b.payload) {
                Some(BodyPayload::Multipart { .. }) => {
                    format!("Sets the `{}` part of the body.", input.name.wire)
                }
                _ => "Sets the request body.".to_string(),
            };
            let doc = doc_attrs(Some(input.doc.as_deref().unwrap_or(&fallback)));
            quote! {
                #doc
                pub fn #n(mut self, #n: #arg) -> Self {
                    self.#n = Some(#store);
                    self
                }
            }
        });
    let segments = op.segments.iter().map(|s| segment(op, s));
    let params = op.params.iter().map(|p| {
        let n = name(&p.name);
        if p.required {
            add_param(p, quote!(&self.#n))
        } else {
            let add = add_param(p, quote!(value));
            if add.is_empty() {
                add
            } else {
                quote!(if let Some(value) = &self.#n { #add })
            }
        }
    });
    let body = body_statements(op);
    let method = method_tokens(op.method);
    let build = op.inputs.iter().map(|input| super::body::build(api, input));
    let checks = operation_checks(api, op);
    let mutable = op.adds_to_request().then(|| quote!(mut));

    let (output, send_body) = match op.responses.first() {
        Some(p) => {
            let statuses = op
                .send_statuses
                .iter()
                .map(|s| proc_macro2::Literal::u16_unsuffixed(*s));
            let sent =
                quote!(self.client.send(self.request()?, &self.options, &[#(#statuses),*]).await?);
            let body = match &p.payload {
                Payload::Json(_) => quote!(#sent.json()),
                Payload::Text => quote!(Ok(#sent.text())),
                Payload::Bytes => quote!(Ok(#sent.into_bytes())),
                Payload::Empty => quote!(#sent; Ok(())),
            };
            (payload_type(api, &p.payload), body)
        }
        // No success documented: any success will do, and its body is not read.
        None => (
            quote!(()),
            quote! {
                self.client.execute(self.request()?, &self.options).await?;
                Ok(())
            },
        ),
    };
    let mut send_doc = vec![" Sends the request and decodes the response.".to_string()];
    if op.send_statuses.len() < op.responses.len() {
        let statuses: Vec<String> = op.send_statuses.iter().map(u16::to_string).collect();
        send_doc = vec![format!(
            " Sends the request and decodes an HTTP {} response; [`send_any`](Self::send_any) decodes every documented success status.",
            statuses.join(" or ")
        )];
    }
    if let Some(error_enum) = &op.error_enum {
        send_doc.push(String::new());
        send_doc.push(format!(
            " The documented error responses are read with [`{}::from_error`].",
            error_enum.as_str()
        ));
    }
    let stream = op.pagination.as_ref().map(|p| stream_method(api, op, p));
    let (any, output_enum) = match &op.output {
        Some(output) => send_any(api, op, output),
        None => (TokenStream::new(), TokenStream::new()),
    };
    let error_enum = error_enum(api, op);

    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone)]
        #[must_use = "a request does nothing until it is sent or awaited"]
        pub struct #builder<'c> {
            #vis client: &'c crate::Client,
            #vis options: crate::options::RequestOptions,
            #(#fields)*
            #(#body_fields)*
        }

        impl<'c> #builder<'c> {
            #(#setters)*
            #(#body_setters)*

            crate::options::request_option_setters!();

            fn request(&self) -> Result<crate::request::ApiRequest, crate::Error> {
                #(#build)*
                #checks
                let #mutable request = crate::request::ApiRequest::new(#method, vec![#(#segments),*]);
                #(#params)*
                #body
                Ok(request)
            }

            #(#[doc = #send_doc])*
            pub async fn send(self) -> Result<#output, crate::Error> {
                #send_body
            }

            #any
            #stream
        }

        impl<'c> IntoFuture for #builder<'c> {
            type Output = Result<#output, crate::Error>;
            type IntoFuture = crate::options::Sending<'c, #output>;

            fn into_future(self) -> Self::IntoFuture {
                Box::pin(self.send())
            }
        }

        #output_enum
        #error_enum
    }
}
