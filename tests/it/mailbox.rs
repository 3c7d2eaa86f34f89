//! Reads the mail and text messages an app sent: from the SMTP sink's maildir when CI runs one,
//! otherwise from the app's outbox. Both are directories of RFC 5322 files.

use std::path::Path;
use std::time::Duration;

use base64::Engine;

use crate::support::TestApp;

#[derive(Debug, Clone)]
pub struct Mail {
    pub subject: String,
    pub text: String,
    pub html: String,
}

impl Mail {
    /// The first URL in the text part starting with our base and `path`.
    pub fn link(&self, app: &TestApp, path: &str) -> String {
        let prefix = app.url(path);
        self.text
            .split_whitespace()
            .find(|w| w.starts_with(&prefix))
            .unwrap_or_else(|| panic!("no {prefix} link in: {}", self.text))
            .to_owned()
    }

    /// The path and query of that link, for the test browser.
    pub fn link_path(&self, app: &TestApp, path: &str) -> String {
        self.link(app, path)[app.base.len()..].to_owned()
    }

    /// The 6-digit code in the mail.
    pub fn code(&self) -> String {
        six_digits(&self.text).unwrap_or_else(|| panic!("no code in: {}", self.text))
    }
}

/// The first word that is six digits (punctuation around it aside): never a run of digits inside
/// a link's random token, which comes before the code in a mail.
fn six_digits(text: &str) -> Option<String> {
    text.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_ascii_alphanumeric()))
        .find(|w| w.len() == 6 && w.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_owned)
}

fn files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    // Oldest first: by modification time (maildir names do not sort by time within a second).
    out.sort_by_key(|p| (std::fs::metadata(p).and_then(|m| m.modified()).ok(), p.clone()));
    out
}

/// Splits a message into headers (lower-cased names, unfolded) and body.
fn parse(raw: &str) -> (Vec<(String, String)>, String) {
    let raw = raw.replace("\r\n", "\n");
    let (head, body) = raw.split_once("\n\n").unwrap_or((&raw, ""));
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in head.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some(last) = headers.last_mut() {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
        } else if let Some((n, v)) = line.split_once(':') {
            headers.push((n.trim().to_lowercase(), v.trim().to_owned()));
        }
    }
    (headers, body.to_owned())
}

fn header<'a>(h: &'a [(String, String)], name: &str) -> &'a str {
    h.iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or("")
}

fn decode(encoding: &str, body: &str) -> String {
    match encoding.to_lowercase().as_str() {
        "base64" => {
            let compact: String = body.split_whitespace().collect();
            String::from_utf8(base64::engine::general_purpose::STANDARD.decode(compact).unwrap()).unwrap()
        }
        "quoted-printable" => {
            let joined = body.replace("=\n", "");
            let bytes = joined.as_bytes();
            let mut out = Vec::new();
            let mut i = 0;
            while i < bytes.len() {
                if bytes[i] == b'='
                    && i + 2 < bytes.len()
                    && let Ok(b) = u8::from_str_radix(&joined[i + 1..i + 3], 16)
                {
                    out.push(b);
                    i += 3;
                    continue;
                }
                out.push(bytes[i]);
                i += 1;
            }
            String::from_utf8(out).unwrap()
        }
        _ => body.to_owned(),
    }
}

/// Decodes a MIME message into its text and HTML parts.
fn mail_of(raw: &str) -> Mail {
    let (headers, body) = parse(raw);
    let subject = header(&headers, "subject").to_owned();
    let ctype = header(&headers, "content-type");
    let mut text = String::new();
    let mut html = String::new();
    if let Some(b) = ctype.split("boundary=").nth(1) {
        let boundary = format!(
            "--{}",
            b.trim_matches('"').split(';').next().unwrap().trim_matches('"')
        );
        for part in body.split(&boundary).skip(1) {
            let (ph, pb) = parse(part.trim_start_matches('\n'));
            let decoded = decode(
                header(&ph, "content-transfer-encoding"),
                pb.trim_end_matches("--\n"),
            );
            let pt = header(&ph, "content-type");
            if pt.starts_with("text/plain") {
                text = decoded;
            } else if pt.starts_with("text/html") {
                html = decoded;
            }
        }
    } else {
        text = decode(header(&headers, "content-transfer-encoding"), &body);
    }
    Mail { subject, text, html }
}

impl TestApp {
    /// Every mail sent to `to` so far, oldest first.
    pub fn mails_to(&self, to: &str) -> Vec<Mail> {
        files(&self.mail_dir)
            .iter()
            .filter(|p| !p.to_string_lossy().ends_with(".sms.txt"))
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .filter(|raw| {
                let (h, _) = parse(raw);
                header(&h, "from").contains(&self.mail_sender)
                    && header(&h, "to").to_lowercase().contains(&to.to_lowercase())
            })
            .map(|raw| mail_of(&raw))
            .collect()
    }

    /// Waits (up to 10 s: mail is sent in the background) for a mail to `to` whose subject
    /// contains `subject`; the newest one.
    pub async fn mail(&self, to: &str, subject: &str) -> Mail {
        for _ in 0..200 {
            if let Some(m) = self
                .mails_to(to)
                .into_iter()
                .rev()
                .find(|m| m.subject.contains(subject))
            {
                return m;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("no mail to {to} about {subject:?}; have: {:?}", self.mails_to(to));
    }

    /// Waits for a mail to `to` about `subject` beyond the `seen` such mails there were before
    /// (mail goes out in the background, so an earlier one may be all there is yet).
    pub async fn next_mail(&self, to: &str, subject: &str, seen: usize) -> Mail {
        for _ in 0..200 {
            let about: Vec<Mail> = self
                .mails_to(to)
                .into_iter()
                .filter(|m| m.subject.contains(subject))
                .collect();
            if about.len() > seen {
                return about[seen].clone();
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!(
            "no new mail to {to} about {subject:?}; have: {:?}",
            self.mails_to(to)
        );
    }

    /// Waits for a text message to `phone` beyond the `seen` there were before; returns its
    /// code.
    pub async fn next_sms_code(&self, phone: &str, seen: usize) -> String {
        for _ in 0..200 {
            let to_phone: Vec<String> = files(&self.outbox)
                .iter()
                .filter(|p| p.to_string_lossy().ends_with(".sms.txt"))
                .filter_map(|p| std::fs::read_to_string(p).ok())
                .filter(|t| t.starts_with(&format!("To: {phone}\n")))
                .collect();
            if to_phone.len() > seen {
                return six_digits(to_phone.last().unwrap()).unwrap();
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("no new text message to {phone}");
    }

    /// Waits for the newest text message to `phone`; returns its code.
    pub async fn sms_code(&self, phone: &str) -> String {
        for _ in 0..200 {
            let newest = files(&self.outbox)
                .iter()
                .rev()
                .filter(|p| p.to_string_lossy().ends_with(".sms.txt"))
                .filter_map(|p| std::fs::read_to_string(p).ok())
                .find(|t| t.starts_with(&format!("To: {phone}\n")));
            if let Some(t) = newest {
                return six_digits(&t).unwrap();
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("no text message to {phone}");
    }
}
