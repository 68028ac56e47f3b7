//! Types named like the prelude, and fields named like keywords, keep their wire names.

use fixture_naming_obstacles::models::{self, Ecole, None as NoneEnum, Some as SomeEnum};
use serde_json::{from_value, json, to_value};

#[test]
fn prelude_named_types_and_keyword_fields_keep_their_wire_names() {
    let mut value = models::Option::new(SomeEnum::Self_, NoneEnum::Some);
    value.r#type = Option::Some("t".into());
    value.r_type = Option::Some("raw".into());
    value.self_ = Option::Some("s".into());
    value.self2 = Option::Some("S".into());
    let json = to_value(&value).unwrap();
    assert_eq!(
        json,
        json!({"some": "Self", "none": 1, "type": "t", "r#type": "raw", "self": "s", "Self": "S"})
    );
    assert_eq!(from_value::<models::Option>(json).unwrap(), value);
}

#[test]
fn transliterated_names_keep_their_wire_names() {
    let e: Ecole = from_value(json!({"élève": "a", "名前": "b", "🦀": "c"})).unwrap();
    assert_eq!(
        (
            e.eleve.as_deref(),
            e.ming_qian.as_deref(),
            e.crab.as_deref()
        ),
        (Option::Some("a"), Option::Some("b"), Option::Some("c"))
    );
}
