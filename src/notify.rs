//! Mail and SMS to users. Messages are sent in the background, so a page answers in the same
//! time whether or not it sent anything (an answer's timing must not reveal whether an account
//! exists). With no SMTP server or SMS API configured, messages are written to
//! `<data dir>/outbox/` and their links logged, for development.

mod mail;
pub mod messages;
mod sms;

use std::path::PathBuf;
use std::sync::Arc;

pub use mail::Mailer;
pub use messages::MailContent;
pub use sms::SmsSender;

use crate::config::Config;

#[derive(Debug, thiserror::Error)]
pub enum NotifyError {
    #[error("mail: {0}")]
    Mail(String),
    #[error("sms: {0}")]
    Sms(String),
    #[error("outbox: {0}")]
    Io(#[from] std::io::Error),
}

#[derive(Clone)]
pub struct Notifier {
    mailer: Arc<Mailer>,
    sms: Arc<SmsSender>,
}

impl Notifier {
    pub fn new(config: &Config, http: reqwest::Client) -> Result<Notifier, NotifyError> {
        let outbox = outbox_dir(config);
        Ok(Notifier {
            mailer: Arc::new(Mailer::new(config, outbox.clone())?),
            sms: Arc::new(SmsSender::new(config, http, outbox)),
        })
    }

    /// Sends a mail in the background; failures are logged (without the message's content).
    pub fn mail(&self, to: &str, content: MailContent) {
        let mailer = self.mailer.clone();
        let to = to.to_owned();
        tokio::spawn(async move {
            if let Err(e) = mailer.send(&to, &content).await {
                tracing::error!(error = %e, kind = content.kind, "mail could not be sent");
            }
        });
    }

    /// Sends a text message in the background.
    pub fn sms(&self, to: &str, text: String) {
        let sms = self.sms.clone();
        let to = to.to_owned();
        tokio::spawn(async move {
            if let Err(e) = sms.send(&to, &text).await {
                tracing::error!(error = %e, "text message could not be sent");
            }
        });
    }
}

pub fn outbox_dir(config: &Config) -> PathBuf {
    config.data_dir.join("outbox")
}

/// A file name that sorts by time and never collides.
fn outbox_file_name(extension: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!("{nanos}-{}.{extension}", crate::crypto::secrets::random_token(6))
}
