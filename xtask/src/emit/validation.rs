//! Request validation: a `validate` method on every struct a request body can hold that has
//! something to check, and the checks of an operation's own parameters.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::name;
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

/// Statements checking `value` (a reference to a value of `ty`) against `c`; `field` is an
/// expression giving the field's path as a `String`.
fn checks(
    api: &Api,
    ty: &TypeRef,
    c: &Constraints,
    value: TokenStream,
    field: TokenStream,
) -> TokenStream {
    let opt_f = |v: Option<f64>| match v {
        Some(v) => quote!(::std::option::Option::Some(#v)),
        None => quote!(::std::option::Option::None),
    };
    let opt_u = |v: Option<u64>| match v {
        Some(v) => quote!(::std::option::Option::Some(#v)),
        None => quote!(::std::option::Option::None),
    };
    let mut out = TokenStream::new();
    let limited = api.limited(ty);
    if c.check(limited) {
        out.extend(match limited {
            Some(Limited::Range) => {
                let (lo, hi) = (opt_f(c.minimum), opt_f(c.maximum));
                quote!(crate::validate::range(#field, *#value, #lo, #hi)?;)
            }
            Some(Limited::Characters) => {
                let (lo, hi) = (opt_u(c.min_length), opt_u(c.max_length));
                quote!(crate::validate::count(#field, #value.chars().count(), #lo, #hi, "characters")?;)
            }
            Some(Limited::Items) | None => {
                let (lo, hi) = (opt_u(c.min_items), opt_u(c.max_items));
                quote!(crate::validate::count(#field, #value.len(), #lo, #hi, "items")?;)
            }
        });
    }
    if matches!(ty, TypeRef::Array(_)) {
        if validated(api, ty) {
            out.extend(quote! {
                for (i, item) in #value.iter().enumerate() {
                    item.validate(&::std::format!("{}[{i}]", #field))?;
                }
            });
        }
    }
    if matches!(ty, TypeRef::Named(_)) && validated(api, ty) {
        out.extend(quote!(#value.validate(&#field)?;));
    }
    out
}

/// `impl T { fn validate }` for one struct.
pub fn struct_validate(api: &Api, def: &TypeDef) -> TokenStream {
    let TypeKind::Struct(s) = &def.kind else {
        return TokenStream::new();
    };
    let ty = name(&def.name);
    let fields = s.fields.iter().map(|f| {
        let n = name(&f.name);
        let wire = &f.name.wire;
        let body = checks(api, &f.ty, &f.constraints, quote!(value), quote!(crate::validate::join(path, #wire)));
        if body.is_empty() {
            return body;
        }
        match (f.optional(), f.nullable) {
            (false, false) => quote!({ let value = &self.#n; #body }),
            (true, true) => quote!(if let ::std::option::Option::Some(::std::option::Option::Some(value)) = &self.#n { #body }),
            _ => quote!(if let ::std::option::Option::Some(value) = &self.#n { #body }),
        }
    });
    let conditions = s.checked.iter().map(|c| condition(s, c));
    quote! {
        impl #ty {
            /// Checks the documented limits; `path` is where this value sits in the request.
            pub(crate) fn validate(&self, path: &str) -> ::std::result::Result<(), crate::Error> {
                #(#fields)*
                #(#conditions)*
                ::std::result::Result::Ok(())
            }
        }
    }
}

fn condition(s: &Struct, c: &CheckedCondition) -> TokenStream {
    let decider = &s.fields[c.field];
    let d = name(&decider.name);
    let current = if !decider.optional() {
        quote!(::std::option::Option::Some(self.#d.as_str()))
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
            if matches!(#current, ::std::option::Option::Some(#(#values)|*)) && self.#n.is_none() {
                return ::std::result::Result::Err(crate::validate::required_when(crate::validate::join(path, #wire), #when));
            }
        }
    });
    quote!(#(#required)*)
}

/// The checks of an operation's parameters and body, for its builder's `request()`.
pub fn operation_checks(api: &Api, op: &Operation) -> TokenStream {
    let params = op.params.iter().map(|p| {
        let n = name(&p.name);
        let wire = &p.name.wire;
        let body = checks(
            api,
            &p.ty,
            &p.constraints,
            quote!(value),
            quote!(::std::string::String::from(#wire)),
        );
        if body.is_empty() {
            body
        } else if p.required {
            quote!({ let value = &self.#n; #body })
        } else {
            quote!(if let ::std::option::Option::Some(value) = &self.#n { #body })
        }
    });
    // The body is the root of the paths in messages: its fields are named bare (`temperature`).
    let body = op.body.as_ref().and_then(|b| {
        let ty = b.payload.ty()?;
        let body = match ty {
            TypeRef::Named(_) if validated(api, ty) => quote!(body.validate("")?;),
            _ => checks(
                api,
                ty,
                &Constraints::default(),
                quote!(body),
                quote!(::std::string::String::new()),
            ),
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
            quote!(if let ::std::option::Option::Some(body) = &#source { #body })
        })
    });
    quote!(#(#params)* #body)
}
