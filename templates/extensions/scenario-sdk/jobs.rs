//! How waiting on a job ends short of success: the error [`Error::Job`](crate::Error::Job)
//! carries. Scenario's generations run as jobs; an API without jobs has none of this.

use std::fmt;

use crate::error::{Error, one_line};
use crate::models::Job;

/// How a job the client waited on ended, short of success.
#[derive(Debug)]
pub struct JobError {
    /// What happened.
    pub outcome: JobOutcome,
    /// The job's id.
    pub job_id: String,
    /// The last state of the job that the client saw, if it saw one.
    pub job: Option<Job>,
    /// Why the last poll failed, when the deadline passed while polls were failing for a
    /// transient reason (a timeout, a 5xx, an answer that was not JSON).
    pub last_error: Option<Box<Error>>,
}

/// Why waiting on a job did not end in success.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum JobOutcome {
    /// The job failed.
    Failed {
        /// The reason the API gave, if any.
        message: Option<String>,
        /// What the API suggests doing about it, if it said.
        hint: Option<String>,
    },
    /// The job was canceled.
    Canceled,
    /// The job had not ended when the wait's deadline passed; it may still be running.
    DeadlineExceeded,
}

/// One line, as [`Error`]'s: `job job_1 failed: out of credits (hint: top up)`.
impl fmt::Display for JobError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "job {} ", self.job_id)?;
        match &self.outcome {
            JobOutcome::Failed { message, hint } => {
                f.write_str("failed")?;
                if let Some(m) = message {
                    write!(f, ": {}", one_line(m))?;
                }
                if let Some(h) = hint {
                    write!(f, " (hint: {})", one_line(h))?;
                }
                Ok(())
            }
            JobOutcome::Canceled => f.write_str("was canceled"),
            JobOutcome::DeadlineExceeded => {
                f.write_str("had not ended by the deadline")?;
                if let Some(last) = &self.last_error {
                    write!(f, "; the last poll failed: {last}")?;
                }
                Ok(())
            }
        }
    }
}

/// The cause is the last failed poll, when the deadline passed while polls were failing.
impl std::error::Error for JobError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.last_error
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}
