//! Capitalised words, tested by hand. Patterns of Unicode letter classes made the
//! biggest regexes of the analysis: a signature's made an automaton of 0.5 MB, and each
//! thread that ran it kept a matching cache of 0.25 MB more. These do the same in a loop.
//!
//! Letters are as `char` sees them: `is_uppercase`, `is_lowercase` and `is_alphabetic`
//! stand for the regex classes `\p{Lu}`, `\p{Ll}` and `\p{L}`. They differ only on letter-like
//! symbols and marks (circled letters, Roman numerals, combining vowel signs).

/// `word` is a capital followed by characters `rest` accepts.
pub fn is_capitalised(word: &str, rest: impl Fn(char) -> bool) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.all(rest)
}

/// `s` is `min` to `max` words, each one space from the next and capitalised with
/// `rest` (see [`is_capitalised`]).
pub fn are_capitalised(s: &str, min: usize, max: usize, rest: impl Fn(char) -> bool) -> bool {
    let mut count = 0;
    for word in s.split(' ') {
        count += 1;
        if count > max || !is_capitalised(word, &rest) {
            return false;
        }
    }
    count >= min
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitalised_words() {
        let letters = |c: char| c.is_alphabetic();
        assert!(is_capitalised("Émile", letters));
        assert!(is_capitalised("A", letters));
        assert!(!is_capitalised("émile", letters));
        assert!(!is_capitalised("", letters));
        assert!(!is_capitalised("Ann-Lee", letters));
        assert!(are_capitalised("Ann Lee", 2, 3, letters));
        assert!(!are_capitalised("Ann", 2, 3, letters));
        assert!(!are_capitalised("Ann Lee Mae Ray", 2, 3, letters));
        assert!(!are_capitalised("Ann  Lee", 1, 3, letters));
        assert!(!are_capitalised("Ann lee", 1, 3, letters));
        assert!(!are_capitalised("", 0, 3, letters));
    }
}
