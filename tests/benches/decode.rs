//! Decoding throughput of big lists of Jobs and Assets into the generated types, beside
//! `serde_json::Value` and beside serde_json skipping every value (`IgnoredAny`, the parser's own
//! limit), on the same bytes in the same run.

use std::time::Duration;

use scenario_sdk::models::{AssetList, JobList};
use serde::de::IgnoredAny;
use serde_json::{Value, json};
use tests::measure::{median_time, report, sample_asset};

/// The seed documentation's job (a workflow job with a full flow), under a new id.
fn seed_job(i: usize) -> Value {
    let text = std::fs::read_to_string(tests::shared().join("seeds/000_6676c71e1647ab8c.txt"))
        .expect("the seed");
    let start =
        text.find("print(response.job)").expect("the seed example") + "print(response.job)".len();
    let mut de = serde_json::Deserializer::from_str(&text[start..]).into_iter::<Value>();
    let mut example = de.next().expect("a JSON value").expect("valid JSON");
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
