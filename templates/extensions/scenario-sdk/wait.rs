//! Waiting on jobs: every generation runs as a job that is polled until it ends.
//!
//! The official helpers poll every 3 s and give up after 120 s; so do these by default. Unlike
//! them, a poll that fails for a transient reason (a timeout, a 5xx, a rate limit) does not end
//! the wait, a status this version does not know keeps it going, and every outcome but success
//! is an error of its own kind that keeps the last job seen.

use std::fmt;
use std::time::{Duration, Instant};

use futures_util::stream::{self, Stream, StreamExt};

use crate::error::{Error, JobError, JobOutcome};
use crate::models::{Job, JobActionRequest, JobActionRequestAction, JobStatus};
use crate::resources::jobs::Jobs;

/// A callback told of each state of a job.
type ProgressCallback = Box<dyn FnMut(&Job) + Send>;

/// How long and how often to poll a job.
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

    /// The time between two polls, for the other waits of the crate.
    pub(crate) fn poll_interval(&self) -> Duration {
        self.interval
    }

    /// The instant after which a wait that starts at `start` gives up, if it ever does.
    pub(crate) fn deadline_from(&self, start: Instant) -> Option<Instant> {
        self.deadline.map(|d| start + d)
    }

    /// The time between two polls.
    pub fn interval(mut self, interval: Duration) -> Self {
        self.interval = interval;
        self
    }

    /// How long to wait in all before [`JobOutcome::DeadlineExceeded`]; `None` waits for ever.
    pub fn deadline(mut self, deadline: Option<Duration>) -> Self {
        self.deadline = deadline;
        self
    }

    /// Called with the job after every successful poll, the last one included.
    pub fn on_progress(mut self, callback: impl FnMut(&Job) + Send + 'static) -> Self {
        self.on_progress = Some(Box::new(callback));
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

struct Poll<'c> {
    jobs: Jobs<'c>,
    job_id: String,
    interval: Duration,
    deadline: Option<Instant>,
    last: Option<Job>,
    first: bool,
    done: bool,
}

impl Poll<'_> {
    fn give_up(&mut self) -> Error {
        self.done = true;
        Error::Job(Box::new(JobError {
            outcome: JobOutcome::DeadlineExceeded,
            job_id: self.job_id.clone(),
            job: self.last.take(),
        }))
    }

    /// The next state of the job: sleeps (unless this is the first poll), then polls, and polls
    /// again after transient failures, until a job comes back, an error ends the wait, or the
    /// deadline passes.
    async fn next(&mut self) -> Option<Result<Job, Error>> {
        if self.done {
            return None;
        }
        loop {
            if !std::mem::take(&mut self.first) {
                if self
                    .deadline
                    .is_some_and(|d| Instant::now() + self.interval > d)
                {
                    return Some(Err(self.give_up()));
                }
                tokio::time::sleep(self.interval).await;
            }
            match self.jobs.retrieve(self.job_id.clone()).await {
                Ok(response) => {
                    let job = response.job;
                    if job.is_finished() {
                        self.done = true;
                    }
                    self.last = Some(job.clone());
                    return Some(Ok(job));
                }
                Err(e) if e.is_retryable() => continue,
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
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
        let mut callback = options.on_progress.take();
        let updates = self.watch(job_id, options);
        futures_util::pin_mut!(updates);
        let mut last = None;
        while let Some(update) = updates.next().await {
            let job = update?;
            if let Some(cb) = callback.as_mut() {
                cb(&job);
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
            interval: options.interval,
            deadline: options.deadline_from(Instant::now()),
            last: None,
            first: true,
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
            .action(
                job_id,
                JobActionRequest::new(JobActionRequestAction::Cancel),
            )
            .await?;
        Ok(response.job)
    }
}
