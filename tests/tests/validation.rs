//! Values that break the schema's documented limits are refused before anything is sent.

use std::time::Duration;

use scenario_sdk::models::{GeneratePromptMode, GeneratePromptRequest};
use scenario_sdk::{Client, Error};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn server_and_client() -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(500))
        .mount(&server)
        .await;
    let client = Client::builder()
        .credentials("k", "s")
        .base_url(server.uri())
        .timeout(Some(Duration::from_secs(5)))
        .build()
        .unwrap();
    (server, client)
}

fn invalid_field(result: Result<impl std::fmt::Debug, Error>) -> (String, String) {
    match result {
        Err(Error::InvalidRequest { field, message }) => (field, message),
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
}

#[tokio::test]
async fn body_ranges_are_checked_before_sending() {
    let (server, client) = server_and_client().await;
    let prompt = || {
        client
            .generate()
            .prompt()
            .mode(GeneratePromptMode::Completion)
    };
    let (field, message) = invalid_field(prompt().temperature(2.5).await);
    assert_eq!(field, "temperature");
    assert_eq!(message, "must be between 0 and 2, not 2.5");

    assert_eq!(invalid_field(prompt().num_results(0).await).0, "numResults");
    assert_eq!(invalid_field(prompt().top_p(f64::NAN).await).0, "topP");

    // A whole body given as a value is checked the same way.
    let mut request = GeneratePromptRequest::new(GeneratePromptMode::Completion);
    request.temperature = Some(2.5);
    assert_eq!(
        invalid_field(client.generate().prompt().body(request).await).0,
        "temperature"
    );
    assert!(
        server.received_requests().await.unwrap().is_empty(),
        "nothing may reach the server"
    );
}

#[tokio::test]
async fn query_ranges_are_checked_before_sending() {
    let (server, client) = server_and_client().await;
    let (field, _) = invalid_field(client.jobs().list().page_size(201).await);
    assert_eq!(field, "pageSize");
    let (field, _) = invalid_field(client.models().list().page_size(0).await);
    assert_eq!(field, "pageSize");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn image_is_required_in_the_image_editing_modes() {
    let (server, client) = server_and_client().await;
    for mode in [
        GeneratePromptMode::ImageEditing,
        GeneratePromptMode::ImageEditingPrompt,
    ] {
        let (field, message) = invalid_field(client.generate().prompt().mode(mode).await);
        assert_eq!(field, "image");
        assert!(
            message.contains("`mode` is `image-editing` or `image-editing-prompt`"),
            "{message}"
        );
    }
    assert!(server.received_requests().await.unwrap().is_empty());

    // With the image, or in another mode, the request goes out (and meets the server's 500).
    let err = client
        .generate()
        .prompt()
        .mode(GeneratePromptMode::ImageEditingPrompt)
        .image("asset_123")
        .max_retries(0)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(500));
    let err = client
        .generate()
        .prompt()
        .mode(GeneratePromptMode::Inventive)
        .max_retries(0)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(500));
}

#[tokio::test]
async fn missing_required_body_fields_are_named_by_their_setters_before_sending() {
    let (server, client) = server_and_client().await;
    let (field, message) = invalid_field(client.generate().prompt().await);
    assert_eq!(field, "mode");
    assert_eq!(
        message,
        "is required: call `.mode(…)` (or give a whole body with `.body(…)`)"
    );

    // Every missing one at once, in the body's order; those set are not named.
    let (field, message) = invalid_field(client.generate().txt2img().await);
    assert_eq!(field, "modelId, prompt");
    assert_eq!(
        message,
        "are required: call `.model_id(…)`, `.prompt(…)` (or give a whole body with `.body(…)`)"
    );
    let (field, _) = invalid_field(client.generate().txt2img().prompt("a castle").await);
    assert_eq!(field, "modelId");
    let (field, message) = invalid_field(client.uploads().action("upload_1").await);
    assert_eq!(field, "action");
    assert!(message.contains("`.action(…)`"), "{message}");
    assert!(
        server.received_requests().await.unwrap().is_empty(),
        "nothing may reach the server"
    );
}
