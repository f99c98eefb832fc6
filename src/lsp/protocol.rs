//! The part of the Language Server Protocol that the server speaks, typed:
//! what it reads from requests and what it answers.
//!
//! These are our own types, not `lsp-types`. That crate types the whole
//! protocol, and deserializing its `InitializeParams` or
//! `CodeActionParams` builds serde code for hundreds of types we never
//! read. The pre-commit hooks build from source, and it made their first
//! install 20% slower (docs/decisions.md, "The editor"). The field names
//! are the specification's (camelCase on the wire).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A line and a character in the agreed encoding, both 0-based.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Position {
    pub line: u32,
    pub character: u32,
}

impl Position {
    pub fn new(line: u32, character: u32) -> Position {
        Position { line, character }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Range {
    pub start: Position,
    pub end: Position,
}

impl Range {
    pub fn new(start: Position, end: Position) -> Range {
        Range { start, end }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TextEdit {
    pub range: Range,
    pub new_text: String,
}

impl TextEdit {
    pub fn new(range: Range, new_text: String) -> TextEdit {
        TextEdit { range, new_text }
    }
}

// What requests and notifications carry (only the fields read).

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TextDocumentItem {
    pub uri: String,
    #[serde(default)]
    pub language_id: String,
    pub version: i32,
    pub text: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DidOpen {
    pub text_document: TextDocumentItem,
}

#[derive(Debug, Deserialize)]
pub struct DocumentId {
    pub uri: String,
}

#[derive(Debug, Deserialize)]
pub struct VersionedDocumentId {
    pub uri: String,
    pub version: i32,
}

#[derive(Debug, Deserialize)]
pub struct ContentChange {
    /// `None`: the whole text.
    #[serde(default)]
    pub range: Option<Range>,
    pub text: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DidChange {
    pub text_document: VersionedDocumentId,
    pub content_changes: Vec<ContentChange>,
}

/// `didClose` and `formatting`: a document and nothing we read besides.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OfDocument {
    pub text_document: DocumentId,
}

/// `hover` and `completion`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AtPosition {
    pub text_document: DocumentId,
    pub position: Position,
}

#[derive(Debug, Default, Deserialize)]
pub struct CodeActionContext {
    /// The kinds of action wanted (`quickfix`, `source.fixAll`...).
    #[serde(default)]
    pub only: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CodeActionParams {
    pub text_document: DocumentId,
    pub range: Range,
    #[serde(default)]
    pub context: CodeActionContext,
}

// What the server answers.

pub const SEVERITY_ERROR: u8 = 1;
pub const SEVERITY_WARNING: u8 = 2;

#[derive(Debug, Clone, Serialize)]
pub struct CodeDescription {
    pub href: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    pub range: Range,
    pub severity: u8,
    pub code: String,
    pub code_description: CodeDescription,
    pub source: &'static str,
    pub message: String,
    pub data: Value,
}

pub const QUICKFIX: &str = "quickfix";

#[derive(Debug, Serialize)]
pub struct WorkspaceEdit {
    pub changes: BTreeMap<String, Vec<TextEdit>>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CodeAction {
    pub title: String,
    pub kind: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub diagnostics: Vec<Diagnostic>,
    pub edit: WorkspaceEdit,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub is_preferred: bool,
}

#[derive(Debug, Serialize)]
pub struct Markup {
    pub kind: &'static str,
    pub value: String,
}

#[derive(Debug, Serialize)]
pub struct Hover {
    pub contents: Markup,
}

/// `CompletionItemKind`'s numbers for what we complete.
pub const KIND_VALUE: u8 = 12;
pub const KIND_REFERENCE: u8 = 18;
pub const KIND_ENUM_MEMBER: u8 = 20;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CompletionItem {
    pub label: String,
    pub kind: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    pub filter_text: String,
    pub text_edit: TextEdit,
}
