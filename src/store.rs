//! Persistence: the only module that speaks SQL. One [`Store`] handle, one file per aggregate.
//!
//! Aggregates are moving to repositories with scoped handles (users and clients so far): a
//! caller handed a reader cannot reach a write. This compiles:
//!
//! ```
//! # async fn f(store: portcullis::store::Store, user: &portcullis::domain::User, entry: &portcullis::domain::AuditEntry) {
//! let users = store.users();
//! users.insert_user(user, entry).await.ok();
//! let reader = users.reader();
//! reader.user_by_id(&user.id).await.ok();
//! # }
//! ```
//!
//! and this does not, as a reader has no write:
//!
//! ```compile_fail,E0599
//! # async fn f(store: portcullis::store::Store, user: &portcullis::domain::User, entry: &portcullis::domain::AuditEntry) {
//! let reader = store.users().reader();
//! reader.insert_user(user, entry).await.ok();
//! # }
//! ```
//!
//! Both backends go through sqlx's `Any` driver with one set of queries: placeholders are `$N`
//! (which SQLite also understands), times are Unix seconds in 64-bit integers, flags are 0/1
//! integers and JSON is text. Migrations are per backend, with the same numbers.

mod accounts;
mod api_keys;
mod audit;
mod client_cache;
mod clients;
mod codes;
mod consents;
mod devices;
mod filter;
pub mod grants;
mod identity_providers;
mod keys;
pub mod mfa;
mod registration;
pub mod roles;
mod sessions;
mod users;

use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Row};

pub use crate::domain::Session;
pub use audit::AuditFilter;
pub use codes::AuthorizationCodeRecord;
pub use consents::ConsentRecord;
pub use devices::DeviceRecord;
pub use grants::{Grant, RefreshOutcome, RefreshTokenRecord};
pub use users::{TokenUser, UserFilter};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("already exists")]
    Conflict,
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
}

impl StoreError {
    /// The database could not be reached or did not answer (down, restarting, pool exhausted,
    /// a connection lost mid-query): worth retrying, unlike invalid stored data.
    pub fn is_unavailable(&self) -> bool {
        matches!(self, StoreError::Database(_) | StoreError::Migrate(_))
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Debug, Clone)]
pub struct Store {
    /// Reads (and, on PostgreSQL, everything).
    pool: AnyPool,
    /// Writes. On SQLite a single connection: writers queue in-process instead of meeting
    /// SQLITE_BUSY, whose busy handler sleeps in steps of milliseconds.
    writer: AnyPool,
    backend: Backend,
    /// Shared by the clones of one store: see client_cache.rs.
    clients: std::sync::Arc<client_cache::ClientCache>,
}

/// A repository of one aggregate, as two handles (lldap's access-controlled handlers are the
/// model): `$store` reads and writes, `$reader` only reads. `$store` dereferences to `$reader`,
/// so a writer reads too, and a caller handed only `$reader` (`$store::reader`) cannot reach a
/// write.
macro_rules! repository {
    ($store:ident, $reader:ident, $accessor:ident, $what:literal) => {
        #[doc = concat!("Reads and changes ", $what, ".")]
        #[derive(Debug, Clone)]
        pub struct $store {
            reader: $reader,
        }

        #[doc = concat!("Reads ", $what, " only: a holder of this handle cannot change them.")]
        #[derive(Debug, Clone)]
        pub struct $reader {
            store: Store,
        }

        impl Store {
            #[doc = concat!("The repository of ", $what, ".")]
            pub fn $accessor(&self) -> $store {
                $store {
                    reader: $reader {
                        store: self.clone(),
                    },
                }
            }
        }

        impl $store {
            /// The read-only handle of this repository.
            pub fn reader(&self) -> $reader {
                self.reader.clone()
            }
        }

        impl std::ops::Deref for $store {
            type Target = $reader;
            fn deref(&self) -> &$reader {
                &self.reader
            }
        }
    };
}

repository!(UserStore, UserReader, users, "users");
repository!(ClientStore, ClientReader, clients, "clients (relying parties)");
repository!(KeyStore, KeyReader, keys, "signing keys");
repository!(SessionStore, SessionReader, sessions, "SSO sessions");
repository!(ConsentStore, ConsentReader, consents, "consents");
repository!(DeviceStore, DeviceReader, devices, "remembered devices");
repository!(CodeStore, CodeReader, codes, "authorization codes");
repository!(GrantStore, GrantReader, grants, "grants and their tokens");
repository!(MfaStore, MfaReader, mfa, "second factors");
repository!(AuditStore, AuditReader, audit, "the audit log");
repository!(RoleStore, RoleReader, roles, "roles, their holders and groups");
repository!(ApiKeyStore, ApiKeyReader, api_keys, "API keys of the admin API");
repository!(
    IdentityProviderStore,
    IdentityProviderReader,
    identity_providers,
    "upstream identity providers and the identities linked to them"
);

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

impl Store {
    /// Connects to `url` (`sqlite:` or `postgres://`). SQLite runs in WAL mode with a busy
    /// timeout so that concurrent writers wait instead of failing.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            Backend::Postgres
        };
        if backend == Backend::Sqlite {
            ensure_sqlite_dir(url);
        }
        let connect = AnyConnectOptions::from_str(url)?;
        let max = match (max_connections, backend) {
            (0, Backend::Sqlite) => 8,
            (0, Backend::Postgres) => 16,
            (n, _) => n,
        };
        let options = |max: u32| {
            AnyPoolOptions::new()
                .max_connections(max)
                .acquire_timeout(Duration::from_secs(10))
                // A SQLite connection is a file handle that cannot go stale, and the test is
                // one more trip to its thread per query. A PostgreSQL server may have dropped
                // an idle connection: test it.
                .test_before_acquire(backend == Backend::Postgres)
                .after_connect(move |conn, _| {
                    Box::pin(async move {
                        if backend == Backend::Sqlite {
                            for pragma in [
                                "PRAGMA journal_mode = WAL",
                                "PRAGMA synchronous = NORMAL",
                                "PRAGMA busy_timeout = 10000",
                                "PRAGMA foreign_keys = ON",
                            ] {
                                sqlx::query(pragma).execute(&mut *conn).await?;
                            }
                        }
                        Ok(())
                    })
                })
        };
        let pool = options(max).connect_with(connect.clone()).await?;
        let writer = match backend {
            Backend::Sqlite => options(1).connect_with(connect).await?,
            Backend::Postgres => pool.clone(),
        };
        Ok(Store {
            pool,
            writer,
            backend,
            clients: Default::default(),
        })
    }

    /// Applies forward-only migrations for this backend.
    pub async fn migrate(&self) -> Result<()> {
        match self.backend {
            Backend::Sqlite => SQLITE_MIGRATIONS.run(&self.writer).await?,
            Backend::Postgres => POSTGRES_MIGRATIONS.run(&self.writer).await?,
        }
        Ok(())
    }

    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Open and idle connections of the read pool (on SQLite the writer adds one).
    pub fn pool_stats(&self) -> (u32, usize) {
        (self.pool.size(), self.pool.num_idle())
    }

    pub async fn close(&self) {
        self.pool.close().await;
        self.writer.close().await;
    }

    /// Deletes rows past their expiry: codes, refresh and access token records, ended sessions.
    pub async fn sweep_expired(&self, now: i64) -> Result<u64> {
        let mut n = 0;
        for sql in [
            "DELETE FROM authorization_codes WHERE expires_at < $1",
            "DELETE FROM refresh_tokens WHERE expires_at < $1",
            "DELETE FROM access_tokens WHERE expires_at < $1",
            "DELETE FROM sessions WHERE expires_at < $1",
        ] {
            n += sqlx::query(sql)
                .bind(now)
                .execute(&self.writer)
                .await?
                .rows_affected();
        }
        Ok(n)
    }
}

/// The database file, its WAL and shared-memory files and their directory are private
/// (0600/0700; SQLite gives the WAL the database file's mode). A failure surfaces as a clear
/// connect error right after.
fn ensure_sqlite_dir(url: &str) {
    let path = url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
    let path = path.split('?').next().unwrap_or("");
    if path.is_empty() || path.contains(":memory:") || url.contains("mode=memory") {
        return;
    }
    let path = std::path::Path::new(path);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let _ = crate::files::private_dir(dir);
    }
    let _ = crate::files::ensure_private_file(path);
    for suffix in ["-wal", "-shm"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        let _ = crate::files::restrict(std::path::Path::new(&side), 0o600);
    }
}

fn conflict_or(e: sqlx::Error) -> StoreError {
    match &e {
        sqlx::Error::Database(d) if d.is_unique_violation() => StoreError::Conflict,
        _ => StoreError::Database(e),
    }
}

fn flag(row: &AnyRow, col: &str) -> Result<bool> {
    Ok(row.try_get::<i64, _>(col)? != 0)
}

fn json_list(row: &AnyRow, col: &str) -> Result<Vec<String>> {
    let s: String = row.try_get(col)?;
    serde_json::from_str(&s).map_err(|e| StoreError::Corrupt(format!("{col}: {e}")))
}

fn to_json<T: serde::Serialize>(v: &T) -> String {
    // Serialising plain lists and maps of strings cannot fail.
    serde_json::to_string(v).unwrap_or_else(|_| "null".into())
}
