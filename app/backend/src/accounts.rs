//! Use cases of an official's own account: log in, be recognised by a session token, log out,
//! change the password.

use crate::Result;
use std::fmt;
use std::net::IpAddr;
use std::time::Instant;

use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

use super::store::audit::{self, By, Entry};
use super::store::{self, users::User};
use super::throttle::LoginRefusal;
use super::{password, AppError, AppState, Official};
use contract::dto::Me;
use contract::error::ErrorCode;
use domain::access::Binding;
use domain::account::{check_new_password, normalise_username};
use domain::{Actor, Scope};

/// Browser sessions ride in a cookie; API sessions in an Authorization header. Both expire alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionKind {
    Browser,
    Api,
}

impl SessionKind {
    fn as_str(self) -> &'static str {
        match self {
            SessionKind::Browser => "browser",
            SessionKind::Api => "api",
        }
    }
}

/// A session token as handed to its holder once; only its hash is stored.
#[derive(Clone, PartialEq, Eq)]
pub struct SessionToken(String);

impl SessionToken {
    pub fn new(raw: impl Into<String>) -> SessionToken {
        SessionToken(raw.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub(crate) fn hash(&self) -> String {
        format!("{:x}", Sha256::digest(self.0.as_bytes()))
    }

    fn generate() -> SessionToken {
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        SessionToken(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
    }
}

impl fmt::Debug for SessionToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SessionToken(..)")
    }
}

pub struct NewSession {
    pub token: SessionToken,
    pub expires_at: time::OffsetDateTime,
}

#[tracing::instrument(skip(state, password), fields(username = %username))]
pub async fn login(
    state: &AppState,
    client: IpAddr,
    username: &str,
    password: &str,
    kind: SessionKind,
) -> Result<NewSession> {
    let key = username.trim().to_lowercase();
    match state.throttle.attempt(client, &key, Instant::now()) {
        Ok(()) => {}
        Err(LoginRefusal::AccountCeiling) => {
            // Someone is trying this account from many addresses: the administrators see it in the trail.
            Entry::new("login_throttled_account", "account", &key)
                .saying(format!("from {client}"))
                .record(&state.db.write, state.now(), By::Anonymous(&key))
                .await?;
            return Err(AppError::Throttled);
        }
        Err(_) => return Err(AppError::Throttled),
    }
    let user = match normalise_username(username) {
        Ok(name) => store::users::by_username(&state.db.read, &name).await?,
        Err(_) => None,
    };
    let matches =
        password::verify(password.to_owned(), user.as_ref().map(|u| u.password_hash.clone()))
            .await?;
    let now = state.now();
    let mut tx = state.db.write.begin().await?;
    let attempt = |action| Entry {
        action,
        target_kind: "account",
        target_id: &key,
        unit_code: None,
        detail: format!("from {client}"),
    };
    let user = match user {
        Some(user) if matches => user,
        _ => {
            state.throttle.failed(client, &key, Instant::now());
            audit::record(&mut *tx, now, By::Anonymous(&key), attempt("login_failed")).await?;
            tx.commit().await?;
            return Err(AppError::BadCredentials);
        }
    };
    if !in_force(state, &user) {
        audit::record(&mut *tx, now, By::Anonymous(&key), attempt("login_refused_disabled"))
            .await?;
        tx.commit().await?;
        return Err(AppError::AccountDisabled);
    }
    let token = SessionToken::generate();
    let ttl =
        time::Duration::try_from(state.config.session_ttl).unwrap_or(time::Duration::hours(12));
    let expires_at = now + ttl;
    let token_hash = token.hash();
    let session = store::sessions::Session {
        token_hash: &token_hash,
        user_id: user.id,
        kind: kind.as_str(),
        created_at: now,
        expires_at,
    };
    store::sessions::insert(&mut *tx, session).await?;
    let official = Official::of_account(actor_of(&user)?);
    audit::record(&mut *tx, now, By::Official(&official), attempt("login")).await?;
    state.throttle.succeeded(client, &key);
    tx.commit().await?;
    Ok(NewSession { token, expires_at })
}

/// The official behind a session token, or Unauthenticated: the only way a request becomes an `Official`.
pub async fn authenticate(state: &AppState, token: &SessionToken) -> Result<Official> {
    let user_id = store::sessions::live_user(&state.db.read, &token.hash(), state.now())
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let user =
        store::users::by_id(&state.db.read, user_id).await?.ok_or(AppError::Unauthenticated)?;
    if !in_force(state, &user) {
        return Err(AppError::AccountDisabled);
    }
    actor_of(&user).map(Official::of_account)
}

/// The domain's rule (`account::in_force`) applied to a stored account and the unit tree in force.
fn in_force(state: &AppState, user: &User) -> bool {
    let unit_in_tree = user.unit_code.as_ref().map(|unit| state.units().tree.get(unit).is_some());
    domain::account::in_force(user.active, user.checkpoint_active, unit_in_tree)
}

pub async fn logout(state: &AppState, token: &SessionToken) -> Result<()> {
    store::sessions::delete(&state.db.write, &token.hash()).await?;
    Ok(())
}

pub async fn change_password(
    state: &AppState,
    actor: &Official,
    token: &SessionToken,
    current: &str,
    new: &str,
    repeat: &str,
) -> Result<()> {
    if new != repeat {
        return Err(AppError::Validation(ErrorCode::PasswordMismatch));
    }
    check_new_password(new)?;
    let user = store::users::by_id(&state.db.read, actor.user_id)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    if !password::verify(current.to_owned(), Some(user.password_hash)).await? {
        return Err(AppError::Validation(ErrorCode::WrongCurrentPassword));
    }
    let hash = password::hash(new.to_owned()).await?;
    let now = state.now();
    let mut tx = state.db.write.begin().await?;
    store::users::set_password(&mut *tx, actor.user_id, &hash, now).await?;
    store::sessions::delete_for_user(&mut *tx, actor.user_id, Some(&token.hash())).await?;
    Entry::new("change_password", "user", &actor.user_id.to_string())
        .record(&mut *tx, now, By::Official(actor))
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The logged-in official with the name of their scope, for the page header.
pub async fn me(state: &AppState, actor: &Official) -> Result<Me> {
    let scope_name = match &actor.scope {
        Scope::Country => None,
        Scope::Unit(code) => Some(state.units().tree.full_name(code)),
        Scope::Checkpoint { code, .. } => store::checkpoints::by_code(&state.db.read, code)
            .await?
            .map(|c| format!("{} — {}", c.code, c.name)),
    };
    Ok(Me {
        username: actor.username.clone(),
        role: actor.role,
        scope: actor.scope.clone(),
        scope_name,
    })
}

fn actor_of(user: &User) -> Result<Actor> {
    let broken =
        || AppError::Unexpected(anyhow::anyhow!("account {} has no valid scope", user.username));
    let scope = match user.role.binding() {
        Binding::Country => Scope::Country,
        Binding::Unit => Scope::Unit(user.unit_code.clone().ok_or_else(broken)?),
        Binding::Checkpoint => Scope::Checkpoint {
            code: user.checkpoint_code.as_ref().ok_or_else(broken)?.to_string(),
            unit: user.checkpoint_unit.clone().ok_or_else(broken)?,
        },
    };
    Ok(Actor { user_id: user.id, username: user.username.clone(), role: user.role, scope })
}
