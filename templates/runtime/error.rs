//! One error type for everything a call can meet, each kind keeping what it knows.

use std::fmt;
use std::time::Duration;

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
    /// A job the client waited on did not succeed.
    Job(Box<JobError>),
}

/// How a job the client waited on ended, short of success.
#[derive(Debug)]
pub struct JobError {
    /// What happened.
    pub outcome: JobOutcome,
    /// The job's id.
    pub job_id: String,
    /// The last state of the job that the client saw, if it saw one.
    pub job: Option<crate::JobModel>,
}

/// Why waiting on a job did not end in success.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum JobOutcome {
    /// The job failed.
    Failed {
        /// The reason the API gave, if any.
        message: Option<String>,
    },
    /// The job was canceled.
    Canceled,
    /// The job had not ended when the wait's deadline passed; it may still be running.
    DeadlineExceeded,
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
            Error::UnexpectedStatus { status, .. } | Error::Decode { status, .. } => Some(*status),
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
                write!(
                    f,
                    "the API answered HTTP {status}, which this operation does not document: {}",
                    excerpt(body)
                )
            }
            Error::Timeout(e) => write!(f, "the request timed out: {e}"),
            Error::Connection(e) => write!(f, "the request failed: {e}"),
            Error::Decode {
                status,
                path,
                message,
                excerpt,
            } => {
                write!(
                    f,
                    "cannot decode the HTTP {status} response at `{path}`: {message}; the body starts with: {excerpt}"
                )
            }
            Error::InvalidRequest { field, message } => {
                write!(f, "invalid request: `{field}` {message}")
            }
            Error::Config(m) => write!(f, "invalid client settings: {m}"),
            Error::Job(e) => match &e.outcome {
                JobOutcome::Failed { message: Some(m) } => {
                    write!(f, "job {} failed: {m}", e.job_id)
                }
                JobOutcome::Failed { message: None } => write!(f, "job {} failed", e.job_id),
                JobOutcome::Canceled => write!(f, "job {} was canceled", e.job_id),
                JobOutcome::DeadlineExceeded => {
                    write!(f, "job {} had not ended by the deadline", e.job_id)
                }
            },
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
