//! The users aggregate.

use sqlx::Row;
use sqlx::any::AnyRow;

use super::filter::{Arg, Conditions, escape_like};
use super::{Result, StoreError, UserReader, UserStore, flag};
use crate::domain::{AccountState, Address, AuditEntry, UnixTime, User};

macro_rules! columns {
    () => {
        "id, email, email_verified, password_hash, name, given_name, family_name, \
     preferred_username, locale, phone_number, phone_number_verified, address, disabled, created_at, updated_at, \
     locked_until, lockouts, password_changed_at, deleted_at, picture"
    };
}

fn user(row: &AnyRow) -> Result<User> {
    let address: Option<String> = row.try_get("address")?;
    Ok(User {
        id: row.try_get("id")?,
        email: row.try_get("email")?,
        email_verified: flag(row, "email_verified")?,
        password_hash: row.try_get("password_hash")?,
        name: row.try_get("name")?,
        given_name: row.try_get("given_name")?,
        family_name: row.try_get("family_name")?,
        preferred_username: row.try_get("preferred_username")?,
        locale: row.try_get("locale")?,
        phone_number: row.try_get("phone_number")?,
        phone_number_verified: flag(row, "phone_number_verified")?,
        address: address
            .map(|a| serde_json::from_str::<Address>(&a))
            .transpose()
            .map_err(|e| StoreError::Corrupt(format!("address: {e}")))?,
        disabled: flag(row, "disabled")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
        locked_until: row.try_get("locked_until")?,
        lockouts: row.try_get("lockouts")?,
        password_changed_at: row.try_get("password_changed_at")?,
        deleted_at: row.try_get("deleted_at")?,
        picture: row.try_get("picture")?,
    })
}

impl UserStore {
    /// Adds a user with the entry of its creation. `Conflict` when the address is taken.
    pub async fn insert_user(&self, u: &User, entry: &AuditEntry) -> Result<()> {
        self.store.change(insert(u), entry).await?;
        Ok(())
    }
}

/// The statement adding `u`.
pub(super) fn insert(u: &User) -> sqlx::query::Query<'_, sqlx::Any, sqlx::any::AnyArguments> {
    sqlx::query(concat!(
        "INSERT INTO users (",
        columns!(),
        ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20)"
    ))
    .bind(&u.id)
    .bind(&u.email)
    .bind(u.email_verified as i64)
    .bind(&u.password_hash)
    .bind(&u.name)
    .bind(&u.given_name)
    .bind(&u.family_name)
    .bind(&u.preferred_username)
    .bind(&u.locale)
    .bind(&u.phone_number)
    .bind(u.phone_number_verified as i64)
    .bind(u.address.as_ref().map(super::to_json))
    .bind(u.disabled as i64)
    .bind(u.created_at)
    .bind(u.updated_at)
    .bind(u.locked_until)
    .bind(u.lockouts)
    .bind(u.password_changed_at)
    .bind(u.deleted_at)
    .bind(&u.picture)
}

impl UserReader {
    pub async fn user_by_id(&self, id: &str) -> Result<Option<User>> {
        let row = sqlx::query(concat!("SELECT ", columns!(), " FROM users WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.store.pool)
            .await?;
        row.as_ref().map(user).transpose()
    }

    /// Looks a user up by e-mail address, case-insensitively (addresses are stored lower-cased).
    pub async fn user_by_email(&self, email: &str) -> Result<Option<User>> {
        let row = sqlx::query(concat!("SELECT ", columns!(), " FROM users WHERE email = $1"))
            .bind(email.trim().to_lowercase())
            .fetch_optional(&self.store.pool)
            .await?;
        row.as_ref().map(user).transpose()
    }

    /// Up to `limit` users matching `filter`, in creation order after `after` (the `created_at`
    /// and id of the last one seen): keyset pagination, as fast on the last page as on the first.
    pub async fn search_users(
        &self,
        filter: &UserFilter,
        after: Option<(i64, &str)>,
        limit: i64,
    ) -> Result<Vec<User>> {
        let mut c = filter.conditions();
        if let Some((at, id)) = after {
            let at = c.then(Arg::Int(at));
            let id = c.then(Arg::Text(id.to_owned()));
            // A row value: both databases read it as a range of the (created_at, id) index.
            c.fixed(&format!("(created_at, id) > ({at}, {id})"));
        }
        let limit = c.then(Arg::Int(limit));
        let sql = format!(
            concat!(
                "SELECT ",
                columns!(),
                " FROM users WHERE 1 = 1{} ORDER BY created_at, id LIMIT {}"
            ),
            c.sql(),
            limit
        );
        let rows = c.query(sql).fetch_all(&self.store.pool).await?;
        rows.iter().map(user).collect()
    }

    /// How many users match `filter`.
    pub async fn count_users(&self, filter: &UserFilter) -> Result<i64> {
        let c = filter.conditions();
        let sql = format!("SELECT COUNT(*) AS n FROM users WHERE 1 = 1{}", c.sql());
        let row = c.query(sql).fetch_one(&self.store.pool).await?;
        Ok(row.try_get("n")?)
    }

    pub async fn list_users(&self, limit: i64, offset: i64) -> Result<Vec<User>> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            columns!(),
            " FROM users ORDER BY created_at, id LIMIT $1 OFFSET $2"
        ))
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.store.pool)
        .await?;
        rows.iter().map(user).collect()
    }
}

/// Which users a search asks for; every condition given must hold.
#[derive(Debug, Clone, Default)]
pub struct UserFilter {
    /// A piece of the address or the name, any case.
    pub text: Option<String>,
    pub email: Option<String>,
    pub state: Option<AccountState>,
    /// Holding this role, directly or through a group.
    pub role_id: Option<String>,
    pub group_id: Option<String>,
    pub created_from: Option<UnixTime>,
    pub created_before: Option<UnixTime>,
    /// The time `state` is judged at (a lockout ends by itself).
    pub now: UnixTime,
}

impl UserFilter {
    fn conditions(&self) -> Conditions {
        let mut c = Conditions::default();
        if let Some(t) = &self.text {
            let pattern = format!("%{}%", escape_like(&t.to_lowercase()));
            c.with(
                "(email LIKE $? ESCAPE '\\' OR LOWER(COALESCE(name, '')) LIKE $? ESCAPE '\\')",
                Arg::Text(pattern),
            );
        }
        if let Some(e) = &self.email {
            c.with("email = $?", Arg::Text(e.trim().to_lowercase()));
        }
        if let Some(r) = &self.role_id {
            c.with(
                "id IN (SELECT user_id FROM user_roles WHERE role_id = $? \
                 UNION SELECT m.user_id FROM user_group_members m \
                 JOIN user_group_roles gr ON gr.group_id = m.group_id WHERE gr.role_id = $?)",
                Arg::Text(r.clone()),
            );
        }
        if let Some(g) = &self.group_id {
            c.with(
                "id IN (SELECT user_id FROM user_group_members WHERE group_id = $?)",
                Arg::Text(g.clone()),
            );
        }
        if let Some(t) = self.created_from {
            c.with("created_at >= $?", Arg::Int(t));
        }
        if let Some(t) = self.created_before {
            c.with("created_at < $?", Arg::Int(t));
        }
        let now = Arg::Int(self.now);
        match self.state {
            // Deleted accounts wait for the purge: listed only when asked for.
            None => c.fixed("deleted_at IS NULL"),
            Some(AccountState::Deleted) => c.fixed("deleted_at IS NOT NULL"),
            Some(AccountState::Disabled) => c.fixed("deleted_at IS NULL AND disabled = 1"),
            Some(AccountState::Locked) => {
                c.with("deleted_at IS NULL AND disabled = 0 AND locked_until > $?", now)
            }
            Some(AccountState::Active) => c.with(
                "deleted_at IS NULL AND disabled = 0 AND (locked_until IS NULL OR locked_until <= $?)",
                now,
            ),
        }
        c
    }
}

/// What the UserInfo endpoint needs about an access token, read in one query.
#[derive(Debug)]
pub struct TokenUser {
    pub user: User,
    /// The token, or the grant it was issued under, was revoked.
    pub revoked: bool,
    /// The grant's OIDC claims request, JSON.
    pub claims_request: Option<String>,
}

impl UserReader {
    /// The user `user_id` with the revocation state and claims request of access token `jti`:
    /// one round trip for the UserInfo hot path.
    pub async fn user_for_access_token(&self, jti: &str, user_id: &str) -> Result<Option<TokenUser>> {
        let row = sqlx::query(
            "SELECT u.*, a.revoked_at AS token_revoked, g.revoked_at AS grant_revoked, g.claims AS grant_claims \
             FROM users u LEFT JOIN access_tokens a ON a.jti = $1 LEFT JOIN grants g ON g.id = a.grant_id \
             WHERE u.id = $2",
        )
        .bind(jti)
        .bind(user_id)
        .fetch_optional(&self.store.pool)
        .await?;
        let Some(r) = row else { return Ok(None) };
        let token_revoked: Option<i64> = r.try_get("token_revoked")?;
        let grant_revoked: Option<i64> = r.try_get("grant_revoked")?;
        Ok(Some(TokenUser {
            user: user(&r)?,
            revoked: token_revoked.is_some() || grant_revoked.is_some(),
            claims_request: r.try_get("grant_claims")?,
        }))
    }
}
