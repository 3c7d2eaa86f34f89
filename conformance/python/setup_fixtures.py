"""Registers the suite's clients and users with the `portcullis` CLI and writes
the JSON config the relying parties read (path in argv[1])."""

import json
import os
import subprocess
import sys

BIN = os.environ["PORTCULLIS_BIN"]
ISSUER = os.environ["PORTCULLIS_ISSUER"]
RP = "http://127.0.0.1:9/rp"  # never requested: nothing listens there
PASSWORD = "Conformance-Passw0rd-2024!"
SCOPES = "openid profile email offline_access"


def cli(*args, stdin=None):
    p = subprocess.run([BIN, *args, "--json"], input=stdin, capture_output=True, text=True, timeout=60)
    if p.returncode != 0:
        sys.exit(f"`portcullis {' '.join(args)}` failed ({p.returncode}):\n{p.stdout}\n{p.stderr}")
    try:
        return json.loads(p.stdout)
    except ValueError:
        sys.exit(f"`portcullis {' '.join(args)}` did not print one JSON object:\n{p.stdout}\n{p.stderr}")


def client(name, auth="client_secret_basic", first_party=True, grants=("authorization_code", "refresh_token"),
           require_mfa=False):
    redirect = f"{RP}/{name}/callback"
    logout = f"{RP}/{name}/logged-out"
    args = ["client", "create", "--name", f"conformance {name}", "--auth-method", auth]
    for g in grants:
        args += ["--grant-type", g]
    if "authorization_code" in grants:
        args += ["--redirect-uri", redirect, "--post-logout-redirect-uri", logout, "--scope", SCOPES]
    if first_party:
        args.append("--first-party")
    if require_mfa:
        args.append("--require-mfa")
    out = cli(*args)
    assert out.get("client_id"), out
    assert out.get("require_mfa") is require_mfa, f"require_mfa of {name}: {out}"
    if auth in ("client_secret_basic", "client_secret_post"):
        assert out.get("client_secret"), f"no client_secret for {name}: {out}"
    return {"client_id": out["client_id"], "client_secret": out.get("client_secret"),
            "redirect_uri": redirect, "post_logout_redirect_uri": logout}


def user(key):
    email = f"{key}@conformance.example.com"
    out = cli("user", "create", "--email", email, "--name", f"Conformance {key.title()}",
              "--email-verified", "--password-stdin", stdin=PASSWORD)
    assert out.get("id"), out
    return {"email": email, "password": PASSWORD, "id": out["id"]}


config = {
    "issuer": ISSUER,
    "refresh_grace_seconds": float(os.environ.get("PORTCULLIS_REFRESH_REUSE_GRACE_SECONDS", "2")),
    # node_mfa: pyotp adds an authenticator app (totp_enrolment.py), openid-client signs in with
    # it; py_stepup, py_enrol, py_essential: Authlib's step-up and enrolments during a login.
    "users": {k: user(k) for k in ("node", "python", "op", "node_mfa", "py_stepup", "py_enrol", "py_essential")},
    "clients": {
        "node_fp": client("node_fp"),
        "node_3p": client("node_3p", first_party=False),
        "node_cc": client("node_cc", grants=("client_credentials",)),
        "py_fp": client("py_fp", auth="client_secret_post"),
        "py_3p": client("py_3p", first_party=False),
        "py_cc": client("py_cc", grants=("client_credentials",)),
        "py_mfa": client("py_mfa", require_mfa=True),
        "op_conf": client("op_conf"),
        "op_public": client("op_public", auth="none"),
    },
    # RFC 7591: openid-client registers a client of its own with it.
    "initial_access_token": cli("client", "initial-access-token", "--uses", "1", "--expires", "1h")["token"],
}
with open(sys.argv[1], "w") as f:
    json.dump(config, f, indent=2)
