//! Hover text for people and figures: short Markdown an annotator reads at a glance.
//! Everything comes from the built [`Entities`](super::Entities) and the article
//! structure; only the paragraph around a figure is read again, to quote its sentence.

use std::collections::BTreeMap;
use std::ops::Range;

use super::Dump;
use super::entities::EntityRef;
use super::figures::{Figure, FigureKind};
use super::gazetteer::TITLE_ABBREVIATIONS;
use super::people::Person;
use super::source::Source;
use super::text::{flatten, plural, shorten};

/// How many articles a person's hover lists, and how many related figures.
const MAX_ARTICLES: usize = 5;
const MAX_RELATED: usize = 8;
/// Longest quoted sentence and headline, in characters.
const MAX_SENTENCE: usize = 240;
const MAX_HEADLINE: usize = 70;

/// The hover Markdown for `e`.
pub fn describe<'t>(dump: &Dump, text: impl Into<Source<'t>>, e: EntityRef) -> String {
    let text = text.into();
    match e {
        EntityRef::Person(i) => dump
            .entities(text)
            .people
            .get(i)
            .map(|p| describe_person(dump, p))
            .unwrap_or_default(),
        EntityRef::Figure(i) => describe_figure(dump, text, i),
    }
}

fn describe_person(dump: &Dump, p: &Person) -> String {
    let mut out = format!("**{}**", p.name);
    if !p.roles.is_empty() {
        out += &format!("\n\n{}", p.roles.join("; "));
    }
    if !p.aliases.is_empty() {
        let forms: Vec<String> = p.aliases.iter().map(|a| format!("*{a}*")).collect();
        out += &format!("\n\nAlso: {}", forms.join(", "));
    }
    // The first mention in each article, by article.
    let mut firsts: BTreeMap<usize, usize> = BTreeMap::new();
    for m in &p.mentions {
        firsts.entry(m.article()).or_insert(m.range().start);
    }
    out += &format!(
        "\n\n{} in {}",
        plural(p.mentions.len(), "mention"),
        plural(firsts.len(), "article")
    );
    out += ":";
    for (&article, &at) in firsts.iter().take(MAX_ARTICLES) {
        out += &format!(
            "\n- line {}: {}",
            dump.lines.line_of(at) + 1,
            headline(dump, article)
        );
    }
    if firsts.len() > MAX_ARTICLES {
        out += &format!(
            "\n- and {} more",
            plural(firsts.len() - MAX_ARTICLES, "article")
        );
    }
    out
}

fn describe_figure(dump: &Dump, text: Source<'_>, i: usize) -> String {
    let Some(f) = dump.entities(text).figure(i) else {
        return String::new();
    };
    let qualifier = f.qualifier.map_or(String::new(), |q| format!("{q} "));
    let mut out = format!("**{}**: {qualifier}{}", f.kind.name(), value(&f));
    let sentence = sentence(dump, text, &f);
    if !sentence.is_empty() {
        out += &format!("\n\n> {sentence}");
    }
    let related = dump.entities(text).related(i);
    if related.is_empty() {
        out += "\n\nNo related figures.";
        return out;
    }
    out += &format!("\n\nRelated ({}):", related.len());
    let shown = related.iter().take(MAX_RELATED);
    for r in shown.filter_map(|&j| dump.entities(text).figure(j)) {
        out += &format!(
            "\n- line {}, *{}*: {}",
            dump.lines.line_of(r.range.start) + 1,
            headline(dump, r.article),
            flatten(&text.get(r.range.clone()))
        );
    }
    if related.len() > MAX_RELATED {
        out += &format!("\n- and {} more", related.len() - MAX_RELATED);
    }
    out
}

fn headline(dump: &Dump, article: usize) -> String {
    dump.articles
        .get(article)
        .map(|a| shorten(a.headline().flat, MAX_HEADLINE))
        .unwrap_or_default()
}

/// The normalised value with its unit: `240,110,000,000 USD`, `26.3%`, `2024-05-16`.
fn value(f: &Figure) -> String {
    let v = f.value;
    let int = v as u64;
    match f.kind {
        FigureKind::Date => match f.unit {
            "month" => format!("{}-{:02}", int / 100, int % 100),
            _ if int >= 10000 => format!("{}-{:02}-{:02}", int / 10000, int / 100 % 100, int % 100),
            _ => format!("{:02}-{:02} (no year)", int / 100, int % 100),
        },
        FigureKind::Year => int.to_string(),
        FigureKind::Ordinal => format!("{}{} {}", int, ordinal_suffix(int), f.unit)
            .trim_end()
            .to_string(),
        FigureKind::Period if f.unit == "year range" => format!("from {int}"),
        FigureKind::Period if f.unit == "decade" => format!("{int}s"),
        FigureKind::Percent if f.unit == "%" => format!("{}%", number(v, f.precision)),
        _ => format!("{} {}", number(v, f.precision), f.unit)
            .trim_end()
            .to_string(),
    }
}

fn ordinal_suffix(n: u64) -> &'static str {
    match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

/// `v` with thousands separators and as many decimals as its precision has.
fn number(v: f64, precision: f64) -> String {
    let decimals = if precision < 1.0 {
        ((-precision.log10()).round() as usize).min(12)
    } else {
        0
    };
    let s = format!("{v:.decimals$}");
    let (int, frac) = s
        .split_once('.')
        .map_or((s.as_str(), None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (k, c) in int.chars().enumerate() {
        if k > 0 && (int.len() - k) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(frac) => format!("{grouped}.{frac}"),
        None => grouped,
    }
}

/// Abbreviations whose full stop does not end a sentence.
/// Other words written with a full stop that does not end a sentence (titles are in
/// [`TITLE_ABBREVIATIONS`]).
const ABBREVIATIONS: &[&str] = &[
    "St", "No", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov",
    "Dec", "Co", "Inc", "Ltd", "vs", "US", "U.S",
];

/// The sentence holding figure `f`, on one line, cut around the figure when long.
fn sentence(dump: &Dump, text: Source<'_>, f: &Figure) -> String {
    let Some(para) = paragraph(dump, f.range.start) else {
        return String::new();
    };
    let p = text.get(para.clone());
    let at = f.range.start - para.start;
    let ends: Vec<usize> = sentence_ends(&p);
    let start = ends.iter().rev().find(|&&e| e <= at).copied().unwrap_or(0);
    let end = ends
        .iter()
        .find(|&&e| e >= f.range.end - para.start)
        .copied()
        .unwrap_or(p.len());
    let s = flatten(&p[start..end]);
    if s.chars().count() <= MAX_SENTENCE {
        return s;
    }
    let wording = flatten(&text.get(f.range.clone()));
    let pos = s.find(&wording).unwrap_or(0);
    let char_pos = s[..pos].chars().count();
    let from = char_pos.saturating_sub(MAX_SENTENCE / 2);
    let cut: String = s.chars().skip(from).take(MAX_SENTENCE).collect();
    let lead = if from > 0 { "…" } else { "" };
    let tail = if from + MAX_SENTENCE < s.chars().count() {
        "…"
    } else {
        ""
    };
    format!("{lead}{}{tail}", cut.trim())
}

/// Byte offsets in `p` just after each sentence end (`.`, `?`, `!`, with a closing
/// quote) that white space follows.
fn sentence_ends(p: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut chars = p.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !matches!(c, '.' | '?' | '!') {
            continue;
        }
        let mut end = i + 1;
        while let Some(&(j, q)) = chars.peek() {
            if matches!(q, '”' | '"' | '’' | '\'' | ')') {
                end = j + q.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        if !p[end..].starts_with(char::is_whitespace) {
            continue;
        }
        let word: String = p[..i]
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric() || *c == '.')
            .collect::<Vec<char>>()
            .into_iter()
            .rev()
            .collect();
        if c == '.'
            && (ABBREVIATIONS.contains(&word.as_str())
                || TITLE_ABBREVIATIONS.contains(&word.as_str()))
        {
            continue;
        }
        out.push(end);
    }
    out
}

/// The byte range of the paragraph holding `offset`, from the article structure.
fn paragraph(dump: &Dump, offset: usize) -> Option<Range<usize>> {
    let article = dump.article_at(offset)?;
    let para = article.block(article.block_before(offset)).para;
    (offset < para.end).then_some(para.start..para.end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Rules;

    const FIXTURE: &str = include_str!("../../tests/fixtures/entities-freedonia.newsdump");

    fn hover_at(needle: &str, nth: usize) -> String {
        let dump = Dump::analyse(FIXTURE, &Rules::default());
        let at = FIXTURE
            .match_indices(needle)
            .nth(nth)
            .unwrap_or_else(|| panic!("{needle} #{nth} not in fixture"))
            .0;
        let e = dump
            .entities(FIXTURE)
            .at(at)
            .unwrap_or_else(|| panic!("nothing at {needle}"));
        describe(&dump, FIXTURE, e)
    }

    #[test]
    fn person_hover() {
        insta::assert_snapshot!(hover_at("Tolliver", 2));
    }

    #[test]
    fn figure_hover() {
        insta::assert_snapshot!(hover_at("$84.37 billion", 0));
    }

    #[test]
    fn numbers_are_grouped() {
        assert_eq!(number(240_110_000_000.0, 1e7), "240,110,000,000");
        assert_eq!(number(26.3, 0.1), "26.3");
        assert_eq!(number(900.0, 1.0), "900");
    }
}
