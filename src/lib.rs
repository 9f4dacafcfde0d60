//! budget-workbench: review and correct Chinese department budget explanations (部门预算情况说明).
//!
//! Dependencies point one way: `tui` → `review`/`store`/`import` → `model`.
pub mod import;
pub mod model;
pub mod store;
