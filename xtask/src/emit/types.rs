//! Uses of types, as Rust type expressions. A standard name (`String`, `Option`, `Some`...) is
//! written bare where nothing can shadow it, and by absolute path elsewhere: the resources'
//! files declare only names the naming pass keeps apart from the prelude's, so they write every
//! one bare; the models write one bare when the `files` pass found no schema type taking it
//! (their files import all of `models`); the crate root, which re-exports hand-written
//! modules, writes them all in full.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::*;

/// An identifier of the IR as code writes it (`r#type` where it must be raw).
pub fn ident(name: &crate::ir::Ident) -> Ident {
    if name.is_raw() {
        Ident::new_raw(name.as_str(), Span::call_site())
    } else {
        Ident::new(name.as_str(), Span::call_site())
    }
}

/// The Rust identifier of a named thing.
pub fn name(n: &Name) -> Ident {
    ident(n.ident())
}

/// An identifier the emitter itself writes, such as `body`.
pub fn fixed(text: &str) -> Ident {
    Ident::new(text, Span::call_site())
}

/// How a file writes the standard types and the models it uses.
#[derive(Clone, Copy)]
pub struct Paths<'a> {
    /// Models by name alone (`Job`), not `crate::models::Job`.
    models_bare: bool,
    /// The standard names a schema type takes, written by full path; `None`: every one is.
    shadowed: Option<&'a std::collections::BTreeSet<String>>,
}

/// No standard name is taken.
static NOTHING_TAKEN: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();

impl<'a> Paths<'a> {
    /// Every path absolute: for the crate root.
    pub const ABSOLUTE: Paths<'static> = Paths {
        models_bare: false,
        shadowed: None,
    };

    /// For the files of `resources`: standard names bare, models by path.
    pub const RESOURCES: Paths<'static> = Paths {
        models_bare: false,
        shadowed: Some(&NOTHING_TAKEN),
    };

    /// For the files of `models`.
    pub fn models(api: &'a Api) -> Paths<'a> {
        Paths {
            models_bare: true,
            shadowed: Some(&api.needs.shadowed_prelude),
        }
    }

    /// `name` of the prelude, bare when no schema type takes it, else `full`.
    pub fn std(&self, name: &str, full: TokenStream) -> TokenStream {
        match self.shadowed {
            Some(taken) if !taken.contains(name) => {
                let bare = fixed(name);
                quote!(#bare)
            }
            _ => full,
        }
    }

    /// `name` of the prelude as text, for paths serde attributes hold.
    pub fn std_text(&self, name: &str, full: &str) -> String {
        match self.shadowed {
            Some(taken) if !taken.contains(name) => name.to_string(),
            _ => full.to_string(),
        }
    }

    pub fn string(&self) -> TokenStream {
        self.std("String", quote!(::std::string::String))
    }

    pub fn option(&self) -> TokenStream {
        self.std("Option", quote!(::std::option::Option))
    }

    pub fn some(&self) -> TokenStream {
        self.std("Some", quote!(::std::option::Option::Some))
    }

    pub fn none(&self) -> TokenStream {
        self.std("None", quote!(::std::option::Option::None))
    }

    pub fn result(&self) -> TokenStream {
        self.std("Result", quote!(::std::result::Result))
    }

    pub fn ok(&self) -> TokenStream {
        self.std("Ok", quote!(::std::result::Result::Ok))
    }

    pub fn err(&self) -> TokenStream {
        self.std("Err", quote!(::std::result::Result::Err))
    }

    pub fn vec(&self) -> TokenStream {
        self.std("Vec", quote!(::std::vec::Vec))
    }

    pub fn boxed(&self) -> TokenStream {
        self.std("Box", quote!(::std::boxed::Box))
    }

    pub fn default_trait(&self) -> TokenStream {
        self.std("Default", quote!(::std::default::Default))
    }

    pub fn conversion_trait(&self) -> TokenStream {
        self.std("Into", quote!(::std::convert::Into))
    }

    pub fn iterator_trait(&self) -> TokenStream {
        self.std("IntoIterator", quote!(::std::iter::IntoIterator))
    }
}

/// The Rust type of `ty` in a file of `resources`.
pub fn type_tokens(api: &Api, ty: &TypeRef) -> TokenStream {
    type_tokens_in(api, ty, Paths::RESOURCES)
}

/// The Rust type of `ty`, written as `paths` says.
pub fn type_tokens_in(api: &Api, ty: &TypeRef, paths: Paths) -> TokenStream {
    let type_tokens = |api, ty| type_tokens_in(api, ty, paths);
    match ty {
        TypeRef::Named(id) => {
            let name = name(&api.get(*id).name);
            if paths.models_bare {
                quote!(#name)
            } else {
                quote!(crate::models::#name)
            }
        }
        TypeRef::String => paths.string(),
        TypeRef::Integer(IntegerFormat::Int32) => quote!(i32),
        TypeRef::Integer(IntegerFormat::Int64) => quote!(i64),
        TypeRef::Number(NumberFormat::Float) => quote!(f32),
        TypeRef::Number(NumberFormat::Double) => quote!(f64),
        TypeRef::Boolean => quote!(bool),
        TypeRef::Bytes => quote!(crate::Bytes),
        TypeRef::Nullable(inner) => {
            let (option, inner) = (paths.option(), type_tokens(api, inner));
            quote!(#option<#inner>)
        }
        TypeRef::Array(inner) => {
            let vec = paths.vec();
            let inner = type_tokens(api, inner);
            quote!(#vec<#inner>)
        }
        TypeRef::Map(inner) => {
            let (string, inner) = (paths.string(), type_tokens(api, inner));
            quote!(::std::collections::BTreeMap<#string, #inner>)
        }
        TypeRef::Any => quote!(::serde_json::Value),
    }
}

/// A value the generated code writes out, in a file of `resources`.
pub fn literal_tokens(api: &Api, literal: &Literal) -> TokenStream {
    literal_tokens_in(api, literal, Paths::RESOURCES)
}

/// A value the generated code writes out (a constant, a default), written as `paths` says.
pub fn literal_tokens_in(api: &Api, literal: &Literal, paths: Paths) -> TokenStream {
    let string = paths.string();
    let model = |name: Ident| {
        if paths.models_bare {
            quote!(#name)
        } else {
            quote!(crate::models::#name)
        }
    };
    match literal {
        Literal::String(s) => quote!(#string::from(#s)),
        Literal::Integer(i) => {
            let lit = proc_macro2::Literal::i64_unsuffixed(*i);
            quote!(#lit)
        }
        Literal::Number(n) => {
            let lit = proc_macro2::Literal::f64_unsuffixed(*n);
            quote!(#lit)
        }
        Literal::Boolean(b) => quote!(#b),
        Literal::EmptyArray => {
            let vec = paths.vec();
            quote!(#vec::new())
        }
        Literal::Variant { ty, index, value } => {
            let def = api.get(*ty);
            let TypeKind::Enum(e) = &def.kind else {
                unreachable!("the access pass makes variants of enums only")
            };
            let ty = model(name(&def.name));
            let fallback = ident(named(&e.fallback));
            match (index, value) {
                (Some(i), _) => {
                    let v = name(&e.variants[*i].name);
                    quote!(#ty::#v)
                }
                (None, EnumValue::Integer(n)) => {
                    let n = proc_macro2::Literal::i64_unsuffixed(*n);
                    quote!(#ty::#fallback(#n))
                }
                (None, EnumValue::String(s)) => {
                    quote!(#ty::#fallback(#string::from(#s)))
                }
            }
        }
    }
}
