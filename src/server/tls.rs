//! Native TLS (rustls with the ring provider): TLS 1.3 and 1.2 only, ALPN h2 and http/1.1, the
//! certificate chain and key read from PEM files and read again on SIGHUP or when either file
//! changes. A reload that fails (a half-written file, a key that does not match) keeps the
//! certificate in use and says why in the log.

use std::path::Path;
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime};

use rustls::ServerConfig;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio::net::TcpStream;
use tokio_rustls::server::TlsStream;

use crate::config::TlsFiles;

/// How often the files' modification times are compared.
const WATCH_INTERVAL: Duration = Duration::from_secs(5);

#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    #[error("{path}: {message}")]
    File { path: String, message: String },
    #[error("certificate and key: {0}")]
    Rustls(#[from] rustls::Error),
}

/// Accepts TLS connections with the current certificate.
#[derive(Clone)]
pub struct Acceptor {
    current: Arc<RwLock<Arc<ServerConfig>>>,
}

impl Acceptor {
    /// Loads the files; fails (and so start-up fails) when they are unusable.
    pub fn load(files: &TlsFiles) -> Result<Acceptor, TlsError> {
        Ok(Acceptor {
            current: Arc::new(RwLock::new(Arc::new(server_config(files)?))),
        })
    }

    pub async fn accept(&self, stream: TcpStream) -> std::io::Result<TlsStream<TcpStream>> {
        let config = match self.current.read() {
            Ok(c) => c.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        };
        tokio_rustls::TlsAcceptor::from(config).accept(stream).await
    }

    /// Reads the files again; on success new handshakes use them.
    pub fn reload(&self, files: &TlsFiles) -> Result<(), TlsError> {
        let config = Arc::new(server_config(files)?);
        match self.current.write() {
            Ok(mut c) => *c = config,
            Err(poisoned) => *poisoned.into_inner() = config,
        }
        Ok(())
    }

    /// Reloads on SIGHUP and whenever a file's modification time changes, until the process ends.
    pub fn spawn_reloader(&self, files: TlsFiles) {
        let acceptor = self.clone();
        tokio::spawn(async move {
            let mut seen = modified(&files);
            let mut hup = hangup();
            loop {
                let signalled = tokio::select! {
                    _ = tokio::time::sleep(WATCH_INTERVAL) => false,
                    _ = next_hangup(&mut hup) => true,
                };
                let now = modified(&files);
                if !signalled && now == seen {
                    continue;
                }
                seen = now;
                match acceptor.reload(&files) {
                    Ok(()) => tracing::info!(cert = %files.cert.display(), "TLS certificate reloaded"),
                    Err(e) => {
                        tracing::error!(error = %e, "TLS certificate not reloaded; the previous one stays in use")
                    }
                }
            }
        });
    }
}

fn server_config(files: &TlsFiles) -> Result<ServerConfig, TlsError> {
    let file_error = |path: &Path, message: String| TlsError::File {
        path: path.display().to_string(),
        message,
    };
    let certs = CertificateDer::pem_file_iter(&files.cert)
        .map_err(|e| file_error(&files.cert, e.to_string()))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| file_error(&files.cert, e.to_string()))?;
    if certs.is_empty() {
        return Err(file_error(&files.cert, "no CERTIFICATE in the file".into()));
    }
    let key = PrivateKeyDer::from_pem_file(&files.key).map_err(|e| file_error(&files.key, e.to_string()))?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = ServerConfig::builder_with_provider(provider)
        .with_protocol_versions(&[&rustls::version::TLS13, &rustls::version::TLS12])?
        .with_no_client_auth()
        .with_single_cert(certs, key)?;
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(config)
}

fn modified(files: &TlsFiles) -> (Option<SystemTime>, Option<SystemTime>) {
    let m = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    (m(&files.cert), m(&files.key))
}

#[cfg(unix)]
type Hangup = Option<tokio::signal::unix::Signal>;
#[cfg(not(unix))]
type Hangup = ();

#[cfg(unix)]
fn hangup() -> Hangup {
    tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup()).ok()
}
#[cfg(not(unix))]
fn hangup() -> Hangup {}

#[cfg(unix)]
async fn next_hangup(h: &mut Hangup) {
    match h {
        Some(s) => {
            s.recv().await;
        }
        None => std::future::pending().await,
    }
}
#[cfg(not(unix))]
async fn next_hangup(_: &mut Hangup) {
    std::future::pending().await
}
