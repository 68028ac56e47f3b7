//! Which error body `Error::Api` decodes, and which operations need an error enum of their own.
//! Most APIs document one error shape for everything; that shape is decoded into the shared
//! error, and an operation keeps its own list only when one of its errors has another shape.

use crate::ir::*;

pub fn share(api: &mut Api) {
    let error_body = shared_error_body(&api.operations());
    api.each_operation_mut(|op| {
        if op
            .errors
            .iter()
            .all(|e| e.payload == Payload::Empty || e.payload.ty() == error_body.as_ref())
        {
            op.errors.clear();
        }
    });
    api.error_body = error_body;
}

/// The error body most operations document; the first seen wins a tie, so the choice follows
/// the file's order.
fn shared_error_body(ops: &[&Operation]) -> Option<TypeRef> {
    let mut counts: Vec<(&TypeRef, usize)> = Vec::new();
    for ty in ops
        .iter()
        .flat_map(|op| op.errors.iter().filter_map(|e| e.payload.ty()))
    {
        match counts.iter_mut().find(|(t, _)| *t == ty) {
            Some((_, n)) => *n += 1,
            None => counts.push((ty, 1)),
        }
    }
    let best = counts.iter().map(|(_, n)| *n).max()?;
    counts
        .into_iter()
        .find(|(_, n)| *n == best)
        .map(|(t, _)| t.clone())
}

#[cfg(test)]
mod tests {
    use super::super::graph::tests::{api, named, structure};
    use super::super::inputs::tests::operation;
    use super::*;

    fn error(status: u16, payload: Payload) -> ErrorResponse {
        ErrorResponse {
            statuses: StatusMatch::Exact(status),
            name: Name::wire("e"),
            doc: None,
            payload,
        }
    }

    #[test]
    fn the_most_documented_error_body_is_shared_and_others_keep_their_own() {
        let mut api = api(vec![structure("Error", &[]), structure("Other", &[])]);
        let mut ops: Vec<Operation> = (0..3).map(|_| operation(None)).collect();
        ops[0].errors = vec![
            error(404, Payload::Json(named(0))),
            error(500, Payload::Empty),
        ];
        ops[1].errors = vec![error(400, Payload::Json(named(0)))];
        ops[2].errors = vec![
            error(404, Payload::Json(named(0))),
            error(409, Payload::Json(named(1))),
        ];
        api.resources.push(Resource {
            name: Name::wire("r"),
            doc: None,
            handle: None,
            operations: ops,
            children: Vec::new(),
        });
        share(&mut api);
        assert_eq!(api.error_body, Some(named(0)));
        let kept: Vec<usize> = api.operations().iter().map(|op| op.errors.len()).collect();
        assert_eq!(kept, [0, 0, 2]);
    }
}
