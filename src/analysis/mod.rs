//! The analysis of a news dump: plain Rust over text, byte offsets only, no protocol
//! types. The server and the command line both call into this.

pub mod articles;
pub mod captions;
pub mod describe;
pub mod duplicates;
pub mod entities;
mod fast_hash;
pub mod figures;
pub mod findings;
mod gazetteer;
pub mod headlines;
mod layout;
pub mod people;
pub mod rules;
pub mod text;
pub mod turns;

pub use articles::{Article, Block, BlockKind};
pub use entities::{Entities, EntityRef};
pub use findings::{Finding, Severity};
use layout::Layout;
pub use rules::{RulePatterns, Rules};
pub use text::{LineIndex, Splice};

/// Everything the analysis knows about one text.
#[derive(Debug, Clone)]
pub struct Dump {
    pub lines: LineIndex,
    pub articles: Vec<Article>,
    /// Diagnostics-to-be, in document order.
    pub findings: Vec<Finding>,
    pub entities: Entities,
    /// Paragraphs and what the headline rules know of them, for [`Dump::update`].
    layout: Layout,
}

impl Dump {
    pub fn analyse(text: &str, rules: &Rules) -> Dump {
        let lines = LineIndex::new(text);
        let (layout, articles) = Layout::new(text, &lines, rules);
        let mut dump = Dump {
            lines,
            articles,
            findings: Vec::new(),
            entities: Entities::default(),
            layout,
        };
        dump.join(text, rules);
        dump
    }

    /// The analysis of `text`, which `splice` made from the text `self` analysed, with
    /// the same rules. Only what the splice can reach is analysed again.
    pub fn update(&mut self, text: &str, splice: Splice, rules: &Rules) {
        let old_lines = self.lines.line_count() as isize;
        self.lines.splice(text, splice);
        let line_delta = self.lines.line_count() as isize - old_lines;
        let changed = self
            .layout
            .update(text, &self.lines, splice, line_delta, rules);
        let bytes = splice.new_end as isize - splice.old_end as isize;
        if bytes != 0 || line_delta != 0 {
            for a in &mut self.articles[changed.old.end..] {
                layout::shift(a, bytes, line_delta);
            }
        }
        self.articles.splice(changed.old, changed.new);
        self.join(text, rules);
    }

    /// The findings and entities of the whole dump, from its articles.
    fn join(&mut self, text: &str, rules: &Rules) {
        let (lines, articles) = (&self.lines, &self.articles);
        let (entities, mut findings) = std::thread::scope(|scope| {
            let captions = scope.spawn(|| duplicates::findings(text, lines, articles, rules));
            let entities = Entities::build(text, articles);
            (
                entities,
                captions.join().expect("caption comparison panicked"),
            )
        });
        findings.extend(entities.name_variants(text));
        findings.sort_by_key(|f| f.range.start);
        self.findings = findings;
        self.entities = entities;
    }

    /// Articles only: no findings, no people or figures. For files too big to analyse
    /// on every keystroke.
    pub fn outline_only(text: &str, rules: &Rules) -> Dump {
        let lines = LineIndex::new(text);
        let (layout, articles) = Layout::new(text, &lines, rules);
        Dump {
            lines,
            articles,
            findings: Vec::new(),
            entities: Entities::default(),
            layout,
        }
    }
}
