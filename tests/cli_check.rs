//! `newsdump-ls check --fix` run as a program on copies of dumps in a temporary folder.
//!
//! The sample test reads `../shared/corpus/sample-dump.txt` (or `$NEWSDUMP_CORPUS`) and
//! skips, with a note on stderr, when it is absent; the text
//! stays out of the repository. The fixture tests always run.

mod common;

use common::corpus_dir as corpus;
use std::path::{Path, PathBuf};
use std::process::Command;

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!(
            "newsdump-ls-cli-check-{name}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }

    fn file(&self, name: &str, content: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, content).expect("write temp file");
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

struct Run {
    code: i32,
    stdout: String,
}

fn check(args: &[&Path]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_newsdump-ls"))
        .arg("check")
        .args(args)
        .output()
        .expect("run newsdump-ls");
    Run {
        code: out.status.code().expect("exit code"),
        stdout: String::from_utf8(out.stdout).expect("UTF-8 output"),
    }
}

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// 1-based numbers of the lines of `old` that a line diff against `new` deletes, and
/// the lines it inserts.
fn line_diff(old: &str, new: &str) -> (Vec<usize>, Vec<String>) {
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    let (n, m) = (a.len(), b.len());
    let mut table = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[i][j] = if a[i] == b[j] {
                table[i + 1][j + 1] + 1
            } else {
                table[i + 1][j].max(table[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let (mut deleted, mut inserted) = (Vec::new(), Vec::new());
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            i += 1;
            j += 1;
        } else if j == m || (i < n && table[i + 1][j] >= table[i][j + 1]) {
            deleted.push(i + 1);
            i += 1;
        } else {
            inserted.push(b[j].to_string());
            j += 1;
        }
    }
    (deleted, inserted)
}

#[cfg(unix)]
fn identity(path: &Path) -> (u64, std::time::SystemTime) {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path).expect("metadata");
    (meta.ino(), meta.modified().expect("mtime"))
}

#[cfg(not(unix))]
fn identity(path: &Path) -> std::time::SystemTime {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .expect("mtime")
}

#[test]
fn fix_removes_the_seven_sample_duplicates_and_nothing_else() {
    let Some(original) = corpus()
        .map(|c| c.join("sample-dump.txt"))
        .and_then(|p| std::fs::read_to_string(p).ok())
    else {
        eprintln!("note: corpus sample not found, skipping");
        return;
    };
    let dir = TempDir::new("sample");
    let path = dir.file("sample-dump.txt", original.as_bytes());

    let run = check(&[Path::new("--fix"), &path]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let fixed = std::fs::read_to_string(&path).expect("fixed file");
    let (deleted, inserted) = line_diff(&original, &fixed);
    assert!(inserted.is_empty(), "{inserted:?}");
    let old_lines: Vec<&str> = original.lines().collect();
    let blank = |n: &usize| old_lines[n - 1].trim().is_empty();
    let paragraphs: Vec<usize> = deleted.iter().copied().filter(|n| !blank(n)).collect();
    assert_eq!(paragraphs, [5, 34, 54, 87, 117, 149, 177]);
    assert_eq!(
        deleted.iter().filter(|n| blank(n)).count(),
        7,
        "{deleted:?}"
    );
    let reported: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains(": removed "))
        .map(|l| l.split(':').nth(1).expect("FILE:LINE:"))
        .collect();
    assert_eq!(reported, ["5", "34", "54", "87", "117", "149", "177"]);
    assert!(run.stdout.contains(": removed near-duplicate caption: "));

    let before = identity(&path);
    let again = check(&[Path::new("--fix"), &path]);
    assert_eq!(again.code, 0);
    assert!(!again.stdout.contains("removed"), "{}", again.stdout);
    assert_eq!(std::fs::read_to_string(&path).expect("file"), fixed);
    assert_eq!(identity(&path), before, "the file was rewritten");
}

#[test]
fn fix_on_fixture_gives_the_expected_text_and_is_idempotent() {
    let dir = TempDir::new("fixture");
    let path = dir.file(
        "captions-pairs.newsdump",
        fixture("captions-pairs.newsdump").as_bytes(),
    );
    let run = check(&[Path::new("--fix"), &path]);
    let expected_report = [
        "5: removed duplicate caption: The new ferry terminal seen from the old lighthouse on Monda…",
        "15: removed near-duplicate caption: Visitors walk past stalls on March 3, 2024 at the fair in th…",
        "25: removed duplicate caption: Tom Berry at the lighthouse. [Photo provided to Lakeland Dai…",
        "33: removed duplicate caption: Illustration: Ann Marsh/LD",
    ];
    let shown = path.display().to_string();
    let mut lines = run.stdout.lines();
    for want in expected_report {
        assert_eq!(lines.next(), Some(format!("{shown}:{want}").as_str()));
    }
    // What is left is the reused caption, for information only.
    assert_eq!(
        lines.collect::<Vec<_>>(),
        [format!(
            "{shown}:33:1: info: same caption as line 3, in another article (a reused photo) \
             [reused-caption]"
        )]
    );
    assert_eq!(run.code, 0);
    let fixed = std::fs::read_to_string(&path).expect("fixed");
    assert_eq!(fixed, fixture("captions-pairs.fixed.newsdump"));

    let before = identity(&path);
    let again = check(&[Path::new("--fix"), &path]);
    assert_eq!(again.code, 0);
    assert!(!again.stdout.contains("removed"), "{}", again.stdout);
    assert_eq!(identity(&path), before, "the file was rewritten");
}

#[test]
fn fix_keeps_crlf_line_ends() {
    let dir = TempDir::new("crlf");
    let crlf = fixture("captions-pairs.newsdump").replace('\n', "\r\n");
    let path = dir.file("crlf.newsdump", crlf.as_bytes());
    let run = check(&[Path::new("--fix"), &path]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(
        std::fs::read_to_string(&path).expect("fixed"),
        fixture("captions-pairs.fixed.newsdump").replace('\n', "\r\n")
    );
}

#[test]
fn check_without_fix_reports_and_fails_on_warnings() {
    let dir = TempDir::new("report");
    let text = fixture("captions-pairs.newsdump");
    let path = dir.file("pairs.newsdump", text.as_bytes());
    let run = check(&[&path]);
    assert_eq!(run.code, 1);
    let shown = path.display().to_string();
    assert!(run.stdout.contains(&format!(
        "{shown}:5:1: warning: identical copy of the caption on line 3 [duplicate-caption]"
    )));
    assert!(run.stdout.contains(&format!(
        "{shown}:15:1: warning: differs from line 13: `Mar.` → `March`, `harbour` → `Harbour`, \
         `city's` → `city’s` [near-duplicate-caption]"
    )));
    assert_eq!(std::fs::read_to_string(&path).expect("file"), text);
}

#[test]
fn unreadable_files_exit_2_and_the_others_are_still_fixed() {
    let dir = TempDir::new("unreadable");
    let bad = dir.file("bad.newsdump", b"Headline here\n\n\xff\xfe body\n");
    let good = dir.file(
        "good.newsdump",
        fixture("captions-pairs.newsdump").as_bytes(),
    );
    let missing = dir.0.join("missing.newsdump");
    let run = check(&[Path::new("--fix"), &bad, &missing, &good]);
    assert_eq!(run.code, 2);
    assert_eq!(
        std::fs::read_to_string(&good).expect("fixed"),
        fixture("captions-pairs.fixed.newsdump")
    );
    assert_eq!(
        std::fs::read(&bad).expect("bad"),
        b"Headline here\n\n\xff\xfe body\n"
    );
}

#[test]
fn clean_files_pass() {
    let dir = TempDir::new("clean");
    let path = dir.file(
        "distinct.newsdump",
        fixture("captions-distinct.newsdump").as_bytes(),
    );
    let run = check(&[Path::new("--fix"), &path]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""));
}

#[cfg(unix)]
#[test]
fn fix_through_a_symbolic_link_keeps_the_link() {
    let dir = TempDir::new("symlink");
    let real = dir.file(
        "real.newsdump",
        fixture("captions-pairs.newsdump").as_bytes(),
    );
    let link = dir.0.join("link.newsdump");
    std::os::unix::fs::symlink(&real, &link).expect("symlink");
    let run = check(&[Path::new("--fix"), &link]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(std::fs::symlink_metadata(&link).expect("link").is_symlink());
    assert_eq!(
        std::fs::read_to_string(&real).expect("fixed"),
        fixture("captions-pairs.fixed.newsdump")
    );
}
