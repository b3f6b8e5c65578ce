//! ZonePass domain: the rules of the system in plain Rust, with no I/O, clock or randomness.
//! Compiled into the server and into the WASM client so both decide the same way.

/// `FromStr`, `TryFrom<String>` and `From<$name> for String` for a type read by its own `parse` and
/// written by `Display`: serde, forms and the stores all go through these.
macro_rules! parsed_from_text {
    ($name:ident, $error:ty) => {
        impl std::str::FromStr for $name {
            type Err = $error;
            fn from_str(raw: &str) -> Result<$name, $error> {
                $name::parse(raw)
            }
        }

        impl TryFrom<String> for $name {
            type Error = $error;
            fn try_from(raw: String) -> Result<$name, $error> {
                $name::parse(&raw)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.to_string()
            }
        }
    };
}

/// A code or number kept as the text its `parse` accepted: `as_str` and `Display` too.
macro_rules! checked_text {
    ($name:ident, $error:ty) => {
        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        parsed_from_text!($name, $error);
    };
}

/// An enum whose variants have stable snake_case names (in JSON, forms and the database): the enum with
/// the derives every such enum has, `ALL` in the order written, `as_str`, and `parse`, which trims and
/// then matches a name exactly. With `unknown Error = "what";` also `FromStr`, refusing anything else
/// with that error.
macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)?
        }
        $(unknown $unknown:ident = $what:literal;)?
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            pub const ALL: [$name; [$($text),+].len()] = [$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }

            pub fn parse(raw: &str) -> Option<$name> {
                $name::ALL.into_iter().find(|v| v.as_str() == raw.trim())
            }
        }

        $(
            #[derive(Debug, thiserror::Error, PartialEq, Eq)]
            #[error("{0:?} is not {what}", what = $what)]
            pub struct $unknown(pub String);

            impl std::str::FromStr for $name {
                type Err = $unknown;
                fn from_str(raw: &str) -> Result<$name, $unknown> {
                    $name::parse(raw).ok_or_else(|| $unknown(raw.to_owned()))
                }
            }
        )?
    };
}

pub mod access;
pub mod account;
pub mod base45;
pub mod card;
pub mod checkpoint;
pub mod crossing;
pub mod daily_list;
pub mod date;
pub mod declaration;
pub mod epidemic;
pub mod holder;
pub mod identity;
pub mod paper;
pub mod pass;
pub mod reconciliation;
pub mod registry;
pub mod report;
pub mod retention;
pub mod revocation;
pub mod rules;
pub mod text;
pub mod unit;
pub mod vaccination;
pub mod verdict;

pub use access::{can, Action, Actor, Role, Scope, Target};
pub use identity::{Cccd, DocumentNumber, Sex};
pub use unit::{Unit, UnitCode, UnitTree, UnitTreeError};
pub use vaccination::Doses;

#[cfg(test)]
mod tests {
    use super::*;

    /// `named_enum!` names a variant twice, in JSON (serde's snake_case) and in `as_str` (the literal
    /// written beside it, which forms and the database use): they must be the same name, and it parses back.
    fn one_name_everywhere<T>(
        all: &[T],
        as_str: fn(T) -> &'static str,
        parse: fn(&str) -> Option<T>,
    ) where
        T: Copy + PartialEq + std::fmt::Debug + serde::Serialize,
    {
        for &v in all {
            assert_eq!(serde_json::to_string(&v).unwrap(), format!("\"{}\"", as_str(v)));
            assert_eq!(parse(as_str(v)), Some(v));
        }
    }

    #[test]
    fn every_named_enum_has_one_name_in_json_forms_and_the_database() {
        use declaration::{Field, Symptom, Vehicle};
        one_name_everywhere(
            &crossing::Direction::ALL,
            crossing::Direction::as_str,
            crossing::Direction::parse,
        );
        one_name_everywhere(
            &verdict::Verdict::ALL,
            verdict::Verdict::as_str,
            verdict::Verdict::parse,
        );
        one_name_everywhere(&Vehicle::ALL, Vehicle::as_str, Vehicle::parse);
        one_name_everywhere(&Symptom::ALL, Symptom::as_str, Symptom::parse);
        one_name_everywhere(&Field::ALL, Field::as_str, Field::parse);
        one_name_everywhere(&Role::ALL, Role::as_str, Role::parse);
        let actions = rules::CheckpointAction::ALL;
        one_name_everywhere(
            &actions,
            rules::CheckpointAction::as_str,
            rules::CheckpointAction::parse,
        );
        one_name_everywhere(&Sex::ALL, Sex::as_str, Sex::parse);
        use declaration::{Channel, Problem};
        one_name_everywhere(&Problem::ALL, Problem::as_str, Problem::parse);
        one_name_everywhere(&Channel::ALL, Channel::as_str, Channel::parse);
        let kinds = pass::DocumentKind::ALL;
        one_name_everywhere(&kinds, pass::DocumentKind::as_str, pass::DocumentKind::parse);
        one_name_everywhere(&paper::Column::ALL, paper::Column::as_str, paper::Column::parse);
        one_name_everywhere(&paper::Outcome::ALL, paper::Outcome::as_str, paper::Outcome::parse);
        one_name_everywhere(
            &registry::Column::ALL,
            registry::Column::as_str,
            registry::Column::parse,
        );
        use reconciliation::{Decision, Proposal, Review, Standing};
        one_name_everywhere(&Decision::ALL, Decision::as_str, Decision::parse);
        one_name_everywhere(&Proposal::ALL, Proposal::as_str, Proposal::parse);
        one_name_everywhere(&Review::ALL, Review::as_str, Review::parse);
        one_name_everywhere(&Standing::ALL, Standing::as_str, Standing::parse);
        let fields = reconciliation::Field::ALL;
        one_name_everywhere(&fields, reconciliation::Field::as_str, reconciliation::Field::parse);
        let columns = vaccination::Column::ALL;
        one_name_everywhere(&columns, vaccination::Column::as_str, vaccination::Column::parse);
    }
}
