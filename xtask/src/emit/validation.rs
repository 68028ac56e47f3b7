//! Request validation: a `validate` method on every struct a request body can hold that has
//! something to check, and the checks of an operation's own parameters.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::{Paths, name};
use crate::ir::*;

/// The struct whose `validate` a value of this type calls: the type itself, or the items of a
/// list of it, when the usage pass found it needs one.
fn validated(api: &Api, ty: &TypeRef) -> bool {
    let id = match ty {
        TypeRef::Named(id) => *id,
        TypeRef::Array(t) => match **t {
            TypeRef::Named(id) => id,
            _ => return false,
        },
        _ => return false,
    };
    api.get(id).usage.validated
}

/// How a checked value sits in its place: always there, maybe absent (or `null`), or maybe
/// absent and maybe `null` (`Option<Option<T>>`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Presence {
    Always,
    Optional,
    Double,
}

impl Presence {
    fn of(optional: bool, nullable: bool) -> Presence {
        match (optional, nullable) {
            (false, false) => Presence::Always,
            (true, true) => Presence::Double,
            _ => Presence::Optional,
        }
    }
}

/// The limits given as a Rust range (`lo..=hi`, `lo..`, `..=hi`; `..hi` when the maximum is
/// excluded), as `literal` writes one; an excluded minimum, which range syntax cannot write,
/// through the runtime's `more_than(lo, ..)`.
fn limits<T: Copy>(
    (lo, hi): (Option<T>, Option<T>),
    (exclusive_lo, exclusive_hi): (bool, bool),
    literal: fn(T) -> proc_macro2::Literal,
) -> Option<TokenStream> {
    let (lo, hi) = (lo.map(literal), hi.map(literal));
    let up_to = |hi: Option<proc_macro2::Literal>| match hi {
        Some(hi) if exclusive_hi => quote!(..#hi),
        Some(hi) => quote!(..=#hi),
        None => quote!(..),
    };
    match (lo, hi) {
        (None, None) => None,
        (Some(lo), hi) if exclusive_lo => {
            let hi = up_to(hi);
            Some(quote!(crate::validate::more_than(#lo, #hi)))
        }
        (Some(lo), hi) => {
            let hi = up_to(hi);
            Some(quote!(#lo #hi))
        }
        (None, hi) => Some(up_to(hi)),
    }
}

/// Statements checking the value at `place` (such as `self.seed`) of `ty` against `c`, one
/// line per limit through the runtime's `At` (the local `at`), then the `validate` of the
/// struct it holds; `wire` names it in messages.
fn checks(
    api: &Api,
    paths: Paths,
    ty: &TypeRef,
    c: &Constraints,
    place: TokenStream,
    presence: Presence,
    wire: &str,
) -> TokenStream {
    let number = |v: f64| proc_macro2::Literal::f64_suffixed(v);
    let count = |v: u64| proc_macro2::Literal::u64_unsuffixed(v);
    let mut out = TokenStream::new();
    // What the limits measure, through aliases (`Size = i32` is checked as a number).
    match api.limited(ty) {
        Some(Limited::Range) => {
            if let Some(range) = limits(
                (c.minimum, c.maximum),
                (c.exclusive_minimum, c.exclusive_maximum),
                number,
            ) {
                let value = match presence {
                    Presence::Double => quote!(#place.flatten()),
                    _ => place.clone(),
                };
                out.extend(quote!(at.range(#wire, #value, #range)?;));
            }
        }
        Some(Limited::Characters) => {
            if let Some(range) = limits((c.min_length, c.max_length), (false, false), count) {
                let value = match presence {
                    Presence::Always => quote!(#place.as_str()),
                    Presence::Optional => quote!(#place.as_deref()),
                    Presence::Double => quote!(#place.as_ref().and_then(Option::as_deref)),
                };
                out.extend(quote!(at.chars(#wire, #value, #range)?;));
            }
        }
        Some(Limited::Items) => {
            if let Some(range) = limits((c.min_items, c.max_items), (false, false), count) {
                let value = match presence {
                    Presence::Always => quote!(#place.as_slice()),
                    Presence::Optional => quote!(#place.as_deref()),
                    Presence::Double => quote!(#place.as_ref().and_then(Option::as_deref)),
                };
                out.extend(quote!(at.items(#wire, #value, #range)?;));
            }
        }
        None => {}
    }
    if validated(api, ty) {
        let field = quote!(crate::validate::join(at.0, #wire));
        let nested = match ty {
            TypeRef::Array(_) => quote! {
                for (i, item) in value.iter().enumerate() {
                    item.validate(&format!("{}[{i}]", #field))?;
                }
            },
            _ => quote!(value.validate(&#field)?;),
        };
        let some = paths.some();
        out.extend(match presence {
            Presence::Always => quote!({ let value = &#place; #nested }),
            Presence::Optional => quote!(if let #some(value) = &#place { #nested }),
            Presence::Double => quote!(if let #some(#some(value)) = &#place { #nested }),
        });
    }
    out
}

/// `impl T { fn validate }` for one struct.
pub fn struct_validate(api: &Api, def: &TypeDef) -> TokenStream {
    let TypeKind::Struct(s) = &def.kind else {
        return TokenStream::new();
    };
    let paths = Paths::models(api);
    let (result, ok) = (paths.result(), paths.ok());
    let ty = name(&def.name);
    let fields = s.fields.iter().map(|f| {
        let n = name(&f.name);
        let presence = Presence::of(f.optional(), f.nullable);
        checks(
            api,
            paths,
            &f.ty,
            &f.constraints,
            quote!(self.#n),
            presence,
            &f.name.wire,
        )
    });
    let conditions = s.checked.iter().map(|c| condition(paths, s, c));
    quote! {
        impl #ty {
            /// Checks the documented limits; `path` is where this value sits in the request.
            pub(crate) fn validate(&self, path: &str) -> #result<(), crate::Error> {
                let at = crate::validate::At(path);
                #(#fields)*
                #(#conditions)*
                #ok(())
            }
        }
    }
}

fn condition(paths: Paths, s: &Struct, c: &CheckedCondition) -> TokenStream {
    let (some, err) = (paths.some(), paths.err());
    let decider = &s.fields[c.field];
    let d = name(&decider.name);
    let current = if !decider.optional() {
        quote!(#some(self.#d.as_str()))
    } else {
        quote!(self.#d.as_ref().map(|v| v.as_str()))
    };
    let values = &c.values;
    let when = format!(
        "`{}` is {}",
        decider.name.wire,
        c.values
            .iter()
            .map(|v| format!("`{v}`"))
            .collect::<Vec<_>>()
            .join(" or ")
    );
    let required = c.required.iter().map(|r| {
        let f = &s.fields[*r];
        let n = name(&f.name);
        let wire = &f.name.wire;
        quote! {
            if matches!(#current, #some(#(#values)|*)) && self.#n.is_none() {
                return #err(crate::validate::required_when(crate::validate::join(at.0, #wire), #when));
            }
        }
    });
    quote!(#(#required)*)
}

/// The checks of an operation's parameters and body, for its builder's `request()`.
pub fn operation_checks(api: &Api, op: &Operation) -> TokenStream {
    let paths = Paths::RESOURCES;
    let params: Vec<TokenStream> = op
        .params
        .iter()
        .map(|p| {
            let n = name(&p.name);
            let presence = Presence::of(!p.required, false);
            checks(
                api,
                paths,
                &p.ty,
                &p.constraints,
                quote!(self.#n),
                presence,
                &p.name.wire,
            )
        })
        .collect();
    // The body is the root of the paths in messages: its fields are named bare (`temperature`).
    let mut uses_at = params.iter().any(|p| !p.is_empty());
    let body = op.body.as_ref().and_then(|b| {
        let ty = b.payload.ty()?;
        let body = match ty {
            TypeRef::Named(_) if validated(api, ty) => quote!(body.validate("")?;),
            _ => {
                let none = Constraints::default();
                let checks = checks(api, paths, ty, &none, quote!(*body), Presence::Always, "");
                uses_at |= !checks.is_empty();
                checks
            }
        };
        if body.is_empty() {
            return None;
        }
        // A body built field by field is the local `body` by now (see `body::build`).
        let built = op
            .inputs
            .iter()
            .any(|i| matches!(i.kind, InputKind::Fields(_)));
        let source = if built {
            quote!(body)
        } else {
            quote!(self.body)
        };
        Some(if b.required && built {
            body
        } else if b.required {
            quote!(let body = &#source; #body)
        } else {
            quote!(if let Some(body) = &#source { #body })
        })
    });
    let at = uses_at.then(|| quote!(let at = crate::validate::At("");));
    quote!(#at #(#params)* #body)
}
