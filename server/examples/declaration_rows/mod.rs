//! Declaration rows as ZonePass stores them, for the benchmarks that fill the declarations table.

use domain::registry::Entry;

/// The columns the baseline fills: those of a declaration as ZonePass stores it.
pub const COLUMNS: &str = "document_kind, document_number, full_name, name_folded, birth_date, sex, phone, \
    residence_commune, residence_address, origin_commune, destination_commune, travel_date, vehicle, \
    vehicle_plate, symptoms, close_contact, vaccination_doses, channel, idempotency_key, created_at";

/// One declaration row in the order of [`COLUMNS`]: person `p` going home to their commune.
pub fn declaration_row(
    p: &Entry,
    i: usize,
    day: &str,
    created_at: &str,
    key: String,
) -> [String; 20] {
    let commune = p.current_commune.as_str();
    [
        "cccd".to_owned(),
        p.document_number.to_string(),
        p.full_name.clone(),
        domain::text::fold(&p.full_name),
        p.birth_date.to_string(),
        p.sex.as_str().to_owned(),
        phone(i),
        commune.to_owned(),
        p.address.clone(),
        "00004".to_owned(),
        commune.to_owned(),
        day.to_owned(),
        "car".to_owned(),
        String::new(),
        String::new(),
        "0".to_owned(),
        doses(i),
        "paper".to_owned(),
        key,
        created_at.to_owned(),
    ]
}

pub fn phone(i: usize) -> String {
    format!("09{:08}", i % 100_000_000)
}

pub fn doses(i: usize) -> String {
    (i % 4).to_string()
}
