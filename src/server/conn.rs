//! One connection, with its clocks: a client gets `header_read_timeout` to send a request head
//! (from the connection's start, or from its first byte after the previous response),
//! `body_read_timeout` for the body (a layer in the router), and `keep_alive_timeout` of quiet
//! between requests. A request in flight is never cut by these clocks.
//!
//! hyper's own header timer is not used: it also runs while a keep-alive connection waits for
//! its next request, which would make the keep-alive timeout the header timeout.

use std::convert::Infallible;
use std::pin::{Pin, pin};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::watch;
use tokio::time::Instant;

use crate::config::ConnectionLimits;

/// Serves one connection until it closes, a clock runs out, or shutdown asks it to finish.
pub async fn serve<IO, S>(io: IO, service: S, limits: ConnectionLimits, mut shutdown: watch::Receiver<bool>)
where
    IO: AsyncRead + AsyncWrite + Unpin + Send + 'static,
    S: tower::Service<
            axum::http::Request<hyper::body::Incoming>,
            Response = axum::response::Response,
            Error = Infallible,
        > + Clone
        + Send
        + 'static,
    S::Future: Send + 'static,
{
    let state = Arc::new(State::new());
    let io = TokioIo::new(Watched {
        inner: io,
        state: state.clone(),
    });
    let service = TowerToHyperService::new(Counted {
        inner: service,
        state: state.clone(),
    });
    let mut builder = Builder::new(TokioExecutor::new());
    builder.http1().timer(TokioTimer::new()).keep_alive(true);
    builder
        .http2()
        .timer(TokioTimer::new())
        .max_concurrent_streams(100)
        .keep_alive_interval(Some(limits.keep_alive_timeout / 2))
        .keep_alive_timeout(limits.header_read_timeout);
    let mut conn = pin!(builder.serve_connection(io, service));
    let mut stopping = false;
    loop {
        tokio::select! {
            result = conn.as_mut() => {
                if let Err(e) = result {
                    tracing::debug!(error = %e, "connection ended with an error");
                }
                return;
            }
            _ = super::stopping(&mut shutdown), if !stopping => {
                stopping = true;
                conn.as_mut().graceful_shutdown();
            }
            _ = state.quiet_past(limits) => {
                // Nothing in flight: dropping the connection loses no request.
                tracing::debug!("connection closed by its read or keep-alive timeout");
                return;
            }
        }
    }
}

/// What the clocks watch, shared by the socket wrapper and the service wrapper.
struct State {
    start: Instant,
    in_flight: AtomicUsize,
    /// Milliseconds from `start` to the last sign of life outside a request (the connection
    /// opening, a response produced, bytes written), or to the first byte of a new request head.
    quiet_since: AtomicU64,
    /// Bytes of a request head have arrived since the connection went quiet.
    head_started: AtomicBool,
    /// A request has been served: from then on, quiet is keep-alive.
    served: AtomicBool,
}

impl State {
    fn new() -> State {
        State {
            start: Instant::now(),
            in_flight: AtomicUsize::new(0),
            quiet_since: AtomicU64::new(0),
            head_started: AtomicBool::new(false),
            served: AtomicBool::new(false),
        }
    }

    fn now_ms(&self) -> u64 {
        self.start.elapsed().as_millis() as u64
    }

    fn mark_quiet(&self) {
        self.quiet_since.store(self.now_ms(), Ordering::Relaxed);
    }

    /// How long the connection may stay as it is now: `None` while a request is in flight.
    fn allowance(&self, limits: ConnectionLimits) -> Option<Duration> {
        if self.in_flight.load(Ordering::Acquire) > 0 {
            return None;
        }
        let waiting_for_head =
            self.head_started.load(Ordering::Relaxed) || !self.served.load(Ordering::Relaxed);
        Some(if waiting_for_head {
            limits.header_read_timeout
        } else {
            limits.keep_alive_timeout
        })
    }

    /// Resolves once the connection has been quiet (no request in flight) past its allowance.
    async fn quiet_past(&self, limits: ConnectionLimits) {
        loop {
            let wake = match self.allowance(limits) {
                // Checked again at the shortest clock: a request ending restarts the quiet.
                None => Duration::from_millis(limits.header_read_timeout.as_millis().min(1000) as u64),
                Some(allowed) => {
                    let quiet = Duration::from_millis(
                        self.now_ms()
                            .saturating_sub(self.quiet_since.load(Ordering::Relaxed)),
                    );
                    if quiet >= allowed {
                        return;
                    }
                    allowed - quiet
                }
            };
            tokio::time::sleep(wake).await;
        }
    }
}

/// The socket, reporting when a request head starts and when response bytes leave.
struct Watched<IO> {
    inner: IO,
    state: Arc<State>,
}

impl<IO: AsyncRead + Unpin> AsyncRead for Watched<IO> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        let s = &self.state;
        if buf.filled().len() > before
            && s.in_flight.load(Ordering::Acquire) == 0
            && !s.head_started.swap(true, Ordering::Relaxed)
        {
            // The head clock runs from its first byte, not from the previous response.
            s.mark_quiet();
        }
        polled
    }
}

impl<IO: AsyncWrite + Unpin> AsyncWrite for Watched<IO> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write(cx, data);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) && !self.state.head_started.load(Ordering::Relaxed) {
            // A response still being written to a slow reader is progress, not quiet.
            self.state.mark_quiet();
        }
        polled
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) && !self.state.head_started.load(Ordering::Relaxed) {
            self.state.mark_quiet();
        }
        polled
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// The service, counting requests in flight.
#[derive(Clone)]
struct Counted<S> {
    inner: S,
    state: Arc<State>,
}

/// Ends a request's flight however its future ends (completed or dropped).
struct InFlight(Arc<State>);

impl Drop for InFlight {
    fn drop(&mut self) {
        let s = &self.0;
        s.served.store(true, Ordering::Relaxed);
        s.head_started.store(false, Ordering::Relaxed);
        s.mark_quiet();
        s.in_flight.fetch_sub(1, Ordering::AcqRel);
    }
}

impl<S, R> tower::Service<R> for Counted<S>
where
    S: tower::Service<R>,
    S::Future: Send + 'static,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = Pin<Box<dyn std::future::Future<Output = Result<S::Response, S::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: R) -> Self::Future {
        self.state.in_flight.fetch_add(1, Ordering::AcqRel);
        self.state.head_started.store(false, Ordering::Relaxed);
        let guard = InFlight(self.state.clone());
        let fut = self.inner.call(req);
        Box::pin(async move {
            let res = fut.await;
            drop(guard);
            res
        })
    }
}
