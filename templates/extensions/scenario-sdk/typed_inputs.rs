//! Running a model with its typed inputs: `client.generate().run(GptImage2::new("a castle"))`.
//!
//! The types of [`crate::inputs`] are generated from the records of chosen models; each knows
//! its model's id and checks its values against the model's limits and conditions, so that a
//! value the model would refuse costs no request, and a misspelt input cannot be written.

use std::sync::Arc;

use crate::client::{Client, Preflight};
use crate::model_inputs::{InputProblem, refused};
use crate::options::Sending;
use crate::request::ApiRequest;
use crate::resources::generate::{Generate, RunModelBuilder};

/// The inputs of one model as a typed value, for [`Generate::run`]: the types of
/// [`crate::inputs`] implement it.
pub trait TypedInputs: serde::Serialize {
    /// The model's id, as `POST /generate/custom/{modelId}` takes it.
    const MODEL_ID: &'static str;

    /// Every problem of the values against the model's limits (bounds, steps, lengths, options)
    /// and conditional requirements, found offline, as [`Model::check_inputs`] would report
    /// them for the same body.
    ///
    /// [`Model::check_inputs`]: crate::models::Model::check_inputs
    fn check(&self) -> Result<(), Vec<InputProblem>>;
}

impl<'c> Generate<'c> {
    /// Starts a generation with a model's typed inputs (`POST /generate/custom/{modelId}`),
    /// sending them as the JSON object the model takes: inputs not set are not sent.
    ///
    /// The inputs are checked first ([`TypedInputs::check`]): with any problem the call fails
    /// with one [`Error::InvalidRequest`](crate::Error::InvalidRequest) (field `body`) listing
    /// them all, and nothing is sent. The builder is that of
    /// [`run_model`](Generate::run_model), with its `dry_run`, `project_id` and request
    /// options; `check_inputs(true)` adds the check against the model's record fetched from
    /// the API, and `check_inputs(false)` sends the inputs unchecked.
    ///
    /// ```no_run
    /// # async fn run(client: scenario_sdk::Client) -> Result<(), scenario_sdk::Error> {
    /// use scenario_sdk::inputs::{GptImage2, GptImage2Quality};
    ///
    /// let inputs = GptImage2::new("a castle on a floating island").quality(GptImage2Quality::High);
    /// let started = client.generate().run(inputs).await?;
    /// println!("{}", started.job.job_id);
    /// # Ok(())
    /// # }
    /// ```
    pub fn run<I: TypedInputs>(&self, inputs: I) -> RunModelBuilder<'c> {
        let problems = inputs.check().err();
        let mut builder = self.run_model(I::MODEL_ID, &inputs);
        if let Some(problems) = problems {
            let refuse = Refuse {
                model_id: I::MODEL_ID,
                problems,
            };
            builder.options_mut().preflight = Some(Some(Arc::new(refuse)));
        }
        builder
    }
}

/// The preflight of a call whose typed inputs failed their check: it fails the call with the
/// problems before anything is sent.
#[derive(Debug)]
struct Refuse {
    model_id: &'static str,
    problems: Vec<InputProblem>,
}

impl Preflight for Refuse {
    fn check<'a>(&'a self, _: &'a Client, _: &'a ApiRequest) -> Option<Sending<'a, ()>> {
        let error = refused(self.model_id, &self.problems);
        Some(Box::pin(async move { Err(error) }))
    }
}
