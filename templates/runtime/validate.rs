//! Checks of request values against the API's documented limits, run before a request is sent
//! so that a mistake costs no round trip (and no credits). Responses are never checked: their
//! documented ranges describe inputs, and the API may send more.

use crate::error::Error;

/// A numeric value that can be compared with a documented limit.
pub(crate) trait Number: Copy {
    fn to_f64(self) -> f64;
}

impl Number for i32 {
    fn to_f64(self) -> f64 {
        f64::from(self)
    }
}

impl Number for i64 {
    #[allow(clippy::cast_precision_loss)]
    fn to_f64(self) -> f64 {
        self as f64
    }
}

impl Number for f32 {
    fn to_f64(self) -> f64 {
        f64::from(self)
    }
}

impl Number for f64 {
    fn to_f64(self) -> f64 {
        self
    }
}

/// `path.name`, or `name` at the top.
pub(crate) fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path}.{name}")
    }
}

fn invalid(field: String, message: String) -> Error {
    Error::InvalidRequest { field, message }
}

pub(crate) fn range(
    field: String,
    value: impl Number,
    min: Option<f64>,
    max: Option<f64>,
) -> Result<(), Error> {
    let v = value.to_f64();
    match (min, max) {
        (Some(lo), Some(hi)) if !(lo..=hi).contains(&v) => Err(invalid(
            field,
            format!("must be between {lo} and {hi}, not {v}"),
        )),
        (Some(lo), None) if v < lo => {
            Err(invalid(field, format!("must be at least {lo}, not {v}")))
        }
        (None, Some(hi)) if v > hi => Err(invalid(field, format!("must be at most {hi}, not {v}"))),
        _ if v.is_nan() => Err(invalid(field, "must be a number, not NaN".to_string())),
        _ => Ok(()),
    }
}

/// Bounds on a count: characters of a string or items of an array (`what` says which).
pub(crate) fn count(
    field: String,
    n: usize,
    min: Option<u64>,
    max: Option<u64>,
    what: &str,
) -> Result<(), Error> {
    let n = n as u64;
    if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
        let bounds = match (min, max) {
            (Some(lo), Some(hi)) => format!("between {lo} and {hi}"),
            (Some(lo), None) => format!("at least {lo}"),
            (_, Some(hi)) => format!("at most {hi}"),
            (None, None) => unreachable!("a bound failed"),
        };
        return Err(invalid(
            field,
            format!("must have {bounds} {what}, not {n}"),
        ));
    }
    Ok(())
}

/// A field the API requires in some cases only, found missing in one of them.
pub(crate) fn required_when(field: String, when: &str) -> Error {
    invalid(field, format!("is required when {when}"))
}
