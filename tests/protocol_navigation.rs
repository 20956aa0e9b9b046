//! Protocol tests for hover, references, highlights and definition on people and
//! figures, with positions checked in UTF-16 and UTF-8 on emoji-bearing text.

mod common;

use common::{Server, fixture, server_with_sample, uri};
use serde_json::{Value, json};

/// Column of the `nth` occurrence of `needle` on `line` of `text`, in `enc` units.
fn column(text: &str, line: usize, needle: &str, enc: &str) -> usize {
    let l = text.lines().nth(line).unwrap();
    let prefix = &l[..l.find(needle).unwrap()];
    match enc {
        "utf-8" => prefix.len(),
        _ => prefix.encode_utf16().count(),
    }
}

fn at(u: &str, line: usize, character: usize) -> Value {
    json!({"textDocument": {"uri": u}, "position": {"line": line, "character": character}})
}

fn span(r: &Value) -> (u64, u64, u64) {
    (
        r["start"]["line"].as_u64().unwrap(),
        r["start"]["character"].as_u64().unwrap(),
        r["end"]["character"].as_u64().unwrap(),
    )
}

#[test]
fn person_under_emoji_in_utf16_and_utf8() {
    let text = fixture("entities-emoji.newsdump");
    for enc in ["utf-16", "utf-8"] {
        let (mut s, init) = Server::initialized(
            json!({"general": {"positionEncodings": [enc]}}),
            Value::Null,
        );
        assert_eq!(init["capabilities"]["positionEncoding"], enc);
        let u = uri("emoji.newsdump");
        s.open(&u, &text);
        // Hover on the later mention "Brandvold’s", after 🎬 and 🌟🌟 on the same line.
        let col = column(&text, 2, "Brandvold’s", enc);
        let hover = s.request("textDocument/hover", at(&u, 2, col + 2));
        let value = hover["contents"]["value"].as_str().unwrap();
        assert!(value.starts_with("**Ottilie Brandvold**"), "{value}");
        let name_len = "Brandvold".len(); // ASCII: the same in both encodings
        assert_eq!(
            span(&hover["range"]),
            (2, col as u64, (col + name_len) as u64),
            "{enc}"
        );
        // The first mention introduces her (the definition), after one emoji.
        let def = s.request("textDocument/definition", at(&u, 2, col));
        let first = column(&text, 2, "Ottilie", enc);
        assert_eq!(
            span(&def["range"]),
            (2, first as u64, (first + "Ottilie Brandvold".len()) as u64)
        );
        let highlights = s.request("textDocument/documentHighlight", at(&u, 2, first));
        assert_eq!(highlights.as_array().unwrap().len(), 2);
        // Nothing to say about plain words or positions past the end.
        assert_eq!(s.request("textDocument/hover", at(&u, 2, 0)), Value::Null);
        assert_eq!(s.request("textDocument/hover", at(&u, 99, 99)), Value::Null);
        assert!(s.shutdown().success());
    }
}

#[test]
fn references_with_and_without_the_declaration() {
    let text = fixture("entities-freedonia.newsdump");
    let (mut s, _) = Server::initialized(json!({}), Value::Null);
    let u = uri("freedonia.newsdump");
    s.open(&u, &text);
    let line = text
        .lines()
        .position(|l| l.starts_with("As President Tolliver"))
        .unwrap();
    let col = column(&text, line, "Tolliver", "utf-16");
    let mut params = at(&u, line, col);
    params["context"] = json!({"includeDeclaration": true});
    let all = s.request("textDocument/references", params.clone());
    params["context"] = json!({"includeDeclaration": false});
    let without = s.request("textDocument/references", params);
    let n = all.as_array().unwrap().len();
    assert!(n >= 4, "{all}");
    assert_eq!(without.as_array().unwrap().len(), n - 1);
    assert!(s.shutdown().success());
}

/// Reads the shared corpus beside the checkout; skipped when it is absent.
#[test]
fn the_real_sample() {
    let Some((mut s, u, text)) = server_with_sample() else {
        return;
    };
    // $240.11 billion (line 139) relates to line 69 and line 185.
    let col = column(&text, 138, "$240.11 billion", "utf-16");
    let hover = s.request("textDocument/hover", at(&u, 138, col + 3));
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.contains("240,110,000,000"), "{value}");
    assert!(
        value.contains("line 69") && value.contains("over $240 billion"),
        "{value}"
    );
    assert!(
        value.contains("line 185") && value.contains("$240.1 billion"),
        "{value}"
    );
    let mut params = at(&u, 138, col);
    params["context"] = json!({"includeDeclaration": true});
    let refs = s.request("textDocument/references", params);
    let lines: Vec<u64> = refs
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["range"]["start"]["line"].as_u64().unwrap() + 1)
        .collect();
    assert_eq!(lines, [69, 139, 185]);
    // Lavrov’s (line 121) is Sergey Lavrov, introduced on line 119 with his role.
    let col = column(&text, 120, "Lavrov", "utf-16");
    let hover = s.request("textDocument/hover", at(&u, 120, col));
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.starts_with("**Sergey Lavrov**"), "{value}");
    assert!(value.contains("Russian Foreign Minister"), "{value}");
    let def = s.request("textDocument/definition", at(&u, 120, col));
    assert_eq!(def["range"]["start"]["line"], 118);
    // President Putin, Putin and Vladimir Putin are one person across articles.
    let col = column(&text, 6, "Putin", "utf-16");
    let highlights = s.request("textDocument/documentHighlight", at(&u, 6, col));
    assert!(highlights.as_array().unwrap().len() >= 10, "{highlights}");
    assert!(s.shutdown().success());
}
