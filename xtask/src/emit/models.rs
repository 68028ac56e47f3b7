//! `src/models.rs`: one Rust item per IR type.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::doc_attrs;
use super::types::{ident, is_eq, type_tokens};
use super::validation::{struct_validate, validated_types};
use crate::ir::*;

pub fn models(api: &Api) -> TokenStream {
    let validated = validated_types(api);
    let items = api.types.iter().enumerate().map(|(i, def)| {
        let item = item(api, TypeId(i), def);
        let validate = validated.contains(&TypeId(i)).then(|| struct_validate(api, TypeId(i), &validated));
        quote!(#item #validate)
    });
    quote! {
        //! The types of the API's requests and responses.
        //!
        //! Fields keep the API's wire names through serde; fields the API adds later are ignored
        //! when decoding, and enumerations keep values this version does not list.
        #(#items)*
    }
}

fn item(api: &Api, id: TypeId, def: &TypeDef) -> TokenStream {
    let doc = doc_attrs(Some(def.doc.as_deref().unwrap_or(&format!("The `{}` schema of the API.", def.name.wire))));
    let deprecated = deprecated(def.deprecated);
    let name = ident(&def.name.rust);
    let body = match &def.kind {
        TypeKind::Struct(s) => structure(api, id, &name, s),
        TypeKind::Enum(e) => open_enum(&name, e),
        TypeKind::Union(u) => union(api, id, &name, u),
        TypeKind::Alias(t) => {
            let t = type_tokens(api, t);
            quote!(pub type #name = #t;)
        }
        TypeKind::AllOf(_) => unreachable!("the allof pass merges every allOf"),
    };
    quote! {
        #doc
        #deprecated
        #body
    }
}

fn deprecated(yes: bool) -> TokenStream {
    if yes { quote!(#[deprecated]) } else { TokenStream::new() }
}

/// Derives by absolute path, so that a schema type named `Debug` or `Clone` cannot shadow them.
fn derives(api: &Api, id: TypeId, extra: TokenStream) -> TokenStream {
    let eq = is_eq(api, &TypeRef::Named(id), &mut Vec::new())
        .then(|| quote!(::std::cmp::Eq, ::std::hash::Hash,));
    quote!(#[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, #eq #extra)])
}

/// The Rust type of a field: `Option` where it may be absent, `Option<Option<_>>` where absent
/// and `null` are both possible and mean different things, `Box` where a cycle needs one.
fn field_type(api: &Api, f: &Field) -> TokenStream {
    let mut t = type_tokens(api, &f.ty);
    if f.boxed {
        t = quote!(::std::boxed::Box<#t>);
    }
    if f.nullable {
        t = quote!(::std::option::Option<#t>);
    }
    if !f.required {
        t = quote!(::std::option::Option<#t>);
    }
    t
}

fn structure(api: &Api, id: TypeId, name: &proc_macro2::Ident, s: &Struct) -> TokenStream {
    let all_optional = s.fields.iter().all(|f| !f.required);
    let derive = derives(api, id, if all_optional { quote!(::std::default::Default, ::serde::Serialize, ::serde::Deserialize) } else { quote!(::serde::Serialize, ::serde::Deserialize) });
    let fields = s.fields.iter().map(|f| {
        let doc = doc_attrs(Some(f.doc.as_deref().unwrap_or(&format!("The `{}` field.", f.name.wire))));
        let deprecated = deprecated(f.deprecated);
        let fname = ident(&f.name.rust);
        let ty = field_type(api, f);
        let mut serde = Vec::new();
        if f.name.rust.trim_start_matches("r#") != f.name.wire {
            let wire = &f.name.wire;
            serde.push(quote!(rename = #wire));
        }
        if !f.required {
            serde.push(quote!(default, skip_serializing_if = "::std::option::Option::is_none"));
            if f.nullable {
                serde.push(quote!(deserialize_with = "crate::serde_util::double_option"));
            }
        }
        let serde = if serde.is_empty() { TokenStream::new() } else { quote!(#[serde(#(#serde),*)]) };
        quote! {
            #doc
            #deprecated
            #serde
            pub #fname: #ty,
        }
    });
    let additional = s.additional.as_ref().map(|t| {
        let t = type_tokens(api, t);
        let fname = additional_name(s);
        quote! {
            /// Properties the schema does not name, kept as they were sent.
            #[serde(flatten)]
            pub #fname: ::std::collections::BTreeMap<::std::string::String, #t>,
        }
    });
    let constructor = (!all_optional).then(|| constructor(api, name, s));
    quote! {
        #derive
        pub struct #name {
            #(#fields)*
            #additional
        }
        #constructor
    }
}

/// The field that keeps unnamed properties, clear of a schema property of the same name.
fn additional_name(s: &Struct) -> proc_macro2::Ident {
    if s.fields.iter().any(|f| f.name.rust == "additional_properties") {
        format_ident!("additional_properties_")
    } else {
        format_ident!("additional_properties")
    }
}

/// `new(required...)`: every required field as an argument, every other one empty.
fn constructor(api: &Api, name: &proc_macro2::Ident, s: &Struct) -> TokenStream {
    let required: Vec<&Field> = s.fields.iter().filter(|f| f.required).collect();
    let args = required.iter().map(|f| {
        let n = ident(&f.name.rust);
        let t = field_type(api, f);
        quote!(#n: #t)
    });
    let inits = s.fields.iter().map(|f| {
        let n = ident(&f.name.rust);
        if f.required { quote!(#n) } else { quote!(#n: ::std::option::Option::None) }
    });
    let additional = s.additional.as_ref().map(|_| {
        let fname = additional_name(s);
        quote!(#fname: ::std::collections::BTreeMap::new(),)
    });
    let allow = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    // Deprecated fields are still set (to `None`): the constructor must not warn about that.
    let allow_deprecated = s.fields.iter().any(|f| f.deprecated).then(|| quote!(#[allow(deprecated)]));
    let name_list = required.iter().map(|f| format!("`{}`", f.name.rust.trim_start_matches("r#"))).collect::<Vec<_>>().join(", ");
    let doc = format!(" A value with the required fields ({name_list}) and no optional ones.");
    quote! {
        impl #name {
            #[doc = #doc]
            #allow
            #allow_deprecated
            pub fn new(#(#args),*) -> Self {
                Self { #(#inits,)* #additional }
            }
        }
    }
}

fn open_enum(name: &proc_macro2::Ident, e: &Enum) -> TokenStream {
    let fallback = ident(&e.fallback);
    let variants = e.variants.iter().map(|v| {
        let n = ident(&v.name.rust);
        let doc = format!(" `{}`", v.name.wire);
        quote!(#[doc = #doc] #n,)
    });
    let to_str = e.variants.iter().map(|v| {
        let n = ident(&v.name.rust);
        let w = &v.name.wire;
        quote!(Self::#n => #w,)
    });
    let from_str = e.variants.iter().map(|v| {
        let n = ident(&v.name.rust);
        let w = &v.name.wire;
        quote!(#w => Self::#n,)
    });
    let default = e.default.as_ref().and_then(|d| e.variants.iter().find(|v| &v.name.wire == d)).map(|v| {
        let n = ident(&v.name.rust);
        let doc = format!(" `{}`, the API's default.", v.name.wire);
        quote! {
            impl ::std::default::Default for #name {
                #[doc = #doc]
                fn default() -> Self {
                    Self::#n
                }
            }
        }
    });
    quote! {
        #[derive(
            ::std::fmt::Debug,
            ::std::clone::Clone,
            ::std::cmp::PartialEq,
            ::std::cmp::Eq,
            ::std::hash::Hash,
            ::std::cmp::PartialOrd,
            ::std::cmp::Ord
        )]
        pub enum #name {
            #(#variants)*
            /// A value this version of the SDK does not list, kept exactly as the API sent it.
            #fallback(::std::string::String),
        }

        impl #name {
            /// The value as the API writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_str)*
                    Self::#fallback(other) => other,
                }
            }
        }

        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#from_str)*
                    other => Self::#fallback(::std::borrow::ToOwned::to_owned(other)),
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                crate::serde_util::deserialize_open_enum(deserializer)
            }
        }

        #default
    }
}

fn union(api: &Api, id: TypeId, name: &proc_macro2::Ident, u: &Union) -> TokenStream {
    let derive = derives(api, id, quote!(::serde::Serialize, ::serde::Deserialize));
    let variants = u.variants.iter().map(|v| {
        let n = ident(&v.name.rust);
        let t = type_tokens(api, &v.ty);
        let doc = match &v.ty {
            TypeRef::Named(target) => format!(" A [`{}`] value.", api.get(*target).name.rust),
            _ => format!(" A {} value.", v.name.wire),
        };
        quote!(#[doc = #doc] #n(#t),)
    });
    quote! {
        #derive
        #[serde(untagged)]
        pub enum #name {
            #(#variants)*
        }
    }
}
