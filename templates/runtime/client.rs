//! The client: where requests go, who sends them, and how they are sent.

use std::any::Any;
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use base64::Engine as _;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use crate::error::Error;
use crate::options::{RequestOptions, Sending};
use crate::request::{ApiRequest, ApiResponse};
use crate::retry::{DEFAULT_MAX_RETRIES, Retries};

/// The default time one attempt at a request may take.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// The default time to establish a connection.
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The default largest response body the client reads: 64 MiB.
const DEFAULT_MAX_RESPONSE_SIZE: u64 = 64 * 1024 * 1024;

/// A client of the API. Cheap to clone: clones share one connection pool.
///
/// Get one from [`Client::new`], [`Client::from_env`] or [`Client::builder`], then reach the
/// operations through its resource accessors.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base_url: reqwest::Url,
    credentials: Credentials,
    timeout: Option<Duration>,
    /// The user agent and default headers, sent with every request.
    headers: HeaderMap,
    max_retries: u32,
    retry_non_idempotent: bool,
    max_response_size: u64,
    /// The check every request goes through before it is sent, unless the call says otherwise.
    preflight: Option<Arc<dyn Preflight>>,
    /// What extensions keep per client, one value per type (see [`Client::state`]).
    state: Mutex<Vec<Arc<dyn Any + Send + Sync>>>,
}

/// A check of a request before it is sent, for what the description cannot say but the API can
/// be asked (the Scenario SDK checks a model's inputs against the model's own record). It is
/// given every request and answers `None` for those it does not cover; its error fails the call
/// before anything is sent.
pub(crate) trait Preflight: fmt::Debug + Send + Sync {
    fn check<'a>(&'a self, client: &'a Client, request: &'a ApiRequest) -> Option<Sending<'a, ()>>;
}

/// A secret that never shows in `Debug` output.
#[derive(Clone)]
struct Secret(String);

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"<redacted>\"")
    }
}

#[derive(Clone, Debug)]
enum Credentials {
    Basic { key: String, secret: Secret },
    Bearer(Secret),
    Header { name: String, value: Secret },
    None,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url.as_str())
            .field("credentials", &self.inner.credentials)
            .field("timeout", &self.inner.timeout)
            .field("max_retries", &self.inner.max_retries)
            .field("retry_non_idempotent", &self.inner.retry_non_idempotent)
            .field("max_response_size", &self.inner.max_response_size)
            .field("preflight", &self.inner.preflight)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A builder for a client with settings other than the defaults.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The URL every request path is appended to.
    pub fn base_url(&self) -> &str {
        self.inner.base_url.as_str()
    }

    /// The connection pool, for requests that go elsewhere than the API (uploads to storage),
    /// without the API's credentials and headers.
    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.inner.http
    }

    /// How long one attempt at a request may take.
    pub(crate) fn timeout(&self) -> Option<Duration> {
        self.inner.timeout
    }

    /// The largest response body the client reads, in bytes.
    pub(crate) fn max_response_size(&self) -> u64 {
        self.inner.max_response_size
    }

    /// The value of type `T` this client (and its clones) keeps for an extension, made with
    /// `T::default()` on first use: a cache that lives as long as the client.
    pub(crate) fn state<T: Any + Default + Send + Sync>(&self) -> Arc<T> {
        let mut values = self
            .inner
            .state
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(found) = values.iter().find_map(|v| v.clone().downcast::<T>().ok()) {
            return found;
        }
        let value = Arc::new(T::default());
        values.push(value.clone());
        value
    }

    /// `execute`, for a builder's `send`: a success status other than the `documented` ones is
    /// an [`Error::UnexpectedStatus`], as `send` decodes only those.
    #[allow(dead_code)]
    pub(crate) async fn send(
        &self,
        request: ApiRequest,
        options: &RequestOptions,
        documented: &[u16],
    ) -> Result<ApiResponse, Error> {
        let response = self.execute(request, options).await?;
        if documented.contains(&response.status()) {
            Ok(response)
        } else {
            Err(response.unexpected())
        }
    }

    /// Sends a request, retrying as `retry.rs` describes, and returns a response with a success
    /// status; any other status becomes [`Error::Api`]. The call's preflight check, or else the
    /// client's, runs first.
    pub(crate) async fn execute(
        &self,
        request: ApiRequest,
        options: &RequestOptions,
    ) -> Result<ApiResponse, Error> {
        let preflight = match &options.preflight {
            Some(chosen) => chosen.as_ref(),
            None => self.inner.preflight.as_ref(),
        };
        if let Some(check) = preflight.and_then(|p| p.check(self, &request)) {
            check.await?;
        }
        let url = request.url(&self.inner.base_url, &options.query)?;
        let headers = self.headers(&request, options)?;
        let timeout = options.timeout.unwrap_or(self.inner.timeout);
        let max_retries = options.max_retries.unwrap_or(self.inner.max_retries);
        let mut retries = Retries::new(
            &request.method,
            max_retries,
            self.inner.retry_non_idempotent,
        );
        #[cfg(feature = "tracing")]
        let span = tracing::info_span!(
            "api_request",
            method = %request.method,
            path = url.path(),
            attempts = tracing::field::Empty,
        );
        let attempts = async {
            loop {
                #[cfg(feature = "tracing")]
                span.record("attempts", retries.attempts());
                let error = match self.attempt(&request, &url, &headers, timeout).await {
                    Ok(response) => {
                        #[cfg(feature = "tracing")]
                        tracing::debug!(status = response.status(), "response");
                        return Ok(response);
                    }
                    Err(error) => error,
                };
                let Some(wait) = retries.next_wait(&error) else {
                    #[cfg(feature = "tracing")]
                    tracing::debug!(
                        status = error.status(),
                        error = failure_kind(&error),
                        "request failed"
                    );
                    return Err(error);
                };
                // `next_wait` counted the retry: the attempt that failed is the one before.
                #[cfg(feature = "tracing")]
                tracing::info!(attempt = retries.attempts() - 1, status = error.status(), error = failure_kind(&error), wait = ?wait, "retrying");
                tokio::time::sleep(wait).await;
            }
        };
        #[cfg(feature = "tracing")]
        let attempts = tracing::Instrument::instrument(attempts, span.clone());
        attempts.await
    }

    /// Sends the request once: the body is cloned, so that each attempt sends all of it.
    async fn attempt(
        &self,
        request: &ApiRequest,
        url: &reqwest::Url,
        headers: &HeaderMap,
        timeout: Option<Duration>,
    ) -> Result<ApiResponse, Error> {
        let mut builder = self
            .inner
            .http
            .request(request.method.clone(), url.clone())
            .headers(headers.clone());
        if let Some(timeout) = timeout {
            builder = builder.timeout(timeout);
        }
        if let Some(body) = &request.body {
            builder = builder.body(body.bytes.clone());
        }
        let response = builder.send().await.map_err(Error::from_transport)?;
        let response = ApiResponse::read(response, self.inner.max_response_size).await?;
        if response.is_success() {
            Ok(response)
        } else {
            Err(response.into_api_error())
        }
    }

    /// The headers of a request, in the order they are sent: the client's, the operation's, the
    /// call's own, then the body's type. A name or value that is not valid fails the call here,
    /// before anything is sent (rather than as a transport error that looks worth retrying).
    fn headers(&self, request: &ApiRequest, options: &RequestOptions) -> Result<HeaderMap, Error> {
        let mut headers = self.inner.headers.clone();
        let extra = request.headers.iter().map(|(n, v)| (*n, v.as_str()));
        for (name, value) in extra.chain(
            options
                .headers
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_str())),
        ) {
            let invalid = |what: &str| Error::InvalidRequest {
                field: name.to_string(),
                message: format!("is not a valid header {what}"),
            };
            let n = HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid("name"))?;
            let v = HeaderValue::from_str(value).map_err(|_| invalid("value"))?;
            headers.append(n, v);
        }
        if let Some(body) = &request.body {
            let value =
                HeaderValue::from_str(&body.content_type).map_err(|_| Error::InvalidRequest {
                    field: "body".to_string(),
                    message: format!(
                        "has a media type that is not a valid header value: {}",
                        body.content_type
                    ),
                })?;
            headers.insert(reqwest::header::CONTENT_TYPE, value);
        }
        Ok(headers)
    }
}

/// What kind of failure an error is, for events: never its message, which may quote the URL
/// or a body.
#[cfg(feature = "tracing")]
fn failure_kind(error: &Error) -> &'static str {
    match error {
        Error::Api(_) => "status",
        Error::Timeout(_) => "timeout",
        Error::Connection(e) if e.is_connect() => "connect",
        Error::Connection(_) => "connection",
        Error::Decode { .. } => "decode",
        _ => "other",
    }
}

/// Settings for a [`Client`]; every one has a default.
#[derive(Debug, Default)]
#[must_use]
pub struct ClientBuilder {
    base_url: Option<String>,
    credentials: Option<Credentials>,
    timeout: Option<Option<Duration>>,
    connect_timeout: Option<Duration>,
    user_agent: Option<String>,
    default_headers: Vec<(String, String)>,
    http: Option<reqwest::Client>,
    max_retries: Option<u32>,
    retry_non_idempotent: bool,
    max_response_size: Option<u64>,
    preflight: Option<Arc<dyn Preflight>>,
}

impl ClientBuilder {
    /// The check every request of the client goes through before it is sent; extensions offer
    /// it under a name of their own.
    pub(crate) fn preflight(mut self, check: Arc<dyn Preflight>) -> Self {
        self.preflight = Some(check);
        self
    }

    /// The API key and secret sent with HTTP Basic authentication.
    pub fn credentials(
        mut self,
        api_key: impl Into<String>,
        api_secret: impl Into<String>,
    ) -> Self {
        self.credentials = Some(Credentials::Basic {
            key: api_key.into(),
            secret: Secret(api_secret.into()),
        });
        self
    }

    /// A token sent as `Authorization: Bearer <token>`.
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        self.credentials = Some(Credentials::Bearer(Secret(token.into())));
        self
    }

    /// A key sent as the value of the header `name` with every request.
    pub fn api_key_header(mut self, name: impl Into<String>, key: impl Into<String>) -> Self {
        self.credentials = Some(Credentials::Header {
            name: name.into(),
            value: Secret(key.into()),
        });
        self
    }

    /// Where requests go, instead of [`DEFAULT_BASE_URL`](crate::DEFAULT_BASE_URL).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// How long one attempt at a request may take, from sending it to reading the whole
    /// response; `None` for no limit. Default: 60 s. Retries get the same time again.
    pub fn timeout(mut self, timeout: Option<Duration>) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// How long establishing a connection may take. Default: 10 s. Ignored with
    /// [`http_client`](Self::http_client), whose own setting applies.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// How many times a failed attempt may be retried (so `0` sends each request once).
    /// Default: 2. A request's own `max_retries` overrides it.
    ///
    /// # Which failures are retried
    ///
    /// Connection failures, timeouts, and HTTP 408, 429 and 5xx; never another 4xx. POST and
    /// PATCH requests, which may start billable work, are retried only when the failure proves
    /// that the API did not act on them: the connection could not be established, or the API
    /// answered 408 or 429 (see [`retry_non_idempotent`](Self::retry_non_idempotent)).
    ///
    /// Before each retry the client waits a random time up to 0.5 s, then up to 1 s, 2 s, ...
    /// (at most 8 s), or the time the response asks for with `Retry-After` or `retry-after-ms`.
    /// When that is more than 60 s, the call fails at once with the response instead, and
    /// [`Error::retry_after`] says how long the API asked for. A call waits at most 2 minutes
    /// in all.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }

    /// Whether POST and PATCH requests are retried after every retryable failure, like the
    /// idempotent methods, instead of only after failures that prove the API did not act on
    /// them (a connection that could not be established, 408, 429). Default: `false`.
    ///
    /// With `true`, a request that starts billable work (a generation, a training) may run
    /// twice: after a timeout or a 5xx, the API may have started the first one.
    pub fn retry_non_idempotent(mut self, retry: bool) -> Self {
        self.retry_non_idempotent = retry;
        self
    }

    /// The largest response body, in bytes, that the client reads. Default: 64 MiB. A larger response fails with
    /// [`Error::ResponseTooLarge`], as soon as its announced length or the bytes read so far pass
    /// the limit, so that a runaway body never fills memory; a body at the limit is read.
    pub fn max_response_size(mut self, bytes: u64) -> Self {
        self.max_response_size = Some(bytes);
        self
    }

    /// The `User-Agent` header. Default: this crate's name and version.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// A header sent with every request.
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.default_headers.push((name.into(), value.into()));
        self
    }

    /// Sends requests through this `reqwest` client (for its proxy, TLS or pool settings)
    /// instead of one built here. Default headers and the user agent are still added.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// The client, or [`Error::Config`] when a setting is not valid.
    pub fn build(self) -> Result<Client, Error> {
        let base = self.base_url.as_deref().unwrap_or(crate::DEFAULT_BASE_URL);
        let mut base_url = reqwest::Url::parse(base)
            .map_err(|e| Error::Config(format!("the base URL `{base}` is not valid: {e}")))?;
        if base_url.cannot_be_a_base() {
            return Err(Error::Config(format!(
                "the base URL `{base}` cannot have paths appended"
            )));
        }
        // Paths are appended segment by segment; a trailing slash would leave an empty one.
        let trimmed = base_url.path().trim_end_matches('/').to_string();
        base_url.set_path(&trimmed);

        let mut headers = HeaderMap::new();
        // Encoded once here rather than on every request; marked sensitive so that no `Debug`
        // of the headers shows it.
        let secret_header = |name: HeaderName, value: String| {
            let mut value = HeaderValue::from_str(&value).map_err(|_| {
                Error::Config("the credentials cannot be sent in a header".to_string())
            })?;
            value.set_sensitive(true);
            Ok::<_, Error>((name, value))
        };
        let auth = match &self.credentials {
            Some(Credentials::Basic { key, secret }) => {
                let encoded =
                    base64::engine::general_purpose::STANDARD.encode(format!("{key}:{}", secret.0));
                Some(secret_header(
                    reqwest::header::AUTHORIZATION,
                    format!("Basic {encoded}"),
                )?)
            }
            Some(Credentials::Bearer(token)) => Some(secret_header(
                reqwest::header::AUTHORIZATION,
                format!("Bearer {}", token.0),
            )?),
            Some(Credentials::Header { name, value }) => {
                let name = HeaderName::from_bytes(name.as_bytes())
                    .map_err(|_| Error::Config(format!("`{name}` is not a valid header name")))?;
                Some(secret_header(name, value.0.clone())?)
            }
            Some(Credentials::None) | None => None,
        };
        if let Some((name, value)) = auth {
            headers.insert(name, value);
        }
        let agent = self
            .user_agent
            .unwrap_or_else(|| crate::USER_AGENT.to_string());
        let agent = HeaderValue::from_str(&agent)
            .map_err(|_| Error::Config(format!("`{agent}` is not a valid User-Agent")))?;
        headers.insert(reqwest::header::USER_AGENT, agent);
        for (name, value) in &self.default_headers {
            let n = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| Error::Config(format!("`{name}` is not a valid header name")))?;
            let v = HeaderValue::from_str(value)
                .map_err(|_| Error::Config(format!("the value of header `{name}` is not valid")))?;
            headers.append(n, v);
        }
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT))
                .build()
                .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))?,
        };
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base_url,
                credentials: self.credentials.unwrap_or(Credentials::None),
                timeout: self.timeout.unwrap_or(Some(DEFAULT_TIMEOUT)),
                headers,
                max_retries: self.max_retries.unwrap_or(DEFAULT_MAX_RETRIES),
                retry_non_idempotent: self.retry_non_idempotent,
                max_response_size: self.max_response_size.unwrap_or(DEFAULT_MAX_RESPONSE_SIZE),
                preflight: self.preflight,
                state: Mutex::default(),
            }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn authorization(builder: ClientBuilder, header: &str) -> (String, String) {
        let client = builder.build().expect("a client");
        let value = client.inner.headers.get(header).expect("the header is set");
        assert!(value.is_sensitive(), "credentials are marked sensitive");
        (
            value.to_str().expect("ASCII").to_string(),
            format!("{client:?}"),
        )
    }

    #[test]
    fn each_scheme_sends_its_header_and_never_shows_the_secret() {
        let (basic, debug) = authorization(
            Client::builder().credentials("key", "s3cret"),
            "authorization",
        );
        assert_eq!(basic, "Basic a2V5OnMzY3JldA==");
        assert!(
            !debug.contains("s3cret") && !debug.contains("a2V5OnMzY3JldA"),
            "{debug}"
        );
        let (bearer, debug) =
            authorization(Client::builder().bearer_token("t0ken"), "authorization");
        assert_eq!(bearer, "Bearer t0ken");
        assert!(!debug.contains("t0ken"), "{debug}");
        let (key, debug) = authorization(
            Client::builder().api_key_header("X-Api-Key", "k3y"),
            "x-api-key",
        );
        assert_eq!(key, "k3y");
        assert!(!debug.contains("k3y"), "{debug}");
    }

    #[test]
    fn credentials_that_cannot_be_a_header_are_a_config_error() {
        assert!(matches!(
            Client::builder().bearer_token("a\nb").build(),
            Err(Error::Config(_))
        ));
        assert!(matches!(
            Client::builder().api_key_header("bad name", "k").build(),
            Err(Error::Config(_))
        ));
    }
}
