//! The command line: serve LSP (the default), or run the same analysis on files.

/// `print!` for what the commands print: a reader that closes the pipe early
/// (`newsdump-ls outline big.txt | head`) ends the program quietly, where `print!` would
/// panic.
macro_rules! out {
    ($($arg:tt)*) => {
        crate::cli::write_out(format_args!($($arg)*))
    };
}

/// `println!` with the same care as [`out!`].
macro_rules! outln {
    ($($arg:tt)*) => {
        crate::cli::write_out(format_args!("{}\n", format_args!($($arg)*)))
    };
}

mod bench;
mod check;
mod entities;
mod files;
mod outline;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "newsdump-ls",
    version,
    about = "Language server and command line for news dumps (plain-text files of scraped articles).",
    long_about = "Language server and command line for news dumps.\n\n\
                  With no command (or with --stdio) it serves the Language Server Protocol on \
                  stdin/stdout; logs go to stderr.",
    args_conflicts_with_subcommands = true
)]
struct Args {
    /// Serve LSP on stdin/stdout: what runs when no command is given, spelled out for
    /// clients that pass it. Clap refuses it next to a command, so nothing reads it.
    #[arg(long)]
    stdio: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print each article with its line, captions, sections and interview questions.
    Outline {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print diagnostics as FILE:LINE:COL: severity: message. Exits 1 when there are
    /// warnings or errors, 2 when a file cannot be read.
    Check {
        /// Remove duplicated captions in place (each file rewritten atomically, and only
        /// when something is removed), print what was removed, then check what is left.
        #[arg(long)]
        fix: bool,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print every person (with roles, other forms and mentions) and every figure.
    Entities {
        /// Print JSON (0-based lines, UTF-16 columns) instead of a table.
        #[arg(long)]
        json: bool,
        file: PathBuf,
    },
    /// Time the server's code paths on a big generated dump and print the figures.
    Bench {
        /// Size of the generated dump in MB.
        #[arg(long, default_value_t = 10.0)]
        size: f64,
        /// Dumps to repeat (default: the sample the project ships).
        #[arg(long = "seed")]
        seeds: Vec<PathBuf>,
        /// How many one-character edits to time.
        #[arg(long, default_value_t = 20)]
        edits: usize,
    },
}

pub fn main() -> ExitCode {
    let args = Args::parse();
    match args.command {
        None => {
            serve();
            ExitCode::SUCCESS
        }
        Some(Command::Outline { json, files }) => outline::run(&files, json),
        Some(Command::Check { fix, files }) => check::run(&files, fix),
        Some(Command::Entities { json, file }) => entities::run(&file, json),
        Some(Command::Bench { size, seeds, edits }) => bench::run(size, &seeds, edits),
    }
}

fn write_out(args: std::fmt::Arguments<'_>) {
    use std::io::Write;
    if let Err(e) = std::io::stdout().lock().write_fmt(args) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("newsdump-ls: cannot write the output: {e}");
        }
        std::process::exit(if e.kind() == std::io::ErrorKind::BrokenPipe {
            0
        } else {
            2
        });
    }
}

fn serve() {
    crate::memory::limit_arenas();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    runtime.block_on(crate::lsp::serve_stdio());
}
