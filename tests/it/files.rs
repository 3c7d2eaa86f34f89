//! Files the server creates hold personal data and sign-in links: the database and its WAL,
//! and the outbox, are private to the server's user whatever the umask.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::support::*;

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[tokio::test]
async fn the_database_and_the_outbox_are_private() {
    // Mail to the outbox (no SMTP server), so its files exist on every backend.
    let app = TestApp::spawn_with(|c| c.smtp_url = None).await;
    crate::registration::sign_up(
        &app,
        &app.browser(),
        "private@example.com",
        crate::registration::NEW_PASSWORD,
    )
    .await;
    let outbox = app.outbox.clone();
    let mut mails = Vec::new();
    for _ in 0..50 {
        mails = std::fs::read_dir(&outbox)
            .map(|d| d.map(|e| e.unwrap().path()).collect())
            .unwrap_or_default();
        if !mails.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(!mails.is_empty(), "no mail in {}", outbox.display());
    assert_eq!(mode(&outbox), 0o700, "{}", outbox.display());
    for mail in &mails {
        assert_eq!(mode(mail), 0o600, "{}", mail.display());
    }
    if let Some(path) = app.database_url.strip_prefix("sqlite://") {
        let db = Path::new(path.split('?').next().unwrap());
        assert_eq!(mode(db), 0o600, "{}", db.display());
        let wal = db.with_extension("db-wal");
        if wal.exists() {
            assert_eq!(mode(&wal), 0o600, "{}", wal.display());
        }
    }
}
