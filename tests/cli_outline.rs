//! The `outline` command over the real binary: text, JSON, and errors that name the file.

use std::path::PathBuf;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsdump-ls"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run newsdump-ls")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn outline_text_of_fixture() {
    let out = run(&["outline", "tests/fixtures/outline.newsdump"]);
    assert!(out.status.success());
    insta::assert_snapshot!(stdout(&out));
}

#[test]
fn outline_json_has_lines_and_children() {
    let out = run(&["outline", "--json", "tests/fixtures/outline.newsdump"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let articles = v[0]["articles"].as_array().unwrap();
    let lines: Vec<u64> = articles
        .iter()
        .map(|a| a["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [1, 11, 18]);
    assert_eq!(articles[2]["children"][1]["kind"], "question");
    assert_eq!(articles[2]["children"][1]["end_line"], 29);
}

#[test]
fn unreadable_and_non_utf8_files_are_named_and_others_still_run() {
    let dir = std::env::temp_dir().join(format!("newsdump-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let latin1 = dir.join("latin1.txt");
    std::fs::write(&latin1, b"Caf\xe9 opens\n\nBody.\n").unwrap();
    let missing = PathBuf::from("tests/fixtures/does-not-exist.newsdump");
    let out = run(&[
        "outline",
        missing.to_str().unwrap(),
        latin1.to_str().unwrap(),
        "tests/fixtures/outline.newsdump",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("does-not-exist.newsdump: cannot read"),
        "{err}"
    );
    assert!(
        err.contains("latin1.txt: not UTF-8 text (invalid byte at offset 3)"),
        "{err}"
    );
    assert!(stdout(&out).contains("Lighthouse keeper retires after 40 years"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn help_and_version() {
    let out = run(&["--version"]);
    assert!(stdout(&out).starts_with("newsdump-ls "));
    let out = run(&["--help"]);
    let help = stdout(&out);
    for word in ["outline", "check", "--stdio"] {
        assert!(help.contains(word), "{help}");
    }
}
