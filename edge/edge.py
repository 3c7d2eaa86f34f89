#!/usr/bin/env python3
"""Portcullis edge suite: what happens at the edges of a deployment.

Scenarios (each a function below; `edge/run NAME…` runs some, none runs all):
  slow_clients   half-sent requests, a body that never ends, the connection cap
  load_balancer  two PostgreSQL + Redis nodes behind Debian's nginx
  redis_outage   Redis hangs, then dies, then comes back
  db_outage      PostgreSQL refuses connections, then accepts them again
  tls            native TLS: versions, HSTS, certificate reload
  metrics        the management listener's /metrics

Every check prints `PASS scenario: what: measured` or `FAIL …`; the last line is
`N passed, M failed` and the exit status is 0 only when nothing failed.

Everything listens on 127.0.0.x. Every process started here is stopped at the end of its
scenario (and on exit, whatever the reason), every PostgreSQL database made here is dropped.
Env: PORTCULLIS_BIN (the server binary), EDGE_TMP (a fresh directory), EDGE_PG_ADMIN_URL
(default postgres://postgres@127.0.0.1:5432/test), NGINX (the nginx binary).
"""

import base64
import concurrent.futures
import hashlib
import html.parser
import http.client
import http.server
import http.cookiejar
import json
import os
import re
import secrets
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import traceback
import urllib.parse

import requests
from requests.adapters import HTTPAdapter

HERE = os.path.dirname(os.path.abspath(__file__))
BIN = os.environ.get("PORTCULLIS_BIN", "")
TMP = os.environ.get("EDGE_TMP", "")
PG_ADMIN_URL = os.environ.get("EDGE_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/test")
NGINX = os.environ.get("NGINX", shutil.which("nginx") or "/usr/sbin/nginx")

PASSWORD = "Edge-Scenario-Passw0rd-2024!"
REDIRECT_URI = "http://127.0.0.1:9/edge/callback"  # never requested: nothing listens there
CLIENT_IP = "127.0.0.2"  # the suite's browsers, in front of nginx
PROXY_IP = "127.0.0.3"  # nginx's address towards the nodes: the one trusted proxy


# --- results --------------------------------------------------------------------------------

class Results:
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.failures = []

    def check(self, scenario, name, ok, detail=""):
        word = "PASS" if ok else "FAIL"
        line = f"{word} {scenario}: {name}" + (f": {detail}" if detail else "")
        print(line, flush=True)
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            self.failures.append(line)
        return ok


def note(scenario, text):
    """A measurement or step that is not itself a check."""
    print(f"  {scenario}: {text}", flush=True)


def log(text):
    print(f"edge: {text}", file=sys.stderr, flush=True)


# --- processes ------------------------------------------------------------------------------

PROCS = []  # (Popen, name, log path), in start order


def spawn(name, cmd, env=None, log_path=None):
    """Starts a process in its own session (so a ^C to the suite does not reach it first);
    stopped by stop() or at exit by stop_all(), always by its own pid."""
    out = open(log_path, "ab") if log_path else subprocess.DEVNULL
    p = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                         start_new_session=True)
    if log_path:
        out.close()
    PROCS.append((p, name, log_path))
    return p


def stop(p, timeout=5.0):
    """SIGTERM, `timeout` seconds to exit, then SIGKILL."""
    if p is None:
        return
    if p.poll() is None:
        try:
            p.send_signal(signal.SIGTERM)
            p.wait(timeout)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
        except ProcessLookupError:
            pass
    else:
        p.wait()


def kill9(p):
    if p.poll() is None:
        p.kill()
    p.wait()


def stop_all():
    while PROCS:
        p, _, _ = PROCS.pop()
        try:
            stop(p)
        except Exception as e:  # keep stopping the others
            log(f"could not stop pid {p.pid}: {e}")


def show_logs(paths, lines=60):
    for path in paths:
        if not path or not os.path.exists(path):
            continue
        with open(path, "rb") as f:
            tail = f.read().decode("utf-8", "replace").splitlines()[-lines:]
        print(f"----- {os.path.basename(path)} (last {len(tail)} lines) -----", file=sys.stderr)
        for line in tail:
            print(line, file=sys.stderr)
    print("----- end of logs -----", file=sys.stderr, flush=True)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_for(predicate, timeout, interval=0.1):
    """Calls predicate until it returns a true value or `timeout` passes; returns
    (value, seconds waited)."""
    start = time.monotonic()
    while True:
        value = predicate()
        waited = time.monotonic() - start
        if value or waited >= timeout:
            return value, waited
        time.sleep(interval)


def run(cmd, stdin=None, timeout=60, env=None):
    return subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=timeout, env=env)


# --- PostgreSQL and Redis -------------------------------------------------------------------

def _pg_parts():
    p = urllib.parse.urlsplit(PG_ADMIN_URL)
    return p.hostname or "127.0.0.1", str(p.port or 5432), p.username or "postgres", p.path.lstrip("/") or "test"


def psql(sql, db=None):
    host, port, user, admin_db = _pg_parts()
    env = dict(os.environ, PGOPTIONS="--client-min-messages=warning")
    r = run(["psql", "-h", host, "-p", port, "-U", user, "-d", db or admin_db, "-v", "ON_ERROR_STOP=1",
             "-qAtX", "-F", "\t", "-c", sql], env=env, timeout=30)
    if r.returncode != 0:
        raise RuntimeError(f"psql failed ({r.returncode}): {sql}\n{r.stderr.strip()}")
    return r.stdout


def pg_url(db):
    host, port, user, _ = _pg_parts()
    return f"postgres://{user}@{host}:{port}/{db}"


class Database:
    """A fresh PostgreSQL database, dropped on close."""

    def __init__(self, label):
        self.name = f"edge_{label}_{secrets.token_hex(4)}"
        psql(f"CREATE DATABASE {self.name}")
        self.url = pg_url(self.name)

    def query(self, sql):
        return [line.split("\t") for line in psql(sql, db=self.name).splitlines() if line]

    def close(self):
        try:
            psql(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")
        except Exception as e:
            log(f"could not drop database {self.name}: {e}")


class Redis:
    """A private redis-server on a free port: no persistence, DEBUG allowed from loopback."""

    def __init__(self, tmp, name="redis", port=None):
        self.port = port or free_port()
        self.tmp = tmp
        self.name = name
        self.log = os.path.join(tmp, f"{name}.log")
        self.proc = None

    def start(self):
        self.proc = spawn(self.name, ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
                                      "--save", "", "--appendonly", "no", "--daemonize", "no",
                                      "--dir", self.tmp, "--enable-debug-command", "local"],
                          log_path=self.log)
        ok, _ = wait_for(lambda: self.cli("ping").stdout.strip() == "PONG" or self.proc.poll() is not None, 10)
        if self.proc.poll() is not None or not ok:
            raise RuntimeError(f"redis-server on port {self.port} did not start")
        return self

    def cli(self, *args, timeout=5):
        try:
            return run(["redis-cli", "-h", "127.0.0.1", "-p", str(self.port), *args], timeout=timeout)
        except subprocess.TimeoutExpired as e:
            return subprocess.CompletedProcess(e.cmd, 124, "", "timeout")

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}"


# --- the server -----------------------------------------------------------------------------

def master_key():
    return base64.b64encode(secrets.token_bytes(32)).decode()


class Node:
    """One `portcullis serve` with its own data dir and log. `env` adds or overrides
    PORTCULLIS_* settings; nothing is inherited from the suite's own PORTCULLIS_* variables."""

    def __init__(self, tmp, name, env=None, port=None, issuer=None, scheme="http", ca=None):
        self.name = name
        self.port = port or free_port()
        self.dir = os.path.join(tmp, name)
        os.makedirs(os.path.join(self.dir, "data"), exist_ok=True)
        self.log = os.path.join(tmp, f"{name}.log")
        self.url = f"{scheme}://127.0.0.1:{self.port}"
        self.issuer = issuer or self.url
        self.ca = ca
        base = {k: v for k, v in os.environ.items() if not k.startswith("PORTCULLIS_")}
        base.update({
            "PORTCULLIS_ISSUER": self.issuer,
            "PORTCULLIS_LISTEN": f"127.0.0.1:{self.port}",
            "PORTCULLIS_DATA_DIR": os.path.join(self.dir, "data"),
            "PORTCULLIS_MASTER_KEY_FILE": os.path.join(self.dir, "master.key"),
            "PORTCULLIS_LOG_FORMAT": "text",
            # The flows expect the client after the password, not the guided MFA set-up.
            "PORTCULLIS_MFA_OFFER_INTERVAL": "0",
            "NO_COLOR": "1",
        })
        base.update(env or {})
        self.env = base
        self.proc = None

    def start(self, ready_path="/health/ready", timeout=60):
        self.proc = spawn(self.name, [BIN, "serve"], env=self.env, log_path=self.log)

        def ready():
            if self.proc.poll() is not None:
                return "exited"
            try:
                r = requests.get(self.url + ready_path, timeout=2, verify=self.ca if self.ca else True)
                return r.status_code == 200
            except requests.RequestException:
                return False

        state, _ = wait_for(ready, timeout)
        if state != True:  # noqa: E712 (also "exited")
            raise RuntimeError(f"{self.name} not ready on {self.url} ({state or 'timeout'}); see {self.log}")
        return self

    @property
    def pid(self):
        return self.proc.pid

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def fds(self):
        return len(os.listdir(f"/proc/{self.pid}/fd"))

    def cli(self, *args, stdin=None):
        r = run([BIN, *args], stdin=stdin, env=self.env)
        if r.returncode != 0:
            raise RuntimeError(f"`portcullis {' '.join(args)}` failed ({r.returncode}):\n{r.stdout}\n{r.stderr}")
        return r.stdout

    def cli_json(self, *args, stdin=None):
        # The CLI prints tables for people; --json is its output for scripts.
        if "--json" not in args:
            args = (*args, "--json")
        out = self.cli(*args, stdin=stdin)
        try:
            return json.loads(out)
        except ValueError:
            raise RuntimeError(f"`portcullis {' '.join(args)}` did not print JSON:\n{out}")

    def code_client(self, name="edge"):
        c = self.cli_json("client", "create", "--name", f"edge {name}", "--redirect-uri", REDIRECT_URI,
                          "--grant-type", "authorization_code", "--grant-type", "refresh_token",
                          "--auth-method", "client_secret_basic", "--first-party")
        return {"client_id": c["client_id"], "client_secret": c["client_secret"]}

    def cc_client(self, name="edge-cc"):
        c = self.cli_json("client", "create", "--name", f"edge {name}", "--grant-type", "client_credentials",
                          "--auth-method", "client_secret_basic")
        return {"client_id": c["client_id"], "client_secret": c["client_secret"]}

    def user(self, email):
        self.cli_json("user", "create", "--email", email, "--email-verified", "--password-stdin", stdin=PASSWORD)
        return email

    def audit(self, *args):
        return self.cli_json("audit", "--json", "--limit", "1000", *args)


# --- a browser: cookie jar, manual redirects, forms -----------------------------------------

class SourceAddressAdapter(HTTPAdapter):
    """Connects from a chosen 127.0.0.x address."""

    def __init__(self, source, **kw):
        self.source = source
        super().__init__(**kw)

    def init_poolmanager(self, connections, maxsize, block=False, **kw):
        kw["source_address"] = (self.source, 0)
        super().init_poolmanager(connections, maxsize, block, **kw)


class LoopbackPolicy(http.cookiejar.DefaultCookiePolicy):
    def return_ok_secure(self, cookie, request):
        return True


def browser(source=None, headers=None):
    s = requests.Session()
    s.cookies.set_policy(LoopbackPolicy())
    s.headers["User-Agent"] = "portcullis-edge/1"
    s.headers["Accept"] = "text/html,application/json"
    if headers:
        s.headers.update(headers)
    if source:
        s.mount("http://", SourceAddressAdapter(source))
        s.mount("https://", SourceAddressAdapter(source))
    return s


class FormParser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self._form = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            self._form = {"action": a.get("action", ""), "method": a.get("method", "get").lower(), "inputs": []}
            self.forms.append(self._form)
        elif tag in ("input", "button") and self._form is not None:
            self._form["inputs"].append({"name": a.get("name"), "type": a.get("type", "text").lower(),
                                         "value": a.get("value", "")})

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def forms_of(text):
    p = FormParser()
    p.feed(text)
    return p.forms


def hidden(form):
    return {i["name"]: i["value"] for i in form["inputs"] if i["type"] == "hidden" and i["name"]}


def rebase(url, base):
    """`url` with the scheme and host:port of `base` (to send a step to a chosen node)."""
    if not base:
        return url
    u, b = urllib.parse.urlsplit(url), urllib.parse.urlsplit(base)
    return urllib.parse.urlunsplit((b.scheme, b.netloc, u.path, u.query, u.fragment))


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def basic(client):
    raw = f"{urllib.parse.quote(client['client_id'], safe='')}:{urllib.parse.quote(client['client_secret'], safe='')}"
    return "Basic " + base64.b64encode(raw.encode()).decode()


class FlowError(Exception):
    pass


def describe(r):
    return f"{r.request.method} {urllib.parse.urlsplit(r.url).path} -> {r.status_code} {r.text[:200]!r}"


class LoginFlow:
    """An authorization-code + PKCE sign-in, one step at a time, each step at a chosen base URL.
    `upstreams` collects nginx's X-Upstream header of every answer, when there is one."""

    def __init__(self, br, client, timeout=15):
        self.br = br
        self.client = client
        self.timeout = timeout
        self.verifier = b64url(secrets.token_bytes(32))
        self.state = b64url(secrets.token_bytes(12))
        self.upstreams = []
        self.last = None

    def _req(self, method, url, **kw):
        r = self.br.request(method, url, allow_redirects=False, timeout=self.timeout, **kw)
        self.last = r
        if "X-Upstream" in r.headers:
            self.upstreams.append((method, urllib.parse.urlsplit(url).path, r.headers["X-Upstream"]))
        return r

    def open_form(self, base):
        """GET /authorize and its redirects at `base`, up to the login page's form."""
        challenge = b64url(hashlib.sha256(self.verifier.encode()).digest())
        q = urllib.parse.urlencode({
            "response_type": "code", "client_id": self.client["client_id"], "redirect_uri": REDIRECT_URI,
            "scope": "openid email", "state": self.state, "nonce": b64url(secrets.token_bytes(8)),
            "code_challenge": challenge, "code_challenge_method": "S256"})
        r = self._req("GET", f"{base}/authorize?{q}")
        for _ in range(5):
            if r.status_code in (302, 303):
                r = self._req("GET", rebase(urllib.parse.urljoin(r.url, r.headers["Location"]), base))
                continue
            break
        if r.status_code != 200:
            raise FlowError(f"login page: {describe(r)}")
        forms = [f for f in forms_of(r.text) if f["method"] == "post"]
        if not forms or "password" not in {i["name"] for i in forms[0]["inputs"]}:
            raise FlowError(f"no login form: {describe(r)}")
        self.form_url = urllib.parse.urljoin(r.url, forms[0]["action"] or r.url)
        self.fields = hidden(forms[0])
        return self

    def submit(self, base, email, password):
        """POSTs the login form at `base`; returns the answer (303 on success)."""
        data = dict(self.fields, username=email, password=password)
        return self._req("POST", rebase(self.form_url, base), data=data)

    def finish(self, r, base):
        """Follows the answer of a successful login to the redirect_uri; returns the code."""
        for _ in range(8):
            if r.status_code not in (302, 303):
                raise FlowError(f"after login: {describe(r)}")
            loc = urllib.parse.urljoin(r.url, r.headers["Location"])
            if loc.startswith(REDIRECT_URI):
                params = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(loc).query))
                if params.get("state") != self.state or "code" not in params:
                    raise FlowError(f"bad authorization response: {loc}")
                return params["code"]
            r = self._req("GET", rebase(loc, base))
        raise FlowError("too many redirects")

    def token(self, base, code):
        r = self._req("POST", f"{base}/token", data={
            "grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI,
            "code_verifier": self.verifier},
            headers={"Authorization": basic(self.client), "Accept": "application/json"})
        if r.status_code != 200 or "access_token" not in r.text:
            raise FlowError(f"token: {describe(r)}")
        return r.json()


def sign_in(br, client, email, password=PASSWORD, start=None, post=None, finish=None, token=None):
    """A whole sign-in: start at `start`, POST the password at `post`, follow to the code at
    `finish`, redeem it at `token` (each defaults to the previous). Returns (tokens, flow)."""
    post = post or start
    finish = finish or post
    token = token or finish
    f = LoginFlow(br, client).open_form(start)
    r = f.submit(post, email, password)
    if r.status_code != 303:
        raise FlowError(f"login refused: {describe(r)}")
    code = f.finish(r, finish)
    return f.token(token, code), f


def client_credentials(base, client, timeout=15, **kw):
    return requests.post(f"{base}/token", data={"grant_type": "client_credentials"},
                         headers={"Authorization": basic(client), "Accept": "application/json"},
                         timeout=timeout, **kw)


def session_cookie(br):
    for c in br.cookies:
        if c.name.endswith("portcullis_session"):
            return c.name, c.value
    return None


# --- helpers for outage checks --------------------------------------------------------------

def timed(fn):
    """(result or exception, seconds)."""
    t0 = time.monotonic()
    try:
        out = fn()
    except Exception as e:  # noqa: BLE001 — a timeout or reset is a result here
        out = e
    return out, time.monotonic() - t0


def outcome(res):
    if isinstance(res, Exception):
        return f"{type(res).__name__}: {str(res)[:120]}"
    ra = res.headers.get("Retry-After")
    out = f"{res.status_code}" + (f" Retry-After: {ra}" if ra is not None else " (no Retry-After)")
    if res.status_code >= 400 and "json" in res.headers.get("Content-Type", ""):
        out += f" {res.text[:100]}"
    if "Location" in res.headers:
        loc = res.headers["Location"]
        out += f" Location: {loc[:120]}" + ("…" if len(loc) > 120 else "")
    return out


def http_status(url, timeout):
    try:
        return requests.get(url, timeout=timeout).status_code
    except requests.RequestException:
        return None


def is_503_with_retry_after(res):
    return not isinstance(res, Exception) and res.status_code == 503 and res.headers.get("Retry-After") is not None


def in_parallel(calls):
    """{name: fn} → {name: (result, seconds)}, all started at once."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=len(calls)) as ex:
        futures = {name: ex.submit(timed, fn) for name, fn in calls.items()}
        return {name: f.result() for name, f in futures.items()}


# --- scenario 1: slow clients ---------------------------------------------------------------

def raw_get(port, path="/health/live", timeout=5):
    """One request on a fresh connection: (status, seconds)."""
    t0 = time.monotonic()
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        c.request("GET", path, headers={"Connection": "close"})
        r = c.getresponse()
        r.read()
        return r.status, time.monotonic() - t0
    finally:
        c.close()


def closed_by_server(socks, wait):
    """How many of `socks` the server has closed: EOF or a reset seen within `wait` seconds
    (an answer such as a 408 followed by the close counts as closed)."""
    sel = selectors.DefaultSelector()
    for s in socks:
        s.setblocking(False)
        sel.register(s, selectors.EVENT_READ)
    closed = set()
    deadline = time.monotonic() + wait
    while len(closed) < len(socks):
        left = deadline - time.monotonic()
        if left <= 0:
            break
        for key, _ in sel.select(timeout=left):
            s = key.fileobj
            try:
                data = s.recv(65536)
            except BlockingIOError:
                continue
            except OSError:  # reset
                data = b""
            if not data:
                closed.add(s)
                sel.unregister(s)
    sel.close()
    return len(closed)


def scenario_slow_clients(r, tmp):
    sc = "slow_clients"
    # Long enough that opening 500 connections on a busy CI machine (2 s seen) and probing
    # finish before the first of them times out.
    header_timeout = 6
    node = Node(tmp, "slow", {"PORTCULLIS_HEADER_READ_TIMEOUT": str(header_timeout),
                              "PORTCULLIS_BODY_READ_TIMEOUT": "2"}).start()
    logs = [node.log]
    socks = []
    try:
        for _ in range(3):
            raw_get(node.port)
        time.sleep(0.3)
        fds_before = node.fds()

        # 500 half-sent request heads, held open.
        t_open = time.monotonic()
        for _ in range(500):
            s = socket.create_connection(("127.0.0.1", node.port), timeout=5)
            s.sendall(b"GET /health/live HTTP/1.1\r\nHost: x\r\n")
            socks.append(s)
        opened = time.monotonic() - t_open
        # While they are held: 20 requests on fresh connections.
        probes = [raw_get(node.port, timeout=5) for _ in range(20)]
        probes_done = time.monotonic() - t_open
        fds_held = node.fds()
        note(sc, f"opened 500 half-sent requests in {opened * 1000:.0f} ms; descriptors {fds_before} before, "
                 f"{fds_held} while held; 20 probes done {probes_done * 1000:.0f} ms after the first connection")
        r.check(sc, "the 500 half-sent requests were held while probing (open descriptors >= before + 490)",
                fds_held >= fds_before + 490 and probes_done < header_timeout,
                f"{fds_held} descriptors (before: {fds_before}), probes finished at {probes_done:.2f} s "
                f"< header timeout {header_timeout} s")
        statuses = [s for s, _ in probes]
        times = sorted(t for _, t in probes)
        r.check(sc, "20 requests while 500 half-sent requests are held: each 200 within 100 ms",
                all(s == 200 for s in statuses) and times[-1] < 0.1,
                f"statuses {sorted(set(statuses))}, max {times[-1] * 1000:.1f} ms, "
                f"median {times[len(times) // 2] * 1000:.1f} ms")

        # The header timeout + 2 s after the last one opened, every one of them is closed, and the
        # server's descriptors are back.
        time.sleep(max(0.0, t_open + opened + header_timeout + 2 - time.monotonic()))
        n_closed = closed_by_server(socks, 1.0)
        r.check(sc, f"all 500 closed by the server {header_timeout} + 2 s after the last one opened",
                n_closed == 500, f"{n_closed}/500 closed (EOF or reset)")
        wait_for(lambda: node.fds() <= fds_before + 3, 2)
        fds_after = node.fds()
        r.check(sc, "server descriptors back within 3 of the count before the attack",
                fds_after <= fds_before + 3, f"{fds_after} now, {fds_before} before")
        for s in socks:
            s.close()
        socks = []

        # A body that never completes.
        s = socket.create_connection(("127.0.0.1", node.port), timeout=10)
        socks.append(s)
        s.sendall(b"POST /token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                  b"Content-Length: 100\r\n\r\ngrant_type")
        t0 = time.monotonic()
        try:
            first = s.recv(4096)
            what = first.split(b"\r\n", 1)[0].decode("latin-1") if first else "closed (EOF)"
        except socket.timeout:
            what = "nothing within 10 s"
        except OSError as e:
            what = f"closed ({e.__class__.__name__})"
        took = time.monotonic() - t0
        r.check(sc, "a body that stops after 10 of 100 bytes (body timeout 2 s): answered or closed within 4 s",
                took <= 4.0 and what != "nothing within 10 s", f"{what!r} after {took:.2f} s")
        s.close()
        socks = []
        r.check(sc, "the node is still alive", node.alive(), f"pid {node.pid}")
    finally:
        for s in socks:
            s.close()
        stop(node.proc)

    # The connection cap.
    capped = Node(tmp, "capped", {"PORTCULLIS_MAX_CONNECTIONS": "50"}).start()
    logs.append(capped.log)
    idle = []
    try:
        for _ in range(50):
            idle.append(socket.create_connection(("127.0.0.1", capped.port), timeout=5))
        time.sleep(0.3)
        extra = socket.create_connection(("127.0.0.1", capped.port), timeout=5)
        try:
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = extra.recv(4096)
                if not chunk:
                    break
                data += chunk
        except OSError as e:
            data = data or f"<{e.__class__.__name__}>".encode()
        finally:
            extra.close()
        head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1")
        r.check(sc, "51st connection with 50 idle ones open (max 50): 'HTTP/1.1 503' with Retry-After",
                head.startswith("HTTP/1.1 503") and "retry-after:" in head.lower(),
                repr(head[:160]) if head else "no bytes")
        for s in idle:
            s.close()
        idle = []
        t0 = time.monotonic()
        status, _ = wait_for(lambda: _status_or_none(capped.port) == 200, 5, 0.05)
        r.check(sc, "after the 50 close, the node answers again", bool(status),
                f"200 after {time.monotonic() - t0:.2f} s" if status else "no 200 within 5 s")
    finally:
        for s in idle:
            s.close()
        stop(capped.proc)
    return logs


def _status_or_none(port):
    try:
        return raw_get(port, timeout=2)[0]
    except OSError:
        return None


# --- scenario 2: load balancer --------------------------------------------------------------

class Nginx:
    def __init__(self, tmp, listen_port, nodes):
        self.prefix = os.path.join(tmp, "nginx")
        for d in ("logs", "temp"):
            os.makedirs(os.path.join(self.prefix, d), exist_ok=True)
        self.port = listen_port
        with open(os.path.join(HERE, "nginx.conf.template")) as f:
            conf = f.read()
        subs = {
            "@USER_DIRECTIVE@": "user root;" if os.geteuid() == 0 else "",
            "@PREFIX@": self.prefix,
            "@LISTEN@": f"127.0.0.1:{listen_port}",
            "@NODE_A@": f"127.0.0.1:{nodes[0].port}",
            "@NODE_B@": f"127.0.0.1:{nodes[1].port}",
            "@PROXY_BIND@": PROXY_IP,
        }
        for k, v in subs.items():
            conf = conf.replace(k, v)
        left = re.findall(r"@[A-Z_]+@", conf)
        if left:
            raise RuntimeError(f"nginx.conf.template: unknown placeholders {left}")
        self.conf = os.path.join(self.prefix, "nginx.conf")
        with open(self.conf, "w") as f:
            f.write(conf)
        self.log = os.path.join(self.prefix, "logs", "error.log")
        self.access_log = os.path.join(self.prefix, "logs", "access.log")
        self.url = f"http://127.0.0.1:{listen_port}"
        self.proc = None

    def start(self):
        test = run([NGINX, "-t", "-q", "-c", self.conf, "-p", self.prefix, "-e", self.log])
        if test.returncode != 0:
            raise RuntimeError(f"nginx -t failed:\n{test.stderr}")
        self.proc = spawn("nginx", [NGINX, "-c", self.conf, "-p", self.prefix, "-e", self.log,
                                    "-g", "daemon off;"], log_path=os.path.join(self.prefix, "logs", "stdout.log"))

        def up():
            try:
                return requests.get(self.url + "/health/live", timeout=2).status_code == 200
            except requests.RequestException:
                return False

        ok, _ = wait_for(up, 10)
        if not ok:
            raise RuntimeError("nginx did not come up")
        return self


def upstream_name(value, nodes):
    for n in nodes:
        if value and value.split(",")[-1].strip().endswith(f":{n.port}"):
            return n.name
    return value


def audit_of(node, email, action):
    return [e for e in node.audit("--user", email) if e["action"] == action]


def scenario_load_balancer(r, tmp):
    sc = "load_balancer"
    db = Database("lb")
    redis = Redis(tmp, "lb-redis").start()
    nginx = None
    logs = [redis.log]
    try:
        nginx_port = free_port()
        shared = {
            "PORTCULLIS_DATABASE_URL": db.url,
            "PORTCULLIS_REDIS_URL": redis.url,
            "PORTCULLIS_REDIS_KEY_PREFIX": f"edge-{secrets.token_hex(3)}:",
            "PORTCULLIS_MASTER_KEY": master_key(),
            "PORTCULLIS_TRUSTED_PROXIES": f"{PROXY_IP}/32",
            "PORTCULLIS_LOCKOUT_THRESHOLD": "3",
            "PORTCULLIS_RATE_LIMITS__LOGIN_IP": "8/1m",
            "PORTCULLIS_RATE_LIMITS__SIGNUP_IP": "off",
        }
        issuer = f"http://127.0.0.1:{nginx_port}"
        a = Node(tmp, "node-a", shared, issuer=issuer)
        b = Node(tmp, "node-b", shared, issuer=issuer)
        logs += [a.log, b.log]
        a.start()  # migrates and makes the first signing key; then the second node
        b.start()
        nodes = (a, b)
        nginx = Nginx(tmp, nginx_port, nodes).start()
        logs += [nginx.log, nginx.access_log]
        note(sc, f"database {db.name}, redis :{redis.port}, node-a :{a.port}, node-b :{b.port}, "
                 f"nginx {nginx.url} (proxy_bind {PROXY_IP}), browsers from {CLIENT_IP}")
        client = a.code_client()
        users = {k: a.user(f"{k}@lb.edge.test") for k in ("flows", "spoof", "direct", "locked")}

        # (a) sign-ins through nginx: the steps land on both nodes.
        per_flow = []
        ok_flows = 0
        errors = []
        flows_nodes = set()
        mixed = 0
        # 4 + the direct one + the X-Forwarded-For one below: 6 sign-ins from CLIENT_IP, under
        # its login_ip budget of 8 a minute.
        for _ in range(4):
            br = browser(CLIENT_IP)
            try:
                _, f = sign_in(br, client, users["flows"], start=nginx.url)
                ok_flows += 1
                seen = [upstream_name(u, nodes) for _, _, u in f.upstreams]
                per_flow.append(seen)
                flows_nodes.update(seen)
                mixed += len(set(seen)) > 1
            except FlowError as e:
                errors.append(str(e))
        r.check(sc, "4 code+PKCE sign-ins through nginx succeed", ok_flows == 4,
                f"{ok_flows}/4" + (f"; first error: {errors[0]}" if errors else ""))
        r.check(sc, "round-robin: the steps of one sign-in land on both nodes",
                mixed >= 1 and flows_nodes == {"node-a", "node-b"},
                "; ".join("flow: " + " ".join(s) for s in per_flow))
        try:
            br = browser(CLIENT_IP)
            tokens, f = sign_in(br, client, users["flows"], start=a.url, post=b.url, finish=b.url, token=a.url)
            ok = "access_token" in tokens
            detail = "authorize + login page at node-a, password + redirects at node-b, code redeemed at node-a"
        except FlowError as e:
            ok, detail = False, str(e)
        r.check(sc, "a sign-in started at node-a directly and finished at node-b directly", ok, detail)

        # (b) the client address: through nginx it is the browser's, whatever it claims.
        entries = audit_of(a, users["flows"], "login.password")
        ips = sorted({e.get("ip") for e in entries})
        r.check(sc, f"audit: the 5 sign-ins of {users['flows']} are recorded from {CLIENT_IP}",
                len(entries) == 5 and ips == [CLIENT_IP], f"{len(entries)} login.password entries, ips {ips}")
        try:
            sign_in(browser(CLIENT_IP, {"X-Forwarded-For": "6.6.6.6"}), client, users["spoof"], start=nginx.url)
            entries = audit_of(a, users["spoof"], "login.password")
            ips = sorted({e.get("ip") for e in entries})
            ok = len(entries) == 1 and ips == [CLIENT_IP]
            detail = f"{len(entries)} entries, ips {ips}"
        except FlowError as e:
            ok, detail = False, str(e)
        r.check(sc, f"audit: a browser sending its own 'X-Forwarded-For: 6.6.6.6' through nginx is recorded as "
                    f"{CLIENT_IP}", ok, detail)
        try:
            sign_in(browser("127.0.0.4", {"X-Forwarded-For": "6.6.6.6"}), client, users["direct"], start=a.url)
            entries = audit_of(a, users["direct"], "login.password")
            ips = sorted({e.get("ip") for e in entries})
            ok = len(entries) == 1 and ips == ["127.0.0.4"]
            detail = f"{len(entries)} entries, ips {ips}"
        except FlowError as e:
            ok, detail = False, str(e)
        r.check(sc, "audit: 'X-Forwarded-For: 6.6.6.6' sent straight to a node (from 127.0.0.4, not a trusted "
                    "proxy) is recorded as 127.0.0.4", ok, detail)

        # (c) lockout and rate limits are shared by the nodes.
        lb_lockout(r, sc, nginx, nodes, client, users["locked"])
        lb_rate_limit(r, sc, nginx, nodes, client, a)

        # (d) one node killed during a load of sign-ups.
        lb_kill_during_signups(r, sc, nginx, nodes, db)
    finally:
        if nginx:
            stop(nginx.proc)
        for p, name, _ in list(PROCS):
            if name in ("node-a", "node-b"):
                stop(p)
        stop(redis.proc)
        db.close()
    return logs


def shift_to(br, nginx, want, nodes, last_upstream):
    """Round-robin sends the next request to the node after `last_upstream`: when that is not
    `want`, one cheap request moves it on. Returns the last upstream seen."""
    if upstream_name(last_upstream, nodes) == want:
        r = br.get(nginx.url + "/health/live", timeout=5)
        return r.headers.get("X-Upstream")
    return last_upstream


def lb_lockout(r, sc, nginx, nodes, client, email):
    a, b = nodes
    posted_to = []
    statuses = []
    for i in range(3):
        br = browser("127.0.0.5")
        f = LoginFlow(br, client).open_form(nginx.url)
        want = ("node-a", "node-b")[i % 2]
        # The next request goes to the other node than the last one: make that `want`.
        shift_to(br, nginx, want, nodes, f.last.headers.get("X-Upstream"))
        res = f.submit(nginx.url, email, "Wrong-Passw0rd-" + str(i))
        posted_to.append(upstream_name(res.headers.get("X-Upstream"), nodes))
        statuses.append(res.status_code)
    note(sc, f"3 wrong passwords for {email} through nginx: statuses {statuses}, answered by {posted_to}")
    r.check(sc, "the 3 wrong passwords were answered by both nodes",
            set(posted_to) == {"node-a", "node-b"} and all(s != 303 for s in statuses),
            f"answered by {posted_to}, statuses {statuses}")
    results = {}
    for node in nodes:
        f = LoginFlow(browser("127.0.0.5"), client).open_form(node.url)
        res = f.submit(node.url, email, PASSWORD)
        results[node.name] = res.status_code
    r.check(sc, "after 3 wrong passwords (threshold 3) the right password fails on node-a and on node-b",
            all(s != 303 for s in results.values()),
            ", ".join(f"{k}: {v}{' (signed in)' if v == 303 else ''}" for k, v in results.items()))


def lb_rate_limit(r, sc, nginx, nodes, client, a):
    source = "127.0.0.6"
    rows = []
    t_start = int(time.time())
    for i in range(10):
        br = browser(source)
        try:
            f = LoginFlow(br, client).open_form(nginx.url)
        except FlowError as e:
            rows.append((i + 1, f"form: {e}", None))
            continue
        if i == 9:
            # The 10th goes to the other node than the 9th.
            shift_to(br, nginx, "node-b" if rows[-1][2] == "node-a" else "node-a", nodes,
                     f.last.headers.get("X-Upstream"))
        res = f.submit(nginx.url, f"nobody-{i}-{secrets.token_hex(3)}@lb.edge.test", "Wrong-Passw0rd")
        rows.append((i + 1, res.status_code, upstream_name(res.headers.get("X-Upstream"), nodes)))
    note(sc, "login attempts from 127.0.0.6 through nginx (login_ip 8/1m): " +
         ", ".join(f"#{n}={s}@{u}" for n, s, u in rows))
    first8 = [s for _, s, _ in rows[:8]]
    r.check(sc, "attempts 1-8 are not refused by the rate limit", all(s != 429 for s in first8), f"{first8}")
    r.check(sc, "the 9th and 10th attempts get 429 whichever node answers",
            len(rows) == 10 and rows[8][1] == 429 and rows[9][1] == 429 and {rows[8][2], rows[9][2]} == set(
                n.name for n in nodes),
            f"#9 {rows[8][1]} from {rows[8][2]}, #10 {rows[9][1]} from {rows[9][2]}" if len(rows) == 10 else str(rows))
    refused = [e for e in a.audit("--since", str(t_start - 1)) if e["action"] == "rate_limit.refused"]
    ips = sorted({e.get("ip") for e in refused})
    r.check(sc, "audit: the refusals are recorded as rate_limit.refused from 127.0.0.6",
            len(refused) >= 2 and ips == [source], f"{len(refused)} entries, ips {ips}")


def lb_kill_during_signups(r, sc, nginx, nodes, db):
    a, b = nodes
    duration, kill_at, workers = 6.0, 2.0, 8
    results = []  # (email, started, ended, status or error, upstream, success)
    lock = threading.Lock()
    t0 = time.monotonic()
    run_id = secrets.token_hex(3)

    def worker(w):
        n = 0
        while time.monotonic() - t0 < duration:
            n += 1
            email = f"load-{run_id}-{w}-{n}@lb.edge.test"
            br = browser(CLIENT_IP)
            started = time.monotonic() - t0
            status, upstream, success = None, None, False
            try:
                res = br.get(nginx.url + "/register", allow_redirects=True, timeout=15)
                forms = [f for f in forms_of(res.text) if f["method"] == "post"] if res.status_code == 200 else []
                if not forms:
                    status = f"form {res.status_code}"
                else:
                    data = dict(hidden(forms[0]), email=email, password="Correct-Horse-Battery-Edge-91!",
                                password_confirm="Correct-Horse-Battery-Edge-91!", name="", phone="")
                    res = br.post(urllib.parse.urljoin(res.url, forms[0]["action"]), data=data,
                                  allow_redirects=False, timeout=15)
                    status = res.status_code
                    upstream = upstream_name(res.headers.get("X-Upstream"), nodes)
                    success = res.status_code == 200 and any(
                        f["action"].endswith("/register/verify") for f in forms_of(res.text))
            except requests.RequestException as e:
                status = type(e).__name__
            with lock:
                results.append((email, started, time.monotonic() - t0, status, upstream, success))

    threads = [threading.Thread(target=worker, args=(w,), daemon=True) for w in range(workers)]
    for t in threads:
        t.start()
    time.sleep(max(0.0, kill_at - (time.monotonic() - t0)))
    killed_at = time.monotonic() - t0
    kill9(a.proc)
    for t in threads:
        t.join(30)
    ok = [x for x in results if x[5]]
    bad = [x for x in results if not x[5]]
    after = [x for x in results if x[1] >= killed_at + 1.0]
    note(sc, f"sign-up load: {workers} workers for {duration:.0f} s, node-a killed (SIGKILL) at {killed_at:.2f} s; "
             f"{len(results)} sign-ups, {len(ok)} answered success, {len(bad)} not "
             f"({sorted({str(x[3]) for x in bad})}); successes answered by node-a "
             f"{sum(1 for x in ok if x[4] == 'node-a')}, node-b {sum(1 for x in ok if x[4] == 'node-b')}")
    rows = db.query("SELECT u.email, (SELECT count(*) FROM audit_log l WHERE l.subject_id = u.id AND "
                    "l.action = 'account.registered' AND l.outcome = 'success') FROM users u "
                    f"WHERE u.email LIKE 'load-{run_id}-%'")
    in_db = {email: int(n) for email, n in rows}
    missing_user = [x[0] for x in ok if x[0] not in in_db]
    missing_audit = [x[0] for x in ok if in_db.get(x[0], 0) < 1]
    r.check(sc, "every sign-up answered with success is in PostgreSQL with its account.registered entry",
            len(ok) > 0 and not missing_user and not missing_audit,
            f"{len(ok)} successes; {len(in_db)} load users in the database; missing users {missing_user[:5]}, "
            f"missing audit {missing_audit[:5]}")
    r.check(sc, "the load goes on with the surviving node: every sign-up started 1 s after the kill succeeded",
            len(after) > 0 and all(x[5] for x in after) and b.alive(),
            f"{sum(1 for x in after if x[5])}/{len(after)} succeeded"
            + (f"; failures {[(round(x[1], 2), x[3]) for x in after if not x[5]][:5]}" if not all(
                x[5] for x in after) else ""))


# --- scenario 3: Redis outage ---------------------------------------------------------------

def outage_requests(node, client, cc, cookie, bearer=None):
    """The requests each outage checks: name → callable returning a response."""
    br_cookie = {cookie[0]: cookie[1]} if cookie else {}
    authorize_q = urllib.parse.urlencode({
        "response_type": "code", "client_id": client["client_id"], "redirect_uri": REDIRECT_URI,
        "scope": "openid", "state": "s", "code_challenge": b64url(hashlib.sha256(b"v" * 43).digest()),
        "code_challenge_method": "S256"})
    calls = {
        "GET /login": lambda: requests.get(node.url + "/login", allow_redirects=False, timeout=20),
        "POST /token (client_credentials)": lambda: client_credentials(node.url, cc, timeout=20),
        "GET /authorize": lambda: requests.get(f"{node.url}/authorize?{authorize_q}", allow_redirects=False,
                                               timeout=20),
        "GET /account (signed in)": lambda: requests.get(node.url + "/account", cookies=br_cookie,
                                                         allow_redirects=False, timeout=20),
        "GET /health/ready": lambda: requests.get(node.url + "/health/ready", timeout=20),
    }
    if bearer:
        calls["GET /userinfo"] = lambda: requests.get(node.url + "/userinfo", timeout=20,
                                                      headers={"Authorization": f"Bearer {bearer}"})
    return calls


def baseline(r, sc, label, calls, expect):
    res = in_parallel(calls)
    bad = {k: outcome(v) for k, (v, _) in res.items()
           if isinstance(v, Exception) or v.status_code not in expect.get(k, (200,))}
    r.check(sc, label, not bad, "all as expected: " + ", ".join(f"{k} {outcome(v)}" for k, (v, _) in res.items())
            if not bad else f"unexpected: {bad}")
    return not bad


def redis_outage_answer(name, v):
    """What a request must get while Redis is unavailable, and that expectation in words.

    Most answers are a 503 with Retry-After. Two are not, by design (docs/decisions.md):
    /authorize has validated the client and its redirect URI, so RFC 6749 §4.1.2.1 has it send
    the browser back to the client with `error=temporarily_unavailable`; and the account pages
    read only the database, so they keep working.
    """
    if isinstance(v, Exception):
        return False, "an answer"
    if name.startswith("GET /authorize"):
        location = v.headers.get("Location", "")
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(location).query)
        ok = (v.status_code in (302, 303) and location.startswith(REDIRECT_URI)
              and query.get("error") == ["temporarily_unavailable"] and "iss" in query)
        return ok, "a redirect to the client with error=temporarily_unavailable (RFC 6749 §4.1.2.1)"
    if name.startswith("GET /account"):
        return v.status_code == 200, "200: the account pages need only the database"
    return is_503_with_retry_after(v), "503 with Retry-After"


def scenario_redis_outage(r, tmp):
    sc = "redis_outage"
    redis = Redis(tmp, "outage-redis").start()
    node = Node(tmp, "redis-node", {"PORTCULLIS_REDIS_URL": redis.url}).start()
    logs = [node.log, redis.log]
    sleeper = None
    try:
        client, cc = node.code_client(), node.cc_client()
        email = node.user("redis@edge.test")
        br = browser()
        tokens, _ = sign_in(br, client, email, start=node.url)
        cookie = session_cookie(br)
        calls = outage_requests(node, client, cc, cookie)
        expect = {"GET /login": (200, 303), "GET /authorize": (302, 303)}
        baseline(r, sc, "before the outage: the requests answer normally", calls, expect)

        # Requests in flight while Redis hangs.
        pending = LoginFlow(browser(), client).open_form(node.url)
        sleeper = spawn("redis-debug-sleep", ["redis-cli", "-h", "127.0.0.1", "-p", str(redis.port),
                                              "DEBUG", "SLEEP", "8"])
        t_hang = time.monotonic()
        time.sleep(0.3)
        in_flight = {
            "POST /login (in flight)": lambda: pending.submit(node.url, email, PASSWORD),
            "POST /token (in flight)": calls["POST /token (client_credentials)"],
            "GET /authorize (in flight)": calls["GET /authorize"],
        }
        with concurrent.futures.ThreadPoolExecutor(max_workers=len(in_flight)) as ex:
            futures = {k: ex.submit(timed, fn) for k, fn in in_flight.items()}
            # Redis dies 7 s into its 8 s sleep at the latest: a request still waiting then has
            # hung too long, and must not be rescued by Redis waking up.
            concurrent.futures.wait(futures.values(), timeout=max(0.0, 7 - (time.monotonic() - t_hang)))
            kill9(redis.proc)
            killed_after = time.monotonic() - t_hang
            res = {k: f.result() for k, f in futures.items()}
        note(sc, f"redis DEBUG SLEEP 8 at t=0; redis-server killed (SIGKILL) at t={killed_after:.2f} s")
        for k, (v, took) in res.items():
            ok, expected = redis_outage_answer(k, v)
            r.check(sc, f"{k} while Redis hangs: {expected} within 6 s",
                    ok and took <= 6.0, f"{outcome(v)} after {took:.2f} s")
        stop(sleeper)

        # Redis gone.
        res = in_parallel(calls)
        for k, (v, took) in res.items():
            ok, expected = redis_outage_answer(k, v)
            r.check(sc, f"{k} with Redis down: {expected} within 6 s",
                    ok and took <= 6.0, f"{outcome(v)} after {took:.2f} s")
        r.check(sc, "the node is still running", node.alive(), f"pid {node.pid}")

        # Redis back on the same port: the node recovers by itself.
        t0 = time.monotonic()
        Redis(tmp, "outage-redis-2", port=redis.port).start()
        logs.append(os.path.join(tmp, "outage-redis-2.log"))
        ready, _ = wait_for(lambda: http_status(node.url + "/health/ready", 5) == 200, 15, 0.2)
        r.check(sc, "Redis restarted on the same port: /health/ready 200 again without restarting the node",
                bool(ready), f"after {time.monotonic() - t0:.2f} s" if ready else "not within 15 s")
        baseline(r, sc, "after Redis is back: the requests answer normally again", calls, expect)
        try:
            sign_in(browser(), client, email, start=node.url)
            r.check(sc, "after Redis is back: a whole sign-in works", True, "code exchanged for tokens")
        except FlowError as e:
            r.check(sc, "after Redis is back: a whole sign-in works", False, str(e))
    finally:
        if sleeper:
            stop(sleeper)
        stop(node.proc)
        for p, name, _ in list(PROCS):
            if name.startswith("outage-redis"):
                stop(p)
    return logs


# --- scenario 4: database outage ------------------------------------------------------------

def scenario_db_outage(r, tmp):
    sc = "db_outage"
    db = Database("outage")
    node = None
    logs = []
    try:
        node = Node(tmp, "pg-node", {"PORTCULLIS_DATABASE_URL": db.url})
        logs.append(node.log)
        node.start()
        client, cc = node.code_client(), node.cc_client()
        email = node.user("db@edge.test")
        br = browser()
        tokens, _ = sign_in(br, client, email, start=node.url)
        cookie = session_cookie(br)
        calls = outage_requests(node, client, cc, cookie, bearer=tokens["access_token"])
        del calls["GET /authorize"], calls["GET /login"]
        expect = {}
        baseline(r, sc, "before the outage: the requests answer normally", calls, expect)
        pending = LoginFlow(browser(), client).open_form(node.url)

        psql(f"ALTER DATABASE {db.name} WITH ALLOW_CONNECTIONS false")
        killed = psql(f"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '{db.name}' "
                      "AND pid <> pg_backend_pid()").strip()
        note(sc, f"database {db.name}: ALLOW_CONNECTIONS false, {killed} backends terminated")
        calls["POST /login (right password)"] = lambda: pending.submit(node.url, email, PASSWORD)
        res = in_parallel(calls)
        for k, (v, took) in res.items():
            if k == "GET /health/ready":
                r.check(sc, f"{k} with the database refusing connections: 503",
                        not isinstance(v, Exception) and v.status_code == 503, f"{outcome(v)} after {took:.2f} s")
            else:
                r.check(sc, f"{k} with the database refusing connections: 503 with Retry-After (never 500), "
                            "no hang (15 s)",
                        is_503_with_retry_after(v) and took <= 15.0, f"{outcome(v)} after {took:.2f} s")
        r.check(sc, "the node is still running", node.alive(), f"pid {node.pid}")

        psql(f"ALTER DATABASE {db.name} WITH ALLOW_CONNECTIONS true")
        t0 = time.monotonic()
        ready, _ = wait_for(lambda: http_status(node.url + "/health/ready", 15) == 200, 20, 0.2)
        r.check(sc, "ALLOW_CONNECTIONS true: /health/ready 200 again without restarting the node",
                bool(ready), f"after {time.monotonic() - t0:.2f} s" if ready else "not within 20 s")
        del calls["POST /login (right password)"]
        baseline(r, sc, "after the database is back: the requests answer normally again", calls, expect)
        try:
            sign_in(browser(), client, email, start=node.url)
            r.check(sc, "after the database is back: a whole sign-in works", True, "code exchanged for tokens")
        except FlowError as e:
            r.check(sc, "after the database is back: a whole sign-in works", False, str(e))
    finally:
        if node:
            stop(node.proc)
        db.close()
    return logs


# --- scenario 5: TLS ------------------------------------------------------------------------

def openssl(*args, cwd=None):
    r = subprocess.run(["openssl", *args], capture_output=True, text=True, timeout=30, cwd=cwd)
    if r.returncode != 0:
        raise RuntimeError(f"openssl {' '.join(args)}: {r.stderr}")
    return r.stdout


def make_certs(d):
    """A CA and two server certificates (EC P-256) for localhost and 127.0.0.1."""
    os.makedirs(d, exist_ok=True)
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=edge test CA",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            cwd=d)
    with open(os.path.join(d, "server.ext"), "w") as f:
        f.write("subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n"
                "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n")
    for n in ("1", "2"):
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", f"server{n}.key", "-out", f"server{n}.csr", "-subj", f"/CN=localhost edge {n}", cwd=d)
        openssl("x509", "-req", "-in", f"server{n}.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", f"server{n}.pem", "-days", "2", "-extfile", "server.ext", cwd=d)
    return {n: (os.path.join(d, f"server{n}.pem"), os.path.join(d, f"server{n}.key")) for n in ("1", "2")}


def fingerprint_of_file(pem):
    return openssl("x509", "-in", pem, "-noout", "-fingerprint", "-sha256").strip().split("=", 1)[-1]


def served_fingerprint(port):
    """The certificate the server presents to a new connection, from `openssl s_client`."""
    try:
        s = subprocess.run(["openssl", "s_client", "-connect", f"127.0.0.1:{port}", "-servername", "localhost"],
                           input="", capture_output=True, text=True, timeout=10)
    except subprocess.TimeoutExpired:
        return None
    m = re.search(r"-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----", s.stdout, re.S)
    if not m:
        return None
    x = subprocess.run(["openssl", "x509", "-noout", "-fingerprint", "-sha256"], input=m.group(0),
                       capture_output=True, text=True, timeout=10)
    return x.stdout.strip().split("=", 1)[-1] or None


def install(src_cert, src_key, cert, key, mtime=None):
    """Replaces the node's cert and key files (each by a rename, key first). With `mtime`, the new
    files keep that modification time, so only a signal can make the server notice them."""
    for src, dst in ((src_key, key), (src_cert, cert)):
        tmp = dst + ".new"
        shutil.copyfile(src, tmp)
        os.chmod(tmp, 0o600)
        if mtime is not None:
            os.utime(tmp, ns=mtime[dst])
        os.replace(tmp, dst)


def curl(args, timeout=15):
    return subprocess.run(["curl", "-sS", *args], capture_output=True, text=True, timeout=timeout)


def scenario_tls(r, tmp):
    sc = "tls"
    d = os.path.join(tmp, "tls")
    certs = make_certs(d)
    fp1, fp2 = fingerprint_of_file(certs["1"][0]), fingerprint_of_file(certs["2"][0])
    ca = os.path.join(d, "ca.pem")
    cert, key = os.path.join(d, "cert.pem"), os.path.join(d, "key.pem")
    install(*certs["1"], cert, key)
    port = free_port()
    node = Node(tmp, "tls-node", {"PORTCULLIS_TLS_CERT_FILE": cert, "PORTCULLIS_TLS_KEY_FILE": key},
                port=port, issuer=f"https://localhost:{port}", scheme="https", ca=ca)
    logs = [node.log]
    resolve = ["--resolve", f"localhost:{port}:127.0.0.1", "--cacert", ca]
    url = f"https://localhost:{port}/health/live"
    try:
        node.start()  # probed at https://127.0.0.1:PORT, verified with the CA (the certificate names both)

        c = curl(["-v", "--tlsv1.3", "-D", "-", "-o", "/dev/null", *resolve, url])
        version = re.search(r"SSL connection using (\S+)", c.stderr)
        hsts = re.search(r"(?im)^strict-transport-security:\s*(.+?)\s*$", c.stdout)
        r.check(sc, "curl --tlsv1.3 with the CA: 200 over TLS 1.3",
                c.returncode == 0 and " 200" in c.stdout.split("\r\n", 1)[0]
                and version and version.group(1) == "TLSv1.3",
                f"exit {c.returncode}, {c.stdout.splitlines()[0] if c.stdout else c.stderr.strip()[-200:]}, "
                f"{version.group(1) if version else 'no TLS version'}")
        r.check(sc, "responses carry Strict-Transport-Security with a max-age",
                bool(hsts and "max-age=" in hsts.group(1)), hsts.group(1) if hsts else "no such header")
        c = curl(["-v", "--tlsv1.2", "--tls-max", "1.2", "-o", "/dev/null", "-w", "%{http_code}", *resolve, url])
        version = re.search(r"SSL connection using (\S+)", c.stderr)
        r.check(sc, "curl --tls-max 1.2: 200 over TLS 1.2",
                c.returncode == 0 and c.stdout == "200" and version and version.group(1) == "TLSv1.2",
                f"exit {c.returncode}, status {c.stdout}, {version.group(1) if version else c.stderr.strip()[-200:]}")
        # SECLEVEL=0 lets this OpenSSL offer TLS 1.1 at all: the refusal must be the server's.
        s = subprocess.run(["openssl", "s_client", "-connect", f"127.0.0.1:{port}", "-servername", "localhost",
                            "-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0"], input="", capture_output=True, text=True,
                           timeout=10)
        proto = re.search(r"Protocol\s*:\s*(\S+)", s.stdout)
        r.check(sc, "openssl s_client -tls1_1 fails", s.returncode != 0,
                f"exit {s.returncode}, " + (f"negotiated {proto.group(1)}" if proto and s.returncode == 0 else
                                          (s.stderr.strip().splitlines() or ['no message'])[-1][:160]))
        c = curl(["-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5", f"http://127.0.0.1:{port}/health/live"])
        r.check(sc, "plain http to the TLS port gets no HTTP answer",
                c.stdout in ("000", "") or not c.stdout.startswith(("2", "3")),
                f"curl exit {c.returncode}, status {c.stdout or '-'}"
                + (f", {c.stderr.strip()[:120]}" if c.stderr else ""))

        served = served_fingerprint(port)
        r.check(sc, "s_client sees the first certificate", served == fp1, f"{served} (expected {fp1})")

        # New files with the old modification times + SIGHUP: only the signal can reload them.
        mtimes = {p: (os.stat(p).st_atime_ns, os.stat(p).st_mtime_ns) for p in (cert, key)}
        install(*certs["2"], cert, key, mtime=mtimes)
        t0 = time.monotonic()
        os.kill(node.pid, signal.SIGHUP)
        seen, _ = wait_for(lambda: served_fingerprint(port) == fp2, 2.0, 0.1)
        took = time.monotonic() - t0
        r.check(sc, "second certificate + SIGHUP: new connections see it within 2 s", bool(seen),
                f"after {took:.2f} s" if seen else f"still {served_fingerprint(port)} after {took:.2f} s")

        # Replaced without a signal: the file watch (every 5 s) picks it up.
        install(*certs["1"], cert, key)
        t0 = time.monotonic()
        seen, _ = wait_for(lambda: served_fingerprint(port) == fp1, 8.5, 0.25)
        took = time.monotonic() - t0
        r.check(sc, "first certificate again, no signal: new connections see it within ~8 s", bool(seen),
                f"after {took:.2f} s" if seen else f"still {served_fingerprint(port)} after {took:.2f} s")

        # A broken key file (with the second certificate): the reload fails, the first one stays.
        install(certs["2"][0], certs["2"][0], cert, key)  # a certificate where the key should be
        with open(key + ".new", "w") as f:
            f.write("-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n")
        os.replace(key + ".new", key)
        os.kill(node.pid, signal.SIGHUP)
        time.sleep(2.0)
        at2 = served_fingerprint(port)
        time.sleep(4.0)  # past the next file check too
        at6 = served_fingerprint(port)
        c = curl(["-o", "/dev/null", "-w", "%{http_code}", *resolve, url])
        r.check(sc, "broken key file + SIGHUP: the first certificate keeps serving",
                at2 == fp1 and at6 == fp1 and c.stdout == "200" and node.alive(),
                f"2 s after: {at2 == fp1 and 'first' or at2}, 6 s after: {at6 == fp1 and 'first' or at6}, "
                f"curl {c.stdout or c.stderr.strip()[:100]}, node {'running' if node.alive() else 'exited'}")
    finally:
        stop(node.proc)
    return logs


# --- scenario 6: metrics --------------------------------------------------------------------

def scenario_metrics(r, tmp):
    sc = "metrics"
    mport = free_port()
    node = Node(tmp, "metrics-node", {"PORTCULLIS_MANAGEMENT_LISTEN": f"127.0.0.1:{mport}"}).start()
    logs = [node.log]
    try:
        client, cc = node.code_client(), node.cc_client()
        email = node.user("metrics@edge.test")
        t = client_credentials(node.url, cc)
        f = LoginFlow(browser(), client).open_form(node.url)
        failed = f.submit(node.url, email, "Wrong-Passw0rd-1")
        note(sc, f"token request {t.status_code}, wrong password {failed.status_code}")
        m = requests.get(f"http://127.0.0.1:{mport}/metrics", timeout=10)
        text = m.text
        r.check(sc, "management /metrics answers 200", m.status_code == 200, f"{m.status_code}, {len(text)} bytes")

        def has(pattern):
            found = re.search(pattern, text, re.M)
            return bool(found), (found.group(0)[:160] if found else f"no line matching {pattern}")

        for name, pattern in [
            ('portcullis_http_requests_total with route="/token"',
             r'^portcullis_http_requests_total\{[^}]*route="/token"[^}]*\} \d+'),
            ("portcullis_tokens_issued_total >= 1", r"^portcullis_tokens_issued_total(\{[^}]*\})? [1-9]\d*"),
            ('portcullis_logins_total{outcome="failure",…} >= 1',
             r'^portcullis_logins_total\{[^}]*outcome="failure"[^}]*\} [1-9]\d*'),
            ("portcullis_db_up 1", r"^portcullis_db_up(\{\})? 1(\.0)?$"),
            ("portcullis_signing_key_age_seconds", r"^portcullis_signing_key_age_seconds(\{[^}]*\})? \S+"),
        ]:
            ok, detail = has(pattern)
            r.check(sc, f"/metrics has {name}", ok, detail)
        main = requests.get(node.url + "/metrics", timeout=10)
        r.check(sc, "the main listener answers 404 for /metrics", main.status_code == 404, f"{main.status_code}")
    finally:
        stop(node.proc)
    return logs


# --- scenario 7: traces to an OTLP collector ------------------------------------------------

class Collector:
    """An OTLP/HTTP collector stand-in: keeps every JSON body POSTed to /v1/traces."""

    def __init__(self):
        bodies = self.bodies = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                ok = self.path == "/v1/traces" and self.headers.get("Content-Type", "").startswith("application/json")
                if ok:
                    bodies.append(json.loads(body))
                self.send_response(200 if ok else 415)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def spans(self):
        return [span for body in list(self.bodies) for rs in body.get("resourceSpans", [])
                for ss in rs.get("scopeSpans", []) for span in ss.get("spans", [])]

    def close(self):
        self.server.shutdown()


def scenario_traces(r, tmp):
    sc = "traces"
    collector = Collector()
    node = Node(tmp, "traces-node", {"PORTCULLIS_OTLP_ENDPOINT": collector.url}).start()
    logs = [node.log]
    try:
        request_id = "edge-trace-" + secrets.token_hex(4)
        trace_id, parent = secrets.token_hex(16), secrets.token_hex(8)
        res = requests.get(node.url + "/.well-known/openid-configuration", timeout=10, headers={
            "x-request-id": request_id, "traceparent": f"00-{trace_id}-{parent}-01"})
        note(sc, f"discovery {res.status_code} with x-request-id {request_id}")

        def span_of_request():
            for span in collector.spans():
                attrs = {a["key"]: a["value"] for a in span.get("attributes", [])}
                if attrs.get("request_id", {}).get("stringValue") == request_id:
                    return span, attrs
            return None

        found, waited = wait_for(span_of_request, 10, 0.2)
        r.check(sc, "the request's span reaches the collector", bool(found),
                f"after {waited:.2f} s" if found else f"{len(collector.spans())} other spans in 10 s")
        if found:
            span, attrs = found
            r.check(sc, "it joins the caller's trace (W3C traceparent)",
                    span.get("traceId") == trace_id and span.get("parentSpanId") == parent,
                    f"traceId {span.get('traceId')}, parentSpanId {span.get('parentSpanId')}")
            r.check(sc, "it carries the method, the path and the status",
                    attrs.get("method", {}).get("stringValue") == "GET"
                    and attrs.get("path", {}).get("stringValue") == "/.well-known/openid-configuration"
                    and attrs.get("status", {}).get("intValue") == "200",
                    json.dumps(attrs)[:300])
    finally:
        stop(node.proc)
        collector.close()
    return logs


# --- main -----------------------------------------------------------------------------------

SCENARIOS = {
    "slow_clients": scenario_slow_clients,
    "load_balancer": scenario_load_balancer,
    "redis_outage": scenario_redis_outage,
    "db_outage": scenario_db_outage,
    "tls": scenario_tls,
    "metrics": scenario_metrics,
    "traces": scenario_traces,
}
ALIASES = {"slow": "slow_clients", "lb": "load_balancer", "redis": "redis_outage", "db": "db_outage",
           "database": "db_outage"}
DESCRIPTIONS = {
    "slow_clients": "500 half-sent requests, a body that never ends, the connection cap (SQLite node)",
    "load_balancer": "two nodes (PostgreSQL + Redis) behind nginx: sign-ins, client address, shared limits, "
                     "a node killed",
    "redis_outage": "Redis hangs, dies and comes back under a running node",
    "db_outage": "PostgreSQL refuses connections, then accepts them again",
    "tls": "native TLS: versions, HSTS, certificate reload",
    "metrics": "the management listener's /metrics",
    "traces": "a request's span reaches an OTLP collector stand-in, in the caller's trace",
}


def main(argv):
    names = []
    for a in argv:
        name = ALIASES.get(a, a)
        if name not in SCENARIOS:
            print(f"unknown scenario {a!r}; scenarios: {', '.join(SCENARIOS)}", file=sys.stderr)
            return 2
        names.append(name)
    names = names or list(SCENARIOS)
    if not BIN or not os.access(BIN, os.X_OK):
        print(f"PORTCULLIS_BIN is not an executable: {BIN!r}", file=sys.stderr)
        return 2
    if not TMP or not os.path.isdir(TMP):
        print("EDGE_TMP must be an existing directory", file=sys.stderr)
        return 2

    def on_signal(signum, _frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGHUP, on_signal)

    r = Results()
    t_all = time.monotonic()
    try:
        for name in names:
            print(f"\n== {name}: {DESCRIPTIONS[name]}", flush=True)
            tmp = os.path.join(TMP, name)
            os.makedirs(tmp, exist_ok=True)
            failed_before = r.failed
            t0 = time.monotonic()
            logs = None
            try:
                logs = SCENARIOS[name](r, tmp)
            except Exception as e:  # a scenario that cannot go on is one failure, not the end
                r.check(name, "ran to completion", False, f"{type(e).__name__}: {e}")
                traceback.print_exc()
            except BaseException as e:  # ^C or a signal: stop here, but say so in the count
                r.check(name, "ran to completion", False, f"interrupted ({type(e).__name__} {e})")
                raise
            finally:
                stop_all()
            note(name, f"took {time.monotonic() - t0:.1f} s")
            if r.failed > failed_before:
                paths = logs or sorted(os.path.join(tmp, f) for f in os.listdir(tmp) if f.endswith(".log"))
                if not logs:
                    paths += [os.path.join(tmp, "nginx", "logs", "error.log")]
                show_logs(paths)
    finally:
        stop_all()
        print(f"\nedge: {time.monotonic() - t_all:.0f} s", flush=True)
        if r.failures:
            print("failed:", flush=True)
            for line in r.failures:
                print("  " + line, flush=True)
        print(f"{r.passed} passed, {r.failed} failed", flush=True)
        open(os.path.join(TMP, ".summary-printed"), "w").close()
    return 0 if r.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
