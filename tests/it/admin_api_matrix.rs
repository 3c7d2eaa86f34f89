//! Every admin API operation × every kind of caller → the status the permission model says:
//! the built-in roles (as the issue defines them), a person without roles, an API key with fewer
//! roles, and no credentials. The table below is written from the roles' definitions, not read
//! from the code; the OpenAPI document must list exactly its operations.

use std::collections::BTreeSet;

use portcullis::manage::api_keys::NewApiKey;
use portcullis::manage::roles::NewRole;
use serde_json::{Value, json};

use crate::admin_api_tokens::human_token;
use crate::support::*;

/// (method, path, body, permissions needed). Paths name fixtures: `{user}`, `{victim}`,
/// `{role}`, `{role2}`, `{group}`, `{group2}`, `{client}`, `{client2}`, `{key}`, `{idp}`,
/// `{idp2}`, `{n}` (unique).
fn operations() -> Vec<(&'static str, &'static str, Option<Value>, Vec<&'static str>)> {
    let none = None;
    vec![
        ("GET", "/admin/v1/users", none.clone(), vec!["users:read"]),
        (
            "POST",
            "/admin/v1/users",
            Some(json!({"email": "new{n}@example.com"})),
            vec!["users:write"],
        ),
        ("GET", "/admin/v1/users/{user}", none.clone(), vec!["users:read"]),
        (
            "PATCH",
            "/admin/v1/users/{user}",
            Some(json!({"name": "Renamed"})),
            vec!["users:write"],
        ),
        (
            "POST",
            "/admin/v1/users/{user}/unlock",
            none.clone(),
            vec!["users:unlock"],
        ),
        (
            "POST",
            "/admin/v1/users/{user}/password-reset",
            none.clone(),
            vec!["users:write"],
        ),
        (
            "POST",
            "/admin/v1/users/{user}/verification",
            none.clone(),
            vec!["users:verify"],
        ),
        (
            "GET",
            "/admin/v1/users/{user}/export",
            none.clone(),
            vec!["users:read"],
        ),
        (
            "GET",
            "/admin/v1/users/{user}/sessions",
            none.clone(),
            vec!["sessions:read"],
        ),
        (
            "DELETE",
            "/admin/v1/users/{user}/sessions",
            none.clone(),
            vec!["sessions:write"],
        ),
        (
            "DELETE",
            "/admin/v1/users/{user}/sessions/nosuch",
            none.clone(),
            vec!["sessions:write"],
        ),
        (
            "GET",
            "/admin/v1/users/{user}/mfa",
            none.clone(),
            vec!["users:read"],
        ),
        (
            "DELETE",
            "/admin/v1/users/{user}/mfa",
            none.clone(),
            vec!["users:write"],
        ),
        (
            "GET",
            "/admin/v1/users/{user}/consents",
            none.clone(),
            vec!["consents:read"],
        ),
        (
            "DELETE",
            "/admin/v1/users/{user}/consents/{client}",
            none.clone(),
            vec!["consents:write"],
        ),
        (
            "GET",
            "/admin/v1/users/{user}/audit",
            none.clone(),
            vec!["audit:read"],
        ),
        (
            "GET",
            "/admin/v1/users/{user}/roles",
            none.clone(),
            vec!["roles:read"],
        ),
        (
            "PUT",
            "/admin/v1/users/{user}/roles/{role}",
            none.clone(),
            vec!["roles:write"],
        ),
        (
            "DELETE",
            "/admin/v1/users/{user}/roles/{role}",
            none.clone(),
            vec!["roles:write"],
        ),
        (
            "GET",
            "/admin/v1/users/{user}/groups",
            none.clone(),
            vec!["groups:read"],
        ),
        ("GET", "/admin/v1/roles", none.clone(), vec!["roles:read"]),
        (
            "POST",
            "/admin/v1/roles",
            Some(json!({"name": "r{n}", "permissions": ["users:read"]})),
            vec!["roles:write"],
        ),
        ("GET", "/admin/v1/roles/{role}", none.clone(), vec!["roles:read"]),
        (
            "PATCH",
            "/admin/v1/roles/{role}",
            Some(json!({"description": "d"})),
            vec!["roles:write"],
        ),
        (
            "DELETE",
            "/admin/v1/roles/{role2}",
            none.clone(),
            vec!["roles:write"],
        ),
        ("GET", "/admin/v1/permissions", none.clone(), vec!["roles:read"]),
        ("GET", "/admin/v1/groups", none.clone(), vec!["groups:read"]),
        (
            "POST",
            "/admin/v1/groups",
            Some(json!({"name": "g{n}"})),
            vec!["groups:write"],
        ),
        (
            "GET",
            "/admin/v1/groups/{group}",
            none.clone(),
            vec!["groups:read"],
        ),
        (
            "PATCH",
            "/admin/v1/groups/{group}",
            Some(json!({"description": "d"})),
            vec!["groups:write"],
        ),
        (
            "PUT",
            "/admin/v1/groups/{group}/members/{user}",
            none.clone(),
            vec!["groups:write"],
        ),
        (
            "DELETE",
            "/admin/v1/groups/{group}/members/{user}",
            none.clone(),
            vec!["groups:write"],
        ),
        (
            "PUT",
            "/admin/v1/groups/{group}/roles/{role}",
            none.clone(),
            vec!["groups:write", "roles:write"],
        ),
        (
            "DELETE",
            "/admin/v1/groups/{group}/roles/{role}",
            none.clone(),
            vec!["groups:write", "roles:write"],
        ),
        (
            "DELETE",
            "/admin/v1/groups/{group2}",
            none.clone(),
            vec!["groups:write"],
        ),
        ("GET", "/admin/v1/clients", none.clone(), vec!["clients:read"]),
        (
            "POST",
            "/admin/v1/clients",
            Some(json!({"client_name": "C{n}", "grant_types": ["client_credentials"], "scope": "api"})),
            vec!["clients:write"],
        ),
        (
            "GET",
            "/admin/v1/clients/{client}",
            none.clone(),
            vec!["clients:read"],
        ),
        (
            "PATCH",
            "/admin/v1/clients/{client}",
            Some(json!({"client_name": "Renamed"})),
            vec!["clients:write"],
        ),
        (
            "POST",
            "/admin/v1/clients/{client}/secret",
            none.clone(),
            vec!["clients:write"],
        ),
        (
            "GET",
            "/admin/v1/clients/{client}/roles",
            none.clone(),
            vec!["roles:read"],
        ),
        (
            "PUT",
            "/admin/v1/clients/{client}/roles/{role}",
            none.clone(),
            vec!["roles:write"],
        ),
        (
            "DELETE",
            "/admin/v1/clients/{client}/roles/{role}",
            none.clone(),
            vec!["roles:write"],
        ),
        (
            "DELETE",
            "/admin/v1/clients/{client2}",
            none.clone(),
            vec!["clients:write"],
        ),
        ("GET", "/admin/v1/keys", none.clone(), vec!["keys:read"]),
        (
            "POST",
            "/admin/v1/keys/rotate",
            Some(json!({"activate_in": 3600})),
            vec!["keys:write"],
        ),
        ("GET", "/admin/v1/audit", none.clone(), vec!["audit:read"]),
        ("GET", "/admin/v1/api-keys", none.clone(), vec!["api_keys:write"]),
        (
            "POST",
            "/admin/v1/api-keys",
            Some(json!({"name": "k{n}", "roles": ["{role}"]})),
            vec!["api_keys:write"],
        ),
        (
            "DELETE",
            "/admin/v1/api-keys/{key}",
            none.clone(),
            vec!["api_keys:write"],
        ),
        (
            "DELETE",
            "/admin/v1/users/{victim}",
            none.clone(),
            vec!["users:write"],
        ),
        (
            "POST",
            "/admin/v1/users/{user}/lock",
            none.clone(),
            vec!["users:write"],
        ),
        (
            "GET",
            "/admin/v1/identity-providers",
            none.clone(),
            vec!["identity_providers:read"],
        ),
        (
            "POST",
            "/admin/v1/identity-providers",
            Some(
                json!({"kind": "oidc", "name": "Idp {n}", "issuer": "https://idp{n}.example", "client_id": "c"}),
            ),
            vec!["identity_providers:write"],
        ),
        (
            "GET",
            "/admin/v1/identity-providers/{idp}",
            none.clone(),
            vec!["identity_providers:read"],
        ),
        (
            "PATCH",
            "/admin/v1/identity-providers/{idp}",
            Some(json!({"name": "Renamed"})),
            vec!["identity_providers:write"],
        ),
        (
            "DELETE",
            "/admin/v1/identity-providers/{idp2}",
            none,
            vec!["identity_providers:write"],
        ),
    ]
}

/// The built-in roles as the issue defines them.
fn holds(role: &str, permission: &str) -> bool {
    let read = permission.ends_with(":read");
    match role {
        "admin" => true,
        "user-manager" => {
            ["users:", "sessions:", "groups:"]
                .iter()
                .any(|r| permission.starts_with(r))
                || permission == "roles:read"
        }
        "support" => [
            "users:read",
            "users:unlock",
            "users:verify",
            "sessions:read",
            "sessions:write",
        ]
        .contains(&permission),
        "auditor" => read,
        "users-reader" => permission == "users:read",
        _ => false,
    }
}

/// Fresh objects for one caller to act on, so that one caller's deletions leave the next
/// caller's alone.
async fn fixtures(app: &TestApp, n: usize) -> Vec<(&'static str, String)> {
    let user = app.create_user(&format!("target{n}@example.com")).await;
    let victim = app.create_user(&format!("victim{n}@example.com")).await;
    let roles = &app.state.roles;
    let role = |name: String| NewRole {
        name,
        permissions: vec!["users:read".into()],
        ..NewRole::default()
    };
    let role1 = roles.create(role(format!("fixture{n}")), "test").await.unwrap();
    let role2 = roles.create(role(format!("doomed{n}")), "test").await.unwrap();
    let group = roles
        .create_group(&format!("team{n}"), None, "test")
        .await
        .unwrap();
    let group2 = roles
        .create_group(&format!("gone{n}"), None, "test")
        .await
        .unwrap();
    let client = app.create_client(ClientSpec::service()).await;
    let client2 = app.create_client(ClientSpec::service()).await;
    let key = app
        .state
        .api_keys
        .create(
            NewApiKey {
                name: format!("fixture{n}"),
                roles: vec![role1.clone()],
                expires_in: None,
                owner: None,
            },
            "test",
        )
        .await
        .unwrap()
        .0;
    let connections = crate::federation::connections(app);
    let idp = |name: String| portcullis::manage::identity_providers::ConnectionChange {
        issuer: Some(format!("https://{name}.example")),
        client_id: Some("c".into()),
        name: Some(name),
        ..Default::default()
    };
    let oidc = portcullis::domain::ProviderKind::Oidc;
    let idp1 = connections
        .create(oidc, idp(format!("idp-a{n}")), "test")
        .await
        .unwrap();
    let idp2 = connections
        .create(oidc, idp(format!("idp-b{n}")), "test")
        .await
        .unwrap();
    vec![
        ("{user}", user.id),
        ("{idp}", idp1.id),
        ("{idp2}", idp2.id),
        ("{victim}", victim.id),
        ("{role}", role1.id),
        ("{role2}", role2.id),
        ("{group}", group.id),
        ("{group2}", group2.id),
        ("{client}", client.id),
        ("{client2}", client2.id),
        ("{key}", key.id),
        ("{n}", n.to_string()),
    ]
}

async fn key_with(app: &TestApp, roles: &[&str]) -> String {
    let names: Vec<String> = roles.iter().map(|r| r.to_string()).collect();
    let new = NewApiKey {
        name: "caller".into(),
        roles: app.state.roles.find_global(&names).await.unwrap(),
        expires_in: None,
        owner: None,
    };
    app.state.api_keys.create(new, "test").await.unwrap().1
}

#[tokio::test]
async fn every_operation_answers_each_caller_as_its_permissions_say() {
    let app = TestApp::spawn().await;
    let users_reader = NewRole {
        name: "users-reader".into(),
        permissions: vec!["users:read".into()],
        ..NewRole::default()
    };
    app.state.roles.create(users_reader, "test").await.unwrap();
    let console = app.create_client(ClientSpec::default()).await;
    let plain = app.create_user("plain@example.com").await;
    let plain_token = human_token(&app, &console, &plain, true).await;

    let mut callers: Vec<(&str, Option<String>)> = Vec::new();
    for role in ["admin", "user-manager", "support", "auditor", "users-reader"] {
        callers.push((role, Some(key_with(&app, &[role]).await)));
    }
    callers.push(("plain user", Some(plain_token)));
    callers.push(("no credentials", None));

    let mut failures = Vec::new();
    for (n, (caller, credential)) in callers.iter().enumerate() {
        let names = fixtures(&app, n).await;
        for (method, template, body, needs) in operations() {
            let fill = |s: &str| names.iter().fold(s.to_owned(), |s, (k, v)| s.replace(k, v));
            let path = fill(template);
            let mut req = app.http().request(method.parse().unwrap(), app.url(&path));
            if let Some(b) = &body {
                let b: Value = serde_json::from_str(&fill(&b.to_string())).unwrap();
                req = req.json(&b);
            }
            if let Some(c) = credential {
                req = req.bearer_auth(c);
            }
            let status = req.send().await.unwrap().status().as_u16();
            let allowed = needs.iter().all(|p| holds(caller, p));
            let ok = match (credential, allowed) {
                (None, _) => status == 401,
                (Some(_), true) => !matches!(status, 401 | 403) && status < 500,
                (Some(_), false) => status == 403,
            };
            if !ok {
                failures.push(format!("{caller}: {method} {template} → {status}"));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[tokio::test]
async fn the_openapi_document_lists_exactly_the_operations_of_the_matrix() {
    let app = TestApp::spawn().await;
    let doc: Value = app
        .http()
        .get(app.url("/admin/v1/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    let placeholder = |p: &str| {
        p.split('/')
            .map(|seg| match seg.starts_with('{') || seg == "nosuch" {
                true => "{}",
                false => seg,
            })
            .collect::<Vec<_>>()
            .join("/")
    };
    let mut documented = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            documented.insert(format!("{} {}", method.to_uppercase(), placeholder(path)));
        }
    }
    let tested: BTreeSet<String> = operations()
        .iter()
        .map(|(m, p, _, _)| format!("{m} {}", placeholder(p)))
        .collect();
    assert_eq!(documented, tested);
}
