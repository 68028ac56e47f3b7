//! Requests of the client generated from `tests/fixtures/limits.yaml`, copied into that crate
//! as `tests/fixture.rs` by `tests/tests/builds.rs`: exclusive bounds refuse the bound itself
//! before anything is sent, and a value inside them reaches the API.

use fixture_limits::resources::counters::SetCounterBuilder;
use fixture_limits::{Client, Error};

#[path = "support/socket.rs"]
mod support;

/// The refusal's field and message of a request that must not be sent.
async fn refused(request: SetCounterBuilder<'_>) -> String {
    match request.send().await {
        Err(Error::InvalidRequest { field, message }) => format!("{field} {message}"),
        other => panic!("expected a refusal before sending, got {other:?}"),
    }
}

#[tokio::test]
async fn exclusive_bounds_refuse_the_bound_itself() {
    // Nothing listens there: a request that went out would fail otherwise.
    let client = Client::builder()
        .base_url("http://127.0.0.1:9")
        .max_retries(0)
        .build()
        .unwrap();
    let counter = || client.counters().set_counter().total(1);
    assert_eq!(
        refused(counter().rate(0.0)).await,
        "rate must be more than 0 and at most 1, not 0"
    );
    assert_eq!(
        refused(counter().ratio(1.0)).await,
        "ratio must be at least 0 and less than 1, not 1"
    );
    // `minimum: 2` is stricter than `exclusiveMinimum: 1`.
    assert_eq!(
        refused(counter().level(1)).await,
        "level must be at least 2 and less than 10, not 1"
    );
    assert_eq!(
        refused(counter().level(10)).await,
        "level must be at least 2 and less than 10, not 10"
    );
}

#[tokio::test]
async fn values_inside_exclusive_bounds_are_sent() {
    let (url, server) = support::serve_once(204, "application/json", b"").await;
    let client = Client::builder()
        .base_url(url)
        .max_retries(0)
        .build()
        .unwrap();
    client
        .counters()
        .set_counter()
        .total(1)
        .rate(1.0)
        .ratio(0.0)
        .level(9)
        .send()
        .await
        .unwrap();
    let seen = server.await.unwrap();
    assert_eq!(seen.line(), "PUT /v2/counters HTTP/1.1");
    assert_eq!(seen.header("content-type"), Some("application/json"));
    let body: serde_json::Value = serde_json::from_slice(&seen.body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"total": 1, "rate": 1.0, "ratio": 0.0, "level": 9})
    );
}
