//! Base45 (RFC 9285): bytes as QR alphanumeric-mode characters, so a signed binary payload fits a small QR.

use thiserror::Error;

const ALPHABET: &[u8; 45] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

#[derive(Debug, Error, PartialEq, Eq, Clone, Copy)]
pub enum Base45Error {
    #[error("a character outside the Base45 alphabet")]
    BadCharacter,
    #[error("a Base45 text cannot be that long")]
    BadLength,
    #[error("a Base45 group encodes a value above its byte range")]
    Overflow,
}

pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(2) * 3);
    for pair in bytes.chunks(2) {
        let (mut n, digits) = match *pair {
            [a, b] => (u32::from(a) * 256 + u32::from(b), 3),
            _ => (u32::from(pair[0]), 2),
        };
        for _ in 0..digits {
            out.push(char::from(ALPHABET[(n % 45) as usize]));
            n /= 45;
        }
    }
    out
}

pub fn decode(text: &str) -> Result<Vec<u8>, Base45Error> {
    let values: Vec<u32> = text
        .bytes()
        .map(|c| {
            ALPHABET.iter().position(|&a| a == c).map(|p| p as u32).ok_or(Base45Error::BadCharacter)
        })
        .collect::<Result<_, _>>()?;
    if values.len() % 3 == 1 {
        return Err(Base45Error::BadLength);
    }
    let mut out = Vec::with_capacity(values.len() / 3 * 2 + 1);
    for group in values.chunks(3) {
        match group {
            [c, d, e] => {
                let n = c + d * 45 + e * 45 * 45;
                if n > 0xFFFF {
                    return Err(Base45Error::Overflow);
                }
                out.extend_from_slice(&[(n >> 8) as u8, (n & 0xFF) as u8]);
            }
            [c, d] => {
                let n = c + d * 45;
                if n > 0xFF {
                    return Err(Base45Error::Overflow);
                }
                out.push(n as u8);
            }
            _ => return Err(Base45Error::BadLength),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case(b"AB", "BB8")]
    #[case(b"Hello!!", "%69 VD92EX0")]
    #[case(b"base-45", "UJCLQE7W581")]
    #[case(b"ietf!", "QED8WEX0")]
    fn rfc_9285_examples(#[case] bytes: &[u8], #[case] text: &str) {
        assert_eq!(encode(bytes), text);
        assert_eq!(decode(text).unwrap(), bytes);
    }

    #[test]
    fn every_byte_pair_round_trips() {
        let bytes: Vec<u8> = (0..=255u8).chain((0..=255u8).rev()).collect();
        assert_eq!(decode(&encode(&bytes)).unwrap(), bytes);
    }

    #[rstest]
    #[case("GGW", Base45Error::Overflow)]
    #[case("abc", Base45Error::BadCharacter)]
    #[case("BB8A", Base45Error::BadLength)]
    fn malformed_text_is_refused(#[case] text: &str, #[case] err: Base45Error) {
        assert_eq!(decode(text), Err(err));
    }
}
