//! Waiting on jobs against a real local server whose job moves through its statuses.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use scenario_sdk::models::JobStatus;
use scenario_sdk::{Client, DEADLINE_MARGIN, Error, JobOutcome, StreamExt, WaitOptions};
use serde_json::{Value, json};
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

fn job(status: &str, progress: f64) -> Value {
    json!({ "job": {
        "jobId": "job_1", "jobType": "custom", "status": status, "progress": progress,
        "metadata": {
            "assetIds": ["asset_1"],
            "error": if status == "failure" { json!("out of memory") } else { Value::Null },
            "hint": if status == "failure" { json!("Try a smaller image.") } else { Value::Null },
        },
        "statusHistory": [], "createdAt": "2026-01-01T00:00:00Z", "updatedAt": "2026-01-01T00:00:00Z"
    }})
}

/// Answers each poll with the next of `steps` (a status code and a job status, or with 200 a
/// body that starts with `<`, sent as HTML), then repeats the last one.
struct Steps {
    steps: Vec<(u16, &'static str)>,
    polls: Arc<AtomicUsize>,
}

impl Respond for Steps {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let n = self.polls.fetch_add(1, Ordering::SeqCst);
        let (code, status) = self.steps[n.min(self.steps.len() - 1)];
        if code == 200 && status.starts_with('<') {
            ResponseTemplate::new(200).set_body_raw(status, "text/html")
        } else if code == 200 {
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
    let options = fast().on_progress(move |j| log.lock().unwrap().push(j.status.clone()));
    // Options are `Clone`; a clone reports to the same callback.
    let job = client.jobs().wait("job_1", options.clone()).await.unwrap();
    drop(options);
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
            message: Some("out of memory".into()),
            hint: Some("Try a smaller image.".into()),
        }
    );
    assert_eq!(e.job.as_ref().unwrap().status, JobStatus::Failure);
    assert_eq!(
        err.to_string(),
        "job job_1 failed: out of memory (hint: Try a smaller image.)"
    );
    assert_eq!(
        format!("{err:?}"),
        err.to_string(),
        "Debug is the same line, not a dump of the job"
    );
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

/// Waits on a job whose every poll gets `answer`, with a client whose own timeout and retries
/// would take far longer than the wait; returns the error, the time the wait took and how many
/// polls the server received.
async fn wait_on(
    answer: ResponseTemplate,
    interval: u64,
    deadline: u64,
) -> (Error, Duration, usize) {
    let server = MockServer::start().await;
    Mock::given(path("/jobs/job_1"))
        .respond_with(answer)
        .mount(&server)
        .await;
    let client = Client::builder()
        .credentials("k", "s")
        .base_url(server.uri())
        .timeout(Some(Duration::from_secs(30)))
        .build()
        .unwrap();
    let options = WaitOptions::new()
        .interval(Duration::from_millis(interval))
        .deadline(Some(Duration::from_millis(deadline)));
    let started = Instant::now();
    let err = client.jobs().wait("job_1", options).await.unwrap_err();
    let took = started.elapsed();
    (err, took, server.received_requests().await.unwrap().len())
}

#[tokio::test]
async fn a_poll_that_hangs_ends_the_wait_by_the_deadline_plus_the_margin() {
    let hangs = ResponseTemplate::new(200)
        .set_body_json(job("in-progress", 0.1))
        .set_delay(Duration::from_secs(8));
    let (err, took, _) = wait_on(hangs, 100, 2000).await;
    assert!(
        took >= Duration::from_secs(2) && took < Duration::from_secs(2) + DEADLINE_MARGIN + SLACK,
        "returned after {took:?}"
    );
    assert!(
        matches!(&err, Error::Job(e) if e.outcome == JobOutcome::DeadlineExceeded),
        "{err:?}"
    );
}

/// Scheduling noise allowed on top of the margin.
const SLACK: Duration = Duration::from_millis(500);

#[tokio::test]
async fn the_last_poll_is_made_at_the_deadline() {
    // Polls at 0, 0.4 and 0.8 s see the job running; the interval would put the next at 1.2 s,
    // past the deadline: it is made at 1 s instead, and sees the job done.
    let (_server, client, polls) = serve(vec![
        (200, "in-progress"),
        (200, "in-progress"),
        (200, "in-progress"),
        (200, "success"),
    ])
    .await;
    let options = WaitOptions::new()
        .interval(Duration::from_millis(400))
        .deadline(Some(Duration::from_secs(1)));
    let started = Instant::now();
    let job = client.jobs().wait("job_1", options).await.unwrap();
    assert_eq!(job.status, JobStatus::Success);
    assert_eq!(polls.load(Ordering::SeqCst), 4);
    let took = started.elapsed();
    assert!(
        took >= Duration::from_secs(1) && took < Duration::from_secs(1) + SLACK,
        "the last poll was made after {took:?}"
    );
}

/// Answers the first poll 429 with `Retry-After: 1`, then the job done; records when each
/// poll came.
struct RateLimitedOnce(Arc<Mutex<Vec<Instant>>>);

impl Respond for RateLimitedOnce {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let mut times = self.0.lock().unwrap();
        times.push(Instant::now());
        if times.len() == 1 {
            ResponseTemplate::new(429).insert_header("retry-after", "1")
        } else {
            ResponseTemplate::new(200).set_body_json(job("success", 1.0))
        }
    }
}

#[tokio::test]
async fn retry_after_within_the_deadline_is_waited_for() {
    let server = MockServer::start().await;
    let times = Arc::new(Mutex::new(Vec::new()));
    Mock::given(path("/jobs/job_1"))
        .respond_with(RateLimitedOnce(times.clone()))
        .mount(&server)
        .await;
    let client = Client::builder()
        .credentials("k", "s")
        .base_url(server.uri())
        .max_retries(0)
        .build()
        .unwrap();
    let job = client.jobs().wait("job_1", fast()).await.unwrap();
    assert_eq!(job.status, JobStatus::Success);
    let times = times.lock().unwrap();
    assert_eq!(times.len(), 2);
    let gap = times[1] - times[0];
    assert!(
        gap >= Duration::from_secs(1),
        "polled again {gap:?} after the API asked for 1 s"
    );
}

#[tokio::test]
async fn retry_after_past_the_deadline_ends_the_wait_at_once_with_the_answer_as_source() {
    let rate_limited = ResponseTemplate::new(429)
        .insert_header("retry-after", "30")
        .set_body_json(json!({ "message": "Too many requests" }));
    let (err, took, polls) = wait_on(rate_limited, 20, 3000).await;
    assert!(
        took < Duration::from_secs(1),
        "gave up after {took:?}, not at once"
    );
    assert_eq!(polls, 1);
    assert_eq!(
        err.to_string(),
        "job job_1 had not ended by the deadline; the last poll failed: the API answered HTTP 429 Too Many Requests: Too many requests"
    );
    let source = std::error::Error::source(&err).expect("the last poll's error");
    assert!(source.to_string().starts_with("the API answered HTTP 429"));
}

#[tokio::test]
async fn a_page_that_is_not_json_and_a_5xx_keep_polling() {
    let (_server, client, polls) = serve(vec![
        (200, "in-progress"),
        (200, "<html>Down for maintenance</html>"),
        (502, ""),
        (200, "success"),
    ])
    .await;
    let job = client.jobs().wait("job_1", fast()).await.unwrap();
    assert_eq!(job.status, JobStatus::Success);
    assert_eq!(polls.load(Ordering::SeqCst), 4);
}
