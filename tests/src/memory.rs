//! What a call of the generated client holds in memory while it receives and decodes a response,
//! beside the floor: `serde_json::from_slice` of the same bytes already in memory, what decoding
//! alone costs whoever calls it. The client's peak less the floor's is what the client adds: its
//! buffer of the body, once, when it decodes the received bytes in place; a copy of the body
//! before decoding, or a decode through `serde_json::Value`, would show as a second body or more.
//!
//! The figures count every allocation through [`crate::bench::CountingAlloc`], which the binary
//! measuring must install as its global allocator; the memory benchmark prints them and a test
//! holds the client to them.

use std::sync::Arc;

use scenario_sdk::Client;
use scenario_sdk::models::AssetList;
use tokio::net::TcpListener;

use crate::bench::{heap, reset_peak};
use crate::measure::{sample_asset, serve_forever};

/// How the body is sent.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Delivery {
    /// 200, JSON, with its length announced.
    Length,
    /// 200, JSON, chunked without a length.
    Chunked,
    /// 400 with a text body that is not JSON: the cost of reading a body and keeping it in the
    /// error (`ApiError::raw`).
    ErrorText,
    /// 400 with the JSON body: kept raw and decoded into the error shape.
    ErrorJson,
}

impl Delivery {
    /// The name the benchmark's figures carry.
    pub fn name(self) -> &'static str {
        match self {
            Delivery::Length => "length",
            Delivery::Chunked => "chunked",
            Delivery::ErrorText => "error_text",
            Delivery::ErrorJson => "error_json",
        }
    }
}

/// The most held at once and what is still held at the end, in bytes (medians over the rounds).
#[derive(Clone, Copy, Debug)]
pub struct Held {
    pub peak: f64,
    pub retained: f64,
}

/// A list body of `assets` assets, as `GET /assets` answers.
pub fn asset_list(assets: usize) -> Vec<u8> {
    serde_json::to_vec(
        &serde_json::json!({ "assets": (0..assets).map(sample_asset).collect::<Vec<_>>() }),
    )
    .expect("JSON values encode")
}

/// A maintenance page of `len` bytes: text, not JSON.
pub fn text_page(len: usize) -> Vec<u8> {
    b"<p>Down for maintenance.</p>\n"
        .iter()
        .copied()
        .cycle()
        .take(len)
        .collect()
}

/// Peak and retained bytes since `base` (from [`reset_peak`]).
fn sample(base: usize) -> (usize, usize) {
    let (now, peak) = heap();
    (peak.saturating_sub(base), now.saturating_sub(base))
}

fn medians(samples: Vec<(usize, usize)>) -> Held {
    let (mut peaks, mut kept): (Vec<_>, Vec<_>) = samples.into_iter().unzip();
    peaks.sort_unstable();
    kept.sort_unstable();
    Held {
        peak: peaks[peaks.len() / 2] as f64,
        retained: kept[kept.len() / 2] as f64,
    }
}

/// What `serde_json::from_slice` holds decoding `body`, already in memory, into the list type.
pub fn floor(body: &[u8], rounds: usize) -> Held {
    medians(
        (0..rounds)
            .map(|_| {
                let base = reset_peak();
                let list: AssetList = serde_json::from_slice(body).expect("an asset list");
                let held = sample(base);
                drop(list);
                held
            })
            .collect(),
    )
}

/// The whole HTTP response for `body`.
fn response(body: &[u8], delivery: Delivery) -> Vec<u8> {
    const CHUNK: usize = 16 * 1024;
    let mut out = Vec::new();
    if delivery == Delivery::Chunked {
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
    let (status, content_type) = match delivery {
        Delivery::ErrorText => ("400 Bad Request", "text/html"),
        Delivery::ErrorJson => ("400 Bad Request", "application/json"),
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

/// What `client.assets().list().send()` holds while a local server answers it with `body`,
/// sent as `delivery` says; the first call (which opens the connection) is not counted.
pub async fn client_call(body: &[u8], delivery: Delivery, rounds: usize) -> Held {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a local port");
    let base = format!("http://{}", listener.local_addr().expect("an address"));
    tokio::spawn(serve_forever(listener, Arc::new(response(body, delivery))));
    let client = Client::builder()
        .credentials("key", "secret")
        .base_url(&base)
        .build()
        .expect("a client");
    let call = || async {
        let result = client.assets().list().send().await;
        match delivery {
            Delivery::ErrorText | Delivery::ErrorJson => assert!(result.is_err()),
            _ => assert!(result.is_ok(), "{:?}", result.as_ref().err()),
        }
        result
    };
    drop(call().await);
    let mut samples = Vec::new();
    for _ in 0..rounds {
        let base = reset_peak();
        let result = call().await;
        samples.push(sample(base));
        drop(result);
    }
    medians(samples)
}
