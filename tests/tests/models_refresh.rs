//! `cargo xtask models refresh` (the tests crate's `models` program) against a loopback server
//! given as the base URL: it writes what the API answers in the committed records' shape, and
//! without credentials it names the variables to set.

use std::path::PathBuf;
use std::process::{Command, Output};

use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ID: &str = "model_uthana-text-to-motion-3.0";

fn models(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_models"));
    command
        .args(args)
        .env_remove("SCENARIO_SDK_API_KEY")
        .env_remove("SCENARIO_SDK_API_SECRET")
        .env_remove("SCENARIO_SDK_BASE_URL");
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().expect("the models program runs")
}

fn fresh_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("models-refresh-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn without_credentials_it_names_the_variables_and_exits_2() {
    let out = models(&["refresh", ID], &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("set SCENARIO_SDK_API_KEY and SCENARIO_SDK_API_SECRET"),
        "{stderr}"
    );
    let out = models(&["refresh", ID], &[("SCENARIO_SDK_API_KEY", "k")]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("set SCENARIO_SDK_API_SECRET "), "{stderr}");
}

#[test]
fn an_id_that_is_not_a_file_name_is_refused() {
    let out = models(&["refresh", "../escape"], &[("SCENARIO_SDK_API_KEY", "k")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a model id"));
}

#[tokio::test(flavor = "multi_thread")]
async fn refresh_writes_the_record_the_api_answers_in_the_committed_shape() {
    let committed = std::fs::read_to_string(tests::root().join(format!("schema/models/{ID}.json")))
        .expect("the committed record");
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/models/{ID}")))
        .and(header("authorization", "Basic a2V5OnNlY3JldA=="))
        .respond_with(ResponseTemplate::new(200).set_body_string(committed.clone()))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/models/model_missing"))
        .respond_with(ResponseTemplate::new(404).set_body_string(r#"{"error":"no such model"}"#))
        .mount(&server)
        .await;
    let dir = fresh_dir("ok");
    let uri = server.uri();
    let out_dir = dir.to_str().unwrap().to_string();
    let out = tokio::task::spawn_blocking(move || {
        models(
            &["refresh", ID, "model_missing", "--out", &out_dir],
            &[
                ("SCENARIO_SDK_API_KEY", "key"),
                ("SCENARIO_SDK_API_SECRET", "secret"),
                ("SCENARIO_SDK_BASE_URL", &uri),
            ],
        )
    })
    .await
    .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "one model is missing: {stderr}");
    assert!(
        stderr.contains("model_missing") && stderr.contains("404"),
        "{stderr}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("6 inputs"));
    let written = std::fs::read_to_string(dir.join(format!("{ID}.json"))).unwrap();
    assert_eq!(written, committed, "refresh changes the shape of a record");
    assert!(!dir.join("model_missing.json").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}
