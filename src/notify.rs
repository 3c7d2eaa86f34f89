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
    retry_delays: Arc<[Duration]>,
}

impl Notifier {
    pub fn new(config: &Config, http: reqwest::Client) -> Result<Notifier, NotifyError> {
        let outbox = outbox_dir(config);
        Ok(Notifier {
            mailer: Arc::new(Mailer::new(config, outbox.clone())?),
            sms: Arc::new(SmsSender::new(config, http, outbox)),
            retry_delays: RETRY_DELAYS.into(),
        })
    }

    /// The same notifier with other pauses between attempts (tests wait milliseconds).
    pub fn with_retry_delays(mut self, delays: &[Duration]) -> Notifier {
        self.retry_delays = delays.into();
        self
    }

    /// Sends a mail in the background, retrying while the server is unavailable; failures are
    /// logged (without the message's content).
    pub fn mail(&self, to: &str, content: MailContent) {
        let (mailer, delays) = (self.mailer.clone(), self.retry_delays.clone());
        let to = to.to_owned();
        tokio::spawn(async move {
            let kind = content.kind;
            with_retries(kind, &delays, tokio::time::sleep, || mailer.send(&to, &content)).await;
        });
    }

    /// Sends a mail and waits for it, retrying while the server is unavailable: for a command
    /// line that would exit before a background delivery finished. Whether it was delivered.
    pub async fn mail_and_wait(&self, to: &str, content: MailContent) -> bool {
        let kind = content.kind;
        with_retries(kind, &self.retry_delays, tokio::time::sleep, || {
            self.mailer.send(to, &content)
        })
        .await
    }

    /// Sends a text message in the background, retrying while the API is unavailable.
    pub fn sms(&self, to: &str, text: String) {
        let (sms, delays) = (self.sms.clone(), self.retry_delays.clone());
        let to = to.to_owned();
        tokio::spawn(async move {
            with_retries("sms", &delays, tokio::time::sleep, || sms.send(&to, &text)).await;
        });
    }
}

/// Runs `send` until it succeeds, fails for good, or the retries (one per delay) are used up;
/// `sleep` pauses between attempts. Whether it succeeded.
async fn with_retries<F, Fut, S, SFut>(kind: &'static str, delays: &[Duration], sleep: S, mut send: F) -> bool
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<(), NotifyError>>,
    S: Fn(Duration) -> SFut,
    SFut: Future<Output = ()>,
{
    let mut delays = delays.iter();
    loop {
        match send().await {
            Ok(()) => return true,
            Err(e @ NotifyError::Unavailable(_)) => match delays.next() {
                Some(delay) => {
                    tracing::warn!(error = %e, kind, retry_in = ?delay, "message not delivered yet");
                    sleep(*delay).await;
                }
                None => {
                    tracing::error!(error = %e, kind, "message not delivered; retries used up");
                    return false;
                }
            },
            Err(e) => {
                tracing::error!(error = %e, kind, "message could not be sent");
                return false;
            }
        }
    }
}

pub fn outbox_dir(config: &Config) -> PathBuf {
    config.data_dir.join("outbox")
}

/// Writes one message to the outbox: a private directory, private files (they hold links and
/// codes that sign people in).
async fn write_outbox(
    dir: &std::path::Path,
    path: &std::path::Path,
    contents: Vec<u8>,
) -> std::io::Result<()> {
    let (dir, path) = (dir.to_owned(), path.to_owned());
    tokio::task::spawn_blocking(move || {
        crate::files::private_dir(&dir)?;
        crate::files::write_private(&path, &contents)
    })
    .await
    .map_err(std::io::Error::other)?
}

/// A file name that sorts by time and never collides.
fn outbox_file_name(extension: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!("{nanos}-{}.{extension}", crate::crypto::secrets::random_token(6))
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;

    /// Runs `with_retries` with the production pauses against a sender that answers `results` in
    /// turn (then succeeds); returns the number of attempts and the pauses taken between them.
    async fn attempts(results: Vec<Result<(), NotifyError>>) -> (usize, Vec<u64>) {
        let calls = Mutex::new(0);
        let results = Mutex::new(results.into_iter());
        let pauses = Mutex::new(Vec::new());
        let sleep = |d: Duration| {
            pauses.lock().unwrap().push(d.as_secs());
            std::future::ready(())
        };
        with_retries("test", &RETRY_DELAYS, sleep, || {
            *calls.lock().unwrap() += 1;
            std::future::ready(results.lock().unwrap().next().unwrap_or(Ok(())))
        })
        .await;
        (calls.into_inner().unwrap(), pauses.into_inner().unwrap())
    }

    fn unavailable() -> Result<(), NotifyError> {
        Err(NotifyError::Unavailable("busy".into()))
    }

    #[tokio::test]
    async fn a_sent_message_is_sent_once() {
        assert_eq!(attempts(vec![Ok(())]).await, (1, vec![]));
    }

    #[tokio::test]
    async fn an_unavailable_server_is_tried_again_after_each_pause() {
        assert_eq!(attempts(vec![unavailable()]).await, (2, vec![2]));
        let three = vec![unavailable(), unavailable(), unavailable()];
        assert_eq!(attempts(three).await, (4, vec![2, 8, 30]));
    }

    #[tokio::test]
    async fn retries_end_when_the_pauses_are_used_up() {
        let always = (0..10).map(|_| unavailable()).collect();
        assert_eq!(attempts(always).await, (4, vec![2, 8, 30]));
    }

    #[tokio::test]
    async fn a_refusal_is_final() {
        let refused = Err(NotifyError::Sms("the SMS API answered 400".into()));
        assert_eq!(attempts(vec![refused]).await, (1, vec![]));
        let refused = Err(NotifyError::Mail("no such mailbox".into()));
        assert_eq!(attempts(vec![unavailable(), refused]).await, (2, vec![2]));
    }
}
