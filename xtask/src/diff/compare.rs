//! The two IRs side by side. Operations are matched by operationId, or by method and path when
//! the operationId changed; their parameters and body inputs by wire name; types by wire name,
//! and their fields, values and variants by wire name or value. Types are named as Rust names
//! them (`Vec<Job>`), so a change of a referenced type's name shows where it is used.

use std::collections::{BTreeMap, BTreeSet};

use super::{Credentials, Kind, Label, Site};
use crate::ir::*;
use crate::passes::graph::reached_by;

type Found = (Site, Kind);

/// The group of types that several resources (or none) reach.
pub const SHARED: &str = "shared models";

/// Every difference, in the order of the description: the client's credentials, operations,
/// then types.
pub fn compare(before: &Api, after: &Api) -> Vec<Found> {
    let mut found = Vec::new();
    security(before, after, &mut found);
    operations(before, after, &mut found);
    types(before, after, &mut found);
    found
}

fn security(before: &Api, after: &Api, found: &mut Vec<Found>) {
    let credentials = |api: &Api| Credentials {
        args: api.credentials.list.iter().map(|c| c.arg.clone()).collect(),
        sentence: api.credentials.sentence.clone(),
    };
    let (from, to) = (credentials(before), credentials(after));
    if from != to {
        let site = Site {
            group: "client".into(),
            item: "Client::new".into(),
            wire: "security".into(),
            usage: Usage::default(),
            extensible: false,
        };
        found.push((site, Kind::Security { from, to }));
    }
}

/// An operation and the resource it sits in.
struct Located<'a> {
    /// The dotted wire names of its resource: `models.examples`.
    resource: String,
    /// The Rust expression of its resource's handle: `client.models().examples()`.
    handle: String,
    /// The module of its builder and enums, below `resources`: `models::examples`.
    module: String,
    op: &'a Operation,
}

impl Located<'_> {
    fn call(&self) -> String {
        format!("{}.{}()", self.handle, self.op.name.ident().code())
    }

    fn label(&self) -> Label {
        Label {
            id: self.op.name.wire.clone(),
            call: self.call(),
        }
    }

    fn wire(&self) -> String {
        format!("{} {}", self.op.method.as_str(), self.op.path)
    }

    fn site(&self, item: String, wire: String) -> Site {
        Site {
            group: self.resource.clone(),
            item,
            wire,
            usage: Usage {
                sent: true,
                ..Usage::default()
            },
            extensible: false,
        }
    }

    /// The Rust item that takes a request value: an argument of the call when required, else
    /// a setter of the builder.
    fn taker(&self, rust: &Ident, required: bool) -> String {
        if required {
            format!(
                "{}.{}({})",
                self.handle,
                self.op.name.ident().code(),
                rust.code()
            )
        } else {
            format!("{}.{}()", self.call(), rust.code())
        }
    }
}

fn located(api: &Api) -> Vec<Located<'_>> {
    /// The resource's wire path, handle and module, as [`Located`] holds them.
    type Place = (String, String, String);
    fn walk<'a>(r: &'a Resource, parent: Option<&Place>, out: &mut Vec<Located<'a>>) {
        let code = r.name.ident().code();
        let place = match parent {
            Some((resource, handle, module)) => (
                format!("{resource}.{}", r.name.wire),
                format!("{handle}.{code}()"),
                format!("{module}::{code}"),
            ),
            None => (
                r.name.wire.clone(),
                format!("client.{code}()"),
                code.clone(),
            ),
        };
        out.extend(r.operations.iter().map(|op| Located {
            resource: place.0.clone(),
            handle: place.1.clone(),
            module: place.2.clone(),
            op,
        }));
        for c in &r.children {
            walk(c, Some(&place), out);
        }
    }
    let mut out = Vec::new();
    for r in &api.resources {
        walk(r, None, &mut out);
    }
    out
}

fn operations(before: &Api, after: &Api, found: &mut Vec<Found>) {
    let (old, new) = (located(before), located(after));
    let ids = |list: &[Located]| -> BTreeSet<String> {
        list.iter().map(|l| l.op.name.wire.clone()).collect()
    };
    let old_ids = ids(&old);
    let mut paired = BTreeSet::new();
    for o in &old {
        let same_id = new.iter().position(|n| n.op.name.wire == o.op.name.wire);
        // Renamed: the same method and path under an operationId that is new.
        let renamed = || {
            new.iter().enumerate().position(|(i, n)| {
                !old_ids.contains(&n.op.name.wire)
                    && !paired.contains(&i)
                    && (n.op.method, &n.op.path) == (o.op.method, &o.op.path)
            })
        };
        match same_id.or_else(renamed) {
            Some(i) => {
                paired.insert(i);
                operation(before, after, o, &new[i], found);
            }
            None => found.push((o.site(o.call(), o.wire()), Kind::OperationRemoved)),
        }
    }
    for (i, n) in new.iter().enumerate() {
        if !paired.contains(&i) {
            found.push((n.site(n.call(), n.wire()), Kind::OperationAdded));
        }
    }
}

fn operation(before: &Api, after: &Api, o: &Located, n: &Located, found: &mut Vec<Found>) {
    let (ob, nb) = (o.op, n.op);
    let here = |item: String| n.site(item, n.wire());
    if o.label() != n.label() {
        found.push((
            here(n.call()),
            Kind::OperationRenamed {
                from: o.label(),
                to: n.label(),
            },
        ));
    }
    flags(
        here(n.call()),
        (ob.deprecated, nb.deprecated),
        (&joined_doc(ob), &joined_doc(nb)),
        found,
    );
    // Parameters, by wire name.
    for p in &ob.params {
        match nb.params.iter().find(|q| q.name.wire == p.name.wire) {
            None => found.push((
                n.site(
                    o.taker(p.name.ident(), p.required),
                    wire_of(n, &p.name.wire),
                ),
                Kind::ParamRemoved,
            )),
            Some(q) => {
                let site = n.site(
                    n.taker(q.name.ident(), q.required),
                    wire_of(n, &q.name.wire),
                );
                if p.required != q.required {
                    found.push((site.clone(), Kind::ParamRequired { now: q.required }));
                }
                if p.location != q.location {
                    found.push((
                        site.clone(),
                        Kind::ParamMoved {
                            from: location(p.location),
                            to: location(q.location),
                        },
                    ));
                }
                let (from, to) = (shown(before, &p.ty), shown(after, &q.ty));
                if from != to {
                    found.push((site.clone(), Kind::Type { from, to }));
                }
                limits(&site, &p.constraints, &q.constraints, found);
                flags(site, (p.deprecated, q.deprecated), (&p.doc, &q.doc), found);
            }
        }
    }
    for q in &nb.params {
        if !ob.params.iter().any(|p| p.name.wire == q.name.wire) {
            found.push((
                n.site(
                    n.taker(q.name.ident(), q.required),
                    wire_of(n, &q.name.wire),
                ),
                Kind::ParamAdded {
                    required: q.required,
                },
            ));
        }
    }
    // What the builder keeps of the body.
    let body = |name: &str| {
        if name == "body" {
            "body".to_string()
        } else {
            format!("body part `{name}`")
        }
    };
    for i in &ob.inputs {
        let wire = format!("{} {}", n.wire(), body(&i.name.wire));
        match nb.inputs.iter().find(|j| j.name.wire == i.name.wire) {
            None => found.push((
                n.site(o.taker(i.name.ident(), i.required), wire),
                Kind::InputRemoved,
            )),
            Some(j) => {
                let site = n.site(n.taker(j.name.ident(), j.required), wire);
                if i.required != j.required {
                    found.push((site.clone(), Kind::InputRequired { now: j.required }));
                }
                let (from, to) = (input_shown(before, &i.kind), input_shown(after, &j.kind));
                if from != to {
                    found.push((site.clone(), Kind::Type { from, to }));
                }
                flags(site, (false, false), (&i.doc, &j.doc), found);
            }
        }
    }
    for j in &nb.inputs {
        if !ob.inputs.iter().any(|i| i.name.wire == j.name.wire) {
            found.push((
                n.site(
                    n.taker(j.name.ident(), j.required),
                    format!("{} {}", n.wire(), body(&j.name.wire)),
                ),
                Kind::InputAdded {
                    required: j.required,
                },
            ));
        }
    }
    responses(before, after, o, n, found);
    if ob.pagination.is_some() != nb.pagination.is_some() {
        found.push((
            here(format!("{}.stream()", n.call())),
            Kind::Paged {
                now: nb.pagination.is_some(),
            },
        ));
    }
}

/// What `send` returns, and the variants of the output enum of `send_any`.
fn responses(before: &Api, after: &Api, o: &Located, n: &Located, found: &mut Vec<Found>) {
    let (ob, nb) = (o.op, n.op);
    let first = |op: &Operation| op.responses.first().map(|r| r.payload.clone());
    let (from, to) = (
        first(ob).map_or("()".into(), |p| payload_shown(before, &p)),
        first(nb).map_or("()".into(), |p| payload_shown(after, &p)),
    );
    if from != to {
        found.push((
            n.site(format!("{}.send()", n.call()), n.wire()),
            Kind::Type { from, to },
        ));
    }
    for r in &ob.responses {
        if let Some(s) = nb.responses.iter().find(|s| s.status == r.status) {
            let site = n.site(
                format!("{}.send()", n.call()),
                format!("{} {}", n.wire(), r.status),
            );
            flags(site, (false, false), (&r.doc, &s.doc), found);
        }
    }
    if ob.responses.len() < 2 && nb.responses.len() < 2 {
        return;
    }
    let had_enum = ob.output.is_some();
    let variant = |l: &Located, r: &Response| match &l.op.output {
        Some(output) => format!(
            "{}::{}::{}",
            l.module,
            output.as_str(),
            r.name.ident().as_str()
        ),
        None => format!("{}.send_any()", l.call()),
    };
    for r in &ob.responses {
        let wire = format!("{} {}", n.wire(), r.status);
        match nb.responses.iter().find(|s| s.status == r.status) {
            None => found.push((
                n.site(variant(o, r), wire),
                Kind::StatusRemoved {
                    status: r.status,
                    had_enum,
                },
            )),
            Some(s) => {
                let (from, to) = (
                    payload_shown(before, &r.payload),
                    payload_shown(after, &s.payload),
                );
                if from != to && had_enum && nb.output.is_some() {
                    found.push((n.site(variant(n, s), wire), Kind::Type { from, to }));
                }
            }
        }
    }
    for s in &nb.responses {
        if !ob.responses.iter().any(|r| r.status == s.status) {
            let site = Site {
                extensible: ob.status_enums_non_exhaustive,
                ..n.site(variant(n, s), format!("{} {}", n.wire(), s.status))
            };
            found.push((
                site,
                Kind::StatusAdded {
                    status: s.status,
                    had_enum,
                },
            ));
        }
    }
}

fn wire_of(l: &Located, param: &str) -> String {
    format!("{} `{param}`", l.wire())
}

fn joined_doc(op: &Operation) -> Option<String> {
    match (&op.summary, &op.doc) {
        (None, None) => None,
        (s, d) => Some(format!(
            "{}\n{}",
            s.as_deref().unwrap_or(""),
            d.as_deref().unwrap_or("")
        )),
    }
}

fn location(l: ParamLocation) -> String {
    match l {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    }
    .into()
}

/// Deprecation and documentation, which every kind of item has.
fn flags(
    site: Site,
    deprecated: (bool, bool),
    doc: (&Option<String>, &Option<String>),
    found: &mut Vec<Found>,
) {
    if deprecated.0 != deprecated.1 {
        found.push((site.clone(), Kind::Deprecated { now: deprecated.1 }));
    }
    if doc.0 != doc.1 {
        found.push((site, Kind::Doc));
    }
}

/// The limits checked before a value is sent.
fn limits(site: &Site, from: &Constraints, to: &Constraints, found: &mut Vec<Found>) {
    // An excluded bound is shown so (`0 (excluded)`): making a bound exclusive is a change.
    let number = |v: Option<f64>, excluded: bool| {
        v.map(|v| match excluded {
            true => format!("{v} (excluded)"),
            false => v.to_string(),
        })
    };
    let count = |v: Option<u64>| v.map(|v| v.to_string());
    // A bound lets fewer values through when it moves inwards, or stays and becomes excluded.
    let stricter = |a: f64, b: f64, inwards: bool, (was, now): (bool, bool)| {
        (if inwards { b > a } else { b < a }) || (a == b && now && !was)
    };
    let min_excluded = (from.exclusive_minimum, to.exclusive_minimum);
    let max_excluded = (from.exclusive_maximum, to.exclusive_maximum);
    // (name, before, after, whether the new limit lets fewer values through when both exist)
    let pairs = [
        (
            "minimum",
            number(from.minimum, from.exclusive_minimum),
            number(to.minimum, to.exclusive_minimum),
            from.minimum
                .zip(to.minimum)
                .map(|(a, b)| stricter(a, b, true, min_excluded)),
        ),
        (
            "maximum",
            number(from.maximum, from.exclusive_maximum),
            number(to.maximum, to.exclusive_maximum),
            from.maximum
                .zip(to.maximum)
                .map(|(a, b)| stricter(a, b, false, max_excluded)),
        ),
        (
            "minLength",
            count(from.min_length),
            count(to.min_length),
            from.min_length.zip(to.min_length).map(|(a, b)| b > a),
        ),
        (
            "maxLength",
            count(from.max_length),
            count(to.max_length),
            from.max_length.zip(to.max_length).map(|(a, b)| b < a),
        ),
        (
            "minItems",
            count(from.min_items),
            count(to.min_items),
            from.min_items.zip(to.min_items).map(|(a, b)| b > a),
        ),
        (
            "maxItems",
            count(from.max_items),
            count(to.max_items),
            from.max_items.zip(to.max_items).map(|(a, b)| b < a),
        ),
    ];
    for (name, old, new, narrower) in pairs {
        if old != new {
            // A limit that appears lets fewer values through; one that goes lets more.
            let tighter = narrower.unwrap_or(new.is_some());
            found.push((
                site.clone(),
                Kind::Limit {
                    name,
                    from: old,
                    to: new,
                    tighter,
                },
            ));
        }
    }
}

/// A use of a type as Rust writes it, short: `Vec<Job>`, `Option<String>`.
fn shown(api: &Api, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(id) => api.get(*id).name.ident().as_str().to_string(),
        TypeRef::String => "String".into(),
        TypeRef::Integer(IntegerFormat::Int32) => "i32".into(),
        TypeRef::Integer(IntegerFormat::Int64) => "i64".into(),
        TypeRef::Number(NumberFormat::Float) => "f32".into(),
        TypeRef::Number(NumberFormat::Double) => "f64".into(),
        TypeRef::Boolean => "bool".into(),
        TypeRef::Bytes => "Bytes".into(),
        TypeRef::Nullable(t) => format!("Option<{}>", shown(api, t)),
        TypeRef::Array(t) => format!("Vec<{}>", shown(api, t)),
        TypeRef::Map(t) => format!("BTreeMap<String, {}>", shown(api, t)),
        TypeRef::Any => "serde_json::Value".into(),
    }
}

fn payload_shown(api: &Api, p: &Payload) -> String {
    match p {
        Payload::Empty => "()".into(),
        Payload::Json(t) => shown(api, t),
        Payload::Text => "String".into(),
        Payload::Bytes => "Bytes".into(),
    }
}

fn input_shown(api: &Api, k: &InputKind) -> String {
    match k {
        InputKind::Json(t) | InputKind::Text(t) | InputKind::PartJson(t) => shown(api, t),
        InputKind::Form(t) => format!("{} (form)", shown(api, t)),
        InputKind::Bytes(content_type) => format!("Bytes ({content_type})"),
        InputKind::File => "FilePart".into(),
        InputKind::FreeJson => "impl Serialize (any JSON object)".into(),
        InputKind::Fields(b) => format!("{} (setters)", shown(api, &TypeRef::Named(b.ty))),
    }
}

/// The Rust type of a field's value when it is there (`Option` only for `null`).
fn field_shown(api: &Api, f: &Field) -> String {
    let mut t = shown(api, &f.ty);
    if f.boxed {
        t = format!("Box<{t}>");
    }
    t
}

/// Whether `new` takes the field as an argument.
fn needed(f: &Field) -> bool {
    (f.required || f.required_to_send) && f.fill.is_none()
}

/// For each type, the resources whose operations reach it, as a group name.
fn groups(api: &Api) -> Vec<String> {
    let located = located(api);
    reached_by(api, located.iter().map(|l| (l.resource.clone(), l.op)))
        .into_iter()
        .map(|set| match set.len() {
            1 => set.into_iter().next().expect("one"),
            _ => SHARED.to_string(),
        })
        .collect()
}

fn kind_name(k: &TypeKind) -> &'static str {
    match k {
        TypeKind::Struct(_) => "struct",
        TypeKind::Enum(_) => "enum",
        TypeKind::Union(_) => "union",
        TypeKind::Alias(_) => "alias",
    }
}

fn types(before: &Api, after: &Api, found: &mut Vec<Found>) {
    let (old_groups, new_groups) = (groups(before), groups(after));
    let by_name = |api: &Api| -> BTreeMap<String, TypeId> {
        api.types
            .iter()
            .enumerate()
            .map(|(i, t)| (t.name.wire.clone(), TypeId(i)))
            .collect()
    };
    let (old, new) = (by_name(before), by_name(after));
    let site = |api: &Api, groups: &[String], id: TypeId, item: String, wire: String| Site {
        group: groups[id.0].clone(),
        item,
        wire,
        usage: api.get(id).usage,
        extensible: false,
    };
    for (name, &id) in &old {
        if !new.contains_key(name) {
            let rust = before.get(id).name.ident().as_str().to_string();
            found.push((
                site(before, &old_groups, id, rust, name.clone()),
                Kind::TypeRemoved,
            ));
        }
    }
    for (name, &id) in &new {
        let rust = after.get(id).name.ident().as_str().to_string();
        let Some(&old_id) = old.get(name) else {
            let added = site(after, &new_groups, id, rust, name.clone());
            found.push((added, Kind::TypeAdded));
            continue;
        };
        // What callers could write against the type as it was decides what a change breaks.
        let extensible = before.get(old_id).non_exhaustive;
        let at = |item: String, wire: String| Site {
            extensible,
            ..site(after, &new_groups, id, item, wire)
        };
        let (tb, ta) = (before.get(old_id), after.get(id));
        flags(
            at(rust.clone(), name.clone()),
            (tb.deprecated, ta.deprecated),
            (&tb.doc, &ta.doc),
            found,
        );
        match (&tb.kind, &ta.kind) {
            (TypeKind::Struct(sb), TypeKind::Struct(sa)) => {
                fields(before, after, sb, sa, &rust, name, &at, found)
            }
            (TypeKind::Enum(eb), TypeKind::Enum(ea)) => values(eb, ea, &rust, name, &at, found),
            (TypeKind::Union(ub), TypeKind::Union(ua)) => {
                for v in &ub.variants {
                    let item = format!("{rust}::{}", v.name.ident().as_str());
                    let wire = format!("{name} variant `{}`", v.name.wire);
                    match ua.variants.iter().find(|w| w.name.wire == v.name.wire) {
                        None => found.push((at(item, wire), Kind::VariantRemoved)),
                        Some(w) => {
                            let (from, to) = (shown(before, &v.ty), shown(after, &w.ty));
                            if from != to {
                                found.push((at(item, wire), Kind::Type { from, to }));
                            }
                        }
                    }
                }
                for w in &ua.variants {
                    if !ub.variants.iter().any(|v| v.name.wire == w.name.wire) {
                        let item = format!("{rust}::{}", w.name.ident().as_str());
                        let wire = format!("{name} variant `{}`", w.name.wire);
                        found.push((at(item, wire), Kind::VariantAdded));
                    }
                }
            }
            (TypeKind::Alias(b), TypeKind::Alias(a)) => {
                let (from, to) = (shown(before, b), shown(after, a));
                if from != to {
                    found.push((at(rust.clone(), name.clone()), Kind::Type { from, to }));
                }
            }
            (b, a) => found.push((
                at(rust.clone(), name.clone()),
                Kind::TypeKind {
                    from: kind_name(b),
                    to: kind_name(a),
                },
            )),
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn fields(
    before: &Api,
    after: &Api,
    sb: &Struct,
    sa: &Struct,
    rust: &str,
    name: &str,
    at: &dyn Fn(String, String) -> Site,
    found: &mut Vec<Found>,
) {
    let place = |f: &Field| {
        (
            format!("{rust}.{}", f.name.ident().code()),
            format!("{name}.{}", f.name.wire),
        )
    };
    for fb in &sb.fields {
        let (item, wire) = place(fb);
        let Some(fa) = sa.fields.iter().find(|f| f.name.wire == fb.name.wire) else {
            found.push((at(item, wire), Kind::FieldRemoved));
            continue;
        };
        let (item, wire) = place(fa);
        let site = at(item, wire);
        let (from, to) = (field_shown(before, fb), field_shown(after, fa));
        if from != to {
            found.push((site.clone(), Kind::Type { from, to }));
        }
        if fb.optional() != fa.optional() || needed(fb) != needed(fa) {
            found.push((
                site.clone(),
                Kind::FieldRequired {
                    now: if fb.optional() != fa.optional() {
                        !fa.optional()
                    } else {
                        needed(fa)
                    },
                },
            ));
        }
        if fb.nullable != fa.nullable {
            found.push((site.clone(), Kind::Nullable { now: fa.nullable }));
        }
        let text = |v: &Option<serde_json::Value>| v.as_ref().map(|v| v.to_string());
        if fb.default != fa.default {
            found.push((
                site.clone(),
                Kind::Default {
                    from: text(&fb.default),
                    to: text(&fa.default),
                    filled: fb.fill.is_some() || fa.fill.is_some(),
                },
            ));
        }
        if site.usage.sent {
            limits(&site, &fb.constraints, &fa.constraints, found);
        } else if fb.constraints != fa.constraints {
            found.push((site.clone(), Kind::Doc));
        }
        flags(
            site,
            (fb.deprecated, fa.deprecated),
            (&fb.doc, &fa.doc),
            found,
        );
    }
    for fa in &sa.fields {
        if !sb.fields.iter().any(|f| f.name.wire == fa.name.wire) {
            let (item, wire) = place(fa);
            found.push((at(item, wire), Kind::FieldAdded { needed: needed(fa) }));
        }
    }
}

fn values(
    eb: &Enum,
    ea: &Enum,
    rust: &str,
    name: &str,
    at: &dyn Fn(String, String) -> Site,
    found: &mut Vec<Found>,
) {
    let place = |v: &EnumVariant| {
        (
            format!("{rust}::{}", v.name.ident().as_str()),
            format!("{name} value `{}`", v.name.wire),
        )
    };
    for vb in &eb.variants {
        let (item, wire) = place(vb);
        match ea.variants.iter().find(|v| v.value == vb.value) {
            None => found.push((
                at(item, wire),
                Kind::ValueRemoved {
                    value: vb.name.wire.clone(),
                },
            )),
            Some(va) => {
                let (item, wire) = place(va);
                flags(
                    at(item, wire),
                    (vb.deprecated, va.deprecated),
                    (&vb.doc, &va.doc),
                    found,
                );
            }
        }
    }
    for va in &ea.variants {
        if !eb.variants.iter().any(|v| v.value == va.value) {
            let (item, wire) = place(va);
            found.push((
                at(item, wire),
                Kind::ValueAdded {
                    value: va.name.wire.clone(),
                },
            ));
        }
    }
    let default = |e: &Enum| e.default.map(|i| e.variants[i].name.wire.clone());
    if default(eb) != default(ea) {
        found.push((
            at(format!("{rust}::default"), format!("{name} default")),
            Kind::Default {
                from: default(eb),
                to: default(ea),
                filled: true,
            },
        ));
    }
}
