//! How much memory the generated client holds while it receives and decodes one big list
//! response (8,000 assets), beside the size of the body and beside the floor of decoding alone
//! (`tests::memory` says how). Two error cases: a 400 whose body is a text page, which the error
//! keeps as received; and a 400 whose body is the same big JSON, which the error keeps both as
//! received and decoded (the API's error shape keeps the members it does not name).

use tests::measure::report;
use tests::memory::{Delivery, Held, asset_list, client_call, floor, text_page};

#[global_allocator]
static ALLOC: tests::bench::CountingAlloc = tests::bench::CountingAlloc;

const ASSETS: usize = 8000;
const ROUNDS: usize = 5;

fn report_case(name: &str, size: f64, held: Held) {
    report("memory", &format!("{name}.body"), size, "B");
    report(
        "memory",
        &format!("{name}.peak"),
        held.peak / size,
        "x body",
    );
    report(
        "memory",
        &format!("{name}.retained"),
        held.retained / size,
        "x body",
    );
    report(
        "memory",
        &format!("{name}.transient"),
        (held.peak - held.retained) / size,
        "x body",
    );
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let body = asset_list(ASSETS);
    let size = body.len() as f64;
    let floor = floor(&body, ROUNDS);
    report_case("floor", size, floor);
    for delivery in [Delivery::Length, Delivery::Chunked] {
        let held = client_call(&body, delivery, ROUNDS).await;
        report_case(delivery.name(), size, held);
        report(
            "memory",
            &format!("{}.beyond_floor", delivery.name()),
            (held.peak - floor.peak) / size,
            "x body",
        );
    }
    let page = text_page(body.len());
    let held = client_call(&page, Delivery::ErrorText, ROUNDS).await;
    report_case(Delivery::ErrorText.name(), size, held);
    let held = client_call(&body, Delivery::ErrorJson, ROUNDS).await;
    report_case(Delivery::ErrorJson.name(), size, held);
}
