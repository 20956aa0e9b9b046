//! Open documents: one rope and version each, edited in the order changes arrive.
//!
//! tower-lsp-server runs handlers concurrently, so every change is applied under a
//! plain mutex before anything awaits; readers take a cheap snapshot (a rope clone is
//! O(1)) and the analysis of that exact text.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use ropey::Rope;
use tower_lsp_server::ls_types::{DocumentSymbol, TextDocumentContentChangeEvent, Uri};

use super::position::{Encoding, to_offsets};
use crate::analysis::{Dump, Rules};

#[derive(Debug, Clone)]
pub struct Document {
    pub rope: Rope,
    pub version: i32,
    /// The analysis of `rope` at `version`, filled by the first reader that needs it;
    /// readers arriving meanwhile wait for that one instead of analysing again.
    analysis: Arc<OnceLock<Analysed>>,
}

/// The text an analysis was computed on, and the analysis.
#[derive(Debug, Clone)]
struct Analysed {
    /// How long the analysis took.
    cost: Duration,
    text: Arc<String>,
    dump: Arc<Dump>,
    outline: Arc<OnceLock<Vec<DocumentSymbol>>>,
}

/// A consistent view of one document: its text, version and analysis.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub rope: Rope,
    pub version: i32,
    /// The same text as `rope`, as the analysis read it.
    pub text: Arc<String>,
    pub dump: Arc<Dump>,
    /// The outline of this version, made by the first `documentSymbol` that asks: editors
    /// ask again and again while nothing changes.
    pub outline: Arc<OnceLock<Vec<DocumentSymbol>>>,
    /// How long analysing this version took (whoever did it).
    pub analysis_cost: Duration,
}

/// What became of a change notification.
#[derive(Debug, PartialEq, Eq)]
pub enum ChangeOutcome {
    Applied,
    UnknownDocument,
    /// The version did not move forward; the change was dropped.
    Stale {
        have: i32,
        got: i32,
    },
}

#[derive(Debug, Default)]
pub struct Documents {
    docs: Mutex<HashMap<Uri, Document>>,
}

impl Documents {
    fn lock(&self) -> MutexGuard<'_, HashMap<Uri, Document>> {
        // A handler that panicked while holding the lock may have applied part of one
        // notification's changes; each rope is still valid text, and the client's next
        // full sync or reopen repairs the content.
        self.docs.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn open(&self, uri: Uri, text: &str, version: i32) {
        let doc = Document {
            rope: Rope::from_str(text),
            version,
            analysis: Arc::default(),
        };
        self.lock().insert(uri, doc);
    }

    pub fn close(&self, uri: &Uri) {
        self.lock().remove(uri);
    }

    /// Applies the changes of one `didChange` notification, in order.
    pub fn change(
        &self,
        uri: &Uri,
        version: i32,
        changes: &[TextDocumentContentChangeEvent],
        enc: Encoding,
    ) -> ChangeOutcome {
        let mut docs = self.lock();
        let Some(doc) = docs.get_mut(uri) else {
            return ChangeOutcome::UnknownDocument;
        };
        if version <= doc.version {
            return ChangeOutcome::Stale {
                have: doc.version,
                got: version,
            };
        }
        for change in changes {
            apply_change(&mut doc.rope, change, enc);
        }
        doc.version = version;
        doc.analysis = Arc::default();
        ChangeOutcome::Applied
    }

    /// The size of the document in bytes.
    pub fn size(&self, uri: &Uri) -> Option<usize> {
        self.lock().get(uri).map(|d| d.rope.len_bytes())
    }

    pub fn uris(&self) -> Vec<Uri> {
        self.lock().keys().cloned().collect()
    }

    pub fn text(&self, uri: &Uri) -> Option<(Rope, i32)> {
        self.lock().get(uri).map(|d| (d.rope.clone(), d.version))
    }

    /// The document with its analysis, computing it (outside the lock) if needed. A
    /// document over `max_bytes` gets its outline only.
    pub fn snapshot(&self, uri: &Uri, rules: &Rules, max_bytes: usize) -> Option<Snapshot> {
        let (rope, version, cell) = {
            let docs = self.lock();
            let doc = docs.get(uri)?;
            (doc.rope.clone(), doc.version, doc.analysis.clone())
        };
        let analysed = cell.get_or_init(|| {
            let started = Instant::now();
            // Arc<String>, not Arc<str>: converting would copy the whole text once more.
            let text = Arc::new(rope.to_string());
            let dump = Arc::new(if text.len() > max_bytes {
                Dump::outline_only(&text, rules)
            } else {
                Dump::analyse(&text, rules)
            });
            Analysed {
                cost: started.elapsed(),
                text,
                dump,
                outline: Arc::default(),
            }
        });
        Some(Snapshot {
            rope,
            version,
            text: analysed.text.clone(),
            dump: analysed.dump.clone(),
            outline: analysed.outline.clone(),
            analysis_cost: analysed.cost,
        })
    }

    /// Drops every cached analysis (the rules changed).
    pub fn invalidate_all(&self) {
        for doc in self.lock().values_mut() {
            doc.analysis = Arc::default();
        }
    }
}

/// Applies one content change: a ranged edit, or the whole text when there is no range.
pub fn apply_change(rope: &mut Rope, change: &TextDocumentContentChangeEvent, enc: Encoding) {
    match change.range {
        Some(range) => {
            let bytes = to_offsets(rope, range, enc);
            let start = rope.byte_to_char(bytes.start);
            let end = rope.byte_to_char(bytes.end);
            rope.remove(start..end);
            rope.insert(start, &change.text);
        }
        None => *rope = Rope::from_str(&change.text),
    }
}
