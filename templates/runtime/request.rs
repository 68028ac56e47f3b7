//! A request as the operations describe it, and a response as read off the wire.

use std::fmt::Display;

use reqwest::Method;
use reqwest::header::HeaderMap;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::{ApiError, Error, excerpt};

/// Headers that carry a request id, in the order they are looked for.
const REQUEST_ID_HEADERS: [&str; 3] = ["x-request-id", "x-amzn-requestid", "x-amz-apigw-id"];

/// Everything an operation decides about a request; the client adds the rest.
#[derive(Debug)]
pub(crate) struct ApiRequest {
    pub(crate) method: Method,
    /// Path segments, not yet percent-encoded.
    path: Vec<String>,
    query: Vec<(String, String)>,
    pub(crate) headers: Vec<(&'static str, String)>,
    pub(crate) body: Option<Body>,
}

/// A request body, encoded, with its media type.
#[derive(Debug)]
pub(crate) struct Body {
    pub(crate) bytes: Vec<u8>,
    pub(crate) content_type: String,
}

/// How an object goes into the query (OpenAPI's `style` and `explode`).
#[derive(Debug, Clone, Copy)]
pub(crate) enum ObjectStyle {
    /// `key=value` for each property (`form`, exploded).
    Exploded,
    /// `name=key,value,key,value` (`form`, not exploded).
    Joined,
    /// `name[key]=value` for each property (`deepObject`).
    Deep,
}

impl ApiRequest {
    pub(crate) fn new(method: Method, path: Vec<String>) -> Self {
        ApiRequest {
            method,
            path,
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
        }
    }

    /// The path segments, not yet percent-encoded, for checks that look at the request.
    pub(crate) fn path(&self) -> &[String] {
        &self.path
    }

    pub(crate) fn query(&mut self, name: &'static str, value: &impl Display) {
        self.query.push((name.to_string(), value.to_string()));
    }

    /// An array parameter: `name=a&name=b` when exploded, the items joined by `separator`
    /// (`,`, ` ` or `|`, as the parameter's style says) otherwise.
    pub(crate) fn query_list<T: Display>(
        &mut self,
        name: &'static str,
        values: &[T],
        explode: bool,
        separator: &str,
    ) {
        if explode {
            values.iter().for_each(|v| self.query(name, v));
        } else {
            let joined = values
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(separator);
            self.query.push((name.to_string(), joined));
        }
    }

    /// An object parameter, spelled as its style says; properties that are `null` are left out.
    pub(crate) fn query_object(
        &mut self,
        name: &'static str,
        value: &impl Serialize,
        style: ObjectStyle,
    ) -> Result<(), Error> {
        let pairs = object_pairs(name, value)?;
        match style {
            ObjectStyle::Exploded => self.query.extend(pairs),
            ObjectStyle::Deep => self
                .query
                .extend(pairs.into_iter().map(|(k, v)| (format!("{name}[{k}]"), v))),
            ObjectStyle::Joined => {
                let joined = pairs
                    .into_iter()
                    .flat_map(|(k, v)| [k, v])
                    .collect::<Vec<_>>()
                    .join(",");
                self.query.push((name.to_string(), joined));
            }
        }
        Ok(())
    }

    /// A parameter with structure, sent as its JSON text.
    pub(crate) fn query_json(
        &mut self,
        name: &'static str,
        value: &impl Serialize,
    ) -> Result<(), Error> {
        let text = serde_json::to_string(value).map_err(|e| invalid(name, e))?;
        self.query.push((name.to_string(), text));
        Ok(())
    }

    /// A parameter whose shape shows once serialized (a union, any JSON value), in the `form`
    /// style: a scalar as one pair, a list as one pair per item when exploded or its items joined
    /// by `separator`, an object as its members' pairs when exploded or `name=k,v,k,v`.
    pub(crate) fn query_value(
        &mut self,
        name: &'static str,
        value: &impl Serialize,
        explode: bool,
        separator: &str,
    ) -> Result<(), Error> {
        match Styled::of(name, value)? {
            Styled::Scalar(text) => self.query.push((name.to_string(), text)),
            Styled::List(items) if explode => self
                .query
                .extend(items.into_iter().map(|item| (name.to_string(), item))),
            Styled::List(items) => self.query.push((name.to_string(), items.join(separator))),
            Styled::Object(members) if explode => self.query.extend(members),
            object => self.query.push((name.to_string(), object.simple(false))),
        }
        Ok(())
    }

    /// A header whose shape shows once serialized, in the `simple` style.
    pub(crate) fn header_value(
        &mut self,
        name: &'static str,
        value: &impl Serialize,
        explode: bool,
    ) -> Result<(), Error> {
        let text = Styled::of(name, value)?.simple(explode);
        self.headers.push((name, text));
        Ok(())
    }

    /// A cookie whose shape shows once serialized: its value as the `simple` style writes it.
    pub(crate) fn cookie_value(
        &mut self,
        name: &'static str,
        value: &impl Serialize,
        explode: bool,
    ) -> Result<(), Error> {
        let text = Styled::of(name, value)?.simple(explode);
        self.cookie(name, &text);
        Ok(())
    }

    pub(crate) fn header(&mut self, name: &'static str, value: &impl Display) {
        self.headers.push((name, value.to_string()));
    }

    pub(crate) fn header_json(
        &mut self,
        name: &'static str,
        value: &impl Serialize,
    ) -> Result<(), Error> {
        let text = serde_json::to_string(value).map_err(|e| invalid(name, e))?;
        self.headers.push((name, text));
        Ok(())
    }

    /// A cookie: all of a request's cookies share one `Cookie` header.
    pub(crate) fn cookie(&mut self, name: &'static str, value: &impl Display) {
        let pair = format!("{name}={value}");
        match self.headers.iter_mut().find(|(n, _)| *n == "cookie") {
            Some((_, cookies)) => {
                cookies.push_str("; ");
                cookies.push_str(&pair);
            }
            None => self.headers.push(("cookie", pair)),
        }
    }

    pub(crate) fn cookie_json(
        &mut self,
        name: &'static str,
        value: &impl Serialize,
    ) -> Result<(), Error> {
        let text = serde_json::to_string(value).map_err(|e| invalid(name, e))?;
        self.cookie(name, &text);
        Ok(())
    }

    pub(crate) fn json(&mut self, body: &impl Serialize) -> Result<(), Error> {
        let bytes = serde_json::to_vec(body).map_err(|e| invalid("body", e))?;
        self.body = Some(Body {
            bytes,
            content_type: "application/json".to_string(),
        });
        Ok(())
    }

    /// An `application/x-www-form-urlencoded` body: the object's properties as `key=value`
    /// pairs, arrays as one pair per item, nested objects as their JSON text.
    pub(crate) fn form(&mut self, body: &impl Serialize) -> Result<(), Error> {
        let mut out = form_urlencoded::Serializer::new(String::new());
        for (k, v) in object_pairs("body", body)? {
            out.append_pair(&k, &v);
        }
        let bytes = out.finish().into_bytes();
        self.body = Some(Body {
            bytes,
            content_type: "application/x-www-form-urlencoded".to_string(),
        });
        Ok(())
    }

    /// A body sent as it is.
    pub(crate) fn bytes(&mut self, bytes: Vec<u8>, content_type: &str) {
        self.body = Some(Body {
            bytes,
            content_type: content_type.to_string(),
        });
    }

    /// The full URL: the base, the path segments percent-encoded one by one, then the query.
    pub(crate) fn url(
        &self,
        base: &reqwest::Url,
        extra_query: &[(String, String)],
    ) -> Result<reqwest::Url, Error> {
        // URL rules drop `.` and `..` segments instead of encoding them, which would send the
        // request to another endpoint (`/jobs/..` is `/jobs`): such ids are refused instead.
        if let Some(bad) = self.path.iter().find(|s| matches!(s.as_str(), "." | "..")) {
            return Err(Error::InvalidRequest {
                field: "path".to_string(),
                message: format!("a path parameter cannot be `{bad}`"),
            });
        }
        let mut url = base.clone();
        if url.cannot_be_a_base() {
            return Err(Error::Config(format!(
                "the base URL `{base}` cannot have paths appended"
            )));
        }
        if !self.path.is_empty() {
            // Encoded here rather than by `Url::path_segments_mut`, whose parser silently drops
            // tabs and line breaks (`a\nb` would fetch `ab`, another resource).
            let mut path = base.path().trim_end_matches('/').to_string();
            for s in &self.path {
                path.push('/');
                encode_segment(s, &mut path);
            }
            url.set_path(&path);
        }
        if !self.query.is_empty() || !extra_query.is_empty() {
            url.query_pairs_mut()
                .extend_pairs(self.query.iter().map(|(k, v)| (k.as_str(), v.as_str())))
                .extend_pairs(extra_query.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        }
        Ok(url)
    }
}

/// A path parameter's text, refused when it is empty: `/jobs/` with an empty id would reach the
/// list (or a `DELETE` the collection) instead of the resource the caller meant.
pub(crate) fn path_param(name: &str, value: &impl Display) -> Result<String, Error> {
    let text = value.to_string();
    if text.is_empty() {
        return Err(Error::InvalidRequest {
            field: name.to_string(),
            message: "cannot be empty: it is a part of the request's path".to_string(),
        });
    }
    Ok(text)
}

/// A path parameter whose shape shows once serialized (a union, a list, an object), in the
/// `simple` style, refused when empty like any other.
pub(crate) fn path_value(
    name: &str,
    value: &impl Serialize,
    explode: bool,
) -> Result<String, Error> {
    path_param(name, &Styled::of(name, value)?.simple(explode))
}

/// A path parameter in the `label` style (`.a`; a list `.a,b`, `.a.b` exploded; an object
/// `.k,v`, `.k=v` exploded) or the `matrix` style (`;name=a`; a list `;name=a,b`,
/// `;name=a;name=b` exploded; an object `;name=k,v`, `;k=v` exploded).
pub(crate) fn path_prefixed(
    name: &str,
    value: &impl Serialize,
    matrix: bool,
    explode: bool,
) -> Result<String, Error> {
    let styled = Styled::of(name, value)?;
    if !matrix {
        let parts = match styled {
            Styled::Scalar(text) => vec![text],
            Styled::List(items) => items,
            Styled::Object(members) if explode => members
                .into_iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect(),
            Styled::Object(members) => members.into_iter().flat_map(|(k, v)| [k, v]).collect(),
        };
        return Ok(format!(".{}", parts.join(if explode { "." } else { "," })));
    }
    Ok(match styled {
        Styled::Scalar(text) => format!(";{name}={text}"),
        Styled::List(items) if explode => items.iter().map(|i| format!(";{name}={i}")).collect(),
        Styled::Object(members) if explode => {
            members.iter().map(|(k, v)| format!(";{k}={v}")).collect()
        }
        joined => format!(";{name}={}", joined.simple(false)),
    })
}

/// A parameter's value as OpenAPI's styles see it: one scalar, a list of scalars or an object's
/// members, each as text (a string as it is, a number or boolean as JSON writes it).
enum Styled {
    Scalar(String),
    List(Vec<String>),
    /// Members in the order they were written; `null` ones are left out.
    Object(Vec<(String, String)>),
}

impl Styled {
    /// Refuses `null` and lists or objects nested in the value, which no style can write.
    fn of(name: &str, value: &impl Serialize) -> Result<Styled, Error> {
        let refused = |what: &str| Error::InvalidRequest {
            field: name.to_string(),
            message: format!("{what} cannot be written as a parameter"),
        };
        let scalar = |v: serde_json::Value| match v {
            serde_json::Value::String(s) => Ok(s),
            serde_json::Value::Null => Err(refused("`null`")),
            v @ (serde_json::Value::Bool(_) | serde_json::Value::Number(_)) => Ok(v.to_string()),
            _ => Err(refused("a list or object inside a list or object")),
        };
        let json = serde_json::to_vec(value).map_err(|e| invalid(name, e))?;
        if let Ok(Members(members)) = serde_json::from_slice(&json) {
            return members
                .into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| Ok((k, scalar(v)?)))
                .collect::<Result<_, _>>()
                .map(Styled::Object);
        }
        match serde_json::from_slice(&json).map_err(|e| invalid(name, e))? {
            serde_json::Value::Array(items) => items
                .into_iter()
                .map(scalar)
                .collect::<Result<_, _>>()
                .map(Styled::List),
            v => scalar(v).map(Styled::Scalar),
        }
    }

    /// The `simple` style: a list's items joined by `,`; an object's members as `k,v,k,v`, or
    /// `k=v,k=v` exploded.
    fn simple(self, explode: bool) -> String {
        match self {
            Styled::Scalar(text) => text,
            Styled::List(items) => items.join(","),
            Styled::Object(members) => members
                .into_iter()
                .map(|(k, v)| match explode {
                    true => format!("{k}={v}"),
                    false => format!("{k},{v}"),
                })
                .collect::<Vec<_>>()
                .join(","),
        }
    }
}

/// Appends `segment` to `out`, percent-encoding every byte that is not a path character of RFC
/// 3986 (unreserved, sub-delimiters, `:` and `@`): control characters, `/`, `%`, `?`, `#`,
/// spaces and all non-ASCII bytes among them, so that the segment reaches the server whole.
fn encode_segment(segment: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xF)]));
        }
    }
}

/// The members of an object as `(key, text)` pairs: strings as they are, numbers and booleans
/// as written in JSON, arrays as one pair per item, anything else as its JSON text.
fn object_pairs(name: &str, value: &impl Serialize) -> Result<Vec<(String, String)>, Error> {
    let json = serde_json::to_vec(value).map_err(|e| invalid(name, e))?;
    let Ok(Members(members)) = serde_json::from_slice(&json) else {
        return Err(Error::InvalidRequest {
            field: name.to_string(),
            message: "must be an object".to_string(),
        });
    };
    let text = |v: serde_json::Value| match v {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    };
    let mut pairs = Vec::new();
    for (k, v) in members {
        match v {
            serde_json::Value::Null => {}
            serde_json::Value::Array(items) => {
                pairs.extend(items.into_iter().map(|item| (k.clone(), text(item))))
            }
            other => pairs.push((k, text(other))),
        }
    }
    Ok(pairs)
}

/// An object's members in the order they were written: `serde_json::Map` would sort them, and
/// the order of a struct's fields is the order a reader of the query or form expects.
struct Members(Vec<(String, serde_json::Value)>);

impl<'de> serde::Deserialize<'de> for Members {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Members;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Members, A::Error> {
                let mut members = Vec::new();
                while let Some(member) = map.next_entry()? {
                    members.push(member);
                }
                Ok(Members(members))
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}

fn invalid(field: &str, e: serde_json::Error) -> Error {
    Error::InvalidRequest {
        field: field.to_string(),
        message: format!("cannot be written as JSON: {e}"),
    }
}

/// A response read whole: its status, headers and body.
#[derive(Debug)]
pub(crate) struct ApiResponse {
    status: u16,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl ApiResponse {
    /// Reads the response chunk by chunk into one buffer, which decoding then reads in place;
    /// a body over `limit` bytes is refused as soon as it is announced or, when its length is
    /// not announced, as soon as the chunks read pass the limit, so that it is never held whole.
    pub(crate) async fn read(mut response: reqwest::Response, limit: u64) -> Result<Self, Error> {
        let status = response.status().as_u16();
        let too_large = || Error::ResponseTooLarge { status, limit };
        if response.content_length().is_some_and(|n| n > limit) {
            return Err(too_large());
        }
        // Only error responses read their headers (request id, Retry-After): a success skips
        // the copy.
        let headers = if response.status().is_success() {
            HeaderMap::new()
        } else {
            response.headers().clone()
        };
        let announced = response.content_length().unwrap_or(0);
        let mut body = Vec::with_capacity(usize::try_from(announced).unwrap_or(0));
        while let Some(chunk) = response.chunk().await.map_err(Error::from_transport)? {
            if (body.len() + chunk.len()) as u64 > limit {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(ApiResponse {
            status,
            headers,
            body,
        })
    }

    pub(crate) fn status(&self) -> u16 {
        self.status
    }

    pub(crate) fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The body as text; bytes that are not UTF-8 become U+FFFD.
    pub(crate) fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub(crate) fn into_bytes(self) -> Vec<u8> {
        self.body
    }

    /// Decodes the body; a failure names the path of the field at fault.
    pub(crate) fn json<T: DeserializeOwned>(&self) -> Result<T, Error> {
        let decode_error = |path: String, message: String| Error::Decode {
            status: self.status,
            path,
            message,
            excerpt: excerpt(&self.text()),
        };
        // Tracking the path costs every decode; only a failure needs it, so a failure decodes
        // again with the path tracked.
        if let Ok(value) = serde_json::from_slice(&self.body) {
            return Ok(value);
        }
        let mut de = serde_json::Deserializer::from_slice(&self.body);
        let value: T = serde_path_to_error::deserialize(&mut de)
            .map_err(|e| decode_error(e.path().to_string(), e.inner().to_string()))?;
        de.end()
            .map_err(|e| decode_error(".".to_string(), e.to_string()))?;
        Ok(value)
    }

    pub(crate) fn unexpected(&self) -> Error {
        Error::UnexpectedStatus {
            status: self.status,
            body: self.text(),
        }
    }

    pub(crate) fn into_api_error(self) -> Error {
        let request_id = REQUEST_ID_HEADERS
            .iter()
            .find_map(|h| self.headers.get(*h))
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        Error::Api(Box::new(ApiError {
            status: self.status,
            body: serde_json::from_slice(&self.body).ok(),
            raw: String::from_utf8(self.body)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
            request_id,
            retry_after: crate::retry::server_wait(&self.headers, std::time::SystemTime::now()),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Filter {
        color: &'static str,
        size: u32,
        tags: Vec<&'static str>,
        missing: Option<u32>,
    }

    fn filter() -> Filter {
        Filter {
            color: "red green",
            size: 3,
            tags: vec!["a", "b"],
            missing: None,
        }
    }

    fn query_of(request: &ApiRequest) -> String {
        let base = reqwest::Url::parse("http://h/").expect("a URL");
        request
            .url(&base, &[])
            .expect("a URL")
            .query()
            .unwrap_or_default()
            .to_string()
    }

    #[test]
    fn objects_follow_their_style() {
        let mut r = ApiRequest::new(Method::GET, Vec::new());
        r.query_object("filter", &filter(), ObjectStyle::Exploded)
            .expect("an object");
        assert_eq!(query_of(&r), "color=red+green&size=3&tags=a&tags=b");
        let mut r = ApiRequest::new(Method::GET, Vec::new());
        r.query_object("filter", &filter(), ObjectStyle::Deep)
            .expect("an object");
        assert_eq!(
            query_of(&r),
            "filter%5Bcolor%5D=red+green&filter%5Bsize%5D=3&filter%5Btags%5D=a&filter%5Btags%5D=b"
        );
        let mut r = ApiRequest::new(Method::GET, Vec::new());
        r.query_object("filter", &filter(), ObjectStyle::Joined)
            .expect("an object");
        assert_eq!(
            query_of(&r),
            "filter=color%2Cred+green%2Csize%2C3%2Ctags%2Ca%2Ctags%2Cb"
        );
        assert!(matches!(
            r.query_object("n", &3, ObjectStyle::Exploded),
            Err(Error::InvalidRequest { .. })
        ));
    }

    #[test]
    fn lists_join_with_their_separator() {
        let mut r = ApiRequest::new(Method::GET, Vec::new());
        r.query_list("a", &[1, 2], false, "|");
        r.query_list("b", &[1, 2], false, " ");
        r.query_list("c", &[1, 2], true, ",");
        assert_eq!(query_of(&r), "a=1%7C2&b=1+2&c=1&c=2");
    }

    #[test]
    fn serialized_values_follow_the_styles_of_their_place() {
        #[derive(serde::Serialize)]
        #[serde(untagged)]
        enum NameOrId {
            Id(u64),
            Name(String),
        }
        assert_eq!(path_value("id", &NameOrId::Id(7), false).unwrap(), "7");
        assert_eq!(
            path_value("id", &NameOrId::Name("a b".into()), false).unwrap(),
            "a b"
        );
        assert_eq!(path_value("ids", &["a", "b"], false).unwrap(), "a,b");
        let nested = path_value("f", &filter(), true).unwrap_err();
        assert!(nested.to_string().contains("inside"), "{nested}");
        let point = serde_json::json!({"x": 1, "y": "two"});
        assert_eq!(path_value("p", &point, false).unwrap(), "x,1,y,two");
        assert_eq!(path_value("p", &point, true).unwrap(), "x=1,y=two");
        assert!(path_value("p", &serde_json::Value::Null, false).is_err());
        assert!(path_value("p", &"", false).is_err());

        // The examples of the OpenAPI specification's style table.
        #[derive(serde::Serialize)]
        struct Rgb {
            #[serde(rename = "R")]
            r: u8,
            #[serde(rename = "G")]
            g: u8,
            #[serde(rename = "B")]
            b: u8,
        }
        let rgb = Rgb {
            r: 100,
            g: 200,
            b: 150,
        };
        let colors = ["blue", "black", "brown"];
        let cases = [
            (path_prefixed("color", &"blue", false, false), ".blue"),
            (
                path_prefixed("color", &colors, false, false),
                ".blue,black,brown",
            ),
            (
                path_prefixed("color", &colors, false, true),
                ".blue.black.brown",
            ),
            (
                path_prefixed("color", &rgb, false, false),
                ".R,100,G,200,B,150",
            ),
            (
                path_prefixed("color", &rgb, false, true),
                ".R=100.G=200.B=150",
            ),
            (path_prefixed("color", &"blue", true, true), ";color=blue"),
            (
                path_prefixed("color", &colors, true, false),
                ";color=blue,black,brown",
            ),
            (
                path_prefixed("color", &colors, true, true),
                ";color=blue;color=black;color=brown",
            ),
            (
                path_prefixed("color", &rgb, true, false),
                ";color=R,100,G,200,B,150",
            ),
            (
                path_prefixed("color", &rgb, true, true),
                ";R=100;G=200;B=150",
            ),
        ];
        for (written, expected) in cases {
            assert_eq!(written.unwrap(), expected);
        }

        let mut r = ApiRequest::new(Method::GET, Vec::new());
        r.query_value("id", &NameOrId::Name("x".into()), true, ",")
            .unwrap();
        r.query_value("tags", &serde_json::json!(["a", 1]), true, ",")
            .unwrap();
        r.query_value("sizes", &serde_json::json!([1, 2]), false, "|")
            .unwrap();
        r.query_value("p", &point, false, ",").unwrap();
        r.query_value("q", &point, true, ",").unwrap();
        assert_eq!(
            query_of(&r),
            "id=x&tags=a&tags=1&sizes=1%7C2&p=x%2C1%2Cy%2Ctwo&x=1&y=two"
        );

        let mut r = ApiRequest::new(Method::GET, Vec::new());
        r.header_value("x-ids", &[1, 2], false).unwrap();
        r.header_value("x-point", &point, true).unwrap();
        r.cookie_value("who", &NameOrId::Id(3), false).unwrap();
        assert_eq!(
            r.headers,
            vec![
                ("x-ids", "1,2".to_string()),
                ("x-point", "x=1,y=two".to_string()),
                ("cookie", "who=3".to_string()),
            ]
        );
    }

    #[test]
    fn cookies_share_one_header() {
        let mut r = ApiRequest::new(Method::GET, Vec::new());
        r.cookie("session", &"abc");
        r.cookie_json("prefs", &[1, 2]).expect("JSON");
        assert_eq!(
            r.headers,
            vec![("cookie", "session=abc; prefs=[1,2]".to_string())]
        );
    }

    #[test]
    fn forms_encode_properties_as_pairs() {
        let mut r = ApiRequest::new(Method::POST, Vec::new());
        r.form(&filter()).expect("an object");
        let body = r.body.expect("a body");
        assert_eq!(body.content_type, "application/x-www-form-urlencoded");
        assert_eq!(
            String::from_utf8(body.bytes).expect("UTF-8"),
            "color=red+green&size=3&tags=a&tags=b"
        );
    }
}
