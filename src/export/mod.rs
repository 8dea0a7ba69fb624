//! Writing graphs in the formats graph tools and databases load.
