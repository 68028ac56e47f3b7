//! `cargo xtask models refresh MODEL_ID…`: fetches the current record of each model from the
//! API with the SDK's own client and writes it to `schema/models/<id>.json`, in the shape the
//! API sends (the committed records have that shape, so a refresh shows as a plain diff).
//!
//! It lives in the tests crate, which depends on the generated SDK, so that the generator
//! (xtask) never does: a broken `generated/` must not stop `cargo xtask codegen` from building.
//! Exit codes: 0 done, 1 a model could not be fetched or written, 2 the command line or the
//! environment is incomplete.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use scenario_sdk::models::ModelResponse;
use scenario_sdk::{Client, ENV_API_KEY, ENV_API_SECRET, ENV_BASE_URL};

const USAGE: &str = "\
usage: cargo xtask models refresh MODEL_ID... [--out DIR]

  refresh    fetch each model's record (GET /models/{id}) and write DIR/<id>.json
  --out DIR  where to write the records (default: schema/models/)

Credentials come from the environment, as Client::from_env reads them: SCENARIO_SDK_API_KEY and
SCENARIO_SDK_API_SECRET, and SCENARIO_SDK_BASE_URL for another server than the API's.";

struct Args {
    ids: Vec<String>,
    out: PathBuf,
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    match args.next().as_deref() {
        Some("refresh") => {}
        Some(other) => return Err(format!("unknown command `{other}`")),
        None => return Err("no command given".into()),
    }
    let mut parsed = Args {
        ids: Vec::new(),
        out: tests::root().join("schema/models"),
    };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--out" => parsed.out = args.next().ok_or("`--out` needs a value")?.into(),
            "-h" | "--help" => return Err(String::new()),
            flag if flag.starts_with('-') => return Err(format!("unknown argument `{flag}`")),
            id => {
                // The id names a file: nothing that could lead out of the folder.
                let safe = id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
                    && !id.starts_with('.');
                if !safe {
                    return Err(format!(
                        "`{id}` is not a model id (letters, digits, `-`, `_` and `.`)"
                    ));
                }
                parsed.ids.push(id.to_string());
            }
        }
    }
    if parsed.ids.is_empty() {
        return Err("`refresh` needs at least one model id".into());
    }
    Ok(parsed)
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(e) if e.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("error: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let missing: Vec<&str> = [ENV_API_KEY, ENV_API_SECRET]
        .into_iter()
        .filter(|name| std::env::var_os(name).is_none())
        .collect();
    if !missing.is_empty() {
        eprintln!(
            "error: set {} to fetch model records (the API key and secret of a Scenario \
             project; {ENV_BASE_URL} points at another server)",
            missing.join(" and ")
        );
        return ExitCode::from(2);
    }
    let client = match Client::from_env() {
        Ok(client) => client,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let mut failed = 0;
    for id in &args.ids {
        match refresh(&client, id, &args.out).await {
            Ok((path, inputs)) => println!("{}: {inputs} inputs", path.display()),
            Err(e) => {
                eprintln!("error: {id}: {e}");
                failed += 1;
            }
        }
    }
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Fetches one record and writes it; returns the file and the number of inputs it lists.
async fn refresh(client: &Client, id: &str, out: &Path) -> Result<(PathBuf, usize), String> {
    let record = client
        .models()
        .retrieve_record(id)
        .await
        .map_err(|e| e.to_string())?;
    // A record the SDK cannot read is not written: the check and the typed inputs read these
    // files through the same types.
    let typed: ModelResponse = serde_json::from_value(record.clone())
        .map_err(|e| format!("the record does not decode as a model: {e}"))?;
    let inputs = typed.model.inputs.map_or(0, |i| i.len());
    let mut text = serde_json::to_string_pretty(&record).map_err(|e| e.to_string())?;
    text.push('\n');
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let path = out.join(format!("{id}.json"));
    std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok((path, inputs))
}
