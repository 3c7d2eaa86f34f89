"""Checks modelled on the OpenID Foundation "Basic OP" certification plan, in plain HTTP."""

import base64
import hashlib
import json
import secrets
import sys
import time
from urllib.parse import urlencode

import requests

from browser import Checks, drive, load_config, new_browser, parse_forms

CFG = load_config()
ISSUER = CFG["issuer"]
USER = CFG["users"]["op"]
CREDS = (USER["email"], USER["password"])
CONF = CFG["clients"]["op_conf"]      # confidential, client_secret_basic, first-party
PUB = CFG["clients"]["op_public"]     # public (auth method none), first-party
checks = Checks("basic-op")
st = {}
AUTH_RESPONSES = []  # (check name, expected state, response params) of every authorization response


def need(key):
    if key not in st:
        raise AssertionError(f"skipped: needs {key} from an earlier check")
    return st[key]


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwt_parts(token):
    def dec(s):
        return json.loads(base64.urlsafe_b64decode(s + "=" * (-len(s) % 4)))
    h, p, _ = token.split(".")
    return dec(h), dec(p)


def auth_request(client, browser, tag, creds=CREDS, pkce=True, **extra):
    """Send an authorization request; returns (AuthResult, state, nonce, verifier)."""
    state, nonce, verifier = secrets.token_urlsafe(12), secrets.token_urlsafe(12), secrets.token_urlsafe(48)
    params = {"response_type": "code", "client_id": client["client_id"], "redirect_uri": client["redirect_uri"],
              "scope": "openid profile email", "state": state, "nonce": nonce}
    if pkce:
        params.update(code_challenge=b64url(hashlib.sha256(verifier.encode()).digest()), code_challenge_method="S256")
    params.update(extra)
    url = st["meta"]["authorization_endpoint"] + "?" + urlencode(params)
    res = drive(browser, url, client["redirect_uri"], creds=creds, consent=None)
    AUTH_RESPONSES.append((tag, state, res.params))
    return res, state, nonce, verifier


def token_request(client, data, secret=None):
    auth = (client["client_id"], secret or client["client_secret"]) if client.get("client_secret") else None
    if auth is None:
        data = dict(data, client_id=client["client_id"])
    return requests.post(st["meta"]["token_endpoint"], data=data, auth=auth, timeout=10)


def redeem(client, res, verifier):
    assert "code" in res.params, f"no code in authorization response: {res.params}"
    return token_request(client, {"grant_type": "authorization_code", "code": res.params["code"],
                                  "redirect_uri": client["redirect_uri"], "code_verifier": verifier})


def c_discovery_issuer():
    r = requests.get(ISSUER + "/.well-known/openid-configuration", timeout=10)
    assert r.status_code == 200, f"HTTP {r.status_code}"
    meta = r.json()
    assert meta.get("issuer") == ISSUER, f"issuer {meta.get('issuer')!r} != {ISSUER!r}"
    st["meta"] = meta


def c_jwks():
    keys = requests.get(need("meta")["jwks_uri"], timeout=10).json().get("keys", [])
    assert keys, "JWKS has no keys"
    for k in keys:
        assert k.get("kid"), f"key without kid: {k}"
        assert k.get("use") == "sig", f"key {k.get('kid')} use={k.get('use')!r}"
        assert k.get("alg") == "RS256", f"key {k.get('kid')} alg={k.get('alg')!r}"
        assert k.get("kty") == "RSA", f"key {k.get('kid')} kty={k.get('kty')!r}"
        leaked = {"d", "p", "q", "dp", "dq", "qi"} & set(k)
        assert not leaked, f"key {k.get('kid')} publishes private parts {sorted(leaked)}"
    st["kids"] = {k["kid"] for k in keys}


def c_unsupported_response_type():
    need("meta")
    res, _, _, _ = auth_request(CONF, new_browser(), "response_type=token", creds=None, response_type="token")
    assert res.params.get("error") == "unsupported_response_type", f"got {res.params}"


def c_public_without_pkce():
    need("meta")
    res, _, _, _ = auth_request(PUB, new_browser(), "public client without PKCE", creds=None, pkce=False)
    assert res.params.get("error"), f"expected an error redirect, got {res.params}"
    assert "code" not in res.params, f"a code was issued without PKCE: {res.params}"


def c_unknown_redirect_uri():
    params = {"response_type": "code", "client_id": CONF["client_id"], "scope": "openid",
              "redirect_uri": "https://attacker.example/cb", "state": "s1", "nonce": "n1"}
    r = new_browser().get(need("meta")["authorization_endpoint"] + "?" + urlencode(params), allow_redirects=False)
    assert not r.is_redirect and "Location" not in r.headers, f"redirected to {r.headers.get('Location')}"
    assert 400 <= r.status_code < 500, f"HTTP {r.status_code}, expected 4xx"
    assert "html" in r.headers.get("Content-Type", ""), f"Content-Type {r.headers.get('Content-Type')!r}"


def c_code_flow():
    need("meta")
    browser = new_browser()
    res, state, nonce, verifier = auth_request(CONF, browser, "code flow")
    assert res.events == ["login"], f"expected the login form, saw {res.events}"
    r = redeem(CONF, res, verifier)
    assert r.status_code == 200, f"token: HTTP {r.status_code} {r.text}"
    st.update(browser=browser, code_res=res, verifier=verifier, nonce=nonce, tok=r)


def c_nonce():
    r = need("tok")
    header, claims = jwt_parts(r.json()["id_token"])
    assert claims.get("nonce") == st["nonce"], f"nonce {claims.get('nonce')!r} != {st['nonce']!r}"
    assert header.get("alg") == "RS256", f"id_token alg {header.get('alg')}"
    assert header.get("kid") in need("kids"), f"id_token kid {header.get('kid')!r} not in JWKS"


def c_access_token_jwt():
    header, claims = jwt_parts(need("tok").json()["access_token"])
    assert header.get("typ", "").lower() in ("at+jwt", "application/at+jwt"), f"typ {header.get('typ')!r}"
    assert header.get("alg") == "RS256", f"alg {header.get('alg')!r}"
    assert claims.get("iss") == ISSUER, f"iss {claims.get('iss')!r}"


def c_no_store():
    r = need("tok")
    cc = r.headers.get("Cache-Control", "")
    assert "no-store" in cc.lower(), f"Cache-Control: {cc!r}"


def c_code_reuse():
    r = redeem(CONF, need("code_res"), st["verifier"])
    assert r.status_code == 400, f"HTTP {r.status_code} {r.text}"
    assert r.json().get("error") == "invalid_grant", r.text


def c_wrong_secret():
    r = token_request(CONF, {"grant_type": "authorization_code", "code": "x", "redirect_uri": CONF["redirect_uri"],
                             "code_verifier": "y" * 43}, secret="wrong-" + CONF["client_secret"])
    assert r.status_code == 401, f"HTTP {r.status_code} {r.text}"
    assert r.json().get("error") == "invalid_client", r.text
    assert r.headers.get("WWW-Authenticate"), "no WWW-Authenticate header"


def c_prompt_login():
    res, *_ = auth_request(CONF, need("browser"), "prompt=login", prompt="login")
    assert res.events == ["login"], f"login form not shown again, saw {res.events}"
    assert "code" in res.params, res.params


def c_max_age_zero():
    before = int(time.time())
    res, _, _, verifier = auth_request(CONF, need("browser"), "max_age=0", max_age="0")
    assert res.events == ["login"], f"login form not shown again, saw {res.events}"
    r = redeem(CONF, res, verifier)
    assert r.status_code == 200, f"token: HTTP {r.status_code} {r.text}"
    auth_time = jwt_parts(r.json()["id_token"])[1].get("auth_time")
    assert isinstance(auth_time, int), f"auth_time missing or not an integer: {auth_time!r}"
    assert auth_time >= before, f"auth_time {auth_time} predates the forced login at {before}"


def c_userinfo_without_token():
    r = requests.get(need("meta")["userinfo_endpoint"], timeout=10)
    assert r.status_code == 401, f"HTTP {r.status_code}"
    assert r.headers.get("WWW-Authenticate", "").lower().startswith("bearer"), \
        f"WWW-Authenticate: {r.headers.get('WWW-Authenticate')!r}"


def c_form_post():
    res, state, _, verifier = auth_request(CONF, need("browser"), "form_post", response_mode="form_post")
    assert res.mode == "form_post", f"expected an HTML form_post page, got a {res.mode} redirect"
    assert res.form["action"] == CONF["redirect_uri"], f"form action {res.form['action']!r}"
    assert res.form["method"] == "post", f"form method {res.form['method']!r}"
    assert {"code", "state", "iss"} <= set(res.params), f"hidden inputs {sorted(res.params)}"
    r = redeem(CONF, res, verifier)
    assert r.status_code == 200, f"form_post code did not redeem: HTTP {r.status_code} {r.text}"


def c_public_client_pkce():
    res, _, _, verifier = auth_request(PUB, new_browser(), "public client with PKCE")
    r = redeem(PUB, res, verifier)
    assert r.status_code == 200, f"token: HTTP {r.status_code} {r.text}"
    assert "no-store" in r.headers.get("Cache-Control", "").lower(), f"Cache-Control {r.headers.get('Cache-Control')!r}"


def c_pkce_wrong_verifier():
    res, _, _, _ = auth_request(PUB, new_browser(), "PKCE wrong verifier")
    r = redeem(PUB, res, secrets.token_urlsafe(48))
    assert r.status_code == 400 and r.json().get("error") == "invalid_grant", f"HTTP {r.status_code} {r.text}"


def c_end_session_confirmation():
    params = {"client_id": CONF["client_id"], "post_logout_redirect_uri": CONF["post_logout_redirect_uri"], "state": "s2"}
    r = need("browser").get(st["meta"]["end_session_endpoint"] + "?" + urlencode(params), allow_redirects=False)
    assert r.status_code == 200 and "html" in r.headers.get("Content-Type", ""), \
        f"expected a confirmation page, got HTTP {r.status_code} Location={r.headers.get('Location')}"
    forms = parse_forms(r.text, r.url)
    assert len(forms) == 1 and forms[0]["method"] == "post", f"expected one POST form, found {forms}"


def c_state_and_iss_everywhere():
    assert AUTH_RESPONSES, "no authorization responses were collected"
    bad = [f"{tag}: {p}" for tag, state, p in AUTH_RESPONSES if p.get("state") != state or p.get("iss") != ISSUER]
    assert not bad, f"{len(bad)}/{len(AUTH_RESPONSES)} responses lack the state or iss: " + "; ".join(bad)


for name, fn in [
    ("discovery issuer matches exactly", c_discovery_issuer),
    ("JWKS keys have kid, use=sig, alg=RS256, no private parts", c_jwks),
    ("response_type=token -> unsupported_response_type redirected", c_unsupported_response_type),
    ("public client without PKCE -> error redirected", c_public_without_pkce),
    ("unknown redirect_uri -> 4xx HTML error page, no redirect", c_unknown_redirect_uri),
    ("code flow with login form", c_code_flow),
    ("ID token carries the nonce, RS256 with a JWKS kid", c_nonce),
    ("access token is an RS256 at+jwt", c_access_token_jwt),
    ("token response has Cache-Control: no-store", c_no_store),
    ("authorization code reuse -> invalid_grant", c_code_reuse),
    ("wrong client secret -> 401 invalid_client with WWW-Authenticate", c_wrong_secret),
    ("prompt=login forces the login form", c_prompt_login),
    ("max_age=0 forces login and ID token has auth_time", c_max_age_zero),
    ("userinfo without token -> 401 with WWW-Authenticate", c_userinfo_without_token),
    ("response_mode=form_post -> HTML form to redirect_uri with code/state/iss", c_form_post),
    ("public client code flow with PKCE", c_public_client_pkce),
    ("PKCE with a wrong code_verifier -> invalid_grant", c_pkce_wrong_verifier),
    ("end_session without id_token_hint -> confirmation form", c_end_session_confirmation),
    ("state echoed and iss present in every authorization response", c_state_and_iss_everywhere),
]:
    checks.run(name, fn)

sys.exit(0)
