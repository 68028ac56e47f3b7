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
    let mut request = GeneratePromptRequest::new(GeneratePromptMode::Completion);
    request.temperature = Some(2.5);
    let (field, message) = invalid_field(client.generate().prompt(request.clone()).await);
    assert_eq!(field, "temperature");
    assert_eq!(message, "must be between 0 and 2, not 2.5");

    request.temperature = None;
    request.num_results = Some(0);
    assert_eq!(
        invalid_field(client.generate().prompt(request.clone()).await).0,
        "numResults"
    );

    request.num_results = None;
    request.top_p = Some(f64::NAN);
    assert_eq!(
        invalid_field(client.generate().prompt(request).await).0,
        "topP"
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
        let (field, message) = invalid_field(
            client
                .generate()
                .prompt(GeneratePromptRequest::new(mode))
                .await,
        );
        assert_eq!(field, "image");
        assert!(
            message.contains("`mode` is `image-editing` or `image-editing-prompt`"),
            "{message}"
        );
    }
    assert!(server.received_requests().await.unwrap().is_empty());

    // With the image, or in another mode, the request goes out (and meets the server's 500).
    let mut request = GeneratePromptRequest::new(GeneratePromptMode::ImageEditingPrompt);
    request.image = Some("asset_123".into());
    let err = client
        .generate()
        .prompt(request)
        .max_retries(0)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(500));
    let err = client
        .generate()
        .prompt(GeneratePromptRequest::new(GeneratePromptMode::Inventive))
        .max_retries(0)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(500));
}
