//! The hosted pages' own template structs (sign-in, sign-up, recovery, consent); the pages
//! every face shares (errors, messages, form_post, logout) are in `web::pages`.

use askama::Template;
use askama_web::WebTemplate;

// The shared pages, as the hosted pages name them.
use crate::i18n::Tr;
pub use crate::web::pages::{
    ClientFace, css_url, error_page, expired_page, logged_out, message_page, status_for, with_csp,
};
use crate::web::problems::Problems;

#[derive(Template, WebTemplate)]
#[template(path = "login/login.html")]
pub struct LoginPage {
    pub t: Tr,
    pub css_url: String,
    pub interaction: String,
    pub csrf: String,
    pub client: Option<ClientFace>,
    pub username: String,
    pub problems: Problems,
    pub notice: Option<String>,
    pub signup_enabled: bool,
    /// The sign-in is for a client, which a cancel answers with `access_denied`.
    pub cancellable: bool,
    /// Passkeys can sign in here (the issuer can be a WebAuthn relying party).
    pub passkeys: bool,
    pub webauthn_script: String,
    /// Upstream identity providers offered, as (id, button label, icon: inline SVG of ours).
    pub upstreams: Vec<(String, String, Option<&'static str>)>,
    /// Identity-first: the address alone, posted to `/login/identify`.
    pub identify: bool,
}

/// The page Telegram returns to: its script posts the fragment's payload.
#[derive(Template, WebTemplate)]
#[template(path = "login/telegram.html")]
pub struct TelegramPage {
    pub t: Tr,
    pub title: String,
    pub css_url: String,
    pub action: String,
    pub state: String,
    pub script: String,
}

/// The page that asks for the password of the account an upstream sign-in is to be linked to.
#[derive(Template, WebTemplate)]
#[template(path = "login/link.html")]
pub struct LinkPage {
    pub t: Tr,
    pub title: String,
    pub intro: String,
    pub css_url: String,
    pub interaction: String,
    pub csrf: String,
    pub client: Option<ClientFace>,
    pub email: String,
    pub problems: Problems,
}

/// The review step of an upstream sign-in: the address it lacks, then the code mailed there.
#[derive(Template, WebTemplate)]
#[template(path = "login/review.html")]
pub struct ReviewPage {
    pub t: Tr,
    pub title: String,
    pub intro: String,
    pub css_url: String,
    pub interaction: String,
    pub csrf: String,
    pub client: Option<ClientFace>,
    pub email: String,
    pub name: String,
    /// The address the code went to: the page asks for the code.
    pub sent_to: Option<String>,
    pub problems: Problems,
}

#[derive(Template, WebTemplate)]
#[template(path = "login/register.html")]
pub struct RegisterPage {
    pub t: Tr,
    pub css_url: String,
    pub script_url: String,
    pub interaction: String,
    pub csrf: String,
    pub client: Option<ClientFace>,
    pub email: String,
    pub name: String,
    pub phone: String,
    pub min_length: usize,
    pub problems: Problems,
}

#[derive(Template, WebTemplate)]
#[template(path = "login/check_email.html")]
pub struct CheckEmailPage {
    pub t: Tr,
    pub css_url: String,
    pub interaction: String,
    pub csrf: String,
    pub email: String,
    pub notice: Option<String>,
    pub problems: Problems,
}

#[derive(Template, WebTemplate)]
#[template(path = "login/forgot_password.html")]
pub struct ForgotPasswordPage {
    pub t: Tr,
    pub css_url: String,
    pub csrf: String,
    /// The sign-in this detour began in ("" for none): every step carries it back.
    pub interaction: String,
    pub email: String,
    pub problems: Problems,
}

#[derive(Template, WebTemplate)]
#[template(path = "login/reset_password.html")]
pub struct ResetPasswordPage {
    pub t: Tr,
    pub css_url: String,
    pub script_url: String,
    pub csrf: String,
    pub interaction: String,
    pub action: &'static str,
    pub by_code: bool,
    pub token: String,
    pub email: String,
    pub min_length: usize,
    pub notice: Option<String>,
    pub problems: Problems,
}

/// A page that asks to confirm a one-time link with a button, so that mail scanners fetching
/// the link do not use it up.
#[derive(Template, WebTemplate)]
#[template(path = "confirm.html")]
pub struct ConfirmPage {
    pub t: Tr,
    pub css_url: String,
    pub title: String,
    pub message: String,
    pub action: &'static str,
    pub token: String,
    pub csrf: String,
    pub interaction: String,
    pub button: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "consent.html")]
pub struct ConsentPage {
    pub t: Tr,
    pub css_url: String,
    pub interaction: String,
    pub csrf: String,
    pub client: ClientFace,
    pub user_email: String,
    pub scopes: Vec<String>,
}

impl ConsentPage {
    pub fn new(
        t: Tr,
        interaction: String,
        csrf: String,
        client: ClientFace,
        user_email: String,
        scopes: Vec<String>,
    ) -> Self {
        Self {
            t,
            css_url: css_url(),
            interaction,
            csrf,
            client,
            user_email,
            scopes,
        }
    }
}

/// Human descriptions of scopes, for the consent page.
pub fn describe_scope(t: &Tr, scope: &str) -> Option<String> {
    matches!(
        scope,
        "openid" | "profile" | "email" | "phone" | "address" | "offline_access" | "roles"
    )
    .then(|| t.t(&format!("scope-{scope}")))
}
