//! Deprecated items still work; using them warns the caller (allowed here on purpose).
#![allow(deprecated)]

use fixture_deprecated::models::*;
use serde_json::{from_value, json, to_value};

#[test]
fn deprecated_types_fields_and_variants_round_trip() {
    let mut request = OldRequest::new(Mode::Slow);
    request.legacy_flag = Some(true);
    let sent = to_value(&request).unwrap();
    assert_eq!(sent, json!({"mode": "slow", "legacyFlag": true}));
    assert_eq!(from_value::<OldRequest>(sent).unwrap(), request);
    assert_eq!(Mode::default(), Mode::Slow);
}
