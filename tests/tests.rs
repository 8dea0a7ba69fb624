//! The one integration test binary: each module specifies one area of the tool through
//! its public API or its command line.

mod export;
