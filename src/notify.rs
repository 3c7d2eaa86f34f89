//! Mail and SMS to users. Messages are sent in the background, so a page answers in the same
//! time whether or not it sent anything (an answer's timing must not reveal whether an account
//! exists). With no SMTP server or SMS API configured, messages are written to
//! `<data dir>/outbox/` and their links logged, for development.

mod mail;
pub mod messages;
mod sms;

use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

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
    /// The mail server or SMS API could not take the message now (unreachable, busy, throttling,
    /// a 4xx SMTP reply or a 5xx/429 HTTP one): worth another attempt.
    #[error("{0}")]
    Unavailable(String),
    #[error("outbox: {0}")]
    Io(#[from] std::io::Error),
}

/// Pauses before the second, third and fourth attempt: a server that is restarting or
/// throttling gets about forty seconds in all, well inside the shortest code lifetime.
const RETRY_DELAYS: [Duration; 3] = [
    Duration::from_secs(2),
    Duration::from_secs(8),
    Duration::from_secs(30),
];

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

    /// Sends a mail in the background, retrying while the server is unavailable; failures are
    /// logged (without the message's content).
    pub fn mail(&self, to: &str, content: MailContent) {
        let mailer = self.mailer.clone();
        let to = to.to_owned();
        tokio::spawn(async move {
            let kind = content.kind;
            with_retries(kind, || mailer.send(&to, &content)).await;
        });
    }

    /// Sends a text message in the background, retrying while the API is unavailable.
    pub fn sms(&self, to: &str, text: String) {
        let sms = self.sms.clone();
        let to = to.to_owned();
        tokio::spawn(async move {
            with_retries("sms", || sms.send(&to, &text)).await;
        });
    }
}

/// Runs `send` until it succeeds, fails for good, or the retries are used up.
async fn with_retries<F, Fut>(kind: &'static str, mut send: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<(), NotifyError>>,
{
    let mut delays = RETRY_DELAYS.iter();
    loop {
        match send().await {
            Ok(()) => return,
            Err(e @ NotifyError::Unavailable(_)) => match delays.next() {
                Some(delay) => {
                    tracing::warn!(error = %e, kind, retry_in = ?delay, "message not delivered yet");
                    tokio::time::sleep(*delay).await;
                }
                None => {
                    tracing::error!(error = %e, kind, "message not delivered; retries used up");
                    return;
                }
            },
            Err(e) => {
                tracing::error!(error = %e, kind, "message could not be sent");
                return;
            }
        }
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
