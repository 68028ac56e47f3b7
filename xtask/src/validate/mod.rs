//! Stage 2: check the document before anything is built from it, collecting every problem.
//!
//! Lowering may then assume what is checked here (every `$ref` resolves, every parameter has a
//! name and a place, path templates match their parameters) and never has to fail half-way.

mod schema;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::diagnostics::{Diagnostic, Diagnostics, child};
use crate::load::Document;

/// The HTTP methods a path item may hold, in the order operations are read.
pub const METHODS: [&str; 7] = ["get", "put", "post", "delete", "patch", "head", "options"];

pub fn validate(doc: &Document) -> Result<(), Diagnostics> {
    let mut out = Diagnostics::default();
    let v = Validator { doc, out: &mut out };
    v.run();
    out.into_result()
}

struct Validator<'a> {
    doc: &'a Document,
    out: &'a mut Diagnostics,
}

impl Validator<'_> {
    fn error(&mut self, pointer: &str, message: impl Into<String>) -> &mut Diagnostic {
        self.out.push(Diagnostic::new(&self.doc.file, pointer, message));
        self.out.0.last_mut().expect("just pushed")
    }

    fn run(mut self) {
        if let Err(d) = self.doc.version() {
            self.out.push(d);
            return;
        }
        let root = &self.doc.root;
        match root.get("info") {
            Some(Value::Object(info)) => {
                for key in ["title", "version"] {
                    if !info.get(key).is_some_and(Value::is_string) {
                        self.error("/info", format!("`info.{key}` must be a string"));
                    }
                }
            }
            _ => {
                self.error("", "the description has no `info` object");
            }
        }
        self.refs(root, "");
        if !self.out.is_empty() {
            // Later checks follow references; with broken ones they would only repeat the news.
            return;
        }
        self.ref_cycles();
        if let Some(schemas) = root.pointer("/components/schemas") {
            match schemas.as_object() {
                Some(map) => {
                    for (name, s) in map {
                        schema::check(self.doc, s, &child("/components/schemas", name), self.out);
                    }
                }
                None => {
                    self.error("/components/schemas", "must be an object");
                }
            }
        }
        self.paths();
        self.security();
    }

    /// Every `$ref` anywhere must be local and resolve.
    fn refs(&mut self, value: &Value, pointer: &str) {
        match value {
            Value::Object(map) => {
                if let Some(r) = map.get("$ref") {
                    let at = child(pointer, "$ref");
                    match r.as_str() {
                        None => {
                            self.error(&at, "`$ref` must be a string");
                        }
                        Some(r) if !r.starts_with('#') => {
                            self.error(&at, format!("reference `{r}` points outside this file"))
                                .hint = Some("only references within the file (`#/...`) are supported yet".into());
                        }
                        Some(r) if self.doc.resolve(r).is_none() => {
                            let hint = near_miss(self.doc, r);
                            let d = self.error(&at, format!("reference `{r}` does not resolve"));
                            d.hint = hint;
                        }
                        Some(_) => {}
                    }
                }
                for (k, v) in map {
                    if k != "$ref" {
                        self.refs(v, &child(pointer, k));
                    }
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    self.refs(v, &child(pointer, &i.to_string()));
                }
            }
            _ => {}
        }
    }

    /// A schema that is only a `$ref` to itself, directly or through others, has no shape.
    fn ref_cycles(&mut self) {
        let Some(schemas) = self.doc.root.pointer("/components/schemas").and_then(Value::as_object) else {
            return;
        };
        for name in schemas.keys() {
            let start = child("#/components/schemas", name);
            let mut seen = BTreeSet::from([start.clone()]);
            let mut at = start.clone();
            while let Some(next) = self.doc.resolve(&at).and_then(|s| s.get("$ref")).and_then(Value::as_str) {
                if !seen.insert(next.to_string()) {
                    self.error(&start[1..], format!("`$ref` chain from `{name}` loops back to `{next}` without a schema"));
                    break;
                }
                at = next.to_string();
            }
        }
    }

    fn paths(&mut self) {
        let Some(paths) = self.doc.root.get("paths") else { return };
        let Some(paths) = paths.as_object() else {
            self.error("/paths", "`paths` must be an object");
            return;
        };
        let mut operation_ids: BTreeMap<String, String> = BTreeMap::new();
        for (path, item) in paths {
            let item_ptr = child("/paths", path);
            if !path.starts_with('/') {
                self.error(&item_ptr, format!("path `{path}` must start with `/`"));
            }
            let item = self.doc.deref(item);
            let shared = item.get("parameters");
            for method in METHODS {
                let Some(op) = item.get(method) else { continue };
                let op_ptr = child(&item_ptr, method);
                if let Some(id) = op.get("operationId") {
                    match id.as_str() {
                        Some(id) => {
                            if let Some(first) = operation_ids.insert(id.to_string(), op_ptr.clone()) {
                                self.error(&child(&op_ptr, "operationId"), format!("operationId `{id}` is used twice"))
                                    .hint = Some(format!("the first use is at #{first}"));
                            }
                        }
                        None => {
                            self.error(&child(&op_ptr, "operationId"), "`operationId` must be a string");
                        }
                    }
                }
                self.parameters(path, &op_ptr, shared, op.get("parameters"));
                match op.get("responses").map(|r| self.doc.deref(r)) {
                    Some(Value::Object(map)) if !map.is_empty() => {
                        for (status, resp) in map {
                            let ok = status == "default"
                                || status.parse::<u16>().is_ok_and(|s| (100..600).contains(&s))
                                || (status.len() == 3 && status.ends_with("XX"));
                            if !ok {
                                self.error(&child(&child(&op_ptr, "responses"), status), format!("`{status}` is not an HTTP status code"));
                            }
                            self.content_schemas(self.doc.deref(resp), &child(&child(&op_ptr, "responses"), status));
                        }
                    }
                    _ => {
                        self.error(&op_ptr, "the operation has no `responses`");
                    }
                }
                if let Some(body) = op.get("requestBody") {
                    self.content_schemas(self.doc.deref(body), &child(&op_ptr, "requestBody"));
                }
            }
        }
    }

    fn content_schemas(&mut self, holder: &Value, pointer: &str) {
        let Some(content) = holder.get("content").and_then(Value::as_object) else { return };
        for (media, m) in content {
            if let Some(s) = m.get("schema") {
                let at = child(&child(&child(pointer, "content"), media), "schema");
                schema::check(self.doc, s, &at, self.out);
            }
        }
    }

    /// Parameters need a name and a place; path parameters must match the template exactly.
    fn parameters(&mut self, path: &str, op_ptr: &str, shared: Option<&Value>, own: Option<&Value>) {
        let mut declared = BTreeSet::new();
        for (list, list_ptr) in [(shared, child(&op_ptr[..op_ptr.rfind('/').unwrap_or(0)], "parameters")), (own, child(op_ptr, "parameters"))] {
            let Some(list) = list else { continue };
            let Some(list) = list.as_array() else {
                self.error(&list_ptr, "`parameters` must be an array");
                continue;
            };
            for (i, p) in list.iter().enumerate() {
                let at = child(&list_ptr, &i.to_string());
                let p = self.doc.deref(p);
                let name = p.get("name").and_then(Value::as_str);
                let place = p.get("in").and_then(Value::as_str);
                match (name, place) {
                    (Some(name), Some("path")) => {
                        declared.insert(name.to_string());
                        if !template_params(path).contains(&name.to_string()) {
                            self.error(&at, format!("path parameter `{name}` does not appear in the path `{path}`"));
                        }
                        if p.get("required") != Some(&Value::Bool(true)) {
                            self.error(&at, format!("path parameter `{name}` must have `required: true`"));
                        }
                    }
                    (Some(_), Some("query" | "header" | "cookie")) => {}
                    (Some(_), Some(other)) => {
                        self.error(&child(&at, "in"), format!("`in: {other}` is not a parameter location"))
                            .hint = Some("use one of path, query, header, cookie".into());
                    }
                    (None, _) => {
                        self.error(&at, "the parameter has no `name`");
                    }
                    (_, None) => {
                        self.error(&at, "the parameter has no `in`");
                    }
                }
                if let Some(s) = p.get("schema") {
                    schema::check(self.doc, s, &child(&at, "schema"), self.out);
                }
            }
        }
        for name in template_params(path) {
            if !declared.contains(&name) {
                self.error(op_ptr, format!("the path `{path}` names `{{{name}}}` but the operation declares no such path parameter"))
                    .hint = Some(format!("add a parameter with `name: {name}` and `in: path`"));
            }
        }
    }

    fn security(&mut self) {
        let root = &self.doc.root;
        let schemes = root.pointer("/components/securitySchemes").and_then(Value::as_object);
        let check = |v: &mut Self, req: &Value, at: &str| {
            for (i, alt) in req.as_array().into_iter().flatten().enumerate() {
                for name in alt.as_object().into_iter().flat_map(|m| m.keys()) {
                    if !schemes.is_some_and(|s| s.contains_key(name)) {
                        v.error(&child(at, &i.to_string()), format!("security scheme `{name}` is not declared in `components.securitySchemes`"));
                    }
                }
            }
        };
        if let Some(req) = root.get("security") {
            check(self, req, "/security");
        }
        for (path, item) in root.get("paths").and_then(Value::as_object).into_iter().flatten() {
            for method in METHODS {
                if let Some(req) = item.get(method).and_then(|op| op.get("security")) {
                    check(self, req, &child(&child(&child("/paths", path), method), "security"));
                }
            }
        }
    }
}

/// The `{names}` in a path template, in order.
pub fn template_params(path: &str) -> Vec<String> {
    path.split('{').skip(1).filter_map(|s| s.split_once('}').map(|(n, _)| n.to_string())).collect()
}

/// For an unresolved `#/a/b/Name`, the sibling whose name is closest, if one is close.
fn near_miss(doc: &Document, reference: &str) -> Option<String> {
    let (parent, name) = reference.rsplit_once('/')?;
    let siblings = doc.resolve(parent)?.as_object()?;
    let best = siblings
        .keys()
        .map(|k| (edit_distance(&k.to_lowercase(), &name.to_lowercase()), k))
        .min()?;
    (best.0 <= 2.max(name.len() / 3)).then(|| format!("did you mean `{parent}/{}`?", best.1))
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::load::parse;

    fn errors(yaml: &str) -> Vec<String> {
        let doc = parse(Path::new("t.yaml"), yaml).unwrap();
        match super::validate(&doc) {
            Ok(()) => Vec::new(),
            Err(d) => d.0.iter().map(|d| format!("#{} {}{}", d.pointer, d.message, d.hint.as_deref().map(|h| format!(" ({h})")).unwrap_or_default())).collect(),
        }
    }

    const HEAD: &str = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n";

    #[test]
    fn a_near_miss_reference_gets_a_hint() {
        let e = errors(&format!("{HEAD}components:\n  schemas:\n    Job: {{type: object}}\n    A: {{$ref: '#/components/schemas/Jobb'}}\n"));
        assert_eq!(e, ["#/components/schemas/A/$ref reference `#/components/schemas/Jobb` does not resolve (did you mean `#/components/schemas/Job`?)"]);
    }

    #[test]
    fn path_parameters_must_match_the_template() {
        let yaml = format!(
            "{HEAD}paths:\n  /jobs/{{jobId}}:\n    get:\n      parameters:\n        - {{name: id, in: path, required: true}}\n      responses: {{'200': {{description: ok}}}}\n"
        );
        let e = errors(&yaml);
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(e.iter().any(|m| m.contains("path parameter `id` does not appear in the path")), "{e:?}");
        assert!(e.iter().any(|m| m.contains("names `{jobId}` but the operation declares no such path parameter")), "{e:?}");
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let yaml = format!(
            "{HEAD}security: [{{nope: []}}]\npaths:\n  /a:\n    get: {{operationId: x, responses: {{'200': {{description: ok}}}}}}\n  /b:\n    get: {{operationId: x}}\ncomponents:\n  schemas:\n    S: {{type: strng, required: yes}}\n"
        );
        let e = errors(&yaml);
        assert_eq!(e.len(), 5, "{e:?}");
    }
}
