//! Every Rust name is chosen here, once: casing with heck, then digits and keywords made legal,
//! then collisions within a scope resolved by a numeric suffix, in document order so that the
//! result does not depend on anything but the description.

use std::collections::BTreeSet;

use crate::ir::*;
use crate::names::{camel, fixed, rename_all_rule, serde_name, snake};

/// Methods every resource and builder has, and the builders' own fields (`client`, `options`),
/// which an operation or parameter must not shadow.
const BUILDER_METHODS: &[&str] = &[
    "send",
    "send_any",
    "into_future",
    "new",
    "client",
    "request",
    "options",
    "timeout",
    "max_retries",
    "extra_header",
    "extra_query",
    "stream",
];

/// The methods of the runtime's `Client` and of the `impl Client` blocks the emitters write
/// (credentials, `from_env`), beside which each top-level resource is an accessor: a resource
/// named `http` must not redefine one.
const CLIENT_METHODS: &[&str] = &[
    "attempt",
    "base_url",
    "builder",
    "execute",
    "headers",
    "http",
    "max_response_size",
    "send",
    "state",
    "timeout",
    "new",
    "from_env",
    "clone",
    "fmt",
];

/// Method names that clippy's `should_implement_trait` keeps for the standard traits' methods.
const TRAIT_METHODS: &[&str] = &[
    "add",
    "as_mut",
    "as_ref",
    "bitand",
    "bitor",
    "bitxor",
    "borrow",
    "borrow_mut",
    "clone",
    "cmp",
    "default",
    "deref",
    "deref_mut",
    "div",
    "drop",
    "eq",
    "from_iter",
    "from_str",
    "hash",
    "index",
    "index_mut",
    "into_iter",
    "mul",
    "neg",
    "next",
    "not",
    "rem",
    "shl",
    "shr",
    "sub",
];

/// The fields every builder has, beside those of its parameters.
const BUILDER_FIELDS: &[&str] = &["client", "options"];

/// Hands out names within one scope, numbering `2`, `3`... on a collision.
#[derive(Default)]
struct Scope(BTreeSet<String>);

impl Scope {
    fn with_reserved(names: &[&str]) -> Self {
        Scope(names.iter().map(|n| n.to_string()).collect())
    }

    fn claim(&mut self, wanted: Ident) -> Ident {
        if self.0.insert(wanted.as_str().to_string()) {
            return wanted;
        }
        (2..)
            .map(|n| wanted.numbered(n))
            .find(|c| self.0.insert(c.as_str().to_string()))
            .expect("some number is free")
    }

    /// The name of a catch-all variant: `preferred`, `<preferred>Value` or `Other`, whichever
    /// is free first, else a numbered `preferred`.
    fn fallback(&mut self, preferred: &str) -> Ident {
        let preferred = camel(preferred, "V");
        let candidates = [
            preferred.clone(),
            preferred.join("Value"),
            camel("Other", "V"),
        ];
        match candidates
            .into_iter()
            .find(|s| !self.0.contains(s.as_str()))
        {
            Some(free) => self.claim(free),
            None => self.claim(preferred),
        }
    }
}

pub fn assign(api: &mut Api) {
    // Types share the `models` module with nothing else.
    let mut types = Scope::default();
    // Types the crate writes first: one it leaves out (a copy of another's shape) must not
    // push a written one to a numbered name.
    for used in [true, false] {
        for def in api.types.iter_mut().filter(|d| d.usage.used == used) {
            def.name.rust = Some(types.claim(camel(&def.name.wire, "T")));
        }
    }
    for def in &mut api.types {
        match &mut def.kind {
            TypeKind::Struct(s) => {
                let mut scope = Scope::default();
                for f in &mut s.fields {
                    f.name.rust = Some(scope.claim(snake(&f.name.wire)));
                }
                // Setters share the impl with `new`, `validate` and the `default_<field>`s.
                let mut methods = Scope::with_reserved(&["new", "validate", "default"]);
                for f in &s.fields {
                    methods
                        .0
                        .insert(format!("default_{}", f.name.ident().as_str()));
                }
                for f in &mut s.fields {
                    if let Some(setter) = &mut f.setter {
                        let name = methods.claim(f.name.ident().clone());
                        setter.trait_like = TRAIT_METHODS.contains(&name.as_str());
                        setter.name.rust = Some(name);
                    }
                }
                s.rename_all = rename_all_rule(
                    s.fields
                        .iter()
                        .map(|f| (f.name.ident(), f.name.wire.as_str())),
                );
                for f in &mut s.fields {
                    f.renamed = serde_name(s.rename_all, f.name.ident()) != f.name.wire;
                }
                // Clear of a schema property of the same name.
                if s.additional.is_some() {
                    let taken = s
                        .fields
                        .iter()
                        .any(|f| f.name.ident().as_str() == "additional_properties");
                    s.additional_field = Some(fixed(if taken {
                        "additional_properties_"
                    } else {
                        "additional_properties"
                    }));
                }
            }
            TypeKind::Enum(e) => {
                let mut scope = Scope::default();
                for v in &mut e.variants {
                    v.name.rust =
                        Some(scope.claim(camel(v.label.as_deref().unwrap_or(&v.name.wire), "V")));
                }
                e.fallback = Some(scope.fallback("Unrecognized"));
            }
            TypeKind::Union(u) => {
                let mut scope = Scope::default();
                for v in &mut u.variants {
                    v.name.rust = Some(scope.claim(camel(&v.name.wire, "V")));
                }
                u.fallback = Some(scope.fallback("Unknown"));
            }
            TypeKind::Alias(_) => {}
        }
    }
    let mut top = Scope::with_reserved(CLIENT_METHODS);
    for r in &mut api.resources {
        name_resource(r, &mut top);
    }
    name_model_inputs(&mut api.model_inputs);
}

/// A typed input is named after its model (`GPT Image 2` -> `GptImage2`, in `gpt_image_2`), its
/// option enums after it and the input (`GptImage2Quality`); all share the `inputs` module, whose
/// names are apart from those of `models`. Fields are setters too, beside `new`, `check` and
/// `default`.
fn name_model_inputs(models: &mut [ModelInputs]) {
    // The files of `inputs` write the prelude's names bare: their types must not take them.
    let mut types = Scope::with_reserved(&["TypedInputs"]);
    types
        .0
        .extend(crate::names::PRELUDE.iter().map(|n| n.to_string()));
    // Not the parent's own name (clippy's `module_inception`), nor the one of a folder's module.
    let mut modules = Scope::with_reserved(&["inputs", "mod"]);
    for model in models.iter_mut() {
        let rust = types.claim(camel(&model.name, "Model"));
        model.module = Some(modules.claim(snake(&model.name)));
        model.rust = Some(rust);
    }
    for model in models.iter_mut() {
        let owner = named(&model.rust).clone();
        let mut fields = Scope::with_reserved(&["new", "check", "default"]);
        for input in &mut model.inputs {
            let rust = fields.claim(snake(&input.name.wire));
            input.renamed = serde_name(None, &rust) != input.name.wire;
            input.name.rust = Some(rust);
            if let InputType::Options(options) = &mut input.ty {
                let wanted = owner.join(camel(&input.name.wire, "V").as_str());
                options.rust = Some(types.claim(wanted));
                let mut variants = Scope::default();
                for v in &mut options.variants {
                    let wire = if v.wire.is_empty() { "none" } else { &v.wire };
                    v.rust = Some(variants.claim(camel(wire, "V")));
                }
            }
        }
    }
}

fn name_resource(r: &mut Resource, siblings: &mut Scope) {
    r.name.rust = Some(siblings.claim(snake(&r.name.wire)));
    // Methods and child accessors share the resource's impl block.
    let mut methods = Scope::with_reserved(BUILDER_METHODS);
    // The resource's file writes the prelude's names bare: its items must not take them.
    let mut builders = Scope::with_reserved(crate::names::PRELUDE);
    r.handle = Some(builders.claim(camel(&r.name.wire, "R")));
    for c in &mut r.children {
        name_resource(c, &mut methods);
    }
    for op in &mut r.operations {
        let method = methods.claim(snake(&op.wanted));
        // `…Builder`, never a bare verb that a glob import would let shadow the prelude (`Copy`).
        let base = camel(method.as_str(), "Op");
        let builder = builders.claim(base.join("Builder"));
        // Claimed even when unused, so that a status added later renames nothing else.
        let output = builders.claim(base.join("Output"));
        op.output = (op.responses.len() > 1).then_some(output);
        if !op.errors.is_empty() {
            op.error_enum = Some(builders.claim(base.join("Error")));
        }
        op.name.rust = Some(method);
        op.builder = Some(builder);
        let mut params = Scope::with_reserved(BUILDER_METHODS);
        params.0.insert("body".into());
        for p in &mut op.params {
            p.name.rust = Some(params.claim(snake(&p.name.wire)));
        }
        for input in &mut op.inputs {
            input.name.rust = Some(match op.body.as_ref().map(|b| &b.payload) {
                Some(BodyPayload::Multipart { .. }) => params.claim(snake(&input.name.wire)),
                _ => fixed("body"),
            });
        }
        // Body fields are setters only, no fields of the builder: beside the parameters, they
        // may take the names of its fields (a body's `options`).
        let mut setters = Scope(params.0.clone());
        setters.0.retain(|n| !BUILDER_FIELDS.contains(&n.as_str()));
        for input in &mut op.inputs {
            if let InputKind::Fields(fields) = &mut input.kind {
                for setter in &mut fields.setters {
                    let name = setters.claim(snake(&setter.name.wire));
                    setter.trait_like = TRAIT_METHODS.contains(&name.as_str());
                    setter.name.rust = Some(name);
                }
            }
        }
        let mut variants = Scope::default();
        for resp in &mut op.responses {
            resp.name.rust = Some(variants.claim(camel(&resp.name.wire, "Status")));
        }
        let mut variants = Scope::default();
        for e in &mut op.errors {
            e.name.rust = Some(variants.claim(camel(&e.name.wire, "Status")));
        }
    }
}

#[cfg(test)]
mod tests {
    /// Every method of the runtime's `impl Client` is kept from the resources.
    #[test]
    fn client_methods_are_reserved() {
        let runtime = include_str!("../../../templates/runtime/client.rs");
        let start = runtime
            .find("\nimpl Client {")
            .expect("the runtime's impl Client");
        let body = &runtime[start..];
        let body = &body[..body.find("\n}\n").expect("its end")];
        for line in body.lines() {
            let Some(rest) = line.trim_start().split("fn ").nth(1) else {
                continue;
            };
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            assert!(
                super::CLIENT_METHODS.contains(&name.as_str()),
                "`Client::{name}` is not in CLIENT_METHODS"
            );
        }
    }

    use super::*;

    fn code(i: &Ident) -> String {
        serde_json::to_value(i)
            .unwrap()
            .as_str()
            .unwrap()
            .to_string()
    }

    #[test]
    fn collisions_get_a_number_in_order() {
        let mut scope = Scope::default();
        assert_eq!(code(&scope.claim(snake("page_size"))), "page_size");
        assert_eq!(code(&scope.claim(snake("pageSize"))), "page_size2");
        assert_eq!(code(&scope.claim(snake("type"))), "r#type");
        assert_eq!(code(&scope.claim(snake("type"))), "type2");
    }

    #[test]
    fn builders_end_in_builder_and_body_setters_may_take_builder_field_names() {
        let setter = |wire: &str| Setter {
            name: Name::wire(wire),
            doc: None,
            required: false,
            ty: TypeRef::String,
            arg: SetterArg::Into,
            trait_like: false,
            deprecated_note: None,
        };
        let mut op = crate::passes::inputs::tests::operation(None);
        op.wanted = "copy".into();
        op.inputs = vec![Input {
            name: Name::wire("body"),
            doc: None,
            required: false,
            kind: InputKind::Fields(BodyFields {
                ty: TypeId(0),
                form: false,
                always: true,
                setters: vec![setter("options"), setter("add"), setter("send")],
                prefilled: Vec::new(),
            }),
        }];
        let mut resource = Resource {
            name: Name::wire("assets"),
            doc: None,
            handle: None,
            operations: vec![op],
            children: Vec::new(),
        };
        name_resource(&mut resource, &mut Scope::default());
        let op = &resource.operations[0];
        assert_eq!(code(named(&op.builder)), "CopyBuilder");
        let InputKind::Fields(fields) = &op.inputs[0].kind else {
            unreachable!()
        };
        let names: Vec<(String, bool)> = fields
            .setters
            .iter()
            .map(|s| (code(s.name.ident()), s.trait_like))
            .collect();
        // `options` is a field of every builder, not a method; `send` is a method.
        assert_eq!(
            names,
            [
                ("options".to_string(), false),
                ("add".to_string(), true),
                ("send2".to_string(), false)
            ]
        );
    }

    #[test]
    fn spelled_numbers_do_not_collide_with_the_words() {
        let mut scope = Scope::default();
        assert_eq!(code(&scope.claim(camel("3d", "V"))), "ThreeD");
        assert_eq!(code(&scope.claim(camel("three-d", "V"))), "ThreeD2");
    }

    #[test]
    fn fallbacks_step_aside_for_listed_values() {
        let mut scope = Scope::default();
        scope.claim(camel("Unrecognized", "V"));
        assert_eq!(code(&scope.fallback("Unrecognized")), "UnrecognizedValue");
        let mut scope = Scope::default();
        assert_eq!(code(&scope.fallback("Unknown")), "Unknown");
    }
}
