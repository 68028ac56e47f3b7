//! What a request builder does with the answer: success bodies decoded by status (`send`,
//! `send_any`), documented error bodies read back from an `Error`, pages streamed.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc_attrs;
use super::types::{ident, name, type_tokens};
use crate::ir::*;

pub(super) fn payload_type(api: &Api, payload: &Payload) -> TokenStream {
    match payload {
        Payload::Json(t) => type_tokens(api, t),
        Payload::Text => quote!(String),
        Payload::Bytes => quote!(Vec<u8>),
        Payload::Empty => quote!(()),
    }
}

/// The expression decoding a success `response` of this payload into `variant` of the
/// output enum.
fn decode(payload: &Payload, variant: TokenStream) -> TokenStream {
    match payload {
        Payload::Json(_) => quote!(response.json().map(#variant)),
        Payload::Text => quote!(Ok(#variant(response.text()))),
        Payload::Bytes => quote!(Ok(#variant(response.into_bytes()))),
        Payload::Empty => quote!(Ok(#variant)),
    }
}

/// The enum of an operation's documented error bodies, by status, and how to get one from an
/// `Error`.
pub(super) fn error_enum(api: &Api, op: &Operation) -> TokenStream {
    let Some(error_enum) = &op.error_enum else {
        return TokenStream::new();
    };
    let enum_name = ident(error_enum);
    let variants = op.errors.iter().map(|e| {
        let n = name(&e.name);
        let statuses = match e.statuses {
            StatusMatch::Exact(code) => format!("HTTP {code}"),
            StatusMatch::Range(digit) => format!("HTTP {digit}xx"),
            StatusMatch::Default => "Any other error status".to_string(),
        };
        let doc = doc_attrs(Some(&format!(
            "{statuses}{}",
            e.doc
                .as_deref()
                .map(|d| format!(": {d}"))
                .unwrap_or_default()
        )));
        match e.payload {
            Payload::Empty => quote!(#doc #n,),
            _ => {
                let t = payload_type(api, &e.payload);
                quote!(#doc #n(#t),)
            }
        }
    });
    let arms: Vec<(TokenStream, TokenStream)> = op
        .errors
        .iter()
        .map(|e| {
            let n = name(&e.name);
            let pattern = match e.statuses {
                StatusMatch::Exact(code) => {
                    let code = proc_macro2::Literal::u16_unsuffixed(code);
                    quote!(#code)
                }
                StatusMatch::Range(digit) => {
                    let (lo, hi) = (
                        proc_macro2::Literal::u16_unsuffixed(digit * 100),
                        proc_macro2::Literal::u16_unsuffixed(digit * 100 + 99),
                    );
                    quote!(#lo..=#hi)
                }
                StatusMatch::Default => quote!(_),
            };
            let value = match e.payload {
                Payload::Empty => quote!(Some(Self::#n)),
                Payload::Json(_) => quote!(error.decode().map(Self::#n)),
                Payload::Text => quote!(Some(Self::#n(error.raw.clone()))),
                Payload::Bytes => {
                    quote!(Some(Self::#n(error.raw.clone().into_bytes())))
                }
            };
            (pattern, value)
        })
        .collect();
    let catch_all =
        (!op.errors.iter().any(|e| e.statuses == StatusMatch::Default)).then(|| quote!(_ => None,));
    // Only a `default` response: every status is its; no match to make.
    let body = match (op.errors.as_slice(), arms.as_slice()) {
        ([only], [(_, value)]) if only.statuses == StatusMatch::Default => value.clone(),
        _ => {
            let arms = arms
                .iter()
                .map(|(pattern, value)| quote!(#pattern => #value,));
            quote!(match error.status { #(#arms)* #catch_all })
        }
    };
    let doc = format!(
        " The documented error responses of `{}`, by status.",
        op.name.wire
    );
    let non_exhaustive = op
        .status_enums_non_exhaustive
        .then(|| quote!(#[non_exhaustive]));
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        #non_exhaustive
        pub enum #enum_name {
            #(#variants)*
        }

        impl #enum_name {
            /// The documented body of an [`Error::Api`](crate::Error::Api): `None` for any other
            /// error, a status the operation does not document, or a body without the documented
            /// shape (the error's `raw` field still has it).
            pub fn from_error(error: &crate::Error) -> Option<Self> {
                let crate::Error::Api(error) = error else { return None };
                #body
            }
        }
    }
}

/// `send_any`, and the enum it returns, for operations with several success statuses.
pub(super) fn send_any(api: &Api, op: &Operation, output: &Ident) -> (TokenStream, TokenStream) {
    let output = ident(output);
    let variants = op.responses.iter().map(|r| {
        let n = name(&r.name);
        let t = payload_type(api, &r.payload);
        let doc = format!(
            "HTTP {}{}",
            r.status,
            r.doc
                .as_deref()
                .map(|d| format!(": {d}"))
                .unwrap_or_default()
        );
        let doc = doc_attrs(Some(&doc));
        match r.payload {
            Payload::Empty => quote!(#doc #n,),
            _ => quote!(#doc #n(#t),),
        }
    });
    let arms = op.responses.iter().map(|r| {
        let n = name(&r.name);
        let status = proc_macro2::Literal::u16_unsuffixed(r.status);
        let decode = decode(&r.payload, quote!(#output::#n));
        quote!(#status => #decode,)
    });
    let enum_doc = format!(" The success responses of `{}`, by status.", op.name.wire);
    let method = quote! {
        /// Sends the request and decodes whichever documented success status the API answers.
        pub async fn send_any(self) -> Result<#output, crate::Error> {
            let response = self.client.execute(self.request()?, &self.options).await?;
            match response.status() {
                #(#arms)*
                _ => Err(response.unexpected()),
            }
        }
    };
    let non_exhaustive = op
        .status_enums_non_exhaustive
        .then(|| quote!(#[non_exhaustive]));
    let item = quote! {
        #[doc = #enum_doc]
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        #non_exhaustive
        pub enum #output {
            #(#variants)*
        }
    };
    (method, item)
}

/// `stream()`: every item of every page, for cursor-paged lists.
pub(super) fn stream_method(api: &Api, op: &Operation, p: &Pagination) -> TokenStream {
    let s = api.struct_of(p.page);
    let item = type_tokens(api, &p.item);
    let cursor = &op.params[p.cursor_param];
    let cursor_name = name(&cursor.name);
    let set_cursor = if cursor.required {
        quote!(cursor)
    } else {
        quote!(Some(cursor))
    };
    let (items, next) = (&s.fields[p.items_field], &s.fields[p.next_cursor_field]);
    let (items_name, next_name) = (name(&items.name), name(&next.name));
    let items_expr = match (items.optional(), items.nullable) {
        (false, false) => quote!(response.#items_name),
        (true, true) => quote!(response.#items_name.flatten().unwrap_or_default()),
        _ => quote!(response.#items_name.unwrap_or_default()),
    };
    let next_expr = match (next.optional(), next.nullable) {
        (false, false) => quote!(Some(response.#next_name)),
        (true, true) => quote!(response.#next_name.flatten()),
        _ => quote!(response.#next_name),
    };
    let doc = format!(
        " Every item of every page, fetching each page as the stream is read: it follows `{}` until the API returns none, or one it returned before. Parameters set on this request apply to every page.",
        next.name.wire
    );
    quote! {
        #[doc = #doc]
        pub fn stream(self) -> impl ::futures_util::Stream<Item = Result<#item, crate::Error>> + Send + 'c {
            crate::paginate::paginate(self, |mut page: Self, cursor| async move {
                if let Some(cursor) = cursor {
                    page.#cursor_name = #set_cursor;
                }
                let response = page.send().await?;
                Ok((#items_expr, #next_expr))
            })
        }
    }
}
