//! How a generated client is given its credentials: `Client::new`'s arguments, the environment
//! variables `Client::from_env` reads, and the README's sentence about them, all from the
//! first security scheme the API requires.

use heck::ToShoutySnakeCase;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::Target;
use crate::ir::{Api, Auth};

/// One credential: the argument of `Client::new` and the environment variable it comes from.
pub struct Credential {
    pub arg: &'static str,
    /// The constant naming the variable, e.g. `ENV_API_KEY`.
    pub constant: &'static str,
    /// The variable, e.g. `SCENARIO_SDK_API_KEY`.
    pub variable: String,
    pub doc: &'static str,
}

pub struct Setup {
    pub credentials: Vec<Credential>,
    /// How the credentials are sent, for the README and `Client::new`'s documentation.
    pub sentence: String,
    /// The `ClientBuilder` method that takes them, after any fixed first argument (the header
    /// of an API key); `None` without credentials.
    method: Option<(&'static str, Option<String>)>,
}

pub fn setup(api: &Api, target: &Target) -> Setup {
    let prefix = target.crate_name.to_shouty_snake_case();
    let credential = |arg, constant, suffix: &str, doc| Credential {
        arg,
        constant,
        variable: format!("{prefix}_{suffix}"),
        doc,
    };
    let api_key = " The environment variable [`Client::from_env`] reads the API key from.";
    match api.auth.first() {
        Some(Auth::Basic { .. }) => Setup {
            credentials: vec![
                credential("api_key", "ENV_API_KEY", "API_KEY", api_key),
                credential(
                    "api_secret",
                    "ENV_API_SECRET",
                    "API_SECRET",
                    " The environment variable [`Client::from_env`] reads the API secret from.",
                ),
            ],
            sentence: "HTTP Basic: an API key and its secret".into(),
            method: Some(("credentials", None)),
        },
        Some(Auth::Bearer { .. }) => Setup {
            credentials: vec![credential(
                "token",
                "ENV_TOKEN",
                "TOKEN",
                " The environment variable [`Client::from_env`] reads the bearer token from.",
            )],
            sentence: "a bearer token (`Authorization: Bearer ...`)".into(),
            method: Some(("bearer_token", None)),
        },
        Some(Auth::ApiKeyHeader { header, .. }) => Setup {
            credentials: vec![credential("api_key", "ENV_API_KEY", "API_KEY", api_key)],
            sentence: format!("an API key sent in the `{header}` header"),
            method: Some(("api_key_header", Some(header.clone()))),
        },
        None => Setup {
            credentials: Vec::new(),
            sentence: "no credentials".into(),
            method: None,
        },
    }
}

impl Setup {
    /// The `ClientBuilder` call that takes the credentials, given as these expressions.
    fn call(&self, args: &[TokenStream]) -> TokenStream {
        let Some((method, first)) = &self.method else {
            return TokenStream::new();
        };
        let method = format_ident!("{method}");
        let first = first.iter();
        quote!(.#method(#(#first,)* #(#args),*))
    }

    /// `Client::new`, `Client::from_env` and the constants naming the variables.
    pub fn items(&self) -> TokenStream {
        let args: Vec<_> = self
            .credentials
            .iter()
            .map(|c| format_ident!("{}", c.arg))
            .collect();
        let arg_exprs: Vec<TokenStream> = args.iter().map(|a| quote!(#a)).collect();
        let new_call = self.call(&arg_exprs);
        let consts = self.credentials.iter().map(|c| {
            let (name, value, doc) = (format_ident!("{}", c.constant), &c.variable, c.doc);
            quote!(#[doc = #doc] pub const #name: &str = #value;)
        });
        let env_exprs: Vec<TokenStream> = self
            .credentials
            .iter()
            .map(|c| {
                let name = format_ident!("{}", c.constant);
                quote!(var(#name)?)
            })
            .collect();
        let env_call = self.call(&env_exprs);
        let var = (!self.credentials.is_empty()).then(|| {
            quote! {
                let var = |name: &'static str| {
                    ::std::env::var(name).map_err(|_| Error::Config(::std::format!("the environment variable {name} is not set")))
                };
            }
        });
        let new_doc = format!(
            " A client with every setting at its default, authenticating with {}.",
            self.sentence
        );
        let from_env_doc = match self.credentials.as_slice() {
            [] => " A client configured from the environment: the base URL from [`ENV_BASE_URL`] when it is set.".to_string(),
            creds => format!(
                " A client configured from the environment: the credentials from {}, and the base URL from [`ENV_BASE_URL`] when it is set.",
                creds.iter().map(|c| format!("[`{}`]", c.constant)).collect::<Vec<_>>().join(" and ")
            ),
        };
        let panics = (!self.credentials.is_empty()).then(|| {
            quote! {
                ///
                /// # Panics
                ///
                /// When a credential cannot be sent in an HTTP header (it holds a line break, say);
                /// [`Client::builder`] returns that as an error instead.
            }
        });
        // Without credentials, `new` takes nothing: `Default` is the same client.
        let default = self.credentials.is_empty().then(|| {
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
}
