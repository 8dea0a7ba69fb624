//! Writing graphs in the formats graph tools and databases load.
//!
//! Every writer takes the graph and an `impl Write`, returns I/O errors instead of
//! panicking, and escapes names itself: names come from news text and are untrusted.

pub mod dot;
pub mod html;
pub mod json;
pub mod picture;
