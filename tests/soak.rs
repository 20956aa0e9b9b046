//! Soak test over stdio: 10,000 mixed requests and edits against one running server.
//! Every request must be answered, the server's final view of the text must equal the
//! test's own copy, and the process must exit 0 after `shutdown` + `exit`.

mod common;

use std::sync::Arc;

use common::{Server, fixture, uri};
use newsdump_ls::analysis::{Dump, Rules};
use newsdump_ls::lsp::documents::Snapshot;
use newsdump_ls::lsp::position::{Encoding, to_position};
use newsdump_ls::lsp::symbols::document_symbols;
use ropey::Rope;
use serde_json::{Value, json};

/// A small deterministic generator, so a failure replays the same way.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const INSERTS: &[&str] = &[
    "x",
    "😀",
    "“quoted”",
    " ",
    "\n",
    "\r\n",
    "\n\nA new headline appears\n\nWith a body sentence.\n",
    "Photo: Soak Press",
    "’",
];

fn position(text: &str, at: usize) -> Value {
    let rope = Rope::from_str(text);
    serde_json::to_value(to_position(&rope, at, Encoding::Utf16)).unwrap()
}

/// A random char boundary of `text` that is not inside a CRLF.
fn boundary(rng: &mut Rng, text: &str) -> usize {
    let mut at = rng.below(text.len() + 1);
    while !text.is_char_boundary(at)
        || (at > 0 && text.as_bytes()[at - 1] == b'\r' && text.as_bytes().get(at) == Some(&b'\n'))
    {
        at -= 1;
    }
    at
}

#[test]
fn ten_thousand_mixed_messages() {
    let (mut s, _) = Server::initialized(json!({}), Value::Null);
    let u = uri("soak.newsdump");
    let mut text = fixture("outline.newsdump");
    s.open(&u, &text);
    let mut rng = Rng(0x5eed_2026);
    let mut version = 1;
    for _ in 0..10_000 {
        let doc = json!({"uri": u});
        match rng.below(20) {
            0..=7 => {
                let a = boundary(&mut rng, &text);
                let b = boundary(&mut rng, &text);
                let (start, end) = (a.min(b), a.max(b).min(a.min(b) + 40));
                let end = if text.is_char_boundary(end) && !text[..end].ends_with('\r') {
                    end
                } else {
                    start
                };
                let insert = if rng.below(3) == 0 {
                    ""
                } else {
                    INSERTS[rng.below(INSERTS.len())]
                };
                let range = json!({"start": position(&text, start), "end": position(&text, end)});
                text.replace_range(start..end, insert);
                version += 1;
                s.change(&u, version, json!([{"range": range, "text": insert}]));
            }
            8..=10 => {
                s.request("textDocument/documentSymbol", json!({"textDocument": doc}));
            }
            11 | 12 => {
                s.request("textDocument/foldingRange", json!({"textDocument": doc}));
            }
            13 => {
                s.request("textDocument/diagnostic", json!({"textDocument": doc}));
            }
            14 => {
                let range = json!({"start": {"line": rng.below(50), "character": 0},
                                   "end": {"line": rng.below(50), "character": 999}});
                s.request(
                    "textDocument/codeAction",
                    json!({"textDocument": doc, "range": range, "context": {"diagnostics": []}}),
                );
            }
            15 => {
                let r = s.request_raw("newsdump/noSuchMethod", json!({}));
                assert_eq!(r["error"]["code"], -32601);
            }
            16 => {
                let r = s.request_raw("textDocument/documentSymbol", json!({"bogus": true}));
                assert!(r.get("error").is_some());
            }
            17 => {
                let other = json!({"uri": uri("not-open.newsdump")});
                assert_eq!(
                    s.request("textDocument/foldingRange", json!({"textDocument": other})),
                    Value::Null
                );
            }
            _ => {
                // A change to a document that is not open is logged and dropped.
                s.change(&uri("not-open.newsdump"), 5, json!([{"text": "lost"}]));
            }
        }
        // Drop the diagnostics the server pushes, so the backlog stays small.
        s.backlog
            .retain(|m| m["method"] != "textDocument/publishDiagnostics");
    }
    let got = s.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": u}}),
    );
    let rope = Rope::from_str(&text);
    let expected = document_symbols(
        &Snapshot {
            dump: Arc::new(Dump::analyse(&text, &Rules::default())),
            rope,
            version,
            symbols: Default::default(),
            diagnostics: Default::default(),
            analysis_cost: Default::default(),
        },
        Encoding::Utf16,
    );
    assert_eq!(got, serde_json::to_value(expected).unwrap());
    assert!(s.shutdown().success());
}
