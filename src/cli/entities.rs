//! `newsdump-ls entities`: every person and every figure of a file, as a table or
//! (`--json`) with 0-based lines and UTF-16 columns, as an editor counts them.

use std::path::Path;
use std::process::ExitCode;

use serde_json::{Value, json};

use super::files::read_dump;
use crate::analysis::{Dump, Rules};

pub fn run(path: &Path, as_json: bool) -> ExitCode {
    let text = match read_dump(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("newsdump-ls: {e}");
            return ExitCode::from(2);
        }
    };
    let dump = Dump::analyse(&text, &Rules::default());
    let value = entities_json(&dump, &text);
    if as_json {
        outln!(
            "{}",
            serde_json::to_string_pretty(&value).expect("JSON of plain values")
        );
    } else {
        out!("{}", render(&path.display().to_string(), &value));
    }
    ExitCode::SUCCESS
}

/// Where `range` is, as an editor counts: 0-based line, UTF-16 column and length (a
/// byte-order mark at the start of the file does not count), and the text itself.
fn position(dump: &Dump, text: &str, range: std::ops::Range<usize>) -> (usize, usize, usize) {
    let line = dump.lines.line_of(range.start);
    let utf16 = |s: &str| -> usize {
        s.chars()
            .filter(|&c| c != '\u{feff}')
            .map(char::len_utf16)
            .sum()
    };
    let col = utf16(&text[dump.lines.line_start(line)..range.start]);
    (line, col, utf16(&text[range]))
}

fn mention(dump: &Dump, text: &str, range: std::ops::Range<usize>) -> Value {
    let (line, col, len) = position(dump, text, range.clone());
    json!({"line": line, "col_utf16": col, "len_utf16": len, "text": &text[range]})
}

/// `{"people": [...], "figures": [...]}` as annotators' tools read it.
pub fn entities_json(dump: &Dump, text: &str) -> Value {
    let people: Vec<Value> = dump
        .entities(text)
        .people
        .iter()
        .map(|p| {
            let mentions: Vec<Value> = p
                .mentions
                .iter()
                .map(|m| mention(dump, text, m.range()))
                .collect();
            json!({"name": p.name, "roles": p.roles, "aliases": p.aliases, "mentions": mentions})
        })
        .collect();
    let figures: Vec<Value> = dump
        .entities(text)
        .figures()
        .map(|f| {
            let mut v = json!({
                "kind": f.kind.name(),
                "value": f.value,
                "unit": f.unit,
                "qualifier": f.qualifier,
            });
            if let (Value::Object(o), Value::Object(m)) =
                (&mut v, mention(dump, text, f.range.clone()))
            {
                o.extend(m);
            }
            v
        })
        .collect();
    json!({"people": people, "figures": figures})
}

fn render(file: &str, v: &Value) -> String {
    let people = v["people"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    let figures = v["figures"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    let mut out = format!(
        "{file}: {} people, {} figures\n\n",
        people.len(),
        figures.len()
    );
    out += &format!(
        "{:>8}  {:<28} {}\n",
        "MENTIONS", "PERSON", "ROLES / OTHER FORMS"
    );
    for p in people {
        let list = |key: &str| -> String {
            p[key]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join("; ")
        };
        let mentions = p["mentions"].as_array().map_or(0, Vec::len);
        out += &format!(
            "{:>8}  {:<28} {}",
            mentions,
            p["name"].as_str().unwrap_or_default(),
            list("roles")
        );
        let aliases = list("aliases");
        if !aliases.is_empty() {
            out += &format!("  (also: {aliases})");
        }
        out += "\n";
    }
    out += &format!(
        "\n{:>8}  {:<8} {:<24} {:<10} {}\n",
        "LINE:COL", "KIND", "VALUE", "QUALIFIER", "TEXT"
    );
    for f in figures {
        let at = format!(
            "{}:{}",
            f["line"].as_u64().unwrap_or_default() + 1,
            f["col_utf16"].as_u64().unwrap_or_default() + 1
        );
        let value = format!(
            "{} {}",
            f["value"].as_f64().unwrap_or_default(),
            f["unit"].as_str().unwrap_or_default()
        );
        out += &format!(
            "{:>8}  {:<8} {:<24} {:<10} {}\n",
            at,
            f["kind"].as_str().unwrap_or_default(),
            value.trim_end(),
            f["qualifier"].as_str().unwrap_or("-"),
            f["text"]
                .as_str()
                .unwrap_or_default()
                .replace(['\n', '\r'], " ")
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const EMOJI: &str = include_str!("../../tests/fixtures/entities-emoji.newsdump");

    #[test]
    fn columns_count_emoji_as_two_units() {
        let dump = Dump::analyse(EMOJI, &Rules::default());
        let v = entities_json(&dump, EMOJI);
        let person = &v["people"][0];
        assert_eq!(person["name"], "Ottilie Brandvold");
        let first = &person["mentions"][0];
        // "🎬 Director " is 2 + 1 + 8 + 1 units.
        assert_eq!(
            (first["line"].as_u64(), first["col_utf16"].as_u64()),
            (Some(2), Some(12))
        );
        assert_eq!(first["len_utf16"], 17);
        let second = &person["mentions"][1];
        assert_eq!(second["text"], "Brandvold");
        let line = EMOJI.lines().nth(2).unwrap();
        let before = &line[..line.find("Brandvold’s").unwrap()];
        assert_eq!(
            second["col_utf16"].as_u64(),
            Some(before.encode_utf16().count() as u64)
        );
        let date = v["figures"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["kind"] == "date")
            .unwrap();
        assert_eq!(
            (date["text"].as_str(), date["value"].as_f64()),
            (Some("Feb. 21, 2025"), Some(20250221.0))
        );
    }

    #[test]
    fn figures_carry_their_fields_and_position() {
        let dump = Dump::analyse(EMOJI, &Rules::default());
        let v = entities_json(&dump, EMOJI);
        let days = &v["figures"][0];
        assert_eq!(days["kind"], "period");
        assert_eq!(days["unit"], "days");
        assert_eq!(days["value"], 10.0);
        assert_eq!(days["qualifier"], Value::Null);
        assert_eq!(days["text"], "10 days");
        assert!(days["col_utf16"].is_u64() && days["len_utf16"] == 7);
    }
}
