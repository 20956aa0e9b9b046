//! The protocol adapter: documents, position encodings and one module per request
//! kind, mapping the analysis to LSP types.

pub mod code_actions;
pub mod diagnostics;
pub mod documents;
pub mod folding;
pub mod json;
pub mod navigation;
pub mod placed;
pub mod position;
pub mod server;
pub mod settings;
pub mod symbols;
mod transport;

pub use server::serve_stdio;
