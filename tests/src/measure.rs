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
