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

/// A reader that stops early (`| head`) ends the command quietly: no panic message.
#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let path = std::env::temp_dir().join(format!("pipe-{}.newsdump", std::process::id()));
    let dump: String = (0..20_000)
        .map(|i| format!("Harbour news item {i}\n\nThe ferry ran late.\n\n"))
        .collect();
    std::fs::write(&path, dump).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsdump-ls"))
        .args(["outline", path.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader is gone: the rest of the outline meets a closed pipe.
    let out = child.wait_with_output().unwrap();
    std::fs::remove_file(&path).unwrap();
    assert!(first.contains("20000 articles"), "{first}");
    assert!(out.status.success(), "{:?}", out.status);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}
