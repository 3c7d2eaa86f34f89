//! One complete login, as a browser without a session does it:
//!
//! ```text
//! GET  /authorize?…&code_challenge=…       -> 303 /login?interaction=ID (binding cookie)
//! GET  /login?interaction=ID               -> the login page
//! POST /login  e-mail + password           -> 303 to the client with ?code=…  (password only)
//!                                          -> 303 /login/factor?interaction=ID (app user)
//! GET  /login/factor?interaction=ID        -> the challenge page
//! POST /login/factor  the app's code       -> 303 to the client with ?code=…
//! POST /token  authorization_code + PKCE   -> 200 with tokens
//! ```
//!
//! A user with an authenticator app must be challenged and a password-only user must not: any
//! other page is an error.

use reqwest::Method;

use crate::browser::{excerpt, input_value, path_of, Browser};
use crate::users::User;
use crate::{authorize_request, pct, query_param, redeem_code, totp, Config};

/// Redirects and pages of one login, at most.
const MAX_STEPS: usize = 12;

pub async fn one_login(http: &reqwest::Client, cfg: &Config, user: &mut User) -> Result<(), String> {
    let (mut url, state, verifier) = authorize_request(cfg);
    let mut browser = Browser::default();
    let mut form: Option<String> = None;
    let (mut posted_password, mut posted_code) = (false, false);
    let mut code = None;
    for _ in 0..MAX_STEPS {
        let method = if form.is_some() { Method::POST } else { Method::GET };
        let what = format!("{method} {}", path_of(&url));
        let answer = browser.request(http, method, &url, form.take()).await?;
        if answer.status.is_redirection() {
            let location = answer
                .location
                .ok_or_else(|| format!("{what}: redirect without Location"))?;
            if location.starts_with(&cfg.redirect_uri) {
                if let Some(err) = query_param(&location, "error") {
                    return Err(format!("{what}: the client got error={err}"));
                }
                if query_param(&location, "state").as_deref() != Some(state.as_str()) {
                    return Err(format!("{what}: state mismatch"));
                }
                code = Some(query_param(&location, "code").ok_or_else(|| format!("{what}: no code"))?);
                break;
            }
            url = location;
            continue;
        }
        if answer.status != reqwest::StatusCode::OK {
            return Err(format!("{what}: {}: {}", answer.status, excerpt(&answer.body)));
        }
        let page = &answer.body;
        let interaction =
            input_value(page, "interaction").ok_or_else(|| format!("{what}: no interaction"))?;
        let csrf = input_value(page, "csrf").ok_or_else(|| format!("{what}: no csrf"))?;
        match path_of(&url) {
            "/login" if !posted_password => {
                form = Some(format!(
                    "interaction={}&csrf={}&username={}&password={}",
                    pct(&interaction),
                    pct(&csrf),
                    pct(&user.email),
                    pct(&user.password)
                ));
                url = format!("{}/login", cfg.base_url);
                posted_password = true;
            }
            "/login/factor" if !posted_code => {
                let Some(secret) = user.secret.as_deref() else {
                    return Err("a password-only user was asked for a second factor".into());
                };
                let method = input_value(page, "method").unwrap_or_default();
                if method != "totp" {
                    return Err(format!("{what}: the challenge offers {method:?}, not the app"));
                }
                let step = totp::current_step();
                form = Some(format!(
                    "interaction={}&csrf={}&method=totp&code={}",
                    pct(&interaction),
                    pct(&csrf),
                    totp::code(secret, step)
                ));
                // Spent whatever the answer: the server refuses this step from now on.
                user.last_step = Some(step);
                url = format!("{}/login/factor", cfg.base_url);
                posted_code = true;
            }
            other => {
                return Err(format!(
                    "{what}: unexpected page {other} again: {}",
                    excerpt(page)
                ));
            }
        }
    }
    let code = code.ok_or("too many redirects and pages without reaching the client")?;
    if user.secret.is_some() && !posted_code {
        return Err("a user with an authenticator app was not asked for a code".into());
    }
    redeem_code(http, cfg, &code, &verifier).await
}
