//! YAML read into the JSON value the later stages take, with the numbers JSON readers accept.
//!
//! serde_norway hands an integer that does not fit in 64 bits to the value as an `i128` or
//! `u128`, which `serde_json::Value` refuses ("number out of range"), while a longer literal that
//! fits in neither becomes a float. JSON writers print i64's minimum and u64's maximum, once
//! they went through a double, as `-9223372036854776000` and `18446744073709552000`: as a JSON
//! reader does, such integers are read here as the nearest float.
//!
//! The reading also notes whether a mapping held a key twice (the value keeps the last), so
//! that the slower event-level reading of the text that names such keys runs only then.

use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// A JSON value read from YAML, and whether some mapping of it held a key twice.
pub(super) fn from_str(text: &str) -> Result<(Value, bool), serde_norway::Error> {
    let repeated = Cell::new(false);
    let value = ValueVisitor(&repeated).deserialize(serde_norway::Deserializer::from_str(text))?;
    Ok((value, repeated.get()))
}

/// Reads one value; sets the flag when a mapping under it repeats a key.
#[derive(Clone, Copy)]
struct ValueVisitor<'a>(&'a Cell<bool>);

impl<'de> DeserializeSeed<'de> for ValueVisitor<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

/// A float as `serde_json::Value` keeps one: infinities and NaN have no JSON form.
fn float(v: f64) -> Value {
    Number::from_f64(v).map_or(Value::Null, Value::Number)
}

impl<'de> Visitor<'de> for ValueVisitor<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok(match i64::try_from(v) {
            Ok(v) => Value::Number(v.into()),
            Err(_) => float(v as f64),
        })
    }

    fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
        Ok(match u64::try_from(v) {
            Ok(v) => Value::Number(v.into()),
            Err(_) => float(v as f64),
        })
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(float(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        self.deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element_seed(self)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut members = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(self)?;
            if members.insert(key, value).is_some() {
                self.0.set(true);
            }
        }
        Ok(Value::Object(members))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(yaml: &str) -> Value {
        from_str(yaml).unwrap().0
    }

    #[test]
    fn integers_past_64_bits_are_read_as_floats() {
        let v = read("a: -9223372036854776000\nb: 18446744073709552000\nc: 18446744073709551615\n");
        assert_eq!(v["a"].as_f64(), Some(i64::MIN as f64));
        assert_eq!(v["b"].as_f64(), Some(u64::MAX as f64));
        assert_eq!(v["c"].as_u64(), Some(u64::MAX));
    }

    #[test]
    fn it_reads_what_serde_json_reads() {
        let yaml = "200: {x: [1, -2, 2.5, true, null, ~, 'text']}\n'k': .inf\n";
        assert_eq!(read(yaml), serde_norway::from_str::<Value>(yaml).unwrap());
    }

    #[test]
    fn a_key_held_twice_is_noted() {
        assert!(!from_str("a: {b: 1, c: [{b: 2}]}\nb: 3\n").unwrap().1);
        assert!(from_str("a: [{b: 1, b: 2}]\n").unwrap().1);
        assert!(from_str("'200': 1\n200: 2\n").unwrap().1);
    }
}
