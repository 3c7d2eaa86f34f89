//! URLs as they may be shown in logs and messages: without their password.

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`; a `password=` query
/// parameter (libpq style) is masked too. Text that is not a URL is shown as it is: it holds
/// no `user:password@` part that the URL parser would have found.
pub fn redact_url(url: &str) -> String {
    let Ok(mut u) = url::Url::parse(url) else {
        return url.to_owned();
    };
    if u.password().is_some() {
        let _ = u.set_password(Some("***"));
    }
    if u.query_pairs().any(|(k, _)| k.eq_ignore_ascii_case("password")) {
        let pairs: Vec<(String, String)> = u
            .query_pairs()
            .map(|(k, v)| {
                let v = if k.eq_ignore_ascii_case("password") {
                    "***".into()
                } else {
                    v.into_owned()
                };
                (k.into_owned(), v)
            })
            .collect();
        u.query_pairs_mut().clear().extend_pairs(pairs);
    }
    u.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_masked() {
        assert_eq!(
            redact_url("postgres://user:s3cret@db.internal:5432/portcullis"),
            "postgres://user:***@db.internal:5432/portcullis"
        );
        let q = redact_url("postgres://db/portcullis?user=u&password=s3cret&sslmode=require");
        assert!(
            !q.contains("s3cret") && q.contains("password=***") && q.contains("sslmode=require"),
            "{q}"
        );
        assert_eq!(
            redact_url("sqlite://data/p.db?mode=rwc"),
            "sqlite://data/p.db?mode=rwc"
        );
        assert_eq!(redact_url("postgres://user@db/p"), "postgres://user@db/p");
    }
}
