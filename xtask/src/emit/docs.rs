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
    // The lines of the paragraph (or list item) being read, each with its indentation: inline
    // code may run over a line break, so a paragraph is escaped whole.
    let mut paragraph: Vec<(usize, &str)> = Vec::new();
    for raw in text.lines() {
        let line = raw.trim_end();
        let trimmed = line.trim_start();
        if is_fence(trimmed) {
            flush(&mut paragraph, &mut out);
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
        if trimmed.is_empty() {
            flush(&mut paragraph, &mut out);
            item_indent = None;
            out.push(String::new());
        } else if let Some(width) = list_marker_width(trimmed) {
            flush(&mut paragraph, &mut out);
            item_indent = Some(width);
            paragraph.push((0, trimmed));
        } else {
            paragraph.push((item_indent.unwrap_or(0), trimmed));
        }
    }
    flush(&mut paragraph, &mut out);
    if in_fence {
        out.push("```".to_string());
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out
}

/// Escapes the lines of one paragraph together and moves them to `out`, indented.
fn flush(paragraph: &mut Vec<(usize, &str)>, out: &mut Vec<String>) {
    if paragraph.is_empty() {
        return;
    }
    let joined = paragraph
        .iter()
        .map(|(_, line)| *line)
        .collect::<Vec<_>>()
        .join("\n");
    // Escaping adds characters but never a line break: the lines come back one for one.
    for ((indent, _), line) in paragraph.iter().zip(escape(&joined).split('\n')) {
        out.push(format!("{}{line}", " ".repeat(*indent)));
    }
    paragraph.clear();
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
    escape(&joined).replace('|', "\\|")
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

/// `text` (one paragraph) with what rustdoc would read as a link or a tag made literal: square
/// and angle brackets escaped and bare URLs put in angle brackets, except inside inline code,
/// which stays as written.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut spans = code_spans(text).into_iter().peekable();
    let mut at = 0;
    while at < text.len() {
        if let Some(span) = spans.next_if(|s| s.start == at) {
            out.push_str(&text[span.clone()]);
            at = span.end;
            continue;
        }
        let rest = &text[at..];
        if let Some(url_len) = url_at(rest) {
            out.push('<');
            out.push_str(&rest[..url_len]);
            out.push('>');
            at += url_len;
            continue;
        }
        let mut chars = rest.chars();
        let c = chars.next().expect("not empty");
        match c {
            // Escaped already (`\[`): kept, not escaped again into a backslash and a bracket.
            '\\' if chars.next().is_some_and(|n| n.is_ascii_punctuation()) => {
                out.push_str(&rest[..2]);
                at += 2;
                continue;
            }
            '[' | ']' | '<' | '>' => out.push('\\'),
            _ => {}
        }
        out.push(c);
        at += c.len_utf8();
    }
    out
}

/// The byte ranges of `text` that Markdown (and so rustdoc) reads as inline code: a run of
/// backticks opens a span that the next run of as many backticks closes, over line breaks too; a
/// run that nothing closes is literal, as is a backtick after a backslash.
fn code_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let run_at = |i: usize| bytes[i..].iter().take_while(|&&b| b == b'`').count();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if bytes.get(i + 1) == Some(&b'`') => i += 2,
            b'`' => {
                let width = run_at(i);
                let mut j = i + width;
                let mut end = None;
                while j < bytes.len() {
                    if bytes[j] != b'`' {
                        j += 1;
                        continue;
                    }
                    let run = run_at(j);
                    if run == width {
                        end = Some(j + run);
                        break;
                    }
                    j += run;
                }
                match end {
                    Some(end) => {
                        spans.push(i..end);
                        i = end;
                    }
                    None => i += width,
                }
            }
            _ => i += 1,
        }
    }
    spans
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
        // Inline code as Markdown reads it: over a line break, two backticks holding one, and a
        // lone backtick that opens nothing; a URL inside code stays as written.
        assert_eq!(
            sanitize("the `a\nb[0]` and [c]"),
            vec!["the `a", r"b[0]` and \[c\]"]
        );
        assert_eq!(sanitize("``a`[b]`` [c]"), vec![r"``a`[b]`` \[c\]"]);
        assert_eq!(sanitize("a ` b [c]"), vec![r"a ` b \[c\]"]);
        assert_eq!(
            sanitize("`curl https://x.io` or https://x.io"),
            vec!["`curl https://x.io` or <https://x.io>"]
        );
        assert_eq!(
            sanitize(r"kept \[a\] and \`[b]"),
            vec![r"kept \[a\] and \`\[b\]"]
        );
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
