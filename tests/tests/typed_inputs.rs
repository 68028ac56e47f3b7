//! The typed inputs generated from `schema/models/` (`scenario_sdk::inputs`): through the client
//! against a loopback server, the typed call of each covered model sends exactly the JSON the
//! model expects to `POST /generate/custom/{modelId}`, and a value outside the model's limits is
//! refused before any request. Offline, each typed check agrees with the check of the model's
//! own record ([`Model::check_inputs`]) on the same body.

use std::collections::BTreeMap;
use std::time::Duration;

use scenario_sdk::inputs::*;
use scenario_sdk::models::{Model, ModelResponse};
use scenario_sdk::{Client, Error, TypedInputs};
use serde_json::{Value, json};
use wiremock::matchers::{method, path_regex};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TIMEOUT: Duration = Duration::from_secs(5);

/// The committed record of a model, as `GET /models/{id}` answers it.
fn model(id: &str) -> Model {
    let file = tests::root().join(format!("schema/models/{id}.json"));
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let response: ModelResponse =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    response.model
}

/// A server that starts a job for any generation.
async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path_regex("^/generate/custom/"))
        .respond_with(ResponseTemplate::new(200).set_body_json(tests::started_job()))
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .credentials("key", "secret")
        .base_url(server.uri())
        .timeout(Some(TIMEOUT))
        .build()
        .unwrap()
}

/// Runs `inputs` through `client.generate().run(..)` and returns the path and the JSON body of
/// the one request the server received.
async fn sent<I: TypedInputs>(inputs: I) -> (String, Value) {
    let server = server().await;
    let started = client(&server).generate().run(inputs).await.unwrap();
    assert_eq!(started.job.job_id, "job_1");
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "one request: the generation");
    let body = serde_json::from_slice(&requests[0].body).expect("a JSON body");
    (requests[0].url.path().to_string(), body)
}

/// The typed call sends the body, to the model's path, and the model's record accepts it.
async fn sends<I: TypedInputs>(inputs: I, expected: Value) {
    inputs.check().expect("valid inputs");
    let (path, body) = sent(inputs).await;
    assert_eq!(path, format!("/generate/custom/{}", I::MODEL_ID));
    assert_eq!(body, expected, "the body sent for {}", I::MODEL_ID);
    let fields: BTreeMap<String, Value> = serde_json::from_value(body).unwrap();
    assert_eq!(model(I::MODEL_ID).check_inputs(&fields), Ok(()));
}

#[tokio::test]
async fn gpt_image_2_sends_the_inputs_set_and_nothing_else() {
    sends(GptImage2::new("a castle"), json!({"prompt": "a castle"})).await;
    sends(
        GptImage2::new("a castle at dusk")
            .reference_images(["asset_1", "asset_2"])
            .mask("asset_3")
            .num_outputs(2)
            .width(1024)
            .height(1536)
            .quality(GptImage2Quality::High)
            .background(GptImage2Background::Transparent),
        json!({"prompt": "a castle at dusk", "referenceImages": ["asset_1", "asset_2"],
               "mask": "asset_3", "numOutputs": 2, "width": 1024, "height": 1536,
               "quality": "high", "background": "transparent"}),
    )
    .await;
}

#[tokio::test]
async fn gemini_3_1_flash_sends_its_inputs() {
    sends(
        Gemini3_1Banana::new("a fox in the snow")
            .reference_images(["asset_1"])
            .aspect_ratio(Gemini3_1BananaAspectRatio::V16_9)
            .resolution(Gemini3_1BananaResolution::TwoK)
            .use_google_search(true)
            .thinking_level(Gemini3_1BananaThinkingLevel::Minimal)
            .num_outputs(4),
        json!({"prompt": "a fox in the snow", "referenceImages": ["asset_1"],
               "aspectRatio": "16:9", "resolution": "2K", "useGoogleSearch": true,
               "thinkingLevel": "MINIMAL", "numOutputs": 4}),
    )
    .await;
    sends(
        Gemini3_1Banana::new("a thumbnail")
            .video("asset_9")
            .video_fps(0.5),
        json!({"prompt": "a thumbnail", "video": "asset_9", "videoFps": 0.5}),
    )
    .await;
}

/// Numbers the record does not say are whole are `f64`s, and a whole one goes as an integer
/// (`"controlStart": 0`, `"seed": 42`), as the records write them.
#[tokio::test]
async fn flux_1_dev_sends_lists_of_models_and_weights() {
    sends(
        Flux1Dev::new("a knight")
            .loras(["model_a", "model_b"])
            .loras_scale([0.8, 1.15])
            .image("asset_1")
            .strength(0.35)
            .control_image("asset_2")
            .control_modality(Flux1DevControlModality::LowQuality)
            .control_strength(0.85)
            .control_start(0.0)
            .control_end(0.65)
            .num_outputs(2)
            .num_inference_steps(30)
            .width(1024)
            .height(768)
            .guidance(3.5)
            .seed(42.0),
        json!({"prompt": "a knight", "loras": ["model_a", "model_b"], "lorasScale": [0.8, 1.15],
               "image": "asset_1", "strength": 0.35, "controlImage": "asset_2",
               "controlModality": "low-quality", "controlStrength": 0.85, "controlStart": 0,
               "controlEnd": 0.65, "numOutputs": 2, "numInferenceSteps": 30, "width": 1024,
               "height": 768, "guidance": 3.5, "seed": 42}),
    )
    .await;
    sends(
        Flux1Dev::new("a knight").model_id("model_lora"),
        json!({"prompt": "a knight", "modelId": "model_lora"}),
    )
    .await;
}

#[tokio::test]
async fn seedance_2_0_needs_no_input_and_sends_numbers_among_its_options() {
    sends(Seedance2_0::new(), json!({})).await;
    sends(
        Seedance2_0::new()
            .prompt("@image1 walks to @video1")
            .reference_images(["asset_1"])
            .reference_videos(["asset_2"])
            .reference_audio(["asset_3"])
            .duration(-1)
            .resolution(Seedance2_0Resolution::V1080p)
            .aspect_ratio(Seedance2_0AspectRatio::Adaptive)
            .generate_audio(false),
        json!({"prompt": "@image1 walks to @video1", "referenceImages": ["asset_1"],
               "referenceVideos": ["asset_2"], "referenceAudio": ["asset_3"], "duration": -1,
               "resolution": "1080p", "aspectRatio": "adaptive", "generateAudio": false}),
    )
    .await;
    sends(
        Seedance2_0::new()
            .image("asset_1")
            .last_frame_image("asset_2")
            .duration(8),
        json!({"image": "asset_1", "lastFrameImage": "asset_2", "duration": 8}),
    )
    .await;
}

#[tokio::test]
async fn meshy_7_takes_its_views_in_new() {
    sends(
        Meshy7ImageTo3d::new(["asset_front", "asset_side"])
            .texture_prompt("weathered bronze")
            .texture_image("asset_style")
            .should_texture(true)
            .texture_resolution(Meshy7ImageTo3dTextureResolution::FourK)
            .topology(Meshy7ImageTo3dTopology::Quad)
            .enable_pbr(true)
            .pose_mode(Meshy7ImageTo3dPoseMode::TPose)
            .should_remesh(true)
            .target_polycount(20000.0),
        json!({"image": ["asset_front", "asset_side"], "texturePrompt": "weathered bronze",
               "textureImage": "asset_style", "shouldTexture": true, "textureResolution": "4k",
               "topology": "quad", "enablePbr": true, "poseMode": "t-pose",
               "shouldRemesh": true, "targetPolycount": 20000}),
    )
    .await;
    sends(
        Meshy7ImageTo3d::new(["asset_front"])
            .ultra_mode(true)
            .pose_mode(Meshy7ImageTo3dPoseMode::None),
        json!({"image": ["asset_front"], "ultraMode": true, "poseMode": ""}),
    )
    .await;
}

#[tokio::test]
async fn tripo_3_1_sends_its_inputs() {
    sends(
        Tripo3_1::new("asset_1")
            .texture(true)
            .texture_quality(Tripo3_1TextureQuality::Detailed)
            .texture_alignment(Tripo3_1TextureAlignment::Geometry)
            .geometry_quality(Tripo3_1GeometryQuality::Detailed)
            .texture_seed(7.0)
            .orientation(Tripo3_1Orientation::AlignImage)
            .pbr(false)
            .face_limit(10000.0)
            .auto_size(true)
            .quad(true)
            .smart_low_poly(true)
            .generate_parts(false)
            .seed(3.0),
        json!({"image": "asset_1", "texture": true, "textureQuality": "detailed",
               "textureAlignment": "geometry", "geometryQuality": "detailed",
               "textureSeed": 7, "orientation": "align_image", "pbr": false,
               "faceLimit": 10000, "autoSize": true, "quad": true, "smartLowPoly": true,
               "generateParts": false, "seed": 3}),
    )
    .await;
}

#[tokio::test]
async fn uthana_text_to_motion_sends_its_inputs() {
    sends(
        UthanaTextToMotion3_0::new("a backflip, then a bow")
            .character_file("asset_rig")
            .fps(60)
            .animation_only(true)
            .length(6)
            .rewrite_prompt(false),
        json!({"prompt": "a backflip, then a bow", "characterFile": "asset_rig", "fps": 60,
               "animationOnly": true, "length": 6, "rewritePrompt": false}),
    )
    .await;
}

#[tokio::test]
async fn patina_sends_a_list_of_maps_as_their_wire_names() {
    sends(
        PatinaMaterial::new("mossy stone wall")
            .image("asset_1")
            .image_strength(0.45)
            .mask("asset_2")
            .width(2048)
            .height(1024)
            .maps([PatinaMaterialMaps::Basecolor, PatinaMaterialMaps::Normal])
            .upscale_factor(4)
            .tiling_mode(PatinaMaterialTilingMode::Horizontal)
            .num_outputs(2)
            .num_inference_steps(6)
            .enable_prompt_expansion(false)
            .tile_size(128)
            .tile_stride(64)
            .seed(2147483647.0),
        json!({"prompt": "mossy stone wall", "image": "asset_1", "imageStrength": 0.45,
               "mask": "asset_2", "width": 2048, "height": 1024, "maps": ["basecolor", "normal"],
               "upscaleFactor": 4, "tilingMode": "horizontal", "numOutputs": 2,
               "numInferenceSteps": 6, "enablePromptExpansion": false, "tileSize": 128,
               "tileStride": 64, "seed": 2147483647}),
    )
    .await;
}

/// The problems of a body as the model's record reports them, as text.
fn record_problems<I: TypedInputs>(inputs: &I) -> Vec<String> {
    let fields: BTreeMap<String, Value> =
        serde_json::from_value(serde_json::to_value(inputs).unwrap()).unwrap();
    match model(I::MODEL_ID).check_inputs(&fields) {
        Ok(()) => Vec::new(),
        Err(problems) => problems.iter().map(ToString::to_string).collect(),
    }
}

fn typed_problems<I: TypedInputs>(inputs: &I) -> Vec<String> {
    match inputs.check() {
        Ok(()) => Vec::new(),
        Err(problems) => problems.iter().map(ToString::to_string).collect(),
    }
}

/// Every limit and condition the typed inputs check, each reported as the record's check reports
/// it (the order may differ: the typed check goes input by input).
#[test]
fn each_typed_check_reports_what_the_records_check_reports() {
    fn same<I: TypedInputs>(inputs: I, expected: &[&str]) {
        let mut typed = typed_problems(&inputs);
        let mut record = record_problems(&inputs);
        let mut expected: Vec<String> = expected.iter().map(|e| e.to_string()).collect();
        typed.sort();
        record.sort();
        expected.sort();
        assert_eq!(typed, expected, "typed check of {}", I::MODEL_ID);
        assert_eq!(record, expected, "record check of {}", I::MODEL_ID);
    }
    same(
        GptImage2::new("a castle")
            .mask("asset_2")
            .width(1000)
            .height(4000)
            .num_outputs(0)
            .reference_images((0..11).map(|i| format!("asset_{i}")))
            .mask("asset_2"),
        &[
            "`width` is 1000, not a step of 16 from 16",
            "`height` is 4000, outside 16 to 3840",
            "`numOutputs` is 0, outside 1 to 10",
            "`referenceImages` has 11 items, more than 10",
        ],
    );
    same(
        GptImage2::new("x".repeat(32_001)).mask("asset_2"),
        &[
            "`prompt` has 32001 characters, more than 32000",
            "`referenceImages` is required when `mask` is set (A mask needs a reference image to apply to.)",
        ],
    );
    same(
        Flux1Dev::new("a knight")
            .loras_scale([0.8, 2.5, 0.33])
            .guidance(3.55)
            .strength(0.0)
            .loras((0..7).map(|i| format!("model_{i}"))),
        &[
            "`lorasScale[1]` is 2.5, outside 0 to 2",
            "`lorasScale[2]` is 0.33, not a step of 0.05 from 0",
            "`guidance` is 3.55, not a step of 0.1 from 0",
            "`strength` is 0, outside 0.01 to 1",
            "`loras` has 7 items, more than 6",
        ],
    );
    same(
        Seedance2_0::new().last_frame_image("asset_2").duration(3),
        &[
            "`duration` is 3, not one of -1, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15",
            "`image` is required when `lastFrameImage` is set (A last frame needs a first frame.)",
        ],
    );
    same(
        PatinaMaterial::new("copper")
            .mask("asset_1")
            .upscale_factor(3)
            .tile_size(16),
        &[
            "`upscaleFactor` is 3, not one of 0, 2, 4",
            "`tileSize` is 16, outside 32 to 256",
            "`image` is required when `mask` is set (A mask needs an image to apply to.)",
        ],
    );
    same(
        Meshy7ImageTo3d::new(["a", "b", "c", "d", "e"]).target_polycount(50.0),
        &[
            "`image` has 5 items, more than 4",
            "`targetPolycount` is 50, outside 100 to 300000",
        ],
    );
    same(
        UthanaTextToMotion3_0::new("a jump").fps(25).length(11),
        &[
            "`fps` is 25, not one of 24, 30, 60",
            "`length` is 11, outside 4 to 10",
        ],
    );
    same(
        Gemini3_1Banana::new("a fox").video_fps(0.05).num_outputs(5),
        &[
            "`videoFps` is 0.05, outside 0.1 to 24",
            "`numOutputs` is 5, outside 1 to 4",
        ],
    );
    same(Tripo3_1::new("asset_1").face_limit(1e9), &[]);
}

/// A value outside a limit fails the call with every problem, and nothing reaches the server.
#[tokio::test]
async fn a_value_outside_a_limit_is_refused_before_any_request() {
    let server = server().await;
    let inputs = GptImage2::new("a castle")
        .width(1000)
        .num_outputs(11)
        .mask("asset_1");
    let error = client(&server)
        .generate()
        .run(inputs)
        .dry_run(true)
        .await
        .unwrap_err();
    match error {
        Error::InvalidRequest { field, message } => {
            assert_eq!(field, "body");
            assert_eq!(
                message,
                "does not fit model `model_openai-gpt-image-2` (3 problems): \
                 `referenceImages` is required when `mask` is set (A mask needs a reference image to apply to.); \
                 `numOutputs` is 11, outside 1 to 10; `width` is 1000, not a step of 16 from 16"
            );
        }
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

/// The builder `run` returns is `run_model`'s: its query parameters go with the typed body.
#[tokio::test]
async fn the_typed_call_keeps_the_builders_parameters() {
    let server = server().await;
    client(&server)
        .generate()
        .run(UthanaTextToMotion3_0::new("a wave"))
        .project_id("proj_1")
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].url.query(), Some("projectId=proj_1"));
    let body: Value = serde_json::from_slice(&requests[0].body).unwrap();
    assert_eq!(body, json!({"prompt": "a wave"}));
}

/// The committed records keep the API's facts but not its wording: no description or message of
/// `schema/models/` is copied from the recorded answers of `../shared/models/` (checked when that
/// folder is beside the checkout), and every input the recorded answer lists is there with the
/// same name, type, limits, options and default.
#[test]
fn records_keep_the_facts_and_word_the_descriptions_our_way() {
    let shared = tests::root().join("../shared/models");
    if !shared.is_dir() {
        eprintln!(
            "{} is not beside the checkout: nothing to compare",
            shared.display()
        );
        return;
    }
    fn texts(value: &Value, at: String, out: &mut Vec<(String, String)>) {
        match value {
            Value::Object(o) => o
                .iter()
                .for_each(|(k, v)| texts(v, format!("{at}/{k}"), out)),
            Value::Array(a) => a
                .iter()
                .enumerate()
                .for_each(|(i, v)| texts(v, format!("{at}/{i}"), out)),
            // Sentences, not labels or values.
            Value::String(s) if s.len() > 25 && s.contains(' ') => out.push((at, s.clone())),
            _ => {}
        }
    }
    let facts = |record: &Value| -> Vec<Value> {
        let inputs = record["model"]["inputs"].as_array().unwrap();
        inputs
            .iter()
            .map(|i| {
                let mut i = i.clone();
                let fields = i.as_object_mut().unwrap();
                fields.remove("description");
                fields.remove("label");
                if let Some(Value::Object(rules)) = fields.get_mut("required") {
                    // Messages are wording; which rules there are is a fact.
                    for rule in rules.values_mut() {
                        if let Value::Object(others) = rule {
                            others.values_mut().for_each(|o| *o = Value::Null);
                        }
                    }
                }
                i
            })
            .collect()
    };
    let mut compared = 0;
    for entry in std::fs::read_dir(tests::root().join("schema/models")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap();
        let recorded = shared.join(name);
        if !recorded.is_file() {
            continue;
        }
        let read = |p: &std::path::Path| -> Value {
            serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
        };
        let (ours, theirs) = (read(&path), read(&recorded));
        let (mut our_texts, mut their_texts) = (Vec::new(), Vec::new());
        texts(&ours, String::new(), &mut our_texts);
        texts(&theirs, String::new(), &mut their_texts);
        let copied: Vec<_> = our_texts
            .iter()
            .filter(|t| their_texts.contains(t))
            .collect();
        assert!(
            copied.is_empty(),
            "{name:?} copies the API's wording: {copied:?}"
        );
        assert_eq!(
            facts(&ours),
            facts(&theirs),
            "{name:?} keeps the recorded facts"
        );
        compared += 1;
    }
    assert_eq!(compared, 8, "the eight covered models are compared");
}
