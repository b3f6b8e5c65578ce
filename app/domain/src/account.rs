//! Rules for official accounts that hold on both sides: what a username and a password must look like.

use thiserror::Error;

#[derive(Debug, Error, PartialEq, Eq, Clone, Copy)]
pub enum AccountError {
    #[error("a username is 3 to 40 characters: lower-case letters, digits, '.', '_' or '-'")]
    BadUsername,
    #[error("a password is at least 10 characters")]
    PasswordTooShort,
    #[error("a password is at most 128 characters")]
    PasswordTooLong,
}

pub const MIN_PASSWORD_LEN: usize = 10;
const MAX_PASSWORD_LEN: usize = 128;

/// Usernames are compared as typed after trimming; upper case is folded so "Admin" and "admin" are one account.
pub fn normalise_username(raw: &str) -> Result<String, AccountError> {
    let name = raw.trim().to_lowercase();
    let ok_len = (3..=40).contains(&name.chars().count());
    let ok_chars = name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
    if ok_len && ok_chars {
        Ok(name)
    } else {
        Err(AccountError::BadUsername)
    }
}

pub fn check_new_password(password: &str) -> Result<(), AccountError> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_LEN {
        Err(AccountError::PasswordTooShort)
    } else if n > MAX_PASSWORD_LEN {
        Err(AccountError::PasswordTooLong)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case(" Admin ", Ok("admin".to_owned()))]
    #[case("hd01.officer", Ok("hd01.officer".to_owned()))]
    #[case("ab", Err(AccountError::BadUsername))]
    #[case("nguyễn", Err(AccountError::BadUsername))]
    #[case("a b c", Err(AccountError::BadUsername))]
    fn usernames(#[case] raw: &str, #[case] expected: Result<String, AccountError>) {
        assert_eq!(normalise_username(raw), expected);
    }

    #[test]
    fn passwords_have_a_minimum_and_maximum_length() {
        assert_eq!(
            check_new_password("short"),
            Err(AccountError::PasswordTooShort)
        );
        assert_eq!(check_new_password("long enough!"), Ok(()));
        assert_eq!(
            check_new_password(&"x".repeat(129)),
            Err(AccountError::PasswordTooLong)
        );
    }
}
