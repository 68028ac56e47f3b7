//! List operations stream every item of every page, following `nextPaginationToken`.

use std::time::Duration;

use scenario_sdk::{Client, Error, TryStreamExt};
use serde_json::{Value, json};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn job(id: &str) -> Value {
    json!({
        "jobId": id, "jobType": "custom", "status": "success", "progress": 1, "metadata": {},
        "statusHistory": [], "createdAt": "2026-01-01T00:00:00Z", "updatedAt": "2026-01-01T00:00:00Z"
    })
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .credentials("k", "s")
        .base_url(server.uri())
        .timeout(Some(Duration::from_secs(5)))
        .build()
        .unwrap()
}

async fn page(server: &MockServer, token: Option<&str>, body: Value) {
    let mock = Mock::given(method("GET"))
        .and(path("/jobs"))
        .and(query_param("pageSize", "2"));
    let mock = match token {
        Some(t) => mock.and(query_param("paginationToken", t)),
        None => mock.and(query_param_is_missing("paginationToken")),
    };
    mock.respond_with(ResponseTemplate::new(200).set_body_json(body))
        .expect(1)
        .mount(server)
        .await;
}

#[tokio::test]
async fn three_pages_stream_in_order_keeping_the_parameters() {
    let server = MockServer::start().await;
    page(
        &server,
        None,
        json!({ "jobs": [job("a"), job("b")], "nextPaginationToken": "t1" }),
    )
    .await;
    page(
        &server,
        Some("t1"),
        json!({ "jobs": [job("c"), job("d")], "nextPaginationToken": "t2" }),
    )
    .await;
    page(&server, Some("t2"), json!({ "jobs": [job("e")] })).await;

    let client = client(&server);
    let jobs: Vec<_> = client
        .jobs()
        .list()
        .page_size(2)
        .stream()
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<&str> = jobs.iter().map(|j| j.job_id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c", "d", "e"]);
}

#[tokio::test]
async fn a_repeated_token_ends_the_stream() {
    let server = MockServer::start().await;
    page(
        &server,
        None,
        json!({ "jobs": [job("a")], "nextPaginationToken": "t1" }),
    )
    .await;
    page(
        &server,
        Some("t1"),
        json!({ "jobs": [job("b")], "nextPaginationToken": "t1" }),
    )
    .await;

    let client = client(&server);
    let jobs: Vec<_> = client
        .jobs()
        .list()
        .page_size(2)
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(jobs.len(), 2);
}

#[tokio::test]
async fn an_error_page_ends_the_stream_with_the_error() {
    let server = MockServer::start().await;
    page(
        &server,
        None,
        json!({ "jobs": [job("a")], "nextPaginationToken": "t1" }),
    )
    .await;
    Mock::given(path("/jobs"))
        .and(query_param("paginationToken", "t1"))
        .respond_with(ResponseTemplate::new(404).set_body_string("gone"))
        .mount(&server)
        .await;

    let client = client(&server);
    let result: Result<Vec<_>, Error> = client
        .jobs()
        .list()
        .page_size(2)
        .max_retries(0)
        .stream()
        .try_collect()
        .await;
    assert!(result.unwrap_err().is_not_found());
}
