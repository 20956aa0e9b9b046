//! Open documents: one rope and version each, edited in the order changes arrive.
//!
//! tower-lsp-server runs handlers concurrently, so every change is applied under a
//! plain mutex before anything awaits; readers take a cheap snapshot (a rope clone is
//! O(1)) and the analysis of that exact text.
//!
//! Analyses are incremental: a document keeps the newest analysis made and the splices
//! since, and the next analysis updates that one (`Dump::update`) instead of starting
//! over, so its cost follows the size of the edit, not of the file.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use ropey::Rope;
use tower_lsp_server::ls_types::{Range, TextDocumentContentChangeEvent, Uri};

use super::diagnostics::SharedDiagnosticCache;
use super::position::{Encoding, range_in, to_offsets};
use super::symbols::SharedSymbolCache;
use crate::analysis::{Dump, Rules, Splice};

#[derive(Debug, Clone)]
pub struct Document {
    pub rope: Rope,
    pub version: i32,
    /// The analysis of `rope` at `version`, filled by the first reader that needs it;
    /// readers arriving meanwhile wait for that one instead of analysing again.
    analysis: Arc<OnceLock<Analysed>>,
    /// The newest analysis made, of this version or an earlier one.
    base: Option<Base>,
    /// The edits since the base's version (or since the analysis under way), each with
    /// the version it led to.
    splices: Vec<(i32, Splice)>,
    /// Analyses of versions before this one may not become the base: edits since them
    /// were dropped.
    floor: i32,
    symbols: SharedSymbolCache,
    diagnostics: SharedDiagnosticCache,
    /// Held while one version is analysed: an analysis of a newer version waits for it
    /// and starts from its result instead of from scratch. New with each open, it also
    /// tells an analysis whether the document it started on is still the one open.
    analysing: Arc<Mutex<()>>,
}

/// Edits this close to the ones pending (in bytes) are analysed together with them.
const NEAR: usize = 16 * 1024;

impl Document {
    /// Brings the base up to this version when an edit at byte `at` is far from the
    /// edits pending since the base: they are then analysed as two small updates
    /// rather than as one splice spanning everything between them. Skipped when an
    /// analysis holds the base or a reader holds its dump.
    fn catch_up_unless_near(&mut self, at: usize) {
        let Some(base) = self.base.take() else {
            return;
        };
        let pending = self
            .splices
            .iter()
            .filter(|(v, _)| *v > base.version)
            .map(|(_, s)| *s)
            .reduce(Splice::then);
        let near = pending.is_none_or(|p| at + NEAR >= p.start && at <= p.new_end + NEAR);
        let (Some(splice), false) = (pending, near) else {
            self.base = Some(base);
            return;
        };
        match Arc::try_unwrap(base.dump) {
            Ok(mut dump) => {
                // A panic here must not cost the edit being applied: the base is
                // dropped, and the next analysis starts afresh.
                let updated = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    dump.update(&self.rope, splice, &base.rules);
                    dump
                }));
                self.splices.clear();
                self.base = updated.ok().map(|dump| Base {
                    version: self.version,
                    dump: Arc::new(dump),
                    ..base
                });
                if self.base.is_none() {
                    self.floor = self.version;
                }
            }
            Err(dump) => self.base = Some(Base { dump, ..base }),
        }
    }
}

/// An analysis under way: of which document (as opened), version, rules and mode.
struct Job<'a> {
    uri: &'a Uri,
    opened: &'a Arc<Mutex<()>>,
    version: i32,
    rules: &'a Arc<Rules>,
    outline_only: bool,
}

impl Job<'_> {
    /// The document, if it is still the one the job started on (not closed and opened
    /// again meanwhile).
    fn document<'d>(&self, docs: &'d mut HashMap<Uri, Document>) -> Option<&'d mut Document> {
        docs.get_mut(self.uri)
            .filter(|d| Arc::ptr_eq(&d.analysing, self.opened))
    }
}

/// An analysis the next one can start from.
#[derive(Debug, Clone)]
struct Base {
    version: i32,
    dump: Arc<Dump>,
    rules: Arc<Rules>,
    outline_only: bool,
}

/// Past this many splices since the base, analysing afresh is as quick as catching up.
const MAX_SPLICES: usize = 10_000;

/// The analysis of one version.
#[derive(Debug, Clone)]
struct Analysed {
    /// How long the analysis took.
    cost: Duration,
    dump: Arc<Dump>,
}

/// A consistent view of one document: its text, version and analysis.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// The text at `version`, which the analysis read.
    pub rope: Rope,
    pub version: i32,
    pub dump: Arc<Dump>,
    /// Symbols of the document's articles, kept across versions.
    pub symbols: SharedSymbolCache,
    /// Diagnostics of the document's findings, kept across versions.
    pub diagnostics: SharedDiagnosticCache,
    /// How long analysing this version took (whoever did it).
    pub analysis_cost: Duration,
}

impl Snapshot {
    /// The LSP range of `range`, a byte range of the text analysed; through the
    /// analysis's line index, which is quicker than the rope for the many ranges of a big
    /// answer.
    pub fn range(&self, range: std::ops::Range<usize>, enc: Encoding) -> Range {
        range_in(&self.rope, &self.dump.lines, range, enc)
    }
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
            base: None,
            splices: Vec::new(),
            floor: version,
            symbols: SharedSymbolCache::default(),
            diagnostics: SharedDiagnosticCache::default(),
            analysing: Arc::default(),
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
        // The analysis of the old version holds its dump: let go of it first, so that it
        // is updated in place rather than copied whenever no reader holds it.
        doc.analysis = Arc::default();
        // A change of the whole text is one splice over everything anyway.
        if let Some(range) = changes.first().and_then(|c| c.range) {
            doc.catch_up_unless_near(to_offsets(&doc.rope, range, enc).start);
        }
        for change in changes {
            let splice = apply_change(&mut doc.rope, change, enc);
            doc.splices.push((version, splice));
        }
        if doc.splices.len() > MAX_SPLICES {
            doc.base = None;
            doc.splices.clear();
            doc.floor = version;
        }
        doc.version = version;
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
    pub fn snapshot(&self, uri: &Uri, rules: &Arc<Rules>, max_bytes: usize) -> Option<Snapshot> {
        let (rope, version, cell, symbols, diagnostics, analysing) = {
            let docs = self.lock();
            let doc = docs.get(uri)?;
            (
                doc.rope.clone(),
                doc.version,
                doc.analysis.clone(),
                doc.symbols.clone(),
                doc.diagnostics.clone(),
                doc.analysing.clone(),
            )
        };
        let analysed = cell.get_or_init(|| {
            let _one_at_a_time = analysing.lock().unwrap_or_else(|e| e.into_inner());
            let started = Instant::now();
            let outline_only = rope.len_bytes() > max_bytes;
            let job = Job {
                uri,
                opened: &analysing,
                version,
                rules,
                outline_only,
            };
            // An update re-reads what the splice covers on one thread; a fresh analysis
            // uses every core, so it wins once the splice covers most of the text.
            let base = self
                .take_base(&job)
                .filter(|(_, splice)| splice.new_end - splice.start <= rope.len_bytes() / 2);
            let dump = match base {
                Some((dump, splice)) => {
                    // Unshared unless a reader still holds the old version: then copy.
                    let mut dump = Arc::try_unwrap(dump).unwrap_or_else(|d| (*d).clone());
                    dump.update(&rope, splice, rules);
                    dump
                }
                None if outline_only => Dump::outline_only(&rope, rules),
                None => {
                    let dump = Dump::analyse(&rope, rules);
                    // The headline and caption rules' caches on every core: the people
                    // join that follows needs other regexes, and with both sets held its
                    // peak would be the server's.
                    crate::parallel::release_regex_caches();
                    dump
                }
            };
            let dump = Arc::new(dump);
            self.set_base(&job, &dump);
            Analysed {
                cost: started.elapsed(),
                dump,
            }
        });
        Some(Snapshot {
            rope,
            version,
            dump: analysed.dump.clone(),
            symbols,
            diagnostics,
            analysis_cost: analysed.cost,
        })
    }

    /// The document's base with the one splice from it to the job's version, if the
    /// document is still the one the job started on and has a base no newer, made with
    /// the same rules and mode. Splices past the job's version stay for the next one.
    fn take_base(&self, job: &Job<'_>) -> Option<(Arc<Dump>, Splice)> {
        let (version, rules, outline_only) = (job.version, job.rules, job.outline_only);
        let mut docs = self.lock();
        let doc = job.document(&mut docs)?;
        if doc.base.as_ref().is_none_or(|b| b.version > version) {
            return None;
        }
        let base = doc.base.take()?;
        if !Arc::ptr_eq(&base.rules, rules) || base.outline_only != outline_only {
            return None;
        }
        let splice = doc
            .splices
            .iter()
            .filter(|(v, _)| *v > base.version && *v <= version)
            .map(|(_, s)| *s)
            .reduce(Splice::then)
            .unwrap_or(Splice {
                start: 0,
                old_end: 0,
                new_end: 0,
            });
        if doc.splices.iter().any(|(v, _)| *v > version) {
            // Edits beyond this version arrived meanwhile; they stay for the next base.
            doc.splices.retain(|(v, _)| *v > version);
        } else {
            doc.splices.clear();
        }
        Some((base.dump, splice))
    }

    /// Keeps `dump`, the job's analysis, as the base of the next one, if the document
    /// is still the one the job started on.
    fn set_base(&self, job: &Job<'_>, dump: &Arc<Dump>) {
        let version = job.version;
        let mut docs = self.lock();
        let Some(doc) = job.document(&mut docs) else {
            return;
        };
        if version < doc.floor || doc.base.as_ref().is_some_and(|b| b.version >= version) {
            return;
        }
        doc.splices.retain(|(v, _)| *v > version);
        doc.base = Some(Base {
            version,
            dump: dump.clone(),
            rules: job.rules.clone(),
            outline_only: job.outline_only,
        });
    }

    /// Drops every cached analysis (the rules changed).
    pub fn invalidate_all(&self) {
        for doc in self.lock().values_mut() {
            doc.analysis = Arc::default();
            doc.base = None;
            doc.splices.clear();
            doc.floor = doc.version;
        }
    }
}

/// Applies one content change to the rope: a ranged edit, or the whole text when there
/// is no range. Returns the splice it made.
fn apply_change(rope: &mut Rope, change: &TextDocumentContentChangeEvent, enc: Encoding) -> Splice {
    let bytes = match change.range {
        Some(range) => {
            let bytes = to_offsets(rope, range, enc);
            let start = rope.byte_to_char(bytes.start);
            let end = rope.byte_to_char(bytes.end);
            rope.remove(start..end);
            rope.insert(start, &change.text);
            bytes
        }
        None => {
            let old = 0..rope.len_bytes();
            *rope = Rope::from_str(&change.text);
            old
        }
    };
    Splice {
        start: bytes.start,
        old_end: bytes.end,
        new_end: bytes.start + change.text.len(),
    }
}
