//! The check of `run_model` bodies against the model's own record: offline on the eight records
//! of `schema/models/`, and through the client against a loopback server that answers
//! `GET /models/{id}`, where a refused body must never reach the generation endpoint.

use std::collections::BTreeMap;
use std::time::Duration;

use scenario_sdk::models::{Model, ModelResponse};
use scenario_sdk::{Client, Error, InputProblem, ModelInputCheck, Requirement};
use serde_json::{Value, json};
use wiremock::matchers::{method, path, path_regex};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TIMEOUT: Duration = Duration::from_secs(5);

fn body(value: Value) -> BTreeMap<String, Value> {
    serde_json::from_value(value).expect("a JSON object")
}

/// The committed record of a model, as `GET /models/{id}` answers it.
fn record(id: &str) -> Value {
    let file = tests::root().join(format!("schema/models/{id}.json"));
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

fn model(id: &str) -> Model {
    let response: ModelResponse = serde_json::from_value(record(id))
        .unwrap_or_else(|e| panic!("{id} does not decode as a ModelResponse: {e}"));
    response.model
}

fn problems(model: &Model, value: Value) -> Vec<String> {
    match model.check_inputs(&body(value)) {
        Ok(()) => Vec::new(),
        Err(problems) => problems.iter().map(ToString::to_string).collect(),
    }
}

// ---------------------------------------------------------------------------------------------
// Offline, on the committed records
// ---------------------------------------------------------------------------------------------

/// Each record with a body a user would send, which passes, and one with mistakes, each of
/// which is reported.
#[test]
fn each_record_accepts_a_valid_body_and_reports_every_mistake_of_an_invalid_one() {
    let cases: [(&str, Value, Value, &[&str]); 8] = [
        (
            "model_openai-gpt-image-2",
            json!({"prompt": "a castle", "referenceImages": ["asset_1"], "mask": "asset_2",
                   "width": 1024, "height": 1536, "quality": "high", "numOutputs": 2}),
            json!({"prompt": "a castle", "mask": "asset_2", "width": 1000, "quality": "ultra",
                   "numOutput": 2}),
            &[
                "`numOutput` is not an input of this model (did you mean `numOutputs`?)",
                "`quality` is \"ultra\", not one of \"auto\", \"high\", \"medium\", \"low\"",
                "`width` is 1000, not a step of 16 from 16",
                "`referenceImages` is required when `mask` is set (A mask needs a reference image to apply to.)",
            ],
        ),
        (
            "model_google-gemini-3-1-flash",
            json!({"prompt": "a fox", "aspectRatio": "16:9", "resolution": "2K",
                   "thinkingLevel": "HIGH", "useGoogleSearch": true}),
            json!({"prompt": "a fox", "resolution": "2k", "useGoogleSearch": "yes"}),
            &[
                "`resolution` is \"2k\", not one of \"512\", \"1K\", \"2K\", \"4K\"",
                "`useGoogleSearch` must be a boolean, not a string",
            ],
        ),
        (
            "model_bfl-flux-1-dev",
            json!({"prompt": "a knight", "loras": ["model_a", "model_b"], "lorasScale": [0.8, 1.15],
                   "guidance": 3.5, "width": 1024, "height": 768, "strength": 0.35}),
            json!({"loras": "model_a", "lorasScale": [0.8, 2.5, 0.33], "guidance": 3.55}),
            &[
                "`guidance` is 3.55, not a step of 0.1 from 0",
                "`loras` takes a list: put a single value in `[...]` (the API would drop it)",
                "`lorasScale[1]` is 2.5, outside 0 to 2",
                "`lorasScale[2]` is 0.33, not a step of 0.05 from 0",
                "`prompt` is required",
            ],
        ),
        (
            "model_bytedance-seedance-2-0",
            json!({"prompt": "waves", "image": "asset_1", "lastFrameImage": "asset_2",
                   "duration": 8, "resolution": "1080p", "generateAudio": false}),
            json!({"lastFrameImage": "asset_2", "duration": 3, "referenceImages": ["a", "a", "a", "a", "a", "a", "a", "a", "a", "a"]}),
            &[
                "`duration` is 3, not one of -1, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15",
                "`referenceImages` has 10 items, more than 9",
                "`image` is required when `lastFrameImage` is set (A last frame needs a first frame.)",
            ],
        ),
        (
            "model_meshy-7-img23d",
            json!({"image": ["asset_1", "asset_2"], "targetPolycount": 50000, "topology": "quad",
                   "poseMode": ""}),
            json!({"image": "asset_1", "targetPolycount": 50, "poseMode": "x-pose"}),
            &[
                "`image` takes a list: put a single value in `[...]` (the API would drop it)",
                "`poseMode` is \"x-pose\", not one of \"\", \"a-pose\", \"t-pose\"",
                "`targetPolycount` is 50, outside 100 to 300000",
            ],
        ),
        (
            "model_tripo-v3-1-image-to-3d",
            json!({"image": "asset_1", "textureQuality": "detailed", "quad": true, "faceLimit": 8000}),
            json!({"image": ["asset_1"], "texture": 1}),
            &[
                "`image` takes a single value, not a list",
                "`texture` must be a boolean, not a number",
            ],
        ),
        (
            "model_uthana-text-to-motion-3.0",
            json!({"prompt": "a cartwheel", "fps": 30, "length": 6}),
            json!({"prompt": ["a cartwheel"], "fps": 25, "lenght": 6}),
            &[
                "`fps` is 25, not one of 24, 30, 60",
                "`lenght` is not an input of this model (did you mean `length`?)",
                "`prompt` takes a single value, not a list",
            ],
        ),
        (
            "model_patina-material",
            json!({"prompt": "mossy stone", "maps": ["basecolor", "normal"], "upscaleFactor": 2,
                   "tilingMode": "both"}),
            json!({"prompt": "mossy stone", "mask": "asset_9", "maps": ["albedo"], "upscaleFactor": 3}),
            &[
                "`maps[0]` is \"albedo\", not one of \"basecolor\", \"normal\", \"roughness\", \"metalness\", \"height\"",
                "`upscaleFactor` is 3, not one of 0, 2, 4",
                "`image` is required when `mask` is set (A mask needs an image to apply to.)",
            ],
        ),
    ];
    for (id, valid, invalid, expected) in cases {
        let model = model(id);
        assert_eq!(problems(&model, valid), Vec::<String>::new(), "{id}");
        assert_eq!(problems(&model, invalid), expected, "{id}");
    }
}

/// Every committed record is self-consistent: a body with each input at its default value and
/// each always-required input set passes its own check.
#[test]
fn every_record_accepts_its_own_defaults() {
    let dir = tests::root().join("schema/models");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let file = entry.unwrap().path();
        let id = file.file_stem().unwrap().to_str().unwrap().to_string();
        let raw = record(&id);
        let mut defaults = BTreeMap::new();
        for input in raw["model"]["inputs"].as_array().unwrap() {
            let name = input["name"].as_str().unwrap().to_string();
            if let Some(default) = input.get("default") {
                defaults.insert(name, default.clone());
            } else if input["required"]["always"] == json!(true) {
                let value = match input["type"].as_str().unwrap() {
                    "file_array" => json!(["asset_1"]),
                    _ => json!("asset_1"),
                };
                defaults.insert(name, value);
            }
        }
        assert_eq!(model(&id).check_inputs(&defaults), Ok(()), "{id}");
        checked += 1;
    }
    assert_eq!(checked, 8, "the eight records of issue 14");
}

/// A record whose conditions use every kind of rule, and inputs of each shape.
fn rules_record() -> Value {
    json!({"model": {
        "id": "model_rules", "type": "custom", "status": "trained", "privacy": "private",
        "capabilities": [], "createdAt": "2025-01-01T00:00:00Z", "updatedAt": "2025-01-01T00:00:00Z",
        "inputs": [
            {"name": "prompt", "type": "string", "maxLength": 10, "required": {"always": true}},
            {"name": "image", "type": "file", "required": {"ifNotDefined": {"prompt2": {"message": "An image or a second prompt."}}}},
            {"name": "prompt2", "type": "string"},
            {"name": "mode", "type": "string", "allowedValues": ["fast", "style", "exact"]},
            {"name": "style", "type": "string", "required": {"conditionalValues": {"mode": {"operation": "in", "values": ["style"]}}}},
            {"name": "reference", "type": "file", "required": {"when": {"mode": ["exact"]}}},
            {"name": "count", "type": "number", "min": 1, "max": 4, "step": 1},
            {"name": "tags", "type": "string_array", "max": 2, "allowedValues": ["a", "b", "c"]},
            {"name": "layers", "type": "inputs_array", "inputs": [
                {"name": "text", "type": "string", "required": {"always": true}},
                {"name": "weight", "type": "number", "min": 0, "max": 1}
            ]},
            {"name": "extra", "type": "future_type"}
        ]
    }})
}

#[test]
fn every_kind_of_rule_is_applied() {
    let model: Model = serde_json::from_value(rules_record()["model"].clone()).unwrap();
    assert_eq!(
        problems(
            &model,
            json!({"prompt": "a very long prompt", "mode": "style", "count": [2],
                   "tags": ["a", "d", "b"], "layers": [{"weight": 2}, {"text": "x", "wieght": 0}],
                   "extra": {"anything": true}})
        ),
        [
            "`count` takes a single value, not a list",
            "`layers[0].weight` is 2, outside 0 to 1",
            "`layers[0].text` is required",
            "`layers[1].wieght` is not an input of this model (did you mean `weight`?)",
            "`prompt` has 18 characters, more than 10",
            "`tags` has 3 items, more than 2",
            "`tags[1]` is \"d\", not one of \"a\", \"b\", \"c\"",
            "`image` is required when `prompt2` is not set (An image or a second prompt.)",
            "`style` is required when `mode` is one of \"style\"",
        ]
    );
    assert_eq!(
        problems(
            &model,
            json!({"prompt": "ok", "prompt2": "b", "mode": "exact"})
        ),
        ["`reference` is required when `mode` is one of \"exact\""]
    );
    assert_eq!(
        problems(
            &model,
            json!({"prompt": "ok", "image": "asset_1", "mode": "fast", "count": 4})
        ),
        Vec::<String>::new()
    );
    let typed = model
        .check_inputs(&body(json!({"image": "a"})))
        .unwrap_err();
    assert_eq!(
        typed,
        [InputProblem::Missing {
            input: "prompt".into(),
            because: Requirement::Always
        }]
    );
}

#[test]
fn a_rule_it_cannot_read_and_a_record_without_inputs_are_reported_not_passed() {
    let mut raw = rules_record()["model"].clone();
    raw["inputs"][4]["required"]["conditionalValues"]["mode"] =
        json!({"operation": "matches", "values": ["s.*"]});
    let model: Model = serde_json::from_value(raw.clone()).unwrap();
    assert_eq!(
        problems(&model, json!({"prompt": "ok", "image": "a"})),
        [
            "the model's rule `required.conditionalValues.mode` of `style` has a shape this SDK cannot read, so the body cannot be checked; send it with `check_inputs(false)`"
        ]
    );
    raw.as_object_mut().unwrap().remove("inputs");
    let model: Model = serde_json::from_value(raw).unwrap();
    assert_eq!(
        problems(&model, json!({"prompt": "ok"})),
        [
            "the record of `model_rules` lists no inputs, so the body cannot be checked; send it with `check_inputs(false)`"
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Through the client, on a loopback server
// ---------------------------------------------------------------------------------------------

/// A server answering `GET /models/{id}` with `record` and the generation with a started job.
async fn server_with(record: Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path_regex("^/models/[^/]+$"))
        .respond_with(ResponseTemplate::new(200).set_body_json(record))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path_regex("^/generate/custom/"))
        .respond_with(ResponseTemplate::new(200).set_body_json(tests::started_job()))
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer, check: Option<ModelInputCheck>) -> Client {
    let mut builder = Client::builder()
        .credentials("key", "secret")
        .base_url(server.uri())
        .timeout(Some(TIMEOUT));
    if let Some(check) = check {
        builder = builder.check_model_inputs(check);
    }
    builder.build().unwrap()
}

/// `(GET /models/.. count, POST /generate/custom/.. bodies)` the server received.
async fn received(server: &MockServer) -> (usize, Vec<Vec<u8>>) {
    let requests = server.received_requests().await.unwrap();
    let gets = requests
        .iter()
        .filter(|r| r.method.as_str() == "GET")
        .count();
    let posts = requests
        .iter()
        .filter(|r| r.method.as_str() == "POST")
        .map(|r| r.body.clone())
        .collect();
    (gets, posts)
}

/// One body with a mistake of each kind: all of them in one error, and no generation request.
#[tokio::test]
async fn each_kind_of_mistake_is_refused_before_the_generation_is_sent() {
    let server = server_with(rules_record()).await;
    let client = client(&server, Some(ModelInputCheck::new()));
    let mistakes = body(json!({
        "promt": "x",                      // unknown name, close to `prompt`
        "count": "2",                      // wrong JSON type
        "tags": "a",                       // a single value for a list
        "prompt2": ["b"],                  // a list for a single value
        "mode": "style",                   // requires `style`, which is missing
        "layers": [{"text": "x", "weight": 1.5}], // out of range
    }));
    let err = client
        .generate()
        .run_model("model_rules", mistakes)
        .await
        .unwrap_err();
    let Error::InvalidRequest { field, message } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(field, "body");
    for expected in [
        "does not fit model `model_rules` (7 problems)",
        "`promt` is not an input of this model (did you mean `prompt`?)",
        "`count` must be a number, not a string",
        "`tags` takes a list",
        "`prompt2` takes a single value, not a list",
        "`layers[0].weight` is 1.5, outside 0 to 1",
        "`prompt` is required",
        "`style` is required when `mode` is one of \"style\"",
    ] {
        assert!(message.contains(expected), "{expected:?} not in {message}");
    }
    let (gets, posts) = received(&server).await;
    assert_eq!(
        (gets, posts.len()),
        (1, 0),
        "the model fetched, nothing generated"
    );

    for (mistake, expected) in [
        (
            json!({"prompt": "ok", "image": "a", "count": 0}),
            "`count` is 0, outside 1 to 4",
        ),
        (
            json!({"prompt": "ok", "image": "a", "count": 1.5}),
            "`count` is 1.5, not a step of 1 from 1",
        ),
        (
            json!({"prompt": "ok", "image": "a", "mode": "slow"}),
            "`mode` is \"slow\", not one of",
        ),
        (
            json!({"prompt": "ok", "image": "a", "mode": "exact"}),
            "`reference` is required when `mode`",
        ),
        (
            json!({"prompt": "ok"}),
            "`image` is required when `prompt2` is not set",
        ),
        (json!({"image": "a"}), "`prompt` is required"),
    ] {
        let err = client
            .generate()
            .run_model("model_rules", body(mistake))
            .await
            .unwrap_err();
        assert!(
            err.to_string().contains(expected),
            "{expected:?} not in {err}"
        );
    }
    let (_, posts) = received(&server).await;
    assert!(posts.is_empty(), "no generation request was sent");
}

/// A body that passes is sent exactly as an unchecked call sends it.
#[tokio::test]
async fn a_valid_body_is_sent_byte_for_byte() {
    let valid = body(json!({
        "prompt": "a café ☕", "referenceImages": ["asset_1"], "mask": "asset_2",
        "width": 1024, "height": 1536, "quality": "high", "numOutputs": 2
    }));
    let server = server_with(record("model_openai-gpt-image-2")).await;
    let checked = client(&server, Some(ModelInputCheck::new()));
    let unchecked = client(&server, None);
    let job = checked
        .generate()
        .run_model("model_openai-gpt-image-2", valid.clone())
        .await
        .unwrap();
    assert_eq!(job.job.job_id, "job_1");
    unchecked
        .generate()
        .run_model("model_openai-gpt-image-2", valid.clone())
        .await
        .unwrap();
    let (gets, posts) = received(&server).await;
    assert_eq!(gets, 1);
    assert_eq!(posts.len(), 2);
    assert_eq!(posts[0], posts[1], "checked and unchecked bodies differ");
    assert_eq!(posts[0], serde_json::to_vec(&valid).unwrap());
}

#[tokio::test]
async fn the_record_is_fetched_once_per_client_and_again_after_expiry() {
    let valid = || body(json!({"prompt": "a castle"}));
    let server = server_with(record("model_uthana-text-to-motion-3.0")).await;
    let cached = client(&server, Some(ModelInputCheck::new()));
    let clone = cached.clone();
    for c in [&cached, &clone, &cached] {
        c.generate()
            .run_model("model_uthana-text-to-motion-3.0", valid())
            .await
            .unwrap();
    }
    assert_eq!(received(&server).await.0, 1, "one fetch for three calls");

    let server = server_with(record("model_uthana-text-to-motion-3.0")).await;
    let expiring = client(
        &server,
        Some(ModelInputCheck::new().cache_for(Duration::from_millis(200))),
    );
    for wait in [0, 0, 300] {
        tokio::time::sleep(Duration::from_millis(wait)).await;
        expiring
            .generate()
            .run_model("model_uthana-text-to-motion-3.0", valid())
            .await
            .unwrap();
    }
    let (gets, posts) = received(&server).await;
    assert_eq!(
        (gets, posts.len()),
        (2, 3),
        "fetched again once the record expired"
    );
}

#[tokio::test]
async fn a_call_can_opt_in_or_out_of_the_clients_setting() {
    let mistake = || body(json!({"promt": "a castle"}));
    let server = server_with(record("model_uthana-text-to-motion-3.0")).await;

    // Off by default: the body goes out as it is.
    let plain = client(&server, None);
    plain
        .generate()
        .run_model("model_uthana-text-to-motion-3.0", mistake())
        .await
        .unwrap();
    assert_eq!(
        received(&server).await,
        (0, vec![br#"{"promt":"a castle"}"#.to_vec()])
    );

    // One call opts in.
    let err = plain
        .generate()
        .run_model("model_uthana-text-to-motion-3.0", mistake())
        .check_inputs(true)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("did you mean `prompt`?"), "{err}");
    assert_eq!(received(&server).await.0, 1);

    // One call opts out of the client's check.
    let checking = client(&server, Some(ModelInputCheck::new()));
    checking
        .generate()
        .run_model("model_uthana-text-to-motion-3.0", mistake())
        .check_inputs(false)
        .await
        .unwrap();
    let (gets, posts) = received(&server).await;
    assert_eq!((gets, posts.len()), (1, 2));
}

#[tokio::test]
async fn a_model_that_cannot_be_fetched_fails_the_call_with_the_apis_answer() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/models/model_gone"))
        .respond_with(ResponseTemplate::new(404).set_body_string(r#"{"error":"not found"}"#))
        .mount(&server)
        .await;
    let client = client(&server, Some(ModelInputCheck::new()));
    let err = client
        .generate()
        .run_model("model_gone", body(json!({"prompt": "x"})))
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "{err:?}");
    let Error::Api(api) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(api.raw, r#"{"error":"not found"}"#);
    assert_eq!(received(&server).await.1.len(), 0);
}
