//! The upload helpers against a real local server: POST /assets with a base64 body, and the
//! /uploads flow (create, PUT each part to its presigned URL, complete, wait for the import).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine as _;
use scenario_sdk::models::{UploadAssetOptions, UploadKind, UploadStatus};
use scenario_sdk::{Client, Error, FileUpload, JobOutcome, WaitOptions};
use serde_json::{Value, json};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder()
        .credentials("key", "secret")
        .base_url(server.uri())
        .timeout(Some(Duration::from_secs(5)))
        .max_retries(0)
        .build()
        .unwrap()
}

fn basic() -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode("key:secret")
    )
}

fn asset(id: &str, name: &str) -> Value {
    json!({
        "id": id, "kind": "image", "url": format!("https://cdn.example/{name}"),
        "metadata": { "kind": "image", "type": "uploaded" }, "properties": { "size": 3 },
        "createdAt": "2026-01-01T00:00:00Z", "updatedAt": "2026-01-01T00:00:00Z"
    })
}

fn upload(status: &str, parts: Value, extra: Value) -> Value {
    let mut u = json!({
        "id": "up_1", "status": status, "kind": "asset", "source": "multipart", "fileName": "castle.glb",
        "authorId": "user_1", "ownerId": "proj_1", "createdAt": "2026-01-01T00:00:00Z", "updatedAt": "2026-01-01T00:00:00Z",
        "parts": parts
    });
    u.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    json!({ "upload": u })
}

#[tokio::test]
async fn upload_bytes_sends_the_file_base64_encoded_in_the_json_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/assets"))
        .and(header("authorization", basic().as_str()))
        .and(body_json(
            json!({ "name": "castle.png", "image": "AAEC/w==" }),
        ))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({ "asset": asset("asset_1", "castle.png") })),
        )
        .expect(1)
        .mount(&server)
        .await;
    let created = client(&server)
        .assets()
        .upload_bytes([0u8, 1, 2, 255], "castle.png")
        .project_id("proj_1")
        .await
        .unwrap();
    assert_eq!(created.asset.id, "asset_1");
    assert!(created.job.is_none());
    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!(sent.url.query(), Some("projectId=proj_1"));
}

#[tokio::test]
async fn upload_file_names_the_asset_after_the_file() {
    let server = MockServer::start().await;
    let dir = std::env::temp_dir().join(format!("scenario-upload-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("sword.png");
    std::fs::write(&file, b"png!").unwrap();
    Mock::given(method("POST"))
        .and(path("/assets"))
        .and(body_json(
            json!({ "name": "sword.png", "image": "cG5nIQ==" }),
        ))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({ "asset": asset("asset_2", "sword.png") })),
        )
        .expect(1)
        .mount(&server)
        .await;
    let created = client(&server)
        .assets()
        .upload_file(&file)
        .unwrap()
        .await
        .unwrap();
    assert_eq!(created.asset.id, "asset_2");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn a_file_that_cannot_be_read_is_refused_before_anything_is_sent() {
    let server = MockServer::start().await;
    let missing = std::env::temp_dir().join("scenario-no-such-dir/missing.png");
    let err = client(&server)
        .assets()
        .upload_file(&missing)
        .expect_err("an unreadable file is refused");
    match err {
        Error::InvalidRequest { field, message } => {
            assert!(field.ends_with("missing.png"), "{field}");
            assert!(message.starts_with("cannot read the file"), "{message}");
        }
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
    let err = FileUpload::from_path(&missing, "image/png", UploadKind::Image).unwrap_err();
    assert!(matches!(err, Error::InvalidRequest { .. }), "{err:?}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

/// A part as storage received it: its path, its bytes, and whether it carried credentials.
type PartSeen = (String, Vec<u8>, bool);

/// Storage: records each part it is sent, with whether it carried credentials, and answers
/// with `status`.
#[derive(Clone)]
struct Storage {
    parts: Arc<Mutex<Vec<PartSeen>>>,
    status: u16,
}

impl Respond for Storage {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let authorized = request.headers.contains_key("authorization");
        self.parts.lock().unwrap().push((
            request.url.path().to_string(),
            request.body.clone(),
            authorized,
        ));
        if self.status == 200 {
            ResponseTemplate::new(200).insert_header("etag", "\"abc\"")
        } else {
            ResponseTemplate::new(self.status)
                .set_body_string("<Error><Code>SignatureDoesNotMatch</Code></Error>")
        }
    }
}

/// A server that creates upload `up_1` with three part URLs (listed out of order) on itself,
/// stores the parts with `storage_status`, and completes the upload.
async fn multipart_server(storage_status: u16, completes: u64) -> (MockServer, Storage) {
    let server = MockServer::start().await;
    let part = |n: u32| json!({ "number": n, "url": format!("{}/storage/up_1/{n}?X-Amz-Signature=s", server.uri()), "expires": "2026-01-01T01:00:00Z" });
    Mock::given(method("POST"))
        .and(path("/uploads"))
        .and(header("authorization", basic().as_str()))
        .and(body_json(json!({
            "fileName": "castle.glb", "fileSize": 25, "contentType": "model/gltf-binary", "kind": "3d", "parts": 3,
            "assetOptions": { "hide": true }
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(upload("pending", json!([part(2), part(3), part(1)]), json!({}))))
        .expect(1)
        .mount(&server)
        .await;
    let storage = Storage {
        parts: Arc::default(),
        status: storage_status,
    };
    Mock::given(method("PUT"))
        .respond_with(storage.clone())
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/uploads/up_1/action"))
        .and(body_json(json!({ "action": "complete" })))
        .respond_with(ResponseTemplate::new(200).set_body_json(upload(
            "complete",
            json!([]),
            json!({ "jobId": "job_9" }),
        )))
        .expect(completes)
        .mount(&server)
        .await;
    (server, storage)
}

fn castle() -> FileUpload {
    let options = UploadAssetOptions {
        hide: Some(true),
        ..UploadAssetOptions::default()
    };
    FileUpload::new(
        b"0123456789abcdefghijKLMNO".to_vec(),
        "castle.glb",
        "model/gltf-binary",
        UploadKind::ThreeD,
    )
    .part_size(10)
    .asset_options(options)
}

#[tokio::test]
async fn upload_puts_each_part_to_its_url_in_order_then_completes() {
    let (server, storage) = multipart_server(200, 1).await;
    let done = client(&server).uploads().upload(castle()).await.unwrap();
    assert_eq!(done.status, UploadStatus::Complete);
    assert_eq!(done.job_id.as_deref(), Some("job_9"));
    let parts = storage.parts.lock().unwrap().clone();
    let paths: Vec<&str> = parts.iter().map(|(p, _, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        ["/storage/up_1/1", "/storage/up_1/2", "/storage/up_1/3"]
    );
    let bodies: Vec<&[u8]> = parts.iter().map(|(_, b, _)| b.as_slice()).collect();
    assert_eq!(bodies, [&b"0123456789"[..], b"abcdefghij", b"KLMNO"]);
    assert!(
        parts.iter().all(|(_, _, authorized)| !authorized),
        "parts must not carry the API credentials"
    );
}

#[tokio::test]
async fn a_part_that_storage_refuses_is_an_api_error_and_the_upload_is_not_completed() {
    let (server, storage) = multipart_server(403, 0).await;
    let err = client(&server)
        .uploads()
        .upload(castle())
        .await
        .unwrap_err();
    match err {
        Error::Api(e) => {
            assert_eq!(e.status, 403);
            assert!(e.raw.contains("SignatureDoesNotMatch"), "{}", e.raw);
        }
        other => panic!("expected an API error, got {other:?}"),
    }
    assert_eq!(
        storage.parts.lock().unwrap().len(),
        1,
        "the upload stops at the first refused part"
    );
}

#[tokio::test]
async fn missing_part_urls_are_a_decode_error_before_any_part_is_sent() {
    let server = MockServer::start().await;
    let only_one = json!([{ "number": 1, "url": format!("{}/storage/1", server.uri()), "expires": "2026-01-01T01:00:00Z" }]);
    Mock::given(method("POST"))
        .and(path("/uploads"))
        .respond_with(ResponseTemplate::new(200).set_body_json(upload(
            "pending",
            only_one,
            json!({}),
        )))
        .mount(&server)
        .await;
    let err = client(&server)
        .uploads()
        .upload(castle())
        .await
        .unwrap_err();
    match err {
        Error::Decode { path, message, .. } => {
            assert_eq!(path, "upload.parts");
            assert!(message.contains("parts 1 to 3"), "{message}");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn part_sizes_that_cannot_work_are_refused_before_anything_is_sent() {
    let server = MockServer::start().await;
    let zero = castle().part_size(0);
    assert!(matches!(
        client(&server).uploads().upload(zero).await,
        Err(Error::InvalidRequest { .. })
    ));
    let too_many = FileUpload::new(
        vec![0u8; 10_001],
        "big.bin",
        "application/octet-stream",
        UploadKind::Model,
    )
    .part_size(1);
    match client(&server).uploads().upload(too_many).await {
        Err(Error::InvalidRequest { message, .. }) => {
            assert!(message.contains("10001 parts"), "{message}")
        }
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

/// Answers each GET of the upload with the next status (`null`: a 503), then repeats the last
/// one.
struct Statuses(Vec<Value>, Arc<Mutex<usize>>);

impl Respond for Statuses {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let mut n = self.1.lock().unwrap();
        let body = self.0[(*n).min(self.0.len() - 1)].clone();
        *n += 1;
        if body.is_null() {
            return ResponseTemplate::new(503).set_body_string("busy");
        }
        ResponseTemplate::new(200).set_body_json(body)
    }
}

async fn upload_server(statuses: Vec<Value>) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/uploads/up_1"))
        .respond_with(Statuses(statuses, Arc::default()))
        .mount(&server)
        .await;
    server
}

fn fast() -> WaitOptions {
    WaitOptions::new()
        .interval(Duration::from_millis(10))
        .deadline(Some(Duration::from_secs(5)))
}

#[tokio::test]
async fn wait_follows_the_upload_until_it_is_imported() {
    let server = upload_server(vec![
        upload("validating", json!([]), json!({ "jobId": "job_9" })),
        upload("validated", json!([]), json!({ "jobId": "job_9" })),
        upload(
            "imported",
            json!([]),
            json!({ "jobId": "job_9", "entityId": "asset_7" }),
        ),
    ])
    .await;
    let imported = client(&server)
        .uploads()
        .wait("up_1", fast())
        .await
        .unwrap();
    assert_eq!(imported.entity_id.as_deref(), Some("asset_7"));
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn a_failed_upload_is_a_job_error_with_the_api_message() {
    let server = upload_server(vec![upload(
        "failed",
        json!([]),
        json!({ "jobId": "job_9", "errorMessage": "not a glTF file" }),
    )])
    .await;
    let err = client(&server)
        .uploads()
        .wait("up_1", fast())
        .await
        .unwrap_err();
    match err {
        Error::Job(e) => {
            assert_eq!(e.job_id, "job_9");
            assert_eq!(
                e.outcome,
                JobOutcome::Failed {
                    message: Some("not a glTF file".into()),
                    hint: None,
                }
            );
        }
        other => panic!("expected a job error, got {other:?}"),
    }
}

#[tokio::test]
async fn wait_polls_through_a_server_error() {
    let server = upload_server(vec![
        upload("validating", json!([]), json!({ "jobId": "job_9" })),
        Value::Null,
        upload(
            "imported",
            json!([]),
            json!({ "jobId": "job_9", "entityId": "asset_7" }),
        ),
    ])
    .await;
    let imported = client(&server)
        .uploads()
        .wait("up_1", fast())
        .await
        .unwrap();
    assert_eq!(imported.status, UploadStatus::Imported);
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn an_upload_that_stays_pending_ends_at_the_deadline() {
    let server = upload_server(vec![upload("validating", json!([]), json!({}))]).await;
    let options = WaitOptions::new()
        .interval(Duration::from_millis(10))
        .deadline(Some(Duration::from_millis(50)));
    let err = client(&server)
        .uploads()
        .wait("up_1", options)
        .await
        .unwrap_err();
    match err {
        Error::Job(e) => {
            assert_eq!(e.outcome, JobOutcome::DeadlineExceeded);
            assert_eq!(
                e.job_id, "up_1",
                "without a job the upload's own ID is given"
            );
        }
        other => panic!("expected a job error, got {other:?}"),
    }
}
