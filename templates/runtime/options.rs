//! Settings one call may change for itself, over the client's.

use std::time::Duration;

/// Per-request settings; every operation's builder sets them through its `timeout`,
/// `max_retries`, `extra_header` and `extra_query` methods.
#[derive(Debug, Clone, Default)]
pub struct RequestOptions {
    pub(crate) timeout: Option<Option<Duration>>,
    pub(crate) max_retries: Option<u32>,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) query: Vec<(String, String)>,
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
