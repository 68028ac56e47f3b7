//! One error type for everything a call can meet, each kind keeping what it knows.

use std::fmt;
use std::time::Duration;

/// How much of a response body an error quotes in its message.
const EXCERPT_LEN: usize = 512;

/// What went wrong with a call.
///
/// Its `Display` is one line that says what happened, with what the API or the network said
/// (`the API answered HTTP 404 Not Found: Item not found (request id req_1)`); its `Debug` is the
/// same line, so that an error returned from `main` reads the same. `source()` reaches the cause,
/// such as the transport error down to the operating system's.
#[non_exhaustive]
pub enum Error {
    /// The API answered with an error status.
    Api(Box<ApiError>),
    /// The API answered with a success status this operation does not document.
    UnexpectedStatus {
        /// The HTTP status.
        status: u16,
        /// The body as received.
        body: String,
    },
    /// The request did not complete in time.
    Timeout(reqwest::Error),
    /// The request could not be sent or its response not received.
    Connection(reqwest::Error),
    /// A success response did not decode into the documented type.
    Decode {
        /// The HTTP status.
        status: u16,
        /// Where in the body decoding failed, as a path such as `items[0].metadata.tags[1]`.
        path: String,
        /// What was wrong there.
        message: String,
        /// The start of the body.
        excerpt: String,
    },
    /// The request was refused before it was sent, because a value breaks the API's rules.
    InvalidRequest {
        /// The parameter or field at fault.
        field: String,
        /// What is wrong with it.
        message: String,
    },
    /// The response body was larger than the client reads
    /// ([`ClientBuilder::max_response_size`](crate::ClientBuilder::max_response_size)).
    ResponseTooLarge {
        /// The HTTP status.
        status: u16,
        /// The limit, in bytes.
        limit: u64,
    },
    /// The client's own settings are not valid.
    Config(String),
    // part: jobs
    /// A job the client waited on did not succeed.
    Job(Box<crate::JobError>),
    // end of part: jobs
}

/// An error response of the API.
#[derive(Debug)]
pub struct ApiError {
    /// The HTTP status.
    pub status: u16,
    /// The body, decoded, when it has the documented error shape.
    pub body: Option<crate::ApiErrorBody>,
    /// The body as received.
    pub raw: String,
    /// The request id the API sent back, if any: quote it when asking for support.
    pub request_id: Option<String>,
    /// How long the API asked the client to wait before trying again (`Retry-After` or
    /// `retry-after-ms`), when it said.
    pub retry_after: Option<Duration>,
}

impl ApiError {
    /// The API's own message, read from the body: the first text among its `message`, `error`
    /// (or `error.message`), `detail` and `reason` members; `None` when the body is not a JSON
    /// object or has none of them.
    pub fn message(&self) -> Option<String> {
        let body: serde_json::Value = serde_json::from_str(&self.raw).ok()?;
        let text = |v: &serde_json::Value| {
            v.as_str()
                .filter(|s| !s.trim().is_empty())
                .map(str::to_string)
        };
        ["message", "error", "detail", "reason"]
            .iter()
            .find_map(|key| {
                let member = body.get(key)?;
                text(member).or_else(|| member.get("message").and_then(text))
            })
    }

    /// The body decoded into one of an operation's documented error shapes (an API whose
    /// errors all share one shape has no use for it).
    #[allow(dead_code)]
    pub(crate) fn decode<T: serde::de::DeserializeOwned>(&self) -> Option<T> {
        serde_json::from_str(&self.raw).ok()
    }
}

impl Error {
    pub(crate) fn from_transport(e: reqwest::Error) -> Self {
        if e.is_timeout() {
            Error::Timeout(e)
        } else {
            Error::Connection(e)
        }
    }

    /// The HTTP status, when the API answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::UnexpectedStatus { status, .. }
            | Error::Decode { status, .. }
            | Error::ResponseTooLarge { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The API said the thing asked for does not exist (404).
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(404)
    }

    /// How long the API asked to wait before trying again, when it said; with a 429 whose wait
    /// was too long for the client to retry on its own, this tells when to try.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::Api(e) => e.retry_after,
            _ => None,
        }
    }

    /// The API refused the request for the rate or concurrency limit (429).
    pub fn is_rate_limited(&self) -> bool {
        self.status() == Some(429)
    }

    /// The credentials were refused (401 or 403).
    pub fn is_auth(&self) -> bool {
        matches!(self.status(), Some(401 | 403))
    }

    /// Trying the same request again later may succeed: timeouts, connection failures, 408,
    /// 429 and 5xx.
    ///
    /// The client has already retried such failures as far as its settings allow, except for
    /// POST and PATCH requests, which it retries only when the failure proves that the API did
    /// not act on them (a connection that could not be established, 408 or 429): after any
    /// other retryable error, check whether the work was done before sending one again.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Timeout(_) | Error::Connection(_) => true,
            Error::Api(e) => matches!(e.status, 408 | 429) || e.status >= 500,
            _ => false,
        }
    }
}

/// The first characters of a body, for messages.
pub(crate) fn excerpt(body: &str) -> String {
    match body.char_indices().nth(EXCERPT_LEN) {
        Some((end, _)) => format!("{}…", &body[..end]),
        None => body.to_string(),
    }
}

/// `text` on one line: line breaks and tabs become spaces.
pub(crate) fn one_line(text: &str) -> String {
    text.replace(['\r', '\n', '\t'], " ")
}

/// The innermost cause of a transport error (`Connection refused (os error 111)`), which is what
/// a reader needs; the outer layers only say that sending failed.
fn root_cause(error: &reqwest::Error) -> String {
    let mut cause: &dyn std::error::Error = error;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}

/// Where a transport error happened: the URL without its query.
fn target(error: &reqwest::Error) -> String {
    match error.url() {
        Some(url) => {
            let mut url = url.clone();
            url.set_query(None);
            format!(" to {url}")
        }
        None => String::new(),
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(e) => {
                write!(f, "the API answered HTTP {}", e.status)?;
                if let Some(reason) = reqwest::StatusCode::from_u16(e.status)
                    .ok()
                    .and_then(|s| s.canonical_reason())
                {
                    write!(f, " {reason}")?;
                }
                match e.message() {
                    Some(message) => write!(f, ": {}", one_line(&message))?,
                    None if !e.raw.trim().is_empty() => {
                        write!(f, ": {}", one_line(&excerpt(e.raw.trim())))?
                    }
                    None => {}
                }
                if let Some(id) = &e.request_id {
                    write!(f, " (request id {id})")?;
                }
                Ok(())
            }
            Error::UnexpectedStatus { status, body } => {
                write!(
                    f,
                    "the API answered HTTP {status}, which this operation does not document: {}",
                    one_line(&excerpt(body))
                )
            }
            Error::Timeout(e) => write!(f, "the request{} timed out", target(e)),
            Error::Connection(e) if e.is_connect() => {
                write!(f, "cannot connect{}: {}", target(e), root_cause(e))
            }
            Error::Connection(e) => {
                write!(f, "the request{} failed: {}", target(e), root_cause(e))
            }
            Error::Decode {
                status,
                path,
                message,
                excerpt,
            } => {
                write!(
                    f,
                    "cannot decode the HTTP {status} response at `{path}`: {message}; the body starts with: {}",
                    one_line(excerpt)
                )
            }
            Error::InvalidRequest { field, message } => {
                write!(f, "invalid request: `{field}` {message}")
            }
            Error::ResponseTooLarge { status, limit } => write!(
                f,
                "the HTTP {status} response is larger than the client's limit of {limit} bytes (ClientBuilder::max_response_size)"
            ),
            Error::Config(m) => write!(f, "invalid client settings: {m}"),
            // part: jobs
            Error::Job(e) => fmt::Display::fmt(e, f),
            // end of part: jobs
        }
    }
}

/// The same line as `Display`: `fn main() -> Result<(), Error>` prints an error with `Debug`,
/// and a dump of every field (a whole decoded body, a raw body) would bury what went wrong.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Timeout(e) | Error::Connection(e) => Some(e),
            // part: jobs
            // The job's own line is this error's: its cause is the job's.
            Error::Job(e) => std::error::Error::source(e.as_ref()),
            // end of part: jobs
            _ => None,
        }
    }
}
