//! Findings: what the analysis has to say about a dump, in plain terms. The server turns
//! them into diagnostics and code actions, the command line into `FILE:LINE:COL` lines
//! and `--fix` edits.

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Information,
    Hint,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "info",
            Severity::Hint => "hint",
        }
    }
}

/// A text edit in byte offsets, with the text it expects to replace, so that a fix
/// computed on one version can refuse to apply to another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub expected: String,
    pub replacement: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
    /// Part of "fix all": the safe, default fix for this finding.
    pub preferred: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub range: Range<usize>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub range: Range<usize>,
    pub related: Vec<Related>,
    pub fixes: Vec<Fix>,
}

/// Why a set of edits could not be applied. Nothing is applied then.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// The range is outside the text or cuts a character in two.
    OutOfBounds(Range<usize>),
    /// Two edits touch the same text.
    Overlap(Range<usize>, Range<usize>),
    /// The text at the range is no longer what the edit was computed on.
    Stale(Range<usize>),
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::OutOfBounds(r) => write!(f, "edit {r:?} is outside the text"),
            EditError::Overlap(a, b) => write!(f, "edits {a:?} and {b:?} overlap"),
            EditError::Stale(r) => write!(f, "the text at {r:?} has changed"),
        }
    }
}

/// Applies `edits` to `text`, from the end backwards. Every edit must still find its
/// `expected` text and none may overlap another (two insertions at one offset count as
/// overlapping); otherwise nothing is applied.
pub fn apply_edits(text: &str, edits: &[&Edit]) -> Result<String, EditError> {
    let mut sorted: Vec<&Edit> = edits.to_vec();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    for pair in sorted.windows(2) {
        let (a, b) = (&pair[0].range, &pair[1].range);
        if b.start < a.end || (a.start == b.start && a.is_empty()) {
            return Err(EditError::Overlap(a.clone(), b.clone()));
        }
    }
    for e in &sorted {
        match text.get(e.range.clone()) {
            None => return Err(EditError::OutOfBounds(e.range.clone())),
            Some(t) if t != e.expected => return Err(EditError::Stale(e.range.clone())),
            Some(_) => {}
        }
    }
    let mut out = text.to_string();
    for e in sorted.iter().rev() {
        out.replace_range(e.range.clone(), &e.replacement);
    }
    Ok(out)
}

/// The preferred fix of each finding, skipping any whose edits overlap a fix already
/// taken (in the order of `findings`), so that the result can go to [`apply_edits`].
pub fn compatible_preferred_fixes(findings: &[Finding]) -> Vec<(&Finding, &Fix)> {
    let mut taken: Vec<(&Finding, &Fix)> = Vec::new();
    for f in findings {
        let Some(fix) = f.fixes.iter().find(|x| x.preferred) else {
            continue;
        };
        let clashes = fix.edits.iter().any(|e| {
            taken
                .iter()
                .flat_map(|(_, t)| &t.edits)
                .any(|t| overlaps(&e.range, &t.range))
        });
        if !clashes {
            taken.push((f, fix));
        }
    }
    taken
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end || (a.start == b.start && (a.is_empty() || b.is_empty()))
}

/// One fix applied by [`fix_all`], placed in the text as it was before any fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedFix {
    pub code: &'static str,
    pub title: String,
    /// The finding's range in the original text.
    pub range: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixAll {
    pub text: String,
    /// In the order of the original text.
    pub applied: Vec<AppliedFix>,
}

/// Passes of [`fix_all`]: one is the rule; another is needed only when two fixes
/// touched the same blank lines.
const MAX_FIX_PASSES: usize = 8;

/// Applies every preferred fix: the same as "fix all" in an editor and `check --fix`.
/// Fixes that overlap are left for another pass over the fixed text, so the result
/// has no preferred fix left (applying it again changes nothing).
pub fn fix_all(text: &str, rules: &super::Rules) -> FixAll {
    let mut current = text.to_string();
    let mut applied = Vec::new();
    // Each pass's edits as (range in that pass's text, replacement length), to place
    // later passes' findings back in the original text.
    let mut passes: Vec<Vec<(Range<usize>, usize)>> = Vec::new();
    for _ in 0..MAX_FIX_PASSES {
        let dump = super::Dump::analyse(&current, rules);
        let fixes = compatible_preferred_fixes(&dump.findings);
        let edits: Vec<&Edit> = fixes.iter().flat_map(|(_, fix)| &fix.edits).collect();
        if edits.is_empty() {
            break;
        }
        let Ok(next) = apply_edits(&current, &edits) else {
            break;
        };
        for (finding, fix) in &fixes {
            let back = |offset| to_original(&passes, offset);
            applied.push(AppliedFix {
                code: finding.code,
                title: fix.title.clone(),
                range: back(finding.range.start)..back(finding.range.end),
            });
        }
        let mut shifts: Vec<_> = edits
            .iter()
            .map(|e| (e.range.clone(), e.replacement.len()))
            .collect();
        shifts.sort_by_key(|(r, _)| r.start);
        passes.push(shifts);
        current = next;
    }
    applied.sort_by_key(|a| a.range.start);
    FixAll {
        text: current,
        applied,
    }
}

/// Maps an offset in the text after `passes` back to the original text. Offsets that
/// fell inside a replaced range map to its start.
fn to_original(passes: &[Vec<(Range<usize>, usize)>], mut offset: usize) -> usize {
    for edits in passes.iter().rev() {
        let mut shift: isize = 0;
        for (range, new_len) in edits {
            let new_start = (range.start as isize + shift) as usize;
            if offset < new_start {
                break;
            }
            if offset < new_start + new_len {
                offset = range.start;
                shift = 0;
                break;
            }
            shift += *new_len as isize - range.len() as isize;
        }
        offset = (offset as isize - shift) as usize;
    }
    offset
}
