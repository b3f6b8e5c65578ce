//! Property tests for the decoders of what browsers and API clients send: the declaration form (as posted
//! with JavaScript off, and as the page reads it live) and the JSON of declarations and crossings. Random
//! and mutated bodies must be refused or read, never panic. Bounded here; `scripts/fuzz` runs them long.

use proptest::prelude::*;

use contract::dto::DeclarationDraft;
use domain::crossing::CrossingInput;
use domain::declaration::DeclarationInput;

const FORM: &str = "document_type=cccd&document_number=030190012345&full_name=Ph%E1%BA%A1m+Th%E1%BB%8B+Thu\
    &birth_date=1991-03-04&sex=female&phone=0987654321&residence_province=30&residence_commune=10507\
    &residence_address=S%E1%BB%91+1&origin_province=01&origin_commune=00004&destination_province=30\
    &destination_commune=10507&travel_date=2026-11-28&vehicle=car&symptoms=cough&symptoms=fever\
    &vaccination_doses=2&replaces=&refresh=1";

const JSON: &str = r#"{"document_type":"cccd","document_number":"030190012345","full_name":"Nguyễn Thị Hằng",
    "birth_date":"1990-02-28","sex":"female","phone":"0912 345 678","residence_commune":"10507",
    "residence_address":"Số 5","origin_commune":"00004","destination_commune":"10507",
    "travel_date":"2026-11-29","vehicle":"motorbike","symptoms":["cough"],"close_contact":false,
    "vaccination_doses":3}"#;

/// A body with one byte changed, one cut, or a piece repeated: what a flaky network or a fuzzer sends.
fn mutated(base: &'static str) -> impl Strategy<Value = Vec<u8>> {
    (any::<prop::sample::Index>(), any::<u8>(), 0usize..3).prop_map(move |(at, byte, how)| {
        let mut body = base.as_bytes().to_vec();
        let i = at.index(body.len());
        match how {
            0 => body[i] = byte,
            1 => body.truncate(i),
            _ => {
                let piece = body[i..].to_vec();
                body.extend_from_slice(&piece);
            }
        }
        body
    })
}

proptest! {
    #[test]
    fn the_declaration_form_decodes_any_body_without_panic(body in ".{0,400}") {
        let _ = DeclarationDraft::from_form(&body);
    }

    #[test]
    fn a_mutated_declaration_form_decodes_or_is_refused(body in mutated(FORM)) {
        let _ = DeclarationDraft::from_form(&String::from_utf8_lossy(&body));
    }

    #[test]
    fn a_mutated_declaration_json_decodes_or_is_refused(body in mutated(JSON)) {
        let _ = serde_json::from_slice::<DeclarationInput>(&body);
        let _ = serde_json::from_slice::<CrossingInput>(&body);
    }

    #[test]
    fn any_json_body_decodes_or_is_refused(body in ".{0,400}") {
        let _ = serde_json::from_str::<DeclarationInput>(&body);
        let _ = serde_json::from_str::<CrossingInput>(&body);
    }
}

#[test]
fn the_unmutated_bodies_decode() {
    let (draft, round) = DeclarationDraft::from_form(FORM).unwrap();
    assert_eq!(draft.input.document_number, "030190012345");
    assert_eq!(draft.replaces, None, "an empty field replaces nothing");
    assert!(round.refresh.is_some());
    assert!(serde_json::from_str::<DeclarationInput>(JSON).is_ok());
}
