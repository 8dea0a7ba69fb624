//! The one integration test binary: the `newsgraph` executable tried as a user would.

mod cli;
mod util;
