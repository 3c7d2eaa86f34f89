//! Security headers on every response. A handler that needs another policy (a page whose form
//! posts to a client, the form_post response) sets its own `Content-Security-Policy` first.

use axum::http::{HeaderMap, HeaderName, HeaderValue, header};

/// The default policy: our own styles and scripts only, no framing, forms post to us.
pub const DEFAULT_CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; \
     form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// A policy whose forms may also post (or be redirected after posting) to `targets`: Chromium
/// applies form-action to the redirect that follows a form submission.
pub fn csp_with_form_targets(targets: &[String]) -> String {
    let mut sources = String::from("'self'");
    for t in targets {
        if let Some(src) = csp_source(t) {
            sources.push(' ');
            sources.push_str(&src);
        }
    }
    format!(
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action {sources}; \
         frame-ancestors 'none'; base-uri 'none'"
    )
}

/// Lets `res`'s policy (or the default) load images from `uri`'s origin too: a client's logo
/// at its own site.
pub fn allow_image_from(mut res: axum::response::Response, uri: &str) -> axum::response::Response {
    let Some(source) = csp_source(uri).filter(|s| s.starts_with("https://") || s.starts_with("http://"))
    else {
        return res;
    };
    let h = res.headers_mut();
    let current = h
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .unwrap_or(DEFAULT_CSP)
        .to_owned();
    let widened = current.replacen(
        "img-src 'self' data:",
        &format!("img-src 'self' data: {source}"),
        1,
    );
    if let Ok(v) = HeaderValue::from_str(&widened) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    res
}

/// The CSP source expression for a URL: its origin, or its scheme for custom schemes.
fn csp_source(uri: &str) -> Option<String> {
    let u = url::Url::parse(uri).ok()?;
    match u.scheme() {
        "http" | "https" => {
            let origin = u.origin().ascii_serialization();
            (!origin.contains(['\'', ';', ' ', ','])).then_some(origin)
        }
        s if s
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b)) =>
        {
            Some(format!("{s}:"))
        }
        _ => None,
    }
}

/// Sets the security headers a response does not set itself.
pub fn apply(https: bool, h: &mut HeaderMap) {
    let mut set = |name: HeaderName, value: &'static str| {
        if !h.contains_key(&name) {
            h.insert(name, HeaderValue::from_static(value));
        }
    };
    set(header::CONTENT_SECURITY_POLICY, DEFAULT_CSP);
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(header::X_FRAME_OPTIONS, "DENY");
    set(header::REFERRER_POLICY, "no-referrer");
    set(
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    set(header::CACHE_CONTROL, "no-store");
    if https {
        set(
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=63072000; includeSubDomains",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_targets_become_origins() {
        let csp = csp_with_form_targets(&[
            "https://rp.example:8443/cb?x=1".into(),
            "com.example.app:/cb".into(),
        ]);
        assert!(
            csp.contains("form-action 'self' https://rp.example:8443 com.example.app:;"),
            "{csp}"
        );
    }
}
