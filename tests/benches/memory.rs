//! How much memory the generated client holds while it receives and decodes one big list
//! response, beside the size of the body: every allocation is counted (the generator's counting
//! allocator), from just before the call to its end, against a local HTTP server.
//!
//! The floor is `serde_json::from_slice` of the same bytes already in memory: what decoding
//! alone costs, whoever calls it. A client that decodes the received bytes in place holds the
//! body once on top of that floor (its own buffer); a copy of the body before decoding, or a
//! decode through `serde_json::Value`, shows as a second body or more. `beyond the floor` is that
//! difference, as multiples of the body.
//!
//! Two error cases: a 400 whose body is a text page (not JSON), which the error keeps as
//! received; and a 400 whose body is the same big JSON, which the error keeps both as received
//! and decoded (the API's error shape keeps the members it does not name).

use std::sync::Arc;

use scenario_sdk::Client;
use scenario_sdk::models::AssetList;
use tests::bench::{heap, reset_peak};
use tests::measure::{report, sample_asset, serve_forever};
use tokio::net::TcpListener;

#[global_allocator]
static ALLOC: tests::bench::CountingAlloc = tests::bench::CountingAlloc;

const ASSETS: usize = 8000;
const ROUNDS: usize = 5;
const CHUNK: usize = 16 * 1024;

/// How the body is sent.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// 200, JSON, with its length announced.
    Length,
    /// 200, JSON, chunked without a length.
    Chunked,
    /// 400 with a text body that is not JSON: the cost of reading a body and keeping it in the
    /// error (`ApiError::raw`).
    ErrorText,
    /// 400 with the big JSON body: kept raw and decoded into the error shape.
    ErrorJson,
}

impl Mode {
    fn name(self) -> &'static str {
        match self {
            Mode::Length => "length",
            Mode::Chunked => "chunked",
            Mode::ErrorText => "error_text",
            Mode::ErrorJson => "error_json",
        }
    }
}

/// The whole HTTP response for `body`.
fn response(body: &[u8], mode: Mode) -> Vec<u8> {
    let mut out = Vec::new();
    if mode == Mode::Chunked {
        out.extend_from_slice(
            b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n",
        );
        for chunk in body.chunks(CHUNK) {
            out.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
            out.extend_from_slice(chunk);
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(b"0\r\n\r\n");
        return out;
    }
    let (status, content_type) = match mode {
        Mode::ErrorText => ("400 Bad Request", "text/html"),
        Mode::ErrorJson => ("400 Bad Request", "application/json"),
        _ => ("200 OK", "application/json"),
    };
    out.extend_from_slice(
        format!(
            "HTTP/1.1 {status}\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\n\r\n",
            body.len()
        )
        .as_bytes(),
    );
    out.extend_from_slice(body);
    out
}

/// Peak and retained bytes since `base` (from [`reset_peak`]).
fn sample(base: usize) -> (usize, usize) {
    let (now, peak) = heap();
    (peak.saturating_sub(base), now.saturating_sub(base))
}

/// The median peak and the median retained bytes of the samples.
fn medians(samples: Vec<(usize, usize)>) -> (f64, f64) {
    let (mut peaks, mut kept): (Vec<_>, Vec<_>) = samples.into_iter().unzip();
    peaks.sort_unstable();
    kept.sort_unstable();
    (peaks[ROUNDS / 2] as f64, kept[ROUNDS / 2] as f64)
}

fn report_case(name: &str, size: f64, (peak, kept): (f64, f64)) {
    report("memory", &format!("{name}.body"), size, "B");
    report("memory", &format!("{name}.peak"), peak / size, "x body");
    report("memory", &format!("{name}.retained"), kept / size, "x body");
    report(
        "memory",
        &format!("{name}.transient"),
        (peak - kept) / size,
        "x body",
    );
}

/// The client's call of `mode`, measured like the floor; returns its peak in bytes.
async fn measure(body: &[u8], mode: Mode) -> f64 {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(serve_forever(listener, Arc::new(response(body, mode))));
    let client = Client::builder()
        .credentials("key", "secret")
        .base_url(&base)
        .build()
        .unwrap();
    let call = || async {
        let result = client.assets().list().send().await;
        match mode {
            Mode::ErrorText | Mode::ErrorJson => assert!(result.is_err()),
            _ => assert_eq!(result.as_ref().unwrap().assets.len(), ASSETS),
        }
        result
    };
    // Warm the connection pool and the runtime's buffers.
    drop(call().await);
    let mut samples = Vec::new();
    for _ in 0..ROUNDS {
        let base = reset_peak();
        let result = call().await;
        samples.push(sample(base));
        drop(result);
    }
    let figures = medians(samples);
    report_case(mode.name(), body.len() as f64, figures);
    figures.0
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let body = serde_json::to_vec(
        &serde_json::json!({ "assets": (0..ASSETS).map(sample_asset).collect::<Vec<_>>() }),
    )
    .unwrap();
    let size = body.len() as f64;
    let floor = medians(
        (0..ROUNDS)
            .map(|_| {
                let base = reset_peak();
                let list: AssetList = serde_json::from_slice(&body).unwrap();
                let figures = sample(base);
                drop(list);
                figures
            })
            .collect(),
    );
    report_case("floor", size, floor);
    for mode in [Mode::Length, Mode::Chunked] {
        let peak = measure(&body, mode).await;
        report(
            "memory",
            &format!("{}.beyond_floor", mode.name()),
            (peak - floor.0) / size,
            "x body",
        );
    }
    // A maintenance page of the same size: text, not JSON.
    let page: Vec<u8> = b"<p>Down for maintenance.</p>\n"
        .iter()
        .copied()
        .cycle()
        .take(body.len())
        .collect();
    measure(&page, Mode::ErrorText).await;
    measure(&body, Mode::ErrorJson).await;
}
