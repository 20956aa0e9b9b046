//! `textDocument/codeAction`: the quick fixes a diagnostic carries, and a
//! `source.fixAll.newsdump` action that applies every preferred fix in the file.

use std::collections::HashMap;

use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, Diagnostic, TextEdit, Uri,
    WorkspaceEdit,
};

use super::diagnostics::{FixData, FixOffer, SOURCE, fix_offer, text_hash};
use super::documents::Snapshot;
use super::position::{Encoding, to_offsets, to_range};
use super::settings::Settings;
use crate::analysis::findings::compatible_preferred_fixes;

pub fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::new("source.fixAll.newsdump")
}

/// True when the client asked for actions of `kind` (or did not narrow the request).
fn wanted(params: &CodeActionParams, kind: &CodeActionKind) -> bool {
    match &params.context.only {
        None => true,
        Some(only) => only.iter().any(|o| {
            kind.as_str() == o.as_str() || kind.as_str().starts_with(&format!("{}.", o.as_str()))
        }),
    }
}

pub fn code_actions(
    params: &CodeActionParams,
    snap: &Snapshot,
    settings: &Settings,
    enc: Encoding,
) -> Vec<CodeActionOrCommand> {
    let uri = &params.text_document.uri;
    let mut out = Vec::new();
    if wanted(params, &CodeActionKind::QUICKFIX) {
        for diag in &params.context.diagnostics {
            out.extend(quick_fixes(uri, diag, snap, enc));
        }
    }
    if wanted(params, &fix_all_kind())
        && let Some(action) = fix_all(uri, snap, settings, enc)
    {
        out.push(action);
    }
    out
}

/// The fixes in a diagnostic's data, each checked against the current text: an edit
/// whose range no longer holds the text it expects is not offered.
fn quick_fixes(
    uri: &Uri,
    diag: &Diagnostic,
    snap: &Snapshot,
    enc: Encoding,
) -> Vec<CodeActionOrCommand> {
    if diag.source.as_deref() != Some(SOURCE) {
        return Vec::new();
    }
    let Some(data) = diag
        .data
        .clone()
        .and_then(|d| serde_json::from_value::<FixData>(d).ok())
    else {
        return Vec::new();
    };
    data.fixes
        .iter()
        .filter_map(|fix| {
            let edit = checked_edit(uri, fix, snap, enc)?;
            Some(CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.title.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diag.clone()]),
                edit: Some(edit),
                is_preferred: Some(fix.preferred),
                ..CodeAction::default()
            }))
        })
        .collect()
}

fn checked_edit(
    uri: &Uri,
    fix: &FixOffer,
    snap: &Snapshot,
    enc: Encoding,
) -> Option<WorkspaceEdit> {
    let mut edits = Vec::new();
    for e in &fix.edits {
        let bytes = to_offsets(&snap.rope, e.range, enc);
        if text_hash(snap.rope.byte_slice(bytes.clone()).chunks()) != e.expected_hash {
            return None;
        }
        edits.push(TextEdit::new(
            to_range(&snap.rope, bytes, enc),
            e.new_text.clone(),
        ));
    }
    Some(WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    })
}

/// Every preferred fix of every finding that is not turned off, as one edit. Fixes
/// whose edits overlap an earlier one are left for a second run.
fn fix_all(
    uri: &Uri,
    snap: &Snapshot,
    settings: &Settings,
    enc: Encoding,
) -> Option<CodeActionOrCommand> {
    // Only the articles' own findings carry preferred fixes (a name variant's respelling
    // is offered, not preferred), so this needs no people join: editors ask for code
    // actions as the cursor moves, and after each edit the join would run again.
    let enabled = snap
        .dump
        .findings
        .iter()
        .filter(|f| settings.severity(f.code, f.severity).is_some());
    let fixes = compatible_preferred_fixes(enabled);
    let count = fixes.len();
    let edits: Vec<TextEdit> = fixes
        .iter()
        .flat_map(|(_, fix)| fix_offer(snap, fix, enc).edits)
        .map(|e| TextEdit::new(e.range, e.new_text))
        .collect();
    if count == 0 {
        return None;
    }
    Some(CodeActionOrCommand::CodeAction(CodeAction {
        title: format!(
            "Remove all duplicate captions ({count} caption{})",
            if count == 1 { "" } else { "s" }
        ),
        kind: Some(fix_all_kind()),
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..WorkspaceEdit::default()
        }),
        ..CodeAction::default()
    }))
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;
    use std::sync::Arc;

    use tower_lsp_server::ls_types::{CodeActionContext, Position, Range, TextDocumentIdentifier};

    use super::*;
    use crate::analysis::Rules;
    use crate::lsp::documents::Documents;

    /// Editors ask for code actions as the cursor moves, without narrowing the kinds:
    /// the fix-all is offered, and the people join is left for a pause in typing.
    #[test]
    fn the_fix_all_is_offered_without_joining_people() {
        let text = "Harbour city opens a ferry terminal\n\nPhoto: Xinhua\n\nPhoto: Xinhua\n\n\
                    Mayor Lena Marsh said the terminal opens in May. Marsh cut the ribbon.\n";
        let uri = Uri::from_str("file:///cursor.newsdump").unwrap();
        let docs = Documents::default();
        docs.open(uri.clone(), text, 1);
        let snap = docs
            .snapshot(&uri, &Arc::new(Rules::default()), usize::MAX)
            .unwrap();
        let at = Position::new(6, 3);
        let params = CodeActionParams {
            text_document: TextDocumentIdentifier { uri: uri.clone() },
            range: Range::new(at, at),
            context: CodeActionContext::default(),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        };
        let actions = code_actions(&params, &snap, &Settings::default(), Encoding::Utf16);
        let kinds: Vec<_> = actions
            .iter()
            .map(|a| match a {
                CodeActionOrCommand::CodeAction(a) => a.kind.clone(),
                CodeActionOrCommand::Command(_) => None,
            })
            .collect();
        assert_eq!(kinds, [Some(fix_all_kind())]);
        assert!(snap.dump.entities_if_joined().is_none());
    }
}
