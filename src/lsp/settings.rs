//! The server's settings, from `initializationOptions` or
//! `workspace/didChangeConfiguration` (either bare or under a `newsdump` key).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::analysis::{RulePatterns, Severity};

/// A severity as the user writes it in the settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    #[serde(alias = "information")]
    Info,
    Hint,
    Off,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// Extra regexes for caption credits.
    pub caption_credits: Vec<String>,
    /// A regex: one-line paragraphs that match are headlines.
    pub headline_pattern: Option<String>,
    /// A regex: paragraphs that match are never headlines.
    pub not_headline_pattern: Option<String>,
    /// Severity per diagnostic code (`"duplicate-caption": "off"`).
    pub severity: BTreeMap<String, Level>,
    /// Above this size (in MB) a document gets an outline only.
    pub max_file_size_mb: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            caption_credits: Vec::new(),
            headline_pattern: None,
            not_headline_pattern: None,
            severity: BTreeMap::new(),
            max_file_size_mb: 64.0,
        }
    }
}

impl Settings {
    /// Reads settings from a JSON value; unknown keys are ignored, and a value of the
    /// wrong shape is an error to show the user.
    pub fn from_json(value: &Value) -> Result<Settings, String> {
        Settings::default().updated(value)
    }

    /// These settings with the keys `value` gives replaced: a client that sends only
    /// some keys (or none, or `null`) keeps the rest, including what came with
    /// `initializationOptions`.
    pub fn updated(&self, value: &Value) -> Result<Settings, String> {
        let value = value.get("newsdump").unwrap_or(value);
        let changes = match value {
            Value::Null => return Ok(self.clone()),
            Value::Object(changes) => changes,
            _ => return Err("newsdump settings ignored: expected an object".to_string()),
        };
        let mut merged = serde_json::to_value(self).expect("settings are plain JSON");
        for (key, v) in changes {
            merged[key] = v.clone();
        }
        Settings::deserialize(merged).map_err(|e| format!("newsdump settings ignored: {e}"))
    }

    /// The severity to publish a finding with, or `None` when its code is turned off.
    pub fn severity(&self, code: &str, default: Severity) -> Option<Severity> {
        match self.severity.get(code) {
            None => Some(default),
            Some(Level::Error) => Some(Severity::Error),
            Some(Level::Warning) => Some(Severity::Warning),
            Some(Level::Info) => Some(Severity::Information),
            Some(Level::Hint) => Some(Severity::Hint),
            Some(Level::Off) => None,
        }
    }

    /// The size limit in bytes.
    pub fn max_file_size(&self) -> usize {
        (self.max_file_size_mb.max(0.0) * 1_048_576.0) as usize
    }

    pub fn rule_patterns(&self) -> RulePatterns {
        RulePatterns {
            extra_credits: self.caption_credits.clone(),
            headline: self.headline_pattern.clone(),
            not_headline: self.not_headline_pattern.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_bare_and_nested_settings() {
        let bare = json!({"captionCredits": ["Foto: .*"], "headlinePattern": "^Live:"});
        let nested = json!({"newsdump": bare.clone()});
        let a = Settings::from_json(&bare).unwrap();
        assert_eq!(a, Settings::from_json(&nested).unwrap());
        assert_eq!(a.caption_credits, ["Foto: .*"]);
        assert_eq!(a.headline_pattern.as_deref(), Some("^Live:"));
        assert_eq!(
            Settings::from_json(&Value::Null).unwrap(),
            Settings::default()
        );
    }

    #[test]
    fn severity_per_code() {
        let s =
            Settings::from_json(&json!({"severity": {"a": "off", "b": "information"}})).unwrap();
        assert_eq!(s.severity("a", Severity::Warning), None);
        assert_eq!(
            s.severity("b", Severity::Warning),
            Some(Severity::Information)
        );
        assert_eq!(s.severity("c", Severity::Hint), Some(Severity::Hint));
        assert!(Settings::from_json(&json!({"severity": {"a": "loud"}})).is_err());
    }

    #[test]
    fn updates_keep_what_they_do_not_name() {
        let start = Settings::from_json(&json!({"captionCredits": ["Foto: .*"]})).unwrap();
        let same = start.updated(&Value::Null).unwrap();
        assert_eq!(same, start);
        let more = start
            .updated(&json!({"newsdump": {"headlinePattern": "^Live:"}}))
            .unwrap();
        assert_eq!(more.caption_credits, ["Foto: .*"]);
        assert_eq!(more.headline_pattern.as_deref(), Some("^Live:"));
        assert!(start.updated(&json!(3)).is_err());
    }

    #[test]
    fn wrong_shape_is_an_error() {
        let err = Settings::from_json(&json!({"captionCredits": "not a list"})).unwrap_err();
        assert!(err.contains("newsdump settings"), "{err}");
    }
}
