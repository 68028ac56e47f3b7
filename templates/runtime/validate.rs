//! Checks of request values against the API's documented limits, run before a request is sent
//! so that a mistake costs no round trip (and no credits). Responses are never checked: their
//! documented ranges describe inputs, and the API may send more.

use std::ops::{Bound, RangeBounds};

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

/// A number a check reads, or one left out (`None`), which passes.
pub(crate) trait Checked {
    fn value(self) -> Option<f64>;
}

impl<N: Number> Checked for N {
    fn value(self) -> Option<f64> {
        Some(self.to_f64())
    }
}

impl<N: Number> Checked for Option<N> {
    fn value(self) -> Option<f64> {
        self.map(Number::to_f64)
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

/// Where the values a `validate` checks sit in the request: the path of their struct (`""` at
/// the top), so that a message names the field as the API does (`style.weight`).
#[derive(Clone, Copy)]
pub(crate) struct At<'a>(pub(crate) &'a str);

impl At<'_> {
    /// A number within its documented limits; `None` (a field left out) passes.
    pub(crate) fn range(
        self,
        name: &str,
        value: impl Checked,
        limits: impl RangeBounds<f64>,
    ) -> Result<(), Error> {
        let Some(v) = value.value() else {
            return Ok(());
        };
        if v.is_nan() {
            return Err(invalid(
                join(self.0, name),
                "must be a number, not NaN".into(),
            ));
        }
        match bounds(&limits) {
            Some(bounds) if !limits.contains(&v) => Err(invalid(
                join(self.0, name),
                format!("must be {bounds}, not {v}"),
            )),
            _ => Ok(()),
        }
    }

    /// A text of a documented length, in characters.
    pub(crate) fn chars<'s>(
        self,
        name: &str,
        value: impl Into<Option<&'s str>>,
        limits: impl RangeBounds<u64>,
    ) -> Result<(), Error> {
        let n = value.into().map(|s| s.chars().count());
        self.count(name, n, limits, "characters")
    }

    /// A list of a documented length.
    pub(crate) fn items<'s, T: 's>(
        self,
        name: &str,
        value: impl Into<Option<&'s [T]>>,
        limits: impl RangeBounds<u64>,
    ) -> Result<(), Error> {
        self.count(name, value.into().map(<[T]>::len), limits, "items")
    }

    fn count(
        self,
        name: &str,
        n: Option<usize>,
        limits: impl RangeBounds<u64>,
        what: &str,
    ) -> Result<(), Error> {
        let Some(n) = n.map(|n| n as u64) else {
            return Ok(());
        };
        match bounds(&limits) {
            Some(bounds) if !limits.contains(&n) => Err(invalid(
                join(self.0, name),
                format!("must have {bounds} {what}, not {n}"),
            )),
            _ => Ok(()),
        }
    }
}

/// The limits in words (`between 0 and 2`, `at least 1`), `None` when there are none.
fn bounds<T: std::fmt::Display>(limits: &impl RangeBounds<T>) -> Option<String> {
    use std::ops::Bound::{Excluded, Included, Unbounded};
    let lo = match limits.start_bound() {
        Included(v) => Some(("at least", v)),
        Excluded(v) => Some(("more than", v)),
        Unbounded => None,
    };
    let hi = match limits.end_bound() {
        Included(v) => Some(("at most", v)),
        Excluded(v) => Some(("less than", v)),
        Unbounded => None,
    };
    Some(match (lo, hi) {
        (Some(("at least", lo)), Some(("at most", hi))) => format!("between {lo} and {hi}"),
        (Some((a, lo)), Some((b, hi))) => format!("{a} {lo} and {b} {hi}"),
        (Some((a, v)), None) | (None, Some((a, v))) => format!("{a} {v}"),
        (None, None) => return None,
    })
}

/// Limits whose minimum is itself refused (`exclusiveMinimum`), which Rust's range syntax
/// cannot write: `more_than(0.0, ..)`, `more_than(0.0, ..=1.0)`.
pub(crate) fn more_than(lo: f64, hi: impl RangeBounds<f64>) -> (Bound<f64>, Bound<f64>) {
    (Bound::Excluded(lo), hi.end_bound().cloned())
}

/// A field the API requires in some cases only, found missing in one of them.
pub(crate) fn required_when(field: String, when: &str) -> Error {
    invalid(field, format!("is required when {when}"))
}

#[cfg(test)]
mod tests {
    use std::ops::Bound::{Excluded, Included, Unbounded};

    use super::*;

    fn message(r: Result<(), Error>) -> String {
        match r {
            Err(Error::InvalidRequest { field, message }) => format!("{field} {message}"),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn limits_read_in_words() {
        assert_eq!(bounds(&(0f64..=2f64)).as_deref(), Some("between 0 and 2"));
        assert_eq!(bounds(&(1u64..)).as_deref(), Some("at least 1"));
        assert_eq!(bounds(&(..=5u64)).as_deref(), Some("at most 5"));
        assert_eq!(bounds(&(..5u64)).as_deref(), Some("less than 5"));
        assert_eq!(
            bounds(&(Excluded(0f64), Unbounded)).as_deref(),
            Some("more than 0")
        );
        assert_eq!(
            bounds(&(Excluded(0f64), Excluded(1f64))).as_deref(),
            Some("more than 0 and less than 1")
        );
        assert_eq!(
            bounds(&(Included(0f64), Excluded(1f64))).as_deref(),
            Some("at least 0 and less than 1")
        );
        assert_eq!(bounds(&(Unbounded::<f64>, Unbounded::<f64>)), None);
    }

    #[test]
    fn exclusive_bounds_refuse_the_bound_itself() {
        let at = At("style");
        let open = more_than(0f64, ..1f64);
        assert_eq!(
            message(at.range("weight", 0f64, open)),
            "style.weight must be more than 0 and less than 1, not 0"
        );
        assert_eq!(
            message(at.range("weight", 1f64, open)),
            "style.weight must be more than 0 and less than 1, not 1"
        );
        assert!(at.range("weight", 0.5f64, open).is_ok());
        assert!(at.range("weight", None::<f64>, open).is_ok());
        assert_eq!(
            message(at.range("weight", f64::NAN, open)),
            "style.weight must be a number, not NaN"
        );
    }

    #[test]
    fn counts_name_what_they_count() {
        let at = At("");
        assert_eq!(
            message(at.chars("prompt", "héllo", 1..=4)),
            "prompt must have between 1 and 4 characters, not 5"
        );
        assert_eq!(
            message(at.items("tags", &[1, 2][..], 3..)),
            "tags must have at least 3 items, not 2"
        );
        assert!(at.chars("prompt", None::<&str>, 1..=4).is_ok());
    }
}
