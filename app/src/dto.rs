//! What crosses from the server to the browser and to API clients. No password hash or secret has a field here.

use domain::Role;
use serde::{Deserialize, Serialize};

/// The logged-in official, as the pages need them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Me {
    pub username: String,
    pub role: Role,
    /// Human name of the scope: a unit's full name, a checkpoint's name, or the whole country.
    pub scope_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserView {
    pub id: i64,
    pub username: String,
    pub role: Role,
    pub unit_code: Option<String>,
    pub unit_name: Option<String>,
    pub checkpoint_code: Option<String>,
    pub active: bool,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckpointView {
    pub code: String,
    pub name: String,
    pub unit_code: String,
    pub unit_name: String,
    pub road: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditView {
    pub at: String,
    pub actor_username: String,
    pub action: String,
    pub target_kind: String,
    pub target_id: String,
    pub unit_code: Option<String>,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitCount {
    pub code: String,
    pub name: String,
    pub level: String,
    pub residents: i64,
}

/// What an official sees of their own scope: the place, the units below it and aggregate counts only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ScopeOverview {
    Units {
        /// None for the whole country.
        unit_code: Option<String>,
        unit_name: String,
        residents: i64,
        children: Vec<UnitCount>,
    },
    Checkpoint(CheckpointView),
    Administration {
        users: i64,
        checkpoints: i64,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonView {
    pub document_number: String,
    pub full_name: String,
    pub birth_date: String,
    pub sex: domain::Sex,
    pub commune_code: String,
    pub residence: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PassStatus {
    Valid,
    Expired,
    /// A newer declaration replaced this pass.
    Replaced,
}

/// A pass as its holder's page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PassView {
    pub id: String,
    pub full_name: String,
    pub document_number: String,
    pub birth_date: String,
    pub origin: String,
    pub destination: String,
    /// Unix seconds.
    pub expires_at: i64,
    /// The expiry in Vietnam's time, as people read it.
    pub expires_local: String,
    /// The server's clock when the page was made.
    pub now: i64,
    pub status: PassStatus,
    pub qr_svg: String,
}

/// The declaration form between two rounds: what was typed, the provinces chosen for the three places,
/// and what needs fixing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeclarationDraft {
    pub input: domain::declaration::DeclarationInput,
    pub residence_province: String,
    pub origin_province: String,
    pub destination_province: String,
    pub errors: Vec<domain::declaration::FieldError>,
    pub error: Option<crate::error::ErrorCode>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitOption {
    pub code: String,
    pub name: String,
}

/// The communes of a province, grouped by district (or in one group where the tree has no districts).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommuneGroup {
    pub name: String,
    pub communes: Vec<UnitOption>,
}
