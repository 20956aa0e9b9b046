//! Headline detection. A dump has no markup, so where one article ends and the next
//! begins is decided by explicit rules over each paragraph and its neighbours.
//!
//! Shape: what a paragraph must look like to be a *candidate*.
//! 1. A headline is a one-line paragraph, not a caption, a section heading
//!    (`Editor’s Note:`) or an interview turn.
//! 2. It does not end like a sentence or a clause (`.`, `,`, `;`, `:`); `?` and `!` are
//!    allowed, as headlines ask and exclaim. A Title Case line may end in `.`: body
//!    sentences are never in Title Case.
//! 3. It has at least two words, at most 700 characters (some outlets glue the standfirst
//!    to the headline), and begins with a capital letter, a digit or a quote.
//! 4. It does not end on an article, conjunction or preposition that needs a complement
//!    (`... the number of`): that is a paragraph broken by a stray blank line.
//! 5. It is not article furniture: a byline (`By Ann Lee | Daily | Updated: ...`,
//!    `site.com | Updated: ...`), a time or date on its own (`Oct 12`,
//!    `published-time 1.12am GMT`), a link or contact line (a URL or e-mail address,
//!    `Related: ...`, `Also read | ...`, `Sign up ...`), or a paragraph that opens with a
//!    dateline (`BEIJING -- `, `New Delhi, May 3 -- `).
//! 6. It is not a quotation lifted from the body (opens with a quote mark and carries a
//!    sentence break, `“We won,” she said. “...`).
//!
//! Context: what the neighbours must allow.
//! 7. It is followed by a paragraph, and that paragraph does not begin in lower case or
//!    with `,` `-` `–` `—` `)` (the candidate would then be a broken-off fragment).
//! 8. The *evidence* for a candidate is what follows it: a byline, a caption, a time
//!    stamp, or a lead that opens with a dateline.
//! 9. Without evidence, a candidate right after a time stamp is the title of a live-blog
//!    entry, and one right after a paragraph ending in `:` is a list item; neither is
//!    a headline.
//! 10. Without evidence, a long candidate (over 250 characters) or one with a sentence
//!     break inside (`... in August. Research finds ...`) is a body paragraph that lost
//!     its final stop.
//!
//! Groups: an article needs a body.
//! 11. Paragraphs between two body paragraphs (candidates, bylines, captions, stamps,
//!     links) form a group holding at most one headline. It is the first candidate with
//!     evidence; failing that, the last candidate (the one above the lead: what came
//!     before it is the previous article's trailer, related links, or a kicker), unless
//!     that last one is the deck of the one before it (it ends in `?`, has a sentence
//!     break, or follows an all-capitals headline). Candidates of up to 120 characters
//!     are preferred: captions without a credit and trailers are longer.
//! 12. The first paragraph of a file is a headline.
//!
//! The user's `headline` pattern makes a one-line paragraph a headline whatever the rules
//! say, the `notHeadline` pattern vetoes. Every rule looks at a paragraph and its direct
//! neighbours only, so the pass is linear in the size of the dump.

use regex::Regex;
use std::sync::LazyLock;

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

/// What a paragraph is, as far as article boundaries go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Shaped like a headline (rules 1-6).
    Candidate,
    /// A byline (rule 5).
    Byline,
    /// A time or a date on its own (rule 5).
    Stamp,
    /// A link, contact or sign-up line (rule 5).
    Link,
    Caption,
    /// A paragraph opening with a dateline: the lead of an article.
    Lead,
    /// Anything else: body text, section headings, turns.
    Body,
}

impl Shape {
    /// Shapes that tell the candidate above them is a headline (rule 8).
    fn is_evidence(self) -> bool {
        matches!(
            self,
            Shape::Byline | Shape::Stamp | Shape::Caption | Shape::Lead
        )
    }
}

const MONTH: &str = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";

/// `By Ann Lee in Rome`, `By ANN LEE | China Daily | Updated: 2020-03-01 07:13`,
/// `site.com | Updated: ...`.
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:By\s+\p{Lu}\S*(?:\s+\S+){0,12}$|[^|]{1,80}(?:\|[^|]{1,80}){0,3}\|\s*Updated\b|Updated:\s*\d{4}-\d\d-\d\d)",
    )
    .expect("byline regex")
});

/// A clock time or a date, with at most a few words of label around it.
static STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?ix)^
        (?:[\p{{L}}-]+,?\s+){{0,3}}
        (?:
            \d{{1,2}}[.:]\d\d\s*(?:am|pm|a\.m\.|p\.m\.)?(?:\s+[A-Z]{{2,5}})?
          | (?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?
            (?:{MONTH}\.?\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{MONTH}(?:\s+\d{{4}})?)
          | (?:mon|tues|wednes|thurs|fri|satur|sun)day
        )$"
    ))
    .expect("stamp regex")
});

/// Lines that point elsewhere: addresses, related links, sign-up and contact notes.
static LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        https?://|www\.|\b[\w.+-]+@[\w-]+\.[\w.]+
      | ^(?:related|also\s+read|read\s+more|read\s+also|see\s+also|more\s+on\s+this|click\s+here
           |sign\s+up|subscribe|follow\s+(?:us|more|me)|contact\s+(?:us|the)|email|twitter)\b
        ",
    )
    .expect("link regex")
});

/// A dateline opening a lead: `BEIJING -- `, `HONG KONG - `, `WASHINGTON — `,
/// `New Delhi, June 12 -- `, `India, Jan. 21 -- `.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:\p{{Lu}}[\p{{Lu}} .,'’-]{{1,30}}|\p{{Lu}}[\p{{L}} .'’-]{{1,30}},+\s*{MONTH}\.?\s+\d{{1,2}})\s*(?:--|—|–|-)\s+\S"
    ))
    .expect("dateline regex")
});

/// A sentence ending inside the paragraph: a lower-case word, a stop, a capital.
static SENTENCE_BREAK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\p{Ll}\p{Ll}[.!?]["”’']?\s+["“‘']?\p{Lu}"#).expect("sentence break regex")
});

/// Words a headline does not end on (rule 4).
const DANGLING: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "to", "with", "from", "its", "their", "his", "her",
    "that", "which",
];

/// One flag per paragraph: is it a headline?
pub fn headline_flags(paras: &[ParaFacts<'_>], rules: &Rules) -> Vec<bool> {
    let shapes: Vec<Shape> = paras.iter().map(shape).collect();
    let vetoed = |i: usize| {
        rules
            .not_headline
            .as_ref()
            .is_some_and(|r| r.is_match(paras[i].flat))
    };
    let forced = |i: usize| {
        paras[i].lines == 1
            && rules
                .headline
                .as_ref()
                .is_some_and(|r| r.is_match(paras[i].flat))
    };
    let evidence = |i: usize| shapes.get(i + 1).is_some_and(|s| s.is_evidence());
    let candidate = |i: usize| {
        shapes[i] == Shape::Candidate
            && i + 1 < paras.len()
            && fits_context(paras, &shapes, i, evidence(i))
    };

    let mut flags = vec![false; paras.len()];
    let mut i = 0;
    while i < paras.len() {
        if shapes[i] == Shape::Body || shapes[i] == Shape::Lead {
            i += 1;
            continue;
        }
        // A group of non-body paragraphs: paras[i..end] (rule 11).
        let mut end = i + 1;
        while end < paras.len() && !matches!(shapes[end], Shape::Body | Shape::Lead) {
            end += 1;
        }
        let cands: Vec<usize> = (i..end).filter(|&j| !vetoed(j) && candidate(j)).collect();
        let chosen = if i == 0 {
            Some(0)
        } else if let Some(&j) = cands.iter().find(|&&j| evidence(j)) {
            Some(j)
        } else {
            let short = |j: &&usize| paras[**j].flat.chars().count() <= SHORT;
            let mut pick = cands.iter().rev().find(short).or(cands.last()).copied();
            while let Some(j) = pick {
                let before = cands.iter().rev().find(|&&k| k < j).copied();
                match before {
                    Some(k) if k + 1 == j && is_deck(paras[k].flat, paras[j].flat) => {
                        pick = Some(k)
                    }
                    _ => break,
                }
            }
            pick
        };
        if let Some(j) = chosen.filter(|&j| !vetoed(j)) {
            flags[j] = true;
        }
        i = end;
    }
    for (i, flag) in flags.iter_mut().enumerate() {
        if forced(i) && !vetoed(i) {
            *flag = true;
        }
    }
    flags
}

/// Rules 7, 9 and 10 for the candidate at `i`.
fn fits_context(paras: &[ParaFacts<'_>], shapes: &[Shape], i: usize, evidence: bool) -> bool {
    let next = paras[i + 1].flat;
    if matches!(shapes[i + 1], Shape::Body | Shape::Candidate)
        && next
            .chars()
            .next()
            .is_some_and(|c| c.is_lowercase() || ",-–—)".contains(c))
    {
        return false;
    }
    if evidence {
        return true;
    }
    let after_stamp = i > 0 && shapes[i - 1] == Shape::Stamp;
    let after_colon = i > 0 && paras[i - 1].flat.ends_with(':');
    let flat = paras[i].flat;
    !after_stamp && !after_colon && flat.chars().count() <= 250 && !SENTENCE_BREAK.is_match(flat)
}

/// Is `second`, right under `first`, its deck rather than a headline of its own?
fn is_deck(first: &str, second: &str) -> bool {
    second.trim_end_matches(CLOSERS).ends_with('?')
        || SENTENCE_BREAK.is_match(second)
        || (is_all_caps(first) && !is_all_caps(second))
}

/// Headlines are rarely longer than this; captions and trailers often are (rule 11).
const SHORT: usize = 120;

const CLOSERS: [char; 6] = ['”', '’', '"', '\'', ')', ' '];

fn shape(p: &ParaFacts<'_>) -> Shape {
    let flat = p.flat;
    if p.caption {
        Shape::Caption
    } else if BYLINE.is_match(flat) {
        Shape::Byline
    } else if STAMP.is_match(flat) {
        Shape::Stamp
    } else if DATELINE.is_match(flat) {
        Shape::Lead
    } else if flat.len() <= 200 && LINK.is_match(flat) {
        Shape::Link
    } else if p.lines == 1 && !p.section_heading && !p.turn && looks_like_headline(flat) {
        Shape::Candidate
    } else {
        Shape::Body
    }
}

/// Rules 2, 3, 4 and 6 on the paragraph's own text.
fn looks_like_headline(flat: &str) -> bool {
    let first = flat.chars().next().unwrap_or(' ');
    let quoted = "“\"‘'".contains(first);
    if !(first.is_uppercase() || first.is_ascii_digit() || quoted) {
        return false;
    }
    let words: Vec<&str> = flat.split(' ').collect();
    if words.len() < 2 || flat.chars().count() > 700 {
        return false;
    }
    let end = flat.trim_end_matches(CLOSERS);
    if end.ends_with(['.', ',', ';', ':', '…']) && !(end.ends_with('.') && is_title_case(&words))
    {
        return false;
    }
    let last = words[words.len() - 1].to_lowercase();
    if DANGLING.contains(&last.as_str()) {
        return false;
    }
    !(quoted && SENTENCE_BREAK.is_match(flat))
}

/// Most words of four letters or more start with a capital (`Where It Went From There`).
fn is_title_case(words: &[&str]) -> bool {
    let long: Vec<&&str> = words.iter().filter(|w| w.chars().count() >= 4).collect();
    long.len() >= 3
        && long
            .iter()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count()
            * 10
            >= long.len() * 9
}

fn is_all_caps(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
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
