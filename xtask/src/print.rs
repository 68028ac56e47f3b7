//! Printing that a closed pipe cannot turn into a panic. `println!` panics when stdout is a
//! pipe whose reader has gone (`cargo xtask codegen | head -1`); a command-line tool should
//! instead stop talking and finish its work, so these ignore every write error.

use std::fmt;
use std::io::Write;

/// Writes a line to stdout, ignoring a closed pipe or any other write error.
pub fn out(args: fmt::Arguments<'_>) {
    let _ = writeln!(std::io::stdout().lock(), "{args}");
}

/// Writes a line to stderr, ignoring a closed pipe or any other write error.
pub fn err(args: fmt::Arguments<'_>) {
    let _ = writeln!(std::io::stderr().lock(), "{args}");
}

/// `println!` that never panics: see [`out`].
#[macro_export]
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::print::out(::std::format_args!($($arg)*))
    };
}

/// `eprintln!` that never panics: see [`err`].
#[macro_export]
macro_rules! errln {
    ($($arg:tt)*) => {
        $crate::print::err(::std::format_args!($($arg)*))
    };
}
