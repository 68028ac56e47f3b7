//! Settings one call may change for itself, over the client's.

use std::sync::Arc;
use std::time::Duration;

use crate::client::Preflight;

/// Per-request settings, kept by every operation's builder and set through its `timeout`,
/// `max_retries`, `extra_header` and `extra_query` methods (not exported: nothing public takes
/// one).
#[derive(Debug, Clone, Default)]
pub struct RequestOptions {
    pub(crate) timeout: Option<Option<Duration>>,
    pub(crate) max_retries: Option<u32>,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) query: Vec<(String, String)>,
    /// The check to run before sending, instead of the client's: `Some(None)` runs none.
    /// Extensions set it through a builder's `options_mut` (the Scenario SDK's input check).
    pub(crate) preflight: Option<Option<Arc<dyn Preflight>>>,
}

impl RequestOptions {
    /// The time the request may take (each attempt), instead of the client's; `None` for no limit.
    pub fn timeout(mut self, timeout: Option<Duration>) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// How many times a failed attempt may be retried, instead of the client's setting
    /// ([`ClientBuilder::max_retries`](crate::ClientBuilder::max_retries)); `0` sends it once.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }

    /// A header sent with this request only, after the client's default headers.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// A query parameter sent with this request only, after the operation's own.
    pub fn query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((name.into(), value.into()));
        self
    }
}

/// The setters every operation builder has for its `options: RequestOptions` field, written
/// once here rather than emitted into each builder. (A description without operations never
/// calls it, hence the `allow`s.)
#[allow(unused_macros)]
macro_rules! request_option_setters {
    () => {
        /// Overrides the client's timeout for this request; `None` for no limit.
        pub fn timeout(mut self, timeout: ::std::option::Option<::std::time::Duration>) -> Self {
            self.options = self.options.timeout(timeout);
            self
        }

        /// Overrides the client's number of retries for this request.
        pub fn max_retries(mut self, retries: u32) -> Self {
            self.options = self.options.max_retries(retries);
            self
        }

        /// Adds a header to this request.
        pub fn extra_header(
            mut self,
            name: impl ::std::convert::Into<::std::string::String>,
            value: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            self.options = self.options.header(name, value);
            self
        }

        /// Adds a query parameter to this request, for parameters the description does not list.
        pub fn extra_query(
            mut self,
            name: impl ::std::convert::Into<::std::string::String>,
            value: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            self.options = self.options.query(name, value);
            self
        }

        /// This request's settings, for per-call settings that extensions add to some builders.
        #[allow(dead_code)]
        pub(crate) fn options_mut(&mut self) -> &mut crate::options::RequestOptions {
            &mut self.options
        }
    };
}

#[allow(unused_imports)]
pub(crate) use request_option_setters;

/// What `.await` on an operation builder runs: its `send`, boxed (the builder's `IntoFuture`
/// names this rather than spelling the type out in every builder). A description without
/// operations never names it, hence the `allow`.
#[allow(dead_code)]
pub(crate) type Sending<'c, T> =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<T, crate::Error>> + Send + 'c>>;
