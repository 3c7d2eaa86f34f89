//! Just enough of a browser for the hosted pages: a cookie jar (names and values; the bench
//! runs on http://127.0.0.1 where the server sets no `Secure` cookies), redirects followed by
//! hand, and the values of a page's form fields.

use reqwest::header::{CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};
use reqwest::{Method, StatusCode};

/// A fresh browser: no cookies.
#[derive(Default)]
pub struct Browser {
    cookies: Vec<(String, String)>,
}

/// One answer: its status, where a redirect points (absolute), and the body.
pub struct Answer {
    pub status: StatusCode,
    pub location: Option<String>,
    pub body: String,
}

impl Browser {
    pub async fn request(
        &mut self,
        http: &reqwest::Client,
        method: Method,
        url: &str,
        form: Option<String>,
    ) -> Result<Answer, String> {
        let what = format!("{method} {}", path_of(url));
        let mut req = http.request(method, url);
        if !self.cookies.is_empty() {
            let header: Vec<String> = self.cookies.iter().map(|(n, v)| format!("{n}={v}")).collect();
            req = req.header(COOKIE, header.join("; "));
        }
        if let Some(body) = form {
            req = req
                .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(body);
        }
        let resp = req.send().await.map_err(|e| format!("{what}: {e}"))?;
        for v in resp.headers().get_all(SET_COOKIE) {
            if let Ok(v) = v.to_str() {
                self.store(v);
            }
        }
        let status = resp.status();
        let location = resp
            .headers()
            .get(LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(|l| absolute(url, l));
        let body = resp.text().await.map_err(|e| format!("{what} body: {e}"))?;
        Ok(Answer {
            status,
            location,
            body,
        })
    }

    /// `Set-Cookie: name=value; …`: kept, replaced, or removed when it expires at once.
    fn store(&mut self, set_cookie: &str) {
        let mut parts = set_cookie.split(';');
        let Some((name, value)) = parts.next().and_then(|nv| nv.trim().split_once('=')) else {
            return;
        };
        let expired = parts.any(|a| {
            let a = a.trim().to_ascii_lowercase();
            a == "max-age=0" || a.starts_with("max-age=-")
        });
        self.cookies.retain(|(n, _)| n != name);
        if !expired {
            self.cookies.push((name.to_owned(), value.to_owned()));
        }
    }
}

/// `location` resolved against `base` (the server sends absolute paths or absolute URLs).
fn absolute(base: &str, location: &str) -> String {
    if location.starts_with('/') && !location.starts_with("//") {
        let origin_end = base
            .find("://")
            .and_then(|i| base[i + 3..].find('/').map(|j| i + 3 + j))
            .unwrap_or(base.len());
        format!("{}{location}", &base[..origin_end])
    } else {
        location.to_owned()
    }
}

/// The path of a URL, without the query.
pub fn path_of(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(url, |i| &url[i + 3..]);
    let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
    path.split(['?', '#']).next().unwrap_or(path)
}

/// The value of the first `<input … name="NAME" … value="…">` of the page.
pub fn input_value(html: &str, name: &str) -> Option<String> {
    let wanted = format!("name=\"{name}\"");
    let mut rest = html;
    while let Some(i) = rest.find("<input") {
        let tag = &rest[i..];
        let end = tag.find('>')?;
        let tag = &tag[..end];
        if tag.contains(&wanted) {
            let v = tag.find("value=\"").map(|j| &tag[j + 7..])?;
            return Some(unescape(&v[..v.find('"')?]));
        }
        rest = &rest[i + end..];
    }
    None
}

/// The text of the element that opens with `open` (e.g. `<code id="totp-secret" class="secret">`).
pub fn element_text(html: &str, open: &str) -> Option<String> {
    let start = html.find(open)? + open.len();
    let len = html[start..].find('<')?;
    Some(unescape(html[start..start + len].trim()))
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// A short piece of a page for an error message: its first problem, or its beginning.
pub fn excerpt(html: &str) -> String {
    let from = html
        .find("class=\"problem")
        .or_else(|| html.find("<h1"))
        .unwrap_or(0);
    let s: String = html[from..].chars().take(240).collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_fields_and_the_secret_are_read_from_the_page() {
        let page = r#"<form method="post" action="/login">
  <input type="hidden" name="interaction" value="abc_-1">
  <input type="hidden" name="csrf" value="x&amp;y">
  <input id="code" name="code" type="text" required>
  <p>Key: <code id="totp-secret" class="secret">JBSW Y3DP</code></p>"#;
        assert_eq!(input_value(page, "interaction").as_deref(), Some("abc_-1"));
        assert_eq!(input_value(page, "csrf").as_deref(), Some("x&y"));
        assert_eq!(input_value(page, "code"), None);
        assert_eq!(input_value(page, "missing"), None);
        assert_eq!(
            element_text(page, r#"<code id="totp-secret" class="secret">"#).as_deref(),
            Some("JBSW Y3DP")
        );
    }

    #[test]
    fn redirects_resolve_against_the_origin() {
        assert_eq!(
            absolute("http://127.0.0.1:8080/authorize?x=1", "/login?interaction=a"),
            "http://127.0.0.1:8080/login?interaction=a"
        );
        assert_eq!(absolute("http://h/a", "http://c/cb?code=1"), "http://c/cb?code=1");
        assert_eq!(
            path_of("http://127.0.0.1:1/login/factor?interaction=a"),
            "/login/factor"
        );
        assert_eq!(path_of("http://127.0.0.1:1"), "/");
    }

    #[test]
    fn cookies_are_kept_replaced_and_removed() {
        let mut b = Browser::default();
        b.store("a=1; Path=/; HttpOnly");
        b.store("b=2");
        b.store("a=3; SameSite=Lax");
        assert_eq!(
            b.cookies,
            vec![("b".into(), "2".into()), ("a".into(), "3".into())]
        );
        b.store("b=; Max-Age=0; Path=/");
        assert_eq!(b.cookies, vec![("a".into(), "3".into())]);
    }
}
