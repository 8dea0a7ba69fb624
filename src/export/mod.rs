//! Writing graphs in the formats graph tools and databases load.

pub mod dot;
pub mod html;
pub mod picture;
