//! Formats: base64 bytes, sized numbers, null items and values.

use fixture_formats::models::*;
use serde_json::{from_value, json, to_value};

#[test]
fn bytes_travel_as_base64() {
    let file: File = from_value(
        json!({"content": "aGVsbG8=", "size": 5, "thumbnails": ["AAE"], "checksum": null}),
    )
    .unwrap();
    assert_eq!(&*file.content, b"hello");
    assert_eq!(file.thumbnails.as_ref().unwrap()[0].0, vec![0, 1]);
    assert_eq!(file.checksum, Some(None));
    let back = to_value(&file).unwrap();
    assert_eq!(back["content"], "aGVsbG8=");
    assert_eq!(back["thumbnails"], json!(["AAE="]));
    assert!(from_value::<File>(json!({"content": "%%%", "size": 1})).is_err());
}

#[test]
fn null_items_and_values_are_kept() {
    let file: File = from_value(
        json!({"content": "", "size": 0, "tags": ["a", null], "labels": {"x": null, "y": 1}}),
    )
    .unwrap();
    assert_eq!(file.tags, Some(vec![Some("a".to_string()), None]));
    assert_eq!(file.labels.as_ref().unwrap()["x"], None);
    assert_eq!(
        to_value(&file).unwrap()["labels"],
        json!({"x": null, "y": 1})
    );
}

#[test]
fn sized_numbers_refuse_what_they_cannot_hold() {
    assert!(
        from_value::<File>(json!({"content": "", "size": 1, "pages": 5_000_000_000_i64})).is_err()
    );
    let file: File =
        from_value(json!({"content": "", "size": 5_000_000_000_i64, "ratio": 0.5})).unwrap();
    assert_eq!((file.size, file.ratio), (5_000_000_000, Some(0.5_f32)));
}

#[test]
fn nullable_beside_a_reference_keeps_null() {
    let file: File = from_value(json!({"content": "", "size": 0, "kind": null})).unwrap();
    assert_eq!(file.kind, Some(None));
    let file: File = from_value(json!({"content": "", "size": 0, "kind": "video"})).unwrap();
    assert_eq!(file.kind, Some(Some(Kind::Video)));
}
