//! The typed inputs of chosen models: for an API whose generations take a free-form body that
//! each model describes in its own record (the Scenario API's `GET /models/{modelId}`), the
//! inputs of the models whose records the target brings, as plain data.

use serde::Serialize;
use serde_json::Value;

use super::{Name, SetterArg};
use crate::names::Ident;

/// One model: its id and the inputs its typed value has.
#[derive(Debug, Clone, Serialize)]
pub struct ModelInputs {
    /// The model's id, as the generation path takes it (`model_openai-gpt-image-2`).
    pub model_id: String,
    /// The model's display name (`GPT Image 2`): the type is named after it.
    pub name: String,
    /// The record's short description.
    pub doc: Option<String>,
    /// The record's file, as diagnostics and generated docs name it.
    pub file: String,
    /// The input type (`GptImage2`), chosen by the naming pass.
    pub rust: Option<Ident>,
    /// The module of `inputs` the type is written in (`gpt_image_2`), chosen by the naming pass.
    pub module: Option<Ident>,
    pub inputs: Vec<ModelInput>,
}

/// One input of a model.
#[derive(Debug, Clone, Serialize)]
pub struct ModelInput {
    /// The wire name (`numOutputs`) and the field and setter (`num_outputs`).
    pub name: Name,
    /// Its Rust name is not its wire name, so serde renames it (the naming pass).
    pub renamed: bool,
    pub doc: Option<String>,
    pub ty: InputType,
    /// A list of `ty` rather than one value.
    pub list: bool,
    /// What `new` and the setter take, for a value of `ty` (lowering: text and JSON by `Into`,
    /// lists from any iterator).
    pub arg: SetterArg,
    /// Required always: an argument of `new`.
    pub required: bool,
    /// The value the model uses when the input is not sent, as the record gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<Value>,
    #[serde(skip_serializing_if = "InputLimits::is_empty")]
    pub limits: InputLimits,
    /// The values the model allows, for an input whose values are not an enum of their own
    /// (numbers, or values of mixed types): checked against the value given.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub allowed: Vec<Value>,
    /// When the input is required although not always.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<InputCondition>,
}

/// What one value of an input is in Rust.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InputType {
    /// A string: text, an asset id or a model id.
    Text,
    /// A number the record only allows whole (a step of a whole number from a whole minimum).
    Integer,
    Number,
    Boolean,
    /// One of the record's string options: a closed enum.
    Options(InputOptions),
    /// A value of a type the generator does not know, sent as JSON.
    Json,
}

/// A closed enum of the string values an input allows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InputOptions {
    /// The enum's name (`GptImage2Quality`), chosen by the naming pass.
    pub rust: Option<Ident>,
    /// Each allowed value (wire) and its variant (Rust).
    pub variants: Vec<Name>,
    /// What the record's `uiConfig.selects` shows for each value, where it is not the value
    /// itself (`detailed` is shown as `HD`), in the order of `variants`.
    #[serde(skip_serializing_if = "unlabelled")]
    pub labels: Vec<Option<String>>,
}

/// The limits an input's value must keep.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct InputLimits {
    /// Bounds and step of a number (of each item of a list of numbers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step: Option<f64>,
    /// Characters of a string, or items of a list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
}

impl InputLimits {
    pub fn is_empty(&self) -> bool {
        *self == InputLimits::default()
    }
}

/// A rule that makes an input required, naming another input of the same model.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "when", rename_all = "snake_case")]
pub enum InputCondition {
    /// Required when `other` is set.
    Defined {
        other: String,
        message: Option<String>,
    },
    /// Required when `other` is not set.
    NotDefined {
        other: String,
        message: Option<String>,
    },
    /// Required when `other` has one of `values` (or, `negated`, none of them).
    Value {
        other: String,
        values: Vec<Value>,
        negated: bool,
        message: Option<String>,
    },
}

fn unlabelled(labels: &[Option<String>]) -> bool {
    labels.iter().all(Option::is_none)
}
