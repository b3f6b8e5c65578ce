//! Who may do what, decided in one place. Every server function and API endpoint asks `can`;
//! the unit tree answers where a target lies, so this module stays free of I/O.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::checkpoint::CheckpointCode;
use crate::unit::{Unit, UnitCode};

named_enum! {
    pub enum Role {
        Admin = "admin", National = "national", Province = "province", District = "district",
        Commune = "commune", CommuneChief = "commune_chief", CheckpointOfficer = "checkpoint_officer",
        DataEntry = "data_entry", Steering = "steering",
    }
    unknown UnknownRole =
        "a role (admin, national, province, district, commune, commune_chief, checkpoint_officer, data_entry, steering)";
}

impl Role {
    /// What a role is bound to: nothing (the whole country), a unit, or a checkpoint.
    pub fn binding(self) -> Binding {
        match self {
            Role::Admin | Role::National => Binding::Country,
            Role::Province
            | Role::District
            | Role::Commune
            | Role::CommuneChief
            | Role::Steering => Binding::Unit,
            Role::CheckpointOfficer | Role::DataEntry => Binding::Checkpoint,
        }
    }

    /// The unit level a unit-bound role must sit at, where the role implies one.
    pub fn unit_level(self) -> Option<&'static [&'static str]> {
        match self {
            Role::Province => Some(&["province"]),
            Role::District => Some(&["district"]),
            Role::Commune | Role::CommuneChief => Some(&["commune"]),
            Role::Steering => Some(&["district", "commune"]),
            _ => None,
        }
    }

    /// Whether an account of this role may be bound to a unit at `level`.
    pub fn may_sit_at(self, level: &str) -> bool {
        self.binding() == Binding::Unit
            && self.unit_level().is_none_or(|levels| levels.contains(&level))
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Binding {
    Country,
    Unit,
    Checkpoint,
}

/// Where an official's authority lies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scope {
    Country,
    Unit(UnitCode),
    /// A checkpoint and the unit it stands in.
    Checkpoint {
        code: String,
        unit: UnitCode,
    },
}

/// A unit or checkpoint as an administrator named it for a new account, once looked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup<T> {
    /// The field was left empty.
    NotGiven,
    /// Something was typed, but no such unit or checkpoint exists (or it is not even a code).
    NotFound,
    Found(T),
}

#[derive(Debug, Error, PartialEq, Eq, Clone, Copy)]
pub enum ScopeError {
    #[error("this role covers the whole country and takes no unit or checkpoint")]
    NotAllowed,
    #[error("this role needs a unit")]
    UnitRequired,
    #[error("there is no such unit")]
    UnknownUnit,
    #[error("the unit is not at the level this role works at")]
    UnitLevelMismatch,
    #[error("this role needs a checkpoint")]
    CheckpointRequired,
    #[error("there is no such checkpoint")]
    UnknownCheckpoint,
}

/// The scope an account with `role` gets from what the administrator named: country roles take neither
/// a unit nor a checkpoint; unit roles need a unit at their level; checkpoint roles need a checkpoint
/// (given with the unit it stands in). What a role does not take is otherwise ignored, as the
/// administrator's form offers both fields for every role.
pub fn scope_for(
    role: Role,
    unit: Lookup<&Unit>,
    checkpoint: Lookup<(&CheckpointCode, &UnitCode)>,
) -> Result<Scope, ScopeError> {
    match role.binding() {
        Binding::Country => match (unit, checkpoint) {
            (Lookup::NotGiven, Lookup::NotGiven) => Ok(Scope::Country),
            _ => Err(ScopeError::NotAllowed),
        },
        Binding::Unit => match unit {
            Lookup::NotGiven => Err(ScopeError::UnitRequired),
            Lookup::NotFound => Err(ScopeError::UnknownUnit),
            Lookup::Found(unit) if role.may_sit_at(&unit.level) => {
                Ok(Scope::Unit(unit.code.clone()))
            }
            Lookup::Found(_) => Err(ScopeError::UnitLevelMismatch),
        },
        Binding::Checkpoint => match checkpoint {
            Lookup::NotGiven => Err(ScopeError::CheckpointRequired),
            Lookup::NotFound => Err(ScopeError::UnknownCheckpoint),
            Lookup::Found((code, unit)) => {
                Ok(Scope::Checkpoint { code: code.as_str().to_owned(), unit: unit.clone() })
            }
        },
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub user_id: i64,
    pub username: String,
    pub role: Role,
    pub scope: Scope,
}

impl Actor {
    /// The actor's own scope as a target: what "in my unit" or "at my checkpoint" means. A unit target
    /// needs only the unit itself here, since the actor's unit is on its own path.
    pub fn own_target(&self) -> Target<'_> {
        match &self.scope {
            Scope::Country => Target::Country,
            Scope::Unit(code) => Target::Unit(std::slice::from_ref(code)),
            Scope::Checkpoint { code, unit } => {
                Target::Checkpoint { code, unit: std::slice::from_ref(unit) }
            }
        }
    }

    /// Whether the actor may do `action` on the system or within their own scope: what a menu offers.
    pub fn may(&self, action: Action) -> bool {
        can(self, action, Target::System) || can(self, action, self.own_target())
    }
}

/// What is being acted on. Unit and checkpoint targets carry the unit path (the unit, then its
/// ancestors) so that "is it inside my unit" is answered without I/O.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target<'a> {
    /// System-wide things: users, checkpoints, keys, unit trees, epidemic areas, the audit trail.
    System,
    /// The whole country: every unit at once, as a national overview reads it.
    Country,
    Unit(&'a [UnitCode]),
    /// A checkpoint, with the path of the unit it stands in.
    Checkpoint {
        code: &'a str,
        unit: &'a [UnitCode],
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    ManageUsers,
    ManageCheckpoints,
    ManageAreas,
    ManageKeys,
    /// Load an administrative-unit tree, or make another one the tree in force.
    ManageUnits,
    /// Load the population registry or vaccination records from the national databases' extracts.
    ImportRegistry,
    ReadAudit,
    /// See the units, counts and lists of a place (no personal data).
    ViewUnit,
    /// See a person's data (registry entry, declaration) filed under a unit.
    ReadPersonalData,
    /// Pass a unit's daily list down to it: the level above the unit does (national staff for a
    /// province, a province for its districts, a district for its communes).
    ForwardDailyList,
    /// Confirm that a unit's own daily list has reached it: the unit's police do.
    AcknowledgeDailyList,
    /// Build the lists of a past day on demand, as the scheduler does at the configured time.
    CloseDay,
    /// Purge the personal records held past the retention period, as the scheduler does daily.
    PurgeRecords,
    ReconcileArrival,
    /// Accept or reject the registry corrections a commune's police propose: the commune chief does.
    ReviewRegistryCorrection,
    ReadReports,
    /// Approve a commune's daily report for its steering committee, which locks it: the commune chief.
    ApproveReport,
    ScanPass,
    RecordCrossing,
    /// Find a person's live pass by the ID number an officer types.
    LookUpPerson,
    /// See a checkpoint's crossings of a day (they name people): its officers and the police above it.
    ReadCrossings,
    EnterPaperDeclaration,
}

/// The one authorisation decision of ZonePass.
pub fn can(actor: &Actor, action: Action, target: Target<'_>) -> bool {
    use Action::*;
    use Role::*;
    let in_scope = || match (&actor.scope, target) {
        (Scope::Country, Target::Country | Target::Unit(_) | Target::Checkpoint { .. }) => true,
        (Scope::Unit(mine), Target::Unit(path) | Target::Checkpoint { unit: path, .. }) => {
            path.contains(mine)
        }
        (Scope::Checkpoint { code, .. }, Target::Checkpoint { code: asked, .. }) => code == asked,
        _ => false,
    };
    match action {
        ManageUsers | ManageCheckpoints | ManageAreas | ManageKeys | ManageUnits
        | ImportRegistry | ReadAudit | CloseDay | PurgeRecords => {
            actor.role == Admin && target == Target::System
        }
        ViewUnit => {
            matches!(actor.role, National | Province | District | Commune | CommuneChief | Steering)
                && in_scope()
        }
        ReadPersonalData => {
            matches!(actor.role, National | Province | District | Commune | CommuneChief)
                && in_scope()
        }
        // The path of a unit is the unit, then its ancestors: its parent is `path[1]`, and a unit with
        // no parent is a province, whose list national staff hand over.
        ForwardDailyList => match (&actor.scope, target) {
            (Scope::Country, Target::Unit(path)) => actor.role == National && path.len() == 1,
            (Scope::Unit(mine), Target::Unit(path)) => {
                matches!(actor.role, Province | District) && path.get(1) == Some(mine)
            }
            _ => false,
        },
        AcknowledgeDailyList => match (&actor.scope, target) {
            (Scope::Unit(mine), Target::Unit(path)) => {
                matches!(actor.role, Province | District | Commune) && path.first() == Some(mine)
            }
            _ => false,
        },
        ReconcileArrival => actor.role == Commune && in_scope(),
        ReviewRegistryCorrection | ApproveReport => actor.role == CommuneChief && in_scope(),
        ReadReports => {
            matches!(actor.role, National | Province | District | Commune | CommuneChief | Steering)
                && in_scope()
        }
        ScanPass | RecordCrossing | LookUpPerson => actor.role == CheckpointOfficer && in_scope(),
        ReadCrossings => {
            matches!(actor.role, National | Province | District | Commune | CheckpointOfficer)
                && in_scope()
        }
        EnterPaperDeclaration => matches!(actor.role, DataEntry | CheckpointOfficer) && in_scope(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn code(c: &str) -> UnitCode {
        UnitCode::parse(c).unwrap()
    }

    fn actor(role: Role) -> Actor {
        let scope = match role.binding() {
            Binding::Country => Scope::Country,
            Binding::Unit => Scope::Unit(match role {
                Province => code("30"),
                District => code("288"),
                _ => code("10507"),
            }),
            Binding::Checkpoint => Scope::Checkpoint { code: "HD01".into(), unit: code("10507") },
        };
        Actor { user_id: 1, username: role.as_str().into(), role, scope }
    }

    use Role::*;

    /// A commune of Hải Dương (30 > 288 > 10507), a sibling commune, and a commune of another province.
    fn home() -> Vec<UnitCode> {
        vec![code("10507"), code("288"), code("30")]
    }
    fn sibling() -> Vec<UnitCode> {
        vec![code("10510"), code("288"), code("30")]
    }
    fn elsewhere() -> Vec<UnitCode> {
        vec![code("00004"), code("001"), code("01")]
    }

    #[rstest]
    #[case(National, true, true, true)]
    #[case(Province, true, true, false)]
    #[case(District, true, true, false)]
    #[case(Commune, true, false, false)]
    #[case(Admin, false, false, false)]
    #[case(Steering, false, false, false)]
    #[case(CheckpointOfficer, false, false, false)]
    #[case(DataEntry, false, false, false)]
    fn personal_data_is_read_only_by_police_within_their_unit(
        #[case] role: Role,
        #[case] home_ok: bool,
        #[case] sibling_ok: bool,
        #[case] elsewhere_ok: bool,
    ) {
        let a = actor(role);
        assert_eq!(can(&a, Action::ReadPersonalData, Target::Unit(&home())), home_ok);
        assert_eq!(can(&a, Action::ReadPersonalData, Target::Unit(&sibling())), sibling_ok);
        assert_eq!(can(&a, Action::ReadPersonalData, Target::Unit(&elsewhere())), elsewhere_ok);
    }

    #[rstest]
    #[case(National, true, true)]
    #[case(Province, true, false)]
    #[case(District, true, false)]
    #[case(Commune, true, false)]
    #[case(Steering, true, false)]
    #[case(Admin, false, false)]
    #[case(CheckpointOfficer, false, false)]
    #[case(DataEntry, false, false)]
    fn units_are_viewed_within_scope(
        #[case] role: Role,
        #[case] home_ok: bool,
        #[case] elsewhere_ok: bool,
    ) {
        let a = actor(role);
        assert_eq!(can(&a, Action::ViewUnit, Target::Unit(&home())), home_ok);
        assert_eq!(can(&a, Action::ViewUnit, Target::Unit(&elsewhere())), elsewhere_ok);
    }

    #[test]
    fn only_the_commune_chief_approves_its_communes_report_and_reviews_its_corrections() {
        for action in [Action::ApproveReport, Action::ReviewRegistryCorrection] {
            for role in Role::ALL {
                let a = actor(role);
                assert_eq!(can(&a, action, Target::Unit(&home())), role == CommuneChief, "{role}");
                assert!(!can(&a, action, Target::Unit(&sibling())), "{role}");
            }
        }
        // The chief reads the commune's people and reports, and leaves the reconciling to its police.
        let chief = actor(CommuneChief);
        assert!(can(&chief, Action::ReadReports, Target::Unit(&home())));
        assert!(can(&chief, Action::ReadPersonalData, Target::Unit(&home())));
        assert!(!can(&chief, Action::ReconcileArrival, Target::Unit(&home())));
        assert!(can(&actor(Steering), Action::ReadReports, Target::Unit(&home())));
    }

    #[test]
    fn only_an_administrator_manages_the_system() {
        for role in Role::ALL {
            let a = actor(role);
            for action in [
                Action::ManageUsers,
                Action::ManageCheckpoints,
                Action::ManageAreas,
                Action::ManageKeys,
                Action::ManageUnits,
                Action::ImportRegistry,
                Action::ReadAudit,
                Action::CloseDay,
                Action::PurgeRecords,
            ] {
                assert_eq!(can(&a, action, Target::System), role == Admin, "{role} {action:?}");
                assert!(!can(&a, action, Target::Unit(&home())));
                assert!(!can(&a, action, Target::Country));
            }
        }
    }

    fn hd01(path: &[UnitCode]) -> Target<'_> {
        Target::Checkpoint { code: "HD01", unit: path }
    }
    fn hd02(path: &[UnitCode]) -> Target<'_> {
        Target::Checkpoint { code: "HD02", unit: path }
    }

    #[rstest]
    #[case(CheckpointOfficer, true, true)]
    #[case(DataEntry, false, true)]
    #[case(National, false, false)]
    #[case(Province, false, false)]
    #[case(Admin, false, false)]
    fn checkpoint_work_is_done_only_at_ones_own_checkpoint(
        #[case] role: Role,
        #[case] scans: bool,
        #[case] types_paper: bool,
    ) {
        let a = actor(role);
        let path = home();
        assert_eq!(can(&a, Action::RecordCrossing, hd01(&path)), scans);
        assert_eq!(can(&a, Action::ScanPass, hd01(&path)), scans);
        assert_eq!(can(&a, Action::LookUpPerson, hd01(&path)), scans);
        assert_eq!(can(&a, Action::EnterPaperDeclaration, hd01(&path)), types_paper);
        assert!(!can(&a, Action::RecordCrossing, hd02(&path)));
        assert!(!can(&a, Action::LookUpPerson, hd02(&path)));
        assert!(!can(&a, Action::EnterPaperDeclaration, hd02(&path)));
    }

    #[rstest]
    #[case(CheckpointOfficer, true, false, false)]
    #[case(National, true, true, true)]
    #[case(Province, true, true, false)]
    #[case(District, true, true, false)]
    #[case(Commune, true, false, false)]
    #[case(DataEntry, false, false, false)]
    #[case(Steering, false, false, false)]
    #[case(Admin, false, false, false)]
    fn a_checkpoints_crossings_are_read_by_its_officers_and_the_police_above_it(
        #[case] role: Role,
        #[case] own: bool,
        #[case] sibling_commune: bool,
        #[case] other_province: bool,
    ) {
        let a = actor(role);
        let (home, sibling, elsewhere) = (home(), sibling(), elsewhere());
        assert_eq!(can(&a, Action::ReadCrossings, hd01(&home)), own);
        assert_eq!(can(&a, Action::ReadCrossings, hd02(&sibling)), sibling_commune);
        assert_eq!(can(&a, Action::ReadCrossings, hd02(&elsewhere)), other_province);
    }

    /// A list is forwarded to a unit by the level right above it, and acknowledged by the unit itself.
    #[rstest]
    #[case(National, &["30"], true, false)]
    #[case(National, &["288", "30"], false, false)]
    #[case(Province, &["30"], false, true)]
    #[case(Province, &["288", "30"], true, false)]
    #[case(Province, &["10507", "288", "30"], false, false)]
    #[case(Province, &["001", "01"], false, false)]
    #[case(District, &["288", "30"], false, true)]
    #[case(District, &["10507", "288", "30"], true, false)]
    #[case(District, &["10510", "288", "30"], true, false)]
    #[case(District, &["289", "30"], false, false)]
    #[case(District, &["10600", "289", "30"], false, false)]
    #[case(Commune, &["10507", "288", "30"], false, true)]
    #[case(Commune, &["10510", "288", "30"], false, false)]
    #[case(Steering, &["10507", "288", "30"], false, false)]
    #[case(Admin, &["30"], false, false)]
    #[case(CheckpointOfficer, &["10507", "288", "30"], false, false)]
    fn lists_are_forwarded_by_the_level_above_and_acknowledged_by_the_unit(
        #[case] role: Role,
        #[case] path: &[&str],
        #[case] forwards: bool,
        #[case] acknowledges: bool,
    ) {
        let a = actor(role);
        let path: Vec<UnitCode> = path.iter().map(|c| code(c)).collect();
        assert_eq!(can(&a, Action::ForwardDailyList, Target::Unit(&path)), forwards);
        assert_eq!(can(&a, Action::AcknowledgeDailyList, Target::Unit(&path)), acknowledges);
        assert!(!can(&a, Action::ForwardDailyList, Target::Country));
    }

    #[test]
    fn on_a_two_tier_tree_a_province_forwards_straight_to_its_communes() {
        let path = [code("10507"), code("30")];
        assert!(can(&actor(Province), Action::ForwardDailyList, Target::Unit(&path)));
        assert!(can(&actor(Commune), Action::AcknowledgeDailyList, Target::Unit(&path)));
    }

    #[test]
    fn only_an_administrator_closes_a_day_on_demand() {
        for role in Role::ALL {
            assert_eq!(actor(role).may(Action::CloseDay), role == Admin, "{role}");
        }
    }

    #[rstest]
    #[case(National, true)]
    #[case(Province, false)]
    #[case(Steering, false)]
    #[case(Admin, false)]
    fn only_national_police_view_the_whole_country(#[case] role: Role, #[case] views: bool) {
        assert_eq!(can(&actor(role), Action::ViewUnit, Target::Country), views);
    }

    /// What each role is offered: the actions it may take within its own scope or on the system.
    #[rstest]
    #[case(Admin, &[Action::ManageUsers, Action::ManageCheckpoints, Action::ManageAreas, Action::ReadAudit])]
    #[case(National, &[Action::ViewUnit, Action::ReadPersonalData, Action::ReadCrossings])]
    #[case(Commune, &[Action::ViewUnit, Action::ReadPersonalData, Action::ReconcileArrival, Action::ReadCrossings])]
    #[case(Steering, &[Action::ViewUnit, Action::ReadReports])]
    #[case(CheckpointOfficer, &[Action::ScanPass, Action::RecordCrossing, Action::LookUpPerson, Action::ReadCrossings])]
    #[case(DataEntry, &[Action::EnterPaperDeclaration])]
    fn each_role_may_act_within_its_own_scope(#[case] role: Role, #[case] offered: &[Action]) {
        let a = actor(role);
        for action in offered {
            assert!(a.may(*action), "{role} {action:?}");
        }
        assert_eq!(a.may(Action::ScanPass), role == CheckpointOfficer);
        assert_eq!(a.may(Action::ManageUsers), role == Admin);
    }

    #[test]
    fn only_commune_police_reconcile_and_only_in_their_commune() {
        assert!(can(&actor(Commune), Action::ReconcileArrival, Target::Unit(&home())));
        assert!(!can(&actor(Commune), Action::ReconcileArrival, Target::Unit(&sibling())));
        assert!(!can(&actor(District), Action::ReconcileArrival, Target::Unit(&home())));
    }

    #[test]
    fn steering_reads_reports_but_no_personal_data() {
        let s = actor(Steering);
        assert!(can(&s, Action::ReadReports, Target::Unit(&home())));
        assert!(!can(&s, Action::ReadPersonalData, Target::Unit(&home())));
    }

    fn unit_at(c: &str, level: &str) -> Unit {
        Unit {
            code: code(c),
            name: format!("Unit {c}"),
            level: level.into(),
            unit_type: level.into(),
            parent: None,
            lat: None,
            lon: None,
        }
    }

    #[derive(Clone, Copy, Debug)]
    enum Named {
        Nothing,
        Unknown,
        Province,
        District,
        Commune,
    }

    /// One row per role and what the administrator named: the scope given, or why not.
    #[rstest]
    #[case(Admin, Named::Nothing, false, Ok("country"))]
    #[case(National, Named::Nothing, false, Ok("country"))]
    #[case(National, Named::Province, false, Err(ScopeError::NotAllowed))]
    #[case(National, Named::Unknown, false, Err(ScopeError::NotAllowed))]
    #[case(Admin, Named::Nothing, true, Err(ScopeError::NotAllowed))]
    #[case(Province, Named::Province, false, Ok("unit 30"))]
    #[case(Province, Named::District, false, Err(ScopeError::UnitLevelMismatch))]
    #[case(District, Named::District, false, Ok("unit 288"))]
    #[case(District, Named::Commune, false, Err(ScopeError::UnitLevelMismatch))]
    #[case(Commune, Named::Commune, false, Ok("unit 10507"))]
    #[case(Commune, Named::District, false, Err(ScopeError::UnitLevelMismatch))]
    #[case(Commune, Named::Nothing, false, Err(ScopeError::UnitRequired))]
    #[case(Commune, Named::Unknown, false, Err(ScopeError::UnknownUnit))]
    #[case(Commune, Named::Commune, true, Ok("unit 10507"))]
    #[case(Steering, Named::District, false, Ok("unit 288"))]
    #[case(Steering, Named::Commune, false, Ok("unit 10507"))]
    #[case(Steering, Named::Province, false, Err(ScopeError::UnitLevelMismatch))]
    #[case(CheckpointOfficer, Named::Nothing, true, Ok("checkpoint HD01 in 10507"))]
    #[case(DataEntry, Named::Nothing, true, Ok("checkpoint HD01 in 10507"))]
    #[case(DataEntry, Named::Commune, true, Ok("checkpoint HD01 in 10507"))]
    #[case(DataEntry, Named::Nothing, false, Err(ScopeError::CheckpointRequired))]
    #[case(CheckpointOfficer, Named::Commune, false, Err(ScopeError::CheckpointRequired))]
    fn each_role_holds_only_its_own_kind_of_scope(
        #[case] role: Role,
        #[case] named: Named,
        #[case] checkpoint_named: bool,
        #[case] expected: Result<&str, ScopeError>,
    ) {
        let province = unit_at("30", "province");
        let district = unit_at("288", "district");
        let commune = unit_at("10507", "commune");
        let unit = match named {
            Named::Nothing => Lookup::NotGiven,
            Named::Unknown => Lookup::NotFound,
            Named::Province => Lookup::Found(&province),
            Named::District => Lookup::Found(&district),
            Named::Commune => Lookup::Found(&commune),
        };
        let hd01 = CheckpointCode::parse("HD01").unwrap();
        let its_unit = code("10507");
        let checkpoint =
            if checkpoint_named { Lookup::Found((&hd01, &its_unit)) } else { Lookup::NotGiven };
        let described = scope_for(role, unit, checkpoint).map(|scope| match scope {
            Scope::Country => "country".to_owned(),
            Scope::Unit(c) => format!("unit {c}"),
            Scope::Checkpoint { code, unit } => format!("checkpoint {code} in {unit}"),
        });
        assert_eq!(described, expected.map(str::to_owned));
    }

    #[test]
    fn an_unknown_checkpoint_is_named_for_checkpoint_roles() {
        assert_eq!(
            scope_for(DataEntry, Lookup::NotGiven, Lookup::NotFound),
            Err(ScopeError::UnknownCheckpoint)
        );
        assert_eq!(
            scope_for(National, Lookup::NotGiven, Lookup::NotFound),
            Err(ScopeError::NotAllowed)
        );
    }

    #[test]
    fn only_unit_roles_sit_at_a_unit_level() {
        assert!(Province.may_sit_at("province"));
        assert!(!Province.may_sit_at("commune"));
        assert!(Steering.may_sit_at("commune"));
        assert!(!National.may_sit_at("province"));
        assert!(!CheckpointOfficer.may_sit_at("commune"));
    }

    #[test]
    fn role_names_round_trip() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>().unwrap(), role);
        }
        assert!("superuser".parse::<Role>().is_err());
    }
}
