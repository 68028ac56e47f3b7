//! Stage 4: rewrite the IR until it says exactly what to emit. Each pass is a function of the
//! whole API, run in this order: structure first, then boxes, then names.

mod allof;
mod cycles;
mod naming;
mod pagination;

pub use naming::{escape_keyword, to_camel_ident, to_snake_ident};

use crate::ir::Api;

pub fn run(api: &mut Api) {
    allof::merge(api);
    cycles::break_cycles(api);
    pagination::detect(api);
    naming::assign(api);
}
