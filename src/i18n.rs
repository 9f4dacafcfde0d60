//! The language of everything a person reads: Chinese by default, English on request.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Picks the Chinese or English form.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// Why a workspace file could not be opened, in `lang`: the place, the reason, and for a
/// document that is not a workspace yet (`.txt`, `.pdf`) the `import` command that makes one.
pub fn open_error(path: &std::path::Path, error: &crate::store::LoadError, lang: Lang) -> String {
    const REASONS: &[(&str, &str)] = &[
        ("cannot read: ", "无法读取："),
        (
            "is a directory, expected a workspace JSON file",
            "是一个目录，需要工作区 JSON 文件",
        ),
        ("missing field ", "缺少字段 "),
        ("not UTF-8 text", "不是 UTF-8 文本"),
        (
            "expected a UTF-8 JSON workspace",
            "需要 UTF-8 编码的 JSON 工作区",
        ),
        ("No such file or directory", "文件或目录不存在"),
        ("Permission denied", "权限不足"),
    ];
    let mut text = error.to_string();
    if lang == Lang::Zh {
        for (en, zh) in REASONS {
            text = text.replace(en, zh);
        }
    }
    let document = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "txt" | "pdf"));
    if document {
        let file = path.display();
        text.push_str(&match lang {
            Lang::Zh => format!("（这是文档而非工作区：先用 `budget-workbench import {file}` 导入）"),
            Lang::En => format!(
                " (a document, not a workspace: import it first with `budget-workbench import {file}`)"
            ),
        });
    }
    text
}
