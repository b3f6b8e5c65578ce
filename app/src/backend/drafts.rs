//! Declarations in progress, for the form without JavaScript: when a post needs another round (fields to
//! fix, or a province chosen so its communes can be listed) the answers wait here under a random id for a
//! short while instead of travelling in the URL.

use std::collections::HashMap;
use std::sync::Mutex;

use base64::Engine;
use rand::RngCore;
use time::{Duration, OffsetDateTime};

use crate::dto::DeclarationDraft;

const KEEP_FOR: Duration = Duration::minutes(30);
const MAX_DRAFTS: usize = 20_000;

#[derive(Default)]
pub struct Drafts(Mutex<HashMap<String, (OffsetDateTime, DeclarationDraft)>>);

impl Drafts {
    pub fn put(&self, draft: DeclarationDraft, now: OffsetDateTime) -> String {
        let mut bytes = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        let id = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
        let mut map = self.0.lock().unwrap_or_else(|p| p.into_inner());
        map.retain(|_, (at, _)| now - *at < KEEP_FOR);
        if map.len() >= MAX_DRAFTS {
            // Under a flood, the oldest answers go first; nothing stored here is an accepted declaration.
            if let Some(oldest) = map
                .iter()
                .min_by_key(|(_, (at, _))| *at)
                .map(|(k, _)| k.clone())
            {
                map.remove(&oldest);
            }
        }
        map.insert(id.clone(), (now, draft));
        id
    }

    pub fn get(&self, id: &str, now: OffsetDateTime) -> Option<DeclarationDraft> {
        let map = self.0.lock().unwrap_or_else(|p| p.into_inner());
        map.get(id)
            .filter(|(at, _)| now - *at < KEEP_FOR)
            .map(|(_, d)| d.clone())
    }
}
