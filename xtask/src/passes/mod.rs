//! Stage 4: rewrite the IR until it says exactly what to emit. Each pass is a function of the
//! whole API, run in this order: structure first, then boxes, then names.

mod access;
mod allof;
mod cycles;
mod naming;
mod pagination;
mod unions;

pub use naming::{escape_keyword, to_camel_ident, to_snake_ident};

use crate::ir::Api;

pub fn run(api: &mut Api) {
    allof::merge(api);
    unions::tag_or_order(api);
    access::apply(api);
    cycles::break_cycles(api);
    pagination::detect(api);
    naming::assign(api);
}
