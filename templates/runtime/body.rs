//! A JSON request body under construction, as operation builders keep it: their setters write
//! one field each, `.body(value)` replaces the whole, and the request checks the required
//! fields and the body's type once, before anything is sent.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::Error;

/// The body so far: nothing yet, or a JSON value (an object when built field by field).
#[derive(Debug, Clone, Default)]
pub(crate) struct JsonBody {
    value: Option<Value>,
    /// The field and the problem of the first value that could not be written as JSON; the
    /// request fails with it.
    broken: Option<(String, String)>,
}

impl JsonBody {
    /// A body given whole.
    pub(crate) fn of(whole: impl Serialize) -> Self {
        let mut body = JsonBody::default();
        body.replace(whole);
        body
    }

    /// Sets one field (by its wire name), over whatever the body held for it.
    pub(crate) fn set<T: Serialize>(&mut self, wire: &str, value: T) {
        let Some(value) = self.json(wire, value) else {
            return;
        };
        match self.value.get_or_insert_with(|| Value::Object(Map::new())) {
            Value::Object(fields) => {
                fields.insert(wire.to_string(), value);
            }
            _ => self.break_with(wire, "was set on a body that is not an object".to_string()),
        }
    }

    /// Sets a list field from the items given.
    pub(crate) fn set_items<T: Serialize>(
        &mut self,
        wire: &str,
        items: impl IntoIterator<Item = T>,
    ) {
        self.set(wire, items.into_iter().collect::<Vec<T>>());
    }

    /// Sets a list of texts from anything that converts into `String`.
    #[allow(dead_code)]
    pub(crate) fn set_texts(
        &mut self,
        wire: &str,
        items: impl IntoIterator<Item = impl Into<String>>,
    ) {
        self.set_items(wire, items.into_iter().map(Into::<String>::into));
    }

    /// Replaces the body, fields set before included; setters called afterwards change it.
    pub(crate) fn replace(&mut self, whole: impl Serialize) {
        if let Some(value) = self.json("body", whole) {
            self.value = Some(value);
        }
    }

    /// The value as JSON, or `None` with the problem kept. serde_json writes a number that is
    /// not finite as `null`, which would then read as an absent value: it is refused instead.
    fn json(&mut self, field: &str, value: impl Serialize) -> Option<Value> {
        let written = value
            .serialize(finite::Check)
            .map_err(|e| e.to_string())
            .and_then(|()| serde_json::to_value(value).map_err(|e| e.to_string()));
        match written {
            Ok(value) => Some(value),
            Err(message) => {
                self.break_with(field, message);
                None
            }
        }
    }

    fn break_with(&mut self, field: &str, message: String) {
        self.broken.get_or_insert((field.to_string(), message));
    }

    fn check(&self) -> Result<(), Error> {
        match &self.broken {
            Some((field, message)) => Err(invalid(field, message.clone())),
            None => Ok(()),
        }
    }

    /// The body as given, for bodies of no particular shape; `None` when nothing was given.
    pub(crate) fn value(&self) -> Result<Option<&Value>, Error> {
        self.check()?;
        Ok(self.value.as_ref())
    }

    /// The body as its struct, `{}` and the setters' values, once every required field is
    /// there. `required` lists each required field's wire name and setter; the error names
    /// every one missing.
    pub(crate) fn build<T: DeserializeOwned>(&self, required: &[(&str, &str)]) -> Result<T, Error> {
        self.check()?;
        let value = self
            .value
            .clone()
            .unwrap_or_else(|| Value::Object(Map::new()));
        let missing: Vec<&(&str, &str)> = required
            .iter()
            .filter(|(wire, _)| value.get(wire).is_none())
            .collect();
        if !missing.is_empty() {
            let fields: Vec<&str> = missing.iter().map(|(wire, _)| *wire).collect();
            let setters: Vec<String> = missing
                .iter()
                .map(|(_, setter)| format!("`.{setter}(…)`"))
                .collect();
            let verb = if missing.len() == 1 { "is" } else { "are" };
            return Err(invalid(
                &fields.join(", "),
                format!(
                    "{verb} required: call {} (or give a whole body with `.body(…)`)",
                    setters.join(", ")
                ),
            ));
        }
        serde_json::from_value(value)
            .map_err(|e| invalid("body", format!("does not fit the body's type: {e}")))
    }

    /// [`build`](Self::build), for an optional body: `None` when no setter was called.
    pub(crate) fn build_if_set<T: DeserializeOwned>(
        &self,
        required: &[(&str, &str)],
    ) -> Result<Option<T>, Error> {
        match self.value {
            Some(_) => self.build(required).map(Some),
            None => self.check().map(|()| None),
        }
    }
}

/// A serializer that writes nothing and fails on the numbers JSON cannot carry (NaN and the
/// infinities).
mod finite {
    use std::fmt;

    use serde::Serialize;
    use serde::ser;

    #[derive(Debug)]
    pub(super) struct NotFinite(String);

    impl fmt::Display for NotFinite {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(&self.0)
        }
    }

    impl std::error::Error for NotFinite {}

    impl ser::Error for NotFinite {
        fn custom<T: fmt::Display>(message: T) -> Self {
            NotFinite(message.to_string())
        }
    }

    type Checked = Result<(), NotFinite>;

    pub(super) struct Check;

    fn number(finite: bool, shown: impl fmt::Display) -> Checked {
        match finite {
            true => Ok(()),
            false => Err(NotFinite(format!(
                "must be a finite number, not {shown} (JSON has no such number)"
            ))),
        }
    }

    macro_rules! accept {
        ($($method:ident($($arg:ty),*)),* $(,)?) => {
            $(fn $method(self, $(_: $arg),*) -> Checked { Ok(()) })*
        };
    }

    macro_rules! open {
        ($($method:ident($($arg:ty),*)),* $(,)?) => {
            $(fn $method(self, $(_: $arg),*) -> Result<Check, NotFinite> { Ok(Check) })*
        };
    }

    impl ser::Serializer for Check {
        type Ok = ();
        type Error = NotFinite;
        type SerializeSeq = Check;
        type SerializeTuple = Check;
        type SerializeTupleStruct = Check;
        type SerializeTupleVariant = Check;
        type SerializeMap = Check;
        type SerializeStruct = Check;
        type SerializeStructVariant = Check;

        accept!(
            serialize_bool(bool),
            serialize_i8(i8),
            serialize_i16(i16),
            serialize_i32(i32),
            serialize_i64(i64),
            serialize_u8(u8),
            serialize_u16(u16),
            serialize_u32(u32),
            serialize_u64(u64),
            serialize_char(char),
            serialize_str(&str),
            serialize_bytes(&[u8]),
            serialize_none(),
            serialize_unit(),
            serialize_unit_struct(&'static str),
            serialize_unit_variant(&'static str, u32, &'static str),
        );

        open!(
            serialize_seq(Option<usize>),
            serialize_tuple(usize),
            serialize_tuple_struct(&'static str, usize),
            serialize_tuple_variant(&'static str, u32, &'static str, usize),
            serialize_map(Option<usize>),
            serialize_struct(&'static str, usize),
            serialize_struct_variant(&'static str, u32, &'static str, usize),
        );

        fn serialize_f32(self, v: f32) -> Checked {
            number(v.is_finite(), v)
        }

        fn serialize_f64(self, v: f64) -> Checked {
            number(v.is_finite(), v)
        }

        fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Checked {
            value.serialize(self)
        }

        fn serialize_newtype_struct<T: ?Sized + Serialize>(
            self,
            _: &'static str,
            value: &T,
        ) -> Checked {
            value.serialize(self)
        }

        fn serialize_newtype_variant<T: ?Sized + Serialize>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            value: &T,
        ) -> Checked {
            value.serialize(self)
        }
    }

    macro_rules! compound {
        ($($trait:ident::$method:ident),* $(,)?) => {$(
            impl ser::$trait for Check {
                type Ok = ();
                type Error = NotFinite;

                fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Checked {
                    value.serialize(Check)
                }

                fn end(self) -> Checked {
                    Ok(())
                }
            }
        )*};
    }

    compound!(
        SerializeSeq::serialize_element,
        SerializeTuple::serialize_element,
        SerializeTupleStruct::serialize_field,
        SerializeTupleVariant::serialize_field,
    );

    macro_rules! fields {
        ($($trait:ident),*) => {$(
            impl ser::$trait for Check {
                type Ok = ();
                type Error = NotFinite;

                fn serialize_field<T: ?Sized + Serialize>(
                    &mut self,
                    _: &'static str,
                    value: &T,
                ) -> Checked {
                    value.serialize(Check)
                }

                fn end(self) -> Checked {
                    Ok(())
                }
            }
        )*};
    }

    fields!(SerializeStruct, SerializeStructVariant);

    impl ser::SerializeMap for Check {
        type Ok = ();
        type Error = NotFinite;

        fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Checked {
            key.serialize(Check)
        }

        fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Checked {
            value.serialize(Check)
        }

        fn end(self) -> Checked {
            Ok(())
        }
    }
}

fn invalid(field: &str, message: String) -> Error {
    Error::InvalidRequest {
        field: field.to_string(),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, serde::Deserialize, Serialize)]
    struct Prompt {
        mode: String,
        prompt: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        seed: Option<u32>,
    }

    const REQUIRED: &[(&str, &str)] = &[("mode", "mode"), ("prompt", "prompt")];

    #[test]
    fn every_missing_required_field_is_named_by_its_setter() {
        let mut body = JsonBody::default();
        body.set("seed", 3);
        let Err(Error::InvalidRequest { field, message }) = body.build::<Prompt>(REQUIRED) else {
            panic!("a body without its required fields was built");
        };
        assert_eq!(field, "mode, prompt");
        assert!(message.contains("`.mode(…)`, `.prompt(…)`"), "{message}");
    }

    #[test]
    fn setters_change_a_whole_body() {
        let mut body = JsonBody::of(Prompt {
            mode: "a".into(),
            prompt: "castle".into(),
            seed: None,
        });
        body.set("seed", 7);
        let built: Prompt = body.build(REQUIRED).unwrap();
        assert_eq!(built.seed, Some(7));
        assert_eq!(built.prompt, "castle");
    }

    #[test]
    fn an_optional_body_left_alone_is_not_sent() {
        let body = JsonBody::default();
        assert_eq!(body.build_if_set::<Prompt>(REQUIRED).unwrap(), None);
    }

    #[test]
    fn a_value_that_is_no_json_fails_the_request() {
        let mut body = JsonBody::default();
        let map: std::collections::HashMap<(u8, u8), u8> = [((1, 2), 3)].into();
        body.set("mode", map);
        let Err(Error::InvalidRequest { field, .. }) = body.build::<Prompt>(&[]) else {
            panic!("a broken value was sent");
        };
        assert_eq!(field, "mode");
    }

    #[test]
    fn numbers_json_cannot_carry_are_refused_not_dropped() {
        let mut body = JsonBody::default();
        body.set("prompt", "castle");
        body.set("seed", vec![Some(1.0), Some(f64::NAN)]);
        let Err(Error::InvalidRequest { field, message }) = body.build::<Prompt>(&[]) else {
            panic!("NaN was sent as null");
        };
        assert_eq!(field, "seed");
        assert!(message.contains("finite"), "{message}");
        let mut body = JsonBody::default();
        body.replace(std::collections::BTreeMap::from([("x", f32::INFINITY)]));
        assert!(body.value().is_err());
    }
}
