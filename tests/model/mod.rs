//! A reference model for the property tests that drive `Documents` in process: LSP lines
//! and positions over a plain `String`, and the snapshots a test holds while it edits.

#![allow(dead_code)] // Each test binary uses a different part of this helper.

use std::sync::Arc;

use newsdump_ls::analysis::Rules;
use newsdump_ls::lsp::documents::{Documents, Snapshot};
use newsdump_ls::lsp::position::Encoding;
use newsdump_ls::lsp::settings::Settings;
use tower_lsp_server::ls_types::{Position, Uri};

pub const ENCODINGS: [Encoding; 3] = [Encoding::Utf16, Encoding::Utf8, Encoding::Utf32];

/// Reference model of LSP lines: breaks are \n, \r\n and \r.
pub fn line_starts(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut starts = vec![0];
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
            starts.push(i + 2);
            i += 2;
            continue;
        }
        if b[i] == b'\n' || b[i] == b'\r' {
            starts.push(i + 1);
        }
        i += 1;
    }
    starts
}

pub fn units(s: &str, enc: Encoding) -> u32 {
    match enc {
        Encoding::Utf8 => s.len() as u32,
        Encoding::Utf16 => s.encode_utf16().count() as u32,
        Encoding::Utf32 => s.chars().count() as u32,
    }
}

/// Snaps a byte offset to a place an LSP position can name: a char boundary, not
/// between the \r and \n of a CRLF.
pub fn snap(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    if at > 0 && text.as_bytes()[at - 1] == b'\r' && text.as_bytes().get(at) == Some(&b'\n') {
        at -= 1;
    }
    at
}

pub fn position(text: &str, at: usize, enc: Encoding) -> Position {
    let starts = line_starts(text);
    let line = starts.partition_point(|&s| s <= at) - 1;
    Position::new(line as u32, units(&text[starts[line]..at], enc))
}

/// Byte offset at the end of the line holding `at` (before its break).
pub fn line_end(text: &str, at: usize) -> usize {
    text[at..].find(['\r', '\n']).map_or(text.len(), |i| at + i)
}

/// `text` opened afresh in a document of its own, and analysed: what an incremental
/// answer must equal.
pub fn opened_afresh(uri: &Uri, rules: &Arc<Rules>, text: &str) -> Snapshot {
    let fresh = Documents::default();
    fresh.open(uri.clone(), text, 0);
    fresh.snapshot(uri, rules, usize::MAX).unwrap()
}

/// Settings that turn one finding's diagnostics off and show another's as hints.
pub fn severity_off() -> Settings {
    Settings::from_json(&serde_json::json!({
        "severity": {"duplicate-caption": "off", "reused-caption": "hint"}
    }))
    .unwrap()
}

/// The snapshots a test holds, newest first, at most three: answers are asked for from
/// older versions too, as a slow request would.
#[derive(Default)]
pub struct Held(Vec<Snapshot>);

impl Held {
    /// Takes a snapshot of the document as it is now, and holds it.
    pub fn take(&mut self, docs: &Documents, uri: &Uri, rules: &Arc<Rules>) -> Snapshot {
        let snap = docs.snapshot(uri, rules, usize::MAX).unwrap();
        self.0.insert(0, snap.clone());
        self.0.truncate(3);
        snap
    }

    /// The snapshot held `which` back (1 the newest), or one taken now (0, or past those
    /// held).
    pub fn pick(
        &mut self,
        docs: &Documents,
        uri: &Uri,
        rules: &Arc<Rules>,
        which: usize,
    ) -> Snapshot {
        match which.checked_sub(1).and_then(|i| self.0.get(i)) {
            Some(snap) => snap.clone(),
            None => self.take(docs, uri, rules),
        }
    }
}
