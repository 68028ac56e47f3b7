//! Retries: which failed attempts are tried again, and how long to wait before the next one.
//!
//! A call is retried, up to [`ClientBuilder::max_retries`](crate::ClientBuilder::max_retries)
//! times (default 2, so at most three attempts; `max_retries` on a request overrides it), when
//! it fails in a way that trying again may fix: a connection failure, a timeout, or HTTP 408,
//! 429 or 5xx. Other 4xx statuses are never retried: the same request would fail the same way.
//! Before each new attempt the client waits a random time between zero and 0.5 s, 1 s, 2 s, ...
//! (doubling, at most 8 s: exponential backoff with full jitter), unless the response says how
//! long to wait with `Retry-After` (seconds or an HTTP date) or `retry-after-ms`. A server that
//! asks for more than 60 s is not waited for: the call fails at once with that response, whose
//! [`Error::retry_after`](crate::Error::retry_after) tells how long it asked for. A call never
//! sleeps more than 2 minutes in all between its attempts.
//!
//! Requests that may start billable work are not run twice without the caller knowing. GET,
//! HEAD, PUT, DELETE and OPTIONS are idempotent (sending one twice has the effect of sending it
//! once), so they are retried on every failure above. POST and PATCH (such as
//! `generate().prompt()`, which starts a job that costs credits) are retried only when the
//! failure proves the API did not act on the request: the connection could not be established,
//! so nothing was sent; or the API answered 429 (rate or concurrency limit) or 408 (it did not
//! wait for the whole request), statuses that mean it refused the request. They are not retried
//! after a timeout, a connection dropped once the request was sent, or a 5xx, 503 included:
//! those can come after the work started (a gateway answers 502, 503 or 504 while the service
//! behind it may still be running the job), and there is no idempotency key to let the API
//! ignore a duplicate. Such errors still answer `true` to
//! [`Error::is_retryable`](crate::Error::is_retryable): the caller, who can check whether a job
//! was created, decides. [`ClientBuilder::retry_non_idempotent`](crate::ClientBuilder::retry_non_idempotent)
//! makes POST and PATCH retried like the others, for callers who accept paying twice.

use std::time::{Duration, SystemTime};

use reqwest::Method;
use reqwest::header::HeaderMap;

use crate::error::Error;

/// How many times a failed attempt is retried unless the client or the request says otherwise.
pub(crate) const DEFAULT_MAX_RETRIES: u32 = 2;
/// The longest wait before the first retry; each later one may be twice as long as the last.
const BACKOFF_BASE: Duration = Duration::from_millis(500);
/// The longest backoff wait before one retry.
const BACKOFF_CAP: Duration = Duration::from_secs(8);
/// The longest wait a server may ask for; beyond it the call fails instead of waiting.
const SERVER_WAIT_CAP: Duration = Duration::from_secs(60);
/// The longest a call sleeps in all between its attempts.
const TOTAL_WAIT_CAP: Duration = Duration::from_secs(120);

/// Whether sending the request twice has the effect of sending it once (RFC 9110, 9.2.2).
pub(crate) fn is_idempotent(method: &Method) -> bool {
    [
        Method::GET,
        Method::HEAD,
        Method::PUT,
        Method::DELETE,
        Method::OPTIONS,
    ]
    .contains(method)
}

/// Whether the failure proves that the API did not act on the request, so that even a request
/// that is not idempotent may be sent again.
fn proves_not_processed(error: &Error) -> bool {
    match error {
        // Failed while connecting: not a byte of the request was sent.
        Error::Connection(e) | Error::Timeout(e) => e.is_connect(),
        // Refused for the rate limit, or before the request was read whole.
        Error::Api(e) => matches!(e.status, 408 | 429),
        _ => false,
    }
}

/// The retry state of one call: its settings, and the retries and waits spent so far.
#[derive(Debug)]
pub(crate) struct Retries {
    max_retries: u32,
    /// Whether every retryable failure may be retried, rather than only those that prove the
    /// request was not processed.
    any_failure: bool,
    done: u32,
    waited: Duration,
}

impl Retries {
    /// The state before the first attempt of a `method` request.
    pub(crate) fn new(method: &Method, max_retries: u32, retry_non_idempotent: bool) -> Self {
        Retries {
            max_retries,
            any_failure: retry_non_idempotent || is_idempotent(method),
            done: 0,
            waited: Duration::ZERO,
        }
    }

    /// The number of the attempt under way: 1 for the first.
    pub(crate) fn attempts(&self) -> u32 {
        self.done + 1
    }

    /// How long to wait before retrying after an attempt failed with `error`, or `None` when
    /// the call should fail with it.
    pub(crate) fn next_wait(&mut self, error: &Error) -> Option<Duration> {
        if self.done >= self.max_retries || !error.is_retryable() {
            return None;
        }
        if !self.any_failure && !proves_not_processed(error) {
            return None;
        }
        let wait = match error.retry_after() {
            Some(asked) if asked > SERVER_WAIT_CAP => return None,
            Some(asked) => asked,
            None => backoff(self.done),
        };
        if self.waited + wait > TOTAL_WAIT_CAP {
            return None;
        }
        self.done += 1;
        self.waited += wait;
        Some(wait)
    }
}

/// A random wait between zero and `BACKOFF_BASE * 2^retry`, at most `BACKOFF_CAP` ("full
/// jitter", so that clients failing together do not retry together).
fn backoff(retry: u32) -> Duration {
    let factor = 1u32.checked_shl(retry).unwrap_or(u32::MAX);
    BACKOFF_BASE
        .saturating_mul(factor)
        .min(BACKOFF_CAP)
        .mul_f64(fastrand::f64())
}

/// How long the response asks the client to wait before trying again: `retry-after-ms`
/// (milliseconds, a non-standard header some APIs send) first, then `Retry-After` in seconds or
/// as an HTTP date (a date already past asks for no wait).
pub(crate) fn server_wait(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let text = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    if let Some(ms) = text("retry-after-ms")
        .and_then(|t| t.parse::<f64>().ok())
        .filter(|ms| *ms >= 0.0)
    {
        // Too large to be a `Duration` is longer than any wait the client accepts.
        return Some(Duration::try_from_secs_f64(ms / 1000.0).unwrap_or(Duration::MAX));
    }
    let value = text("retry-after")?;
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderValue;

    use super::*;
    use crate::error::ApiError;

    fn api(status: u16, retry_after: Option<Duration>) -> Error {
        Error::Api(Box::new(ApiError {
            status,
            body: None,
            raw: String::new(),
            request_id: None,
            retry_after,
        }))
    }

    /// A real connection failure: nothing listens on the port any more.
    async fn connect_error() -> Error {
        let address = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap();
        let e = reqwest::Client::new()
            .get(format!("http://{address}/"))
            .send()
            .await
            .unwrap_err();
        Error::from_transport(e)
    }

    fn retries(method: Method) -> Retries {
        Retries::new(&method, DEFAULT_MAX_RETRIES, false)
    }

    #[test]
    fn idempotent_methods_retry_every_retryable_failure() {
        for status in [408, 429, 500, 502, 503, 504] {
            assert!(
                retries(Method::GET).next_wait(&api(status, None)).is_some(),
                "{status}"
            );
            assert!(
                retries(Method::PUT).next_wait(&api(status, None)).is_some(),
                "{status}"
            );
        }
        for status in [400, 401, 403, 404, 409, 422] {
            assert_eq!(
                retries(Method::GET).next_wait(&api(status, None)),
                None,
                "{status}"
            );
        }
    }

    #[test]
    fn post_retries_only_what_proves_the_request_was_not_processed() {
        for status in [408, 429] {
            assert!(
                retries(Method::POST)
                    .next_wait(&api(status, None))
                    .is_some(),
                "{status}"
            );
        }
        for status in [400, 500, 502, 503, 504] {
            assert_eq!(
                retries(Method::POST).next_wait(&api(status, None)),
                None,
                "{status}"
            );
            assert_eq!(
                retries(Method::PATCH).next_wait(&api(status, None)),
                None,
                "{status}"
            );
        }
        let mut anyway = Retries::new(&Method::POST, DEFAULT_MAX_RETRIES, true);
        assert!(anyway.next_wait(&api(503, None)).is_some());
        assert_eq!(
            anyway.next_wait(&api(400, None)),
            None,
            "4xx is never retried"
        );
    }

    #[tokio::test]
    async fn post_retries_a_connection_that_could_not_be_established() {
        let error = connect_error().await;
        assert!(
            matches!(&error, Error::Connection(e) if e.is_connect()),
            "{error:?}"
        );
        assert!(retries(Method::POST).next_wait(&error).is_some());
    }

    #[test]
    fn retries_stop_at_the_limit() {
        let mut state = retries(Method::GET);
        assert!(state.next_wait(&api(500, None)).is_some());
        assert!(state.next_wait(&api(500, None)).is_some());
        assert_eq!(state.next_wait(&api(500, None)), None);
        assert_eq!(
            Retries::new(&Method::GET, 0, true).next_wait(&api(500, None)),
            None
        );
    }

    #[test]
    fn backoff_is_jittered_doubling_and_capped() {
        for retry in 0..40 {
            let ceiling = (BACKOFF_BASE * 2u32.saturating_pow(retry.min(20))).min(BACKOFF_CAP);
            for _ in 0..20 {
                assert!(backoff(retry) <= ceiling, "retry {retry}");
            }
        }
    }

    #[test]
    fn server_waits_are_honoured_up_to_the_caps() {
        let mut state = Retries::new(&Method::GET, 10, false);
        assert_eq!(
            state.next_wait(&api(429, Some(Duration::from_secs(60)))),
            Some(Duration::from_secs(60))
        );
        assert_eq!(
            state.next_wait(&api(429, Some(Duration::from_secs(61)))),
            None,
            "too long: fail"
        );
        assert_eq!(
            state.next_wait(&api(503, Some(Duration::from_secs(60)))),
            Some(Duration::from_secs(60))
        );
        assert_eq!(
            state.next_wait(&api(503, Some(Duration::from_secs(1)))),
            None,
            "over the total"
        );
    }

    #[test]
    fn server_wait_reads_both_headers_and_dates() {
        let now = httpdate::parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT").unwrap();
        let wait = |pairs: &[(&'static str, &str)]| {
            let mut headers = HeaderMap::new();
            for (name, value) in pairs {
                headers.insert(*name, HeaderValue::from_str(value).unwrap());
            }
            server_wait(&headers, now)
        };
        assert_eq!(wait(&[]), None);
        assert_eq!(wait(&[("retry-after", "3")]), Some(Duration::from_secs(3)));
        assert_eq!(
            wait(&[("retry-after", " 3600 ")]),
            Some(Duration::from_secs(3600))
        );
        assert_eq!(
            wait(&[("retry-after", "Wed, 21 Oct 2015 07:28:05 GMT")]),
            Some(Duration::from_secs(5))
        );
        assert_eq!(
            wait(&[("retry-after", "Wed, 21 Oct 2015 07:27:00 GMT")]),
            Some(Duration::ZERO)
        );
        assert_eq!(wait(&[("retry-after", "soon")]), None);
        assert_eq!(
            wait(&[("retry-after-ms", "1500"), ("retry-after", "9")]),
            Some(Duration::from_millis(1500))
        );
        assert_eq!(
            wait(&[("retry-after-ms", "-5"), ("retry-after", "9")]),
            Some(Duration::from_secs(9))
        );
        assert_eq!(
            wait(&[("retry-after-ms", "NaN"), ("retry-after", "9")]),
            Some(Duration::from_secs(9))
        );
        assert_eq!(wait(&[("retry-after-ms", "1e300")]), Some(Duration::MAX));
    }
}
