//! Caption recognition: paragraphs that describe the photo or illustration above (or
//! inside) an article body. They are recognised by their credit (`Photo: Xinhua`,
//! `[Photo provided to China Daily]`, `Illustration: Liu Rui/GT`, `JIN DING/CHINA DAILY`,
//! `... in Lahore on Sunday. AFP`, ...), at the end or, for the `PHOTO: ...` form, at the
//! start. Recognition works on the flattened paragraph, so a hard-wrapped caption is one
//! caption.

use regex::Regex;

use crate::thread_regex::ThreadRegex;

use super::rules::Rules;

/// Scraper debris that trails some paragraphs: a literal `\n"` left from JSON escaping.
static TRAILING_DEBRIS: ThreadRegex =
    ThreadRegex::new(|| Regex::new(r#"(?:\s*\\n"?)+\s*$"#).expect("debris regex"));

/// Credits that end a caption, or make up a credit-only caption. The match starts where
/// the credit starts, or just before it (white space, the end of the sentence before).
/// Repetitions are unbounded, which keeps the automaton small and fast;
/// [`MAX_CREDIT_CHARS`] bounds the credit instead.
static CREDIT_AT_END: ThreadRegex = ThreadRegex::new(|| {
    Regex::new(
        r#"(?x)
        (?:
            # Photo: Xinhua / Photos: VCG / Illustration: Liu Rui/GT / Photo: Courtesy of ...
            (?-u:\b)(?:Photo|Photos|Photograph|Illustration|Graphic|Graphics|Image|Images|Cartoon|Chart|Infographic)
              \s*:\s*[^.:!?]+
          | # Photo provided to China Daily / Photo by Li Min
            (?-u:\b)Photos?\s+(?:provided\s+(?:to|by)|by|courtesy\s+of)\s+[^.:!?]+
          | # [Photo provided to China Daily], [Photo/Agencies], [Photo by Li Min/chinadaily.com.cn]
            \[\s*(?:Photo|Photos|Image|Images|Illustration|Provided)(?-u:\b)[^\]]*\]
          | # [WANG ZHUANGFEI/CHINA DAILY]
            \[\s*\p{Lu}[^\]/]*/[^\]]+\]
          | # WANG XIAOYING/CHINA DAILY, BANARAS KHAN/AFP, WANG YE / XINHUA, MA ZHAO/FOR CHINA DAILY
            (?:^|[\s.!?)\]"”])\s*
            \p{Lu}[\p{Lu}\d&'-]*(?:\s+\p{Lu}[\p{Lu}\d&'-]*)*
            (?:\s*/\s*(?:FOR\s+)?\p{Lu}[\p{Lu}\d&'.-]*(?:\s+\p{Lu}[\p{Lu}\d&'.-]*)*)+
          | # ... on Sunday. AFP  (an agency alone, after a finished sentence)
            (?:^|[.!?)\]"”])\s*
            (?:XINHUA|AP|AFP|REUTERS|VCG|EPA|IC|CNS|CFP|GETTY\s+IMAGES|BLOOMBERG|ASSOCIATED\s+PRESS)
          | # (PHOTOGRAPH BY JOHN DOE/AGENCY)
            \(\s*PHOTO(?:GRAPH)?S?\s+BY(?-u:\b)[^)]+\)
        )
        \s*$"#,
    )
    .expect("caption credit regex")
});

/// Forms that open a caption: `PHOTO: ...`, `FILE PHOTO: ...`, `(FILES) ...`.
static CREDIT_AT_START: ThreadRegex = ThreadRegex::new(|| {
    Regex::new(r"^(?:(?:FILE\s+)?PHOTOS?\s*:|\(FILES?\)|FILE\s*:)\s*").expect("caption start regex")
});

/// A credit is a name or two and an outlet; anything longer is text.
const MAX_CREDIT_CHARS: usize = 120;

/// Longer paragraphs are body text even when they end with a credit-like phrase.
const MAX_CAPTION_LEN: usize = 700;

/// True when `flat` (a flattened paragraph) is a caption.
pub fn is_caption(flat: &str, rules: &Rules) -> bool {
    if flat.len() > MAX_CAPTION_LEN {
        return false;
    }
    let s = without_debris(flat);
    end_credit(s).is_some()
        || CREDIT_AT_START.is_match(s)
        || rules.extra_credits.iter().any(|r| r.is_match(flat))
}

/// A caption cut into what it says and who it credits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaptionParts<'a> {
    /// The caption without its credit, trimmed; empty for a credit-only caption.
    pub description: &'a str,
    /// The credit (`Photo: Xinhua`, `[Photo/Agencies]`), trimmed; empty when none is
    /// recognised.
    pub credit: &'a str,
}

/// Splits a flattened caption into description and credit. Two photos that share a
/// credit are told apart by their descriptions.
pub fn split_credit<'a>(flat: &'a str, rules: &Rules) -> CaptionParts<'a> {
    let s = without_debris(flat);
    let (s, opening) = match CREDIT_AT_START.find(s) {
        Some(m) => (&s[m.end()..], &s[..m.end()]),
        None => (s, ""),
    };
    let end_credit = CREDIT_AT_END
        .find(s)
        .map(|m| credit_start(s, m.start()))
        .or_else(|| {
            rules
                .extra_credits
                .iter()
                .filter_map(|r| r.find(s))
                .find(|m| m.end() == s.len())
                .map(|m| m.start())
        });
    match end_credit {
        Some(at) => CaptionParts {
            description: str::trim(&s[..at]),
            credit: str::trim(&s[at..]),
        },
        None => CaptionParts {
            description: s.trim(),
            credit: opening.trim(),
        },
    }
}

/// Where the built-in credit at the end of `s` starts.
fn end_credit(s: &str) -> Option<usize> {
    let at = credit_start(s, CREDIT_AT_END.find(s)?.start());
    (s[at..].chars().count() <= MAX_CREDIT_CHARS).then_some(at)
}

fn without_debris(flat: &str) -> &str {
    match TRAILING_DEBRIS.find(flat) {
        Some(m) => &flat[..m.start()],
        None => flat,
    }
}

/// Where the credit proper starts in a match that may begin with the end of the
/// sentence before it (`. AFP`, `) WANG YE/XINHUA`).
fn credit_start(s: &str, at: usize) -> usize {
    let credit = s[at..].trim_start_matches(|c: char| c.is_whitespace() || ".!?)]\"”".contains(c));
    s.len() - credit.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caption(s: &str) -> bool {
        is_caption(s, &Rules::default())
    }

    #[test]
    fn credit_forms_are_captions() {
        for s in [
            "Two leaders meet the press in the capital. Photo: Xinhua",
            "The old bridge at dusk. Photos: VCG",
            "Illustration: Ma Lin/GT",
            "Europe deeply divided Illustration: Ma Lin/GT",
            "Grilled fish with kale. [Photo provided to China Daily]",
            "Rescuers search the rubble. [Photo/Agencies]",
            "A lantern fair in the old town. [Photo/chinadaily.com.cn]",
            "A lantern fair in the old town.[Photo/Xinhua]",
            "Farmers in the tea garden. [Photo by Li Qin/chinadaily.com.cn]",
            "The mayor opens the fair. [LI MIN/CHINA DAILY]",
            "LI MIN/CHINA DAILY",
            "DU YAN/FOR CHINA DAILY",
            "Harvest in the hills. LIU NA / XINHUA",
            "A skier at the finish line. TOM KAY/AFP",
            "A skier at the finish line. AP",
            "A skier at the finish line. REUTERS \\n\"",
            "A new car at the show. PHOTO/CHINA DAILY",
            "The pavilion at the expo. Photo provided to China Daily",
            "PHOTO: Fans wait outside the stadium (PHOTOGRAPH BY JANE ROE/NEWS AGENCY)",
            "PHOTO:  (PHOTOGRAPH BY Jane Roe for The Daily Planet FOR THE DAILY PLANET)",
            "(FILES) Two ministers walk outside the hall on March 3.",
            "Ambassador Wen Li. Photo: Courtesy of the embassy",
            "Ministers at the summit in Rome. Photograph: Ana Ruiz/EPA",
        ] {
            assert!(caption(s), "{s}");
        }
    }

    #[test]
    fn body_text_is_not_a_caption() {
        for s in [
            "The photo exhibition opens on Monday and runs for two weeks.",
            "Ferry trade with the islands mainly settled in euros: deputy minister",
            "GT: What are your expectations for the visit?",
            "The city council met on Monday. The vote is due in May.",
            "He said the plan was approved by the WHO and the UN.",
            "Prices rose sharply, according to AP",
            "PHOTOGRAPHY is a hobby for many retirees, the survey found.",
            "[Video: Watch on YouTube.]",
        ] {
            assert!(!caption(s), "{s}");
        }
    }

    #[test]
    fn long_paragraphs_are_not_captions() {
        let long = format!("{} Photo: Xinhua", "Word ".repeat(200));
        assert!(!caption(&long));
    }

    #[test]
    fn extra_credit_patterns_from_settings_apply() {
        let (rules, _) = Rules::compile(&super::super::rules::RulePatterns {
            extra_credits: vec![r"Foto: \S+$".into()],
            ..Default::default()
        });
        assert!(is_caption("Ein Bild. Foto: dpa", &rules));
        let parts = split_credit("Ein Bild. Foto: dpa", &rules);
        assert_eq!(parts.description, "Ein Bild.");
        assert_eq!(parts.credit, "Foto: dpa");
    }

    #[test]
    fn split_separates_description_and_credit() {
        let rules = Rules::default();
        let cases = [
            (
                "Two leaders meet the press. Photo: Xinhua",
                "Two leaders meet the press.",
                "Photo: Xinhua",
            ),
            (
                "A skier at the finish line. TOM KAY/AFP",
                "A skier at the finish line.",
                "TOM KAY/AFP",
            ),
            (
                "A skier at the finish line. AP \\n\"",
                "A skier at the finish line.",
                "AP",
            ),
            ("Illustration: Ma Lin/GT", "", "Illustration: Ma Lin/GT"),
            (
                "PHOTO: Fans wait outside (PHOTOGRAPH BY JANE ROE/AGENCY)",
                "Fans wait outside",
                "(PHOTOGRAPH BY JANE ROE/AGENCY)",
            ),
            ("Plain words", "Plain words", ""),
        ];
        for (flat, description, credit) in cases {
            let parts = split_credit(flat, &rules);
            assert_eq!((parts.description, parts.credit), (description, credit));
        }
    }
}
