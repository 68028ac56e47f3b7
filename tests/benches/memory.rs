//! How much memory the generated client holds while it receives and decodes one big list
//! response, beside the size of the body: every allocation is counted (the generator's counting
//! allocator), from just before the call to its end, against a local HTTP server that sends the
//! body with its length announced, and chunked without it.
//!
//! The third case sends the same bytes as a 400 text body, which nothing decodes: its figures
//! are the cost of reading a body and keeping it (in the error), without a decoded result.
//!
//! `peak` is the most held at once during the call; `retained` what the call's result still
//! holds after it (the decoded list); `transient` the difference, what reading and decoding cost
//! beyond the result, which a copy of the body before decoding would double.

use std::sync::Arc;

use scenario_sdk::Client;
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
    /// 400 with the same bytes as text, so that nothing is decoded: what remains is the cost of
    /// reading the body and keeping it in the error (`ApiError::raw`).
    ErrorText,
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
    } else {
        out.extend_from_slice(
            format!(
                "HTTP/1.1 {}\r\ncontent-type: {}\r\ncontent-length: {}\r\n\r\n",
                if mode == Mode::ErrorText {
                    "400 Bad Request"
                } else {
                    "200 OK"
                },
                if mode == Mode::ErrorText {
                    "text/plain"
                } else {
                    "application/json"
                },
                body.len()
            )
            .as_bytes(),
        );
        out.extend_from_slice(body);
    }
    out
}

async fn measure(body: &[u8], mode: Mode) {
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
            Mode::ErrorText => assert!(result.is_err()),
            _ => assert_eq!(result.as_ref().unwrap().assets.len(), ASSETS),
        }
        result
    };
    // Warm the connection pool and the runtime's buffers.
    drop(call().await);
    let (mut peaks, mut retained) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        let base = tests::bench::reset_peak();
        let list = call().await;
        let (now, peak) = tests::bench::heap();
        peaks.push(peak.saturating_sub(base));
        retained.push(now.saturating_sub(base));
        drop(list);
    }
    peaks.sort_unstable();
    retained.sort_unstable();
    let (peak, kept) = (peaks[ROUNDS / 2] as f64, retained[ROUNDS / 2] as f64);
    let size = body.len() as f64;
    let mode = match mode {
        Mode::Length => "length",
        Mode::Chunked => "chunked",
        Mode::ErrorText => "error_text",
    };
    report("memory", &format!("{mode}.body"), size, "B");
    report("memory", &format!("{mode}.peak"), peak / size, "x body");
    report("memory", &format!("{mode}.retained"), kept / size, "x body");
    report(
        "memory",
        &format!("{mode}.transient"),
        (peak - kept) / size,
        "x body",
    );
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let body = serde_json::to_vec(
        &serde_json::json!({ "assets": (0..ASSETS).map(sample_asset).collect::<Vec<_>>() }),
    )
    .unwrap();
    measure(&body, Mode::Length).await;
    measure(&body, Mode::Chunked).await;
    measure(&body, Mode::ErrorText).await;
}
