//! Who a use case acts for. Only the session layer (a live session token, in `accounts`) and the operator
//! console can make an `Official`, so a use case that takes one knows who is asking; what they may do is
//! still decided by `domain::can`, through `Official::authorise`.

use crate::Result;
use std::ops::Deref;

use domain::checkpoint::CheckpointCode;
use domain::{can, Action, Actor, Role, Scope, Target, UnitCode};

use super::AppError;

/// An authenticated official, or the operator at the server console acting as an administrator.
///
/// Code outside the backend cannot make one from an account without a session:
///
/// ```compile_fail
/// let actor = domain::Actor {
///     user_id: 1,
///     username: "admin".into(),
///     role: domain::Role::Admin,
///     scope: domain::Scope::Country,
/// };
/// let official = backend::Official::of_account(actor);
/// ```
#[derive(Debug, Clone)]
pub struct Official {
    actor: Actor,
    operator: bool,
}

impl Official {
    /// The session layer's constructor: the account behind a live session, or one that just logged in.
    pub(crate) fn of_account(actor: Actor) -> Official {
        Official { actor, operator: false }
    }

    /// The operator of the `zonepass` command on the server: may do what an administrator may, and is
    /// recorded in the audit trail as `operator:NAME`.
    pub fn operator(name: &str) -> Official {
        Official {
            actor: Actor {
                user_id: 0,
                username: format!("operator:{name}"),
                role: Role::Admin,
                scope: Scope::Country,
            },
            operator: true,
        }
    }

    /// The operator typing in a checkpoint's paper forms from the console (`zonepass import-paper`): for
    /// `can`, that checkpoint's data-entry officer, and nothing more; `operator:NAME` in the audit trail.
    pub fn operator_at_checkpoint(name: &str, code: &CheckpointCode, unit: UnitCode) -> Official {
        Official {
            actor: Actor {
                user_id: 0,
                username: format!("operator:{name}"),
                role: Role::DataEntry,
                scope: Scope::Checkpoint { code: code.as_str().to_owned(), unit },
            },
            operator: true,
        }
    }

    /// The account's id; none for the console operator, who has no account.
    pub fn account_id(&self) -> Option<i64> {
        (!self.operator).then_some(self.actor.user_id)
    }

    /// Goes on when `can` allows the action on the target, and refuses otherwise.
    pub fn authorise(&self, action: Action, target: Target<'_>) -> Result<()> {
        if can(&self.actor, action, target) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

/// The actor is what `can` judges and what the audit trail names; reading it gives no power.
impl Deref for Official {
    type Target = Actor;

    fn deref(&self) -> &Actor {
        &self.actor
    }
}
