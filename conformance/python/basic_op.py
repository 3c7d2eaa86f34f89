"""Checks modelled on the OpenID Foundation "Basic OP" certification plan, in plain HTTP."""

import base64
import hashlib
import secrets
import sys
import time
from urllib.parse import parse_qsl, urlencode, urlsplit

import requests
from joserfc import jwt
from joserfc.errors import BadSignatureError
from joserfc.jwk import KeySet

from browser import Checks, copy_of, drive, load_config, new_browser, parse_forms

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


def verified(token, **claims):
    """The protected header and claims of a JWT, read only after its RS256 signature is checked
    against the published JWKS (the key named by its kid) and iss, exp and iat are validated;
    `claims` adds requirements (JWTClaimsRegistry options, e.g. aud)."""
    keys = KeySet.import_key_set(requests.get(need("meta")["jwks_uri"], timeout=10).json())
    tok = jwt.decode(token, keys, algorithms=["RS256"])
    jwt.JWTClaimsRegistry(iss={"essential": True, "value": ISSUER}, exp={"essential": True},
                          iat={"essential": True}, **claims).validate(tok.claims)
    return tok.header, tok.claims


def error_page(r, what):
    """Our error page for a target we must not send the browser to: 400, HTML, invalid_request,
    no Location and no form that could carry the browser on."""
    assert r.status_code == 400, f"{what}: HTTP {r.status_code}, expected 400 (Location={r.headers.get('Location')})"
    assert "Location" not in r.headers, f"{what}: redirected to {r.headers['Location']}"
    assert "html" in r.headers.get("Content-Type", ""), f"{what}: Content-Type {r.headers.get('Content-Type')!r}"
    assert "<code>invalid_request</code>" in r.text, f"{what}: not our invalid_request page: {r.text[:300]!r}"
    assert not parse_forms(r.text, r.url), f"{what}: the error page holds a form"


def prompt_none(client, browser, tag):
    """A prompt=none authorization in `browser`: the authorization response's parameters."""
    res, state, _, _ = auth_request(client, browser, tag, creds=None, prompt="none")
    assert res.params.get("state") == state, f"{tag}: state {res.params.get('state')!r} != {state!r}"
    assert res.params.get("iss") == ISSUER, f"{tag}: iss {res.params.get('iss')!r}"
    return res.params


def assert_signed_in(client, browser, tag):
    p = prompt_none(client, browser, tag)
    assert "code" in p and "error" not in p, f"{tag}: the session is gone: {p}"


def assert_signed_out(client, browser, tag):
    p = prompt_none(client, browser, tag)
    assert p.get("error") == "login_required", f"{tag}: expected error=login_required, got {p}"
    assert "code" not in p, f"{tag}: a code was issued: {p}"


def expect_error_redirect(client, res, state, error, what):
    """An authorization error sent to the registered redirect_uri with the exact error, state, iss."""
    assert res.mode == "query", f"{what}: expected a query redirect, got {res.mode}"
    assert res.url.startswith(client["redirect_uri"] + "?"), f"{what}: redirected to {res.url}"
    p = res.params
    assert p.get("error") == error, f"{what}: error {p.get('error')!r}, expected {error!r}"
    assert p.get("state") == state, f"{what}: state {p.get('state')!r} != {state!r}"
    assert p.get("iss") == ISSUER, f"{what}: iss {p.get('iss')!r} != {ISSUER!r}"
    assert "code" not in p, f"{what}: a code was issued: {p}"


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
    tag = "response_type=token"
    res, state, _, _ = auth_request(CONF, new_browser(), tag, creds=None, response_type="token")
    expect_error_redirect(CONF, res, state, "unsupported_response_type", tag)


def c_public_without_pkce():
    need("meta")
    tag = "public client without PKCE"
    res, state, _, _ = auth_request(PUB, new_browser(), tag, creds=None, pkce=False)
    expect_error_redirect(PUB, res, state, "invalid_request", tag)


def c_plain_pkce():
    need("meta")
    tag = "code_challenge_method=plain"
    res, state, _, _ = auth_request(CONF, new_browser(), tag, creds=None, code_challenge_method="plain")
    expect_error_redirect(CONF, res, state, "invalid_request", tag)


def c_prompt_none_without_session():
    need("meta")
    tag = "prompt=none without a session"
    res, state, _, _ = auth_request(CONF, new_browser(), tag, creds=None, prompt="none")
    expect_error_redirect(CONF, res, state, "login_required", tag)


def c_unknown_redirect_uri():
    # Asked in a signed-in browser: a server that took any of these would answer with a code.
    browser = need("browser")
    registered = CONF["redirect_uri"]
    parts = urlsplit(registered)
    for what, uri in [
        ("another origin", "https://attacker.example/cb"),
        ("an extra path segment", registered + "/extra"),
        ("a trailing slash", registered + "/"),
        ("a query added", registered + "?x=1"),
        ("a prefix", registered[:-1]),
        ("an upper-case scheme", registered.replace(parts.scheme, parts.scheme.upper(), 1)),
        ("an upper-case path", f"{parts.scheme}://{parts.netloc}{parts.path.upper()}"),
        ("userinfo", f"{parts.scheme}://attacker@{parts.netloc}{parts.path}"),
        ("the registered host as userinfo", f"{parts.scheme}://{parts.netloc}@attacker.example{parts.path}"),
        ("a dot-dot segment", registered + "/../" + parts.path.rsplit("/", 1)[1]),
    ]:
        params = {"response_type": "code", "client_id": CONF["client_id"], "scope": "openid",
                  "redirect_uri": uri, "state": "s1", "nonce": "n1"}
        r = browser.get(st["meta"]["authorization_endpoint"] + "?" + urlencode(params), allow_redirects=False)
        error_page(r, f"{what} ({uri})")


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
    header, claims = verified(r.json()["id_token"], aud={"essential": True, "value": CONF["client_id"]})
    assert claims.get("nonce") == st["nonce"], f"nonce {claims.get('nonce')!r} != {st['nonce']!r}"
    assert header.get("alg") == "RS256", f"id_token alg {header.get('alg')}"
    assert header.get("kid") in need("kids"), f"id_token kid {header.get('kid')!r} not in JWKS"


def c_access_token_jwt():
    header, claims = verified(need("tok").json()["access_token"])
    assert header.get("typ", "").lower() in ("at+jwt", "application/at+jwt"), f"typ {header.get('typ')!r}"
    assert header.get("alg") == "RS256", f"alg {header.get('alg')!r}"
    assert claims.get("client_id") == CONF["client_id"], f"client_id {claims.get('client_id')!r}"


def c_forged_signature():
    # The check of the checks: verified() refuses a token whose signature is not the server's.
    token = need("tok").json()["id_token"]
    forged = token.rsplit(".", 1)[0] + "." + b64url(bytes(256))
    try:
        verified(forged)
    except BadSignatureError:
        return
    raise AssertionError("a JWT with a forged signature was accepted")


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
    auth_time = verified(r.json()["id_token"])[1].get("auth_time")
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


def c_unregistered_post_logout_uri():
    browser = need("browser")
    id_token = need("tok").json()["id_token"]
    registered = CONF["post_logout_redirect_uri"]
    for what, uri in [("another origin", "https://attacker.example/logged-out"),
                      ("an extra path segment", registered + "/extra"),
                      ("a trailing slash", registered + "/"),
                      ("a prefix", registered[:-1]),
                      ("another client's", CFG["clients"]["op_public"]["post_logout_redirect_uri"])]:
        for proof in ({"id_token_hint": id_token}, {"client_id": CONF["client_id"]}):
            params = {**proof, "post_logout_redirect_uri": uri, "state": "s3"}
            r = browser.get(st["meta"]["end_session_endpoint"] + "?" + urlencode(params), allow_redirects=False)
            tag = f"{what} ({uri}) with {next(iter(proof))}"
            error_page(r, tag)
            assert_signed_in(CONF, browser, f"after {tag}")


def c_end_session_confirmation():
    browser = need("browser")
    saved = copy_of(browser)  # what a copy of the session cookie would still open
    params = {"client_id": CONF["client_id"], "post_logout_redirect_uri": CONF["post_logout_redirect_uri"],
              "state": "s2 &?"}
    r = browser.get(st["meta"]["end_session_endpoint"] + "?" + urlencode(params), allow_redirects=False)
    assert r.status_code == 200 and "html" in r.headers.get("Content-Type", ""), \
        f"expected a confirmation page, got HTTP {r.status_code} Location={r.headers.get('Location')}"
    # One form that does something (POST); a language picker beside it is a GET to our own page.
    forms = [f for f in parse_forms(r.text, r.url) if f["method"] == "post"]
    assert len(forms) == 1, f"expected one POST form, found {forms}"
    assert_signed_in(CONF, browser, "shown the confirmation page")
    fields = {i["name"]: i["value"] for i in forms[0]["inputs"] + forms[0]["buttons"] if i["name"]}
    r = browser.post(forms[0]["action"], data=fields, allow_redirects=False)
    loc = r.headers.get("Location", "")
    assert r.status_code in (302, 303) and loc.split("?")[0] == CONF["post_logout_redirect_uri"], \
        f"confirmed: HTTP {r.status_code} Location={loc!r}, expected {CONF['post_logout_redirect_uri']}"
    assert parse_qsl(urlsplit(loc).query) == [("state", params["state"])], f"state not carried exactly: {loc}"
    assert_signed_out(CONF, browser, "prompt=none in the browser after logout")
    assert_signed_out(CONF, saved, "prompt=none with a copy of the old session cookie")


def c_state_and_iss_everywhere():
    assert AUTH_RESPONSES, "no authorization responses were collected"
    bad = [f"{tag}: {p}" for tag, state, p in AUTH_RESPONSES if p.get("state") != state or p.get("iss") != ISSUER]
    assert not bad, f"{len(bad)}/{len(AUTH_RESPONSES)} responses lack the state or iss: " + "; ".join(bad)


for name, fn in [
    ("discovery issuer matches exactly", c_discovery_issuer),
    ("JWKS keys have kid, use=sig, alg=RS256, no private parts", c_jwks),
    ("response_type=token -> unsupported_response_type redirected with state and iss", c_unsupported_response_type),
    ("public client without PKCE -> invalid_request redirected with state and iss", c_public_without_pkce),
    ("code_challenge_method=plain -> invalid_request redirected with state and iss", c_plain_pkce),
    ("prompt=none without a session -> login_required redirected with state and iss", c_prompt_none_without_session),
    ("code flow with login form", c_code_flow),
    ("unregistered redirect_uri variants -> 400 error page, no redirect, no code", c_unknown_redirect_uri),
    ("ID token verified against the JWKS carries the nonce, RS256 with a JWKS kid", c_nonce),
    ("access token verified against the JWKS is an RS256 at+jwt", c_access_token_jwt),
    ("a JWT with a forged signature does not verify", c_forged_signature),
    ("token response has Cache-Control: no-store", c_no_store),
    ("authorization code reuse -> invalid_grant", c_code_reuse),
    ("wrong client secret -> 401 invalid_client with WWW-Authenticate", c_wrong_secret),
    ("prompt=login forces the login form", c_prompt_login),
    ("max_age=0 forces login and ID token has auth_time", c_max_age_zero),
    ("userinfo without token -> 401 with WWW-Authenticate", c_userinfo_without_token),
    ("response_mode=form_post -> HTML form to redirect_uri with code/state/iss", c_form_post),
    ("public client code flow with PKCE", c_public_client_pkce),
    ("PKCE with a wrong code_verifier -> invalid_grant", c_pkce_wrong_verifier),
    ("unregistered post_logout_redirect_uri -> 400 error page, no redirect, session survives",
     c_unregistered_post_logout_uri),
    ("end_session without id_token_hint: confirmation form, then logout ends the session on the server",
     c_end_session_confirmation),
    ("state echoed and iss present in every authorization response", c_state_and_iss_everywhere),
]:
    checks.run(name, fn)

sys.exit(0)
