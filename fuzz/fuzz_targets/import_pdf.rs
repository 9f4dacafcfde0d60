//! The PDF importer: any bytes give a workspace or an ImportError, never a panic; an imported
//! workspace saves and reloads.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(outcome) = budget_workbench::import::pdf::import_pdf(data, "fuzz.pdf") {
        let json = budget_workbench::store::to_json(&outcome.workspace);
        budget_workbench::store::parse_str(&json, "fuzz.json").expect("reloads");
    }
});
