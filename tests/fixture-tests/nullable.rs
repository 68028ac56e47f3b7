//! Absent, `null` and a value stay three different things, decoding and encoding.

use fixture_nullable::models::*;
use serde_json::{from_value, json, to_value};

#[test]
fn absent_null_and_a_value_decode_apart() {
    let absent: Item = from_value(json!({"mustBeThere": "x"})).unwrap();
    assert_eq!(absent.may_be_null, None);
    let null: Item = from_value(json!({"mustBeThere": "x", "mayBeNull": null})).unwrap();
    assert_eq!(null.may_be_null, Some(None));
    let value: Item = from_value(json!({"mustBeThere": null, "mayBeNull": 4})).unwrap();
    assert_eq!(value.may_be_null, Some(Some(4)));
    assert_eq!(value.must_be_there, None);
}

#[test]
fn absent_null_and_a_value_encode_apart() {
    let mut item = Item::new(None);
    assert_eq!(to_value(&item).unwrap(), json!({"mustBeThere": null}));
    item.may_be_null = Some(None);
    assert_eq!(
        to_value(&item).unwrap(),
        json!({"mustBeThere": null, "mayBeNull": null})
    );
    item.may_be_null = Some(Some(1));
    assert_eq!(
        to_value(&item).unwrap(),
        json!({"mustBeThere": null, "mayBeNull": 1})
    );
}

#[test]
fn a_nullable_reference_keeps_null_apart_too() {
    let item: Item = from_value(json!({"mustBeThere": "x", "maybeItem": null})).unwrap();
    assert_eq!(item.maybe_item, Some(None));
    let again: Item = from_value(to_value(&item).unwrap()).unwrap();
    assert_eq!(again, item);
}

#[test]
fn chained_setters_write_null_and_values_and_box_where_the_field_does() {
    let item = Item::new(None)
        .may_be_null(None)
        .maybe_item(Some(Item::new(Some("inner".into()))));
    assert_eq!(
        to_value(&item).unwrap(),
        json!({"mustBeThere": null, "mayBeNull": null, "maybeItem": {"mustBeThere": "inner"}})
    );
}
