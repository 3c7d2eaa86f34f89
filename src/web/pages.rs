//! The pages every face that answers a browser shares: errors (with the request id and a way
//! on), messages, the form_post response, the logout question and the signed-out page, and the
//! application a page is about (`ClientFace`).

use askama::Template;
use askama_web::WebTemplate;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::domain::{Client, OAuthError};
use crate::http::{assets, request_id, security};
use crate::i18n::Tr;
use crate::web::lang::Lang;
use crate::web::problems::Problems;

pub fn css_url() -> String {
    assets::url("portcullis.css")
}

/// The application a page is about, as people know it: its name, logo and home page.
#[derive(Debug, Clone)]
pub struct ClientFace {
    pub name: String,
    /// The logo uploaded here, else the one at the client's site (`logo_uri`).
    pub logo: Option<String>,
    pub home: Option<String>,
    pub policy: Option<String>,
    pub terms: Option<String>,
}

impl From<&Client> for ClientFace {
    fn from(c: &Client) -> ClientFace {
        ClientFace {
            name: c.name.clone(),
            logo: c.logo_path().or_else(|| c.links.logo_uri.clone()),
            home: c.client_uri.clone(),
            policy: c.links.policy_uri.clone(),
            terms: c.links.tos_uri.clone(),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "message.html")]
pub struct MessagePage {
    pub t: Tr,
    pub css_url: String,
    pub title: String,
    pub message: String,
    pub link: Option<(String, String)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub t: Tr,
    pub css_url: String,
    pub title: String,
    pub message: String,
    /// The protocol's error code and description: for the application's developers and
    /// support, so in the protocol's words.
    pub code: String,
    pub detail: String,
    /// The way on: the client's home page when known, else the account.
    pub back: (String, String),
    /// Quoted to support, it finds this request's log lines.
    pub request_id: Option<String>,
}

impl ErrorPage {
    fn new(t: &Tr, title: String, message: String, code: &str, detail: &str) -> ErrorPage {
        ErrorPage {
            css_url: css_url(),
            title,
            message,
            code: code.to_owned(),
            detail: detail.to_owned(),
            back: (t.t("error-go-account"), "/account".to_owned()),
            request_id: request_id::current(),
            // An error page holds no form: nothing on it may submit anywhere.
            t: t.clone().without_picker(),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "form_post.html")]
pub struct FormPostPage {
    pub t: Tr,
    pub css_url: String,
    pub script_url: String,
    pub action: String,
    pub params: Vec<(&'static str, String)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "logout_confirm.html")]
pub struct LogoutConfirmPage {
    pub t: Tr,
    pub css_url: String,
    pub csrf: String,
    pub client: Option<ClientFace>,
    pub client_id: Option<String>,
    pub post_logout_redirect_uri: Option<String>,
    pub state: Option<String>,
    /// Where "Stay signed in" leads: the client's home page when known, else the account.
    pub cancel_href: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "logged_out.html")]
pub struct LoggedOutPage {
    pub t: Tr,
    pub css_url: String,
    /// The application that asked to sign out, with a link back when its home page is known.
    pub client: Option<ClientFace>,
}

impl LogoutConfirmPage {
    pub fn new(
        t: Tr,
        csrf: String,
        client: Option<ClientFace>,
        client_id: Option<String>,
        post_logout_redirect_uri: Option<String>,
        state: Option<String>,
    ) -> Self {
        Self {
            t,
            css_url: css_url(),
            cancel_href: client
                .as_ref()
                .and_then(|c| c.home.clone())
                .unwrap_or_else(|| "/account".to_owned()),
            csrf,
            client,
            client_id,
            post_logout_redirect_uri,
            state,
        }
    }
}

pub fn logged_out(t: Tr, client: Option<ClientFace>) -> Response {
    LoggedOutPage {
        t,
        css_url: css_url(),
        client,
    }
    .into_response()
}

/// The auto-submitting page of the form_post response mode; its CSP lets the form post to the
/// client and nowhere else.
pub fn form_post(t: Tr, action: String, params: Vec<(&'static str, String)>) -> Response {
    let csp = security::csp_with_form_targets(std::slice::from_ref(&action));
    let page = FormPostPage {
        t: t.without_picker(),
        css_url: css_url(),
        script_url: assets::url("form_post.js"),
        action,
        params,
    };
    with_csp(page.into_response(), &csp)
}

/// Sets a page's own Content-Security-Policy.
pub fn with_csp(mut res: Response, csp: &str) -> Response {
    if let Ok(v) = HeaderValue::from_str(csp) {
        res.headers_mut().insert(header::CONTENT_SECURITY_POLICY, v);
    }
    res
}

/// An error page for a request that cannot be answered to a client (OIDC Core §3.1.2.6: never
/// redirect to an unproven redirect_uri).
/// The status follows the error when it is the server's (500) or a passing outage (503, which
/// `http::outage` gives its Retry-After); otherwise it is `status`.
pub fn error_page(t: &Tr, status: StatusCode, title: &str, e: &OAuthError) -> Response {
    error_page_for(t, status, title, e, None)
}

/// [`error_page`] about a request of `client`: its way on is the client's home page, when the
/// client registered one.
pub fn error_page_for(
    t: &Tr,
    status: StatusCode,
    title: &str,
    e: &OAuthError,
    client: Option<ClientFace>,
) -> Response {
    let status = match e {
        OAuthError::ServerError => StatusCode::INTERNAL_SERVER_ERROR,
        OAuthError::TemporarilyUnavailable => StatusCode::SERVICE_UNAVAILABLE,
        _ => status,
    };
    let message = t.t(match e {
        OAuthError::ServerError => "error-server",
        OAuthError::TemporarilyUnavailable => "error-unavailable",
        _ => "error-request-rejected",
    });
    let mut page = ErrorPage::new(
        t,
        title.to_owned(),
        message,
        e.code(),
        e.description().unwrap_or_default(),
    );
    if let Some(ClientFace {
        name,
        home: Some(home),
        ..
    }) = client
    {
        page.back = (t.t1("error-back-to", "client", name), home);
    }
    (status, page).into_response()
}

/// An error page for a sign-in that cannot continue (expired or foreign interaction).
pub fn expired_page(t: &Tr) -> Response {
    let page = ErrorPage::new(t, t.t("expired-title"), t.t("expired"), "", "");
    (StatusCode::BAD_REQUEST, page).into_response()
}

/// Whether the client asked for a page (a browser) rather than data (an API client).
fn wants_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|a| a.to_str().ok())
        .is_some_and(|a| a.contains("text/html"))
}

/// An unknown path: a page for browsers, RFC 6749-style JSON for everyone else.
pub async fn not_found(lang: Lang, headers: HeaderMap) -> Response {
    refusal(lang, &headers, StatusCode::NOT_FOUND, "not-found", "not_found")
}

/// A known path asked with a method it does not answer.
pub async fn method_not_allowed(lang: Lang, headers: HeaderMap) -> Response {
    refusal(
        lang,
        &headers,
        StatusCode::METHOD_NOT_ALLOWED,
        "method-not-allowed",
        "method_not_allowed",
    )
}

fn refusal(lang: Lang, headers: &HeaderMap, status: StatusCode, message: &str, code: &str) -> Response {
    if !wants_html(headers) {
        return (status, axum::Json(serde_json::json!({ "error": code }))).into_response();
    }
    let t = lang.tr();
    message_page(
        &t,
        status,
        &t.t(&format!("{message}-title")),
        &t.t(message),
        Some((&t.t("profile-go-to-account"), "/account")),
    )
}

/// A form page's status: 400 when it shows problems with what was submitted.
pub fn status_for(problems: &Problems) -> StatusCode {
    if problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    }
}

/// A page with a title, a sentence and perhaps a link onwards.
pub fn message_page(
    t: &Tr,
    status: StatusCode,
    title: &str,
    message: &str,
    link: Option<(&str, &str)>,
) -> Response {
    let page = MessagePage {
        t: t.clone(),
        css_url: css_url(),
        title: title.to_owned(),
        message: message.to_owned(),
        link: link.map(|(l, h)| (l.to_owned(), h.to_owned())),
    };
    (status, page).into_response()
}
