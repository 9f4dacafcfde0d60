//! The TUI's view of indicator values and grade ladders (model::value and model::ladder).

use super::i18n::Lang;

/// A short reading of a 指标值 for display.
pub fn reading(text: &str, _lang: Lang) -> String {
    let _ = text;
    String::new()
}

/// The problems of a ladder of standards (优, 良, 中, 差), as messages.
pub fn ladder_problems(_standards: [&str; 4], _lang: Lang) -> Vec<String> {
    Vec::new()
}

/// The grade an actual value earns: its index 0..4 (优 良 中 差), or a reason it has none.
pub fn grade(_standards: [&str; 4], _actual: &str, _lang: Lang) -> Result<usize, String> {
    Err(String::new())
}
