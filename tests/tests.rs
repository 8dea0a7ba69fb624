//! The one integration test binary: each module drives the `newsgraph` binary end to end.

mod analyze;
