//! How a generated client is given its credentials: `Client::new`'s arguments and the
//! environment variables `Client::from_env` reads, as the `client` pass named them.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::Credentials;

/// The `ClientBuilder` call that takes the credentials, given as these expressions.
fn call(c: &Credentials, args: &[TokenStream]) -> TokenStream {
    let Some(method) = &c.method else {
        return TokenStream::new();
    };
    let method = format_ident!("{method}");
    let first = c.fixed_arg.iter();
    quote!(.#method(#(#first,)* #(#args),*))
}

/// `Client::new`, `Client::from_env` and the constants naming the variables.
pub fn items(c: &Credentials) -> TokenStream {
    let args: Vec<_> = c.list.iter().map(|c| format_ident!("{}", c.arg)).collect();
    let arg_exprs: Vec<TokenStream> = args.iter().map(|a| quote!(#a)).collect();
    let new_call = call(c, &arg_exprs);
    let consts = c.list.iter().map(|c| {
        let (name, value, doc) = (format_ident!("{}", c.constant), &c.variable, &c.doc);
        quote!(#[doc = #doc] pub const #name: &str = #value;)
    });
    let env_exprs: Vec<TokenStream> = c
        .list
        .iter()
        .map(|c| {
            let name = format_ident!("{}", c.constant);
            quote!(var(#name)?)
        })
        .collect();
    let env_call = call(c, &env_exprs);
    let var = (!c.list.is_empty()).then(|| {
            quote! {
                let var = |name: &'static str| {
                    ::std::env::var(name).map_err(|_| Error::Config(::std::format!("the environment variable {name} is not set")))
                };
            }
        });
    let new_doc = format!(
        " A client with every setting at its default, authenticating with {}.",
        c.sentence
    );
    let from_env_doc = match c.list.as_slice() {
            [] => " A client configured from the environment: the base URL from [`ENV_BASE_URL`] when it is set.".to_string(),
            creds => format!(
                " A client configured from the environment: the credentials from {}, and the base URL from [`ENV_BASE_URL`] when it is set.",
                creds.iter().map(|c| format!("[`{}`]", c.constant)).collect::<Vec<_>>().join(" and ")
            ),
        };
    let panics = (!c.list.is_empty()).then(|| {
        quote! {
            ///
            /// # Panics
            ///
            /// When a credential cannot be sent in an HTTP header (it holds a line break, say);
            /// [`Client::builder`] returns that as an error instead.
        }
    });
    // Without credentials, `new` takes nothing: `Default` is the same client.
    let default = c.list.is_empty().then(|| {
        quote! {
            impl ::std::default::Default for Client {
                fn default() -> Self {
                    Self::new()
                }
            }
        }
    });
    quote! {
        #(#consts)*
        #default

        impl Client {
            #[doc = #new_doc]
            #panics
            pub fn new(#(#args: impl ::std::convert::Into<::std::string::String>),*) -> Self {
                Self::builder() #new_call .build().expect("the credentials can be sent in a header")
            }

            #[doc = #from_env_doc]
            pub fn from_env() -> ::std::result::Result<Self, Error> {
                #var
                let mut builder = Self::builder() #env_call;
                if let ::std::result::Result::Ok(url) = ::std::env::var(ENV_BASE_URL) {
                    builder = builder.base_url(url);
                }
                builder.build()
            }
        }
    }
}
