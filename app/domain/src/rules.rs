//! A province's rules for its checkpoints: what to do with a traveller by the risk level of the place they
//! come from. Rules are data, edited by an administrator; this module only reads them.

use serde::{Deserialize, Serialize};

use crate::epidemic::RiskLevel;

named_enum! {
    /// What the officer does with the traveller.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub enum CheckpointAction {
        LetThrough = "let_through",
        /// Let through, and the destination commune is told so it can follow up.
        NotifyDestination = "notify_destination", SendForTesting = "send_for_testing",
        TurnBack = "turn_back",
    }
    unknown UnknownAction = "a checkpoint action";
}

/// The action for a traveller from outside any epidemic area, then for each level 1 to 4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rules {
    pub outside: CheckpointAction,
    pub by_level: [CheckpointAction; 4],
}

impl Default for Rules {
    /// Where a province has set nothing: let people through, have the destination follow up travellers
    /// from level-3 areas and test those from level-4 areas.
    fn default() -> Rules {
        use CheckpointAction::*;
        Rules {
            outside: LetThrough,
            by_level: [LetThrough, LetThrough, NotifyDestination, SendForTesting],
        }
    }
}

impl Rules {
    pub fn action_for(&self, origin_level: Option<RiskLevel>) -> CheckpointAction {
        match origin_level {
            None => self.outside,
            Some(level) => self.by_level[usize::from(level.number() - 1)],
        }
    }

    pub fn set(&mut self, level: Option<RiskLevel>, action: CheckpointAction) {
        match level {
            None => self.outside = action,
            Some(level) => self.by_level[usize::from(level.number() - 1)] = action,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_level_has_its_own_action() {
        let mut rules = Rules::default();
        assert_eq!(rules.action_for(None), CheckpointAction::LetThrough);
        assert_eq!(rules.action_for(Some(RiskLevel::VeryHigh)), CheckpointAction::SendForTesting);
        rules.set(Some(RiskLevel::VeryHigh), CheckpointAction::TurnBack);
        rules.set(None, CheckpointAction::NotifyDestination);
        assert_eq!(rules.action_for(Some(RiskLevel::VeryHigh)), CheckpointAction::TurnBack);
        assert_eq!(rules.action_for(Some(RiskLevel::High)), CheckpointAction::NotifyDestination);
        assert_eq!(rules.action_for(None), CheckpointAction::NotifyDestination);
    }

    #[test]
    fn actions_have_stable_names() {
        for action in CheckpointAction::ALL {
            assert_eq!(CheckpointAction::parse(action.as_str()), Some(action));
            let json = serde_json::to_string(&action).unwrap();
            assert_eq!(json, format!("\"{}\"", action.as_str()));
        }
        assert!(CheckpointAction::parse("shoot").is_none());
        assert!("shoot".parse::<CheckpointAction>().is_err());
    }
}
