//! newsdump-ls: a language server and command line for news dumps.
//!
//! `analysis` is plain Rust over text; `lsp` adapts it to the protocol; `cli` prints it;
//! `parallel` splits work over the cores for both; `memory` hands freed memory back.

pub mod analysis;
pub mod cli;
pub mod lsp;
pub mod memory;
pub mod parallel;
pub mod thread_regex;
