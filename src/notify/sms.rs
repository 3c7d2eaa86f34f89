//! Text messages through a generic HTTP API (Twilio-style: URL, Authorization header and a
//! body template with `{to}` and `{message}`), or into the outbox as `.txt` files.

use std::path::PathBuf;

use super::{NotifyError, outbox_file_name};
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
                let status = res.status();
                if status.is_server_error() || status == reqwest::StatusCode::TOO_MANY_REQUESTS {
                    return Err(NotifyError::Unavailable(format!(
                        "sms: the SMS API answered {status}"
                    )));
                }
                if !status.is_success() {
                    return Err(NotifyError::Sms(format!("the SMS API answered {status}")));
                }
                tracing::info!("text message sent");
            }
            SmsConfig::Outbox => {
                tokio::fs::create_dir_all(&self.outbox).await?;
                let path = self.outbox.join(outbox_file_name("sms.txt"));
                tokio::fs::write(&path, format!("To: {to}\n\n{text}\n")).await?;
                tracing::info!(file = %path.display(), "text message written to the outbox");
            }
        }
        Ok(())
    }
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
    use super::fill_template;

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
