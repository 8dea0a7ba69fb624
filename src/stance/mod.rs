//! Who is hostile or friendly toward whom: directed, signed relations between mentions.
