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
