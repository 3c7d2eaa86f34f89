//! Mail through SMTP (lettre), or into the outbox as `.eml` files.

use std::path::PathBuf;

use askama::Template;
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use super::messages::{HtmlMail, MailContent, TextMail};
use super::{NotifyError, outbox_file_name, write_outbox};
use crate::config::Config;

pub enum Mailer {
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        from: Mailbox,
    },
    Outbox {
        dir: PathBuf,
        from: Mailbox,
        /// Development: the log also shows each mail's link.
        log_links: bool,
    },
}

impl Mailer {
    pub fn new(config: &Config, outbox: PathBuf) -> Result<Mailer, NotifyError> {
        let from: Mailbox = config
            .mail_from
            .parse()
            .map_err(|e| NotifyError::Mail(format!("PORTCULLIS_MAIL_FROM: {e}")))?;
        Ok(match &config.smtp_url {
            Some(url) => Mailer::Smtp {
                transport: AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| NotifyError::Mail(format!("PORTCULLIS_SMTP_URL: {e}")))?
                    .timeout(Some(std::time::Duration::from_secs(10)))
                    .build(),
                from,
            },
            None => Mailer::Outbox {
                dir: outbox,
                from,
                log_links: config.development,
            },
        })
    }

    fn from(&self) -> &Mailbox {
        match self {
            Mailer::Smtp { from, .. } | Mailer::Outbox { from, .. } => from,
        }
    }

    /// Builds the message: a text part and an HTML part, both from askama templates.
    fn message(&self, to: &str, c: &MailContent) -> Result<Message, NotifyError> {
        let to: Mailbox = to
            .parse()
            .map_err(|e| NotifyError::Mail(format!("recipient: {e}")))?;
        let text = TextMail { c }
            .render()
            .map_err(|e| NotifyError::Mail(e.to_string()))?;
        let html = HtmlMail { c }
            .render()
            .map_err(|e| NotifyError::Mail(e.to_string()))?;
        Message::builder()
            .from(self.from().clone())
            .to(to)
            .subject(c.subject.clone())
            .multipart(MultiPart::alternative_plain_html(text, html))
            .map_err(|e| NotifyError::Mail(e.to_string()))
    }

    pub async fn send(&self, to: &str, c: &MailContent) -> Result<(), NotifyError> {
        let message = self.message(to, c)?;
        match self {
            Mailer::Smtp { transport, .. } => {
                transport.send(message).await.map_err(|e| {
                    // Only a 5xx reply is final; 4xx replies, timeouts and refused connections
                    // may pass on the next attempt.
                    if e.is_permanent() {
                        NotifyError::Mail(e.to_string())
                    } else {
                        NotifyError::Unavailable(format!("mail: {e}"))
                    }
                })?;
                tracing::info!(kind = c.kind, "mail sent");
            }
            Mailer::Outbox { dir, log_links, .. } => {
                let path = dir.join(outbox_file_name("eml"));
                write_outbox(dir, &path, message.formatted()).await?;
                if *log_links {
                    // Development only (a loopback issuer, or PORTCULLIS_DEVELOPMENT): the
                    // developer follows the link from the log. Never for a real issuer.
                    tracing::info!(
                        kind = c.kind,
                        file = %path.display(),
                        link = c.action.as_ref().map(|a| a.1.as_str()).unwrap_or(""),
                        "mail written to the outbox"
                    );
                } else {
                    tracing::info!(kind = c.kind, file = %path.display(), "mail written to the outbox");
                }
            }
        }
        Ok(())
    }
}
