"""A tiny browser stand-in: cookie jar, manual redirects and HTML form scraping.

Drives Portcullis' hosted login and consent pages over plain HTTP and stops at
the first redirect (or form_post page) aimed at the client's redirect_uri,
which is never requested itself.
"""

import copy
import http.cookiejar
import json
import os
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

import requests

LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


def load_config():
    with open(os.environ["CONFORMANCE_CONFIG"]) as f:
        return json.load(f)


class _LoopbackPolicy(http.cookiejar.DefaultCookiePolicy):
    # Browsers treat http://127.0.0.1 and http://localhost as secure contexts,
    # so Secure cookies set there are sent back over plain http too.
    def return_ok_secure(self, cookie, request):
        if urlsplit(request.get_full_url()).hostname in LOOPBACK:
            return True
        return super().return_ok_secure(cookie, request)


def new_browser():
    s = requests.Session()
    s.cookies.set_policy(_LoopbackPolicy())
    s.headers["User-Agent"] = "portcullis-conformance/python"
    s.headers["Accept"] = "text/html,application/xhtml+xml,*/*"
    return s


def copy_of(browser):
    """A second browser holding copies of `browser`'s cookies, as a copied session cookie would."""
    other = new_browser()
    for c in browser.cookies:
        other.cookies.set_cookie(copy.copy(c))
    return other


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self._form = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self._form = {"action": a.get("action", ""), "method": a.get("method", "get").lower(),
                          "inputs": [], "buttons": []}
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "button", "select", "textarea"):
            typ = a.get("type", "submit" if tag == "button" else "text").lower()
            entry = {"name": a.get("name"), "type": typ, "value": a.get("value", "")}
            if typ == "submit" or tag == "button":
                self._form["buttons"].append(entry)
            else:
                self._form["inputs"].append(entry)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def parse_forms(html, base_url):
    p = _FormParser()
    p.feed(html)
    for f in p.forms:
        f["action"] = urljoin(base_url, f["action"] or base_url)
    return p.forms


def hidden_fields(form):
    return {i["name"]: i["value"] for i in form["inputs"] if i["type"] == "hidden" and i["name"]}


def same_endpoint(url, target):
    a, b = urlsplit(url), urlsplit(target)
    return (a.scheme, a.netloc, a.path) == (b.scheme, b.netloc, b.path)


class FlowError(Exception):
    pass


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _ElementText(HTMLParser):
    """The text of the element with a given id, and of each <code> inside it."""

    def __init__(self, element_id):
        super().__init__(convert_charrefs=True)
        self.element_id, self.depth, self.text, self.codes = element_id, 0, None, []
        self._code = None

    def handle_starttag(self, tag, attrs):
        if self.depth and tag in _VOID:
            return
        if self.depth:
            self.depth += 1
            if tag == "code":
                self._code = ""
        elif dict(attrs).get("id") == self.element_id:
            self.depth, self.text = 1, ""

    def handle_endtag(self, tag):
        if not self.depth:
            return
        self.depth -= 1
        if tag == "code" and self._code is not None and self.depth:
            self.codes.append(self._code.strip())
            self._code = None

    def handle_data(self, data):
        if self.depth:
            self.text += data
            if self._code is not None:
                self._code += data


def element_text(html, element_id):
    """(text, [text of each <code> inside]) of the element with id `element_id`, or (None, [])."""
    p = _ElementText(element_id)
    p.feed(html)
    return (p.text.strip() if p.text is not None else None), p.codes


class AuthResult:
    """Where the flow ended: the authorization response and what was shown on the way."""

    def __init__(self, url, params, events, mode, form=None):
        self.url, self.params, self.events, self.mode, self.form = url, params, events, mode, form

    def __repr__(self):
        return f"AuthResult({self.mode}, {self.params}, events={self.events})"


def _describe(resp):
    body = resp.text[:300].replace("\n", " ")
    return f"HTTP {resp.status_code} at {resp.url}: {body!r}"


# The hosted pages of the second factor, by the path their form posts to.
FACTOR_PAGE, ENROL_PAGE, CONTINUE_PAGE = "/login/factor", "/login/enrol", "/login/continue"


def drive(browser, url, redirect_uri, creds=None, consent="allow", max_steps=15, method="get", data=None,
          totp=None):
    """Follow redirects and fill login/consent forms until the authorization
    response addressed to redirect_uri shows up. creds = (email, password) or
    None (then a login form is an error). events lists 'login'/'consent'.

    The second-factor pages: `totp` (an authenticator.Authenticator) types its code on the
    challenge page, and on the enrolment page takes the key shown there and types its first
    code, then keeps the recovery codes shown next. Their events are 'factor:totp', 'enrol'
    and 'recovery-codes'."""
    events = []
    resp = browser.request(method, url, data=data, allow_redirects=False)
    for _ in range(max_steps):
        if resp.is_redirect or resp.status_code in (301, 302, 303, 307, 308):
            loc = resp.headers.get("Location")
            if not loc:
                raise FlowError(f"redirect without Location: {_describe(resp)}")
            loc = urljoin(resp.url, loc)
            if same_endpoint(loc, redirect_uri):
                parts = urlsplit(loc)
                mode = "fragment" if parts.fragment else "query"
                params = dict(parse_qsl(parts.query), **dict(parse_qsl(parts.fragment)))
                return AuthResult(loc, params, events, mode)
            resp = browser.get(loc, allow_redirects=False)
            continue
        if resp.status_code != 200 or "html" not in resp.headers.get("Content-Type", ""):
            raise FlowError(f"unexpected response: {_describe(resp)}")
        # Pages hold more than the step's form (cancel, "not you?", the language picker): take
        # the one a person would fill in, as they would.
        forms = parse_forms(resp.text, resp.url)
        posted = [f for f in forms if same_endpoint(f["action"], redirect_uri)]
        if posted and len(forms) != 1:
            raise FlowError(f"a form_post page holds other forms: {_describe(resp)}")
        mfa_forms = [f for f in forms if urlsplit(f["action"]).path in (FACTOR_PAGE, ENROL_PAGE, CONTINUE_PAGE)]
        form = next(
            iter(posted
                 + [f for f in forms if any(i["name"] == "password" for i in f["inputs"])]
                 + [f for f in forms if any(b["name"] == "decision" and b["value"] == "allow"
                                            for b in f["buttons"])]
                 + mfa_forms),
            None,
        )
        if form is None:
            raise FlowError(f"no login, consent, second-factor or form_post form: {_describe(resp)}")
        names = {i["name"] for i in form["inputs"]}
        fields = hidden_fields(form)
        page = urlsplit(form["action"]).path
        if posted:
            return AuthResult(form["action"], fields, events, "form_post", form)
        if "password" in names:
            if creds is None:
                raise FlowError(f"login form shown but no credentials given ({resp.url})")
            if "login" in events:
                raise FlowError(f"login form shown again after login (bad credentials?): {_describe(resp)}")
            events.append("login")
            fields.update(username=creds[0], password=creds[1])
        elif any(b["name"] == "decision" for b in form["buttons"]):
            if consent is None:
                raise FlowError(f"consent page shown but not expected ({resp.url})")
            events.append("consent")
            fields["decision"] = consent
        elif page == FACTOR_PAGE:
            if totp is None or fields.get("method") != "totp":
                raise FlowError(f"code page ({fields.get('method')}) shown but no authenticator given ({resp.url})")
            events.append("factor:totp")
            fields["code"] = totp.code()
        elif page == ENROL_PAGE:
            if totp is None:
                raise FlowError(f"enrolment page shown but no authenticator given ({resp.url})")
            secret, _ = element_text(resp.text, "totp-secret")
            if not secret:
                raise FlowError(f"enrolment page without its key (id=totp-secret): {_describe(resp)}")
            events.append("enrol")
            totp.enrol(secret)
            fields.update({i["name"]: i["value"] for i in form["inputs"] if i["name"] == "name"})
            fields["code"] = totp.code()
        elif page == CONTINUE_PAGE:
            _, codes = element_text(resp.text, "recovery-codes")
            if not codes:
                raise FlowError(f"no recovery codes (id=recovery-codes) before continuing: {_describe(resp)}")
            events.append("recovery-codes")
            if totp is not None:
                totp.recovery_codes = codes
        else:
            raise FlowError(f"unknown form page: {_describe(resp)}")
        if form["method"] != "post":
            raise FlowError(f"form method is {form['method']!r}, expected post ({resp.url})")
        resp = browser.post(form["action"], data=fields, allow_redirects=False)
    raise FlowError(f"too many steps, last: {_describe(resp)}")


class Checks:
    """Prints one PASS/FAIL line per check; a crashing check is a FAIL."""

    def __init__(self, prefix):
        self.prefix, self.failed = prefix, 0

    def run(self, name, fn, *args):
        full = f"{self.prefix} {name}"
        try:
            fn(*args)
        except Exception as e:  # noqa: BLE001 - every failure is reported
            self.failed += 1
            reason = f"{type(e).__name__}: {e}" if not isinstance(e, AssertionError) else str(e)
            print(f"FAIL {full}: {reason}".replace("\n", " "), flush=True)
            return False
        print(f"PASS {full}", flush=True)
        return True
