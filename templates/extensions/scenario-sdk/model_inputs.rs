//! Checking a `run_model` body against the model's own description, before credit is spent.
//!
//! POST /generate/custom/{modelId} takes a free-form JSON object: which names, types and values
//! it accepts is said only by the model's record (`GET /models/{modelId}`, its `inputs`). The API
//! finds a misspelt name or a value out of range after the request, or never (a list input
//! silently drops a bare value). [`Model::check_inputs`] reads the record and reports every
//! problem of a body at once; [`ModelInputCheck`] runs that check on every `run_model` call of a
//! client, or [`RunModelBuilder::check_inputs`] on one call, fetching each model's record once per
//! client and keeping it for a while.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::client::{Client, ClientBuilder, Preflight};
use crate::error::Error;
use crate::models::{Model, ModelInput, ModelInputType, SubNodeInputRequired};
use crate::options::{RequestOptions, Sending};
use crate::request::ApiRequest;
use crate::resources::generate::RunModelBuilder;
use crate::resources::models::Models;

/// How long a fetched model record is trusted unless [`ModelInputCheck::cache_for`] says
/// otherwise: models change rarely, and a stale record costs one refused or unchecked call.
pub const DEFAULT_MODEL_CACHE_TTL: Duration = Duration::from_secs(300);

/// What is wrong with one value of a `run_model` body, as [`Model::check_inputs`] reports it.
/// `input` is the input's name, with the index of the item for lists (`loras[2]`) and the
/// container for the inputs of an `inputs_array` (`layers[0].prompt`).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum InputProblem {
    /// The model has no input of this name.
    UnknownInput {
        /// The name as written in the body.
        input: String,
        /// The model's input whose name is closest, when one is close.
        suggestion: Option<String>,
    },
    /// The value has the wrong JSON type.
    WrongType {
        /// The input.
        input: String,
        /// What the model takes, such as `a number` or `a list of strings`.
        expected: &'static str,
        /// What the body holds, such as `a string`.
        found: &'static str,
    },
    /// A single value where the model takes a list (the API would drop it).
    ExpectedList {
        /// The input.
        input: String,
    },
    /// A list where the model takes a single value.
    ExpectedSingle {
        /// The input.
        input: String,
    },
    /// A number below the input's `min` or above its `max`.
    OutOfRange {
        /// The input.
        input: String,
        /// The value given.
        value: f64,
        /// The smallest value allowed, if any.
        min: Option<f64>,
        /// The largest value allowed, if any.
        max: Option<f64>,
    },
    /// A number between the bounds but not on the input's step, counted from its `min` (or 0).
    OffStep {
        /// The input.
        input: String,
        /// The value given.
        value: f64,
        /// The step.
        step: f64,
        /// Where the steps are counted from.
        from: f64,
    },
    /// A value outside the input's `allowedValues`.
    NotAnOption {
        /// The input.
        input: String,
        /// The value given.
        value: Value,
        /// The values the model allows.
        options: Vec<Value>,
    },
    /// A string with too many or too few characters, or a list with too many or too few items.
    BadLength {
        /// The input.
        input: String,
        /// The length given.
        length: usize,
        /// The least allowed, if any.
        min: Option<usize>,
        /// The most allowed, if any.
        max: Option<usize>,
        /// `characters` or `items`.
        unit: &'static str,
    },
    /// An input the model requires is missing.
    Missing {
        /// The input.
        input: String,
        /// The rule that requires it.
        because: Requirement,
    },
    /// A rule of the model's record has a shape this version cannot read, so the body cannot be
    /// fully checked; send the call without the check ([`RunModelBuilder::check_inputs`]`(false)`).
    UnreadableRule {
        /// The input the rule belongs to.
        input: String,
        /// Where the rule sits in the input's record, such as `required.conditionalValues.mode`.
        rule: String,
    },
    /// The model's record lists no inputs, so nothing can be checked.
    NoInputsListed {
        /// The model.
        model: String,
    },
}

/// Why an input is required.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Requirement {
    /// Always (`required.always`).
    Always,
    /// Because `other` is set (`required.ifDefined`).
    IfDefined {
        /// The input whose presence requires this one.
        other: String,
        /// The model's explanation, if it gives one.
        message: Option<String>,
    },
    /// Because `other` is not set (`required.ifNotDefined`).
    IfNotDefined {
        /// The input whose absence requires this one.
        other: String,
        /// The model's explanation, if it gives one.
        message: Option<String>,
    },
    /// Because `other` has one of `values` (`required.conditionalValues` or `required.when`),
    /// or, with `negated`, none of them.
    IfValue {
        /// The input whose value requires this one.
        other: String,
        /// The values that do (or, negated, do not) require it.
        values: Vec<Value>,
        /// Whether the rule triggers when the value is none of `values`.
        negated: bool,
        /// The model's explanation, if it gives one.
        message: Option<String>,
    },
}

impl InputProblem {
    /// The input the problem is about (the model's id for [`InputProblem::NoInputsListed`]).
    pub fn input(&self) -> &str {
        match self {
            InputProblem::UnknownInput { input, .. }
            | InputProblem::WrongType { input, .. }
            | InputProblem::ExpectedList { input }
            | InputProblem::ExpectedSingle { input }
            | InputProblem::OutOfRange { input, .. }
            | InputProblem::OffStep { input, .. }
            | InputProblem::NotAnOption { input, .. }
            | InputProblem::BadLength { input, .. }
            | InputProblem::Missing { input, .. }
            | InputProblem::UnreadableRule { input, .. } => input,
            InputProblem::NoInputsListed { model } => model,
        }
    }
}

impl fmt::Display for InputProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputProblem::UnknownInput { input, suggestion } => {
                write!(f, "`{input}` is not an input of this model")?;
                match suggestion {
                    Some(s) => write!(f, " (did you mean `{s}`?)"),
                    None => Ok(()),
                }
            }
            InputProblem::WrongType {
                input,
                expected,
                found,
            } => write!(f, "`{input}` must be {expected}, not {found}"),
            InputProblem::ExpectedList { input } => write!(
                f,
                "`{input}` takes a list: put a single value in `[...]` (the API would drop it)"
            ),
            InputProblem::ExpectedSingle { input } => {
                write!(f, "`{input}` takes a single value, not a list")
            }
            InputProblem::OutOfRange {
                input,
                value,
                min,
                max,
            } => {
                write!(f, "`{input}` is {value}, ")?;
                match (min, max) {
                    (Some(min), Some(max)) => write!(f, "outside {min} to {max}"),
                    (Some(min), None) => write!(f, "below the least allowed, {min}"),
                    (None, Some(max)) => write!(f, "above the most allowed, {max}"),
                    (None, None) => write!(f, "out of range"),
                }
            }
            InputProblem::OffStep {
                input,
                value,
                step,
                from,
            } => write!(f, "`{input}` is {value}, not a step of {step} from {from}"),
            InputProblem::NotAnOption {
                input,
                value,
                options,
            } => {
                let options: Vec<String> = options.iter().map(Value::to_string).collect();
                write!(f, "`{input}` is {value}, not one of {}", options.join(", "))
            }
            InputProblem::BadLength {
                input,
                length,
                min,
                max,
                unit,
            } => match (min, max) {
                (_, Some(max)) if length > max => {
                    write!(f, "`{input}` has {length} {unit}, more than {max}")
                }
                (Some(min), _) => write!(f, "`{input}` has {length} {unit}, fewer than {min}"),
                _ => write!(f, "`{input}` has {length} {unit}"),
            },
            InputProblem::Missing { input, because } => {
                write!(f, "`{input}` is required")?;
                let message = match because {
                    Requirement::Always => None,
                    Requirement::IfDefined { other, message } => {
                        write!(f, " when `{other}` is set")?;
                        message.as_ref()
                    }
                    Requirement::IfNotDefined { other, message } => {
                        write!(f, " when `{other}` is not set")?;
                        message.as_ref()
                    }
                    Requirement::IfValue {
                        other,
                        values,
                        negated,
                        message,
                    } => {
                        let values: Vec<String> = values.iter().map(Value::to_string).collect();
                        let which = if *negated { "none of" } else { "one of" };
                        write!(f, " when `{other}` is {which} {}", values.join(", "))?;
                        message.as_ref()
                    }
                };
                match message {
                    Some(m) => write!(f, " ({m})"),
                    None => Ok(()),
                }
            }
            InputProblem::UnreadableRule { input, rule } => write!(
                f,
                "the model's rule `{rule}` of `{input}` has a shape this SDK cannot read, so the body \
                 cannot be checked; send it with `check_inputs(false)`"
            ),
            InputProblem::NoInputsListed { model } => write!(
                f,
                "the record of `{model}` lists no inputs, so the body cannot be checked; send it \
                 with `check_inputs(false)`"
            ),
        }
    }
}

impl Model {
    /// Checks a `run_model` body against this model's `inputs`, offline, and returns every
    /// problem found: names the model does not have (with the closest one), wrong JSON types,
    /// a single value for a list input and the reverse, numbers out of range or off the step,
    /// values outside `allowedValues`, strings and lists too long or too short, and inputs the
    /// model requires, always or under a condition (`ifDefined`, `ifNotDefined`,
    /// `conditionalValues`, `when`). A `null` counts as not set.
    ///
    /// ```
    /// # fn main() -> Result<(), serde_json::Error> {
    /// use scenario_sdk::models::Model;
    /// use serde_json::json;
    ///
    /// let model: Model = serde_json::from_value(json!({
    ///     "id": "model_example", "type": "custom", "status": "trained", "privacy": "public",
    ///     "capabilities": [], "createdAt": "2025-01-01T00:00:00Z",
    ///     "updatedAt": "2025-01-01T00:00:00Z",
    ///     "inputs": [
    ///         {"name": "prompt", "type": "string", "required": {"always": true}},
    ///         {"name": "width", "type": "number", "min": 16, "max": 2048, "step": 16},
    ///     ],
    /// }))?;
    /// let body = serde_json::from_value(json!({"promt": "a castle", "width": 1000}))?;
    /// let problems = model.check_inputs(&body).unwrap_err();
    /// assert_eq!(problems.len(), 3); // `promt` unknown, `width` off the step, `prompt` missing
    /// assert_eq!(
    ///     problems[0].to_string(),
    ///     "`promt` is not an input of this model (did you mean `prompt`?)"
    /// );
    /// # Ok(())
    /// # }
    /// ```
    pub fn check_inputs(&self, body: &BTreeMap<String, Value>) -> Result<(), Vec<InputProblem>> {
        let Some(inputs) = &self.inputs else {
            return Err(vec![InputProblem::NoInputsListed {
                model: self.id.clone(),
            }]);
        };
        let mut problems = Vec::new();
        check_object(inputs, body.iter(), "", &mut problems);
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}

/// Checks the fields of one object (the body, or one item of an `inputs_array`) against the
/// inputs that describe it; names in problems start with `prefix`.
fn check_object<'v>(
    inputs: &[ModelInput],
    fields: impl Iterator<Item = (&'v String, &'v Value)> + Clone,
    prefix: &str,
    problems: &mut Vec<InputProblem>,
) {
    for (name, value) in fields.clone() {
        let path = format!("{prefix}{name}");
        match inputs.iter().find(|i| i.name == *name) {
            Some(input) if !value.is_null() => check_value(input, &path, value, problems),
            Some(_) => {}
            None => problems.push(InputProblem::UnknownInput {
                input: path,
                suggestion: closest(name, inputs.iter().map(|i| i.name.as_str())),
            }),
        }
    }
    let given = |name: &str| {
        fields
            .clone()
            .find(|(n, _)| n.as_str() == name)
            .map(|(_, v)| v)
            .filter(|v| !v.is_null())
    };
    for input in inputs {
        if given(&input.name).is_some() {
            continue;
        }
        if let Some(rules) = &input.required {
            let path = format!("{prefix}{}", input.name);
            match requirement(rules, &given) {
                Ok(Some(because)) => problems.push(InputProblem::Missing {
                    input: path,
                    because,
                }),
                Ok(None) => {}
                Err(rule) => problems.push(InputProblem::UnreadableRule { input: path, rule }),
            }
        }
    }
}

/// The JSON shape an input type takes: one value or a list of them, of one kind.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Text,
    Number,
    Boolean,
    Object,
}

impl Kind {
    fn of(value: &Value) -> Option<Kind> {
        match value {
            Value::String(_) => Some(Kind::Text),
            Value::Number(_) => Some(Kind::Number),
            Value::Bool(_) => Some(Kind::Boolean),
            Value::Object(_) => Some(Kind::Object),
            _ => None,
        }
    }

    fn one(self) -> &'static str {
        match self {
            Kind::Text => "a string",
            Kind::Number => "a number",
            Kind::Boolean => "a boolean",
            Kind::Object => "an object",
        }
    }

    fn list(self) -> &'static str {
        match self {
            Kind::Text => "a list of strings",
            Kind::Number => "a list of numbers",
            Kind::Boolean => "a list of booleans",
            Kind::Object => "a list of objects",
        }
    }
}

/// `(kind, is a list)` for a type this version knows; `None` for one it does not, whose values
/// are then taken as they are.
fn shape(ty: &ModelInputType) -> Option<(Kind, bool)> {
    Some(match ty {
        ModelInputType::String | ModelInputType::File | ModelInputType::Model => {
            (Kind::Text, false)
        }
        ModelInputType::Number => (Kind::Number, false),
        ModelInputType::Boolean => (Kind::Boolean, false),
        ModelInputType::FileArray | ModelInputType::ModelArray | ModelInputType::StringArray => {
            (Kind::Text, true)
        }
        ModelInputType::NumberArray => (Kind::Number, true),
        ModelInputType::InputsArray => (Kind::Object, true),
        _ => return None,
    })
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn check_value(input: &ModelInput, path: &str, value: &Value, problems: &mut Vec<InputProblem>) {
    let Some((kind, list)) = shape(&input.r#type) else {
        return;
    };
    let wrong = |expected| InputProblem::WrongType {
        input: path.to_string(),
        expected,
        found: json_type(value),
    };
    match (value, list) {
        (Value::Array(items), true) => {
            check_count(input, path, items.len(), problems);
            for (i, item) in items.iter().enumerate() {
                let path = format!("{path}[{i}]");
                if Kind::of(item) == Some(kind) {
                    check_item(input, &path, item, problems);
                } else {
                    problems.push(InputProblem::WrongType {
                        input: path,
                        expected: kind.one(),
                        found: json_type(item),
                    });
                }
            }
        }
        (Value::Array(_), false) => problems.push(InputProblem::ExpectedSingle {
            input: path.to_string(),
        }),
        (_, true) if Kind::of(value) == Some(kind) => problems.push(InputProblem::ExpectedList {
            input: path.to_string(),
        }),
        (_, true) => problems.push(wrong(kind.list())),
        (_, false) if Kind::of(value) == Some(kind) => check_item(input, path, value, problems),
        (_, false) => problems.push(wrong(kind.one())),
    }
}

/// The item count of a list input. `maxLength` counts the items of a list of files, models or
/// strings: the records use it so (PATINA's `maps` has five options of up to nine characters
/// and `maxLength` 5), although the API's documentation says it bounds each string. `min` and
/// `max` count the items of lists of text or objects, while for lists of numbers they bound
/// each number (FLUX's `lorasScale`, 0 to 2).
fn check_count(input: &ModelInput, path: &str, count: usize, problems: &mut Vec<InputProblem>) {
    let (min, max) = match input.r#type {
        ModelInputType::FileArray | ModelInputType::ModelArray | ModelInputType::StringArray => {
            (input.min, input.max_length.or(input.max))
        }
        ModelInputType::InputsArray => (input.min, input.max),
        _ => (None, None),
    };
    check_length(path, count, min, max, "items", problems);
}

fn check_length(
    path: &str,
    length: usize,
    min: Option<f64>,
    max: Option<f64>,
    unit: &'static str,
    problems: &mut Vec<InputProblem>,
) {
    let (min, max) = (min.map(|m| m.max(0.0) as usize), max.map(|m| m as usize));
    if min.is_some_and(|m| length < m) || max.is_some_and(|m| length > m) {
        problems.push(InputProblem::BadLength {
            input: path.to_string(),
            length,
            min,
            max,
            unit,
        });
    }
}

/// One value of the input's kind (the input itself, or one item of a list).
fn check_item(input: &ModelInput, path: &str, value: &Value, problems: &mut Vec<InputProblem>) {
    match value {
        Value::Number(n) => {
            let n = n.as_f64().unwrap_or(f64::NAN);
            check_number(path, n, (input.min, input.max, input.step), problems);
        }
        Value::String(s) if input.r#type == ModelInputType::String => {
            let length = s.chars().count();
            check_length(
                path,
                length,
                input.min_length,
                input.max_length,
                "characters",
                problems,
            );
        }
        Value::Object(fields) => {
            if let Some(subs) = &input.inputs {
                match subs
                    .iter()
                    .map(|s| {
                        let record = Value::Object(s.clone().into_iter().collect());
                        serde_json::from_value::<ModelInput>(record)
                    })
                    .collect::<Result<Vec<_>, _>>()
                {
                    Ok(subs) => check_object(&subs, fields.iter(), &format!("{path}."), problems),
                    Err(_) => problems.push(InputProblem::UnreadableRule {
                        input: path.to_string(),
                        rule: "inputs".to_string(),
                    }),
                }
            }
        }
        _ => {}
    }
    if let Some(options) = &input.allowed_values {
        if !options.is_empty() && !options.iter().any(|o| same(o, value)) {
            problems.push(InputProblem::NotAnOption {
                input: path.to_string(),
                value: value.clone(),
                options: options.clone(),
            });
        }
    }
}

/// The bounds and step of a number: `(min, max, step)`.
type NumberLimits = (Option<f64>, Option<f64>, Option<f64>);

fn check_number(
    path: &str,
    n: f64,
    (min, max, step): NumberLimits,
    problems: &mut Vec<InputProblem>,
) {
    if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
        problems.push(InputProblem::OutOfRange {
            input: path.to_string(),
            value: n,
            min,
            max,
        });
        return;
    }
    if let Some(step) = step.filter(|s| *s > 0.0) {
        let from = min.unwrap_or(0.0);
        let steps = (n - from) / step;
        // Decimal steps (0.01) are not exact in binary: a value within a millionth of a step
        // of one is on it.
        if (steps - steps.round()).abs() > 1e-6 {
            problems.push(InputProblem::OffStep {
                input: path.to_string(),
                value: n,
                step,
                from,
            });
        }
    }
}

/// JSON equality, with numbers compared by value (`4` is `4.0`).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

/// The first rule of `rules` that requires a missing input, or the place of a rule whose shape
/// cannot be read.
fn requirement<'v>(
    rules: &SubNodeInputRequired,
    given: &impl Fn(&str) -> Option<&'v Value>,
) -> Result<Option<Requirement>, String> {
    if rules.always == Some(true) {
        return Ok(Some(Requirement::Always));
    }
    for (other, rule) in rules.if_defined.iter().flatten() {
        if given(other).is_some() {
            return Ok(Some(Requirement::IfDefined {
                other: other.clone(),
                message: message(rule),
            }));
        }
    }
    for (other, rule) in rules.if_not_defined.iter().flatten() {
        if given(other).is_none() {
            return Ok(Some(Requirement::IfNotDefined {
                other: other.clone(),
                message: message(rule),
            }));
        }
    }
    let by_value = [
        ("conditionalValues", &rules.conditional_values),
        ("when", &rules.when),
    ];
    for (key, map) in by_value {
        for (other, rule) in map.iter().flatten() {
            let Some((values, negated)) = trigger(rule) else {
                return Err(format!("required.{key}.{other}"));
            };
            let Some(value) = given(other) else { continue };
            if triggers(value, &values, negated) {
                return Ok(Some(Requirement::IfValue {
                    other: other.clone(),
                    values,
                    negated,
                    message: message(rule),
                }));
            }
        }
    }
    Ok(None)
}

/// Whether a by-value rule applies to `value`: it is one of `values` (a list, when an item
/// is), or with `negated` none of them.
fn triggers(value: &Value, values: &[Value], negated: bool) -> bool {
    let listed = match value {
        Value::Array(items) => items.iter().any(|i| values.iter().any(|v| same(v, i))),
        _ => values.iter().any(|v| same(v, value)),
    };
    listed != negated
}

/// The explanation a rule carries: `{"message": "..."}` or the text itself.
fn message(rule: &Value) -> Option<String> {
    match rule {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o.get("message").and_then(Value::as_str).map(str::to_string),
        _ => None,
    }
}

/// The values of a by-value rule, and whether it triggers on the others: a list of values or
/// one value, or an object with `values` (or `value`) and an optional `operation` (or `op`)
/// that says equal (`in`, `eq`, `equal`, `equals`, `==`) or not (`notIn`, `ne`, `notEqual`,
/// `!=`). The API's documentation names these parts without showing them, so anything else is
/// reported rather than guessed.
fn trigger(rule: &Value) -> Option<(Vec<Value>, bool)> {
    match rule {
        Value::Array(values) => Some((values.clone(), false)),
        Value::String(_) | Value::Number(_) | Value::Bool(_) => Some((vec![rule.clone()], false)),
        Value::Object(o) => {
            let values = match o.get("values").or_else(|| o.get("value"))? {
                Value::Array(values) => values.clone(),
                Value::Object(_) | Value::Null => return None,
                one => vec![one.clone()],
            };
            let negated = match o.get("operation").or_else(|| o.get("op")) {
                None => false,
                Some(op) => match op.as_str()? {
                    "in" | "eq" | "equal" | "equals" | "==" | "===" => false,
                    "notIn" | "not_in" | "ne" | "notEqual" | "notEquals" | "!=" | "!==" => true,
                    _ => return None,
                },
            };
            Some((values, negated))
        }
        Value::Null => None,
    }
}

/// The name of `names` closest to `wanted` in edits, ignoring case, when it is close enough to
/// be a slip: at most a third of the name's length, and at most 3 edits.
fn closest<'n>(wanted: &str, names: impl Iterator<Item = &'n str>) -> Option<String> {
    let wanted_lower = wanted.to_lowercase();
    let limit = (wanted.chars().count() / 3).clamp(1, 3);
    names
        .map(|n| (edits(&wanted_lower, &n.to_lowercase()), n))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, n)| n.to_string())
}

/// The Levenshtein distance between two strings, in characters.
fn edits(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == *cb {
                diagonal
            } else {
                1 + diagonal.min(above).min(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

/// Checks `run_model` bodies against their model's record before they are sent; see
/// [`ClientBuilder::check_model_inputs`] and [`RunModelBuilder::check_inputs`].
///
/// Each model's record is fetched (`GET /models/{modelId}`) the first time one of its bodies is
/// checked, and kept by the client, shared with its clones, for [`DEFAULT_MODEL_CACHE_TTL`]
/// unless [`cache_for`](Self::cache_for) says otherwise. A body that passes is sent exactly as
/// it would be unchecked; one that does not fails the call with [`Error::InvalidRequest`]
/// (field `body`) listing every problem, and nothing is sent to the generation endpoint.
#[derive(Debug, Clone)]
pub struct ModelInputCheck {
    ttl: Duration,
}

impl Default for ModelInputCheck {
    fn default() -> Self {
        ModelInputCheck {
            ttl: DEFAULT_MODEL_CACHE_TTL,
        }
    }
}

impl ModelInputCheck {
    /// The check, keeping records for [`DEFAULT_MODEL_CACHE_TTL`].
    pub fn new() -> Self {
        Self::default()
    }

    /// How long a fetched model record is used before it is fetched again.
    pub fn cache_for(mut self, ttl: Duration) -> Self {
        self.ttl = ttl;
        self
    }

    /// The model's record: the client's copy while it is fresh, else fetched and kept.
    async fn model(&self, client: &Client, model_id: &str) -> Result<Arc<Model>, Error> {
        let cache = client.state::<ModelCache>();
        if let Some(model) = cache.fresh(model_id, self.ttl) {
            return Ok(model);
        }
        let model = Arc::new(client.models().retrieve(model_id).await?.model);
        cache.keep(model_id, model.clone());
        Ok(model)
    }

    async fn run(
        &self,
        client: &Client,
        request: &ApiRequest,
        model_id: &str,
    ) -> Result<(), Error> {
        let invalid = |message: String| Error::InvalidRequest {
            field: "body".to_string(),
            message,
        };
        let bytes = request.body.as_ref().map_or(&[][..], |b| &b.bytes[..]);
        let body: BTreeMap<String, Value> = serde_json::from_slice(bytes)
            .map_err(|e| invalid(format!("is not a JSON object: {e}")))?;
        let model = self.model(client, model_id).await?;
        model
            .check_inputs(&body)
            .map_err(|problems| refused(model_id, &problems))
    }
}

/// The error of a body that does not fit its model: every problem, in one message.
pub(crate) fn refused(model_id: &str, problems: &[InputProblem]) -> Error {
    let listed: Vec<String> = problems.iter().map(ToString::to_string).collect();
    Error::InvalidRequest {
        field: "body".to_string(),
        message: format!(
            "does not fit model `{model_id}` ({} problem{}): {}",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" },
            listed.join("; ")
        ),
    }
}

/// The problems of a typed input (`crate::inputs`), gathered by the check each one generates
/// from its model's limits and conditions, with the same rules as [`Model::check_inputs`].
#[derive(Debug, Default)]
pub(crate) struct Problems(Vec<InputProblem>);

impl Problems {
    /// A number within `min`..=`max` and on `step` from `min` (or 0).
    pub(crate) fn number(&mut self, input: &str, n: f64, limits: NumberLimits) {
        check_number(input, n, limits, &mut self.0);
    }

    /// Each number of a list, as [`number`](Self::number).
    pub(crate) fn numbers(
        &mut self,
        input: &str,
        items: impl IntoIterator<Item = f64>,
        limits: NumberLimits,
    ) {
        for (i, n) in items.into_iter().enumerate() {
            check_number(&format!("{input}[{i}]"), n, limits, &mut self.0);
        }
    }

    /// A count of characters or items within bounds; `unit` names what is counted.
    pub(crate) fn length(
        &mut self,
        input: &str,
        length: usize,
        (min, max): (Option<u64>, Option<u64>),
        unit: &'static str,
    ) {
        let bound = |b: Option<u64>| b.map(|b| b as f64);
        check_length(input, length, bound(min), bound(max), unit, &mut self.0);
    }

    /// A value (each item of a list) among `options`.
    pub(crate) fn one_of(&mut self, input: &str, value: &impl serde::Serialize, options: &[Value]) {
        let outside = |v: &Value| !options.iter().any(|o| same(o, v));
        match serde_json::to_value(value) {
            Ok(Value::Array(items)) => {
                for (i, item) in items.into_iter().enumerate() {
                    if outside(&item) {
                        self.not_an_option(format!("{input}[{i}]"), item, options);
                    }
                }
            }
            Ok(value) if outside(&value) => self.not_an_option(input.to_string(), value, options),
            _ => {}
        }
    }

    fn not_an_option(&mut self, input: String, value: Value, options: &[Value]) {
        self.0.push(InputProblem::NotAnOption {
            input,
            value,
            options: options.to_vec(),
        });
    }

    /// `input` is missing (`given` is false) although `because` requires it.
    pub(crate) fn required(&mut self, input: &str, given: bool, because: Option<Requirement>) {
        if let (false, Some(because)) = (given, because) {
            self.0.push(InputProblem::Missing {
                input: input.to_string(),
                because,
            });
        }
    }

    /// What requires an input when `other`, whose value is `value` (`None`: not set), is one of
    /// `values` (or, `negated`, none of them); a list is one of them when an item is.
    // Only the inputs of records with `conditionalValues` or `when` rules call it.
    #[allow(dead_code)]
    pub(crate) fn by_value(
        other: &str,
        value: Option<&impl serde::Serialize>,
        values: &[Value],
        negated: bool,
        message: Option<&str>,
    ) -> Option<Requirement> {
        let value = serde_json::to_value(value?).ok()?;
        triggers(&value, values, negated).then(|| Requirement::IfValue {
            other: other.to_string(),
            values: values.to_vec(),
            negated,
            message: message.map(str::to_string),
        })
    }

    /// Every problem found, or none.
    pub(crate) fn finish(self) -> Result<(), Vec<InputProblem>> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0)
        }
    }
}

impl Preflight for ModelInputCheck {
    fn check<'a>(&'a self, client: &'a Client, request: &'a ApiRequest) -> Option<Sending<'a, ()>> {
        match request.path() {
            [generate, custom, model_id]
                if request.method == reqwest::Method::POST
                    && generate == "generate"
                    && custom == "custom" =>
            {
                Some(Box::pin(self.run(client, request, model_id)))
            }
            _ => None,
        }
    }
}

/// The model records a client has fetched for checks, with when each was fetched.
#[derive(Default)]
struct ModelCache(Mutex<HashMap<String, (Instant, Arc<Model>)>>);

impl ModelCache {
    fn fresh(&self, model_id: &str, ttl: Duration) -> Option<Arc<Model>> {
        let models = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        models
            .get(model_id)
            .filter(|(fetched, _)| fetched.elapsed() < ttl)
            .map(|(_, model)| model.clone())
    }

    fn keep(&self, model_id: &str, model: Arc<Model>) {
        let mut models = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        models.insert(model_id.to_string(), (Instant::now(), model));
    }
}

impl ClientBuilder {
    /// Checks the body of every [`run_model`](crate::resources::generate::Generate::run_model)
    /// call against the model's own record before sending it (see [`ModelInputCheck`]); a call
    /// can opt out with [`RunModelBuilder::check_inputs`]`(false)`. Off by default.
    pub fn check_model_inputs(self, check: ModelInputCheck) -> Self {
        self.preflight(Arc::new(check))
    }
}

impl RunModelBuilder<'_> {
    /// Whether this call checks its body against the model's record before sending it (see
    /// [`ModelInputCheck`]), whatever the client's setting; with `true` on a client that has no
    /// check of its own, records are kept for [`DEFAULT_MODEL_CACHE_TTL`].
    pub fn check_inputs(mut self, check: bool) -> Self {
        let preflight: Option<Arc<dyn Preflight>> = match check {
            true => Some(Arc::new(ModelInputCheck::new())),
            false => None,
        };
        self.options_mut().preflight = Some(preflight);
        self
    }
}

impl Models<'_> {
    /// The record of a model (`GET /models/{modelId}`) as the API wrote it, with any field this
    /// version of the SDK does not know: for tools that keep records, such as the project's
    /// `cargo xtask models refresh`. [`Models::retrieve`] gives it typed.
    pub async fn retrieve_record(&self, model_id: impl Into<String>) -> Result<Value, Error> {
        let path = vec!["models".to_string(), model_id.into()];
        let request = ApiRequest::new(reqwest::Method::GET, path);
        let response = self
            .client()
            .execute(request, &RequestOptions::default())
            .await?;
        response.json()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn shown(problems: Problems) -> Vec<String> {
        match problems.finish() {
            Ok(()) => Vec::new(),
            Err(found) => found.iter().map(ToString::to_string).collect(),
        }
    }

    /// The rules no committed record uses yet, as the typed inputs of a record that did would
    /// call them.
    #[test]
    fn by_value_rules_apply_to_a_value_or_an_item_of_a_list_and_negate() {
        let fast = [json!("fast")];
        let mut problems = Problems::default();
        let by = |value: Option<&Value>, negated| {
            Problems::by_value("mode", value, &fast, negated, Some("why"))
        };
        problems.required("a", false, by(Some(&json!("fast")), false));
        problems.required("b", false, by(Some(&json!(["slow", "fast"])), false));
        problems.required("c", false, by(Some(&json!("slow")), false));
        problems.required("d", false, by(Some(&json!("slow")), true));
        problems.required("e", false, by(None, true));
        problems.required("f", true, by(Some(&json!("fast")), false));
        assert_eq!(
            shown(problems),
            [
                "`a` is required when `mode` is one of \"fast\" (why)",
                "`b` is required when `mode` is one of \"fast\" (why)",
                "`d` is required when `mode` is none of \"fast\" (why)",
            ]
        );
    }

    #[test]
    fn options_and_numbers_are_checked_item_by_item() {
        let mut problems = Problems::default();
        problems.one_of("fps", &24, &[json!(24), json!(30)]);
        problems.one_of("fps", &25, &[json!(24), json!(30)]);
        problems.one_of("maps", &["a", "z"], &[json!("a")]);
        problems.numbers("scale", [0.5, 2.5], (Some(0.0), Some(2.0), Some(0.5)));
        problems.length("prompt", 3, (Some(4), None), "characters");
        assert_eq!(
            shown(problems),
            [
                "`fps` is 25, not one of 24, 30",
                "`maps[1]` is \"z\", not one of \"a\"",
                "`scale[1]` is 2.5, outside 0 to 2",
                "`prompt` has 3 characters, fewer than 4",
            ]
        );
    }
}
