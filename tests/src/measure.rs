//! The measuring the benchmarks share: repeated samples, a median, and a JSON line per figure.

use std::time::{Duration, Instant};

/// Runs `f` in batches until each of `samples` samples lasts at least `per_sample`, and returns
/// the median time of one call.
pub fn median_time(samples: usize, per_sample: Duration, mut f: impl FnMut()) -> Duration {
    // Warm-up, and a first estimate of how many calls fill a sample.
    let start = Instant::now();
    let mut calls = 0u32;
    while start.elapsed() < per_sample / 4 || calls == 0 {
        f();
        calls += 1;
    }
    let batch = (calls * 4).max(1);
    let mut times: Vec<Duration> = (0..samples)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..batch {
                f();
            }
            t.elapsed() / batch
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// Prints one figure as a JSON line on stdout, for `cargo xtask bench` to collect.
pub fn report(bench: &str, name: &str, value: f64, unit: &str) {
    println!(
        "{}",
        serde_json::json!({ "bench": bench, "name": name, "value": value, "unit": unit })
    );
}

/// An asset as the API lists it, with a full set of metadata: the unit of the big list bodies
/// the decoding and memory benchmarks read.
pub fn sample_asset(i: usize) -> serde_json::Value {
    serde_json::json!({
        "id": format!("asset_{i}"), "authorId": "user_1", "ownerId": "proj_1", "kind": "image",
        "mimeType": "image/png", "privacy": "private", "source": "inference-txt2img", "status": "success",
        "url": format!("https://cdn.example/asset_{i}.png?sig=abcdef0123456789"), "collectionIds": ["col_1", "col_2"],
        "tags": ["castle", "night"], "editCapabilities": ["UPSCALE", "REMOVE_BACKGROUND", "PIXELATE"],
        "createdAt": "2026-01-01T00:00:00.000Z", "updatedAt": "2026-01-02T00:00:00.000Z",
        "description": "A castle on a floating island at night, lit by lanterns.",
        "metadata": {
            "kind": "image", "type": "inference-txt2img", "modelId": "model_abc", "prompt": "a castle on a floating island",
            "negativePrompt": "blurry", "seed": "123456", "width": 1024, "height": 1024, "numInferenceSteps": 30,
            "guidance": 7.5, "scheduler": "EulerAncestralDiscreteScheduler", "aspectRatio": "1:1", "size": 1234567
        },
        "properties": { "size": 1234567, "width": 1024, "height": 1024, "format": "png" },
        "thumbnail": { "assetId": format!("asset_{i}_t"), "url": "https://cdn.example/t.png" }
    })
}

/// Answers every request on every connection of `listener` with `response` (the whole HTTP
/// response, head and body), keeping connections open: the local server of the client
/// benchmarks. Requests there are GETs without a body: one per blank line.
pub async fn serve_forever(listener: tokio::net::TcpListener, response: std::sync::Arc<Vec<u8>>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    while let Ok((mut socket, _)) = listener.accept().await {
        let response = response.clone();
        tokio::spawn(async move {
            let mut buf = vec![0u8; 8192];
            let mut pending = Vec::new();
            loop {
                let n = match socket.read(&mut buf).await {
                    Ok(0) | Err(_) => return,
                    Ok(n) => n,
                };
                pending.extend_from_slice(&buf[..n]);
                while let Some(end) = pending.windows(4).position(|w| w == b"\r\n\r\n") {
                    pending.drain(..end + 4);
                    if socket.write_all(&response).await.is_err() {
                        return;
                    }
                }
            }
        });
    }
}
