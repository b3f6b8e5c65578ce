//! A crossing as a checkpoint records it: who (by pass or ID number), which way, when, the verdict shown
//! and the action taken. Scanners record crossings offline and send them later, so each carries an id
//! made on the device that makes sending it twice harmless.

use serde::{Deserialize, Serialize};

use crate::identity::DocumentNumber;
use crate::pass::{self, PassId};
use crate::rules::CheckpointAction;
use crate::verdict::Verdict;

/// A crossing may be sent this long after it was scanned (a device offline over a long weekend).
pub const MAX_AGE_SECONDS: i64 = 7 * 24 * 3600;
/// A device clock this far ahead of the server's is tolerated; more means the time is wrong.
pub const CLOCK_TOLERANCE_SECONDS: i64 = 300;
/// Larger batches are refused: a device sends its backlog in pieces of at most this many.
pub const MAX_BATCH: usize = 500;
/// The problem of a crossing stamped by a device clock running fast.
const IN_THE_FUTURE: &str = "in_the_future";
const MAX_CLIENT_ID: usize = 64;

named_enum! {
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub enum Direction {
        /// Into the area the checkpoint guards.
        In = "in", Out = "out",
    }
    unknown UnknownDirection = "a direction (in or out)";
}

/// A crossing as a device sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct CrossingInput {
    /// Made by the device, unique per crossing (a UUID will do); the same id sent twice is stored once.
    #[cfg_attr(feature = "openapi", schema(pattern = "^[A-Za-z0-9_-]{1,64}$"))]
    pub client_id: String,
    /// The QR text scanned, when there was one.
    #[cfg_attr(feature = "openapi", schema(max_length = 2048))]
    pub token: Option<String>,
    /// The ID number typed by the officer, when there was no readable pass.
    #[cfg_attr(feature = "openapi", schema(pattern = "^([0-9]{9}|[0-9]{12})$"))]
    pub document_number: Option<String>,
    /// `in` or `out`.
    #[cfg_attr(feature = "openapi", schema(pattern = "^(in|out)$"))]
    pub direction: String,
    /// `green`, `amber` or `red`: what the scanner showed.
    #[cfg_attr(feature = "openapi", schema(pattern = "^(green|amber|red)$"))]
    pub verdict: String,
    /// `let_through`, `notify_destination`, `send_for_testing` or `turn_back`: what the officer did.
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = "^(let_through|notify_destination|send_for_testing|turn_back)$")
    )]
    pub action: String,
    /// RFC 3339; a crossing stamped more than 5 minutes ahead of the server or more than 7 days ago is
    /// refused on its own (its result says why).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub scanned_at: String,
    /// True when the device recorded it without a network and sends it later.
    pub offline: bool,
    /// True when the server refused it once and the officer corrected it (its time, by the device
    /// clock's measured lead) before sending it again.
    pub corrected: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Crossing {
    pub client_id: String,
    pub pass_id: Option<PassId>,
    pub document_number: String,
    pub direction: Direction,
    pub verdict: Verdict,
    pub action: CheckpointAction,
    pub scanned_at: i64,
    pub offline: bool,
    pub corrected: bool,
}

/// What is wrong with one field of a crossing; `field` is the JSON name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CrossingProblem {
    pub field: &'static str,
    pub problem: &'static str,
}

fn problem(field: &'static str, problem: &'static str) -> CrossingProblem {
    CrossingProblem { field, problem }
}

/// Checks a crossing; `scanned_at` is the input's time already read as Unix seconds (None when it is not
/// a time), `now` the server's.
pub fn check(
    input: &CrossingInput,
    scanned_at: Option<i64>,
    now: i64,
) -> Result<Crossing, Vec<CrossingProblem>> {
    let mut problems = Vec::new();
    let client_id = input.client_id.trim();
    if client_id.is_empty()
        || client_id.len() > MAX_CLIENT_ID
        || !client_id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        problems.push(problem("client_id", "not_a_client_id"));
    }
    let (pass_id, document_number) = match identity(input) {
        Ok((pass_id, number)) => (pass_id, Some(number)),
        Err(found) => {
            problems.push(found);
            (None, None)
        }
    };
    let direction = Direction::parse(&input.direction);
    if direction.is_none() {
        problems.push(problem("direction", "not_a_choice"));
    }
    let verdict = Verdict::parse(&input.verdict);
    if verdict.is_none() {
        problems.push(problem("verdict", "not_a_choice"));
    }
    let action = CheckpointAction::parse(&input.action);
    if action.is_none() {
        problems.push(problem("action", "not_a_choice"));
    }
    match scanned_at {
        None => problems.push(problem("scanned_at", "not_a_time")),
        Some(t) if t > now + CLOCK_TOLERANCE_SECONDS => {
            problems.push(problem("scanned_at", IN_THE_FUTURE))
        }
        Some(t) if t < now - MAX_AGE_SECONDS => problems.push(problem("scanned_at", "too_old")),
        Some(_) => {}
    }
    match (document_number, direction, verdict, action, scanned_at) {
        (Some(document_number), Some(direction), Some(verdict), Some(action), Some(scanned_at))
            if problems.is_empty() =>
        {
            Ok(Crossing {
                client_id: client_id.to_owned(),
                pass_id,
                document_number,
                direction,
                verdict,
                action,
                scanned_at,
                offline: input.offline,
                corrected: input.corrected,
            })
        }
        _ => Err(problems),
    }
}

/// Who a crossing is about: the holder of the pass scanned (with its id), or the ID number typed.
fn identity(input: &CrossingInput) -> Result<(Option<PassId>, String), CrossingProblem> {
    let facts = input
        .token
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .and_then(|t| pass::read_unverified(t).ok());
    let typed = input.document_number.as_deref().map(str::trim).filter(|n| !n.is_empty());
    match (facts, typed) {
        (Some(f), _) => Ok((Some(f.id), f.document_number)),
        (None, Some(n)) => DocumentNumber::parse(n)
            .map(|number| (None, number.into()))
            .map_err(|_| problem("document_number", "not_a_document_number")),
        (None, None) => Err(problem("document_number", "missing_identity")),
    }
}

/// How far back to move the time of a crossing the server refused, or `None` when the officer cannot
/// correct it: only a time ahead of the server's, from a device whose clock ran ahead by a lead it
/// measured (the bundle's server time against its own), is put right; anything else is discarded.
pub fn clock_correction<'a>(
    problems: impl IntoIterator<Item = (&'a str, &'a str)>,
    clock_lead: Option<i64>,
) -> Option<i64> {
    let mut problems = problems.into_iter().peekable();
    let clock_only = problems.peek().is_some()
        && problems.all(|(field, problem)| field == "scanned_at" && problem == IN_THE_FUTURE);
    clock_lead.filter(|lead| clock_only && *lead > 0)
}

/// The ID number a crossing names, even one the server refused (for the record of its discarding).
pub fn person_named(input: &CrossingInput) -> Option<String> {
    identity(input).ok().map(|(_, number)| number)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_795_000_000;

    fn input() -> CrossingInput {
        CrossingInput {
            client_id: "3f1c2a9e-7b1d-4c52-9a57-0b8f0f3e1a11".into(),
            token: None,
            document_number: Some("030090123456".into()),
            direction: "in".into(),
            verdict: "green".into(),
            action: "let_through".into(),
            scanned_at: String::new(),
            offline: true,
            corrected: false,
        }
    }

    #[test]
    fn directions_have_stable_names() {
        for direction in Direction::ALL {
            assert_eq!(Direction::parse(direction.as_str()), Some(direction));
            assert_eq!(
                serde_json::to_string(&direction).unwrap(),
                format!("\"{}\"", direction.as_str())
            );
        }
        assert_eq!(Direction::parse(" out "), Some(Direction::Out));
        assert_eq!(Direction::parse("IN"), None);
        assert_eq!(Direction::parse("sideways"), None);
    }

    #[test]
    fn a_typed_crossing_is_accepted() {
        let c = check(&input(), Some(NOW - 60), NOW).unwrap();
        assert_eq!(c.document_number, "030090123456");
        assert_eq!((c.direction, c.verdict), (Direction::In, Verdict::Green));
        assert_eq!(c.action, CheckpointAction::LetThrough);
        assert!(c.offline);
        assert_eq!(c.pass_id, None);
    }

    #[test]
    fn every_bad_field_is_named() {
        let bad = CrossingInput {
            client_id: "no spaces allowed".into(),
            token: Some("garbage".into()),
            document_number: None,
            direction: "sideways".into(),
            verdict: "blue".into(),
            action: "wave".into(),
            ..input()
        };
        let problems = check(&bad, None, NOW).unwrap_err();
        let fields: Vec<_> = problems.iter().map(|p| (p.field, p.problem)).collect();
        assert_eq!(
            fields,
            [
                ("client_id", "not_a_client_id"),
                ("document_number", "missing_identity"),
                ("direction", "not_a_choice"),
                ("verdict", "not_a_choice"),
                ("action", "not_a_choice"),
                ("scanned_at", "not_a_time"),
            ]
        );
    }

    #[test]
    fn scan_times_must_be_recent_and_not_ahead_of_the_server() {
        let ahead = check(&input(), Some(NOW + CLOCK_TOLERANCE_SECONDS + 1), NOW).unwrap_err();
        assert_eq!(ahead[0].problem, "in_the_future");
        assert!(check(&input(), Some(NOW + CLOCK_TOLERANCE_SECONDS), NOW).is_ok());
        let old = check(&input(), Some(NOW - MAX_AGE_SECONDS - 1), NOW).unwrap_err();
        assert_eq!(old[0].problem, "too_old");
    }

    #[test]
    fn only_a_time_ahead_of_the_server_is_corrected_and_by_the_measured_lead() {
        let ahead = [("scanned_at", IN_THE_FUTURE)];
        assert_eq!(clock_correction(ahead, Some(600)), Some(600));
        assert_eq!(clock_correction(ahead, None), None, "no lead measured");
        assert_eq!(clock_correction(ahead, Some(-600)), None, "a slow clock");
        assert_eq!(clock_correction([("scanned_at", "too_old")], Some(600)), None);
        let also_unnamed = [("scanned_at", IN_THE_FUTURE), ("document_number", "missing_identity")];
        assert_eq!(clock_correction(also_unnamed, Some(600)), None);
        assert_eq!(clock_correction([], Some(600)), None);
    }

    #[test]
    fn a_refused_crossing_still_names_its_person_when_it_can() {
        assert_eq!(person_named(&input()).as_deref(), Some("030090123456"));
        let typed_badly = CrossingInput { document_number: Some("12ab".into()), ..input() };
        assert_eq!(person_named(&typed_badly), None);
        let scanned = CrossingInput {
            token: Some(
                pass::sign(&pass::test_facts("00004"), &pass::SigningKey::from_bytes(&[7; 32]))
                    .unwrap(),
            ),
            document_number: None,
            ..input()
        };
        assert_eq!(person_named(&scanned), Some(pass::test_facts("00004").document_number));
    }

    #[test]
    fn a_typed_number_must_look_like_an_id() {
        let typed = CrossingInput { document_number: Some("12ab".into()), ..input() };
        assert_eq!(
            check(&typed, Some(NOW), NOW).unwrap_err()[0],
            problem("document_number", "not_a_document_number")
        );
        let cmnd = CrossingInput { document_number: Some("142345678".into()), ..input() };
        assert!(check(&cmnd, Some(NOW), NOW).is_ok());
    }
}
