// Portcullis signing users in through an upstream OpenID provider: node `oidc-provider` (v9, its
// development login and consent pages) is the upstream, openid-client the relying party. First
// sign-in makes the account, the next finds it by the link, an address that belongs to an account
// links after its password, and the tokens say what happened (`sub`, `acr`, `amr`).
import { execFileSync } from 'node:child_process'
import { createServer } from 'node:net'
import Provider from 'oidc-provider'
import * as oidc from 'openid-client'
import { Browser, checks, config, parseForms, sameEndpoint } from './browser.mjs'

const CFG = config()
const ISSUER = CFG.issuer
const BIN = process.env.PORTCULLIS_BIN
const RP = CFG.clients.node_fp
const c = checks('oidc-provider-upstream')
const st = {}

const cli = (args, input) => JSON.parse(execFileSync(BIN, [...args, '--json'], { input, encoding: 'utf8' }))

const freePort = () => new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)) })
})

// Follows the whole round trip (Portcullis, the upstream's pages, back) to the relying party:
// signs in at the upstream as `account`, consents there, and types `password` on Portcullis'
// link page if it shows one. Returns { url, params, events }.
async function roundTrip(browser, url, account, password = null) {
  const events = []
  let res = await browser.request(url)
  for (let step = 0; step < 25; step++) {
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('location'), res.url)
      if (sameEndpoint(next.href, RP.redirect_uri)) return { url: next.href, params: Object.fromEntries(next.searchParams), events }
      res = await browser.request(next.href)
      continue
    }
    if (res.status !== 200) throw new Error(`HTTP ${res.status} at ${res.url}: ${res.text.slice(0, 300)}`)
    const forms = parseForms(res.text, res.url)
    const login = forms.find((f) => f.inputs.some((i) => i.name === 'login'))
    const confirm = forms.find((f) => f.inputs.some((i) => i.name === 'prompt' && i.value === 'consent'))
    const link = forms.find((f) => new URL(f.action).pathname === '/login/upstream/link')
    const fields = (f) => Object.fromEntries(f.inputs.filter((i) => i.name && i.type === 'hidden').map((i) => [i.name, i.value]))
    let form, sent
    if (login) { form = login; sent = { ...fields(login), login: account, password: 'anything' }; events.push('upstream-login') }
    else if (confirm) { form = confirm; sent = fields(confirm); events.push('upstream-consent') }
    else if (link && password) { form = link; sent = { ...fields(link), password }; events.push('link') }
    else throw new Error(`no form to fill at ${res.url}: ${res.text.slice(0, 300)}`)
    res = await browser.request(form.action, { method: 'POST', form: sent })
  }
  throw new Error('too many steps')
}

async function signIn(account, password) {
  const code_verifier = oidc.randomPKCECodeVerifier()
  const state = oidc.randomState()
  const nonce = oidc.randomNonce()
  const url = oidc.buildAuthorizationUrl(st.rp, {
    redirect_uri: RP.redirect_uri, scope: 'openid email profile', state, nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(code_verifier), code_challenge_method: 'S256',
    idp_hint: st.conn.id,
  })
  const res = await roundTrip(new Browser(), url.href, account, password)
  const tokens = await oidc.authorizationCodeGrant(st.rp, new URL(res.url), {
    pkceCodeVerifier: code_verifier, expectedState: state, expectedNonce: nonce,
  })
  const claims = tokens.claims()
  const info = await oidc.fetchUserInfo(st.rp, tokens.access_token, claims.sub)
  return { claims, info, events: res.events }
}

await c.run('setup: oidc-provider upstream and a connection to it', async () => {
  const port = await freePort()
  const upstream = `http://localhost:${port}`
  const secret = 'upstream-client-secret-0123456789abcdef'
  st.conn = cli(['idp', 'create', '--kind', 'oidc', '--name', 'Node Upstream', '--issuer', upstream,
    '--client-id', 'portcullis', '--client-secret-stdin'], secret)
  if (!st.conn.redirect_uri?.startsWith(ISSUER)) throw new Error(`redirect_uri: ${JSON.stringify(st.conn)}`)
  const provider = new Provider(upstream, {
    clients: [{ client_id: 'portcullis', client_secret: secret, redirect_uris: [st.conn.redirect_uri] }],
    findAccount: (ctx, id) => ({
      accountId: id,
      claims: () => ({ sub: id, email: `${id}@upstream.example`, email_verified: true, name: `Upstream ${id}` }),
    }),
    claims: { email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['conformance-cookie-key'] },
  })
  await new Promise((resolve) => { st.server = provider.listen(port, resolve) })
  st.rp = await oidc.discovery(new URL(ISSUER), RP.client_id, { client_secret: RP.client_secret },
    oidc.ClientSecretBasic(RP.client_secret), { execute: [oidc.allowInsecureRequests] })
  const password = 'Upstream-Link-Passw0rd-2024!'
  st.dave = { ...cli(['user', 'create', '--email', 'dave@upstream.example', '--email-verified', '--password-stdin'], password), password }
})

await c.run('first sign-in makes the account: our sub, amr fed, acr 1', async () => {
  const { claims, info, events } = await signIn('carol')
  if (events.join() !== 'upstream-login,upstream-consent') throw new Error(`events ${events}`)
  if (claims.sub === 'carol') throw new Error('the upstream subject leaked as ours')
  if (JSON.stringify(claims.amr) !== '["fed"]' || claims.acr !== '1') throw new Error(`amr ${claims.amr} acr ${claims.acr}`)
  if (info.email !== 'carol@upstream.example' || info.name !== 'Upstream carol') throw new Error(JSON.stringify(info))
  st.carol = claims.sub
})

await c.run('second sign-in finds the account by the link', async () => {
  const { claims } = await signIn('carol')
  if (claims.sub !== st.carol) throw new Error(`${claims.sub} != ${st.carol}`)
})

await c.run('an address of an existing account links after its password: amr fed pwd', async () => {
  const { claims, events } = await signIn('dave', st.dave.password)
  if (!events.includes('link')) throw new Error(`no link page: ${events}`)
  if (claims.sub !== st.dave.id) throw new Error(`${claims.sub} != ${st.dave.id}`)
  if (JSON.stringify(claims.amr) !== '["fed","pwd"]') throw new Error(`amr ${claims.amr}`)
  const again = await signIn('dave')
  if (again.claims.sub !== st.dave.id || again.events.includes('link')) throw new Error('not linked')
})

st.server?.close()
process.exit(0)
