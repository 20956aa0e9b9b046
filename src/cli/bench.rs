//! `newsdump-ls bench`: how fast the server's own code paths are on a big dump.
//!
//! It builds a dump of the requested size by repeating seed dumps with renamed
//! headlines, then times, in process and through the same modules the server uses:
//! opening to first diagnostics, a one-character edit to fresh diagnostics and outline,
//! outline answers, and the memory the process holds.

use std::path::PathBuf;
use std::process::ExitCode;
use std::str::FromStr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent, Uri};

use super::files::read_dump;
use crate::analysis::text::is_blank;
use crate::analysis::{BlockKind, Dump, LineIndex, Rules};
use crate::lsp::diagnostics::{article_diagnostics, diagnostics};
use crate::lsp::documents::Documents;
use crate::lsp::json::Json;
use crate::lsp::navigation::hover;
use crate::lsp::position::{Encoding, to_position};
use crate::lsp::settings::Settings;
use crate::lsp::symbols::{document_symbols, document_symbols_json};

/// Used when no seed is given: the sample the project ships.
const DEFAULT_SEED: &str = include_str!("../../examples/sample.newsdump");

pub fn run(size_mb: f64, seeds: &[PathBuf], edits: usize) -> ExitCode {
    // As the server does, so that the memory figure is the server's.
    crate::memory::limit_arenas();
    let rss_started = rss_kib();
    let mut texts = Vec::new();
    for path in seeds {
        match read_dump(path) {
            Ok(t) => texts.push(t),
            Err(e) => {
                eprintln!("newsdump-ls: {e}");
                return ExitCode::from(2);
            }
        }
    }
    if texts.is_empty() {
        texts.push(DEFAULT_SEED.to_string());
    }
    let text = build_dump(&texts, (size_mb * 1_048_576.0) as usize);
    let rules = Arc::new(Rules::default());
    let settings = Settings::default();
    let enc = Encoding::Utf16;
    let uri = Uri::from_str("file:///bench.newsdump").expect("static URI");
    let docs = Documents::default();
    // Where the edits go, chosen before measuring: the bench's own data is not the
    // server's memory.
    let (series_at, held_at) = {
        let lines = LineIndex::new(&text);
        let mut series_at: Vec<Vec<Position>> = [false, false, true, false]
            .into_iter()
            .map(|blank| spread(&text, &lines, edits, blank))
            .collect();
        series_at.insert(3, captions_spread(&text, &lines, edits, &rules));
        (series_at, spread(&text, &lines, 5, false))
    };
    let line_count = text.lines().count();

    // What building the dump freed goes back first, so that the growth is the server's.
    crate::memory::give_back();
    // The bench's own data, not the server's: the seeds, the dump, where the edits go.
    // Lengths, not capacities: the pages past a string's end are mapped but never touched.
    let own_kib = (texts.iter().map(String::len).sum::<usize>()
        + text.len()
        + series_at.iter().map(Vec::len).sum::<usize>() * std::mem::size_of::<Position>())
        / 1024;
    warm_up(&docs, &texts, &rules, &settings);
    after_join();
    let rss_before = rss_kib();
    let t = Instant::now();
    docs.open(uri.clone(), &text, 0);
    let snap = docs
        .snapshot(&uri, &rules, usize::MAX)
        .expect("just opened");
    let first = article_diagnostics(&uri, &snap, &settings, enc);
    first.publish_params(&uri, Some(0));
    let open = t.elapsed();
    let t = Instant::now();
    let all = diagnostics(&uri, &snap, &settings, enc).len();
    let open_join = t.elapsed();
    after_join();
    let articles = snap.dump.articles.len();

    let mut outline = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        written_out(&document_symbols_json(&snap, enc));
        outline.push(t.elapsed());
    }
    assert_eq!(document_symbols(&snap, enc).len(), articles);
    // Hovers on people and figures spread over the dump.
    let entities = &snap.dump.entities(&snap.rope);
    let targets: Vec<usize> = entities
        .people
        .iter()
        .flat_map(|p| p.mentions.iter().map(|m| m.range().start))
        .chain(entities.figures().map(|f| f.range.start))
        .collect();
    let step = (targets.len() / 200).max(1);
    let mut hovers = Vec::new();
    for &offset in targets.iter().step_by(step) {
        let pos = to_position(&snap.rope, offset, enc);
        let t = Instant::now();
        let answer = hover(&snap, pos, enc);
        hovers.push(t.elapsed());
        assert!(answer.is_some(), "no hover at {offset}");
    }
    drop(snap);

    // One character typed at a time, at lines spread over the dump, then what the editor
    // asks for next: first inside paragraphs (the usual keystroke), in a burst, then
    // each followed by the pause after which the server joins people and figures; then
    // on blank lines (mostly the one line between two paragraphs, which the character
    // joins into one).
    let mut version = 0;
    let mut series = Vec::new();
    // Last, line breaks typed in a burst: every line after each one moves.
    let kinds = [
        (false, "x"),
        (true, "x"),
        (true, "x"),
        (false, "x"),
        (false, "\n"),
    ];
    let mut rss_after = None;
    for (positions, (pause, typed)) in series_at.into_iter().zip(kinds) {
        if typed == "\n" {
            // Memory is measured before the line breaks: after a burst, the people join
            // waits for a pause, and the figure would leave it out.
            rss_after = rss_kib();
        }
        let mut times = EditTimes::default();
        for (k, mut at) in positions.into_iter().enumerate() {
            // The places were chosen in the text before: each line break typed before
            // this one (at an earlier line) moved it down a line.
            at.line += (k * typed.matches('\n').count()) as u32;
            version += 1;
            let t = Instant::now();
            docs.change(&uri, version, &[typed_at(at, typed)], enc);
            let snap = docs.snapshot(&uri, &rules, usize::MAX).expect("open");
            times.analysed.push(t.elapsed());
            let t = Instant::now();
            let published = article_diagnostics(&uri, &snap, &settings, enc)
                .publish_params(&uri, Some(version));
            times.published.push(t.elapsed());
            let t = Instant::now();
            let outline = document_symbols_json(&snap, enc);
            times.outlined.push(t.elapsed());
            let t = Instant::now();
            written_out(&published);
            written_out(&outline);
            times.written.push(t.elapsed());
            times.sent = (published.len(), outline.len());
            if pause {
                // As the server does before the join: the next keystroke starts cold.
                crate::parallel::release_small_work_caches();
                let t = Instant::now();
                diagnostics(&uri, &snap, &settings, enc);
                times.joined.push(t.elapsed());
                after_join();
            }
        }
        series.push(times);
    }
    // The same while a reader still holds the previous version: its analysis is copied
    // (sharing the articles' scans), then updated.
    let mut held = docs.snapshot(&uri, &rules, usize::MAX);
    let mut copied = Vec::new();
    for &at in &held_at {
        version += 1;
        let t = Instant::now();
        docs.change(&uri, version, &[typed_at(at, "x")], enc);
        let snap = docs.snapshot(&uri, &rules, usize::MAX);
        copied.push(t.elapsed());
        held = snap;
    }
    drop(held);
    // The same while a people join runs, detached as the server runs it: it holds the
    // articles' scans, not the version, so the edit is analysed in place.
    let mut during_join = Vec::new();
    for &at in &held_at {
        version += 1;
        let join = docs
            .snapshot(&uri, &rules, usize::MAX)
            .and_then(|snap| snap.dump.detach_join(&snap.rope));
        let joining = join.map(|join| std::thread::spawn(move || join.run()));
        let t = Instant::now();
        docs.change(&uri, version, &[typed_at(at, "x")], enc);
        let snap = docs.snapshot(&uri, &rules, usize::MAX);
        during_join.push(t.elapsed());
        drop(snap);
        if let Some(joining) = joining {
            joining.join().expect("the people join panicked");
        }
    }

    outln!("newsdump-ls bench");
    outln!(
        "  dump: {:.1} MB, {} lines, {articles} articles, {} diagnostics",
        text.len() as f64 / 1_048_576.0,
        line_count,
        all
    );
    outln!(
        "  open to first diagnostics ({}, the captions'): {}",
        first.len(),
        ms(open)
    );
    outln!(
        "  then people and figures read and joined, all diagnostics: {}",
        ms(open_join)
    );
    let first_outline = outline.remove(0);
    outln!(
        "  outline (documentSymbol), written out: first {}, again (kept in runs of articles) {}",
        ms(first_outline),
        percentiles(&mut outline)
    );
    if !hovers.is_empty() {
        outln!("  hover on names and figures: {}", percentiles(&mut hovers));
    }
    for (times, where_) in series.iter_mut().zip([
        "one-char edit inside a paragraph (the usual keystroke), typed in a burst",
        "one-char edit inside a paragraph, each after a pause (the server joins people then)",
        "one-char edit on a blank line (joining the paragraphs around it), each after a pause",
        "one-char edit inside a caption (its copies and reuses joined again), in a burst",
        "line break typed inside a paragraph (every line after it moves), in a burst",
    ]) {
        outln!("  {where_}:");
        for (step, durations) in [
            (
                "to fresh analysis (articles, caption findings):",
                &mut times.analysed,
            ),
            ("then their diagnostics in LSP form:", &mut times.published),
            ("then the outline in LSP form:", &mut times.outlined),
            ("then both written out (writer thread):", &mut times.written),
            (
                "then the people join and all diagnostics:",
                &mut times.joined,
            ),
        ] {
            if !durations.is_empty() {
                outln!("    {step:<47} {}", percentiles(durations));
            }
        }
        let mb = |bytes: usize| bytes as f64 / 1_048_576.0;
        outln!(
            "    {:<47} {:.2} MB diagnostics, {:.2} MB outline",
            "the answers written, each edit:",
            mb(times.sent.0),
            mb(times.sent.1)
        );
    }
    outln!(
        "  one-char edit while a reader holds the last version: {}",
        percentiles(&mut copied)
    );
    outln!(
        "  one-char edit while a people join runs:            {}",
        percentiles(&mut during_join)
    );
    if let (Some(started), Some(before), Some(after)) = (rss_started, rss_before, rss_after) {
        let times_file = |from: u64| after.saturating_sub(from) as f64 * 1024.0 / text.len() as f64;
        outln!(
            "  memory: {:.0} MB resident after open, join and edits: {:.2}x the file over the \
             process as started, the bench's own data ({:.0} MB) left out; {:.2}x over the \
             warmed-up server ({:.0} MB)",
            after as f64 / 1024.0,
            times_file(started + own_kib as u64),
            own_kib as f64 / 1024.0,
            times_file(before),
            before as f64 / 1024.0,
        );
    }
    ExitCode::SUCCESS
}

/// What the server does after each people join ([`crate::memory::after_join`]). The server
/// does not wait for rayon's workers to give their caches back; the bench does, so that
/// the memory it reads next is what the server holds once they are done.
fn after_join() {
    crate::memory::after_join();
    crate::parallel::wait_for_workers();
}

/// Opens a 1 MB dump, asks for everything a client asks for, and closes it: what a
/// server holds whatever it has open (the compiled regexes, the small work's thread's
/// regex caches) is then in the baseline of the warmed-up memory figure.
fn warm_up(docs: &Documents, seeds: &[String], rules: &Arc<Rules>, settings: &Settings) {
    let uri = Uri::from_str("file:///warm-up.newsdump").expect("static URI");
    docs.open(uri.clone(), &build_dump(seeds, 1 << 20), 0);
    if let Some(snap) = docs.snapshot(&uri, rules, usize::MAX) {
        article_diagnostics(&uri, &snap, settings, Encoding::Utf16);
        diagnostics(&uri, &snap, settings, Encoding::Utf16);
        document_symbols_json(&snap, Encoding::Utf16);
    }
    docs.close(&uri);
}

/// What one series of edits cost, step by step.
#[derive(Default)]
struct EditTimes {
    analysed: Vec<Duration>,
    published: Vec<Duration>,
    outlined: Vec<Duration>,
    written: Vec<Duration>,
    joined: Vec<Duration>,
    /// The bytes of the last diagnostics and outline answers: what the writer writes, and
    /// the client reads, after each edit.
    sent: (usize, usize),
}

/// Writes `json` as the server's writer thread does: through a 64 KiB buffer, here
/// into a sink rather than the pipe to the client.
fn written_out(json: &Json) {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::sink());
    // A sink takes everything.
    let _ = json.write_to(&mut out);
}

/// `count` places spread over `text`, each on the first line from its spot that is blank
/// (`blank`) or not, in the middle of the line, in UTF-16 positions. Typing one
/// character at each moves no line, so the places stay valid as they are typed at.
fn spread(text: &str, lines: &LineIndex, count: usize, blank: bool) -> Vec<Position> {
    let n = lines.line_count();
    (1..=count)
        .filter_map(|k| {
            let from = k * n / (count + 1);
            let line = (from..n).find(|&l| is_blank(&text[lines.line_range(text, l)]) == blank)?;
            Some(middle_of(text, lines, line))
        })
        .collect()
}

/// The middle of line `line`, on a character boundary.
fn middle_of(text: &str, lines: &LineIndex, line: usize) -> Position {
    let content = &text[lines.line_range(text, line)];
    let mut mid = content.len() / 2;
    while !content.is_char_boundary(mid) {
        mid -= 1;
    }
    Position::new(line as u32, Encoding::Utf16.len(&content[..mid]) as u32)
}

/// `count` places spread over `text`, each in the middle of a caption's first line.
fn captions_spread(text: &str, lines: &LineIndex, count: usize, rules: &Rules) -> Vec<Position> {
    let captions: Vec<usize> = Dump::outline_only(text, rules)
        .articles
        .iter()
        .flat_map(|a| a.blocks().filter(|b| b.kind == BlockKind::Caption))
        .map(|b| b.para.start)
        .collect();
    (1..=count)
        .filter_map(|k| {
            let start = *captions.get(k * captions.len() / (count + 1))?;
            Some(middle_of(text, lines, lines.line_of(start)))
        })
        .collect()
}

/// `text` typed at `at`.
fn typed_at(at: Position, text: &str) -> TextDocumentContentChangeEvent {
    TextDocumentContentChangeEvent {
        range: Some(Range::new(at, at)),
        range_length: None,
        text: text.into(),
    }
}

/// Repeats the seeds until `size` bytes, appending ` (N)` to every headline of the
/// N-th copy so that copies are distinct articles, not duplicates.
fn build_dump(seeds: &[String], size: usize) -> String {
    let rules = Rules::default();
    let headline_ends: Vec<Vec<usize>> = seeds
        .iter()
        .map(|s| {
            Dump::outline_only(s, &rules)
                .articles
                .iter()
                .map(|a| a.headline().para.end)
                .collect()
        })
        .collect();
    let mut out = String::with_capacity(size + 1024);
    let mut copy = 0;
    while out.len() < size.max(1) {
        let i = copy % seeds.len();
        let seed = &seeds[i];
        let mut at = 0;
        for &end in &headline_ends[i] {
            out.push_str(&seed[at..end]);
            out.push_str(&format!(" ({copy})"));
            at = end;
        }
        out.push_str(&seed[at..]);
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out.push('\n');
        copy += 1;
    }
    out
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn percentiles(times: &mut [Duration]) -> String {
    if times.is_empty() {
        return "not measured (n=0)".into();
    }
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    format!(
        "p50 {}, p99 {} (n={})",
        ms(at(0.5)),
        ms(at(0.99)),
        times.len()
    )
}

/// Resident memory of this process in KiB (Linux), if it can be read.
fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
