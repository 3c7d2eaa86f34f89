//! The command line: `serve` (the default), `migrate`, `client …`, `user …`, `keys …`.
//! Every command reads the same configuration and database as the server, and works while a
//! server is running.

mod api_key;
mod audit_log;
mod client;
mod idp;
mod keys;
mod output;
mod role;
mod user;

use std::path::PathBuf;
use std::sync::Arc;

use clap::{Parser, Subcommand};

use crate::app::{self, AppState};
use crate::config::{Config, LogFormat};
use crate::domain::SystemClock;
use output::Output;

#[derive(Debug, Parser)]
#[command(
    name = "portcullis",
    version,
    about = "An OpenID Connect / OAuth 2.0 identity provider"
)]
pub struct Cli {
    /// Configuration file (default: ./portcullis.toml when present). PORTCULLIS_* env wins.
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Print one JSON document instead of text and tables (for scripts).
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the server (the default).
    Serve,
    /// Apply database migrations and exit.
    Migrate,
    /// Manage relying parties (OAuth clients).
    #[command(subcommand)]
    Client(client::ClientCommand),
    /// Manage users.
    #[command(subcommand)]
    User(user::UserCommand),
    /// Manage signing keys.
    #[command(subcommand)]
    Keys(keys::KeysCommand),
    /// Manage roles and who holds them.
    #[command(subcommand)]
    Role(role::RoleCommand),
    /// Manage groups of users holding roles together.
    #[command(subcommand)]
    Group(role::GroupCommand),
    /// Manage API keys of the admin API.
    #[command(subcommand)]
    ApiKey(api_key::ApiKeyCommand),
    /// Manage connections to upstream identity providers (federation).
    #[command(subcommand)]
    Idp(Box<idp::IdpCommand>),
    /// Show the audit log, newest first.
    Audit(audit_log::AuditArgs),
}

/// A command's failure, printed to stderr with exit status 1.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    #[error(transparent)]
    Start(#[from] app::StartError),
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// A management service's refusal is the operator's to fix; the database's is not.
impl From<crate::manage::ManageError> for CliError {
    fn from(e: crate::manage::ManageError) -> Self {
        match e {
            crate::manage::ManageError::Store(e) => CliError::Store(e),
            e => CliError::Usage(e.to_string()),
        }
    }
}

pub async fn run(cli: Cli) -> Result<(), CliError> {
    let config = Config::load(cli.config.as_deref())?;
    let out = Output::json(cli.json);
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(config).await,
        Command::Migrate => {
            init_logging(&config, "warn");
            app::open_store(&config).await?;
            out.print(&serde_json::json!({"migrated": true}), || {
                "database migrated".into()
            });
            Ok(())
        }
        Command::Client(c) => {
            init_logging(&config, "warn");
            c.run(&config, out).await
        }
        Command::User(c) => {
            init_logging(&config, "warn");
            c.run(config, out).await
        }
        Command::Keys(c) => {
            init_logging(&config, "warn");
            c.run(&config, out).await
        }
        Command::Role(c) => {
            init_logging(&config, "warn");
            c.run(&config, out).await
        }
        Command::Group(c) => {
            init_logging(&config, "warn");
            c.run(&config, out).await
        }
        Command::ApiKey(c) => {
            init_logging(&config, "warn");
            c.run(&config, out).await
        }
        Command::Idp(c) => {
            init_logging(&config, "warn");
            c.run(&config, out).await
        }
        Command::Audit(a) => {
            init_logging(&config, "warn");
            a.run(&config, out).await
        }
    }
}

async fn serve(config: Config) -> Result<(), CliError> {
    init_logging(&config, "info");
    log_sources(&config);
    let listen = config.listen;
    let state = AppState::build(config, Arc::new(SystemClock)).await?;
    state.spawn_jobs();
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| CliError::Usage(format!("PORTCULLIS_LISTEN: cannot listen on {listen}: {e}")))?;
    tracing::info!(issuer = %state.provider.config.issuer, %listen, "portcullis is serving");
    Ok(app::serve(state, listener).await?)
}

/// Says where the state lives, so an operator sees at once which database and key a node
/// uses. Never a secret: the URL's password is masked, an inline key is not shown.
fn log_sources(config: &Config) {
    let master_key = match &config.master_key {
        crate::config::MasterKeySource::Inline(_) => "from PORTCULLIS_MASTER_KEY".to_owned(),
        crate::config::MasterKeySource::File(path) => path.display().to_string(),
    };
    tracing::info!(
        database = %crate::config::redact_url(&config.database_url),
        data_dir = %config.data_dir.display(),
        master_key = %master_key,
        "starting"
    );
}

/// Logs go to stderr; `RUST_LOG` overrides the default level. Spans also go to the OTLP
/// collector when one is configured, at info level whatever the log level.
fn init_logging(config: &Config, default_level: &str) {
    use tracing_subscriber::Layer;
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    let filter = || {
        tracing_subscriber::EnvFilter::try_from_default_env()
            .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(format!("{default_level},sqlx=warn")))
    };
    let json = (config.log_format == LogFormat::Json).then(|| {
        tracing_subscriber::fmt::layer()
            .with_writer(std::io::stderr)
            .json()
            .flatten_event(true)
            .with_filter(filter())
    });
    let text = (config.log_format == LogFormat::Text).then(|| {
        tracing_subscriber::fmt::layer()
            .with_writer(std::io::stderr)
            // Colour codes only for a person at a terminal, not in files or log collectors.
            .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
            .with_filter(filter())
    });
    let otlp = config.otlp_endpoint.as_deref().and_then(|endpoint| {
        let http = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(5))
            .build()
            .ok()?;
        Some(
            crate::telemetry::OtlpLayer::new(endpoint, "portcullis", http)
                .with_filter(tracing_subscriber::filter::LevelFilter::INFO),
        )
    });
    let _ = tracing_subscriber::registry()
        .with(json)
        .with(text)
        .with(otlp)
        .try_init();
}

/// Opens the store for a management command.
async fn store(config: &Config) -> Result<crate::store::Store, CliError> {
    Ok(app::open_store(config).await?)
}

/// Who the audit log names as the actor of a change made from the command line.
const ACTOR: &str = "cli";

/// A usage error: bad input the operator can fix.
fn usage(msg: impl Into<String>) -> CliError {
    CliError::Usage(msg.into())
}
