//! The admin REST API (`/admin/v1`): who may call it, problem details, and user listing with
//! cursors.

use portcullis::manage::api_keys::NewApiKey;
use portcullis::manage::roles::NewRole;

use crate::support::*;

/// A key carrying `roles` (names of global roles).
async fn key_with(app: &TestApp, roles: &[&str]) -> String {
    let names: Vec<String> = roles.iter().map(|r| r.to_string()).collect();
    let new = NewApiKey {
        name: "test".into(),
        roles: app.state.roles.find_global(&names).await.unwrap(),
        expires_in: None,
        owner: None,
    };
    app.state.api_keys.create(new, "test").await.unwrap().1
}

async fn get(app: &TestApp, path: &str, key: Option<&str>) -> reqwest::Response {
    let mut req = app.http().get(app.url(path));
    if let Some(k) = key {
        req = req.bearer_auth(k);
    }
    req.send().await.unwrap()
}

async fn problem(resp: reqwest::Response, status: u16) -> serde_json::Value {
    assert_eq!(resp.status(), status);
    assert_eq!(header(&resp, "content-type"), "application/problem+json");
    assert!(
        !header(&resp, "x-request-id").is_empty(),
        "a request id in every answer"
    );
    let p: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(p["status"], status, "{p}");
    assert!(p["type"].is_string() && p["title"].is_string(), "{p}");
    p
}

#[tokio::test]
async fn who_may_list_users() {
    let app = TestApp::spawn().await;
    let clients_only = NewRole {
        name: "clients-reader".into(),
        permissions: vec!["clients:read".into()],
        ..NewRole::default()
    };
    app.state.roles.create(clients_only, "test").await.unwrap();
    let path = "/admin/v1/users";
    let resp = get(&app, path, None).await;
    assert_eq!(header(&resp, "www-authenticate"), "Bearer");
    problem(resp, 401).await;
    problem(get(&app, path, Some("pcak_not-a-key")).await, 401).await;
    problem(get(&app, path, Some("not even the prefix")).await, 401).await;
    for (role, status) in [
        ("admin", 200),
        ("user-manager", 200),
        ("support", 200),
        ("auditor", 200),
        ("clients-reader", 403),
    ] {
        let key = key_with(&app, &[role]).await;
        let resp = get(&app, path, Some(&key)).await;
        assert_eq!(resp.status(), status, "{role}");
        if status == 403 {
            let p = problem(resp, 403).await;
            assert!(p["detail"].as_str().unwrap().contains("users:read"), "{p}");
        }
    }
}

#[tokio::test]
async fn users_page_by_cursor_each_once_and_without_secrets() {
    let app = TestApp::spawn().await;
    let mut emails = Vec::new();
    for n in 0..5 {
        let e = format!("user{n}@example.com");
        app.create_user(&e).await;
        emails.push(e);
    }
    let key = key_with(&app, &["auditor"]).await;
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let path = match &cursor {
            Some(c) => format!("/admin/v1/users?limit=2&cursor={c}"),
            None => "/admin/v1/users?limit=2".into(),
        };
        let resp = get(&app, &path, Some(&key)).await;
        assert_eq!(resp.status(), 200);
        let body: serde_json::Value = resp.json().await.unwrap();
        let items = body["items"].as_array().unwrap();
        assert!(items.len() <= 2);
        for u in items {
            assert!(u["id"].is_string());
            assert!(u.get("password_hash").is_none(), "{u}");
            seen.push(u["email"].as_str().unwrap().to_owned());
        }
        pages += 1;
        match body["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    seen.sort();
    assert_eq!(seen, emails);
    assert!(!serde_json::to_string(&seen).unwrap().contains("argon2"));

    let one = app
        .store()
        .users()
        .user_by_email("user3@example.com")
        .await
        .unwrap()
        .unwrap();
    let resp = get(&app, &format!("/admin/v1/users/{}", one.id), Some(&key)).await;
    assert_eq!(resp.status(), 200);
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(body["email"], "user3@example.com");
    assert_eq!(body["state"], "active");
    problem(get(&app, "/admin/v1/users/nobody", Some(&key)).await, 404).await;

    for bad in [
        "limit=0",
        "limit=201",
        "limit=ten",
        "cursor=%%%",
        "cursor=bm9jb2xvbg",
    ] {
        let p = problem(
            get(&app, &format!("/admin/v1/users?{bad}"), Some(&key)).await,
            400,
        )
        .await;
        let pointer = p["errors"][0]["pointer"].as_str().unwrap();
        assert!(pointer.starts_with("#/query/"), "{bad}: {p}");
    }
}
