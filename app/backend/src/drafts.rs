//! What a form without JavaScript must carry from its post to the page it redirects to: a declaration in
//! progress (fields to fix, or a place to search), or a checkpoint scan waiting for the officer's decision.
//! It waits here under a random id for a short while instead of travelling in the URL.

use std::collections::HashMap;
use std::sync::Mutex;

use base64::Engine;
use rand::RngCore;
use time::{Duration, OffsetDateTime};

const MAX_DRAFTS: usize = 20_000;

pub struct Drafts<T> {
    keep_for: Duration,
    map: Mutex<HashMap<String, (OffsetDateTime, T)>>,
}

impl<T: Clone> Drafts<T> {
    pub fn keeping_for(keep_for: Duration) -> Drafts<T> {
        Drafts {
            keep_for,
            map: Mutex::new(HashMap::new()),
        }
    }

    pub fn put(&self, draft: T, now: OffsetDateTime) -> String {
        let mut bytes = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        let id = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
        let keep_for = self.keep_for;
        let mut map = self.map.lock().unwrap_or_else(|p| p.into_inner());
        map.retain(|_, (at, _)| now - *at < keep_for);
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

    pub fn get(&self, id: &str, now: OffsetDateTime) -> Option<T> {
        let map = self.map.lock().unwrap_or_else(|p| p.into_inner());
        map.get(id)
            .filter(|(at, _)| now - *at < self.keep_for)
            .map(|(_, d)| d.clone())
    }
}
