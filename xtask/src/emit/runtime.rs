//! The hand-written runtime every generated client shares, copied as it is.

/// `(path under src/, source)`, from `templates/runtime/`.
pub const FILES: [(&str, &str); 10] = [
    (
        "body.rs",
        include_str!("../../../templates/runtime/body.rs"),
    ),
    (
        "client.rs",
        include_str!("../../../templates/runtime/client.rs"),
    ),
    (
        "error.rs",
        include_str!("../../../templates/runtime/error.rs"),
    ),
    (
        "multipart.rs",
        include_str!("../../../templates/runtime/multipart.rs"),
    ),
    (
        "options.rs",
        include_str!("../../../templates/runtime/options.rs"),
    ),
    (
        "paginate.rs",
        include_str!("../../../templates/runtime/paginate.rs"),
    ),
    (
        "request.rs",
        include_str!("../../../templates/runtime/request.rs"),
    ),
    (
        "retry.rs",
        include_str!("../../../templates/runtime/retry.rs"),
    ),
    (
        "validate.rs",
        include_str!("../../../templates/runtime/validate.rs"),
    ),
    (
        "serde_util.rs",
        include_str!("../../../templates/runtime/serde_util.rs"),
    ),
];
