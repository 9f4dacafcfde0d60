//! The loader: any bytes give a workspace or a LoadError, never a panic; a loaded workspace
//! saves and reloads to the same value; every command's output over it (check, grade,
//! summary) is made without a panic, figures at the decimal limit included.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(workspace) = budget_workbench::store::parse_bytes(data, "fuzz.json") {
        let text = budget_workbench::store::to_json(&workspace);
        let again = budget_workbench::store::parse_str(&text, "again.json").expect("reloads");
        assert_eq!(budget_workbench::store::to_json(&again), text);
        let findings = budget_workbench::review::check(&workspace);
        let _ = budget_workbench::report::findings_json(&findings);
        let rows = budget_workbench::review::grades::grade_report(&workspace);
        let _ = budget_workbench::report::grades_json(&rows);
        let summary = budget_workbench::summary::summarize(&workspace);
        let _ = budget_workbench::summary::to_text(&summary, budget_workbench::i18n::Lang::Zh);
    }
});
