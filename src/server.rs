//! The listeners: accepts connections and serves HTTP/1.1 and HTTP/2 on them, with the
//! connection hygiene a public endpoint needs (see [`conn`]) and optional native TLS ([`tls`]).
//!
//! Written on hyper directly rather than `axum::serve`, which has no timeouts and no limit on
//! connections: a few thousand half-sent requests would hold every file descriptor.

pub mod conn;
pub mod tls;

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Semaphore, watch};

use crate::config::ConnectionLimits;
use crate::http::forwarded::ClientAddr;

/// Connections still open this long after shutdown began are dropped.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(30);

/// What a new connection past the limit gets before it is closed.
const OVERLOADED: &[u8] =
    b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Type: text/plain\r\n\
Content-Length: 30\r\nConnection: close\r\n\r\ntoo many connections, retry in 1s";

/// One listener: its socket, its routes, its limits, and TLS when configured.
pub struct Listener {
    pub socket: TcpListener,
    pub router: Router,
    pub limits: ConnectionLimits,
    pub tls: Option<tls::Acceptor>,
}

/// Serves until `shutdown` turns true, then stops accepting and waits (at most
/// [`DRAIN_TIMEOUT`]) for open connections to finish their requests.
pub async fn serve(listener: Listener, mut shutdown: watch::Receiver<bool>) {
    let Listener {
        socket,
        router,
        limits,
        tls,
    } = listener;
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    loop {
        let (stream, peer) = tokio::select! {
            _ = stopping(&mut shutdown) => break,
            accepted = socket.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of descriptors (EMFILE) or a connection reset before accept: keep the
                    // listener, and give closing connections a moment to free descriptors.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            tokio::spawn(refuse(stream));
            continue;
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let tls = tls.clone();
        let shutdown = shutdown.clone();
        tokio::spawn(async move {
            match tls {
                None => {
                    let addr = ClientAddr {
                        ip: peer.ip(),
                        https: None,
                    };
                    conn::serve(stream, service(router, peer, addr), limits, shutdown).await;
                }
                Some(acceptor) => {
                    // The handshake is part of reading the request head, and as bounded.
                    let handshake = tokio::time::timeout(limits.header_read_timeout, acceptor.accept(stream));
                    match handshake.await {
                        Ok(Ok(stream)) => {
                            let addr = ClientAddr {
                                ip: peer.ip(),
                                https: Some(true),
                            };
                            conn::serve(stream, service(router, peer, addr), limits, shutdown).await;
                        }
                        Ok(Err(e)) => tracing::debug!(error = %e, "TLS handshake failed"),
                        Err(_) => tracing::debug!("TLS handshake timed out"),
                    }
                }
            }
            drop(slot);
        });
    }
    drop(socket);
    let all = u32::try_from(limits.max_connections).unwrap_or(u32::MAX);
    if tokio::time::timeout(DRAIN_TIMEOUT, slots.acquire_many(all))
        .await
        .is_err()
    {
        tracing::warn!("connections still open after the drain timeout were closed");
    }
}

/// Resolves once shutdown has begun.
pub async fn stopping(shutdown: &mut watch::Receiver<bool>) {
    // The guard `wait_for` returns is dropped here, before any other await.
    let _ = shutdown.wait_for(|stop| *stop).await;
}

/// Past the connection limit: a short 503 (a TLS client sees the connection closed), never a
/// crash of the accept loop, and never a wait on the client.
async fn refuse(mut stream: TcpStream) {
    tracing::warn!("connection limit reached: refused a connection");
    let _ = tokio::time::timeout(Duration::from_secs(1), stream.write_all(OVERLOADED)).await;
    let _ = stream.shutdown().await;
}

/// The router as one connection's service: every request learns its peer and client address.
fn service(
    router: Router,
    peer: SocketAddr,
    addr: ClientAddr,
) -> impl tower::Service<
    axum::http::Request<hyper::body::Incoming>,
    Response = axum::response::Response,
    Error = Infallible,
    Future = impl Send,
> + Clone
+ Send
+ 'static {
    use tower::ServiceExt;
    router.map_request(move |req: axum::http::Request<hyper::body::Incoming>| {
        let mut req = req.map(axum::body::Body::new);
        req.extensions_mut().insert(ConnectInfo(peer));
        req.extensions_mut().insert(addr);
        req
    })
}
