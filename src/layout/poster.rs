//! poster layout (not built yet).
