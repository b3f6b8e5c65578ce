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
pub mod date;
pub mod declaration;
pub mod epidemic;
pub mod holder;
pub mod identity;
pub mod pass;
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
