//! Read-only fields are decoded but never sent; write-only fields are sent but never required.

use fixture_readwrite::models::*;
use serde_json::{from_value, json, to_value};

#[test]
fn read_only_fields_are_decoded_and_never_sent() {
    let user: User =
        from_value(json!({"id": "u1", "name": "Ada", "createdAt": "2024-01-31T12:00:00Z"}))
            .unwrap();
    assert_eq!(user.id.as_deref(), Some("u1"));
    assert_eq!(user.created_at.as_deref(), Some("2024-01-31T12:00:00Z"));
    // The write-only password is not in responses, and not required to decode one.
    assert_eq!(user.password, None);
    // Sending the decoded value back leaves the read-only fields out.
    assert_eq!(to_value(&user).unwrap(), json!({"name": "Ada"}));
    // The constructor asks for the password: it is required when sending.
    let new = User::new(None, "Bob".into(), "secret".into());
    assert_eq!(
        to_value(&new).unwrap(),
        json!({"name": "Bob", "password": "secret", "hint": null})
    );
}

#[test]
fn read_only_fields_of_response_only_types_stay_required() {
    assert!(from_value::<Audit>(json!({"by": {"name": "Ada"}})).is_err());
    let audit: Audit = from_value(json!({"id": "a1", "by": {"name": "Ada"}})).unwrap();
    assert_eq!(audit.id, "a1");
}
