//! `newsdump-ls check`: diagnostics as `FILE:LINE:COL: severity: message`.

use std::path::PathBuf;
use std::process::ExitCode;

use super::files::{column, read_dump};
use crate::analysis::{Dump, Rules, Severity};

pub fn run(files: &[PathBuf]) -> ExitCode {
    let rules = Rules::default();
    let mut unreadable = false;
    let mut problems = false;
    for path in files {
        let text = match read_dump(path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("newsdump-ls: {e}");
                unreadable = true;
                continue;
            }
        };
        let dump = Dump::analyse(&text, &rules);
        for f in &dump.findings {
            let line = dump.lines.line_of(f.range.start);
            let col = column(&text, dump.lines.line_start(line), f.range.start);
            println!(
                "{}:{}:{}: {}: {} [{}]",
                path.display(),
                line + 1,
                col,
                f.severity.name(),
                f.message,
                f.code
            );
            problems |= f.severity <= Severity::Warning;
        }
    }
    if unreadable {
        ExitCode::from(2)
    } else if problems {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
