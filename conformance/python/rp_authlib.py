"""Portcullis driven by Authlib (requests integration) as a relying party."""

import contextlib
import json
import sys
import time

import requests
from authlib.common.security import generate_token
from authlib.integrations.base_client.sync_openid import OpenIDMixin
from authlib.integrations.requests_client import OAuth2Session
from authlib.integrations.base_client import OAuthError

from authenticator import Authenticator, account_sign_in, enrol_on_account_page
from browser import Checks, copy_of, drive, load_config, new_browser

CFG = load_config()
ISSUER = CFG["issuer"]
USER = CFG["users"]["python"]
CREDS = (USER["email"], USER["password"])
checks = Checks("python-authlib")
st = {}  # state shared between consecutive checks


class RP(OAuth2Session, OpenIDMixin):
    """OAuth2Session plus Authlib's own OpenID Connect ID token / userinfo logic."""

    def __init__(self, metadata, client, auth_method, **kw):
        super().__init__(
            client_id=client["client_id"], client_secret=client.get("client_secret"),
            token_endpoint_auth_method=auth_method, revocation_endpoint_auth_method=auth_method,
            code_challenge_method="S256", **kw)
        self.server_metadata = metadata

    def load_server_metadata(self):
        return self.server_metadata

    def _get_session(self):
        return contextlib.nullcontext(self)


def need(key):
    if key not in st:
        raise AssertionError(f"skipped: needs {key} from an earlier check")
    return st[key]


def expect_oauth_error(code, fn, *args, **kw):
    try:
        fn(*args, **kw)
    except OAuthError as e:
        assert e.error == code, f"expected error {code}, got {e.error}: {e.description}"
        return
    raise AssertionError(f"expected error {code}, but the request succeeded")


def authorize(rp, browser, client, consent="allow", creds=CREDS, totp=None, **params):
    verifier = generate_token(48)
    nonce = generate_token(20)
    url, state = rp.create_authorization_url(
        st["meta"]["authorization_endpoint"], code_verifier=verifier, nonce=nonce,
        redirect_uri=client["redirect_uri"], scope="openid profile email offline_access", **params)
    res = drive(browser, url, client["redirect_uri"], creds=creds, consent=consent, totp=totp)
    assert "error" not in res.params, f"authorization error: {res.params}"
    assert res.params.get("state") == state, f"state not echoed: {res.params}"
    assert res.params.get("iss") == ISSUER, f"iss missing or wrong (RFC 9207): {res.params}"
    return res, verifier, nonce, state


def exchange(rp, res, verifier, nonce, state):
    token = rp.fetch_token(st["meta"]["token_endpoint"], authorization_response=res.url,
                           code_verifier=verifier, state=state)
    claims = rp.parse_id_token(token, nonce=nonce, claims_options={
        "iss": {"essential": True, "value": ISSUER},
        "aud": {"essential": True, "values": [rp.client_id]},
    })
    assert claims["nonce"] == nonce
    return token, claims


def c_discovery():
    r = requests.get(ISSUER + "/.well-known/openid-configuration", timeout=10)
    r.raise_for_status()
    meta = r.json()
    assert meta["issuer"] == ISSUER, f"issuer {meta['issuer']!r} != {ISSUER!r}"
    for k in ("authorization_endpoint", "token_endpoint", "jwks_uri", "userinfo_endpoint",
              "introspection_endpoint", "revocation_endpoint", "end_session_endpoint"):
        assert meta.get(k), f"discovery lacks {k}"
    st["meta"] = meta
    fp = CFG["clients"]["py_fp"]
    st["rp"] = RP(meta, fp, "client_secret_post", redirect_uri=fp["redirect_uri"])
    st["browser"] = new_browser()


def c_login_first_party():
    need("meta")
    res, verifier, nonce, state = authorize(st["rp"], st["browser"], CFG["clients"]["py_fp"], consent=None)
    assert res.events == ["login"], f"expected only a login page, saw {res.events}"
    st["auth"] = (res, verifier, nonce, state)


def c_token_and_id_token():
    token, claims = exchange(st["rp"], *need("auth"))
    assert token.get("token_type", "").lower() == "bearer", f"token_type {token.get('token_type')}"
    assert token.get("refresh_token"), "no refresh_token (offline_access requested)"
    st["token"], st["claims"] = token, claims


def c_userinfo():
    need("token")
    info = st["rp"].userinfo()
    assert info["sub"] == st["claims"]["sub"], f"userinfo sub {info['sub']} != id_token sub"
    assert info.get("email") == USER["email"], f"userinfo email {info.get('email')!r}"


def c_refresh_rotation():
    rp = st["rp"]
    old = need("token")["refresh_token"]
    new = rp.refresh_token(st["meta"]["token_endpoint"], refresh_token=old)
    assert new.get("access_token"), "no access_token after refresh"
    assert new.get("refresh_token") and new["refresh_token"] != old, "refresh token was not rotated"
    st["rotated"] = (old, new["refresh_token"])


def c_refresh_reuse():
    old, _ = need("rotated")
    time.sleep(CFG["refresh_grace_seconds"] + 1)
    expect_oauth_error("invalid_grant", st["rp"].refresh_token, st["meta"]["token_endpoint"], refresh_token=old)


def c_third_party_consent():
    need("meta")
    tp = CFG["clients"]["py_3p"]
    rp = RP(st["meta"], tp, "client_secret_basic", redirect_uri=tp["redirect_uri"])
    browser = new_browser()
    first = authorize(rp, browser, tp)
    assert first[0].events == ["login", "consent"], f"first visit: expected login+consent, saw {first[0].events}"
    exchange(rp, *first)
    second = authorize(rp, browser, tp, consent=None)
    assert second[0].events == [], f"second visit: consent not remembered, saw {second[0].events}"
    exchange(rp, *second)


def c_client_credentials():
    need("meta")
    cc = CFG["clients"]["py_cc"]
    rp = RP(st["meta"], cc, "client_secret_basic")
    token = rp.fetch_token(st["meta"]["token_endpoint"], grant_type="client_credentials")
    assert token.get("access_token"), "no access_token"
    assert "refresh_token" not in token, "client_credentials must not issue a refresh token"
    st["cc"] = (rp, token["access_token"])


def c_introspect_active():
    rp, at = need("cc")
    r = rp.introspect_token(st["meta"]["introspection_endpoint"], token=at, token_type_hint="access_token")
    assert r.status_code == 200, f"HTTP {r.status_code}: {r.text}"
    body = r.json()
    assert body.get("active") is True, f"fresh token not active: {body}"


def c_revoke_then_inactive():
    rp, at = need("cc")
    r = rp.revoke_token(st["meta"]["revocation_endpoint"], token=at, token_type_hint="access_token")
    assert r.status_code == 200, f"revoke: HTTP {r.status_code}: {r.text}"
    r = rp.introspect_token(st["meta"]["introspection_endpoint"], token=at)
    assert r.status_code == 200 and r.json().get("active") is False, f"after revoke: {r.status_code} {r.text}"


def c_revoke_refresh_token():
    rp = st["rp"]
    need("token")
    # a fresh grant: reuse detection may have revoked the rotated family already
    res = authorize(rp, st["browser"], CFG["clients"]["py_fp"], consent=None)
    token, _ = exchange(rp, *res)
    rt = token["refresh_token"]
    r = rp.revoke_token(st["meta"]["revocation_endpoint"], token=rt, token_type_hint="refresh_token")
    assert r.status_code == 200, f"revoke: HTTP {r.status_code}: {r.text}"
    expect_oauth_error("invalid_grant", rp.refresh_token, st["meta"]["token_endpoint"], refresh_token=rt)
    st["logout_id_token"] = token["id_token"]


def c_end_session():
    id_token = need("logout_id_token")
    fp = CFG["clients"]["py_fp"]
    out = st["rp"].create_logout_url(post_logout_redirect_uri=fp["post_logout_redirect_uri"],
                                     id_token_hint=id_token, state=generate_token(16))
    st["saved_browser"] = copy_of(st["browser"])  # a copy of the session cookie, kept elsewhere
    res = drive(st["browser"], out["url"], fp["post_logout_redirect_uri"], creds=None, consent=None)
    assert res.params == {"state": out["state"]}, f"state not carried exactly: {res.url}"
    st["logged_out"] = True


def c_prompt_none_after_logout():
    need("logged_out")
    fp = CFG["clients"]["py_fp"]
    # The session must be over on the server, not only forgotten by the browser.
    for who, browser in [("the browser", st["browser"]), ("a copy of the old session cookie", st["saved_browser"])]:
        url, state = st["rp"].create_authorization_url(
            st["meta"]["authorization_endpoint"], code_verifier=generate_token(48), nonce=generate_token(20),
            redirect_uri=fp["redirect_uri"], scope="openid", prompt="none")
        res = drive(browser, url, fp["redirect_uri"], creds=None, consent=None)
        assert res.params.get("error") == "login_required", f"{who}: expected error=login_required: {res.params}"
        assert "code" not in res.params, f"{who}: a code was issued: {res.params}"
        assert res.params.get("state") == state, f"{who}: state not echoed: {res.params}"
        assert res.params.get("iss") == ISSUER, f"{who}: iss missing: {res.params}"


# --- multi-factor --------------------------------------------------------------------------
# py_stepup signs in with the password alone, adds an authenticator app on the account pages in
# another browser, then steps up in the first one; py_enrol and py_essential have no factor and
# are made to set one up during the login. pyotp plays their app.

def creds_of(user):
    return CFG["users"][user]["email"], CFG["users"][user]["password"]


def multi_factor(claims):
    assert claims.get("acr") == "2", f"acr {claims.get('acr')!r}, expected '2'"
    missing = [v for v in ("pwd", "otp", "mfa") if v not in claims.get("amr", [])]
    assert not missing, f"amr {claims.get('amr')} lacks {missing}"


def authorization_error(browser, client, error, **params):
    """An authorization request answered at once with `error` (state and iss echoed, no code)."""
    url, state = st["rp"].create_authorization_url(
        st["meta"]["authorization_endpoint"], code_verifier=generate_token(48), nonce=generate_token(20),
        redirect_uri=client["redirect_uri"], scope="openid", **params)
    res = drive(browser, url, client["redirect_uri"], creds=None, consent=None)
    assert res.params.get("error") == error, f"expected error={error}: {res.params}"
    assert "code" not in res.params, f"a code was issued: {res.params}"
    assert res.params.get("state") == state, f"state not echoed: {res.params}"
    assert res.params.get("iss") == ISSUER, f"iss missing: {res.params}"


def c_mfa_single_factor_login():
    need("meta")
    browser = new_browser()
    res = authorize(st["rp"], browser, CFG["clients"]["py_fp"], consent=None, creds=creds_of("py_stepup"))
    assert res[0].events == ["login"], f"expected only the password page, saw {res[0].events}"
    _, claims = exchange(st["rp"], *res)
    assert claims.get("acr") == "1", f"acr {claims.get('acr')!r}, expected '1'"
    assert claims.get("amr") == ["pwd"], f"amr {claims.get('amr')}, expected ['pwd']"
    assert claims.get("sid"), "the ID token has no sid"
    st["stepup"] = {"browser": browser, "claims": claims}


def c_mfa_voluntary_acr():
    s = need("stepup")
    res = authorize(st["rp"], s["browser"], CFG["clients"]["py_fp"], consent=None, creds=None, acr_values="2")
    assert res[0].events == [], f"a level the user cannot reach was pressed on them: {res[0].events}"
    _, claims = exchange(st["rp"], *res)
    assert claims.get("acr") == "1", f"acr {claims.get('acr')!r}, expected '1'"
    assert claims.get("sid") == s["claims"]["sid"], "another session answered"


def c_mfa_enrol_in_other_browser():
    s = need("stepup")
    other = new_browser()
    events = account_sign_in(other, ISSUER, creds_of("py_stepup"))
    assert events == ["login"], f"account sign-in: expected only the password page, saw {events}"
    totp = Authenticator()
    enrol_on_account_page(other, ISSUER, totp)
    s.update(totp=totp, other=other)


def c_mfa_enrolment_raises_its_session():
    s = need("stepup")
    assert "other" in s, "skipped: needs the enrolment"
    res = authorize(st["rp"], s["other"], CFG["clients"]["py_fp"], consent=None, creds=None,
                    prompt="none", acr_values="2")
    _, claims = exchange(st["rp"], *res)
    multi_factor(claims)
    assert claims.get("sid") != s["claims"]["sid"], "the account browser answered with the first browser's session"


def c_mfa_prompt_none_needs_the_factor():
    s = need("stepup")
    assert "totp" in s, "skipped: needs the enrolment"
    authorization_error(s["browser"], CFG["clients"]["py_fp"], "interaction_required", prompt="none", acr_values="2")


def c_mfa_required_by_client():
    need("meta")
    client = CFG["clients"]["py_mfa"]
    rp = RP(st["meta"], client, "client_secret_basic", redirect_uri=client["redirect_uri"])
    totp = Authenticator()
    res = authorize(rp, new_browser(), client, consent=None, creds=creds_of("py_enrol"), totp=totp)
    assert res[0].events == ["login", "enrol", "recovery-codes"], (
        f"expected the password, the enrolment and the recovery codes, saw {res[0].events}")
    assert len(set(totp.recovery_codes)) == len(totp.recovery_codes), f"recovery codes repeat: {totp.recovery_codes}"
    _, claims = exchange(rp, *res)
    multi_factor(claims)


def c_mfa_essential_acr():
    need("meta")
    totp = Authenticator()
    claims_request = json.dumps({"id_token": {"acr": {"essential": True, "values": ["2"]}}})
    res = authorize(st["rp"], new_browser(), CFG["clients"]["py_fp"], consent=None, creds=creds_of("py_essential"),
                    totp=totp, claims=claims_request)
    assert res[0].events == ["login", "enrol", "recovery-codes"], (
        f"expected the password, the enrolment and the recovery codes, saw {res[0].events}")
    _, claims = exchange(st["rp"], *res)
    multi_factor(claims)


def c_mfa_essential_acr_unsupported():
    need("meta")
    claims_request = json.dumps({"id_token": {"acr": {"essential": True, "values": ["urn:example:loa:9"]}}})
    authorization_error(new_browser(), CFG["clients"]["py_fp"], "unmet_authentication_requirements",
                        claims=claims_request)


def c_mfa_step_up():
    s = need("stepup")
    assert "totp" in s, "skipped: needs the enrolment"
    # creds=None: a password page would fail the flow. The app's next code may be a step away.
    res = authorize(st["rp"], s["browser"], CFG["clients"]["py_fp"], consent=None, creds=None, totp=s["totp"],
                    acr_values="2")
    assert res[0].events == ["factor:totp"], f"expected only the code page, saw {res[0].events}"
    _, claims = exchange(st["rp"], *res)
    multi_factor(claims)
    assert claims.get("sid") == s["claims"]["sid"], "the step-up started another session"
    assert claims["sub"] == s["claims"]["sub"], "the step-up answered for another user"


for name, fn in [
    ("discovery", c_discovery),
    ("authorization code + PKCE login (first-party, no consent)", c_login_first_party),
    ("token exchange + ID token validation (JWKS signature, iss, aud, nonce)", c_token_and_id_token),
    ("userinfo", c_userinfo),
    ("refresh token rotation", c_refresh_rotation),
    ("rotated-out refresh token reuse -> invalid_grant", c_refresh_reuse),
    ("third-party consent shown once, then remembered", c_third_party_consent),
    ("client_credentials grant", c_client_credentials),
    ("introspection: fresh token active", c_introspect_active),
    ("revocation: revoked access token introspects inactive", c_revoke_then_inactive),
    ("revocation: revoked refresh token -> invalid_grant", c_revoke_refresh_token),
    ("RP-initiated logout redirects with state", c_end_session),
    ("prompt=none after logout -> login_required, also with a copy of the old session cookie",
     c_prompt_none_after_logout),
    ("MFA: a user without a factor signs in with the password: acr \"1\", amr [pwd], a sid",
     c_mfa_single_factor_login),
    ("MFA: acr_values=2 from a user without a factor is voluntary: no page, acr \"1\", same sid",
     c_mfa_voluntary_acr),
    ("MFA: the user adds an authenticator app (pyotp) on /account/security/totp in another browser",
     c_mfa_enrol_in_other_browser),
    ("MFA: the app's first code raised that browser's session: prompt=none&acr_values=2 there -> acr \"2\"",
     c_mfa_enrolment_raises_its_session),
    ("MFA: prompt=none&acr_values=2 on the first browser's single-factor session -> interaction_required",
     c_mfa_prompt_none_needs_the_factor),
    ("MFA: a client created with --require-mfa: a fresh user enrols during the login (pyotp), acr \"2\"",
     c_mfa_required_by_client),
    ("MFA: an essential acr claim of \"2\": a user without a factor enrols during the login, acr \"2\"",
     c_mfa_essential_acr),
    ("MFA: an essential acr claim with no supported value -> unmet_authentication_requirements",
     c_mfa_essential_acr_unsupported),
    ("MFA: step-up with acr_values=2 in the first browser: only the code page, acr \"2\", same sid",
     c_mfa_step_up),
]:
    checks.run(name, fn)

sys.exit(0)  # failures are counted from the PASS/FAIL lines; non-zero means the script itself broke
