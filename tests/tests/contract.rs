//! Contract tests: tools nobody here wrote judge the schema and the generated client.
//!
//! - Redocly CLI lints `schema/scenario.yaml`; every problem fails, until it is fixed or excused
//!   with its reason in `tests/contract/redocly.yaml` or `.redocly.lint-ignore.yaml`.
//! - Prism serves the same file: each case of [`cases`] is sent by the generated client with
//!   [`SEEDS`] seeds; Prism must find nothing wrong with any request, and each of its random
//!   responses must decode.
//! - Prism must refuse requests that break the schema, or the two checks above prove nothing.
//!
//! The tools are installed by `npm ci` on first use (`tests::contract::install`).

use std::collections::BTreeSet;
use std::future::Future;
use std::path::Path;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use scenario_sdk::models::*;
use scenario_sdk::resources::models::TrainOutput;
use scenario_sdk::{Client, Error};
use tests::contract::prism::Prism;
use tests::contract::redocly;

/// Random responses decoded per case, each from its own seed (1 to `SEEDS`).
const SEEDS: u32 = 50;

/// Requests in flight at once against the one Prism process. Prism answers on one thread; a
/// second process, measured on the 2-core machine shared with other builds, made the test slower
/// (79 and 84 s against 70 and 74 s): each process pays its own start and warm-up.
const CONCURRENCY: usize = 4;

// Ids in the API's shapes (the schema's parameter examples): Prism checks only that they are strings.
const JOB_ID: &str = "job_ocZCnG1Df35XRL1QyCZSRxAG8";
const MODEL_ID: &str = "model_eyVcnFJcR92BxBkz7N6g5w";
const ASSET_ID: &str = "asset_GTrL3mq4SXWyMxkOHRxlpw";
const PROJECT_ID: &str = "proj_8Uh4mLr2QkWc";
const COLLECTION_ID: &str = "coll_4dNbCpDQmPhBDoeN5rPnhv";
const PRESET_ID: &str = "preset_Qw3Rt5YuIo9Pa";
const TRAINING_IMAGE_ID: &str = "asset_Zx8Cv6BnM1QwEr";
const UPLOAD_ID: &str = "upload_Qw8fHk2LmN3pRs4T";
const WORKFLOW_ID: &str = "wflow_2XyQpR7sTuVw";
const PROMPT: &str = "a castle on a floating island";

fn schema() -> std::path::PathBuf {
    tests::root().join("schema/scenario.yaml")
}

// ---------------------------------------------------------------------------------------------
// The cases: one per documented success status of each operation
// ---------------------------------------------------------------------------------------------

type Outcome = Result<(), Box<dyn std::error::Error + Send + Sync>>;
type Call = for<'c> fn(&'c Client) -> Pin<Box<dyn Future<Output = Outcome> + Send + 'c>>;

/// One documented success status of one operation, and a call of the generated client, with
/// valid arguments, that Prism answers with that status.
struct Case {
    operation: &'static str,
    status: u16,
    call: Call,
}

/// `case!("operationId", status, |c| call)`: `call` is awaited and must succeed. With
/// `=> Pattern`, what it returns must also match the pattern (the variant of `send_any` that
/// the status decodes to).
macro_rules! case {
    ($operation:literal, $status:literal, |$c:ident| $call:expr $(=> $variant:pat)?) => {{
        fn call($c: &Client) -> Pin<Box<dyn Future<Output = Outcome> + Send + '_>> {
            Box::pin(async move {
                let _decoded = $call.await?;
                $(if !matches!(_decoded, $variant) {
                    return Err(format!("decoded, but not as {}", stringify!($variant)).into());
                })?
                Ok(())
            })
        }
        Case { operation: $operation, status: $status, call }
    }};
}

/// Every case. A new operation needs one line here per success status (the coverage test names
/// the missing ones). Optional parameters are set where they exercise a way of sending a value:
/// enums, exploded arrays, booleans, numbers. Grouped by resource, as in the generated README.
fn cases() -> Vec<Case> {
    [
        generate_cases(),
        job_cases(),
        asset_cases(),
        collection_cases(),
        model_cases(),
        other_cases(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The generation operations: a job (200), or with `dryRun` the price of one (269). The API
/// deprecates prompt editing, which it still serves: it is covered like the others.
#[allow(deprecated)]
fn generate_cases() -> Vec<Case> {
    use scenario_sdk::resources::generate::*;
    vec![
        case!("generatePrompt", 200, |c| c
            .generate()
            .prompt()
            .body(prompt_request())
            .project_id(PROJECT_ID)),
        case!("generatePrompt", 269, |c| c.generate().prompt()
            .body(prompt_request()).dry_run(true).send_any() => PromptOutput::DryRun(_)),
        case!("generateCustom", 200, |c| c
            .generate()
            .run_model(MODEL_ID, model_inputs())
            .project_id(PROJECT_ID)),
        case!("generateCustom", 269, |c| c.generate().run_model(MODEL_ID, model_inputs()).dry_run(true).send_any() => RunModelOutput::DryRun(_)),
        case!("generateCaption", 200, |c| c
            .generate()
            .caption()
            .images([ASSET_ID])
            .project_id(PROJECT_ID)),
        case!("generateCaption", 269, |c| c.generate().caption().images([ASSET_ID]).dry_run(true).send_any() => CaptionOutput::DryRun(_)),
        case!("generateControlnet", 200, |c| c
            .generate()
            .controlnet()
            .model_id(MODEL_ID)
            .prompt(PROMPT)
            .modality("canny")
            .original_assets(true)),
        case!("generateControlnet", 269, |c| c.generate().controlnet().model_id(MODEL_ID).prompt(PROMPT).modality("canny").dry_run(true).send_any() => ControlnetOutput::DryRun(_)),
        case!("generateControlnetImg2img", 200, |c| c
            .generate()
            .controlnet_img2img()
            .model_id(MODEL_ID)
            .prompt(PROMPT)
            .modality("depth")),
        case!("generateControlnetImg2img", 269, |c| c.generate().controlnet_img2img().model_id(MODEL_ID).prompt(PROMPT).modality("depth").dry_run(true).send_any() => ControlnetImg2imgOutput::DryRun(_)),
        case!("generateControlnetInpaint", 200, |c| c
            .generate()
            .controlnet_inpaint()
            .model_id(MODEL_ID)
            .prompt(PROMPT)
            .modality("pose")),
        case!("generateControlnetInpaint", 269, |c| c.generate().controlnet_inpaint().model_id(MODEL_ID).prompt(PROMPT).modality("pose").dry_run(true).send_any() => ControlnetInpaintOutput::DryRun(_)),
        case!("generateControlnetInpaintIpAdapter", 200, |c| c
            .generate()
            .controlnet_inpaint_ip_adapter()
            .model_id(MODEL_ID)
            .prompt(PROMPT)),
        case!("generateControlnetInpaintIpAdapter", 269, |c| c.generate().controlnet_inpaint_ip_adapter().model_id(MODEL_ID).prompt(PROMPT).dry_run(true).send_any() => ControlnetInpaintIpAdapterOutput::DryRun(_)),
        case!("generateControlnetIpAdapter", 200, |c| c
            .generate()
            .controlnet_ip_adapter()
            .model_id(MODEL_ID)
            .prompt(PROMPT)
            .modality("scribble")),
        case!("generateControlnetIpAdapter", 269, |c| c.generate().controlnet_ip_adapter().model_id(MODEL_ID).prompt(PROMPT).modality("scribble").dry_run(true).send_any() => ControlnetIpAdapterOutput::DryRun(_)),
        case!("generateControlnetTexture", 200, |c| c
            .generate()
            .controlnet_texture()
            .model_id(MODEL_ID)
            .prompt(PROMPT)
            .modality("normal")),
        case!("generateControlnetTexture", 269, |c| c.generate().controlnet_texture().model_id(MODEL_ID).prompt(PROMPT).modality("normal").dry_run(true).send_any() => ControlnetTextureOutput::DryRun(_)),
        case!("generateDescribeStyle", 200, |c| c
            .generate()
            .describe_style()),
        case!("generateDescribeStyle", 269, |c| c.generate().describe_style().dry_run(true).send_any() => DescribeStyleOutput::DryRun(_)),
        case!("generateDetect", 200, |c| c
            .generate()
            .detect()
            .image(ASSET_ID)
            .modality(GenerateDetectRequestModality::LineartAnime)
            .original_assets(false)),
        case!("generateDetect", 269, |c| c.generate().detect().image(ASSET_ID).modality(GenerateDetectRequestModality::LineartAnime).dry_run(true).send_any() => DetectOutput::DryRun(_)),
        case!("generateEmbed", 200, |c| c.generate().embed().text(PROMPT)),
        case!("generateEmbed", 269, |c| c.generate().embed().text(PROMPT).dry_run(true).send_any() => EmbedOutput::DryRun(_)),
        case!("generateGenerativeFill", 200, |c| c
            .generate()
            .generative_fill()
            .image(ASSET_ID)),
        case!("generateGenerativeFill", 269, |c| c.generate().generative_fill().image(ASSET_ID).dry_run(true).send_any() => GenerativeFillOutput::DryRun(_)),
        case!("generateImg2img", 200, |c| c
            .generate()
            .img2img()
            .model_id(MODEL_ID)
            .prompt(PROMPT)),
        case!("generateImg2img", 269, |c| c.generate().img2img().model_id(MODEL_ID).prompt(PROMPT).dry_run(true).send_any() => Img2imgOutput::DryRun(_)),
        case!("generateImg2imgIpAdapter", 200, |c| c
            .generate()
            .img2img_ip_adapter()
            .model_id(MODEL_ID)
            .prompt(PROMPT)),
        case!("generateImg2imgIpAdapter", 269, |c| c.generate().img2img_ip_adapter().model_id(MODEL_ID).prompt(PROMPT).dry_run(true).send_any() => Img2imgIpAdapterOutput::DryRun(_)),
        case!("generateImg2imgTexture", 200, |c| c
            .generate()
            .img2img_texture()
            .model_id(MODEL_ID)
            .prompt(PROMPT)),
        case!("generateImg2imgTexture", 269, |c| c.generate().img2img_texture().model_id(MODEL_ID).prompt(PROMPT).dry_run(true).send_any() => Img2imgTextureOutput::DryRun(_)),
        case!("generateInpaint", 200, |c| c
            .generate()
            .inpaint()
            .model_id(MODEL_ID)
            .prompt(PROMPT)),
        case!("generateInpaint", 269, |c| c.generate().inpaint().model_id(MODEL_ID).prompt(PROMPT).dry_run(true).send_any() => InpaintOutput::DryRun(_)),
        case!("generateInpaintIpAdapter", 200, |c| c
            .generate()
            .inpaint_ip_adapter()
            .model_id(MODEL_ID)
            .prompt(PROMPT)),
        case!("generateInpaintIpAdapter", 269, |c| c.generate().inpaint_ip_adapter().model_id(MODEL_ID).prompt(PROMPT).dry_run(true).send_any() => InpaintIpAdapterOutput::DryRun(_)),
        case!("generatePatch", 200, |c| c
            .generate()
            .patch()
            .image(ASSET_ID)),
        case!("generatePatch", 269, |c| c.generate().patch().image(ASSET_ID).dry_run(true).send_any() => PatchOutput::DryRun(_)),
        case!("generatePixelate", 200, |c| c
            .generate()
            .pixelate()
            .image(ASSET_ID)
            .pixel_grid_size(32)
            .remove_noise(true)),
        case!("generatePixelate", 269, |c| c.generate().pixelate().image(ASSET_ID).pixel_grid_size(32).remove_noise(true).dry_run(true).send_any() => PixelateOutput::DryRun(_)),
        case!("generatePromptEditing", 200, |c| c
            .generate()
            .prompt_editing()
            .image(ASSET_ID)
            .prompt(PROMPT)),
        case!("generatePromptEditing", 269, |c| c.generate().prompt_editing().image(ASSET_ID).prompt(PROMPT).dry_run(true).send_any() => PromptEditingOutput::DryRun(_)),
        case!("generateReframe", 200, |c| c
            .generate()
            .reframe()
            .image(ASSET_ID)
            .target_width(1536)
            .target_height(1024)),
        case!("generateReframe", 269, |c| c.generate().reframe().image(ASSET_ID).target_width(1536).target_height(1024).dry_run(true).send_any() => ReframeOutput::DryRun(_)),
        case!("generateRemoveBackground", 200, |c| c
            .generate()
            .remove_background()
            .image(ASSET_ID)),
        case!("generateRemoveBackground", 269, |c| c.generate().remove_background().image(ASSET_ID).dry_run(true).send_any() => RemoveBackgroundOutput::DryRun(_)),
        case!("generateRestyle", 200, |c| c
            .generate()
            .restyle()
            .image(ASSET_ID)
            .style_images([ASSET_ID])),
        case!("generateRestyle", 269, |c| c.generate().restyle().image(ASSET_ID).style_images([ASSET_ID]).dry_run(true).send_any() => RestyleOutput::DryRun(_)),
        case!("generateSegment", 200, |c| c
            .generate()
            .segment()
            .image(ASSET_ID)),
        case!("generateSegment", 269, |c| c.generate().segment().image(ASSET_ID).dry_run(true).send_any() => SegmentOutput::DryRun(_)),
        case!("generateSkyboxBase360", 200, |c| c
            .generate()
            .skybox_base_360()
            .prompt(PROMPT)),
        case!("generateSkyboxBase360", 269, |c| c.generate().skybox_base_360().prompt(PROMPT).dry_run(true).send_any() => SkyboxBase360Output::DryRun(_)),
        case!("generateSkyboxUpscale360", 200, |c| c
            .generate()
            .skybox_upscale_360()
            .image(ASSET_ID)),
        case!("generateSkyboxUpscale360", 269, |c| c.generate().skybox_upscale_360().image(ASSET_ID).dry_run(true).send_any() => SkyboxUpscale360Output::DryRun(_)),
        case!("generateTexture", 200, |c| c
            .generate()
            .texture()
            .texture(ASSET_ID)),
        case!("generateTexture", 269, |c| c.generate().texture().texture(ASSET_ID).dry_run(true).send_any() => TextureOutput::DryRun(_)),
        case!("generateTranslate", 200, |c| c
            .generate()
            .translate()
            .prompt(PROMPT)),
        case!("generateTranslate", 269, |c| c.generate().translate().prompt(PROMPT).dry_run(true).send_any() => TranslateOutput::DryRun(_)),
        case!("generateTxt2img", 200, |c| c
            .generate()
            .txt2img()
            .model_id(MODEL_ID)
            .prompt(PROMPT)),
        case!("generateTxt2img", 269, |c| c.generate().txt2img().model_id(MODEL_ID).prompt(PROMPT).dry_run(true).send_any() => Txt2imgOutput::DryRun(_)),
        case!("generateTxt2imgIpAdapter", 200, |c| c
            .generate()
            .txt2img_ip_adapter()
            .model_id(MODEL_ID)
            .prompt(PROMPT)),
        case!("generateTxt2imgIpAdapter", 269, |c| c.generate().txt2img_ip_adapter().model_id(MODEL_ID).prompt(PROMPT).dry_run(true).send_any() => Txt2imgIpAdapterOutput::DryRun(_)),
        case!("generateTxt2imgTexture", 200, |c| c
            .generate()
            .txt2img_texture()
            .model_id(MODEL_ID)
            .prompt(PROMPT)),
        case!("generateTxt2imgTexture", 269, |c| c.generate().txt2img_texture().model_id(MODEL_ID).prompt(PROMPT).dry_run(true).send_any() => Txt2imgTextureOutput::DryRun(_)),
        case!("generateUpscale", 200, |c| c
            .generate()
            .upscale()
            .image(ASSET_ID)),
        case!("generateUpscale", 269, |c| c.generate().upscale().image(ASSET_ID).dry_run(true).send_any() => UpscaleOutput::DryRun(_)),
        case!("generateVectorize", 200, |c| c
            .generate()
            .vectorize()
            .image(ASSET_ID)),
        case!("generateVectorize", 269, |c| c.generate().vectorize().image(ASSET_ID).dry_run(true).send_any() => VectorizeOutput::DryRun(_)),
    ]
}

fn job_cases() -> Vec<Case> {
    vec![
        case!("getJob", 200, |c| c
            .jobs()
            .retrieve(JOB_ID)
            .project_id(PROJECT_ID)),
        case!("listJobs", 200, |c| c
            .jobs()
            .list()
            .author_id("user_7Hq2")
            .hide_results(false)
            .page_size(20)
            .pagination_token("token_2")
            .types(vec![JobType::Flux, JobType::Caption])
            .status(JobStatus::Success)),
        case!("jobAction", 200, |c| c
            .jobs()
            .action(JOB_ID)
            .action(JobActionRequestAction::Cancel)),
    ]
}

fn asset_cases() -> Vec<Case> {
    vec![
        case!("getAsset", 200, |c| c
            .assets()
            .retrieve(ASSET_ID)
            .with_embedding(true)
            .original_assets(false)),
        case!("listAssets", 200, |c| c
            .assets()
            .list()
            .page_size(50)
            .sort_by(SortField::CreatedAt)
            .sort_direction(SortDirection::Desc)
            .created_after("2025-01-01T00:00:00Z")
            .privacy(Privacy::Private)
            .types(vec![
                AssetType::from("inference-txt2img"),
                AssetType::from("uploaded")
            ])
            .model_id(MODEL_ID)),
        case!("createAsset", 200, |c| c
            .assets()
            .create()
            .name("castle.png")
            .original_assets(true)),
        case!("deleteAssets", 200, |c| c
            .assets()
            .delete()
            .asset_ids([ASSET_ID])),
        case!("getAssetsBulk", 200, |c| c
            .assets()
            .get_bulk()
            .asset_ids([ASSET_ID])),
        case!("updateAsset", 200, |c| c.assets().update(ASSET_ID)),
        case!("copyAsset", 200, |c| c.assets().copy(ASSET_ID)),
        case!("lockAsset", 200, |c| c
            .assets()
            .lock(ASSET_ID)
            .lock_expires_at("2026-01-01T00:00:00Z")),
        case!("unlockAsset", 200, |c| c.assets().unlock(ASSET_ID)),
        case!("createAssetsDownload", 200, |c| c
            .assets()
            .downloads()
            .create()
            .query(AssetsDownloadRequestQuery::new(
                vec![ASSET_ID.into()],
                vec![],
                vec![]
            ))
            .options(AssetsDownloadRequestOptions::new(
                "<seed>-<num>".into()
            ))),
        case!("getAssetsDownload", 200, |c| c
            .assets()
            .downloads()
            .retrieve(JOB_ID)),
        case!("listPublicAssets", 200, |c| c
            .assets()
            .public()
            .list()
            .page_size(10)
            .types(vec![AssetType::from("uploaded")])),
        case!("getPublicAsset", 200, |c| c
            .assets()
            .public()
            .retrieve(ASSET_ID)),
        case!("listAssetSnapshots", 200, |c| c
            .assets()
            .snapshots()
            .list(ASSET_ID)
            .page_size(10)),
        case!("updateAssetTags", 200, |c| c
            .assets()
            .tags()
            .update(ASSET_ID)
            .body(tags_update())),
    ]
}

fn collection_cases() -> Vec<Case> {
    vec![
        case!("listCollections", 200, |c| c
            .collections()
            .list()
            .page_size(10)),
        case!("createCollection", 200, |c| c
            .collections()
            .create()
            .name("Castles")),
        case!("getCollection", 200, |c| c
            .collections()
            .retrieve(COLLECTION_ID)),
        case!("updateCollection", 200, |c| c
            .collections()
            .update(COLLECTION_ID)
            .name("Keeps")),
        case!("deleteCollection", 200, |c| c
            .collections()
            .delete(COLLECTION_ID)),
        case!("addAssetsToCollection", 200, |c| c
            .collections()
            .assets()
            .add(COLLECTION_ID)
            .asset_ids([ASSET_ID])),
        case!("removeAssetsFromCollection", 200, |c| c
            .collections()
            .assets()
            .remove(COLLECTION_ID)
            .asset_ids([ASSET_ID])),
        case!("addModelsToCollection", 200, |c| c
            .collections()
            .models()
            .add(COLLECTION_ID)
            .model_ids([MODEL_ID])),
        case!("removeModelsFromCollection", 200, |c| c
            .collections()
            .models()
            .remove(COLLECTION_ID)
            .model_ids([MODEL_ID])),
    ]
}

fn model_cases() -> Vec<Case> {
    vec![
        case!("getModel", 200, |c| c
            .models()
            .retrieve(MODEL_ID)
            .original_assets(true)),
        case!("listModels", 200, |c| c
            .models()
            .list()
            .privacy(PrivacyFilter::Public)
            .page_size(100)
            .status(ModelStatus::Trained)
            .collection_id(COLLECTION_ID)
            .loaded_only(false)
            .blacklisted(false)),
        case!("createModel", 200, |c| c.models().create()),
        case!("getModelsBulk", 200, |c| c
            .models()
            .get_bulk()
            .model_ids([MODEL_ID])
            .minimal(true)),
        case!("updateModel", 200, |c| c.models().update(MODEL_ID)),
        case!("deleteModel", 200, |c| c.models().delete(MODEL_ID)),
        case!("copyModel", 200, |c| c.models().copy(MODEL_ID)),
        case!("downloadModel", 200, |c| c.models().download(MODEL_ID)),
        case!("trainModel", 200, |c| c.models().train(MODEL_ID)),
        case!("trainModel", 269, |c| c.models().train(MODEL_ID).dry_run(true).send_any() => TrainOutput::DryRun(_)),
        case!("modelTrainingAction", 200, |c| c
            .models()
            .train_action(MODEL_ID)
            .action(ModelTrainingActionRequestAction::Cancel)),
        case!("transferModel", 200, |c| c
            .models()
            .transfer(MODEL_ID)
            .destination_project_id(PROJECT_ID)),
        case!("listPublicModels", 200, |c| c
            .models()
            .public()
            .list()
            .page_size(10)),
        case!("getPublicModel", 200, |c| c
            .models()
            .public()
            .retrieve(MODEL_ID)),
        case!("getModelDescription", 200, |c| c
            .models()
            .description()
            .retrieve(MODEL_ID)),
        case!("updateModelDescription", 200, |c| c
            .models()
            .description()
            .update(MODEL_ID)
            .description("Watercolour castles.")),
        case!("listModelExamples", 200, |c| c
            .models()
            .examples()
            .list(MODEL_ID)
            .original_assets(false)),
        case!("updateModelExamples", 200, |c| c
            .models()
            .examples()
            .update(MODEL_ID)
            .asset_ids([ASSET_ID])),
        case!("deleteModelTrainingImages", 200, |c| c
            .models()
            .training_images()
            .delete_many(MODEL_ID, TRAINING_IMAGE_ID)),
        case!("addModelTrainingImage", 200, |c| c
            .models()
            .training_images()
            .create(MODEL_ID)
            .asset_id(ASSET_ID)),
        case!("replaceModelTrainingImagePairs", 200, |c| c
            .models()
            .training_images()
            .update_pairs(MODEL_ID, vec![training_pair()])),
        case!("replaceModelTrainingImage", 200, |c| c
            .models()
            .training_images()
            .update(MODEL_ID, TRAINING_IMAGE_ID)
            .body(training_image())),
        case!("deleteModelTrainingImage", 200, |c| c
            .models()
            .training_images()
            .delete(MODEL_ID, TRAINING_IMAGE_ID)),
        case!("listModelPresets", 200, |c| c
            .models()
            .presets()
            .list(MODEL_ID)),
        case!("createModelPreset", 200, |c| c
            .models()
            .presets()
            .create(MODEL_ID)
            .inference_id("inf_1")),
        case!("updateModelPreset", 200, |c| c
            .models()
            .presets()
            .update(MODEL_ID, PRESET_ID)
            .is_default(true)),
        case!("deleteModelPreset", 200, |c| c
            .models()
            .presets()
            .delete(MODEL_ID, PRESET_ID)),
        case!("getModelPromptScore", 200, |c| c
            .models()
            .scores()
            .prompt(MODEL_ID)
            .prompt(PROMPT)),
        case!("getModelTrainingDatasetScore", 200, |c| c
            .models()
            .scores()
            .training_dataset(MODEL_ID)),
        case!("updateModelTags", 200, |c| c
            .models()
            .tags()
            .update(MODEL_ID)
            .body(tags_update())),
    ]
}

fn other_cases() -> Vec<Case> {
    vec![
        case!("recommendModels", 200, |c| c
            .recommendations()
            .models()
            .limit(5)
            .privacy(PrivacyFilter::Public)
            .original_assets(false)),
        case!("searchAssets", 200, |c| c.search().assets().query(PROMPT)),
        case!("searchModels", 200, |c| c.search().models().body(
            SearchRequest {
                query: Some(PROMPT.into()),
                public: Some(true),
                ..Default::default()
            }
        )),
        case!("listTags", 200, |c| c.tags().list().page_size(10)),
        case!("createUpload", 200, |c| c
            .uploads()
            .create()
            .file_name("castle.png")
            .content_type("image/png")
            .file_size(1024)),
        case!("getUpload", 200, |c| c.uploads().retrieve(UPLOAD_ID)),
        case!("uploadAction", 200, |c| c
            .uploads()
            .action(UPLOAD_ID)
            .action(UploadActionRequestAction::Complete)),
        case!("getUsages", 200, |c| c
            .usages()
            .retrieve()
            .activity_offset(0)),
        case!("listPrices", 200, |c| c.prices().list()),
        case!("listWorkflows", 200, |c| c.workflows().list().page_size(10)),
        case!("createWorkflow", 200, |c| c
            .workflows()
            .create()
            .name("Castles")
            .description("Draws castles.")),
        case!("getWorkflow", 200, |c| c.workflows().retrieve(WORKFLOW_ID)),
        case!("updateWorkflow", 200, |c| c.workflows().update(WORKFLOW_ID)),
        case!("deleteWorkflow", 200, |c| c.workflows().delete(WORKFLOW_ID)),
        case!("runWorkflow", 200, |c| c.workflows().run(WORKFLOW_ID)),
    ]
}

/// A prompt request in the mode whose conditional requirement (`image`) the schema states.
fn prompt_request() -> GeneratePromptRequest {
    let mut request = GeneratePromptRequest::new(GeneratePromptMode::ImageEditingPrompt);
    request.image = Some(ASSET_ID.to_string());
    request.prompt = Some(PROMPT.to_string());
    request.num_results = Some(3);
    request.temperature = Some(0.7);
    request
}

fn model_inputs() -> std::collections::BTreeMap<String, serde_json::Value> {
    [
        ("prompt", serde_json::json!("a red fox")),
        ("numSamples", serde_json::json!(2)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

fn tags_update() -> TagsUpdateRequest {
    TagsUpdateRequest {
        add: Some(vec!["castle".into()]),
        delete: Some(vec!["draft".into()]),
        strict: Some(false),
    }
}

fn training_image() -> TrainingImageRequest {
    TrainingImageRequest {
        asset_id: Some(ASSET_ID.into()),
        ..Default::default()
    }
}

fn training_pair() -> TrainingImagePair {
    TrainingImagePair {
        source_id: Some(ASSET_ID.into()),
        target_id: Some(ASSET_ID.into()),
        instruction: Some(PROMPT.into()),
        ..Default::default()
    }
}

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

#[test]
fn redocly_finds_no_problem_in_the_schema() {
    let problems = redocly::lint(&schema());
    let listing: Vec<String> = problems.iter().map(ToString::to_string).collect();
    println!(
        "redocly lint: {} problems\n{}",
        problems.len(),
        listing.join("\n")
    );
    assert!(
        problems.is_empty(),
        "Redocly CLI finds {} problems in schema/scenario.yaml. Fix each, or excuse it with its reason: \
         a rule in tests/contract/redocly.yaml, one place in tests/contract/.redocly.lint-ignore.yaml.\n{}",
        problems.len(),
        listing.join("\n")
    );
}

/// Each documented success status of each operation in the schema has exactly one case.
#[test]
fn every_operation_and_success_status_has_a_case() {
    let doc = xtask::load::load(&schema()).expect("the schema loads");
    let target = xtask::Target::scenario(&tests::root()).expect("the target reads");
    let api = xtask::build_ir(&doc, &target)
        .expect("the schema is valid")
        .api;
    let documented: BTreeSet<(String, u16)> = api
        .operations()
        .into_iter()
        .flat_map(|op| {
            op.responses
                .iter()
                .map(move |r| (op.name.wire.clone(), r.status))
        })
        .collect();
    let mut covered = BTreeSet::new();
    for case in cases() {
        assert!(
            covered.insert((case.operation.to_string(), case.status)),
            "two cases for {} {}",
            case.operation,
            case.status
        );
    }
    let missing: Vec<_> = documented.difference(&covered).collect();
    let unknown: Vec<_> = covered.difference(&documented).collect();
    assert!(
        missing.is_empty(),
        "operations and statuses without a case in tests/tests/contract.rs: {missing:?}"
    );
    assert!(
        unknown.is_empty(),
        "cases of operations or statuses the schema does not document: {unknown:?}"
    );
}

/// Whether a call failed before any answer came: the connection was refused or cut.
fn is_connection_failure(error: &(dyn std::error::Error + Send + Sync + 'static)) -> bool {
    matches!(
        error.downcast_ref::<scenario_sdk::Error>(),
        Some(scenario_sdk::Error::Connection(_))
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prism_accepts_every_request_and_every_random_response_decodes() {
    let started = Instant::now();
    let prism = Prism::start(&schema());
    let cases = Arc::new(cases());
    let runs: Arc<Vec<(usize, u32)>> = Arc::new(
        (1..=SEEDS)
            .flat_map(|seed| (0..cases.len()).map(move |i| (i, seed)))
            .collect(),
    );
    let next = Arc::new(AtomicUsize::new(0));
    let http = reqwest::Client::new();
    let mut workers = Vec::new();
    for _ in 0..CONCURRENCY {
        let (cases, runs, next, http) = (
            Arc::clone(&cases),
            Arc::clone(&runs),
            Arc::clone(&next),
            http.clone(),
        );
        let base_url = prism.base_url().to_string();
        workers.push(tokio::spawn(async move {
            let mut failures = Vec::new();
            while let Some(&(i, seed)) = runs.get(next.fetch_add(1, Ordering::Relaxed)) {
                let case = &cases[i];
                let client = prism_client(&base_url, &http, seed, case.status);
                let mut outcome = (case.call)(&client).await;
                // Prism, loaded by four clients on a busy machine, now and then resets a
                // connection (seen once in 7,000 calls, on a multipart upload, which the client
                // does not resend by itself). That says nothing of the schema or the client:
                // such a call is made again, once; any other failure counts at once.
                if outcome
                    .as_ref()
                    .is_err_and(|e| is_connection_failure(e.as_ref()))
                {
                    outcome = (case.call)(&client).await;
                }
                if let Err(e) = outcome {
                    failures.push(format!(
                        "{} {} seed {seed}: {e}",
                        case.operation, case.status
                    ));
                }
            }
            failures
        }));
    }
    let mut failures = Vec::new();
    for worker in workers {
        failures.extend(worker.await.expect("a worker does not panic"));
    }
    let complaints = prism.complaints();
    let operations: BTreeSet<_> = cases.iter().map(|c| c.operation).collect();
    println!(
        "contract: {} operations, {} cases x {SEEDS} seeds = {} responses decoded, {} failures, in {:.1} s ({CONCURRENCY} requests at a time, Prism start included)",
        operations.len(),
        cases.len(),
        runs.len() - failures.len(),
        failures.len(),
        started.elapsed().as_secs_f64()
    );
    // Both lists at once: a violation and the decode failure it explains are read side by side.
    assert!(
        complaints.is_empty() && failures.is_empty(),
        "Prism found {} violations of the schema:\n{}\n{} of {} calls failed:\n{}",
        complaints.len(),
        complaints.join("\n"),
        failures.len(),
        runs.len(),
        failures.join("\n")
    );
}

/// Without this, the test above could pass against a Prism that checks nothing.
#[tokio::test]
async fn prism_refuses_requests_that_break_the_schema() {
    let prism = Prism::start(&schema());
    let http = reqwest::Client::new();
    let client = prism_client(prism.base_url(), &http, 1, 200);

    // An enum value the schema does not list, which the client sends as it is.
    let pause = JobActionRequestAction::Unrecognized("pause".to_string());
    let refused = client.jobs().action(JOB_ID).action(pause).await;
    assert_refused(refused, 422);
    // A query parameter of the wrong type.
    let refused = client.jobs().list().extra_query("pageSize", "many").await;
    assert_refused(refused, 422);
    // No credentials, where the schema requires HTTP Basic.
    let anonymous = Client::builder()
        .base_url(prism.base_url())
        .max_retries(0)
        .build()
        .expect("a valid client");
    assert_refused(anonymous.jobs().retrieve(JOB_ID).await, 401);

    let complaints = prism.complaints().join("\n");
    for violation in [
        "request.body.action",
        "request.query.pagesize",
        "Invalid security scheme used",
    ] {
        assert!(
            complaints.contains(violation),
            "Prism logged no violation of {violation}:\n{}",
            prism.log()
        );
    }
}

/// Without this, "every response decodes" could hold for a client that decodes anything: Prism
/// serves a copy of the schema where a job's progress is text, and the client must refuse it.
#[tokio::test]
async fn a_response_outside_the_schema_fails_to_decode() {
    let mut description = xtask::load::load(&schema()).expect("the schema loads").root;
    let progress = description
        .pointer_mut("/components/schemas/Job/properties/progress")
        .expect("Job has a progress");
    *progress = serde_json::json!({ "type": "string", "minLength": 1 });
    let altered = Path::new(env!("CARGO_TARGET_TMPDIR")).join("contract-progress-as-text.json");
    std::fs::write(&altered, serde_json::to_string(&description).expect("JSON"))
        .expect("a writable target folder");
    let prism = Prism::start(&altered);
    let client = prism_client(prism.base_url(), &reqwest::Client::new(), 1, 200);
    match client.jobs().retrieve(JOB_ID).await {
        Err(Error::Decode { path, .. }) => assert_eq!(path, "job.progress"),
        other => panic!("expected a decode error at job.progress, got {other:?}"),
    }
    assert!(prism.complaints().is_empty(), "{}", prism.log());
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// A client of `base_url` that asks Prism for the random response of `seed` with `status`.
/// Retries are off: a retried failure would hide what Prism said first.
fn prism_client(base_url: &str, http: &reqwest::Client, seed: u32, status: u16) -> Client {
    Client::builder()
        .credentials("contract-key", "contract-secret")
        .base_url(base_url)
        .http_client(http.clone())
        .default_header(
            "Prefer",
            format!("dynamic=true, seed={seed}, code={status}"),
        )
        .max_retries(0)
        .timeout(Some(Duration::from_secs(60)))
        .build()
        .expect("a valid client")
}

fn assert_refused<T: std::fmt::Debug>(result: Result<T, Error>, status: u16) {
    match result {
        Err(e @ Error::Api(_)) => assert_eq!(
            e.status(),
            Some(status),
            "refused, but with another status: {e}"
        ),
        other => panic!("expected Prism to refuse the request with {status}, got {other:?}"),
    }
}
