//! The language server: capability negotiation and one thin handler per request kind,
//! each mapping analysis results to protocol types through the modules beside it.

use std::sync::{Arc, RwLock};

use serde_json::Value;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer, LspService, Server};

use super::documents::{ChangeOutcome, Documents, Snapshot};
use super::folding::folding_ranges;
use super::position::Encoding;
use super::settings::Settings;
use super::symbols::document_symbols;
use crate::analysis::Rules;

#[derive(Debug, Default)]
struct Config {
    encoding: Encoding,
    settings: Settings,
    rules: Arc<Rules>,
    /// Problems with the initial settings, shown once the client is ready.
    settings_errors: Vec<String>,
}

#[derive(Debug)]
pub struct Backend {
    client: Client,
    docs: Documents,
    config: RwLock<Config>,
}

/// Serves LSP on stdin/stdout until the client says `exit`.
pub async fn serve_stdio() {
    let (service, socket) = LspService::new(|client| Backend {
        client,
        docs: Documents::default(),
        config: RwLock::new(Config::default()),
    });
    Server::new(tokio::io::stdin(), tokio::io::stdout(), socket)
        .serve(service)
        .await;
}

impl Backend {
    fn encoding(&self) -> Encoding {
        self.config
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .encoding
    }

    fn rules(&self) -> Arc<Rules> {
        self.config
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .rules
            .clone()
    }

    fn snapshot(&self, uri: &Uri) -> Option<Snapshot> {
        let snap = self.docs.snapshot(uri, &self.rules());
        if snap.is_none() {
            log(&format!(
                "request for a document that is not open: {}",
                uri.as_str()
            ));
        }
        snap
    }

    /// Takes new settings; returns the problems to show the user.
    fn apply_settings(&self, value: &Value) -> Vec<String> {
        let settings = match Settings::from_json(value) {
            Ok(s) => s,
            Err(e) => return vec![e],
        };
        let (rules, errors) = Rules::compile(&settings.rule_patterns());
        let mut config = self.config.write().unwrap_or_else(|e| e.into_inner());
        config.settings = settings;
        config.rules = Arc::new(rules);
        drop(config);
        self.docs.invalidate_all();
        errors
    }

    async fn show_errors(&self, errors: Vec<String>) {
        for e in errors {
            log(&e);
            self.client.show_message(MessageType::WARNING, e).await;
        }
    }
}

/// Logs go to stderr: stdout is the protocol.
pub fn log(msg: &str) {
    eprintln!("[newsdump-ls] {msg}");
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let offered = params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref());
        let encoding = Encoding::negotiate(offered);
        self.config
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .encoding = encoding;
        if let Some(options) = &params.initialization_options {
            // Shown once the client is ready to receive messages, in `initialized`.
            let errors = self.apply_settings(options);
            self.config
                .write()
                .unwrap_or_else(|e| e.into_inner())
                .settings_errors = errors;
        }
        Ok(InitializeResult {
            server_info: Some(ServerInfo {
                name: "newsdump-ls".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            capabilities: ServerCapabilities {
                position_encoding: Some(encoding.kind()),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                        ..Default::default()
                    },
                )),
                document_symbol_provider: Some(OneOf::Right(DocumentSymbolOptions {
                    label: Some("News dump".into()),
                    work_done_progress_options: Default::default(),
                })),
                folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
                ..ServerCapabilities::default()
            },
            ..InitializeResult::default()
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let errors = std::mem::take(
            &mut self
                .config
                .write()
                .unwrap_or_else(|e| e.into_inner())
                .settings_errors,
        );
        self.show_errors(errors).await;
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        self.docs.open(doc.uri, &doc.text, doc.version);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let doc = params.text_document;
        match self.docs.change(
            &doc.uri,
            doc.version,
            &params.content_changes,
            self.encoding(),
        ) {
            ChangeOutcome::Applied => {}
            ChangeOutcome::UnknownDocument => log(&format!(
                "change to a document that is not open: {}",
                doc.uri.as_str()
            )),
            ChangeOutcome::Stale { have, got } => log(&format!(
                "ignored change to {} with version {got}: already at version {have}",
                doc.uri.as_str()
            )),
        }
    }

    async fn did_save(&self, _: DidSaveTextDocumentParams) {}

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        self.docs.close(&params.text_document.uri);
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let errors = self.apply_settings(&params.settings);
        self.show_errors(errors).await;
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let Some(snap) = self.snapshot(&params.text_document.uri) else {
            return Ok(None);
        };
        Ok(Some(DocumentSymbolResponse::Nested(document_symbols(
            &snap,
            self.encoding(),
        ))))
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        Ok(self
            .snapshot(&params.text_document.uri)
            .map(|snap| folding_ranges(&snap)))
    }
}
