//! Request parameters, as the protocol endpoints and the HTTP extractors both read them.

/// Request parameters as received (query or form), keeping duplicates so they can be refused:
/// RFC 6749 §3.1 "Request and response parameters MUST NOT be included more than once."
#[derive(Debug, Clone, Default)]
pub struct Params(Vec<(String, String)>);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateParam(pub &'static str);

impl Params {
    pub fn new(pairs: Vec<(String, String)>) -> Self {
        Self(pairs)
    }

    /// The single value of `name`; empty values count as absent (RFC 6749 §3.1).
    pub fn get(&self, name: &'static str) -> Result<Option<&str>, DuplicateParam> {
        let mut found = None;
        for (k, v) in &self.0 {
            if k == name {
                if found.is_some() {
                    return Err(DuplicateParam(name));
                }
                found = Some(v.as_str());
            }
        }
        Ok(found.filter(|v| !v.is_empty()))
    }

    /// Every non-empty value of a parameter that may repeat (RFC 8707 `resource`).
    /// Every pair, in the order received.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.0
    }

    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, v)| k == name && !v.is_empty())
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// [`Self::get`] for the token, introspection, revocation and end-session endpoints, where
    /// a repeated parameter is an `invalid_request` answered to the caller.
    pub fn single(&self, name: &'static str) -> Result<Option<&str>, super::OAuthError> {
        self.get(name)
            .map_err(|DuplicateParam(n)| super::OAuthError::invalid_request(format!("{n} is repeated")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicates_and_empty_values() {
        let p = Params::new(vec![
            ("a".into(), "1".into()),
            ("a".into(), "2".into()),
            ("b".into(), "".into()),
        ]);
        assert_eq!(p.get("a"), Err(DuplicateParam("a")));
        assert_eq!(p.get("b"), Ok(None));
        assert_eq!(p.get("c"), Ok(None));
    }
}
