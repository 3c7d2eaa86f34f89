"""The user's authenticator app, played by pyotp, and what a user does with it on the account
pages: sign in, add the app at /account/security/totp, keep the recovery codes shown once.

Portcullis takes each code once (RFC 6238 §5.2), so an authenticator remembers the last 30 s
step it gave a code for and waits for the next step before giving another.
"""

import json
import os
import time
from urllib.parse import urlsplit

import pyotp

from browser import drive, element_text, hidden_fields, parse_forms

PERIOD = 30  # SHA-1, 6 digits, 30 s: the parameters Portcullis shows its keys with


class Authenticator:
    """An authenticator app holding one key (base32, as the enrolment page shows it)."""

    def __init__(self, secret=None, last_step=None, recovery_codes=()):
        self.secret, self.last_step, self.recovery_codes = secret, last_step, list(recovery_codes)

    def enrol(self, secret):
        """Takes the key an enrolment page shows."""
        self.secret, self.last_step = secret, None

    def code(self):
        """The current code, once the step of the last one given is over (a wait of up to 30 s)."""
        assert self.secret, "the authenticator holds no key"
        now = time.time()
        if self.last_step is not None and now // PERIOD <= self.last_step:
            time.sleep((self.last_step + 1) * PERIOD - now + 0.05)
            now = time.time()
        step = int(now // PERIOD)
        self.last_step = step
        return pyotp.TOTP(self.secret, digits=6, interval=PERIOD).at(step * PERIOD)

    def wrong_code(self):
        """Six digits that are not the code of any step around now."""
        totp = pyotp.TOTP(self.secret, digits=6, interval=PERIOD)
        near = {totp.at(time.time() + d * PERIOD) for d in range(-2, 3)}
        return next(c for c in (f"{n:06d}" for n in range(1000000)) if c not in near)

    def state(self):
        return {"secret": self.secret, "last_step": self.last_step, "recovery_codes": self.recovery_codes}


def save_authenticators(authenticators):
    """Hands authenticators on to the parts that run later (path in CONFORMANCE_AUTHENTICATORS)."""
    with open(os.environ["CONFORMANCE_AUTHENTICATORS"], "w") as f:
        json.dump({k: a.state() for k, a in authenticators.items()}, f, indent=2)


def account_sign_in(browser, issuer, creds, totp=None):
    """Signs in to the account pages the way a person does, from /login to /account (not
    requested): returns the pages on the way (drive's events)."""
    res = drive(browser, issuer + "/login", issuer + "/account", creds=creds, consent=None, totp=totp)
    return res.events


def totp_form(resp):
    """The enrolment form of the account's authenticator page, and the key the page shows."""
    forms = [f for f in parse_forms(resp.text, resp.url) if urlsplit(f["action"]).path == "/account/security/totp"]
    assert len(forms) == 1, f"HTTP {resp.status_code} at {resp.url}: {len(forms)} enrolment forms"
    secret, _ = element_text(resp.text, "totp-secret")
    assert secret, f"HTTP {resp.status_code} at {resp.url}: no key in id=totp-secret"
    return forms[0], secret


def post_totp_form(browser, form, code):
    fields = hidden_fields(form)
    fields.update({i["name"]: i["value"] for i in form["inputs"] if i["name"] == "name"})
    fields["code"] = code
    assert fields.get("csrf") and fields.get("pending"), f"enrolment form lacks csrf or pending: {fields}"
    return browser.post(form["action"], data=fields, allow_redirects=False)


def open_totp_page(browser, issuer):
    r = browser.get(issuer + "/account/security/totp", allow_redirects=False)
    assert r.status_code == 200, (
        f"/account/security/totp: HTTP {r.status_code} (Location={r.headers.get('Location')}), expected the page")
    return r


def enrol_on_account_page(browser, issuer, totp):
    """Adds an authenticator app on /account/security/totp of a signed-in browser: `totp` takes
    the key shown and types its first code. Returns the recovery codes the answer shows (the
    user's first factor brings them)."""
    form, secret = totp_form(open_totp_page(browser, issuer))
    totp.enrol(secret)
    r = post_totp_form(browser, form, totp.code())
    assert r.status_code == 200, f"enrolment: HTTP {r.status_code} (Location={r.headers.get('Location')})"
    _, codes = element_text(r.text, "recovery-codes")
    assert codes, f"enrolment: no recovery codes shown (id=recovery-codes): {r.text[:300]!r}"
    totp.recovery_codes = codes
    return codes
