//! Headline detection. A dump has no markup, so where one article ends and the next
//! begins is decided by explicit rules over each paragraph and its neighbours:
//!
//! 1. The first paragraph of a file is a headline.
//! 2. A headline is a one-line paragraph.
//! 3. It is not a caption, a section heading (`Editor’s Note:`) or an interview turn.
//! 4. It does not end like a sentence or a clause (`.`, `,`, `;`, `:`); `?` and `!` are
//!    allowed, as headlines ask and exclaim.
//! 5. It is short: at most 250 characters and at least two words, and begins with a
//!    capital letter, a digit or a quote.
//! 6. It is followed by a paragraph, and the paragraph before it is not itself a
//!    headline (a one-line paragraph right under a headline is a deck).
//!
//! The user's `headline` pattern overrides rules 3-6, the `notHeadline` pattern vetoes.

use super::rules::Rules;

/// What the headline rules need to know about one paragraph.
#[derive(Debug, Clone, Copy)]
pub struct ParaFacts<'a> {
    pub flat: &'a str,
    pub lines: usize,
    pub caption: bool,
    pub section_heading: bool,
    pub turn: bool,
}

/// One flag per paragraph: is it a headline?
pub fn headline_flags(paras: &[ParaFacts<'_>], rules: &Rules) -> Vec<bool> {
    let mut flags = vec![false; paras.len()];
    for i in 0..paras.len() {
        let p = &paras[i];
        if rules
            .not_headline
            .as_ref()
            .is_some_and(|r| r.is_match(p.flat))
        {
            continue;
        }
        flags[i] = if i == 0 {
            true
        } else if p.lines != 1 {
            false
        } else if rules.headline.as_ref().is_some_and(|r| r.is_match(p.flat)) {
            true
        } else {
            looks_like_headline(p) && i + 1 < paras.len() && !flags[i - 1]
        };
    }
    flags
}

fn looks_like_headline(p: &ParaFacts<'_>) -> bool {
    if p.caption || p.section_heading || p.turn {
        return false;
    }
    let s = p.flat.trim_end_matches(['”', '’', '"', '\'', ')']);
    if s.ends_with(['.', ',', ';', ':', '…']) {
        return false;
    }
    let chars = p.flat.chars().count();
    let words = p.flat.split(' ').count();
    let first = p.flat.chars().next().unwrap_or(' ');
    chars <= 250
        && words >= 2
        && (first.is_uppercase() || first.is_ascii_digit() || "“\"‘'".contains(first))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(flat: &str) -> ParaFacts<'_> {
        ParaFacts {
            flat,
            lines: 1,
            caption: false,
            section_heading: false,
            turn: false,
        }
    }

    fn flags(texts: &[&str]) -> Vec<bool> {
        let paras: Vec<_> = texts.iter().map(|t| facts(t)).collect();
        headline_flags(&paras, &Rules::default())
    }

    #[test]
    fn first_paragraph_and_later_short_lines_are_headlines() {
        let got = flags(&[
            "Harbour city opens its new ferry terminal",
            "The terminal, built in three years, opened on Monday.",
            "Will the new line pay off?",
            "Officials expect 10,000 passengers a day.",
        ]);
        assert_eq!(got, [true, false, true, false]);
    }

    #[test]
    fn sentences_decks_and_trailing_lines_are_not() {
        let got = flags(&[
            "Rain returns to the valley",
            "Farmers welcome the end of the dry spell",
            "It rained for three days.",
            "Last line without a body",
        ]);
        assert_eq!(got, [true, false, false, false]);
    }
}
