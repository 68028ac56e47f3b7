//! Where each value of a document is in its text: JSON pointer -> line and column.
//!
//! serde gives values without positions, so the text is read a second time as a stream of
//! YAML events (JSON is YAML too) by saphyr-parser, which marks each event with its span. The
//! same pass finds keys repeated within one mapping, which serde silently collapses to the
//! last one. If this second parser disagrees with the first and fails, the map covers the text
//! up to there: errors further on carry their JSON pointer alone.

use std::collections::HashMap;
use std::sync::OnceLock;

use saphyr_parser::{Event, Parser, Span as Marked};

use crate::diagnostics::{Diagnostic, child, tokens};

/// A place in the text: 1-based line, 0-based character columns, the end on the same line
/// (`None`: to the end of the line's content).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub line: usize,
    pub col: usize,
    pub end: Option<usize>,
}

impl Span {
    fn of(m: &Marked) -> Span {
        let end =
            (m.end.line() == m.start.line() && m.end.col() > m.start.col()).then_some(m.end.col());
        Span {
            line: m.start.line(),
            col: m.start.col(),
            end,
        }
    }

    fn line_from(m: &Marked) -> Span {
        Span {
            line: m.start.line(),
            col: m.start.col(),
            end: None,
        }
    }
}

/// A key that a mapping holds twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    /// The pointer of the key's value.
    pub pointer: String,
    pub key: String,
    pub first: Span,
    pub again: Span,
}

/// The text of a document and the place of each of its values.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    text: String,
    /// The byte offset where each line starts.
    lines: Vec<usize>,
    /// The place of every value, by pointer: made on the first diagnostic placed. A pointer per
    /// value is more memory than the document's tree, and most runs place nothing.
    spans: OnceLock<HashMap<String, Span>>,
    duplicates: Vec<Duplicate>,
}

enum Frame {
    /// A mapping at `pointer`, with the key whose value comes next (if read), and the keys seen.
    Map {
        pointer: String,
        key: Option<(String, Span)>,
        keys: HashMap<String, Span>,
        flow: bool,
    },
    Seq {
        pointer: String,
        next: usize,
        flow: bool,
    },
    /// Inside a complex (non-scalar) key, which has no pointer.
    Skip,
}

/// Where the next node goes.
enum Slot {
    Key,
    Value { pointer: String, key: Option<Span> },
    Skip,
}

/// The state of one pass over the events of a text.
#[derive(Default)]
struct Scan {
    stack: Vec<Frame>,
    /// Whether to note the place of every value in `spans` (not only the duplicate keys).
    placing: bool,
    spans: HashMap<String, Span>,
    duplicates: Vec<Duplicate>,
    /// The last scalar value read, and where.
    last: Option<(String, Span)>,
}

impl Scan {
    fn event(&mut self, event: Event<'_>, marked: &Marked) {
        match event {
            Event::Scalar(..) | Event::Alias(_) => {
                let word = match &event {
                    Event::Scalar(s, ..) => s.to_string(),
                    _ => "*".to_string(),
                };
                match self.slot() {
                    Slot::Key => self.key(word, Span::of(marked)),
                    Slot::Value { pointer, .. } => {
                        if self.placing {
                            self.spans.insert(pointer.clone(), Span::of(marked));
                        }
                        self.last = Some((pointer, Span::of(marked)));
                    }
                    Slot::Skip => {}
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let is_map = matches!(event, Event::MappingStart(..));
                match self.slot() {
                    Slot::Key => {
                        // A complex key: serde refuses those, so no pointer ever names it.
                        self.key("?".to_string(), Span::of(marked));
                        self.stack.push(Frame::Skip);
                    }
                    Slot::Skip => self.stack.push(Frame::Skip),
                    Slot::Value { pointer, key } => {
                        // A collection is shown by its key; else by its brackets (up to the end
                        // of the line they open on), or by the line it starts on.
                        let flow = key.is_none() && !marked.is_empty();
                        let at = key.unwrap_or(if flow {
                            Span::of(marked)
                        } else {
                            Span::line_from(marked)
                        });
                        if self.placing {
                            self.spans.insert(pointer.clone(), at);
                        }
                        self.stack.push(if is_map {
                            Frame::Map {
                                pointer,
                                key: None,
                                keys: HashMap::new(),
                                flow,
                            }
                        } else {
                            Frame::Seq {
                                pointer,
                                next: 0,
                                flow,
                            }
                        });
                    }
                }
            }
            Event::MappingEnd | Event::SequenceEnd => {
                if let Some(
                    Frame::Map {
                        pointer,
                        flow: true,
                        ..
                    }
                    | Frame::Seq {
                        pointer,
                        flow: true,
                        ..
                    },
                ) = self.stack.pop()
                {
                    if let Some(span) = self.spans.get_mut(&pointer) {
                        span.end = (marked.end.line() == span.line).then_some(marked.end.col());
                    }
                }
            }
            Event::Nothing
            | Event::StreamStart
            | Event::StreamEnd
            | Event::DocumentStart(_)
            | Event::DocumentEnd => {}
        }
    }

    fn slot(&mut self) -> Slot {
        match self.stack.last_mut() {
            None => Slot::Value {
                pointer: String::new(),
                key: None,
            },
            Some(Frame::Skip) => Slot::Skip,
            Some(Frame::Map { key: None, .. }) => Slot::Key,
            Some(Frame::Map { pointer, key, .. }) => {
                let (word, span) = key.take().expect("matched Some above");
                Slot::Value {
                    pointer: child(pointer, &word),
                    key: Some(span),
                }
            }
            Some(Frame::Seq { pointer, next, .. }) => {
                *next += 1;
                Slot::Value {
                    pointer: child(pointer, &(*next - 1).to_string()),
                    key: None,
                }
            }
        }
    }

    fn key(&mut self, word: String, span: Span) {
        let Some(Frame::Map {
            pointer, key, keys, ..
        }) = self.stack.last_mut()
        else {
            return;
        };
        if let Some(first) = keys.get(&word) {
            self.duplicates.push(Duplicate {
                pointer: child(pointer, &word),
                key: word.clone(),
                first: *first,
                again: span,
            });
        } else {
            keys.insert(word.clone(), span);
        }
        *key = Some((word, span));
    }

    /// The pointer of the innermost place the events read so far are in.
    fn pointer(&self) -> String {
        for frame in self.stack.iter().rev() {
            match frame {
                Frame::Map {
                    pointer,
                    key: Some((k, _)),
                    ..
                } => return child(pointer, k),
                Frame::Map { pointer, .. } | Frame::Seq { pointer, .. } => return pointer.clone(),
                Frame::Skip => {}
            }
        }
        String::new()
    }
}

impl Scan {
    /// Every event of `text`, noting the place of each value when `placing`.
    fn text(text: &str, placing: bool) -> Scan {
        let mut scan = Scan {
            placing,
            ..Scan::default()
        };
        let mut parser = Parser::new_from_str(text);
        while let Some(event) = parser.next_event() {
            match event {
                Ok((event, marked)) => scan.event(event, &marked),
                // What was read before the error is placed all the same.
                Err(_) => break,
            }
        }
        scan
    }
}

impl SourceMap {
    /// The map of `text`: its keys repeated in one mapping now, the place of each value when a
    /// diagnostic first asks.
    pub fn new(text: &str) -> SourceMap {
        let scan = Scan::text(text, false);
        let lines = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceMap {
            text: text.to_string(),
            lines,
            spans: OnceLock::new(),
            duplicates: scan.duplicates,
        }
    }

    /// [`SourceMap::new`] for a YAML text serde_norway has read, noting whether some mapping
    /// held a key twice: the event-level parse (a fifth of loading) runs only then, to place
    /// them.
    pub fn new_yaml(text: &str, repeated: bool) -> SourceMap {
        if repeated {
            return SourceMap::new(text);
        }
        SourceMap::without_duplicates(text)
    }

    fn without_duplicates(text: &str) -> SourceMap {
        SourceMap {
            text: text.to_string(),
            lines: std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
            spans: OnceLock::new(),
            duplicates: Vec::new(),
        }
    }

    /// [`SourceMap::new`] for a text serde_json has read: the same map, without the event-level
    /// parse when no object holds a key twice. On JSON, written as one flow mapping, saphyr's
    /// scanner holds the whole document's tokens at once: many times the text in memory.
    pub fn new_json(text: &str) -> SourceMap {
        if json::may_repeat_a_key(text) {
            return SourceMap::new(text);
        }
        SourceMap::without_duplicates(text)
    }

    fn spans(&self) -> &HashMap<String, Span> {
        self.spans
            .get_or_init(|| Scan::text(&self.text, true).spans)
    }

    /// The pointer of the place at `line`:`col` (1-based, characters) of a text that may not
    /// parse: the innermost value the text has opened before it, or the scalar just there.
    pub fn pointer_at(text: &str, line: usize, col: usize) -> String {
        let mut scan = Scan::default();
        let mut parser = Parser::new_from_str(text);
        while let Some(Ok((event, marked))) = parser.next_event() {
            if (marked.start.line(), marked.start.col() + 1) >= (line, col) {
                break;
            }
            scan.event(event, &marked);
        }
        match &scan.last {
            Some((pointer, span))
                if span.line == line && span.end.is_some_and(|e| e + 1 >= col) =>
            {
                pointer.clone()
            }
            _ => scan.pointer(),
        }
    }

    /// The keys that a mapping of the text holds twice, in the order they appear.
    pub fn duplicates(&self) -> &[Duplicate] {
        &self.duplicates
    }

    /// The place of the value at `pointer`, or of its nearest ancestor the text shows (the
    /// whole document excepted, which has no useful place).
    pub fn locate(&self, pointer: &str) -> Option<Span> {
        let parts: Vec<String> = tokens(pointer).collect();
        (1..=parts.len()).rev().find_map(|n| {
            let p = parts[..n].iter().fold(String::new(), |p, t| child(&p, t));
            self.spans().get(&p).copied()
        })
    }

    /// Gives `d` the line, column and excerpt of its pointer, unless it has a place already.
    pub fn place(&self, d: Diagnostic) -> Diagnostic {
        if d.line_col.is_some() {
            return d;
        }
        match self.locate(&d.pointer) {
            Some(span) => self.at(d, span),
            None => d,
        }
    }

    /// Gives `d` the place `span`.
    pub fn at(&self, d: Diagnostic, span: Span) -> Diagnostic {
        let content = self.line(span.line).unwrap_or_default();
        d.at(span.line, content, span.col + 1, span.end.map(|e| e + 1))
    }

    /// The content of line `n` (1-based).
    fn line(&self, n: usize) -> Option<&str> {
        let start = *self.lines.get(n.checked_sub(1)?)?;
        let end = self.lines.get(n).map_or(self.text.len(), |next| next - 1);
        Some(&self.text[start..end])
    }
}

/// Repeated keys in JSON, found by serde_json without building values.
mod json {
    use std::collections::HashSet;
    use std::fmt;

    use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

    /// Whether some object of `text` may hold a key twice: `false` only when serde_json read
    /// all of it and found none (its depth limit or any other error answers `true`, so that the
    /// caller looks with the event-level parser as before).
    pub fn may_repeat_a_key(text: &str) -> bool {
        let mut de = serde_json::Deserializer::from_str(text);
        Checked::deserialize(&mut de)
            .and_then(|_| de.end())
            .is_err()
    }

    /// A value read only to check that each of its objects names each key once.
    struct Checked;

    impl<'de> Deserialize<'de> for Checked {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_any(CheckedVisitor)
        }
    }

    struct CheckedVisitor;

    impl<'de> Visitor<'de> for CheckedVisitor {
        type Value = Checked;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("any JSON value")
        }

        fn visit_bool<E>(self, _: bool) -> Result<Checked, E> {
            Ok(Checked)
        }
        fn visit_i64<E>(self, _: i64) -> Result<Checked, E> {
            Ok(Checked)
        }
        fn visit_u64<E>(self, _: u64) -> Result<Checked, E> {
            Ok(Checked)
        }
        fn visit_f64<E>(self, _: f64) -> Result<Checked, E> {
            Ok(Checked)
        }
        fn visit_str<E>(self, _: &str) -> Result<Checked, E> {
            Ok(Checked)
        }
        fn visit_unit<E>(self) -> Result<Checked, E> {
            Ok(Checked)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Checked, A::Error> {
            while seq.next_element::<Checked>()?.is_some() {}
            Ok(Checked)
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Checked, A::Error> {
            let mut keys = HashSet::new();
            while let Some(key) = map.next_key::<String>()? {
                if !keys.insert(key) {
                    return Err(de::Error::custom("a key appears twice"));
                }
                map.next_value::<Checked>()?;
            }
            Ok(Checked)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_map_to_lines_and_columns() {
        let text = "a:\n  b: 'x'\n  c: [1, {d: 2}]\n  e:\n    - f: 3\n";
        let map = SourceMap::new(text);
        assert_eq!(
            map.locate("/a/b"),
            Some(Span {
                line: 2,
                col: 5,
                end: Some(8)
            })
        );
        assert_eq!(
            map.locate("/a/c/1/d"),
            Some(Span {
                line: 3,
                col: 13,
                end: Some(14)
            })
        );
        // A collection under a key is shown by its key.
        assert_eq!(
            map.locate("/a/c"),
            Some(Span {
                line: 3,
                col: 2,
                end: Some(3)
            })
        );
        // A collection in a list is shown by the line it starts on.
        assert_eq!(
            map.locate("/a/e/0"),
            Some(Span {
                line: 5,
                col: 6,
                end: None
            })
        );
        // A pointer the text does not have falls back to its nearest ancestor.
        assert_eq!(map.locate("/a/b/nope"), map.locate("/a/b"));
        assert_eq!(map.locate("/zzz"), None);
    }

    #[test]
    fn json_text_maps_too_and_escapes_follow_rfc_6901() {
        let map = SourceMap::new("{\n  \"paths\": {\"/a~b\": {\"get\": 1}}\n}");
        assert_eq!(
            map.locate("/paths/~1a~0b/get").map(|s| (s.line, s.col)),
            Some((2, 28))
        );
    }

    #[test]
    fn a_broken_text_still_names_the_place_it_breaks() {
        let text = "a:\n  b: [1, 2}\n";
        assert_eq!(SourceMap::pointer_at(text, 2, 13), "/a/b");
        assert_eq!(
            SourceMap::pointer_at("{\"a\": {\"b\": 1e400}}", 1, 16),
            "/a/b"
        );
    }

    #[test]
    fn repeated_keys_are_found() {
        let map = SourceMap::new("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n");
        let found: Vec<(&str, usize, usize)> = map
            .duplicates()
            .iter()
            .map(|d| (d.pointer.as_str(), d.first.line, d.again.line))
            .collect();
        assert_eq!(found, [("/b/c", 3, 4), ("/a", 1, 5)]);
    }

    #[test]
    fn json_maps_as_yaml_does_with_or_without_repeated_keys() {
        for text in [
            "{\n  \"a\": {\"b\": [1, {\"c\": 2}]},\n  \"d\": \"x\"\n}",
            "{\n  \"a\": {\"b\": 1,\n    \"b\": 2},\n  \"a\": [{\"c\": 1, \"c\": 2}]\n}",
            "{\"a\": {\"b\": 1}, \"c\": [{\"d\": 1}, {\"d\": 2}]}",
        ] {
            let (json, yaml) = (SourceMap::new_json(text), SourceMap::new(text));
            assert_eq!(json.duplicates(), yaml.duplicates(), "{text}");
            for pointer in ["/a", "/a/b", "/a/0/c", "/c/1/d", "/d"] {
                assert_eq!(
                    json.locate(pointer),
                    yaml.locate(pointer),
                    "{pointer} in {text}"
                );
            }
        }
        assert_eq!(
            SourceMap::new_json("{\"a\": 1, \"a\": 2}")
                .duplicates()
                .len(),
            1
        );
    }
}
