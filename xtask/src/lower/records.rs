//! Model records into typed inputs: each record's `model.inputs` as [`ModelInputs`], with the
//! wording of each input's documentation (its description, then its limits and default). What
//! validation warned about is left out here (a rule it cannot read) or typed as JSON (an input
//! type it does not know, options of mixed types).

use serde_json::Value;

use crate::ir::{
    InputCondition, InputLimits, InputOptions, InputType, ModelInput, ModelInputs, Name, SetterArg,
};
use crate::load::Document;
use crate::validate::records::{Kind, input_type, options_fit, trigger};

/// The typed inputs of every record, in model id order. The records must have passed
/// [`crate::validate::records::validate`].
pub fn lower(records: &[Document]) -> Vec<ModelInputs> {
    let mut models: Vec<ModelInputs> = records.iter().filter_map(model).collect();
    models.sort_by(|a, b| a.model_id.cmp(&b.model_id));
    models
}

fn model(record: &Document) -> Option<ModelInputs> {
    let model = record.root.get("model")?;
    let text = |key: &str| model.get(key).and_then(Value::as_str).map(str::to_string);
    let model_id = text("id")?;
    let inputs = model.get("inputs")?.as_array()?;
    let names: Vec<&str> = inputs
        .iter()
        .filter_map(|i| i.get("name").and_then(Value::as_str))
        .collect();
    let selects = model
        .pointer("/uiConfig/selects")
        .and_then(Value::as_object);
    Some(ModelInputs {
        name: text("name").unwrap_or_else(|| model_id.clone()),
        doc: text("shortDescription").or_else(|| text("description")),
        file: record.file.to_string_lossy().replace('\\', "/"),
        model_id,
        rust: None,
        module: None,
        inputs: inputs
            .iter()
            .filter_map(|i| {
                let name = i.get("name").and_then(Value::as_str)?;
                let labels = selects.and_then(|s| s.get(name)).and_then(Value::as_object);
                input(i, &names, labels)
            })
            .collect(),
    })
}

/// One input of a record; `labels`, what the record's `uiConfig.selects` shows for its options.
fn input(
    record: &Value,
    names: &[&str],
    labels: Option<&serde_json::Map<String, Value>>,
) -> Option<ModelInput> {
    let name = record.get("name")?.as_str()?;
    let number = |key: &str| record.get(key).and_then(Value::as_f64);
    let count = |key: &str| {
        number(key)
            .filter(|n| *n >= 0.0 && n.fract() == 0.0)
            .map(|n| n as u64)
    };
    let options: Vec<Value> = record
        .get("allowedValues")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let default = record.get("default").filter(|d| !d.is_null()).cloned();
    let shape = record
        .get("type")
        .and_then(Value::as_str)
        .and_then(input_type);
    let (ty, list) = match shape {
        Some((_, list)) if !options_fit_kind(shape, &options) => (InputType::Json, list),
        Some((Kind::Text, list)) if !options.is_empty() => (
            InputType::Options(InputOptions {
                rust: None,
                variants: options
                    .iter()
                    .filter_map(Value::as_str)
                    .map(Name::wire)
                    .collect(),
                labels: options
                    .iter()
                    .filter_map(Value::as_str)
                    .map(|o| {
                        labels
                            .and_then(|l| l.get(o))
                            .and_then(Value::as_str)
                            .filter(|l| !same_words(l, o))
                            .map(str::to_string)
                    })
                    .collect(),
            }),
            list,
        ),
        Some((Kind::Text, list)) => (InputType::Text, list),
        Some((Kind::Number, list)) => {
            // Whole when the record says so: a whole step from a whole minimum, or only whole
            // options, and a whole default. Bounds alone say nothing (a weight from 0 to 1).
            let whole = |n: f64| n.fract() == 0.0;
            let stepped = number("step").is_some_and(|s| s >= 1.0 && whole(s))
                && number("min").is_none_or(whole);
            let listed =
                !options.is_empty() && options.iter().all(|o| o.as_f64().is_some_and(whole));
            let default_whole = default
                .as_ref()
                .is_none_or(|d| d.as_f64().is_some_and(whole));
            let ty = if (stepped || listed) && default_whole {
                InputType::Integer
            } else {
                InputType::Number
            };
            (ty, list)
        }
        Some((Kind::Boolean, list)) => (InputType::Boolean, list),
        Some((Kind::Object, list)) => (InputType::Json, list),
        None => (InputType::Json, false),
    };
    // As the SDK's runtime check reads them: a list of text counts its items (`min`, and
    // `maxLength` or else `max`); a number, or each number of a list, keeps `min`, `max` and
    // `step`; a single string counts its characters.
    let numeric = matches!(ty, InputType::Integer | InputType::Number);
    let texty = matches!(ty, InputType::Text | InputType::Options(_));
    let limits = match (numeric, texty, list) {
        (true, _, _) => InputLimits {
            min: number("min"),
            max: number("max"),
            step: number("step").filter(|s| *s > 0.0),
            ..InputLimits::default()
        },
        (_, true, true) => InputLimits {
            min_length: count("min"),
            max_length: count("maxLength").or_else(|| count("max")),
            ..InputLimits::default()
        },
        (_, true, false) => InputLimits {
            min_length: count("minLength"),
            max_length: count("maxLength"),
            ..InputLimits::default()
        },
        _ => InputLimits::default(),
    };
    let allowed = match ty {
        InputType::Options(_) => Vec::new(),
        _ => options,
    };
    let conditions = conditions(record.get("required"), names);
    let required = record.pointer("/required/always") == Some(&Value::Bool(true));
    let mut doc = record
        .get("description")
        .and_then(Value::as_str)
        .map(|d| d.trim().to_string())
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| format!("The model's `{name}` input."));
    let notes = notes(&ty, list, &limits, &allowed, default.as_ref(), &conditions);
    if !notes.is_empty() {
        doc.push_str("\n\n");
        doc.push_str(&notes.join(" "));
    }
    let into = matches!(ty, InputType::Text | InputType::Json);
    let arg = match (list, into) {
        (true, into) => SetterArg::Items { into },
        (false, true) => SetterArg::Into,
        (false, false) => SetterArg::AsIs,
    };
    Some(ModelInput {
        name: Name::wire(name),
        renamed: false,
        arg,
        doc: Some(doc),
        ty,
        list,
        required,
        default,
        limits,
        allowed,
        conditions,
    })
}

/// Whether a label says no more than the value it shows (`Low Quality` for `low-quality`).
fn same_words(label: &str, value: &str) -> bool {
    let words = |t: &str| -> String {
        t.chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    words(label) == words(value)
}

/// Whether the options (if any) are all of the kind of the input's values.
fn options_fit_kind(shape: Option<(Kind, bool)>, options: &[Value]) -> bool {
    match shape {
        Some((kind, _)) => options_fit(kind, options),
        None => true,
    }
}

/// The rules of `required` other than `always`, in the order the record writes them, leaving
/// out those naming an input the model does not have or whose values cannot be read.
fn conditions(required: Option<&Value>, names: &[&str]) -> Vec<InputCondition> {
    let Some(rules) = required.and_then(Value::as_object) else {
        return Vec::new();
    };
    let message = |rule: &Value| match rule {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o.get("message").and_then(Value::as_str).map(str::to_string),
        _ => None,
    };
    let mut out = Vec::new();
    for (key, rule) in rules {
        for (other, condition) in rule.as_object().into_iter().flatten() {
            if !names.contains(&other.as_str()) {
                continue;
            }
            let other = other.clone();
            let message = message(condition);
            out.push(match key.as_str() {
                "ifDefined" => InputCondition::Defined { other, message },
                "ifNotDefined" => InputCondition::NotDefined { other, message },
                "conditionalValues" | "when" => {
                    let Some((values, negated)) = trigger(condition) else {
                        continue;
                    };
                    InputCondition::Value {
                        other,
                        values,
                        negated,
                        message,
                    }
                }
                _ => continue,
            });
        }
    }
    out
}

/// The sentences that follow an input's description: its limits, options, default and when it
/// is required, in words.
fn notes(
    ty: &InputType,
    list: bool,
    limits: &InputLimits,
    allowed: &[Value],
    default: Option<&Value>,
    conditions: &[InputCondition],
) -> Vec<String> {
    let mut notes = Vec::new();
    if matches!(ty, InputType::Integer | InputType::Number) {
        let each = if list { "each value " } else { "" };
        let mut range = match (limits.min, limits.max) {
            (Some(min), Some(max)) => Some(format!("from {min} to {max}")),
            (Some(min), None) => Some(format!("at least {min}")),
            (None, Some(max)) => Some(format!("at most {max}")),
            (None, None) => None,
        };
        // A step of 1 on a whole number says nothing the type does not.
        if let Some(step) = limits
            .step
            .filter(|s| *s != 1.0 || *ty == InputType::Number)
        {
            range = Some(match range {
                Some(r) => format!("{r}, in steps of {step}"),
                None => format!("in steps of {step} from 0"),
            });
        }
        if let Some(range) = range {
            notes.push(capitalized(&format!("{each}{range}.")));
        }
    }
    let unit = if list { "items" } else { "characters" };
    match (limits.min_length, limits.max_length) {
        (Some(min), Some(max)) => notes.push(format!("{min} to {max} {unit}.")),
        (Some(min), None) => notes.push(format!("At least {min} {unit}.")),
        (None, Some(max)) => notes.push(format!("At most {max} {unit}.")),
        (None, None) => {}
    }
    if !allowed.is_empty() {
        let listed: Vec<String> = allowed.iter().map(|v| format!("`{v}`")).collect();
        notes.push(format!("One of {}.", listed.join(", ")));
    }
    if let Some(default) = default {
        let empty = match default {
            Value::String(s) => s.is_empty(),
            Value::Array(a) => a.is_empty(),
            _ => false,
        };
        if !empty {
            notes.push(format!("The model uses `{default}` when it is not set."));
        }
    }
    for condition in conditions {
        notes.push(match condition {
            InputCondition::Defined { other, .. } => format!("Required when `{other}` is set."),
            InputCondition::NotDefined { other, .. } => {
                format!("Required when `{other}` is not set.")
            }
            InputCondition::Value {
                other,
                values,
                negated,
                ..
            } => {
                let listed: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
                let which = if *negated { "none of" } else { "one of" };
                format!("Required when `{other}` is {which} {}.", listed.join(", "))
            }
        });
    }
    notes
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().collect::<String>() + chars.as_str()
    })
}
