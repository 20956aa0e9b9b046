//! LSP messages over stdin and stdout: `Content-Length` framing.
//!
//! tower-lsp-server's own `Server` frames messages in buffers that keep their largest
//! size for the life of the process: the read buffer grows to the biggest message ever
//! received (after the `didOpen` of a 10 MB dump, 17 MB stayed live) and the write buffer to
//! the biggest answer; tokio's stdin and stdout keep 2 MB each besides. Here one thread
//! reads stdin and one writes stdout, with plain blocking I/O, and each message is read
//! into, and written from, a buffer of its own, freed once parsed or sent. The rest
//! follows `Server::serve`: requests reach the service in arrival order, up to four are
//! answered at once, and `exit` ends reading.
//!
//! tower-lsp-server also turns every result and notification into a `serde_json::Value`
//! tree before writing it: for the outline of a 50 MB dump (8 MB of JSON) the tree took
//! 140 MB. So the biggest messages bypass it: requests the server answers itself
//! ([`Direct`]) and notifications it sends itself ([`Outbox`]) are written as JSON
//! straight from their types.

use std::collections::HashMap;
use std::future::Future;
use std::io::{self, BufRead, Read, Write};
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use futures::channel::mpsc;
use futures::future::AbortHandle;
use futures::{FutureExt, SinkExt, StreamExt, TryFutureExt, future, stream};
use serde_json::Value;
use tower::Service;
use tower_lsp_server::jsonrpc::{Error, Id, Request, Response};
use tower_lsp_server::{ClientSocket, LanguageServer, LspService};

use super::json::Json;
use super::server::log;

/// Requests answered at once, as in tower-lsp-server.
const MAX_CONCURRENCY: usize = 4;
/// Requests read ahead of those being answered, as in tower-lsp-server.
const MESSAGE_QUEUE_SIZE: usize = 100;

/// A message from the client.
#[derive(Debug)]
enum Incoming {
    Request(Request),
    Response(Response),
}

/// A message to the client.
enum Outgoing {
    /// An answer from tower-lsp-server.
    Response(Response),
    /// A request or notification through tower-lsp-server's `Client`.
    Request(Request),
    /// A whole message, already JSON.
    Json(Json),
}

/// The JSON of a result, or the error to answer with.
pub type Answer = Pin<Box<dyn Future<Output = Result<Json, Error>> + Send>>;

/// Requests the server answers itself, its results written as JSON straight from their
/// types. Only between `initialize` and `shutdown`: outside that, tower-lsp-server
/// answers them with the errors the protocol asks for.
pub trait Direct: Send + Sync {
    fn handles(&self, method: &str) -> bool;
    /// The answer to `method`, one that [`Direct::handles`].
    fn answer(&self, method: &str, params: Value) -> Answer;
}

/// Sends notifications to the client, written as JSON without a `Value` tree.
#[derive(Debug, Clone)]
pub struct Outbox(mpsc::UnboundedSender<Json>);

/// What an [`Outbox`] sent, for [`serve_stdio`] to write.
pub struct Sent(mpsc::UnboundedReceiver<Json>);

pub fn outbox() -> (Outbox, Sent) {
    let (tx, rx) = mpsc::unbounded();
    (Outbox(tx), Sent(rx))
}

impl Outbox {
    /// Sends notification `method` with `params`, already JSON.
    pub fn notify(&self, method: &str, params: Json) {
        let mut head = br#"{"jsonrpc":"2.0","method":"#.to_vec();
        head.extend(serde_json::to_vec(method).unwrap_or_default());
        head.extend(br#","params":"#);
        let mut json = Json::from(head);
        json.append(params);
        json.fixed(b"}");
        // Fails only once the server is on its way out.
        drop(self.0.unbounded_send(json));
    }
}

/// Serves `service` on stdin and stdout until the client sends `exit` or closes stdin;
/// `direct` answers the requests it handles, and what `sent` holds is written too.
pub async fn serve_stdio<S: LanguageServer>(
    service: LspService<S>,
    socket: ClientSocket,
    direct: Arc<dyn Direct>,
    sent: Sent,
) {
    let (incoming_tx, incoming) = tokio::sync::mpsc::channel(MESSAGE_QUEUE_SIZE);
    // Not joined: it may be blocked in a read when the client says `exit`.
    std::thread::spawn(move || {
        let mut stdin = io::stdin().lock();
        loop {
            let message = read_message(&mut stdin);
            let last = matches!(message, Ok(None) | Err(Unreadable::Stream(_)));
            if incoming_tx.blocking_send(message).is_err() || last {
                break;
            }
        }
    });
    // One message waits while one is written: answers are made no faster than the client
    // reads them, as with tower-lsp-server, rather than piling up (each of an outline
    // of a big dump is megabytes).
    let (outgoing, mut outgoing_rx) = tokio::sync::mpsc::channel::<Outgoing>(1);
    let writer = std::thread::spawn(move || {
        // Big answers come in many pieces: written a buffer at a time, not one by one.
        let mut stdout = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
        while let Some(message) = outgoing_rx.blocking_recv() {
            if let Err(e) = write_message(&mut stdout, &message) {
                log(&format!("cannot write to the client: {e}"));
                break;
            }
        }
    });
    serve(incoming, outgoing, service, socket, direct, sent).await;
    // Everything answered is written before the process ends.
    let _ = writer.join();
}

type Task = Pin<Box<dyn Future<Output = Option<Outgoing>> + Send>>;

/// The requests [`Direct`] answers that are not answered yet: tower-lsp-server does not
/// see them, so `$/cancelRequest` and `exit` are applied to them here, as it does to
/// its own.
#[derive(Clone, Default)]
struct UnderWay(Arc<Mutex<HashMap<Id, AbortHandle>>>);

impl UnderWay {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Id, AbortHandle>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// `answer` to request `id`, answered "cancelled" if cancelled first.
    fn track(&self, id: Id, answer: Answer) -> Task {
        let (answer, abort) = future::abortable(answer);
        self.lock().insert(id.clone(), abort);
        let under_way = self.clone();
        Box::pin(answer.map(move |result| {
            under_way.lock().remove(&id);
            let result = result.unwrap_or_else(|_| Err(Error::request_cancelled()));
            Some(Outgoing::Json(answer_json(id, result)))
        }))
    }

    /// Cancels request `id` if it is one of these.
    fn cancel(&self, id: &Id) {
        if let Some(abort) = self.lock().remove(id) {
            abort.abort();
        }
    }

    fn cancel_all(&self) {
        for (_, abort) in self.lock().drain() {
            abort.abort();
        }
    }
}

/// The request a `$/cancelRequest` names.
fn cancelled(request: &Request) -> Option<Id> {
    let id = request.params()?.get("id")?;
    serde_json::from_value(id.clone()).ok()
}

/// Serves `service` with the messages from `incoming`, sending what it answers and asks
/// to `outgoing`, until `exit` or the end of `incoming`.
async fn serve<S: LanguageServer>(
    mut incoming: tokio::sync::mpsc::Receiver<Result<Option<Incoming>, Unreadable>>,
    outgoing: tokio::sync::mpsc::Sender<Outgoing>,
    mut service: LspService<S>,
    socket: ClientSocket,
    direct: Arc<dyn Direct>,
    sent: Sent,
) {
    let (client_requests, mut client_responses) = socket.split();
    let (client_requests, client_abort) = stream::abortable(client_requests);
    let (notifications, notifications_abort) = stream::abortable(sent.0);
    let (mut responses_tx, responses_rx) = mpsc::channel(0);
    let (mut tasks_tx, tasks_rx) = mpsc::channel::<Task>(MESSAGE_QUEUE_SIZE);

    let answer = tasks_rx
        .buffer_unordered(MAX_CONCURRENCY)
        .filter_map(future::ready)
        .map(Ok)
        .forward(responses_tx.clone());

    let write = async {
        let mut messages = stream::select(
            stream::select(responses_rx, client_requests.map(Outgoing::Request)),
            notifications.map(Outgoing::Json),
        );
        while let Some(message) = messages.next().await {
            if outgoing.send(message).await.is_err() {
                break;
            }
        }
        drop(outgoing);
    };

    let read = async {
        // Set once `initialize` succeeds, cleared on `shutdown`: while set, [`Direct`]
        // answers. As tower-lsp-server's own state, it is read when a request arrives.
        let running = Arc::new(AtomicBool::new(false));
        let under_way = UnderWay::default();
        while let Some(message) = incoming.recv().await {
            match message {
                Ok(None) => break,
                Ok(Some(Incoming::Request(request))) => {
                    let method = request.method();
                    let task: Task = if running.load(Ordering::SeqCst)
                        && request.id().is_some()
                        && direct.handles(method)
                    {
                        let (method, id, params) = request.into_parts();
                        let id = id.unwrap_or(Id::Null);
                        let answer = direct.answer(&method, params.unwrap_or(Value::Null));
                        under_way.track(id, answer)
                    } else {
                        let initialize = method == "initialize";
                        match method {
                            "shutdown" => running.store(false, Ordering::SeqCst),
                            "exit" => under_way.cancel_all(),
                            "$/cancelRequest" => {
                                if let Some(id) = cancelled(&request) {
                                    under_way.cancel(&id);
                                }
                            }
                            _ => {}
                        }
                        if future::poll_fn(|cx| service.poll_ready(cx)).await.is_err() {
                            break;
                        }
                        // Some clients keep stdin open after `exit`: stop reading at once.
                        let exit = request.method() == "exit";
                        // The service fails calls only once `exit` has been handled.
                        let running = running.clone();
                        let answer = service
                            .call(request)
                            .unwrap_or_else(|_| None)
                            .map(move |r| {
                                if initialize && r.as_ref().is_some_and(Response::is_ok) {
                                    running.store(true, Ordering::SeqCst);
                                }
                                r.map(Outgoing::Response)
                            });
                        let _ = tasks_tx.send(Box::pin(answer)).await;
                        if exit {
                            break;
                        }
                        continue;
                    };
                    let _ = tasks_tx.send(task).await;
                }
                Ok(Some(Incoming::Response(response))) => {
                    if client_responses.send(response).await.is_err() {
                        break;
                    }
                }
                Err(Unreadable::Body(e)) => {
                    log(&format!("cannot parse a message: {e}"));
                    let error = Response::from_error(Id::Null, Error::parse_error());
                    let _ = responses_tx.send(Outgoing::Response(error)).await;
                }
                Err(Unreadable::Stream(e)) => {
                    log(&format!("cannot read from the client: {e}"));
                    break;
                }
            }
        }
        tasks_tx.disconnect();
        responses_tx.disconnect();
        client_abort.abort();
        notifications_abort.abort();
    };

    // Answering ends with an error once the writer is gone: nothing is left to do.
    let (_, (), ()) = futures::join!(answer, write, read);
}

/// The response to request `id`; `result` is the JSON of its result.
fn answer_json(id: Id, result: Result<Json, Error>) -> Json {
    match result {
        Ok(result) => {
            let mut json = Json::from(br#"{"jsonrpc":"2.0","result":"#.to_vec());
            json.append(result);
            let mut tail = br#","id":"#.to_vec();
            tail.extend(serde_json::to_vec(&id).unwrap_or_default());
            tail.push(b'}');
            json.push(tail);
            json
        }
        Err(error) => {
            Json::from(serde_json::to_vec(&Response::from_error(id, error)).unwrap_or_default())
        }
    }
}

/// Why a message could not be read.
#[derive(Debug)]
enum Unreadable {
    /// The stream failed or ended inside a message: nothing more can be read.
    Stream(io::Error),
    /// The headers or the body are not a JSON-RPC message; the next one may be.
    Body(String),
}

/// The next message, or `None` when the input ends between messages.
fn read_message(input: &mut impl BufRead) -> Result<Option<Incoming>, Unreadable> {
    let Some(length) = read_headers(input)? else {
        return Ok(None);
    };
    let length = length.ok_or_else(|| Unreadable::Body("no Content-Length header".into()))?;
    let mut body = Vec::new();
    // Reserved up front if it can be: a bogus length must not abort the server (under a
    // limit on its address space, reserving a gigabyte fails). Else the body grows as
    // it is read.
    let _ = body.try_reserve_exact(length.min(1 << 30));
    input
        .take(length as u64)
        .read_to_end(&mut body)
        .map_err(Unreadable::Stream)?;
    if body.len() < length {
        return Err(Unreadable::Stream(io::ErrorKind::UnexpectedEof.into()));
    }
    parse(&body).map(Some)
}

/// Reads header lines up to the blank line ending them. Returns `None` at the end of
/// the input, else the `Content-Length`, if one was given.
fn read_headers(input: &mut impl BufRead) -> Result<Option<Option<usize>>, Unreadable> {
    let mut length = None;
    let mut line = String::new();
    let mut any = false;
    loop {
        line.clear();
        let read = input.read_line(&mut line).map_err(|e| match e.kind() {
            // A header that is not UTF-8 is a bad header, not a broken stream.
            io::ErrorKind::InvalidData => Unreadable::Body("header is not UTF-8".into()),
            _ => Unreadable::Stream(e),
        })?;
        if read == 0 {
            return if any {
                Err(Unreadable::Stream(io::ErrorKind::UnexpectedEof.into()))
            } else {
                Ok(None)
            };
        }
        let header = header_in(line.trim_end_matches(['\r', '\n']));
        if header.is_empty() {
            if any {
                return Ok(Some(length));
            }
            continue;
        }
        any = true;
        if let Some((name, value)) = header.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().ok();
        }
    }
}

/// The header `line` holds. A line whose name is not a header name is the rest of a body
/// left unread (its length was missing or unreadable) and runs on into the next
/// message's headers: they are read from where `Content-Length` starts, as
/// tower-lsp-server's codec skips ahead to it.
fn header_in(line: &str) -> &str {
    let is_name = |name: &str| {
        !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
    };
    match line.split_once(':') {
        Some((name, _)) if is_name(name.trim()) => line,
        _ => line
            .to_ascii_lowercase()
            .find("content-length")
            .map_or(line, |at| &line[at..]),
    }
}

/// A request (or notification) is tried first: it is what big messages are, and reading
/// one directly builds its parameters once, where trying both kinds at once would first
/// copy the whole message aside. tower-lsp-server's `Request` reads a missing `method`
/// as empty: such a message is a response.
fn parse(body: &[u8]) -> Result<Incoming, Unreadable> {
    let as_request = match serde_json::from_slice::<Request>(body) {
        Ok(request) if !request.method().is_empty() => return Ok(Incoming::Request(request)),
        Ok(_) => None,
        Err(e) => Some(e),
    };
    serde_json::from_slice::<Response>(body)
        .map(Incoming::Response)
        .map_err(|as_response| Unreadable::Body(as_request.unwrap_or(as_response).to_string()))
}

fn write_message(output: &mut impl Write, message: &Outgoing) -> io::Result<()> {
    let made;
    let body = match message {
        Outgoing::Response(response) => {
            made = Json::from(serde_json::to_vec(response)?);
            &made
        }
        Outgoing::Request(request) => {
            made = Json::from(serde_json::to_vec(request)?);
            &made
        }
        Outgoing::Json(json) => json,
    };
    write!(output, "Content-Length: {}\r\n\r\n", body.len())?;
    body.write_to(output)?;
    output.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(bytes: &[u8]) -> Vec<Result<Option<Incoming>, Unreadable>> {
        let mut input = bytes;
        let mut out = Vec::new();
        loop {
            let message = read_message(&mut input);
            let done = matches!(message, Ok(None) | Err(Unreadable::Stream(_)));
            out.push(message);
            if done {
                return out;
            }
        }
    }

    fn framed(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn reads_requests_responses_and_goes_on_after_bad_ones() {
        let input = [
            framed(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#),
            framed("not json"),
            "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n".to_string(),
            framed(r#"{"jsonrpc":"2.0","id":7,"result":null}"#),
            framed(r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#),
            "Content-Length: x\r\n\r\n{\"a\":1}".to_string(),
            framed(r#"{"jsonrpc":"2.0","method":"exit"}"#),
        ]
        .concat();
        let messages = read_all(input.as_bytes());
        let kinds: Vec<&str> = messages
            .iter()
            .map(|m| match m {
                Ok(Some(Incoming::Request(r))) => r.method(),
                Ok(Some(Incoming::Response(_))) => "response",
                Ok(None) => "end",
                Err(Unreadable::Body(_)) => "bad",
                Err(Unreadable::Stream(_)) => "broken",
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "initialized",
                "bad",
                "bad",
                "response",
                "shutdown",
                "bad",
                "exit",
                "end"
            ]
        );
    }

    #[test]
    fn a_message_cut_short_ends_reading() {
        let input = "Content-Length: 100\r\n\r\n{\"jsonrpc\"";
        let messages = read_all(input.as_bytes());
        assert!(matches!(messages[..], [Err(Unreadable::Stream(_))]));
    }

    #[test]
    fn a_bogus_length_is_not_reserved_at_any_cost() {
        let input = "Content-Length: 1000000000\r\n\r\n{}";
        let messages = read_all(input.as_bytes());
        assert!(matches!(messages[..], [Err(Unreadable::Stream(_))]));
    }

    #[test]
    fn writes_framed_json() {
        let mut out = Vec::new();
        let message =
            Outgoing::Response(Response::from_ok(Id::Number(3), serde_json::json!("é😀")));
        write_message(&mut out, &message).unwrap();
        let text = String::from_utf8(out).unwrap();
        let (header, body) = text.split_once("\r\n\r\n").unwrap();
        assert_eq!(header, format!("Content-Length: {}", body.len()));
        let value: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(value["id"], 3);
        assert_eq!(value["result"], "é😀");
    }
}
