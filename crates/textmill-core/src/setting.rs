//! Checking settings when a stage is built: one error type for every stage's config, naming the
//! setting by its path in `PipelineConfig` (`summarizer.redundancy`).

/// A setting out of its range: which one, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingError {
    /// The setting's name, or its dotted path in an enclosing config.
    pub setting: String,
    /// What is wrong with its value.
    pub reason: String,
}

impl SettingError {
    /// An error for `setting`.
    pub fn new(setting: impl Into<String>, reason: impl Into<String>) -> Self {
        SettingError {
            setting: setting.into(),
            reason: reason.into(),
        }
    }

    /// The same error named from an enclosing config: `text.prose_min_words` within
    /// `boilerplate` is `boilerplate.text.prose_min_words`.
    pub fn within(self, parent: &str) -> Self {
        SettingError {
            setting: format!("{parent}.{}", self.setting),
            reason: self.reason,
        }
    }
}

impl std::fmt::Display for SettingError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.setting, self.reason)
    }
}

impl std::error::Error for SettingError {}

/// `value` must lie in `[0, 1]`.
pub fn check_share(setting: &str, value: f64) -> Result<(), SettingError> {
    if (0.0..=1.0).contains(&value) {
        Ok(())
    } else {
        Err(SettingError::new(
            setting,
            format!("must lie in [0, 1], not {value}"),
        ))
    }
}

/// `value` must be finite and at least 0.
pub fn check_non_negative(setting: &str, value: f64) -> Result<(), SettingError> {
    if value.is_finite() && value >= 0.0 {
        Ok(())
    } else {
        Err(SettingError::new(
            setting,
            format!("must be finite and at least 0, not {value}"),
        ))
    }
}
