//! The `factlint` binary. (Being written.)

fn main() {}
