//! Which types are `#[non_exhaustive]`, so that what the API adds later is not a breaking
//! change for the code that uses them.
//!
//! Enumerations and unions always are: a value the API adds becomes a variant, and a `match`
//! written without a wildcard arm would stop compiling. Structs that only responses carry are
//! too: a field the API adds would break a pattern that names every field, and callers have no
//! reason to build them. Structs that requests carry stay open, so that callers can write them
//! as literals: with `..Default::default()` (or from `new`), a field added later breaks
//! nothing. The enums of an operation's bodies by status are too: a status the API documents
//! later is a variant.

use crate::ir::*;

pub fn decide(api: &mut Api) {
    for def in &mut api.types {
        def.non_exhaustive = match &def.kind {
            TypeKind::Enum(_) | TypeKind::Union(_) => true,
            TypeKind::Struct(_) => def.usage.received && !def.usage.sent,
            TypeKind::Alias(_) => false,
        };
    }
    api.each_operation_mut(|op| op.status_enums_non_exhaustive = true);
}

#[cfg(test)]
mod tests {
    use super::super::graph::tests::{api, structure};
    use super::*;

    #[test]
    fn response_only_structs_every_enum_and_status_enums_are_non_exhaustive() {
        let mut received = structure("Job", &[]);
        received.usage.received = true;
        let mut both = structure("Asset", &[]);
        both.usage = Usage {
            sent: true,
            received: true,
            validated: false,
            used: true,
        };
        let mut sent = structure("Body", &[]);
        sent.usage.sent = true;
        let mut status = structure("Status", &[]);
        status.usage.sent = true;
        status.kind = TypeKind::Enum(Enum {
            repr: EnumRepr::String,
            variants: Vec::new(),
            default: None,
            fallback: None,
        });
        let mut alias = structure("Tags", &[]);
        alias.kind = TypeKind::Alias(TypeRef::Array(Box::new(TypeRef::String)));
        let mut api = api(vec![received, both, sent, status, alias]);
        api.resources.push(Resource {
            name: Name::wire("r"),
            doc: None,
            handle: None,
            operations: vec![crate::passes::inputs::tests::operation(None)],
            children: Vec::new(),
        });
        decide(&mut api);
        let decided: Vec<bool> = api.types.iter().map(|t| t.non_exhaustive).collect();
        assert_eq!(decided, [true, false, false, true, false]);
        // A status documented later is a variant of the operation's enums.
        assert!(api.operations()[0].status_enums_non_exhaustive);
    }
}
