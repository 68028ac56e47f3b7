//! The client: where requests go, who sends them, and how they are sent.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use crate::error::Error;
use crate::options::RequestOptions;
use crate::request::{ApiRequest, ApiResponse};

/// The default time a whole request may take, retries aside.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// The default time to establish a connection.
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

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
    None,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url.as_str())
            .field("credentials", &self.inner.credentials)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client that authenticates with an API key and its secret, with every other setting at
    /// its default.
    pub fn new(api_key: impl Into<String>, api_secret: impl Into<String>) -> Self {
        Self::builder()
            .credentials(api_key, api_secret)
            .build()
            .expect("the default settings make a valid client")
    }

    /// A client configured from the environment: the key and secret from the variables named
    /// by [`ENV_API_KEY`](crate::ENV_API_KEY) and [`ENV_API_SECRET`](crate::ENV_API_SECRET),
    /// and the base URL from [`ENV_BASE_URL`](crate::ENV_BASE_URL) when it is set.
    pub fn from_env() -> Result<Self, Error> {
        let var = |name: &'static str| {
            std::env::var(name).map_err(|_| Error::Config(format!("the environment variable {name} is not set")))
        };
        let mut builder = Self::builder().credentials(var(crate::ENV_API_KEY)?, var(crate::ENV_API_SECRET)?);
        if let Ok(url) = std::env::var(crate::ENV_BASE_URL) {
            builder = builder.base_url(url);
        }
        builder.build()
    }

    /// A builder for a client with settings other than the defaults.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The URL every request path is appended to.
    pub fn base_url(&self) -> &str {
        self.inner.base_url.as_str()
    }

    /// Sends a request and returns a response with a success status; any other status becomes
    /// [`Error::Api`].
    pub(crate) async fn execute(&self, request: ApiRequest, options: &RequestOptions) -> Result<ApiResponse, Error> {
        let url = request.url(&self.inner.base_url, &options.query)?;
        let mut builder = self.inner.http.request(request.method.clone(), url).headers(self.inner.headers.clone());
        if let Credentials::Basic { key, secret } = &self.inner.credentials {
            builder = builder.basic_auth(key, Some(&secret.0));
        }
        if let Some(timeout) = options.timeout.unwrap_or(self.inner.timeout) {
            builder = builder.timeout(timeout);
        }
        for (name, value) in &request.headers {
            builder = builder.header(*name, value);
        }
        for (name, value) in &options.headers {
            builder = builder.header(name, value);
        }
        if let Some(body) = request.body {
            builder = builder.header(reqwest::header::CONTENT_TYPE, "application/json").body(body);
        }
        let response = builder.send().await.map_err(Error::from_transport)?;
        let response = ApiResponse::read(response).await?;
        if response.is_success() { Ok(response) } else { Err(response.into_api_error()) }
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
}

impl ClientBuilder {
    /// The API key and secret sent with HTTP Basic authentication.
    pub fn credentials(mut self, api_key: impl Into<String>, api_secret: impl Into<String>) -> Self {
        self.credentials = Some(Credentials::Basic { key: api_key.into(), secret: Secret(api_secret.into()) });
        self
    }

    /// Where requests go, instead of [`DEFAULT_BASE_URL`](crate::DEFAULT_BASE_URL).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// How long one request may take in all; `None` for no limit. Default: 60 s.
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
            return Err(Error::Config(format!("the base URL `{base}` cannot have paths appended")));
        }
        // Paths are appended segment by segment; a trailing slash would leave an empty one.
        let trimmed = base_url.path().trim_end_matches('/').to_string();
        base_url.set_path(&trimmed);

        let mut headers = HeaderMap::new();
        let agent = self.user_agent.unwrap_or_else(|| crate::USER_AGENT.to_string());
        let agent = HeaderValue::from_str(&agent).map_err(|_| Error::Config(format!("`{agent}` is not a valid User-Agent")))?;
        headers.insert(reqwest::header::USER_AGENT, agent);
        for (name, value) in &self.default_headers {
            let n = HeaderName::from_bytes(name.as_bytes()).map_err(|_| Error::Config(format!("`{name}` is not a valid header name")))?;
            let v = HeaderValue::from_str(value).map_err(|_| Error::Config(format!("the value of header `{name}` is not valid")))?;
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
            }),
        })
    }
}
