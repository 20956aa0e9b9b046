//! Caption recognition: paragraphs that describe the photo or illustration above an
//! article body. They are recognised by their credit (`Photo: Xinhua`,
//! `[Photo provided to China Daily]`, `Illustration: Liu Rui/GT`, ...).

use regex::Regex;
use std::sync::LazyLock;

use super::rules::Rules;

/// Credits that end a caption, or make up a credit-only caption.
static CREDIT_AT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?:
            # Photo: Xinhua / Photos: VCG / Illustration: Liu Rui/GT / Photo: Courtesy of ...
            \b(?:Photo|Photos|Illustration|Graphic|Graphics|Image|Images|Cartoon|Chart|Infographic)
              \s*:\s*[^.:!?]{1,80}
          | # [Photo provided to China Daily], [Photo/Agencies], [Photo/chinadaily.com.cn]
            \[\s*(?:Photo|Photos|Image|Video|Illustration)\b[^\]]{0,80}\]
          | # WANG XIAOYING/CHINA DAILY, FENG YONGBIN/CHINA DAILY
            \b\p{Lu}[\p{Lu}\s'-]{2,40}/\s*CHINA\s+DAILY
          | # (PHOTOGRAPH BY JOHN DOE/AGENCY)
            \(\s*PHOTO(?:GRAPH)?S?\s+BY\b[^)]{1,80}\)
        )
        \s*$",
    )
    .expect("caption credit regex")
});

/// Forms that open a caption.
static CREDIT_AT_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:PHOTO|FILE PHOTO|FILE|\(FILES?\))\s*:?\s*\S").expect("caption start regex")
});

/// True when `flat` (a flattened paragraph) is a caption.
pub fn is_caption(flat: &str, rules: &Rules) -> bool {
    if flat.len() > 600 {
        return false;
    }
    CREDIT_AT_END.is_match(flat)
        || CREDIT_AT_START.is_match(flat)
        || rules.extra_credits.iter().any(|r| r.is_match(flat))
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
            "Grilled fish with kale.\u{a0}[Photo provided to China Daily]",
            "Rescuers search the rubble. [Photo/Agencies]",
            "A lantern fair in the old town. [Photo/chinadaily.com.cn]",
            "LI MIN/CHINA DAILY",
            "PHOTO: Fans wait outside the stadium (PHOTOGRAPH BY JANE ROE/NEWS AGENCY)",
            "Ambassador Wen Li. Photo: Courtesy of the embassy",
        ] {
            assert!(caption(s), "{s}");
        }
    }

    #[test]
    fn body_text_is_not_a_caption() {
        for s in [
            "The photo exhibition opens on Monday and runs for two weeks.",
            "Trade with China mainly settled in yuan, rubles: Russian deputy PM",
            "GT: What are your expectations for the visit?",
        ] {
            assert!(!caption(s), "{s}");
        }
    }

    #[test]
    fn extra_credit_patterns_from_settings_apply() {
        let (rules, _) = Rules::compile(&super::super::rules::RulePatterns {
            extra_credits: vec![r"Foto: \S+$".into()],
            ..Default::default()
        });
        assert!(is_caption("Ein Bild. Foto: dpa", &rules));
    }
}
