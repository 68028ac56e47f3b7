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
    query: Vec<(&'static str, String)>,
    pub(crate) headers: Vec<(&'static str, String)>,
    pub(crate) body: Option<Vec<u8>>,
}

impl ApiRequest {
    pub(crate) fn new(method: Method, path: Vec<String>) -> Self {
        ApiRequest { method, path, query: Vec::new(), headers: Vec::new(), body: None }
    }

    pub(crate) fn query(&mut self, name: &'static str, value: &impl Display) {
        self.query.push((name, value.to_string()));
    }

    /// An array parameter: `name=a&name=b` when exploded, `name=a,b` otherwise.
    pub(crate) fn query_list<T: Display>(&mut self, name: &'static str, values: &[T], explode: bool) {
        if explode {
            values.iter().for_each(|v| self.query(name, v));
        } else {
            let joined = values.iter().map(ToString::to_string).collect::<Vec<_>>().join(",");
            self.query.push((name, joined));
        }
    }

    /// A parameter with structure, sent as its JSON text.
    pub(crate) fn query_json(&mut self, name: &'static str, value: &impl Serialize) -> Result<(), Error> {
        let text = serde_json::to_string(value).map_err(|e| invalid(name, e))?;
        self.query.push((name, text));
        Ok(())
    }

    pub(crate) fn header(&mut self, name: &'static str, value: &impl Display) {
        self.headers.push((name, value.to_string()));
    }

    pub(crate) fn header_json(&mut self, name: &'static str, value: &impl Serialize) -> Result<(), Error> {
        let text = serde_json::to_string(value).map_err(|e| invalid(name, e))?;
        self.headers.push((name, text));
        Ok(())
    }

    pub(crate) fn json(&mut self, body: &impl Serialize) -> Result<(), Error> {
        self.body = Some(serde_json::to_vec(body).map_err(|e| invalid("body", e))?);
        Ok(())
    }

    /// The full URL: the base, the path segments percent-encoded one by one, then the query.
    pub(crate) fn url(&self, base: &reqwest::Url, extra_query: &[(String, String)]) -> Result<reqwest::Url, Error> {
        // URL rules drop `.` and `..` segments instead of encoding them, which would send the
        // request to another endpoint (`/jobs/..` is `/jobs`): such ids are refused instead.
        if let Some(bad) = self.path.iter().find(|s| matches!(s.as_str(), "." | "..")) {
            return Err(Error::InvalidRequest {
                field: "path".to_string(),
                message: format!("a path parameter cannot be `{bad}`"),
            });
        }
        let mut url = base.clone();
        {
            let mut segments = url
                .path_segments_mut()
                .map_err(|()| Error::Config(format!("the base URL `{base}` cannot have paths appended")))?;
            segments.pop_if_empty();
            for s in &self.path {
                segments.push(s);
            }
        }
        if !self.query.is_empty() || !extra_query.is_empty() {
            url.query_pairs_mut()
                .extend_pairs(self.query.iter().map(|(k, v)| (*k, v.as_str())))
                .extend_pairs(extra_query.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        }
        Ok(url)
    }
}

fn invalid(field: &str, e: serde_json::Error) -> Error {
    Error::InvalidRequest { field: field.to_string(), message: format!("cannot be written as JSON: {e}") }
}

/// A response read whole: its status, headers and body.
#[derive(Debug)]
pub(crate) struct ApiResponse {
    status: u16,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl ApiResponse {
    pub(crate) async fn read(response: reqwest::Response) -> Result<Self, Error> {
        let status = response.status().as_u16();
        // Only error responses read their headers (request id, Retry-After): a success skips
        // the copy.
        let headers = if response.status().is_success() { HeaderMap::new() } else { response.headers().clone() };
        let body = response.bytes().await.map_err(Error::from_transport)?.to_vec();
        Ok(ApiResponse { status, headers, body })
    }

    pub(crate) fn status(&self) -> u16 {
        self.status
    }

    pub(crate) fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// Decodes the body; a failure names the path of the field at fault.
    pub(crate) fn json<T: DeserializeOwned>(&self) -> Result<T, Error> {
        let decode_error = |path: String, message: String| Error::Decode {
            status: self.status,
            path,
            message,
            excerpt: excerpt(&self.text()),
        };
        let mut de = serde_json::Deserializer::from_slice(&self.body);
        let value = serde_path_to_error::deserialize(&mut de)
            .map_err(|e| decode_error(e.path().to_string(), e.inner().to_string()))?;
        de.end().map_err(|e| decode_error(".".to_string(), e.to_string()))?;
        Ok(value)
    }

    pub(crate) fn unexpected(&self) -> Error {
        Error::UnexpectedStatus { status: self.status, body: self.text() }
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
            raw: self.text(),
            request_id,
            retry_after: crate::retry::server_wait(&self.headers, std::time::SystemTime::now()),
        }))
    }
}
