//! Waiting on jobs against a real local server whose job moves through its statuses.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use scenario_sdk::models::JobStatus;
use scenario_sdk::{Client, Error, JobOutcome, StreamExt, WaitOptions};
use serde_json::{Value, json};
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

fn job(status: &str, progress: f64) -> Value {
    json!({ "job": {
        "jobId": "job_1", "jobType": "custom", "status": status, "progress": progress,
        "metadata": { "assetIds": ["asset_1"], "error": if status == "failure" { json!("out of memory") } else { Value::Null } },
        "statusHistory": [], "createdAt": "2026-01-01T00:00:00Z", "updatedAt": "2026-01-01T00:00:00Z"
    }})
}

/// Answers each poll with the next of `steps` (a status code and a job status), then repeats
/// the last one.
struct Steps {
    steps: Vec<(u16, &'static str)>,
    polls: Arc<AtomicUsize>,
}

impl Respond for Steps {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let n = self.polls.fetch_add(1, Ordering::SeqCst);
        let (code, status) = self.steps[n.min(self.steps.len() - 1)];
        if code == 200 {
            ResponseTemplate::new(200).set_body_json(job(status, n as f64 / 10.0))
        } else {
            ResponseTemplate::new(code).set_body_string("try later")
        }
    }
}

async fn serve(steps: Vec<(u16, &'static str)>) -> (MockServer, Client, Arc<AtomicUsize>) {
    let server = MockServer::start().await;
    let polls = Arc::new(AtomicUsize::new(0));
    Mock::given(method("GET"))
        .and(path("/jobs/job_1"))
        .respond_with(Steps {
            steps,
            polls: polls.clone(),
        })
        .mount(&server)
        .await;
    let client = Client::builder()
        .credentials("k", "s")
        .base_url(server.uri())
        .timeout(Some(Duration::from_secs(5)))
        .max_retries(0)
        .build()
        .unwrap();
    (server, client, polls)
}

fn fast() -> WaitOptions {
    WaitOptions::new()
        .interval(Duration::from_millis(20))
        .deadline(Some(Duration::from_secs(5)))
}

#[tokio::test]
async fn a_job_that_succeeds_is_returned_and_progress_is_reported() {
    let (_server, client, polls) = serve(vec![
        (200, "queued"),
        (200, "warming-up"),
        (200, "in-progress"),
        (200, "success"),
    ])
    .await;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let job = client
        .jobs()
        .wait(
            "job_1",
            fast().on_progress(move |j| log.lock().unwrap().push(j.status.clone())),
        )
        .await
        .unwrap();
    assert_eq!(job.status, JobStatus::Success);
    assert_eq!(
        job.metadata.asset_ids.as_deref(),
        Some(&["asset_1".to_string()][..])
    );
    assert_eq!(polls.load(Ordering::SeqCst), 4);
    assert_eq!(
        *seen.lock().unwrap(),
        [
            JobStatus::Queued,
            JobStatus::WarmingUp,
            JobStatus::InProgress,
            JobStatus::Success
        ]
    );
}

#[tokio::test]
async fn a_failed_job_is_an_error_with_its_message_and_the_job() {
    let (_server, client, _) = serve(vec![(200, "in-progress"), (200, "failure")]).await;
    let err = client.jobs().wait("job_1", fast()).await.unwrap_err();
    let Error::Job(e) = &err else {
        panic!("expected a job error, got {err:?}")
    };
    assert_eq!(
        e.outcome,
        JobOutcome::Failed {
            message: Some("out of memory".into())
        }
    );
    assert_eq!(e.job.as_ref().unwrap().status, JobStatus::Failure);
    assert!(err.to_string().contains("out of memory"), "{err}");
}

#[tokio::test]
async fn a_canceled_job_is_its_own_error() {
    let (_server, client, _) = serve(vec![(200, "canceled")]).await;
    let err = client.jobs().wait("job_1", fast()).await.unwrap_err();
    assert!(
        matches!(&err, Error::Job(e) if e.outcome == JobOutcome::Canceled),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_job_that_never_ends_hits_the_deadline_with_the_last_job() {
    let (_server, client, polls) = serve(vec![(200, "in-progress")]).await;
    let options = WaitOptions::new()
        .interval(Duration::from_millis(50))
        .deadline(Some(Duration::from_millis(400)));
    let started = std::time::Instant::now();
    let err = client.jobs().wait("job_1", options).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(3));
    let Error::Job(e) = &err else {
        panic!("expected a job error, got {err:?}")
    };
    assert_eq!(e.outcome, JobOutcome::DeadlineExceeded);
    assert_eq!(e.job.as_ref().unwrap().status, JobStatus::InProgress);
    assert!(polls.load(Ordering::SeqCst) >= 3);
}

#[tokio::test]
async fn unknown_statuses_and_transient_errors_keep_polling() {
    let (_server, client, polls) = serve(vec![
        (200, "teleporting"),
        (503, ""),
        (429, ""),
        (200, "in-progress"),
        (200, "success"),
    ])
    .await;
    let job = client.jobs().wait("job_1", fast()).await.unwrap();
    assert_eq!(job.status, JobStatus::Success);
    assert_eq!(polls.load(Ordering::SeqCst), 5);
}

#[tokio::test]
async fn a_missing_job_ends_the_wait_at_once() {
    let server = MockServer::start().await;
    Mock::given(path("/jobs/job_1"))
        .respond_with(ResponseTemplate::new(404))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .credentials("k", "s")
        .base_url(server.uri())
        .build()
        .unwrap();
    let err = client.jobs().wait("job_1", fast()).await.unwrap_err();
    assert!(err.is_not_found(), "{err:?}");
}

#[tokio::test]
async fn watch_streams_every_state_and_the_job_method_waits_too() {
    let (_server, client, _) = serve(vec![
        (200, "queued"),
        (200, "in-progress"),
        (200, "success"),
    ])
    .await;
    let states: Vec<JobStatus> = client
        .jobs()
        .watch("job_1", fast())
        .map(|j| j.unwrap().status)
        .collect()
        .await;
    assert_eq!(
        states,
        [JobStatus::Queued, JobStatus::InProgress, JobStatus::Success]
    );

    let first = client.jobs().retrieve("job_1").await.unwrap().job;
    assert!(first.is_finished());
    assert_eq!(
        first.wait(&client, fast()).await.unwrap().status,
        JobStatus::Success
    );
}

#[tokio::test]
async fn cancel_posts_the_cancel_action() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/jobs/job_1/action"))
        .and(body_json(json!({ "action": "cancel" })))
        .respond_with(ResponseTemplate::new(200).set_body_json(job("canceled", 0.5)))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .credentials("k", "s")
        .base_url(server.uri())
        .build()
        .unwrap();
    let job = client.jobs().cancel("job_1").await.unwrap();
    assert_eq!(job.status, JobStatus::Canceled);
}
