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

/// A request with a key and a JSON body.
async fn send(
    app: &TestApp,
    method: &str,
    path: &str,
    key: &str,
    body: Option<serde_json::Value>,
) -> reqwest::Response {
    let mut req = app
        .http()
        .request(method.parse().unwrap(), app.url(path))
        .bearer_auth(key);
    if let Some(b) = body {
        req = req.json(&b);
    }
    req.send().await.unwrap()
}

#[tokio::test]
async fn changes_carry_versions_and_a_stale_one_is_refused() {
    let app = TestApp::spawn().await;
    let key = key_with(&app, &["admin"]).await;
    let resp = send(
        &app,
        "POST",
        "/admin/v1/users",
        &key,
        Some(serde_json::json!({"email": "Ada@Example.com", "name": "Ada"})),
    )
    .await;
    assert_eq!(resp.status(), 201);
    let location = header(&resp, "location");
    let created_tag = header(&resp, "etag");
    let user: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(
        location,
        format!("/admin/v1/users/{}", user["id"].as_str().unwrap())
    );
    assert_eq!(user["email"], "ada@example.com");
    assert_eq!(user["has_password"], false);

    let read = get(&app, &location, Some(&key)).await;
    assert_eq!(header(&read, "etag"), created_tag);

    // Someone else renames her first; our change, made from the version we read, is refused.
    let rename = |tag: String, name: &'static str| {
        app.http()
            .patch(app.url(&location))
            .bearer_auth(&key)
            .header("if-match", tag)
            .json(&serde_json::json!({ "name": name }))
            .send()
    };
    let theirs = rename(created_tag.clone(), "Ada L.").await.unwrap();
    assert_eq!(theirs.status(), 200);
    let new_tag = header(&theirs, "etag");
    assert_ne!(new_tag, created_tag);
    let p = problem(rename(created_tag, "Ada Lovelace").await.unwrap(), 412).await;
    assert_eq!(p["type"], "/admin/v1/problems/precondition-failed");
    let now: serde_json::Value = get(&app, &location, Some(&key)).await.json().await.unwrap();
    assert_eq!(now["name"], "Ada L.");
    assert_eq!(rename(new_tag, "Ada Lovelace").await.unwrap().status(), 200);

    // `null` removes the name (RFC 7396); an unknown member is refused, not ignored.
    let cleared = send(
        &app,
        "PATCH",
        &location,
        &key,
        Some(serde_json::json!({"name": null})),
    )
    .await;
    let cleared: serde_json::Value = cleared.json().await.unwrap();
    assert!(cleared["name"].is_null());
    let p = problem(
        send(
            &app,
            "PATCH",
            &location,
            &key,
            Some(serde_json::json!({"password_hash": "x"})),
        )
        .await,
        400,
    )
    .await;
    assert!(p["detail"].as_str().unwrap().contains("password_hash"), "{p}");
}

#[tokio::test]
async fn bad_input_points_at_its_field_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let key = key_with(&app, &["admin"]).await;
    let p = problem(
        send(
            &app,
            "POST",
            "/admin/v1/users",
            &key,
            Some(serde_json::json!({"email": "not an address", "password": "x"})),
        )
        .await,
        400,
    )
    .await;
    let pointers: Vec<&str> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["pointer"].as_str().unwrap())
        .collect();
    assert!(pointers.contains(&"/email"), "{p}");
    let taken = app.create_user("taken@example.com").await;
    let p = problem(
        send(
            &app,
            "POST",
            "/admin/v1/users",
            &key,
            Some(serde_json::json!({"email": taken.email})),
        )
        .await,
        409,
    )
    .await;
    assert_eq!(p["errors"][0]["pointer"], "/email");
    let p = problem(
        app.http()
            .post(app.url("/admin/v1/users"))
            .bearer_auth(&key)
            .body("{not json")
            .header("content-type", "application/json")
            .send()
            .await
            .unwrap(),
        400,
    )
    .await;
    assert!(p["detail"].is_string());
    let users = app.store().users().list_users(100, 0).await.unwrap();
    assert_eq!(users.len(), 1, "only the one made directly");
}

#[tokio::test]
async fn puts_and_deletes_can_be_repeated() {
    let app = TestApp::spawn().await;
    let key = key_with(&app, &["admin"]).await;
    let ada = app.create_user("ada@example.com").await;
    let role_path = format!("/admin/v1/users/{}/roles/auditor", ada.id);
    for _ in 0..2 {
        assert_eq!(send(&app, "PUT", &role_path, &key, None).await.status(), 204);
    }
    assert_eq!(audited(&app, Some(&ada.id), "role.assigned").await.len(), 1);
    for _ in 0..2 {
        assert_eq!(send(&app, "DELETE", &role_path, &key, None).await.status(), 204);
    }
    assert_eq!(audited(&app, Some(&ada.id), "role.unassigned").await.len(), 1);
    let user_path = format!("/admin/v1/users/{}", ada.id);
    for _ in 0..2 {
        assert_eq!(send(&app, "DELETE", &user_path, &key, None).await.status(), 204);
    }
    assert_eq!(audited(&app, Some(&ada.id), "account.deleted").await.len(), 1);
    let gone: serde_json::Value = get(&app, &user_path, Some(&key)).await.json().await.unwrap();
    assert_eq!(gone["state"], "deleted");
    problem(
        send(&app, "DELETE", "/admin/v1/users/nobody", &key, None).await,
        404,
    )
    .await;
}

#[tokio::test]
async fn nobody_grants_a_permission_they_do_not_hold() {
    let app = TestApp::spawn().await;
    let granter = NewRole {
        name: "granter".into(),
        permissions: vec!["roles:write".into(), "roles:read".into(), "users:read".into()],
        ..NewRole::default()
    };
    app.state.roles.create(granter, "test").await.unwrap();
    let small = NewRole {
        name: "reader".into(),
        permissions: vec!["users:read".into()],
        ..NewRole::default()
    };
    let small = app.state.roles.create(small, "test").await.unwrap();
    let key = key_with(&app, &["granter"]).await;
    let bo = app.create_user("bo@example.com").await;
    let p = problem(
        send(
            &app,
            "PUT",
            &format!("/admin/v1/users/{}/roles/admin", bo.id),
            &key,
            None,
        )
        .await,
        403,
    )
    .await;
    assert!(p["detail"].as_str().unwrap().contains("keys:write"), "{p}");
    assert!(audited(&app, Some(&bo.id), "role.assigned").await.is_empty());
    let path = format!("/admin/v1/users/{}/roles/{}", bo.id, small.id);
    assert_eq!(send(&app, "PUT", &path, &key, None).await.status(), 204);
    // Widening a role is granting too.
    let widen = serde_json::json!({"permissions": ["users:read", "users:write"]});
    let path = format!("/admin/v1/roles/{}", small.id);
    problem(send(&app, "PATCH", &path, &key, Some(widen)).await, 403).await;
}

#[tokio::test]
async fn users_are_found_by_text_state_role_group_and_creation_time() {
    let app = TestApp::spawn().await;
    let key = key_with(&app, &["admin"]).await;
    let ada = app.create_user("ada@example.com").await;
    let bo = app.create_user("bo_b@example.com").await;
    let cy = app.create_user("cy@example.org").await;
    let mut db = database(&app).await;
    for (user, at) in [(&ada, 1000), (&bo, 2000), (&cy, 3000)] {
        sqlx::query("UPDATE users SET created_at = $1 WHERE id = $2")
            .bind(at as i64)
            .bind(&user.id)
            .execute(&mut db)
            .await
            .unwrap();
    }
    let auditor = app.state.roles.find("auditor", None).await.unwrap();
    let ops = app.state.roles.create_group("ops", None, "test").await.unwrap();
    app.state
        .roles
        .set_group_role(&ops, &auditor, true, "test")
        .await
        .unwrap();
    app.state.roles.set_member(&ops, &bo, true, "test").await.unwrap();
    app.state
        .accounts
        .admin_set_disabled(&cy, true, "test")
        .await
        .unwrap();
    let emails = |query: String| {
        let app = &app;
        let key = key.clone();
        async move {
            let resp = get(app, &format!("/admin/v1/users?{query}"), Some(&key)).await;
            assert_eq!(resp.status(), 200, "{query}");
            let body: serde_json::Value = resp.json().await.unwrap();
            let mut found: Vec<String> = body["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|u| u["email"].as_str().unwrap().to_owned())
                .collect();
            found.sort();
            (found, body["total"].clone())
        }
    };
    assert_eq!(
        emails("q=EXAMPLE.COM".into()).await.0,
        ["ada@example.com", "bo_b@example.com"]
    );
    assert_eq!(
        emails("q=lovelace".into()).await.1,
        serde_json::Value::Null,
        "no total unless asked"
    );
    // `_` is a character to find, not LIKE's wildcard.
    assert_eq!(emails("q=o_b".into()).await.0, ["bo_b@example.com"]);
    assert_eq!(emails("state=disabled".into()).await.0, ["cy@example.org"]);
    assert_eq!(emails("role=auditor".into()).await.0, ["bo_b@example.com"]);
    assert_eq!(emails(format!("group={}", ops.id)).await.0, ["bo_b@example.com"]);
    let (found, total) = emails("created_after=2000&created_before=3001&total=true&limit=1".into()).await;
    assert_eq!(found, ["bo_b@example.com"]);
    assert_eq!(total, 2);
    assert_eq!(
        emails("email=ADA@example.com".into()).await.0,
        ["ada@example.com"]
    );
    problem(get(&app, "/admin/v1/users?state=asleep", Some(&key)).await, 400).await;
}

#[tokio::test]
async fn the_audit_log_is_queried_and_exported_with_the_actor_of_each_change() {
    let app = TestApp::spawn().await;
    let key = key_with(&app, &["admin"]).await;
    for n in 0..3 {
        let body = serde_json::json!({ "name": format!("team{n}") });
        assert_eq!(
            send(&app, "POST", "/admin/v1/groups", &key, Some(body))
                .await
                .status(),
            201
        );
    }
    let page: serde_json::Value = get(&app, "/admin/v1/audit?action=group.&limit=2", Some(&key))
        .await
        .json()
        .await
        .unwrap();
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert!(items.iter().all(|e| e["action"] == "group.created"));
    assert!(items[0]["actor"].as_str().unwrap().starts_with("api_key:"));
    assert_eq!(items[0]["ip"], "127.0.0.1", "the caller's address: {}", items[0]);
    assert!(items[0]["request_id"].is_string());
    assert_eq!(items[0]["detail"]["name"], "team2", "newest first");
    let cursor = page["next_cursor"].as_str().unwrap();
    let rest: serde_json::Value = get(
        &app,
        &format!("/admin/v1/audit?action=group.&cursor={cursor}"),
        Some(&key),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(rest["items"].as_array().unwrap().len(), 1);
    assert!(rest["next_cursor"].is_null());

    let ndjson = get(
        &app,
        "/admin/v1/audit?action=group.created&format=ndjson&limit=2",
        Some(&key),
    )
    .await;
    assert_eq!(header(&ndjson, "content-type"), "application/x-ndjson");
    assert!(header(&ndjson, "link").contains("rel=\"next\""));
    let text = ndjson.text().await.unwrap();
    let lines: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    let csv = get(
        &app,
        "/admin/v1/audit?action=group.created&format=csv",
        Some(&key),
    )
    .await;
    assert!(header(&csv, "content-type").starts_with("text/csv"));
    let text = csv.text().await.unwrap();
    assert!(text.starts_with("id,at,action,outcome,actor"), "{text}");
    assert_eq!(text.lines().count(), 4);
    problem(get(&app, "/admin/v1/audit?format=xml", Some(&key)).await, 400).await;
}

#[tokio::test]
async fn an_invited_user_chooses_a_password_from_the_mail() {
    let app = TestApp::spawn().await;
    let key = key_with(&app, &["user-manager"]).await;
    let body = serde_json::json!({"email": "new@example.com", "invite": true});
    let resp = send(&app, "POST", "/admin/v1/users", &key, Some(body)).await;
    assert_eq!(resp.status(), 201);
    let mail = app.mail("new@example.com", "Your new account").await;
    assert!(mail.link(&app, "/reset-password").contains("token="));
    let both =
        serde_json::json!({"email": "x@example.com", "invite": true, "password": "a long enough password 7"});
    let p = problem(send(&app, "POST", "/admin/v1/users", &key, Some(both)).await, 400).await;
    assert_eq!(p["errors"][0]["pointer"], "/invite");
}

#[tokio::test]
async fn each_caller_has_a_call_budget() {
    let app = TestApp::spawn_with(|c| c.rate_limits.admin_caller = Some("3/1m".into())).await;
    let key = key_with(&app, &["auditor"]).await;
    for _ in 0..3 {
        assert_eq!(get(&app, "/admin/v1/users", Some(&key)).await.status(), 200);
    }
    let resp = get(&app, "/admin/v1/users", Some(&key)).await;
    assert!(!header(&resp, "retry-after").is_empty());
    problem(resp, 429).await;
    // Another caller's budget is its own.
    let other = key_with(&app, &["auditor"]).await;
    assert_eq!(get(&app, "/admin/v1/users", Some(&other)).await.status(), 200);
}
