//! Decoding throughput of big lists of Jobs and Assets into the generated types, beside
//! `serde_json::Value` and beside serde_json skipping every value (`IgnoredAny`, the parser's own
//! limit), on the same bytes in the same run.

use std::time::Duration;

use scenario_sdk::models::{AssetList, JobList};
use serde::de::IgnoredAny;
use serde_json::{Value, json};
use tests::measure::{median_time, report, sample_asset};

/// The documentation's example job (a workflow job with a full flow, `tests/data/`), under a new id.
fn seed_job(i: usize) -> Value {
    let path = tests::root().join("tests/data/generate-prompt-example.json");
    let text = std::fs::read_to_string(&path).expect("the recorded example");
    let mut example: Value = serde_json::from_str(&text).expect("valid JSON");
    let mut job = example["job"].take();
    job["jobId"] = json!(format!("job_{i}"));
    job
}

fn bench(name: &str, bytes: &[u8], typed: impl Fn(&[u8])) {
    let per = Duration::from_millis(300);
    let mb = bytes.len() as f64 / 1e6;
    let typed_t = median_time(7, per, || typed(bytes));
    let value_t = median_time(7, per, || {
        std::hint::black_box(serde_json::from_slice::<Value>(bytes).unwrap());
    });
    let skip_t = median_time(7, per, || {
        std::hint::black_box(serde_json::from_slice::<IgnoredAny>(bytes).unwrap());
    });
    report("decode", &format!("{name}.bytes"), bytes.len() as f64, "B");
    report(
        "decode",
        &format!("{name}.typed"),
        mb / typed_t.as_secs_f64(),
        "MB/s",
    );
    report(
        "decode",
        &format!("{name}.value"),
        mb / value_t.as_secs_f64(),
        "MB/s",
    );
    report(
        "decode",
        &format!("{name}.ignored"),
        mb / skip_t.as_secs_f64(),
        "MB/s",
    );
}

fn main() {
    let jobs = serde_json::to_vec(
        &json!({ "jobs": (0..300).map(seed_job).collect::<Vec<_>>(), "nextPaginationToken": "t" }),
    )
    .unwrap();
    bench("jobs", &jobs, |b| {
        std::hint::black_box(serde_json::from_slice::<JobList>(b).unwrap());
    });
    let assets =
        serde_json::to_vec(&json!({ "assets": (0..2000).map(sample_asset).collect::<Vec<_>>() }))
            .unwrap();
    bench("assets", &assets, |b| {
        std::hint::black_box(serde_json::from_slice::<AssetList>(b).unwrap());
    });
}
