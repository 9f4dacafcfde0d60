//! Workspace types: pure data plus the logic that reads values and grade ladders.
pub mod ladder;
pub mod value;
