//! Protocol tests: the real binary, driven over stdio with JSON-RPC.

mod common;

use common::{Server, fixture, server_with_sample, uri};
use serde_json::{Value, json};

fn capabilities(encodings: &[&str]) -> Value {
    json!({"general": {"positionEncodings": encodings}})
}

fn start(encodings: &[&str]) -> (Server, Value) {
    Server::initialized(capabilities(encodings), Value::Null)
}

fn line_of(symbol: &Value) -> u64 {
    symbol["selectionRange"]["start"]["line"].as_u64().unwrap()
}

#[test]
fn negotiates_each_encoding() {
    for (offered, chosen) in [
        (vec![], "utf-16"),
        (vec!["utf-16"], "utf-16"),
        (vec!["utf-16", "utf-32"], "utf-32"),
        (vec!["utf-32", "utf-16", "utf-8"], "utf-8"),
    ] {
        let (server, init) = start(&offered);
        assert_eq!(
            init["capabilities"]["positionEncoding"], chosen,
            "{offered:?}"
        );
        assert_eq!(init["capabilities"]["textDocumentSync"]["change"], 2);
        assert!(server.shutdown().success());
    }
}

#[test]
fn outline_of_fixture() {
    let (mut s, _) = start(&[]);
    let u = uri("outline.newsdump");
    s.open(&u, &fixture("outline.newsdump"));
    let symbols = s.symbols(&u);
    let heads: Vec<(u64, &str)> = symbols
        .iter()
        .map(|s| (line_of(s), s["name"].as_str().unwrap()))
        .collect();
    assert_eq!(
        heads,
        [
            (
                0,
                "Harbour city opens “floating” ferry terminal 🚢: Coastal Daily editorial"
            ),
            (10, "Lighthouse keeper retires after 40 years"),
            (17, "Fishing towns look to tourism: expert")
        ]
    );
    assert_eq!(symbols[0]["detail"], "2 paragraphs, 2 captions");
    let children = |i: usize| -> Vec<(u64, String)> {
        symbols[i]["children"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (line_of(c), c["detail"].as_str().unwrap().to_string()))
            .collect()
    };
    assert_eq!(children(0), [(2, "caption".into()), (4, "caption".into())]);
    assert_eq!(children(1), [(12, "caption".into())]);
    assert_eq!(
        children(2),
        [
            (19, "section".into()),
            (23, "question".into()),
            (30, "question".into())
        ]
    );
    // The hard-wrapped caption spans two lines; its range ends after "Daily]".
    let wrapped = &symbols[1]["children"][0]["range"];
    assert_eq!(wrapped["end"], json!({"line": 13, "character": 54}));
    // A question's range runs through its answer, up to the next question.
    let q1 = &symbols[2]["children"][1]["range"];
    assert_eq!(q1["start"]["line"], 23);
    assert_eq!(q1["end"]["line"], 28);
    // The article's range runs to the end of its last paragraph.
    assert_eq!(symbols[2]["range"]["end"]["line"], 34);
    assert!(s.shutdown().success());
}

#[test]
fn positions_are_exact_in_each_encoding() {
    // Line 0 ends after 🚢 (2 UTF-16 units, 4 UTF-8 bytes) and “ ” (1 unit, 3 bytes each).
    let headline = "Harbour city opens “floating” ferry terminal 🚢: Coastal Daily editorial";
    for (enc, end) in [
        ("utf-16", headline.encode_utf16().count()),
        ("utf-8", headline.len()),
        ("utf-32", headline.chars().count()),
    ] {
        let (mut s, _) = start(&[enc]);
        let u = uri("encodings.newsdump");
        s.open(&u, &fixture("outline.newsdump"));
        let symbols = s.symbols(&u);
        assert_eq!(
            symbols[0]["selectionRange"]["end"],
            json!({"line": 0, "character": end}),
            "{enc}"
        );
        assert!(s.shutdown().success());
    }
}

#[test]
fn incremental_edits_update_the_outline() {
    let (mut s, _) = start(&[]);
    let u = uri("edits.newsdump");
    s.open(&u, "Old headline\n\nA body paragraph that ends.\n");
    // Replace "Old" (after typing an emoji elsewhere first) and add a new article.
    s.change(
        &u,
        2,
        json!([
            {"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 3}}, "text": "😀 New"},
            {"range": {"start": {"line": 3, "character": 0}, "end": {"line": 3, "character": 0}},
             "text": "\nSecond story arrives in town\n\nIt has a body too.\n"}
        ]),
    );
    let names: Vec<String> = s
        .symbols(&u)
        .iter()
        .map(|x| x["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["😀 New headline", "Second story arrives in town"]);
    // A change whose version goes backwards is ignored.
    s.change(&u, 1, json!([{"text": "Replaced wholesale\n\nBody.\n"}]));
    assert_eq!(s.symbols(&u).len(), 2);
    // A full-text change replaces everything.
    s.change(&u, 3, json!([{"text": "Replaced wholesale\n\nBody.\n"}]));
    assert_eq!(s.symbols(&u)[0]["name"], "Replaced wholesale");
    assert!(s.shutdown().success());
}

#[test]
fn crlf_and_bom_documents() {
    let (mut s, _) = start(&[]);
    let u = uri("crlf.newsdump");
    let text = format!(
        "\u{feff}{}",
        fixture("outline.newsdump").replace('\n', "\r\n")
    );
    s.open(&u, &text);
    let symbols = s.symbols(&u);
    let lines: Vec<u64> = symbols.iter().map(line_of).collect();
    assert_eq!(lines, [0, 10, 17]);
    // The BOM counts as one UTF-16 unit on line 0; the headline starts after it.
    assert_eq!(symbols[0]["selectionRange"]["start"]["character"], 0);
    assert_eq!(
        symbols[1]["selectionRange"]["end"],
        json!({"line": 10, "character": 40})
    );
    assert!(s.shutdown().success());
}

#[test]
fn folding_ranges_per_article_and_answer() {
    let (mut s, _) = start(&[]);
    let u = uri("folding.newsdump");
    s.open(&u, &fixture("outline.newsdump"));
    let ranges = s.request(
        "textDocument/foldingRange",
        json!({"textDocument": {"uri": u}}),
    );
    let got: Vec<(u64, u64)> = ranges
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["startLine"].as_u64().unwrap(),
                r["endLine"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, [(0, 8), (10, 15), (17, 34), (26, 28), (32, 34)]);
    assert!(s.shutdown().success());
}

#[test]
fn bad_input_gets_empty_answers_and_the_server_goes_on() {
    let (mut s, _) = start(&[]);
    let missing = uri("never-opened.newsdump");
    assert_eq!(
        s.request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": missing}})
        ),
        Value::Null
    );
    s.change(&missing, 2, json!([{"text": "x"}]));
    let u = uri("empty.newsdump");
    s.open(&u, "");
    assert_eq!(s.symbols(&u), Vec::<Value>::new());
    // Positions far out of range clamp instead of failing.
    s.change(
        &u,
        2,
        json!([{"range": {"start": {"line": 99, "character": 99}, "end": {"line": 120, "character": 0}},
                "text": "Only a headline"}]),
    );
    assert_eq!(s.symbols(&u)[0]["name"], "Only a headline");
    let malformed = s.request_raw("textDocument/documentSymbol", json!({"nope": 1}));
    assert!(malformed.get("error").is_some(), "{malformed}");
    let unknown = s.request_raw("newsdump/unknown", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    // A message that is not JSON gets a parse error, and the next one is read.
    s.send_body("{not json");
    let unparsed = s.wait(|m| m["error"]["code"] == -32700);
    assert_eq!(unparsed["id"], Value::Null);
    assert_eq!(s.symbols(&u).len(), 1);
    assert!(s.shutdown().success());
}

/// The outline and folding ranges are answered past tower-lsp-server (as JSON written
/// straight from their types), but only between `initialize` and `shutdown`, as the
/// protocol asks: before, the server is not initialized; after, requests are invalid.
#[test]
fn big_answers_keep_the_lifecycle() {
    let mut s = Server::start();
    let params = json!({"textDocument": {"uri": uri("early.newsdump")}});
    let early = s.request_raw("textDocument/documentSymbol", params.clone());
    assert_eq!(early["error"]["code"], -32002, "{early}");
    s.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": capabilities(&[])}),
    );
    s.notify("initialized", json!({}));
    let u = uri("lifecycle.newsdump");
    s.open(&u, "A headline here\n\nBody text.\n");
    let folds = s.request(
        "textDocument/foldingRange",
        json!({"textDocument": {"uri": u}}),
    );
    assert_eq!(folds.as_array().map(Vec::len), Some(1), "{folds}");
    assert_eq!(s.symbols(&u)[0]["name"], "A headline here");
    s.request("shutdown", Value::Null);
    let late = s.request_raw(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": u}}),
    );
    assert_eq!(late["error"]["code"], -32600, "{late}");
}

/// A header block without a usable `Content-Length` is reported, and the messages after
/// it are still read: its body is skipped up to the next message's headers, as
/// tower-lsp-server's codec does.
#[test]
fn a_bad_content_length_does_not_lose_the_messages_after_it() {
    let (mut s, _) = start(&[]);
    let u = uri("after-bad-length.newsdump");
    for length in ["twelve", "-1", ""] {
        s.send_raw(
            format!("Content-Length: {length}\r\n\r\n{{\"jsonrpc\":\"2.0\",\"method\":\"x\"}}")
                .as_bytes(),
        );
    }
    s.open(&u, "A headline here\n\nBody text.\n");
    assert_eq!(s.symbols(&u)[0]["name"], "A headline here");
    assert!(s.shutdown().success());
}

/// The requests answered past tower-lsp-server wait for `initialize` to succeed: one
/// that failed leaves the server uninitialized, and one after `shutdown` is refused.
#[test]
fn big_answers_wait_for_a_successful_initialize() {
    let mut s = Server::start();
    let failed = s.request_raw("initialize", json!({"capabilities": 5}));
    assert!(failed.get("error").is_some(), "{failed}");
    let params = json!({"textDocument": {"uri": uri("uninitialized.newsdump")}});
    for method in ["textDocument/documentSymbol", "textDocument/foldingRange"] {
        let early = s.request_raw(method, params.clone());
        assert_eq!(early["error"]["code"], -32002, "{method}: {early}");
    }
    let init = json!({"processId": null, "rootUri": null, "capabilities": capabilities(&[])});
    s.request("initialize", init.clone());
    s.request("shutdown", Value::Null);
    let again = s.request_raw("initialize", init);
    assert_eq!(again["error"]["code"], -32600, "{again}");
    let late = s.request_raw("textDocument/documentSymbol", params);
    assert_eq!(late["error"]["code"], -32600, "{late}");
}

/// `$/cancelRequest` cancels a request answered past tower-lsp-server as it cancels the
/// others: one still waiting for its turn is answered "cancelled" and never computed.
/// Four configuration changes, each waiting for the client to answer its diagnostic
/// refresh request, hold every one of the four turns until the test answers them.
#[test]
fn big_answers_can_be_cancelled() {
    let (mut s, _) = Server::initialized(
        json!({
            "textDocument": {"diagnostic": {"dynamicRegistration": false}},
            "workspace": {"diagnostics": {"refreshSupport": true}}
        }),
        Value::Null,
    );
    let u = uri("cancelled.newsdump");
    s.open(&u, "A headline here\n\nBody text.\n");
    for _ in 0..4 {
        s.notify("workspace/didChangeConfiguration", json!({"settings": {}}));
    }
    let refreshes: Vec<Value> = (0..4)
        .map(|_| s.wait(|m| m["method"] == "workspace/diagnostic/refresh"))
        .collect();
    let waiting = [
        ("textDocument/documentSymbol", 101),
        ("textDocument/foldingRange", 102),
        ("textDocument/diagnostic", 103),
        ("textDocument/hover", 104),
    ];
    for (method, id) in waiting {
        s.send(&json!({"jsonrpc": "2.0", "id": id, "method": method,
                       "params": {"textDocument": {"uri": u},
                                  "position": {"line": 0, "character": 0}}}));
        s.notify("$/cancelRequest", json!({"id": id}));
    }
    for refresh in refreshes {
        s.send(&json!({"jsonrpc": "2.0", "id": refresh["id"], "result": null}));
    }
    for (method, id) in waiting {
        let answer = s.wait(|m| m["id"] == id && m.get("method").is_none());
        assert_eq!(answer["error"]["code"], -32800, "{method}: {answer}");
    }
    assert!(s.shutdown().success());
}

#[test]
fn bad_regex_in_settings_is_shown_and_ignored() {
    let (mut s, _) = Server::initialized(
        capabilities(&[]),
        json!({"captionCredits": ["("], "headlinePattern": "^Wire:"}),
    );
    let shown = s.wait(|m| m["method"] == "window/showMessage");
    assert!(
        shown["params"]["message"].as_str().unwrap().contains("`(`"),
        "{shown}"
    );
    let u = uri("settings.newsdump");
    s.open(
        &u,
        "First headline\n\nBody text here.\n\nWire: second story\n\nMore body.\n",
    );
    // The valid pattern still applies: `Wire:` lines are headlines.
    assert_eq!(s.symbols(&u).len(), 2);
    s.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"newsdump": {"notHeadlinePattern": "^Wire:"}}}),
    );
    assert_eq!(s.symbols(&u).len(), 1);
    s.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"newsdump": {"headlinePattern": "[unclosed"}}}),
    );
    // Settings merge: the bad caption credit is still there and reported again, and the
    // new bad headline pattern is reported too.
    let shown = s.wait(|m| {
        m["method"] == "window/showMessage"
            && m["params"]["message"]
                .as_str()
                .unwrap()
                .contains("headline pattern `[unclosed`")
    });
    assert_eq!(shown["params"]["type"], 2);
    assert!(s.shutdown().success());
}

/// Reads the shared corpus beside the checkout; skipped when it is absent.
#[test]
fn outline_of_the_real_sample() {
    let Some((mut s, u, _)) = server_with_sample() else {
        return;
    };
    let symbols = s.symbols(&u);
    let lines: Vec<u64> = symbols.iter().map(|x| line_of(x) + 1).collect();
    assert_eq!(lines, [1, 21, 30, 50, 113, 145, 173]);
    let interview = &symbols[3]["children"];
    let kids: Vec<(u64, &str)> = interview
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["detail"] != "caption")
        .map(|c| (line_of(c) + 1, c["detail"].as_str().unwrap()))
        .collect();
    assert_eq!(
        kids,
        [
            (56, "section"),
            (62, "question"),
            (73, "question"),
            (89, "question"),
            (95, "question"),
            (105, "question")
        ]
    );
    assert_eq!(interview[2]["name"], "Editor’s Note");
    assert!(s.shutdown().success());
}
