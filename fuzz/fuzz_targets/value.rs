//! The value parser and ladder analysis: any text gives a reading, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = budget_workbench::model::value::parse_value(text);
        let parts: Vec<&str> = text.splitn(5, '|').collect();
        if parts.len() >= 4 {
            let standards = [parts[0], parts[1], parts[2], parts[3]];
            let _ = budget_workbench::model::ladder::analyse(standards);
            let _ = budget_workbench::model::ladder::grade(standards, parts.get(4).unwrap_or(&""));
        }
    }
});
