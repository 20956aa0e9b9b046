//! Figures: money, percentages, counts with their unit, ordinals, years, dates and
//! periods, each with its qualifier (`over`, `about`, ...) and a normalised value, and
//! the test that tells whether two figures state the same fact at different precision.
//!
//! An article's figures are kept compact ([`ArticleFigures`]: 32 bytes a figure, units
//! by number) because a server holds them for every article; [`Figure`] is the form
//! callers read, made on demand.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use regex::Regex;

use crate::thread_regex::ThreadRegex;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FigureKind {
    Money,
    Percent,
    Count,
    Ordinal,
    Year,
    Date,
    Period,
}

impl FigureKind {
    pub fn name(self) -> &'static str {
        match self {
            FigureKind::Money => "money",
            FigureKind::Percent => "percent",
            FigureKind::Count => "count",
            FigureKind::Ordinal => "ordinal",
            FigureKind::Year => "year",
            FigureKind::Date => "date",
            FigureKind::Period => "period",
        }
    }
}

/// One figure as callers read it, borrowing its unit from where it is kept.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure<'a> {
    pub kind: FigureKind,
    /// The value in `unit`: 240110000000 for `$240.11 billion`; `yyyymmdd` for a date
    /// (`mmdd` without a year), `yyyymm` for a month, the first year of a year range.
    pub value: f64,
    /// `USD`, `EUR`, `CNY`, ...; `%`; the counted noun; `year`, `date`, `month`,
    /// `years`, `year range`, `decade`; the noun after an ordinal.
    pub unit: &'a str,
    /// `over`, `about`, `nearly`, `up`, ..., in lower case.
    pub qualifier: Option<&'static str>,
    /// The wording, qualifier included.
    pub range: Range<usize>,
    pub article: usize,
    /// Size of the last significant digit of `value` (1e9 for `$240 billion`).
    pub precision: f64,
}

impl<'a> Figure<'a> {
    /// What a figure must share with another to be related to it: its kind and unit
    /// (counted nouns compared without their plural `s`), and for a date its month and
    /// day (`mmdd`; 0 for other figures).
    pub fn group(&self) -> (FigureKind, &'a str, u64) {
        match self.kind {
            FigureKind::Count => (self.kind, self.unit.trim_end_matches('s'), 0),
            FigureKind::Date if self.unit == "date" => {
                (self.kind, "date", self.value as u64 % 10000)
            }
            _ => (self.kind, self.unit, 0),
        }
    }
}

/// The figures of one article, offsets relative to its start. Copies share them: the
/// [`super::Entities`] joined from the articles' scans hold them too.
#[derive(Debug, Clone, Default)]
pub(crate) struct ArticleFigures {
    /// In order of their start. Apart from the words, so that a lookup reaches a
    /// figure in one step from where it is placed.
    figures: Arc<[Stored]>,
    /// Units read from the text, if any.
    words: Option<Arc<Words>>,
}

/// Units read from the text (counted nouns, nouns after ordinals), back to back;
/// `ends[k]` ends word `k`.
#[derive(Debug)]
struct Words {
    text: Box<str>,
    ends: Box<[u32]>,
}

/// A figure as an article keeps it. Offsets are 32 bits: an article is under 4 GiB.
#[derive(Debug, Clone, Copy)]
struct Stored {
    value: f64,
    precision: f64,
    start: u32,
    end: u32,
    /// An index into [`FIXED_UNITS`], or past them into the article's words.
    unit: u32,
    kind: FigureKind,
    /// An index into [`QUALIFIERS`].
    qualifier: Option<u8>,
}

/// Units not read from the text, which figures name by their index here. (A unit
/// missing from this list is kept with the article's words: it costs room, nothing else.)
const FIXED_UNITS: &[&str] = &[
    "",
    "%",
    "pp",
    "year",
    "years",
    "year range",
    "decade",
    "decades",
    "centuries",
    "months",
    "weeks",
    "days",
    "hours",
    "date",
    "month",
    "pounds",
    "USD",
    "HKD",
    "CAD",
    "AUD",
    "SGD",
    "EUR",
    "GBP",
    "CNY",
    "INR",
    "RUB",
    "JPY",
    "CHF",
    "MXN",
    "UAH",
    "TRY",
    "SAR",
    "AED",
    "?",
];

impl ArticleFigures {
    pub(crate) fn len(&self) -> usize {
        self.figures.len()
    }

    /// Figure `k`, with its offsets moved by `at` (where the article starts in the
    /// text) and [`Figure::article`] set to `article`.
    pub(crate) fn get(&self, k: usize, at: usize, article: usize) -> Figure<'_> {
        let f = &self.figures[k];
        let unit = match (f.unit as usize).checked_sub(FIXED_UNITS.len()) {
            None => FIXED_UNITS[f.unit as usize],
            Some(w) => {
                let words = self.words.as_deref().expect("figures with words have them");
                let start = w.checked_sub(1).map_or(0, |p| words.ends[p] as usize);
                &words.text[start..words.ends[w] as usize]
            }
        };
        Figure {
            kind: f.kind,
            value: f.value,
            unit,
            qualifier: f.qualifier.map(|q| QUALIFIERS[usize::from(q)]),
            range: at + f.start as usize..at + f.end as usize,
            article,
            precision: f.precision,
        }
    }

    /// Figure `k`'s amount, and only that: the unit is not looked up.
    pub(crate) fn amount(&self, k: usize) -> Amount {
        let f = &self.figures[k];
        Amount {
            value: f.value,
            precision: f.precision,
            qualifier: f.qualifier.map(|q| QUALIFIERS[usize::from(q)]),
        }
    }

    /// The figures in order, placed as [`ArticleFigures::get`] places them.
    pub(crate) fn placed(&self, at: usize, article: usize) -> impl Iterator<Item = Figure<'_>> {
        (0..self.len()).map(move |k| self.get(k, at, article))
    }
}

/// [`ArticleFigures`] while the scan fills it.
#[derive(Default)]
struct Builder {
    figures: Vec<Stored>,
    words: String,
    word_ends: Vec<u32>,
}

impl Builder {
    fn push(&mut self, f: Found) {
        let offset = |o: usize| u32::try_from(o).expect("an article is under 4 GiB");
        let unit = match FIXED_UNITS.iter().position(|u| *u == f.unit) {
            Some(u) => u,
            None => {
                self.words.push_str(&f.unit);
                self.word_ends.push(offset(self.words.len()));
                FIXED_UNITS.len() + self.word_ends.len() - 1
            }
        };
        self.figures.push(Stored {
            value: f.value,
            precision: f.precision,
            start: offset(f.range.start),
            end: offset(f.range.end),
            unit: offset(unit),
            kind: f.kind,
            qualifier: f.qualifier,
        });
    }

    fn finish(mut self) -> ArticleFigures {
        self.figures.sort_by_key(|f| f.start);
        let words = (!self.word_ends.is_empty()).then(|| {
            Arc::new(Words {
                text: self.words.into_boxed_str(),
                ends: self.word_ends.into_boxed_slice(),
            })
        });
        ArticleFigures {
            figures: self.figures.into(),
            words,
        }
    }
}

/// A figure as the scan reads it, before the article keeps it.
struct Found<'t> {
    kind: FigureKind,
    value: f64,
    unit: Cow<'t, str>,
    /// An index into [`QUALIFIERS`].
    qualifier: Option<u8>,
    range: Range<usize>,
    precision: f64,
}

/// True when `a` and `b` can state the same fact: same group, and values equal after
/// rounding to the coarser precision or within what a qualifier allows (`over $240
/// billion` fits $240.11 billion). Dates match when their years agree or one is missing.
pub fn compatible(a: &Figure, b: &Figure) -> bool {
    a.group() == b.group() && same_amount(a, b.amount())
}

/// What [`compatible`] reads of a figure besides its group.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Amount {
    pub(crate) value: f64,
    precision: f64,
    qualifier: Option<&'static str>,
}

impl Figure<'_> {
    fn amount(&self) -> Amount {
        Amount {
            value: self.value,
            precision: self.precision,
            qualifier: self.qualifier,
        }
    }
}

/// [`compatible`] for two figures known to share a group: `a` and the amount of the
/// other, which can be read without placing it (see [`ArticleFigures::amount`]).
pub(crate) fn same_amount(a: &Figure, b: Amount) -> bool {
    if a.kind == FigureKind::Date && a.unit == "date" {
        let (ya, yb) = (a.value as u64 / 10000, b.value as u64 / 10000);
        return ya == yb || ya == 0 || yb == 0;
    }
    let p = a.precision.max(b.precision);
    if (a.value / p).round() == (b.value / p).round() {
        return true;
    }
    within(a.amount(), b.value, p) || within(b, a.value, p)
}

/// True when `value` lies in the range `f`'s qualifier gives it, `p` wide.
fn within(f: Amount, value: f64, p: f64) -> bool {
    let v = f.value;
    match f.qualifier {
        Some(
            "over" | "more than" | "above" | "exceeding" | "in excess of" | "upwards of"
            | "just over" | "at least",
        ) => value >= v && value <= v + p,
        Some(
            "under" | "less than" | "fewer than" | "below" | "nearly" | "almost" | "just under"
            | "close to",
        ) => value <= v && value >= v - p,
        Some("about" | "around" | "approximately" | "roughly" | "some" | "an estimated") => {
            (value - v).abs() <= p
        }
        Some("up to" | "at most") => value <= v && value >= v - p,
        _ => false,
    }
}

static NUMBER: ThreadRegex =
    ThreadRegex::new(|| Regex::new(r"\d+(?:,\d{3})*(?:\.\d+)?").expect("number regex"));

/// What may follow a number, anchored at its end.
static AFTER: ThreadRegex = ThreadRegex::new(|| {
    Regex::new(
        r"(?x)^(?:
            (?P<pct>\s?(?:%|percent(?-u:\b)|per\s+cent(?-u:\b)|percentage\s+points?(?-u:\b)))
          | (?P<ord>st|nd|rd|th)(?-u:\b)(?:[\ \u{a0}-]+(?P<ordunit>\p{L}[\p{L}-]*))?
          | (?P<decade>s)(?-u:\b)
          | [\ \u{a0}](?P<dmonth>January|February|March|April|May|June|July|August|September
                |October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)
            (?-u:\b)\.?(?:,?[\ \u{a0}](?P<dyear>(?:19|20)\d\d)(?-u:\b))?
          | [-–](?P<range>(?:19|20)?\d\d)(?-u:\b)
          | (?:[\ \u{a0}-]+(?P<scale>thousand|million|billion|trillion)(?-u:\b)
              | (?P<abbr>bn|mn|tn|m|k|b)(?-u:\b))?
            (?:
                [\ \u{a0}-]+(?:US[\ \u{a0}]+)?(?P<cur>dollars?|euros?|yuan|renminbi|rubles?
                    |roubles?|pounds|rupees?|yen|francs?|pesos?|hryvnias?|lira|riyals?
                    |dirhams?)(?-u:\b)
              | [\ \u{a0}-]+(?P<cons>(?:consecutive|straight|successive)[\ \u{a0}]+)?
                (?P<period>years?|months?|weeks?|days?|decades?|hours?|centuries|century)(?-u:\b)
              | [\ \u{a0}-]+(?P<unit>\p{Ll}[\p{Ll}-]*)
            )?
        )",
    )
    .expect("after-number regex")
});

/// A day and year after a month name, anchored after the month.
static DAY_AFTER_MONTH: ThreadRegex = ThreadRegex::new(|| {
    Regex::new(r"^(?:st|nd|rd|th)?(?:,?[ \u{a0}]+(?P<year>(?:19|20)\d\d)(?-u:\b))?")
        .expect("day regex")
});

// Word boundaries are ASCII (`(?-u:\b)`) throughout: a Unicode `\b` makes the fast regex
// engines give up on non-ASCII text, and scanning a dump then takes seconds.
static WORD_ORDINAL: ThreadRegex = ThreadRegex::new(|| {
    Regex::new(
        r"(?xi)(?-u:\b)(?P<n>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth
            |eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth
            |eighteenth|nineteenth|twentieth)
          [\ \u{a0}-](?P<unit>largest|biggest|highest|lowest|fastest|richest|smallest|most
            |least|best|worst|anniversary|consecutive|straight|time|round|quarter|session
            |plenary|term)(?-u:\b)",
    )
    .expect("word ordinal regex")
});

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month_number(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.');
    if word.len() < 3 {
        return None;
    }
    if word == "Sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| *m == word || (word.len() == 3 && m.starts_with(word)))
        .map(|i| i as u32 + 1)
}

const ORDINAL_WORDS: &[&str] = &[
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
];

/// Qualifiers, longest first so that `up to` wins over `up`.
const QUALIFIERS: &[&str] = &[
    "in excess of",
    "an estimated",
    "as many as",
    "as much as",
    "upwards of",
    "more than",
    "less than",
    "fewer than",
    "just over",
    "just under",
    "close to",
    "at least",
    "at most",
    "up to",
    "approximately",
    "exceeding",
    "roughly",
    "nearly",
    "almost",
    "around",
    "about",
    "above",
    "below",
    "under",
    "over",
    "some",
    "down",
    "up",
];

/// Words after a number that are not what it counts.
const NOT_UNITS: &[&str] = &[
    "of", "and", "or", "to", "in", "on", "at", "by", "for", "the", "a", "an", "from", "with",
    "than", "as", "is", "was", "are", "were", "has", "have", "had", "will", "would", "that",
    "which", "who", "per", "percent", "when", "after", "before", "since", "until", "while", "but",
    "so", "this", "its", "their", "his", "her", "it", "he", "she", "they", "we", "be", "been",
    "compared", "against", "over", "under", "more", "less", "up", "down", "p",
];

/// Currencies by the symbol or code before a number.
const CURRENCY_PREFIXES: &[(&str, &str)] = &[
    ("US$", "USD"),
    ("HK$", "HKD"),
    ("C$", "CAD"),
    ("A$", "AUD"),
    ("S$", "SGD"),
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("¥", "CNY"),
    ("₹", "INR"),
    ("RMB", "CNY"),
    ("Rs.", "INR"),
    ("Rs", "INR"),
    ("USD", "USD"),
    ("EUR", "EUR"),
    ("CNY", "CNY"),
];

fn currency_word(word: &str) -> &'static str {
    match word.trim_end_matches('s') {
        "dollar" => "USD",
        "euro" => "EUR",
        "yuan" | "renminbi" => "CNY",
        "ruble" | "rouble" => "RUB",
        "pound" => "GBP",
        "rupee" => "INR",
        "yen" => "JPY",
        "franc" => "CHF",
        "peso" => "MXN",
        "hryvnia" => "UAH",
        "lira" => "TRY",
        "riyal" => "SAR",
        "dirham" => "AED",
        _ => "?",
    }
}

fn scale(word: &str) -> f64 {
    match word {
        "thousand" | "k" => 1e3,
        "million" | "mn" | "m" => 1e6,
        "billion" | "bn" | "b" => 1e9,
        "trillion" | "tn" => 1e12,
        _ => 1.0,
    }
}

/// Finds the figures in one article's text, in order, with offsets relative to it.
/// Figures do not run across articles, so this needs nothing else. Panics on a text of
/// 4 GiB or more.
pub(crate) fn scan(text: &str) -> ArticleFigures {
    let mut out = Builder::default();
    let mut covered = 0;
    NUMBER.with(|number| {
        for m in number.find_iter(text) {
            if m.start() < covered {
                continue;
            }
            if let Some(f) = read_number(text, m.start(), m.end()) {
                covered = f.range.end;
                out.push(f);
            }
        }
    });
    WORD_ORDINAL.with(|ordinal| {
        for c in ordinal.captures_iter(text) {
            let whole = c.get(0).expect("match");
            let n = c["n"].to_lowercase();
            let value = ORDINAL_WORDS.iter().position(|w| *w == n).unwrap_or(0) + 1;
            out.push(Found {
                kind: FigureKind::Ordinal,
                value: value as f64,
                unit: Cow::Owned(c["unit"].to_lowercase()),
                qualifier: None,
                range: whole.start()..whole.end(),
                precision: 1.0,
            });
        }
    });
    out.finish()
}

const MAX_DECIMALS: usize = 12;

struct Number {
    value: f64,
    decimals: i32,
    trailing_zeros: i32,
    plain: bool,
}

fn parse_number(s: &str) -> Number {
    let digits: String = s.chars().filter(|&c| c != ',').collect();
    let value = digits.parse().unwrap_or(0.0);
    let (int, frac) = digits.split_once('.').unwrap_or((&digits, ""));
    Number {
        value,
        // Beyond a dozen decimals the precision would underflow to zero; no reported
        // figure is that precise.
        decimals: frac.len().min(MAX_DECIMALS) as i32,
        trailing_zeros: if frac.is_empty() {
            (int.len() - int.trim_end_matches('0').len()) as i32
        } else {
            0
        },
        plain: !s.contains([',', '.']),
    }
}

/// A short stretch of text from `at`, long enough for anything that may follow a number.
/// Anchored patterns run on this rather than on the rest of the dump, whose length
/// would otherwise decide how the regex engine searches.
fn window(text: &str, at: usize) -> &str {
    let mut end = (at + 96).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[at..end]
}

/// The word before `at` (letters and a trailing full stop), if white space separates it.
fn word_before(text: &str, at: usize) -> Option<(usize, &str)> {
    let before = text[..at].trim_end_matches([' ', '\u{a0}']);
    if before.len() == at {
        return None;
    }
    let body = before.trim_end_matches('.');
    let body = body.strip_suffix(',').unwrap_or(body);
    let start = body
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map(|(i, _)| i)?;
    Some((start, &before[start..]))
}

/// Where the qualifier before `at` starts, and its index in [`QUALIFIERS`].
fn qualifier_before(text: &str, at: usize) -> Option<(usize, u8)> {
    let before = text[..at].trim_end_matches([' ', '\u{a0}']);
    if before.len() == at {
        return None;
    }
    QUALIFIERS.iter().zip(0..).find_map(|(q, i)| {
        let start = before.len().checked_sub(q.len())?;
        let tail = before.get(start..)?;
        let bounded = before[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        (tail.eq_ignore_ascii_case(q) && bounded).then_some((start, i))
    })
}

fn figure<'t>(
    kind: FigureKind,
    value: f64,
    unit: impl Into<Cow<'t, str>>,
    range: Range<usize>,
    precision: f64,
) -> Found<'t> {
    Found {
        kind,
        value,
        unit: unit.into(),
        qualifier: None,
        range,
        precision,
    }
}

/// Reads the figure around the number at `start..end`, if it is one.
fn read_number(text: &str, start: usize, end: usize) -> Option<Found<'_>> {
    let prev = text[..start].chars().next_back();
    if prev.is_some_and(|c| c.is_alphanumeric() || c == '.' || c == ':') {
        return None;
    }
    if prev == Some('-') {
        let before_dash = text[..start - 1].chars().next_back();
        if before_dash.is_some_and(char::is_alphanumeric) {
            return None;
        }
    }
    if text[end..].starts_with(':') && text[end + 1..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let number = parse_number(&text[start..end]);
    if let Some((wstart, word)) = word_before(text, start) {
        if word == "No" || word == "No." {
            return None;
        }
        if let Some(month) = month_number(word) {
            return date_after_month(text, wstart, month, &number, end);
        }
    }
    let mut fig_start = start;
    let mut currency = None;
    for (prefix, code) in CURRENCY_PREFIXES {
        let before = text[..start].trim_end_matches([' ', '\u{a0}']);
        let spaced = before.len() < start;
        if before.ends_with(prefix) && (!spaced || prefix.len() > 1) {
            let at = before.len() - prefix.len();
            let bounded = text[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            if bounded || prefix.starts_with(['$', '€', '£', '¥', '₹']) {
                fig_start = at;
                currency = Some(*code);
                break;
            }
        }
    }
    let c = AFTER
        .captures(window(text, end))
        .expect("the pattern matches the empty string");
    let fig_end = end + c.get(0).map_or(0, |m| m.end());
    let year_like = number.plain && (1900.0..=2100.0).contains(&number.value);
    let f = if c.name("pct").is_some() {
        let unit = if c["pct"].contains("point") {
            "pp"
        } else {
            "%"
        };
        figure(
            FigureKind::Percent,
            number.value,
            unit,
            fig_start..fig_end,
            10f64.powi(-number.decimals),
        )
    } else if let Some(ord) = c.name("ordunit") {
        figure(
            FigureKind::Ordinal,
            number.value,
            ord.as_str().to_lowercase(),
            fig_start..fig_end,
            1.0,
        )
    } else if c.name("ord").is_some() {
        figure(
            FigureKind::Ordinal,
            number.value,
            "",
            fig_start..fig_end,
            1.0,
        )
    } else if c.name("decade").is_some() && year_like && number.value % 10.0 == 0.0 {
        figure(
            FigureKind::Period,
            number.value,
            "decade",
            fig_start..fig_end,
            10.0,
        )
    } else if let Some(month) = c.name("dmonth") {
        let month = month_number(month.as_str())?;
        if !(1.0..=31.0).contains(&number.value) || !number.plain {
            return None;
        }
        let year: f64 = c
            .name("dyear")
            .map_or(0.0, |y| y.as_str().parse().unwrap_or(0.0));
        let value = year * 10000.0 + f64::from(month) * 100.0 + number.value;
        figure(FigureKind::Date, value, "date", fig_start..fig_end, 1.0)
    } else if let Some(r) = c.name("range").filter(|_| year_like) {
        let to: f64 = r.as_str().parse().unwrap_or(0.0);
        let to = if to < 100.0 {
            (number.value / 100.0).floor() * 100.0 + to
        } else {
            to
        };
        if to <= number.value {
            return None;
        }
        figure(
            FigureKind::Period,
            number.value,
            "year range",
            fig_start..fig_end,
            1.0,
        )
    } else {
        let scale_word = c
            .name("scale")
            .or(c.name("abbr").filter(|_| currency.is_some()));
        let factor = scale_word.map_or(1.0, |w| scale(w.as_str()));
        let value = number.value * factor;
        let precision = if number.decimals > 0 || scale_word.is_some() {
            factor * 10f64.powi(-number.decimals)
        } else if number.value >= 1000.0 {
            10f64.powi(number.trailing_zeros)
        } else {
            1.0
        };
        // `pounds` is money after `£` or before `sterling`; otherwise a weight.
        let weight = c.name("cur").filter(|w| {
            currency.is_none()
                && w.as_str() == "pounds"
                && !window(text, end + w.end())
                    .trim_start_matches([' ', '\u{a0}'])
                    .starts_with("sterling")
        });
        if let Some(w) = weight {
            let fig_end = end + w.end();
            return Some(qualified(
                text,
                figure(
                    FigureKind::Count,
                    value,
                    "pounds",
                    fig_start..fig_end,
                    precision,
                ),
            ));
        }
        let currency = currency.or_else(|| c.name("cur").map(|w| currency_word(w.as_str())));
        let scale_end = scale_word.map_or(end, |w| end + w.end());
        if let Some(code) = currency {
            let fig_end = c.name("cur").map_or(scale_end, |w| end + w.end());
            figure(
                FigureKind::Money,
                value,
                code,
                fig_start..fig_end,
                precision,
            )
        } else if let Some(period) = c.name("period") {
            let unit = match period.as_str() {
                "century" => Cow::Borrowed("centuries"),
                p if !p.ends_with('s') => Cow::Owned(format!("{p}s")),
                p => Cow::Borrowed(p),
            };
            let fig_end = end + period.end();
            figure(FigureKind::Period, value, unit, fig_start..fig_end, 1.0)
        } else if year_like && scale_word.is_none() {
            figure(FigureKind::Year, number.value, "year", fig_start..end, 1.0)
        } else if let Some(unit) = c.name("unit").filter(|u| !NOT_UNITS.contains(&u.as_str())) {
            let (unit, unit_end) = head_noun(text, end + unit.start(), end + unit.end());
            figure(
                FigureKind::Count,
                value,
                unit,
                fig_start..unit_end,
                precision,
            )
        } else if scale_word.is_some() {
            figure(
                FigureKind::Count,
                value,
                "",
                fig_start..scale_end,
                precision,
            )
        } else {
            return None;
        }
    };
    Some(qualified(text, f))
}

/// `f` with the qualifier written before it (`over`, `about`), if any.
fn qualified<'t>(text: &str, mut f: Found<'t>) -> Found<'t> {
    if let Some((qstart, q)) = qualifier_before(text, f.range.start) {
        f.qualifier = Some(q);
        f.range.start = qstart;
    }
    f
}

/// Endings of adjectives, participles and adverbs (`unaccompanied`, `federal`, `newly`).
const ADJECTIVE_ENDINGS: &[&str] = &[
    "ed", "ing", "al", "ous", "ive", "ful", "less", "ary", "ic", "able", "ible", "ly",
];

const ADJECTIVES: &[&str] = &[
    "new",
    "old",
    "young",
    "more",
    "other",
    "extra",
    "additional",
    "small",
    "large",
    "big",
    "major",
    "minor",
    "key",
    "top",
    "full",
    "part-time",
    "full-time",
    "foreign",
    "local",
    "such",
    "many",
    "few",
    "former",
    "senior",
    "junior",
    "elderly",
    "adult",
    "free",
    "active",
    "private",
    "public",
    "public-sector",
    "high",
    "low",
    "long",
    "short",
    "poor",
    "rich",
];

/// Words that end a noun phrase (what follows the head noun), besides the
/// [`NOT_UNITS`] it is always checked with.
const AFTER_HEAD: &[&str] = &["said", "say", "says", "could", "can", "may"];

fn is_adjective(word: &str) -> bool {
    ADJECTIVES.contains(&word)
        || (word.chars().count() > 4 && ADJECTIVE_ENDINGS.iter().any(|e| word.ends_with(e)))
}

/// The head noun of the noun phrase whose first word is `text[start..end]`: adjectives
/// and participles before it are skipped (`13,000 unaccompanied children` counts
/// `children`), up to two of them, and a singular noun before a plural one is taken as
/// its modifier (`new coronavirus cases` counts `cases`). Returns the unit and where the
/// figure ends.
fn head_noun(text: &str, start: usize, end: usize) -> (&str, usize) {
    let mut unit = (&text[start..end], end);
    for step in 0..3 {
        let modifier = is_adjective(unit.0) && step < 2;
        let compound = !unit.0.ends_with('s');
        if !modifier && !compound {
            break;
        }
        let rest = &text[unit.1..];
        let gap = rest.len() - rest.trim_start_matches([' ', '\u{a0}']).len();
        if gap == 0 || gap > 2 {
            break;
        }
        let word_len = rest[gap..]
            .find(|c: char| !(c.is_lowercase() || c == '-'))
            .unwrap_or(rest.len() - gap);
        let word = &rest[gap..gap + word_len];
        if word.is_empty()
            || AFTER_HEAD.contains(&word)
            || NOT_UNITS.contains(&word)
            || (!modifier && (!word.ends_with('s') || is_adjective(word)))
        {
            break;
        }
        unit = (word, unit.1 + gap + word_len);
    }
    unit
}

/// `May 16`, `May 16, 2024`, `Feb. 21, 2021` (the number is the day) or `July 2023`
/// (the number is the year).
fn date_after_month(
    text: &str,
    month_start: usize,
    month: u32,
    number: &Number,
    end: usize,
) -> Option<Found<'static>> {
    if !number.plain {
        return None;
    }
    let month = f64::from(month);
    if (1900.0..=2100.0).contains(&number.value) {
        let value = number.value * 100.0 + month;
        return Some(figure(
            FigureKind::Date,
            value,
            "month",
            month_start..end,
            1.0,
        ));
    }
    if !(1.0..=31.0).contains(&number.value) {
        return None;
    }
    let c = DAY_AFTER_MONTH.captures(window(text, end))?;
    let year: f64 = c
        .name("year")
        .map_or(0.0, |y| y.as_str().parse().unwrap_or(0.0));
    let fig_end = if year > 0.0 {
        end + c.get(0)?.end()
    } else {
        end
    };
    let value = year * 10000.0 + month * 100.0 + number.value;
    Some(figure(
        FigureKind::Date,
        value,
        "date",
        month_start..fig_end,
        1.0,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    type Read = (FigureKind, f64, String, Option<&'static str>, String);

    fn read(text: &str) -> Vec<Read> {
        scan(text)
            .placed(0, 0)
            .map(|f| {
                let wording = text[f.range.clone()].to_string();
                (f.kind, f.value, f.unit.to_string(), f.qualifier, wording)
            })
            .collect()
    }

    fn one(text: &str) -> Read {
        let all = read(text);
        assert_eq!(all.len(), 1, "{all:?}");
        all.into_iter().next().unwrap()
    }

    #[test]
    fn money_in_its_forms() {
        let f = one("Trade reached $240.11 billion last year.");
        assert_eq!(
            (f.0, f.2.as_str(), f.4.as_str()),
            (FigureKind::Money, "USD", "$240.11 billion")
        );
        assert!((f.1 - 240_110_000_000.0).abs() < 1.0);
        let f = one("It was over $190 billion then.");
        assert_eq!(
            (f.1, f.3, f.4.as_str()),
            (190e9, Some("over"), "over $190 billion")
        );
        let f = one("a 100-billion-euro, five-year package");
        assert_eq!((f.1, f.2.as_str()), (100e9, "EUR"));
        assert_eq!(one("lost 9,900 yuan in a scam").1, 9900.0);
        assert_eq!(one("lost 9,900 yuan in a scam").2, "CNY");
        assert_eq!(one("paid 3 million rubles").2, "RUB");
        assert_eq!(one("costs €5bn").1, 5e9);
    }

    #[test]
    fn percentages_counts_and_ordinals() {
        let f = one("up 26.3 percent from a year earlier");
        assert_eq!((f.0, f.1, f.3), (FigureKind::Percent, 26.3, Some("up")));
        let f = one("About 92% of it");
        assert_eq!((f.1, f.3, f.4.as_str()), (92.0, Some("about"), "About 92%"));
        let f = one("with over 900,000 vehicles exported");
        assert_eq!(
            (f.0, f.1, f.2.as_str()),
            (FigureKind::Count, 900_000.0, "vehicles")
        );
        let f = one("then 13,000 unaccompanied children arrived");
        assert_eq!(
            (f.2.as_str(), f.4.as_str()),
            ("children", "13,000 unaccompanied children")
        );
        let f = one("another 40 newly hired nurses came");
        assert_eq!(f.2, "nurses");
        let f = one("reported 35 new marsh-fever cases on Monday");
        assert_eq!(f.2, "cases");
        let f = one("it has 40 ward beds");
        assert_eq!(f.2, "beds");
        let f = one("the 12 victims were named");
        assert_eq!(f.2, "victims");
        let f = one("a fish of 30 pounds was landed");
        assert_eq!((f.0, f.2.as_str()), (FigureKind::Count, "pounds"));
        let f = one("it cost 30 pounds sterling then");
        assert_eq!((f.0, f.2.as_str()), (FigureKind::Money, "GBP"));
        let f = one("appearing over 130 times.");
        assert_eq!((f.2.as_str(), f.3), ("times", Some("over")));
        let f = one("the 75th anniversary of ties");
        assert_eq!(
            (f.0, f.1, f.2.as_str()),
            (FigureKind::Ordinal, 75.0, "anniversary")
        );
        let f = one("its fourth largest partner");
        assert_eq!(
            (f.0, f.1, f.2.as_str()),
            (FigureKind::Ordinal, 4.0, "largest")
        );
    }

    #[test]
    fn years_dates_and_periods() {
        let all = read(
            "On May 16, 2024 and Feb. 21, 2021, in July 2023 and in 2023, for 13 \
             consecutive years, over the 2024-2025 season, on 16 May 2024.",
        );
        let got: Vec<(FigureKind, f64, &str)> =
            all.iter().map(|f| (f.0, f.1, f.2.as_str())).collect();
        assert_eq!(
            got,
            [
                (FigureKind::Date, 20240516.0, "date"),
                (FigureKind::Date, 20210221.0, "date"),
                (FigureKind::Date, 202307.0, "month"),
                (FigureKind::Year, 2023.0, "year"),
                (FigureKind::Period, 13.0, "years"),
                (FigureKind::Period, 2024.0, "year range"),
                (FigureKind::Date, 20240516.0, "date"),
            ]
        );
        assert_eq!(all[1].4, "Feb. 21, 2021");
        assert_eq!(all[4].4, "13 consecutive years");
    }

    #[test]
    fn units_from_the_text_and_the_fixed_list_interleave() {
        let units: Vec<String> = read(
            "It has 40 ward beds, 12 victims, $5 million, 3 new nurses, 7 days \
             and its 75th Anniversary.",
        )
        .into_iter()
        .map(|f| f.2)
        .collect();
        assert_eq!(
            units,
            ["beds", "victims", "USD", "nurses", "days", "anniversary"]
        );
        assert!(std::mem::size_of::<Stored>() <= 32);
    }

    #[test]
    fn numbers_inside_names_are_not_figures() {
        assert!(read("G20 and Covid-19, No 3 Court, at 10:30, F-35 jets").is_empty());
        assert!(read("from May 15 to 19").len() == 1);
    }

    #[test]
    fn compatible_values() {
        let scanned = scan(
            "over $240 billion, $240.11 billion, $240.1 billion, $190 billion, \
             26.3 percent, 26 percent, 92 percent, about 92 percent, May 16, May 16, 2024",
        );
        let fs: Vec<Figure> = scanned.placed(0, 0).collect();
        let c = |a: usize, b: usize| compatible(&fs[a], &fs[b]);
        assert!(c(0, 1) && c(1, 2) && c(0, 2));
        assert!(!c(1, 3));
        assert!(c(4, 5), "26 percent rounds 26.3");
        assert!(c(6, 7));
        assert!(!c(4, 6));
        assert!(c(8, 9));
    }
}
