//! The checkpoint's verdict on a scanned pass: green (let through), amber (valid, but the rules ask for an
//! action) or red (no valid pass), with the reasons in words the officer's screen translates. The same code
//! runs in the scanner offline and on the server.

use serde::{Deserialize, Serialize};

use crate::epidemic::RiskLevel;
use crate::pass::{self, KeyId, PassError, PassFacts, PassId, PublishedKey};
use crate::rules::{CheckpointAction, Rules};
use crate::unit::UnitCode;

named_enum! {
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub enum Verdict {
        Green = "green", Amber = "amber", Red = "red",
    }
    unknown UnknownVerdict = "a verdict";
}

/// Why a verdict is what it is. Each has a stable code for API clients and a sentence on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "code")]
pub enum Reason {
    /// A valid pass from outside any epidemic area.
    Valid,
    /// A valid pass from an epidemic area of this level.
    FromEpidemicArea {
        level: RiskLevel,
    },
    Expired,
    /// Issued later than the scanner's clock says is now: one of the two clocks is wrong.
    NotYetValid,
    /// The person declared again; this older pass no longer counts.
    Revoked,
    /// Signed by a key this scanner does not know (too old, or not ours).
    UnknownKey,
    /// The signature does not match the content: altered or forged.
    Forged,
    /// Not a ZonePass pass at all, or damaged beyond reading.
    Unreadable,
    /// An ID number typed by the officer has no live pass.
    NoPass,
}

impl Reason {
    pub fn code(self) -> &'static str {
        match self {
            Reason::Valid => "valid",
            Reason::FromEpidemicArea { .. } => "from_epidemic_area",
            Reason::Expired => "expired",
            Reason::NotYetValid => "not_yet_valid",
            Reason::Revoked => "revoked",
            Reason::UnknownKey => "unknown_key",
            Reason::Forged => "forged",
            Reason::Unreadable => "unreadable",
            Reason::NoPass => "no_pass",
        }
    }
}

/// What the scanner shows: the verdict, why, what to do, and the holder's facts to compare with the ID
/// card (only when the pass is authentic: a forged pass's claims are not shown as facts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Judgement {
    pub verdict: Verdict,
    pub reasons: Vec<Reason>,
    pub action: CheckpointAction,
    pub holder: Option<PassFacts>,
    pub origin_level: Option<RiskLevel>,
}

/// What the judge needs to know besides the pass: keys, revocations, the areas' levels and the rules.
pub struct Knowledge<'a, K, R, L>
where
    K: Fn(KeyId) -> Option<PublishedKey>,
    R: Fn(PassId) -> bool,
    L: Fn(&UnitCode) -> Option<RiskLevel>,
{
    pub key_for: K,
    pub is_revoked: R,
    pub level_of: L,
    pub rules: &'a Rules,
}

/// The verdict for a person whose ID number has no live pass: red, turn back (or declare on paper).
pub fn no_pass() -> Judgement {
    Judgement {
        verdict: Verdict::Red,
        reasons: vec![Reason::NoPass],
        action: CheckpointAction::TurnBack,
        holder: None,
        origin_level: None,
    }
}

/// What is recorded once the officer has compared the ID card with the pass: the judged verdict and
/// action when the card matches; when it does not, the pass is not this person's, so red, turn back.
pub fn recorded_outcome(
    judged: Verdict,
    judged_action: CheckpointAction,
    card_matches: bool,
) -> (Verdict, CheckpointAction) {
    if card_matches {
        (judged, judged_action)
    } else {
        (Verdict::Red, CheckpointAction::TurnBack)
    }
}

/// Judges a scanned QR text at `now` (Unix seconds).
pub fn judge<K, R, L>(token: &str, knows: &Knowledge<'_, K, R, L>, now: i64) -> Judgement
where
    K: Fn(KeyId) -> Option<PublishedKey>,
    R: Fn(PassId) -> bool,
    L: Fn(&UnitCode) -> Option<RiskLevel>,
{
    let red = |reason: Reason, holder: Option<PassFacts>| Judgement {
        verdict: Verdict::Red,
        reasons: vec![reason],
        action: CheckpointAction::TurnBack,
        holder,
        origin_level: None,
    };
    let facts = match pass::verify(token, &knows.key_for, now) {
        Ok(facts) => facts,
        // The signature held for these two, so the facts are the holder's own.
        Err(PassError::Expired) => return red(Reason::Expired, pass::read_unverified(token).ok()),
        Err(PassError::NotYetValid) => {
            return red(Reason::NotYetValid, pass::read_unverified(token).ok())
        }
        Err(PassError::UnknownKey(_) | PassError::SignedAfterRetirement(_)) => {
            return red(Reason::UnknownKey, None)
        }
        Err(PassError::BadSignature) => return red(Reason::Forged, None),
        Err(_) => return red(Reason::Unreadable, None),
    };
    if (knows.is_revoked)(facts.id) {
        return red(Reason::Revoked, Some(facts));
    }
    let origin_level = (knows.level_of)(&facts.origin);
    let action = knows.rules.action_for(origin_level);
    let reasons = vec![match origin_level {
        Some(level) => Reason::FromEpidemicArea { level },
        None => Reason::Valid,
    }];
    Judgement {
        verdict: if action == CheckpointAction::LetThrough {
            Verdict::Green
        } else {
            Verdict::Amber
        },
        reasons,
        action,
        holder: Some(facts),
        origin_level,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pass::{SigningKey, VALIDITY_SECONDS};
    use rstest::rstest;

    const NOW: i64 = 1_795_000_000;

    fn key() -> SigningKey {
        SigningKey::from_bytes(&[7; 32])
    }

    fn facts(origin: &str) -> PassFacts {
        pass::valid_for_72_hours(pass::test_facts(origin), NOW - 3600)
    }

    fn token(origin: &str) -> String {
        pass::sign(&facts(origin), &key()).unwrap()
    }

    fn judge_at(token: &str, now: i64, revoked: bool, rules: &Rules) -> Judgement {
        let verifying = key().verifying_key();
        let knows = Knowledge {
            key_for: |id: KeyId| (id == KeyId(1)).then_some(PublishedKey::from(verifying)),
            is_revoked: |_| revoked,
            level_of: |unit: &UnitCode| match unit.as_str() {
                "00001" => Some(RiskLevel::VeryHigh),
                "00004" => Some(RiskLevel::Low),
                _ => None,
            },
            rules,
        };
        judge(token, &knows, now)
    }

    #[test]
    fn a_valid_pass_from_outside_any_area_is_green_with_the_holder_shown() {
        let j = judge_at(&token("10510"), NOW, false, &Rules::default());
        assert_eq!(j.verdict, Verdict::Green);
        assert_eq!(j.reasons, [Reason::Valid]);
        assert_eq!(j.action, CheckpointAction::LetThrough);
        assert_eq!(j.holder.unwrap().document_number, "030090123456");
    }

    #[test]
    fn a_pass_from_a_level_4_area_is_amber_with_the_configured_action() {
        let j = judge_at(&token("00001"), NOW, false, &Rules::default());
        assert_eq!(j.verdict, Verdict::Amber);
        assert_eq!(j.reasons, [Reason::FromEpidemicArea { level: RiskLevel::VeryHigh }]);
        assert_eq!(j.action, CheckpointAction::SendForTesting);
        let mut strict = Rules::default();
        strict.set(Some(RiskLevel::VeryHigh), CheckpointAction::TurnBack);
        assert_eq!(
            judge_at(&token("00001"), NOW, false, &strict).action,
            CheckpointAction::TurnBack
        );
    }

    #[test]
    fn a_level_the_rules_let_through_stays_green_but_names_the_area() {
        let j = judge_at(&token("00004"), NOW, false, &Rules::default());
        assert_eq!(j.verdict, Verdict::Green);
        assert_eq!(j.reasons, [Reason::FromEpidemicArea { level: RiskLevel::Low }]);
    }

    #[test]
    fn expired_revoked_forged_unknown_and_garbage_are_red() {
        let t = token("10510");
        let expired = judge_at(&t, NOW - 3600 + VALIDITY_SECONDS, false, &Rules::default());
        assert_eq!((expired.verdict, expired.reasons[0]), (Verdict::Red, Reason::Expired));
        assert!(expired.holder.is_some(), "an expired pass is still the holder's own");

        let revoked = judge_at(&t, NOW, true, &Rules::default());
        assert_eq!(revoked.reasons, [Reason::Revoked]);

        let mut forged = t.clone().into_bytes();
        let at = forged.len() - 60;
        forged[at] = if forged[at] == b'A' { b'B' } else { b'A' };
        let forged = judge_at(&String::from_utf8(forged).unwrap(), NOW, false, &Rules::default());
        assert_eq!(forged.verdict, Verdict::Red);
        assert!(matches!(forged.reasons[0], Reason::Forged | Reason::Unreadable));
        assert!(forged.holder.is_none(), "a forged pass's claims are not shown");

        let other_key = pass::sign(&facts("10510"), &SigningKey::from_bytes(&[9; 32])).unwrap();
        assert_eq!(judge_at(&other_key, NOW, false, &Rules::default()).reasons, [Reason::Forged]);
        let mut unknown = facts("10510");
        unknown.key_id = KeyId(77);
        let unknown = pass::sign(&unknown, &key()).unwrap();
        assert_eq!(judge_at(&unknown, NOW, false, &Rules::default()).reasons, [Reason::UnknownKey]);
        assert_eq!(judge_at("hello", NOW, false, &Rules::default()).reasons, [Reason::Unreadable]);
        assert_eq!(
            judge_at(&t, NOW - 7200, false, &Rules::default()).reasons,
            [Reason::NotYetValid]
        );
    }

    #[rstest]
    #[case(
        Verdict::Green,
        CheckpointAction::LetThrough,
        true,
        Verdict::Green,
        CheckpointAction::LetThrough
    )]
    #[case(
        Verdict::Amber,
        CheckpointAction::SendForTesting,
        true,
        Verdict::Amber,
        CheckpointAction::SendForTesting
    )]
    #[case(
        Verdict::Amber,
        CheckpointAction::NotifyDestination,
        true,
        Verdict::Amber,
        CheckpointAction::NotifyDestination
    )]
    #[case(
        Verdict::Red,
        CheckpointAction::TurnBack,
        true,
        Verdict::Red,
        CheckpointAction::TurnBack
    )]
    #[case(
        Verdict::Green,
        CheckpointAction::LetThrough,
        false,
        Verdict::Red,
        CheckpointAction::TurnBack
    )]
    #[case(
        Verdict::Amber,
        CheckpointAction::SendForTesting,
        false,
        Verdict::Red,
        CheckpointAction::TurnBack
    )]
    #[case(
        Verdict::Red,
        CheckpointAction::TurnBack,
        false,
        Verdict::Red,
        CheckpointAction::TurnBack
    )]
    fn a_card_that_does_not_match_the_pass_is_recorded_red_and_turned_back(
        #[case] judged: Verdict,
        #[case] judged_action: CheckpointAction,
        #[case] card_matches: bool,
        #[case] verdict: Verdict,
        #[case] action: CheckpointAction,
    ) {
        assert_eq!(recorded_outcome(judged, judged_action, card_matches), (verdict, action));
    }

    #[test]
    fn verdicts_and_reasons_have_stable_codes() {
        for verdict in Verdict::ALL {
            assert_eq!(Verdict::parse(verdict.as_str()), Some(verdict));
            assert_eq!(
                serde_json::to_string(&verdict).unwrap(),
                format!("\"{}\"", verdict.as_str())
            );
        }
        assert_eq!(Verdict::parse(" amber "), Some(Verdict::Amber));
        assert_eq!(Verdict::parse("blue"), None);
        let json = serde_json::to_string(&Reason::FromEpidemicArea { level: RiskLevel::VeryHigh })
            .unwrap();
        assert_eq!(json, r#"{"code":"from_epidemic_area","level":4}"#);
        assert_eq!(Reason::Forged.code(), "forged");
    }
}
