// Signing in through an upstream OpenID provider in Chromium: node `oidc-provider` (v9, its own
// login and consent pages) is the upstream. The login page's "Continue with …" button, the
// upstream's pages, back to the client; the page that links an upstream sign-in to an existing
// account after its password; the review step of an upstream that gives no address (the address,
// then the code mailed there); identity-first login once the connection claims a domain; and the
// linked sign-ins on the account's security page. Each of our pages is checked with axe-core and
// screenshotted (E2E_ARTIFACTS/upstream/).
//
// Env (set by e2e/run): E2E_ISSUER, E2E_CLIENT_ID, E2E_CLIENT_SECRET, E2E_RP_PORT, E2E_ARTIFACTS,
// E2E_MAILDIR, E2E_PORTCULLIS_BIN (for `portcullis idp` and `portcullis user create`).

import { execFileSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import Provider from 'oidc-provider'
import { assert, axe, env, launch, mailText, newPage, startRp, story } from './lib.mjs'

const ISSUER = env('E2E_ISSUER').replace(/\/$/, '')
const BIN = env('E2E_PORTCULLIS_BIN')
const SHOTS = join(env('E2E_ARTIFACTS'), 'upstream')
const MAILDIR = env('E2E_MAILDIR')
mkdirSync(SHOTS, { recursive: true })

const cli = (args, input) => JSON.parse(execFileSync(BIN, [...args, '--json'], { input, encoding: 'utf8' }))
const freePort = () => new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)) })
})

// ---- the upstream ----------------------------------------------------------------------------
const port = await freePort()
const UPSTREAM = `http://localhost:${port}`
const SECRET = 'e2e-upstream-secret-0123456789abcdef'
const conn = cli(['idp', 'create', '--kind', 'oidc', '--name', 'Example Upstream', '--issuer', UPSTREAM,
  '--client-id', 'portcullis', '--client-secret-stdin'], SECRET)
const provider = new Provider(UPSTREAM, {
  clients: [{ client_id: 'portcullis', client_secret: SECRET, redirect_uris: [conn.redirect_uri] }],
  findAccount: (ctx, id) => ({
    accountId: id,
    // `nomail-…` accounts share no address, as Telegram and X do not.
    claims: () => (id.startsWith('nomail')
      ? { sub: id, name: `Upstream ${id}` }
      : { sub: id, email: `${id}@upstream.example`, email_verified: true, name: `Upstream ${id}` }),
  }),
  claims: { email: ['email', 'email_verified'], profile: ['name'] },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['e2e-cookie-key'] },
})
const upstream = provider.listen(port)
const PASSWORD = 'E2e-Upstream-Passw0rd-2024!'
cli(['user', 'create', '--email', 'dave@upstream.example', '--email-verified', '--password-stdin'], PASSWORD)

const rp = await startRp({
  issuer: ISSUER, clientId: env('E2E_CLIENT_ID'), clientSecret: env('E2E_CLIENT_SECRET'), port: Number(env('E2E_RP_PORT')),
})

async function shot(page, name) {
  await axe(page, name)
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })
}

// At the upstream: its login page (any login is `account`), then its consent page.
async function atUpstream(page, account) {
  await page.waitForURL((u) => u.href.startsWith(UPSTREAM))
  await page.locator('input[name=login]').fill(account)
  await page.locator('input[name=password]').fill('anything')
  await Promise.all([page.waitForNavigation(), page.locator('button[type=submit]').click()])
  if (page.url().startsWith(UPSTREAM)) {
    await Promise.all([page.waitForNavigation(), page.locator('button[type=submit]').click()])
  }
}

const signedIn = async (page, email) => {
  // The client is not first-party: its consent page comes first, once per user.
  await page.waitForURL((u) => u.href.startsWith(rp.url) || u.pathname === '/consent')
  if (new URL(page.url()).pathname === '/consent') {
    await Promise.all([page.waitForNavigation(), page.locator('button[name=decision][value=allow]').click()])
  }
  await page.waitForURL((u) => u.href.startsWith(rp.url))
  const text = await page.locator('main').textContent()
  assert(text.includes(`Signed in as ${email}`), `the client says: ${text}`)
  return JSON.parse(await page.locator('[data-claim=amr]').textContent())
}

const browser = await launch()
const step = story()
try {
  const page = await newPage(browser)
  await step('the login page offers "Continue with Example Upstream"', async () => {
    await page.goto(`${rp.url}/login`)
    const button = page.getByRole('link', { name: 'Continue with Example Upstream' })
    await button.waitFor()
    await shot(page, 'login-with-upstream')
  })
  await step('the upstream signs in a new user: the client gets amr ["fed"]', async () => {
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Continue with Example Upstream' }).click()])
    await atUpstream(page, 'carol')
    const amr = await signedIn(page, 'carol@upstream.example')
    assert(JSON.stringify(amr) === '["fed"]', `amr ${JSON.stringify(amr)}`)
  })

  const other = await newPage(browser)
  await step('an existing account\'s address: the link page asks for its password', async () => {
    await other.goto(`${rp.url}/login`)
    await Promise.all([other.waitForNavigation(), other.getByRole('link', { name: 'Continue with Example Upstream' }).click()])
    await atUpstream(other, 'dave')
    await other.waitForURL((u) => u.pathname === '/login/upstream/link')
    await shot(other, 'link-confirmation')
    await other.locator('#password').fill(PASSWORD)
    await Promise.all([other.waitForNavigation(), other.locator('form[action="/login/upstream/link"] button[type=submit]').click()])
    const amr = await signedIn(other, 'dave@upstream.example')
    assert(JSON.stringify(amr) === '["fed","pwd"]', `amr ${JSON.stringify(amr)}`)
  })

  await step('the account\'s security page lists the linked sign-in', async () => {
    await other.goto(`${ISSUER}/account/security`)
    await other.getByText('Sign-in with other services').waitFor()
    const text = await other.locator('main').textContent()
    assert(text.includes('Example Upstream') && text.includes('dave@upstream.example'), text)
    await shot(other, 'security-linked')
  })

  await step('no address from the upstream: the review step asks for one and proves it by a code', async () => {
    const fourth = await newPage(browser)
    await fourth.goto(`${rp.url}/login`)
    await Promise.all([fourth.waitForNavigation(), fourth.getByRole('link', { name: 'Continue with Example Upstream' }).click()])
    await atUpstream(fourth, 'nomail-erin')
    await fourth.waitForURL((u) => u.pathname === '/login/upstream/review')
    assert(await fourth.locator('#name').inputValue() === 'Upstream nomail-erin', 'the upstream\'s name is offered')
    await shot(fourth, 'review-address')
    await fourth.locator('#email').fill('erin@review.example')
    await Promise.all([fourth.waitForNavigation(), fourth.locator('form[action="/login/upstream/review"] button[type=submit]').click()])
    await fourth.locator('#code').waitFor()
    await shot(fourth, 'review-code')
    const text = await mailText(MAILDIR, 'erin@review.example', /\b\d{6}\b/)
    await fourth.locator('#code').fill(text.match(/\b(\d{6})\b/)[1])
    await Promise.all([fourth.waitForNavigation(), fourth.locator('form[action="/login/upstream/review/verify"] button[type=submit]').click()])
    const amr = await signedIn(fourth, 'erin@review.example')
    assert(JSON.stringify(amr) === '["fed"]', `amr ${JSON.stringify(amr)}`)
  })

  await step('a claimed domain: the address first, then straight to the upstream', async () => {
    execFileSync(BIN, ['idp', 'update', conn.id, '--domain', 'upstream.example'])
    const third = await newPage(browser)
    await third.goto(`${rp.url}/login`)
    await third.locator('form[action="/login/identify"]').waitFor()
    assert(await third.locator('#password').count() === 0, 'a password field on the address step')
    await shot(third, 'identity-first')
    await third.locator('#username').fill('dave@upstream.example')
    await Promise.all([third.waitForNavigation(), third.locator('form[action="/login/identify"] button[type=submit]').click()])
    await atUpstream(third, 'dave')
    await signedIn(third, 'dave@upstream.example')
  })
} finally {
  await browser.close()
  rp.close()
  upstream.close()
}
