//! `src/inputs.rs` and `src/inputs/<model>.rs`: the typed inputs of chosen models, one type per
//! model with a constructor of its required inputs, a setter per other input, an enum per
//! input with string options, and the check its limits and conditions make.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Value;

use super::docs::{doc_attrs, sanitize};
use super::types::{Paths, ident, name as ident_of};
use crate::ir::*;

/// `src/inputs.rs`: each model's module, its items re-exported.
pub fn inputs_mod(api: &Api) -> TokenStream {
    let modules: Vec<_> = api
        .model_inputs
        .iter()
        .map(|m| ident(named(&m.module)))
        .collect();
    let listed: Vec<String> = api
        .model_inputs
        .iter()
        .map(|m| {
            format!(
                " - [`{}`]: {} (`{}`)",
                named(&m.rust).as_str(),
                m.name,
                m.model_id
            )
        })
        .collect();
    quote! {
        //! Typed inputs of chosen models, for [`Generate::run`](crate::resources::generate::Generate::run).
        //!
        //! Each type holds the inputs of one model, as its record (`GET /models/{modelId}`)
        //! describes them: the required ones are the arguments of `new`, each other one is a
        //! setter, inputs with string options take an enum, and
        //! [`check`](crate::TypedInputs::check) finds every value the model would refuse
        //! before anything is sent. An input left unset is not sent, and the model uses its
        //! own default. Any other model runs through
        //! [`run_model`](crate::resources::generate::Generate::run_model).
        //!
        #(#![doc = #listed])*
        #(#[rustfmt::skip] mod #modules;)*
        #(pub use self::#modules::*;)*
    }
}

/// `src/inputs/<model>.rs`: the model's type, its enums and its check.
pub fn model_file(model: &ModelInputs) -> TokenStream {
    let owner = ident(named(&model.rust));
    let name = plain(&model.name);
    let module_doc = format!(
        " The inputs of {name} (`{}`), re-exported by [`crate::inputs`].",
        model.model_id
    );
    // Our own lines as they are (they link); the record's description made literal.
    let intro = format!(
        " The inputs of {name} (`{}`), for [`Generate::run`](crate::resources::generate::Generate::run).",
        model.model_id
    );
    let description = model.doc.as_deref().map(|d| {
        let lines = doc_attrs(Some(d));
        quote!(#[doc = ""] #lines)
    });
    let source = format!(" Generated from `{}`.", model.file);
    let type_doc = quote! {
        #[doc = #intro]
        #description
        #[doc = ""]
        #[doc = #source]
    };
    let fields = model.inputs.iter().map(field);
    let required: Vec<&ModelInput> = model.inputs.iter().filter(|i| i.required).collect();
    let args = required.iter().map(|i| {
        let n = ident_of(&i.name);
        let ty = arg_type(i);
        quote!(#n: #ty)
    });
    let inits = model.inputs.iter().map(|i| {
        let n = ident_of(&i.name);
        if i.required {
            let value = super::setters::stored(i.arg, &n, Paths::RESOURCES);
            quote!(#n: #value)
        } else {
            quote!(#n: None)
        }
    });
    let new_doc = match required.as_slice() {
        [] => doc_attrs(Some("No input is required: each is a setter.")),
        inputs => {
            let listed: Vec<String> = inputs
                .iter()
                .map(|i| {
                    let doc = i.doc.as_deref().unwrap_or_default();
                    let doc: Vec<&str> = doc.split_whitespace().collect();
                    format!("- `{}`: {}", i.name.ident().as_str(), doc.join(" "))
                })
                .collect();
            doc_attrs(Some(&format!(
                "The inputs with those the model requires; each other one is a setter.\n\n{}",
                listed.join("\n")
            )))
        }
    };
    // Without required inputs, `new` is `default`.
    let default = required.is_empty().then(|| quote!(Default,));
    let new_body = if required.is_empty() {
        quote!(Default::default())
    } else {
        quote!(Self { #(#inits,)* })
    };
    let setters = model.inputs.iter().filter(|i| !i.required).map(setter);
    let enums = model.inputs.iter().filter_map(options_enum);
    let checks: Vec<TokenStream> = model
        .inputs
        .iter()
        .map(|i| check(model, i))
        .filter(|c| !c.is_empty())
        .collect();
    let problems = if checks.is_empty() {
        quote!(let problems = crate::model_inputs::Problems::default();)
    } else {
        quote!(let mut problems = crate::model_inputs::Problems::default();)
    };
    let model_id = &model.model_id;
    quote! {
        #![doc = #module_doc]

        #type_doc
        #[derive(Debug, Clone, #default PartialEq, ::serde::Serialize)]
        pub struct #owner {
            #(#fields,)*
        }

        impl #owner {
            #new_doc
            pub fn new(#(#args),*) -> Self {
                #new_body
            }
            #(#setters)*
        }

        impl crate::TypedInputs for #owner {
            const MODEL_ID: &'static str = #model_id;

            fn check(&self) -> Result<(), Vec<crate::InputProblem>> {
                #problems
                #(#checks)*
                problems.finish()
            }
        }

        #(#enums)*
    }
}

/// A model's name as rustdoc shows it literally, on one line.
fn plain(name: &str) -> String {
    sanitize(name).join(" ")
}

/// The Rust type of one value of the input.
fn item_type(input: &ModelInput) -> TokenStream {
    match &input.ty {
        InputType::Text => quote!(String),
        InputType::Integer => quote!(i64),
        InputType::Number => quote!(f64),
        InputType::Boolean => quote!(bool),
        InputType::Options(o) => {
            let n = ident(named(&o.rust));
            quote!(#n)
        }
        InputType::Json => quote!(::serde_json::Value),
    }
}

/// The type the struct keeps: the value, or the list of values.
fn value_type(input: &ModelInput) -> TokenStream {
    let item = item_type(input);
    if input.list { quote!(Vec<#item>) } else { item }
}

/// What `new` and the setter take, by the input's setter rule.
fn arg_type(input: &ModelInput) -> TokenStream {
    super::setters::argument_type(input.arg, item_type(input), Paths::RESOURCES)
}

fn field(input: &ModelInput) -> TokenStream {
    let n = ident_of(&input.name);
    let ty = value_type(input);
    let wire = &input.name.wire;
    let mut serde = Vec::new();
    if input.renamed {
        serde.push(quote!(rename = #wire));
    }
    if !input.required {
        serde.push(quote!(skip_serializing_if = "Option::is_none"));
    }
    // A whole number goes as the model's records write it, `42` rather than `42.0`.
    if input.ty == InputType::Number {
        serde.push(quote!(serialize_with = "crate::serde_util::numbers"));
    }
    let serde = (!serde.is_empty()).then(|| quote!(#[serde(#(#serde),*)]));
    let ty = if input.required {
        ty
    } else {
        quote!(Option<#ty>)
    };
    quote!(#serde #n: #ty)
}

fn setter(input: &ModelInput) -> TokenStream {
    let n = ident_of(&input.name);
    let ty = arg_type(input);
    let value = super::setters::stored(input.arg, &n, Paths::RESOURCES);
    let doc = doc_attrs(input.doc.as_deref());
    quote! {
        #doc
        pub fn #n(mut self, #n: #ty) -> Self {
            self.#n = Some(#value);
            self
        }
    }
}

fn options_enum(input: &ModelInput) -> Option<TokenStream> {
    let InputType::Options(options) = &input.ty else {
        return None;
    };
    let n = ident(named(&options.rust));
    let doc = format!(" The values `{}` takes.", input.name.wire);
    let labels = options.labels.iter().chain(std::iter::repeat(&None));
    let variants = options.variants.iter().zip(labels).map(|(v, label)| {
        let variant = ident_of(v);
        let wire = &v.wire;
        let doc = match label {
            Some(label) => format!(
                " `{wire:?}` (the app shows {})",
                plain(&format!("\"{label}\""))
            ),
            None => format!(" `{wire:?}`"),
        };
        quote! {
            #[doc = #doc]
            #[serde(rename = #wire)]
            #variant
        }
    });
    Some(quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ::serde::Serialize)]
        pub enum #n {
            #(#variants,)*
        }
    })
}

fn float(v: Option<f64>) -> TokenStream {
    match v {
        Some(v) => {
            let v = Literal::f64_suffixed(v);
            quote!(Some(#v))
        }
        None => quote!(None),
    }
}

fn count(v: Option<u64>) -> TokenStream {
    match v {
        Some(v) => {
            let v = Literal::u64_suffixed(v);
            quote!(Some(#v))
        }
        None => quote!(None),
    }
}

fn text(v: Option<&str>) -> TokenStream {
    match v {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    }
}

fn owned_text(v: Option<&str>) -> TokenStream {
    match v {
        Some(v) => quote!(Some(String::from(#v))),
        None => quote!(None),
    }
}

/// A JSON value as an expression.
fn json(v: &Value) -> TokenStream {
    match v {
        Value::String(s) => quote!(::serde_json::Value::from(#s)),
        Value::Bool(b) => quote!(::serde_json::Value::from(#b)),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => {
                let i = Literal::i64_suffixed(i);
                quote!(::serde_json::Value::from(#i))
            }
            (_, Some(u), _) => {
                let u = Literal::u64_suffixed(u);
                quote!(::serde_json::Value::from(#u))
            }
            (_, _, Some(f)) => {
                let f = Literal::f64_suffixed(f);
                quote!(::serde_json::Value::from(#f))
            }
            _ => quote!(::serde_json::Value::Null),
        },
        Value::Null => quote!(::serde_json::Value::Null),
        Value::Array(items) => {
            let items = items.iter().map(json);
            quote!(::serde_json::Value::Array(vec![#(#items),*]))
        }
        Value::Object(_) => {
            let text = v.to_string();
            quote!(::serde_json::from_str(#text).unwrap_or_default())
        }
    }
}

/// The input's value as `Option<&T>`.
fn value_ref(input: &ModelInput) -> TokenStream {
    let n = ident_of(&input.name);
    if input.required {
        quote!(Some(&self.#n))
    } else {
        quote!(self.#n.as_ref())
    }
}

/// The checks of one input: its limits and options when set, and the conditions that require it.
fn check(model: &ModelInputs, input: &ModelInput) -> TokenStream {
    let wire = &input.name.wire;
    let limits = &input.limits;
    let mut on_value = Vec::new();
    match (&input.ty, input.list) {
        (InputType::Integer | InputType::Number, list) => {
            if limits.min.is_some() || limits.max.is_some() || limits.step.is_some() {
                let bounds = [float(limits.min), float(limits.max), float(limits.step)];
                let limits = quote!((#(#bounds),*));
                on_value.push(match (list, &input.ty) {
                    (true, InputType::Integer) => {
                        quote!(problems.numbers(#wire, value.iter().map(|n| *n as f64), #limits);)
                    }
                    (true, _) => quote!(problems.numbers(#wire, value.iter().copied(), #limits);),
                    (false, InputType::Integer) => {
                        quote!(problems.number(#wire, *value as f64, #limits);)
                    }
                    (false, _) => quote!(problems.number(#wire, *value, #limits);),
                });
            }
        }
        (_, list) => {
            if limits.min_length.is_some() || limits.max_length.is_some() {
                let bounds = [count(limits.min_length), count(limits.max_length)];
                on_value.push(match (list, &input.ty) {
                    (true, _) => quote!(problems.length(#wire, value.len(), (#(#bounds),*), "items");),
                    (false, InputType::Text) => {
                        quote!(problems.length(#wire, value.chars().count(), (#(#bounds),*), "characters");)
                    }
                    // Characters of an option (or of JSON) are not counted: an enum's values
                    // are the record's own.
                    _ => quote!(),
                });
            }
        }
    }
    if !input.allowed.is_empty() {
        let options = input.allowed.iter().map(json);
        on_value.push(quote!(problems.one_of(#wire, value, &[#(#options),*]);));
    }
    let n = ident_of(&input.name);
    let value_checks = if on_value.is_empty() {
        quote!()
    } else if input.required {
        quote! {{ let value = &self.#n; #(#on_value)* }}
    } else {
        quote! {
            if let Some(value) = &self.#n {
                #(#on_value)*
            }
        }
    };
    let this = quote!(self.#n.is_some());
    // An input `new` takes is always given.
    let conditions = input.conditions.iter().filter(|_| !input.required).filter_map(|c| {
        let other_of = |other: &str| model.inputs.iter().find(|i| i.name.wire == other);
        let because = match c {
            // Whether `other` is set is known here when `new` takes it.
            InputCondition::Defined { other, message } => {
                let o = other_of(other)?;
                let message = owned_text(message.as_deref());
                let because = quote! {
                    crate::Requirement::IfDefined {
                        other: #other.to_string(),
                        message: #message,
                    }
                };
                let n = ident_of(&o.name);
                match o.required {
                    true => quote!(Some(#because)),
                    false => quote!(self.#n.is_some().then(|| #because)),
                }
            }
            InputCondition::NotDefined { other, message } => {
                let o = other_of(other)?;
                if o.required {
                    return None;
                }
                let n = ident_of(&o.name);
                let message = owned_text(message.as_deref());
                quote! {
                    self.#n.is_none().then(|| crate::Requirement::IfNotDefined {
                        other: #other.to_string(),
                        message: #message,
                    })
                }
            }
            InputCondition::Value {
                other,
                values,
                negated,
                message,
            } => {
                let o = other_of(other)?;
                let value = value_ref(o);
                let values = values.iter().map(json);
                let message = text(message.as_deref());
                quote! {
                    crate::model_inputs::Problems::by_value(#other, #value, &[#(#values),*], #negated, #message)
                }
            }
        };
        Some(quote!(problems.required(#wire, #this, #because);))
    });
    quote! {
        #value_checks
        #(#conditions)*
    }
}
