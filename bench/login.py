#!/usr/bin/env python3
"""Log a user in to a running Portcullis server through the browser flow and
print the SSO session cookie and a first access token as one JSON object.

Standard library only (urllib, http.cookiejar, html.parser); redirects are
handled by hand so that the client's redirect_uri is never requested.

  GET  /authorize?response_type=code&…&code_challenge=…&code_challenge_method=S256
       -> 303 /login?interaction=ID
  GET  /login?interaction=ID            (one <form method="post">)
  POST the form (username, password + every hidden input as it is)
       -> 303 … -> 303 <redirect_uri>?code=…&state=…
  POST /token  grant_type=authorization_code, code_verifier, client_secret_basic

Output (stdout, one line):
  {"cookie_name": "portcullis_session", "cookie_value": "…",
   "cookie_header": "portcullis_session=…", "access_token": "…", …}
"""

import argparse
import base64
import hashlib
import html.parser
import http.cookiejar
import json
import os
import secrets
import sys
import urllib.error
import urllib.parse
import urllib.request

SESSION_COOKIE = "portcullis_session"
MAX_HOPS = 10


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # surface 3xx as HTTPError; we follow by hand


class AllowInsecureSecureCookies(http.cookiejar.DefaultCookiePolicy):
    """The bench runs on plain http://127.0.0.1; send `Secure` cookies anyway."""

    def return_ok_secure(self, cookie, request):
        return True


class FormParser(html.parser.HTMLParser):
    """Collects every <form> with its method, action and <input> fields."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self._current = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._current = {
                "method": (attrs.get("method") or "get").lower(),
                "action": attrs.get("action"),
                "inputs": [],
            }
            self.forms.append(self._current)
        elif tag in ("input", "button") and self._current is not None:
            self._current["inputs"].append(
                {
                    "tag": tag,
                    "type": (attrs.get("type") or ("text" if tag == "input" else "submit")).lower(),
                    "name": attrs.get("name"),
                    "value": attrs.get("value") or "",
                }
            )

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def die(msg: str):
    print(f"login.py: {msg}", file=sys.stderr)
    sys.exit(1)


class Session:
    def __init__(self):
        self.jar = http.cookiejar.CookieJar(policy=AllowInsecureSecureCookies())
        self.opener = urllib.request.build_opener(
            NoRedirect(), urllib.request.HTTPCookieProcessor(self.jar)
        )

    def request(self, method, url, data=None, headers=None):
        """Returns (status, headers, body_text); never follows redirects."""
        body = None
        hdrs = {"User-Agent": "portcullis-bench-login/1", "Accept": "text/html,application/json"}
        if headers:
            hdrs.update(headers)
        if data is not None:
            body = urllib.parse.urlencode(data).encode("utf-8")
            hdrs.setdefault("Content-Type", "application/x-www-form-urlencoded")
        req = urllib.request.Request(url, data=body, headers=hdrs, method=method)
        try:
            with self.opener.open(req, timeout=30) as resp:
                return resp.status, resp.headers, resp.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            text = e.read().decode("utf-8", "replace") if e.fp else ""
            return e.code, e.headers, text


def basic_auth(client_id: str, client_secret: str) -> str:
    # RFC 6749 §2.3.1: form-urlencode both parts before base64.
    raw = f"{urllib.parse.quote(client_id, safe='')}:{urllib.parse.quote(client_secret, safe='')}"
    return "Basic " + base64.b64encode(raw.encode("utf-8")).decode("ascii")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base-url", required=True)
    ap.add_argument("--client-id", required=True)
    ap.add_argument("--client-secret", required=True)
    ap.add_argument("--redirect-uri", required=True)
    ap.add_argument("--username", required=True)
    ap.add_argument("--password", help="default: $BENCH_LOGIN_PASSWORD")
    ap.add_argument("--scope", default="openid profile email")
    args = ap.parse_args()
    password = args.password if args.password is not None else os.environ.get("BENCH_LOGIN_PASSWORD")
    if password is None:
        die("no password (--password or BENCH_LOGIN_PASSWORD)")

    base = args.base_url.rstrip("/")
    s = Session()

    verifier = b64url(secrets.token_bytes(32))
    challenge = b64url(hashlib.sha256(verifier.encode("ascii")).digest())
    state = b64url(secrets.token_bytes(12))
    nonce = b64url(secrets.token_bytes(12))
    query = urllib.parse.urlencode(
        {
            "response_type": "code",
            "client_id": args.client_id,
            "redirect_uri": args.redirect_uri,
            "scope": args.scope,
            "state": state,
            "nonce": nonce,
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        },
        quote_via=urllib.parse.quote,
    )
    url = f"{base}/authorize?{query}"

    code = None
    method, data = "GET", None
    posted_login = False
    for _hop in range(MAX_HOPS * 2):
        status, headers, text = s.request(method, url, data=data)
        if 300 <= status < 400:
            location = headers.get("Location")
            if not location:
                die(f"{method} {url}: {status} without Location")
            nxt = urllib.parse.urljoin(url, location)
            if nxt.startswith(args.redirect_uri):
                params = urllib.parse.parse_qs(urllib.parse.urlsplit(nxt).query)
                if "error" in params:
                    die(f"authorization error: {params}")
                if params.get("state", [None])[0] != state:
                    die(f"state mismatch in {nxt}")
                code = params.get("code", [None])[0]
                if not code:
                    die(f"no code in {nxt}")
                break
            url, method, data = nxt, "GET", None
            continue
        if status != 200:
            die(f"{method} {url}: unexpected {status}: {text[:500]}")
        # A page: expected to be the login form.
        parser = FormParser()
        parser.feed(text)
        forms = [f for f in parser.forms if f["method"] == "post"]
        if not forms:
            die(f"{method} {url}: 200 page without a POST form: {text[:500]}")
        if posted_login:
            die(f"login rejected (form shown again after POST): {text[:800]}")
        form = forms[0]
        fields = []
        for inp in form["inputs"]:
            if inp["tag"] == "input" and inp["type"] == "hidden" and inp["name"]:
                fields.append((inp["name"], inp["value"]))
        names = {i["name"] for i in form["inputs"] if i["name"]}
        if "username" not in names or "password" not in names:
            die(f"form at {url} has no username/password inputs: {sorted(names)}")
        fields.append(("username", args.username))
        fields.append(("password", password))
        action = form["action"] or url
        url = urllib.parse.urljoin(url, action)
        method, data = "POST", fields
        posted_login = True
    if code is None:
        die("too many redirects without reaching the redirect_uri")

    status, _headers, text = s.request(
        "POST",
        f"{base}/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": args.redirect_uri,
            "code_verifier": verifier,
        },
        headers={
            "Authorization": basic_auth(args.client_id, args.client_secret),
            "Accept": "application/json",
        },
    )
    if status != 200:
        die(f"POST /token: {status}: {text[:500]}")
    tokens = json.loads(text)
    if "access_token" not in tokens:
        die(f"POST /token: no access_token: {text[:500]}")

    cookies = list(s.jar)
    session = [c for c in cookies if c.name == SESSION_COOKIE] or [
        c for c in cookies if SESSION_COOKIE in c.name
    ]
    if not session:
        die(f"no {SESSION_COOKIE} cookie after login (cookies: {[c.name for c in cookies]})")
    sc = session[0]
    print(
        json.dumps(
            {
                "cookie_name": sc.name,
                "cookie_value": sc.value,
                "cookie_header": f"{sc.name}={sc.value}",
                "all_cookies": "; ".join(f"{c.name}={c.value}" for c in cookies),
                "access_token": tokens["access_token"],
                "token_type": tokens.get("token_type"),
                "expires_in": tokens.get("expires_in"),
                "has_id_token": "id_token" in tokens,
                "has_refresh_token": "refresh_token" in tokens,
                "refresh_token": tokens.get("refresh_token"),
            }
        )
    )


if __name__ == "__main__":
    main()
