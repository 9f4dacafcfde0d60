//! The workspace JSON Schema, generated from the types so it cannot drift from the code.

/// The schema as pretty JSON with a trailing newline (the text of docs/workspace.schema.json).
pub fn workspace_schema_json() -> String {
    let schema = schemars::schema_for!(crate::model::Workspace);
    let mut text = serde_json::to_string_pretty(&schema).expect("schema serializes");
    text.push('\n');
    text
}
