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

/// Whether an account may act now: it is enabled, the checkpoint it works at (if it has one) is open, and
/// the unit it is bound to (if it has one) is in the unit tree in force. Closing a checkpoint, or
/// replacing the tree, stops its officials at their next request.
pub fn in_force(enabled: bool, checkpoint_open: Option<bool>, unit_in_tree: Option<bool>) -> bool {
    enabled && checkpoint_open != Some(false) && unit_in_tree != Some(false)
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

    #[rstest]
    #[case(true, None, None, true)]
    #[case(true, Some(true), None, true)]
    #[case(true, None, Some(true), true)]
    #[case(false, None, None, false)]
    #[case(true, Some(false), None, false)]
    #[case(true, None, Some(false), false)]
    fn an_account_acts_while_it_its_checkpoint_and_its_unit_are_in_force(
        #[case] enabled: bool,
        #[case] checkpoint_open: Option<bool>,
        #[case] unit_in_tree: Option<bool>,
        #[case] acts: bool,
    ) {
        assert_eq!(in_force(enabled, checkpoint_open, unit_in_tree), acts);
    }

    #[test]
    fn passwords_have_a_minimum_and_maximum_length() {
        assert_eq!(check_new_password("short"), Err(AccountError::PasswordTooShort));
        assert_eq!(check_new_password("long enough!"), Ok(()));
        assert_eq!(check_new_password(&"x".repeat(129)), Err(AccountError::PasswordTooLong));
    }
}
