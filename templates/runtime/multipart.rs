//! `multipart/form-data` bodies, encoded whole so that a retry can send them again.

use serde::Serialize;

use crate::error::Error;
use crate::request::{ApiRequest, Body};

/// A file sent as one part of a multipart body: its bytes, and optionally the file name and
/// media type to declare for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilePart {
    bytes: Vec<u8>,
    file_name: Option<String>,
    content_type: Option<String>,
}

impl FilePart {
    /// A part holding these bytes, declared as `application/octet-stream` with no file name.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        FilePart {
            bytes: bytes.into(),
            file_name: None,
            content_type: None,
        }
    }

    /// Reads a file whole, naming the part after the file. This blocks the thread while it
    /// reads: in async code, read the file with your runtime and use [`FilePart::new`].
    pub fn from_path(path: impl AsRef<std::path::Path>) -> std::io::Result<Self> {
        let path = path.as_ref();
        let part = FilePart::new(std::fs::read(path)?);
        Ok(match path.file_name().and_then(|n| n.to_str()) {
            Some(name) => part.file_name(name),
            None => part,
        })
    }

    /// The file name sent with the part.
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// The media type sent with the part, such as `image/png`.
    pub fn content_type(mut self, media: impl Into<String>) -> Self {
        self.content_type = Some(media.into());
        self
    }
}

/// The parts of a body, in the order they are added.
pub(crate) struct Form {
    boundary: String,
    bytes: Vec<u8>,
}

impl Form {
    pub(crate) fn new() -> Self {
        // 128 random bits: no part's content will hold it by chance.
        let boundary = format!(
            "----sdk-boundary-{:016x}{:016x}",
            fastrand::u64(..),
            fastrand::u64(..)
        );
        Form {
            boundary,
            bytes: Vec::new(),
        }
    }

    /// A value part: its text as `Display` writes it.
    pub(crate) fn text(&mut self, name: &str, value: &impl std::fmt::Display) {
        self.part(name, None, None, value.to_string().as_bytes());
    }

    /// A value part holding JSON.
    pub(crate) fn json(&mut self, name: &str, value: &impl Serialize) -> Result<(), Error> {
        let bytes = serde_json::to_vec(value).map_err(|e| Error::InvalidRequest {
            field: name.to_string(),
            message: format!("cannot be written as JSON: {e}"),
        })?;
        self.part(name, None, Some("application/json"), &bytes);
        Ok(())
    }

    pub(crate) fn file(&mut self, name: &str, file: &FilePart) {
        let file_name = Some(file.file_name.as_deref().unwrap_or(name));
        let media = file
            .content_type
            .as_deref()
            .unwrap_or("application/octet-stream");
        self.part(name, file_name, Some(media), &file.bytes);
    }

    fn part(&mut self, name: &str, file_name: Option<&str>, media: Option<&str>, content: &[u8]) {
        let b = &mut self.bytes;
        b.extend_from_slice(
            format!(
                "--{}\r\nContent-Disposition: form-data; name=\"{}\"",
                self.boundary,
                quoted(name)
            )
            .as_bytes(),
        );
        if let Some(f) = file_name {
            b.extend_from_slice(format!("; filename=\"{}\"", quoted(f)).as_bytes());
        }
        b.extend_from_slice(b"\r\n");
        if let Some(m) = media {
            b.extend_from_slice(format!("Content-Type: {m}\r\n").as_bytes());
        }
        b.extend_from_slice(b"\r\n");
        b.extend_from_slice(content);
        b.extend_from_slice(b"\r\n");
    }
}

/// A name inside a quoted header parameter: quotes and line breaks percent-encoded, as
/// browsers send them (WHATWG HTML, multipart/form-data encoding).
fn quoted(name: &str) -> String {
    name.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

impl ApiRequest {
    pub(crate) fn multipart(&mut self, form: Form) {
        let Form {
            boundary,
            mut bytes,
        } = form;
        bytes.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        self.body = Some(Body {
            bytes,
            content_type: format!("multipart/form-data; boundary={boundary}"),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_framed_by_the_boundary() {
        let mut form = Form::new();
        let boundary = form.boundary.clone();
        form.text("title", &"a \"cat\"");
        form.file(
            "image",
            &FilePart::new(vec![0, 159, 146, 150])
                .file_name("cat.png")
                .content_type("image/png"),
        );
        let mut request = ApiRequest::new(reqwest::Method::POST, Vec::new());
        request.multipart(form);
        let body = request.body.expect("a body");
        assert_eq!(
            body.content_type,
            format!("multipart/form-data; boundary={boundary}")
        );
        let mut expected = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\na \"cat\"\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"image\"; filename=\"cat.png\"\r\nContent-Type: image/png\r\n\r\n"
        )
        .into_bytes();
        expected.extend_from_slice(&[0, 159, 146, 150]);
        expected.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        assert_eq!(body.bytes, expected);
    }
}
