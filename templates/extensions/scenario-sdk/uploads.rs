//! Uploading files, the two ways the API offers.
//!
//! Small files go inline: POST /assets takes the file base64-encoded inside its JSON body, which
//! [`Assets::upload_bytes`] and [`Assets::upload_file`] build. Large files, and files that become
//! models, audio, video or 3D, go through /uploads: the API hands out one presigned URL per part,
//! the parts are PUT there (straight to storage, without the API's credentials), and a final
//! `complete` action lets the API assemble and check the file. [`Uploads::upload`] runs that flow
//! and [`Uploads::wait`] follows the upload until the API has imported it.

use std::fmt;
use std::path::Path;

use base64::Engine as _;

use crate::WaitOptions;
use crate::error::Error;
use crate::jobs::{JobError, JobOutcome};
use crate::models::{
    Upload, UploadActionRequestAction, UploadAssetOptions, UploadKind, UploadPart, UploadStatus,
};
use crate::request::ApiResponse;
use crate::resources::assets::{Assets, CreateBuilder};
use crate::resources::uploads::Uploads;
use crate::wait::{Poller, Stop, deadline_exceeded};

/// The part size used unless [`FileUpload::part_size`] says otherwise: 10 MiB, well above the
/// 5 MiB that multipart storage needs for every part but the last.
pub const DEFAULT_PART_SIZE: usize = 10 * 1024 * 1024;

/// The most parts the API accepts for one upload.
pub const MAX_PARTS: usize = 10_000;

impl<'c> Assets<'c> {
    /// A new asset from the bytes of a file, sent base64-encoded in the JSON body of
    /// POST /assets. The request is sent when the returned builder is awaited, so its options
    /// (`project_id`, `original_assets`, timeouts) can still be set.
    ///
    /// The whole file travels in one JSON body: for files beyond a few megabytes, and for
    /// video, audio and 3D, use [`Uploads::upload`].
    pub fn upload_bytes(
        &self,
        bytes: impl AsRef<[u8]>,
        name: impl Into<String>,
    ) -> CreateBuilder<'c> {
        self.create()
            .name(name)
            .image(base64::engine::general_purpose::STANDARD.encode(bytes.as_ref()))
    }

    /// Like [`Assets::upload_bytes`], with the bytes and the name of the file at `path`.
    ///
    /// The file is read at once, before anything is sent; a file that cannot be read gives
    /// [`Error::InvalidRequest`] naming the path.
    pub fn upload_file(&self, path: impl AsRef<Path>) -> Result<CreateBuilder<'c>, Error> {
        let (bytes, name) = read_file(path.as_ref())?;
        Ok(self.upload_bytes(bytes, name))
    }
}

/// The contents of a file and its name, or the reason they cannot be had.
fn read_file(path: &Path) -> Result<(Vec<u8>, String), Error> {
    let refused = |message: String| Error::InvalidRequest {
        field: path.display().to_string(),
        message,
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| refused("the path does not name a file".to_string()))?;
    let bytes = std::fs::read(path).map_err(|e| refused(format!("cannot read the file: {e}")))?;
    Ok((bytes, name))
}

/// A file to send through /uploads, with what it should become.
#[derive(Clone)]
pub struct FileUpload {
    bytes: Vec<u8>,
    file_name: String,
    content_type: String,
    kind: UploadKind,
    part_size: usize,
    asset_options: Option<UploadAssetOptions>,
    http: Option<reqwest::Client>,
}

impl fmt::Debug for FileUpload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FileUpload")
            .field("bytes", &format_args!("{} bytes", self.bytes.len()))
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("kind", &self.kind)
            .field("part_size", &self.part_size)
            .field("asset_options", &self.asset_options)
            .finish_non_exhaustive()
    }
}

impl FileUpload {
    /// A file given by its bytes, its name, its MIME type (such as `model/gltf-binary`) and
    /// what it becomes once imported.
    pub fn new(
        bytes: impl Into<Vec<u8>>,
        file_name: impl Into<String>,
        content_type: impl Into<String>,
        kind: UploadKind,
    ) -> Self {
        FileUpload {
            bytes: bytes.into(),
            file_name: file_name.into(),
            content_type: content_type.into(),
            kind,
            part_size: DEFAULT_PART_SIZE,
            asset_options: None,
            http: None,
        }
    }

    /// The file at `path`, read at once; a file that cannot be read gives
    /// [`Error::InvalidRequest`] naming the path.
    pub fn from_path(
        path: impl AsRef<Path>,
        content_type: impl Into<String>,
        kind: UploadKind,
    ) -> Result<Self, Error> {
        let (bytes, name) = read_file(path.as_ref())?;
        Ok(FileUpload::new(bytes, name, content_type, kind))
    }

    /// The size of each part but the last; [`DEFAULT_PART_SIZE`] unless set.
    pub fn part_size(mut self, bytes: usize) -> Self {
        self.part_size = bytes;
        self
    }

    /// Settings of the asset the upload creates (hidden, collections, parent).
    pub fn asset_options(mut self, options: UploadAssetOptions) -> Self {
        self.asset_options = Some(options);
        self
    }

    /// The HTTP client that PUTs the parts to storage. By default the SDK client's own
    /// connection pool (and its per-attempt timeout), without the API's credentials or default
    /// headers, which the SDK adds per request to the API only.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// The byte ranges of the parts, in order; an empty file is one empty part.
    fn chunks(&self) -> Result<Vec<&[u8]>, Error> {
        if self.part_size == 0 {
            return Err(Error::InvalidRequest {
                field: "part_size".into(),
                message: "must be at least 1 byte".into(),
            });
        }
        let chunks: Vec<&[u8]> = if self.bytes.is_empty() {
            vec![&[][..]]
        } else {
            self.bytes.chunks(self.part_size).collect()
        };
        if chunks.len() > MAX_PARTS {
            return Err(Error::InvalidRequest {
                field: "part_size".into(),
                message: format!(
                    "{} bytes in parts of {} make {} parts; the API takes at most {MAX_PARTS}",
                    self.bytes.len(),
                    self.part_size,
                    chunks.len()
                ),
            });
        }
        Ok(chunks)
    }
}

impl<'c> Uploads<'c> {
    /// Sends a file through /uploads: creates the upload, PUTs each part to the presigned URL
    /// the API returned for it, then completes the upload. Returns the upload as the complete
    /// action left it; [`Uploads::wait`] follows it until the API has imported the file.
    ///
    /// A part that storage refuses ends the upload with [`Error::Api`], carrying storage's
    /// status and body; the upload then stays pending on the API's side and is not completed.
    pub async fn upload(&self, file: FileUpload) -> Result<Upload, Error> {
        let chunks = file.chunks()?;
        // The SDK client's pool and per-attempt timeout, but none of its headers: storage's
        // presigned URLs carry their own authorization.
        let http = file
            .http
            .clone()
            .unwrap_or_else(|| self.client().http().clone());
        let timeout = self.client().timeout();
        let mut create = self
            .create()
            .file_name(&file.file_name)
            .file_size(file.bytes.len() as i64)
            .content_type(&file.content_type)
            .kind(file.kind.clone())
            .parts(chunks.len() as i32);
        if let Some(options) = &file.asset_options {
            create = create.asset_options(options.clone());
        }
        let created = create.await?.upload;
        let parts = part_urls(&created, chunks.len())?;
        for (part, chunk) in parts.iter().zip(chunks) {
            put_part(
                &http,
                timeout,
                self.client().max_response_size(),
                part,
                chunk,
            )
            .await?;
        }
        let completed = self
            .action(created.id.clone())
            .action(UploadActionRequestAction::Complete)
            .await?;
        Ok(completed.upload)
    }

    /// Polls the upload until the API has imported the file (status `imported`, with the ID
    /// of the new asset or model in `entity_id`) and returns it. A failed upload, and the
    /// deadline of `options`, give [`Error::Job`] with the upload's job ID (or its own ID when
    /// it has no job) and the API's error message. Polls are scheduled as
    /// [`Jobs::wait`](crate::resources::jobs::Jobs::wait)'s are: transient failures are polled
    /// through, and the wait returns by its deadline plus [`DEADLINE_MARGIN`](crate::DEADLINE_MARGIN).
    pub async fn wait(
        &self,
        upload_id: impl Into<String>,
        options: WaitOptions,
    ) -> Result<Upload, Error> {
        let upload_id = upload_id.into();
        let mut poller = Poller::new(&options);
        let mut last: Option<Upload> = None;
        loop {
            let polled = poller
                .next(|| self.retrieve(upload_id.clone()).max_retries(0).send())
                .await;
            let upload = match polled {
                Ok(response) => response.upload,
                Err(Stop::Failed(e)) => return Err(e),
                Err(Stop::Deadline(last_error)) => {
                    let id = last
                        .and_then(|u| u.job_id)
                        .unwrap_or_else(|| upload_id.clone());
                    return Err(deadline_exceeded(id, None, last_error));
                }
            };
            match upload.status {
                UploadStatus::Imported => return Ok(upload),
                UploadStatus::Failed => {
                    return Err(Error::Job(Box::new(JobError {
                        outcome: JobOutcome::Failed {
                            message: upload.error_message.clone(),
                            hint: None,
                        },
                        job_id: upload.job_id.clone().unwrap_or_else(|| upload.id.clone()),
                        job: None,
                        last_error: None,
                    })));
                }
                _ => last = Some(upload),
            }
        }
    }
}

/// The presigned URLs of an upload in part order, checked against the number of parts asked for.
fn part_urls(upload: &Upload, expected: usize) -> Result<Vec<UploadPart>, Error> {
    let mut parts = upload.parts.clone().unwrap_or_default();
    parts.sort_by_key(|p| p.number);
    let numbers: Vec<i32> = parts.iter().map(|p| p.number).collect();
    let wanted: Vec<i32> = (1..=expected as i32).collect();
    if numbers != wanted {
        return Err(Error::Decode {
            status: 200,
            path: "upload.parts".into(),
            message: format!(
                "expected presigned URLs for parts 1 to {expected}, got parts {numbers:?}"
            ),
            excerpt: String::new(),
        });
    }
    Ok(parts)
}

/// PUTs one part to storage; a refusal becomes [`Error::Api`] with storage's status and body.
async fn put_part(
    http: &reqwest::Client,
    timeout: Option<std::time::Duration>,
    max_response_size: u64,
    part: &UploadPart,
    chunk: &[u8],
) -> Result<(), Error> {
    let mut request = http.put(&part.url).body(chunk.to_vec());
    if let Some(timeout) = timeout {
        request = request.timeout(timeout);
    }
    let response = request.send().await.map_err(Error::from_transport)?;
    let response = ApiResponse::read(response, max_response_size).await?;
    if response.is_success() {
        Ok(())
    } else {
        Err(response.into_api_error())
    }
}
