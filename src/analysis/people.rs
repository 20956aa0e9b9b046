//! People: full names introduced with some evidence that they name a person (a title
//! or role before them, an apposition after them, a credit, an interview tag, a verb of
//! speech, a known given name or the shape of a Chinese name), then the later short
//! mentions linked to them (surname, family name, title + surname, possessives), across
//! articles. Rules and word lists only (see [`super::gazetteer`]).

use std::collections::HashSet;
use std::collections::hash_map::Entry;
use std::ops::Range;
use std::sync::LazyLock;

use super::fast_hash::{FastMap, FastSet, hash_of};
use super::gazetteer::{
    BY_VERBS, CHINESE_FAMILY_NAMES, CHINESE_SHAPED_PLACES, DEMONYMS, GIVEN_NAMES, HEAD_TITLES,
    NOT_NAME_WORDS, PLACES, ROLE_MODIFIERS, ROLE_NOUNS, SPEECH_VERBS, STOP_WORDS,
    TITLE_ABBREVIATIONS, TITLE_WORDS, WORK_NOUNS,
};
use super::text::{flatten, is_space, narrow};

/// One place in the text where a person is named: the name only, without title or
/// possessive `’s`.
///
/// In 32 bits (the dump is within [`MAX_TEXT_LEN`](super::text::MAX_TEXT_LEN)): every
/// person keeps all of theirs, a dump's worth of names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    start: u32,
    end: u32,
    article: u32,
}

impl Mention {
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Index of the article holding the mention.
    pub fn article(&self) -> usize {
        self.article as usize
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// The full name as most often spelled.
    pub name: String,
    /// Roles the text gives, in order of appearance (`Chinese President`).
    pub roles: Vec<String>,
    /// Other forms used for the person (`Xi`, `Alexey Overchuk`).
    pub aliases: Vec<String>,
    /// All mentions, in document order.
    pub mentions: Vec<Mention>,
    /// Index into `mentions` of the one that introduces the person best: the fullest
    /// name with a role, earliest first.
    pub definition: usize,
    /// Other spellings of the full name, each with the range of its first mention.
    pub variants: Vec<(String, Range<usize>)>,
}

/// What one article says about people, offsets relative to its start: its full names
/// and short mentions, with what [`link`] needs about them worked out here, once per
/// article, so that linking a whole dump does no text work and copies no strings.
///
/// A scan is kept for as long as its article is unchanged, so it holds numbers: every
/// string once in [`Strings`], each role and title once in its table, and mentions as
/// small records pointing into them.
#[derive(Debug, Clone, Default)]
pub(crate) struct PeopleScan {
    /// The names, words, wordings, roles and title words below, each once.
    strings: Strings,
    /// Distinct spellings of full names, in order of first occurrence.
    spellings: Box<[Spelling]>,
    /// Spellings introduced with evidence, in order of their first such mention.
    evidenced: Box<[u32]>,
    /// Distinct words short mentions use or may use: the keys of the spellings and the
    /// words of the short mentions, as numbers in `strings`.
    keys: Box<[u32]>,
    /// What [`Spelling::short_keys`] ranges over.
    short_keys: Box<[u32]>,
    /// What [`Spelling::variant_keys`] ranges over.
    variant_keys: Box<[u32]>,
    roles: Box<[StoredRole]>,
    titles: Box<[StoredTitle]>,
    fulls: Box<[FullMention]>,
    shorts: Box<[ShortMention]>,
}

/// Strings end to end in one buffer, found by number: a scan keeps hundreds of short
/// words, and one allocation for them all costs far less than one each.
#[derive(Debug, Clone, Default)]
struct Strings {
    text: Box<str>,
    /// Where each string ends in `text`; it starts where the one before it ends.
    ends: Box<[u32]>,
}

impl Strings {
    fn get(&self, i: u32) -> &str {
        let i = i as usize;
        let start = match i {
            0 => 0,
            _ => self.ends[i - 1] as usize,
        };
        &self.text[start..self.ends[i] as usize]
    }
}

#[derive(Debug, Clone)]
struct Spelling {
    /// Number in [`PeopleScan::strings`].
    name: u32,
    /// `name` without middle initials (`Donald Trump` for `Donald J Trump`), a number in
    /// [`PeopleScan::strings`].
    bare: u32,
    /// Indices into [`PeopleScan::keys`] (see [`short_keys`]).
    short_keys: Range<u32>,
    /// Hashes of the [`variant_keys`] of a spelling with evidence, in the keys' order;
    /// empty without evidence.
    variant_keys: Range<u32>,
    /// An apposition in the article says it names a work.
    blocked: bool,
    evidence: bool,
}

#[derive(Debug, Clone)]
struct FullMention {
    range: Range<u32>,
    spelling: u32,
    /// The wording, white space folded: a number in [`PeopleScan::strings`].
    form: u32,
    /// Index into [`PeopleScan::roles`].
    role: Option<u32>,
    /// Words in the name: at most four.
    words: u8,
    /// Some role came with the name, even one [`clean_role`] drops.
    has_role: bool,
}

#[derive(Debug, Clone)]
struct ShortMention {
    range: Range<u32>,
    /// Index into [`PeopleScan::keys`].
    key: u32,
    /// Index into [`PeopleScan::titles`].
    title: Option<u32>,
}

/// A [`Role`] as a scan keeps it: numbers in [`PeopleScan::strings`].
#[derive(Debug, Clone)]
struct StoredRole {
    text: u32,
    lower: u32,
}

/// A [`Title`] as a scan keeps it: `head` a number in [`PeopleScan::strings`], `role`
/// an index into [`PeopleScan::roles`].
#[derive(Debug, Clone)]
struct StoredTitle {
    head: u32,
    honorific: bool,
    married_or_not: bool,
    role: Option<u32>,
}

/// A role as a person's record keeps it (see [`clean_role`]).
#[derive(Debug, Clone, Copy)]
struct Role<'a> {
    text: &'a str,
    lower: &'a str,
}

/// The title before a short mention (`President` in `President Putin`).
#[derive(Debug, Clone, Copy)]
struct Title<'a> {
    /// Its last word without a full stop, in lower case.
    head: &'a str,
    /// A form of address (see [`is_honorific`]).
    honorific: bool,
    /// `Mrs`, `Ms`, `Miss`.
    married_or_not: bool,
    role: Option<Role<'a>>,
}

/// The last word of a title: without a full stop and in lower case, whether it is a
/// form of address, and whether it is `Mrs`, `Ms` or `Miss`.
fn title_word(title: &str) -> (String, bool, bool) {
    let last = title.rsplit(' ').next().unwrap_or(title);
    let bare = last.trim_end_matches('.');
    (
        bare.to_lowercase(),
        is_honorific(last),
        matches!(bare, "Mrs" | "Ms" | "Miss"),
    )
}

impl PeopleScan {
    fn str(&self, i: u32) -> &str {
        self.strings.get(i)
    }

    /// The word of key `i`.
    fn key(&self, i: u32) -> &str {
        self.str(self.keys[i as usize])
    }

    fn role(&self, i: u32) -> Role<'_> {
        let role = &self.roles[i as usize];
        Role {
            text: self.str(role.text),
            lower: self.str(role.lower),
        }
    }

    fn title(&self, i: u32) -> Title<'_> {
        let title = &self.titles[i as usize];
        Title {
            head: self.str(title.head),
            honorific: title.honorific,
            married_or_not: title.married_or_not,
            role: title.role.map(|r| self.role(r)),
        }
    }

    fn short_keys(&self, sp: &Spelling) -> &[u32] {
        &self.short_keys[sp.short_keys.start as usize..sp.short_keys.end as usize]
    }

    fn variant_keys(&self, sp: &Spelling) -> &[u32] {
        &self.variant_keys[sp.variant_keys.start as usize..sp.variant_keys.end as usize]
    }
}

/// An offset into an article or into a scan's tables, which stay far below 4 GB.
fn small(n: usize) -> u32 {
    u32::try_from(n).expect("an article under 4 GB")
}

fn small_range(range: Range<usize>) -> Range<u32> {
    small(range.start)..small(range.end)
}

/// A [`PeopleScan`] while its article is read, with what finds the strings, keys,
/// spellings, roles and titles stored so far.
#[derive(Default)]
struct ScanBuilder {
    text: String,
    ends: Vec<u32>,
    string_ids: FastMap<String, u32>,
    spellings: Vec<Spelling>,
    /// By the number of the name.
    spelling_ids: FastMap<u32, u32>,
    evidenced: Vec<u32>,
    keys: Vec<u32>,
    /// By the number of the word.
    key_ids: FastMap<u32, u32>,
    short_keys: Vec<u32>,
    variant_keys: Vec<u32>,
    roles: Vec<StoredRole>,
    /// By the number of the role's text.
    role_ids: FastMap<u32, u32>,
    titles: Vec<StoredTitle>,
    /// By the title as written.
    title_ids: FastMap<String, u32>,
    fulls: Vec<FullMention>,
    shorts: Vec<ShortMention>,
}

impl ScanBuilder {
    /// The number of `s`, stored when new.
    fn string(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.string_ids.get(s) {
            return id;
        }
        let id = small(self.ends.len());
        self.text.push_str(s);
        self.ends.push(small(self.text.len()));
        self.string_ids.insert(s.to_string(), id);
        id
    }

    /// The index of `word` among the keys, added when new.
    fn key(&mut self, word: &str) -> u32 {
        let word = self.string(word);
        let next = small(self.keys.len());
        let id = *self.key_ids.entry(word).or_insert(next);
        if id == next {
            self.keys.push(word);
        }
        id
    }

    /// The index of the role `role` gives, if it gives one (see [`clean_role`]).
    fn role(&mut self, role: &str) -> Option<u32> {
        let cleaned = clean_role(role)?;
        let text = self.string(&cleaned);
        let next = small(self.roles.len());
        let id = *self.role_ids.entry(text).or_insert(next);
        if id == next {
            let lower = self.string(&cleaned.to_lowercase());
            self.roles.push(StoredRole { text, lower });
        }
        Some(id)
    }

    /// The index of the title `title`, added when new.
    fn title(&mut self, title: &str) -> u32 {
        if let Some(&id) = self.title_ids.get(title) {
            return id;
        }
        let (head, honorific, married_or_not) = title_word(title);
        let head = self.string(&head);
        let role = self.role(title);
        let id = small(self.titles.len());
        self.titles.push(StoredTitle {
            head,
            honorific,
            married_or_not,
            role,
        });
        self.title_ids.insert(title.to_string(), id);
        id
    }

    /// Adds the spelling `spelled`, whose number is `name`.
    fn new_spelling(&mut self, spelled: &str, name: u32) -> u32 {
        let spelling = small(self.spellings.len());
        let from = small(self.short_keys.len());
        for k in short_keys(spelled) {
            let k = self.key(k);
            self.short_keys.push(k);
        }
        // `Donald J Trump` is `Donald Trump` with a middle initial.
        let bare = spelled
            .split(' ')
            .filter(|w| !is_initial(w))
            .collect::<Vec<_>>()
            .join(" ");
        let bare = self.string(&bare);
        self.spellings.push(Spelling {
            name,
            bare,
            short_keys: from..small(self.short_keys.len()),
            variant_keys: 0..0,
            blocked: false,
            evidence: false,
        });
        self.spelling_ids.insert(name, spelling);
        spelling
    }

    fn full(&mut self, text: &str, f: FullOcc) {
        let name = self.string(&f.name);
        let id = match self.spelling_ids.get(&name) {
            Some(&id) => id,
            None => self.new_spelling(&f.name, name),
        };
        let spelling = &mut self.spellings[id as usize];
        spelling.blocked |= f.blocked;
        if f.evidence && !spelling.evidence {
            spelling.evidence = true;
            let from = small(self.variant_keys.len());
            // The high half of each hash, which every letter reaches (the low half misses
            // most of the last word's): a collision costs [`link`] a check and changes
            // nothing (see [`shares_key`]).
            let keys = variant_keys(&f.name);
            let hashes = keys.iter().map(|k| (hash_of(k) >> 32) as u32);
            self.variant_keys.extend(hashes);
            spelling.variant_keys = from..small(self.variant_keys.len());
            self.evidenced.push(id);
        }
        let form = self.string(&flatten(&text[f.range.clone()]));
        let role = f.role.as_deref().and_then(|r| self.role(r));
        self.fulls.push(FullMention {
            range: small_range(f.range),
            spelling: id,
            form,
            role,
            // `read_run` takes four words at most.
            words: f.words as u8,
            has_role: f.role.is_some(),
        });
    }

    fn short(&mut self, s: ShortOcc) {
        let key = self.key(&s.word);
        let title = s.role.as_deref().map(|t| self.title(t));
        self.shorts.push(ShortMention {
            range: small_range(s.range),
            key,
            title,
        });
    }

    /// The scan, each table cut to its length.
    fn finish(self) -> PeopleScan {
        PeopleScan {
            strings: Strings {
                text: self.text.into_boxed_str(),
                ends: self.ends.into_boxed_slice(),
            },
            spellings: self.spellings.into_boxed_slice(),
            evidenced: self.evidenced.into_boxed_slice(),
            keys: self.keys.into_boxed_slice(),
            short_keys: self.short_keys.into_boxed_slice(),
            variant_keys: self.variant_keys.into_boxed_slice(),
            roles: self.roles.into_boxed_slice(),
            titles: self.titles.into_boxed_slice(),
            fulls: self.fulls.into_boxed_slice(),
            shorts: self.shorts.into_boxed_slice(),
        }
    }
}

/// Reads the names in one article's text. Names do not run across articles, so this
/// needs nothing else, and its offsets are relative to `text`.
pub(crate) fn scan(text: &str) -> PeopleScan {
    let tokens = tokens(text);
    let mut out = ScanBuilder::default();
    let mut i = 0;
    while i < tokens.len() {
        let end = run_end(text, &tokens, i);
        if end == i {
            i += 1;
            continue;
        }
        match read_run(text, &tokens, i, end) {
            Some(Occurrence::Full(f)) => out.full(text, f),
            Some(Occurrence::Short(s)) => out.short(s),
            None => {}
        }
        i = end;
    }
    out.finish()
}

/// A word: letters and digits, with inner hyphens and apostrophes. `end` includes a
/// possessive `’s`, `name_end` stops before it.
#[derive(Debug, Clone, Copy)]
struct Token {
    start: usize,
    name_end: usize,
    end: usize,
}

impl Token {
    fn word<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.name_end]
    }

    fn possessive(&self) -> bool {
        self.name_end < self.end
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// The words of `text`.
fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, c)) = chars.peek() {
            if c.is_alphanumeric() {
                end = i + c.len_utf8();
                chars.next();
            } else if c == '-' || is_apostrophe(c) {
                // A joiner counts only between two word characters.
                let next = text[i + c.len_utf8()..].chars().next();
                if next.is_some_and(char::is_alphanumeric) {
                    end = i + c.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        let word = &text[start..end];
        let name_end = match word.strip_suffix('s') {
            Some(w) if w.ends_with(is_apostrophe) => {
                start + w.trim_end_matches(is_apostrophe).len()
            }
            _ => end,
        };
        out.push(Token {
            start,
            name_end,
            end,
        });
    }
    out
}

/// Lower-case particles inside names (`Ursula von der Leyen`).
const PARTICLES: &[&str] = &[
    "de", "van", "von", "der", "den", "da", "di", "du", "la", "le", "bin", "ibn", "al", "el",
    "dos", "das", "del", "della", "ter",
];

/// True when the gap between two words keeps them in one phrase: white space with at
/// most one line break (a hard wrap), or the full stop of a title abbreviation.
fn joins(text: &str, prev: &Token, next: &Token) -> bool {
    let gap = &text[prev.end..next.start];
    let breaks = gap.matches('\n').count();
    if gap.chars().all(is_space) {
        return breaks <= 1 && !gap.is_empty();
    }
    gap.starts_with('.')
        && gap[1..].chars().all(is_space)
        && breaks == 0
        && TITLE_ABBREVIATIONS.contains(&prev.word(text))
}

fn is_spaced(text: &str, prev: &Token, next: &Token) -> bool {
    let gap = &text[prev.end..next.start];
    !gap.is_empty() && gap.chars().all(is_space) && gap.matches('\n').count() <= 1
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Upper case first, some lower case after (`Xi`, `Secretary-General`).
    Capitalised,
    /// All upper case (`NATO`, `US`).
    Acronym,
    Other,
}

fn shape(word: &str) -> Shape {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return Shape::Other;
    };
    if !first.is_uppercase() {
        return Shape::Other;
    }
    let rest = chars.as_str();
    if rest.chars().any(char::is_lowercase) {
        Shape::Capitalised
    } else if !rest.is_empty() && rest.chars().all(|c| c.is_uppercase() || c.is_ascii_digit()) {
        Shape::Acronym
    } else {
        Shape::Other
    }
}

/// End (exclusive token index) of the capitalised phrase starting at token `i`, or `i`
/// when no phrase starts there.
fn run_end(text: &str, tokens: &[Token], i: usize) -> usize {
    if shape(tokens[i].word(text)) == Shape::Other {
        return i;
    }
    let mut end = i + 1;
    while end < tokens.len() && !tokens[end - 1].possessive() {
        if is_nickname(text, tokens, end) {
            end += 2;
            continue;
        }
        let t = &tokens[end];
        let joined =
            joins(text, &tokens[end - 1], t) || (end - 1 > i && after_initial(text, tokens, end));
        if !joined {
            break;
        }
        let word = t.word(text);
        let initial = is_initial(word)
            && tokens.get(end + 1).is_some_and(|n| {
                shape(n.word(text)) == Shape::Capitalised
                    && (joins(text, t, n) || after_initial(text, tokens, end + 1))
            });
        if shape(word) != Shape::Other || initial {
            end += 1;
            continue;
        }
        // A particle joins only when a capitalised word follows it.
        let next_is_cap = tokens
            .get(end + 1)
            .is_some_and(|n| joins(text, t, n) && shape(n.word(text)) == Shape::Capitalised);
        if PARTICLES.contains(&word) && next_is_cap && !t.possessive() {
            end += 1;
        } else {
            break;
        }
    }
    end
}

/// A middle initial (`P`), one capital letter.
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
}

/// True when token `k` follows a middle initial with its full stop (`Thomas P. Payne`).
fn after_initial(text: &str, tokens: &[Token], k: usize) -> bool {
    let prev = &tokens[k - 1];
    let gap = &text[prev.end..tokens[k].start];
    is_initial(prev.word(text))
        && gap.starts_with('.')
        && gap.len() > 1
        && gap[1..].chars().all(is_space)
        && !gap.contains('\n')
        && shape(tokens[k].word(text)) == Shape::Capitalised
}

/// A nickname in quotes inside a name: `Arthur Edward “Boy” Capel`, with capitalised
/// words on both sides.
fn is_nickname(text: &str, tokens: &[Token], k: usize) -> bool {
    let (Some(prev), Some(t), Some(next)) = (
        k.checked_sub(1).map(|j| &tokens[j]),
        tokens.get(k),
        tokens.get(k + 1),
    ) else {
        return false;
    };
    let before = &text[prev.end..t.start];
    let after = &text[t.end..next.start];
    let quoted = |gap: &str, quote: &[char]| {
        let inner = gap.trim_matches(is_space);
        inner.chars().count() == 1 && inner.starts_with(quote) && !gap.contains('\n')
    };
    quoted(before, &['“', '"', '‘'])
        && before.starts_with(is_space)
        && quoted(after, &['”', '"', '’'])
        && after.ends_with(is_space)
        && !t.possessive()
        && shape(t.word(text)) == Shape::Capitalised
        && shape(prev.word(text)) == Shape::Capitalised
        && shape(next.word(text)) == Shape::Capitalised
}

struct FullOcc {
    range: Range<usize>,
    /// The name's words joined by single spaces.
    name: String,
    words: usize,
    role: Option<String>,
    evidence: bool,
    /// An apposition says this is a work or an organisation, not a person.
    blocked: bool,
}

struct ShortOcc {
    range: Range<usize>,
    word: String,
    /// The title before the name (`President` in `President Putin`).
    role: Option<String>,
}

enum Occurrence {
    Full(FullOcc),
    Short(ShortOcc),
}

/// The words of `text[range]` joined by single spaces.
/// `VisitFinland`, `iPhone`: a capital after a small letter, as names rarely have
/// (`McCarthy`, `DeSantis`, `MacGregor` aside).
fn is_camel_case(word: &str) -> bool {
    let body = ["Mc", "Mac", "De", "Di", "La", "Le"]
        .iter()
        .find_map(|p| word.strip_prefix(p))
        .unwrap_or(word);
    body.chars()
        .zip(body.chars().skip(1))
        .any(|(a, b)| a.is_lowercase() && b.is_uppercase())
}

fn is_valid_name_word(word: &str) -> bool {
    shape(word) == Shape::Capitalised
        && !is_camel_case(word)
        && word.chars().count() >= 2
        && !word.chars().any(|c| c.is_ascii_digit())
        && word
            .split('-')
            .all(|part| part.chars().next().is_some_and(char::is_uppercase))
        && !STOP_WORDS.contains(word)
        && !NOT_NAME_WORDS.contains(word)
        && !PLACES.contains(word)
        && !DEMONYMS.contains(word)
        && !HEAD_TITLES.contains(word)
}

fn is_prefix_word(word: &str) -> bool {
    HEAD_TITLES.contains(word)
        || TITLE_WORDS.contains(word)
        || DEMONYMS.contains(word)
        || shape(word) == Shape::Acronym
}

/// Reads the capitalised phrase `tokens[a..b]`: strips sentence-initial words and a
/// leading title, then decides whether what remains names a person.
fn read_run(text: &str, tokens: &[Token], a: usize, b: usize) -> Option<Occurrence> {
    let word = |i: usize| tokens[i].word(text);
    let mut i = a;
    while i < b && STOP_WORDS.contains(word(i)) {
        i += 1;
    }
    let role_start = i;
    // A title runs up to its last head word (`Freedonian Deputy Prime Minister`);
    // without one, offices and demonyms before the name still belong to the role.
    let last_head = (i..b.saturating_sub(1))
        .rev()
        .find(|&j| HEAD_TITLES.contains(word(j)));
    let titled = last_head.is_some();
    match last_head {
        Some(h) => i = h + 1,
        None => {
            while i + 1 < b && (is_prefix_word(word(i)) || PLACES.contains(word(i))) {
                i += 1;
            }
        }
    }
    // `Ambassador to Sylvania Hao Zhenyu`: what the title governs, then a Chinese name.
    if b - i > 2 && is_chinese_shape(word(b - 2), word(b - 1), 2) {
        i = b - 2;
    }
    let name_start = i;
    let names = name_start..b;
    if names.is_empty() || names.len() > 4 {
        return None;
    }
    let particle = |k: usize| PARTICLES.contains(&word(k));
    let inner = |k: usize| k > name_start && k + 1 < b;
    if !names.clone().all(|k| {
        is_valid_name_word(word(k))
            || (inner(k) && (particle(k) || is_nickname(text, tokens, k) || is_initial(word(k))))
    }) {
        return None;
    }
    if CHINESE_SHAPED_PLACES.contains(format!("{}_{}", word(name_start), word(b - 1)).as_str()) {
        return None;
    }
    let range = tokens[name_start].start..tokens[b - 1].name_end;
    let before = role_before(text, tokens, role_start, role_start < name_start);
    let prefix = (role_start < name_start)
        .then(|| flatten(&text[tokens[role_start].start..tokens[name_start - 1].name_end]));
    let role = match (before, prefix) {
        (Some(before), Some(prefix)) => Some(format!("{before} {prefix}")),
        (Some(before), None) => Some(before),
        (None, Some(prefix)) if titled => Some(prefix),
        _ => None,
    };
    if names.len() == 1 {
        return Some(Occurrence::Short(ShortOcc {
            range,
            word: word(name_start).to_string(),
            role,
        }));
    }
    // `Thomas P. Payne` and `Thomas P Payne` are one spelling: initials lose their stop.
    let name = flatten(&text[range.clone()])
        .split(' ')
        .map(|w| w.strip_suffix('.').filter(|w| is_initial(w)).unwrap_or(w))
        .collect::<Vec<_>>()
        .join(" ");
    let apposition = apposition(text, tokens, b);
    let (role, blocked) = match apposition {
        Some(Apposition::Role(r)) => (role.or(Some(r)), false),
        Some(Apposition::Work) => {
            let blocked = role.is_none();
            (role, blocked)
        }
        None => (role, false),
    };
    let evidence = role.is_some()
        || speaks(text, tokens, role_start, b)
        || credited(text, tokens, b)
        || tagged(text, tokens, name_start, b)
        || made_by(text, tokens, role_start)
        || GIVEN_NAMES.contains(word(name_start))
        || is_chinese_shape(word(name_start), word(b - 1), names.len());
    Some(Occurrence::Full(FullOcc {
        range,
        name,
        words: names.len(),
        role,
        evidence: evidence && !blocked,
        blocked,
    }))
}

fn lower_role_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    let singular = lower
        .strip_suffix("es")
        .filter(|s| ROLE_NOUNS.contains(s))
        .or_else(|| lower.strip_suffix('s'))
        .unwrap_or(&lower);
    ROLE_NOUNS.contains(singular) || ROLE_NOUNS.contains(lower.as_str())
}

/// The role written just before token `k` (`Chinese Foreign Ministry spokesperson`,
/// `Minister of`), if it holds a role noun or title.
///
/// A connector right before `k` (`Minister of`) is taken only when `k` starts what
/// the title governs (`Foreign Affairs`): `head of VisitFinland` names no person.
fn role_before(text: &str, tokens: &[Token], k: usize, governs: bool) -> Option<String> {
    let mut start = k;
    let mut head = false;
    while start > 0 && k - start < 8 {
        let t = &tokens[start - 1];
        if t.possessive() || !is_spaced(text, t, &tokens[start]) {
            break;
        }
        let w = t.word(text);
        let lower = w.chars().next().is_some_and(char::is_lowercase);
        let fits = if lower {
            ROLE_NOUNS.contains(w)
                || ROLE_MODIFIERS.contains(w)
                || (matches!(w, "of" | "for" | "to") && (governs || start < k))
        } else {
            shape(w) != Shape::Other && !STOP_WORDS.contains(w)
        };
        if !fits {
            break;
        }
        head |= if lower {
            ROLE_NOUNS.contains(w)
        } else {
            HEAD_TITLES.contains(w)
        };
        start -= 1;
    }
    // The role must end on its noun or on a connector to the title inside the phrase.
    while start < k && matches!(tokens[start].word(text), "of" | "for" | "to") {
        start += 1;
    }
    (head && start < k).then(|| flatten(&text[tokens[start].start..tokens[k - 1].name_end]))
}

enum Apposition {
    Role(String),
    Work,
}

/// An apposition after the name ending at token `b` (exclusive): `, a scholar from ...,`
/// gives a role; `, a dance drama about ...` says the name is a work. The head noun (the
/// last word before a preposition) decides.
fn apposition(text: &str, tokens: &[Token], b: usize) -> Option<Apposition> {
    let last = tokens.get(b - 1)?;
    let first = tokens.get(b)?;
    let gap = &text[last.end..first.start];
    if last.possessive() || !gap.starts_with(',') || !gap[1..].chars().all(is_space) {
        return None;
    }
    const ARTICLES: &[&str] = &["a", "an", "the"];
    const LEAD: &[&str] = &[
        "a", "an", "the", "one", "of", "who", "is", "was", "now", "most",
    ];
    const STOPS: &[&str] = &[
        "of", "from", "at", "in", "to", "for", "with", "about", "on", "who", "which", "that",
        "since", "based",
    ];
    // `, and her husband`, `, has told ...`: a clause, not an apposition.
    const CLAUSES: &[&str] = &[
        "and", "or", "but", "has", "have", "had", "said", "says", "told", "will", "would", "he",
        "she", "they", "it", "we", "i", "you", "after", "before", "when", "while", "as", "because",
        "if", "where", "whose", "whom", "which", "in", "on", "at",
    ];
    if CLAUSES.contains(&first.word(text)) {
        return None;
    }
    // `, who is a scholar`: a relative clause names a role only through `is`/`was`.
    if first.word(text) == "who"
        && !tokens
            .get(b + 1)
            .is_some_and(|t| matches!(t.word(text), "is" | "was"))
    {
        return None;
    }
    let mut start = b;
    while start < tokens.len() && ARTICLES.contains(&tokens[start].word(text)) {
        start += 1;
    }
    let mut k = start;
    while k < tokens.len() && LEAD.contains(&tokens[k].word(text)) && k - b < 5 {
        k += 1;
    }
    let mut end = k;
    let mut head = None;
    while end < tokens.len() && end - k < 16 {
        if end > start && !is_spaced(text, &tokens[end - 1], &tokens[end]) {
            break;
        }
        let w = tokens[end].word(text);
        if end >= k && end - k < 6 && head.is_none() && STOPS.contains(&w) && end > k {
            head = Some(tokens[end - 1].word(text));
        }
        end += 1;
    }
    if end <= k {
        return None;
    }
    let head = head.unwrap_or_else(|| tokens[(end - 1).min(k + 5)].word(text));
    if lower_role_word(head) || HEAD_TITLES.contains(head) {
        let mut start = start;
        while start < end
            && matches!(
                tokens[start].word(text),
                "who" | "is" | "was" | "now" | "also" | "a" | "an" | "the"
            )
        {
            start += 1;
        }
        let phrase = flatten(&text[tokens[start].start..tokens[end - 1].end]);
        clean_role(&phrase).map(Apposition::Role)
    } else if WORK_NOUNS.contains(head.to_lowercase().trim_end_matches('s')) {
        Some(Apposition::Work)
    } else {
        None
    }
}

/// A verb of speech after the name (`Mao Ning said`), or before it with the sentence
/// ending after it (`said Overchuk.`, `according to Zhong.`).
fn speaks(text: &str, tokens: &[Token], a: usize, b: usize) -> bool {
    let after = tokens
        .get(b)
        .is_some_and(|t| is_spaced(text, &tokens[b - 1], t) && SPEECH_VERBS.contains(t.word(text)));
    if after {
        return true;
    }
    if a == 0 || !is_spaced(text, &tokens[a - 1], &tokens[a]) {
        return false;
    }
    let prev = tokens[a - 1].word(text);
    let said = SPEECH_VERBS.contains(prev)
        || (prev == "to" && a >= 2 && tokens[a - 2].word(text) == "according");
    let next = &text[tokens[b - 1].end..];
    said && next
        .trim_start_matches(is_space)
        .starts_with(['.', ',', ';', ':', '”', '"'])
}

/// A credit: `Chen Xia/GT`.
fn credited(text: &str, tokens: &[Token], b: usize) -> bool {
    let last = &tokens[b - 1];
    !last.possessive() && text[last.end..].starts_with('/')
}

/// An interview tag: `Zhang Hanhui (Zhang)`.
fn tagged(text: &str, tokens: &[Token], name_start: usize, b: usize) -> bool {
    let Some(tag) = tokens.get(b) else {
        return false;
    };
    let gap = &text[tokens[b - 1].end..tag.start];
    let tag_word = tag.word(text);
    gap.trim_matches(is_space) == "("
        && text[tag.end..].starts_with(')')
        && (tag_word == tokens[name_start].word(text) || tag_word == tokens[b - 1].word(text))
}

/// `choreographed by Mauro Bigonzetti`.
fn made_by(text: &str, tokens: &[Token], a: usize) -> bool {
    a >= 2
        && tokens[a - 1].word(text) == "by"
        && is_spaced(text, &tokens[a - 1], &tokens[a])
        && BY_VERBS.contains(tokens[a - 2].word(text))
}

/// Pinyin syllables (tones dropped), by initial and the finals it takes.
static PINYIN: LazyLock<HashSet<String>> = LazyLock::new(|| {
    const TABLE: &[(&str, &str)] = &[
        ("", "a o e ai ei ao ou an en ang eng er"),
        ("b p m", "a o ai ei ao an en ang eng i ie iao ian in ing u"),
        ("m", "e ou iu"),
        ("p m f", "ou"),
        ("f", "a o ei an en ang eng u"),
        (
            "d t n l",
            "a e ai ei ao ou an ang eng ong i ie iao iu ian ing u uo uan",
        ),
        ("d t", "ui un"),
        ("n l", "en in iang v ve un"),
        (
            "g k h",
            "a e ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang",
        ),
        ("j q x", "i u ue uan un ia ie iao iu ian in iang ing iong"),
        (
            "zh ch sh r z c s",
            "a e ai ei ao ou an en ang eng ong u uo ui uan un i",
        ),
        ("zh ch sh", "ua uai uang"),
        ("y", "a e ao ou an ang i in ing ong u ue uan un"),
        ("w", "a o ai ei an en ang eng u"),
    ];
    TABLE
        .iter()
        .flat_map(|(initials, finals)| {
            let initials: Vec<&str> = if initials.is_empty() {
                vec![""]
            } else {
                initials.split(' ').collect()
            };
            initials
                .into_iter()
                .flat_map(move |i| finals.split(' ').map(move |f| format!("{i}{f}")))
        })
        .collect()
});

/// True when `word` splits into one to three pinyin syllables (`Jinping`, `Hanhui`).
fn is_pinyin(word: &str) -> bool {
    let lower: String = word
        .chars()
        .filter(|c| !matches!(c, '-' | '\'' | '’'))
        .flat_map(char::to_lowercase)
        .collect();
    if !lower.is_ascii() || lower.len() > 12 {
        return false;
    }
    fn split(s: &str, left: usize) -> bool {
        if s.is_empty() {
            return true;
        }
        left > 0
            && (1..=s.len().min(6))
                .rev()
                .any(|n| PINYIN.contains(&s[..n]) && split(&s[n..], left - 1))
    }
    split(&lower, 3)
}

fn is_chinese_shape(first: &str, last: &str, words: usize) -> bool {
    words == 2
        && CHINESE_FAMILY_NAMES.contains(first)
        && !GIVEN_NAMES.contains(first)
        && is_pinyin(last)
}

/// The words a short mention may use for a person: the family name, first in a
/// Chinese name and last in a Western one; both ends when the name is neither.
fn short_keys(name: &str) -> Vec<&str> {
    let words: Vec<&str> = name.split(' ').collect();
    let first = words[0];
    // `Donald Trump Jr` is `Trump`, never `Jr`.
    let words = match words.as_slice() {
        [rest @ .., "Jr" | "Jr." | "Sr" | "Sr." | "II" | "III"] if rest.len() > 1 => rest,
        all => all,
    };
    let last = words[words.len() - 1];
    if is_chinese_shape(first, last, words.len()) {
        vec![first]
    } else if GIVEN_NAMES.contains(first) || words.len() > 2 {
        vec![last]
    } else {
        vec![first, last]
    }
}

/// Edit distance, for telling spelling variants (`Alexei`/`Alexey`).
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// Keys under which two spellings that [`is_variant`] could accept always meet: for each
/// word position `k`, the word itself with each one-letter deletion (or none) of the
/// next word. Variants share one word and have the others one edit apart, and two words
/// one edit apart share a deletion, so comparing only the names under a common key finds
/// every variant without comparing every pair of names.
fn variant_keys(name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split(' ').collect();
    let n = words.len();
    if n < 2 {
        return Vec::new();
    }
    let mut keys = Vec::new();
    for k in 0..n {
        let next = words[(k + 1) % n];
        let chars: Vec<char> = next.chars().collect();
        let deletions = (0..chars.len()).map(|i| {
            chars
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != i)
                .map(|(_, c)| *c)
                .collect::<String>()
        });
        for d in std::iter::once(next.to_string()).chain(deletions) {
            keys.push(format!("{n}|{k}|{}|{d}", words[k]));
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

/// True when the `k`-th of `name`'s [`variant_keys`] is one of `other`'s: what equal
/// hashes of keys promise, checked (on the rare variant only) so that a collision of
/// hashes cannot change which variant is met last.
fn shares_key(name: &str, k: usize, other: &str) -> bool {
    variant_keys(other).contains(&variant_keys(name)[k])
}

/// Two spellings of one name: as many words, one of them the same, the others one edit
/// apart with the same initial.
fn is_variant(a: &str, b: &str) -> bool {
    let wa: Vec<&str> = a.split(' ').collect();
    let wb: Vec<&str> = b.split(' ').collect();
    if wa.len() != wb.len() || a == b {
        return false;
    }
    // Chinese given names one letter apart are different names (`Sheng`, `Shang`).
    if wa.len() == 2 && (is_chinese_shape(wa[0], wa[1], 2) || is_chinese_shape(wb[0], wb[1], 2)) {
        return false;
    }
    let mut same = 0;
    for (x, y) in wa.iter().zip(&wb) {
        if x == y {
            same += 1;
        } else if x.chars().next() != y.chars().next()
            || x.chars().count().min(y.chars().count()) < 4
            || distance(x, y) > 1
        {
            return false;
        }
    }
    same > 0
}

/// A spelling with evidence as [`link`] groups them, its strings borrowed from its scan.
struct Evidenced<'a> {
    name: &'a str,
    bare: &'a str,
    variant_keys: &'a [u32],
}

/// A person while mentions are being collected, with the strings of the scans borrowed.
#[derive(Default)]
struct Draft<'a> {
    /// Spellings of the full name with their count, first mention and number (the
    /// order the dump introduces them in; [`NO_ONE`] for a short name alone).
    spellings: Vec<(&'a str, usize, Range<usize>, usize)>,
    roles: Vec<Role<'a>>,
    mentions: Vec<DraftMention>,
}

/// Where a person is named in full, for the short mentions of a key: the offset and the
/// person's draft, in 32 bits (a join's anchors run to hundreds of thousands).
type Anchor = (u32, u32);

/// A mention as the join collects it: offsets, the article's number and the wording's
/// number in that article's strings, in 32 bits (the dump is within
/// [`MAX_TEXT_LEN`](super::text::MAX_TEXT_LEN)): 20 bytes where wide ones took 56. The
/// drafts hold every mention at once, at the join's peak.
struct DraftMention {
    start: u32,
    end: u32,
    article: u32,
    /// The wording, for the person's other forms: a number in the article's
    /// [`PeopleScan::strings`].
    form: u32,
    /// Words in the name and whether a role comes with it, for choosing the definition.
    words: u8,
    has_role: bool,
}

impl DraftMention {
    fn new(range: Range<usize>, article: usize, words: u8, has_role: bool, form: u32) -> Self {
        DraftMention {
            start: narrow(range.start),
            end: narrow(range.end),
            article: narrow(article),
            words,
            has_role,
            form,
        }
    }
}

impl<'a> Draft<'a> {
    fn add_role(&mut self, role: Role<'a>) {
        if self.roles.iter().any(|r| r.lower.contains(role.lower)) {
            return;
        }
        self.roles.retain(|r| !role.lower.contains(r.lower));
        self.roles.push(role);
    }
}

/// Forms of address: they say nothing about what the person does.
fn is_honorific(word: &str) -> bool {
    matches!(
        word.trim_end_matches('.'),
        "Mr" | "Mrs" | "Ms" | "Miss" | "Lady" | "Sir" | "Dame" | "Lord" | "Madam" | "Dr" | "Prof"
    )
}

/// Words after which a role turns into a clause about the person.
const ROLE_BREAKS: &[&str] = &[
    "who", "whom", "whose", "which", "that", "where", "when", "while", "after", "and", "but",
    "said", "says", "told", "has", "had", "was", "is",
];

/// Words a role may not end on.
const ROLE_TAILS: &[&str] = &[
    "of", "the", "a", "an", "in", "at", "for", "to", "from", "with", "on", "by", "and", "or",
];

/// The head phrase of a role as the text gives it, or `None` when it names no title or
/// occupation: a form of address alone (`Lady`, `Mr`) is not a role, a trailing one is
/// dropped (`expert Dr`), shouted headline words before it too (`INVOLVEMENT`), and a
/// long apposition stops at its first clause and at eight words.
fn clean_role(role: &str) -> Option<String> {
    let mut words: Vec<&str> = role.split(' ').collect();
    if let Some(cut) = words.iter().skip(1).position(|w| ROLE_BREAKS.contains(w)) {
        words.truncate(cut + 1);
    }
    words.truncate(8);
    while words.len() > 1
        && words[0].chars().count() > 6
        && shape(words[0]) == Shape::Acronym
        && !HEAD_TITLES.contains(words[0])
    {
        words.remove(0);
    }
    let titled = |words: &[&str]| {
        words
            .iter()
            .any(|w| (HEAD_TITLES.contains(w) && !is_honorific(w)) || lower_role_word(w))
    };
    loop {
        let last = *words.last()?;
        let rest = &words[..words.len() - 1];
        if ROLE_TAILS.contains(&last) || (is_honorific(last) && titled(rest)) {
            words.pop();
        } else {
            break;
        }
    }
    let [only] = words.as_slice() else {
        return (titled(&words) || words.iter().any(|w| HEAD_TITLES.contains(w)))
            .then(|| words.join(" "));
    };
    // `Dr` and `Prof` alone still tell an occupation.
    let keep = !is_honorific(only) || matches!(only.trim_end_matches('.'), "Dr" | "Prof");
    (keep && (HEAD_TITLES.contains(only) || lower_role_word(only))).then(|| only.to_string())
}

/// Marks a mention that names no one.
const NO_ONE: usize = usize::MAX;
/// [`NO_ONE`] among the join's 32-bit person numbers.
const NOBODY: u32 = u32::MAX;

/// Links the names of a dump into people: `articles` holds each article's start in the
/// dump with its scan, ascending; `end` is where the last one ends. Returns the people
/// (mentions in absolute offsets) and every mention of one in document order, with the
/// person's index, in 32 bits (the list is alive at the join's peak).
pub(crate) fn link<'a>(
    articles: &[(usize, &'a PeopleScan)],
    end: usize,
) -> (Vec<Person>, Vec<(Range<u32>, u32)>) {
    let blocked: FastSet<&str> = articles
        .iter()
        .flat_map(|&(_, a)| {
            a.spellings
                .iter()
                .filter(|s| s.blocked)
                .map(|s| a.str(s.name))
        })
        .collect();
    // Spellings with evidence, in order of their first such mention, grouped into
    // people (variants merged).
    let mut spelling_person: FastMap<&str, (usize, usize)> = FastMap::default();
    let mut evidenced: Vec<Evidenced<'a>> = Vec::new();
    for &(_, a) in articles {
        for &sp in &a.evidenced {
            let sp = &a.spellings[sp as usize];
            let name = a.str(sp.name);
            if blocked.contains(name) {
                continue;
            }
            if let Entry::Vacant(v) = spelling_person.entry(name) {
                v.insert((evidenced.len(), NO_ONE));
                evidenced.push(Evidenced {
                    name,
                    bare: a.str(sp.bare),
                    variant_keys: a.variant_keys(sp),
                });
            }
        }
    }
    let mut drafts: Vec<Draft<'a>> = Vec::new();
    // The spellings under each key (by its hash), as a list linked from the last one
    // added.
    let key_count = evidenced.iter().map(|sp| sp.variant_keys.len()).sum();
    let mut by_key: FastMap<u32, usize> =
        FastMap::with_capacity_and_hasher(key_count, Default::default());
    let mut under_key: Vec<(usize, Option<usize>)> = Vec::with_capacity(key_count);
    let mut person_of: Vec<usize> = Vec::with_capacity(evidenced.len());
    let mut bare: FastMap<&str, usize> = FastMap::default();
    for (i, sp) in evidenced.iter().enumerate() {
        let mut found = bare.get(sp.bare).copied();
        // The variant met last, going through the keys in order and through each key's
        // spellings in the order they came, decides.
        'keys: for (k, key) in sp.variant_keys.iter().enumerate().rev() {
            let mut node = by_key.get(key).copied();
            while let Some(at) = node {
                let (other, before) = under_key[at];
                let other_name = evidenced[other].name;
                if is_variant(sp.name, other_name) && shares_key(sp.name, k, other_name) {
                    found = Some(person_of[other]);
                    break 'keys;
                }
                node = before;
            }
        }
        let id = found.unwrap_or_else(|| {
            drafts.push(Draft::default());
            drafts.len() - 1
        });
        person_of.push(id);
        spelling_person.insert(sp.name, (i, id));
        if sp.bare.contains(' ') {
            bare.entry(sp.bare).or_insert(id);
        }
        for &key in sp.variant_keys {
            let before = by_key.insert(key, under_key.len());
            under_key.push((i, before));
        }
    }
    // Every full mention of a known spelling, with or without evidence. The articles'
    // own key numbers map to the dump's in `keys`, from `key_base[article]` on.
    // Numbers in 32 bits: on a 50 MB dump these lists run to hundreds of thousands, and
    // they are alive at the join's peak, with the mentions it returns.
    let mut key_ids: FastMap<&str, u32> = FastMap::default();
    let mut keys: Vec<u32> = Vec::with_capacity(articles.iter().map(|(_, a)| a.keys.len()).sum());
    let mut key_base: Vec<usize> = Vec::with_capacity(articles.len());
    let mut anchors: Vec<Vec<Anchor>> = Vec::new();
    let mut full_ids: Vec<u32> =
        Vec::with_capacity(articles.iter().map(|(_, a)| a.fulls.len()).sum());
    let mut persons: Vec<Option<(usize, usize)>> = Vec::new();
    for (article, &(base, a)) in articles.iter().enumerate() {
        key_base.push(keys.len());
        for &k in &a.keys {
            let next = narrow(key_ids.len());
            let id = *key_ids.entry(a.str(k)).or_insert(next);
            if id as usize == anchors.len() {
                anchors.push(Vec::new());
            }
            keys.push(id);
        }
        persons.clear();
        persons.extend(
            a.spellings
                .iter()
                .map(|s| spelling_person.get(a.str(s.name)).copied()),
        );
        for f in &a.fulls {
            let Some((number, id)) = persons[f.spelling as usize] else {
                full_ids.push(NOBODY);
                continue;
            };
            let sp = &a.spellings[f.spelling as usize];
            let range = base + f.range.start as usize..base + f.range.end as usize;
            let d = &mut drafts[id];
            match d.spellings.iter_mut().find(|s| s.3 == number) {
                Some(s) => s.1 += 1,
                None => d.spellings.push((a.str(sp.name), 1, range.clone(), number)),
            }
            if let Some(role) = f.role {
                d.add_role(a.role(role));
            }
            d.mentions.push(DraftMention::new(
                range.clone(),
                article,
                f.words,
                f.has_role,
                f.form,
            ));
            for &k in a.short_keys(sp) {
                anchors[keys[key_base[article] + k as usize] as usize]
                    .push((narrow(range.start), narrow(id)));
            }
            full_ids.push(narrow(id));
        }
    }
    // Short mentions go to a person named in full in the same article when there is
    // one (see [`choose`]), else to the nearest person before them in the dump (or the
    // first after), unless a title on the short mention does not fit that person
    // (`Sergeant Payne` is not the foreign minister Marise Payne): then, as with a
    // titled short name that has no full name at all, it is a person of its own.
    let full_count: Vec<usize> = drafts
        .iter()
        .map(|d| d.spellings.iter().map(|s| s.1).sum())
        .collect();
    let dominant: Vec<Option<usize>> = anchors
        .iter()
        .map(|list| {
            list.iter()
                .max_by_key(|&&(_, id)| full_count[id as usize])
                .map(|&(_, id)| id as usize)
        })
        .collect();
    let mut titled_only: FastMap<usize, usize> = FastMap::default();
    let mut local_titled: FastMap<(usize, usize), usize> = FastMap::default();
    let new_person = |drafts: &mut Vec<Draft<'a>>, word: &'a str, range: Range<usize>| {
        drafts.push(Draft {
            spellings: vec![(word, 0, range, NO_ONE)],
            ..Draft::default()
        });
        drafts.len() - 1
    };
    let mut short_ids: Vec<u32> =
        Vec::with_capacity(articles.iter().map(|(_, a)| a.shorts.len()).sum());
    for (article, &(base, a)) in articles.iter().enumerate() {
        let to = articles.get(article + 1).map_or(end, |next| next.0);
        for s in &a.shorts {
            let key = keys[key_base[article] + s.key as usize] as usize;
            let word = a.key(s.key);
            let form = a.keys[s.key as usize];
            let title = s.title.map(|t| a.title(t));
            let range = base + s.range.start as usize..base + s.range.end as usize;
            let list = &anchors[key];
            let id = if let Some(top) = dominant[key] {
                let here = &list[list.partition_point(|&(at, _)| (at as usize) < base)
                    ..list.partition_point(|&(at, _)| (at as usize) < to)];
                if let Some(id) = choose(here, range.start, title, &drafts, &full_count) {
                    id
                } else if let Some(&id) = local_titled.get(&(key, article)) {
                    id
                } else {
                    let after = list.partition_point(|&(at, _)| at as usize <= range.start);
                    let nearest = list[after.saturating_sub(1)].1 as usize;
                    let mut order = [top, nearest];
                    if full_count[top] < 3 * full_count[nearest] {
                        order.reverse();
                    }
                    // Across articles a person the text gives no role fits any title.
                    let fits = |id: &&usize| {
                        let roles = &drafts[**id].roles;
                        roles.is_empty() || title.is_none_or(|t| fits_role(&t, roles))
                    };
                    match order.iter().find(fits) {
                        Some(&id) => id,
                        None => {
                            let id = new_person(&mut drafts, word, range.clone());
                            local_titled.insert((key, article), id);
                            id
                        }
                    }
                }
            } else if title.is_some() {
                match titled_only.get(&key) {
                    Some(&id) => id,
                    None => {
                        let id = new_person(&mut drafts, word, range.clone());
                        titled_only.insert(key, id);
                        id
                    }
                }
            } else {
                short_ids.push(NOBODY);
                continue;
            };
            let d = &mut drafts[id];
            if let Some(role) = title.and_then(|t| t.role) {
                d.add_role(role);
            }
            d.mentions
                .push(DraftMention::new(range, article, 1, title.is_some(), form));
            short_ids.push(narrow(id));
        }
    }
    let mut index = vec![NO_ONE; drafts.len()];
    let mut people: Vec<(usize, Person)> = drafts
        .into_iter()
        .enumerate()
        .filter(|(_, d)| !d.mentions.is_empty())
        .map(|(id, d)| (id, finish(d, articles)))
        .collect();
    people.sort_by_key(|(_, p)| p.mentions[0].start);
    for (i, (id, _)) in people.iter().enumerate() {
        index[*id] = i;
    }
    // Fulls and shorts are each in document order within an article: merge them.
    let linked = |ids: &[u32]| ids.iter().filter(|&&id| id != NOBODY).count();
    let mut mentions = Vec::with_capacity(linked(&full_ids) + linked(&short_ids));
    let (mut fi, mut si) = (0, 0);
    for &(base, a) in articles {
        let fulls = a.fulls.iter().map(|f| &f.range).zip(&full_ids[fi..]);
        let shorts = a.shorts.iter().map(|s| &s.range).zip(&short_ids[si..]);
        fi += a.fulls.len();
        si += a.shorts.len();
        let mut fulls = fulls.peekable();
        let mut shorts = shorts.peekable();
        loop {
            let next = match (fulls.peek(), shorts.peek()) {
                (Some(f), Some(s)) if f.0.start < s.0.start => fulls.next(),
                (Some(_), Some(_)) | (None, Some(_)) => shorts.next(),
                (Some(_), None) => fulls.next(),
                (None, None) => break,
            };
            let (range, &id) = next.expect("peeked");
            if id != NOBODY {
                let range = narrow(base + range.start as usize)..narrow(base + range.end as usize);
                mentions.push((range, narrow(index[id as usize])));
            }
        }
    }
    let mut people: Vec<Person> = people.into_iter().map(|(_, p)| p).collect();
    // The collect reused the drafts' bigger allocation.
    people.shrink_to_fit();
    (people, mentions)
}

/// True when the title on a short mention fits a person's roles: a form of address fits
/// anyone, another title must share its last word with one of the roles (`President`
/// fits `US President-elect`, `general` fits `Gen.`).
fn fits_role(title: &Title, roles: &[Role]) -> bool {
    if title.honorific {
        return true;
    }
    let head = title.head;
    // One word is the other or its abbreviation.
    let same = |w: &str| {
        let w = w.trim_end_matches('.');
        let (short, long) = if w.len() < head.len() {
            (w, head)
        } else {
            (head, w)
        };
        short.len() >= 3 && long.starts_with(short) && (short == long || short.len() <= 4)
    };
    roles.iter().any(|r| r.lower.split([' ', '-']).any(same))
}

/// The person a short mention at `at` names among those named in full in its article
/// (`here`, anchors in document order): one whose role fits its title, else the nearest
/// before it (or the first after), unless a namesake close by is named in full at least
/// three times as often in the dump: `Trump` alone goes to Donald Trump rather than to
/// Melania Trump just named beside him. `Mrs`/`Ms` keep the nearest. `None` when no
/// one is named in full in the article, or when a title fits no one there.
fn choose(
    here: &[Anchor],
    at: usize,
    title: Option<Title>,
    drafts: &[Draft],
    full_count: &[usize],
) -> Option<usize> {
    if here.is_empty() {
        return None;
    }
    let after = here.partition_point(|&(a, _)| a as usize <= at);
    let nearest = here[after.saturating_sub(1)].1 as usize;
    // Only the anchors close by are weighed, so a long article stays linear.
    let near = &here[after.saturating_sub(32)..(after + 32).min(here.len())];
    if let Some(title) = title.filter(|t| !t.honorific) {
        let mut order = near.iter().rev().chain(near.iter());
        return order
            .find(|&&(_, id)| fits_role(&title, &drafts[id as usize].roles))
            .map(|&(_, id)| id as usize);
    }
    if title.is_some_and(|t| t.married_or_not) {
        return Some(nearest);
    }
    let top = near
        .iter()
        .map(|&(_, id)| id as usize)
        .max_by_key(|&id| full_count[id])
        .unwrap_or(nearest);
    Some(if full_count[top] >= 3 * full_count[nearest] {
        top
    } else {
        nearest
    })
}

fn finish(mut d: Draft, articles: &[(usize, &PeopleScan)]) -> Person {
    d.mentions.sort_by_key(|m| m.start);
    d.mentions.dedup_by_key(|m| m.start);
    let canonical = d
        .spellings
        .iter()
        .enumerate()
        .max_by_key(|(i, s)| (s.1, std::cmp::Reverse(*i)))
        .map_or("", |(_, s)| s.0);
    let definition = d
        .mentions
        .iter()
        .enumerate()
        .max_by_key(|(i, m)| (m.has_role, m.words, std::cmp::Reverse(*i)))
        .map_or(0, |(i, _)| i);
    let mut aliases: Vec<&str> = Vec::new();
    let mut last = None;
    for m in &d.mentions {
        // Mentions in one article share their wording's number: most are passed by it
        // alone.
        if last == Some((m.article, m.form)) {
            continue;
        }
        last = Some((m.article, m.form));
        let form = articles[m.article as usize].1.str(m.form);
        if form != canonical && !aliases.contains(&form) {
            aliases.push(form);
        }
    }
    let variants = d
        .spellings
        .iter()
        .filter(|s| s.0 != canonical && s.0.contains(' '))
        .map(|s| (s.0.to_string(), s.2.clone()))
        .collect();
    // Collected into a list of its own: `into_iter().map().collect()` would reuse the
    // drafts' allocation, which is twice as big and kept for as long as the join.
    let mut mentions = Vec::with_capacity(d.mentions.len());
    mentions.extend(d.mentions.iter().map(|m| Mention {
        start: m.start,
        end: m.end,
        article: m.article,
    }));
    Person {
        name: canonical.to_string(),
        roles: d.roles.iter().map(|r| r.text.to_string()).collect(),
        aliases: aliases.into_iter().map(str::to_string).collect(),
        mentions,
        definition,
        variants,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The people of `text`, whose articles start at `starts`.
    fn people(text: &str, starts: &[usize]) -> Vec<Person> {
        let ends = starts.iter().skip(1).copied().chain([text.len()]);
        let scans: Vec<PeopleScan> = starts
            .iter()
            .zip(ends)
            .map(|(&from, to)| scan(&text[from..to]))
            .collect();
        let placed: Vec<(usize, &PeopleScan)> = starts.iter().copied().zip(&scans).collect();
        link(&placed, text.len()).0
    }

    fn names(text: &str) -> Vec<String> {
        people(text, &[0]).into_iter().map(|p| p.name).collect()
    }

    fn find<'a>(ps: &'a [Person], name: &str) -> &'a Person {
        ps.iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("{name} not found"))
    }

    fn forms(text: &str, p: &Person) -> Vec<String> {
        p.mentions
            .iter()
            .map(|m| text[m.range()].to_string())
            .collect()
    }

    #[test]
    fn titles_before_names_give_roles() {
        let text = "Freedonian Deputy Prime Minister Rufus Tolliver met US Treasury \
                    Secretary Marjorie Plank on Monday. Minister Tolliver said little.";
        let ps = people(text, &[0]);
        let rufus = find(&ps, "Rufus Tolliver");
        assert_eq!(rufus.roles, ["Freedonian Deputy Prime Minister"]);
        assert_eq!(forms(text, rufus), ["Rufus Tolliver", "Tolliver"]);
        assert_eq!(find(&ps, "Marjorie Plank").roles, ["US Treasury Secretary"]);
    }

    #[test]
    fn lower_case_roles_and_appositions() {
        let text = "However, Freedonian Foreign Ministry spokesperson Qiao Lanying said no. \
                    Dov Marlowe, a scholar from the Marsh Institute, told reporters. \
                    Marlowe added more. Qiao’s remarks stood.";
        let ps = people(text, &[0]);
        let qiao = find(&ps, "Qiao Lanying");
        assert_eq!(qiao.roles, ["Freedonian Foreign Ministry spokesperson"]);
        assert_eq!(forms(text, qiao), ["Qiao Lanying", "Qiao"]);
        let dov = find(&ps, "Dov Marlowe");
        assert_eq!(dov.roles, ["scholar from the Marsh Institute"]);
        assert_eq!(dov.mentions.len(), 2);
    }

    #[test]
    fn credits_tags_and_speech() {
        let text = "Illustration: Tao Minwei/GT\n\nreporter (GT) spoke with envoy \
                    Hao Zhenyu (Hao) today.\n\nHao: We agree.\n\n\
                    “It works,” Ottilie Brandvold said.";
        let ps = people(text, &[0]);
        assert!(ps.iter().any(|p| p.name == "Tao Minwei"));
        assert_eq!(find(&ps, "Hao Zhenyu").mentions.len(), 3);
        assert!(ps.iter().any(|p| p.name == "Ottilie Brandvold"));
    }

    #[test]
    fn places_organisations_works_and_calendar_words_are_not_people() {
        let text = "Leaders met at the Great Hall of the People near the Temple of Heaven. \
                    The Boao Forum for Asia said so. The Global South rose. Xinhua said. \
                    They danced in Gabrielle Chanel, a dance drama about fashion, at the \
                    Shanghai Grand Theatre on Thursday, May 16. Hong Kong said so. \
                    Marshland Power International, a big power producer, grew. The office \
                    for Civil Rights said so.";
        assert_eq!(names(text), Vec::<String>::new());
    }

    #[test]
    fn spelling_variants_are_one_person() {
        let text = "Freedonian Minister Anatoly Brusnikin spoke. Later, Freedonian \
                    Minister Anatoli Brusnikin said it again. Brusnikin’s aides agreed.";
        let ps = people(text, &[0]);
        assert_eq!(ps.len(), 1);
        let p = &ps[0];
        assert_eq!(p.mentions.len(), 3);
        assert_eq!(p.variants.len(), 1);
        assert!(p.aliases.contains(&"Brusnikin".to_string()));
    }

    #[test]
    fn short_mentions_go_to_the_nearest_person_with_that_name() {
        let text = "Mayor Lin Haoran spoke.\n\nLin said yes.\n\nProfessor Lin Yuqiao \
                    spoke.\n\nLin said no.";
        let ps = people(text, &[0]);
        assert_eq!(find(&ps, "Lin Haoran").mentions.len(), 2);
        let yuqiao = find(&ps, "Lin Yuqiao");
        assert_eq!(yuqiao.mentions.len(), 2);
        assert!(yuqiao.mentions[1].range().start > text.find("no.").unwrap() - 10);
    }

    #[test]
    fn definition_is_the_fullest_mention_with_a_role() {
        let text = "Ottilie Brandvold waved. Later, Norland Envoy Ottilie Brandvold said so.";
        let p = &people(text, &[0])[0];
        let def = p.mentions[p.definition].range();
        assert_eq!(def.start, text.rfind("Ottilie").unwrap());
    }

    #[test]
    fn no_break_spaces_and_wraps_join_names() {
        let text = "Norland Foreign\nMinister Sergei\u{a0}Volkonsky arrived. Volkonsky left.";
        let ps = people(text, &[0]);
        assert_eq!(ps[0].name, "Sergei Volkonsky");
        assert_eq!(ps[0].roles, ["Norland Foreign Minister"]);
        assert_eq!(ps[0].mentions.len(), 2);
    }

    #[test]
    fn roles_are_trimmed_to_titles_and_occupations() {
        let text = "Ottilie Brandvold, a researcher of marsh frogs whose work has long been \
                    at the centre of a dispute in the valley, spoke. Lady Marguerite Fenwick \
                    waved. Later, fisheries expert Dr Ottilie Brandvold said so.";
        let ps = people(text, &[0]);
        assert_eq!(
            find(&ps, "Ottilie Brandvold").roles,
            ["researcher of marsh frogs", "expert"]
        );
        assert!(find(&ps, "Marguerite Fenwick").roles.is_empty());
        let text = "Dov Marlowe, also a scholar at the Marsh Institute, spoke.";
        assert_eq!(
            find(&people(text, &[0]), "Dov Marlowe").roles,
            ["scholar at the Marsh Institute"]
        );
        assert_eq!(clean_role("INVOLVEMENT Dr").as_deref(), Some("Dr"));
        assert_eq!(clean_role("Lady"), None);
        assert_eq!(clean_role("First Lady").as_deref(), Some("First Lady"));
    }

    #[test]
    fn a_clause_after_the_name_is_no_role() {
        let text = "Senator Dov Marlowe, who criticised the governor for his plans, spoke.";
        assert_eq!(find(&people(text, &[0]), "Dov Marlowe").roles, ["Senator"]);
    }

    #[test]
    fn a_surname_alone_goes_to_the_namesake_named_most() {
        let a = "President Rufus Tolliver spoke. Rufus Tolliver left. Rufus Tolliver \
                 returned. Rufus Tolliver slept. Rufus Tolliver woke.\n\n";
        let b = "Rufus Tolliver and First Lady Ottilie Tolliver toured. Tolliver said so. \
                 Mrs Tolliver smiled.";
        let c = "\n\nPresident Tolliver and First Lady Ottilie Tolliver waved.";
        let text = format!("{a}{b}{c}");
        let ps = people(&text, &[0, a.len(), a.len() + b.len() + 2]);
        let rufus = find(&ps, "Rufus Tolliver");
        let ottilie = find(&ps, "Ottilie Tolliver");
        assert_eq!(rufus.mentions.len(), 8);
        assert_eq!(
            forms(&text, ottilie),
            ["Ottilie Tolliver", "Tolliver", "Ottilie Tolliver"]
        );
    }

    #[test]
    fn a_rank_that_does_not_fit_makes_another_person() {
        let a = "Freedonian Foreign Minister Marjorie Plank spoke.\n\n";
        let b = "In the raid, Sergeant Plank led the team. Plank was decorated.";
        let text = format!("{a}{b}");
        let ps = people(&text, &[0, a.len()]);
        assert_eq!(find(&ps, "Marjorie Plank").mentions.len(), 1);
        let sergeant = find(&ps, "Plank");
        assert_eq!(sergeant.roles, ["Sergeant"]);
        assert_eq!(sergeant.mentions.len(), 2);
    }

    #[test]
    fn a_nickname_in_quotes_stays_inside_the_name() {
        let text = "Captain Humphrey Aldous “Bunny” Fairweather sailed. Fairweather said so.";
        let ps = people(text, &[0]);
        let p = find(&ps, "Humphrey Aldous “Bunny” Fairweather");
        assert_eq!(p.mentions.len(), 2);
    }

    #[test]
    fn middle_initials_stay_inside_the_name() {
        let text = "Freedonian Army Sgt. Maj. Humphrey P. Fairweather spoke. Later, \
                    Humphrey P Fairweather left. Fairweather waved.";
        let ps = people(text, &[0]);
        assert_eq!(ps.len(), 1);
        assert_eq!(ps[0].name, "Humphrey P Fairweather");
        assert_eq!(ps[0].mentions.len(), 3);
        let text = "Envoy Humphrey Fairweather spoke. Envoy Humphrey K. Fairweather left.";
        assert_eq!(people(text, &[0]).len(), 1);
    }

    #[test]
    fn juniors_are_short_for_their_family_name() {
        let text = "Rufus Tolliver Jr said so. Tolliver left.";
        let ps = people(text, &[0]);
        assert_eq!(ps.len(), 1);
        assert_eq!(forms(text, &ps[0]), ["Rufus Tolliver Jr", "Tolliver"]);
    }

    #[test]
    fn titles_fit_their_abbreviations() {
        let roles = [
            Role {
                text: "Gen.",
                lower: "gen.",
            },
            Role {
                text: "US President-elect",
                lower: "us president-elect",
            },
        ];
        let fits = |title: &str| {
            let (head, honorific, married_or_not) = title_word(title);
            let title = Title {
                head: &head,
                honorific,
                married_or_not,
                role: None,
            };
            fits_role(&title, &roles)
        };
        assert!(fits("general"));
        assert!(fits("Freedonian President"));
        assert!(!fits("Sergeant"));
        assert!(fits("Mr"));
    }

    #[test]
    fn pinyin() {
        assert!(is_pinyin("Jinping"));
        assert!(is_pinyin("Hanhui"));
        assert!(!is_pinyin("Putin"));
        assert!(!is_pinyin("Smith"));
    }

    #[test]
    fn variants() {
        assert!(is_variant("Alexei Overchuk", "Alexey Overchuk"));
        assert!(!is_variant("Yang Sheng", "Yang Shang"));
        assert!(!is_variant("Lin Haoran", "Lin Yuqiao"));
    }
}
