//! `newsdump-ls check`: diagnostics as `FILE:LINE:COL: severity: message`, and with
//! `--fix` the preferred fixes (removing duplicated captions) written back to the file.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::files::{column, read_dump};
use crate::analysis::duplicates::NEAR_DUPLICATE;
use crate::analysis::findings::fix_all;
use crate::analysis::text::{flatten, shorten};
use crate::analysis::{Dump, LineIndex, Rules, Severity};

pub fn run(files: &[PathBuf], fix: bool) -> ExitCode {
    let rules = Rules::default();
    let mut failed = false;
    let mut problems = false;
    for path in files {
        let mut text = match read_dump(path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("newsdump-ls: {e}");
                failed = true;
                continue;
            }
        };
        if fix {
            match fix_file(path, &text, &rules) {
                Ok(Some(fixed)) => text = fixed,
                Ok(None) => {}
                Err(e) => {
                    eprintln!("newsdump-ls: {e}");
                    failed = true;
                }
            }
        }
        let dump = Dump::analyse(&text, &rules);
        for f in &dump.all_findings(&text) {
            let line = dump.lines.line_of(f.range().start);
            let col = column(&text, dump.lines.line_start(line), f.range().start);
            outln!(
                "{}:{}:{}: {}: {} [{}]",
                path.display(),
                line + 1,
                col,
                f.severity.name(),
                f.message(&dump.lines),
                f.code
            );
            problems |= f.severity <= Severity::Warning;
        }
    }
    if failed {
        ExitCode::from(2)
    } else if problems {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Applies every preferred fix to the file and reports each, or leaves the file alone
/// (not even rewritten) when there is none. Returns the new text when it changed.
fn fix_file(path: &Path, text: &str, rules: &Rules) -> Result<Option<String>, String> {
    let fixed = fix_all(text, rules);
    if fixed.applied.is_empty() {
        return Ok(None);
    }
    write_atomically(path, &fixed.text)
        .map_err(|e| format!("{}: cannot write the fixed file: {e}", path.display()))?;
    let lines = LineIndex::new(text);
    for a in &fixed.applied {
        let what = if a.code == NEAR_DUPLICATE {
            "near-duplicate caption"
        } else {
            "duplicate caption"
        };
        outln!(
            "{}:{}: removed {what}: {}",
            path.display(),
            lines.line_of(a.range.start) + 1,
            shorten(&flatten(&text[a.range.clone()]), 60)
        );
    }
    Ok(Some(fixed.text))
}

/// Writes through a temporary file in the same folder and renames it over `path`, so
/// that the file is either the old or the new text, never half of one. The file keeps
/// its permissions; a symbolic link is followed, so the link stays a link.
fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let target = std::fs::canonicalize(path)?;
    let path = target.as_path();
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = dir.join(format!(".{name}.newsdump-ls-{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        file.write_all(text.as_bytes())?;
        file.set_permissions(std::fs::metadata(path)?.permissions())?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
