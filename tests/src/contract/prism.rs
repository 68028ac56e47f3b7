//! A Prism mock server (`prism mock --errors --dynamic`) serving a description on a free loopback
//! port, stopped when dropped, even by a panicking test.
//!
//! Prism checks every request against the description: a request that breaks it is answered 422
//! (or 401 without credentials) and logged as a `Violation:`. Its answers to valid requests are
//! random documents of the response schema (json-schema-faker), reproducible with a seed per
//! request: the header `Prefer: dynamic=true, seed=N`, to which `code=NNN` picks a status.
//!
//! Prism is told to log only warnings and errors; each violation, of a request or of its own
//! response, is one line of that log, which [`Prism::complaints`] returns.
//!
//! Dropping a [`Prism`] kills it. So that none outlives a test process killed before it could
//! drop anything, Prism also exits when its standard input, a pipe from the test process, closes
//! (`tests/contract/stop-with-parent.js`).

use std::io::{BufRead, BufReader, Read};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long Prism may take to load the description and listen (about 1 s on an idle machine).
const STARTUP: Duration = Duration::from_secs(60);

/// Attempts at starting, in case another process takes the free port before Prism binds it.
const ATTEMPTS: usize = 3;

/// Settings of json-schema-faker, given to Prism through the description's
/// `x-json-schema-faker` extension in the copy it serves. Prism fills every optional property
/// and up to 5 items per array; with the Job schema's nested workflow inputs (arrays of arrays of
/// inputs that hold inputs) that makes responses of up to 13 MB taking 15 s each. One item per
/// array keeps responses to a few KB while still filling every property of every schema met.
fn faker_settings() -> Value {
    json!({ "max-items": 1 })
}

/// A running Prism; dropping it kills the process.
pub struct Prism {
    child: Child,
    /// Prism's standard input: it exits when this closes.
    stdin: Option<ChildStdin>,
    base_url: String,
    log: Arc<Mutex<Vec<String>>>,
    readers: Vec<JoinHandle<()>>,
    /// The copy served, removed with the server (kept over failed attempts, which reuse it).
    served: Option<PathBuf>,
}

impl Prism {
    /// Serves `description` (YAML or JSON) and returns once Prism accepts connections. Panics,
    /// with Prism's output, when it does not start.
    pub fn start(description: &Path) -> Prism {
        let served = served_copy(description);
        let mut last_log = String::new();
        for _ in 0..ATTEMPTS {
            let mut prism = Prism::spawn(&served);
            match prism.wait_until_listening() {
                Ok(()) => {
                    prism.served = Some(served);
                    return prism;
                }
                Err(log) => last_log = log,
            }
        }
        let _ = std::fs::remove_file(&served);
        panic!(
            "Prism did not start serving {} after {ATTEMPTS} attempts; its last output:\n{last_log}",
            description.display()
        );
    }

    fn spawn(served: &Path) -> Prism {
        let port = free_port();
        let prism = super::install::tools().join("prism");
        let mut child = Command::new("node")
            .arg("--require")
            .arg(super::install::tools_dir().join("stop-with-parent.js"))
            .arg(&prism)
            .args(["mock", "--host", "127.0.0.1", "--port", &port.to_string()])
            .args(["--dynamic", "--errors", "--verboseLevel", "warn"])
            .arg(served)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot run `node {}` (Node.js must be on the PATH): {e}",
                    prism.display()
                )
            });
        let log = Arc::new(Mutex::new(Vec::new()));
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().expect("stdout is piped");
        let stderr = child.stderr.take().expect("stderr is piped");
        let readers = vec![
            collect_lines(stdout, Arc::clone(&log)),
            collect_lines(stderr, Arc::clone(&log)),
        ];
        Prism {
            child,
            stdin,
            base_url: format!("http://127.0.0.1:{port}"),
            log,
            readers,
            served: None,
        }
    }

    /// `Err` with the log when Prism exits or stays silent past [`STARTUP`].
    fn wait_until_listening(&mut self) -> Result<(), String> {
        let address: SocketAddr = self.base_url["http://".len()..]
            .parse()
            .expect("an IP address and a port");
        let deadline = Instant::now() + STARTUP;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                // Give the readers the last lines before reporting them.
                std::thread::sleep(Duration::from_millis(100));
                return Err(format!("(exited with {status})\n{}", self.log()));
            }
            if TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_ok() {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("(not listening after {STARTUP:?})\n{}", self.log()));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The server's address, as a base URL for the client.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Everything Prism logged so far.
    pub fn log(&self) -> String {
        self.log
            .lock()
            .expect("no reader panics while holding the log")
            .join("\n")
    }

    /// The warnings and errors Prism logged so far: each violation of the description by a
    /// request or by Prism's own response, and each request it could not route. Less
    /// [`EMPTY_BODY_NOTICE`], which is no complaint.
    pub fn complaints(&self) -> Vec<String> {
        let log = self
            .log
            .lock()
            .expect("no reader panics while holding the log");
        log.iter()
            .filter(|line| line.contains(" warning ") || line.contains(" error "))
            .filter(|line| !line.ends_with(EMPTY_BODY_NOTICE))
            .cloned()
            .collect()
    }
}

/// The warning Prism logs when it answers with an empty body a client that accepts anything
/// (reqwest's default `Accept: */*`). With `*/*`, any documented media type would have matched,
/// so Prism says this only of a response that documents no body at all (the `delete` operations'
/// 200): the empty answer is the documented one. A request that accepts a media type the
/// response lacks is refused with 406 instead, which fails its call.
const EMPTY_BODY_NOTICE: &str = "[NEGOTIATOR] ⚠  warning   Unable to find content for */*";

impl Drop for Prism {
    fn drop(&mut self) {
        drop(self.stdin.take());
        // Killing an exited process fails harmlessly; waiting reaps it either way.
        let _ = self.child.kill();
        let _ = self.child.wait();
        for reader in self.readers.drain(..) {
            let _ = reader.join();
        }
        if let Some(served) = &self.served {
            let _ = std::fs::remove_file(served);
        }
    }
}

/// A port nobody listens on now. Another process may take it before Prism binds it, which
/// [`Prism::start`]'s retries cover.
fn free_port() -> u16 {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("a free loopback port");
    listener.local_addr().expect("a bound address").port()
}

/// A JSON copy of `description` with [`faker_settings`] added, in the temporary folder.
fn served_copy(description: &Path) -> PathBuf {
    static COPIES: AtomicUsize = AtomicUsize::new(0);
    let doc = xtask::load::load(description)
        .unwrap_or_else(|d| panic!("cannot load {}: {d:?}", description.display()));
    let mut root = doc.root;
    let Value::Object(fields) = &mut root else {
        panic!("{} is not a mapping", description.display())
    };
    fields.insert("x-json-schema-faker".to_string(), faker_settings());
    let copy = std::env::temp_dir().join(format!(
        "prism-{}-{}-{}.json",
        description
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy(),
        std::process::id(),
        COPIES.fetch_add(1, Ordering::Relaxed)
    ));
    let text = serde_json::to_string(&root).expect("a JSON tree serialises");
    std::fs::write(&copy, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", copy.display()));
    copy
}

fn collect_lines(
    stream: impl Read + Send + 'static,
    log: Arc<Mutex<Vec<String>>>,
) -> JoinHandle<()> {
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            log.lock()
                .expect("no reader panics while holding the log")
                .push(line);
        }
    })
}
