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
pub mod people;
pub mod rules;
pub mod text;
pub mod turns;

pub use articles::{Article, Block, BlockKind};
pub use entities::{Entities, EntityRef};
pub use findings::{Finding, Severity};
pub use rules::{RulePatterns, Rules};
pub use text::LineIndex;

/// Everything the analysis knows about one text.
#[derive(Debug, Clone)]
pub struct Dump {
    pub lines: LineIndex,
    pub articles: Vec<Article>,
    /// Diagnostics-to-be, in document order.
    pub findings: Vec<Finding>,
    pub entities: Entities,
}

impl Dump {
    pub fn analyse(text: &str, rules: &Rules) -> Dump {
        let lines = LineIndex::new(text);
        let articles = articles::articles(text, &lines, rules);
        let (entities, mut findings) = std::thread::scope(|scope| {
            let captions = scope.spawn(|| duplicates::findings(text, &lines, &articles, rules));
            let entities = Entities::build(text, &articles);
            (
                entities,
                captions.join().expect("caption comparison panicked"),
            )
        });
        findings.extend(entities.name_variants(text));
        findings.sort_by_key(|f| f.range.start);
        Dump {
            lines,
            articles,
            findings,
            entities,
        }
    }

    /// Articles only: no findings, no people or figures. For files too big to analyse
    /// on every keystroke.
    pub fn outline_only(text: &str, rules: &Rules) -> Dump {
        let lines = LineIndex::new(text);
        let articles = articles::articles(text, &lines, rules);
        Dump {
            lines,
            articles,
            findings: Vec::new(),
            entities: Entities::default(),
        }
    }
}
