//! The loader: any bytes give a workspace or a LoadError, never a panic; a loaded workspace
//! saves and reloads to the same value.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(workspace) = budget_workbench::store::parse_bytes(data, "fuzz.json") {
        let text = budget_workbench::store::to_json(&workspace);
        let again = budget_workbench::store::parse_str(&text, "again.json").expect("reloads");
        assert_eq!(budget_workbench::store::to_json(&again), text);
        let _ = budget_workbench::review::check(&workspace);
    }
});
