//! The SDK covers the whole public API: every operation of the vendor's export is described in
//! `schema/`, becomes an operation of the IR, and is a public method of the generated crate.
//!
//! Three independent readings are compared: the schema as the loader reads it (its files merged
//! into one tree, before any validation or lowering), the IR the generator builds from it, and the
//! Rust source committed in `generated/`. An operation left out on purpose
//! must be listed in `LEFT_OUT` with its reason, and in the README.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;
use xtask::ir::{Api, Resource};

/// The vendor's Swagger export the schema must cover (see `../shared/specs/SOURCES.md`).
const VENDOR: &str = "scenario-vendor-swagger-2025-11.yaml";

/// The number of operations in the vendor export, which the SDK must not fall below.
const VENDOR_OPERATIONS: usize = 105;

/// Operations of the vendor export deliberately not described, as `("METHOD", "/path", reason)`.
const LEFT_OUT: &[(&str, &str, &str)] = &[];

const METHODS: [&str; 7] = ["get", "put", "post", "delete", "patch", "head", "options"];

fn root() -> PathBuf {
    xtask::workspace_root()
}

/// Distinct `METHOD /path` pairs of an OpenAPI or Swagger document.
fn operations(doc: &Value) -> BTreeSet<String> {
    let paths = doc
        .get("paths")
        .and_then(Value::as_object)
        .expect("the document has paths");
    paths
        .iter()
        .flat_map(|(path, item)| {
            METHODS
                .iter()
                .filter(|m| item.get(**m).is_some())
                .map(move |m| format!("{} {path}", m.to_uppercase()))
        })
        .collect()
}

fn read_yaml(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_norway::from_str(&text).unwrap_or_else(|e| panic!("{} is not YAML: {e}", path.display()))
}

/// The root file only lists the paths and refers to their items in other files: the operations
/// are those of the bundled document.
fn schema_operations() -> BTreeSet<String> {
    let doc =
        xtask::load::load(&root().join("schema/scenario.yaml")).unwrap_or_else(|e| panic!("{e}"));
    let broken: Vec<String> = doc
        .reference_errors
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        broken.is_empty(),
        "references of schema/ that do not resolve:\n{}",
        broken.join("\n")
    );
    operations(&doc.root)
}

fn ir() -> Api {
    let doc =
        xtask::load::load(&root().join("schema/scenario.yaml")).unwrap_or_else(|e| panic!("{e}"));
    let target = xtask::Target::scenario(&root()).unwrap_or_else(|e| panic!("{e}"));
    xtask::build_ir(&doc, &target)
        .unwrap_or_else(|e| panic!("{e}"))
        .api
}

/// Every resource with its path of resource names from the client, depth first.
fn walk<'a>(
    resources: &'a [Resource],
    trail: &mut Vec<&'a Resource>,
    out: &mut Vec<Vec<&'a Resource>>,
) {
    for r in resources {
        trail.push(r);
        out.push(trail.clone());
        walk(&r.children, trail, out);
        trail.pop();
    }
}

fn resource_paths(api: &Api) -> Vec<Vec<&Resource>> {
    let mut out = Vec::new();
    walk(&api.resources, &mut Vec::new(), &mut out);
    out
}

#[test]
fn the_schema_describes_every_operation_of_the_vendor_export() {
    let vendor = operations(&read_yaml(
        &tests::specs::folder()
            .unwrap_or_else(|e| panic!("{e}"))
            .join(VENDOR),
    ));
    assert_eq!(
        vendor.len(),
        VENDOR_OPERATIONS,
        "the vendor export changed; update VENDOR_OPERATIONS and the schema"
    );
    let ours = schema_operations();
    let left_out: BTreeSet<String> = LEFT_OUT
        .iter()
        .map(|(m, p, _)| format!("{m} {p}"))
        .collect();
    let missing: Vec<&String> = vendor
        .iter()
        .filter(|op| !ours.contains(*op) && !left_out.contains(*op))
        .collect();
    assert!(
        missing.is_empty(),
        "operations of the vendor export missing from schema/: {missing:#?}"
    );
    assert!(
        ours.len() + left_out.len() >= VENDOR_OPERATIONS,
        "schema/ has {} operations and {} are left out on purpose; at least {VENDOR_OPERATIONS} are needed",
        ours.len(),
        left_out.len()
    );
}

#[test]
fn operations_left_out_are_explained_in_the_readme() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    for (method, path, reason) in LEFT_OUT {
        assert!(
            !reason.is_empty(),
            "{method} {path} is left out without a reason"
        );
        assert!(
            readme.contains(&format!("{method} {path}")),
            "README.md does not name {method} {path}, which is left out"
        );
    }
}

#[test]
fn every_schema_operation_is_an_operation_of_the_ir() {
    let api = ir();
    let lowered: Vec<String> = resource_paths(&api)
        .iter()
        .flat_map(|trail| trail.last().expect("non-empty").operations.iter())
        .map(|op| format!("{} {}", op.method.as_str(), op.path))
        .collect();
    let distinct: BTreeSet<String> = lowered.iter().cloned().collect();
    assert_eq!(
        distinct.len(),
        lowered.len(),
        "two IR operations share a method and path"
    );
    assert_eq!(distinct, schema_operations());
}

/// The `pub fn` names declared directly in `impl<'c> {handle}<'c> { ... }` of a generated file
/// (a resource's own: nested resources have files of their own).
fn methods_in_source(source: &str, handle: &str) -> BTreeSet<String> {
    let mut lines = source.lines();
    let header = format!("impl<'c> {handle}<'c> {{");
    lines
        .by_ref()
        .find(|l| *l == header)
        .unwrap_or_else(|| panic!("no `{header}` in the generated source"));
    let close = "}";
    let method = "    pub fn ";
    lines
        .take_while(|l| *l != close)
        .filter_map(|l| l.strip_prefix(method))
        .map(|rest| rest.split(['(', '<']).next().expect("a name").to_string())
        .collect()
}

#[test]
fn every_ir_operation_is_a_public_method_of_the_generated_crate() {
    let api = ir();
    let mut count = 0;
    for trail in resource_paths(&api) {
        let names: Vec<&str> = trail.iter().map(|r| r.name.ident().as_str()).collect();
        let file = root()
            .join("generated/src/resources")
            .join(format!("{}.rs", names.join("/")));
        let source = std::fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
        let resource = trail.last().expect("non-empty");
        let handle = xtask::ir::named(&resource.handle).as_str();
        let declared = methods_in_source(&source, handle);
        let children: BTreeSet<String> = resource
            .children
            .iter()
            .map(|c| c.name.ident().as_str().to_string())
            .collect();
        let operations: BTreeSet<String> = resource
            .operations
            .iter()
            .map(|op| op.name.ident().as_str().to_string())
            .collect();
        assert_eq!(
            operations.len(),
            resource.operations.len(),
            "two operations of {handle} share a method name",
        );
        let methods: BTreeSet<String> = declared.difference(&children).cloned().collect();
        assert_eq!(
            methods,
            operations,
            "methods of {handle} in {}",
            file.display()
        );
        count += methods.len();
    }
    assert!(
        count >= VENDOR_OPERATIONS,
        "the generated crate has {count} operation methods, fewer than {VENDOR_OPERATIONS}"
    );
}

#[test]
fn every_cursor_paged_list_streams() {
    let api = ir();
    for trail in resource_paths(&api) {
        for op in &trail.last().expect("non-empty").operations {
            let cursor = op
                .params
                .iter()
                .any(|p| p.name.wire == "paginationToken" || p.name.wire == "nextToken");
            assert_eq!(
                cursor,
                op.pagination.is_some(),
                "{} {}: a cursor parameter and pagination go together",
                op.method.as_str(),
                op.path
            );
        }
    }
}
