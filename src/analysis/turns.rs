//! Structure inside an article: section headings (`Editor’s Note:`) and interview
//! turns (`GT: ...` questions, `Zhang: ...` answers).

use super::words::are_capitalised;

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
/// A speaker label is one to three capitalised words and a colon, then white space and the
/// turn's text. Its words hold no colon, so the first colon ends it.
pub fn speaker_label(flat: &str) -> Option<&str> {
    let (label, turn) = flat.split_once(':')?;
    let is_label = are_capitalised(label, 1, 3, |c| c.is_alphabetic() || "’'.-".contains(c));
    let has_turn = turn.starts_with(char::is_whitespace) && !turn.trim_start().is_empty();
    (is_label && has_turn && !NOT_SPEAKERS.contains(&label)).then_some(label)
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
    use proptest::prelude::*;
    use regex::Regex;
    use std::sync::LazyLock;

    use super::*;

    /// The label pattern as it was.
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\p{Lu}[\p{L}’'.-]*(?: \p{Lu}[\p{L}’'.-]*){0,2}):\s+\S").unwrap()
    });

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn speaker_label_is_the_pattern(
            words in proptest::collection::vec(
                prop_oneof![
                    Just("GT"), Just("Li"), Just("Wei"), Just("É"), Just("é"), Just("O’Neil"),
                    Just("Mae-Li"), Just("J."), Just("x"), Just(""), Just("Photo"), Just("A3"),
                ],
                1..5,
            ),
            space in prop_oneof![6 => Just(" "), 1 => Just("  "), 1 => Just("\u{a0}")],
            colon in prop_oneof![6 => Just(": "), 1 => Just(":"), 1 => Just(" : "),
                1 => Just(":\u{a0}"), 1 => Just("::  ")],
            turn in prop_oneof![Just("We agree."), Just(""), Just(" "), Just("\t"), Just("x: y")],
        ) {
            let s = words.join(space) + colon + turn;
            let label = LABEL
                .captures(&s)
                .map(|c| c.get(1).unwrap().as_str())
                .filter(|label| !NOT_SPEAKERS.contains(label));
            prop_assert_eq!(speaker_label(&s), label, "{:?}", s);
        }
    }

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
