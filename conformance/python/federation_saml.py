"""Portcullis as a SAML service provider, with pysaml2 (and Debian's xmlsec1) as the upstream
IdP and Authlib as the relying party: the IdP's responses are made here, as an IdP would, and
then crafted into what no honest IdP sends (unsigned, wrong audience or recipient, expired,
replayed, for another request, SHA-1, signed by a stranger, signature wrapping). Every crafted
one must be refused and sign no one in."""

import base64
import os
import re
import subprocess
import sys
import tempfile
import warnings
from urllib.parse import parse_qs, urljoin, urlsplit

warnings.filterwarnings("ignore")

import requests  # noqa: E402
import saml2.s_utils  # noqa: E402
from authlib.common.security import generate_token  # noqa: E402
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT, saml, xmldsig  # noqa: E402
from saml2.config import IdPConfig, SPConfig  # noqa: E402
from saml2.metadata import entity_descriptor, metadata_tostring_fix  # noqa: E402
from saml2.saml import NAMEID_FORMAT_EMAILADDRESS, NameID  # noqa: E402
from saml2.server import Server  # noqa: E402

import contextlib  # noqa: E402
import json  # noqa: E402

from authlib.integrations.base_client.sync_openid import OpenIDMixin  # noqa: E402
from authlib.integrations.requests_client import OAuth2Session  # noqa: E402

from browser import Checks, FlowError, drive, load_config, new_browser  # noqa: E402


class RP(OAuth2Session, OpenIDMixin):
    """Authlib's OAuth2Session with its OpenID Connect ID token checks."""

    def __init__(self, metadata, client, auth_method, **kw):
        super().__init__(client_id=client["client_id"], client_secret=client.get("client_secret"),
                         token_endpoint_auth_method=auth_method, code_challenge_method="S256", **kw)
        self.server_metadata = metadata

    def load_server_metadata(self):
        return self.server_metadata

    def _get_session(self):
        return contextlib.nullcontext(self)


CFG = load_config()
ISSUER = CFG["issuer"]
BIN = os.environ["PORTCULLIS_BIN"]
IDP = "https://idp.saml.example/metadata"
SSO = "https://idp.saml.example/sso"
DIR = tempfile.mkdtemp(prefix="saml-idp-")
checks = Checks("pysaml2-idp")
st = {}


def path(name):
    return os.path.join(DIR, name)


def keypair(name):
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                    f"/CN={name}", "-keyout", path(f"{name}.key"), "-out", path(f"{name}.crt")],
                   check=True, capture_output=True)


def idp_config(key="idp", lifetime=None, sp_metadata=True):
    conf = {
        "entityid": IDP,
        "service": {"idp": {
            "endpoints": {"single_sign_on_service": [(SSO, BINDING_HTTP_REDIRECT)]},
            "name_id_format": [NAMEID_FORMAT_EMAILADDRESS],
            "policy": {"default": {"lifetime": lifetime or {"minutes": 5}, "attribute_restrictions": None,
                                   "name_form": "urn:oasis:names:tc:SAML:2.0:attrname-format:uri"}},
        }},
        "key_file": path(f"{key}.key"), "cert_file": path(f"{key}.crt"),
        "xmlsec_binary": "/usr/bin/xmlsec1", "crypto_backend": "xmlsec1",
    }
    if sp_metadata:
        conf["metadata"] = {"local": [path("sp.xml"), path("other_sp.xml")]}
    c = IdPConfig()
    c.load(conf)
    return c


def write_metadata(conf, name):
    ed = entity_descriptor(conf)
    xml = metadata_tostring_fix(ed, {"xs": "http://www.w3.org/2001/XMLSchema"}, ed.to_string())
    with open(path(name), "wb") as f:
        f.write(xml if isinstance(xml, bytes) else xml.encode())


def cli(*args, stdin=None):
    p = subprocess.run([BIN, *args, "--json"], input=stdin, capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, f"portcullis {' '.join(args)}: {p.stdout} {p.stderr}"
    return json.loads(p.stdout)


def c_setup():
    keypair("idp")
    keypair("stranger")
    write_metadata(idp_config(sp_metadata=False), "idp.xml")
    out = cli("idp", "create", "--kind", "saml", "--name", "Acme SAML", "--metadata-file", path("idp.xml"))
    assert out["kind"] == "saml" and out["id"], out
    for k in ("sp_metadata_url", "acs_url"):
        assert out[k].startswith(ISSUER), f"{k}: {out}"
    st["conn"] = out
    r = requests.get(out["sp_metadata_url"], timeout=10)
    assert r.status_code == 200, r.status_code
    assert r.headers["content-type"].startswith("application/samlmetadata+xml"), r.headers["content-type"]
    assert out["acs_url"] in r.text and "X509Certificate" in r.text, r.text[:300]
    with open(path("sp.xml"), "w") as f:
        f.write(r.text)
    # Another SP at the same ACS: its audience is not ours.
    other = SPConfig()
    other.load({"entityid": "https://other-sp.example/metadata",
                "service": {"sp": {"endpoints": {"assertion_consumer_service": [(out["acs_url"], BINDING_HTTP_POST)]}}},
                "xmlsec_binary": "/usr/bin/xmlsec1"})
    write_metadata(other, "other_sp.xml")
    st["idp"] = Server(config=idp_config())
    meta = requests.get(ISSUER + "/.well-known/openid-configuration", timeout=10).json()
    client = CFG["clients"]["py_fp"]
    st["meta"], st["client"] = meta, client
    password = "Saml-Link-Passw0rd-2024!"
    local = cli("user", "create", "--email", "bob@saml.example", "--email-verified", "--password-stdin", stdin=password)
    st["bob"] = {"email": "bob@saml.example", "password": password, "id": local["id"]}


def start(browser):
    """The relying party's request with idp_hint, up to the IdP: (AuthnRequest id, RelayState, rp, ...)."""
    client, meta = st["client"], st["meta"]
    rp = RP(meta, client, "client_secret_post", redirect_uri=client["redirect_uri"])
    verifier, nonce = generate_token(48), generate_token(20)
    url, state = rp.create_authorization_url(meta["authorization_endpoint"], code_verifier=verifier, nonce=nonce,
                                             scope="openid email profile", idp_hint=st["conn"]["id"])
    resp = browser.get(url, allow_redirects=False)
    for _ in range(5):
        loc = urljoin(resp.url, resp.headers["Location"])
        if loc.startswith(SSO):
            break
        resp = browser.get(loc, allow_redirects=False)
    q = parse_qs(urlsplit(loc).query)
    req = st["idp"].parse_authn_request(q["SAMLRequest"][0], BINDING_HTTP_REDIRECT).message
    assert req.assertion_consumer_service_url == st["conn"]["acs_url"], req.assertion_consumer_service_url
    return {"id": req.id, "relay": q["RelayState"][0], "rp": rp, "verifier": verifier, "nonce": nonce, "state": state}


def response(flow, email="alice@saml.example", srv=None, irt=None, sp=None, dest=None, alg="sha256",
             sign_assertion=True, sign_response=False, encrypt=False):
    algs = {"sha256": (xmldsig.SIG_RSA_SHA256, xmldsig.DIGEST_SHA256),
            "sha1": (xmldsig.SIG_RSA_SHA1, xmldsig.DIGEST_SHA1)}[alg]
    srv = srv or st["idp"]
    return str(srv.create_authn_response(
        identity={"email": [email], "givenName": ["Alice"], "displayName": ["Alice Liddell"], "groups": ["staff"]},
        in_response_to=irt or flow["id"], destination=dest or st["conn"]["acs_url"],
        sp_entity_id=sp or st["conn"]["sp_metadata_url"],
        name_id=NameID(format=NAMEID_FORMAT_EMAILADDRESS, text=email),
        authn={"class_ref": saml.AUTHN_PASSWORD_PROTECTED, "authn_auth": IDP},
        sign_assertion=sign_assertion, sign_response=sign_response, sign_alg=algs[0], digest_alg=algs[1],
        encrypt_assertion=encrypt))


def post(browser, flow, xml, creds=None):
    """Posts `xml` to the ACS as the IdP's page would, then follows to the relying party."""
    data = {"SAMLResponse": base64.b64encode(xml.encode()).decode(), "RelayState": flow["relay"]}
    return drive(browser, st["conn"]["acs_url"], st["client"]["redirect_uri"], creds=creds, consent=None,
                 method="post", data=data)


def claims_of(flow, res):
    """The ID token's claims, with userinfo's (name and address are there)."""
    rp = flow["rp"]
    token = rp.fetch_token(st["meta"]["token_endpoint"], authorization_response=res.url,
                           code_verifier=flow["verifier"], state=flow["state"])
    claims = dict(rp.parse_id_token(token, nonce=flow["nonce"]))
    info = rp.userinfo()
    assert info["sub"] == claims["sub"], f"userinfo sub {info['sub']} != {claims['sub']}"
    return {**info, **claims}


def refused(xml_for, email="mallory@saml.example"):
    """`xml_for(flow)` posted at the ACS: refused with a 4xx page, and nobody signed in."""
    browser = new_browser()
    flow = start(browser)
    try:
        res = post(browser, flow, xml_for(flow))
    except FlowError as e:
        assert re.search(r"HTTP 4\d\d", str(e)), f"expected a 4xx page: {e}"
        return
    claims = claims_of(flow, res)
    assert claims.get("email") != email, f"signed in as {email}"
    raise AssertionError(f"accepted: signed in as {claims.get('email')}")


def c_first_login_creates_the_account():
    browser = new_browser()
    flow = start(browser)
    res = post(browser, flow, response(flow))
    c = claims_of(flow, res)
    assert c["email"] == "alice@saml.example", c
    assert c["amr"] == ["fed"] and c["acr"] == "1", f"amr {c.get('amr')} acr {c.get('acr')}"
    assert c.get("name") == "Alice Liddell", c
    st["alice"] = c["sub"]


def c_second_login_reuses_the_link():
    browser = new_browser()
    flow = start(browser)
    c = claims_of(flow, post(browser, flow, response(flow)))
    assert c["sub"] == st["alice"], f"{c['sub']} != {st['alice']}"


def c_signed_response_accepted():
    browser = new_browser()
    flow = start(browser)
    c = claims_of(flow, post(browser, flow, response(flow, sign_assertion=False, sign_response=True)))
    assert c["sub"] == st["alice"]


def c_linking_after_proving_the_account():
    user = st["bob"]
    browser = new_browser()
    flow = start(browser)
    res = post(browser, flow, response(flow, email=user["email"]), creds=(user["email"], user["password"]))
    assert res.events == ["login"], f"expected the link page's password, saw {res.events}"
    c = claims_of(flow, res)
    assert c["sub"] == user["id"], f"{c['sub']} != {user['id']}"
    assert c["amr"] == ["fed", "pwd"], c["amr"]
    # Linked now: the IdP alone signs in.
    browser = new_browser()
    flow = start(browser)
    assert claims_of(flow, post(browser, flow, response(flow, email=user["email"])))["sub"] == user["id"]


def c_unsigned():
    refused(lambda f: response(f, email="mallory@saml.example", sign_assertion=False))


def c_wrong_audience():
    refused(lambda f: response(f, email="mallory@saml.example", sp="https://other-sp.example/metadata"))


def c_wrong_recipient():
    refused(lambda f: response(f, email="mallory@saml.example", dest="https://evil.example/acs"))


def c_expired():
    old = Server(config=idp_config(lifetime={"minutes": -30}))
    refused(lambda f: response(f, email="mallory@saml.example", srv=old))


def c_wrong_in_response_to():
    other = start(new_browser())
    refused(lambda f: response(f, email="mallory@saml.example", irt=other["id"]))


def c_sha1_not_allowed():
    refused(lambda f: response(f, email="mallory@saml.example", alg="sha1"))


def c_certificate_not_in_metadata():
    stranger = Server(config=idp_config(key="stranger"))
    refused(lambda f: response(f, email="mallory@saml.example", srv=stranger))


def c_replayed_assertion():
    # The IdP issues the same assertion ID twice (pysaml2's ids made constant): the second time,
    # for a new request, it is a replay.
    original = saml2.s_utils.sid
    saml2.s_utils.sid = lambda *a, **k: "_fixed-assertion-id-" + st["conn"]["id"]
    try:
        browser = new_browser()
        flow = start(browser)
        claims_of(flow, post(browser, flow, response(flow)))
        refused(lambda f: response(f))
    finally:
        saml2.s_utils.sid = original


def c_signature_wrapping():
    def wrapped(flow):
        xml = response(flow)
        m = re.search(r"<(\w+):Assertion\b.*?</\1:Assertion>", xml, re.S)
        evil = re.sub(r'ID="[^"]+"', 'ID="_evil"', m.group(0), count=1)
        evil = re.sub(r"<(\w+):Signature\b.*?</\1:Signature>", "", evil, flags=re.S)
        evil = evil.replace("alice@saml.example", "mallory@saml.example")
        return xml[:m.start()] + evil + xml[m.start():]
    browser = new_browser()
    flow = start(browser)
    try:
        res = post(browser, flow, wrapped(flow))
    except FlowError as e:
        assert re.search(r"HTTP 4\d\d", str(e)), str(e)
        return
    # Accepted only as what was signed.
    assert claims_of(flow, res)["email"] == "alice@saml.example"


def c_encrypted_assertion():
    # To our SP certificate (from our metadata), with AES-128-CBC: pysaml2 writes 3DES unless
    # told otherwise, which we do not take. samael reads the KeyInfo of the EncryptedData only
    # with a `ds` prefix declared on it; an unused declaration leaves the exclusive-c14n
    # signature as it was.
    import functools
    import saml2.entity
    import saml2.sigver
    pre, enc = saml2.entity.pre_encryption_part, saml2.sigver.CryptoBackendXmlSec1.encrypt_assertion
    saml2.entity.pre_encryption_part = functools.partial(pre, msg_enc="http://www.w3.org/2001/04/xmlenc#aes128-cbc")
    saml2.sigver.CryptoBackendXmlSec1.encrypt_assertion = (
        lambda self, st, key, tpl, key_type=None, node_xpath=None: enc(self, st, key, tpl, "aes-128", node_xpath))
    try:
        browser = new_browser()
        flow = start(browser)
        xml = response(flow, sign_response=True, encrypt=True)
    finally:
        saml2.entity.pre_encryption_part, saml2.sigver.CryptoBackendXmlSec1.encrypt_assertion = pre, enc
    assert "EncryptedAssertion" in xml and "alice@saml.example</" not in xml.split("EncryptedAssertion")[1], \
        "the assertion is not encrypted"
    m = re.search(r"<(\w+):EncryptedData\b.*?<(\w+):KeyInfo>", xml, re.S)
    assert m, "no KeyInfo in the EncryptedData"
    at = m.end() - 1
    xml = xml[:at] + ' xmlns:ds="http://www.w3.org/2000/09/xmldsig#"' + xml[at:]
    assert claims_of(flow, post(browser, flow, xml))["sub"] == st["alice"]


def c_relay_state_answers_once():
    browser = new_browser()
    flow = start(browser)
    xml = response(flow)
    claims_of(flow, post(browser, flow, xml))
    try:
        post(browser, flow, xml)
    except FlowError as e:
        assert "HTTP 400" in str(e), str(e)
        return
    raise AssertionError("the same response was taken twice")


PORTAL = "https://portal.saml.example/"


def unsolicited(email="alice@saml.example", irt=None):
    """A response no request of ours asked for (IdP-initiated), or one answering `irt`."""
    return str(st["idp"].create_authn_response(
        identity={"email": [email], "displayName": ["Alice Liddell"]},
        in_response_to=irt, destination=st["conn"]["acs_url"], sp_entity_id=st["conn"]["sp_metadata_url"],
        name_id=NameID(format=NAMEID_FORMAT_EMAILADDRESS, text=email),
        authn={"class_ref": saml.AUTHN_PASSWORD_PROTECTED, "authn_auth": IDP}, sign_assertion=True,
        sign_alg=xmldsig.SIG_RSA_SHA256, digest_alg=xmldsig.DIGEST_SHA256))


def post_unsolicited(browser, xml, relay=""):
    """Posts `xml` to the ACS as the IdP's own portal would: to the client's page, or a 4xx."""
    data = {"SAMLResponse": base64.b64encode(xml.encode()).decode(), "RelayState": relay}
    return drive(browser, st["conn"]["acs_url"], PORTAL, consent=None, method="post", data=data)


def refused_unsolicited(xml, relay=""):
    try:
        post_unsolicited(new_browser(), xml, relay)
    except FlowError as e:
        assert re.search(r"HTTP 4\d\d", str(e)), f"expected a 4xx page: {e}"
        return
    raise AssertionError("an IdP-initiated response was taken")


def c_idp_initiated_login_only_when_enabled_and_only_for_its_client():
    conn = st["conn"]["id"]
    refused_unsolicited(unsolicited())  # off by default
    portal = cli("client", "create", "--name", "Acme portal", "--redirect-uri", st["client"]["redirect_uri"],
                 "--auth-method", "client_secret_post", "--first-party", "--client-uri", PORTAL)
    cli("idp", "update", conn, "--idp-initiated-client", portal["client_id"])
    # Signed in at the IdP's portal: the browser lands on the client's page, signed in here.
    browser = new_browser()
    xml = unsolicited()
    landed = post_unsolicited(browser, xml)
    assert landed.url.startswith(PORTAL), landed.url
    # The client starts its own sign-in, which the session answers without a page.
    client = {"client_id": portal["client_id"], "client_secret": portal["client_secret"]}
    rp = RP(st["meta"], client, "client_secret_post", redirect_uri=st["client"]["redirect_uri"])
    verifier, nonce = generate_token(48), generate_token(20)
    url, state = rp.create_authorization_url(st["meta"]["authorization_endpoint"], code_verifier=verifier,
                                             nonce=nonce, scope="openid email")
    res = drive(browser, url, st["client"]["redirect_uri"], creds=None, consent=None)
    assert res.events == [], f"expected no page, saw {res.events}"
    claims = claims_of({"rp": rp, "verifier": verifier, "nonce": nonce, "state": state}, res)
    assert claims["sub"] == st["alice"] and claims["amr"] == ["fed"], claims
    # The same response again: a replay.
    refused_unsolicited(xml)
    # A response to a request (someone else's browser's) is never taken as IdP-initiated.
    refused_unsolicited(unsolicited(irt="id-" + "a" * 64), relay="made-up")
    cli("idp", "update", conn, "--idp-initiated-client", "")
    refused_unsolicited(unsolicited())


for name, fn in list(globals().items()):
    if name.startswith("c_"):
        if not checks.run(name[2:].replace("_", " "), fn) and name == "c_setup":
            sys.exit(1)
sys.exit(1 if checks.failed else 0)
