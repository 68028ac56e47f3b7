//! Retries of the generated client: real HTTP over loopback, against wiremock or, for broken
//! connections, a raw TCP server of a few lines.
//!
//! The waits are the client's defaults (random, at most 0.5 s then 1 s), so no test takes more
//! than a few seconds; time is asserted only as a lower bound where the client must wait, and as
//! a generous upper bound where it must not. Every client has a timeout, so nothing can hang.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use scenario_sdk::models::{GeneratePromptMode, GeneratePromptResponse, JobResponse};
use scenario_sdk::{Client, ClientBuilder, Error};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The longest any one attempt may take in these tests.
const TIMEOUT: Duration = Duration::from_secs(5);

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn builder(base_url: &str) -> ClientBuilder {
    Client::builder()
        .credentials("key", "secret")
        .base_url(base_url)
        .timeout(Some(TIMEOUT))
}

fn client(base_url: &str) -> Client {
    builder(base_url).build().expect("valid client")
}

fn job() -> Value {
    json!({
        "jobId": "job_1",
        "jobType": "custom",
        "status": "queued",
        "progress": 0,
        "metadata": {},
        "statusHistory": [],
        "createdAt": "2026-01-01T00:00:00Z",
        "updatedAt": "2026-01-01T00:00:00Z"
    })
}

fn job_ok() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"job": job()}))
}

fn prompt_ok() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"job": job(), "prompts": []}))
}

fn status(code: u16) -> ResponseTemplate {
    ResponseTemplate::new(code).set_body_json(json!({"reason": format!("status {code}")}))
}

/// A server that gives each of `first` once, in order, then `rest` to every later request.
async fn serve(first: Vec<ResponseTemplate>, rest: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    for response in first {
        Mock::given(any())
            .respond_with(response)
            .up_to_n_times(1)
            .mount(&server)
            .await;
    }
    Mock::given(any()).respond_with(rest).mount(&server).await;
    server
}

async fn received(server: &MockServer) -> usize {
    server
        .received_requests()
        .await
        .expect("request recording is on")
        .len()
}

/// A GET.
async fn retrieve(client: &Client) -> Result<JobResponse, Error> {
    client.jobs().retrieve("job_1").await
}

/// A POST that starts billable work.
async fn prompt(client: &Client) -> Result<GeneratePromptResponse, Error> {
    client
        .generate()
        .prompt()
        .mode(GeneratePromptMode::Completion)
        .await
}

fn api_status(err: &Error) -> u16 {
    match err {
        Error::Api(api) => api.status,
        _ => panic!("expected Error::Api, got {err:?}"),
    }
}

/// A URL where nothing listens: the port was free a moment ago.
fn refused_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    format!("http://{}", listener.local_addr().unwrap())
}

/// An IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), as `Retry-After` carries it.
fn http_date(time: SystemTime) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let secs = time.duration_since(UNIX_EPOCH).unwrap().as_secs();
    let (days, rest) = (secs / 86_400, secs % 86_400);
    // Days since 1970-01-01 to a civil date (Howard Hinnant's `civil_from_days`).
    let z = days + 719_468;
    let (era, doe) = (z / 146_097, z % 146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    let (h, m, s) = (rest / 3_600, rest % 3_600 / 60, rest % 60);
    format!(
        "{}, {day:02} {} {year} {h:02}:{m:02}:{s:02} GMT",
        DAYS[(days % 7) as usize],
        MONTHS[month as usize - 1]
    )
}

/// What the raw server does with one connection.
#[derive(Clone, Copy)]
enum Conn {
    /// Closes it at once, before reading anything.
    Drop,
    /// Reads the request, then closes it without a word.
    DropAfterRequest,
    /// Reads the request, starts a response that promises more body than it sends, then closes.
    Truncate,
    /// Reads the request and answers 200 with a job.
    Serve,
}

/// A raw HTTP/1.1 server on loopback that treats its n-th connection as `script[n]` (the last
/// entry for every later one); gives its URL and a count of the connections it accepted.
async fn raw_server(script: Vec<Conn>) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let accepted = Arc::new(AtomicUsize::new(0));
    let count = Arc::clone(&accepted);
    tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                return;
            };
            let n = count.fetch_add(1, Ordering::SeqCst);
            let conn = script[n.min(script.len() - 1)];
            tokio::spawn(async move {
                // Bounded, so that a client that sends nothing cannot keep the task alive.
                let _ = tokio::time::timeout(TIMEOUT, handle(socket, conn)).await;
            });
        }
    });
    (url, accepted)
}

async fn handle(mut socket: TcpStream, conn: Conn) -> std::io::Result<()> {
    if let Conn::Drop = conn {
        return Ok(());
    }
    read_request(&mut socket).await?;
    let body = json!({"job": job()}).to_string();
    let response = match conn {
        Conn::Drop | Conn::DropAfterRequest => return Ok(()),
        Conn::Truncate => format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{}",
            body.len() + 100,
            &body[..10]
        ),
        Conn::Serve => format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        ),
    };
    socket.write_all(response.as_bytes()).await?;
    socket.flush().await
}

/// Reads the head of a request and as much body as its `content-length` announces.
async fn read_request(socket: &mut TcpStream) -> std::io::Result<()> {
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let n = socket.read(&mut buf).await?;
        if n == 0 {
            return Ok(());
        }
        data.extend_from_slice(&buf[..n]);
        if let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&data[..end]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(0);
            if data.len() >= end + 4 + length {
                return Ok(());
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Rate limits and Retry-After
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn rate_limit_waits_for_retry_after_then_succeeds() {
    let server = serve(
        vec![status(429).insert_header("retry-after", "1")],
        job_ok(),
    )
    .await;
    let start = Instant::now();

    retrieve(&client(&server.uri()))
        .await
        .expect("the retry succeeds");

    assert_eq!(received(&server).await, 2);
    assert!(
        start.elapsed() >= Duration::from_secs(1),
        "waited only {:?}",
        start.elapsed()
    );
}

#[tokio::test]
async fn retry_after_as_an_http_date_is_honoured() {
    // Whole seconds only: the wait is between one and two seconds from now.
    let date = http_date(SystemTime::now() + Duration::from_secs(2));
    let server = serve(
        vec![status(429).insert_header("retry-after", date.as_str())],
        job_ok(),
    )
    .await;
    let start = Instant::now();

    retrieve(&client(&server.uri()))
        .await
        .expect("the retry succeeds");

    assert_eq!(received(&server).await, 2);
    assert!(
        start.elapsed() >= Duration::from_millis(900),
        "waited only {:?} for {date}",
        start.elapsed()
    );
}

#[tokio::test]
async fn retry_after_beyond_the_cap_fails_at_once() {
    let server = serve(vec![], status(429).insert_header("retry-after", "3600")).await;
    let start = Instant::now();

    let err = retrieve(&client(&server.uri())).await.unwrap_err();

    assert_eq!(api_status(&err), 429);
    assert!(err.is_rate_limited() && err.is_retryable());
    assert_eq!(err.retry_after(), Some(Duration::from_secs(3600)));
    assert_eq!(received(&server).await, 1);
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "waited {:?}",
        start.elapsed()
    );
}

#[tokio::test]
async fn rate_limited_post_is_retried() {
    let server = serve(
        vec![status(429).insert_header("retry-after-ms", "100")],
        prompt_ok(),
    )
    .await;
    prompt(&client(&server.uri()))
        .await
        .expect("the retry succeeds");
    assert_eq!(received(&server).await, 2);

    // 408: the server did not wait for the whole request, so it did not act on it either.
    let server = serve(vec![status(408)], prompt_ok()).await;
    prompt(&client(&server.uri()))
        .await
        .expect("the retry succeeds");
    assert_eq!(received(&server).await, 2);
}

#[tokio::test]
async fn a_retried_post_sends_the_same_body_and_credentials_again() {
    let server = serve(
        vec![status(429).insert_header("retry-after", "0")],
        prompt_ok(),
    )
    .await;

    prompt(&client(&server.uri()))
        .await
        .expect("the retry succeeds");

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    let sent = serde_json::from_slice::<Value>(&requests[0].body).expect("a JSON body");
    assert_eq!(sent, json!({"mode": "completion"}));
    for request in &requests {
        assert_eq!(request.method.as_str(), "POST");
        assert_eq!(request.body, requests[0].body);
        assert_eq!(
            request.headers.get("content-type").unwrap(),
            "application/json"
        );
        assert!(request.headers.get("authorization").is_some());
    }
}

// ---------------------------------------------------------------------------------------------
// Server errors
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn get_retries_server_errors_until_success() {
    let server = serve(vec![status(500), status(500)], job_ok()).await;
    let out = retrieve(&client(&server.uri()))
        .await
        .expect("the third attempt succeeds");
    assert_eq!(out.job.job_id, "job_1");
    assert_eq!(received(&server).await, 3);
}

#[tokio::test]
async fn get_gives_up_after_the_default_two_retries() {
    let server = serve(vec![], status(500)).await;
    let err = retrieve(&client(&server.uri())).await.unwrap_err();
    assert_eq!(api_status(&err), 500);
    assert_eq!(received(&server).await, 3);
}

#[tokio::test]
async fn post_server_error_is_not_retried_by_default() {
    let server = serve(vec![status(500)], prompt_ok()).await;
    let err = prompt(&client(&server.uri())).await.unwrap_err();
    assert_eq!(api_status(&err), 500);
    assert!(
        err.is_retryable(),
        "the caller may retry once it knows no job started"
    );
    assert_eq!(received(&server).await, 1);

    let server = serve(vec![status(503)], prompt_ok()).await;
    let err = prompt(&client(&server.uri())).await.unwrap_err();
    assert_eq!(api_status(&err), 503);
    assert_eq!(received(&server).await, 1);
}

#[tokio::test]
async fn post_server_error_is_retried_when_the_client_accepts_the_risk() {
    let server = serve(vec![status(500)], prompt_ok()).await;
    let client = builder(&server.uri())
        .retry_non_idempotent(true)
        .build()
        .unwrap();
    prompt(&client).await.expect("the retry succeeds");
    assert_eq!(received(&server).await, 2);
}

#[tokio::test]
async fn client_errors_are_never_retried() {
    let server = serve(vec![], status(400)).await;
    let err = retrieve(&client(&server.uri())).await.unwrap_err();
    assert_eq!(api_status(&err), 400);
    assert!(!err.is_retryable());
    assert_eq!(received(&server).await, 1);

    let server = serve(vec![], status(404)).await;
    let client = builder(&server.uri())
        .retry_non_idempotent(true)
        .build()
        .unwrap();
    assert_eq!(api_status(&prompt(&client).await.unwrap_err()), 404);
    assert_eq!(received(&server).await, 1);
}

#[tokio::test]
async fn max_retries_per_request_overrides_the_client() {
    let server = serve(vec![], status(500)).await;
    let err = client(&server.uri())
        .jobs()
        .retrieve("job_1")
        .max_retries(0)
        .await
        .unwrap_err();
    assert_eq!(api_status(&err), 500);
    assert_eq!(received(&server).await, 1);

    let server = serve(vec![status(500), status(500)], job_ok()).await;
    let client = builder(&server.uri()).max_retries(0).build().unwrap();
    assert_eq!(api_status(&retrieve(&client).await.unwrap_err()), 500);
    client
        .jobs()
        .retrieve("job_1")
        .max_retries(1)
        .await
        .expect("one retry is allowed");
    assert_eq!(received(&server).await, 3);
}

// ---------------------------------------------------------------------------------------------
// Timeouts and broken connections
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_slow_server_times_out_quickly() {
    let server = serve(vec![], job_ok().set_delay(Duration::from_secs(10))).await;
    let start = Instant::now();

    let err = client(&server.uri())
        .jobs()
        .retrieve("job_1")
        .timeout(Some(Duration::from_millis(200)))
        .max_retries(0)
        .await
        .unwrap_err();

    assert!(matches!(err, Error::Timeout(_)), "{err:?}");
    assert!(err.is_retryable());
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "took {:?}",
        start.elapsed()
    );
    assert_eq!(received(&server).await, 1);
}

#[tokio::test]
async fn a_timeout_is_retried_for_get_but_not_for_post() {
    let server = serve(vec![], job_ok().set_delay(Duration::from_secs(10))).await;
    let client = client(&server.uri());

    let err = client
        .jobs()
        .retrieve("job_1")
        .timeout(Some(Duration::from_millis(200)))
        .max_retries(1)
        .await;
    assert!(matches!(err, Err(Error::Timeout(_))), "{err:?}");
    assert_eq!(received(&server).await, 2);

    // The API may be running the generation that timed out: sending it again could run it twice.
    let err = client
        .generate()
        .prompt()
        .mode(GeneratePromptMode::Completion)
        .timeout(Some(Duration::from_millis(200)))
        .await;
    assert!(matches!(err, Err(Error::Timeout(_))), "{err:?}");
    assert_eq!(received(&server).await, 3, "one more request, not retried");
}

#[tokio::test]
async fn connection_refused_is_a_retried_connection_error() {
    let url = refused_url();
    let client = builder(&url).max_retries(2).build().unwrap();
    let start = Instant::now();

    let err = retrieve(&client).await.unwrap_err();
    let Error::Connection(cause) = &err else {
        panic!("expected Error::Connection, got {err:?}")
    };
    assert!(cause.is_connect(), "{cause:?}");
    assert!(err.is_retryable());

    // Nothing was sent, so even a POST is retried; the waits are at most 0.5 s and 1 s.
    let err = prompt(&client).await.unwrap_err();
    assert!(matches!(err, Error::Connection(_)), "{err:?}");
    assert!(
        start.elapsed() < Duration::from_secs(6),
        "took {:?}",
        start.elapsed()
    );
}

#[tokio::test]
async fn a_refused_connection_says_so_and_its_source_chain_reaches_the_os_error() {
    let url = refused_url();
    let client = builder(&url).max_retries(0).build().unwrap();

    let err = retrieve(&client).await.unwrap_err();

    let refused = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
    let os = std::io::Error::from_raw_os_error(111);
    assert_eq!(refused.kind(), os.kind(), "this test expects Linux's errno");
    assert_eq!(
        err.to_string(),
        format!("cannot connect to {url}/jobs/job_1: {os}")
    );
    assert_eq!(format!("{err:?}"), err.to_string());
    let mut cause: &dyn std::error::Error = &err;
    let mut io_kind = None;
    while let Some(next) = cause.source() {
        if let Some(io) = next.downcast_ref::<std::io::Error>() {
            io_kind = Some(io.kind());
        }
        cause = next;
    }
    assert_eq!(io_kind, Some(std::io::ErrorKind::ConnectionRefused));
}

#[tokio::test]
async fn a_connection_dropped_mid_response_is_retried() {
    let (url, accepted) = raw_server(vec![Conn::Drop, Conn::Truncate, Conn::Serve]).await;

    let out = retrieve(&client(&url))
        .await
        .expect("the third attempt succeeds");

    assert_eq!(out.job.job_id, "job_1");
    assert_eq!(accepted.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn a_post_whose_connection_drops_after_sending_is_not_retried() {
    let (url, accepted) = raw_server(vec![Conn::DropAfterRequest, Conn::Serve]).await;

    let err = prompt(&client(&url)).await.unwrap_err();

    assert!(
        matches!(&err, Error::Connection(e) if !e.is_connect()),
        "{err:?}"
    );
    assert_eq!(accepted.load(Ordering::SeqCst), 1);
}

#[test]
fn http_date_is_an_imf_fixdate() {
    assert_eq!(http_date(UNIX_EPOCH), "Thu, 01 Jan 1970 00:00:00 GMT");
    assert_eq!(
        http_date(UNIX_EPOCH + Duration::from_secs(1_445_412_480)),
        "Wed, 21 Oct 2015 07:28:00 GMT"
    );
    assert_eq!(
        http_date(UNIX_EPOCH + Duration::from_secs(951_782_400)),
        "Tue, 29 Feb 2000 00:00:00 GMT"
    );
}
