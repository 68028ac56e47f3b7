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
    let doc = format!(
        " Operations on `{}`: see [`{}`](crate::resources::{}::{}).",
        r.name.wire,
        r.handle,
        r.name.rust,
        r.handle
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
        inits.push(quote!(#n: #store));
    }
    for p in op.params.iter().filter(|p| !p.required) {
        let n = ident(&p.name.rust);
        inits.push(quote!(#n: ::std::option::Option::None));
    }
    if let Some(body) = &op.body {
        let t = type_tokens(api, &body.ty);
        if body.required {
            args.push(quote!(body: #t));
            inits.push(quote!(body));
        } else {
            inits.push(quote!(body: ::std::option::Option::None));
        }
    }
    quote! {
        #doc
        pub fn #name(&self, #(#args),*) -> #builder<'c> {
            #builder { client: self.client, options: ::std::default::Default::default(), #(#inits,)* }
        }
    }
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
            quote!(request.query_list(#wire, #value, #explode);)
        }
        (ParamLocation::Query, ty) if displayable(api, ty) => quote!(request.query(#wire, #value);),
        (ParamLocation::Query, _) => quote!(request.query_json(#wire, #value)?;),
        (ParamLocation::Header, ty) if displayable(api, ty) => quote!(request.header(#wire, #value);),
        (ParamLocation::Header, _) => quote!(request.header_json(#wire, #value)?;),
        (ParamLocation::Path, _) => TokenStream::new(),
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

fn response_type(api: &Api, r: &Response) -> TokenStream {
    match &r.ty {
        Some(t) => type_tokens(api, t),
        None => quote!(()),
    }
}

fn decode(r: &Response) -> TokenStream {
    if r.ty.is_some() { quote!(response.json()) } else { quote!(::std::result::Result::Ok(())) }
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
    let body_field = op.body.as_ref().map(|b| {
        let t = type_tokens(api, &b.ty);
        if b.required { quote!(body: #t,) } else { quote!(body: ::std::option::Option<#t>,) }
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
    let body_setter = op.body.as_ref().filter(|b| !b.required).map(|b| {
        let t = type_tokens(api, &b.ty);
        let doc = doc_attrs(Some(b.doc.as_deref().unwrap_or("Sets the request body.")));
        quote! {
            #doc
            pub fn body(mut self, body: #t) -> Self {
                self.body = ::std::option::Option::Some(body);
                self
            }
        }
    });

    let segments = op.segments.iter().map(|s| match s {
        Segment::Literal(l) => quote!(::std::string::String::from(#l)),
        Segment::Param(i) => {
            let n = ident(&op.params[*i].name.rust);
            quote!(::std::string::ToString::to_string(&self.#n))
        }
    });
    let params = op.params.iter().map(|p| {
        let n = ident(&p.name.rust);
        if p.required {
            add_param(api, p, quote!(&self.#n))
        } else {
            let add = add_param(api, p, quote!(value));
            if add.is_empty() { add } else { quote!(if let ::std::option::Option::Some(value) = &self.#n { #add }) }
        }
    });
    let body = op.body.as_ref().map(|b| {
        if b.required {
            quote!(request.json(&self.body)?;)
        } else {
            quote!(if let ::std::option::Option::Some(body) = &self.body { request.json(body)?; })
        }
    });
    let method = method_tokens(op.method);
    let checks = operation_checks(op, &validated_types(api));
    let adds_anything = op.body.is_some() || op.params.iter().any(|p| p.location != ParamLocation::Path);
    let mutable = adds_anything.then(|| quote!(mut));

    let primary = op.responses.first();
    let (output, arms) = match primary {
        Some(p) => {
            let status = proc_macro2::Literal::u16_unsuffixed(p.status);
            let decode = decode(p);
            (response_type(api, p), quote!(#status => #decode, _ => ::std::result::Result::Err(response.unexpected()),))
        }
        None => (quote!(()), quote!(_ => ::std::result::Result::Ok(()),)),
    };
    let send_doc = match primary {
        Some(p) if op.responses.len() > 1 => format!(
            " Sends the request and decodes the HTTP {} response; any other success status is an [`Error::UnexpectedStatus`](crate::Error::UnexpectedStatus) (use [`send_any`](Self::send_any) to accept every documented one).",
            p.status
        ),
        _ => " Sends the request and decodes the response.".to_string(),
    };
    let stream = op.pagination.as_ref().map(|p| stream_method(api, op, p));
    let (any, output_enum) = if op.responses.len() > 1 { send_any(api, op) } else { (TokenStream::new(), TokenStream::new()) };

    quote! {
        #[doc = #doc]
        #[derive(::std::fmt::Debug, ::std::clone::Clone)]
        #[must_use = "a request does nothing until it is sent or awaited"]
        pub struct #builder<'c> {
            client: &'c crate::Client,
            options: crate::RequestOptions,
            #(#fields)*
            #body_field
        }

        impl<'c> #builder<'c> {
            #(#setters)*
            #body_setter

            crate::options::request_option_setters!();

            fn request(&self) -> ::std::result::Result<crate::request::ApiRequest, crate::Error> {
                #checks
                let #mutable request = crate::request::ApiRequest::new(#method, ::std::vec![#(#segments),*]);
                #(#params)*
                #body
                ::std::result::Result::Ok(request)
            }

            #[doc = #send_doc]
            pub async fn send(self) -> ::std::result::Result<#output, crate::Error> {
                let response = self.client.execute(self.request()?, &self.options).await?;
                match response.status() {
                    #arms
                }
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
    }
}

/// `send_any`, and the enum it returns, for operations with several success statuses.
fn send_any(api: &Api, op: &Operation) -> (TokenStream, TokenStream) {
    let output = ident(&op.output);
    let variants = op.responses.iter().map(|r| {
        let n = ident(&r.name.rust);
        let t = response_type(api, r);
        let doc = format!("HTTP {}{}", r.status, r.doc.as_deref().map(|d| format!(": {d}")).unwrap_or_default());
        let doc = doc_attrs(Some(&doc));
        quote!(#doc #n(#t),)
    });
    let arms = op.responses.iter().map(|r| {
        let n = ident(&r.name.rust);
        let status = proc_macro2::Literal::u16_unsuffixed(r.status);
        let decode = decode(r);
        quote!(#status => #decode.map(#output::#n),)
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
    let Some(TypeRef::Named(id)) = op.responses.first().and_then(|r| r.ty.as_ref()) else {
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
