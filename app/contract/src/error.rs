//! Stable error codes shared by the server, the browser and API clients. The code is what clients rely on;
//! the words for each code live in the interfaces' translation table.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Unauthenticated,
    BadCredentials,
    AccountDisabled,
    Throttled,
    Forbidden,
    NotFound,
    BadUsername,
    PasswordTooShort,
    PasswordTooLong,
    PasswordMismatch,
    WrongCurrentPassword,
    UnknownRole,
    UnitRequired,
    UnknownUnit,
    UnitLevelMismatch,
    CheckpointRequired,
    UnknownCheckpoint,
    ScopeNotAllowed,
    UsernameTaken,
    CheckpointCodeTaken,
    BadCheckpointCode,
    BadDocumentNumber,
    /// Not a Vietnamese mobile number.
    BadPhone,
    InvalidDeclaration,
    BadRequest,
    BadBatchSize,
    InvalidCrossings,
    BadDate,
    BadLevel,
    EndsBeforeStart,
    BadAction,
    TooLong,
    IdempotencyKeyReused,
    TooLarge,
    NotTheHolder,
    /// A paper form's serial number is already held with other contents.
    FormNumberTaken,
    /// The day asked to be closed has not ended yet (or its close time has not come).
    DayNotOver,
    /// A list is handed over only once its day is closed.
    DayNotClosed,
    /// A list is acknowledged only once the level above has forwarded it.
    ListNotForwarded,
    /// An addendum with nobody on it has nothing to hand down.
    AddendumEmpty,
    /// A reconciliation decision that does not fit what the registry holds (confirming a non-resident).
    DecisionDoesNotFit,
    /// A decision to correct that names no corrected fact.
    NothingCorrected,
    /// Corrected facts sent with a decision that corrects nothing.
    CorrectionsNotExpected,
    /// A corrected fact that is not valid (a date that is none, a commune that does not exist).
    BadCorrection,
    /// A registry correction proposed without the evidence it rests on.
    EvidenceRequired,
    /// A registry correction the commune chief has reviewed already.
    CorrectionReviewed,
    Unexpected,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Unauthenticated => "unauthenticated",
            ErrorCode::BadCredentials => "bad_credentials",
            ErrorCode::AccountDisabled => "account_disabled",
            ErrorCode::Throttled => "throttled",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::NotFound => "not_found",
            ErrorCode::BadUsername => "bad_username",
            ErrorCode::PasswordTooShort => "password_too_short",
            ErrorCode::PasswordTooLong => "password_too_long",
            ErrorCode::PasswordMismatch => "password_mismatch",
            ErrorCode::WrongCurrentPassword => "wrong_current_password",
            ErrorCode::UnknownRole => "unknown_role",
            ErrorCode::UnitRequired => "unit_required",
            ErrorCode::UnknownUnit => "unknown_unit",
            ErrorCode::UnitLevelMismatch => "unit_level_mismatch",
            ErrorCode::CheckpointRequired => "checkpoint_required",
            ErrorCode::UnknownCheckpoint => "unknown_checkpoint",
            ErrorCode::ScopeNotAllowed => "scope_not_allowed",
            ErrorCode::UsernameTaken => "username_taken",
            ErrorCode::CheckpointCodeTaken => "checkpoint_code_taken",
            ErrorCode::BadCheckpointCode => "bad_checkpoint_code",
            ErrorCode::BadDocumentNumber => "bad_document_number",
            ErrorCode::BadPhone => "bad_phone",
            ErrorCode::InvalidDeclaration => "invalid_declaration",
            ErrorCode::BadRequest => "bad_request",
            ErrorCode::TooLong => "too_long",
            ErrorCode::BadAction => "bad_action",
            ErrorCode::EndsBeforeStart => "ends_before_start",
            ErrorCode::BadLevel => "bad_level",
            ErrorCode::BadDate => "bad_date",
            ErrorCode::InvalidCrossings => "invalid_crossings",
            ErrorCode::BadBatchSize => "bad_batch_size",
            ErrorCode::IdempotencyKeyReused => "idempotency_key_reused",
            ErrorCode::TooLarge => "too_large",
            ErrorCode::NotTheHolder => "not_the_holder",
            ErrorCode::FormNumberTaken => "form_number_taken",
            ErrorCode::DayNotOver => "day_not_over",
            ErrorCode::DayNotClosed => "day_not_closed",
            ErrorCode::ListNotForwarded => "list_not_forwarded",
            ErrorCode::AddendumEmpty => "addendum_empty",
            ErrorCode::DecisionDoesNotFit => "decision_does_not_fit",
            ErrorCode::NothingCorrected => "nothing_corrected",
            ErrorCode::CorrectionsNotExpected => "corrections_not_expected",
            ErrorCode::BadCorrection => "bad_correction",
            ErrorCode::EvidenceRequired => "evidence_required",
            ErrorCode::CorrectionReviewed => "correction_reviewed",
            ErrorCode::Unexpected => "unexpected",
        }
    }

    /// Parses a code carried in a URL after a plain form post (`?error=bad_credentials`).
    pub fn parse(raw: &str) -> Option<ErrorCode> {
        ALL_CODES.into_iter().find(|c| c.as_str() == raw)
    }
}

pub const ALL_CODES: [ErrorCode; 47] = [
    ErrorCode::Unauthenticated,
    ErrorCode::BadCredentials,
    ErrorCode::AccountDisabled,
    ErrorCode::Throttled,
    ErrorCode::Forbidden,
    ErrorCode::NotFound,
    ErrorCode::BadUsername,
    ErrorCode::PasswordTooShort,
    ErrorCode::PasswordTooLong,
    ErrorCode::PasswordMismatch,
    ErrorCode::WrongCurrentPassword,
    ErrorCode::UnknownRole,
    ErrorCode::UnitRequired,
    ErrorCode::UnknownUnit,
    ErrorCode::UnitLevelMismatch,
    ErrorCode::CheckpointRequired,
    ErrorCode::UnknownCheckpoint,
    ErrorCode::ScopeNotAllowed,
    ErrorCode::UsernameTaken,
    ErrorCode::CheckpointCodeTaken,
    ErrorCode::BadCheckpointCode,
    ErrorCode::BadDocumentNumber,
    ErrorCode::BadPhone,
    ErrorCode::InvalidDeclaration,
    ErrorCode::BadRequest,
    ErrorCode::BadBatchSize,
    ErrorCode::InvalidCrossings,
    ErrorCode::BadDate,
    ErrorCode::BadLevel,
    ErrorCode::EndsBeforeStart,
    ErrorCode::BadAction,
    ErrorCode::TooLong,
    ErrorCode::IdempotencyKeyReused,
    ErrorCode::TooLarge,
    ErrorCode::NotTheHolder,
    ErrorCode::FormNumberTaken,
    ErrorCode::DayNotOver,
    ErrorCode::DayNotClosed,
    ErrorCode::ListNotForwarded,
    ErrorCode::AddendumEmpty,
    ErrorCode::DecisionDoesNotFit,
    ErrorCode::NothingCorrected,
    ErrorCode::CorrectionsNotExpected,
    ErrorCode::BadCorrection,
    ErrorCode::EvidenceRequired,
    ErrorCode::CorrectionReviewed,
    ErrorCode::Unexpected,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_parses_back_from_its_string() {
        for code in ALL_CODES {
            assert_eq!(ErrorCode::parse(code.as_str()), Some(code));
        }
    }
}
