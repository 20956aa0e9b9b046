//! The user-adjustable parts of the analysis: extra caption credits and headline
//! patterns, given as regexes in the settings. Compiling them is the only step that can
//! fail; a bad pattern is reported and left out, the rest still apply.

use regex::Regex;

#[derive(Debug, Clone, Default)]
pub struct Rules {
    /// A paragraph matching any of these is a caption (on top of the built-in credits).
    pub extra_credits: Vec<Regex>,
    /// A one-line paragraph matching this is always a headline.
    pub headline: Option<Regex>,
    /// A paragraph matching this is never a headline.
    pub not_headline: Option<Regex>,
}

/// Patterns as the user wrote them, before compiling.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RulePatterns {
    pub extra_credits: Vec<String>,
    pub headline: Option<String>,
    pub not_headline: Option<String>,
}

impl Rules {
    /// Compiles the patterns. Returns the rules that compiled and one message per
    /// pattern that did not.
    pub fn compile(patterns: &RulePatterns) -> (Rules, Vec<String>) {
        let mut errors = Vec::new();
        let mut compile = |what: &str, p: &str| match Regex::new(p) {
            Ok(r) => Some(r),
            Err(e) => {
                errors.push(format!(
                    "{what} pattern `{p}` is not a valid regex, ignored: {e}"
                ));
                None
            }
        };
        let extra_credits = patterns
            .extra_credits
            .iter()
            .filter_map(|p| compile("caption credit", p))
            .collect();
        let headline = patterns
            .headline
            .as_deref()
            .and_then(|p| compile("headline", p));
        let not_headline = patterns
            .not_headline
            .as_deref()
            .and_then(|p| compile("not-headline", p));
        (
            Rules {
                extra_credits,
                headline,
                not_headline,
            },
            errors,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_patterns_are_reported_and_dropped() {
        let (rules, errors) = Rules::compile(&RulePatterns {
            extra_credits: vec!["Foto: .*".into(), "(".into()],
            headline: Some("[".into()),
            not_headline: Some("^Live:".into()),
        });
        assert_eq!(rules.extra_credits.len(), 1);
        assert!(rules.headline.is_none());
        assert!(rules.not_headline.is_some());
        assert_eq!(errors.len(), 2);
        assert!(errors[0].contains("`(`"), "{errors:?}");
    }
}
