//! ZonePass domain: the rules of the system in plain Rust, with no I/O, clock or randomness.
//! Compiled into the server and into the WASM client so both decide the same way.

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
