//! Connection hygiene: clients that send too slowly or hold connections open are cut off by
//! their clock, the server keeps answering others, and past the connection cap new
//! connections get a 503 instead of a hang or a crash.

use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::support::*;

fn addr(app: &TestApp) -> String {
    app.base.trim_start_matches("http://").to_owned()
}

/// Reads until the server closes the connection; what it sent, and how long that took.
async fn until_closed(stream: &mut TcpStream, limit: Duration) -> (String, Duration) {
    let start = Instant::now();
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match tokio::time::timeout(limit.saturating_sub(start.elapsed()), stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => break,
            Ok(Ok(n)) => got.extend_from_slice(&buf[..n]),
            Err(_) => panic!(
                "still open after {limit:?}; got {:?}",
                String::from_utf8_lossy(&got)
            ),
        }
    }
    (String::from_utf8_lossy(&got).into_owned(), start.elapsed())
}

async fn live_within(app: &TestApp, limit: Duration) {
    let start = Instant::now();
    let resp = app.http().get(app.url("/health/live")).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    assert!(start.elapsed() < limit, "/health/live took {:?}", start.elapsed());
}

#[tokio::test]
async fn a_half_sent_request_head_is_cut_off_at_the_header_timeout() {
    let app = TestApp::spawn_with(|c| c.header_read_timeout = Some(1)).await;
    let mut held = Vec::new();
    for _ in 0..50 {
        let mut s = TcpStream::connect(addr(&app)).await.unwrap();
        s.write_all(b"GET /health/live HTTP/1.1\r\nHost: x\r\n")
            .await
            .unwrap();
        held.push(s);
    }
    live_within(&app, Duration::from_millis(500)).await;
    for s in &mut held {
        let (_, after) = until_closed(s, Duration::from_secs(5)).await;
        assert!(after < Duration::from_secs(4), "closed after {after:?}");
    }
}

#[tokio::test]
async fn a_connection_that_never_sends_anything_is_closed_too() {
    let app = TestApp::spawn_with(|c| c.header_read_timeout = Some(1)).await;
    let mut s = TcpStream::connect(addr(&app)).await.unwrap();
    let (sent, after) = until_closed(&mut s, Duration::from_secs(5)).await;
    assert_eq!(sent, "");
    assert!(after >= Duration::from_millis(900), "closed after only {after:?}");
}

#[tokio::test]
async fn an_idle_keep_alive_connection_lives_its_own_timeout_not_the_header_one() {
    let app = TestApp::spawn_with(|c| {
        c.header_read_timeout = Some(1);
        c.keep_alive_timeout = Some(3);
    })
    .await;
    let mut s = TcpStream::connect(addr(&app)).await.unwrap();
    let request = b"GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n";
    let mut buf = [0u8; 4096];
    for pause in [Duration::ZERO, Duration::from_millis(1800)] {
        tokio::time::sleep(pause).await;
        s.write_all(request).await.unwrap();
        let n = tokio::time::timeout(Duration::from_secs(2), s.read(&mut buf))
            .await
            .unwrap()
            .unwrap();
        let head = String::from_utf8_lossy(&buf[..n]);
        assert!(
            head.starts_with("HTTP/1.1 200"),
            "after a {pause:?} pause: {head}"
        );
    }
    let (_, after) = until_closed(&mut s, Duration::from_secs(6)).await;
    assert!(
        after >= Duration::from_millis(2500),
        "closed {after:?} after the response: the keep-alive timeout is 3 s"
    );
}

#[tokio::test]
async fn a_trickled_body_is_answered_408_at_the_body_timeout() {
    let app = TestApp::spawn_with(|c| c.body_read_timeout = Some(1)).await;
    let mut s = TcpStream::connect(addr(&app)).await.unwrap();
    s.write_all(
        b"POST /token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n\
          Content-Length: 100\r\n\r\ngrant_type",
    )
    .await
    .unwrap();
    let start = Instant::now();
    // A byte every 300 ms: never idle long, never done.
    let trickle = async {
        for _ in 0..20 {
            tokio::time::sleep(Duration::from_millis(300)).await;
            if s.write_all(b"x").await.is_err() {
                break;
            }
        }
    };
    let _ = tokio::time::timeout(Duration::from_millis(1500), trickle).await;
    let (answer, _) = until_closed(&mut s, Duration::from_secs(5)).await;
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("invalid_request"), "{answer}");
    let took = start.elapsed();
    assert!(
        took >= Duration::from_millis(900) && took < Duration::from_secs(4),
        "{took:?}"
    );
}

#[tokio::test]
async fn past_the_connection_cap_new_connections_get_a_503_and_the_server_recovers() {
    let app = TestApp::spawn_with(|c| c.max_connections = Some(4)).await;
    let mut held = Vec::new();
    for _ in 0..4 {
        held.push(TcpStream::connect(addr(&app)).await.unwrap());
    }
    // Accepted connections hold their slot once the accept loop has seen them.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut over = TcpStream::connect(addr(&app)).await.unwrap();
    let (answer, _) = until_closed(&mut over, Duration::from_secs(3)).await;
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    assert!(answer.contains("Retry-After: 1"), "{answer}");
    drop(held);
    tokio::time::sleep(Duration::from_millis(200)).await;
    live_within(&app, Duration::from_secs(1)).await;
}
