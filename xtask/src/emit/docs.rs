//! Descriptions become rustdoc: what rustdoc would misread is made literal first.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc]` attributes for a description, one per line; nothing for `None`.
pub fn doc_attrs(text: Option<&str>) -> TokenStream {
    let Some(text) = text else {
        return TokenStream::new();
    };
    let lines = sanitize(text);
    let attrs = lines.iter().map(|l| {
        let l = if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        };
        quote!(#[doc = #l])
    });
    quote!(#(#attrs)*)
}

/// Rewrites a description so rustdoc renders it as written and compiles nothing from it:
/// no indented (code) blocks, fences marked `text`, bare URLs in angle brackets, and square
/// brackets and HTML-looking text escaped so they are not read as links or tags. The lines that
/// continue a list item are indented under its text, as Markdown (and clippy) expect.
pub fn sanitize(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_fence = false;
    // The indentation of the text of the list item being continued, if any.
    let mut item_indent: Option<usize> = None;
    for raw in text.lines() {
        let line = raw.trim_end();
        let trimmed = line.trim_start();
        if is_fence(trimmed) {
            in_fence = !in_fence;
            out.push(if in_fence {
                "```text".to_string()
            } else {
                "```".to_string()
            });
            continue;
        }
        if in_fence {
            out.push(line.to_string());
            continue;
        }
        let escaped = escape_line(trimmed);
        if trimmed.is_empty() {
            item_indent = None;
            out.push(escaped);
        } else if let Some(width) = list_marker_width(trimmed) {
            item_indent = Some(width);
            out.push(escaped);
        } else {
            out.push(format!("{}{escaped}", " ".repeat(item_indent.unwrap_or(0))));
        }
    }
    if in_fence {
        out.push("```".to_string());
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out
}

/// A description as a block of Markdown outside Rust (the README, the crate's front page),
/// made as literal as [`sanitize`] makes doc comments.
pub fn markdown(text: &str) -> String {
    sanitize(text).join("\n")
}

/// A description as one line of Markdown (a heading, a table cell): its lines joined by spaces
/// (a line break would end the heading or the table row), escaped as any other line, and `|`
/// escaped so that it does not split the cell.
pub fn one_line(text: &str) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    escape_line(&joined).replace('|', "\\|")
}

/// Whether a line opens or closes a fenced code block (three backticks or tildes).
fn is_fence(trimmed: &str) -> bool {
    trimmed.starts_with("```") || trimmed.starts_with("~~~")
}

/// The width of the marker that starts a list item (`- `, `* `, `+ `, `1. `, `1) `).
fn list_marker_width(line: &str) -> Option<usize> {
    if ["- ", "* ", "+ "].iter().any(|m| line.starts_with(m)) {
        return Some(2);
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &line[digits..];
    (digits > 0 && digits < 10 && (rest.starts_with(". ") || rest.starts_with(") ")))
        .then_some(digits + 2)
}

fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while !rest.is_empty() {
        if let Some(url_len) = url_at(rest) {
            out.push('<');
            out.push_str(&rest[..url_len]);
            out.push('>');
            rest = &rest[url_len..];
            continue;
        }
        let c = rest.chars().next().expect("not empty");
        match c {
            '[' | ']' | '<' | '>' if !in_code(&out) => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Whether an odd number of backticks came before, i.e. we are inside inline code.
fn in_code(before: &str) -> bool {
    before.matches('`').count() % 2 == 1
}

fn url_at(s: &str) -> Option<usize> {
    if !(s.starts_with("http://") || s.starts_with("https://")) {
        return None;
    }
    let end = s
        .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`' | ')' | ']'))
        .unwrap_or(s.len());
    let url = s[..end].trim_end_matches(['.', ',', ';', ':']);
    Some(url.len())
}

/// `#[deprecated]` with its note, for an item the description deprecates.
pub(super) fn deprecated(yes: bool, note: &Option<String>) -> TokenStream {
    match (yes, note) {
        (true, Some(note)) => quote!(#[deprecated(note = #note)]),
        (true, None) => quote!(#[deprecated]),
        (false, _) => TokenStream::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::{one_line, sanitize};

    #[test]
    fn one_line_stays_on_one_line() {
        assert_eq!(one_line("Lists [lib] items.\n"), r"Lists \[lib\] items.");
        assert_eq!(one_line("a | b\n  <b>c</b>"), r"a \| b \<b\>c\</b\>");
    }

    #[test]
    fn makes_rustdoc_literal() {
        assert_eq!(
            sanitize("see https://x.io/a. Then"),
            vec!["see <https://x.io/a>. Then"]
        );
        assert_eq!(sanitize("a [b] <!> c"), vec![r"a \[b\] \<!\> c"]);
        assert_eq!(sanitize("`a[0]` and a[0]"), vec![r"`a[0]` and a\[0\]"]);
        assert_eq!(sanitize("x\n    indented"), vec!["x", "indented"]);
        assert_eq!(sanitize("```\ncode\n```"), vec!["```text", "code", "```"]);
        assert_eq!(
            sanitize("```rust\nfn f() {}\n```"),
            vec!["```text", "fn f() {}", "```"]
        );
        assert_eq!(sanitize("~~~js\nx()\n~~~"), vec!["```text", "x()", "```"]);
        assert_eq!(
            sanitize("* a\nmore\n\nafter"),
            vec!["* a", "  more", "", "after"]
        );
        assert_eq!(
            sanitize("10. a\n   more\n- b"),
            vec!["10. a", "    more", "- b"]
        );
    }
}
