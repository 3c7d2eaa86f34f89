//! Text messages through a generic HTTP API (Twilio-style: URL, Authorization header and a
//! body template with `{to}` and `{message}`), or into the outbox as `.txt` files.

use std::path::PathBuf;

use super::{NotifyError, outbox_file_name, write_outbox};
use crate::config::{Config, SmsConfig};

pub struct SmsSender {
    config: SmsConfig,
    http: reqwest::Client,
    outbox: PathBuf,
}

impl SmsSender {
    pub fn new(config: &Config, http: reqwest::Client, outbox: PathBuf) -> SmsSender {
        SmsSender {
            config: config.sms.clone(),
            http,
            outbox,
        }
    }

    pub async fn send(&self, to: &str, text: &str) -> Result<(), NotifyError> {
        match &self.config {
            SmsConfig::Http {
                url,
                authorization,
                body,
                content_type,
            } => {
                let body = fill_template(body, content_type, to, text);
                let mut req = self
                    .http
                    .post(url)
                    .header(reqwest::header::CONTENT_TYPE, content_type.as_str())
                    .body(body);
                if let Some(a) = authorization {
                    req = req.header(reqwest::header::AUTHORIZATION, a.as_str());
                }
                let res = req
                    .send()
                    .await
                    // Without the URL: some SMS APIs take their key in the query string.
                    .map_err(|e| NotifyError::Unavailable(format!("sms: {}", e.without_url())))?;
                outcome(res.status())?;
                tracing::info!("text message sent");
            }
            SmsConfig::Outbox => {
                let path = self.outbox.join(outbox_file_name("sms.txt"));
                write_outbox(&self.outbox, &path, format!("To: {to}\n\n{text}\n").into_bytes()).await?;
                tracing::info!(file = %path.display(), "text message written to the outbox");
            }
        }
        Ok(())
    }
}

/// What the API's answer means: sent, try again later (5xx, 429), or refused for good.
fn outcome(status: reqwest::StatusCode) -> Result<(), NotifyError> {
    if status.is_server_error() || status == reqwest::StatusCode::TOO_MANY_REQUESTS {
        return Err(NotifyError::Unavailable(format!(
            "sms: the SMS API answered {status}"
        )));
    }
    if !status.is_success() {
        return Err(NotifyError::Sms(format!("the SMS API answered {status}")));
    }
    Ok(())
}

/// Puts the recipient and message into the body, escaped for its content type.
fn fill_template(template: &str, content_type: &str, to: &str, message: &str) -> String {
    let escape = |v: &str| -> String {
        if content_type.contains("json") {
            let quoted = serde_json::Value::String(v.to_owned()).to_string();
            quoted[1..quoted.len() - 1].to_owned()
        } else if content_type.contains("x-www-form-urlencoded") {
            url::form_urlencoded::byte_serialize(v.as_bytes()).collect()
        } else {
            v.to_owned()
        }
    };
    template
        .replace("{to}", &escape(to))
        .replace("{message}", &escape(message))
}

#[cfg(test)]
mod tests {
    use super::{NotifyError, fill_template, outcome};
    use reqwest::StatusCode;

    #[test]
    fn busy_apis_are_tried_again_and_refusals_are_final() {
        for ok in [200, 201, 202, 204] {
            assert!(outcome(StatusCode::from_u16(ok).unwrap()).is_ok(), "{ok}");
        }
        for busy in [429, 500, 502, 503, 504] {
            let r = outcome(StatusCode::from_u16(busy).unwrap());
            assert!(matches!(r, Err(NotifyError::Unavailable(_))), "{busy}");
        }
        for refused in [301, 400, 401, 403, 404, 422] {
            let r = outcome(StatusCode::from_u16(refused).unwrap());
            assert!(matches!(r, Err(NotifyError::Sms(_))), "{refused}");
        }
    }

    #[test]
    fn template_values_are_escaped_for_the_content_type() {
        assert_eq!(
            fill_template(
                r#"{"to":"{to}","body":"{message}"}"#,
                "application/json",
                "+1",
                "a \"b\""
            ),
            r#"{"to":"+1","body":"a \"b\""}"#
        );
        assert_eq!(
            fill_template(
                "To={to}&Body={message}",
                "application/x-www-form-urlencoded",
                "+1 5",
                "a&b"
            ),
            "To=%2B1+5&Body=a%26b"
        );
    }
}
