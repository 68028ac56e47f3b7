//! Request validation: a `validate` method on every struct a request body can hold that has
//! something to check, and the checks of an operation's own parameters.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use super::types::ident;
use crate::ir::*;

/// The structs that need a `validate` method: reachable from a request body and holding a
/// check, directly or through a field.
pub fn validated_types(api: &Api) -> BTreeSet<TypeId> {
    let mut reachable = BTreeSet::new();
    let mut stack: Vec<TypeId> = api
        .operations()
        .iter()
        .filter_map(|op| op.body.as_ref())
        .filter_map(|b| b.payload.ty().and_then(named))
        .collect();
    while let Some(id) = stack.pop() {
        if !reachable.insert(id) {
            continue;
        }
        if let TypeKind::Struct(s) = &api.get(id).kind {
            stack.extend(s.fields.iter().filter_map(|f| named(&f.ty)));
        }
    }
    // A struct needs validating if it has a check of its own or a field whose struct does;
    // iterate to a fixed point so cycles settle.
    let mut needs: BTreeMap<TypeId, bool> = reachable
        .iter()
        .map(|id| (*id, has_own_checks(api, *id)))
        .collect();
    loop {
        let mut changed = false;
        for id in &reachable {
            if needs[id] {
                continue;
            }
            let TypeKind::Struct(s) = &api.get(*id).kind else {
                continue;
            };
            if s.fields
                .iter()
                .filter_map(|f| named(&f.ty))
                .any(|t| needs.get(&t).copied().unwrap_or(false))
            {
                needs.insert(*id, true);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    needs
        .into_iter()
        .filter(|(_, n)| *n)
        .map(|(id, _)| id)
        .collect()
}

/// The struct whose `validate` a value of this type calls: the type itself, or the items of a
/// list of it. (Checks go no deeper, so neither does the search for what needs them.)
fn named(ty: &TypeRef) -> Option<TypeId> {
    match ty {
        TypeRef::Named(id) => Some(*id),
        TypeRef::Array(t) => match **t {
            TypeRef::Named(id) => Some(id),
            _ => None,
        },
        _ => None,
    }
}

fn has_own_checks(api: &Api, id: TypeId) -> bool {
    match &api.get(id).kind {
        TypeKind::Struct(s) => {
            !s.conditions.is_empty() || s.fields.iter().any(|f| !f.constraints.is_empty())
        }
        _ => false,
    }
}

/// Statements checking `value` (a reference to a value of `ty`) against `c`; `field` is an
/// expression giving the field's path as a `String`.
fn checks(
    ty: &TypeRef,
    c: &Constraints,
    value: TokenStream,
    field: TokenStream,
    validated: &BTreeSet<TypeId>,
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
    match ty {
        TypeRef::Integer(_) | TypeRef::Number(_) if c.minimum.is_some() || c.maximum.is_some() => {
            let (lo, hi) = (opt_f(c.minimum), opt_f(c.maximum));
            out.extend(quote!(crate::validate::range(#field, *#value, #lo, #hi)?;));
        }
        TypeRef::String if c.min_length.is_some() || c.max_length.is_some() => {
            let (lo, hi) = (opt_u(c.min_length), opt_u(c.max_length));
            out.extend(quote!(crate::validate::count(#field, #value.chars().count(), #lo, #hi, "characters")?;));
        }
        _ => {}
    }
    if matches!(ty, TypeRef::Array(_)) {
        if c.min_items.is_some() || c.max_items.is_some() {
            let (lo, hi) = (opt_u(c.min_items), opt_u(c.max_items));
            out.extend(quote!(crate::validate::count(#field, #value.len(), #lo, #hi, "items")?;));
        }
        if named(ty).is_some_and(|t| validated.contains(&t)) {
            out.extend(quote! {
                for (i, item) in #value.iter().enumerate() {
                    item.validate(&::std::format!("{}[{i}]", #field))?;
                }
            });
        }
    }
    if let TypeRef::Named(id) = ty {
        if validated.contains(id) {
            out.extend(quote!(#value.validate(&#field)?;));
        }
    }
    out
}

/// `impl T { fn validate }` for one struct.
pub fn struct_validate(api: &Api, id: TypeId, validated: &BTreeSet<TypeId>) -> TokenStream {
    let TypeKind::Struct(s) = &api.get(id).kind else {
        return TokenStream::new();
    };
    let name = ident(&api.get(id).name.rust);
    let fields = s.fields.iter().map(|f| {
        let n = ident(&f.name.rust);
        let wire = &f.name.wire;
        let body = checks(&f.ty, &f.constraints, quote!(value), quote!(crate::validate::join(path, #wire)), validated);
        if body.is_empty() {
            return body;
        }
        match (f.optional(), f.nullable) {
            (false, false) => quote!({ let value = &self.#n; #body }),
            (true, true) => quote!(if let ::std::option::Option::Some(::std::option::Option::Some(value)) = &self.#n { #body }),
            _ => quote!(if let ::std::option::Option::Some(value) = &self.#n { #body }),
        }
    });
    let conditions = s.conditions.iter().filter_map(|c| condition(api, s, c));
    quote! {
        impl #name {
            /// Checks the documented limits; `path` is where this value sits in the request.
            pub(crate) fn validate(&self, path: &str) -> ::std::result::Result<(), crate::Error> {
                #(#fields)*
                #(#conditions)*
                ::std::result::Result::Ok(())
            }
        }
    }
}

fn condition(api: &Api, s: &Struct, c: &Condition) -> Option<TokenStream> {
    let decider = s.fields.iter().find(|f| f.name.wire == c.field)?;
    let has_as_str = match &decider.ty {
        TypeRef::String => true,
        TypeRef::Named(id) => {
            matches!(&api.get(*id).kind, TypeKind::Enum(e) if e.repr == EnumRepr::String)
        }
        _ => false,
    };
    if !has_as_str || decider.nullable {
        return None;
    }
    let d = ident(&decider.name.rust);
    let current = if !decider.optional() {
        quote!(::std::option::Option::Some(self.#d.as_str()))
    } else {
        quote!(self.#d.as_ref().map(|v| v.as_str()))
    };
    let values = &c.values;
    let when = format!(
        "`{}` is {}",
        c.field,
        c.values
            .iter()
            .map(|v| format!("`{v}`"))
            .collect::<Vec<_>>()
            .join(" or ")
    );
    let required = c.required.iter().filter_map(|r| s.fields.iter().find(|f| &f.name.wire == r && f.optional())).map(|f| {
        let n = ident(&f.name.rust);
        let wire = &f.name.wire;
        quote! {
            if matches!(#current, ::std::option::Option::Some(#(#values)|*)) && self.#n.is_none() {
                return ::std::result::Result::Err(crate::validate::required_when(crate::validate::join(path, #wire), #when));
            }
        }
    });
    Some(quote!(#(#required)*))
}

/// The checks of an operation's parameters and body, for its builder's `request()`.
pub fn operation_checks(op: &Operation, validated: &BTreeSet<TypeId>) -> TokenStream {
    let params = op.params.iter().map(|p| {
        let n = ident(&p.name.rust);
        let wire = &p.name.wire;
        let body = checks(
            &p.ty,
            &p.constraints,
            quote!(value),
            quote!(::std::string::String::from(#wire)),
            validated,
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
            TypeRef::Named(id) if validated.contains(id) => quote!(body.validate("")?;),
            _ => checks(
                ty,
                &Constraints::default(),
                quote!(body),
                quote!(::std::string::String::new()),
                validated,
            ),
        };
        if body.is_empty() {
            return None;
        }
        Some(if b.required {
            quote!(let body = &self.body; #body)
        } else {
            quote!(if let ::std::option::Option::Some(body) = &self.body { #body })
        })
    });
    quote!(#(#params)* #body)
}
