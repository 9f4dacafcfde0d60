//! budget-workbench: review and correct Chinese department budget explanations (部门预算情况说明).
//!
//! Dependencies point one way: `tui` → `review`/`store`/`import` → `model`.
pub mod i18n;
pub mod import;
pub mod model;
pub mod report;
pub mod review;
pub mod schema;
pub mod season;
pub mod store;
pub mod summary;
pub mod synth;
pub mod text;
pub mod tui;
