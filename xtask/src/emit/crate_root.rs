//! The crate root: `src/lib.rs` (modules and re-exports) and `src/setup.rs` (constants,
//! credentials, the client's resource accessors).

use proc_macro2::TokenStream;
use quote::quote;

use super::types::{Paths, fixed, ident, name, type_tokens_in};
use crate::ir::{Api, named};
use crate::target::Target;

/// `src/setup.rs`: the crate's constants, `Client::new`/`from_env` and the resource accessors.
pub fn setup_rs(api: &Api, target: &Target) -> TokenStream {
    let base_url = api
        .base_url
        .clone()
        .unwrap_or_else(|| "http://localhost".to_string());
    let url = &api.credentials.env_base_url;
    let auth = super::auth::items(&api.credentials);
    let agent = format!("{}-rust/", target.crate_name);
    let error_body = match &api.error_body {
        Some(t) => type_tokens_in(api, t, Paths::ABSOLUTE),
        None => quote!(::serde_json::Value),
    };
    let accessors = api.resources.iter().map(|r| {
        let m = name(&r.name);
        let h = ident(named(&r.handle));
        let doc = super::resources::resource_doc(r);
        quote! {
            #[doc = #doc]
            pub fn #m(&self) -> crate::resources::#m::#h<'_> {
                crate::resources::#m::#h::new(self)
            }
        }
    });
    quote! {
        //! What the client of this API is set up with: where the API is, how it is given its
        //! credentials, and an accessor per resource.

        use crate::{Client, Error};

        /// Where the API is served, unless the client is told otherwise.
        pub const DEFAULT_BASE_URL: &str = #base_url;
        #auth
        /// The environment variable [`Client::from_env`] reads a base URL from, when it is set.
        pub const ENV_BASE_URL: &str = #url;

        pub(crate) const USER_AGENT: &str = concat!(#agent, env!("CARGO_PKG_VERSION"));

        /// The shape of the API's error bodies.
        pub(crate) type ApiErrorBody = #error_body;

        impl Client {
            #(#accessors)*
        }
    }
}

/// A module of the crate root, with the lints it allows.
struct Module {
    name: String,
    public: bool,
    /// The runtime serves every description; one that has no query arrays, say, leaves parts
    /// of it unused.
    allow_dead_code: bool,
    /// Operations on deprecated types warn the code that calls them, not this crate.
    allow_deprecated: bool,
}

/// `src/lib.rs`: module declarations and re-exports only, in the order rustfmt keeps them, so
/// the file is the same whether or not a user's `cargo fmt` reaches it. Every module is
/// `#[rustfmt::skip]`: their layout is prettyplease's, and a vendoring workspace's `cargo fmt`
/// must not rewrite them.
pub fn lib_rs(api: &Api, target: &Target) -> TokenStream {
    let module = |name: &str, public: bool, allow_dead_code: bool| Module {
        name: name.to_string(),
        public,
        allow_dead_code,
        allow_deprecated: false,
    };
    let mut modules: Vec<Module> = super::runtime::FILES
        .iter()
        .map(|(file, _)| {
            let name = file.trim_end_matches(".rs");
            module(name, false, name != "error")
        })
        .collect();
    modules.push(module("models", true, false));
    modules.push(Module {
        allow_deprecated: true,
        ..module("resources", true, false)
    });
    modules.push(module("setup", false, false));
    if !api.model_inputs.is_empty() {
        modules.push(module("inputs", true, false));
    }
    modules.extend(
        target
            .extensions
            .iter()
            .map(|(file, _)| module(file.trim_end_matches(".rs"), false, false)),
    );
    modules.sort_by(|a, b| a.name.cmp(&b.name));
    let declarations = modules.iter().map(|m| {
        let n = fixed(&m.name);
        let vis = m.public.then(|| quote!(pub));
        let dead = m.allow_dead_code.then(|| quote!(#[allow(dead_code)]));
        let deprecated = m.allow_deprecated.then(|| quote!(#[allow(deprecated)]));
        quote!(#dead #deprecated #[rustfmt::skip] #vis mod #n;)
    });
    // As rustfmt orders them: a path from the root first, then by path.
    let mut uses = vec![
        "::futures_util::{Stream, StreamExt, TryStreamExt}".to_string(),
        "::serde_json".to_string(),
        "client::{Client, ClientBuilder}".to_string(),
        "error::{ApiError, Error}".to_string(),
        "serde_util::Bytes".to_string(),
        "setup::*".to_string(),
    ];
    if api.needs.file_parts {
        uses.push("multipart::FilePart".to_string());
    }
    uses.extend(
        target
            .extensions
            .iter()
            .map(|(file, _)| format!("{}::*", file.trim_end_matches(".rs"))),
    );
    uses.sort_by_key(|u| (!u.starts_with("::"), u.clone()));
    let uses = uses.iter().map(|u| {
        let path: TokenStream = u.parse().expect("a use path");
        quote!(pub use #path;)
    });
    quote! {
        #![doc = include_str!("../README.md")]
        #![deny(missing_docs)]

        #(#declarations)*

        #(#uses)*
    }
}
