//! The TUI's view of indicator values (`model::value`) and grade ladders (`model::ladder`).

use super::i18n::Lang;
use crate::model::{ladder, value};

/// A short reading of a 指标值 for display: `≥ 95%`, `定性：提高`.
pub fn reading(text: &str, lang: Lang) -> String {
    let reading = value::parse_value(text);
    if lang == Lang::Zh {
        reading.describe_zh()
    } else {
        reading.describe_en()
    }
}

/// The problems of a ladder of standards (优, 良, 中, 差), as messages.
pub fn ladder_problems(standards: [&str; 4], lang: Lang) -> Vec<String> {
    if standards.iter().all(|s| s.trim().is_empty()) {
        return Vec::new();
    }
    ladder::analyse(standards)
        .problems
        .iter()
        .map(|p| match lang {
            Lang::Zh => p.message_zh(),
            Lang::En => p.message_en(),
        })
        .collect()
}

/// The grade an actual value earns: its index 0..4 (优 良 中 差), or why it has none.
pub fn grade(standards: [&str; 4], actual: &str, lang: Lang) -> Result<usize, String> {
    ladder::grade(standards, actual)
        .map(|g| g.index())
        .map_err(|e| match lang {
            Lang::Zh => e.message_zh(),
            Lang::En => e.message_en(),
        })
}
