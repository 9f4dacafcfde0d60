//! Workspace types: pure data plus the logic that reads values and grade ladders.
//! Knows nothing of files or terminals.
pub mod amount;
pub mod ladder;
pub mod place;
pub mod tables;
pub mod triage;
pub mod value;
pub mod workspace;

pub use amount::Amount;
pub use place::{Place, PlaceError};
pub use tables::*;
pub use triage::{Decision, Disposition};
pub use workspace::*;
