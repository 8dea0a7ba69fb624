//! The one integration test binary: the `newsgraph` executable tried as a user would, and
//! every export loaded by the real tools that read it.

mod cli;
mod util;
mod viewer;
