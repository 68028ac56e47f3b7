//! Schemas to types: every schema is resolved once into the type table, and every use of it
//! becomes a [`TypeRef`].

use std::collections::BTreeMap;

use heck::ToUpperCamelCase;
use serde_json::{Map, Value};

use crate::diagnostics::{Diagnostic, child};
use crate::ir::*;
use crate::load::Document;

/// The type table being built, with the schema pointers already lowered, so that a component
/// used in many places (or by itself, recursively) is one type.
pub struct TypeSpace<'d> {
    doc: &'d Document,
    pub types: Vec<TypeDef>,
    by_pointer: BTreeMap<String, TypeId>,
    /// The `allOf` types, for the `allof` pass to merge.
    pub merges: Vec<(TypeId, AllOf)>,
    /// What was read less exactly than written.
    pub warnings: Vec<Diagnostic>,
}

/// A use of a schema: the type, and whether the wire value may also be `null`.
#[derive(Debug, Clone)]
pub struct Lowered {
    pub ty: TypeRef,
    pub nullable: bool,
}

impl<'d> TypeSpace<'d> {
    /// Registers every component schema first, so references to them (even cyclic ones) have an
    /// id before any of them is lowered.
    pub fn new(doc: &'d Document) -> Self {
        let mut space = TypeSpace {
            doc,
            types: Vec::new(),
            by_pointer: BTreeMap::new(),
            merges: Vec::new(),
            warnings: Vec::new(),
        };
        let components = doc
            .root
            .pointer("/components/schemas")
            .and_then(Value::as_object);
        let names: Vec<String> = components
            .into_iter()
            .flat_map(|m| m.keys().cloned())
            .collect();
        for name in &names {
            space.reserve(&child("/components/schemas", name), name);
        }
        for name in &names {
            let pointer = child("/components/schemas", name);
            let schema = doc.root.pointer(&pointer).expect("component listed above");
            let id = space.by_pointer[&pointer];
            space.types[id.0].kind = space.named_kind(schema, &pointer, name);
            space.types[id.0].doc = description(schema);
            space.types[id.0].deprecated = is_deprecated(schema);
            space.types[id.0].deprecated_note = deprecation_note(schema);
        }
        space
    }

    fn reserve(&mut self, pointer: &str, wire: &str) -> TypeId {
        let id = TypeId(self.types.len());
        self.types.push(TypeDef {
            name: Name::wire(wire),
            doc: None,
            source: pointer.to_string(),
            origin: origin(self.doc, pointer),
            file: None,
            deprecated: false,
            deprecated_note: None,
            kind: TypeKind::Alias(TypeRef::Any),
            usage: Usage::default(),
            eq: false,
            non_exhaustive: false,
        });
        self.by_pointer.insert(pointer.to_string(), id);
        id
    }

    /// Records that the schema at `pointer` is read less exactly than written.
    /// A schema read once per use (a component's limits, through each field that refers to it)
    /// is warned about once.
    pub fn warn(&mut self, pointer: &str, message: impl Into<String>) {
        let d = Diagnostic::warning(&self.doc.file, pointer, message);
        if !self
            .warnings
            .iter()
            .any(|w| w.pointer == d.pointer && w.message == d.message)
        {
            self.warnings.push(d);
        }
    }

    /// Lowers a schema found at `pointer`; `hint` names the type if the schema needs one.
    pub fn lower(&mut self, schema: &Value, pointer: &str, hint: &str) -> Lowered {
        if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
            let target = r.trim_start_matches('#').to_string();
            let resolved = self.doc.resolve(r).cloned().unwrap_or(Value::Bool(true));
            if let Some(id) = self.by_pointer.get(&target) {
                // `nullable: true` beside the reference (3.0 style, which many 3.1 documents keep).
                let beside = schema.get("nullable") == Some(&Value::Bool(true));
                return Lowered {
                    ty: TypeRef::Named(*id),
                    nullable: beside || self.is_nullable(&resolved, 0),
                };
            }
            let name = target.rsplit('/').next().unwrap_or(hint).to_string();
            return self.lower(&resolved, &target, &name);
        }
        let Some(map) = schema.as_object() else {
            // `true`, `false` and anything validation let through mean "any value" here.
            if schema == &Value::Bool(false) {
                self.warn(
                    pointer,
                    "the schema `false` allows no value; read as any value",
                );
            }
            return Lowered {
                ty: TypeRef::Any,
                nullable: false,
            };
        };
        let (types, mut nullable) = type_names(map);
        let needs_name = enum_values(map).is_some()
            || map.contains_key("allOf") && !is_plain_wrapper(map)
            || map.contains_key("oneOf")
            || map.contains_key("anyOf")
            || types.len() > 1
            || has_properties(map);
        if let Some((i, only)) = wrapped(map) {
            let inner = self.lower(only, &child(&child(pointer, "allOf"), &i.to_string()), hint);
            return Lowered {
                ty: inner.ty,
                nullable: nullable || inner.nullable,
            };
        }
        if needs_name {
            if let Some(values) = enum_values(map) {
                nullable |= values.iter().any(Value::is_null);
                if self.enumeration(map).is_none() {
                    // Number and boolean enums keep their primitive type; only the listed
                    // values are lost, and the request validator does not check them yet.
                    return Lowered {
                        ty: primitive(map, &types),
                        nullable,
                    };
                }
            }
            for key in ["oneOf", "anyOf"] {
                if let Some(members) = map.get(key).and_then(Value::as_array) {
                    nullable |= members.iter().any(|m| is_null_schema(self.doc.deref(m)));
                    let real = members
                        .iter()
                        .filter(|m| !is_null_schema(self.doc.deref(m)))
                        .count();
                    if real == 1 && !has_properties(map) {
                        let (i, only) = members
                            .iter()
                            .enumerate()
                            .find(|(_, m)| !is_null_schema(self.doc.deref(m)))
                            .expect("counted");
                        let inner =
                            self.lower(only, &child(&child(pointer, key), &i.to_string()), hint);
                        return Lowered {
                            ty: inner.ty,
                            nullable: nullable || inner.nullable,
                        };
                    }
                }
            }
            if let Some(id) = self.by_pointer.get(pointer) {
                return Lowered {
                    ty: TypeRef::Named(*id),
                    nullable,
                };
            }
            let id = self.reserve(pointer, hint);
            let kind = self.named_kind(schema, pointer, hint);
            let def = &mut self.types[id.0];
            def.kind = kind;
            def.doc = description(schema);
            def.deprecated = is_deprecated(schema);
            return Lowered {
                ty: TypeRef::Named(id),
                nullable,
            };
        }
        Lowered {
            ty: self.shape(map, &types, pointer, hint),
            nullable,
        }
    }

    /// The type of a schema that gets no name of its own: an array, a map or a primitive.
    fn shape(
        &mut self,
        map: &Map<String, Value>,
        types: &[String],
        pointer: &str,
        hint: &str,
    ) -> TypeRef {
        match types.first().map(String::as_str) {
            Some("array") => {
                let items = match map.get("items") {
                    // Draft 4's tuple form: one schema is read as the schema of every item, and
                    // several as any values, as `prefixItems` is.
                    Some(Value::Array(tuple)) => match tuple.as_slice() {
                        [one] => {
                            self.warn(&child(pointer, "items"), "`items` is an array (the tuple form of JSON Schema draft 4); its one schema is read as the schema of every item");
                            self.lower(
                                one,
                                &child(&child(pointer, "items"), "0"),
                                &format!("{hint}Item"),
                            )
                            .or_null()
                        }
                        _ => {
                            self.warn(&child(pointer, "items"), "`items` is an array (the tuple form of JSON Schema draft 4): tuples are not generated yet; read as a list of any values");
                            TypeRef::Any
                        }
                    },
                    Some(items) => self
                        .lower(items, &child(pointer, "items"), &format!("{hint}Item"))
                        .or_null(),
                    None => {
                        if map.contains_key("prefixItems") {
                            self.warn(&child(pointer, "prefixItems"), "tuples (`prefixItems`) are not generated yet; read as a list of any values");
                        }
                        TypeRef::Any
                    }
                };
                TypeRef::Array(Box::new(items))
            }
            Some("object") => self.object_map(map, pointer, hint),
            None if map.contains_key("additionalProperties") => self.object_map(map, pointer, hint),
            _ => primitive(map, types),
        }
    }

    /// An object without declared properties: a map of the additional properties' type.
    fn object_map(&mut self, map: &Map<String, Value>, pointer: &str, hint: &str) -> TypeRef {
        let values = match map.get("additionalProperties") {
            Some(Value::Object(s)) if !s.is_empty() => {
                let value = Value::Object(s.clone());
                self.lower(
                    &value,
                    &child(pointer, "additionalProperties"),
                    &format!("{hint}Value"),
                )
                .or_null()
            }
            _ => {
                if map.contains_key("patternProperties") {
                    self.warn(
                        &child(pointer, "patternProperties"),
                        "`patternProperties` is not generated yet; read as a map of any values",
                    );
                }
                TypeRef::Any
            }
        };
        TypeRef::Map(Box::new(values))
    }

    /// The kind of a type that gets a name of its own.
    fn named_kind(&mut self, schema: &Value, pointer: &str, name: &str) -> TypeKind {
        let Some(map) = schema.as_object() else {
            if schema == &Value::Bool(false) {
                self.warn(
                    pointer,
                    "the schema `false` allows no value; read as any value",
                );
            }
            return TypeKind::Alias(TypeRef::Any);
        };
        if map.contains_key("$ref") {
            return TypeKind::Alias(self.lower(schema, pointer, name).ty);
        }
        if let Some(e) = self.enumeration(map) {
            return TypeKind::Enum(e);
        }
        if let Some(members) = map.get("allOf").and_then(Value::as_array) {
            return self.all_of(map, members, pointer, name);
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(members) = map.get(key).and_then(Value::as_array) {
                let tag = map
                    .get("discriminator")
                    .and_then(|d| d.get("propertyName"))
                    .and_then(Value::as_str);
                let mut union = self.union(members, &child(pointer, key), name, tag);
                union.discriminator = self.discriminator(map);
                return TypeKind::Union(union);
            }
        }
        let (types, _) = type_names(map);
        if types.len() > 1 {
            let members: Vec<Value> = types
                .iter()
                .map(|t| serde_json::json!({ "type": t }))
                .collect();
            return TypeKind::Union(self.union(&members, pointer, name, None));
        }
        if has_properties(map) {
            return TypeKind::Struct(self.structure(map, pointer, name));
        }
        TypeKind::Alias(self.shape(map, &types, pointer, name))
    }

    fn structure(&mut self, map: &Map<String, Value>, pointer: &str, name: &str) -> Struct {
        let required: Vec<&str> = map
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let mut fields = Vec::new();
        if let Some(props) = map.get("properties").and_then(Value::as_object) {
            for (prop, schema) in props {
                let at = child(&child(pointer, "properties"), prop);
                let hint = format!("{name}{}", prop.to_upper_camel_case());
                let lowered = self.lower(schema, &at, &hint);
                let target = self.doc.deref(schema);
                // Keywords beside a `$ref` (3.1) speak for this use; the target's for every use.
                let keyword = |k: &str| schema.get(k).or_else(|| target.get(k));
                let flag = |k: &str| keyword(k) == Some(&Value::Bool(true));
                let access = match (flag("readOnly"), flag("writeOnly")) {
                    (true, false) => Access::ReadOnly,
                    (false, true) => Access::WriteOnly,
                    _ => Access::ReadWrite,
                };
                fields.push(Field {
                    name: Name::wire(prop),
                    doc: description(schema).or_else(|| description(target)),
                    ty: lowered.ty,
                    required: required.contains(&prop.as_str()),
                    nullable: lowered.nullable,
                    boxed: false,
                    deprecated: flag("deprecated"),
                    deprecated_note: deprecation_note(schema),
                    default: keyword("default").cloned(),
                    constant: constant(target),
                    format: keyword("format")
                        .and_then(Value::as_str)
                        .map(str::to_string),
                    access,
                    omit_on_send: false,
                    required_to_send: false,
                    integral_numbers: false,
                    fill: None,
                    constraints: self.constraints(schema, &at),
                    setter: None,
                    renamed: false,
                });
            }
        }
        let additional = match map.get("additionalProperties") {
            Some(Value::Bool(true)) => Some(TypeRef::Any),
            Some(s @ Value::Object(_)) => Some(
                self.lower(
                    s,
                    &child(pointer, "additionalProperties"),
                    &format!("{name}Value"),
                )
                .or_null(),
            ),
            _ => None,
        };
        Struct {
            fields,
            additional,
            conditions: conditions(map),
            ..Struct::default()
        }
    }

    fn all_of(
        &mut self,
        map: &Map<String, Value>,
        members: &[Value],
        pointer: &str,
        name: &str,
    ) -> TypeKind {
        let mut all = AllOf {
            parts: Vec::new(),
            own: Struct::default(),
            required: Vec::new(),
        };
        let extend = |all: &mut AllOf, s: Struct, map: &Map<String, Value>| {
            all.own.fields.extend(s.fields);
            all.own.additional = all.own.additional.take().or(s.additional);
            for r in map
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(r) = r.as_str() {
                    all.required.push(r.to_string());
                }
            }
        };
        for (i, member) in members.iter().enumerate() {
            let at = child(&child(pointer, "allOf"), &i.to_string());
            if member.get("$ref").is_some() {
                // A reference to something that is not an object adds no fields.
                if let TypeRef::Named(id) = self.lower(member, &at, name).ty {
                    all.parts.push(id);
                }
            } else if let Some(m) = member.as_object() {
                let s = self.structure(m, &at, name);
                extend(&mut all, s, m);
            }
        }
        let s = self.structure(map, pointer, name);
        extend(&mut all, s, map);
        let id = self.by_pointer[pointer];
        self.merges.push((id, all));
        TypeKind::Struct(Struct::default())
    }

    fn union(&mut self, members: &[Value], pointer: &str, name: &str, tag: Option<&str>) -> Union {
        let mut variants = Vec::new();
        for (i, member) in members.iter().enumerate() {
            if is_null_schema(self.doc.deref(member)) {
                continue;
            }
            let at = child(pointer, &i.to_string());
            let label = member_label(member, members, tag, self.doc);
            let hint = match &label {
                Some(label) => format!("{name}{label}"),
                None => format!("{name}Variant{i}"),
            };
            let ty = self.lower(member, &at, &hint).ty;
            let wire = match (&ty, label) {
                // An inline member is named by what tells it apart; a component by its name.
                (TypeRef::Named(_), Some(label)) if member.get("$ref").is_none() => label,
                (TypeRef::Named(id), _) => self.types[id.0].name.wire.clone(),
                (other, _) => primitive_word(other).to_string(),
            };
            variants.push(UnionVariant {
                declares_tag: false,
                name: Name::wire(wire),
                ty,
                tags: Vec::new(),
            });
        }
        Union {
            variants,
            discriminator: None,
            tag: None,
            fallback: None,
        }
    }

    /// `discriminator: {propertyName, mapping}`; a mapping value is a reference or a bare
    /// component name. An entry that names no component is left out here, so the variant is
    /// told by its constant or its name instead (validation is where such an entry belongs).
    fn discriminator(&self, map: &Map<String, Value>) -> Option<Discriminator> {
        let d = map.get("discriminator")?;
        let property = d.get("propertyName")?.as_str()?.to_string();
        let mapping = d
            .get("mapping")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .filter_map(|(tag, target)| {
                let target = target.as_str()?;
                let pointer = match target.strip_prefix('#') {
                    Some(p) => p.to_string(),
                    None => child("/components/schemas", target),
                };
                Some((tag.clone(), *self.by_pointer.get(&pointer)?))
            })
            .collect();
        Some(Discriminator { property, mapping })
    }

    /// An enumeration of strings or of integers: `enum`, or a `oneOf`/`anyOf` whose every
    /// member is one `const` (with its `title` as the variant's name and its `description` as
    /// its documentation). Other enumerations (numbers, booleans, mixed) are not enums in Rust.
    fn enumeration(&self, map: &Map<String, Value>) -> Option<Enum> {
        let mut values: Vec<(Value, EnumVariant)> = Vec::new();
        if let Some(list) = enum_values(map) {
            let labels = map.get("x-enum-varnames").and_then(Value::as_array);
            for (i, v) in list.iter().enumerate().filter(|(_, v)| !v.is_null()) {
                let label = labels
                    .and_then(|l| l.get(i))
                    .and_then(Value::as_str)
                    .map(str::to_string);
                values.push((
                    v.clone(),
                    EnumVariant {
                        name: Name::wire(""),
                        value: EnumValue::Integer(0),
                        label,
                        doc: None,
                        deprecated: false,
                        deprecated_note: None,
                    },
                ));
            }
        } else {
            let members = map
                .get("oneOf")
                .or_else(|| map.get("anyOf"))
                .and_then(Value::as_array)?;
            for member in members
                .iter()
                .map(|m| self.doc.deref(m))
                .filter(|m| !is_null_schema(m))
            {
                let v = match member
                    .get("enum")
                    .and_then(Value::as_array)
                    .map(Vec::as_slice)
                {
                    Some([only]) => only.clone(),
                    _ => constant(member)?,
                };
                let label = member
                    .get("title")
                    .and_then(Value::as_str)
                    .map(str::to_string);
                let doc = member
                    .get("description")
                    .and_then(Value::as_str)
                    .map(str::to_string);
                values.push((
                    v,
                    EnumVariant {
                        name: Name::wire(""),
                        value: EnumValue::Integer(0),
                        label,
                        doc,
                        deprecated: is_deprecated(member),
                        deprecated_note: deprecation_note(member),
                    },
                ));
            }
        }
        let repr = if values.iter().all(|(v, _)| v.is_string()) {
            EnumRepr::String
        } else if values.iter().all(|(v, _)| v.is_i64()) {
            EnumRepr::Integer
        } else {
            return None;
        };
        if values.is_empty() {
            return None;
        }
        // A value listed twice would be two variants with one wire value.
        let mut seen = Vec::new();
        values.retain(|(v, _)| {
            if seen.contains(v) {
                false
            } else {
                seen.push(v.clone());
                true
            }
        });
        let value = |v: &Value| match v.as_i64() {
            Some(n) => EnumValue::Integer(n),
            None => EnumValue::String(v.as_str().unwrap_or_default().to_string()),
        };
        let variants: Vec<EnumVariant> = values
            .into_iter()
            .map(|(v, variant)| EnumVariant {
                name: Name::wire(v.as_str().map_or_else(|| v.to_string(), str::to_string)),
                value: value(&v),
                ..variant
            })
            .collect();
        let default = map
            .get("default")
            .filter(|d| !d.is_null())
            .and_then(|d| variants.iter().position(|v| v.value == value(d)));
        Some(Enum {
            repr,
            variants,
            default,
            fallback: None,
        })
    }

    /// Whether a schema (followed through references and documenting `allOf` wrappers) lets
    /// the value be `null`.
    fn is_nullable(&self, schema: &Value, depth: usize) -> bool {
        let Some(map) = self.doc.deref(schema).as_object() else {
            return false;
        };
        let any_null = |key: &str| {
            map.get(key).and_then(Value::as_array).is_some_and(|m| {
                m.iter()
                    .any(|m| is_null_schema(self.doc.deref(m)) || m.is_null())
            })
        };
        let inner = || {
            wrapped(map).is_some_and(|(_, only)| depth < 16 && self.is_nullable(only, depth + 1))
        };
        type_names(map).1 || any_null("enum") || any_null("oneOf") || any_null("anyOf") || inner()
    }
}

impl Lowered {
    /// The type, wrapped in [`TypeRef::Nullable`] when the value may be `null`: for uses where
    /// no field's `Option` can say so.
    fn or_null(self) -> TypeRef {
        if self.nullable {
            TypeRef::Nullable(Box::new(self.ty))
        } else {
            self.ty
        }
    }
}

/// The one value a schema allows (`const`). An `enum` of one value is not taken as one:
/// descriptions list a single value today where the API may add more tomorrow.
fn constant(schema: &Value) -> Option<Value> {
    schema.get("const").cloned()
}

/// What a schema says of itself, or what the documenting members of an `allOf` wrapper say of
/// the schema they wrap (`allOf: [{$ref: X}, {description: ..}]`).
pub fn description(schema: &Value) -> Option<String> {
    let own = |s: &Value| {
        s.get("description")
            .or_else(|| s.get("title"))
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(str::to_string)
    };
    own(schema).or_else(|| {
        let (i, _) = wrapped(schema.as_object()?)?;
        let members = schema["allOf"].as_array()?;
        members
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .find_map(|(_, m)| own(m))
    })
}

pub fn is_deprecated(schema: &Value) -> bool {
    schema.get("deprecated") == Some(&Value::Bool(true))
}

/// What a deprecated schema's extension says to use instead (`x-deprecated-note`, or
/// `x-deprecation-message` as some generators write it).
pub fn deprecation_note(schema: &Value) -> Option<String> {
    ["x-deprecated-note", "x-deprecation-message"]
        .iter()
        .find_map(|k| schema.get(*k).and_then(Value::as_str))
        .map(str::to_string)
}

/// The place of the schema a `$ref` (or a chain of them) at `pointer` ends at, where its
/// keywords are written.
fn target_pointer<'v>(doc: &'v Document, mut schema: &'v Value, pointer: &str) -> String {
    let mut at = pointer.to_string();
    for _ in 0..64 {
        let Some(r) = schema.get("$ref").and_then(Value::as_str) else {
            break;
        };
        let Some(target) = doc.resolve(r) else { break };
        at = r.trim_start_matches('#').to_string();
        schema = target;
    }
    at
}

/// The range of the Rust type an integer schema becomes (as `shape` chooses it), in floats as
/// limits are kept.
fn integer_range(schema: &Value) -> Option<(&'static str, f64, f64)> {
    let map = schema.as_object()?;
    let (types, _) = type_names(map);
    if types.first().map(String::as_str) != Some("integer") {
        return None;
    }
    Some(match map.get("format").and_then(Value::as_str) {
        Some("int32") => ("i32", f64::from(i32::MIN), f64::from(i32::MAX)),
        _ => ("i64", i64::MIN as f64, i64::MAX as f64),
    })
}

impl TypeSpace<'_> {
    /// The limits of the schema at `pointer` (a `$ref` followed). An integer's limits are read
    /// against its Rust type's range, in floats: JSON writers print i64's minimum as
    /// `-9223372036854776000`, which is that bound as a float; a limit past the range can never
    /// be reached (or never met) by a value of the type, so it is dropped, with a warning.
    pub fn constraints(&mut self, schema: &Value, pointer: &str) -> Constraints {
        let at = target_pointer(self.doc, schema, pointer);
        let schema = self.doc.deref(schema);
        let mut c = constraints(schema);
        if let Some((rust, lo, hi)) = integer_range(schema) {
            let bounds = [
                ("minimum", &mut c.minimum, &mut c.exclusive_minimum),
                ("maximum", &mut c.maximum, &mut c.exclusive_maximum),
            ];
            for (key, limit, exclusive) in bounds {
                if limit.is_some_and(|v| !(lo..=hi).contains(&v)) {
                    (*limit, *exclusive) = (None, false);
                    self.warn(
                        &child(&at, key),
                        format!("`{key}` is past the range of `{rust}`, the integer's Rust type, so it is not checked"),
                    );
                }
            }
        }
        c
    }
}

pub fn constraints(schema: &Value) -> Constraints {
    let f = |k: &str| schema.get(k).and_then(Value::as_f64);
    let u = |k: &str| schema.get(k).and_then(Value::as_u64);
    let (minimum, exclusive_minimum) = bound(f("minimum"), schema.get("exclusiveMinimum"), 1.0);
    let (maximum, exclusive_maximum) = bound(f("maximum"), schema.get("exclusiveMaximum"), -1.0);
    Constraints {
        minimum,
        maximum,
        exclusive_minimum,
        exclusive_maximum,
        min_length: u("minLength"),
        max_length: u("maxLength"),
        min_items: u("minItems"),
        max_items: u("maxItems"),
    }
}

/// A bound and whether it is excluded, from the inclusive limit and the exclusive keyword: a
/// number (3.1) is a bound of its own, and the stricter of the two holds (`sign` is 1 for a
/// minimum, -1 for a maximum); `true` (3.0, Swagger 2.0) excludes the inclusive limit itself.
fn bound(inclusive: Option<f64>, exclusive: Option<&Value>, sign: f64) -> (Option<f64>, bool) {
    match (inclusive, exclusive) {
        (Some(v), Some(Value::Bool(true))) => (Some(v), true),
        (Some(v), Some(e)) if e.as_f64().is_some_and(|e| sign * e < sign * v) => (Some(v), false),
        (_, Some(e)) if e.is_number() => (e.as_f64(), true),
        (v, _) => (v, false),
    }
}

/// The non-null type names of a schema, and whether `null` is allowed (3.1 type arrays, or the
/// 3.0 `nullable` keyword).
fn type_names(map: &Map<String, Value>) -> (Vec<String>, bool) {
    let mut names: Vec<String> = match map.get("type") {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    };
    let mut nullable = map.get("nullable") == Some(&Value::Bool(true));
    if let Some(i) = names.iter().position(|n| n == "null") {
        names.remove(i);
        nullable = true;
    }
    if names.iter().any(|n| n == "integer") && names.iter().any(|n| n == "number") {
        names.retain(|n| n != "integer");
    }
    (names, nullable)
}

/// The values of `enum`, unless empty (validation warns that an empty one is read as absent).
fn enum_values(map: &Map<String, Value>) -> Option<&Vec<Value>> {
    map.get("enum")
        .and_then(Value::as_array)
        .filter(|v| !v.is_empty())
}

fn has_properties(map: &Map<String, Value>) -> bool {
    map.get("properties")
        .and_then(Value::as_object)
        .is_some_and(|p| !p.is_empty())
}

/// The keywords that document a use of a schema without changing what it allows.
const DOC_KEYWORDS: [&str; 9] = [
    "description",
    "title",
    "default",
    "deprecated",
    "readOnly",
    "writeOnly",
    "example",
    "examples",
    "nullable",
];

/// The one schema an `allOf` wraps to document a use of it: `allOf: [$ref]` beside only
/// documentation keywords, or with members that only document (`allOf: [{$ref: X},
/// {description: ..}]`, as Box writes a described reference); its index among the members.
fn wrapped(map: &Map<String, Value>) -> Option<(usize, &Value)> {
    if !map
        .keys()
        .all(|k| k == "allOf" || DOC_KEYWORDS.contains(&k.as_str()))
    {
        return None;
    }
    // `nullable` in a member is not documentation: the merge keeps it.
    let documents = |m: &Value| {
        m.as_object().is_some_and(|m| {
            m.keys()
                .all(|k| k != "nullable" && DOC_KEYWORDS.contains(&k.as_str()))
        })
    };
    let members = map.get("allOf")?.as_array()?;
    let mut kept = members.iter().enumerate().filter(|(_, m)| !documents(m));
    let one = kept.next()?;
    kept.next().is_none().then_some(one)
}

fn is_plain_wrapper(map: &Map<String, Value>) -> bool {
    wrapped(map).is_some()
}

fn is_null_schema(schema: &Value) -> bool {
    schema.get("type").and_then(Value::as_str) == Some("null")
}

fn primitive(map: &Map<String, Value>, types: &[String]) -> TypeRef {
    let format = map.get("format").and_then(Value::as_str);
    let inferred = match map.get("const") {
        Some(Value::String(_)) => Some("string"),
        Some(Value::Number(n)) if n.is_i64() || n.is_u64() => Some("integer"),
        Some(Value::Number(_)) => Some("number"),
        Some(Value::Bool(_)) => Some("boolean"),
        _ => None,
    };
    match types.first().map(String::as_str).or(inferred) {
        Some("string") if format == Some("byte") => TypeRef::Bytes,
        Some("string") => TypeRef::String,
        Some("integer") => TypeRef::Integer(if format == Some("int32") {
            IntegerFormat::Int32
        } else {
            IntegerFormat::Int64
        }),
        Some("number") => TypeRef::Number(if format == Some("float") {
            NumberFormat::Float
        } else {
            NumberFormat::Double
        }),
        Some("boolean") => TypeRef::Boolean,
        Some("array") => TypeRef::Array(Box::new(TypeRef::Any)),
        Some("object") => TypeRef::Map(Box::new(TypeRef::Any)),
        _ => match enum_values(map)
            .and_then(|v| v.iter().find(|v| !v.is_null()))
            .or_else(|| map.get("const"))
        {
            Some(Value::Number(n)) if n.is_i64() || n.is_u64() => {
                TypeRef::Integer(IntegerFormat::Int64)
            }
            Some(Value::Number(_)) => TypeRef::Number(NumberFormat::Double),
            Some(Value::Bool(_)) => TypeRef::Boolean,
            // A `const` string; an enum that mixes strings with other values stays any value.
            Some(Value::String(_)) if enum_values(map).is_none() => TypeRef::String,
            _ => TypeRef::Any,
        },
    }
}

/// What a union variant of a primitive type is called on the wire side of its name.
/// What names an inline member of a union, before a `VariantN` that says nothing: its
/// `title`; the value it fixes its tag property to (the discriminator's, else any property that
/// is one `const` or one-value `enum`); or a property no other member has. In UpperCamelCase.
fn member_label(
    member: &Value,
    members: &[Value],
    tag: Option<&str>,
    doc: &Document,
) -> Option<String> {
    let member = doc.deref(member);
    let label = |s: &str| Some(s.to_upper_camel_case()).filter(|l| !l.is_empty());
    if let Some(title) = member.get("title").and_then(Value::as_str) {
        return label(title);
    }
    let props = member.get("properties").and_then(Value::as_object)?;
    let fixed = |p: &Value| -> Option<String> {
        let p = doc.deref(p);
        let value = match (p.get("const"), p.get("enum").and_then(Value::as_array)) {
            (Some(v), _) => v,
            (None, Some(values)) if values.len() == 1 => &values[0],
            _ => return None,
        };
        match value {
            Value::String(s) => Some(s.clone()),
            _ => None,
        }
    };
    let tagged = match tag {
        Some(tag) => props.get(tag).and_then(fixed),
        None => props.values().find_map(fixed),
    };
    if let Some(value) = tagged.as_deref().and_then(label) {
        return Some(value);
    }
    let others: Vec<&Map<String, Value>> = members
        .iter()
        .map(|m| doc.deref(m))
        .filter(|m| !std::ptr::eq(*m, member))
        .filter_map(|m| m.get("properties").and_then(Value::as_object))
        .collect();
    let required: Vec<&str> = member
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let own = |k: &&String| !others.iter().any(|o| o.contains_key(k.as_str()));
    props
        .keys()
        .filter(|k| required.contains(&k.as_str()))
        .find(own)
        .or_else(|| props.keys().find(own))
        .and_then(|k| label(k))
}

fn primitive_word(ty: &TypeRef) -> &'static str {
    match ty {
        TypeRef::String => "string",
        TypeRef::Integer(_) => "integer",
        TypeRef::Number(_) => "number",
        TypeRef::Boolean => "boolean",
        TypeRef::Bytes => "bytes",
        TypeRef::Array(_) => "array",
        TypeRef::Map(_) => "object",
        TypeRef::Nullable(inner) => primitive_word(inner),
        TypeRef::Any | TypeRef::Named(_) => "value",
    }
}

/// The `if`/`then` form that says "these fields are required when that one has these values":
/// `if: {required: [f], properties: {f: {const: v} | {enum: [v...]}}}, then: {required: [...]}`.
/// Other uses of `if` are not understood and are left to the API to check.
fn conditions(map: &Map<String, Value>) -> Vec<Condition> {
    let (Some(cond), Some(then)) = (map.get("if"), map.get("then")) else {
        return Vec::new();
    };
    let Some(props) = cond.get("properties").and_then(Value::as_object) else {
        return Vec::new();
    };
    let [(field, schema)] = props.iter().collect::<Vec<_>>()[..] else {
        return Vec::new();
    };
    let values: Vec<String> = match (schema.get("const"), schema.get("enum")) {
        (Some(Value::String(c)), _) => vec![c.clone()],
        (_, Some(Value::Array(e))) => e
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        _ => return Vec::new(),
    };
    let required: Vec<String> = then
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect();
    if values.is_empty() || required.is_empty() {
        return Vec::new();
    }
    vec![Condition {
        field: field.clone(),
        values,
        required,
    }]
}

/// The file that the schema at `pointer` of the bundled tree was written in, relative to the
/// description's folder; `None` when it is the description itself.
fn origin(doc: &Document, pointer: &str) -> Option<String> {
    let (Some((file, _)), _) = doc.origins.original(pointer)? else {
        return None;
    };
    let folder = doc.file.parent().unwrap_or(std::path::Path::new(""));
    let relative = file.strip_prefix(folder).unwrap_or(file);
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Some(parts.join("/"))
}
