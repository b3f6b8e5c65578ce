//! Who may do what, decided in one place. Every server function and API endpoint asks `can`;
//! the unit tree answers where a target lies, so this module stays free of I/O.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::unit::UnitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    National,
    Province,
    District,
    Commune,
    CheckpointOfficer,
    DataEntry,
    Steering,
}

impl Role {
    pub const ALL: [Role; 8] = [
        Role::Admin,
        Role::National,
        Role::Province,
        Role::District,
        Role::Commune,
        Role::CheckpointOfficer,
        Role::DataEntry,
        Role::Steering,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::National => "national",
            Role::Province => "province",
            Role::District => "district",
            Role::Commune => "commune",
            Role::CheckpointOfficer => "checkpoint_officer",
            Role::DataEntry => "data_entry",
            Role::Steering => "steering",
        }
    }

    /// What a role is bound to: nothing (the whole country), a unit, or a checkpoint.
    pub fn binding(self) -> Binding {
        match self {
            Role::Admin | Role::National => Binding::Country,
            Role::Province | Role::District | Role::Commune | Role::Steering => Binding::Unit,
            Role::CheckpointOfficer | Role::DataEntry => Binding::Checkpoint,
        }
    }

    /// The unit level a unit-bound role must sit at, where the role implies one.
    pub fn unit_level(self) -> Option<&'static [&'static str]> {
        match self {
            Role::Province => Some(&["province"]),
            Role::District => Some(&["district"]),
            Role::Commune => Some(&["commune"]),
            Role::Steering => Some(&["district", "commune"]),
            _ => None,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Error, PartialEq, Eq)]
#[error("unknown role {0:?}; roles are admin, national, province, district, commune, checkpoint_officer, data_entry, steering")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s.trim())
            .ok_or_else(|| UnknownRole(s.to_owned()))
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub user_id: i64,
    pub username: String,
    pub role: Role,
    pub scope: Scope,
}

/// What is being acted on. A unit target carries its path (the unit, then its ancestors) so that
/// "is it inside my unit" is answered without I/O.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target<'a> {
    /// System-wide things: users, checkpoints, keys, epidemic areas, the audit trail.
    System,
    Unit(&'a [UnitCode]),
    Checkpoint(&'a str),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    ManageUsers,
    ManageCheckpoints,
    ManageAreas,
    ManageKeys,
    ReadAudit,
    /// See the units, counts and lists of a place (no personal data).
    ViewUnit,
    /// See a person's data (registry entry, declaration) filed under a unit.
    ReadPersonalData,
    ForwardDailyList,
    ReconcileArrival,
    ReadReports,
    ScanPass,
    RecordCrossing,
    LookUpPerson,
    EnterPaperDeclaration,
}

/// The one authorisation decision of ZonePass.
pub fn can(actor: &Actor, action: Action, target: Target<'_>) -> bool {
    use Action::*;
    use Role::*;
    let in_scope = || match (&actor.scope, target) {
        (Scope::Country, Target::Unit(_)) => true,
        (Scope::Unit(mine), Target::Unit(path)) => path.contains(mine),
        (Scope::Checkpoint { code, .. }, Target::Checkpoint(asked)) => code == asked,
        _ => false,
    };
    match action {
        ManageUsers | ManageCheckpoints | ManageAreas | ManageKeys | ReadAudit => {
            actor.role == Admin && target == Target::System
        }
        ViewUnit => {
            matches!(
                actor.role,
                National | Province | District | Commune | Steering
            ) && in_scope()
        }
        ReadPersonalData | ForwardDailyList => {
            matches!(actor.role, National | Province | District | Commune) && in_scope()
        }
        ReconcileArrival => actor.role == Commune && in_scope(),
        ReadReports => {
            matches!(
                actor.role,
                National | Province | District | Commune | Steering
            ) && in_scope()
        }
        ScanPass | RecordCrossing | LookUpPerson => actor.role == CheckpointOfficer && in_scope(),
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
            Binding::Checkpoint => Scope::Checkpoint {
                code: "HD01".into(),
                unit: code("10507"),
            },
        };
        Actor {
            user_id: 1,
            username: role.as_str().into(),
            role,
            scope,
        }
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
        assert_eq!(
            can(&a, Action::ReadPersonalData, Target::Unit(&home())),
            home_ok
        );
        assert_eq!(
            can(&a, Action::ReadPersonalData, Target::Unit(&sibling())),
            sibling_ok
        );
        assert_eq!(
            can(&a, Action::ReadPersonalData, Target::Unit(&elsewhere())),
            elsewhere_ok
        );
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
        assert_eq!(
            can(&a, Action::ViewUnit, Target::Unit(&elsewhere())),
            elsewhere_ok
        );
    }

    #[rstest]
    fn only_an_administrator_manages_the_system(
        #[values(
            Admin,
            National,
            Province,
            District,
            Commune,
            CheckpointOfficer,
            DataEntry,
            Steering
        )]
        role: Role,
    ) {
        let a = actor(role);
        for action in [
            Action::ManageUsers,
            Action::ManageCheckpoints,
            Action::ManageAreas,
            Action::ManageKeys,
            Action::ReadAudit,
        ] {
            assert_eq!(
                can(&a, action, Target::System),
                role == Admin,
                "{role} {action:?}"
            );
            assert!(!can(&a, action, Target::Unit(&home())));
        }
    }

    #[rstest]
    #[case(CheckpointOfficer, true, true)]
    #[case(DataEntry, false, true)]
    #[case(National, false, false)]
    #[case(Admin, false, false)]
    fn checkpoint_work_is_done_only_at_ones_own_checkpoint(
        #[case] role: Role,
        #[case] scans: bool,
        #[case] types_paper: bool,
    ) {
        let a = actor(role);
        assert_eq!(
            can(&a, Action::RecordCrossing, Target::Checkpoint("HD01")),
            scans
        );
        assert_eq!(can(&a, Action::ScanPass, Target::Checkpoint("HD01")), scans);
        assert_eq!(
            can(
                &a,
                Action::EnterPaperDeclaration,
                Target::Checkpoint("HD01")
            ),
            types_paper
        );
        assert!(!can(&a, Action::RecordCrossing, Target::Checkpoint("HD02")));
        assert!(!can(
            &a,
            Action::EnterPaperDeclaration,
            Target::Checkpoint("HD02")
        ));
    }

    #[test]
    fn only_commune_police_reconcile_and_only_in_their_commune() {
        assert!(can(
            &actor(Commune),
            Action::ReconcileArrival,
            Target::Unit(&home())
        ));
        assert!(!can(
            &actor(Commune),
            Action::ReconcileArrival,
            Target::Unit(&sibling())
        ));
        assert!(!can(
            &actor(District),
            Action::ReconcileArrival,
            Target::Unit(&home())
        ));
    }

    #[test]
    fn steering_reads_reports_but_no_personal_data() {
        let s = actor(Steering);
        assert!(can(&s, Action::ReadReports, Target::Unit(&home())));
        assert!(!can(&s, Action::ReadPersonalData, Target::Unit(&home())));
    }

    #[test]
    fn role_names_round_trip() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>().unwrap(), role);
        }
        assert!("superuser".parse::<Role>().is_err());
    }
}
