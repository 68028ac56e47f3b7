//! Documented defaults fill absent response fields; requests leave unset fields out.

use fixture_defaults::models::*;
use serde_json::{from_value, json, to_value};

#[test]
fn absent_response_fields_read_as_their_defaults() {
    let r: RenderResult = from_value(json!({})).unwrap();
    assert_eq!(
        (r.steps, r.guidance, r.safe, r.label.as_str()),
        (30, 7.0, true, "untitled")
    );
    assert_eq!(r.style, Style::Vivid);
    assert_eq!(r.unlisted, Style::Unrecognized("neon".into()));
    assert!(r.tags.is_empty());
    // No usable default (out of range, or nullable): still an Option.
    assert_eq!((r.huge, &r.note), (None, &None));
    assert_eq!(r, RenderResult::default());
    let sent: RenderResult = from_value(json!({"steps": 4, "note": null})).unwrap();
    assert_eq!((sent.steps, sent.note), (4, Some(None)));
}

#[test]
fn requests_leave_defaults_to_the_api_and_fill_constants() {
    let request = RenderRequest::new("a cat".into());
    assert_eq!(
        to_value(&request).unwrap(),
        json!({"prompt": "a cat", "version": "v2"})
    );
}

#[test]
fn a_struct_whose_required_fields_are_all_constants_has_new_and_default() {
    assert_eq!(
        to_value(Ping::new()).unwrap(),
        json!({"op": "ping", "v": 1})
    );
    assert_eq!(Ping::default(), Ping::new());
    assert!(from_value::<Ping>(json!({"op": "ping"})).is_err());
}
