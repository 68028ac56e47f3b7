//! The hand-written runtime every generated client shares, copied as it is but for the parts
//! only some crates have (`// part: NAME` ... `// end of part: NAME`), which are kept or left
//! out as the IR says, their markers dropped either way.

use crate::ir::RuntimePart;

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

const START: &str = "// part: ";
const END: &str = "// end of part: ";

/// `source` with the parts in `parts` kept and the others left out; marker lines go. Parts do
/// not nest (a test checks the files' markers).
pub fn with_parts(source: &str, parts: &[RuntimePart]) -> String {
    let mut out = String::with_capacity(source.len());
    let mut kept = true;
    for line in source.split_inclusive('\n') {
        let marker = line.trim();
        if let Some(name) = marker.strip_prefix(START) {
            kept = parts.iter().any(|p| p.name() == name);
        } else if marker.starts_with(END) {
            kept = true;
        } else if kept {
            out.push_str(line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every marker names a known part, and each part ends before another starts.
    #[test]
    fn markers_pair_up_and_name_known_parts() {
        for (file, source) in FILES {
            let mut open: Option<&str> = None;
            for (n, line) in source.lines().enumerate() {
                let at = format!("templates/runtime/{file}:{}", n + 1);
                let line = line.trim();
                if let Some(name) = line.strip_prefix(START) {
                    assert!(open.is_none(), "{at}: a part starts inside another");
                    assert!(
                        RuntimePart::ALL.iter().any(|p| p.name() == name),
                        "{at}: no part is named `{name}`"
                    );
                    open = Some(name);
                } else if let Some(name) = line.strip_prefix(END) {
                    assert_eq!(open.take(), Some(name), "{at}: ends a part not open");
                }
            }
            assert_eq!(open, None, "templates/runtime/{file}: a part never ends");
        }
    }

    #[test]
    fn a_part_is_kept_or_left_out_and_its_markers_go() {
        let source = "a\n    // part: jobs\n    b\n    // end of part: jobs\nc\n";
        assert_eq!(with_parts(source, &[RuntimePart::Jobs]), "a\n    b\nc\n");
        assert_eq!(with_parts(source, &[]), "a\nc\n");
    }
}
