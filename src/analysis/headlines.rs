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
//!    `Related: ...`, `Also read | ...`, `Sign up ...`), a reporting credit closing an
//!    article (`Additional reporting by Ann Lee`), a letter writer's signature
//!    (`Ann Lee, Riverton`, `A Lee, Riverton, NSW`), or a paragraph that opens with a dateline (`BEIJING -- `,
//!    `New Delhi, May 3 -- `).
//! 6. It is not a quotation lifted from the body (opens with a quote mark and carries a
//!    sentence break, `“We won,” she said. “...`), nor a question asked inside an
//!    article (four words or fewer, `How so?`, or opening with `But`, `And`, `So`, `Or`).
//!
//! Context: what the neighbours must allow.
//! 7. It is followed by a paragraph, and that paragraph does not begin in lower case or
//!    with `,` `-` `–` `—` `)` (the candidate would then be a broken-off fragment).
//! 8. The *evidence* for a candidate is what follows it: a byline, a caption, a time
//!    stamp, or a lead that opens with a dateline; or what precedes it: boilerplate the
//!    file repeats at least three times, mostly right above a candidate (a syndication
//!    note closing every article), so the candidate opens the next article.
//! 9. Without evidence, a candidate right after a time stamp is the title of a live-blog
//!    entry, and one right after a paragraph ending in `:` is a list item; neither is
//!    a headline. A candidate with time stamps within 16 paragraphs on both sides is
//!    inside a live blog or a dated listing (the stamp under it opens the next entry):
//!    only a byline, a dateline or a trailer above make it a headline.
//! 10. Without evidence, a long candidate (over 250 characters), one with a sentence
//!     break inside (`... in August. Research finds ...`) or a question of more than
//!     twelve words is a body paragraph that lost its final stop, or a question asked in
//!     the body. Except a headline with its standfirst glued on: over 120 characters,
//!     ending on a bare lower-case word (standfirsts carry no final stop), where a
//!     capital opens the standfirst, and whose first sentence, if it has a break, does
//!     not end in `.` nor is a question of more than twelve words.
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
//! File: what the whole dump says.
//! 13. A candidate whose text recurs in the file above different paragraphs titles a
//!     recurring section (`Today so far`), not an article. A headline repeated with the
//!     same paragraph under it is a duplicated article and stays a headline.
//! 14. Sub-heading series: three or more chosen headlines in a row, each without
//!     evidence, of at most six words, above at most 30 paragraphs, and of one form
//!     (all capitals, Title Case or sentence case) are the sub-headings of one briefing,
//!     listing or feature, and are dropped. A quotation used as a sub-heading keeps the
//!     speaker's wording, so quoted items only need the case of the other quoted items
//!     of the run (`The first pier`, `‘We built it twice’`, `A new crane`). Likewise
//!     three or more of up to fifteen words, each above at most five paragraphs, are the
//!     items of a news-in-brief column or a live blog's summary: a real article runs
//!     longer than a headline and a paragraph or two.
//!
//! The user's `headline` pattern makes a one-line paragraph a headline whatever the rules
//! say, the `notHeadline` pattern vetoes.
//!
//! Reach, which bounds what an edit makes the rules look at again (see
//! the `layout` module): each paragraph is read once into a [`Summary`]; rules 1-7 and 10
//! look at a paragraph and its direct neighbours; rule 9 at the time stamps within 16
//! paragraphs; rule 11 at one group; rules 8 and 13 at counts of each text over the file
//! ([`TextStats`], kept as counts so an edit adds and takes away); rule 14 at the chosen
//! headlines between two with evidence, which no series crosses. A whole pass is linear in
//! the size of the dump.

use regex::Regex;

use crate::thread_regex::ThreadRegex;

use std::ops::Range;

use super::fast_hash::FastMap;
use super::rules::Rules;
use super::text::text_hash;
use super::words::{are_capitalised, is_capitalised};

/// What the headline rules need to know about one paragraph, from its own text.
#[derive(Debug, Clone, Copy)]
pub struct ParaFacts<'a> {
    pub flat: &'a str,
    pub lines: usize,
    pub caption: bool,
    pub section_heading: bool,
}

/// A paragraph as the headline rules see it, read once from its text. The rules never
/// look at the text again, so after an edit they can be re-run over any stretch of the
/// dump from these summaries alone. One is kept for every paragraph of a dump: 16 bytes,
/// its yes-or-no facts as bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Hash of the one-line text: rules 8 and 13 count copies by it.
    pub hash: u64,
    /// Words of a candidate (0 for other paragraphs), at most `u32::MAX`.
    words: u32,
    /// One bit per [`Fact`].
    facts: u16,
    /// The shape of the paragraph on its own (see [`Summary::shape`]).
    solo: Shape,
    /// The case of a candidate's words (see [`Form`]); `Unclear` for other paragraphs.
    case: Case,
}

/// What a [`Summary`] tells with a yes or a no.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fact {
    Caption,
    SectionHeading,
    /// Opens in lower case or with `,` `-` `–` `—` `)` (rule 7).
    Fragment,
    /// Ends in `:` (rule 9).
    Colon,
    /// Passes rule 10 without evidence. This and the facts below, up to `Quoted`, are
    /// only read for candidates, and left out for other paragraphs.
    Alone,
    /// At most [`SHORT`] characters (rule 11).
    Short,
    /// Reads as the deck of a headline above it: a question or a sentence break (rule 11).
    Deck,
    Caps,
    /// Opens with a quotation mark (see [`Form`]).
    Quoted,
    /// Matches the user's `headline` pattern.
    Forced,
    /// Matches the user's `notHeadline` pattern.
    Vetoed,
}

impl Summary {
    pub fn new(p: &ParaFacts<'_>, rules: &Rules) -> Summary {
        let flat = p.flat;
        let solo = shape(p);
        let candidate = solo == Shape::Candidate;
        let matches = |r: &Option<Regex>| r.as_ref().is_some_and(|r| r.is_match(flat));
        let form = candidate.then(|| Form::of(flat));
        let facts = [
            (Fact::Caption, p.caption),
            (Fact::SectionHeading, p.section_heading),
            (
                Fact::Fragment,
                flat.chars()
                    .next()
                    .is_some_and(|c| c.is_lowercase() || ",-–—)".contains(c)),
            ),
            (Fact::Colon, flat.ends_with(':')),
            (Fact::Alone, candidate && stands_alone(flat)),
            (Fact::Short, candidate && flat.chars().count() <= SHORT),
            (
                Fact::Deck,
                candidate
                    && (flat.trim_end_matches(CLOSERS).ends_with('?')
                        || SENTENCE_BREAK.is_match(flat)),
            ),
            (Fact::Caps, candidate && is_all_caps(flat)),
            (Fact::Quoted, form.is_some_and(|f| f.quoted)),
            (Fact::Forced, p.lines == 1 && matches(&rules.headline)),
            (Fact::Vetoed, matches(&rules.not_headline)),
        ];
        let words = if candidate {
            flat.split_whitespace().count()
        } else {
            0
        };
        Summary {
            hash: text_hash(flat),
            words: u32::try_from(words).unwrap_or(u32::MAX),
            facts: facts
                .iter()
                .filter(|(_, yes)| *yes)
                .fold(0, |bits, &(fact, _)| bits | 1 << fact as u16),
            solo,
            case: form.map_or(Case::Unclear, |f| f.case),
        }
    }

    pub fn is(&self, fact: Fact) -> bool {
        self.facts & 1 << fact as u16 != 0
    }

    fn words(&self) -> usize {
        self.words as usize
    }

    fn form(&self) -> Form {
        Form {
            case: self.case,
            quoted: self.is(Fact::Quoted),
        }
    }

    /// The shape in place: an interview turn is body text, whatever it looks like.
    pub fn shape(&self, turn: bool) -> Shape {
        if turn && self.solo == Shape::Candidate {
            Shape::Body
        } else {
            self.solo
        }
    }
}

/// What a paragraph is, as far as article boundaries go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
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

/// Bylines: `By Ann Lee in Rome`, `By ANN LEE | China Daily | Updated: 2020-03-01 07:13`,
/// `site.com | Updated: ...`, `Updated: 2020-03-01`. [`is_byline`] counts the words and
/// the fields between bars; as bounded repetitions of Unicode classes in one pattern they
/// made an automaton of 0.45 MB, and a matching cache of 0.27 MB for every thread.
static BY_NAME: ThreadRegex =
    ThreadRegex::new(|| Regex::new(r"^By\s+\p{Lu}").expect("byline regex"));
static UPDATED_STAMP: ThreadRegex =
    ThreadRegex::new(|| Regex::new(r"^Updated:\s*\d{4}-\d\d-\d\d").expect("updated stamp regex"));
static UPDATED_AFTER_BAR: ThreadRegex =
    ThreadRegex::new(|| Regex::new(r"^\s*Updated\b").expect("updated regex"));

/// Words in a `By ...` byline, at most.
const BYLINE_WORDS: usize = 13;
/// Fields before the bar that leads to `Updated`, at most, and their characters.
const BYLINE_FIELDS: usize = 4;
const BYLINE_FIELD_CHARS: usize = 80;

fn is_byline(flat: &str) -> bool {
    if UPDATED_STAMP.is_match(flat) {
        return true;
    }
    if BY_NAME.is_match(flat) {
        let words = flat["By".len()..].trim_start();
        if !words.ends_with(char::is_whitespace) && words.split_whitespace().count() <= BYLINE_WORDS
        {
            return true;
        }
    }
    let mut rest = flat;
    for _ in 0..BYLINE_FIELDS {
        let Some((field, after)) = rest.split_once('|') else {
            return false;
        };
        if !(1..=BYLINE_FIELD_CHARS).contains(&field.chars().count()) {
            return false;
        }
        if UPDATED_AFTER_BAR.is_match(after) {
            return true;
        }
        rest = after;
    }
    false
}

/// A clock time or a date, after at most three words of label (see [`is_stamp`]).
static STAMP: ThreadRegex = ThreadRegex::new(|| {
    Regex::new(&format!(
        r"(?ix)^(?:
            \d{{1,2}}[.:]\d\d\s*(?:am|pm|a\.m\.|p\.m\.)?(?:\s+[A-Z]{{2,5}})?
          | (?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?
            (?:{MONTH}\.?\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{MONTH}(?:\s+\d{{4}})?)
          | (?:mon|tues|wednes|thurs|fri|satur|sun)day
        )$"
    ))
    .expect("stamp regex")
});

/// Label words a stamp may open with, at most.
const STAMP_LABEL_WORDS: usize = 3;

/// [`STAMP`] after up to [`STAMP_LABEL_WORDS`] label words: letters and hyphens, perhaps a
/// comma or colon, then white space (`Updated: 10:32 am`, `Posted Monday, June 1`). Matched
/// by hand: as a class of all letters inside the pattern, the label made most of an
/// automaton of 0.25 MB and of a matching cache of 0.4 MB for every thread. A label word
/// ends where its letters do, and the white space where the stamp starts, so there is one
/// way to read each number of words.
fn is_stamp(flat: &str) -> bool {
    let mut rest = flat;
    for _ in 0..=STAMP_LABEL_WORDS {
        if STAMP.is_match(rest) {
            return true;
        }
        let word = rest.trim_start_matches(|c: char| c.is_alphabetic() || c == '-');
        if word.len() == rest.len() {
            return false;
        }
        let after = word.strip_prefix([',', ':']).unwrap_or(word);
        rest = after.trim_start();
        if rest.len() == after.len() {
            return false;
        }
    }
    false
}

/// Lines that point elsewhere: addresses, related links, sign-up and contact notes
/// (see [`is_link`]).
static LINK: ThreadRegex = ThreadRegex::new(|| {
    Regex::new(
        r"(?ix)
        https?://|www\.
      | ^(?:related|also\s+read|read\s+more|read\s+also|see\s+also|more\s+on\s+this|click\s+here
           |sign\s+up|subscribe|follow\s+(?:us|more|me)|contact\s+(?:us|the)|email|twitter
           |(?:additional\s+)?reporting\s+(?:was\s+contributed\s+)?by)\b
        ",
    )
    .expect("link regex")
});

/// [`LINK`], or an email address (see [`has_email`]).
fn is_link(flat: &str) -> bool {
    LINK.is_match(flat) || has_email(flat)
}

/// An email address, as the regex `\b[\w.+-]+@[\w-]+\.[\w.]+` finds one, found by hand:
/// with its Unicode word classes, the regex made an automaton of 0.2 MB and a matching
/// cache of 0.35 MB for every thread. Before an `@`, the characters of the class reach
/// back to a word boundary when a word character is among them; after it, a run of
/// word characters and hyphens, a dot, and a word character or dot.
fn has_email(flat: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    flat.match_indices('@').any(|(at, _)| {
        let mut user = flat[..at]
            .chars()
            .rev()
            .take_while(|&c| is_word(c) || ".+-".contains(c));
        let host = &flat[at + 1..];
        let domain = host.trim_start_matches(|c: char| is_word(c) || c == '-');
        user.any(is_word)
            && domain.len() < host.len()
            && domain
                .strip_prefix('.')
                .and_then(|d| d.chars().next())
                .is_some_and(|c| is_word(c) || c == '.')
    })
}

/// A dateline opening a lead: `BEIJING -- `, `HONG KONG - `, `WASHINGTON — `,
/// `New Delhi, June 12 -- `, `India, Jan. 21 -- `. After its first capital the place
/// has at most [`DATELINE_PLACE`] characters; the patterns match it lazily, so the
/// place they capture is the shortest that fits, and [`opens_with_dateline`] measures
/// it. Bounding it in the pattern instead (`{1,30}` of a Unicode class) made an automaton
/// of 2.3 MB, and a matching cache of 1.2 MB for every thread that used it.
static DATELINE_CAPS: ThreadRegex = ThreadRegex::new(|| {
    Regex::new(r"^\p{Lu}([\p{Lu} .,'’-]+?)\s*(?:--|—|–|-)\s+\S").expect("dateline regex")
});

/// The place and date form of [`DATELINE_CAPS`].
static DATELINE_DATED: ThreadRegex = ThreadRegex::new(|| {
    Regex::new(&format!(
        r"^\p{{Lu}}([\p{{L}} .'’-]+?),+\s*{MONTH}\.?\s+\d{{1,2}}\s*(?:--|—|–|-)\s+\S"
    ))
    .expect("dated dateline regex")
});

/// The most characters a dateline's place has after its first capital.
const DATELINE_PLACE: usize = 30;

fn opens_with_dateline(flat: &str) -> bool {
    [&DATELINE_CAPS, &DATELINE_DATED].into_iter().any(|re| {
        re.captures(flat)
            .is_some_and(|c| c[1].chars().count() <= DATELINE_PLACE)
    })
}

/// A sentence ending inside the paragraph: a lower-case word, a stop, a capital.
static SENTENCE_BREAK: ThreadRegex = ThreadRegex::new(|| {
    Regex::new(r#"\p{Ll}\p{Ll}[.!?]["”’']?\s+["“‘']?\p{Lu}"#).expect("sentence break regex")
});

/// Where a standfirst glued to its headline may open without a stop between them
/// (`... the bay Riverton commuters ...`; rule 10).
static GLUE: ThreadRegex =
    ThreadRegex::new(|| Regex::new(r#"\p{Ll}["”’']?\s+\p{Lu}"#).expect("glue regex"));

/// Words a headline does not end on (rule 4).
const DANGLING: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "to", "with", "from", "its", "their", "his", "her",
    "that", "which",
];

/// What paragraph `i` adds to the [`TextStats`].
pub fn share(sums: &[Summary], shapes: &[Shape], i: usize) -> Share {
    Share {
        hash: sums[i].hash,
        next: sums.get(i + 1).map(|s| s.hash),
        candidate: shapes[i] == Shape::Candidate,
        above_candidate: shapes.get(i + 1) == Some(&Shape::Candidate),
    }
}

/// One paragraph's share of the [`TextStats`]: its text, the text after it, and whether
/// it is a candidate, and a candidate follows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Share {
    hash: u64,
    next: Option<u64>,
    candidate: bool,
    above_candidate: bool,
}

/// What the whole file says about each text (rules 8 and 13): how many paragraphs carry
/// it, how many of those stand above a candidate, and which texts follow them. Kept as
/// counts, so that an edit updates it paragraph by paragraph.
#[derive(Debug, Clone, Default)]
pub struct TextStats {
    copies: FastMap<u64, Copies>,
}

/// 32 bytes for each text of a dump; counts in 32 bits, as a dump's paragraphs are
/// fewer than its bytes (see [`super::text::MAX_TEXT_LEN`]).
#[derive(Debug, Clone)]
struct Copies {
    count: u32,
    candidate: u32,
    above_candidate: u32,
    nexts: Nexts,
}

/// The texts right after the copies of a text: nearly always the same one after each,
/// which takes no list.
#[derive(Debug, Clone)]
enum Nexts {
    /// Every copy ends the dump.
    End,
    /// Every copy stands above the text of this hash.
    Same(u64),
    /// Each text, or the end (`None`), with how many copies it follows; two or more.
    #[expect(
        clippy::box_collection,
        reason = "a thin pointer keeps this enum, in every entry, at 16 bytes; few texts need the list"
    )]
    Mixed(Box<Vec<(Option<u64>, u32)>>),
}

impl Nexts {
    fn only(next: Option<u64>) -> Nexts {
        next.map_or(Nexts::End, Nexts::Same)
    }

    /// The one text after every copy, if they share it.
    fn shared(&self) -> Option<Option<u64>> {
        match self {
            Nexts::End => Some(None),
            Nexts::Same(h) => Some(Some(*h)),
            Nexts::Mixed(_) => None,
        }
    }

    /// How many different texts follow the copies.
    fn len(&self) -> usize {
        match self {
            Nexts::Mixed(list) => list.len(),
            _ => 1,
        }
    }

    /// Counts one more copy followed by `next`; `count` copies were counted before.
    fn add(&mut self, next: Option<u64>, count: u32) {
        match self {
            Nexts::Mixed(list) => match list.iter_mut().find(|(n, _)| *n == next) {
                Some((_, k)) => *k += 1,
                None => list.push((next, 1)),
            },
            shared if count == 0 => *shared = Nexts::only(next),
            shared => {
                let before = shared.shared().filter(|&n| n != next);
                if let Some(before) = before {
                    *shared = Nexts::Mixed(Box::new(vec![(before, count), (next, 1)]));
                }
            }
        }
    }

    /// Takes back a copy followed by `next`.
    fn remove(&mut self, next: Option<u64>) {
        let Nexts::Mixed(list) = self else {
            return;
        };
        if let Some(at) = list.iter().position(|(n, _)| *n == next) {
            list[at].1 -= 1;
            if list[at].1 == 0 {
                list.swap_remove(at);
            }
        }
        if let [(last, _)] = list[..] {
            *self = Nexts::only(last);
        }
    }
}

/// Paragraphs recurring this often, mostly above a candidate, are the outlet's closing
/// boilerplate (rule 8).
const TRAILER_REPEATS: u32 = 3;

impl TextStats {
    pub fn add(&mut self, s: Share) {
        let c = self.copies.entry(s.hash).or_insert(Copies {
            count: 0,
            candidate: 0,
            above_candidate: 0,
            nexts: Nexts::End,
        });
        c.nexts.add(s.next, c.count);
        c.count += 1;
        c.candidate += u32::from(s.candidate);
        c.above_candidate += u32::from(s.above_candidate);
    }

    /// Takes back a share added before.
    pub fn remove(&mut self, s: Share) {
        let Some(c) = self.copies.get_mut(&s.hash) else {
            return;
        };
        c.count -= 1;
        c.candidate -= u32::from(s.candidate);
        c.above_candidate -= u32::from(s.above_candidate);
        c.nexts.remove(s.next);
        if c.count == 0 {
            self.copies.remove(&s.hash);
        }
    }

    /// A text found more than once, not always above the same paragraph, titles a
    /// recurring section (`Today so far`), not an article (rule 13). A headline repeated
    /// with its article is a duplicate article and stays a headline.
    pub fn section_title(&self, hash: u64) -> bool {
        self.copies
            .get(&hash)
            .is_some_and(|c| c.count > 1 && c.nexts.len() > 1)
    }

    /// Whether any copy of a text is a candidate (`(true, _)`), or stands above one
    /// (`(_, true)`): only there do the rules read its marks.
    pub fn read_at(&self, hash: u64) -> (bool, bool) {
        self.copies
            .get(&hash)
            .map_or((false, false), |c| (c.candidate > 0, c.above_candidate > 0))
    }

    /// Boilerplate the file repeats (`Published by ...`, a syndication note), mostly
    /// right above a candidate: it closes an article (rule 8).
    pub fn trailer(&self, hash: u64) -> bool {
        self.copies.get(&hash).is_some_and(|c| {
            c.count >= TRAILER_REPEATS && u64::from(c.above_candidate) * 3 >= u64::from(c.count) * 2
        })
    }
}

/// How far (in paragraphs) a live-blog entry reaches from its time stamps (rule 9).
const STAMP_REACH: usize = 16;

/// How far a change to one paragraph reaches through rules 7 to 10: the time stamps
/// around a candidate, and its direct neighbours.
pub const REACH: usize = STAMP_REACH + 1;

/// The rules over a dump's summaries, their shapes in place and the file's text stats.
pub struct Headlines<'a> {
    pub sums: &'a [Summary],
    pub shapes: &'a [Shape],
    pub stats: &'a TextStats,
}

impl Headlines<'_> {
    fn len(&self) -> usize {
        self.sums.len()
    }

    /// A group member: anything but body text and leads (rule 11).
    fn in_group(&self, i: usize) -> bool {
        !matches!(self.shapes[i], Shape::Body | Shape::Lead)
    }

    /// `range` widened to whole groups, so that [`Headlines::choose`] can run on it.
    pub fn whole_groups(&self, range: Range<usize>) -> Range<usize> {
        let (mut a, mut b) = (range.start.min(self.len()), range.end.min(self.len()));
        while a > 0 && a < self.len() && self.in_group(a) && self.in_group(a - 1) {
            a -= 1;
        }
        while b > 0 && b < self.len() && self.in_group(b) && self.in_group(b - 1) {
            b += 1;
        }
        a..b
    }

    /// The paragraph above `i` is boilerplate the file repeats: `i` opens an article
    /// (rule 8).
    fn after_trailer(&self, i: usize) -> bool {
        i > 0 && self.stats.trailer(self.sums[i - 1].hash)
    }

    fn evidence(&self, i: usize) -> bool {
        self.shapes.get(i + 1).is_some_and(|s| s.is_evidence()) || self.after_trailer(i)
    }

    /// A chosen headline that no series can drop: the first paragraph, one with
    /// evidence, or one longer than any series' items. The series of rule 14 never run
    /// across one.
    pub fn anchors(&self, i: usize, raw: &[bool]) -> bool {
        let too_long = SUBHEADINGS.words.max(BRIEFS.words);
        raw[i] && (i == 0 || self.sums[i].words() > too_long || self.evidence(i))
    }

    fn candidate(&self, i: usize) -> bool {
        self.shapes[i] == Shape::Candidate
            && i + 1 < self.len()
            && !self.stats.section_title(self.sums[i].hash)
            && self.fits_context(i, self.evidence(i))
    }

    /// Time stamps close on both sides: `i` is inside a live blog or a dated listing
    /// (rule 9).
    fn in_stamp_run(&self, i: usize) -> bool {
        let stamp = |j: &usize| self.shapes[*j] == Shape::Stamp;
        (i.saturating_sub(STAMP_REACH)..i).any(|j| stamp(&j))
            && (i + 1..(i + STAMP_REACH + 1).min(self.len())).any(|j| stamp(&j))
    }

    /// Rules 7, 9 and 10 for the candidate at `i`.
    fn fits_context(&self, i: usize, evidence: bool) -> bool {
        let next = i + 1;
        if matches!(self.shapes[next], Shape::Body | Shape::Candidate)
            && self.sums[next].is(Fact::Fragment)
        {
            return false;
        }
        let strong =
            self.after_trailer(i) || matches!(self.shapes[next], Shape::Byline | Shape::Lead);
        if self.in_stamp_run(i) && !strong {
            return false;
        }
        if evidence {
            return true;
        }
        let after_stamp = i > 0 && self.shapes[i - 1] == Shape::Stamp;
        let after_colon = i > 0 && self.sums[i - 1].is(Fact::Colon);
        !after_stamp && !after_colon && self.sums[i].is(Fact::Alone)
    }

    /// Is `second`, right under `first`, its deck rather than a headline of its own?
    fn is_deck(&self, first: usize, second: usize) -> bool {
        let (a, b) = (&self.sums[first], &self.sums[second]);
        b.is(Fact::Deck) || (a.is(Fact::Caps) && !b.is(Fact::Caps))
    }

    /// Rules 11 and 12 over the groups in `range` (whole groups, see
    /// [`Headlines::whole_groups`]): `raw[j]` for each paragraph of it tells whether it
    /// is the group's headline.
    pub fn choose(&self, range: Range<usize>, raw: &mut [bool]) {
        raw[range.clone()].fill(false);
        let mut i = range.start;
        while i < range.end {
            if !self.in_group(i) {
                i += 1;
                continue;
            }
            // A group of non-body paragraphs: i..end (rule 11).
            let mut end = i + 1;
            while end < self.len() && self.in_group(end) {
                end += 1;
            }
            let cands: Vec<usize> = (i..end)
                .filter(|&j| !self.sums[j].is(Fact::Vetoed) && self.candidate(j))
                .collect();
            let chosen = if i == 0 {
                Some(0)
            } else if let Some(&j) = cands.iter().find(|&&j| self.evidence(j)) {
                Some(j)
            } else {
                let last = cands.iter().rposition(|&j| self.sums[j].is(Fact::Short));
                last.or(cands.len().checked_sub(1)).map(|mut p| {
                    while p > 0
                        && cands[p - 1] + 1 == cands[p]
                        && self.is_deck(cands[p - 1], cands[p])
                    {
                        p -= 1;
                    }
                    cands[p]
                })
            };
            if let Some(j) = chosen.filter(|&j| !self.sums[j].is(Fact::Vetoed)) {
                raw[j] = true;
            }
            i = end;
        }
    }

    /// Rule 14 and the user's patterns over `range`, which starts at the file's start or
    /// at an anchor (see [`Headlines::anchors`]) and ends at one or at the file's end:
    /// sets `flags` for the paragraphs of the range from the groups' choices in `raw`.
    pub fn settle(&self, range: Range<usize>, raw: &[bool], flags: &mut [bool]) {
        flags[range.clone()].copy_from_slice(&raw[range.clone()]);
        for series in [SUBHEADINGS, BRIEFS] {
            self.drop_series(range.clone(), flags, series);
        }
        for i in range {
            let s = &self.sums[i];
            if s.is(Fact::Forced) && !s.is(Fact::Vetoed) {
                flags[i] = true;
            }
        }
    }

    /// Rule 14: unflags runs of unevidenced headlines of one form with short sections
    /// under them (`The next wave`, `Data vs. data`, `Mistakes are made`): they are the
    /// sub-headings of a briefing, a listing or a long feature, or the items of a summary.
    fn drop_series(&self, range: Range<usize>, flags: &mut [bool], series: Series) {
        let chosen: Vec<usize> = range.clone().filter(|&i| flags[i]).collect();
        let eligible = |k: usize| {
            let j = chosen[k];
            let section = chosen.get(k + 1).copied().unwrap_or(range.end) - j;
            !(j == 0 || self.evidence(j))
                && section <= series.section
                && self.sums[j].words() <= series.words
        };
        let mut k = 0;
        while k < chosen.len() {
            if !eligible(k) {
                k += 1;
                continue;
            }
            // The case each kind of item (quoted or not) keeps through the run.
            let mut cases: [Option<Case>; 2] = [None; 2];
            let mut fits = |k: usize| {
                let form = self.sums[chosen[k]].form();
                *cases[usize::from(form.quoted)].get_or_insert(form.case) == form.case
            };
            fits(k);
            let mut end = k + 1;
            while end < chosen.len() && eligible(end) && fits(end) {
                end += 1;
            }
            if end - k >= series.run {
                for &j in &chosen[k..end] {
                    flags[j] = false;
                }
            }
            k = end;
        }
    }
}

/// Rule 10 on the candidate's own text: short enough and one sentence, or a headline
/// with its standfirst glued on; and not a long question.
fn stands_alone(flat: &str) -> bool {
    ((flat.chars().count() <= 250 && !SENTENCE_BREAK.is_match(flat)) || is_glued_standfirst(flat))
        && !is_long_question(flat)
}

/// A headline with its standfirst glued on (`Will ferries return? The harbour plans a
/// new line for commuters`) is long and ends on a bare lower-case word, as standfirsts
/// carry no final stop. The standfirst opens on a capital, after a stop or not; the
/// first sentence is the headline, so it does not end in a full stop (rule 2) and, if
/// a question, is no longer than rule 10 allows. A body
/// paragraph that lost its stop mostly ends on a quote, a `!`, a name, a date or an
/// address, or opens with a long sentence (rule 10).
fn is_glued_standfirst(flat: &str) -> bool {
    let last_word = flat.rsplit(' ').next().unwrap_or("");
    if flat.len() <= SHORT || flat.contains('@') || !last_word.chars().all(|c| c.is_lowercase()) {
        return false;
    }
    match SENTENCE_BREAK.find(flat) {
        // No stop between headline and standfirst: a lower-case word, then a capital.
        None => GLUE.is_match(flat),
        Some(m) => {
            // The match opens with two letters, then the stop.
            let at = m.start() + m.as_str().find(['.', '!', '?']).unwrap_or(0);
            flat.as_bytes()[at] != b'.' && !is_long_question(&flat[..=at])
        }
    }
}

/// A question of more than a dozen words is asked in the body (rule 10).
fn is_long_question(flat: &str) -> bool {
    flat.trim_end_matches(CLOSERS).ends_with('?') && flat.split_whitespace().count() > 12
}

/// A series of titles inside one article (rule 14): a run of at least `run` chosen
/// headlines, each without evidence, of at most `words` words, each above at most
/// `section` paragraphs, all of one form.
#[derive(Debug, Clone, Copy)]
struct Series {
    run: usize,
    words: usize,
    section: usize,
}

/// Sub-headings of a feature, a briefing or a listing: short titles.
const SUBHEADINGS: Series = Series {
    run: 3,
    words: 6,
    section: 30,
};

/// Items of a news-in-brief column or a live blog's summary: full headlines, but each
/// with a paragraph or two under it, where a real article has more.
const BRIEFS: Series = Series {
    run: 3,
    words: 15,
    section: 5,
};

/// The form of a short title, to tell items of one series (rule 14).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Form {
    case: Case,
    quoted: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    /// `ARTS AND IDEAS`
    Capitals,
    /// `What Else Is Happening`
    Title,
    /// `The next wave`
    Sentence,
    Unclear,
}

impl Form {
    fn of(flat: &str) -> Self {
        let quoted = flat.starts_with(['“', '"', '‘', '\'']);
        let case = if is_all_caps(flat) {
            Case::Capitals
        } else {
            // Words of four letters or more after the first; short ones are often
            // lower case in Title Case too.
            let long: Vec<&str> = flat
                .split(|c: char| !c.is_alphabetic() && !"'’.-".contains(c))
                .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
                .skip(1)
                .filter(|w| w.chars().count() >= 4)
                .collect();
            let upper = long
                .iter()
                .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
                .count();
            if long.is_empty() {
                Case::Unclear
            } else if upper == long.len() {
                Case::Title
            } else if upper * 2 <= long.len() {
                Case::Sentence
            } else {
                Case::Unclear
            }
        };
        Form { case, quoted }
    }
}

/// Headlines are rarely longer than this; captions and trailers often are (rule 11).
const SHORT: usize = 120;

const CLOSERS: [char; 6] = ['”', '’', '"', '\'', ')', ' '];

fn shape(p: &ParaFacts<'_>) -> Shape {
    let flat = p.flat;
    if p.caption {
        Shape::Caption
    } else if flat.len() <= MAX_BYLINE && is_byline(flat) {
        Shape::Byline
    } else if flat.len() <= MAX_STAMP && is_stamp(flat) {
        Shape::Stamp
    } else if opens_with_dateline(prefix(flat, DATELINE_REACH)) {
        Shape::Lead
    } else if flat.len() <= 200 && is_link(flat) {
        Shape::Link
    } else if p.lines == 1 && !p.section_heading && looks_like_headline(flat) {
        Shape::Candidate
    } else {
        Shape::Body
    }
}

/// Bylines and stamps are short, and a dateline sits at the very start: the regexes for
/// them only ever look this far, which keeps the pass over a big dump cheap.
const MAX_BYLINE: usize = 400;
/// Rule 3's longest headline, in characters.
const MAX_CHARS: usize = 700;
const MAX_STAMP: usize = 120;
const DATELINE_REACH: usize = 120;

/// The first `n` bytes of `s`, cut back to a character boundary.
fn prefix(s: &str, n: usize) -> &str {
    let mut end = n.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Rules 2, 3, 4 and 6 on the paragraph's own text.
fn looks_like_headline(flat: &str) -> bool {
    let first = flat.chars().next().unwrap_or(' ');
    let quoted = "“\"‘'".contains(first);
    if !(first.is_uppercase() || first.is_ascii_digit() || quoted) {
        return false;
    }
    // Most paragraphs are body text: settle them on length and final punctuation before
    // looking at their words.
    if flat.len() > 4 * MAX_CHARS || (flat.len() > MAX_CHARS && flat.chars().count() > MAX_CHARS) {
        return false;
    }
    let end = flat.trim_end_matches(CLOSERS);
    if end.ends_with([',', ';', ':', '…']) || (end.ends_with('.') && !is_title_case(flat)) {
        return false;
    }
    let words: Vec<&str> = flat.split(' ').collect();
    if words.len() < 2 {
        return false;
    }
    let last = words[words.len() - 1].to_lowercase();
    if DANGLING.contains(&last.as_str()) {
        return false;
    }
    let lifted_quote = quoted && SENTENCE_BREAK.is_match(flat);
    !(lifted_quote || is_aside_question(&words) || is_signature(flat))
}

/// A question of a few words (`How so?`) or one opening with a conjunction
/// (`But what have we seen?`) is asked inside an article (rule 6).
fn is_aside_question(words: &[&str]) -> bool {
    let question = words[words.len() - 1]
        .trim_end_matches(CLOSERS)
        .ends_with('?');
    question && (words.len() <= 4 || ["But", "And", "So", "Or"].contains(&words[0]))
}

/// A letter writer's signature (`Ann Lee, Springfield`, `Ann Lee, Springfield, IL`): two
/// or three capitalised words, a comma and a place of one to three, perhaps a comma and a
/// state of two or three capitals (rule 5). None of the words holds a comma or a space,
/// so the commas split the parts.
fn is_signature(flat: &str) -> bool {
    let mut parts = flat.split(", ");
    let (Some(name), Some(place), state, None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let (first, others) = name.split_once(' ').unwrap_or((name, ""));
    is_capitalised(first, |c| c.is_lowercase() || "'’.-".contains(c))
        && are_capitalised(others, 1, 2, |c| c.is_alphabetic() || "'’.-".contains(c))
        && are_capitalised(place, 1, 3, |c| c.is_alphabetic() || c == '.')
        && state.is_none_or(|s| {
            (2..=3).contains(&s.chars().count()) && s.chars().all(char::is_uppercase)
        })
}

/// Most words of four letters or more start with a capital (`Where It Went From There`).
fn is_title_case(flat: &str) -> bool {
    let (mut long, mut lower, mut seen) = (0, 0, 0);
    for w in flat.split(' ') {
        seen += w.len() + 1;
        if w.chars().count() < 4 {
            continue;
        }
        long += 1;
        lower += usize::from(!w.chars().next().is_some_and(char::is_uppercase));
        // Give up once even all the long words the rest could hold (each at least four
        // bytes and a space) would not bring the lower-case share back under a tenth.
        let could_come = flat.len().saturating_sub(seen) / 5;
        if lower * 10 > long + could_come {
            return false;
        }
    }
    long >= 3 && lower * 10 <= long
}

fn is_all_caps(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use std::sync::LazyLock;

    /// The dateline pattern as it was, with the place bounded inside it.
    static BOUNDED_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"^(?:\p{{Lu}}[\p{{Lu}} .,'’-]{{1,30}}|\p{{Lu}}[\p{{L}} .'’-]{{1,30}},+\s*{MONTH}\.?\s+\d{{1,2}})\s*(?:--|—|–|-)\s+\S"
        ))
        .unwrap()
    });

    proptest! {
        #[test]
        fn dateline_is_the_bounded_pattern(pieces in proptest::collection::vec(
            prop_oneof![
                Just("BEIJING"), Just("É"), Just("Ng"), Just("é"), Just("x"), Just(" "),
                Just(","), Just(".") , Just("'"), Just("’"), Just("-"), Just("--"), Just("—"),
                Just("–"), Just("Jan"), Just("June"), Just("12"), Just("7"), Just("\u{a0}"),
            ],
            0..24,
        )) {
            let s = pieces.concat();
            prop_assert_eq!(opens_with_dateline(&s), BOUNDED_DATELINE.is_match(&s), "{:?}", s);
        }
    }

    /// The stamp pattern as it was, its label inside it.
    static LABELLED_STAMP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?ix)^
            (?:[\p{{L}}-]+[,:]?\s+){{0,3}}
            (?:
                \d{{1,2}}[.:]\d\d\s*(?:am|pm|a\.m\.|p\.m\.)?(?:\s+[A-Z]{{2,5}})?
              | (?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?
                (?:{MONTH}\.?\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{MONTH}(?:\s+\d{{4}})?)
              | (?:mon|tues|wednes|thurs|fri|satur|sun)day
            )$"
        ))
        .unwrap()
    });

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn stamp_is_the_labelled_pattern(
            label in proptest::collection::vec(
                (
                    prop_oneof![
                        Just("Updated"), Just("Posted-at"), Just("É"), Just("x"), Just(""),
                        Just("Monday"), Just("June"), Just("12"), Just("-"), Just("on3"),
                    ],
                    prop_oneof![
                        4 => Just(" "), 2 => Just(": "), 1 => Just(", "), 1 => Just(":"),
                        1 => Just(",, "), 1 => Just("\t\u{a0} "),
                    ],
                ),
                0..6,
            ),
            stamp in prop_oneof![
                Just("10:32 am"), Just("9.05 p.m. EST"), Just("Monday, June 1, 2020"),
                Just("1 Sept 2019"), Just("Jan. 3"), Just("sunday"), Just("10:3"), Just(""),
                Just("June"), Just("Monday x"),
            ],
        ) {
            let s: String = label.iter().flat_map(|(w, sep)| [*w, *sep]).collect::<String>() + stamp;
            prop_assert_eq!(is_stamp(&s), LABELLED_STAMP.is_match(&s), "{:?}", s);
        }
    }

    /// The link pattern as it was, email addresses inside it.
    static LINK_OR_EMAIL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?ix)https?://|www\.|\b[\w.+-]+@[\w-]+\.[\w.]+|^(?:related|email)\b").unwrap()
    });

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn link_is_the_pattern(pieces in proptest::collection::vec(
            prop_oneof![
                Just("ann"), Just("É"), Just("é"), Just("_"), Just("3"), Just("."), Just("+"),
                Just("-"), Just("@"), Just("@@"), Just(" "), Just("com"), Just("a.b"),
                Just("www."), Just("HTTP://"), Just("related"), Just("Email"), Just(":"),
                Just("’"), Just("\u{a0}"), Just(".."),
            ],
            0..12,
        )) {
            let s = pieces.concat();
            let hand = LINK.is_match(&s) || has_email(&s);
            prop_assert_eq!(is_link(&s), hand);
            prop_assert_eq!(hand, LINK_OR_EMAIL.is_match(&s), "{:?}", s);
        }
    }

    /// The signature pattern as it was.
    static SIGNATURE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\p{Lu}(?:[\p{Ll}'’.-]+|\.?)(?: \p{Lu}[\p{L}'’.-]*){1,2}, \p{Lu}[\p{L}.]*(?: \p{Lu}[\p{L}.]*){0,2}(?:, \p{Lu}{2,3})?$")
            .unwrap()
    });

    const SIGNATURE_WORDS: &[&str] = &[
        "Ann", "LeE", "A", "Émile", "é", "IL", "NYC", "ILLS", "St.", "O'Neil", "D’Arcy", "Mae-Li",
        "J.", "x3", "", "Ñ.a",
    ];

    fn signature_words(n: std::ops::Range<usize>) -> impl Strategy<Value = String> {
        (
            proptest::collection::vec(proptest::sample::select(SIGNATURE_WORDS), n),
            prop_oneof![6 => Just(" "), 1 => Just("  "), 1 => Just("\u{a0}")],
        )
            .prop_map(|(words, space)| words.join(space))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn signature_is_the_pattern(
            name in signature_words(1..5),
            place in signature_words(0..5),
            state in proptest::option::of(signature_words(1..2)),
            comma in prop_oneof![6 => Just(", "), 1 => Just(","), 1 => Just(" , ")],
        ) {
            let mut s = name + comma + &place;
            if let Some(state) = state {
                s = s + comma + &state;
            }
            prop_assert_eq!(is_signature(&s), SIGNATURE.is_match(&s), "{:?}", s);
        }
    }

    /// The byline pattern as it was, counting inside it.
    static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:By\s+\p{Lu}\S*(?:\s+\S+){0,12}$|[^|]{1,80}(?:\|[^|]{1,80}){0,3}\|\s*Updated\b|Updated:\s*\d{4}-\d\d-\d\d)",
        )
        .unwrap()
    });

    proptest! {
        #[test]
        fn byline_is_the_counting_pattern(pieces in proptest::collection::vec(
            prop_oneof![
                Just("By"), Just("By "), Just(" "), Just("\t"), Just("|"), Just(" | "),
                Just("Updated"), Just("Updated:"), Just("Updated: 2020-03-01"), Just("2020-03-01"),
                Just("Ann"), Just("LEE"), Just("É"), Just("é"), Just("x"), Just("_"),
                Just("abcdefghijklmnopqrst"), Just("\u{a0}"), Just("ed"),
            ],
            0..30,
        )) {
            let s = pieces.concat();
            prop_assert_eq!(is_byline(&s), BYLINE.is_match(&s), "{:?}", s);
        }
    }

    #[test]
    fn byline_limits() {
        let words = |n: usize| format!("By {}", vec!["Ann"; n].join(" "));
        let fields = |n: usize, chars: usize| {
            format!("{}| Updated: today", vec!["x".repeat(chars); n].join("|"))
        };
        for (s, is) in [
            (words(13), true),
            (words(14), false),
            (format!("{} ", words(2)), false),
            (fields(4, 80), true),
            (fields(5, 80), false),
            (fields(1, 81), false),
            (fields(2, 0), false),
            ("Updated: 2020-03-01".to_string(), true),
            ("a | Updatedness".to_string(), false),
        ] {
            assert_eq!(is_byline(&s), is, "{s}");
            assert_eq!(BYLINE.is_match(&s), is, "{s}");
        }
    }

    #[test]
    fn dateline_place_is_bounded() {
        for (place, fits) in [(30, true), (31, false)] {
            let caps = format!("B{} -- Officials said", "É".repeat(place));
            let dated = format!("B{}, June 12 -- Officials said", "é".repeat(place));
            for s in [caps, dated] {
                assert_eq!(opens_with_dateline(&s), fits, "{s}");
                assert_eq!(BOUNDED_DATELINE.is_match(&s), fits, "{s}");
            }
        }
        // A long place that does not fit, then one that does.
        let s = format!("B{} -- x and BEIJING -- y", "É".repeat(40));
        assert_eq!(opens_with_dateline(&s), BOUNDED_DATELINE.is_match(&s));
    }

    use super::*;

    /// One flag per paragraph, none of them an interview turn, as a whole dump's
    /// layout computes them.
    fn headline_flags(paras: &[ParaFacts<'_>], rules: &Rules) -> Vec<bool> {
        let sums: Vec<Summary> = paras.iter().map(|p| Summary::new(p, rules)).collect();
        let shapes: Vec<Shape> = sums.iter().map(|s| s.shape(false)).collect();
        let mut stats = TextStats::default();
        for i in 0..sums.len() {
            stats.add(share(&sums, &shapes, i));
        }
        let rules = Headlines {
            sums: &sums,
            shapes: &shapes,
            stats: &stats,
        };
        let mut raw = vec![false; sums.len()];
        let mut flags = vec![false; sums.len()];
        rules.choose(0..sums.len(), &mut raw);
        rules.settle(0..sums.len(), &raw, &mut flags);
        flags
    }

    fn facts(flat: &str) -> ParaFacts<'_> {
        ParaFacts {
            flat,
            lines: 1,
            caption: false,
            section_heading: false,
        }
    }

    fn flags(texts: &[&str]) -> Vec<bool> {
        let paras: Vec<_> = texts.iter().map(|t| facts(t)).collect();
        headline_flags(&paras, &Rules::default())
    }

    /// Only the first paragraph and the one under test's position matter: a body
    /// sentence before and after each line keeps groups apart.
    fn is_headline_between_bodies(line: &str, next: &str) -> bool {
        let got = flags(&[
            "Opening headline",
            "A body sentence.",
            line,
            next,
            "More body.",
        ]);
        got[2]
    }

    const BODY: &str = "The council approved the plan on Monday.";

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

    #[test]
    fn final_punctuation_rule_2() {
        assert!(is_headline_between_bodies("Is the ferry worth it?", BODY));
        assert!(is_headline_between_bodies("Ferry fares slashed!", BODY));
        assert!(!is_headline_between_bodies("The ferry is late.", BODY));
        assert!(!is_headline_between_bodies("Fares rise for:", BODY));
        assert!(is_headline_between_bodies(
            "Where the Ferry Went From There Stunned the Harbour Master.",
            BODY
        ));
    }

    #[test]
    fn shape_rule_3_and_dangling_words_rule_4() {
        assert!(!is_headline_between_bodies("Ferries", BODY));
        assert!(!is_headline_between_bodies(
            "ferries return to the bay",
            BODY
        ));
        assert!(!is_headline_between_bodies(
            "The mayor said fares will rise, citing the growing number of",
            "commuters who cross the bay."
        ));
        assert!(!is_headline_between_bodies(
            "Fares will rise in line with the",
            BODY
        ));
    }

    #[test]
    fn credits_and_initialled_signatures_rule_5() {
        for line in [
            "Additional reporting by Ann Lee",
            "Reporting was contributed by Ann Lee and Tom Reyes",
            "A Lee, Riverton",
            "Ann Lee, Riverton, NSW",
        ] {
            assert!(!is_headline_between_bodies(line, BODY), "{line}");
        }
        assert!(is_headline_between_bodies(
            "Reporting from the harbour",
            BODY
        ));
    }

    #[test]
    fn glued_standfirst_rule_10() {
        assert!(is_headline_between_bodies(
            "Will the ferry ever return? Riverton commuters have waited three years for a new \
             line, and the harbour board now says the wait may be longer",
            BODY
        ));
        assert!(!is_headline_between_bodies(
            "The harbour board met on Monday to discuss the ferry. Commuters have waited three \
             years for a new line, and the board now says the wait may be longer",
            BODY
        ));
        assert!(!is_headline_between_bodies(
            "Will the ferry ever return? Riverton commuters have waited three years for a new \
             line, and the harbour board says “It will be back!”",
            BODY
        ));
    }

    #[test]
    fn furniture_is_no_headline_rule_5() {
        for line in [
            "By Ann Lee | Harbour Daily | Updated: 2021-03-02 10:02",
            "harbour.example | Updated: 2021-03-02 10:02",
            "By Ann Lee in Riverton",
            "Oct 12",
            "13 July",
            "published-time 1.12am GMT",
            "Starts streaming: June 12",
            "Related: Ferry fares to rise in spring",
            "Also read | Ferry fares to rise in spring",
            "Contact the writer at ann.lee@harbour.example",
            "https://images.harbour.example/ferry.jpeg",
            "Sign up for our ferry newsletter",
            "Ann Lee, Riverton",
            "RIVERTON -- The mayor resigned on Friday",
            "Riverton, May 17 -- The mayor resigned on Friday",
        ] {
            assert!(!is_headline_between_bodies(line, BODY), "{line}");
        }
    }

    #[test]
    fn quotes_and_asides_rule_6() {
        assert!(!is_headline_between_bodies(
            "“We won,” she said. “Now the work starts”",
            BODY
        ));
        assert!(!is_headline_between_bodies("How so?", BODY));
        assert!(!is_headline_between_bodies(
            "But what have the towns seen?",
            BODY
        ));
        assert!(is_headline_between_bodies(
            "‘We will sail again’: ferry crews return to work",
            BODY
        ));
    }

    #[test]
    fn evidence_and_context_rules_8_to_10() {
        let after = |before: &str, line: &str, next: &str| {
            flags(&["Opening headline", BODY, before, line, next, BODY])[3]
        };
        // Rule 9: a live-blog entry title and a list item need evidence.
        assert!(!after(
            "block-time published-time 1.12am GMT",
            "Evening summary",
            BODY
        ));
        assert!(!after(
            "The top stories:",
            "Ferries return to the bay",
            BODY
        ));
        assert!(after(
            "block-time updated-time 9.35am BST",
            "Ferries return to the bay",
            "RIVERTON -- Ferries returned on Monday."
        ));
        // Rule 10: a long candidate needs evidence.
        let long = format!(
            "Ferries return to the bay {}",
            "and the towns cheer ".repeat(14)
        );
        let long = long.trim_end();
        assert!(!after(BODY, long, BODY));
        assert!(after(BODY, long, "published-time 1.12am GMT"));
        assert!(!after(
            BODY,
            "Ferries returned in May. Towns cheer the boats",
            BODY
        ));
    }

    #[test]
    fn one_headline_per_group_rule_11() {
        // The previous article's trailer and related links sit above the headline.
        let got = flags(&[
            "Opening headline",
            BODY,
            "The views expressed are personal",
            "Ferries return to the bay",
            BODY,
        ]);
        assert_eq!(got, [true, false, false, true, false]);
        // Evidence picks the first: a deck under a bylined headline stays a deck.
        let got = flags(&[
            "Opening headline",
            BODY,
            "Ferries return to the bay",
            "By Ann Lee | Harbour Daily | Updated: 2021-03-02 10:02",
            "Towns cheer the return of the boats",
            BODY,
        ]);
        assert_eq!(got, [true, false, true, false, false, false]);
        // A deck that asks or an all-capitals kicker keep the first.
        let got = flags(&[
            "Opening headline",
            BODY,
            "FERRIES ARE BACK",
            "Towns cheer the return of the boats",
            BODY,
        ]);
        assert_eq!(got, [true, false, true, false, false]);
        let got = flags(&[
            "Opening headline",
            BODY,
            "Ferries return to the bay",
            "Will the fares stay low for families this time?",
            BODY,
        ]);
        assert_eq!(got, [true, false, true, false, false]);
    }

    #[test]
    fn long_questions_need_evidence_rule_10() {
        let question = "Will the harbour board ever explain why the ferry fares rose twice in one single year?";
        assert!(!is_headline_between_bodies(question, BODY));
        assert!(is_headline_between_bodies(
            "Will the ferry fares rise again?",
            BODY
        ));
    }

    #[test]
    fn trailer_boilerplate_is_evidence_rule_8() {
        let trailer = "Published by Harbour Wire with permission. For reuse write to the desk at the wire office.";
        let got = flags(&[
            "Opening headline",
            BODY,
            trailer,
            "Ferries return to the bay",
            "The kicker under the headline is longer than it should be",
            "Towns cheered as the first boat docked.",
            trailer,
            "Bridge toll scrapped",
            "Drivers cheered.",
            trailer,
            "Mayor opens the new pier",
            "The pier opened.",
        ]);
        // Without the trailer the last candidate of each group would win (rule 11).
        assert!(got[3] && !got[4]);
        assert!(got[7] && got[10]);
        assert!(!got[2] && !got[6] && !got[9]);
    }

    #[test]
    fn live_blog_entries_are_no_headlines_rule_9() {
        let got = flags(&[
            "Harbour strike - live",
            "block-time published-time 9.10am GMT",
            "Crews walk out at dawn.",
            "block-time published-time 9.30am GMT",
            "The mayor urges calm.",
            "Union leader speaks to the crowd",
            "block-time published-time 9.45am GMT",
            "The crowd listened.",
            "Talks to resume on Monday",
            "By Ann Lee in Riverton",
            "Talks resume on Monday.",
        ]);
        // The last line of an entry above the next stamp is no headline; a bylined
        // candidate is one even inside the run of stamps.
        assert!(!got[5]);
        assert!(got[8]);
    }

    #[test]
    fn recurring_titles_are_sections_rule_13() {
        let got = flags(&[
            "Opening headline",
            BODY,
            "What we know so far",
            "Crews walked out at dawn.",
            "What we know so far",
            "Talks resume on Monday.",
        ]);
        assert_eq!(got, [true, false, false, false, false, false]);
        // The same article twice: its headline stays one.
        let got = flags(&[
            "Ferries return to the bay",
            "Crews walked out at dawn.",
            "Ferries return to the bay",
            "Crews walked out at dawn.",
        ]);
        assert_eq!(got, [true, false, true, false]);
    }

    #[test]
    fn subheading_series_rule_14() {
        let mut texts = vec![
            "How the harbour was rebuilt",
            "The rebuilding took ten years.",
        ];
        // Distinct bodies: a paragraph repeated above each title would be a trailer
        // (rule 8).
        for (title, body) in [
            ("The first pier", "Divers laid the piles."),
            ("A new crane", "It lifts forty tonnes."),
            ("Boats come back", "Ferries run every hour."),
        ] {
            texts.extend([title, body]);
        }
        texts.extend(["Mayor Opens New Ferry Terminal", "The terminal opened."]);
        let got = flags(&texts);
        let heads: Vec<&str> = (0..texts.len())
            .filter(|&i| got[i])
            .map(|i| texts[i])
            .collect();
        assert_eq!(
            heads,
            [
                "How the harbour was rebuilt",
                "Mayor Opens New Ferry Terminal"
            ]
        );
        // Two in a row, or titles of different forms, are no series.
        let got = flags(&[
            "Opening headline",
            BODY,
            "The first pier",
            "Work went on.",
            "A New Crane Arrives",
            "Work went on.",
            "‘Boats come back’",
            "Work went on.",
        ]);
        assert_eq!(got, [true, false, true, false, true, false, true, false]);
    }

    #[test]
    fn quoted_subheading_joins_series_rule_14() {
        let got = flags(&[
            "How the Harbour Was Rebuilt",
            "By Ann Lee",
            "The rebuilding took ten years.",
            "The first pier",
            "Divers laid the piles.",
            "‘We Built It Twice’",
            "The first pier sank.",
            "A new crane",
            "It lifts forty tonnes.",
            "Mayor Opens New Ferry Terminal",
            "By Ann Lee",
            "The terminal opened.",
        ]);
        let heads: Vec<usize> = (0..got.len()).filter(|&i| got[i]).collect();
        assert_eq!(heads, [0, 9]);
    }

    #[test]
    fn brief_items_series_rule_14() {
        // Distinct bodies: a paragraph repeated above each title would be a trailer
        // (rule 8).
        let items = [
            (
                "Riverton ferry service suspended until further notice",
                "No boats ran.",
            ),
            (
                "Council opens emergency shelter in the old town hall",
                "Forty came.",
            ),
            (
                "Power restored to most homes on the east bank",
                "Crews worked late.",
            ),
            (
                "Schools to reopen on Thursday after roof repairs",
                "Pupils stay home.",
            ),
        ];
        let ends = [
            "Boats wait.",
            "Beds are set.",
            "Lines are up.",
            "Roofs are fixed.",
        ];
        let dump = |count: usize, body_len: usize| {
            let mut texts = vec![
                "Harbour towns count the cost of the storm",
                "By Ann Lee",
                "The storm hit on Sunday.",
            ];
            for ((title, body), end) in items.iter().zip(ends).take(count) {
                texts.push(title);
                texts.extend(std::iter::repeat_n(*body, body_len - 1));
                texts.push(end);
            }
            texts.extend(["Mayor Opens New Ferry Terminal", "By Ann Lee", "It opened."]);
            let got = flags(&texts);
            (0..got.len()).filter(|&i| got[i]).count()
        };
        // Three or four items with two paragraphs each: only the two real headlines
        // remain.
        assert_eq!(dump(4, 2), 2);
        assert_eq!(dump(3, 2), 2);
        // Two such items are no series, nor are items with a real article under each.
        assert_eq!(dump(2, 2), 4);
        assert_eq!(dump(4, 6), 6);
    }

    #[test]
    fn user_patterns_force_and_veto() {
        let (rules, _) = Rules::compile(&super::super::rules::RulePatterns {
            headline: Some("^LIVE ".into()),
            not_headline: Some("^Ferries".into()),
            ..Default::default()
        });
        let texts = [
            "Opening headline",
            BODY,
            "Ferries return",
            BODY,
            "LIVE now:",
            BODY,
        ];
        let paras: Vec<_> = texts.iter().map(|t| facts(t)).collect();
        assert_eq!(
            headline_flags(&paras, &rules),
            [true, false, false, false, true, false]
        );
    }

    /// A fictional dump with every trap, run through the whole article pipeline so that
    /// captions, section headings and turns are recognised by their own modules.
    #[test]
    fn fixture_with_traps() {
        let text = include_str!("../../tests/fixtures/headlines-mixed.newsdump");
        let articles = super::super::Dump::outline_only(text, &Rules::default()).articles;
        let heads: Vec<&str> = articles.iter().map(|a| a.headline().flat).collect();
        assert_eq!(
            heads,
            [
                "Harbour city opens its new ferry terminal",
                "Will the new line pay off?",
                "GT Voice: Port towns need ferries, not more bridges",
                "Mayor resigns after budget row!",
            ]
        );
        let interview = &articles[3];
        assert_eq!(
            interview.count(super::super::articles::BlockKind::Question),
            2
        );
        assert_eq!(
            interview.count(super::super::articles::BlockKind::SectionHeading),
            1
        );
    }
}
