//! Wiring: the application state, the router with its middleware, and the server's lifecycle.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{FromRef, State};
use axum::http::{Request, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tower_http::request_id::{PropagateRequestIdLayer, RequestId, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

use crate::audit::Audit;
use crate::authn::{Accounts, AccountsParts, RateLimiter, Sessions};
use crate::cache::one_time::OneTimeCodes;
use crate::cache::{Cache, MemoryCache, RedisCache};
use crate::config::Config;
use crate::crypto::encryption::MasterKey;
use crate::crypto::keyring::Keyring;
use crate::crypto::password::PasswordHasherPool;
use crate::domain::Clock;
use crate::http::edge::{self, Edge};
use crate::http::request_id::RandomRequestId;
use crate::http::{assets, observe, outage};
use crate::metrics::Metrics;
use crate::oidc::{Provider, ProviderParts};
use crate::store::Store;
use crate::{jobs, login_ui, oidc, server};

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
    #[error("messages: {0}")]
    Messages(#[from] crate::i18n::I18nError),
    #[error("brand: {0}")]
    Brand(#[from] crate::brand::BrandError),
    #[error("TLS: {0}")]
    Tls(#[from] crate::server::tls::TlsError),
    #[error("{setting}: cannot listen on {addr}: {source}")]
    Listen {
        setting: &'static str,
        addr: SocketAddr,
        source: std::io::Error,
    },
}

/// Everything a request handler may need, passed explicitly (no globals).
#[derive(Clone)]
pub struct AppState {
    pub provider: Provider,
    pub accounts: Accounts,
    /// The management services (see manage.rs).
    pub clients: crate::manage::Clients,
    pub roles: crate::manage::Roles,
    pub api_keys: crate::manage::ApiKeys,
    /// Sign-ins through upstream identity providers.
    pub federation: crate::federation::Federation,
    pub saml: crate::saml::Saml,
}

impl FromRef<AppState> for Provider {
    fn from_ref(s: &AppState) -> Provider {
        s.provider.clone()
    }
}

impl FromRef<AppState> for Arc<crate::i18n::Catalog> {
    fn from_ref(s: &AppState) -> Arc<crate::i18n::Catalog> {
        s.provider.messages.clone()
    }
}

impl FromRef<AppState> for crate::admin_api::Admin {
    fn from_ref(s: &AppState) -> crate::admin_api::Admin {
        let p = &s.provider;
        crate::admin_api::Admin {
            provider: p.clone(),
            accounts: s.accounts.clone(),
            clients: s.clients.clone(),
            roles: s.roles.clone(),
            api_keys: s.api_keys.clone(),
            keys: crate::manage::Keys::new(
                p.store.clone(),
                p.master.clone(),
                p.config.clone(),
                p.clock.clone(),
            ),
            identity_providers: crate::manage::IdentityProviders::new(
                &p.store,
                p.master.clone(),
                p.clock.clone(),
            ),
        }
    }
}

impl FromRef<AppState> for crate::federation::Federation {
    fn from_ref(s: &AppState) -> crate::federation::Federation {
        s.federation.clone()
    }
}

impl FromRef<AppState> for crate::login_ui::upstream::Upstreams {
    fn from_ref(s: &AppState) -> crate::login_ui::upstream::Upstreams {
        crate::login_ui::upstream::Upstreams {
            federation: s.federation.clone(),
            saml: s.saml.clone(),
        }
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
        url: crate::config::redact_url(&config.database_url),
        source,
    };
    let store = Store::connect(&config.database_url, config.database_max_connections)
        .await
        .map_err(db_err)?;
    store.migrate().await.map_err(db_err)?;
    Ok(store)
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
        let metrics = Metrics::new();
        let limits = RateLimiter::new(cache.clone(), clock.clone(), config.rate_limits.clone())
            .with_audit(audit.clone())
            .with_metrics(metrics.clone());
        let messages = Arc::new(
            crate::i18n::Catalog::load(&config.default_locale, config.messages_dir.as_deref())?
                .branded(crate::brand::Brand::load(&config.brand)?),
        );
        let webauthn = crate::mfa::WebAuthn::new(
            store.clone(),
            cache.clone(),
            clock.clone(),
            &config.issuer,
            &crate::i18n::Tr::default_of(&messages).t("product-name"),
            config.webauthn_aaguids.clone(),
        )
        .inspect_err(|e| tracing::warn!(error = %e, "passkeys and security keys are off: the issuer cannot be a WebAuthn relying party (it needs a domain name, and https unless it is localhost)"))
        .ok();
        let mfa = crate::mfa::Mfa::new(
            store.clone(),
            cache.clone(),
            master.clone(),
            clock.clone(),
            webauthn,
        );
        let accounts = Accounts::new(AccountsParts {
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
            metrics: metrics.clone(),
            messages: messages.clone(),
            mfa: mfa.clone(),
        });
        let interactions = crate::authn::interactions::Interactions::new(
            cache.clone(),
            clock.clone(),
            config.interaction_ttl,
        );
        let clients = crate::manage::Clients::new(&store, master.clone(), clock.clone());
        let roles = crate::manage::Roles::new(&store, clock.clone());
        let api_keys = crate::manage::ApiKeys::new(&store, master.clone(), clock.clone());
        let federation = crate::federation::Federation::new(
            &store,
            cache.clone(),
            master.clone(),
            clock.clone(),
            http.clone(),
            audit.clone(),
            &config.issuer,
        );
        let saml = crate::saml::Saml::new(
            &store,
            cache.clone(),
            master.clone(),
            clock.clone(),
            &config.issuer,
        );
        let provider = Provider::new(ProviderParts {
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
            metrics,
            messages,
            interactions,
            mfa,
        });
        Ok(AppState {
            provider,
            accounts,
            clients,
            roles,
            api_keys,
            federation,
            saml,
        })
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
        jobs::saml_metadata::spawn(crate::manage::IdentityProviders::new(
            &p.store,
            p.master.clone(),
            p.clock.clone(),
        ));
        p.metrics.spawn_upkeep();
    }
}

/// The router with its middleware. Order (outermost first): request id, tracing, the edge
/// (client address, body deadline, metrics, Retry-After, security headers), handlers.
pub fn app(state: AppState) -> Router {
    let config = state.provider.config.clone();
    let edge = Arc::new(Edge {
        https: config.is_https(),
        trusted_proxies: config.trusted_proxies.clone().into(),
        body_read_timeout: config.limits.body_read_timeout,
        metrics: state.provider.metrics.clone(),
    });
    Router::new()
        .merge(login_ui::routes())
        .merge(health_routes())
        .route("/static/{name}", get(assets::get_asset))
        .route("/brand/{name}", get(assets::get_brand_file))
        .route("/favicon.ico", get(assets::get_favicon))
        // Pages answer a wrong method with a page. Set before the protocol endpoints join: it
        // would replace the CORS layer's answer to their preflight requests.
        .method_not_allowed_fallback(crate::web::pages::method_not_allowed)
        .merge(oidc::endpoints::routes())
        .merge(crate::admin_api::routes())
        .fallback(crate::web::pages::not_found)
        .layer(axum::middleware::from_fn(move |req, next| {
            edge::handle(edge.clone(), req, next)
        }))
        .layer(
            // Paths only: query strings carry codes and tokens, which must never be logged.
            // A `traceparent` header joins the caller's trace (see telemetry.rs).
            TraceLayer::new_for_http()
                .make_span_with(|req: &Request<_>| {
                    let id = req
                        .extensions()
                        .get::<RequestId>()
                        .and_then(|id| id.header_value().to_str().ok())
                        .unwrap_or("");
                    // Read when the span starts: the trace is chosen then (none recorded when absent).
                    let traceparent = req.headers().get("traceparent").and_then(|v| v.to_str().ok());
                    tracing::info_span!(
                        "request",
                        method = %req.method(),
                        path = %req.uri().path(),
                        request_id = %id,
                        client = tracing::field::Empty,
                        traceparent,
                        status = tracing::field::Empty,
                    )
                })
                .on_response(|res: &Response, latency: Duration, span: &tracing::Span| {
                    span.record("status", res.status().as_u16());
                    tracing::info!(
                        status = res.status().as_u16(),
                        latency_ms = latency.as_millis() as u64,
                        "answered"
                    );
                }),
        )
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(RandomRequestId))
        .with_state(state)
}

fn health_routes() -> Router<AppState> {
    Router::new()
        .route("/health/live", get(live))
        .route("/health/ready", get(ready))
}

/// The management listener's routes: health and metrics, nothing a browser needs.
pub fn management(state: AppState) -> Router {
    health_routes()
        .route("/metrics", get(observe::metrics))
        .route("/health/metrics", get(observe::metrics))
        .fallback(not_found)
        .layer(axum::middleware::from_fn(outage::layer))
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

/// Serves the main listener (and the management listener when configured) until SIGTERM or
/// Ctrl-C, then stops accepting and drains in-flight requests.
pub async fn serve(state: AppState, listener: tokio::net::TcpListener) -> Result<(), StartError> {
    let config = state.provider.config.clone();
    let tls = match &config.tls {
        None => None,
        Some(files) => {
            let acceptor = server::tls::Acceptor::load(files)?;
            acceptor.spawn_reloader(files.clone());
            Some(acceptor)
        }
    };
    let management = match config.management_listen {
        None => None,
        Some(addr) => Some(server::Listener {
            socket: tokio::net::TcpListener::bind(addr)
                .await
                .map_err(|source| StartError::Listen {
                    setting: "PORTCULLIS_MANAGEMENT_LISTEN",
                    addr,
                    source,
                })?,
            router: management(state.clone()),
            limits: config.limits,
            tls: None,
        }),
    };
    let (stop, stopped) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        shutdown_signal().await;
        let _ = stop.send(true);
    });
    let store = state.provider.store.clone();
    let main = server::serve(
        server::Listener {
            socket: listener,
            router: app(state),
            limits: config.limits,
            tls,
        },
        stopped.clone(),
    );
    match management {
        None => main.await,
        Some(m) => {
            tokio::join!(main, server::serve(m, stopped));
        }
    }
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
