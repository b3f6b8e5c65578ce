//! Vietnamese text as people type it: with or without diacritics, in any case, in NFC or NFD.
//! Matching and search compare folded forms; stored names are kept in NFC.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// NFC with surrounding white space trimmed and inner runs collapsed to one space.
pub fn clean(raw: &str) -> String {
    raw.nfc()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
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
    stripped
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
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
}
