//! A one-request HTTP server for the fixture crates' socket tests, copied into each fixture
//! crate that has tests as `tests/support/socket.rs` by `tests/tests/builds.rs`.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// What the server read: the request head (request line and headers) and the body.
pub struct Seen {
    pub head: String,
    pub body: Vec<u8>,
}

impl Seen {
    pub fn line(&self) -> &str {
        self.head.lines().next().unwrap_or_default()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|l| {
            let (n, v) = l.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }
}

/// Answers one request with `status`, `content_type` and `body`, and returns the base URL of
/// that server (`/v2` under it) and what it read.
pub async fn serve_once(
    status: u16,
    content_type: &str,
    body: &[u8],
) -> (String, tokio::task::JoinHandle<Seen>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/v2", listener.local_addr().unwrap());
    let answer = [
        format!("HTTP/1.1 {status} X\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n", body.len()).into_bytes(),
        body.to_vec(),
    ]
    .concat();
    let server = tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut read = Vec::new();
        let mut buf = [0u8; 4096];
        let head_end = loop {
            let n = socket.read(&mut buf).await.unwrap();
            assert!(n > 0, "the client closed before the end of its request");
            read.extend_from_slice(&buf[..n]);
            if let Some(end) = read.windows(4).position(|w| w == b"\r\n\r\n") {
                break end + 4;
            }
        };
        let head = String::from_utf8(read[..head_end].to_vec()).unwrap();
        let seen = Seen {
            head,
            body: Vec::new(),
        };
        let length: usize = seen
            .header("content-length")
            .map(|v| v.parse().unwrap())
            .unwrap_or(0);
        while read.len() < head_end + length {
            let n = socket.read(&mut buf).await.unwrap();
            read.extend_from_slice(&buf[..n]);
        }
        socket.write_all(&answer).await.unwrap();
        Seen {
            body: read[head_end..].to_vec(),
            ..seen
        }
    });
    (url, server)
}
