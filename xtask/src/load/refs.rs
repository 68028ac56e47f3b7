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

/// The value `pointer` names in `value`, as `Value::pointer` finds it, without unescaping each
/// token into a new string: only those with a `~` need it, and loading, validation and lowering
/// look up tens of thousands of pointers.
pub fn at<'a>(value: &'a Value, pointer: &str) -> Option<&'a Value> {
    steps(pointer)?.try_fold(value, |v, token| match v {
        Value::Object(map) => map.get(token.as_ref()),
        Value::Array(items) => index(&token).and_then(|i| items.get(i)),
        _ => None,
    })
}

/// [`at`], for changing the value.
pub fn at_mut<'a>(value: &'a mut Value, pointer: &str) -> Option<&'a mut Value> {
    steps(pointer)?.try_fold(value, |v, token| match v {
        Value::Object(map) => map.get_mut(token.as_ref()),
        Value::Array(items) => index(&token).and_then(move |i| items.get_mut(i)),
        _ => None,
    })
}

/// The reference tokens of `pointer`, unescaped; `None` for a pointer that is neither empty
/// (the whole value) nor starts with `/`.
fn steps(pointer: &str) -> Option<impl Iterator<Item = std::borrow::Cow<'_, str>>> {
    let tokens = match pointer {
        "" => None,
        _ => Some(pointer.strip_prefix('/')?.split('/')),
    };
    Some(tokens.into_iter().flatten().map(unescape))
}

/// A reference token as written in a pointer, unescaped (RFC 6901).
fn unescape(token: &str) -> std::borrow::Cow<'_, str> {
    if token.contains('~') {
        token.replace("~1", "/").replace("~0", "~").into()
    } else {
        token.into()
    }
}

/// An array index as serde_json reads one in a pointer: digits, no sign, no leading zero.
fn index(token: &str) -> Option<usize> {
    if token.starts_with('+') || (token.starts_with('0') && token.len() != 1) {
        return None;
    }
    token.parse().ok()
}

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
    fn a_pointer_finds_what_serde_json_finds() {
        let mut v = json!({
            "a/b": {"c~d": [10, {"": 11}], "~1": 12},
            "list": [0, 1, 2],
            "": {"x": 13},
        });
        for p in [
            "",
            "/",
            "/a~1b",
            "/a~1b/c~0d/1/",
            "/a~1b/c~0d/0",
            "/a~1b/~01",
            "/a/b",
            "/list/2",
            "/list/02",
            "/list/+1",
            "/list/-",
            "/list/3",
            "//x",
            "/list/1/x",
            "a",
            "/a~1b/c~0d/01",
        ] {
            assert_eq!(super::at(&v, p), v.pointer(p), "{p}");
            let expected = v.clone().pointer_mut(p).cloned();
            assert_eq!(super::at_mut(&mut v, p).cloned(), expected, "{p}");
        }
    }

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
