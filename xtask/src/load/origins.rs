//! Where the parts of a document that loading moved came from.
//!
//! The Swagger 2.0 upgrade moves values (`/definitions/X` to `/components/schemas/X`, a body
//! parameter to `requestBody`), and bundling copies values in from other files. Every later
//! stage speaks in pointers of the tree it reads; this map turns such a pointer back into the
//! file and pointer the author wrote, so that a diagnostic shows the line they can edit.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::SourceMap;
use crate::diagnostics::Diagnostic;

/// One moved subtree: the value at `at` (and below) was read from `from` in file `file`.
#[derive(Debug, Clone)]
struct Move {
    at: String,
    file: Option<usize>,
    from: String,
}

/// The moves of one document, and the other files that values came from.
#[derive(Debug, Clone, Default)]
pub struct Origins {
    moves: Vec<Move>,
    files: Vec<(PathBuf, Arc<SourceMap>)>,
}

impl Origins {
    /// Records that the subtree at `at` is the one at `from` of the same file.
    pub fn moved(&mut self, at: impl Into<String>, from: impl Into<String>) {
        self.moves.push(Move {
            at: at.into(),
            file: None,
            from: from.into(),
        });
    }

    /// Records that the subtree at `at` is the one at `from` of `file`, whose text `source` maps.
    pub fn copied(
        &mut self,
        at: impl Into<String>,
        file: &Path,
        source: &Arc<SourceMap>,
        from: impl Into<String>,
    ) {
        let index = match self.files.iter().position(|(f, _)| f == file) {
            Some(i) => i,
            None => {
                self.files.push((file.to_path_buf(), Arc::clone(source)));
                self.files.len() - 1
            }
        };
        self.moves.push(Move {
            at: at.into(),
            file: Some(index),
            from: from.into(),
        });
    }

    /// The other files that values came from: with the document's own, what it was read from.
    pub fn files(&self) -> impl Iterator<Item = &Path> {
        self.files.iter().map(|(f, _)| f.as_path())
    }

    /// The pointer `pointer` of the tree maps to: the file (`None`: the document's own) with
    /// its source map, and the pointer there. The innermost (longest) move wins.
    pub fn original(&self, pointer: &str) -> Option<(Option<(&Path, &SourceMap)>, String)> {
        let below = |m: &Move| {
            pointer == m.at
                || (pointer.starts_with(&m.at) && pointer[m.at.len()..].starts_with('/'))
        };
        let m = self
            .moves
            .iter()
            .filter(|m| below(m))
            .max_by_key(|m| m.at.len())?;
        let rest = &pointer[m.at.len()..];
        let file = m
            .file
            .map(|i| (self.files[i].0.as_path(), &*self.files[i].1));
        Some((file, format!("{}{rest}", m.from)))
    }

    /// Gives `d` (a diagnostic about `file`, the document's own, placed by `own`) the file,
    /// pointer, line and column its pointer came from.
    pub fn place(&self, file: &Path, own: &SourceMap, mut d: Diagnostic) -> Diagnostic {
        if d.line_col.is_some() || d.file != file {
            return d;
        }
        match self.original(&d.pointer) {
            Some((Some((other, source)), pointer)) => {
                d.file = other.to_path_buf();
                d.pointer = pointer;
                source.place(d)
            }
            Some((None, pointer)) => {
                d.pointer = pointer;
                own.place(d)
            }
            None => own.place(d),
        }
    }
}
