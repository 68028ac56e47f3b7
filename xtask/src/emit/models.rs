//! `src/models.rs` and `src/models/<topic>.rs`: one Rust item per IR type.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::{deprecated, doc_attrs};
use super::types::{Paths, ident, literal_tokens_in, name as ident_of, type_tokens_in};
use super::validation::struct_validate;
use crate::ir::*;

/// `src/models.rs`: what the models have in common, the topic modules re-exported, and the
/// types no topic holds.
pub fn models(api: &Api) -> TokenStream {
    let topics: Vec<_> = topics(api).into_iter().map(ident).collect();
    let items = items(api, None);
    let allow = allow_deprecated(api);
    quote! {
        //! The types of the API's requests and responses.
        //!
        //! Fields keep the API's wire names through serde. Nothing a response holds is lost:
        //! properties this version does not name are kept in the `additional_properties` map
        //! of response structs and written back, numbers read into floats are written back as
        //! integers when they are integral, and enumerations keep values this version does not
        //! list. A field that may be absent is an `Option`; one that may also be `null` is an
        //! `Option<Option<_>>` (`None`: absent, `Some(None)`: `null`), kept apart on decoding
        //! and on encoding.
        //! Read-only fields of types that requests carry are never sent; a documented
        //! `default` is what an absent field of a response decodes to, while in a request an
        //! unset field is left out so that the API applies its default. Unions with a tag
        //! property decode by the tag and keep unknown tags in their fallback variant; the others
        //! try their variants in the order listed (lists, structs with more required fields
        //! first, maps, booleans, integers, numbers, base64 bytes, enumerations, strings, other
        //! unions, any JSON value) and take the first that fits.
        #allow
        #(#[rustfmt::skip] mod #topics;)*
        #(pub use self::#topics::*;)*
        #items
    }
}

/// `src/models/<topic>.rs`: the types of one topic, re-exported by `models`.
pub fn topic(api: &Api, file: &ModelFile) -> TokenStream {
    let topic = &file.name;
    let items = items(api, Some(topic));
    let imports = file.imports.then(|| {
        quote!(
            use super::*;
        )
    });
    let allow = allow_deprecated(api);
    // Models name each other bare, wherever they are.
    let doc = format!(
        " The types of the `{}` topic, re-exported by [`crate::models`].",
        topic.as_str()
    );
    quote! {
        #![doc = #doc]
        #allow
        #imports
        #items
    }
}

/// The modules of `models`, in name order.
pub fn topics(api: &Api) -> Vec<&Ident> {
    api.model_files.iter().map(|f| &f.name).collect()
}

/// The items of the types written in `file`.
fn items(api: &Api, file: Option<&Ident>) -> TokenStream {
    let items = api
        .types
        .iter()
        .filter(|def| def.usage.used && def.file.as_ref() == file)
        .map(|def| {
            let item = item(api, def);
            let validate = def.usage.validated.then(|| struct_validate(api, def));
            let setters = super::setters::chained_setters(api, def);
            quote!(#item #validate #setters)
        });
    quote!(#(#items)*)
}

/// Deprecated types, fields and variants warn their users, not the code that defines them.
fn allow_deprecated(api: &Api) -> Option<TokenStream> {
    api.needs
        .deprecated_models
        .then(|| quote!(#![allow(deprecated)]))
}

fn item(api: &Api, def: &TypeDef) -> TokenStream {
    let doc = doc_attrs(Some(
        def.doc
            .as_deref()
            .unwrap_or(&format!("The `{}` schema of the API.", def.name.wire)),
    ));
    let deprecated = deprecated(def.deprecated, &def.deprecated_note);
    let name = ident_of(&def.name);
    let body = match &def.kind {
        TypeKind::Struct(s) => structure(api, def, &name, s),
        TypeKind::Enum(e) => open_enum(api, def, &name, e),
        TypeKind::Union(u) => union(api, def, &name, u),
        TypeKind::Alias(t) => {
            let t = type_tokens(api, t);
            quote!(pub type #name = #t;)
        }
    };
    quote! {
        #doc
        #deprecated
        #body
    }
}

/// The derives, and `#[non_exhaustive]` when the type has it. Derives by name: derive macros live apart from types, so a schema type named `Debug` or
/// `Clone` cannot shadow them; serde's by path, as no prelude brings them.
fn derives(def: &TypeDef, extra: TokenStream) -> TokenStream {
    let eq = def.eq.then(|| quote!(Eq, Hash,));
    let non_exhaustive = def.non_exhaustive.then(|| quote!(#[non_exhaustive]));
    quote!(#[derive(Debug, Clone, PartialEq, #eq #extra)] #non_exhaustive)
}

/// The paths model files write.
fn paths(api: &Api) -> Paths<'_> {
    Paths::models(api)
}

/// A value the models write out.
fn literal_tokens(api: &Api, literal: &Literal) -> TokenStream {
    literal_tokens_in(api, literal, paths(api))
}

/// A type of the models.
fn type_tokens(api: &Api, ty: &TypeRef) -> TokenStream {
    type_tokens_in(api, ty, paths(api))
}

/// The Rust type of a field: `Option` where it may be absent, `Option<Option<_>>` where absent
/// and `null` are both possible and mean different things, `Box` where a cycle needs one.
fn field_type(api: &Api, f: &Field) -> TokenStream {
    let t = present_type(api, f);
    if f.optional() {
        let option = paths(api).option();
        quote!(#option<#t>)
    } else {
        t
    }
}

/// The Rust type of a field's value when it is there.
fn present_type(api: &Api, f: &Field) -> TokenStream {
    let mut t = type_tokens(api, &f.ty);
    if f.boxed {
        let boxed = paths(api).boxed();
        t = quote!(#boxed<#t>);
    }
    if f.nullable {
        let option = paths(api).option();
        t = quote!(#option<#t>);
    }
    t
}

/// The name of the function that gives a field's default, for `#[serde(default = ...)]`.
fn default_fn(f: &Field) -> proc_macro2::Ident {
    format_ident!("default_{}", f.name.ident().as_str())
}

fn structure(api: &Api, def: &TypeDef, name: &proc_macro2::Ident, s: &Struct) -> TokenStream {
    let derive_default = s.construct == Construct::DeriveDefault;
    let derive = derives(
        def,
        if derive_default {
            quote!(Default, ::serde::Serialize, ::serde::Deserialize)
        } else {
            quote!(::serde::Serialize, ::serde::Deserialize)
        },
    );
    let fields = s.fields.iter().map(|f| {
        let doc = doc_attrs(Some(
            f.doc
                .as_deref()
                .unwrap_or(&format!("The `{}` field.", f.name.wire)),
        ));
        let deprecated = deprecated(f.deprecated, &f.deprecated_note);
        let fname = ident_of(&f.name);
        let ty = field_type(api, f);
        let mut serde = Vec::new();
        if f.renamed {
            let wire = &f.name.wire;
            serde.push(quote!(rename = #wire));
        }
        if f.optional() {
            // Serde decodes an absent `Option` as `None` by itself; `double_option` needs
            // `default` to tell absent (`None`) from `null` (`Some(None)`).
            if f.nullable {
                serde.push(quote!(default));
            }
            if !f.omit_on_send {
                let is_none = paths(api).std_text("Option", "::std::option::Option") + "::is_none";
                serde.push(quote!(skip_serializing_if = #is_none));
            }
            if f.nullable {
                serde.push(quote!(
                    deserialize_with = "crate::serde_util::double_option"
                ));
            }
        } else if !f.required {
            let path = format!("crate::models::{}::{}", name, default_fn(f));
            serde.push(quote!(default = #path));
        }
        if f.omit_on_send {
            serde.push(quote!(skip_serializing));
        } else if f.integral_numbers {
            serde.push(quote!(serialize_with = "crate::serde_util::numbers"));
        }
        let serde = if serde.is_empty() {
            TokenStream::new()
        } else {
            quote!(#[serde(#(#serde),*)])
        };
        let notes = doc_attrs(field_notes(f, s.construct != Construct::Decoded).as_deref());
        quote! {
            #doc
            #notes
            #deprecated
            #serde
            pub #fname: #ty,
        }
    });
    let additional = s.additional.as_ref().map(|t| {
        let t = type_tokens(api, t);
        let string = paths(api).string();
        let fname = ident(named(&s.additional_field));
        quote! {
            /// Properties the schema does not name, kept as they were sent.
            #[serde(flatten)]
            pub #fname: ::std::collections::BTreeMap<#string, #t>,
        }
    });
    let constructor = matches!(s.construct, Construct::New | Construct::WriteDefault)
        .then(|| constructor(api, name, s));
    let defaults = default_fns(api, name, s);
    let rename_all = s
        .rename_all
        .map(|rule| quote!(#[serde(rename_all = #rule)]));
    quote! {
        #derive
        #rename_all
        pub struct #name {
            #(#fields)*
            #additional
        }
        #constructor
        #defaults
    }
}

/// What the type alone does not say: the format of a string, a default, a constant, and
/// whether the field is sent; `None` when there is nothing to add.
fn field_notes(f: &Field, constructed: bool) -> Option<String> {
    let mut notes = Vec::new();
    let format_note = match (f.format.as_deref(), &f.ty) {
        (Some("date-time"), TypeRef::String) => {
            Some("An RFC 3339 date and time, e.g. `2024-01-31T12:00:00Z`, kept as text.")
        }
        (Some("date"), TypeRef::String) => {
            Some("An RFC 3339 full date, e.g. `2024-01-31`, kept as text.")
        }
        (Some("uuid"), TypeRef::String) => Some("A UUID, kept as text."),
        (Some("uri" | "url"), TypeRef::String) => Some("A URI, kept as text."),
        (Some("binary"), TypeRef::String) => {
            Some("Binary content, as the API writes it in JSON text.")
        }
        (_, TypeRef::Bytes) => Some("Base64 text on the wire."),
        _ => None,
    };
    notes.extend(format_note.map(str::to_string));
    // Text as it reads, other values in their JSON form.
    let shown = |v: &serde_json::Value| v.as_str().map_or_else(|| v.to_string(), str::to_string);
    if let Some(c) = &f.constant {
        notes.push(format!(
            "Always `{}`{}.",
            shown(c),
            if f.fill.is_some() && constructed {
                "; the constructor sets it"
            } else {
                ""
            }
        ));
    } else if let Some(d) = &f.default {
        if f.fill.is_some() {
            notes.push(format!(
                "When the API leaves it out, it reads as `{}`, the documented default.",
                shown(d)
            ));
        } else {
            notes.push(format!("The API's default: `{}`.", shown(d)));
        }
    }
    match f.access {
        Access::ReadOnly if f.omit_on_send => {
            notes.push("Read-only: set by the API, never sent.".to_string())
        }
        Access::ReadOnly => notes.push("Read-only: set by the API.".to_string()),
        Access::WriteOnly if f.required_to_send => notes.push(
            "Write-only: sent to the API, which does not return it; required in requests."
                .to_string(),
        ),
        Access::WriteOnly => {
            notes.push("Write-only: sent to the API, which does not return it.".to_string())
        }
        Access::ReadWrite => {}
    }
    (!notes.is_empty()).then(|| format!("\n{}", notes.join(" ")))
}

/// The functions `#[serde(default = ...)]` calls, for fields that read as their default when
/// absent.
fn default_fns(api: &Api, name: &proc_macro2::Ident, s: &Struct) -> TokenStream {
    let fns: Vec<TokenStream> = s
        .fields
        .iter()
        .filter(|f| !f.required)
        .filter_map(|f| {
            let fill = f.fill.as_ref()?;
            let (n, t, v) = (default_fn(f), field_type(api, f), literal_tokens(api, fill));
            Some(quote!(fn #n() -> #t { #v }))
        })
        .collect();
    if fns.is_empty() {
        return TokenStream::new();
    }
    quote! {
        impl #name {
            #(#fns)*
        }
    }
}

/// `new(required...)`: every required field that has no fixed value as an argument, the
/// constants and defaults filled in, every other field empty; `Default` when that leaves no
/// argument.
fn constructor(api: &Api, name: &proc_macro2::Ident, s: &Struct) -> TokenStream {
    let required: Vec<&Field> = s
        .fields
        .iter()
        .filter(|f| (f.required || f.required_to_send) && f.fill.is_none())
        .collect();
    let args = required.iter().map(|f| {
        let n = ident_of(&f.name);
        let t = present_type(api, f);
        quote!(#n: #t)
    });
    let some = paths(api).some();
    let none = paths(api).none();
    let default_trait = paths(api).default_trait();
    let inits = s.fields.iter().map(|f| {
        let n = ident_of(&f.name);
        match &f.fill {
            Some(fill) => {
                let v = literal_tokens(api, fill);
                quote!(#n: #v)
            }
            None if f.required => quote!(#n),
            None if f.required_to_send => quote!(#n: #some(#n)),
            None => quote!(#n: #none),
        }
    });
    let additional = s.additional.as_ref().map(|_| {
        let fname = ident(named(&s.additional_field));
        quote!(#fname: ::std::collections::BTreeMap::new(),)
    });
    let allow = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    // Deprecated fields are still set (to `None`): the constructor must not warn about that.
    let allow_deprecated = s
        .fields
        .iter()
        .any(|f| f.deprecated)
        .then(|| quote!(#[allow(deprecated)]));
    let init = quote!(Self { #(#inits,)* #additional });
    if s.construct == Construct::WriteDefault {
        return quote! {
            impl #default_trait for #name {
                /// The documented defaults set, and nothing else.
                #allow_deprecated
                fn default() -> Self {
                    #init
                }
            }
        };
    }
    let default = required.is_empty().then(|| {
        quote! {
            impl #default_trait for #name {
                fn default() -> Self {
                    Self::new()
                }
            }
        }
    });
    let doc = if required.is_empty() {
        " A value with its constants set and no optional fields.".to_string()
    } else {
        let name_list = required
            .iter()
            .map(|f| format!("`{}`", f.name.ident().as_str()))
            .collect::<Vec<_>>()
            .join(", ");
        format!(" A value with the required fields ({name_list}) and no optional ones.")
    };
    quote! {
        impl #name {
            #[doc = #doc]
            #allow
            #allow_deprecated
            pub fn new(#(#args),*) -> Self {
                #init
            }
        }
        #default
    }
}

fn open_enum(api: &Api, def: &TypeDef, name: &proc_macro2::Ident, e: &Enum) -> TokenStream {
    let fallback = ident(named(&e.fallback));
    let integer = e.repr == EnumRepr::Integer;
    // The wire value as a literal pattern and expression: a string, or an integer.
    let wire = |v: &EnumVariant| -> TokenStream {
        match &v.value {
            EnumValue::Integer(n) => {
                let lit = proc_macro2::Literal::i64_unsuffixed(*n);
                quote!(#lit)
            }
            EnumValue::String(w) => quote!(#w),
        }
    };
    let variants = e.variants.iter().map(|v| {
        let n = ident_of(&v.name);
        let value = format!("`{}`", v.name.wire);
        let doc = doc_attrs(Some(&match &v.doc {
            Some(d) => format!("{value}: {d}"),
            None => value,
        }));
        let deprecated = deprecated(v.deprecated, &v.deprecated_note);
        quote!(#doc #deprecated #n,)
    });
    let pairs = e.variants.iter().map(|v| {
        let (n, w) = (ident_of(&v.name), wire(v));
        quote!((Self::#n, #w))
    });
    let non_exhaustive = def.non_exhaustive.then(|| quote!(#[non_exhaustive]));
    let default_trait = paths(api).default_trait();
    let default = e.default.map(|d| &e.variants[d]).map(|v| {
        let n = ident_of(&v.name);
        let doc = format!(" `{}`, the API's default.", v.name.wire);
        quote! {
            impl #default_trait for #name {
                #[doc = #doc]
                fn default() -> Self {
                    Self::#n
                }
            }
        }
    });
    let (repr, wire_ty, fallback_ty, fallback_doc) = if integer {
        (
            quote!(i64),
            quote!(i64),
            quote!(i64),
            " A value this version of the SDK does not list, kept as the API sent it.",
        )
    } else {
        (
            quote!(str),
            quote!(&str),
            paths(api).string(),
            " A value this version of the SDK does not list, kept exactly as the API sent it.",
        )
    };
    quote! {
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #non_exhaustive
        pub enum #name {
            #(#variants)*
            #[doc = #fallback_doc]
            #fallback(#fallback_ty),
        }

        impl #name {
            /// The values this version lists, with their wire form.
            const WIRE: &[(Self, #wire_ty)] = &[#(#pairs),*];
        }

        crate::serde_util::open_enum!(#name, #fallback, #repr);

        #default
    }
}

fn union(api: &Api, def: &TypeDef, name: &proc_macro2::Ident, u: &Union) -> TokenStream {
    let variant_doc = |v: &UnionVariant| {
        let what = match &v.ty {
            TypeRef::Named(target) => {
                format!("A [`{}`] value", api.get(*target).name.ident().as_str())
            }
            _ => format!(
                "{} {} value",
                if v.name.wire.starts_with(['a', 'e', 'i', 'o', 'u']) {
                    "An"
                } else {
                    "A"
                },
                v.name.wire
            ),
        };
        match v.tags.as_slice() {
            [] => format!(" {what}."),
            tags => format!(
                " {what}, tagged {}.",
                tags.iter()
                    .map(|t| format!("`{t}`"))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
        }
    };
    let variants = u.variants.iter().map(|v| {
        let n = ident_of(&v.name);
        let t = type_tokens(api, &v.ty);
        let doc = variant_doc(v);
        quote!(#[doc = #doc] #n(#t),)
    });
    let Some(tag) = &u.tag else {
        let derive = derives(def, quote!(::serde::Serialize, ::serde::Deserialize));
        let order = u
            .variants
            .iter()
            .map(|v| format!("`{}`", v.name.ident().as_str()))
            .collect::<Vec<_>>()
            .join(", ");
        let doc = format!(" Decoding tries {order}, in this order, and keeps the first that fits.");
        return quote! {
            ///
            #[doc = #doc]
            #derive
            #[allow(clippy::large_enum_variant)]
            #[serde(untagged)]
            pub enum #name {
                #(#variants)*
            }
        };
    };
    let derive = derives(def, TokenStream::new());
    let fallback = ident(named(&u.fallback));
    let some = paths(api).some();
    let result = paths(api).result();
    let ok = paths(api).ok();
    let decode = u.variants.iter().map(|v| {
        let n = ident_of(&v.name);
        let tags = &v.tags;
        let decoded = if v.declares_tag {
            quote!(crate::serde_util::decode_variant(value))
        } else {
            quote!(crate::serde_util::decode_variant_untagged(value, #tag))
        };
        quote!(#some(#(#tags)|*) => #decoded.map(Self::#n),)
    });
    let encode = u.variants.iter().map(|v| {
        let n = ident_of(&v.name);
        let first = &v.tags[0];
        quote!(Self::#n(value) => crate::serde_util::serialize_tagged(value, #tag, #first, serializer),)
    });
    let doc = format!(
        " Told apart by the `{tag}` property; a value whose tag this version does not know is kept whole in `{}`.",
        named(&u.fallback).as_str()
    );
    let fallback_doc =
        format!(" A value whose `{tag}` no variant of this version has, kept as the API sent it.");
    quote! {
        ///
        #[doc = #doc]
        #derive
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variants)*
            #[doc = #fallback_doc]
            #fallback(::serde_json::Value),
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> #result<S::Ok, S::Error> {
                match self {
                    #(#encode)*
                    Self::#fallback(value) => ::serde::Serialize::serialize(value, serializer),
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> #result<Self, D::Error> {
                let (tag, value) = crate::serde_util::read_tagged(deserializer, #tag)?;
                match tag.as_deref() {
                    #(#decode)*
                    _ => #ok(Self::#fallback(value)),
                }
            }
        }
    }
}
