//! Where the references of a description are: every object whose `$ref` is a reference.
//!
//! Values that are data, not description (examples, defaults, `const` and `enum` values,
//! extensions), hold no references, and the keys of a map of names (`properties`, `$defs`) are
//! names: a property may be called `$ref`. Validation, `$id` resolution and bundling all ask
//! this one walk, so that they agree on what a reference is.

use serde_json::Value;

use crate::diagnostics::child;

/// Keywords whose value maps names to schemas, not keywords to values.
const NAME_MAPS: [&str; 5] = [
    "properties",
    "patternProperties",
    "$defs",
    "definitions",
    "dependentSchemas",
];

/// The JSON pointers (below `pointer`) of the objects in `value` that hold a `$ref`, in
/// document order. The walk is iterative: a deep document cannot exhaust the stack. It keeps
/// the path to the value it is at as borrowed tokens and spells a pointer only for a holder:
/// every value of a description is visited, and most hold no reference.
pub fn holders(value: &Value, pointer: &str) -> Vec<String> {
    let mut found = Vec::new();
    // Each value with its depth, the token that leads to it from its parent, whether its keys
    // are names, and whether it is a `responses` map (where `default` is a status, not data).
    let mut todo: Vec<(&Value, usize, Token, bool, bool)> =
        vec![(value, 0, Token::Index(0), false, false)];
    // The tokens from `value` to the one being visited.
    let mut path: Vec<Token> = Vec::new();
    while let Some((value, depth, token, names, responses)) = todo.pop() {
        if depth > 0 {
            path.truncate(depth - 1);
            path.push(token);
        }
        match value {
            Value::Object(map) => {
                if !names && map.contains_key("$ref") {
                    let mut at = pointer.to_string();
                    for token in &path {
                        at = match token {
                            Token::Key(k) => child(&at, k),
                            Token::Index(i) => format!("{at}/{i}"),
                        };
                    }
                    found.push(at);
                }
                for (k, v) in map.iter().rev() {
                    if !names && (k == "$ref" || is_data(k, v) && !(responses && k == "default")) {
                        continue;
                    }
                    todo.push((
                        v,
                        depth + 1,
                        Token::Key(k),
                        !names && NAME_MAPS.contains(&k.as_str()),
                        !names && k == "responses",
                    ));
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate().rev() {
                    todo.push((v, depth + 1, Token::Index(i), false, false));
                }
            }
            _ => {}
        }
    }
    found
}

/// One step of a JSON pointer, not yet escaped.
#[derive(Clone, Copy)]
enum Token<'a> {
    Key(&'a str),
    Index(usize),
}

/// Whether the value of `key` is data: examples, defaults, `const` and `enum` values,
/// extensions. (`examples` of a media type maps names to Example objects, which may be
/// references; that of a schema is a list of values.)
fn is_data(key: &str, value: &Value) -> bool {
    matches!(key, "example" | "default" | "const" | "enum")
        || key.starts_with("x-")
        || key == "examples" && value.is_array()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn data_and_names_hold_no_references() {
        let doc = json!({
            "a": {"$ref": "#/x"},
            "s": {"properties": {"$ref": {"type": "string"}, "b": {"$ref": "#/y"}}, "example": {"$ref": "no"}},
            "x-ext": {"$ref": "no"},
            "l": [{"$ref": "#/z"}],
            "responses": {"default": {"$ref": "#/r"}}
        });
        assert_eq!(
            super::holders(&doc, ""),
            ["/a", "/s/properties/b", "/l/0", "/responses/default"]
        );
    }
}
