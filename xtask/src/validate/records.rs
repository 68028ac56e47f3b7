//! Checks the model records a target brings (`{"model": {...}}`, as `GET /models/{modelId}`
//! answers) before typed inputs are lowered from them. What makes a record unusable (no id, no
//! list of inputs, an input without a name or named twice) is an error; what the typed input
//! can only read less exactly (an input type this generator does not know, options of mixed
//! types, a rule naming an input the model does not have or of a shape it cannot read) is a
//! warning, and lowering leaves it out or types it as JSON.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::diagnostics::{Diagnostic, Diagnostics, Severity, child};
use crate::load::Document;

/// What a value of an input type is, as the typed input holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Number,
    Boolean,
    /// The objects of an `inputs_array`, typed as JSON.
    Object,
}

/// The input types this generator reads: each as (one value's kind, a list of them).
pub const INPUT_TYPES: &[(&str, Kind, bool)] = &[
    ("string", Kind::Text, false),
    ("number", Kind::Number, false),
    ("boolean", Kind::Boolean, false),
    ("file", Kind::Text, false),
    ("model", Kind::Text, false),
    ("file_array", Kind::Text, true),
    ("model_array", Kind::Text, true),
    ("string_array", Kind::Text, true),
    ("number_array", Kind::Number, true),
    ("inputs_array", Kind::Object, true),
];

/// The kind and list-ness of the input type `name`, when it is one this generator reads.
pub fn input_type(name: &str) -> Option<(Kind, bool)> {
    INPUT_TYPES
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, kind, list)| (*kind, *list))
}

/// The rules of `required` that name another input, and the one that does not.
pub const NAMING_RULES: &[&str] = &["ifDefined", "ifNotDefined", "conditionalValues", "when"];

/// The values of a by-value rule (`conditionalValues`, `when`) and whether it triggers on the
/// others: a list of values or one value, or an object with `values` (or `value`) and an
/// optional `operation` (or `op`), as the SDK's runtime check reads them.
pub fn trigger(rule: &Value) -> Option<(Vec<Value>, bool)> {
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

/// Whether the options are all of the kind the input's values are (strings for text, numbers
/// for numbers): else the input is typed as JSON.
pub fn options_fit(kind: Kind, options: &[Value]) -> bool {
    options.iter().all(|o| match kind {
        Kind::Text => o.is_string(),
        Kind::Number => o.is_number(),
        Kind::Boolean => o.is_boolean(),
        Kind::Object => o.is_object(),
    })
}

/// The limits of an input that must be numbers when present.
const NUMERIC_LIMITS: &[&str] = &["min", "max", "step", "minLength", "maxLength"];

/// Every problem of the records: `Err` with the errors when one is unusable, else the warnings.
pub fn validate(records: &[Document]) -> Result<Vec<Diagnostic>, Diagnostics> {
    let mut found = Vec::new();
    let mut ids = BTreeSet::new();
    for record in records {
        let mut check = Check {
            record,
            found: &mut found,
        };
        if let Some(id) = check.record() {
            if !ids.insert(id.clone()) {
                check.error("/model/id", format!("another record describes `{id}` too"));
            }
        }
    }
    let (errors, warnings): (Vec<_>, Vec<_>) = found
        .into_iter()
        .partition(|d| d.severity == Severity::Error);
    if errors.is_empty() {
        Ok(warnings)
    } else {
        Diagnostics(errors).into_result().map(|()| Vec::new())
    }
}

struct Check<'a> {
    record: &'a Document,
    found: &'a mut Vec<Diagnostic>,
}

impl Check<'_> {
    fn error(&mut self, pointer: &str, message: String) {
        let d = Diagnostic::new(&self.record.file, pointer, message);
        self.found.push(self.record.source.place(d));
    }

    fn warning(&mut self, pointer: &str, message: String, hint: Option<String>) {
        let mut d = Diagnostic::warning(&self.record.file, pointer, message);
        if let Some(hint) = hint {
            d = d.with_hint(hint);
        }
        self.found.push(self.record.source.place(d));
    }

    /// Checks the whole record; its model's id, when it has one.
    fn record(&mut self) -> Option<String> {
        let root = &self.record.root;
        let Some(model) = root.get("model").filter(|m| m.is_object()) else {
            self.error(
                "",
                "a model record must be an object with a `model` object, as `GET /models/{modelId}` answers".into(),
            );
            return None;
        };
        let id = model.get("id").and_then(Value::as_str).map(str::to_string);
        if id.as_deref().is_none_or(str::is_empty) {
            self.error("/model", "the model has no `id` string".into());
        }
        if model.get("name").is_some_and(|n| !n.is_string()) {
            self.error("/model/name", "the model's `name` must be a string".into());
        }
        let Some(inputs) = model.get("inputs").and_then(Value::as_array) else {
            self.error(
                "/model",
                "the model has no `inputs` list to generate a typed input from".into(),
            );
            return id;
        };
        let names: Vec<Option<&str>> = inputs
            .iter()
            .map(|i| i.get("name").and_then(Value::as_str))
            .collect();
        let mut seen = BTreeSet::new();
        for (i, input) in inputs.iter().enumerate() {
            let at = child("/model/inputs", &i.to_string());
            match names[i] {
                None | Some("") => self.error(&at, "the input has no `name` string".into()),
                Some(name) if !seen.insert(name) => self.error(
                    &child(&at, "name"),
                    format!("a second input named `{name}`"),
                ),
                Some(_) => self.input(&at, input, &names),
            }
        }
        id
    }

    fn input(&mut self, at: &str, input: &Value, names: &[Option<&str>]) {
        let kind = match input.get("type") {
            Some(Value::String(t)) => match input_type(t) {
                Some((Kind::Object, _)) => {
                    self.warning(
                        &child(at, "type"),
                        format!("the items of an `{t}` input are typed as `serde_json::Value`, and their inputs are not checked"),
                        None,
                    );
                    None
                }
                Some((kind, _)) => Some(kind),
                None => {
                    let known: Vec<&str> = INPUT_TYPES.iter().map(|(n, _, _)| *n).collect();
                    self.warning(
                        &child(at, "type"),
                        format!("input type `{t}` is not one this generator knows; the input is typed as `serde_json::Value`"),
                        Some(format!("the types it knows: {}", known.join(", "))),
                    );
                    None
                }
            },
            _ => {
                self.error(at, "the input has no `type` string".into());
                None
            }
        };
        for limit in NUMERIC_LIMITS {
            if input
                .get(limit)
                .is_some_and(|v| !v.is_number() && !v.is_null())
            {
                self.warning(
                    &child(at, limit),
                    format!("`{limit}` is not a number, so it is not checked"),
                    None,
                );
            }
        }
        match input.get("allowedValues") {
            Some(Value::Array(options)) if !options.is_empty() => {
                if let Some(kind) = kind {
                    if !options_fit(kind, options) {
                        self.warning(
                            &child(at, "allowedValues"),
                            "the options are of mixed types; the input is typed as `serde_json::Value` and its options are checked as JSON values".into(),
                            None,
                        );
                    }
                }
            }
            Some(Value::Array(_)) | Some(Value::Null) | None => {}
            Some(_) => self.warning(
                &child(at, "allowedValues"),
                "`allowedValues` is not a list, so it is not checked".into(),
                None,
            ),
        }
        if let Some(required) = input.get("required") {
            self.required(&child(at, "required"), required, names);
        }
    }

    fn required(&mut self, at: &str, required: &Value, names: &[Option<&str>]) {
        let Some(rules) = required.as_object() else {
            self.warning(
                at,
                "`required` is not an object, so it is not checked".into(),
                None,
            );
            return;
        };
        for (key, rule) in rules {
            let here = child(at, key);
            if key == "always" {
                if !rule.is_boolean() {
                    self.warning(
                        &here,
                        "`always` is not a boolean, so it is not checked".into(),
                        None,
                    );
                }
                continue;
            }
            if !NAMING_RULES.contains(&key.as_str()) {
                self.warning(
                    &here,
                    format!(
                        "`{key}` is not a requirement this generator knows, so it is not checked"
                    ),
                    Some(format!(
                        "it knows `always`, {}",
                        NAMING_RULES
                            .iter()
                            .map(|r| format!("`{r}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                );
                continue;
            }
            let Some(others) = rule.as_object() else {
                self.warning(
                    &here,
                    format!("`{key}` is not an object of input names, so it is not checked"),
                    None,
                );
                continue;
            };
            for (other, condition) in others {
                let there = child(&here, other);
                if !names.contains(&Some(other.as_str())) {
                    self.warning(
                        &there,
                        format!("the condition names `{other}`, which is not an input of this model, so it is not checked"),
                        None,
                    );
                } else if matches!(key.as_str(), "conditionalValues" | "when")
                    && trigger(condition).is_none()
                {
                    self.warning(
                        &there,
                        "the condition's values have a shape this generator cannot read, so it is not checked".into(),
                        Some("it reads a list of values, one value, or `{\"values\": [...], \"operation\": \"in\" | \"notIn\"}`".into()),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn check(text: &str) -> Result<Vec<Diagnostic>, Diagnostics> {
        let record = crate::load::parse(Path::new("record.json"), text).expect("JSON");
        let found = validate(std::slice::from_ref(&record));
        // Whatever validation let through lowers without a panic.
        if found.is_ok() {
            crate::lower::records::lower(&[record]);
        }
        found
    }

    fn messages(found: Result<Vec<Diagnostic>, Diagnostics>) -> Vec<String> {
        match found {
            Ok(warnings) => warnings.into_iter().map(|d| d.message).collect(),
            Err(errors) => errors.0.into_iter().map(|d| d.message).collect(),
        }
    }

    #[test]
    fn records_of_the_wrong_shape_are_errors_not_panics() {
        for text in [
            "[]",
            "1",
            r#"{"model": 1}"#,
            r#"{"model": {"id": 5, "inputs": {}}}"#,
            r#"{"model": {"id": "m", "inputs": [1, "x", null, {"name": 3}]}}"#,
        ] {
            assert!(check(text).is_err(), "{text} is refused");
        }
    }

    #[test]
    fn odd_values_are_warnings_and_the_rest_is_read() {
        let found = check(
            r#"{"model": {"id": "m", "inputs": [
                {"name": "a", "type": "number", "min": "1", "step": -2, "maxLength": 1e30,
                 "allowedValues": [1, null]},
                {"name": "b", "type": "string", "allowedValues": "x",
                 "required": [], "default": {"nested": [1]}},
                {"name": "c", "type": "string", "required": {"always": "yes",
                 "ifDefined": [], "when": {"a": null}, "conditionalValues": {"a": {"value": 1, "op": "?"}}}}
            ]}}"#,
        );
        assert_eq!(
            messages(found),
            [
                "`min` is not a number, so it is not checked",
                "the options are of mixed types; the input is typed as `serde_json::Value` and its options are checked as JSON values",
                "`allowedValues` is not a list, so it is not checked",
                "`required` is not an object, so it is not checked",
                "`always` is not a boolean, so it is not checked",
                "`ifDefined` is not an object of input names, so it is not checked",
                "the condition's values have a shape this generator cannot read, so it is not checked",
                "the condition's values have a shape this generator cannot read, so it is not checked",
            ]
        );
    }
}
