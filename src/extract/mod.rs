//! Finding actor mentions and resolving each to one canonical entity.

pub mod gazetteer;
