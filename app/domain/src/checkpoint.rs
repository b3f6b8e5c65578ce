//! Checkpoints: their codes, as printed on signs and typed by officers (HD01 … HD28).

use serde::{Deserialize, Serialize};
use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CheckpointCode(String);

#[derive(Debug, Error, PartialEq, Eq)]
#[error("a checkpoint code is 2 to 12 capital letters or digits")]
pub struct InvalidCheckpointCode;

impl CheckpointCode {
    /// Accepts lower case as typed on a phone keyboard and stores upper case.
    pub fn parse(raw: &str) -> Result<CheckpointCode, InvalidCheckpointCode> {
        let code = raw.trim().to_ascii_uppercase();
        let ok = (2..=12).contains(&code.len())
            && code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        if ok {
            Ok(CheckpointCode(code))
        } else {
            Err(InvalidCheckpointCode)
        }
    }
}

checked_text!(CheckpointCode, InvalidCheckpointCode);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_upper_cased_and_checked() {
        assert_eq!(CheckpointCode::parse(" hd01 ").unwrap().as_str(), "HD01");
        assert!(CheckpointCode::parse("H").is_err());
        assert!(CheckpointCode::parse("HD-01").is_err());
        assert!(CheckpointCode::parse("ĐN01").is_err());
    }
}
