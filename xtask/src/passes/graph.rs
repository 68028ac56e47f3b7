//! The type graph: which named types each type holds. Every question of the form "can a value
//! of this type contain that one?" (sent, received, validated, `Eq`, cycles) is a walk of a
//! [`Graph`] built here with the edges that question follows.

use std::collections::BTreeSet;

use crate::ir::*;

/// Edges between named types, both ways.
pub struct Graph {
    forward: Vec<Vec<TypeId>>,
    backward: Vec<Vec<TypeId>>,
}

impl Graph {
    /// The graph whose edges from each type are those `edges` gives.
    pub fn new(api: &Api, edges: impl Fn(&Api, &TypeDef) -> Vec<TypeId>) -> Graph {
        let forward: Vec<Vec<TypeId>> = api.types.iter().map(|def| edges(api, def)).collect();
        let mut backward = vec![Vec::new(); forward.len()];
        for (from, targets) in forward.iter().enumerate() {
            for to in targets {
                backward[to.0].push(TypeId(from));
            }
        }
        Graph { forward, backward }
    }

    /// The roots and every type reachable from them.
    pub fn from(&self, roots: impl IntoIterator<Item = TypeId>) -> BTreeSet<TypeId> {
        walk(&self.forward, roots)
    }

    /// The targets and every type from which one of them is reachable.
    pub fn to(&self, targets: impl IntoIterator<Item = TypeId>) -> BTreeSet<TypeId> {
        walk(&self.backward, targets)
    }
}

fn walk(edges: &[Vec<TypeId>], start: impl IntoIterator<Item = TypeId>) -> BTreeSet<TypeId> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<TypeId> = start.into_iter().collect();
    while let Some(id) = stack.pop() {
        if seen.insert(id) {
            stack.extend(edges[id.0].iter().copied());
        }
    }
    seen
}

/// The uses of other types a type is made of: its fields and unnamed properties, its variants,
/// or the type it stands for.
pub fn members(def: &TypeDef) -> Vec<&TypeRef> {
    match &def.kind {
        TypeKind::Struct(s) => s
            .fields
            .iter()
            .map(|f| &f.ty)
            .chain(s.additional.as_ref())
            .collect(),
        TypeKind::Union(u) => u.variants.iter().map(|v| &v.ty).collect(),
        TypeKind::Alias(t) => vec![t],
        TypeKind::Enum(_) => Vec::new(),
    }
}

/// The named type a use mentions, however deep in lists and maps.
pub fn named_in(ty: &TypeRef) -> Option<TypeId> {
    match ty {
        TypeRef::Named(id) => Some(*id),
        TypeRef::Array(t) | TypeRef::Map(t) | TypeRef::Nullable(t) => named_in(t),
        _ => None,
    }
}

/// Every type a value may hold, at any depth.
pub fn holds(_: &Api, def: &TypeDef) -> Vec<TypeId> {
    members(def).into_iter().filter_map(named_in).collect()
}

/// The types an operation names itself: of its parameters, its body (or each part of it), its
/// success and error responses.
pub fn roots(op: &Operation) -> Vec<TypeId> {
    let body = op.body.iter().flat_map(|b| match &b.payload {
        BodyPayload::Multipart { parts } => parts.iter().filter_map(|p| p.ty.as_ref()).collect(),
        payload => payload.ty().into_iter().collect::<Vec<_>>(),
    });
    op.params
        .iter()
        .map(|p| &p.ty)
        .chain(body)
        .chain(op.responses.iter().filter_map(|r| r.ty()))
        .chain(op.errors.iter().filter_map(|e| e.payload.ty()))
        .filter_map(named_in)
        .collect()
}

/// For each type, the keys of the operations that reach it (`ops` gives each operation with
/// its key: the resource it sits in, say).
pub fn reached_by<'a, K: Ord + Clone + 'a>(
    api: &Api,
    ops: impl IntoIterator<Item = (K, &'a Operation)>,
) -> Vec<BTreeSet<K>> {
    let graph = Graph::new(api, holds);
    let mut reached = vec![BTreeSet::new(); api.types.len()];
    for (key, op) in ops {
        for id in graph.from(roots(op)) {
            reached[id.0].insert(key.clone());
        }
    }
    reached
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A struct type named `name` with these (wire name, type) fields, all required.
    pub fn structure(name: &str, fields: &[(&str, TypeRef)]) -> TypeDef {
        TypeDef {
            name: Name::wire(name),
            doc: None,
            source: String::new(),
            origin: None,
            file: None,
            deprecated: false,
            deprecated_note: None,
            kind: TypeKind::Struct(Struct {
                fields: fields.iter().map(|(n, t)| field(n, t.clone())).collect(),
                ..Struct::default()
            }),
            usage: Usage::default(),
            eq: false,
            non_exhaustive: false,
        }
    }

    pub fn field(name: &str, ty: TypeRef) -> Field {
        Field {
            name: Name::wire(name),
            doc: None,
            ty,
            required: true,
            nullable: false,
            boxed: false,
            deprecated: false,
            deprecated_note: None,
            default: None,
            constant: None,
            format: None,
            access: Access::ReadWrite,
            omit_on_send: false,
            required_to_send: false,
            integral_numbers: false,
            fill: None,
            constraints: Constraints::default(),
            setter: None,
            renamed: false,
        }
    }

    pub fn api(types: Vec<TypeDef>) -> Api {
        Api {
            title: String::new(),
            version: String::new(),
            summary: None,
            doc: None,
            crate_description: String::new(),
            base_url: None,
            auth: Vec::new(),
            types,
            resources: Vec::new(),
            error_body: None,
            merges: Vec::new(),
            credentials: Credentials::default(),
            job_model: None,
            needs: Needs::default(),
            model_files: Vec::new(),
            model_inputs: Vec::new(),
        }
    }

    pub fn named(i: usize) -> TypeRef {
        TypeRef::Named(TypeId(i))
    }

    #[test]
    fn walks_follow_lists_and_maps_both_ways() {
        // 0 holds a list of 1, 1 a map of 2, 3 stands alone.
        let api = api(vec![
            structure("A", &[("b", TypeRef::Array(Box::new(named(1))))]),
            structure("B", &[("c", TypeRef::Map(Box::new(named(2))))]),
            structure("C", &[("s", TypeRef::String)]),
            structure("D", &[]),
        ]);
        let g = Graph::new(&api, holds);
        let ids = |s: BTreeSet<TypeId>| s.into_iter().map(|t| t.0).collect::<Vec<_>>();
        assert_eq!(ids(g.from([TypeId(0)])), [0, 1, 2]);
        assert_eq!(ids(g.to([TypeId(2)])), [0, 1, 2]);
        assert_eq!(ids(g.from([TypeId(3)])), [3]);
    }
}
