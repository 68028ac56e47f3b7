//! Finds the list operations that page with a cursor, so the client can offer a stream of all
//! their items. OpenAPI has no word for this; the conventions recognised are a string query
//! parameter that takes a cursor (`paginationToken`, `pageToken`, `cursor`, `nextToken`) and a
//! response with exactly one array and a string field for the next cursor (`nextPaginationToken`,
//! `nextPageToken`, `nextCursor`).

use crate::ir::*;

fn is_cursor_param(wire: &str) -> bool {
    let w = wire.to_ascii_lowercase().replace(['_', '-'], "");
    ["paginationtoken", "pagetoken", "cursor", "nexttoken"].contains(&w.as_str())
}

fn is_next_cursor_field(wire: &str) -> bool {
    let w = wire.to_ascii_lowercase().replace(['_', '-'], "");
    w.starts_with("next") && (w.ends_with("token") || w.ends_with("cursor"))
}

pub fn detect(api: &mut Api) {
    api.each_operation_with_types(|types, op| op.pagination = find(types, op));
}

fn find(types: &[TypeDef], op: &Operation) -> Option<Pagination> {
    let cursor_param = op.params.iter().position(|p| {
        p.location == ParamLocation::Query
            && p.ty == TypeRef::String
            && is_cursor_param(&p.name.wire)
    })?;
    let Some(TypeRef::Named(id)) = op.responses.first().and_then(|r| r.ty()) else {
        return None;
    };
    let TypeKind::Struct(s) = &types[id.0].kind else {
        return None;
    };
    let next_cursor_field = s
        .fields
        .iter()
        .position(|f| f.ty == TypeRef::String && is_next_cursor_field(&f.name.wire))?;
    let arrays: Vec<usize> = (0..s.fields.len())
        .filter(|&i| matches!(s.fields[i].ty, TypeRef::Array(_)))
        .collect();
    let [items_field] = arrays[..] else {
        return None;
    };
    let TypeRef::Array(item) = &s.fields[items_field].ty else {
        unreachable!("filtered on arrays")
    };
    Some(Pagination {
        cursor_param,
        page: *id,
        items_field,
        next_cursor_field,
        item: (**item).clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::super::graph::tests::{api, named, structure};
    use super::super::inputs::tests::operation;
    use super::*;

    #[test]
    fn a_cursor_parameter_and_a_page_with_one_list_and_a_next_token_page() {
        let page = structure(
            "Page",
            &[
                ("items", TypeRef::Array(Box::new(named(1)))),
                ("nextPaginationToken", TypeRef::String),
            ],
        );
        let mut api = api(vec![page, structure("Asset", &[])]);
        let mut op = operation(None);
        op.params.push(Param {
            name: Name::wire("paginationToken"),
            location: ParamLocation::Query,
            doc: None,
            ty: TypeRef::String,
            required: false,
            style: ParamStyle::Form,
            explode: true,
            deprecated: false,
            constraints: Constraints::default(),
            encoding: Encoding::Text,
        });
        op.responses.push(Response {
            status: 200,
            name: Name::wire("Ok"),
            doc: None,
            payload: Payload::Json(named(0)),
        });
        let mut unpaged = op.clone();
        unpaged.params.clear();
        api.resources.push(Resource {
            name: Name::wire("assets"),
            doc: None,
            handle: None,
            operations: vec![op, unpaged],
            children: Vec::new(),
        });
        detect(&mut api);
        let ops = api.operations();
        let p = ops[0].pagination.as_ref().expect("paged");
        assert_eq!(
            (p.cursor_param, p.page, p.items_field, p.next_cursor_field),
            (0, TypeId(0), 0, 1)
        );
        assert_eq!(p.item, named(1));
        assert!(ops[1].pagination.is_none());
    }
}
