//! `src/resources/`: a handle per resource, and a request builder per operation.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc_attrs;
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
    let doc = format!(" Operations on `{}`, from `client.{}()`.", r.name.wire, r.name.rust);
    let body = resource_items(api, r, &[r.name.rust.as_str()]);
    quote! {
        #![doc = #doc]
        #body
    }
}

fn resource_items(api: &Api, r: &Resource, path: &[&str]) -> TokenStream {
    let handle = ident(&r.handle);
    let accessor_path = path.join("().");
    let doc = format!(" The `{}` operations, from `client.{accessor_path}()`.", path.join("."));
    let methods = r.operations.iter().map(|op| operation_method(api, op));
    let child_accessors = r.children.iter().map(|c| {
        let n = ident(&c.name.rust);
        let h = ident(&c.handle);
        let doc = format!(" The `{}` operations nested under this resource.", c.name.wire);
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
        TypeRef::String => (quote!(impl ::std::convert::Into<::std::string::String>), quote!(#n.into())),
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
    let deprecated = if op.deprecated { quote!(#[deprecated]) } else { TokenStream::new() };
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
    if value.to_string() == name.to_string() { quote!(#name) } else { quote!(#name: #value) }
}

/// The type a builder keeps a parameter in.
fn stored_type(api: &Api, p: &Param) -> TokenStream {
    let t = type_tokens(api, &p.ty);
    if p.required { t } else { quote!(::std::option::Option<#t>) }
}

/// Whether a value of the type can go into a URL with `Display` (rather than as JSON text).
fn displayable(api: &Api, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::String | TypeRef::Integer(_) | TypeRef::Number(_) | TypeRef::Boolean | TypeRef::Bytes => true,
        TypeRef::Named(id) => match &api.get(*id).kind {
            TypeKind::Enum(_) => true,
            TypeKind::Alias(t) => displayable(api, t),
            _ => false,
        },
        _ => false,
    }
}

/// Statements adding one parameter to `request`, from `value` (a reference).
fn add_param(api: &Api, p: &Param, value: TokenStream) -> TokenStream {
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
        (ParamLocation::Header, ty) if displayable(api, ty) => quote!(request.header(#wire, #value);),
        (ParamLocation::Header, _) => quote!(request.header_json(#wire, #value)?;),
        (ParamLocation::Cookie, ty) if displayable(api, ty) => quote!(request.cookie(#wire, #value);),
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
struct BodyInput {
    name: proc_macro2::Ident,
    wire: String,
    doc: Option<String>,
    required: bool,
    /// The stored type.
    ty: TokenStream,
    /// The argument type, and the expression that stores the argument.
    arg: TokenStream,
    store: TokenStream,
    /// Statements adding the value, given as a reference, to the request.
    add: Box<dyn Fn(TokenStream) -> TokenStream>,
}

fn body_inputs(api: &Api, op: &Operation) -> Vec<BodyInput> {
    let Some(body) = &op.body else { return Vec::new() };
    let body_input = |ty: TokenStream, arg: TokenStream, store: TokenStream, add: Box<dyn Fn(TokenStream) -> TokenStream>| BodyInput {
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
            vec![body_input(t.clone(), t, quote!(body), Box::new(|v| quote!(request.json(#v)?;)))]
        }
        BodyPayload::Form { ty } => {
            let t = type_tokens(api, ty);
            vec![body_input(t.clone(), t, quote!(body), Box::new(|v| quote!(request.form(#v)?;)))]
        }
        BodyPayload::Bytes { content_type } => vec![body_input(
            quote!(::std::vec::Vec<u8>),
            quote!(impl ::std::convert::Into<::std::vec::Vec<u8>>),
            quote!(body.into()),
            {
                let content_type = content_type.clone();
                Box::new(move |v| quote!(request.bytes(::std::clone::Clone::clone(#v), #content_type);))
            },
        )],
        BodyPayload::Multipart { parts } => parts
            .iter()
            .map(|part| {
                let n = ident(&part.name.rust);
                let wire = part.name.wire.clone();
                let (ty, arg, store, add): (_, _, _, Box<dyn Fn(TokenStream) -> TokenStream>) = match &part.ty {
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
                        (t.clone(), t, quote!(#n), Box::new(move |v| quote!(form.text(#wire, #v);)))
                    }
                    Some(t) => {
                        let t = type_tokens(api, t);
                        (t.clone(), t, quote!(#n), Box::new(move |v| quote!(form.json(#wire, #v)?;)))
                    }
                };
                BodyInput { name: n, wire: part.name.wire.clone(), doc: part.doc.clone(), required: part.required, ty, arg, store, add }
            })
            .collect(),
    }
}

/// Statements building the request body from the builder's fields.
fn body_statements(op: &Operation, inputs: &[BodyInput]) -> TokenStream {
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

fn method_tokens(m: HttpMethod) -> TokenStream {
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

fn payload_type(api: &Api, payload: &Payload) -> TokenStream {
    match payload {
        Payload::Json(t) => type_tokens(api, t),
        Payload::Text => quote!(::std::string::String),
        Payload::Bytes => quote!(::std::vec::Vec<u8>),
        Payload::Empty => quote!(()),
    }
}

/// The expression decoding a success `response` of this payload, its value passed to `wrap`
/// (a variant of the output enum) when there is one.
fn decode(payload: &Payload, wrap: Option<TokenStream>) -> TokenStream {
    let ok = |value: TokenStream| match &wrap {
        Some(w) => quote!(::std::result::Result::Ok(#w(#value))),
        None => quote!(::std::result::Result::Ok(#value)),
    };
    match (payload, &wrap) {
        (Payload::Json(_), Some(w)) => quote!(response.json().map(#w)),
        (Payload::Json(_), None) => quote!(response.json()),
        (Payload::Text, _) => ok(quote!(response.text())),
        (Payload::Bytes, _) => ok(quote!(response.into_bytes())),
        (Payload::Empty, Some(w)) => quote!(::std::result::Result::Ok(#w)),
        (Payload::Empty, None) => quote!(::std::result::Result::Ok(())),
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
        if input.required { quote!(#n: #t,) } else { quote!(#n: ::std::option::Option<#t>,) }
    });
    let setters = op.params.iter().filter(|p| !p.required).map(|p| {
        let n = ident(&p.name.rust);
        let doc = doc_attrs(Some(p.doc.as_deref().unwrap_or(&format!("Sets the `{}` parameter.", p.name.wire))));
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
        let fallback = if input.wire == "body" { "Sets the request body.".to_string() } else { format!("Sets the `{}` part of the body.", input.wire) };
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
            if add.is_empty() { add } else { quote!(if let ::std::option::Option::Some(value) = &self.#n { #add }) }
        }
    });
    let body = body_statements(op, &inputs);
    let method = method_tokens(op.method);
    let checks = operation_checks(op, &validated_types(api));
    let adds_anything = op.body.is_some() || op.params.iter().any(|p| p.location != ParamLocation::Path);
    let mutable = adds_anything.then(|| quote!(mut));

    // `send` decodes the first success status and every other one with the same body type;
    // `send_any` tells apart statuses whose bodies differ.
    let primary = op.responses.first();
    let same: Vec<&Response> = op.responses.iter().filter(|r| primary.is_some_and(|p| p.payload == r.payload)).collect();
    let (output, send_body) = match primary {
        Some(p) => {
            let statuses = same.iter().map(|r| proc_macro2::Literal::u16_unsuffixed(r.status));
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
        None => (quote!(()), quote! {
            self.client.execute(self.request()?, &self.options).await?;
            ::std::result::Result::Ok(())
        }),
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
        send_doc.push(format!(" The documented error responses are read with [`{}::from_error`].", op.error_enum));
    }
    let stream = op.pagination.as_ref().map(|p| stream_method(api, op, p));
    let (any, output_enum) = if op.responses.len() > 1 { send_any(api, op) } else { (TokenStream::new(), TokenStream::new()) };
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
            type IntoFuture = ::std::pin::Pin<::std::boxed::Box<dyn ::std::future::Future<Output = Self::Output> + ::std::marker::Send + 'c>>;

            fn into_future(self) -> Self::IntoFuture {
                ::std::boxed::Box::pin(self.send())
            }
        }

        #output_enum
        #error_enum
    }
}

/// The expression giving one path segment as a `String`.
fn segment(op: &Operation, s: &Segment) -> TokenStream {
    match s {
        Segment::Literal(l) => quote!(::std::string::String::from(#l)),
        Segment::Param(i) => {
            let n = ident(&op.params[*i].name.rust);
            quote!(::std::string::ToString::to_string(&self.#n))
        }
        Segment::Mixed(pieces) => {
            let pieces = pieces.iter().map(|p| segment(op, p));
            quote!([#(#pieces),*].concat())
        }
    }
}

/// The enum of an operation's documented error bodies, by status, and how to get one from an
/// `Error`.
fn error_enum(api: &Api, op: &Operation) -> TokenStream {
    if op.errors.is_empty() {
        return TokenStream::new();
    }
    let name = ident(&op.error_enum);
    let variants = op.errors.iter().map(|e| {
        let n = ident(&e.name.rust);
        let statuses = match e.statuses {
            StatusMatch::Exact(code) => format!("HTTP {code}"),
            StatusMatch::Range(digit) => format!("HTTP {digit}xx"),
            StatusMatch::Default => "Any other error status".to_string(),
        };
        let doc = doc_attrs(Some(&format!("{statuses}{}", e.doc.as_deref().map(|d| format!(": {d}")).unwrap_or_default())));
        match e.payload {
            Payload::Empty => quote!(#doc #n,),
            _ => {
                let t = payload_type(api, &e.payload);
                quote!(#doc #n(#t),)
            }
        }
    });
    let arms: Vec<(TokenStream, TokenStream)> = op.errors.iter().map(|e| {
        let n = ident(&e.name.rust);
        let pattern = match e.statuses {
            StatusMatch::Exact(code) => {
                let code = proc_macro2::Literal::u16_unsuffixed(code);
                quote!(#code)
            }
            StatusMatch::Range(digit) => {
                let (lo, hi) = (proc_macro2::Literal::u16_unsuffixed(digit * 100), proc_macro2::Literal::u16_unsuffixed(digit * 100 + 99));
                quote!(#lo..=#hi)
            }
            StatusMatch::Default => quote!(_),
        };
        let value = match e.payload {
            Payload::Empty => quote!(::std::option::Option::Some(Self::#n)),
            Payload::Json(_) => quote!(error.decode().map(Self::#n)),
            Payload::Text => quote!(::std::option::Option::Some(Self::#n(error.raw.clone()))),
            Payload::Bytes => quote!(::std::option::Option::Some(Self::#n(error.raw.clone().into_bytes()))),
        };
        (pattern, value)
    }).collect();
    let catch_all = (!op.errors.iter().any(|e| e.statuses == StatusMatch::Default)).then(|| quote!(_ => ::std::option::Option::None,));
    // Only a `default` response: every status is its; no match to make.
    let body = match (op.errors.as_slice(), arms.as_slice()) {
        ([only], [(_, value)]) if only.statuses == StatusMatch::Default => value.clone(),
        _ => {
            let arms = arms.iter().map(|(pattern, value)| quote!(#pattern => #value,));
            quote!(match error.status { #(#arms)* #catch_all })
        }
    };
    let doc = format!(" The documented error responses of `{}`, by status.", op.name.wire);
    quote! {
        #[doc = #doc]
        #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq)]
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variants)*
        }

        impl #name {
            /// The documented body of an [`Error::Api`](crate::Error::Api): `None` for any other
            /// error, a status the operation does not document, or a body without the documented
            /// shape (the error's `raw` field still has it).
            pub fn from_error(error: &crate::Error) -> ::std::option::Option<Self> {
                let crate::Error::Api(error) = error else { return ::std::option::Option::None };
                #body
            }
        }
    }
}

/// `send_any`, and the enum it returns, for operations with several success statuses.
fn send_any(api: &Api, op: &Operation) -> (TokenStream, TokenStream) {
    let output = ident(&op.output);
    let variants = op.responses.iter().map(|r| {
        let n = ident(&r.name.rust);
        let t = payload_type(api, &r.payload);
        let doc = format!("HTTP {}{}", r.status, r.doc.as_deref().map(|d| format!(": {d}")).unwrap_or_default());
        let doc = doc_attrs(Some(&doc));
        match r.payload {
            Payload::Empty => quote!(#doc #n,),
            _ => quote!(#doc #n(#t),),
        }
    });
    let arms = op.responses.iter().map(|r| {
        let n = ident(&r.name.rust);
        let status = proc_macro2::Literal::u16_unsuffixed(r.status);
        let decode = decode(&r.payload, Some(quote!(#output::#n)));
        quote!(#status => #decode,)
    });
    let enum_doc = format!(" The success responses of `{}`, by status.", op.name.wire);
    let method = quote! {
        /// Sends the request and decodes whichever documented success status the API answers.
        pub async fn send_any(self) -> ::std::result::Result<#output, crate::Error> {
            let response = self.client.execute(self.request()?, &self.options).await?;
            match response.status() {
                #(#arms)*
                _ => ::std::result::Result::Err(response.unexpected()),
            }
        }
    };
    let item = quote! {
        #[doc = #enum_doc]
        #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq)]
        #[allow(clippy::large_enum_variant)]
        pub enum #output {
            #(#variants)*
        }
    };
    (method, item)
}

/// `stream()`: every item of every page, for cursor-paged lists.
fn stream_method(api: &Api, op: &Operation, p: &Pagination) -> TokenStream {
    let Some(TypeRef::Named(id)) = op.responses.first().and_then(|r| r.ty()) else {
        unreachable!("the pagination pass only marks operations whose response is a struct")
    };
    let TypeKind::Struct(s) = &api.get(*id).kind else { unreachable!("checked by the pagination pass") };
    let item = type_tokens(api, &p.item);
    let cursor = &op.params[p.cursor_param];
    let cursor_name = ident(&cursor.name.rust);
    let set_cursor = if cursor.required { quote!(cursor) } else { quote!(::std::option::Option::Some(cursor)) };
    let (items, next) = (&s.fields[p.items_field], &s.fields[p.next_cursor_field]);
    let (items_name, next_name) = (ident(&items.name.rust), ident(&next.name.rust));
    let items_expr = match (items.optional(), items.nullable) {
        (false, false) => quote!(response.#items_name),
        (true, true) => quote!(response.#items_name.flatten().unwrap_or_default()),
        _ => quote!(response.#items_name.unwrap_or_default()),
    };
    let next_expr = match (next.optional(), next.nullable) {
        (false, false) => quote!(::std::option::Option::Some(response.#next_name)),
        (true, true) => quote!(response.#next_name.flatten()),
        _ => quote!(response.#next_name),
    };
    let doc = format!(
        " Every item of every page, fetching each page as the stream is read: it follows `{}` until the API returns none, or one it returned before. Parameters set on this request apply to every page.",
        next.name.wire
    );
    quote! {
        #[doc = #doc]
        pub fn stream(self) -> impl ::futures_util::Stream<Item = ::std::result::Result<#item, crate::Error>> + ::std::marker::Send + 'c {
            crate::paginate::paginate(self, |mut page: Self, cursor| async move {
                if let ::std::option::Option::Some(cursor) = cursor {
                    page.#cursor_name = #set_cursor;
                }
                let response = page.send().await?;
                ::std::result::Result::Ok((#items_expr, #next_expr))
            })
        }
    }
}
