//! Tagged and untagged unions, open integer enums: decoding and encoding of the generated code.

use fixture_unions::models::*;
use serde_json::{Value, from_value, json, to_value};

#[test]
fn a_discriminator_picks_the_variant_and_its_mapping_aliases() {
    let circle: Shape = from_value(json!({"kind": "circle", "radius": 2.5})).unwrap();
    assert_eq!(circle, Shape::Circle(Circle::new("circle".into(), 2.5)));
    // `box` and `square` both map to Square, whose own fields do not include the tag.
    for tag in ["square", "box"] {
        let square: Shape = from_value(json!({"kind": tag, "side": 3})).unwrap();
        assert_eq!(square, Shape::Square(Square::new(3)));
    }
}

#[test]
fn an_unknown_tag_is_kept_whole_and_sent_back_unchanged() {
    let sent = json!({"kind": "hexagon", "sides": 6});
    let shape: Shape = from_value(sent.clone()).unwrap();
    assert_eq!(shape, Shape::Unknown(sent.clone()));
    assert_eq!(to_value(&shape).unwrap(), sent);
    // No tag at all is unknown too, not an error.
    assert!(matches!(
        from_value::<Shape>(json!({"side": 1})).unwrap(),
        Shape::Unknown(_)
    ));
}

#[test]
fn a_known_tag_with_the_wrong_shape_is_an_error() {
    let err = from_value::<Shape>(json!({"kind": "circle", "radius": "wide"})).unwrap_err();
    assert!(err.to_string().contains("invalid type"), "{err}");
}

#[test]
fn encoding_writes_the_tag_when_the_variant_type_has_no_such_field() {
    assert_eq!(
        to_value(Shape::Square(Square::new(4))).unwrap(),
        json!({"kind": "square", "side": 4})
    );
    // A variant that carries the tag itself is written as it is.
    assert_eq!(
        to_value(Shape::Circle(Circle::new("circle".into(), 1.0))).unwrap(),
        json!({"kind": "circle", "radius": 1})
    );
}

#[test]
fn single_value_enums_and_constants_tag_without_a_discriminator() {
    let media: Vec<Media> = from_value(json!([
        {"type": "track", "name": "Song"},
        {"type": "episode", "show": "Talk"},
        {"type": "audiobook", "title": "Book"}
    ]))
    .unwrap();
    // Response-only types have no constructor: their fields are read.
    let Media::Track(track) = &media[0] else {
        panic!("{:?}", media[0])
    };
    assert_eq!(
        (&track.r#type, track.name.as_str()),
        (&TrackType::Track, "Song")
    );
    let Media::Episode(episode) = &media[1] else {
        panic!("{:?}", media[1])
    };
    assert_eq!(
        (&episode.r#type, episode.show.as_str()),
        (&EpisodeType::Episode, "Talk")
    );
    assert!(matches!(media[2], Media::Unknown(_)));
    // Integer tags, and each variant written back with its tag.
    let button: Component = from_value(json!({"type": 2, "label": "OK"})).unwrap();
    let Component::Button(b) = &button else {
        panic!("{button:?}")
    };
    assert_eq!((b.r#type, b.label.as_str()), (2, "OK"));
    assert_eq!(
        to_value(&button).unwrap(),
        json!({"type": 2, "label": "OK"})
    );
    let input: Component = from_value(json!({"type": 4})).unwrap();
    assert!(matches!(&input, Component::TextInput(t) if t.r#type == TextInputType::V4));
    assert_eq!(to_value(&input).unwrap(), json!({"type": 4}));
    assert_eq!(
        to_value(&media[0]).unwrap(),
        json!({"type": "track", "name": "Song"})
    );
}

#[test]
fn untagged_unions_try_the_most_specific_variant_first() {
    let decode = |v: Value| from_value::<Anything>(v).unwrap();
    // Circle (two required fields) is tried before Options (none), which takes any object.
    assert!(matches!(
        decode(json!({"kind": "circle", "radius": 1})),
        Anything::Circle(_)
    ));
    assert!(matches!(
        decode(json!({"verbose": true})),
        Anything::Options(_)
    ));
    // Integers before numbers.
    assert_eq!(decode(json!(3)), Anything::Integer(3));
    assert_eq!(decode(json!(3.5)), Anything::Number(3.5));
    assert_eq!(decode(json!(["a"])), Anything::Array(vec!["a".into()]));
    assert_eq!(decode(json!(true)), Anything::Boolean(true));
    // An open enumeration comes before plain strings, so it takes every string.
    assert_eq!(decode(json!("done")), Anything::Status(Status::Done));
    assert_eq!(
        decode(json!("else")),
        Anything::Status(Status::Unrecognized("else".into()))
    );
    assert!(from_value::<Anything>(Value::Null).is_err());
}

#[test]
fn integer_enums_are_open() {
    assert_eq!(
        from_value::<ChannelType>(json!(13)).unwrap(),
        ChannelType::GuildStageVoice
    );
    let unknown: ChannelType = from_value(json!(99)).unwrap();
    assert_eq!(unknown, ChannelType::Unrecognized(99));
    assert_eq!(to_value(&unknown).unwrap(), json!(99));
    assert_eq!(ChannelType::GuildVoice.value(), 2);
    assert!(from_value::<ChannelType>(json!("2")).is_err());
    assert_eq!(Priority::default(), Priority::V2);
    // Enumerations written as oneOf constants are named by their titles.
    assert_eq!(to_value(Status::Running).unwrap(), json!("in-progress"));
}

#[test]
fn arrays_without_items_hold_any_json() {
    let d: Drawing =
        from_value(json!({"shape": {"kind": "box", "side": 1}, "extras": [1, "two", null]}))
            .unwrap();
    assert_eq!(d.extras, Some(vec![json!(1), json!("two"), Value::Null]));
}
