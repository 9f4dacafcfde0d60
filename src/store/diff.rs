//! What differs between two workspaces, as JSON pointers: for restore offers and conflicts.

use serde_json::Value;

use crate::model::{Place, Workspace};

/// One difference: where, what kind, and the old and new text (short form).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub pointer: Place,
    pub kind: ChangeKind,
    pub before: String,
    pub after: String,
}

/// Whether the place is new, gone, or holds another value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

fn short(value: Option<&Value>) -> String {
    match value {
        None => "（无）".into(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) => "（空）".into(),
        Some(Value::Array(items)) => format!("[{} 项]", items.len()),
        Some(Value::Object(_)) => "{…}".into(),
        Some(other) => other.to_string(),
    }
}

fn walk(
    a: Option<&Value>,
    b: Option<&Value>,
    pointer: &Place,
    out: &mut Vec<Change>,
    limit: usize,
) {
    if out.len() >= limit || a == b {
        return;
    }
    match (a, b) {
        (Some(Value::Object(x)), Some(Value::Object(y))) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                walk(x.get(key), y.get(key), &pointer.key(key), out, limit);
            }
        }
        (Some(Value::Array(x)), Some(Value::Array(y))) => {
            for i in 0..x.len().max(y.len()) {
                walk(x.get(i), y.get(i), &pointer.idx(i), out, limit);
            }
        }
        _ => out.push(Change {
            pointer: pointer.clone(),
            kind: match (a, b) {
                (None, _) => ChangeKind::Added,
                (_, None) => ChangeKind::Removed,
                _ => ChangeKind::Changed,
            },
            before: short(a),
            after: short(b),
        }),
    }
}

/// Up to `limit` differences from `before` to `after`, object keys in sorted order (not the
/// file's), array entries by index.
pub fn changes(before: &Workspace, after: &Workspace, limit: usize) -> Vec<Change> {
    let a = serde_json::to_value(before).unwrap_or(Value::Null);
    let b = serde_json::to_value(after).unwrap_or(Value::Null);
    let mut out = Vec::new();
    walk(Some(&a), Some(&b), &Place::root(), &mut out, limit);
    out
}
