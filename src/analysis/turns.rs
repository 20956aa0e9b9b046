//! Structure inside an article: section headings (`Editor’s Note:`) and interview
//! turns (`GT: ...` questions, `Zhang: ...` answers).

use regex::Regex;
use std::sync::LazyLock;

/// A speaker label: one to three capitalised words and a colon, then the turn's text.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\p{Lu}[\p{L}’'.-]*(?: \p{Lu}[\p{L}’'.-]*){0,2}):\s+\S").expect("label regex")
});

/// Labels that introduce something other than a speaker's turn.
const NOT_SPEAKERS: &[&str] = &[
    "Photo",
    "Photos",
    "Illustration",
    "Image",
    "Note",
    "Editor’s Note",
    "Editor's Note",
    "Source",
    "Sources",
    "Update",
    "Read",
    "Read More",
    "Related",
    "Watch",
    "Video",
    "File Photo",
    "PHOTO",
    "FILE PHOTO",
];

/// The speaker label opening `flat`, if it looks like one.
pub fn speaker_label(flat: &str) -> Option<&str> {
    let label = LABEL.captures(flat)?.get(1)?.as_str();
    (!NOT_SPEAKERS.contains(&label)).then_some(label)
}

/// A section heading: a short one-line paragraph ending in a colon (`Editor’s Note:`).
pub fn is_section_heading(flat: &str) -> bool {
    flat.ends_with(':')
        && flat.chars().count() <= 40
        && flat.split(' ').count() <= 5
        && flat.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speaker_labels() {
        assert_eq!(speaker_label("GT: What next?"), Some("GT"));
        assert_eq!(speaker_label("Zhang: Under the guidance"), Some("Zhang"));
        assert_eq!(speaker_label("Li Wei: We agree."), Some("Li Wei"));
        assert_eq!(speaker_label("Photo: Xinhua"), None);
        assert_eq!(speaker_label("the GT: x"), None);
        assert_eq!(speaker_label("GT:no space"), None);
    }

    #[test]
    fn section_headings() {
        assert!(is_section_heading("Editor’s Note:"));
        assert!(!is_section_heading(
            "Editor’s Note: This interview was edited."
        ));
        assert!(!is_section_heading("the following:"));
    }
}
