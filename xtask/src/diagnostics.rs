//! Errors about the input are data: each one keeps where it is, and they are all collected,
//! sorted and reported together, so a maintainer fixes a schema in one pass.
//!
//! They are rendered as rustc renders its own errors (with annotate-snippets, the crate rustc
//! uses): the message, `file:line:column`, the source line with the place underlined and
//! labelled with its JSON pointer, and a hint when one is obvious.

use std::fmt;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

/// One problem in a description, found by any stage.
///
/// The fields are in the order diagnostics sort: by file, then by place in the text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub file: PathBuf,
    /// Line and column (1-based, the column in characters), when the input syntax gives them.
    /// (`u32`: files are at most 16 MiB, and diagnostics travel in `Result`s, which should stay
    /// small.)
    pub line_col: Option<(u32, u32)>,
    /// JSON pointer of the place in the document (`""` is the whole document).
    pub pointer: String,
    pub message: String,
    pub hint: Option<String>,
    /// The text around the place, to show under the message (boxed, for the same reason).
    pub excerpt: Option<Box<Excerpt>>,
    /// Whether generation stops for it (last, so that it does not change the order).
    pub severity: Severity,
}

/// An error stops generation; a warning names a place the generator read less exactly than it
/// is written (it degrades to `serde_json::Value`, or leaves something out) and generation goes on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    #[default]
    Error,
    Warning,
}

/// A line of the input and the part of it a diagnostic is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Excerpt {
    /// 1-based number of the line.
    pub line: usize,
    /// The line, without its line break.
    pub text: String,
    /// The byte range of `text` to underline (empty for a point).
    pub start: usize,
    pub end: usize,
}

/// Longer lines (minified JSON) are not quoted: the location still says where.
const MAX_EXCERPT_LINE: usize = 2_000;

impl Excerpt {
    /// The line number `line` whose content is `content`, underlined from character `col`
    /// (0-based) to character `end_col` or, when `None` or past the line, to the end of its
    /// content. Lines too long to quote give `None`.
    pub fn new(line: usize, content: &str, col: usize, end_col: Option<usize>) -> Option<Excerpt> {
        let content = content.trim_end_matches(['\r', '\n']);
        if content.len() > MAX_EXCERPT_LINE {
            return None;
        }
        let byte_of = |c: usize| {
            content
                .char_indices()
                .nth(c)
                .map_or(content.len(), |(i, _)| i)
        };
        let start = byte_of(col);
        let end = match end_col {
            Some(e) if e > col => byte_of(e),
            Some(_) => start,
            None => start + content[start..].trim_end().len(),
        };
        Some(Excerpt {
            line,
            text: content.to_string(),
            start,
            end,
        })
    }
}

impl Diagnostic {
    pub fn new(file: &Path, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_path_buf(),
            line_col: None,
            pointer: pointer.into(),
            message: message.into(),
            hint: None,
            excerpt: None,
            severity: Severity::Error,
        }
    }

    /// A diagnostic that does not stop generation: see [`Severity::Warning`].
    pub fn warning(file: &Path, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::new(file, pointer, message)
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Places the diagnostic at `line`:`col` (1-based, characters) and quotes that line, whose
    /// content is `content`, underlining up to `end_col` (1-based, exclusive) or the end of the
    /// line.
    pub fn at(mut self, line: usize, content: &str, col: usize, end_col: Option<usize>) -> Self {
        self.line_col = Some((clamp(line), clamp(col.max(1))));
        self.excerpt = Excerpt::new(
            line,
            content,
            col.saturating_sub(1),
            end_col.map(|e| e.saturating_sub(1)),
        )
        .map(Box::new);
        self
    }

    /// The diagnostic as rustc would print it, with ANSI colours when `styled`.
    pub fn render(&self, styled: bool) -> String {
        renderer(styled).render(&[self.group()])
    }

    fn group(&self) -> Group<'_> {
        let file = self.file.display().to_string();
        let place = if self.pointer.is_empty() {
            "# (the document root)".to_string()
        } else {
            format!("#{}", self.pointer)
        };
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let title = level.primary_title(self.message.as_str());
        let mut group = match (&self.excerpt, self.line_col) {
            (Some(x), _) => title.element(
                Snippet::source(x.text.clone())
                    .line_start(x.line)
                    .path(file)
                    .annotation(AnnotationKind::Primary.span(x.start..x.end).label(place)),
            ),
            (None, Some((line, col))) => title
                .element(
                    Origin::path(file)
                        .line(line as usize)
                        .char_column(col as usize),
                )
                .element(Level::NOTE.no_name().message(format!("at {place}"))),
            (None, None) => title
                .element(Origin::path(file))
                .element(Level::NOTE.no_name().message(format!("at {place}"))),
        };
        if let Some(hint) = &self.hint {
            group = group.element(Level::HELP.message(hint.as_str()));
        }
        group
    }
}

fn clamp(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn renderer(styled: bool) -> Renderer {
    if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

/// Every problem a run found, sorted by file and place.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(())` when nothing was found, the sorted list otherwise.
    pub fn into_result(mut self) -> Result<(), Diagnostics> {
        if self.0.is_empty() {
            return Ok(());
        }
        self.0.sort();
        self.0.dedup();
        Err(self)
    }

    /// Every diagnostic as rustc would print it, then the count; ANSI colours when `styled`.
    pub fn render(&self, styled: bool) -> String {
        let n = self.0.len();
        let summary = format!(
            "could not generate the client: {n} error{} in the description",
            plural(n)
        );
        self.render_with(styled, Level::ERROR.primary_title(summary))
    }

    /// The warnings of a run that generated the client, then their count.
    pub fn render_warnings(&self, styled: bool) -> String {
        let n = self.0.len();
        self.render_with(
            styled,
            Level::WARNING.primary_title(format!("generated with {n} warning{}", plural(n))),
        )
    }

    fn render_with(&self, styled: bool, summary: annotate_snippets::Title<'_>) -> String {
        let mut out = String::new();
        for d in &self.0 {
            out.push_str(&d.render(styled));
            out.push_str("\n\n");
        }
        out.push_str(&renderer(styled).render(&[Group::with_title(summary)]));
        out
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Appends one reference token to a JSON pointer, escaping as RFC 6901 says.
pub fn child(pointer: &str, token: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + 1 + token.len());
    out.push_str(pointer);
    out.push('/');
    // Most tokens need no escape: they are copied as they are (loading spells a pointer for
    // many of the values it walks).
    if token.contains(['~', '/']) {
        out.push_str(&token.replace('~', "~0").replace('/', "~1"));
    } else {
        out.push_str(token);
    }
    out
}

/// The reference tokens of a JSON pointer, unescaped.
pub fn tokens(pointer: &str) -> impl Iterator<Item = String> + '_ {
    pointer
        .split('/')
        .skip(1)
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
}
