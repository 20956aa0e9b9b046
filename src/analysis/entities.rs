//! People and figures of a dump, built once per analysis, with an index so that the
//! lookups an editor makes (what is under the cursor, where else it occurs, where it is
//! introduced, which figures relate) never rescan the text.

use std::collections::HashMap;
use std::ops::Range;

use super::figures::{self, Amount, ArticleFigures, Figure, FigureKind, same_amount};
use super::findings::{Edit, Finding, Fix, Related, Severity};
use super::people::{self, Mention, PeopleScan, Person};
use super::source::Source;
use super::text::flatten;

/// What one article contributes: people occurrences and figures, offsets relative to
/// the article start, so that it stays valid wherever the article moves.
#[derive(Debug, Clone, Default)]
pub struct ArticleEntities {
    people: PeopleScan,
    figures: ArticleFigures,
}

impl ArticleEntities {
    /// Scans one article's text: `&text[article.range()]`. Depends on nothing else.
    /// Panics on an article of 4 GiB or more (offsets in it are kept in 32 bits).
    pub fn scan(article_text: &str) -> ArticleEntities {
        ArticleEntities {
            people: people::scan(article_text),
            figures: figures::scan(article_text),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityRef {
    /// Index into [`Entities::people`].
    Person(usize),
    /// Index of a figure in document order: see [`Entities::figure`].
    Figure(usize),
}

/// People and figures of a dump. Figures stay with the articles' scans, which this
/// shares, and spans are kept relative to their article: what the join adds is small,
/// and stays correct for a text of any length (an article is under 4 GiB).
#[derive(Debug, Clone, Default)]
pub struct Entities {
    pub people: Vec<Person>,
    /// Per article, in document order (in arrays of their own, searched on every
    /// lookup): where it starts in the text,
    starts: Vec<usize>,
    /// the index of its first figure in document order,
    first_figures: Vec<usize>,
    /// the index of its first span in `spans`,
    first_spans: Vec<usize>,
    /// and its figures.
    figures: Vec<ArticleFigures>,
    /// Every mention and figure, sorted by start, none overlapping; each article's
    /// together.
    spans: Vec<Span>,
    /// Figures that may relate, by [`Figure::group`].
    groups: Vec<Group>,
    /// The group of each figure, by its index in document order.
    group_of: Vec<u32>,
}

/// A mention or figure: offsets relative to its article, and what it is, as
/// [`Span::FIGURE`] plus the figure's index in its article, or a person's index.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: u32,
    end: u32,
    entity: u32,
}

impl Span {
    const FIGURE: u32 = 1 << 31;
}

/// Figures of one group: their indices sorted by value, and the coarsest precision
/// among them (which bounds how far apart related values lie).
#[derive(Debug, Clone)]
struct Group {
    members: Box<[u32]>,
    coarsest: f64,
}

/// The code of the finding at a spelling of a name other than the usual one.
pub const NAME_VARIANT: &str = "name-variant";

impl Entities {
    /// Joins per-article scans: `articles[i] = (byte offset where article i starts in
    /// text, its scan)`, ascending by offset. Produces absolute offsets;
    /// [`people::Mention::article`] and [`Figure::article`] are `i`. `text_len` is the
    /// length of the whole text, where the last article ends. Panics with 2^31 people
    /// or 2^32 figures or more (indices are kept in 32 bits).
    pub fn join(text_len: usize, articles: &[(usize, &ArticleEntities)]) -> Entities {
        let scans: Vec<(usize, &PeopleScan)> =
            articles.iter().map(|&(at, a)| (at, &a.people)).collect();
        let starts: Vec<usize> = articles.iter().map(|&(at, _)| at).collect();
        let figures: Vec<ArticleFigures> =
            articles.iter().map(|(_, a)| a.figures.clone()).collect();
        let first_figures: Vec<usize> = figures
            .iter()
            .scan(0, |count, f| {
                *count += f.len();
                Some(*count - f.len())
            })
            .collect();
        let figure_count = figures.iter().map(|f| f.len()).sum();
        // Linking people and grouping figures are independent; people take longer.
        let ((people, mentions), (groups, group_of)) = std::thread::scope(|scope| {
            let groups = scope.spawn(|| group_figures(&figures, figure_count));
            let people = people::link(&scans, text_len);
            (people, groups.join().expect("grouping figures panicked"))
        });
        // Both lists are in document order: merge them as a sort by start, longest
        // first, people before figures would order them, and keep what does not
        // overlap what is kept before it.
        let mut spans: Vec<Span> = Vec::with_capacity(mentions.len() + figure_count);
        let mut mentions = mentions
            .into_iter()
            .map(|(r, i)| (r.start as usize..r.end as usize, i as usize))
            .peekable();
        let mut numbered = starts
            .iter()
            .zip(&figures)
            .enumerate()
            .flat_map(|(i, (&at, f))| f.placed(at, i).enumerate())
            .peekable();
        let figure = |(k, f): (usize, Figure)| (f.range, entity(k, Span::FIGURE));
        // Where each article's spans start, and the article of the last span.
        let mut first_spans = vec![0; starts.len()];
        let mut article = 0;
        let mut last_end = 0;
        loop {
            let order = |r: &Range<usize>| (r.start, std::cmp::Reverse(r.end));
            let next = match (mentions.peek(), numbered.peek()) {
                (Some((m, _)), Some((_, f))) if order(m) > order(&f.range) => {
                    numbered.next().map(figure)
                }
                (Some(_), _) => mentions.next().map(|(r, i)| (r, entity(i, 0))),
                (None, _) => numbered.next().map(figure),
            };
            let Some((range, entity)) = next else {
                break;
            };
            if !spans.is_empty() && last_end > range.start {
                continue;
            }
            while starts.get(article + 1).is_some_and(|&at| at <= range.start) {
                article += 1;
                first_spans[article] = spans.len();
            }
            let at = starts[article];
            last_end = range.end;
            spans.push(Span {
                start: index(range.start - at),
                end: index(range.end - at),
                entity,
            });
        }
        first_spans
            .iter_mut()
            .skip(article + 1)
            .for_each(|s| *s = spans.len());
        drop(numbered); // It borrows `figures`.
        spans.shrink_to_fit();
        Entities {
            people,
            starts,
            first_figures,
            first_spans,
            figures,
            spans,
            groups,
            group_of,
        }
    }

    /// How many figures the dump holds.
    pub fn figure_count(&self) -> usize {
        self.group_of.len()
    }

    /// Figure `i` in document order, with absolute offsets.
    pub fn figure(&self, i: usize) -> Option<Figure<'_>> {
        if i >= self.figure_count() {
            return None;
        }
        let a = self.first_figures.partition_point(|&first| first <= i) - 1;
        Some(self.figures[a].get(i - self.first_figures[a], self.starts[a], a))
    }

    /// Every figure in document order, with absolute offsets.
    pub fn figures(&self) -> impl Iterator<Item = Figure<'_>> {
        self.starts
            .iter()
            .zip(&self.figures)
            .enumerate()
            .flat_map(|(a, (&at, f))| f.placed(at, a))
    }

    /// The entity whose mention holds `offset` (or ends right at it, as a cursor after
    /// the last letter does).
    pub fn at(&self, offset: usize) -> Option<EntityRef> {
        self.mention_at(offset).map(|(e, _)| e)
    }

    /// Like [`Entities::at`], with the range of the mention the offset is in.
    pub fn mention_at(&self, offset: usize) -> Option<(EntityRef, Range<usize>)> {
        // The last span starting at or before `offset`: in the article holding
        // `offset` if one does, else the last of an earlier article.
        let a = self
            .starts
            .partition_point(|&at| at <= offset)
            .checked_sub(1)?;
        let first = self.first_spans[a];
        let end = self
            .first_spans
            .get(a + 1)
            .copied()
            .unwrap_or(self.spans.len());
        let rel = offset - self.starts[a];
        let before = self.spans[first..end].partition_point(|s| s.start as usize <= rel);
        let (a, i) = match before {
            0 => {
                let i = first.checked_sub(1)?;
                (self.first_spans.partition_point(|&f| f <= i) - 1, i)
            }
            _ => (a, first + before - 1),
        };
        let (s, at) = (self.spans[i], self.starts[a]);
        let e = if s.entity & Span::FIGURE == 0 {
            EntityRef::Person(s.entity as usize)
        } else {
            EntityRef::Figure(self.first_figures[a] + (s.entity & !Span::FIGURE) as usize)
        };
        let range = at + s.start as usize..at + s.end as usize;
        (offset <= range.end).then_some((e, range))
    }

    /// The ranges that belong together with `e`: every mention of a person (aliases
    /// included), or a figure with its related figures; in document order.
    pub fn occurrences(&self, e: EntityRef) -> Vec<Range<usize>> {
        match e {
            EntityRef::Person(i) => self
                .people
                .get(i)
                .map(|p| p.mentions.iter().map(Mention::range).collect())
                .unwrap_or_default(),
            EntityRef::Figure(i) => {
                let Some(f) = self.figure(i) else {
                    return Vec::new();
                };
                let mut out: Vec<Range<usize>> = self
                    .related(i)
                    .into_iter()
                    .filter_map(|j| Some(self.figure(j)?.range))
                    .collect();
                out.push(f.range);
                out.sort_by_key(|r| r.start);
                out
            }
        }
    }

    /// Where `e` is introduced: for a person the mention with the fullest name and a
    /// role; a figure introduces itself.
    pub fn definition(&self, e: EntityRef) -> Option<Range<usize>> {
        match e {
            EntityRef::Person(i) => {
                let p = self.people.get(i)?;
                Some(p.mentions.get(p.definition)?.range())
            }
            EntityRef::Figure(i) => Some(self.figure(i)?.range),
        }
    }

    /// The figures related to figure `i` (same kind and unit, compatible value), in
    /// document order, `i` itself left out.
    pub fn related(&self, i: usize) -> Vec<usize> {
        let Some(f) = self.figure(i) else {
            return Vec::new();
        };
        let Group { members, coarsest } = &self.groups[self.group_of[i] as usize];
        // Compatible values are less than the coarser precision apart, and every
        // qualifier's range is that wide; dates are grouped by day already.
        let reach = if f.kind == FigureKind::Date {
            f64::INFINITY
        } else {
            f.precision.max(*coarsest)
        };
        let value = |j: u32| self.amount(j as usize).value;
        let lo = members.partition_point(|&j| value(j) < f.value - reach);
        let hi = members.partition_point(|&j| value(j) <= f.value + reach);
        // Members share the group: what is left of [`figures::compatible`] is the amount.
        let mut out: Vec<usize> = members[lo..hi]
            .iter()
            .map(|&j| j as usize)
            .filter(|&j| j != i && same_amount(&f, self.amount(j)))
            .collect();
        out.sort_unstable();
        out
    }

    /// The amount of figure `i`, known to exist.
    fn amount(&self, i: usize) -> Amount {
        let a = self.first_figures.partition_point(|&first| first <= i) - 1;
        self.figures[a].amount(i - self.first_figures[a])
    }

    /// A `name-variant` finding at the first mention of each spelling of a person's name
    /// other than the usual one, pointing at the usual one.
    pub fn name_variants<'t>(&self, text: impl Into<Source<'t>>) -> Vec<Finding> {
        let text = text.into();
        let mut out = Vec::new();
        for p in &self.people {
            let Some(usual) = p
                .mentions
                .iter()
                .find(|m| flatten(&text.get(m.range())) == p.name)
            else {
                continue;
            };
            for (spelling, range) in &p.variants {
                out.push(Finding::new(
                    NAME_VARIANT,
                    Severity::Information,
                    format!("`{spelling}` is spelled `{}` elsewhere", p.name),
                    range.clone(),
                    vec![Related {
                        range: usual.range(),
                        message: format!("spelled `{}` here", p.name),
                    }],
                    vec![Fix {
                        title: format!("Spell it `{}`", p.name),
                        edits: vec![Edit {
                            range: range.clone(),
                            expected: text.get(range.clone()).into_owned(),
                            replacement: p.name.clone(),
                        }],
                        preferred: false,
                    }],
                ));
            }
        }
        out
    }
}

/// A 32-bit index or offset, as [`Entities`] keeps them.
fn index(i: usize) -> u32 {
    u32::try_from(i).expect("an index or article offset under 2^32")
}

/// A person's index (`tag` 0) or a figure's index in its article (`tag`
/// [`Span::FIGURE`]) as a [`Span`] keeps it.
fn entity(i: usize, tag: u32) -> u32 {
    let i = index(i);
    assert!(
        i & Span::FIGURE == 0,
        "fewer than 2^31 people or figures in an article"
    );
    i | tag
}

/// The groups of the figures (see [`Figure::group`]), and the group of each figure.
fn group_figures(figures: &[ArticleFigures], count: usize) -> (Vec<Group>, Vec<u32>) {
    let mut index_of: HashMap<(FigureKind, &str, u64), u32> = HashMap::new();
    let mut lists: Vec<(Vec<u32>, f64)> = Vec::new();
    let mut values: Vec<f64> = Vec::with_capacity(count);
    let mut group_of: Vec<u32> = Vec::with_capacity(count);
    // Where the figures sit does not matter here: they are read in place.
    for article in figures {
        for f in article.placed(0, 0) {
            let g = *index_of.entry(f.group()).or_insert_with(|| {
                lists.push((Vec::new(), 0.0));
                index(lists.len() - 1)
            });
            let list = &mut lists[g as usize];
            list.0.push(index(group_of.len()));
            list.1 = list.1.max(f.precision);
            group_of.push(g);
            values.push(f.value);
        }
    }
    let mut groups: Vec<Group> = lists
        .into_iter()
        .map(|(mut members, coarsest)| {
            members.sort_by(|&a, &b| values[a as usize].total_cmp(&values[b as usize]));
            Group {
                members: members.into_boxed_slice(),
                coarsest,
            }
        })
        .collect();
    // The collect reused the lists' bigger allocation.
    groups.shrink_to_fit();
    (groups, group_of)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Dump, Rules};

    const FIXTURE: &str = include_str!("../../tests/fixtures/entities-freedonia.newsdump");

    fn dump() -> Dump {
        Dump::analyse(FIXTURE, &Rules::default())
    }

    fn nth(needle: &str, n: usize) -> usize {
        FIXTURE.match_indices(needle).nth(n).expect("needle").0
    }

    #[test]
    fn a_scan_holds_wherever_its_article_sits() {
        let article = "Freedonian Trade Minister Rufus Tolliver said exports rose \
                       26.3 percent to $84.37 billion on May 16, 2024.\n\n\
                       Tolliver added that over $84 billion came from 12,000 farms.";
        // A long article before it, about other people and other figures.
        let mut before = String::from("Sylvanian Envoy Odile Varga arrived on Monday.\n\n");
        while before.len() < 200_000 {
            before += "Varga said 3,400 fishermen sailed, about 92% of the fleet.\n\n";
        }
        let text = format!("{before}{article}");
        let base = before.len();
        let alone_scan = ArticleEntities::scan(article);
        let alone = Entities::join(article.len(), &[(0, &alone_scan)]);
        let first = ArticleEntities::scan(before.trim_end());
        let second = ArticleEntities::scan(&text[base..]);
        let placed = Entities::join(text.len(), &[(0, &first), (base, &second)]);

        let shift = |r: &Range<usize>| r.start + base..r.end + base;
        let tolliver = |e: &Entities| {
            e.people
                .iter()
                .find(|p| p.name == "Rufus Tolliver")
                .expect("Tolliver")
                .clone()
        };
        let (a, b) = (tolliver(&alone), tolliver(&placed));
        assert_eq!(a.mentions.len(), 2);
        assert_eq!((&a.roles, &a.aliases), (&b.roles, &b.aliases));
        for (m, n) in a.mentions.iter().zip(&b.mentions) {
            assert_eq!(
                (shift(&m.range()), m.article() + 1),
                (n.range(), n.article())
            );
        }
        let tail: Vec<Figure> = placed.figures().filter(|f| f.article == 1).collect();
        assert_eq!(alone.figure_count(), 5);
        assert_eq!(tail.len(), alone.figure_count());
        for (f, g) in alone.figures().zip(tail) {
            assert_eq!(
                (shift(&f.range), &f.unit, f.value),
                (g.range.clone(), &g.unit, g.value)
            );
        }
        // Lookups answer at the shifted offsets.
        let at = article.find("$84.37").expect("figure");
        let (Some(EntityRef::Figure(i)), Some(EntityRef::Figure(j))) =
            (alone.at(at), placed.at(at + base))
        else {
            panic!("no figure under the cursor")
        };
        let related = |e: &Entities, i: usize| -> Vec<Range<usize>> {
            e.related(i)
                .iter()
                .map(|&k| e.figure(k).expect("related").range)
                .collect()
        };
        assert_eq!(related(&alone, i).len(), 1);
        let shifted: Vec<Range<usize>> = related(&alone, i).iter().map(shift).collect();
        assert_eq!(shifted, related(&placed, j));
    }

    #[test]
    fn lookups_across_articles_that_touch() {
        // Three articles back to back, the middle one without figures: the first ends
        // with a figure, right where the second starts.
        let parts = [
            "Exports reached $5 million",
            "Nothing counted here.",
            "It employs 12 workers.",
        ];
        let text = parts.concat();
        let scans: Vec<ArticleEntities> = parts.iter().map(|p| ArticleEntities::scan(p)).collect();
        let starts = [0, parts[0].len(), parts[0].len() + parts[1].len()];
        let placed: Vec<(usize, &ArticleEntities)> = starts.into_iter().zip(&scans).collect();
        let e = Entities::join(text.len(), &placed);

        let words: Vec<(&str, usize)> = e
            .figures()
            .map(|f| (&text[f.range.clone()], f.article))
            .collect();
        assert_eq!(words, [("$5 million", 0), ("12 workers", 2)]);
        assert_eq!(e.figure_count(), 2);
        assert_eq!(e.figure(1).map(|f| f.range.start), text.find("12"));
        assert_eq!(e.figure(2), None);
        // The cursor right after the first article's figure is the second's start.
        assert_eq!(
            e.mention_at(starts[1]),
            Some((EntityRef::Figure(0), text.find('$').unwrap()..starts[1]))
        );
        assert_eq!(e.at(starts[1] + 1), None);
        assert_eq!(
            e.at(text.find("workers").unwrap()),
            Some(EntityRef::Figure(1))
        );
        assert_eq!(e.at(text.len()), None);
        assert_eq!(Entities::join(0, &[]).at(0), None);
    }

    #[test]
    fn traps_are_not_people() {
        let d = dump();
        let names: Vec<&str> = d
            .entities(FIXTURE)
            .people
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        for trap in [
            "Global South",
            "Grand Hall",
            "Crimson Fan",
            "Lakeside Forum",
            "Grand Theatre",
        ] {
            assert!(
                !names.iter().any(|n| n.contains(trap)),
                "{trap} in {names:?}"
            );
        }
        assert!(names.contains(&"Hao Zhenyu") && names.contains(&"Odile Varga"));
    }

    #[test]
    fn lookups_by_offset() {
        let d = dump();
        let e = d
            .entities(FIXTURE)
            .at(nth("Tolliver’s", 0))
            .expect("person");
        let EntityRef::Person(i) = e else {
            panic!("not a person")
        };
        assert_eq!(d.entities(FIXTURE).people[i].name, "Rufus Tolliver");
        // The cursor right after the last letter still counts; the `’s` does not.
        let end = nth("Tolliver’s", 0) + "Tolliver".len();
        assert_eq!(d.entities(FIXTURE).at(end), Some(e));
        assert_eq!(d.entities(FIXTURE).at(end + "’s".len()), None);
        let occ = d.entities(FIXTURE).occurrences(e);
        assert_eq!(occ.len(), 4);
        assert!(occ.iter().all(|r| FIXTURE[r.clone()].ends_with("Tolliver")));
        assert_eq!(d.entities(FIXTURE).definition(e), Some(occ[0].clone()));
        assert_eq!(d.entities(FIXTURE).at(0), None);
    }

    #[test]
    fn interview_labels_are_mentions() {
        let d = dump();
        let e = d.entities(FIXTURE).at(nth("Hao:", 0)).expect("label");
        let def = d.entities(FIXTURE).definition(e).expect("definition");
        assert_eq!(&FIXTURE[def], "Hao Zhenyu");
    }

    #[test]
    fn related_figures_and_name_variants() {
        let d = dump();
        let e = d.entities(FIXTURE).at(nth("$84.37", 0)).expect("figure");
        let words: Vec<&str> = d
            .entities(FIXTURE)
            .occurrences(e)
            .iter()
            .map(|r| &FIXTURE[r.clone()])
            .collect();
        assert_eq!(
            words,
            ["$84.37 billion", "over $84 billion", "$84.4 billion"]
        );
        let pct = d.entities(FIXTURE).at(nth("about 92", 0)).expect("figure");
        assert_eq!(d.entities(FIXTURE).occurrences(pct).len(), 2);
        let all = d.all_findings(FIXTURE);
        let variants: Vec<&Finding> = all.iter().filter(|f| f.code == "name-variant").collect();
        assert_eq!(variants.len(), 1);
        assert_eq!(&FIXTURE[variants[0].range()], "Anatoli Brusnikin");
        assert_eq!(
            &FIXTURE[variants[0].related().next().expect("related").0],
            "Anatoly Brusnikin"
        );
        assert_eq!(variants[0].severity, Severity::Information);
        // The file-wide fix-all reads the articles' own findings alone, without the
        // join: it relies on this.
        assert!(variants[0].fixes().all(|f| !f.preferred));
    }
}
