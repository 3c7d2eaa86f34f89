"""A SAML IdP for the browser suite, on pysaml2 (signing with Debian's xmlsec1): GET /sso takes
an AuthnRequest (HTTP-Redirect) and shows a sign-in form; POST /login answers with a signed
assertion posted to the service provider's ACS (HTTP-POST binding: the page's button, which the
browser clicks). The service provider's metadata is read from its URL at the first request.

usage: saml_idp.py --dir DIR --port PORT; writes DIR/idp.xml (its metadata), then prints
"ready PORT".
"""

import argparse
import base64
import html
import os
import subprocess
import sys
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from saml2 import BINDING_HTTP_REDIRECT, saml, xmldsig
from saml2.config import IdPConfig
from saml2.metadata import entity_descriptor, metadata_tostring_fix
from saml2.saml import NAMEID_FORMAT_EMAILADDRESS, NameID
from saml2.server import Server

args = argparse.ArgumentParser()
args.add_argument("--dir", required=True)
args.add_argument("--port", type=int, required=True)
a = args.parse_args()
BASE = f"http://localhost:{a.port}"


def path(name):
    return os.path.join(a.dir, name)


subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=e2e-idp",
                "-keyout", path("idp.key"), "-out", path("idp.crt")], check=True, capture_output=True)


def config(sp_metadata=None):
    conf = {
        "entityid": f"{BASE}/metadata",
        "service": {"idp": {
            "endpoints": {"single_sign_on_service": [(f"{BASE}/sso", BINDING_HTTP_REDIRECT)]},
            "name_id_format": [NAMEID_FORMAT_EMAILADDRESS],
            "policy": {"default": {"lifetime": {"minutes": 5}, "attribute_restrictions": None,
                                   "name_form": "urn:oasis:names:tc:SAML:2.0:attrname-format:uri"}},
        }},
        "key_file": path("idp.key"), "cert_file": path("idp.crt"),
        "xmlsec_binary": "/usr/bin/xmlsec1", "crypto_backend": "xmlsec1",
    }
    if sp_metadata:
        conf["metadata"] = {"local": [sp_metadata]}
    c = IdPConfig()
    c.load(conf)
    return c


ed = entity_descriptor(config())
xml = metadata_tostring_fix(ed, {"xs": "http://www.w3.org/2001/XMLSchema"}, ed.to_string())
with open(path("idp.xml"), "wb") as f:
    f.write(xml if isinstance(xml, bytes) else xml.encode())

state = {}


def server():
    """The IdP, once the service provider's metadata (named by SP_METADATA_URL in DIR) is read."""
    if "server" not in state:
        with open(path("sp_metadata_url")) as f:
            url = f.read().strip()
        with urllib.request.urlopen(url) as r, open(path("sp.xml"), "wb") as out:
            out.write(r.read())
        state["server"] = Server(config=config(path("sp.xml")))
    return state["server"]


PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>
<body><main><h1>{title}</h1>{body}</main></body></html>"""


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *_):
        pass

    def page(self, title, body):
        data = PAGE.format(title=title, body=body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        u = urlsplit(self.path)
        if u.path != "/sso":
            self.send_error(404)
            return
        q = parse_qs(u.query)
        req = server().parse_authn_request(q["SAMLRequest"][0], BINDING_HTTP_REDIRECT).message
        hidden = "".join(f'<input type="hidden" name="{k}" value="{html.escape(v)}">' for k, v in (
            ("request_id", req.id), ("acs", req.assertion_consumer_service_url),
            ("sp", req.issuer.text), ("relay", q.get("RelayState", [""])[0])))
        self.page("Example IdP sign-in", f'<form method="post" action="/login">{hidden}'
                  '<label for="email">Email</label><input id="email" name="email" type="email">'
                  '<button type="submit">Sign in</button></form>')

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        f = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        email = f["email"]
        resp = server().create_authn_response(
            identity={"email": [email], "displayName": [email.split("@")[0].title()]},
            in_response_to=f["request_id"], destination=f["acs"], sp_entity_id=f["sp"],
            name_id=NameID(format=NAMEID_FORMAT_EMAILADDRESS, text=email),
            authn={"class_ref": saml.AUTHN_PASSWORD_PROTECTED, "authn_auth": f"{BASE}/metadata"},
            sign_assertion=True, sign_alg=xmldsig.SIG_RSA_SHA256, digest_alg=xmldsig.DIGEST_SHA256)
        encoded = base64.b64encode(str(resp).encode()).decode()
        self.page("Example IdP: continue", f'<form method="post" action="{html.escape(f["acs"])}">'
                  f'<input type="hidden" name="SAMLResponse" value="{encoded}">'
                  f'<input type="hidden" name="RelayState" value="{html.escape(f["relay"])}">'
                  '<button type="submit">Continue</button></form>')


httpd = ThreadingHTTPServer(("127.0.0.1", a.port), Handler)
print(f"ready {a.port}", flush=True)
sys.stdout.flush()
httpd.serve_forever()
