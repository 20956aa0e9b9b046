//! People and figures of a dump, built once per analysis, with an index so that the
//! lookups an editor makes (what is under the cursor, where else it occurs, where it is
//! introduced, which figures relate) never rescan the text.

use std::collections::HashMap;
use std::ops::Range;

use super::figures::{self, Figure, FigureKind, compatible};
use super::findings::{Edit, Finding, Fix, Related, Severity};
use super::people::{self, PeopleScan, Person};
use super::text::flatten;

/// What one article contributes: people occurrences and figures, offsets relative to
/// the article start, so that it stays valid wherever the article moves.
#[derive(Debug, Clone, Default)]
pub struct ArticleEntities {
    people: PeopleScan,
    figures: Vec<Figure>,
}

impl ArticleEntities {
    /// Scans one article's text: `&text[article.range()]`. Depends on nothing else.
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
    /// Index into [`Entities::figures`].
    Figure(usize),
}

#[derive(Debug, Clone, Default)]
pub struct Entities {
    pub people: Vec<Person>,
    /// In document order.
    pub figures: Vec<Figure>,
    /// Every mention and figure, sorted by start, none overlapping.
    spans: Vec<(Range<usize>, EntityRef)>,
    groups: Groups,
}

/// Figures that may relate, by [`Figure::group`]: indices sorted by value, and the
/// coarsest precision among them (which bounds how far apart related values lie).
type Groups = HashMap<(FigureKind, String), (Vec<usize>, f64)>;

/// The code of the finding at a spelling of a name other than the usual one.
pub const NAME_VARIANT: &str = "name-variant";

impl Entities {
    /// Joins per-article scans: `articles[i] = (byte offset where article i starts in
    /// text, its scan)`, ascending by offset. Produces absolute offsets;
    /// [`people::Mention::article`] and [`Figure::article`] are `i`. `text_len` is the
    /// length of the whole text, where the last article ends.
    pub fn join(text_len: usize, articles: &[(usize, &ArticleEntities)]) -> Entities {
        let scans: Vec<(usize, &PeopleScan)> =
            articles.iter().map(|&(at, a)| (at, &a.people)).collect();
        // Linking people and placing figures are independent; people take longer.
        let ((people, mentions), (figures, groups)) = std::thread::scope(|scope| {
            let figures = scope.spawn(|| place_figures(articles));
            let people = people::link(&scans, text_len);
            (people, figures.join().expect("placing figures panicked"))
        });
        // Both lists are in document order: merge them as a sort by start, longest
        // first, people before figures would order them, and keep what does not
        // overlap what is kept before it.
        let mut spans: Vec<(Range<usize>, EntityRef)> =
            Vec::with_capacity(mentions.len() + figures.len());
        let mut mentions = mentions.into_iter().peekable();
        let mut numbered = figures.iter().enumerate().peekable();
        loop {
            let order = |r: &Range<usize>| (r.start, std::cmp::Reverse(r.end));
            let span = match (mentions.peek(), numbered.peek()) {
                (Some((m, _)), Some((_, f))) if order(m) > order(&f.range) => numbered
                    .next()
                    .map(|(i, f)| (f.range.clone(), EntityRef::Figure(i))),
                (Some(_), _) => mentions.next().map(|(r, i)| (r, EntityRef::Person(i))),
                (None, _) => numbered
                    .next()
                    .map(|(i, f)| (f.range.clone(), EntityRef::Figure(i))),
            };
            let Some(span) = span else {
                break;
            };
            if spans.last().is_none_or(|(r, _)| r.end <= span.0.start) {
                spans.push(span);
            }
        }
        Entities {
            people,
            figures,
            spans,
            groups,
        }
    }

    /// The entity whose mention holds `offset` (or ends right at it, as a cursor after
    /// the last letter does).
    pub fn at(&self, offset: usize) -> Option<EntityRef> {
        self.mention_at(offset).map(|(e, _)| e)
    }

    /// Like [`Entities::at`], with the range of the mention the offset is in.
    pub fn mention_at(&self, offset: usize) -> Option<(EntityRef, Range<usize>)> {
        let after = self.spans.partition_point(|(r, _)| r.start <= offset);
        let (range, e) = self.spans.get(after.checked_sub(1)?)?;
        (offset <= range.end).then(|| (*e, range.clone()))
    }

    /// The ranges that belong together with `e`: every mention of a person (aliases
    /// included), or a figure with its related figures; in document order.
    pub fn occurrences(&self, e: EntityRef) -> Vec<Range<usize>> {
        match e {
            EntityRef::Person(i) => self
                .people
                .get(i)
                .map(|p| p.mentions.iter().map(|m| m.range.clone()).collect())
                .unwrap_or_default(),
            EntityRef::Figure(i) => {
                let Some(f) = self.figures.get(i) else {
                    return Vec::new();
                };
                let mut out: Vec<Range<usize>> = self
                    .related(i)
                    .into_iter()
                    .map(|j| self.figures[j].range.clone())
                    .collect();
                out.push(f.range.clone());
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
                Some(p.mentions.get(p.definition)?.range.clone())
            }
            EntityRef::Figure(i) => Some(self.figures.get(i)?.range.clone()),
        }
    }

    /// The figures related to figure `i` (same kind and unit, compatible value), in
    /// document order, `i` itself left out.
    pub fn related(&self, i: usize) -> Vec<usize> {
        let Some(f) = self.figures.get(i) else {
            return Vec::new();
        };
        let Some((members, coarsest)) = self.groups.get(&f.group()) else {
            return Vec::new();
        };
        // Compatible values are less than the coarser precision apart, and every
        // qualifier's range is that wide; dates are grouped by day already.
        let reach = if f.kind == FigureKind::Date {
            f64::INFINITY
        } else {
            f.precision.max(*coarsest)
        };
        let lo = members.partition_point(|&j| self.figures[j].value < f.value - reach);
        let hi = members.partition_point(|&j| self.figures[j].value <= f.value + reach);
        let mut out: Vec<usize> = members[lo..hi]
            .iter()
            .copied()
            .filter(|&j| j != i && compatible(f, &self.figures[j]))
            .collect();
        out.sort_unstable();
        out
    }

    /// A `name-variant` finding at the first mention of each spelling of a person's name
    /// other than the usual one, pointing at the usual one.
    pub fn name_variants(&self, text: &str) -> Vec<Finding> {
        let mut out = Vec::new();
        for p in &self.people {
            let Some(usual) = p
                .mentions
                .iter()
                .find(|m| flatten(&text[m.range.clone()]) == p.name)
            else {
                continue;
            };
            for (spelling, range) in &p.variants {
                out.push(Finding {
                    code: NAME_VARIANT,
                    severity: Severity::Information,
                    message: format!("`{spelling}` is spelled `{}` elsewhere", p.name),
                    range: range.clone(),
                    related: vec![Related {
                        range: usual.range.clone(),
                        message: format!("spelled `{}` here", p.name),
                    }],
                    fixes: vec![Fix {
                        title: format!("Spell it `{}`", p.name),
                        edits: vec![Edit {
                            range: range.clone(),
                            expected: text[range.clone()].to_string(),
                            replacement: p.name.clone(),
                        }],
                        preferred: false,
                    }],
                });
            }
        }
        out
    }
}

/// The figures of the articles in absolute offsets, with their groups.
fn place_figures(articles: &[(usize, &ArticleEntities)]) -> (Vec<Figure>, Groups) {
    let mut figures: Vec<Figure> =
        Vec::with_capacity(articles.iter().map(|(_, a)| a.figures.len()).sum());
    for (i, &(at, a)) in articles.iter().enumerate() {
        figures.extend(a.figures.iter().map(|f| Figure {
            range: at + f.range.start..at + f.range.end,
            article: i,
            ..f.clone()
        }));
    }
    // Grouped under borrowed keys; each group's own key is made once, at the end.
    let mut index: HashMap<(FigureKind, &str, u64), usize> = HashMap::new();
    let mut lists: Vec<(Vec<usize>, f64)> = Vec::new();
    for (i, f) in figures.iter().enumerate() {
        let g = *index.entry(f.group_parts()).or_insert_with(|| {
            lists.push((Vec::new(), 0.0));
            lists.len() - 1
        });
        lists[g].0.push(i);
        lists[g].1 = lists[g].1.max(f.precision);
    }
    let groups = lists
        .into_iter()
        .map(|(mut members, coarsest)| {
            members.sort_by(|&a, &b| figures[a].value.total_cmp(&figures[b].value));
            (figures[members[0]].group(), (members, coarsest))
        })
        .collect();
    (figures, groups)
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
                (shift(&m.range), m.article + 1),
                (n.range.clone(), n.article)
            );
        }
        let tail: Vec<&Figure> = placed.figures.iter().filter(|f| f.article == 1).collect();
        assert_eq!(alone.figures.len(), 5);
        assert_eq!(tail.len(), alone.figures.len());
        for (f, g) in alone.figures.iter().zip(tail) {
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
                .map(|&k| e.figures[k].range.clone())
                .collect()
        };
        assert_eq!(related(&alone, i).len(), 1);
        let shifted: Vec<Range<usize>> = related(&alone, i).iter().map(shift).collect();
        assert_eq!(shifted, related(&placed, j));
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
        assert_eq!(&FIXTURE[variants[0].range.clone()], "Anatoli Brusnikin");
        assert_eq!(
            &FIXTURE[variants[0].related[0].range.clone()],
            "Anatoly Brusnikin"
        );
        assert_eq!(variants[0].severity, Severity::Information);
    }
}
