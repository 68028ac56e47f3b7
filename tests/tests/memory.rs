//! The client decodes the bytes it received in place: beyond what decoding the same bytes costs
//! on its own, a call holds the body once, and an error keeps a text body once. A copy of the
//! body before decoding (or a decode through `serde_json::Value`) fails this test. The one test
//! of this binary, so that nothing else allocates while it counts; allocation counts, not times,
//! so the machine's load does not matter. The figures at full size are the memory benchmark's
//! (`cargo bench -p tests --bench memory`, BENCHMARKS.md).

use tests::memory::{Delivery, asset_list, client_call, floor, text_page};

#[global_allocator]
static ALLOC: tests::bench::CountingAlloc = tests::bench::CountingAlloc;

#[tokio::test(flavor = "current_thread")]
async fn a_call_holds_the_body_once_beyond_decoding() {
    let body = asset_list(1500);
    let size = body.len() as f64;
    let floor = floor(&body, 3);
    let call = client_call(&body, Delivery::Length, 3).await;
    let beyond = (call.peak - floor.peak) / size;
    assert!(
        (0.9..1.25).contains(&beyond),
        "beyond decoding the bytes in memory, a call held {beyond:.2}x the body (one copy is 1.0x)"
    );
    assert!(
        (call.retained - floor.retained).abs() / size < 0.05,
        "the decoded list should be all a call keeps"
    );

    let page = text_page(body.len());
    let error = client_call(&page, Delivery::ErrorText, 3).await;
    let kept = error.retained / size;
    assert!(
        (0.95..1.1).contains(&kept),
        "an error keeps a text body once; it kept {kept:.2}x"
    );
}
