//! `src/lib.rs`: the crate's modules, its constants and the client's resource accessors.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::{fixed, ident, name, type_tokens};
use crate::ir::{Api, named};
use crate::target::Target;

pub fn lib_rs(api: &Api, target: &Target) -> TokenStream {
    let base_url = api
        .base_url
        .clone()
        .unwrap_or_else(|| "http://localhost".to_string());
    let url = &api.credentials.env_base_url;
    let auth = super::auth::items(&api.credentials);
    let agent = format!("{}-rust/", target.crate_name);
    let error_body = match &api.error_body {
        Some(t) => type_tokens(api, t),
        None => quote!(::serde_json::Value),
    };
    let accessors = api.resources.iter().map(|r| {
        let m = name(&r.name);
        let h = ident(named(&r.handle));
        let doc = format!(" The `{}` operations.", r.name.wire);
        quote! {
            #[doc = #doc]
            pub fn #m(&self) -> resources::#m::#h<'_> {
                resources::#m::#h::new(self)
            }
        }
    });
    let job_model = match api.job_model {
        Some(id) => {
            let n = name(&api.get(id).name);
            quote!(crate::models::#n)
        }
        None => quote!(::serde_json::Value),
    };
    let extensions = target.extensions.iter().map(|(file, _)| {
        let m = fixed(file.trim_end_matches(".rs"));
        quote! {
            mod #m;
            pub use #m::*;
        }
    });
    let multipart = api.needs.file_parts.then(|| {
        quote!(
            pub use multipart::FilePart;
        )
    });
    quote! {
        #![doc = include_str!("../README.md")]
        #![deny(missing_docs)]

        #[allow(dead_code)]
        mod client;
        mod error;
        pub mod models;
        #[allow(dead_code)]
        mod multipart;
        mod options;
        #[allow(dead_code)]
        mod paginate;
        // The runtime serves every description; one that has no query arrays, say, leaves
        // parts of it unused.
        #[allow(dead_code)]
        mod request;
        // Operations on deprecated types warn the code that calls them, not this crate.
        #[allow(deprecated)]
        pub mod resources;
        #[allow(dead_code)]
        mod retry;
        #[allow(dead_code)]
        mod serde_util;
        #[allow(dead_code)]
        mod validate;

        pub use client::{Client, ClientBuilder};
        pub use error::{ApiError, Error, JobError, JobOutcome};
        pub use options::RequestOptions;
        #multipart
        pub use serde_util::Bytes;
        pub use ::futures_util::{Stream, StreamExt, TryStreamExt};

        /// Where the API is served, unless the client is told otherwise.
        pub const DEFAULT_BASE_URL: &str = #base_url;
        #auth
        /// The environment variable [`Client::from_env`] reads a base URL from, when it is set.
        pub const ENV_BASE_URL: &str = #url;

        pub(crate) const USER_AGENT: &str = concat!(#agent, env!("CARGO_PKG_VERSION"));

        /// The shape of the API's error bodies.
        pub(crate) type ApiErrorBody = #error_body;
        /// The job that [`Error::Job`] carries.
        pub(crate) type JobModel = #job_model;

        #(#extensions)*

        impl Client {
            #(#accessors)*
        }
    }
}
