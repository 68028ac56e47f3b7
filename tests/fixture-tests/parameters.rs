//! Requests of the client generated from `tests/fixtures/parameters.yaml`, copied into that
//! crate as `tests/fixture.rs` by `tests/tests/builds.rs`: parameters whose schema is a union, a
//! list, an object, an enum or a newtype, read off a real socket in each place and style.

use fixture_parameters::Client;
use fixture_parameters::models::{Kind, NameOrId, Point, Shape};

#[path = "support/socket.rs"]
mod support;

use support::{Seen, serve_once as serve};

/// Answers one request, and returns a client of that server and what it read.
async fn serve_once(
    status: u16,
    content_type: &str,
    body: &[u8],
) -> (Client, tokio::task::JoinHandle<Seen>) {
    let (url, server) = serve(status, content_type, body).await;
    let client = Client::builder()
        .base_url(url)
        .max_retries(0)
        .build()
        .unwrap();
    (client, server)
}

#[tokio::test]
async fn unions_lists_and_objects_are_written_in_the_style_of_their_place() {
    let (client, server) = serve_once(200, "application/json", br#"{"name":"p"}"#).await;
    let part = client
        .things()
        .get_part(NameOrId::Name("wheel".into()), vec![3, 4], Point::new(1, 2))
        .owner(NameOrId::String(
            "0b7e2c52-8f4a-4f7e-9c1d-2f2b1f0e6a11".into(),
        ))
        .either(vec![NameOrId::Name("a".into()), NameOrId::Name("b".into())])
        .near(Point::new(5, 6))
        .shape(Shape::Integer(9))
        .r#where(Point::new(7, 8))
        .x_ids(vec!["i".into(), "j".into()])
        .x_point(Point::new(1, 2))
        .x_owner(NameOrId::Name("me".into()))
        .owner2(NameOrId::Name("you".into()))
        .await
        .unwrap();
    assert_eq!(part.name.as_deref(), Some("p"));
    let seen = server.await.unwrap();
    assert_eq!(
        seen.line(),
        "GET /v2/things/wheel/parts/3,4/at/x=1,y=2?owner=0b7e2c52-8f4a-4f7e-9c1d-2f2b1f0e6a11&either=a%2Cb&near=x%2C5%2Cy%2C6&shape=9&where=%7B%22x%22%3A7%2C%22y%22%3A8%7D HTTP/1.1"
    );
    assert_eq!(seen.header("x-ids"), Some("i,j"));
    assert_eq!(seen.header("x-point"), Some("x=1,y=2"));
    assert_eq!(seen.header("x-owner"), Some("me"));
    assert_eq!(seen.header("cookie"), Some("owner=you"));
}

#[tokio::test]
async fn enums_and_newtypes_are_written_as_text() {
    let (client, server) = serve_once(204, "application/json", b"").await;
    client
        .things()
        .list_kind(Kind::Square, "big one".into())
        .size(3)
        .await
        .unwrap();
    let seen = server.await.unwrap();
    assert_eq!(
        seen.line(),
        "GET /v2/kinds/square/big%20one?size=3 HTTP/1.1"
    );
    assert!(seen.body.is_empty());
}

#[tokio::test]
async fn label_and_matrix_path_styles_prefix_their_segments() {
    let (client, server) = serve_once(204, "application/json", b"").await;
    client
        .things()
        .get_colors(vec!["red".into(), "dark blue".into()], Point::new(1, 2))
        .await
        .unwrap();
    let seen = server.await.unwrap();
    assert_eq!(
        seen.line(),
        "GET /v2/colors/.red,dark%20blue/;x=1;y=2 HTTP/1.1"
    );
}

#[tokio::test]
async fn a_value_no_style_can_write_is_refused_before_sending() {
    let client = Client::builder()
        .base_url("http://127.0.0.1:9")
        .max_retries(0)
        .build()
        .unwrap();
    let error = client
        .things()
        .get_part(NameOrId::Name(String::new()), vec![1], Point::new(1, 2))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, fixture_parameters::Error::InvalidRequest { field, .. } if field == "thing"),
        "{error:?}"
    );
}
