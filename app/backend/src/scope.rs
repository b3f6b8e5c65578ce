//! What an official sees of their own scope: the place, the units below it and counts, never personal data.

use crate::Result;
use std::collections::HashMap;

use super::{store, AppError, AppState, Official};
use contract::dto::{ScopeOverview, UnitCount};
use domain::{can, Action, Scope, Target, UnitCode};

pub async fn overview(state: &AppState, actor: &Official) -> Result<ScopeOverview> {
    let units = state.units();
    if can(actor, Action::ManageUsers, Target::System) {
        return Ok(ScopeOverview::Administration {
            users: store::users::count(&state.db.read).await?,
            checkpoints: store::checkpoints::count(&state.db.read).await?,
        });
    }
    match &actor.scope {
        Scope::Checkpoint { code, .. } => {
            if !actor.may(Action::ScanPass) && !actor.may(Action::EnterPaperDeclaration) {
                return Err(AppError::Forbidden);
            }
            let cp = store::checkpoints::by_code(&state.db.read, code)
                .await?
                .ok_or(AppError::NotFound)?;
            Ok(ScopeOverview::Checkpoint(super::admin::checkpoint_view(cp, &units.tree)))
        }
        Scope::Country => {
            actor.authorise(Action::ViewUnit, Target::Country)?;
            // The country has no row of its own: its children are the roots of the tree.
            let roots: Vec<_> = units.tree.roots().collect();
            let per_commune =
                store::registry::residents_by_commune(&state.db.read, &units.id, "/").await?;
            let children = count_under(&units.tree, roots.iter().map(|u| &u.code), &per_commune);
            Ok(ScopeOverview::Units {
                unit_code: None,
                unit_name: String::new(),
                residents: children.iter().map(|c| c.residents).sum(),
                children,
            })
        }
        Scope::Unit(code) => {
            let path = units.tree.path_of(code);
            if !can(actor, Action::ViewUnit, Target::Unit(&path)) {
                return Err(AppError::Forbidden);
            }
            let per_commune = store::registry::residents_by_commune(
                &state.db.read,
                &units.id,
                &units.tree.path_key(code),
            )
            .await?;
            let child_codes: Vec<UnitCode> =
                units.tree.children_of(code).map(|u| u.code.clone()).collect();
            let children = count_under(&units.tree, child_codes.iter(), &per_commune);
            Ok(ScopeOverview::Units {
                unit_code: Some(code.to_string()),
                unit_name: units.tree.full_name(code),
                residents: per_commune.iter().map(|(_, n)| n).sum(),
                children,
            })
        }
    }
}

/// Adds each commune's count to the child (of the scope) that contains it: one pass, no query per unit.
fn count_under<'a>(
    tree: &domain::UnitTree,
    children: impl Iterator<Item = &'a UnitCode>,
    per_commune: &[(UnitCode, i64)],
) -> Vec<UnitCount> {
    let children: Vec<&UnitCode> = children.collect();
    let mut totals: HashMap<&UnitCode, i64> = children.iter().map(|c| (*c, 0)).collect();
    for (commune, n) in per_commune {
        if let Some(child) =
            tree.path_of(commune).iter().find_map(|c| children.iter().find(|x| **x == c))
        {
            *totals.entry(child).or_default() += n;
        }
    }
    children
        .into_iter()
        .filter_map(|c| tree.get(c))
        .map(|u| UnitCount {
            code: u.code.to_string(),
            name: u.name.clone(),
            level: u.level.clone(),
            residents: totals.get(&u.code).copied().unwrap_or_default(),
        })
        .collect()
}
