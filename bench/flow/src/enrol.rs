//! Set-up, not measured: gives each user an authenticator app through the account pages, as a
//! person would (sign in to the account, open "Security", add an app with the key the page
//! shows and the code for it).
//!
//! ```text
//! GET  /login                         -> 303 /login?interaction=ID (an account sign-in)
//! GET  /login?interaction=ID          -> the login page
//! POST /login  e-mail + password      -> 303 /account (session cookie)
//! GET  /account/security/totp         -> the key in <code id="totp-secret">, `pending`, `csrf`
//! POST /account/security/totp  csrf, pending, name, code  -> 200 (the recovery codes)
//! ```
//!
//! The enrolment's code counts as used: the user's first login must wait for the next step.

use reqwest::{Method, StatusCode};

use crate::browser::{element_text, excerpt, input_value, path_of, Browser};
use crate::users::User;
use crate::{pct, totp};

const SECRET_ELEMENT: &str = r#"<code id="totp-secret" class="secret">"#;

pub async fn enrol(http: &reqwest::Client, base: &str, user: &mut User) -> Result<(), String> {
    let mut b = Browser::default();
    let a = b
        .request(http, Method::GET, &format!("{base}/login"), None)
        .await?;
    let login = a
        .location
        .filter(|l| path_of(l) == "/login")
        .ok_or_else(|| format!("GET /login: {} without a sign-in to follow", a.status))?;
    let a = b.request(http, Method::GET, &login, None).await?;
    let (interaction, csrf) = match (input_value(&a.body, "interaction"), input_value(&a.body, "csrf")) {
        (Some(i), Some(c)) if a.status == StatusCode::OK => (i, c),
        _ => {
            return Err(format!(
                "GET /login?interaction: {}: {}",
                a.status,
                excerpt(&a.body)
            ))
        }
    };
    let form = format!(
        "interaction={}&csrf={}&username={}&password={}",
        pct(&interaction),
        pct(&csrf),
        pct(&user.email),
        pct(&user.password)
    );
    let a = b
        .request(http, Method::POST, &format!("{base}/login"), Some(form))
        .await?;
    if a.location.as_deref().map(path_of) != Some("/account") {
        return Err(format!(
            "POST /login: {} to {:?}, not the account pages: {}",
            a.status,
            a.location,
            excerpt(&a.body)
        ));
    }

    let page = format!("{base}/account/security/totp");
    let a = b.request(http, Method::GET, &page, None).await?;
    let fields = (
        element_text(&a.body, SECRET_ELEMENT),
        input_value(&a.body, "pending"),
        input_value(&a.body, "csrf"),
    );
    let (Some(secret_base32), Some(pending), Some(csrf)) = fields else {
        return Err(format!(
            "GET /account/security/totp: {} without a key to add: {}",
            a.status,
            excerpt(&a.body)
        ));
    };
    let secret = totp::base32_decode(&secret_base32)
        .filter(|s| !s.is_empty())
        .ok_or("the page's key is not base32")?;
    let step = totp::current_step();
    let form = format!(
        "csrf={}&pending={}&name=bench&code={}",
        pct(&csrf),
        pct(&pending),
        totp::code(&secret, step)
    );
    let a = b.request(http, Method::POST, &page, Some(form)).await?;
    // Refused, the page shows the same key again.
    if a.status != StatusCode::OK || a.body.contains(SECRET_ELEMENT) {
        return Err(format!(
            "POST /account/security/totp: {}: {}",
            a.status,
            excerpt(&a.body)
        ));
    }
    user.secret = Some(secret);
    user.secret_base32 = Some(secret_base32);
    user.last_step = Some(step);
    Ok(())
}
