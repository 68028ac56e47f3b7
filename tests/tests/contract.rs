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

use scenario_sdk::models::{
    AssetType, GeneratePromptMode, GeneratePromptRequest, JobActionRequest, JobActionRequestAction, JobStatus, JobType,
    SortField, SortDirection, PrivacyFilter, ModelStatus, Privacy, UpdateModelExamplesRequest,
};
use scenario_sdk::resources::generate::{PromptOutput, RunModelOutput};
use scenario_sdk::{Client, Error};
use tests::contract::prism::Prism;
use tests::contract::redocly;

/// Random responses decoded per case, each from its own seed (1 to `SEEDS`).
const SEEDS: u32 = 50;

/// Requests in flight at once against the one Prism process.
const CONCURRENCY: usize = 4;

const JOB_ID: &str = "job_ocZCnG1Df35XRL1QyCZSRxAG8";
const MODEL_ID: &str = "model_eyVcnFJcR92BxBkz7N6g5w";
const ASSET_ID: &str = "asset_GTrL3mq4SXWyMxkOHRxlpw";
const PROJECT_ID: &str = "proj_8Uh4mLr2QkWc";

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
/// enums, exploded arrays, booleans, numbers.
fn cases() -> Vec<Case> {
    vec![
        case!("generatePrompt", 200, |c| c.generate().prompt(prompt_request()).project_id(PROJECT_ID)),
        case!("generatePrompt", 269, |c| c.generate().prompt(prompt_request()).dry_run(true).send_any() => PromptOutput::DryRun(_)),
        case!("generateCustom", 200, |c| c.generate().run_model(MODEL_ID, model_inputs()).project_id(PROJECT_ID)),
        case!("generateCustom", 269, |c| c.generate().run_model(MODEL_ID, model_inputs()).dry_run(true).send_any() => RunModelOutput::DryRun(_)),
        case!("getJob", 200, |c| c.jobs().retrieve(JOB_ID).project_id(PROJECT_ID)),
        case!("listJobs", 200, |c| c
            .jobs()
            .list()
            .author_id("user_7Hq2")
            .hide_results(false)
            .page_size(20)
            .pagination_token("token_2")
            .types(vec![JobType::Flux, JobType::Caption])
            .status(JobStatus::Success)),
        case!("jobAction", 200, |c| c.jobs().action(JOB_ID, JobActionRequest::new(JobActionRequestAction::Cancel))),
        case!("getModel", 200, |c| c.models().retrieve(MODEL_ID).original_assets(true)),
        case!("listModels", 200, |c| c
            .models()
            .list()
            .privacy(PrivacyFilter::Public)
            .page_size(100)
            .status(ModelStatus::Trained)
            .collection_id("collection_1")
            .loaded_only(false)
            .blacklisted(false)),
        case!("listModelExamples", 200, |c| c.models().examples().list(MODEL_ID).original_assets(false)),
        case!("updateModelExamples", 200, |c| c
            .models()
            .examples()
            .update(MODEL_ID, UpdateModelExamplesRequest::new(vec![ASSET_ID.to_string()]))),
        case!("getAsset", 200, |c| c.assets().retrieve(ASSET_ID).with_embedding(true).original_assets(false)),
        case!("listAssets", 200, |c| c
            .assets()
            .list()
            .page_size(50)
            .sort_by(SortField::CreatedAt)
            .sort_direction(SortDirection::Desc)
            .created_after("2025-01-01T00:00:00Z")
            .privacy(Privacy::Private)
            .types(vec![AssetType::from("inference-txt2img"), AssetType::from("uploaded")])
            .model_id(MODEL_ID)),
    ]
}

/// A prompt request in the mode whose conditional requirement (`image`) the schema states.
fn prompt_request() -> GeneratePromptRequest {
    let mut request = GeneratePromptRequest::new(GeneratePromptMode::ImageEditingPrompt);
    request.image = Some(ASSET_ID.to_string());
    request.prompt = Some("a castle on a floating island".to_string());
    request.num_results = Some(3);
    request.temperature = Some(0.7);
    request
}

fn model_inputs() -> std::collections::BTreeMap<String, serde_json::Value> {
    [("prompt", serde_json::json!("a red fox")), ("numSamples", serde_json::json!(2))]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

#[test]
fn redocly_finds_no_problem_in_the_schema() {
    let problems = redocly::lint(&schema());
    let listing: Vec<String> = problems.iter().map(ToString::to_string).collect();
    println!("redocly lint: {} problems\n{}", problems.len(), listing.join("\n"));
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
    let api = xtask::build_ir(&doc).expect("the schema is valid");
    let documented: BTreeSet<(String, u16)> = api
        .operations()
        .into_iter()
        .flat_map(|op| op.responses.iter().map(move |r| (op.name.wire.clone(), r.status)))
        .collect();
    let mut covered = BTreeSet::new();
    for case in cases() {
        assert!(covered.insert((case.operation.to_string(), case.status)), "two cases for {} {}", case.operation, case.status);
    }
    let missing: Vec<_> = documented.difference(&covered).collect();
    let unknown: Vec<_> = covered.difference(&documented).collect();
    assert!(missing.is_empty(), "operations and statuses without a case in tests/tests/contract.rs: {missing:?}");
    assert!(unknown.is_empty(), "cases of operations or statuses the schema does not document: {unknown:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prism_accepts_every_request_and_every_random_response_decodes() {
    let started = Instant::now();
    let prism = Prism::start(&schema());
    let cases = Arc::new(cases());
    let runs: Arc<Vec<(usize, u32)>> = Arc::new((1..=SEEDS).flat_map(|seed| (0..cases.len()).map(move |i| (i, seed))).collect());
    let next = Arc::new(AtomicUsize::new(0));
    let http = reqwest::Client::new();
    let mut workers = Vec::new();
    for _ in 0..CONCURRENCY {
        let (cases, runs, next, http) = (Arc::clone(&cases), Arc::clone(&runs), Arc::clone(&next), http.clone());
        let base_url = prism.base_url().to_string();
        workers.push(tokio::spawn(async move {
            let mut failures = Vec::new();
            while let Some(&(i, seed)) = runs.get(next.fetch_add(1, Ordering::Relaxed)) {
                let case = &cases[i];
                let client = prism_client(&base_url, &http, seed, case.status);
                if let Err(e) = (case.call)(&client).await {
                    failures.push(format!("{} {} seed {seed}: {e}", case.operation, case.status));
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
        "contract: {} operations, {} cases x {SEEDS} seeds = {} responses decoded, {} failures, in {:.1} s (Prism start included)",
        operations.len(),
        cases.len(),
        runs.len() - failures.len(),
        failures.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(complaints.is_empty(), "Prism found violations of the schema:\n{}", complaints.join("\n"));
    assert!(failures.is_empty(), "{} of {} calls failed:\n{}", failures.len(), runs.len(), failures.join("\n"));
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
    let anonymous = Client::builder().base_url(prism.base_url()).max_retries(0).build().expect("a valid client");
    assert_refused(anonymous.jobs().retrieve(JOB_ID).await, 401);

    let complaints = prism.complaints().join("\n");
    for violation in ["request.body.action", "request.query.pagesize", "Invalid security scheme used"] {
        assert!(complaints.contains(violation), "Prism logged no violation of {violation}:\n{}", prism.log());
    }
}

/// Without this, "every response decodes" could hold for a client that decodes anything: Prism
/// serves a copy of the schema where a job's progress is text, and the client must refuse it.
#[tokio::test]
async fn a_response_outside_the_schema_fails_to_decode() {
    let mut description = xtask::load::load(&schema()).expect("the schema loads").root;
    let progress = description.pointer_mut("/components/schemas/Job/properties/progress").expect("Job has a progress");
    *progress = serde_json::json!({ "type": "string", "minLength": 1 });
    let altered = Path::new(env!("CARGO_TARGET_TMPDIR")).join("contract-progress-as-text.json");
    std::fs::write(&altered, serde_json::to_string(&description).expect("JSON")).expect("a writable target folder");
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
        .default_header("Prefer", format!("dynamic=true, seed={seed}, code={status}"))
        .max_retries(0)
        .timeout(Some(Duration::from_secs(60)))
        .build()
        .expect("a valid client")
}

fn assert_refused<T: std::fmt::Debug>(result: Result<T, Error>, status: u16) {
    match result {
        Err(e @ Error::Api(_)) => assert_eq!(e.status(), Some(status), "refused, but with another status: {e}"),
        other => panic!("expected Prism to refuse the request with {status}, got {other:?}"),
    }
}
