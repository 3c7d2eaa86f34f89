//! The users a login run signs in as, from a file, and the pool that hands them to the workers.
//!
//! File format, one user a line, tab-separated (`#` lines ignored):
//!
//! ```text
//! EMAIL <TAB> PASSWORD [<TAB> TOTP_SECRET_BASE32 <TAB> LAST_STEP]
//! ```
//!
//! A user with a secret has an authenticator app; LAST_STEP is the RFC 6238 time step of the
//! last code the server accepted for it (at enrolment or at the last login). The server accepts
//! each code once (RFC 6238 §5.2: a step at or before the last accepted one is spent), so a
//! user can sign in at most once per 30-second step. The pool therefore hands out a user only
//! while no other worker holds it (parallel logins of one account would also share its
//! lockout counter) and, for app users, only when the current step is past its last one; the
//! driver writes the steps back so the next run (the next cell) knows them.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::totp;

pub struct User {
    pub email: String,
    pub password: String,
    /// The authenticator app's key (base32, as the account page showed it).
    pub secret_base32: Option<String>,
    pub secret: Option<Vec<u8>>,
    /// The last step the server accepted a code of.
    pub last_step: Option<i64>,
}

impl User {
    pub fn new(email: String, password: String) -> User {
        User {
            email,
            password,
            secret_base32: None,
            secret: None,
            last_step: None,
        }
    }

    pub fn with_totp(mut self, secret_base32: String, last_step: i64) -> Result<User, String> {
        let secret = totp::base32_decode(&secret_base32)
            .filter(|s| !s.is_empty())
            .ok_or_else(|| format!("{}: the TOTP secret is not base32", self.email))?;
        self.secret = Some(secret);
        self.secret_base32 = Some(secret_base32);
        self.last_step = Some(last_step);
        Ok(self)
    }

    /// May sign in during `step`: a user without an app always may.
    fn usable_at(&self, step: i64) -> bool {
        self.secret.is_none() || self.last_step.is_none_or(|last| last < step)
    }
}

pub fn read(path: &str) -> Result<Vec<User>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("reading {path}: {e}"))?;
    let mut users = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let at = || format!("{path}:{}", n + 1);
        let user = match f.as_slice() {
            [email, password] | [email, password, ""] | [email, password, "", ""] => {
                User::new(email.to_string(), password.to_string())
            }
            [email, password, secret, step] => {
                let step = step
                    .parse()
                    .map_err(|_| format!("{}: LAST_STEP is not a number", at()))?;
                User::new(email.to_string(), password.to_string())
                    .with_totp(secret.to_string(), step)
                    .map_err(|e| format!("{}: {e}", at()))?
            }
            _ => return Err(format!("{}: expected EMAIL, PASSWORD[, SECRET, LAST_STEP]", at())),
        };
        users.push(user);
    }
    if users.is_empty() {
        return Err(format!("{path}: no users"));
    }
    Ok(users)
}

/// Writes the users back (through a temporary file, mode 0600: it holds passwords).
pub fn write(path: &str, users: &[User]) -> Result<(), String> {
    let mut text = String::from("# EMAIL\tPASSWORD\tTOTP_SECRET_BASE32\tLAST_STEP\n");
    for u in users {
        match (&u.secret_base32, u.last_step) {
            (Some(s), Some(step)) => text.push_str(&format!("{}\t{}\t{s}\t{step}\n", u.email, u.password)),
            _ => text.push_str(&format!("{}\t{}\n", u.email, u.password)),
        }
    }
    let tmp = format!("{path}.tmp");
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    let write = || -> std::io::Result<()> {
        use std::io::Write as _;
        let mut f = opts.open(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    };
    write().map_err(|e| format!("writing {path}: {e}"))
}

/// Hands out users one worker at a time, least recently used first.
pub struct Pool {
    /// Users not held by a worker, oldest use first.
    free: Mutex<VecDeque<User>>,
    /// Time workers spent waiting for a usable user, and how many times one had to.
    waited: Mutex<(Duration, u64)>,
}

impl Pool {
    pub fn new(mut users: Vec<User>) -> Pool {
        users.sort_by_key(|u| u.last_step.unwrap_or(i64::MIN));
        Pool {
            free: Mutex::new(users.into()),
            waited: Mutex::new((Duration::ZERO, 0)),
        }
    }

    fn take(&self) -> Option<User> {
        let step = totp::current_step();
        let mut free = self.free.lock().unwrap_or_else(|e| e.into_inner());
        let i = free.iter().position(|u| u.usable_at(step))?;
        free.remove(i)
    }

    /// A user no worker holds and who may sign in now; `None` once `deadline` passes while
    /// waiting for one (every user is held, or every app user signed in during this step).
    pub async fn checkout(&self, deadline: Instant) -> Option<User> {
        if let Some(u) = self.take() {
            return Some(u);
        }
        let start = Instant::now();
        let user = loop {
            if Instant::now() >= deadline {
                break None;
            }
            // A worker gives a user back within one login; a new step begins within 30 s.
            let nap = totp::until_next_step()
                .min(Duration::from_millis(10))
                .max(Duration::from_millis(1));
            tokio::time::sleep(nap).await;
            if let Some(u) = self.take() {
                break Some(u);
            }
        };
        let mut w = self.waited.lock().unwrap_or_else(|e| e.into_inner());
        w.0 += start.elapsed();
        w.1 += 1;
        user
    }

    pub fn give_back(&self, user: User) {
        self.free
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push_back(user);
    }

    /// (time spent waiting, checkouts that had to wait)
    pub fn waited(&self) -> (Duration, u64) {
        *self.waited.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn into_users(self) -> Vec<User> {
        self.free.into_inner().unwrap_or_else(|e| e.into_inner()).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app_user(email: &str, last: i64) -> User {
        User::new(email.into(), "pw".into())
            .with_totp("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ".into(), last)
            .unwrap()
    }

    #[tokio::test]
    async fn an_app_user_signs_in_once_per_step_and_one_worker_holds_a_user() {
        let now = totp::current_step();
        let pool = Pool::new(vec![app_user("a@x", now), app_user("b@x", now - 1)]);
        let soon = Instant::now() + Duration::from_millis(30);
        let b = pool.checkout(soon).await.unwrap();
        assert_eq!(b.email, "b@x");
        // a@x signed in during this step, b@x is held: nobody until the deadline, unless a
        // step boundary falls inside these 30 ms.
        if totp::until_next_step() > Duration::from_millis(100) {
            assert!(pool.checkout(soon).await.is_none());
            assert_eq!(pool.waited().1, 1);
        }
        let mut b = b;
        b.last_step = Some(now);
        pool.give_back(b);
    }

    #[tokio::test]
    async fn password_users_are_handed_out_in_turn() {
        let pool = Pool::new(vec![
            User::new("a@x".into(), "p".into()),
            User::new("b@x".into(), "p".into()),
        ]);
        let far = Instant::now() + Duration::from_secs(1);
        let a = pool.checkout(far).await.unwrap();
        pool.give_back(a);
        assert_eq!(pool.checkout(far).await.unwrap().email, "b@x");
        assert_eq!(pool.checkout(far).await.unwrap().email, "a@x");
    }

    #[test]
    fn the_file_round_trips() {
        let dir = std::env::temp_dir().join(format!("bench-users-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("users.tsv");
        let path = path.to_str().unwrap();
        write(
            path,
            &[User::new("a@x".into(), "p w".into()), app_user("b@x", 42)],
        )
        .unwrap();
        let users = read(path).unwrap();
        assert_eq!(users.len(), 2);
        assert!(users[0].secret.is_none());
        assert_eq!(users[1].last_step, Some(42));
        assert_eq!(users[1].secret.as_deref(), Some(&b"12345678901234567890"[..]));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
