//! What is being generated beyond what the description says: the package, and for the
//! Scenario SDK its hand-written parts. Read by the passes (credential variables are named after
//! the package, the job model is looked up) and by emit.

use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct Target {
    /// The package name, e.g. `scenario-sdk`.
    pub crate_name: String,
    pub version: String,
    /// How the description is named in generated headers, e.g. `schema/scenario.yaml`.
    pub schema_label: String,
    /// A maintainer-written usage section for the README (Markdown with Rust examples).
    pub usage: Option<String>,
    /// Hand-written modules for this API alone (file name, source), copied as they are and
    /// re-exported from the crate root.
    pub extensions: Vec<(String, String)>,
    /// The schema that jobs are, for the `wait` helpers of an API that runs jobs.
    pub job_model: Option<String>,
    /// Records of models (`{"model": {...}}`, as `GET /models/{modelId}` answers), each as
    /// (the file as messages name it, its text): each becomes a typed input of `inputs`.
    pub model_records: Vec<(String, String)>,
}

impl Target {
    /// What the first line of every generated file says, inside the comment syntax of its
    /// kind: that codegen made it, from which description.
    pub fn header_line(&self) -> String {
        format!(
            "{} from {}. Do not edit by hand.",
            crate::write::MARK,
            self.schema_label
        )
    }

    /// A crate from any description: only what the description says.
    pub fn new(crate_name: impl Into<String>, schema_label: impl Into<String>) -> Target {
        Target {
            crate_name: crate_name.into(),
            version: "0.1.0".into(),
            schema_label: schema_label.into(),
            usage: None,
            extensions: Vec::new(),
            job_model: None,
            model_records: Vec::new(),
        }
    }

    /// The Scenario SDK, from the workspace at `root`: `schema/scenario.yaml` with the
    /// hand-written parts of `templates/extensions/scenario-sdk/` and `templates/usage/`, and
    /// generations that run as jobs of the `Job` schema.
    pub fn scenario(root: &Path) -> Result<Target, String> {
        let mut target = Target::new("scenario-sdk", "schema/scenario.yaml");
        let folder = root.join("templates/extensions").join(&target.crate_name);
        target.extensions = read_files(&folder, "rs")?;
        let read = |p: &Path| {
            std::fs::read_to_string(p).map_err(|e| format!("cannot read {}: {e}", p.display()))
        };
        target.usage = Some(read(
            &root
                .join("templates/usage")
                .join(format!("{}.md", target.crate_name)),
        )?);
        target.job_model = Some("Job".into());
        target.model_records = model_records(root, Path::new("schema/models"))?;
        Ok(target)
    }
}

/// The `.json` files of `folder` (relative to `root`), in name order, each named by its path
/// from `root`: the model records that typed inputs are generated from.
pub fn model_records(root: &Path, folder: &Path) -> Result<Vec<(String, String)>, String> {
    let files = read_files(&root.join(folder), "json")?;
    let shown = |name: String| folder.join(name).to_string_lossy().replace('\\', "/");
    Ok(files
        .into_iter()
        .map(|(n, text)| (shown(n), text))
        .collect())
}

/// The files of `dir` whose names end in `.ext`, in name order: (file name, text).
fn read_files(dir: &Path, ext: &str) -> Result<Vec<(String, String)>, String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            Ok((name, text))
        })
        .collect()
}
