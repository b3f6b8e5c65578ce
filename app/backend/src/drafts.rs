//! What a form without JavaScript must carry from its post to the page it redirects to: a declaration in
//! progress (fields to fix, or a place to search), or a checkpoint scan waiting for the officer's decision.
//! It waits in the database under a random id for a short while instead of travelling in the URL, so
//! any app server can show it, and it is refused when larger than a form could honestly make it.

use crate::Result;
use std::marker::PhantomData;

use base64::Engine;
use rand::RngCore;
use serde::de::DeserializeOwned;
use serde::Serialize;
use time::{Duration, OffsetDateTime};

use super::db::Db;
use super::{store, AppError};

/// A declaration with every field at its longest is a few kilobytes as JSON.
const MAX_DRAFT_BYTES: usize = 16 * 1024;

pub struct Drafts<T> {
    kind: &'static str,
    keep_for: Duration,
    draft: PhantomData<fn() -> T>,
}

impl<T> Clone for Drafts<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Drafts<T> {}

impl<T: Serialize + DeserializeOwned> Drafts<T> {
    pub const fn keeping_for(kind: &'static str, keep_for: Duration) -> Drafts<T> {
        Drafts { kind, keep_for, draft: PhantomData }
    }

    /// Keeps a draft and returns its id; expired drafts of every kind go at the same time.
    pub async fn put(&self, db: &Db, draft: &T, now: OffsetDateTime) -> Result<String> {
        let body = serde_json::to_string(draft).map_err(|e| AppError::Unexpected(e.into()))?;
        if body.len() > MAX_DRAFT_BYTES {
            return Err(AppError::TooLarge);
        }
        let mut bytes = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        let id = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
        let mut tx = db.write.begin().await?;
        store::drafts::delete_expired(&mut *tx, now).await?;
        store::drafts::insert(&mut *tx, &id, self.kind, &body, now + self.keep_for).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The draft under `id`, if it is of this kind and has not expired.
    pub async fn get(&self, db: &Db, id: &str, now: OffsetDateTime) -> Result<Option<T>> {
        if id.len() > 64 {
            return Ok(None);
        }
        let body = store::drafts::body(&db.read, id, self.kind, now).await?;
        Ok(body.and_then(|b| serde_json::from_str(&b).ok()))
    }
}
