//! The generated client's cost per request beside bare `reqwest` sending the same request (with
//! the same 60 s timeout) and decoding the same type, against a local keep-alive HTTP server, in
//! the same run: rounds of each alternate so that machine noise falls on both.

use std::sync::Arc;
use std::time::{Duration, Instant};

use scenario_sdk::Client;
use scenario_sdk::models::JobResponse;
use tests::measure::{report, serve_forever};
use tokio::net::TcpListener;

const BODY: &str = r#"{"job":{"jobId":"job_1","jobType":"custom","status":"in-progress","progress":0.5,"metadata":{"assetIds":[],"input":{"modelId":"model_x","prompt":"a castle"}},"statusHistory":[{"date":"2026-01-01T00:00:00Z","status":"queued"}],"createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:01Z","ownerId":"proj_1","authorId":"user_1"}}"#;
const PER_ROUND: u32 = 1000;
const ROUNDS: usize = 7;

#[tokio::main]
async fn main() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let response = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{BODY}",
        BODY.len()
    );
    tokio::spawn(serve_forever(listener, Arc::new(response.into_bytes())));

    let client = Client::builder()
        .credentials("key", "secret")
        .base_url(&base)
        .build()
        .unwrap();
    let http = reqwest::Client::new();
    let url = format!("{base}/jobs/job_1");

    let ours = || async {
        let t = Instant::now();
        for _ in 0..PER_ROUND {
            let r = client.jobs().retrieve("job_1").await.unwrap();
            assert_eq!(r.job.job_id, "job_1");
        }
        t.elapsed() / PER_ROUND
    };
    let bare = || async {
        let t = Instant::now();
        for _ in 0..PER_ROUND {
            let bytes = http
                .get(&url)
                .basic_auth("key", Some("secret"))
                .timeout(Duration::from_secs(60))
                .send()
                .await
                .unwrap()
                .bytes()
                .await
                .unwrap();
            let r: JobResponse = serde_json::from_slice(&bytes).unwrap();
            assert_eq!(r.job.job_id, "job_1");
        }
        t.elapsed() / PER_ROUND
    };
    // Warm both connection pools.
    ours().await;
    bare().await;
    let (mut a, mut b): (Vec<Duration>, Vec<Duration>) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        a.push(ours().await);
        b.push(bare().await);
    }
    a.sort();
    b.sort();
    let (ours_t, bare_t) = (a[ROUNDS / 2].as_secs_f64(), b[ROUNDS / 2].as_secs_f64());
    report("client", "generated.us_per_request", ours_t * 1e6, "µs");
    report("client", "reqwest.us_per_request", bare_t * 1e6, "µs");
    report("client", "overhead", (ours_t / bare_t - 1.0) * 100.0, "%");
}
