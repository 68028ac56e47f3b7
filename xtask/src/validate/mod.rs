//! Stage 2: check the document before anything is built from it, collecting every problem.
//!
//! Lowering may then assume what is checked here (every `$ref` resolves, every parameter has a
//! name and a place, path templates match their parameters) and never has to fail half-way.

pub mod records;
mod schema;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::diagnostics::{Diagnostic, Diagnostics, Severity, child};
use crate::load::Document;
use crate::load::METHODS;

/// Every problem of the description, or the warnings about what later stages will read less
/// exactly than written.
pub fn validate(doc: &Document) -> Result<Vec<Diagnostic>, Diagnostics> {
    let mut out = Diagnostics::default();
    for dup in doc.source.duplicates() {
        let d = Diagnostic::new(
            &doc.file,
            &dup.pointer,
            format!("the key `{}` appears twice in the same mapping", dup.key),
        )
        .with_hint(format!(
            "the first is on line {}; only the last one would be read",
            dup.first.line
        ));
        out.push(doc.source.at(d, dup.again));
    }
    out.0.extend(doc.reference_errors.iter().cloned());
    let v = Validator {
        doc,
        out: &mut out,
        hints_left: 20,
        found: BTreeSet::new(),
    };
    v.run();
    // Warnings are placed with those of the other stages, by the caller.
    let (warnings, errors): (Vec<Diagnostic>, Vec<Diagnostic>) = out
        .0
        .into_iter()
        .partition(|d| d.severity == Severity::Warning);
    Diagnostics(errors.into_iter().map(|d| doc.place(d)).collect()).into_result()?;
    Ok(warnings)
}

/// Chains of `$ref` and `allOf` between components longer than this are refused: no real
/// description comes close, and the passes that follow them must not exhaust the stack.
pub const MAX_CHAIN: usize = 64;

struct Validator<'a> {
    doc: &'a Document,
    out: &'a mut Diagnostics,
    /// Near-miss hints compare names pairwise: a hostile file with thousands of broken
    /// references gets hints on the first ones only.
    hints_left: usize,
    /// Every local reference that resolves: (pointer of the object holding it, its target).
    found: BTreeSet<(String, String)>,
}

impl Validator<'_> {
    fn error(&mut self, pointer: &str, message: impl Into<String>) -> &mut Diagnostic {
        self.out
            .push(Diagnostic::new(&self.doc.file, pointer, message));
        self.out.0.last_mut().expect("just pushed")
    }

    fn run(mut self) {
        match &self.doc.root {
            Value::Object(_) => {}
            Value::Null => {
                self.error("", "the document is empty").hint =
                    Some("a description starts with `openapi: 3.1.0` and an `info` object".into());
                return;
            }
            other => {
                self.error(
                    "",
                    format!(
                        "the document must be a mapping (an OpenAPI object), not {}",
                        describe(other)
                    ),
                );
                return;
            }
        }
        if let Err(d) = self.doc.version() {
            self.out.push(d);
            return;
        }
        let root = &self.doc.root;
        match root.get("info") {
            Some(Value::Object(info)) => {
                for key in ["title", "version"] {
                    match info.get(key) {
                        Some(Value::String(_)) => {}
                        Some(other) => {
                            self.error(
                                &format!("/info/{key}"),
                                format!("`info.{key}` must be a string, not {}", describe(other)),
                            );
                        }
                        None => {
                            self.error("/info", format!("`info.{key}` is missing"));
                        }
                    }
                }
            }
            Some(other) => {
                self.error(
                    "/info",
                    format!("`info` must be an object, not {}", describe(other)),
                );
            }
            None => {
                self.error("", "the description has no `info` object").hint =
                    Some("add `info:` with a `title` and a `version`".into());
            }
        }
        self.refs(root, "");
        if self.out.0.iter().any(|d| d.severity == Severity::Error) {
            // Later checks follow references; with broken ones they would only repeat the news.
            return;
        }
        if self.ref_chains() {
            // A component that is only itself has no shape to check.
            return;
        }
        if let Some(schemas) = root.pointer("/components/schemas") {
            match schemas.as_object() {
                Some(map) => {
                    for (name, s) in map {
                        schema::check(self.doc, s, &child("/components/schemas", name), self.out);
                    }
                }
                None => {
                    self.error(
                        "/components/schemas",
                        format!(
                            "`components.schemas` must be an object, not {}",
                            describe(schemas)
                        ),
                    );
                }
            }
        }
        self.paths();
        self.security();
    }

    /// Every `$ref` anywhere must be local and resolve.
    fn refs(&mut self, value: &Value, pointer: &str) {
        for holder in crate::load::refs::holders(value, pointer) {
            let r = crate::load::refs::at(value, &holder[pointer.len()..])
                .and_then(|h| h.get("$ref"))
                .expect("a holder holds a `$ref`");
            self.reference(r, &holder);
        }
    }

    /// One `$ref`, the value of the key of that name in the object at `pointer`.
    fn reference(&mut self, r: &Value, pointer: &str) {
        let at = child(pointer, "$ref");
        match r.as_str() {
            // A YAML `$ref: #/...` unquoted is a comment: the author meant a reference.
            None if r.is_null() => self.out.push(Diagnostic::warning(
                &self.doc.file,
                &at,
                "`$ref` has no value (in YAML an unquoted `#` starts a comment: write `$ref: '#/...'`); read as any value",
            )),
            None => {
                self.error(&at, "`$ref` must be a string");
            }
            // Loading followed it, and reported why it could not.
            Some(r) if !r.starts_with('#') && self.doc.bundled => {}
            Some(r) if !r.starts_with('#') => {
                self.error(&at, format!("reference `{r}` points outside this file"))
                    .hint = Some("references to other files are followed when the description is loaded from a file".into());
            }
            Some(r) if self.doc.resolve(r).is_none() => {
                let hint = if self.hints_left > 0 { near_miss(self.doc, r) } else { None };
                self.hints_left = self.hints_left.saturating_sub(1);
                let d = self.error(&at, format!("reference `{}` does not resolve", self.doc.written_ref(r)));
                d.hint = hint;
            }
            Some(r) => {
                self.found.insert((pointer.to_string(), r[1..].to_string()));
            }
        }
    }

    /// A component that is only a `$ref` to itself, directly or through others, has no shape;
    /// one that is an `allOf` of itself would be infinite; so would a schema that is not a
    /// component and refers back to itself. Chains of references are also bounded
    /// ([`MAX_CHAIN`]), so that nothing that follows them can exhaust the stack. Returns
    /// whether such a problem was found.
    fn ref_chains(&mut self) -> bool {
        let schemas = self
            .doc
            .root
            .pointer("/components/schemas")
            .and_then(Value::as_object);
        let names: Vec<&String> = schemas.into_iter().flat_map(|m| m.keys()).collect();
        let mut found = false;
        for name in &names {
            let start = child("#/components/schemas", name);
            let mut seen = BTreeSet::from([start.clone()]);
            let mut at = start.clone();
            while let Some(next) = self
                .doc
                .resolve(&at)
                .and_then(|s| s.get("$ref"))
                .and_then(Value::as_str)
            {
                if !seen.insert(next.to_string()) {
                    self.error(
                        &start[1..],
                        format!(
                            "`$ref` chain from `{name}` loops back to `{}` without a schema",
                            self.doc.written_ref(next)
                        ),
                    );
                    found = true;
                    break;
                }
                if seen.len() > MAX_CHAIN {
                    self.error(
                        &start[1..],
                        format!("the `$ref` chain from `{name}` is longer than {MAX_CHAIN} links"),
                    );
                    return true;
                }
                at = next.to_string();
            }
        }
        if found {
            return true;
        }

        // "Is a" links between components: a bare `$ref`, or an `allOf` member that is one.
        let is_component = |p: &str| {
            p.strip_prefix("/components/schemas/")
                .is_some_and(|n| !n.contains('/') && self.doc.root.pointer(p).is_some())
        };
        let parents = |pointer: &str| -> Vec<String> {
            let Some(schema) = self.doc.root.pointer(pointer) else {
                return Vec::new();
            };
            let bare = schema.get("$ref").and_then(Value::as_str);
            let members = schema
                .get("allOf")
                .and_then(Value::as_array)
                .into_iter()
                .flatten();
            let refs = bare
                .into_iter()
                .chain(members.filter_map(|m| m.get("$ref").and_then(Value::as_str)));
            refs.filter_map(|r| r.strip_prefix('#'))
                .filter(|p| is_component(p))
                .map(str::to_string)
                .collect()
        };
        let starts = names.iter().map(|n| child("/components/schemas", n));
        let (cycles, too_long) = chains(starts, parents);
        for cycle in &cycles {
            let names: Vec<&str> = cycle
                .iter()
                .map(|p| p.rsplit('/').next().unwrap_or(p))
                .collect();
            self.error(&cycle[0], format!("`{}` includes itself: {}", names[0], names.join(" -> ")))
                .hint = Some("`allOf` and `$ref` between components must not loop; nest a type in itself through a property".into());
        }
        if let Some(p) = too_long {
            self.error(
                &p,
                format!(
                    "the chain of `allOf` and `$ref` from here is longer than {MAX_CHAIN} links"
                ),
            );
            return true;
        }

        // References to schemas that are not components are lowered where they point, so they
        // must not lead back to themselves either.
        let targets: BTreeSet<&str> = self
            .found
            .iter()
            .map(|(_, t)| t.as_str())
            .filter(|t| !is_component(t))
            .collect();
        let inside = |target: &str| -> Vec<String> {
            let below = format!("{target}/");
            let own = self
                .found
                .range((target.to_string(), String::new())..)
                .take_while(|(at, _)| at == target);
            let nested = self
                .found
                .range((below.clone(), String::new())..)
                .take_while(|(at, _)| at.starts_with(&below));
            own.chain(nested)
                .map(|(_, t)| t.clone())
                .filter(|t| targets.contains(t.as_str()))
                .collect()
        };
        let (inline_cycles, too_long) = chains(targets.iter().map(|t| t.to_string()), inside);
        for cycle in &inline_cycles {
            let by = self.found.iter().find(|(at, t)| {
                t == &cycle[1] && (at == &cycle[0] || at.starts_with(&format!("{}/", cycle[0])))
            });
            let at = by.map_or(cycle[0].clone(), |(at, _)| child(at, "$ref"));
            self.error(&at, format!("`#{}` refers back to itself through `$ref`s to schemas that are not components", cycle[0]))
                .hint = Some("move the schema to `components/schemas` and refer to it there".into());
        }
        if let Some(p) = too_long {
            self.error(
                &p,
                format!("the chain of `$ref`s from here is longer than {MAX_CHAIN} links"),
            );
            return true;
        }
        found || !cycles.is_empty() || !inline_cycles.is_empty()
    }

    fn paths(&mut self) {
        let Some(paths) = self.doc.root.get("paths") else {
            return;
        };
        let Some(paths) = paths.as_object() else {
            self.error(
                "/paths",
                format!("`paths` must be an object, not {}", describe(paths)),
            );
            return;
        };
        let mut operation_ids: BTreeMap<String, String> = BTreeMap::new();
        for (path, item) in paths {
            let item_ptr = child("/paths", path);
            if !path.starts_with('/') {
                self.error(&item_ptr, format!("path `{path}` must start with `/`"));
            }
            self.template(path, &item_ptr);
            let item = self.doc.deref(item);
            if !item.is_object() {
                self.error(
                    &item_ptr,
                    format!("a path item must be an object, not {}", describe(item)),
                );
                continue;
            }
            let shared = item.get("parameters");
            for method in METHODS {
                let Some(op) = item.get(method) else { continue };
                let op_ptr = child(&item_ptr, method);
                if !op.is_object() {
                    self.error(
                        &op_ptr,
                        format!("an operation must be an object, not {}", describe(op)),
                    );
                    continue;
                }
                self.extensions(op, &op_ptr);
                if let Some(id) = op.get("operationId") {
                    match id.as_str() {
                        Some(id) => {
                            if let Some(first) =
                                operation_ids.insert(id.to_string(), op_ptr.clone())
                            {
                                self.error(
                                    &child(&op_ptr, "operationId"),
                                    format!("operationId `{id}` is used twice"),
                                )
                                .hint = Some(format!("the first use is at #{first}"));
                            }
                        }
                        None => {
                            self.error(
                                &child(&op_ptr, "operationId"),
                                "`operationId` must be a string",
                            );
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
                                self.error(
                                    &child(&child(&op_ptr, "responses"), status),
                                    format!("`{status}` is not an HTTP status code"),
                                );
                            }
                            let resp_ptr = child(&child(&op_ptr, "responses"), status);
                            let resp = self.doc.deref(resp);
                            if let Some(name) = resp
                                .get("x-name")
                                .filter(|n| n.as_str().is_none_or(str::is_empty))
                            {
                                self.error(
                                    &child(&resp_ptr, "x-name"),
                                    format!(
                                        "`x-name` must be a non-empty string, not {}",
                                        describe(name)
                                    ),
                                );
                            }
                            self.content_schemas(resp, &resp_ptr);
                        }
                    }
                    Some(Value::Object(_)) => {
                        self.error(&child(&op_ptr, "responses"), "`responses` is empty")
                            .hint = Some(
                            "add at least the success response, e.g. `'200': {description: OK}`"
                                .into(),
                        );
                    }
                    Some(other) => {
                        self.error(
                            &child(&op_ptr, "responses"),
                            format!("`responses` must be an object, not {}", describe(other)),
                        );
                    }
                    // OpenAPI 3.1 makes `responses` optional (3.0 requires it, and readers
                    // accept its absence): the call then reads no body.
                    None => self.out.push(Diagnostic::warning(
                        &self.doc.file,
                        &op_ptr,
                        "the operation documents no response: its call returns nothing",
                    )),
                }
                if let Some(body) = op.get("requestBody") {
                    self.content_schemas(self.doc.deref(body), &child(&op_ptr, "requestBody"));
                }
            }
        }
    }

    /// The path template: each `{name}` is a parameter, alone in its segment or beside text
    /// (`{name}.{extension}`); braces must pair up around a name.
    fn template(&mut self, path: &str, item_ptr: &str) {
        for segment in path.split('/') {
            let mut depth = 0;
            let mut name = String::new();
            let mut problem = None;
            for c in segment.chars() {
                match (c, depth) {
                    ('{', 0) => {
                        depth = 1;
                        name.clear();
                    }
                    ('}', 1) => {
                        depth = 0;
                        if name.is_empty() {
                            problem = Some("has no parameter name between its braces");
                        }
                    }
                    ('{', _) | ('}', _) => problem = Some("has braces that do not pair up"),
                    (c, 1) => name.push(c),
                    _ => {}
                }
            }
            if depth != 0 {
                problem.get_or_insert("has braces that do not pair up");
            }
            if let Some(problem) = problem {
                self.error(item_ptr, format!("the path segment `{segment}` of `{path}` {problem}"))
                    .hint = Some("write each parameter as `{name}`, alone or beside text, as in `/files/{name}.{extension}`".into());
            }
        }
    }

    /// The `x-` keywords of an operation that the generator reads.
    fn extensions(&mut self, op: &Value, op_ptr: &str) {
        for key in ["x-resource", "x-method"] {
            if let Some(v) = op.get(key) {
                if v.as_str().is_none_or(str::is_empty) {
                    self.error(
                        &child(op_ptr, key),
                        format!("`{key}` must be a non-empty string, not {}", describe(v)),
                    );
                }
            }
        }
        let resource = op.get("x-resource").and_then(Value::as_str).or_else(|| {
            op.get("tags")
                .and_then(|t| t.get(0))
                .and_then(Value::as_str)
        });
        let (at, resource) = match (op.get("x-resource").and_then(Value::as_str), resource) {
            (Some(r), _) => (child(op_ptr, "x-resource"), r),
            (None, Some(r)) => (child(&child(op_ptr, "tags"), "0"), r),
            (None, None) => return,
        };
        let first = resource.split('.').next().unwrap_or_default();
        // Each top-level resource is the file `src/resources/{name}.rs`, beside `mod.rs`.
        if crate::names::snake(first).as_str() == "mod" {
            self.error(&at, format!("the resource `{first}` cannot be generated: its file would be `src/resources/mod.rs`, which the `resources` module itself uses"))
                .hint = Some("give the operation another resource with `x-resource`, or rename the tag".into());
        }
    }

    fn content_schemas(&mut self, holder: &Value, pointer: &str) {
        let Some(content) = holder.get("content") else {
            return;
        };
        let Some(content) = content.as_object() else {
            self.error(
                &child(pointer, "content"),
                format!(
                    "`content` must be an object of media types, not {}",
                    describe(content)
                ),
            );
            return;
        };
        for (media, m) in content {
            if let Some(s) = m.get("schema") {
                let at = child(&child(&child(pointer, "content"), media), "schema");
                schema::check(self.doc, s, &at, self.out);
            }
        }
    }

    /// Parameters need a name and a place; path parameters must match the template exactly.
    fn parameters(
        &mut self,
        path: &str,
        op_ptr: &str,
        shared: Option<&Value>,
        own: Option<&Value>,
    ) {
        let mut declared = BTreeSet::new();
        for (list, list_ptr) in [
            (
                shared,
                child(&op_ptr[..op_ptr.rfind('/').unwrap_or(0)], "parameters"),
            ),
            (own, child(op_ptr, "parameters")),
        ] {
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
                            self.error(
                                &at,
                                format!(
                                    "path parameter `{name}` does not appear in the path `{path}`"
                                ),
                            );
                        }
                        if p.get("required") != Some(&Value::Bool(true)) {
                            self.error(
                                &at,
                                format!("path parameter `{name}` must have `required: true`"),
                            );
                        }
                    }
                    (Some(_), Some("query" | "header" | "cookie")) => {}
                    (Some(_), Some(other)) => {
                        self.error(
                            &child(&at, "in"),
                            format!("`in: {other}` is not a parameter location"),
                        )
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
                } else {
                    self.content_schemas(p, &at);
                }
            }
        }
        for name in template_params(path) {
            // An empty `{}` is reported with the template.
            if !declared.contains(&name) && !name.is_empty() {
                self.error(op_ptr, format!("the path `{path}` names `{{{name}}}` but the operation declares no such path parameter"))
                    .hint = Some(format!("add a parameter with `name: {name}` and `in: path`"));
            }
        }
    }

    fn security(&mut self) {
        let root = &self.doc.root;
        let schemes = root
            .pointer("/components/securitySchemes")
            .and_then(Value::as_object);
        let check = |v: &mut Self, req: &Value, at: &str| {
            let Some(alternatives) = req.as_array() else {
                v.error(
                    at,
                    format!(
                        "`security` must be an array of requirement objects, not {}",
                        describe(req)
                    ),
                );
                return;
            };
            for (i, alt) in alternatives.iter().enumerate() {
                let Some(alt) = alt.as_object() else {
                    v.error(
                        &child(at, &i.to_string()),
                        format!(
                            "a security requirement must be an object, not {}",
                            describe(alt)
                        ),
                    );
                    continue;
                };
                for name in alt.keys() {
                    if !schemes.is_some_and(|s| s.contains_key(name)) {
                        let close = schemes.and_then(|s| closest(s.keys(), name));
                        v.error(&child(&child(at, &i.to_string()), name), format!("security scheme `{name}` is not declared in `components.securitySchemes`"))
                            .hint = Some(match close {
                                Some(c) => format!("did you mean `{c}`?"),
                                None => format!("declare it under `components.securitySchemes.{name}`"),
                            });
                    }
                }
            }
        };
        if let Some(req) = root.get("security") {
            check(self, req, "/security");
        }
        for (path, item) in root
            .get("paths")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            for method in METHODS {
                if let Some(req) = item.get(method).and_then(|op| op.get("security")) {
                    check(
                        self,
                        req,
                        &child(&child(&child("/paths", path), method), "security"),
                    );
                }
            }
        }
    }
}

/// How a value is named in messages: its kind, and its value when it is short.
pub(crate) fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("the boolean `{b}`"),
        Value::Number(n) => format!("the number `{n}`"),
        Value::String(s) if s.chars().count() <= 40 => format!("the string `{s:?}`"),
        Value::String(_) => "a string".into(),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// The candidate closest to `wanted` (ignoring case), if it is close enough to be a typo.
pub(crate) fn closest<'a>(
    candidates: impl Iterator<Item = &'a String>,
    wanted: &str,
) -> Option<&'a String> {
    let n = wanted.chars().count();
    if n > 100 {
        return None;
    }
    let limit = 2.max(n / 3);
    // The distance is at least the difference in length: most candidates need no comparing.
    let close = candidates
        .filter(|k| k.len().abs_diff(wanted.len()) <= 4 * limit)
        .take(10_000);
    let best = close
        .filter(|k| k.chars().count().abs_diff(n) <= limit)
        .map(|k| (edit_distance(&k.to_lowercase(), &wanted.to_lowercase()), k))
        .min()?;
    (best.0 <= limit).then_some(best.1)
}

/// Follows `next` depth-first from each start (iteratively, so that hostile input cannot
/// exhaust the stack). Returns each cycle found (as the path that closes it, first node
/// repeated last) and the first node a chain of more than [`MAX_CHAIN`] links starts from.
fn chains(
    starts: impl Iterator<Item = String>,
    next: impl Fn(&str) -> Vec<String>,
) -> (Vec<Vec<String>>, Option<String>) {
    let mut cycles = Vec::new();
    // The longest chain below each node done with.
    let mut depth: BTreeMap<String, usize> = BTreeMap::new();
    for start in starts {
        if depth.contains_key(&start) {
            continue;
        }
        let mut path: Vec<(String, Vec<String>)> = vec![(start.clone(), next(&start))];
        while let Some((node, todo)) = path.last_mut() {
            match todo.pop() {
                Some(n) if depth.contains_key(&n) => {}
                Some(n) => {
                    if let Some(i) = path.iter().position(|(p, _)| *p == n) {
                        let mut cycle: Vec<String> =
                            path[i..].iter().map(|(p, _)| p.clone()).collect();
                        cycle.push(n);
                        cycles.push(cycle);
                        continue;
                    }
                    if path.len() > MAX_CHAIN {
                        return (cycles, Some(start));
                    }
                    let more = next(&n);
                    path.push((n, more));
                }
                None => {
                    let node = node.clone();
                    let below = next(&node)
                        .iter()
                        .filter_map(|n| depth.get(n))
                        .max()
                        .map_or(0, |d| d + 1);
                    if below > MAX_CHAIN {
                        return (cycles, Some(node));
                    }
                    depth.insert(node, below);
                    path.pop();
                }
            }
        }
    }
    (cycles, None)
}

/// The `{names}` in a path template, in order.
pub fn template_params(path: &str) -> Vec<String> {
    path.split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(n, _)| n.to_string()))
        .collect()
}

/// For an unresolved `#/a/b/Name`, the sibling whose name is closest, if one is close.
fn near_miss(doc: &Document, reference: &str) -> Option<String> {
    let (parent, name) = reference.rsplit_once('/')?;
    let siblings = doc.resolve(parent)?.as_object()?;
    let best = closest(siblings.keys(), name)?;
    Some(format!(
        "did you mean `{}`?",
        doc.written_ref(&format!(
            "{parent}/{}",
            best.replace('~', "~0").replace('/', "~1")
        ))
    ))
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
            Ok(_) => Vec::new(),
            Err(d) => {
                d.0.iter()
                    .map(|d| {
                        format!(
                            "#{} {}{}",
                            d.pointer,
                            d.message,
                            d.hint
                                .as_deref()
                                .map(|h| format!(" ({h})"))
                                .unwrap_or_default()
                        )
                    })
                    .collect()
            }
        }
    }

    const HEAD: &str = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n";

    #[test]
    fn a_near_miss_reference_gets_a_hint() {
        let e = errors(&format!(
            "{HEAD}components:\n  schemas:\n    Job: {{type: object}}\n    A: {{$ref: '#/components/schemas/Jobb'}}\n"
        ));
        assert_eq!(
            e,
            [
                "#/components/schemas/A/$ref reference `#/components/schemas/Jobb` does not resolve (did you mean `#/components/schemas/Job`?)"
            ]
        );
    }

    #[test]
    fn a_discriminator_needs_a_property_and_mappings_that_name_schemas() {
        let e = errors(&format!(
            "{HEAD}components:\n  schemas:\n    Cat: {{type: object}}\n    Pet:\n      oneOf: [{{$ref: '#/components/schemas/Cat'}}]\n      discriminator: {{mapping: {{cat: Cat, dog: '#/components/schemas/Dog'}}}}\n"
        ));
        assert_eq!(
            e,
            [
                "#/components/schemas/Pet/discriminator the `discriminator` has no `propertyName` (name the property whose value tells the variants apart)",
                "#/components/schemas/Pet/discriminator/mapping/dog the mapping of `dog` names `#/components/schemas/Dog`, which is not a schema",
            ]
        );
    }

    #[test]
    fn path_parameters_must_match_the_template() {
        let yaml = format!(
            "{HEAD}paths:\n  /jobs/{{jobId}}:\n    get:\n      parameters:\n        - {{name: id, in: path, required: true}}\n      responses: {{'200': {{description: ok}}}}\n"
        );
        let e = errors(&yaml);
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(
            e.iter()
                .any(|m| m.contains("path parameter `id` does not appear in the path")),
            "{e:?}"
        );
        assert!(
            e.iter()
                .any(|m| m
                    .contains("names `{jobId}` but the operation declares no such path parameter")),
            "{e:?}"
        );
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let yaml = format!(
            "{HEAD}security: [{{nope: []}}]\npaths:\n  /a:\n    get: {{operationId: x, responses: {{'200': {{description: ok}}}}}}\n  /b:\n    get: {{operationId: x, responses: {{}}}}\ncomponents:\n  schemas:\n    S: {{type: strng, required: yes}}\n"
        );
        let e = errors(&yaml);
        assert_eq!(e.len(), 5, "{e:?}");
    }
}
