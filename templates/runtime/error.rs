//! One error type for everything a call can meet, each kind keeping what it knows.

use std::fmt;

/// How much of a response body an error quotes in its message.
const EXCERPT_LEN: usize = 512;

/// What went wrong with a call.
#[derive(Debug)]
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
        /// Where in the body decoding failed, as a path such as `job.metadata.assetIds[0]`.
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
    /// The client's own settings are not valid.
    Config(String),
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
}

impl Error {
    pub(crate) fn from_transport(e: reqwest::Error) -> Self {
        if e.is_timeout() { Error::Timeout(e) } else { Error::Connection(e) }
    }

    /// The HTTP status, when the API answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::UnexpectedStatus { status, .. } | Error::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The API said the thing asked for does not exist (404).
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(404)
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

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(e) => {
                write!(f, "the API answered HTTP {}", e.status)?;
                if !e.raw.is_empty() {
                    write!(f, ": {}", excerpt(&e.raw))?;
                }
                if let Some(id) = &e.request_id {
                    write!(f, " (request id {id})")?;
                }
                Ok(())
            }
            Error::UnexpectedStatus { status, body } => {
                write!(f, "the API answered HTTP {status}, which this operation does not document: {}", excerpt(body))
            }
            Error::Timeout(e) => write!(f, "the request timed out: {e}"),
            Error::Connection(e) => write!(f, "the request failed: {e}"),
            Error::Decode { status, path, message, excerpt } => {
                write!(f, "cannot decode the HTTP {status} response at `{path}`: {message}; the body starts with: {excerpt}")
            }
            Error::InvalidRequest { field, message } => write!(f, "invalid request: `{field}` {message}"),
            Error::Config(m) => write!(f, "invalid client settings: {m}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Timeout(e) | Error::Connection(e) => Some(e),
            _ => None,
        }
    }
}
