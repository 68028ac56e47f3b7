//! The corpus of real OpenAPI descriptions, named here by where they come from (repository,
//! commit, path) and their SHA-256, not copied into the repository: their authors' licences
//! differ from ours, and a pinned commit plus a digest names the exact bytes as well as a copy.
//!
//! The suite reads them from `../shared/specs/` when that folder is beside the checkout (this
//! project's CI), and otherwise downloads them once into `target/corpus-specs/`. Either way every
//! file is checked against its digest, so a test never runs on other bytes than the ones named.
//! `CORPUS_MIRROR` replaces the download base (files are fetched from
//! `$CORPUS_MIRROR/<owner>/<repo>/<commit>/<path>`, the layout of GitHub's raw file host).
//!
//! Descriptions published in npm packages ([`PACKAGED`]) are named by package, exact version,
//! path in the package and SHA-256, and fetched with `npm pack` (which the contract tests need
//! already) into `target/corpus-specs/`. While there are any, that folder holds the whole
//! corpus: the files of `../shared/specs/` are copied there, each checked against its digest.

use std::fs::{self, File};
use std::path::{Path, PathBuf};

/// One description of the corpus.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// The name it has in the corpus folder.
    pub file: &'static str,
    /// `owner/repo` on GitHub.
    pub repo: &'static str,
    pub commit: &'static str,
    /// Its path in the repository at that commit.
    pub path: &'static str,
    /// SHA-256 of its bytes, lowercase hex.
    pub sha256: &'static str,
}

/// Where the files are downloaded from unless `CORPUS_MIRROR` says otherwise.
pub const DEFAULT_BASE: &str = "https://raw.githubusercontent.com";

/// The command that retries a failed download, named in its error.
const RETRY: &str = "cargo test -p tests --test corpus";

/// The corpus (the facts of `../shared/specs/SOURCES.md`).
pub const SPECS: &[Spec] = &[
    Spec {
        file: "box.json",
        repo: "box/box-openapi",
        commit: "c9a878a9824344129881392e2b08f7117201e82e",
        path: "openapi.json",
        sha256: "70adf696ed3955729f9c75d11f34658477c0ee143d9ff6252928f5bc0fa6d499",
    },
    Spec {
        file: "discord.json",
        repo: "discord/discord-api-spec",
        commit: "74fda0fad044407ea280043a03ffc9bc64c4e49e",
        path: "specs/openapi.json",
        sha256: "8c1d0707ccdf8e380a86dfba04058820a66435c1b69d5ed82e04dd8c0520dd73",
    },
    Spec {
        file: "petstore-expanded.yaml",
        repo: "OAI/OpenAPI-Specification",
        commit: "46c1076ba6f9a7a09ecaa6b740ab603cf6cc9886",
        path: "_archive_/schemas/v3.0/pass/petstore-expanded.yaml",
        sha256: "b1633b6309c065c43d56be7c659b0f2c4be03be5a4013b7c3f74b32bd33f62eb",
    },
    Spec {
        file: "petstore.yaml",
        repo: "OAI/OpenAPI-Specification",
        commit: "46c1076ba6f9a7a09ecaa6b740ab603cf6cc9886",
        path: "_archive_/schemas/v3.0/pass/petstore.yaml",
        sha256: "598136cb904e17e8eeead51ae33dd8d401fdff455d2d74f3869c4aa5f2742266",
    },
    Spec {
        file: "petstore3.yaml",
        repo: "swagger-api/swagger-petstore",
        commit: "f1ed336a08b18ba4a86c496147c4f546ae965a7b",
        path: "src/main/resources/openapi.yaml",
        sha256: "7c1315ff7d191c2470e1f5fc9c9f7de1c7aacd162f24eaaf0174f88e1b7d9b1d",
    },
    Spec {
        file: "petstore31.yaml",
        repo: "swagger-api/swagger-petstore",
        commit: "5a973d5b7f92464b783e8157d74ded2afdba82bf",
        path: "src/main/webapp/design-first/petstore.yaml",
        sha256: "0e8a66d1598a1853bfde125f5982aef12f040f2925a87a8c18bd096d4e53174e",
    },
    Spec {
        file: "scenario-vendor-swagger-2025-11.yaml",
        repo: "pasie15/scenario.com-mcp-server",
        commit: "e8e620d5303b30121424fd36c005e55c3000722a",
        path: "swagger (1).yaml",
        sha256: "f916ff462217d034b29568bf58e3b0fa28783471b3d4b4df3b46e7ba56d088f3",
    },
    Spec {
        file: "spotify.yaml",
        repo: "sonallux/spotify-web-api",
        commit: "a3369587d22fb1b3fe4aeb4022d67469365695b8",
        path: "fixed-spotify-open-api.yml",
        sha256: "ddeb078a50208d94c4538bd891bec0c9e67c9f3406617a2d887f0a482a4501f4",
    },
    Spec {
        file: "twilio-messaging.json",
        repo: "twilio/twilio-oai",
        commit: "d50069b44ea8cd23141385bdb6db48f16ff75bb5",
        path: "spec/json/twilio_messaging_v1.json",
        sha256: "ef8fb6b6bfee2334d3cad7ca58568a8984165a4337e7dbb1753d1c257a9e8a52",
    },
];

/// A description published in an npm package: the registry keeps each version's files
/// unchanged, so a package and an exact version name the bytes, which the digest checks.
#[derive(Debug, Clone, Copy)]
pub struct Packaged {
    /// The name it has in the corpus folder.
    pub file: &'static str,
    pub package: &'static str,
    pub version: &'static str,
    /// Its path in the package's tarball, under `package/`.
    pub path: &'static str,
    /// SHA-256 of its bytes, lowercase hex.
    pub sha256: &'static str,
}

/// The descriptions of the corpus that come from npm packages, each found by trying a
/// description beyond the first corpus (what each brought to light is in its comment).
pub const PACKAGED: &[Packaged] = &[
    // Figma's REST API (OpenAPI 3.1).
    Packaged {
        file: "figma.yaml",
        package: "@figma/rest-api-spec",
        version: "0.43.0",
        path: "openapi/openapi.yaml",
        sha256: "d0d7f955eecafa8166c8e0dd63ba10cc14c18677903c2b447921ba39eea5d598",
    },
    // Directus (OpenAPI 3.0): `schema: null`.
    Packaged {
        file: "directus.json",
        package: "@directus/specs",
        version: "15.2.0",
        path: "dist/openapi.json",
        sha256: "fd9c209674ca9c7912ce5eacc830537b7e7ec8e9f5c67dbffc4ded4a9bd157e1",
    },
    // ReadMe's examples: every parameter style and place, label and matrix paths included.
    Packaged {
        file: "readme-parameters-style.yaml",
        package: "@readme/oas-examples",
        version: "8.2.2",
        path: "3.0/yaml/parameters-style.yaml",
        sha256: "4cdef68017c2aa631da9403554d98bad01758082d226f8ce39cb542b4304337c",
    },
    // Operations without `responses` (optional in 3.1).
    Packaged {
        file: "readme-schema-types.yaml",
        package: "@readme/oas-examples",
        version: "8.2.2",
        path: "3.1/yaml/schema-types.yaml",
        sha256: "02fee91e4878b28449c3b8b1b4a8c7647dcdf912eb7b3f6485c7b0979a370969",
    },
    // A resource named `http`, like a method of the client.
    Packaged {
        file: "readme-security.yaml",
        package: "@readme/oas-examples",
        version: "8.2.2",
        path: "3.0/yaml/security.yaml",
        sha256: "731396b8089730eaf525f63c185b24b99f986469c959f03d199c896dd366b35b",
    },
];

/// The descriptions whose crates the test command documents (rustdoc, every warning an error)
/// and doc-tests, beside checking every crate; `cargo xtask corpus` does all of them. Documenting
/// all in the test command would add minutes of building to it (the corpus table gives each
/// crate's times), so these are chosen to cover each kind of description and the text rustdoc
/// is most likely to misread. Descriptions split over files are covered by the fixtures of
/// `tests/fixtures/` (`multi/`, `text_refs/`), which the build test documents and doc-tests.
pub const DOCUMENTED_IN_TESTS: &[&str] = &[
    // OpenAPI 3.1 from an npm package; code blocks (six fences) and square brackets (a hundred)
    // in its descriptions: the text that could become a doc test or a broken link.
    "figma.yaml",
    // OpenAPI 3.0; the most HTML in its descriptions (57 tags).
    "spotify.yaml",
    // Swagger 2.0, and one of the big ones (365 types).
    "scenario-vendor-swagger-2025-11.yaml",
];

impl Spec {
    /// Its address under `base` (a mirror with the raw host's layout); the path's characters
    /// that a URL cannot hold (a space, in one of them) are percent-encoded.
    pub fn url(&self, base: &str) -> String {
        let mut path = String::new();
        for byte in self.path.bytes() {
            match byte {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                    path.push(byte as char)
                }
                _ => path.push_str(&format!("%{byte:02X}")),
            }
        }
        format!(
            "{}/{}/{}/{path}",
            base.trim_end_matches('/'),
            self.repo,
            self.commit
        )
    }

    /// Fails unless `bytes` are the ones this spec names.
    fn check(&self, bytes: &[u8], from: &str) -> Result<(), String> {
        let found = sha256(bytes);
        match found == self.sha256 {
            true => Ok(()),
            false => Err(format!(
                "{} from {from} has SHA-256 {found}, not {}: these are not the bytes the corpus names",
                self.file, self.sha256
            )),
        }
    }
}

/// The lowercase hex SHA-256 of `bytes` (ring is already in the graph, through rustls).
pub fn sha256(bytes: &[u8]) -> String {
    ring::digest::digest(&ring::digest::SHA256, bytes)
        .as_ref()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The folder holding the whole corpus, every file checked against its digest: `../shared/specs/`
/// when it is there, otherwise `target/corpus-specs/`, downloaded into once from
/// `CORPUS_MIRROR` or GitHub's raw host.
pub fn folder() -> Result<PathBuf, String> {
    let shared = crate::shared().join("specs");
    let cache = crate::root().join("target/corpus-specs");
    if shared.is_dir() {
        for spec in SPECS {
            let path = shared.join(spec.file);
            let bytes =
                fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            spec.check(&bytes, &path.display().to_string())?;
        }
        if PACKAGED.is_empty() {
            return Ok(shared);
        }
        copy_into(&cache, &shared, SPECS)?;
    } else {
        let base = std::env::var("CORPUS_MIRROR").unwrap_or_else(|_| DEFAULT_BASE.to_string());
        fetch_into(&cache, &base, SPECS)?;
    }
    unpack_into(&cache, PACKAGED)?;
    Ok(cache)
}

/// Holds the download lock of `dir` (created if need be) while `f` runs: test binaries running
/// side by side share the folder.
fn locked<T>(dir: &Path, f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let lock_path = dir.join(".download.lock");
    let lock = File::create(&lock_path)
        .map_err(|e| format!("cannot create {}: {e}", lock_path.display()))?;
    fs4::FileExt::lock(&lock).map_err(|e| format!("cannot lock {}: {e}", lock_path.display()))?;
    f()
}

/// Writes `bytes` as `dir/file`, aside first then renamed, so an interrupted run never leaves
/// half a file.
fn put(dir: &Path, file: &str, bytes: &[u8]) -> Result<(), String> {
    let partial = dir.join(format!("{file}.part"));
    fs::write(&partial, bytes).map_err(|e| format!("cannot write {}: {e}", partial.display()))?;
    fs::rename(&partial, dir.join(file))
        .map_err(|e| format!("cannot rename {}: {e}", partial.display()))
}

/// Whether `dir/file` is there with the bytes of `sha256`.
fn present(dir: &Path, file: &str, sha256_hex: &str) -> bool {
    fs::read(dir.join(file)).is_ok_and(|bytes| sha256(&bytes) == sha256_hex)
}

/// Copies the specs of `from` (already checked) that `dir` lacks or holds other bytes of.
fn copy_into(dir: &Path, from: &Path, specs: &[Spec]) -> Result<(), String> {
    locked(dir, || {
        for spec in specs.iter().filter(|s| !present(dir, s.file, s.sha256)) {
            let path = from.join(spec.file);
            let bytes =
                fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            put(dir, spec.file, &bytes)?;
        }
        Ok(())
    })
}

/// Makes `dir` hold every packaged description with the right bytes: each missing one is
/// taken from its package, fetched by `npm pack` (from the registry npm is set up with) and
/// unpacked by `tar`.
pub fn unpack_into(dir: &Path, packaged: &[Packaged]) -> Result<(), String> {
    locked(dir, || {
        for p in packaged.iter().filter(|p| !present(dir, p.file, p.sha256)) {
            let bytes = unpack(dir, p)?;
            let found = sha256(&bytes);
            if found != p.sha256 {
                return Err(format!(
                    "{} from {}@{} has SHA-256 {found}, not {}: these are not the bytes the corpus names",
                    p.file, p.package, p.version, p.sha256
                ));
            }
            put(dir, p.file, &bytes)?;
        }
        Ok(())
    })
}

/// The bytes of one packaged description, through a scratch folder of `dir`.
fn unpack(dir: &Path, p: &Packaged) -> Result<Vec<u8>, String> {
    let scratch = dir.join(format!(".unpack-{}.d", p.file));
    let _ = fs::remove_dir_all(&scratch);
    fs::create_dir_all(&scratch)
        .map_err(|e| format!("cannot create {}: {e}", scratch.display()))?;
    let run = |program: &str, args: &[&str]| -> Result<String, String> {
        let out = std::process::Command::new(program)
            .args(args)
            .current_dir(&scratch)
            .output()
            .map_err(|e| format!("cannot run {program}: {e}"))?;
        match out.status.success() {
            true => Ok(String::from_utf8_lossy(&out.stdout).trim().to_string()),
            false => Err(format!(
                "`{program} {}` failed: {}",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr).trim()
            )),
        }
    };
    let spec = format!("{}@{}", p.package, p.version);
    let fetched = run("npm", &["pack", &spec, "--silent"]).and_then(|tarball| {
        let tarball = tarball.lines().last().unwrap_or_default().to_string();
        let inner = format!("package/{}", p.path);
        run("tar", &["-xzf", &tarball, &inner])?;
        fs::read(scratch.join(&inner)).map_err(|e| format!("cannot read {inner}: {e}"))
    });
    let _ = fs::remove_dir_all(&scratch);
    fetched.map_err(|e| {
        format!(
            "cannot take the corpus description {} from the npm package {spec}: {e}. Retry with `{RETRY}`.",
            p.file
        )
    })
}

/// Makes `dir` hold every spec of `specs` with the right bytes, downloading from `base` those
/// missing or different. Test binaries running side by side share the folder: a file lock
/// makes them download once.
pub fn fetch_into(dir: &Path, base: &str, specs: &[Spec]) -> Result<(), String> {
    locked(dir, || fetch_missing(dir, base, specs))
}

fn fetch_missing(dir: &Path, base: &str, specs: &[Spec]) -> Result<(), String> {
    let missing: Vec<&Spec> = specs
        .iter()
        .filter(|s| !present(dir, s.file, s.sha256))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start a runtime to download the corpus: {e}"))?;
    runtime.block_on(async {
        let http = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(120))
            .build()
            .map_err(|e| format!("cannot build an HTTP client: {e}"))?;
        for spec in missing {
            let url = spec.url(base);
            let bytes = download(&http, &url).await.map_err(|e| {
                format!(
                    "cannot download the corpus description {} from {url}: {e}. Retry with \
                     `{RETRY}`; set CORPUS_MIRROR to fetch from a mirror with the layout \
                     <owner>/<repo>/<commit>/<path>, or put the files in ../shared/specs/.",
                    spec.file
                )
            })?;
            spec.check(&bytes, &url)?;
            put(dir, spec.file, &bytes)?;
        }
        Ok(())
    })
}

async fn download(http: &reqwest::Client, url: &str) -> Result<Vec<u8>, String> {
    let response = http.get(url).send().await.map_err(|e| {
        let mut text = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(cause) = source {
            text.push_str(&format!(": {cause}"));
            source = cause.source();
        }
        text
    })?;
    let status = response.status();
    if !status.is_success() {
        return Err(format!("HTTP {status}"));
    }
    let bytes = response.bytes().await.map_err(|e| e.to_string())?;
    Ok(bytes.to_vec())
}
