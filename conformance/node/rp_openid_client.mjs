// Portcullis driven by openid-client (v6) as a relying party.
import * as oidc from 'openid-client'
import { createLocalJWKSet, jwtVerify } from 'jose'
import { enrolled } from './authenticator.mjs'
import { Browser, FACTOR_PAGE, checks, config, drive, hiddenFields, parseForms } from './browser.mjs'

const CFG = config()
const ISSUER = CFG.issuer
const USER = CFG.users.node
const CREDS = [USER.email, USER.password]
const { node_fp: FP, node_3p: TP, node_cc: CC } = CFG.clients
const SCOPE = 'openid profile email offline_access'
const c = checks('node-openid-client')
const st = {} // state shared between consecutive checks

const need = (key) => {
  if (!(key in st)) throw new Error(`skipped: needs ${key} from an earlier check`)
  return st[key]
}

// allowInsecureRequests: the suite's issuer is plain http on loopback.
// enableNonRepudiationChecks: verify ID token signatures against the JWKS too.
const discover = (client) =>
  oidc.discovery(new URL(ISSUER), client.client_id, { client_secret: client.client_secret },
    oidc.ClientSecretBasic(client.client_secret),
    { execute: [oidc.allowInsecureRequests, oidc.enableNonRepudiationChecks] })

async function expectOAuthError(code, promise) {
  try {
    await promise
  } catch (e) {
    if (e.error === code) return
    throw new Error(`expected error ${code}, got ${e.error ?? e.message}`)
  }
  throw new Error(`expected error ${code}, but the request succeeded`)
}

// A JWT's protected header and claims, read only after its RS256 signature is checked against the
// published JWKS (the key named by its kid) and its iss, exp and iat are validated.
async function verified(token, options = {}) {
  const res = await fetch(need('fp').serverMetadata().jwks_uri)
  if (res.status !== 200) throw new Error(`JWKS: HTTP ${res.status}`)
  const { protectedHeader, payload } = await jwtVerify(token, createLocalJWKSet(await res.json()), {
    issuer: ISSUER, algorithms: ['RS256'], requiredClaims: ['exp', 'iat'], ...options,
  })
  return { header: protectedHeader, claims: payload }
}

// A prompt=none authorization in `browser`: the authorization response (state and iss checked).
async function promptNone(browser) {
  const state = oidc.randomState()
  const url = oidc.buildAuthorizationUrl(need('fp'), {
    redirect_uri: FP.redirect_uri, scope: 'openid', state, nonce: oidc.randomNonce(), prompt: 'none',
    code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()), code_challenge_method: 'S256',
  })
  const res = await drive(browser, url.href, FP.redirect_uri)
  if (res.params.state !== state) throw new Error(`state not echoed: ${res.url}`)
  if (res.params.iss !== ISSUER) throw new Error(`iss missing: ${res.url}`)
  return { res, state }
}

// A second browser holding copies of `browser`'s cookies, as a copied session cookie would.
const copyOf = (browser) => Object.assign(new Browser(), { jar: new Map(browser.jar) })

// An authorization request (code + PKCE): its URL and what the response is checked against.
async function authRequest(cfg, client, params = {}) {
  const verifier = oidc.randomPKCECodeVerifier()
  const state = oidc.randomState()
  const nonce = oidc.randomNonce()
  const url = oidc.buildAuthorizationUrl(cfg, {
    redirect_uri: client.redirect_uri, scope: SCOPE, state, nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', ...params,
  })
  return { url, verifier, state, nonce }
}

// Code exchange for the authorization response `res` of `req`, with ID token validation.
async function exchange(cfg, req, res) {
  if (res.params.iss !== ISSUER) throw new Error(`iss missing or wrong (RFC 9207): ${res.url}`)
  return oidc.authorizationCodeGrant(cfg, new URL(res.url), {
    pkceCodeVerifier: req.verifier, expectedState: req.state, expectedNonce: req.nonce, idTokenExpected: true,
  })
}

// Authorization request through the hosted pages, then code exchange with ID token validation.
async function login(cfg, client, browser, { consent = null, params = {}, creds = CREDS, totp, recoveryCode } = {}) {
  const req = await authRequest(cfg, client, params)
  const res = await drive(browser, req.url.href, client.redirect_uri, { creds, consent, totp, recoveryCode })
  return { res, tokens: await exchange(cfg, req, res) }
}

await c.run('discovery', async () => {
  st.fp = await discover(FP)
  const m = st.fp.serverMetadata()
  if (m.issuer !== ISSUER) throw new Error(`issuer ${m.issuer} != ${ISSUER}`)
  for (const k of ['authorization_endpoint', 'token_endpoint', 'jwks_uri', 'userinfo_endpoint',
    'introspection_endpoint', 'revocation_endpoint', 'end_session_endpoint']) {
    if (!m[k]) throw new Error(`discovery lacks ${k}`)
  }
  st.browser = new Browser()
})

await c.run('dynamic registration (RFC 7591) with an initial access token, then a login with consent through the new client', async () => {
  const redirect = 'http://127.0.0.1:9/rp/dynamic/callback'
  const cfg = await oidc.dynamicClientRegistration(new URL(ISSUER), {
    client_name: 'conformance dynamic', redirect_uris: [redirect], grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'], token_endpoint_auth_method: 'client_secret_post', scope: SCOPE,
  }, undefined, {
    initialAccessToken: CFG.initial_access_token, execute: [oidc.allowInsecureRequests, oidc.enableNonRepudiationChecks],
  })
  const meta = cfg.clientMetadata()
  if (!meta.client_secret || !meta.registration_access_token) throw new Error(`registration answer lacks a secret or token: ${Object.keys(meta)}`)
  const client = { client_id: meta.client_id, redirect_uri: redirect }
  const { res, tokens } = await login(cfg, client, new Browser(), { consent: 'allow' })
  if (res.events.join() !== 'login,consent') throw new Error(`expected login then consent, saw [${res.events}]`)
  if (tokens.claims().aud !== meta.client_id) throw new Error(`aud ${tokens.claims().aud}`)
  // RFC 7592: read with the registration access token, then delete; the client stops working.
  const auth = { authorization: `Bearer ${meta.registration_access_token}` }
  const read = await fetch(meta.registration_client_uri, { headers: auth })
  if (read.status !== 200 || (await read.json()).client_id !== meta.client_id) throw new Error(`read: HTTP ${read.status}`)
  const gone = await fetch(meta.registration_client_uri, { method: 'DELETE', headers: auth })
  if (gone.status !== 204) throw new Error(`delete: HTTP ${gone.status}`)
  const refresh = await fetch(cfg.serverMetadata().token_endpoint, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token,
      client_id: meta.client_id, client_secret: meta.client_secret }),
  })
  const refused = await refresh.json()
  if (refresh.status !== 401 || refused.error !== 'invalid_client') throw new Error(`refresh after deletion: HTTP ${refresh.status} ${refused.error}`)
})

await c.run('authorization code + PKCE login, token exchange, ID token validation (first-party)', async () => {
  const { res, tokens } = await login(need('fp'), FP, st.browser)
  if (res.events.join() !== 'login') throw new Error(`expected only a login page, saw [${res.events}]`)
  const claims = tokens.claims()
  if (claims.aud !== FP.client_id && !claims.aud?.includes?.(FP.client_id)) throw new Error(`aud ${claims.aud}`)
  if (!tokens.refresh_token) throw new Error('no refresh_token (offline_access requested)')
  st.tokens = tokens
})

await c.run('access token verified against the JWKS is an RS256 at+jwt', async () => {
  const { header, claims } = await verified(need('tokens').access_token)
  if (!['at+jwt', 'application/at+jwt'].includes(String(header.typ).toLowerCase())) throw new Error(`typ ${header.typ}`)
  if (header.alg !== 'RS256') throw new Error(`alg ${header.alg}`)
  if (claims.client_id !== FP.client_id) throw new Error(`client_id ${claims.client_id}`)
})

await c.run('a JWT with a forged signature does not verify', async () => {
  const [h, p] = need('tokens').access_token.split('.')
  const forged = `${h}.${p}.${Buffer.alloc(256, 7).toString('base64url')}`
  try {
    await verified(forged)
  } catch (e) {
    if (e.code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') return
    throw new Error(`expected a signature failure, got ${e.code ?? e.message}`)
  }
  throw new Error('a JWT with a forged signature was accepted')
})

await c.run('userinfo', async () => {
  const sub = need('tokens').claims().sub
  const info = await oidc.fetchUserInfo(st.fp, st.tokens.access_token, sub)
  if (info.email !== USER.email) throw new Error(`email ${info.email}`)
})

await c.run('refresh token rotation', async () => {
  const old = need('tokens').refresh_token
  const fresh = await oidc.refreshTokenGrant(st.fp, old)
  if (!fresh.access_token) throw new Error('no access_token after refresh')
  if (!fresh.refresh_token || fresh.refresh_token === old) throw new Error('refresh token was not rotated')
  st.rotated = old
})

await c.run('rotated-out refresh token reuse -> invalid_grant', async () => {
  const old = need('rotated')
  await new Promise((r) => setTimeout(r, (CFG.refresh_grace_seconds + 1) * 1000))
  await expectOAuthError('invalid_grant', oidc.refreshTokenGrant(st.fp, old))
})

await c.run('third-party consent shown once, then remembered', async () => {
  const cfg = await discover(TP)
  const browser = new Browser()
  const first = await login(cfg, TP, browser, { consent: 'allow' })
  if (first.res.events.join() !== 'login,consent') throw new Error(`first visit: expected login+consent, saw [${first.res.events}]`)
  const second = await login(cfg, TP, browser)
  if (second.res.events.length) throw new Error(`second visit: consent not remembered, saw [${second.res.events}]`)
})

await c.run('client_credentials grant', async () => {
  st.cc = await discover(CC)
  const tokens = await oidc.clientCredentialsGrant(st.cc)
  if (!tokens.access_token) throw new Error('no access_token')
  if (tokens.refresh_token) throw new Error('client_credentials must not issue a refresh token')
  st.ccToken = tokens.access_token
})

await c.run('introspection: fresh token active', async () => {
  const r = await oidc.tokenIntrospection(need('cc'), need('ccToken'))
  if (r.active !== true) throw new Error(`fresh token not active: ${JSON.stringify(r)}`)
})

await c.run('revocation: revoked access token introspects inactive', async () => {
  await oidc.tokenRevocation(need('cc'), need('ccToken'), { token_type_hint: 'access_token' })
  const r = await oidc.tokenIntrospection(st.cc, st.ccToken)
  if (r.active !== false) throw new Error(`after revocation: ${JSON.stringify(r)}`)
})

await c.run('revocation: revoked refresh token -> invalid_grant', async () => {
  need('tokens') // a fresh grant: reuse detection may have revoked the rotated family already
  const { tokens } = await login(st.fp, FP, st.browser)
  await oidc.tokenRevocation(st.fp, tokens.refresh_token, { token_type_hint: 'refresh_token' })
  await expectOAuthError('invalid_grant', oidc.refreshTokenGrant(st.fp, tokens.refresh_token))
  st.idToken = tokens.id_token
})

await c.run('unregistered post_logout_redirect_uri -> 400 error page, no redirect, session survives', async () => {
  const registered = FP.post_logout_redirect_uri
  for (const [what, uri] of [['another origin', 'https://attacker.example/logged-out'],
    ['an extra path segment', `${registered}/extra`], ['a trailing slash', `${registered}/`],
    ['a prefix', registered.slice(0, -1)], ["another client's", CFG.clients.node_3p.post_logout_redirect_uri]]) {
    const url = oidc.buildEndSessionUrl(need('fp'), {
      id_token_hint: need('idToken'), post_logout_redirect_uri: uri, state: oidc.randomState(),
    })
    const r = await st.browser.request(url.href)
    const tag = `${what} (${uri})`
    if (r.status !== 400) throw new Error(`${tag}: HTTP ${r.status}, expected 400 (Location=${r.headers.get('location')})`)
    if (r.headers.get('location')) throw new Error(`${tag}: redirected to ${r.headers.get('location')}`)
    if (!(r.headers.get('content-type') || '').includes('html')) throw new Error(`${tag}: not an HTML page`)
    if (/<form\b/i.test(r.text)) throw new Error(`${tag}: the error page holds a form`)
    const { res } = await promptNone(st.browser)
    if (!res.params.code) throw new Error(`${tag}: the session did not survive: ${res.url}`)
  }
})

await c.run('RP-initiated logout redirects with state', async () => {
  const state = oidc.randomState()
  const url = oidc.buildEndSessionUrl(need('fp'), {
    id_token_hint: need('idToken'), post_logout_redirect_uri: FP.post_logout_redirect_uri, state,
  })
  st.savedBrowser = copyOf(st.browser) // a copy of the session cookie, kept elsewhere
  const res = await drive(st.browser, url.href, FP.post_logout_redirect_uri)
  if (JSON.stringify(res.params) !== JSON.stringify({ state })) throw new Error(`state not carried exactly: ${res.url}`)
  st.loggedOut = true
})

await c.run('prompt=none after logout -> login_required, also with a copy of the old session cookie', async () => {
  need('loggedOut')
  // The session must be over on the server, not only forgotten by the browser.
  for (const [who, browser] of [['the browser', st.browser], ['a copy of the old session cookie', st.savedBrowser]]) {
    const { res, state } = await promptNone(browser)
    if (res.params.error !== 'login_required') throw new Error(`${who}: expected error=login_required: ${res.url}`)
    if (res.params.code) throw new Error(`${who}: a code was issued: ${res.url}`)
    // and the library itself must surface it as an authorization error
    await expectOAuthError('login_required', oidc.authorizationCodeGrant(st.fp, new URL(res.url), { expectedState: state }))
  }
})

// --- multi-factor: the user pyotp gave an authenticator app (python/totp_enrolment.py) ---------
const MFA_CREDS = [CFG.users.node_mfa.email, CFG.users.node_mfa.password]

// An ID token's acr is "2" and its amr holds `amr` (RFC 8176 values).
function multiFactor(claims, amr) {
  if (claims.acr !== '2') throw new Error(`acr ${JSON.stringify(claims.acr)}, expected "2"`)
  const missing = amr.filter((v) => !claims.amr?.includes(v))
  if (missing.length) throw new Error(`amr ${JSON.stringify(claims.amr)} lacks ${missing}`)
}

// `err` is the hosted code page for `method` answering 401 again, in the interaction that was
// posted to it: the code was refused and the sign-in stays where it was. Returns the page's form.
function refusedOnCodePage(err, method) {
  const r = err.response
  if (!r) throw err
  if (r.status !== 401) throw new Error(`expected the code page again with 401: ${err.message}`)
  const form = parseForms(r.text, r.url).find((f) => new URL(f.action).pathname === FACTOR_PAGE)
  if (!form) throw new Error('the 401 answer holds no code form')
  const fields = hiddenFields(form)
  if (fields.method !== method) throw new Error(`the code form is for ${fields.method}, expected ${method}`)
  if (!err.sent?.interaction || fields.interaction !== err.sent.interaction) throw new Error('the code form is of another sign-in')
  return form
}

await c.run('discovery: acr_values_supported is ["1","2"], lowest first', async () => {
  const acr = need('fp').serverMetadata().acr_values_supported
  if (JSON.stringify(acr) !== '["1","2"]') throw new Error(`acr_values_supported ${JSON.stringify(acr)}`)
})

await c.run('MFA: password, then a TOTP code (otpauth, pyotp\'s key) at /login/factor -> acr "2", amr pwd+otp+mfa', async () => {
  const totp = enrolled('node_mfa')
  const { res, tokens } = await login(need('fp'), FP, new Browser(), { creds: MFA_CREDS, totp })
  if (res.events.join() !== 'login,factor:totp') throw new Error(`expected the password, then the code page, saw [${res.events}]`)
  multiFactor(tokens.claims(), ['pwd', 'otp', 'mfa'])
  st.totp = totp
})

await c.run('MFA: a TOTP code works once: the same code again is refused (401, the code page stays)', async () => {
  const code = need('totp').lastCode
  try {
    await login(st.fp, FP, new Browser(), { creds: MFA_CREDS, totp: { code: async () => code } })
  } catch (e) {
    refusedOnCodePage(e, 'totp')
    return
  }
  throw new Error('a used TOTP code was accepted again')
})

await c.run('MFA: a recovery code (kept from the enrolment) instead of the app -> acr "2", amr pwd+mfa', async () => {
  const code = need('totp').recoveryCodes[0]
  if (!code) throw new Error('no recovery codes were kept')
  const { res, tokens } = await login(st.fp, FP, new Browser(), { creds: MFA_CREDS, recoveryCode: code })
  if (res.events.join() !== 'login,factor:recovery_code') throw new Error(`expected the password, then the recovery-code page, saw [${res.events}]`)
  multiFactor(tokens.claims(), ['pwd', 'mfa'])
  st.spentRecoveryCode = code
})

await c.run('MFA: the same recovery code again is refused (401, the recovery-code page stays; an unused one then passes)', async () => {
  const spent = need('spentRecoveryCode')
  const req = await authRequest(st.fp, FP)
  const browser = new Browser()
  let form
  try {
    await drive(browser, req.url.href, FP.redirect_uri, { creds: MFA_CREDS, recoveryCode: spent })
  } catch (e) {
    form = refusedOnCodePage(e, 'recovery_code')
  }
  if (!form) throw new Error('a used recovery code was accepted again')
  const res = await drive(browser, form.action, FP.redirect_uri,
    { method: 'POST', form: { ...hiddenFields(form), code: st.totp.recoveryCodes[1] } })
  multiFactor((await exchange(st.fp, req, res)).claims(), ['pwd', 'mfa'])
})
