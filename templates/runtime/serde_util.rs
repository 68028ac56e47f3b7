//! Small serde helpers the models share.

use base64::Engine as _;
use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// For fields where absent and `null` differ: absent stays `None` (through `#[serde(default)]`),
/// `null` becomes `Some(None)`.
pub(crate) fn double_option<'de, T, D>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// Reads a string into an open enum without allocating for the values it knows.
pub(crate) fn deserialize_open_enum<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str>,
{
    struct Visit<T>(std::marker::PhantomData<T>);
    impl<T: for<'a> From<&'a str>> serde::de::Visitor<'_> for Visit<T> {
        type Value = T;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<T, E> {
            Ok(T::from(v))
        }
    }
    deserializer.deserialize_str(Visit(std::marker::PhantomData))
}

/// The conversions of an open enumeration, which keeps values this version does not list in
/// its fallback variant: `as_str` (text) or `value` (integers), `From` the wire value,
/// `Display`, and serde through the wire value, all read from the enum's `WIRE` table of
/// listed variants and their values. One definition that every generated enum uses, instead of
/// the same ninety lines in each. Paths are absolute: a schema type named `String` or `Result`
/// must not change what this expands to.
#[allow(unused_macros)] // A description without enumerations leaves it unused.
macro_rules! open_enum {
    ($name:ident, $fallback:ident, str) => {
        impl $name {
            /// The value as the API writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    Self::$fallback(other) => other,
                    listed => crate::serde_util::wire_of(Self::WIRE, listed),
                }
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                crate::serde_util::listed(Self::WIRE, |w| *w == value)
                    .unwrap_or_else(|| Self::$fallback(::std::borrow::ToOwned::to_owned(value)))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                crate::serde_util::deserialize_open_enum(deserializer)
            }
        }
    };
    ($name:ident, $fallback:ident, i64) => {
        impl $name {
            /// The value as the API writes it.
            pub fn value(&self) -> i64 {
                match self {
                    Self::$fallback(other) => *other,
                    listed => crate::serde_util::wire_of(Self::WIRE, listed),
                }
            }
        }

        impl ::std::convert::From<i64> for $name {
            fn from(value: i64) -> Self {
                crate::serde_util::listed(Self::WIRE, |w| *w == value)
                    .unwrap_or_else(|| Self::$fallback(value))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.value(), f)
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                <i64 as ::serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use open_enum;

/// The wire value of a listed variant of an open enum.
pub(crate) fn wire_of<T: PartialEq, W: Copy>(table: &[(T, W)], variant: &T) -> W {
    table
        .iter()
        .find(|(v, _)| v == variant)
        .map(|(_, w)| *w)
        .expect("an open enum's table lists each of its variants but the fallback")
}

/// The listed variant of an open enum whose wire value `is` recognises.
pub(crate) fn listed<T: Clone, W>(table: &[(T, W)], is: impl Fn(&W) -> bool) -> Option<T> {
    table.iter().find(|(_, w)| is(w)).map(|(v, _)| v.clone())
}

/// Reads a value of a tagged union: the whole object, and its tag as text (integers and
/// booleans in their JSON form) when it has one. The object is kept whole because the variant
/// types declare the tag property themselves.
pub(crate) fn read_tagged<'de, D>(
    deserializer: D,
    tag: &str,
) -> Result<(Option<String>, serde_json::Value), D::Error>
where
    D: Deserializer<'de>,
{
    let value = serde_json::Value::deserialize(deserializer)?;
    let found = match value.get(tag) {
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(v @ (serde_json::Value::Number(_) | serde_json::Value::Bool(_))) => {
            Some(v.to_string())
        }
        _ => None,
    };
    Ok((found, value))
}

/// Decodes the variant a tag chose; a value that has the tag but not the shape is an error.
pub(crate) fn decode_variant<T: DeserializeOwned, E: serde::de::Error>(
    value: serde_json::Value,
) -> Result<T, E> {
    T::deserialize(value).map_err(E::custom)
}

/// Decodes the variant a tag chose whose type does not declare the tag property: without the
/// tag, which would otherwise join the type's unknown properties ([`serialize_tagged`] writes it
/// back).
pub(crate) fn decode_variant_untagged<T: DeserializeOwned, E: serde::de::Error>(
    mut value: serde_json::Value,
    tag: &str,
) -> Result<T, E> {
    if let serde_json::Value::Object(map) = &mut value {
        map.remove(tag);
    }
    decode_variant(value)
}

/// Writes a variant of a tagged union, adding the tag when the variant's type does not carry
/// it (or left it unset).
pub(crate) fn serialize_tagged<T, S>(
    value: &T,
    tag: &str,
    tag_value: &str,
    serializer: S,
) -> Result<S::Ok, S::Error>
where
    T: Serialize,
    S: Serializer,
{
    let mut json = serde_json::to_value(value).map_err(serde::ser::Error::custom)?;
    if let serde_json::Value::Object(map) = &mut json {
        map.entry(tag)
            .or_insert_with(|| serde_json::Value::String(tag_value.to_string()));
    }
    json.serialize(serializer)
}

/// Writes numbers that were read into floats as the API wrote them: an integral value as an
/// integer (`2048`, not `2048.0`), so that a response decoded and encoded again is the same JSON.
/// For `#[serde(serialize_with = "crate::serde_util::numbers")]` on fields of floats, or of
/// options, lists and maps of them.
pub(crate) fn numbers<T: Numbers, S: Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    value.write(serializer)
}

/// A value made of floats that [`numbers`] writes.
pub(crate) trait Numbers {
    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;
}

/// Beyond 2^53 an `f64` no longer holds every integer: such values stay floats.
const EXACT: f64 = 9_007_199_254_740_992.0;

impl Numbers for f64 {
    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.fract() == 0.0 && self.abs() <= EXACT && !(*self == 0.0 && self.is_sign_negative())
        {
            serializer.serialize_i64(*self as i64)
        } else {
            serializer.serialize_f64(*self)
        }
    }
}

impl Numbers for f32 {
    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.fract() == 0.0
            && self.abs() <= 16_777_216.0
            && !(*self == 0.0 && self.is_sign_negative())
        {
            serializer.serialize_i64(*self as i64)
        } else {
            serializer.serialize_f32(*self)
        }
    }
}

impl<T: Numbers> Numbers for Option<T> {
    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Some(value) => serializer.serialize_some(&Written(value)),
            None => serializer.serialize_none(),
        }
    }
}

impl<T: Numbers> Numbers for Box<T> {
    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).write(serializer)
    }
}

impl<T: Numbers> Numbers for Vec<T> {
    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter().map(Written))
    }
}

impl<T: Numbers> Numbers for std::collections::BTreeMap<String, T> {
    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter().map(|(k, v)| (k, Written(v))))
    }
}

/// A part of a [`Numbers`] value, as serde's collections take it.
struct Written<'a, T>(&'a T);

impl<T: Numbers> Serialize for Written<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.write(serializer)
    }
}

/// Bytes that travel as base64 text (the `byte` format). Decoding accepts the standard and the
/// URL-safe alphabets, with or without padding; encoding writes the standard one, padded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Bytes(pub Vec<u8>);

const PADDING_OPTIONAL: base64::engine::GeneralPurposeConfig =
    base64::engine::GeneralPurposeConfig::new()
        .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent);
const STANDARD: base64::engine::GeneralPurpose =
    base64::engine::GeneralPurpose::new(&base64::alphabet::STANDARD, PADDING_OPTIONAL);
const URL_SAFE: base64::engine::GeneralPurpose =
    base64::engine::GeneralPurpose::new(&base64::alphabet::URL_SAFE, PADDING_OPTIONAL);

impl From<Vec<u8>> for Bytes {
    fn from(bytes: Vec<u8>) -> Self {
        Bytes(bytes)
    }
}

impl From<Bytes> for Vec<u8> {
    fn from(bytes: Bytes) -> Self {
        bytes.0
    }
}

impl std::ops::Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.0
    }
}

/// The base64 text, as the bytes go into a URL or a header.
impl std::fmt::Display for Bytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&base64::engine::general_purpose::STANDARD.encode(&self.0))
    }
}

impl Serialize for Bytes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Bytes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        STANDARD
            .decode(text.as_bytes())
            .or_else(|_| URL_SAFE.decode(text.as_bytes()))
            .map(Bytes)
            .map_err(|e| D::Error::custom(format_args!("invalid base64: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integral_numbers_are_written_as_integers() {
        #[derive(Serialize)]
        struct Fields {
            #[serde(serialize_with = "numbers")]
            width: f64,
            #[serde(serialize_with = "numbers")]
            ratio: Option<f64>,
            #[serde(serialize_with = "numbers")]
            sizes: Vec<Option<f32>>,
            #[serde(serialize_with = "numbers")]
            big: f64,
            #[serde(serialize_with = "numbers")]
            negative_zero: f64,
        }
        let json = serde_json::to_string(&Fields {
            width: 2048.0,
            ratio: Some(1.5),
            sizes: vec![Some(-3.0), None],
            big: 1e300,
            negative_zero: -0.0,
        })
        .unwrap();
        assert!(
            json.starts_with(r#"{"width":2048,"ratio":1.5,"sizes":[-3,null],"#),
            "{json}"
        );
        // How serde_json spells an exponent varies by version (`1e300`, `1e+300`): compare
        // values, in which an integer and a float of the same value still differ.
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            value,
            serde_json::json!({"width": 2048, "ratio": 1.5, "sizes": [-3, null], "big": 1e300, "negative_zero": -0.0})
        );
        assert!(
            value["big"].is_f64() && value["negative_zero"].is_f64(),
            "{json}"
        );
    }

    #[test]
    fn bytes_round_trip_through_base64() {
        let json = serde_json::to_string(&Bytes(b"hi?>".to_vec())).unwrap();
        assert_eq!(json, r#""aGk/Pg==""#);
        assert_eq!(serde_json::from_str::<Bytes>(&json).unwrap().0, b"hi?>");
        assert_eq!(
            serde_json::from_str::<Bytes>(r#""aGk_Pg""#).unwrap().0,
            b"hi?>"
        );
        assert!(serde_json::from_str::<Bytes>(r#""not base64!""#).is_err());
    }
}
