//! Behaviour tests of the generated client: real HTTP over loopback against a wiremock server.
//!
//! Every request is bounded in time by the client's own timeout (`TIMEOUT`), so a test cannot
//! hang on the network.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use scenario_sdk::models::{
    AssetKind, AssetType, GeneratePromptMode, GeneratePromptResponse, JobActionRequestAction,
    JobStatus, JobType, ModelStatus, Privacy, PrivacyFilter, SortDirection, SortField,
};
use scenario_sdk::resources::generate::{PromptOutput, RunModelOutput};
use scenario_sdk::{Client, Error};
use serde_json::{Value, json};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const KEY: &str = "test-key";
const SECRET: &str = "sUp3r-s3cret-V4lue";
const TIMEOUT: Duration = Duration::from_secs(5);

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn client_for(base_url: &str) -> Client {
    Client::builder()
        .credentials(KEY, SECRET)
        .base_url(base_url)
        .timeout(Some(TIMEOUT))
        .build()
        .expect("valid client")
}

/// A server that answers every request with `response`, and a client pointed at it.
async fn serve(response: ResponseTemplate) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(response)
        .mount(&server)
        .await;
    let client = client_for(&server.uri());
    (server, client)
}

fn json_response(status: u16, body: &Value) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(body)
}

/// The one request the server received.
async fn only_request(server: &MockServer) -> Request {
    let mut requests = server
        .received_requests()
        .await
        .expect("request recording is on");
    assert_eq!(
        requests.len(),
        1,
        "expected exactly one request, got {requests:?}"
    );
    requests.remove(0)
}

/// Checks what every request must carry: method, encoded path, credentials and user agent.
fn assert_request(request: &Request, method: &str, path: &str) {
    assert_eq!(request.method.as_str(), method);
    assert_eq!(request.url.path(), path);
    let expected_auth = format!("Basic {}", STANDARD.encode(format!("{KEY}:{SECRET}")));
    let auth = request
        .headers
        .get("authorization")
        .expect("an Authorization header");
    assert_eq!(auth.as_bytes(), expected_auth.as_bytes());
    let agent = request
        .headers
        .get("user-agent")
        .expect("a User-Agent header")
        .to_str()
        .unwrap();
    assert!(
        agent.starts_with("scenario-sdk-rust/"),
        "User-Agent: {agent}"
    );
}

/// The query parameters in the order sent, sorted by name only (repeated keys keep their order).
fn query(request: &Request) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = request
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    pairs
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = expected
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    pairs
}

/// The JSON body the server received, after checking it was announced as JSON.
fn json_body(request: &Request) -> Value {
    let content_type = request
        .headers
        .get("content-type")
        .expect("a Content-Type header");
    assert_eq!(content_type.to_str().unwrap(), "application/json");
    serde_json::from_slice(&request.body).expect("the request body is JSON")
}

/// A minimal valid Job: only the required fields.
fn job_json(id: &str) -> Value {
    json!({
        "jobId": id,
        "jobType": "flux",
        "status": "in-progress",
        "progress": 0.5,
        "metadata": {},
        "statusHistory": [{"date": "2024-05-01T10:00:00Z", "status": "queued"}],
        "createdAt": "2024-05-01T10:00:00Z",
        "updatedAt": "2024-05-01T10:00:05Z"
    })
}

/// A minimal valid Asset: only the required fields.
fn asset_json(id: &str) -> Value {
    json!({
        "id": id,
        "kind": "image",
        "url": format!("https://cdn.example/{id}.png"),
        "metadata": {"kind": "image", "type": "inference-txt2img"},
        "properties": {"size": 2048},
        "createdAt": "2024-05-01T10:00:00Z",
        "updatedAt": "2024-05-01T10:00:00Z"
    })
}

/// A minimal valid Model: only the required fields.
fn model_json(id: &str) -> Value {
    json!({
        "id": id,
        "type": "flux.1-lora",
        "status": "trained",
        "privacy": "private",
        "capabilities": ["txt2img", "img2img"],
        "createdAt": "2024-05-01T10:00:00Z",
        "updatedAt": "2024-05-02T10:00:00Z"
    })
}

/// The example response of the documentation's "generate a prompt" page (see
/// `tests/data/SOURCES.md`), kept in the repository so the suite needs nothing beside it.
fn seed_example() -> Value {
    let path = tests::root().join("tests/data/generate-prompt-example.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let example: Value = serde_json::from_str(&text).expect("the example is JSON");
    assert!(
        example.get("job").is_some() && example.get("prompts").is_some(),
        "not the response object: {example}"
    );
    example
}

/// Formats an error both ways and checks the secret shows in neither.
fn assert_no_secret(error: &Error) {
    let basic = STANDARD.encode(format!("{KEY}:{SECRET}"));
    for text in [format!("{error}"), format!("{error:?}")] {
        assert!(!text.contains(SECRET), "the secret leaks: {text}");
        assert!(
            !text.contains(&basic),
            "the encoded credentials leak: {text}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// 1. Every operation: method, path, query, body, headers, and the decoded response
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn generate_prompt_sends_body_and_query_and_decodes_response() {
    let response = json!({
        "job": job_json("job_1"), "prompts": ["a red fox", "a blue owl"], "creativeUnitsCost": 1.5, "mode": "completion"
    });
    let (server, client) = serve(json_response(200, &response)).await;
    let out = client
        .generate()
        .prompt()
        .mode(GeneratePromptMode::Completion)
        .prompt("a fox")
        .num_results(2)
        .temperature(0.25)
        .dry_run(false)
        .project_id("proj 1")
        .await
        .expect("decoded");

    let request = only_request(&server).await;
    assert_request(&request, "POST", "/generate/prompt");
    assert_eq!(
        query(&request),
        pairs(&[("dryRun", "false"), ("projectId", "proj 1")])
    );
    assert_eq!(
        json_body(&request),
        json!({"mode": "completion", "prompt": "a fox", "numResults": 2, "temperature": 0.25})
    );
    assert_eq!(out.prompts, vec!["a red fox", "a blue owl"]);
    assert_eq!(out.creative_units_cost, Some(1.5));
    assert_eq!(out.mode, Some(GeneratePromptMode::Completion));
    assert_eq!(out.job.job_id, "job_1");
    assert_eq!(out.job.status, JobStatus::InProgress);
}

#[tokio::test]
async fn run_model_encodes_model_id_and_sends_map_body() {
    let response =
        json!({"job": job_json("job_2"), "creativeUnitsCost": 4, "creativeUnitsDiscount": 1});
    let (server, client) = serve(json_response(200, &response)).await;
    let out = client
        .generate()
        .run_model(
            "model id/1",
            json!({"prompt": "a castle", "numSamples": 2, "guidance": {"scale": 3.5, "steps": [1, 2]}}),
        )
        .project_id("proj_1")
        .dry_run(false)
        .await
        .expect("decoded");

    let request = only_request(&server).await;
    assert_request(&request, "POST", "/generate/custom/model%20id%2F1");
    assert_eq!(
        query(&request),
        pairs(&[("dryRun", "false"), ("projectId", "proj_1")])
    );
    assert_eq!(
        json_body(&request),
        json!({"prompt": "a castle", "numSamples": 2, "guidance": {"scale": 3.5, "steps": [1, 2]}})
    );
    assert_eq!(out.job.job_id, "job_2");
    assert_eq!(out.job.job_type, JobType::Flux);
    assert_eq!(out.creative_units_cost, Some(4.0));
    assert_eq!(out.creative_units_discount, Some(1.0));
}

#[tokio::test]
async fn jobs_retrieve_encodes_job_id() {
    let mut job = job_json("job 7/a");
    job["metadata"] = json!({"assetIds": ["asset_1", "asset_2"], "error": null});
    job["billing"] = json!({"cuCost": 3, "cuDiscount": 0});
    let (server, client) = serve(json_response(200, &json!({"job": job}))).await;

    let out = client
        .jobs()
        .retrieve("job 7/a")
        .project_id("proj_1")
        .await
        .expect("decoded");

    let request = only_request(&server).await;
    assert_request(&request, "GET", "/jobs/job%207%2Fa");
    assert_eq!(query(&request), pairs(&[("projectId", "proj_1")]));
    assert!(request.body.is_empty());
    assert_eq!(out.job.job_id, "job 7/a");
    assert_eq!(out.job.progress, 0.5);
    assert_eq!(
        out.job.metadata.asset_ids,
        Some(vec!["asset_1".to_string(), "asset_2".to_string()])
    );
    assert_eq!(
        out.job.metadata.error,
        Some(None),
        "an explicit null error is kept apart from an absent one"
    );
    assert_eq!(out.job.billing.as_ref().map(|b| b.cu_cost), Some(3.0));
    assert_eq!(out.job.status_history[0].status, JobStatus::Queued);
}

#[tokio::test]
async fn jobs_list_sends_filters_and_repeats_array_keys() {
    let response =
        json!({"jobs": [job_json("job_a"), job_json("job_b")], "nextPaginationToken": "next/2"});
    let (server, client) = serve(json_response(200, &response)).await;

    let out = client
        .jobs()
        .list()
        .page_size(20)
        .pagination_token("tok en/1")
        .types(vec![
            JobType::Caption,
            JobType::Flux,
            JobType::from("brand-new"),
        ])
        .status(JobStatus::Success)
        .hide_results(true)
        .author_id("user_1")
        .project_id("proj_1")
        .await
        .expect("decoded");

    let request = only_request(&server).await;
    assert_request(&request, "GET", "/jobs");
    let expected = [
        ("authorId", "user_1"),
        ("hideResults", "true"),
        ("pageSize", "20"),
        ("paginationToken", "tok en/1"),
        ("types", "caption"),
        ("types", "flux"),
        ("types", "brand-new"),
        ("status", "success"),
        ("projectId", "proj_1"),
    ];
    assert_eq!(query(&request), pairs(&expected));
    assert!(
        request
            .url
            .query()
            .unwrap()
            .contains("types=caption&types=flux&types=brand-new"),
        "{:?}",
        request.url.query()
    );
    assert!(request.body.is_empty());
    assert_eq!(out.jobs.len(), 2);
    assert_eq!(out.jobs[1].job_id, "job_b");
    assert_eq!(out.next_pagination_token.as_deref(), Some("next/2"));
}

#[tokio::test]
async fn jobs_action_posts_the_action() {
    let mut job = job_json("job 9/x");
    job["status"] = json!("canceled");
    let (server, client) = serve(json_response(200, &json!({"job": job}))).await;

    let out = client
        .jobs()
        .action("job 9/x")
        .action(JobActionRequestAction::Cancel)
        .project_id("proj_1")
        .await
        .expect("decoded");

    let request = only_request(&server).await;
    assert_request(&request, "POST", "/jobs/job%209%2Fx/action");
    assert_eq!(query(&request), pairs(&[("projectId", "proj_1")]));
    assert_eq!(json_body(&request), json!({"action": "cancel"}));
    assert_eq!(out.job.status, JobStatus::Canceled);
}

#[tokio::test]
async fn models_retrieve_encodes_model_id() {
    let (server, client) = serve(json_response(
        200,
        &json!({"model": model_json("model id/1")}),
    ))
    .await;

    let out = client
        .models()
        .retrieve("model id/1")
        .original_assets(true)
        .project_id("proj_1")
        .await
        .expect("decoded");

    let request = only_request(&server).await;
    assert_request(&request, "GET", "/models/model%20id%2F1");
    assert_eq!(
        query(&request),
        pairs(&[("originalAssets", "true"), ("projectId", "proj_1")])
    );
    assert!(request.body.is_empty());
    assert_eq!(out.model.id, "model id/1");
    assert_eq!(out.model.status, ModelStatus::Trained);
    assert_eq!(out.model.privacy, Privacy::Private);
    assert_eq!(out.model.r#type.as_str(), "flux.1-lora");
    assert_eq!(
        out.model
            .capabilities
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>(),
        ["txt2img", "img2img"]
    );
}

#[tokio::test]
async fn models_list_sends_filters() {
    let response = json!({"models": [model_json("model_a")], "nextPaginationToken": "p2"});
    let (server, client) = serve(json_response(200, &response)).await;

    let out = client
        .models()
        .list()
        .privacy(PrivacyFilter::Public)
        .page_size(50)
        .pagination_token("p1")
        .status(ModelStatus::Training)
        .collection_id("coll 1")
        .loaded_only(false)
        .await
        .expect("decoded");

    let request = only_request(&server).await;
    assert_request(&request, "GET", "/models");
    let expected = [
        ("privacy", "public"),
        ("pageSize", "50"),
        ("paginationToken", "p1"),
        ("status", "training"),
        ("collectionId", "coll 1"),
        ("loadedOnly", "false"),
    ];
    assert_eq!(query(&request), pairs(&expected));
    assert_eq!(out.models[0].id, "model_a");
    assert_eq!(out.next_pagination_token.as_deref(), Some("p2"));
}

#[tokio::test]
async fn model_examples_list_encodes_model_id() {
    let example = json!({"asset": asset_json("asset_1"), "modelId": "model id/1", "inferenceId": "inf_1", "job": job_json("job_1")});
    let (server, client) = serve(json_response(200, &json!({"examples": [example]}))).await;

    let out = client
        .models()
        .examples()
        .list("model id/1")
        .original_assets(false)
        .project_id("proj_1")
        .await
        .expect("decoded");

    let request = only_request(&server).await;
    assert_request(&request, "GET", "/models/model%20id%2F1/examples");
    assert_eq!(
        query(&request),
        pairs(&[("originalAssets", "false"), ("projectId", "proj_1")])
    );
    assert!(request.body.is_empty());
    assert_eq!(out.examples.len(), 1);
    assert_eq!(out.examples[0].model_id, "model id/1");
    assert_eq!(out.examples[0].asset.kind, AssetKind::Image);
    assert_eq!(
        out.examples[0].job.as_ref().map(|j| j.job_id.as_str()),
        Some("job_1")
    );
}

#[tokio::test]
async fn model_examples_update_puts_asset_ids() {
    let examples = json!({"examples": [
        {"asset": asset_json("asset_2"), "modelId": "model_1"},
        {"asset": asset_json("asset_1"), "modelId": "model_1"}
    ]});
    let (server, client) = serve(json_response(200, &examples)).await;
    let out = client
        .models()
        .examples()
        .update("model id/1")
        .asset_ids(["asset_2", "asset_1"])
        .original_assets(true)
        .project_id("proj_1")
        .await
        .expect("decoded");

    let request = only_request(&server).await;
    assert_request(&request, "PUT", "/models/model%20id%2F1/examples");
    assert_eq!(
        query(&request),
        pairs(&[("originalAssets", "true"), ("projectId", "proj_1")])
    );
    assert_eq!(
        json_body(&request),
        json!({"assetIds": ["asset_2", "asset_1"]})
    );
    let ids: Vec<&str> = out.examples.iter().map(|e| e.asset.id.as_str()).collect();
    assert_eq!(ids, ["asset_2", "asset_1"]);
}

#[tokio::test]
async fn assets_retrieve_encodes_asset_id() {
    let mut asset = asset_json("asset 1/b");
    asset["embedding"] = json!([0.25, -1.0]);
    asset["privacy"] = json!("unlisted");
    let (server, client) = serve(json_response(200, &json!({"asset": asset}))).await;

    let out = client
        .assets()
        .retrieve("asset 1/b")
        .with_embedding(true)
        .original_assets(false)
        .await
        .expect("decoded");

    let request = only_request(&server).await;
    assert_request(&request, "GET", "/assets/asset%201%2Fb");
    assert_eq!(
        query(&request),
        pairs(&[("withEmbedding", "true"), ("originalAssets", "false")])
    );
    assert!(request.body.is_empty());
    assert_eq!(out.asset.id, "asset 1/b");
    assert_eq!(out.asset.url, "https://cdn.example/asset 1/b.png");
    assert_eq!(out.asset.properties.size, 2048.0);
    assert_eq!(
        out.asset.metadata.r#type,
        AssetType::from("inference-txt2img")
    );
    assert_eq!(out.asset.embedding, Some(vec![0.25, -1.0]));
    assert_eq!(out.asset.privacy, Some(Privacy::Unlisted));
}

#[tokio::test]
async fn assets_list_sends_filters_and_repeats_array_keys() {
    let response = json!({"assets": [asset_json("asset_1"), asset_json("asset_2")]});
    let (server, client) = serve(json_response(200, &response)).await;

    let out = client
        .assets()
        .list()
        .page_size(10)
        .pagination_token("t")
        .sort_by(SortField::CreatedAt)
        .sort_direction(SortDirection::Desc)
        .created_after("2024-01-01T00:00:00Z")
        .types(vec![
            AssetType::from("inference-txt2img"),
            AssetType::from("uploaded"),
        ])
        .model_id("model_1")
        .tags("sci-fi,space")
        .project_id("proj_1")
        .await
        .expect("decoded");

    let request = only_request(&server).await;
    assert_request(&request, "GET", "/assets");
    let expected = [
        ("pageSize", "10"),
        ("paginationToken", "t"),
        ("sortBy", "createdAt"),
        ("sortDirection", "desc"),
        ("createdAfter", "2024-01-01T00:00:00Z"),
        ("modelId", "model_1"),
        ("tags", "sci-fi,space"),
        ("types", "inference-txt2img"),
        ("types", "uploaded"),
        ("projectId", "proj_1"),
    ];
    assert_eq!(query(&request), pairs(&expected));
    assert!(
        request
            .url
            .query()
            .unwrap()
            .contains("types=inference-txt2img&types=uploaded")
    );
    assert_eq!(out.assets.len(), 2);
    assert_eq!(out.assets[1].id, "asset_2");
    assert_eq!(out.next_pagination_token, None);
}

#[tokio::test]
async fn base_url_path_prefix_is_kept() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(json_response(200, &json!({"job": job_json("j")})))
        .mount(&server)
        .await;
    let client = client_for(&format!("{}/v1/", server.uri()));

    client.jobs().retrieve("j").await.expect("decoded");

    assert_request(&only_request(&server).await, "GET", "/v1/jobs/j");
}

/// A one-shot HTTP server that reports the request target exactly as received (wiremock
/// re-parses it as a URL, which would resolve `%2E%2E` itself).
fn raw_target_server() -> (String, std::sync::mpsc::Receiver<String>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let uri = format!("http://{}", listener.local_addr().unwrap());
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let Ok((mut stream, _)) = listener.accept() else {
            return;
        };
        stream.set_read_timeout(Some(TIMEOUT)).ok();
        let (mut head, mut buf) = (Vec::new(), [0u8; 1024]);
        while !head.windows(4).any(|w| w == b"\r\n\r\n") {
            match stream.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => head.extend_from_slice(&buf[..n]),
            }
        }
        let head = String::from_utf8_lossy(&head);
        let target = head.split(' ').nth(1).unwrap_or_default().to_string();
        let _ = tx.send(target);
        let _ = stream
            .write_all(b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
    });
    (uri, rx)
}

#[tokio::test]
async fn dot_segment_ids_are_encoded_not_dropped() {
    let mut wrong = Vec::new();
    for case in 0..3 {
        let (uri, targets) = raw_target_server();
        let client = client_for(&uri);
        let (result, expected) = match case {
            0 => (client.jobs().retrieve("..").await.map(drop), "/jobs/%2E%2E"),
            1 => {
                let cancel = JobActionRequestAction::Cancel;
                (
                    client.jobs().action("..").action(cancel).await.map(drop),
                    "/jobs/%2E%2E/action",
                )
            }
            _ => (
                client.models().examples().list(".").await.map(drop),
                "/models/%2E/examples",
            ),
        };
        match result {
            // Refusing the id before sending is correct too.
            Err(Error::InvalidRequest { .. }) => {
                assert!(targets.try_recv().is_err(), "refused, yet sent")
            }
            _ => {
                let target = targets.recv_timeout(TIMEOUT).expect("a request");
                if !target.eq_ignore_ascii_case(expected) {
                    wrong.push(format!("expected {expected}, sent {target}"));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "dot-segment ids went to other endpoints: {wrong:?}"
    );
}

#[tokio::test]
async fn an_empty_path_parameter_is_refused_before_sending() {
    let (server, client) = serve(json_response(200, &json!({}))).await;

    let err = client.jobs().retrieve("").await.unwrap_err();
    assert!(
        matches!(&err, Error::InvalidRequest { field, .. } if field == "jobId"),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "invalid request: `jobId` cannot be empty: it is a part of the request's path"
    );
    let err = client.collections().delete("").await.unwrap_err();
    assert!(
        matches!(&err, Error::InvalidRequest { field, .. } if field == "collectionId"),
        "{err:?}"
    );
    let cancel = JobActionRequestAction::Cancel;
    let err = client.jobs().action("").action(cancel).await.unwrap_err();
    assert!(matches!(err, Error::InvalidRequest { .. }), "{err:?}");

    let sent = server.received_requests().await.unwrap();
    assert!(sent.is_empty(), "sent {sent:?}");
}

#[tokio::test]
async fn control_characters_in_an_id_are_percent_encoded_not_dropped() {
    for (id, expected) in [
        ("a\nb", "/jobs/a%0Ab"),
        ("a\tb\rc", "/jobs/a%09b%0Dc"),
        ("x\u{1}y\u{7f}", "/jobs/x%01y%7F"),
    ] {
        let (uri, targets) = raw_target_server();
        let result = client_for(&uri).jobs().retrieve(id).await;
        assert!(result.is_err(), "the server answers 404");
        let target = targets.recv_timeout(TIMEOUT).expect("a request");
        assert_eq!(target, expected, "for {id:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// 2. The seed example
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn seed_example_decodes_and_round_trips() {
    let seed = seed_example();
    let (server, client) = serve(json_response(200, &seed)).await;

    let out = client
        .generate()
        .prompt()
        .mode(GeneratePromptMode::Completion)
        .await
        .expect("the seed decodes");

    let request = only_request(&server).await;
    assert_request(&request, "POST", "/generate/prompt");
    assert_eq!(json_body(&request), json!({"mode": "completion"}));
    let job = &out.job;
    assert_eq!(job.job_id, "jobId");
    assert_eq!(job.status, JobStatus::Canceled);
    assert_eq!(job.job_type, JobType::AssetsDownload);
    assert_eq!(job.metadata.error, Some(Some("error".to_string())));
    let flow = job.metadata.flow.as_ref().expect("a flow");
    assert_eq!(flow[0].id, "id");
    let inputs = flow[0].inputs.as_ref().expect("flow inputs");
    let items = inputs[0].items.as_ref().expect("input items");
    assert_eq!(items[0][0].name, "name");
    assert_eq!(items[0][0].kind, Some(AssetKind::ThreeD));
    assert_eq!(
        job.billing.as_ref().map(|b| (b.cu_cost, b.cu_discount)),
        Some((0.0, 0.0))
    );
    assert_eq!(out.prompts, ["string"]);
    assert_eq!(out.creative_units_cost, Some(0.0));
    assert_eq!(out.mode, Some(GeneratePromptMode::Completion));

    let encoded = serde_json::to_value(&out).expect("serializes");
    let again: GeneratePromptResponse =
        serde_json::from_value(encoded.clone()).expect("decodes again");
    assert_eq!(again, out);
    assert_eq!(encoded["job"]["status"], "canceled");
    assert_eq!(
        encoded["job"]["metadata"]["flow"][0]["inputs"][0]["items"][0][0]["name"],
        "name"
    );
}

// ---------------------------------------------------------------------------------------------
// 3. Dry runs (HTTP 269)
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn dry_run_269_is_a_documented_output_of_send_any() {
    let priced = json!({"creativeUnitsCost": 12.5, "creativeUnitsDiscount": 2});
    let (server, client) = serve(json_response(269, &priced)).await;

    let out = client
        .generate()
        .prompt()
        .mode(GeneratePromptMode::Inventive)
        .dry_run(true)
        .send_any()
        .await;
    match out.expect("a 269 is documented") {
        PromptOutput::DryRun(cost) => {
            assert_eq!(cost.creative_units_cost, 12.5);
            assert_eq!(cost.creative_units_discount, Some(2.0));
        }
        other => panic!("expected the dry-run variant, got {other:?}"),
    }
    let request = only_request(&server).await;
    assert_request(&request, "POST", "/generate/prompt");
    assert_eq!(query(&request), pairs(&[("dryRun", "true")]));

    let out = client
        .generate()
        .run_model("model_1", BTreeMap::<String, Value>::new())
        .dry_run(true)
        .send_any()
        .await;
    assert!(
        matches!(out, Ok(RunModelOutput::DryRun(ref c)) if c.creative_units_cost == 12.5),
        "{out:?}"
    );
}

#[tokio::test]
async fn dry_run_269_is_unexpected_for_plain_await() {
    let (_server, client) = serve(json_response(269, &json!({"creativeUnitsCost": 3}))).await;

    let err = client
        .generate()
        .prompt()
        .mode(GeneratePromptMode::Completion)
        .dry_run(true)
        .await
        .unwrap_err();

    match &err {
        Error::UnexpectedStatus { status: 269, body } => {
            assert!(body.contains("creativeUnitsCost"), "{body}")
        }
        other => panic!("expected UnexpectedStatus 269, got {other:?}"),
    }
    assert_eq!(err.status(), Some(269));
    assert_no_secret(&err);
}

// ---------------------------------------------------------------------------------------------
// 4. Unknown enum values and unknown fields
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn unknown_enum_values_and_fields_decode_and_serialize_back() {
    let mut job = job_json("job_new");
    job["status"] = json!("teleporting");
    job["jobType"] = json!("brand-new");
    job["futureField"] = json!(1);
    job["statusHistory"] = json!([{"date": "d", "status": "teleporting", "why": "new"}]);
    let (_server, client) = serve(json_response(
        200,
        &json!({"job": job, "alsoNew": {"x": [1]}}),
    ))
    .await;

    let out = client
        .jobs()
        .retrieve("job_new")
        .await
        .expect("unknown values and fields decode");

    assert_eq!(
        out.job.status,
        JobStatus::Unrecognized("teleporting".to_string())
    );
    assert_eq!(
        out.job.job_type,
        JobType::Unrecognized("brand-new".to_string())
    );
    assert_eq!(out.job.status_history[0].status.as_str(), "teleporting");
    let encoded = serde_json::to_value(&out.job).expect("serializes");
    assert_eq!(encoded["status"], "teleporting");
    assert_eq!(encoded["jobType"], "brand-new");
    assert_eq!(encoded["statusHistory"][0]["status"], "teleporting");
    assert_eq!(out.job.status.to_string(), "teleporting");
}

// ---------------------------------------------------------------------------------------------
// 5. Error statuses
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn not_found_gives_api_error_with_decoded_body_and_request_id() {
    let body = json!({"apiError": "not_found", "error": "Job not found", "id": "err_1", "infos": {"jobId": "job_x"}, "extra": true});
    let (_server, client) =
        serve(json_response(404, &body).insert_header("x-request-id", "req-123")).await;

    let err = client.jobs().retrieve("job_x").await.unwrap_err();

    assert!(err.is_not_found());
    assert!(!err.is_retryable() && !err.is_auth() && !err.is_rate_limited());
    assert_eq!(err.status(), Some(404));
    let Error::Api(api) = &err else {
        panic!("expected Error::Api, got {err:?}")
    };
    assert_eq!(api.status, 404);
    assert_eq!(api.request_id.as_deref(), Some("req-123"));
    assert_eq!(serde_json::from_str::<Value>(&api.raw).unwrap(), body);
    let decoded = api.body.as_ref().expect("the error body decodes");
    assert_eq!(decoded.api_error.as_deref(), Some("not_found"));
    assert_eq!(decoded.error.as_deref(), Some("Job not found"));
    assert_eq!(decoded.id.as_deref(), Some("err_1"));
    assert_eq!(
        decoded.infos.as_ref().and_then(|i| i.get("jobId")),
        Some(&json!("job_x"))
    );
    assert_eq!(
        decoded.additional_properties.get("extra"),
        Some(&json!(true))
    );
    let shown = err.to_string();
    assert!(
        shown.contains("404") && shown.contains("req-123") && shown.contains("Job not found"),
        "{shown}"
    );
    assert_no_secret(&err);
}

#[tokio::test]
async fn an_api_error_displays_on_one_line_with_its_message_and_request_id() {
    let body = json!({"apiError": "not_found", "error": "Job not found", "id": "err_1"});
    let (_server, client) =
        serve(json_response(404, &body).insert_header("x-request-id", "req-123")).await;
    let err = client.jobs().retrieve("job_x").await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "the API answered HTTP 404 Not Found: Job not found (request id req-123)"
    );
    assert_eq!(format!("{err:?}"), err.to_string(), "Debug reads the same");

    let body = json!({"reason": "too many", "message": "Rate limit reached\nfor generate"});
    let (_server, client) = serve(json_response(429, &body)).await;
    let err = client.assets().list().max_retries(0).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "the API answered HTTP 429 Too Many Requests: Rate limit reached for generate"
    );

    let (_server, client) =
        serve(ResponseTemplate::new(502).set_body_string("<html>\n<h1>Bad gateway</h1>\n</html>"))
            .await;
    let err = client.assets().list().max_retries(0).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "the API answered HTTP 502 Bad Gateway: <html> <h1>Bad gateway</h1> </html>"
    );
}

#[tokio::test]
async fn unauthorized_with_text_body_keeps_raw_text() {
    let (_server, client) =
        serve(ResponseTemplate::new(401).set_body_string("Unauthorized: bad <key>")).await;

    let err = client.models().list().await.unwrap_err();

    assert!(err.is_auth());
    assert!(!err.is_not_found());
    let Error::Api(api) = &err else {
        panic!("expected Error::Api, got {err:?}")
    };
    assert_eq!(api.status, 401);
    assert_eq!(api.body, None);
    assert_eq!(api.raw, "Unauthorized: bad <key>");
    assert_eq!(api.request_id, None);
    assert_no_secret(&err);
}

#[tokio::test]
async fn rate_limit_body_decodes_and_is_retryable() {
    let body = json!({"reason": "too many", "name": "RateLimit", "details": {"actionName": "generate", "actionLimit": 5}});
    let (_server, client) =
        serve(json_response(429, &body).insert_header("x-amzn-requestid", "amz-1")).await;

    let err = client.assets().list().await.unwrap_err();

    assert!(err.is_rate_limited() && err.is_retryable());
    let Error::Api(api) = &err else {
        panic!("expected Error::Api, got {err:?}")
    };
    assert_eq!(api.request_id.as_deref(), Some("amz-1"));
    let decoded = api.body.as_ref().expect("decoded");
    assert_eq!(decoded.reason.as_deref(), Some("too many"));
    assert_eq!(
        decoded.details.as_ref().and_then(|d| d.get("actionLimit")),
        Some(&json!(5))
    );
}

// ---------------------------------------------------------------------------------------------
// 6. Malformed success bodies
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn decode_error_names_the_failing_field() {
    let mut job = job_json("job_bad");
    job["progress"] = json!("half");
    let text = json!({"job": job}).to_string();
    let (_server, client) =
        serve(ResponseTemplate::new(200).set_body_raw(text.clone(), "application/json")).await;

    let err = client.jobs().retrieve("job_bad").await.unwrap_err();

    let Error::Decode {
        status,
        path,
        message,
        excerpt,
    } = &err
    else {
        panic!("expected Error::Decode, got {err:?}")
    };
    assert_eq!(*status, 200);
    assert_eq!(path, "job.progress");
    assert!(message.contains("half"), "{message}");
    assert!(excerpt.starts_with(&text[..40]), "{excerpt}");
    assert_eq!(err.status(), Some(200));
    assert!(err.to_string().contains("job.progress"));
    assert_no_secret(&err);
}

#[tokio::test]
async fn decode_error_in_a_list_names_the_index_and_truncates_the_excerpt() {
    let mut bad = job_json("job_2");
    bad["statusHistory"][0]["status"] = json!(5);
    let mut jobs = vec![job_json("job_0"), bad];
    jobs[0]["metadata"] = json!({"hint": "x".repeat(600)});
    let text = json!({"jobs": jobs}).to_string();
    let (_server, client) =
        serve(ResponseTemplate::new(200).set_body_raw(text.clone(), "application/json")).await;

    let err = client.jobs().list().await.unwrap_err();

    let Error::Decode { path, excerpt, .. } = &err else {
        panic!("expected Error::Decode, got {err:?}")
    };
    assert_eq!(path, "jobs[1].statusHistory[0].status");
    assert!(excerpt.starts_with(&text[..100]), "{excerpt}");
    assert!(
        excerpt.chars().count() < text.chars().count(),
        "the excerpt is cut"
    );
    assert!(excerpt.ends_with('…'), "{excerpt}");
}

#[tokio::test]
async fn trailing_garbage_and_non_json_are_decode_errors() {
    let text = format!("{} trailing", json!({"job": job_json("j")}));
    let (_server, client) =
        serve(ResponseTemplate::new(200).set_body_raw(text, "application/json")).await;
    let err = client.jobs().retrieve("j").await.unwrap_err();
    assert!(matches!(err, Error::Decode { status: 200, .. }), "{err:?}");

    let (_server, client) =
        serve(ResponseTemplate::new(200).set_body_string("<html>oops</html>")).await;
    let err = client.assets().retrieve("a").await.unwrap_err();
    let Error::Decode { excerpt, .. } = &err else {
        panic!("expected Error::Decode, got {err:?}")
    };
    assert_eq!(excerpt, "<html>oops</html>");
}

fn client_with_limit(base_url: &str, limit: u64) -> Client {
    Client::builder()
        .credentials(KEY, SECRET)
        .base_url(base_url)
        .timeout(Some(TIMEOUT))
        .max_response_size(limit)
        .build()
        .expect("valid client")
}

#[tokio::test]
async fn a_body_over_the_size_limit_is_its_own_error_and_one_at_the_limit_decodes() {
    let text = json!({"job": job_json("j")}).to_string();
    let size = text.len() as u64;
    let (server, _) =
        serve(ResponseTemplate::new(200).set_body_raw(text, "application/json")).await;
    let uri = server.uri();

    let job = client_with_limit(&uri, size).jobs().retrieve("j").await;
    assert_eq!(job.expect("at the limit").job.job_id, "j");

    let err = client_with_limit(&uri, size - 1)
        .jobs()
        .retrieve("j")
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::ResponseTooLarge { status: 200, limit } if limit == size - 1),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        format!(
            "the HTTP 200 response is larger than the client's limit of {} bytes (ClientBuilder::max_response_size)",
            size - 1
        )
    );
    assert!(!err.is_retryable());
}

/// A server that answers with a chunked body that never ends.
async fn endless_body_server() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let uri = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let Ok((mut socket, _)) = listener.accept().await else {
            return;
        };
        let mut buf = [0u8; 4096];
        let _ = socket.read(&mut buf).await;
        let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n";
        if socket.write_all(head.as_bytes()).await.is_err() {
            return;
        }
        let chunk = format!("{:x}\r\n{}\r\n", 8192, " ".repeat(8192));
        while socket.write_all(chunk.as_bytes()).await.is_ok() {}
    });
    uri
}

#[tokio::test]
async fn a_body_without_a_length_is_cut_off_at_the_limit() {
    let uri = endless_body_server().await;
    let started = std::time::Instant::now();
    let err = client_with_limit(&uri, 1024 * 1024)
        .jobs()
        .retrieve("j")
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::ResponseTooLarge { status: 200, .. }),
        "{err:?}"
    );
    assert!(started.elapsed() < TIMEOUT, "not read until the timeout");
}

// ---------------------------------------------------------------------------------------------
// 7. The secret never shows
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn secret_never_appears_in_debug_or_errors() {
    let (_server, client) = serve(ResponseTemplate::new(500).set_body_string("boom")).await;
    let basic = STANDARD.encode(format!("{KEY}:{SECRET}"));
    let builder = Client::builder().credentials(KEY, SECRET);
    let request = client
        .generate()
        .prompt()
        .mode(GeneratePromptMode::Completion);
    for shown in [
        format!("{client:?}"),
        format!("{client:#?}"),
        format!("{builder:?}"),
        format!("{request:?}"),
    ] {
        assert!(
            !shown.contains(SECRET) && !shown.contains(&basic),
            "the secret leaks: {shown}"
        );
    }
    assert!(
        format!("{client:?}").contains(KEY),
        "the key itself is not secret"
    );

    let err = client.jobs().retrieve("j").await.unwrap_err();
    assert!(err.is_retryable(), "500 is retryable");
    assert_no_secret(&err);

    // A timeout.
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(3)))
        .mount(&server)
        .await;
    let slow = Client::builder()
        .credentials(KEY, SECRET)
        .base_url(server.uri());
    let slow = slow
        .timeout(Some(Duration::from_millis(200)))
        .build()
        .unwrap();
    let err = slow.jobs().retrieve("j").await.unwrap_err();
    assert!(matches!(err, Error::Timeout(_)), "{err:?}");
    assert_no_secret(&err);

    // A connection failure: nothing listens on the port any more.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", listener.local_addr().unwrap())
    };
    let err = client_for(&closed)
        .models()
        .retrieve("m")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Connection(_)), "{err:?}");
    assert_no_secret(&err);

    let err = Client::builder()
        .credentials(KEY, SECRET)
        .base_url("not a url")
        .build()
        .unwrap_err();
    assert_no_secret(&err);
}

// ---------------------------------------------------------------------------------------------
// 8. Invalid settings
// ---------------------------------------------------------------------------------------------

#[test]
fn invalid_base_url_is_a_config_error() {
    let err = Client::builder().base_url("not a url").build().unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    assert!(err.to_string().contains("not a url"), "{err}");

    let err = Client::builder()
        .base_url("mailto:someone@example.com")
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");

    let err = Client::builder()
        .default_header("bad header", "v")
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");

    let client = Client::builder().build().expect("defaults are valid");
    assert_eq!(client.base_url(), scenario_sdk::DEFAULT_BASE_URL);
}
