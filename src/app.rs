//! Wiring: the application state, the router with its middleware, and the server's lifecycle.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{FromRef, State};
use axum::http::{Request, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, RequestId, SetRequestIdLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};

use crate::audit::Audit;
use crate::authn::codes::OneTimeCodes;
use crate::authn::{Accounts, RateLimiter, Sessions};
use crate::cache::{Cache, MemoryCache, RedisCache};
use crate::config::Config;
use crate::crypto::encryption::MasterKey;
use crate::crypto::keyring::Keyring;
use crate::crypto::password::PasswordHasherPool;
use crate::domain::Clock;
use crate::http::{assets, security};
use crate::oidc::Provider;
use crate::store::Store;
use crate::{jobs, login_ui, oidc};

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("master key: {0}")]
    MasterKey(#[from] crate::crypto::CryptoError),
    #[error("database ({url}): {source}")]
    Database {
        url: String,
        source: crate::store::StoreError,
    },
    #[error("redis: {0}")]
    Redis(#[from] crate::cache::CacheError),
    #[error("signing keys: {0}")]
    Keys(#[from] jobs::keys::KeyError),
    #[error("http client: {0}")]
    Http(#[from] reqwest::Error),
    #[error("{0}")]
    Notify(#[from] crate::notify::NotifyError),
}

/// Everything a request handler may need, passed explicitly (no globals).
#[derive(Clone)]
pub struct AppState {
    pub provider: Provider,
    pub accounts: Accounts,
}

impl FromRef<AppState> for Provider {
    fn from_ref(s: &AppState) -> Provider {
        s.provider.clone()
    }
}

impl FromRef<AppState> for Accounts {
    fn from_ref(s: &AppState) -> Accounts {
        s.accounts.clone()
    }
}

/// Opens the database (running migrations) and, when configured, Redis.
pub async fn open_store(config: &Config) -> Result<Store, StartError> {
    let db_err = |source| StartError::Database {
        url: redacted(&config.database_url),
        source,
    };
    let store = Store::connect(&config.database_url, config.database_max_connections)
        .await
        .map_err(db_err)?;
    store.migrate().await.map_err(db_err)?;
    Ok(store)
}

/// A database URL without its password, for messages.
fn redacted(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        _ => url.to_owned(),
    }
}

/// Connects to Redis when configured; otherwise an in-process cache.
pub async fn open_cache(config: &Config) -> Result<Arc<dyn Cache>, StartError> {
    Ok(match &config.redis_url {
        Some(url) => Arc::new(RedisCache::connect(url, &config.redis_key_prefix).await?),
        None => Arc::new(MemoryCache::new()),
    })
}

impl AppState {
    /// Builds the state: master key, database, cache, keyring, services.
    pub async fn build(config: Config, clock: Arc<dyn Clock>) -> Result<AppState, StartError> {
        let cache = open_cache(&config).await?;
        Self::build_with_cache(config, clock, cache).await
    }

    /// [`Self::build`] around a cache that is already open: nodes in one process (the tests'
    /// two-node deployments) share the in-process cache as real nodes share Redis.
    pub async fn build_with_cache(
        config: Config,
        clock: Arc<dyn Clock>,
        cache: Arc<dyn Cache>,
    ) -> Result<AppState, StartError> {
        let config = Arc::new(config);
        let master = MasterKey::load(&config.master_key)?;
        let store = open_store(&config).await?;
        let keyring = Arc::new(Keyring::new(
            jobs::keys::load(&store, &master, &config, clock.now()).await?,
        ));
        let passwords = PasswordHasherPool::new()?;
        let sessions = Sessions::new(store.clone(), clock.clone(), config.clone());
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(5))
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        let audit = Audit::new(store.clone(), clock.clone());
        let limits = RateLimiter::new(cache.clone(), clock.clone(), config.rate_limits.clone());
        let accounts = Accounts {
            store: store.clone(),
            cache: cache.clone(),
            clock: clock.clone(),
            config: config.clone(),
            passwords,
            sessions: sessions.clone(),
            codes: OneTimeCodes::new(cache.clone(), master.clone()),
            limits: limits.clone(),
            notifier: crate::notify::Notifier::new(&config, http.clone())?,
            audit: audit.clone(),
        };
        let provider = Provider {
            discovery: oidc::discovery::metadata(&config).to_string().into(),
            config,
            store,
            cache,
            keyring,
            master,
            clock,
            sessions,
            http,
            audit,
            limits,
        };
        Ok(AppState { provider, accounts })
    }

    /// Starts the background jobs: keyring reload and expiry sweeps.
    pub fn spawn_jobs(&self) {
        let p = &self.provider;
        jobs::keys::spawn_refresh(
            p.keyring.clone(),
            p.store.clone(),
            p.master.clone(),
            p.config.clone(),
            p.clock.clone(),
        );
        jobs::sweep::spawn(p.store.clone(), p.clock.clone(), p.config.clone());
    }
}

/// The router with its middleware. Order (outermost first): request id, tracing, security
/// headers, handlers.
pub fn app(state: AppState) -> Router {
    let https = state.provider.config.is_https();
    Router::new()
        .merge(oidc::endpoints::routes())
        .merge(login_ui::routes())
        .route("/health/live", get(live))
        .route("/health/ready", get(ready))
        .route("/static/{name}", get(assets::get_asset))
        .fallback(not_found)
        .layer(axum::middleware::from_fn(move |req, next| security::apply(https, req, next)))
        .layer(
            // Paths only: query strings carry codes and tokens, which must never be logged.
            TraceLayer::new_for_http().make_span_with(|req: &Request<_>| {
                let id = req
                    .extensions()
                    .get::<RequestId>()
                    .and_then(|id| id.header_value().to_str().ok())
                    .unwrap_or("")
                    .to_owned();
                tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id = %id)
            })
            .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)),
        )
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .with_state(state)
}

async fn live() -> &'static str {
    "ok"
}

/// Ready when the database (and Redis, when configured) answer.
async fn ready(State(p): State<Provider>) -> Response {
    let db = p.store.ping().await;
    let cache = p.cache.ping().await;
    match (db, cache) {
        (Ok(()), Ok(())) => axum::Json(serde_json::json!({"status": "ready"})).into_response(),
        (db, cache) => {
            tracing::warn!(database = ?db.err().map(|e| e.to_string()), cache = ?cache.err().map(|e| e.to_string()), "not ready");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                axum::Json(serde_json::json!({"status": "unavailable"})),
            )
                .into_response()
        }
    }
}

async fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        axum::Json(serde_json::json!({"error": "not_found"})),
    )
        .into_response()
}

/// Serves until SIGTERM or Ctrl-C, then stops accepting and drains in-flight requests.
pub async fn serve(state: AppState, listener: tokio::net::TcpListener) -> std::io::Result<()> {
    let store = state.provider.store.clone();
    let router = app(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    store.close().await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down: draining in-flight requests");
}
