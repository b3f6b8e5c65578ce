//! Property tests: random and mutated input to everything that reads text from outside (a QR held up to
//! a checkpoint camera, a card's QR, a typed ID number, a crossing a device sends, a declaration). None
//! may panic or hang; a mutated pass never verifies. Bounded here (256 cases each, in CI); run as fuzz
//! targets on demand with many more cases: `PROPTEST_CASES=200000 scripts/fuzz`.

use proptest::prelude::*;

use domain::crossing::{self, CrossingInput};
use domain::declaration::{self, DeclarationInput};
use domain::pass::{self, CivilDate, DocumentKind, KeyId, PassFacts, PassId, SigningKey};
use domain::{base45, card, DocumentNumber, Doses, Sex, UnitCode};

const NOW: i64 = 1_795_000_000;

fn key() -> SigningKey {
    SigningKey::from_bytes(&[7; 32])
}

fn token(name: &str, id: u64) -> String {
    let facts = pass::valid_for_72_hours(
        PassFacts {
            id: PassId(id),
            key_id: KeyId(1),
            full_name: name.to_owned(),
            document_kind: DocumentKind::Cccd,
            document_number: "030090123456".into(),
            birth_date: CivilDate::new(1990, 1, 2).unwrap(),
            sex: Sex::Female,
            origin: UnitCode::parse("00004").unwrap(),
            destination: UnitCode::parse("10507").unwrap(),
            issued_at: 0,
            expires_at: 0,
            vaccination_doses: Doses::try_from(2).unwrap(),
        },
        NOW - 60,
    );
    pass::sign(&facts, &key()).unwrap()
}

fn verify(text: &str) -> Result<PassFacts, pass::PassError> {
    pass::verify(text, |_| Some(key().verifying_key().into()), NOW)
}

proptest! {
    #[test]
    fn any_text_held_to_the_camera_is_refused_or_read_without_panic(text in ".{0,600}") {
        let _ = pass::read_unverified(&text);
        prop_assert!(verify(&text).is_err(), "random text never verifies");
        let _ = card::parse(&text);
        let _ = DocumentNumber::parse(&text);
    }

    #[test]
    fn base45_reads_back_what_it_wrote_and_any_text_without_panic(
        bytes in proptest::collection::vec(any::<u8>(), 0..400),
        text in "[0-9A-Z $%*+./:-]{0,400}",
    ) {
        prop_assert_eq!(base45::decode(&base45::encode(&bytes)).unwrap(), bytes);
        let _ = base45::decode(&text);
    }

    #[test]
    fn a_pass_with_any_character_changed_never_verifies(
        name in "\\PC{1,40}",
        id in any::<u64>(),
        at in any::<prop::sample::Index>(),
        with in "[0-9A-Z $%*+./:-]",
    ) {
        let good = token(&name, id);
        prop_assert_eq!(verify(&good).unwrap().full_name, name);
        let mut chars: Vec<char> = good.chars().collect();
        let i = pass::QR_PREFIX.len() + at.index(chars.len() - pass::QR_PREFIX.len());
        let replacement = with.chars().next().unwrap();
        prop_assume!(chars[i] != replacement);
        chars[i] = replacement;
        let mutated: String = chars.into_iter().collect();
        prop_assert!(verify(&mutated).is_err());
    }

    #[test]
    fn a_cut_or_lengthened_pass_never_verifies(cut in 0usize..200, extra in "[0-9A-Z]{1,12}") {
        let good = token("Nguyễn Thị Hằng", 42);
        let cut_short: String = good.chars().take(good.len().saturating_sub(cut + 1)).collect();
        prop_assert!(verify(&cut_short).is_err());
        let lengthened = good + &extra;
        prop_assert!(verify(&lengthened).is_err());
    }

    #[test]
    fn a_card_qr_of_any_fields_parses_or_is_refused_without_panic(
        fields in proptest::collection::vec("[^|]{0,40}", 0..10),
    ) {
        let _ = card::parse(&fields.join("|"));
    }

    #[test]
    fn any_declaration_is_validated_without_panic(
        number in ".{0,20}", name in ".{0,80}", birth in ".{0,12}", phone in ".{0,20}",
        commune in ".{0,8}", travel in ".{0,12}", doses in any::<u8>(), kind in ".{0,6}",
    ) {
        let input = DeclarationInput {
            document_type: kind,
            document_number: number,
            full_name: name,
            birth_date: birth,
            phone,
            residence_commune: commune.clone(),
            origin_commune: commune.clone(),
            destination_commune: commune,
            travel_date: travel,
            vaccination_doses: doses,
            ..DeclarationInput::default()
        };
        let _ = declaration::validate(&input, CivilDate::new(2026, 11, 28).unwrap(), |_| true);
    }

    #[test]
    fn any_crossing_is_checked_without_panic(
        client_id in ".{0,80}", token in ".{0,300}", number in ".{0,20}", direction in ".{0,8}",
        verdict in ".{0,8}", action in ".{0,24}", scanned_at in proptest::option::of(any::<i64>()),
    ) {
        let input = CrossingInput {
            client_id,
            token: Some(token),
            document_number: Some(number),
            direction,
            verdict,
            action,
            ..CrossingInput::default()
        };
        let _ = crossing::check(&input, scanned_at, NOW);
        let _ = crossing::person_named(&input);
    }
}
