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
            .prompt(prompt_request())
            .project_id(PROJECT_ID)),
        case!("generatePrompt", 269, |c| c.generate().prompt(prompt_request()).dry_run(true).send_any() => PromptOutput::DryRun(_)),
        case!("generateCustom", 200, |c| c
            .generate()
            .run_model(MODEL_ID, model_inputs())
            .project_id(PROJECT_ID)),
        case!("generateCustom", 269, |c| c.generate().run_model(MODEL_ID, model_inputs()).dry_run(true).send_any() => RunModelOutput::DryRun(_)),
        case!("generateCaption", 200, |c| c
            .generate()
            .caption(GenerateCaptionBody::new(vec![ASSET_ID.into()]))
            .project_id(PROJECT_ID)),
        case!("generateCaption", 269, |c| c.generate().caption(GenerateCaptionBody::new(vec![ASSET_ID.into()])).dry_run(true).send_any() => CaptionOutput::DryRun(_)),
        case!("generateControlnet", 200, |c| c
            .generate()
            .controlnet(GenerateControlnetBody::new(
                MODEL_ID.into(),
                PROMPT.into(),
                "canny".into()
            ))
            .original_assets(true)),
        case!("generateControlnet", 269, |c| c.generate().controlnet(GenerateControlnetBody::new(MODEL_ID.into(), PROMPT.into(), "canny".into())).dry_run(true).send_any() => ControlnetOutput::DryRun(_)),
        case!("generateControlnetImg2img", 200, |c| c
            .generate()
            .controlnet_img2img(GenerateControlnetImg2imgBody::new(
                MODEL_ID.into(),
                PROMPT.into(),
                "depth".into()
            ))),
        case!("generateControlnetImg2img", 269, |c| c.generate().controlnet_img2img(GenerateControlnetImg2imgBody::new(MODEL_ID.into(), PROMPT.into(), "depth".into())).dry_run(true).send_any() => ControlnetImg2imgOutput::DryRun(_)),
        case!("generateControlnetInpaint", 200, |c| c
            .generate()
            .controlnet_inpaint(GenerateControlnetInpaintBody::new(
                MODEL_ID.into(),
                PROMPT.into(),
                "pose".into()
            ))),
        case!("generateControlnetInpaint", 269, |c| c.generate().controlnet_inpaint(GenerateControlnetInpaintBody::new(MODEL_ID.into(), PROMPT.into(), "pose".into())).dry_run(true).send_any() => ControlnetInpaintOutput::DryRun(_)),
        case!("generateControlnetInpaintIpAdapter", 200, |c| c
            .generate()
            .controlnet_inpaint_ip_adapter(
                GenerateControlnetInpaintIpAdapterBody::new(MODEL_ID.into(), PROMPT.into())
            )),
        case!("generateControlnetInpaintIpAdapter", 269, |c| c.generate().controlnet_inpaint_ip_adapter(GenerateControlnetInpaintIpAdapterBody::new(MODEL_ID.into(), PROMPT.into())).dry_run(true).send_any() => ControlnetInpaintIpAdapterOutput::DryRun(_)),
        case!("generateControlnetIpAdapter", 200, |c| c
            .generate()
            .controlnet_ip_adapter(GenerateControlnetIpAdapterBody::new(
                MODEL_ID.into(),
                PROMPT.into(),
                "scribble".into()
            ))),
        case!("generateControlnetIpAdapter", 269, |c| c.generate().controlnet_ip_adapter(GenerateControlnetIpAdapterBody::new(MODEL_ID.into(), PROMPT.into(), "scribble".into())).dry_run(true).send_any() => ControlnetIpAdapterOutput::DryRun(_)),
        case!("generateControlnetTexture", 200, |c| c
            .generate()
            .controlnet_texture(GenerateControlnetTextureBody::new(
                MODEL_ID.into(),
                PROMPT.into(),
                "normal".into()
            ))),
        case!("generateControlnetTexture", 269, |c| c.generate().controlnet_texture(GenerateControlnetTextureBody::new(MODEL_ID.into(), PROMPT.into(), "normal".into())).dry_run(true).send_any() => ControlnetTextureOutput::DryRun(_)),
        case!("generateDescribeStyle", 200, |c| c
            .generate()
            .describe_style(GenerateDescribeStyleBody::default())),
        case!("generateDescribeStyle", 269, |c| c.generate().describe_style(GenerateDescribeStyleBody::default()).dry_run(true).send_any() => DescribeStyleOutput::DryRun(_)),
        case!("generateDetect", 200, |c| c
            .generate()
            .detect(GenerateDetectBody::new(
                ASSET_ID.into(),
                GenerateDetectBodyModality::LineartAnime
            ))
            .original_assets(false)),
        case!("generateDetect", 269, |c| c.generate().detect(GenerateDetectBody::new(ASSET_ID.into(), GenerateDetectBodyModality::LineartAnime)).dry_run(true).send_any() => DetectOutput::DryRun(_)),
        case!("generateEmbed", 200, |c| c
            .generate()
            .embed(GenerateEmbedBody::new(PROMPT.into()))),
        case!("generateEmbed", 269, |c| c.generate().embed(GenerateEmbedBody::new(PROMPT.into())).dry_run(true).send_any() => EmbedOutput::DryRun(_)),
        case!("generateGenerativeFill", 200, |c| c
            .generate()
            .generative_fill(GenerateGenerativeFillBody::new(
                ASSET_ID.into()
            ))),
        case!("generateGenerativeFill", 269, |c| c.generate().generative_fill(GenerateGenerativeFillBody::new(ASSET_ID.into())).dry_run(true).send_any() => GenerativeFillOutput::DryRun(_)),
        case!("generateImg2img", 200, |c| c.generate().img2img(
            GenerateImg2imgBody::new(MODEL_ID.into(), PROMPT.into())
        )),
        case!("generateImg2img", 269, |c| c.generate().img2img(GenerateImg2imgBody::new(MODEL_ID.into(), PROMPT.into())).dry_run(true).send_any() => Img2imgOutput::DryRun(_)),
        case!("generateImg2imgIpAdapter", 200, |c| c
            .generate()
            .img2img_ip_adapter(GenerateImg2imgIpAdapterBody::new(
                MODEL_ID.into(),
                PROMPT.into()
            ))),
        case!("generateImg2imgIpAdapter", 269, |c| c.generate().img2img_ip_adapter(GenerateImg2imgIpAdapterBody::new(MODEL_ID.into(), PROMPT.into())).dry_run(true).send_any() => Img2imgIpAdapterOutput::DryRun(_)),
        case!("generateImg2imgTexture", 200, |c| c
            .generate()
            .img2img_texture(GenerateImg2imgTextureBody::new(
                MODEL_ID.into(),
                PROMPT.into()
            ))),
        case!("generateImg2imgTexture", 269, |c| c.generate().img2img_texture(GenerateImg2imgTextureBody::new(MODEL_ID.into(), PROMPT.into())).dry_run(true).send_any() => Img2imgTextureOutput::DryRun(_)),
        case!("generateInpaint", 200, |c| c.generate().inpaint(
            GenerateInpaintBody::new(MODEL_ID.into(), PROMPT.into())
        )),
        case!("generateInpaint", 269, |c| c.generate().inpaint(GenerateInpaintBody::new(MODEL_ID.into(), PROMPT.into())).dry_run(true).send_any() => InpaintOutput::DryRun(_)),
        case!("generateInpaintIpAdapter", 200, |c| c
            .generate()
            .inpaint_ip_adapter(GenerateInpaintIpAdapterBody::new(
                MODEL_ID.into(),
                PROMPT.into()
            ))),
        case!("generateInpaintIpAdapter", 269, |c| c.generate().inpaint_ip_adapter(GenerateInpaintIpAdapterBody::new(MODEL_ID.into(), PROMPT.into())).dry_run(true).send_any() => InpaintIpAdapterOutput::DryRun(_)),
        case!("generatePatch", 200, |c| c
            .generate()
            .patch(GeneratePatchBody::new(ASSET_ID.into()))),
        case!("generatePatch", 269, |c| c.generate().patch(GeneratePatchBody::new(ASSET_ID.into())).dry_run(true).send_any() => PatchOutput::DryRun(_)),
        case!("generatePixelate", 200, |c| c.generate().pixelate(
            GeneratePixelateBody::new(ASSET_ID.into(), 32, true)
        )),
        case!("generatePixelate", 269, |c| c.generate().pixelate(GeneratePixelateBody::new(ASSET_ID.into(), 32, true)).dry_run(true).send_any() => PixelateOutput::DryRun(_)),
        case!("generatePromptEditing", 200, |c| c
            .generate()
            .prompt_editing(GeneratePromptEditingBody::new(
                ASSET_ID.into(),
                PROMPT.into()
            ))),
        case!("generatePromptEditing", 269, |c| c.generate().prompt_editing(GeneratePromptEditingBody::new(ASSET_ID.into(), PROMPT.into())).dry_run(true).send_any() => PromptEditingOutput::DryRun(_)),
        case!("generateReframe", 200, |c| c.generate().reframe(
            GenerateReframeBody::new(ASSET_ID.into(), 1536, 1024)
        )),
        case!("generateReframe", 269, |c| c.generate().reframe(GenerateReframeBody::new(ASSET_ID.into(), 1536, 1024)).dry_run(true).send_any() => ReframeOutput::DryRun(_)),
        case!("generateRemoveBackground", 200, |c| c
            .generate()
            .remove_background(GenerateRemoveBackgroundBody::new(
                ASSET_ID.into()
            ))),
        case!("generateRemoveBackground", 269, |c| c.generate().remove_background(GenerateRemoveBackgroundBody::new(ASSET_ID.into())).dry_run(true).send_any() => RemoveBackgroundOutput::DryRun(_)),
        case!("generateRestyle", 200, |c| c.generate().restyle(
            GenerateRestyleBody::new(ASSET_ID.into(), vec![ASSET_ID.into()])
        )),
        case!("generateRestyle", 269, |c| c.generate().restyle(GenerateRestyleBody::new(ASSET_ID.into(), vec![ASSET_ID.into()])).dry_run(true).send_any() => RestyleOutput::DryRun(_)),
        case!("generateSegment", 200, |c| c
            .generate()
            .segment(GenerateSegmentBody::new(ASSET_ID.into()))),
        case!("generateSegment", 269, |c| c.generate().segment(GenerateSegmentBody::new(ASSET_ID.into())).dry_run(true).send_any() => SegmentOutput::DryRun(_)),
        case!("generateSkyboxBase360", 200, |c| c
            .generate()
            .skybox_base_360(GenerateSkyboxBase360Body::new(
                PROMPT.into()
            ))),
        case!("generateSkyboxBase360", 269, |c| c.generate().skybox_base_360(GenerateSkyboxBase360Body::new(PROMPT.into())).dry_run(true).send_any() => SkyboxBase360Output::DryRun(_)),
        case!("generateSkyboxUpscale360", 200, |c| c
            .generate()
            .skybox_upscale_360(GenerateSkyboxUpscale360Body::new(
                ASSET_ID.into()
            ))),
        case!("generateSkyboxUpscale360", 269, |c| c.generate().skybox_upscale_360(GenerateSkyboxUpscale360Body::new(ASSET_ID.into())).dry_run(true).send_any() => SkyboxUpscale360Output::DryRun(_)),
        case!("generateTexture", 200, |c| c
            .generate()
            .texture(GenerateTextureBody::new(ASSET_ID.into()))),
        case!("generateTexture", 269, |c| c.generate().texture(GenerateTextureBody::new(ASSET_ID.into())).dry_run(true).send_any() => TextureOutput::DryRun(_)),
        case!("generateTranslate", 200, |c| c
            .generate()
            .translate(GenerateTranslateBody::new(PROMPT.into()))),
        case!("generateTranslate", 269, |c| c.generate().translate(GenerateTranslateBody::new(PROMPT.into())).dry_run(true).send_any() => TranslateOutput::DryRun(_)),
        case!("generateTxt2img", 200, |c| c.generate().txt2img(
            GenerateTxt2imgBody::new(MODEL_ID.into(), PROMPT.into())
        )),
        case!("generateTxt2img", 269, |c| c.generate().txt2img(GenerateTxt2imgBody::new(MODEL_ID.into(), PROMPT.into())).dry_run(true).send_any() => Txt2imgOutput::DryRun(_)),
        case!("generateTxt2imgIpAdapter", 200, |c| c
            .generate()
            .txt2img_ip_adapter(GenerateTxt2imgIpAdapterBody::new(
                MODEL_ID.into(),
                PROMPT.into()
            ))),
        case!("generateTxt2imgIpAdapter", 269, |c| c.generate().txt2img_ip_adapter(GenerateTxt2imgIpAdapterBody::new(MODEL_ID.into(), PROMPT.into())).dry_run(true).send_any() => Txt2imgIpAdapterOutput::DryRun(_)),
        case!("generateTxt2imgTexture", 200, |c| c
            .generate()
            .txt2img_texture(ImageGenerationSettings::new(
                MODEL_ID.into(),
                PROMPT.into()
            ))),
        case!("generateTxt2imgTexture", 269, |c| c.generate().txt2img_texture(ImageGenerationSettings::new(MODEL_ID.into(), PROMPT.into())).dry_run(true).send_any() => Txt2imgTextureOutput::DryRun(_)),
        case!("generateUpscale", 200, |c| c
            .generate()
            .upscale(GenerateUpscaleBody::new(ASSET_ID.into()))),
        case!("generateUpscale", 269, |c| c.generate().upscale(GenerateUpscaleBody::new(ASSET_ID.into())).dry_run(true).send_any() => UpscaleOutput::DryRun(_)),
        case!("generateVectorize", 200, |c| c
            .generate()
            .vectorize(GenerateVectorizeBody::new(ASSET_ID.into()))),
        case!("generateVectorize", 269, |c| c.generate().vectorize(GenerateVectorizeBody::new(ASSET_ID.into())).dry_run(true).send_any() => VectorizeOutput::DryRun(_)),
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
        case!("jobAction", 200, |c| c.jobs().action(
            JOB_ID,
            JobActionRequest::new(JobActionRequestAction::Cancel)
        )),
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
            .create(CreateAssetRequest::new("castle.png".into()))
            .original_assets(true)),
        case!("deleteAssets", 200, |c| c
            .assets()
            .delete(DeleteAssetsBody::new(vec![ASSET_ID.into()]))),
        case!("getAssetsBulk", 200, |c| c.assets().get_bulk(
            GetAssetsBulkBody {
                asset_ids: Some(vec![ASSET_ID.into()])
            }
        )),
        case!("updateAsset", 200, |c| c
            .assets()
            .update(ASSET_ID, UpdateAssetRequest::default())),
        case!("copyAsset", 200, |c| c.assets().copy(ASSET_ID)),
        case!("lockAsset", 200, |c| c.assets().lock(
            ASSET_ID,
            LockAssetBody::new("2026-01-01T00:00:00Z".into())
        )),
        case!("unlockAsset", 200, |c| c
            .assets()
            .unlock(ASSET_ID, UnlockAssetBody::default())),
        case!("createAssetsDownload", 200, |c| c
            .assets()
            .downloads()
            .create(AssetsDownloadRequest::new(
                AssetsDownloadRequestQuery::new(vec![ASSET_ID.into()], vec![], vec![]),
                AssetsDownloadRequestOptions::new("<seed>-<num>".into()),
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
            .update(ASSET_ID, tags_update())),
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
            .create(CollectionName::new("Castles".into()))),
        case!("getCollection", 200, |c| c
            .collections()
            .retrieve(COLLECTION_ID)),
        case!("updateCollection", 200, |c| c
            .collections()
            .update(COLLECTION_ID, CollectionName::new("Keeps".into()))),
        case!("deleteCollection", 200, |c| c
            .collections()
            .delete(COLLECTION_ID)),
        case!("addAssetsToCollection", 200, |c| c
            .collections()
            .assets()
            .add(
                COLLECTION_ID,
                CollectionAssetsChange::new(vec![ASSET_ID.into()])
            )),
        case!("removeAssetsFromCollection", 200, |c| c
            .collections()
            .assets()
            .remove(
                COLLECTION_ID,
                CollectionAssetsChange::new(vec![ASSET_ID.into()])
            )),
        case!("addModelsToCollection", 200, |c| c
            .collections()
            .models()
            .add(
                COLLECTION_ID,
                CollectionModelsChange::new(vec![MODEL_ID.into()])
            )),
        case!("removeModelsFromCollection", 200, |c| c
            .collections()
            .models()
            .remove(
                COLLECTION_ID,
                CollectionModelsChange::new(vec![MODEL_ID.into()])
            )),
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
        case!("createModel", 200, |c| c
            .models()
            .create(CreateModelRequest::default())),
        case!("getModelsBulk", 200, |c| c.models().get_bulk(
            GetModelsBulkRequest {
                model_ids: Some(vec![MODEL_ID.into()]),
                minimal: Some(true),
                ..Default::default()
            }
        )),
        case!("updateModel", 200, |c| c
            .models()
            .update(MODEL_ID, UpdateModelRequest::default())),
        case!("deleteModel", 200, |c| c.models().delete(MODEL_ID)),
        case!("copyModel", 200, |c| c.models().copy(MODEL_ID)),
        case!("downloadModel", 200, |c| c.models().download(MODEL_ID)),
        case!("trainModel", 200, |c| c.models().train(MODEL_ID)),
        case!("trainModel", 269, |c| c.models().train(MODEL_ID).dry_run(true).send_any() => TrainOutput::DryRun(_)),
        case!("modelTrainingAction", 200, |c| c.models().train_action(
            MODEL_ID,
            ModelTrainingActionBody::new(ModelTrainingActionBodyAction::Cancel)
        )),
        case!("transferModel", 200, |c| c
            .models()
            .transfer(MODEL_ID, TransferModelBody::new(PROJECT_ID.into()))),
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
            .update(
                MODEL_ID,
                UpdateModelDescriptionBody::new("Watercolour castles.".into())
            )),
        case!("listModelExamples", 200, |c| c
            .models()
            .examples()
            .list(MODEL_ID)
            .original_assets(false)),
        case!("updateModelExamples", 200, |c| c
            .models()
            .examples()
            .update(
                MODEL_ID,
                UpdateModelExamplesRequest::new(vec![ASSET_ID.to_string()])
            )),
        case!("deleteModelTrainingImages", 200, |c| c
            .models()
            .training_images()
            .delete_many(MODEL_ID, TRAINING_IMAGE_ID)),
        case!("addModelTrainingImage", 200, |c| c
            .models()
            .training_images()
            .create(MODEL_ID, training_image())),
        case!("replaceModelTrainingImagePairs", 200, |c| c
            .models()
            .training_images()
            .update_pairs(MODEL_ID, vec![training_pair()])),
        case!("replaceModelTrainingImage", 200, |c| c
            .models()
            .training_images()
            .update(MODEL_ID, TRAINING_IMAGE_ID, training_image())),
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
            .create(MODEL_ID, CreateModelPresetBody::new("inf_1".into()))),
        case!("updateModelPreset", 200, |c| c.models().presets().update(
            MODEL_ID,
            PRESET_ID,
            UpdateModelPresetBody::new(true)
        )),
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
            .update(MODEL_ID, tags_update())),
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
        case!("searchAssets", 200, |c| c.search().assets(SearchRequest {
            query: Some(PROMPT.into()),
            ..Default::default()
        })),
        case!("searchModels", 200, |c| c.search().models(SearchRequest {
            query: Some(PROMPT.into()),
            public: Some(true),
            ..Default::default()
        })),
        case!("listTags", 200, |c| c.tags().list().page_size(10)),
        case!("createUpload", 200, |c| c.uploads().create(
            CreateUploadRequest {
                file_name: Some("castle.png".into()),
                content_type: Some("image/png".into()),
                file_size: Some(1024),
                ..Default::default()
            }
        )),
        case!("getUpload", 200, |c| c.uploads().retrieve(UPLOAD_ID)),
        case!("uploadAction", 200, |c| c.uploads().action(
            UPLOAD_ID,
            UploadActionBody::new(UploadActionBodyAction::Complete)
        )),
        case!("getUsages", 200, |c| c
            .usages()
            .retrieve()
            .activity_offset(0)),
        case!("listPrices", 200, |c| c.prices().list()),
        case!("listWorkflows", 200, |c| c.workflows().list().page_size(10)),
        case!("createWorkflow", 200, |c| c.workflows().create(
            CreateWorkflowBody::new("Castles".into(), "Draws castles.".into())
        )),
        case!("getWorkflow", 200, |c| c.workflows().retrieve(WORKFLOW_ID)),
        case!("updateWorkflow", 200, |c| c
            .workflows()
            .update(WORKFLOW_ID, UpdateWorkflowBody::default())),
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
                if let Err(e) = (case.call)(&client).await {
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
    let pause = JobActionRequest::new(JobActionRequestAction::Unrecognized("pause".to_string()));
    let refused = client.jobs().action(JOB_ID, pause).await;
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
