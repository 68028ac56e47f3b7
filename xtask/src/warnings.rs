//! The warnings channel: places the generator read less exactly than they are written (a schema
//! it cannot express degrades to `serde_json::Value`, a body it cannot send is left out). Such
//! a loss is never silent: each one is a [`Diagnostic`] of [`Severity::Warning`] naming the
//! place, `cargo xtask codegen` prints them like errors and counts them, and the corpus table
//! reports the count.
//!
//! The channel sits in the [`crate::load::Document`] and takes warnings through a shared
//! reference, so that every stage that reads the document can warn without threading a
//! collector through each function it calls.

use std::cell::RefCell;

use crate::diagnostics::{Diagnostic, Diagnostics, Severity};

#[derive(Debug, Clone, Default)]
pub struct Warnings(RefCell<Vec<Diagnostic>>);

impl Warnings {
    pub fn push(&self, d: Diagnostic) {
        debug_assert_eq!(d.severity, Severity::Warning);
        self.0.borrow_mut().push(d);
    }

    /// The warnings so far, sorted by file and place, each once; `place` gives each its line.
    pub fn sorted(&self, place: impl Fn(Diagnostic) -> Diagnostic) -> Diagnostics {
        let mut all: Vec<Diagnostic> = self.0.borrow().iter().cloned().map(place).collect();
        all.sort();
        all.dedup();
        Diagnostics(all)
    }
}
