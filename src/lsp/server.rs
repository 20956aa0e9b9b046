//! The language server: capability negotiation and one thin handler per request kind,
//! each mapping analysis results to protocol types through the modules beside it.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::notification::{Notification, PublishDiagnostics};
use tower_lsp_server::ls_types::request::{
    DocumentDiagnosticRequest, DocumentSymbolRequest, FoldingRangeRequest, Request,
};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer, LspService};

use super::code_actions::{code_actions, fix_all_kind};
use super::diagnostics::{Diagnostics, article_diagnostics, diagnostics};
use super::documents::{ChangeOutcome, Documents, Snapshot};
use super::folding::folding_ranges;
use super::json::Json;
use super::navigation;
use super::position::Encoding;
use super::settings::Settings;
use super::symbols::{document_symbols, document_symbols_json};
use super::transport::{self, Answer, Direct, Outbox};
use crate::analysis::{DetachedJoin, Rules};

/// How long a burst of edits must pause before diagnostics are computed: half what the
/// last analysis of the document took, within these bounds, so that a big dump does not
/// start an analysis on every keystroke while a small one answers at once.
const MIN_DEBOUNCE: Duration = Duration::from_millis(5);
const MAX_DEBOUNCE: Duration = Duration::from_millis(250);

#[derive(Debug, Default)]
struct Config {
    encoding: Encoding,
    /// The client pulls diagnostics (`textDocument/diagnostic`), so none are pushed.
    pull_diagnostics: bool,
    /// The client accepts `workspace/diagnostic/refresh`.
    diagnostic_refresh: bool,
    settings: Arc<Settings>,
    rules: Arc<Rules>,
    /// Problems with the initial settings, shown once the client is ready.
    settings_errors: Vec<String>,
}

/// State shared with background tasks.
#[derive(Debug, Default)]
struct Shared {
    docs: Documents,
    config: RwLock<Config>,
    tracking: Mutex<HashMap<Uri, Tracking>>,
}

/// What the server follows per open document, besides its text.
#[derive(Debug, Default)]
struct Tracking {
    /// Bumped on every change: a diagnostics task that finds the number moved on knows
    /// a newer edit superseded it.
    generation: u64,
    /// How long the last analysis took.
    analysis_cost: Duration,
    /// The user has been told the document is over the size limit.
    told_too_big: bool,
    /// The diagnostics last published hold some the people join made.
    joined_shown: bool,
}

/// How long typing must pause before the people join runs for the name variants.
const JOIN_PAUSE: Duration = Duration::from_millis(300);

#[derive(Debug)]
pub struct Backend {
    client: Client,
    shared: Arc<Shared>,
    /// Diagnostics go out through this, not `client`: see [`transport`].
    outbox: Outbox,
}

/// Serves LSP on stdin/stdout until the client says `exit`.
pub async fn serve_stdio() {
    let shared = Arc::<Shared>::default();
    let (outbox, sent) = transport::outbox();
    let mut made = None;
    let (service, socket) = LspService::new(|client| {
        made = Some(client.clone());
        Backend {
            client,
            shared: shared.clone(),
            outbox,
        }
    });
    let client = made.expect("LspService::new makes the backend at once");
    let direct = Arc::new(BigAnswers { shared, client });
    transport::serve_stdio(service, socket, direct, sent).await;
}

/// The requests with the biggest answers, written as JSON without the `serde_json::Value`
/// tree tower-lsp-server would build: the outline, the folding ranges and pulled
/// diagnostics.
struct BigAnswers {
    shared: Arc<Shared>,
    client: Client,
}

impl Direct for BigAnswers {
    fn handles(&self, method: &str) -> bool {
        matches!(
            method,
            DocumentSymbolRequest::METHOD
                | FoldingRangeRequest::METHOD
                | DocumentDiagnosticRequest::METHOD
        )
    }

    fn answer(&self, method: &str, params: Value) -> Answer {
        let shared = self.shared.clone();
        match method {
            DocumentSymbolRequest::METHOD => answer_as_json(
                shared,
                "documentSymbol",
                params,
                |p: DocumentSymbolParams| {
                    (p.text_document.uri, |snap, shared| {
                        Ok(document_symbols_json(snap, shared.encoding()))
                    })
                },
            ),
            FoldingRangeRequest::METHOD => {
                answer_as_json(shared, "foldingRange", params, |p: FoldingRangeParams| {
                    (p.text_document.uri, |snap, _| {
                        serde_json::to_vec(&folding_ranges(snap)).map(Json::from)
                    })
                })
            }
            _ => {
                let client = self.client.clone();
                Box::pin(async move {
                    let params: DocumentDiagnosticParams = read_params(params)?;
                    pull(&shared, &client, params.text_document.uri, |d| d.report()).await
                })
            }
        }
    }
}

fn read_params<P: serde::de::DeserializeOwned>(params: Value) -> Result<P> {
    serde_json::from_value(params).map_err(|e| Error::invalid_params(e.to_string()))
}

/// Answers a request about one document, as [`Backend::query`] does, with the JSON of
/// the result that `read`'s function writes.
fn answer_as_json<P, F>(
    shared: Arc<Shared>,
    what: &'static str,
    params: Value,
    read: fn(P) -> (Uri, F),
) -> Answer
where
    P: serde::de::DeserializeOwned + 'static,
    F: FnOnce(&Snapshot, &Shared) -> serde_json::Result<Json> + Send + 'static,
{
    Box::pin(async move {
        let params: P = read_params(params)?;
        let (uri, answer) = read(params);
        let json = query(&shared, what, &uri, answer).await?;
        json.map_or(Ok(Json::from(b"null".to_vec())), |json| written(what, json))
    })
}

/// The JSON of an answer, or an internal error if it could not be written.
fn written(what: &str, json: serde_json::Result<Json>) -> Result<Json> {
    json.map_err(|e| {
        log(&format!(
            "internal error in {what}: {e}; the server goes on"
        ));
        Error::internal_error()
    })
}

fn outline(snap: &Snapshot, shared: &Shared) -> DocumentSymbolResponse {
    DocumentSymbolResponse::Nested(document_symbols(snap, shared.encoding()))
}

fn publish(outbox: &Outbox, uri: &Uri, diagnostics: &Diagnostics, version: Option<i32>) {
    let params = diagnostics.publish_params(uri, version);
    outbox.notify(PublishDiagnostics::METHOD, params);
}

/// Logs go to stderr: stdout is the protocol.
pub fn log(msg: &str) {
    eprintln!("[newsdump-ls] {msg}");
}

/// Runs a handler body, turning a panic into an internal error so the server goes on.
fn guarded<T>(what: &str, body: impl FnOnce() -> T) -> Result<T> {
    catch_unwind(AssertUnwindSafe(body)).map_err(|_| {
        log(&format!("internal error in {what}; the server goes on"));
        Error::internal_error()
    })
}

impl Shared {
    fn config(&self) -> std::sync::RwLockReadGuard<'_, Config> {
        self.config.read().unwrap_or_else(|e| e.into_inner())
    }

    fn config_mut(&self) -> std::sync::RwLockWriteGuard<'_, Config> {
        self.config.write().unwrap_or_else(|e| e.into_inner())
    }

    fn encoding(&self) -> Encoding {
        self.config().encoding
    }

    fn settings(&self) -> Arc<Settings> {
        self.config().settings.clone()
    }

    fn snapshot(&self, uri: &Uri) -> Option<Snapshot> {
        let (rules, max_bytes) = {
            let config = self.config();
            (config.rules.clone(), config.settings.max_file_size())
        };
        let snap = self.docs.snapshot(uri, &rules, max_bytes);
        if snap.is_none() {
            log(&format!(
                "request for a document that is not open: {}",
                uri.as_str()
            ));
        }
        snap
    }

    /// Reads or updates what is tracked for `uri`.
    fn track<T>(&self, uri: &Uri, f: impl FnOnce(&mut Tracking) -> T) -> T {
        let mut tracking = self.tracking.lock().unwrap_or_else(|e| e.into_inner());
        f(tracking.entry(uri.clone()).or_default())
    }

    fn bump_generation(&self, uri: &Uri) -> u64 {
        self.track(uri, |t| {
            t.generation += 1;
            t.generation
        })
    }

    /// The current generation; 0 once the document is closed.
    fn generation(&self, uri: &Uri) -> u64 {
        let tracking = self.tracking.lock().unwrap_or_else(|e| e.into_inner());
        tracking.get(uri).map_or(0, |t| t.generation)
    }

    fn debounce(&self, uri: &Uri) -> Duration {
        self.track(uri, |t| t.analysis_cost / 2)
            .clamp(MIN_DEBOUNCE, MAX_DEBOUNCE)
    }

    /// Takes new settings; returns the problems to show the user.
    fn apply_settings(&self, value: &Value) -> Vec<String> {
        let settings = match self.settings().updated(value) {
            Ok(s) => s,
            Err(e) => return vec![e],
        };
        let (rules, errors) = Rules::compile(&settings.rule_patterns());
        let mut config = self.config_mut();
        config.settings = Arc::new(settings);
        config.rules = Arc::new(rules);
        drop(config);
        self.docs.invalidate_all();
        errors
    }
}

fn full_report(items: Vec<Diagnostic>) -> DocumentDiagnosticReportResult {
    DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(
        RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: FullDocumentDiagnosticReport {
                result_id: None,
                items,
            },
        },
    ))
}

/// Every diagnostic of `uri` at `version`, the people join's included: the join runs cut
/// loose from the snapshot ([`join_detached`]), the diagnostics are made from a fresh one,
/// then [`crate::memory::after_join`]. `None` when the document is not open or is past
/// `version`, or a step failed (it is logged).
async fn joined_diagnostics(shared: &Arc<Shared>, uri: &Uri, version: i32) -> Option<Diagnostics> {
    if !join_detached(shared, uri, Some(version)).await {
        return None;
    }
    let all = blocking(shared, uri, move |snap, shared, uri| {
        (snap.version == version).then(|| {
            let config = shared.config();
            let all = diagnostics(uri, snap, &config.settings, config.encoding);
            crate::memory::after_join();
            all
        })
    });
    match all.await {
        Ok(all) => all.flatten(),
        Err(e) => {
            log(&format!("diagnostics for {} failed: {e}", uri.as_str()));
            None
        }
    }
}

/// Joins the people of `uri` at `version` cut loose from its snapshot (see
/// [`crate::analysis::Dump::detach_join`]): the join holds the articles' scans, not the
/// version, so that an edit while it runs updates the analysis in place rather than
/// copying it (the text, a rope, is shared either way). The people go to the analysis
/// they were joined from; an edit meanwhile gives the document a new one, which joins
/// its own. Nothing is joined once the document is past `version`, if one is given: the
/// pause in typing the caller waited for was before an edit; without one, the version
/// open now is joined (for an answer that reads the people: a hover, a highlight).
/// `false` when a step failed: it is logged, and an answer then joins under its snapshot.
async fn join_detached(shared: &Arc<Shared>, uri: &Uri, version: Option<i32>) -> bool {
    let joined = detach_and_join(shared, uri, version).await;
    if let Err(e) = &joined {
        log(&format!("people join for {} failed: {e}", uri.as_str()));
    }
    joined.is_ok()
}

/// [`join_detached`]'s steps.
async fn detach_and_join(
    shared: &Arc<Shared>,
    uri: &Uri,
    version: Option<i32>,
) -> std::result::Result<(), tokio::task::JoinError> {
    let detached = blocking(shared, uri, move |snap, _, _| {
        let past = version.is_some_and(|v| v != snap.version);
        if past || snap.dump.entities_if_joined().is_some() {
            return None;
        }
        // Typing has paused: the edits' thread gives its regex caches back while the
        // articles are read.
        crate::parallel::release_small_work_caches();
        snap.dump.detach_join(&snap.rope)
    });
    let Some(Some(join)) = detached.await? else {
        return Ok(());
    };
    // The articles are read: the join itself runs no regex, so rayon's workers can give
    // back their regex caches now rather than after it, below the join's own peak.
    crate::parallel::release_regex_caches();
    run_detached(join).await
}

/// Runs `join` on a blocking thread, no snapshot held, then hands its scratch memory
/// back: the diagnostics made next may run on another thread, from another arena.
async fn run_detached(join: DetachedJoin) -> std::result::Result<(), tokio::task::JoinError> {
    tokio::task::spawn_blocking(move || {
        join.run();
        crate::memory::give_back();
    })
    .await
}

/// Runs `f` on a snapshot of `uri` on a blocking thread, so that analysis never stalls
/// the runtime; `None` when the document is not open, an error when `f` panicked.
async fn blocking<T: Send + 'static>(
    shared: &Arc<Shared>,
    uri: &Uri,
    f: impl FnOnce(&Snapshot, &Shared, &Uri) -> T + Send + 'static,
) -> std::result::Result<Option<T>, tokio::task::JoinError> {
    let shared = shared.clone();
    let uri = uri.clone();
    tokio::task::spawn_blocking(move || {
        let snap = shared.snapshot(&uri)?;
        Some(f(&snap, &shared, &uri))
    })
    .await
}

/// See [`Backend::query`].
async fn query<T: Send + 'static>(
    shared: &Arc<Shared>,
    what: &'static str,
    uri: &Uri,
    answer: impl FnOnce(&Snapshot, &Shared) -> T + Send + 'static,
) -> Result<Option<T>> {
    blocking(shared, uri, |snap, shared, _| answer(snap, shared))
        .await
        .map_err(|e| {
            log(&format!(
                "internal error in {what}: {e}; the server goes on"
            ));
            Error::internal_error()
        })
}

/// A pulled diagnostics report for `uri`, made into `T` by `finish` on the blocking
/// thread. As with pushed diagnostics: the articles' own at once, and the people join's
/// name variants by asking the client to pull again once the join is done, unless name
/// variants are on screen (they would blink) or the client cannot be asked.
async fn pull<T: Send + 'static>(
    shared: &Arc<Shared>,
    client: &Client,
    uri: Uri,
    finish: fn(Diagnostics) -> T,
) -> Result<T> {
    // Diagnostics that need the people join get it cut loose from the snapshot (see
    // `join_detached`), then are made from a fresh one.
    let mut joined = false;
    loop {
        let for_uri = uri.clone();
        let answer = query(shared, "diagnostic", &uri, move |snap, shared| {
            let config = shared.config();
            let unjoined = snap.dump.entities_if_joined().is_none();
            let later = config.diagnostic_refresh
                && unjoined
                && !shared.track(&for_uri, |t| t.joined_shown);
            if later {
                let diags = article_diagnostics(&for_uri, snap, &config.settings, config.encoding);
                return Pulled::Report(finish(diags), Some(snap.version));
            }
            if unjoined && !joined {
                return Pulled::Join(snap.version);
            }
            let diags = diagnostics(&for_uri, snap, &config.settings, config.encoding);
            if unjoined || joined {
                crate::memory::after_join();
            }
            shared.track(&for_uri, |t| t.joined_shown = diags.from_join);
            Pulled::Report(finish(diags), None)
        })
        .await?;
        match answer {
            None => return Ok(finish(Diagnostics::default())),
            Some(Pulled::Join(version)) => {
                join_detached(shared, &uri, Some(version)).await;
                // Once: if an edit came meanwhile, the next snapshot joins itself.
                joined = true;
            }
            Some(Pulled::Report(report, join_pending)) => {
                if let Some(version) = join_pending {
                    refresh_after_join(shared.clone(), client.clone(), uri, version);
                }
                return Ok(report);
            }
        }
    }
}

/// What a pull's snapshot gave: the report, with the version whose people join is to
/// follow (for a client asked to pull again), or the version to join people for first.
enum Pulled<T> {
    Report(T, Option<i32>),
    Join(i32),
}

/// For a pulling client: after a pause in typing, joins the people of `uri` at
/// `version` and, if that gives name variants, asks the client to pull again.
fn refresh_after_join(shared: Arc<Shared>, client: Client, uri: Uri, version: i32) {
    tokio::spawn(async move {
        tokio::time::sleep(JOIN_PAUSE).await;
        let joined = joined_diagnostics(&shared, &uri, version).await;
        if joined.is_some_and(|all| all.from_join)
            && let Err(e) = client.workspace_diagnostic_refresh().await
        {
            log(&format!("diagnostic refresh request failed: {e}"));
        }
    });
}

impl Backend {
    /// Answers a request from a snapshot of `uri`, on a blocking thread so analysis never
    /// stalls the runtime; `None` when the document is not open. A panic becomes an
    /// internal error and the server goes on.
    async fn query<T: Send + 'static>(
        &self,
        what: &'static str,
        uri: &Uri,
        answer: impl FnOnce(&Snapshot, &Shared) -> T + Send + 'static,
    ) -> Result<Option<T>> {
        query(&self.shared, what, uri, answer).await
    }

    /// As [`Backend::query`], for an answer that reads the people and figures: they are
    /// joined first ([`join_detached`], the version open now), with no snapshot held, so
    /// that a keystroke typed meanwhile is analysed in place rather than copying the
    /// analysis.
    async fn query_people<T: Send + 'static>(
        &self,
        what: &'static str,
        uri: &Uri,
        answer: impl FnOnce(&Snapshot, &Shared) -> T + Send + 'static,
    ) -> Result<Option<T>> {
        join_detached(&self.shared, uri, None).await;
        self.query(what, uri, answer).await
    }

    /// Tells the user, once each time a document grows past the size limit, that it
    /// gets an outline only.
    async fn check_size(&self, uri: &Uri) {
        let Some(size) = self.shared.docs.size(uri) else {
            return;
        };
        let limit = self.shared.settings().max_file_size();
        let first_time = self.shared.track(uri, |t| {
            let first = size > limit && !t.told_too_big;
            t.told_too_big = size > limit;
            first
        });
        if first_time {
            let msg = format!(
                "{} is {:.0} MB, over the {:.0} MB limit (newsdump maxFileSizeMb): only the \
                 outline is computed; diagnostics, hovers and references are off for it.",
                uri.as_str().rsplit('/').next().unwrap_or_default(),
                size as f64 / 1_048_576.0,
                limit as f64 / 1_048_576.0
            );
            log(&msg);
            self.client.show_message(MessageType::WARNING, msg).await;
        }
    }

    async fn show_errors(&self, errors: Vec<String>) {
        for e in errors {
            log(&e);
            self.client.show_message(MessageType::WARNING, e).await;
        }
    }

    /// Publishes diagnostics for `uri` after `delay`, unless a newer change came in
    /// meanwhile. The analysis runs on a blocking thread so the server keeps answering.
    fn schedule_diagnostics(&self, uri: Uri, delay: Duration) {
        if self.shared.config().pull_diagnostics {
            return;
        }
        let generation = self.shared.bump_generation(&uri);
        let shared = self.shared.clone();
        let outbox = self.outbox.clone();
        tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            if shared.generation(&uri) != generation {
                return;
            }
            // First what the edit's analysis gives (copied captions), then, once the
            // dump-wide people join is done, its name variants, if there are any. While
            // the diagnostics shown hold name variants, the first step is not published,
            // so that they do not blink off and on.
            let current = || shared.generation(&uri) == generation;
            let first = blocking(&shared, &uri, |snap, shared, uri| {
                let config = shared.config();
                shared.track(uri, |t| t.analysis_cost = snap.analysis_cost);
                let joined = snap.dump.entities_if_joined().is_some();
                let diags = if joined {
                    diagnostics(uri, snap, &config.settings, config.encoding)
                } else {
                    article_diagnostics(uri, snap, &config.settings, config.encoding)
                };
                (diags, snap.version, joined)
            });
            let (diags, version, joined) = match first.await {
                Ok(Some(first)) => first,
                Ok(None) => return,
                Err(e) => return log(&format!("diagnostics for {} failed: {e}", uri.as_str())),
            };
            if !current() {
                return;
            }
            let showing = shared.track(&uri, |t| t.joined_shown);
            if joined || !showing {
                // What the client shows from now on, whatever edit comes next: a newer
                // edit's first step must know name variants are on screen.
                shared.track(&uri, |t| t.joined_shown = diags.from_join);
                publish(&outbox, &uri, &diags, Some(version));
                if joined {
                    return;
                }
                // The join takes most of a second on a big dump, and the next edit
                // makes it useless: while the user is typing, wait.
                tokio::time::sleep(JOIN_PAUSE).await;
                if !current() {
                    return;
                }
            }
            let Some(all) = joined_diagnostics(&shared, &uri, version).await else {
                return;
            };
            if current() && (all.from_join || showing) {
                shared.track(&uri, |t| t.joined_shown = all.from_join);
                publish(&outbox, &uri, &all, Some(version));
            }
        });
    }

    /// Re-publishes (or asks a pulling client to re-pull) every open document.
    async fn refresh_all(&self) {
        let (pull, refresh) = {
            let config = self.shared.config();
            (config.pull_diagnostics, config.diagnostic_refresh)
        };
        if pull {
            if refresh && let Err(e) = self.client.workspace_diagnostic_refresh().await {
                log(&format!("diagnostic refresh request failed: {e}"));
            }
            return;
        }
        for uri in self.shared.docs.uris() {
            self.schedule_diagnostics(uri, Duration::ZERO);
        }
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let offered = params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref());
        let encoding = Encoding::negotiate(offered);
        let pull = params
            .capabilities
            .text_document
            .as_ref()
            .is_some_and(|t| t.diagnostic.is_some());
        let refresh = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.diagnostics.as_ref())
            .and_then(|d| d.refresh_support)
            .unwrap_or(false);
        {
            let mut config = self.shared.config_mut();
            config.encoding = encoding;
            config.pull_diagnostics = pull;
            config.diagnostic_refresh = refresh;
        }
        if let Some(options) = &params.initialization_options {
            let errors = self.shared.apply_settings(options);
            self.shared.config_mut().settings_errors = errors;
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
                        ..Default::default()
                    },
                )),
                document_symbol_provider: Some(OneOf::Right(DocumentSymbolOptions {
                    label: Some("News dump".into()),
                    work_done_progress_options: Default::default(),
                })),
                folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                references_provider: Some(OneOf::Left(true)),
                document_highlight_provider: Some(OneOf::Left(true)),
                definition_provider: Some(OneOf::Left(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, fix_all_kind()]),
                        ..Default::default()
                    },
                )),
                diagnostic_provider: Some(DiagnosticServerCapabilities::Options(
                    DiagnosticOptions {
                        identifier: Some("newsdump".into()),
                        inter_file_dependencies: false,
                        workspace_diagnostics: false,
                        ..Default::default()
                    },
                )),
                ..ServerCapabilities::default()
            },
            ..InitializeResult::default()
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let errors = std::mem::take(&mut self.shared.config_mut().settings_errors);
        self.show_errors(errors).await;
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        self.shared
            .docs
            .open(doc.uri.clone(), &doc.text, doc.version);
        self.check_size(&doc.uri).await;
        self.schedule_diagnostics(doc.uri, Duration::ZERO);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let doc = params.text_document;
        let enc = self.shared.encoding();
        let outcome = guarded("didChange", || {
            self.shared
                .docs
                .change(&doc.uri, doc.version, &params.content_changes, enc)
        });
        match outcome {
            Ok(ChangeOutcome::Applied) => {
                self.check_size(&doc.uri).await;
                let delay = self.shared.debounce(&doc.uri);
                self.schedule_diagnostics(doc.uri, delay);
            }
            Ok(ChangeOutcome::UnknownDocument) => log(&format!(
                "change to a document that is not open: {}",
                doc.uri.as_str()
            )),
            Ok(ChangeOutcome::Stale { have, got }) => log(&format!(
                "ignored change to {} with version {got}: already at version {have}",
                doc.uri.as_str()
            )),
            Err(_) => {}
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        self.shared.docs.close(&uri);
        // Forgetting the document drops its generation to 0, which stops a pending
        // diagnostics task from publishing for it.
        self.shared
            .tracking
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&uri);
        if !self.shared.config().pull_diagnostics {
            publish(&self.outbox, &uri, &Diagnostics::default(), None);
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let errors = self.shared.apply_settings(&params.settings);
        self.show_errors(errors).await;
        self.refresh_all().await;
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        self.query("documentSymbol", &params.text_document.uri, outline)
            .await
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        self.query("foldingRange", &params.text_document.uri, |snap, _| {
            folding_ranges(snap)
        })
        .await
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        pull(&self.shared, &self.client, params.text_document.uri, |d| {
            full_report(d.decode())
        })
        .await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri.clone();
        self.query("codeAction", &uri, move |snap, shared| {
            code_actions(&params, snap, &shared.settings(), shared.encoding())
        })
        .await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let at = params.text_document_position_params;
        self.query_people("hover", &at.text_document.uri, move |snap, shared| {
            navigation::hover(snap, at.position, shared.encoding())
        })
        .await
        .map(Option::flatten)
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let at = params.text_document_position;
        let uri = at.text_document.uri.clone();
        let include = params.context.include_declaration;
        self.query_people("references", &at.text_document.uri, move |snap, shared| {
            navigation::references(&uri, snap, at.position, include, shared.encoding())
        })
        .await
        .map(Option::flatten)
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        let at = params.text_document_position_params;
        self.query_people(
            "documentHighlight",
            &at.text_document.uri,
            move |snap, shared| navigation::highlights(snap, at.position, shared.encoding()),
        )
        .await
        .map(Option::flatten)
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let at = params.text_document_position_params;
        let uri = at.text_document.uri.clone();
        self.query_people("definition", &at.text_document.uri, move |snap, shared| {
            navigation::definition(&uri, snap, at.position, shared.encoding())
                .map(GotoDefinitionResponse::Scalar)
        })
        .await
        .map(Option::flatten)
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    const TEXT: &str = "Harbour master looks ahead to a busy winter season\n\n\
                        Harbour master Lena Marsh said 40 ships are due in December.\n\n\
                        Ferry fares rise for the first time in years\n\n\
                        Lena Marsch, the harbour master, said fares rise by 40 cents.\n";

    /// The people of a detached join go to the analysis it was detached from; after an
    /// edit, not to the new version's, which joins its own.
    #[tokio::test]
    async fn a_detached_join_goes_to_its_version_only() {
        let shared = Arc::<Shared>::default();
        let uri = Uri::from_str("file:///harbour.newsdump").unwrap();
        shared.docs.open(uri.clone(), TEXT, 1);
        assert!(join_detached(&shared, &uri, Some(1)).await);
        let snap = shared.snapshot(&uri).unwrap();
        let people = &snap
            .dump
            .entities_if_joined()
            .expect("people joined")
            .people;
        assert!(people.iter().any(|p| p.name == "Lena Marsh"));
        drop(snap);

        shared.docs.open(uri.clone(), TEXT, 1);
        let snap = shared.snapshot(&uri).unwrap();
        let join = snap.dump.detach_join(&snap.rope).expect("analysed in full");
        drop(snap);
        let typed = TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(0, 0), Position::new(0, 0))),
            range_length: None,
            text: "A ".into(),
        };
        let outcome = shared.docs.change(&uri, 2, &[typed], Encoding::default());
        assert_eq!(outcome, ChangeOutcome::Applied);
        run_detached(join).await.unwrap();
        let snap = shared.snapshot(&uri).unwrap();
        assert_eq!(snap.version, 2);
        assert!(snap.dump.entities_if_joined().is_none());
    }

    /// A hover's join: the version open now, whatever it is; a document not open gets
    /// none, and no error.
    #[tokio::test]
    async fn an_answer_that_reads_people_joins_the_current_version_first() {
        let shared = Arc::<Shared>::default();
        let uri = Uri::from_str("file:///harbour.newsdump").unwrap();
        assert!(join_detached(&shared, &uri, None).await);
        shared.docs.open(uri.clone(), TEXT, 7);
        assert!(join_detached(&shared, &uri, None).await);
        let snap = shared.snapshot(&uri).unwrap();
        assert_eq!(snap.version, 7);
        let people = &snap
            .dump
            .entities_if_joined()
            .expect("people joined")
            .people;
        assert!(people.iter().any(|p| p.name == "Lena Marsh"));
    }
}
