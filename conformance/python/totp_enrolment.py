"""pyotp as the user's authenticator app: a user signs in to the account pages, adds the app on
/account/security/totp with the key the page shows and pyotp's code, and keeps the recovery
codes. The authenticator is handed on (CONFORMANCE_AUTHENTICATORS) to the openid-client part,
which signs in with it."""

import re
import sys
from urllib.parse import urlsplit

from authenticator import (Authenticator, account_sign_in, enrol_on_account_page, open_totp_page,
                           post_totp_form, save_authenticators, totp_form)
from browser import Checks, load_config, new_browser, parse_forms

CFG = load_config()
ISSUER = CFG["issuer"]
USER = CFG["users"]["node_mfa"]
CREDS = (USER["email"], USER["password"])
checks = Checks("pyotp")
st = {}


def need(key):
    if key not in st:
        raise AssertionError(f"skipped: needs {key} from an earlier check")
    return st[key]


def remove_forms(browser):
    """The "Remove" forms of /account/security: one per authenticator app."""
    r = browser.get(ISSUER + "/account/security", allow_redirects=False)
    assert r.status_code == 200, f"/account/security: HTTP {r.status_code} (Location={r.headers.get('Location')})"
    return r, [f for f in parse_forms(r.text, r.url) if urlsplit(f["action"]).path == "/account/security/totp/remove"]


def c_sign_in():
    browser = new_browser()
    events = account_sign_in(browser, ISSUER, CREDS)
    assert events == ["login"], f"expected only the password page, saw {events}"
    _, forms = remove_forms(browser)
    assert not forms, f"a new user already has {len(forms)} authenticator app(s)"
    st["browser"] = browser


def c_wrong_code():
    browser = need("browser")
    form, secret = totp_form(open_totp_page(browser, ISSUER))
    r = post_totp_form(browser, form, Authenticator(secret).wrong_code())
    assert r.status_code == 400, f"a wrong code: HTTP {r.status_code}, expected 400 (Location={r.headers.get('Location')})"
    _, again = totp_form(r)
    # The same key again, so an app that scanned it keeps working.
    assert again == secret, "after a wrong code the page shows another key"
    _, forms = remove_forms(browser)
    assert not forms, "a wrong code added an authenticator app"


def c_enrol():
    totp = Authenticator()
    codes = enrol_on_account_page(need("browser"), ISSUER, totp)
    assert len(set(codes)) == len(codes), f"recovery codes repeat: {codes}"
    st["totp"] = totp


def c_listed():
    totp = need("totp")
    r, forms = remove_forms(st["browser"])
    assert len(forms) == 1, f"/account/security lists {len(forms)} authenticator apps, expected 1"
    # The pages speak English to a browser that asks for no language; Fluent may isolate the number.
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]*>|[\u2068\u2069]", " ", r.text))
    said = f"{len(totp.recovery_codes)} unused recovery codes are left"
    assert said in text, f"/account/security does not say {said!r}"


for name, fn in [
    ("account sign-in with the password alone (no factor yet), no authenticator listed", c_sign_in),
    ("a wrong first code is refused: 400, the same key again, nothing added", c_wrong_code),
    ("TOTP enrolment on /account/security/totp with pyotp's code: distinct recovery codes shown", c_enrol),
    ("/account/security lists the authenticator app and the recovery codes left", c_listed),
]:
    checks.run(name, fn)

if "totp" in st:
    save_authenticators({"node_mfa": st["totp"]})
sys.exit(0)  # failures are counted from the PASS/FAIL lines; non-zero means the script itself broke
