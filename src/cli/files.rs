//! Reading dumps from disk for the command line, with errors that name the file.

use std::path::Path;

/// The file's text, or a message naming the file and what is wrong with it.
pub fn read_dump(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{}: not UTF-8 text (invalid byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

/// 1-based column of byte `offset` on its line, counted in characters (a BOM on the
/// first line does not count, as editors hide it).
pub fn column(text: &str, line_start: usize, offset: usize) -> usize {
    text[line_start..offset]
        .chars()
        .filter(|&c| c != '\u{feff}')
        .count()
        + 1
}
