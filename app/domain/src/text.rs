//! Vietnamese text as people type it: with or without diacritics, in any case, in NFC or NFD.
//! Matching and search compare folded forms; stored names are kept in NFC.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// NFC with surrounding white space trimmed and inner runs collapsed to one space.
pub fn clean(raw: &str) -> String {
    raw.nfc().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a (cleaned) text can be a person's name: letters in any script with their combining marks,
/// and the spaces, apostrophes, hyphens and dots names are written with. No digits, no control characters.
pub fn is_person_name(name: &str) -> bool {
    name.chars().all(|c| {
        c.is_alphabetic() || is_combining_mark(c) || matches!(c, ' ' | '\'' | '’' | '-' | '.')
    })
}

/// A search key: no diacritics, lower case, single spaces. "Nguyễn  Văn Đức" and "nguyen van duc" fold alike.
pub fn fold(raw: &str) -> String {
    let stripped: String = raw
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            other => other,
        })
        .collect();
    stripped.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How two spellings of a name compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameMatch {
    /// The same letters and marks, ignoring case and spacing: "NGUYỄN VĂN AN" and "Nguyễn  Văn An".
    Same,
    /// Equal only once diacritics are set aside: "NGUYEN VAN AN" and "Nguyễn Văn An". Worth a look, not a
    /// mismatch: many systems and keyboards drop the marks.
    SameWithoutDiacritics,
    Different,
}

pub fn compare_names(a: &str, b: &str) -> NameMatch {
    if clean(a).to_lowercase() == clean(b).to_lowercase() {
        NameMatch::Same
    } else if fold(a) == fold(b) {
        NameMatch::SameWithoutDiacritics
    } else {
        NameMatch::Different
    }
}

/// A text as a spreadsheet cell that shows it and never runs it: a leading `=`, `+`, `-`, `@`, tab or
/// carriage return would make Excel or LibreOffice read a name or a phone number as a formula, so such
/// a text gets a leading apostrophe, which both show as a plain text marker.
pub fn spreadsheet_cell(raw: &str) -> std::borrow::Cow<'_, str> {
    if raw.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{raw}").into()
    } else {
        raw.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_diacritics_and_case() {
        assert_eq!(fold("Nguyễn Văn Đức"), "nguyen van duc");
        assert_eq!(fold("  TRƯƠNG   thị  Ánh "), "truong thi anh");
        assert_eq!(fold("nguyen van a"), fold("Nguyễn Văn A"));
    }

    #[test]
    fn nfd_input_folds_and_cleans_to_the_same_text_as_nfc() {
        let nfd: String = "Đặng Thị Hằng".nfd().collect();
        assert_eq!(fold(&nfd), "dang thi hang");
        assert_eq!(clean(&nfd), "Đặng Thị Hằng");
        assert_eq!(clean(" Lê  Văn\tTám "), "Lê Văn Tám");
    }

    #[test]
    fn names_compare_with_and_without_diacritics_in_any_case() {
        assert_eq!(compare_names("Nguyễn Văn An", "NGUYỄN  VĂN AN"), NameMatch::Same);
        let nfd: String = "Nguyễn Văn An".nfd().collect();
        assert_eq!(compare_names("Nguyễn Văn An", &nfd), NameMatch::Same);
        assert_eq!(
            compare_names("Nguyễn Văn An", "NGUYEN VAN AN"),
            NameMatch::SameWithoutDiacritics
        );
        assert_eq!(
            compare_names("Đặng Thị Hằng", "dang thi hang"),
            NameMatch::SameWithoutDiacritics
        );
        // Hằng and Hàng differ only in their marks: shown to the officer as "same without diacritics", who
        // looks at the card; the system does not decide that a misplaced mark is another person.
        assert_eq!(
            compare_names("Đặng Thị Hằng", "Đặng Thị Hàng"),
            NameMatch::SameWithoutDiacritics
        );
        assert_eq!(compare_names("Nguyễn Văn An", "Nguyễn Văn Anh"), NameMatch::Different);
        assert_eq!(compare_names("Trần Thị Ánh", "Trương Thị Ánh"), NameMatch::Different);
    }

    #[test]
    fn cells_that_a_spreadsheet_would_run_are_kept_as_text() {
        assert_eq!(spreadsheet_cell("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
        assert_eq!(spreadsheet_cell("+84912345678"), "'+84912345678");
        assert_eq!(spreadsheet_cell("-1"), "'-1");
        assert_eq!(spreadsheet_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(spreadsheet_cell("\tx"), "'\tx");
        assert_eq!(spreadsheet_cell("Nguyễn Văn A"), "Nguyễn Văn A");
        assert_eq!(spreadsheet_cell(""), "");
    }
}
