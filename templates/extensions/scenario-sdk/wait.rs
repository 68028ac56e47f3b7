//! Waiting on jobs: every generation runs as a job that is polled until it ends.
//!
//! The official helpers poll every 3 s and give up after 120 s; so do these by default. Unlike
//! them, a poll that fails for a transient reason (a timeout, a 5xx, a rate limit, an answer
//! that is not JSON, such as a proxy's maintenance page) does not end the wait, a status this
//! version does not know keeps it going, and every outcome but success is an error of its own
//! kind that keeps the last job seen.
//!
//! The deadline is kept whatever the server does: every poll is cut off at the deadline plus
//! [`DEADLINE_MARGIN`] (a poll is sent once, without the client's retries: the wait itself
//! polls again), the last poll is made at the deadline rather than one interval before it, and a
//! `Retry-After` is waited for when it ends before the deadline (the wait gives up at once when
//! it would end after).

use std::fmt;
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use futures_util::stream::{self, Stream, StreamExt};

use crate::error::Error;
use crate::jobs::{JobError, JobOutcome};
use crate::models::{Job, JobActionRequestAction, JobStatus};
use crate::resources::jobs::Jobs;

/// A callback told of each state of a job; the clones of one `WaitOptions` share it.
type ProgressCallback = Arc<Mutex<dyn FnMut(&Job) + Send>>;

/// How long and how often to poll a job. A clone shares the progress callback, so the same
/// options can serve several waits.
#[derive(Clone)]
pub struct WaitOptions {
    interval: Duration,
    deadline: Option<Duration>,
    on_progress: Option<ProgressCallback>,
}

impl Default for WaitOptions {
    fn default() -> Self {
        WaitOptions {
            interval: Duration::from_secs(3),
            deadline: Some(Duration::from_secs(120)),
            on_progress: None,
        }
    }
}

impl fmt::Debug for WaitOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WaitOptions")
            .field("interval", &self.interval)
            .field("deadline", &self.deadline)
            .field(
                "on_progress",
                &self.on_progress.as_ref().map(|_| "<callback>"),
            )
            .finish()
    }
}

impl WaitOptions {
    /// The defaults: poll every 3 s, give up after 120 s.
    pub fn new() -> Self {
        Self::default()
    }

    /// The time between two polls.
    pub fn interval(mut self, interval: Duration) -> Self {
        self.interval = interval;
        self
    }

    /// How long to wait in all before [`JobOutcome::DeadlineExceeded`]; `None` waits for ever.
    /// The wait returns at the latest [`DEADLINE_MARGIN`] after it, whatever the server does.
    pub fn deadline(mut self, deadline: Option<Duration>) -> Self {
        self.deadline = deadline;
        self
    }

    /// Called with the job after every successful poll, the last one included.
    pub fn on_progress(mut self, callback: impl FnMut(&Job) + Send + 'static) -> Self {
        self.on_progress = Some(Arc::new(Mutex::new(callback)));
        self
    }
}

/// What a status means for a wait. Spellings outside the documented enum that other clients of
/// the API have met (`failed`, `cancelled`, `error`) are read as the documented ones.
fn outcome(job: &Job) -> Option<Result<(), JobOutcome>> {
    match &job.status {
        JobStatus::Success => Some(Ok(())),
        JobStatus::Failure => Some(Err(failed(job))),
        JobStatus::Canceled => Some(Err(JobOutcome::Canceled)),
        JobStatus::Unrecognized(s) => match s.as_str() {
            "succeeded" | "completed" => Some(Ok(())),
            "failed" | "error" => Some(Err(failed(job))),
            "cancelled" => Some(Err(JobOutcome::Canceled)),
            _ => None,
        },
        _ => None,
    }
}

fn failed(job: &Job) -> JobOutcome {
    JobOutcome::Failed {
        message: job.metadata.error.clone().flatten(),
        hint: job.metadata.hint.clone(),
    }
}

impl Job {
    /// Whether the job has ended, in success or not.
    pub fn is_finished(&self) -> bool {
        outcome(self).is_some()
    }

    /// Polls this job until it ends: see [`Jobs::wait`].
    pub async fn wait(&self, client: &crate::Client, options: WaitOptions) -> Result<Job, Error> {
        client.jobs().wait(self.job_id.clone(), options).await
    }
}

/// How long a wait may run past its deadline: the time the poll made at the deadline has to
/// answer. A wait returns by its deadline plus this margin, whatever the server does.
pub const DEADLINE_MARGIN: Duration = Duration::from_secs(1);

/// Why polling stopped short of an answer.
pub(crate) enum Stop {
    /// The deadline passed; with the last poll's error when polls were failing.
    Deadline(Option<Box<Error>>),
    /// A poll failed in a way that polling again cannot mend.
    Failed(Error),
}

/// The schedule of one wait, shared by jobs and uploads: when to poll, how long a poll may take,
/// and which failures are polled through.
pub(crate) struct Poller {
    interval: Duration,
    deadline: Option<Instant>,
    first: bool,
    /// Whether the last poll started at or after the deadline, so that it was the last one.
    at_deadline: bool,
    /// How long the API asked to wait before the next poll (`Retry-After`).
    asked: Option<Duration>,
    last_error: Option<Error>,
}

impl Poller {
    pub(crate) fn new(options: &WaitOptions) -> Self {
        Poller {
            interval: options.interval,
            deadline: options.deadline.map(|d| Instant::now() + d),
            first: true,
            at_deadline: false,
            asked: None,
            last_error: None,
        }
    }

    /// The next answer of `poll`: sleeps (unless this is the first poll), then polls, and polls
    /// again after transient failures, until an answer comes, a failure ends the wait, or the
    /// deadline passes.
    pub(crate) async fn next<T, F>(&mut self, mut poll: impl FnMut() -> F) -> Result<T, Stop>
    where
        F: Future<Output = Result<T, Error>>,
    {
        loop {
            if !std::mem::take(&mut self.first) && !self.pause().await {
                return Err(Stop::Deadline(self.last_error.take().map(Box::new)));
            }
            let started = Instant::now();
            self.at_deadline = self.deadline.is_some_and(|d| started >= d);
            let answer = match self.deadline {
                Some(d) => tokio::time::timeout_at((d + DEADLINE_MARGIN).into(), poll())
                    .await
                    .ok(),
                None => Some(poll().await),
            };
            match answer {
                // Cut off past the deadline and its margin: the server did not answer in time.
                None => return Err(Stop::Deadline(self.last_error.take().map(Box::new))),
                Some(Ok(value)) => {
                    self.last_error = None;
                    return Ok(value);
                }
                Some(Err(e)) if transient(&e) => {
                    self.asked = e.retry_after();
                    self.last_error = Some(e);
                }
                Some(Err(e)) => return Err(Stop::Failed(e)),
            }
        }
    }

    /// Sleeps until the next poll: one interval (or the longer wait the API asked for), cut
    /// short at the deadline so that the last poll is made there. `false` when the wait should
    /// give up instead: the last poll was made at the deadline, or the API asked to wait past it.
    async fn pause(&mut self) -> bool {
        let asked = self.asked.take();
        let wait = asked.map_or(self.interval, |a| a.max(self.interval));
        let now = Instant::now();
        if let Some(deadline) = self.deadline {
            if self.at_deadline || asked.is_some_and(|a| now + a > deadline) {
                return false;
            }
            if now + wait > deadline {
                tokio::time::sleep_until(deadline.into()).await;
                return true;
            }
        }
        tokio::time::sleep(wait).await;
        true
    }
}

/// Whether a failed poll is worth another: the failures that retrying may mend (timeouts,
/// connection failures, 408, 429, 5xx), and a success status whose body does not decode (a
/// proxy's maintenance page answered 200).
fn transient(error: &Error) -> bool {
    error.is_retryable() || matches!(error, Error::Decode { .. })
}

/// The error of a wait that ran out of time.
pub(crate) fn deadline_exceeded(
    job_id: String,
    job: Option<Job>,
    last_error: Option<Box<Error>>,
) -> Error {
    Error::Job(Box::new(JobError {
        outcome: JobOutcome::DeadlineExceeded,
        job_id,
        job,
        last_error,
    }))
}

struct Poll<'c> {
    jobs: Jobs<'c>,
    job_id: String,
    poller: Poller,
    last: Option<Job>,
    done: bool,
}

impl Poll<'_> {
    /// The next state of the job, or the error that ends the wait.
    async fn next(&mut self) -> Option<Result<Job, Error>> {
        if self.done {
            return None;
        }
        let (jobs, job_id) = (self.jobs, &self.job_id);
        let polled = self
            .poller
            .next(|| jobs.retrieve(job_id.clone()).max_retries(0).send())
            .await;
        match polled {
            Ok(response) => {
                let job = response.job;
                if job.is_finished() {
                    self.done = true;
                }
                self.last = Some(job.clone());
                Some(Ok(job))
            }
            Err(Stop::Deadline(last_error)) => {
                self.done = true;
                Some(Err(deadline_exceeded(
                    self.job_id.clone(),
                    self.last.take(),
                    last_error,
                )))
            }
            Err(Stop::Failed(e)) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

impl<'c> Jobs<'c> {
    /// Polls the job until it ends, and returns it on success.
    ///
    /// A failure, a cancellation and the deadline each give an [`Error::Job`] with its
    /// [`JobOutcome`] and the last job seen; an error that retrying cannot mend (an unknown
    /// job, refused credentials) ends the wait at once.
    pub async fn wait(
        &self,
        job_id: impl Into<String>,
        mut options: WaitOptions,
    ) -> Result<Job, Error> {
        let callback = options.on_progress.take();
        let updates = self.watch(job_id, options);
        futures_util::pin_mut!(updates);
        let mut last = None;
        while let Some(update) = updates.next().await {
            let job = update?;
            if let Some(cb) = &callback {
                (cb.lock().unwrap_or_else(PoisonError::into_inner))(&job);
            }
            last = Some(job);
        }
        let job = last.expect("a watch ends with a finished job or an error");
        match outcome(&job).expect("a watch ends with a finished job") {
            Ok(()) => Ok(job),
            Err(outcome) => Err(Error::Job(Box::new(JobError {
                outcome,
                job_id: job.job_id.clone(),
                job: Some(job),
                last_error: None,
            }))),
        }
    }

    /// Every state of the job, one per poll, until one that has ended (included); the stream
    /// ends with an error when the deadline passes or when polling fails for good. The
    /// progress callback of `options` is not called: the stream is the progress.
    pub fn watch(
        &self,
        job_id: impl Into<String>,
        options: WaitOptions,
    ) -> impl Stream<Item = Result<Job, Error>> + Send + 'c {
        let poll = Poll {
            jobs: *self,
            job_id: job_id.into(),
            poller: Poller::new(&options),
            last: None,
            done: false,
        };
        stream::unfold(poll, |mut poll| async move {
            poll.next().await.map(|item| (item, poll))
        })
    }

    /// Asks the API to cancel the job, and returns the job as the API answered. Only some jobs
    /// (inference jobs) can be canceled; poll the job to see whether it ended as canceled.
    pub async fn cancel(&self, job_id: impl Into<String>) -> Result<Job, Error> {
        let response = self
            .action(job_id)
            .action(JobActionRequestAction::Cancel)
            .await?;
        Ok(response.job)
    }
}
