//! cards layout (not built yet).
