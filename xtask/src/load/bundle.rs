//! References that are not JSON pointers into the same file, made into ones that are, so that
//! every later stage reads one tree:
//!
//! - a schema's `$id` (and `$anchor`) named by a `$ref` (JSON Schema 2020-12, as OpenAPI 3.1
//!   allows): the reference is rewritten to the pointer of that schema ([`local_ids`]);
//! - another file (`other.yaml#/components/schemas/X`, `./dir/pet.json`), relative to the file
//!   that refers to it ([`bundle`]). A component of the other file joins the same section of
//!   this one's `components`; another schema joins `components/schemas` (named by its last
//!   pointer token, or its file's name), after the document's own and in the order of their
//!   names; anything else (a path item, a response) is copied where it is referred to. Each
//!   copied value is recorded in [`Origins`], so diagnostics about it name the other file and
//!   its line.
//!
//! Decided limits, each refused with an error at the `$ref`: no network (`https://...`), no file
//! outside the folder of the description (a description must not read `/etc/passwd` into a
//! generated crate, and builds stay reproducible from the folder alone), and no cycle of copies.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::{Document, refs, refs::holders};
use crate::diagnostics::{Diagnostic, Diagnostics, child, tokens};

/// Rewrites each `$ref` that names a schema's `$id` (`/schemas/pet`, `/schemas/pet#/properties/id`,
/// `/schemas/pet#anchor`, `#anchor`) to that schema's pointer.
pub fn local_ids(root: &mut Value) {
    // Most descriptions declare neither: one look without building a pointer per value.
    if !declares_id_or_anchor(root) {
        return;
    }
    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    let mut anchors: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut todo = vec![(&*root, String::new(), String::new())];
    while let Some((value, pointer, base)) = todo.pop() {
        match value {
            Value::Object(map) => {
                let base = match map.get("$id").and_then(Value::as_str) {
                    Some(id) => {
                        let id = id.trim_end_matches('#').to_string();
                        ids.entry(id.clone()).or_insert_with(|| pointer.clone());
                        id
                    }
                    None => base,
                };
                if let Some(anchor) = map.get("$anchor").and_then(Value::as_str) {
                    anchors
                        .entry((base.clone(), anchor.to_string()))
                        .or_insert_with(|| pointer.clone());
                }
                for (k, v) in map {
                    if !k.starts_with("x-") && k != "example" && k != "examples" {
                        todo.push((v, child(&pointer, k), base.clone()));
                    }
                }
            }
            Value::Array(items) => {
                todo.extend(
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, v)| (v, child(&pointer, &i.to_string()), base.clone())),
                );
            }
            _ => {}
        }
    }
    if ids.is_empty() && anchors.is_empty() {
        return;
    }
    for holder in holders(root, "") {
        let Some(Value::String(r)) = root.pointer_mut(&holder).and_then(|h| h.get_mut("$ref"))
        else {
            continue;
        };
        let (uri, fragment) = r.split_once('#').unwrap_or((r.as_str(), ""));
        let found = match (ids.get(uri), fragment) {
            (Some(at), "") => Some(at.clone()),
            (Some(at), f) if f.starts_with('/') => Some(format!("{at}{f}")),
            (_, f) if !f.is_empty() && !f.starts_with('/') => {
                anchors.get(&(uri.to_string(), f.to_string())).cloned()
            }
            _ => None,
        };
        if let Some(at) = found {
            *r = format!("#{at}");
        }
    }
}

/// The files, other than `file`, that the references in `value` (read from `file`) name,
/// where they exist inside `folder`: what [`Bundler::file`] would read.
fn named_files(value: &Value, file: &Path, folder: &Path) -> Vec<PathBuf> {
    // Each file once: canonicalising a path is a system call per folder on its way.
    let mut uris = BTreeSet::new();
    for holder in holders(value, "") {
        let Some(r) = refs::at(value, &holder)
            .and_then(|h| h.get("$ref"))
            .and_then(Value::as_str)
        else {
            continue;
        };
        let uri = r.split_once('#').map_or(r, |(uri, _)| uri);
        if !uri.is_empty() && !uri.contains("://") {
            uris.insert(uri);
        }
    }
    let mut named = BTreeSet::new();
    for uri in uris {
        let relative = file.parent().unwrap_or(Path::new("")).join(uri);
        if let Ok(found) = std::fs::canonicalize(&relative)
            && found.starts_with(folder)
            && found != file
        {
            named.insert(found);
        }
    }
    named.into_iter().collect()
}

/// Whether any object of `value` (outside extensions and examples, which [`local_ids`] skips
/// too) has a `$id` or an `$anchor`.
fn declares_id_or_anchor(value: &Value) -> bool {
    let mut todo = vec![value];
    while let Some(value) = todo.pop() {
        match value {
            Value::Object(map) => {
                if map.contains_key("$id") || map.contains_key("$anchor") {
                    return true;
                }
                todo.extend(map.iter().filter_map(|(k, v)| {
                    (!k.starts_with("x-") && k != "example" && k != "examples").then_some(v)
                }));
            }
            Value::Array(items) => todo.extend(items),
            _ => {}
        }
    }
    false
}

/// Follows the references of `doc` to other files and copies what they name into it; what goes
/// wrong goes into `doc.reference_errors`, and such a reference is left as written.
pub fn bundle(doc: &mut Document) {
    doc.bundled = true;
    let external: Vec<String> = holders(&doc.root, "")
        .into_iter()
        .filter(|h| {
            refs::at(&doc.root, h)
                .and_then(|v| v.get("$ref"))
                .and_then(Value::as_str)
                .is_some_and(|r| !r.starts_with('#'))
        })
        .collect();
    if external.is_empty() {
        return;
    }
    let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let root_file = canonical(&doc.file);
    let folder = root_file
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let mut b = Bundler {
        shown_folder: doc.file.parent().map(Path::to_path_buf).unwrap_or_default(),
        root_file,
        folder,
        files: BTreeMap::new(),
        read_ahead: BTreeMap::new(),
        canonical: BTreeMap::new(),
        placed: BTreeMap::new(),
        taken: BTreeSet::new(),
        hoisted: Vec::new(),
        copying: Vec::new(),
        depth: 0,
        errors: Diagnostics::default(),
    };
    for (section, names) in doc
        .root
        .get("components")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        for name in names.as_object().into_iter().flat_map(|m| m.keys()) {
            b.taken.insert(child(&child("/components", section), name));
        }
    }
    // A copy to rewrite: references from other files back into this one are checked against
    // the document as written.
    let mut root = doc.root.clone();
    b.read_ahead(&doc.root);
    let origin = Place {
        file: b.root_file.clone(),
        shown: doc.file.clone(),
        pointer: String::new(),
    };
    b.rewrite(&mut root, &external, &origin, "", doc);
    // After the document's own components, by section and name: the order the walk first
    // reached them in would reorder the generated crate whenever a reference moves.
    b.hoisted.sort_by(|x, y| x.0.cmp(&y.0));
    for (at, value) in b.hoisted {
        insert(&mut root, &at, value);
    }
    doc.root = root;
    doc.reference_errors = b.errors.0.into_iter().map(|d| doc.place(d)).collect();
}

/// A place in one of the files: the file (canonical, and as shown in messages) and a pointer.
#[derive(Debug, Clone)]
struct Place {
    file: PathBuf,
    shown: PathBuf,
    pointer: String,
}

/// How deep references to other files may nest (a value copied in that refers to another, and
/// so on): the walk recurses, and a hostile chain of files must not exhaust the stack.
const MAX_NESTING: usize = 64;

/// What a reference becomes: a pointer of this document, or a copy of the value put in its place.
enum Target {
    Local(String),
    Copy(Value),
}

struct Bundler {
    root_file: PathBuf,
    folder: PathBuf,
    /// The folder of the description as the command line named it, to show other files by.
    shown_folder: PathBuf,
    /// The other files read, by canonical path (`None`: it could not be read or parsed).
    files: BTreeMap<PathBuf, Option<Document>>,
    /// Files read before the walk asks for them ([`Bundler::read_ahead`]), as read.
    read_ahead: BTreeMap<PathBuf, Result<Document, Diagnostic>>,
    /// Each path a reference named, canonical (`None`: it does not exist). A description split
    /// into files names the same few files hundreds of times, and canonicalising a path is a
    /// system call per folder on its way.
    canonical: BTreeMap<PathBuf, Option<PathBuf>>,
    /// Where each (file, pointer) already brought in now is.
    placed: BTreeMap<(PathBuf, String), String>,
    /// The component pointers in use.
    taken: BTreeSet<String>,
    /// Components brought in, to add to the document at the end.
    hoisted: Vec<(String, Value)>,
    /// The values being copied, outermost first, to refuse a cycle of copies.
    copying: Vec<(PathBuf, String)>,
    /// How many values are being brought in, one inside the other.
    depth: usize,
    errors: Diagnostics,
}

impl Bundler {
    /// Rewrites the references at `holders` (pointers of `value`, which sits at `local` in the
    /// document and came from `from`) to point into the document.
    fn rewrite(
        &mut self,
        value: &mut Value,
        holders: &[String],
        from: &Place,
        local: &str,
        doc: &mut Document,
    ) {
        for holder in holders {
            let Some(r) = refs::at(value, holder)
                .and_then(|h| h.get("$ref"))
                .and_then(Value::as_str)
                .map(str::to_string)
            else {
                // Inside a value that an earlier reference replaced.
                continue;
            };
            if r.starts_with('#') && from.file == self.root_file {
                continue;
            }
            let at = Place {
                pointer: format!("{}{holder}", from.pointer),
                ..from.clone()
            };
            let here = format!("{local}{holder}");
            match self.target(&r, &at, &here, doc) {
                Some(Target::Local(pointer)) => {
                    if let Some(h) = refs::at_mut(value, holder) {
                        h["$ref"] = Value::String(format!("#{pointer}"));
                    }
                }
                Some(Target::Copy(copy)) => {
                    if let Some(h) = refs::at_mut(value, holder) {
                        *h = copy;
                    }
                }
                None => {}
            }
        }
        self.mappings(value, from, local, doc);
    }

    /// Rewrites the `discriminator.mapping` values of `value` (from `from`, now at `local`)
    /// that name another file (`./Beverage.yaml`), as `$ref`s are: a mapping value is a
    /// reference too, and the schema it names is brought in the same way.
    fn mappings(&mut self, value: &mut Value, from: &Place, local: &str, doc: &mut Document) {
        let mut found = Vec::new();
        let mut todo = vec![(&*value, String::new())];
        while let Some((v, pointer)) = todo.pop() {
            match v {
                Value::Object(map) => {
                    if let Some(Value::Object(mapping)) =
                        map.get("discriminator").and_then(|d| d.get("mapping"))
                    {
                        for (tag, target) in mapping {
                            if let Some(t) = target.as_str().filter(|t| is_file_ref(t)) {
                                let at = child(
                                    &child(&child(&pointer, "discriminator"), "mapping"),
                                    tag,
                                );
                                found.push((at, t.to_string()));
                            }
                        }
                    }
                    for (k, v) in map {
                        if !k.starts_with("x-") && k != "example" && k != "examples" {
                            todo.push((v, child(&pointer, k)));
                        }
                    }
                }
                Value::Array(items) => todo.extend(
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, v)| (v, child(&pointer, &i.to_string()))),
                ),
                _ => {}
            }
        }
        for (holder, r) in found {
            let at = Place {
                pointer: format!("{}{holder}", from.pointer),
                ..from.clone()
            };
            let here = format!("{local}{holder}");
            match self.target(&r, &at, &here, doc) {
                Some(Target::Local(pointer)) => {
                    if let Some(slot) = value.pointer_mut(&holder) {
                        *slot = Value::String(format!("#{pointer}"));
                    }
                }
                Some(Target::Copy(_)) => self.error(
                    &at,
                    format!(
                        "the discriminator mapping `{r}` names no schema that can be a component"
                    ),
                    None,
                ),
                None => {}
            }
        }
    }

    /// What the reference `r`, written at `at` and now at `here` in the document, becomes.
    fn target(&mut self, r: &str, at: &Place, here: &str, doc: &mut Document) -> Option<Target> {
        let (uri, fragment) = r.split_once('#').unwrap_or((r, ""));
        let fragment = fragment.to_string();
        if uri.contains("://") {
            self.error(
                at,
                format!("reference `{r}` is remote: the generator reads no network"),
                Some(
                    "download the file beside the description and refer to it by its relative path",
                ),
            );
            return None;
        }
        if is_text_file(uri) && fragment.is_empty() {
            let file = self.locate(uri, r, at)?;
            return match super::read_text(&self.shown(&file), &file) {
                Ok(text) => Some(Target::Copy(Value::String(text))),
                Err(d) => {
                    self.errors.push(d);
                    None
                }
            };
        }
        let file = if uri.is_empty() {
            at.file.clone()
        } else {
            self.file(uri, r, at)?
        };
        if !fragment.is_empty() && !fragment.starts_with('/') {
            self.error(at, format!("reference `{r}` names the anchor `{fragment}`, which no schema of that file declares with `$anchor`"), None);
            return None;
        }
        if file == self.root_file {
            if refs::at(&doc.root, &fragment).is_some() {
                return Some(Target::Local(fragment));
            }
            self.error(
                at,
                format!(
                    "reference `{r}` does not resolve: `{}` has no `#{fragment}`",
                    doc.file.display()
                ),
                None,
            );
            return None;
        }
        let key = (file.clone(), fragment.clone());
        if let Some(local) = self.placed.get(&key) {
            return Some(Target::Local(local.clone()));
        }
        let other = self.files.get(&file).and_then(Option::as_ref)?;
        let shown = other.file.clone();
        let Some(value) = refs::at(&other.root, &fragment).cloned() else {
            self.error(
                at,
                format!(
                    "reference `{r}` does not resolve: `{}` has no `#{fragment}`",
                    shown.display()
                ),
                None,
            );
            return None;
        };
        if self.depth >= MAX_NESTING {
            self.error(
                at,
                format!("references to other files nest deeper than {MAX_NESTING} levels"),
                None,
            );
            return None;
        }
        let source = std::sync::Arc::clone(&other.source);
        let inner = holders(&value, "");
        let from = Place {
            file: file.clone(),
            shown: shown.clone(),
            pointer: fragment.clone(),
        };
        match section(&fragment, here, &file) {
            Some((section, name)) => {
                let local = self.unique(&section, &name);
                self.placed.insert(key, local.clone());
                let mut value = value;
                self.depth += 1;
                self.rewrite(&mut value, &inner, &from, &local, doc);
                self.depth -= 1;
                doc.origins.copied(local.clone(), &shown, &source, fragment);
                self.hoisted.push((local.clone(), value));
                Some(Target::Local(local))
            }
            None => {
                if let Some(i) = self.copying.iter().position(|k| *k == key) {
                    let chain: Vec<String> = self.copying[i..]
                        .iter()
                        .chain([&key])
                        .map(|(f, p)| format!("{}#{p}", self.shown(f).display()))
                        .collect();
                    self.error(at, format!("references to other files loop: {}", chain.join(" -> ")), Some("a value copied from another file must not contain itself; make it a component"));
                    return None;
                }
                self.copying.push(key);
                let mut value = value;
                self.depth += 1;
                self.rewrite(&mut value, &inner, &from, here, doc);
                self.depth -= 1;
                self.copying.pop();
                doc.origins
                    .copied(here.to_string(), &shown, &source, fragment);
                Some(Target::Copy(value))
            }
        }
    }

    /// Reads the file `uri` names (relative to the file of `at`), once; `None` after an error.
    fn file(&mut self, uri: &str, r: &str, at: &Place) -> Option<PathBuf> {
        let file = self.locate(uri, r, at)?;
        if !self.files.contains_key(&file) {
            let shown = self.shown(&file);
            let read = match self.read_ahead.remove(&file) {
                Some(read) => read,
                None => super::read(&shown, &file),
            };
            let loaded = match read {
                Ok(other) => {
                    for dup in other.source.duplicates() {
                        let d = Diagnostic::new(
                            &shown,
                            &dup.pointer,
                            format!("the key `{}` appears twice in the same mapping", dup.key),
                        )
                        .with_hint(format!(
                            "the first is on line {}; only the last one would be read",
                            dup.first.line
                        ));
                        self.errors.push(other.source.at(d, dup.again));
                    }
                    Some(other)
                }
                Err(d) => {
                    self.errors.push(d);
                    None
                }
            };
            self.files.insert(file.clone(), loaded);
        }
        self.files[&file].as_ref().map(|_| file)
    }

    /// Reads, on every core, the files that the references of `root` name, then those that
    /// theirs name, and so on: parsing them is most of loading a description split into files.
    /// Only reading happens here; [`Bundler::file`] takes each result when the walk reaches its
    /// reference, so errors and their order are those of reading file by file, and a file no
    /// reference of the walk reaches is read for nothing, never reported.
    fn read_ahead(&mut self, root: &Value) {
        let mut wave = named_files(root, &self.root_file, &self.folder);
        while !wave.is_empty() {
            let jobs: Vec<(PathBuf, PathBuf)> =
                wave.iter().map(|f| (self.shown(f), f.clone())).collect();
            let folder = &self.folder;
            // Each file as read, with the files it names.
            let read = crate::parallel::map(&jobs, |(shown, file)| {
                let read = super::read(shown, file);
                let named = match &read {
                    Ok(other) => named_files(&other.root, file, folder),
                    Err(_) => Vec::new(),
                };
                (file.clone(), read, named)
            });
            let mut found = BTreeSet::new();
            for (file, result, named) in read {
                found.extend(named);
                self.read_ahead.insert(file, result);
            }
            wave = found
                .into_iter()
                .filter(|f| *f != self.root_file && !self.read_ahead.contains_key(f))
                .collect();
        }
    }

    /// The file `uri` names, relative to the file of `at`: it must exist, in the folder of the
    /// description or below.
    fn locate(&mut self, uri: &str, r: &str, at: &Place) -> Option<PathBuf> {
        let relative = at.file.parent().unwrap_or(Path::new("")).join(uri);
        let canonical = self
            .canonical
            .entry(relative.clone())
            .or_insert_with(|| std::fs::canonicalize(&relative).ok())
            .clone();
        let Some(file) = canonical else {
            self.error(
                at,
                format!(
                    "reference `{r}` names a file that does not exist: `{}`",
                    self.shown(&relative).display()
                ),
                None,
            );
            return None;
        };
        if !file.starts_with(&self.folder) {
            self.error(
                at,
                format!("reference `{r}` leaves the folder of the description ({})", self.shown_folder.display()),
                Some("files a description refers to must be in its folder or below it: copy the file there"),
            );
            return None;
        }
        Some(file)
    }

    /// `file` as messages show it: under the folder of the description as it was named.
    fn shown(&self, file: &Path) -> PathBuf {
        match file.strip_prefix(&self.folder) {
            Ok(rest) => self.shown_folder.join(rest),
            Err(_) => file.to_path_buf(),
        }
    }

    fn unique(&mut self, section: &str, name: &str) -> String {
        let base = child(&child("/components", section), name);
        let mut local = base.clone();
        let mut n = 2;
        while !self.taken.insert(local.clone()) {
            local = format!("{base}{n}");
            n += 1;
        }
        local
    }

    fn error(&mut self, at: &Place, message: String, hint: Option<&str>) {
        let mut d = Diagnostic::new(&at.shown, child(&at.pointer, "$ref"), message);
        d.hint = hint.map(str::to_string);
        // A place in another file is placed now; one in the document, with its origins, later.
        if at.file != self.root_file {
            if let Some(Some(other)) = self.files.get(&at.file) {
                d = other.source.place(d);
            }
        }
        self.errors.push(d);
    }
}

/// Where a value from another file goes: a component of the same section, a schema (by its
/// last pointer token, else its file's name) when it is referred to where a schema goes, or
/// `None`: copied in place.
fn section(fragment: &str, here: &str, file: &Path) -> Option<(String, String)> {
    let parts: Vec<String> = tokens(fragment).collect();
    if let [components, section, name] = parts.as_slice() {
        if components == "components" {
            return Some((section.clone(), name.clone()));
        }
    }
    if !is_schema_place(here) {
        return None;
    }
    let name = match parts.last() {
        Some(last) => last.clone(),
        None => file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Schema".into()),
    };
    Some(("schemas".into(), name))
}

/// Whether a discriminator's mapping value names another file (`./Beverage.yaml`,
/// `schemas.yaml#/Pet`) rather than a component name or a pointer of this document.
fn is_file_ref(target: &str) -> bool {
    let uri = target.split('#').next().unwrap_or_default();
    !uri.is_empty()
        && (uri.contains('/')
            || [".yaml", ".yml", ".json"]
                .iter()
                .any(|e| uri.to_ascii_lowercase().ends_with(e)))
}

/// Whether a file a `$ref` names is text to read as a string (a Markdown description, a code
/// sample) rather than a description to parse: any file but YAML and JSON.
fn is_text_file(uri: &str) -> bool {
    let name = uri.rsplit('/').next().unwrap_or(uri);
    match name.rsplit_once('.') {
        Some((_, ext)) => !["yaml", "yml", "json"]
            .iter()
            .any(|e| ext.eq_ignore_ascii_case(e)),
        None => false,
    }
}

/// Whether the value at `pointer` of a description is a schema, by the keys that lead to it.
fn is_schema_place(pointer: &str) -> bool {
    let parts: Vec<String> = tokens(pointer).collect();
    let last = parts.last().map(String::as_str);
    let parent = parts.len().checked_sub(2).map(|i| parts[i].as_str());
    matches!(
        last,
        Some(
            "schema"
                | "items"
                | "additionalProperties"
                | "not"
                | "if"
                | "then"
                | "else"
                | "contains"
                | "propertyNames"
        )
    ) || matches!(
        parent,
        Some(
            "properties"
                | "patternProperties"
                | "allOf"
                | "oneOf"
                | "anyOf"
                | "prefixItems"
                | "schemas"
                | "definitions"
                | "$defs"
                | "dependentSchemas"
        )
    )
}

/// Puts `value` at `pointer` of `root`, making the objects on the way.
fn insert(root: &mut Value, pointer: &str, value: Value) {
    let parts: Vec<String> = tokens(pointer).collect();
    let Some((last, path)) = parts.split_last() else {
        return;
    };
    let mut at = root;
    for p in path {
        if !at.is_object() {
            *at = Value::Object(Map::new());
        }
        at = at
            .as_object_mut()
            .expect("made an object")
            .entry(p.clone())
            .or_insert_with(|| Value::Object(Map::new()));
    }
    if let Some(map) = at.as_object_mut() {
        map.insert(last.clone(), value);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn ids_and_anchors_become_pointers() {
        let mut root = json!({"components": {"schemas": {
            "A": {"properties": {"b": {"$ref": "/schemas/b"}, "c": {"$ref": "/schemas/b#c"}, "d": {"$ref": "/schemas/b#/properties/x"}}},
            "B": {"$id": "/schemas/b", "properties": {"x": {"$anchor": "c", "type": "string"}}}
        }}});
        super::local_ids(&mut root);
        let a = &root["components"]["schemas"]["A"]["properties"];
        assert_eq!(a["b"]["$ref"], "#/components/schemas/B");
        assert_eq!(a["c"]["$ref"], "#/components/schemas/B/properties/x");
        assert_eq!(a["d"]["$ref"], "#/components/schemas/B/properties/x");
    }

    /// Two files with a schema of the same name, one referring back into the root: each gets a
    /// component of its own, and diagnostics about them name the file they came from.
    #[test]
    fn components_from_other_files_keep_their_names_apart() {
        let dir = std::env::temp_dir().join(format!("xtask-bundle-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let write = |name: &str, text: &str| std::fs::write(dir.join(name), text).unwrap();
        write(
            "root.yaml",
            "openapi: 3.1.0\ninfo: {title: t, version: '1'}\ncomponents:\n  schemas:\n    Pet: {type: string}\n    A: {$ref: 'a.yaml#/components/schemas/Pet'}\n    B: {$ref: 'b.yaml#/components/schemas/Pet'}\n",
        );
        write(
            "a.yaml",
            "components:\n  schemas:\n    Pet: {type: object, properties: {home: {$ref: 'root.yaml#/components/schemas/Pet'}}}\n",
        );
        write(
            "b.yaml",
            "components:\n  schemas:\n    Pet:\n      type: integer\n",
        );
        let doc = crate::load::load(&dir.join("root.yaml")).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(
            doc.reference_errors.is_empty(),
            "{:?}",
            doc.reference_errors
        );
        let schemas = &doc.root["components"]["schemas"];
        assert_eq!(schemas["A"]["$ref"], "#/components/schemas/Pet2");
        assert_eq!(schemas["B"]["$ref"], "#/components/schemas/Pet3");
        assert_eq!(
            schemas["Pet2"]["properties"]["home"]["$ref"],
            "#/components/schemas/Pet"
        );
        let d = doc.place(crate::diagnostics::Diagnostic::new(
            &doc.file,
            "/components/schemas/Pet3/type",
            "x",
        ));
        assert!(d.file.ends_with("b.yaml"), "{}", d.file.display());
        assert_eq!(
            (d.pointer.as_str(), d.line_col),
            ("/components/schemas/Pet/type", Some((4, 13)))
        );
    }

    #[test]
    fn schema_places() {
        assert!(super::is_schema_place(
            "/paths/~1a/get/responses/200/content/application~1json/schema"
        ));
        assert!(super::is_schema_place("/components/schemas/A/properties/b"));
        assert!(!super::is_schema_place("/paths/~1a"));
        assert!(!super::is_schema_place("/components/responses/NotFound"));
    }
}
