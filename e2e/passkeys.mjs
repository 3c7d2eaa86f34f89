// Passkeys and security keys (WebAuthn), as a person meets them, with Chromium's virtual
// authenticators (DevTools protocol, `WebAuthn` domain) in place of a laptop or a USB key: a
// passkey added on the account's Security page, signing in to a client with the "Sign in with a
// passkey" button and with the email field's autofill (a conditional request), a security key as
// the second factor after the password, and a removed passkey refused. The ID token's acr and amr
// are read at the relying party. Every page is checked with axe-core and screenshotted
// (E2E_ARTIFACTS/passkeys/), some in the dark colour scheme too.
//
// WebAuthn needs an issuer with a domain name, so e2e/run starts a server of its own for this
// story at http://localhost:PORT; every Portcullis URL here uses that host (cookies are per
// host). The relying party stays at 127.0.0.1: it keeps its state in memory, not in cookies.
//
// Autofill: headless Chromium draws no autofill list. Its virtual environment answers a
// conditional request itself, with the authenticator's discoverable credential, once the
// authenticator "sees" a person (automatic presence simulation); that stands in for the person
// picking the passkey from the list. With presence off, the request stays pending, as it does
// while nobody picks anything; the story uses that to press the button meanwhile.
//
// Env (set by e2e/run): E2E_ISSUER (the localhost server), E2E_CLIENT_ID, E2E_CLIENT_SECRET,
// E2E_RP_PORT (its client), E2E_MAILDIR, E2E_ARTIFACTS, E2E_PORTCULLIS_BIN (`portcullis user
// create`, with that server's PORTCULLIS_* environment), E2E_IP_ISSUER (the suite's main
// server, at an IP address, where passkeys are off).

import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { assert, axe, check, env, fail, launch, mailText, newPage, startRp, story, waitUntil } from './lib.mjs'

const ISSUER = env('E2E_ISSUER').replace(/\/$/, '')
const IP_ISSUER = env('E2E_IP_ISSUER').replace(/\/$/, '')
const MAILDIR = env('E2E_MAILDIR')
const SHOTS = join(env('E2E_ARTIFACTS'), 'passkeys')
const BIN = env('E2E_PORTCULLIS_BIN')
const CLIENT = 'Passkey App'
mkdirSync(SHOTS, { recursive: true })

// ---- users ---------------------------------------------------------------------------------
function createUser(prefix, password) {
  const email = `${prefix}-${randomBytes(4).toString('hex')}@example.test`
  execFileSync(BIN, ['user', 'create', '--email', email, '--email-verified', '--password-stdin', '--json'],
    { input: `${password}\n`, stdio: ['pipe', 'ignore', 'pipe'] })
  return email
}
const A = { password: 'pk-Harbour-violet-lantern-52' } // a passkey on a laptop
const B = { password: 'pk-Cobalt-meadow-quarry-19' } // a security key on a key ring

// ---- authenticators --------------------------------------------------------------------------
// A platform authenticator (a laptop's: resident keys, user verification) or a roaming security
// key (USB, no resident keys, no user verification).
const PLATFORM = {
  protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true,
  isUserVerified: true, automaticPresenceSimulation: true,
}
const SECURITY_KEY = {
  protocol: 'ctap2', transport: 'usb', hasResidentKey: false, hasUserVerification: false,
  automaticPresenceSimulation: true,
}

// A browser (its own context, one tab) with one virtual authenticator. `webauthn` lists what
// the page's script asked of `navigator.credentials.get` and how each request ended, across
// navigations ({ path, mediation, outcome: started | resolved | rejected <name> }); `posts`
// the paths of the forms and fetches it posted.
async function device(options) {
  const page = await newPage(browser, { locale: 'en', viewport: { width: 1280, height: 800 } })
  const context = page.context()
  const webauthn = []
  const posts = []
  page.on('request', (r) => { if (r.method() === 'POST') posts.push(new URL(r.url()).pathname) })
  page.on('console', (m) => {
    if (m.type() === 'error' && m.text().includes('Content Security Policy')) cspViolations.push(`${page.url().split('?')[0]}: ${m.text()}`)
  })
  await context.exposeFunction('e2eWebAuthnSpy', (e) => webauthn.push(e))
  // Wraps the browser's own method, passing the request on unchanged; it only tells the test.
  await context.addInitScript(() => {
    const container = navigator.credentials
    if (!container) return
    const get = container.get.bind(container)
    container.get = (request) => {
      const seen = { path: location.pathname, mediation: request?.mediation ?? 'modal' }
      const p = get(request)
      window.e2eWebAuthnSpy({ ...seen, outcome: 'started' })
      p.then(() => window.e2eWebAuthnSpy({ ...seen, outcome: 'resolved' }),
        (e) => window.e2eWebAuthnSpy({ ...seen, outcome: `rejected ${e?.name}` }))
      return p
    }
  })
  const cdp = await context.newCDPSession(page)
  await cdp.send('WebAuthn.enable', { enableUI: false })
  let { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', { options })
  return {
    page,
    webauthn,
    posts,
    credentials: async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials,
    // Presence on: the authenticator answers at once, and a conditional request is answered
    // as if the person picked the passkey from the autofill list. Off: requests stay pending.
    presence: (enabled) => cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled }),
    // Another authenticator instead (the key unplugged, the laptop's own used): with both,
    // the virtual key would answer a new registration at once, as one already added.
    replace: async (other) => {
      await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId })
      const added = await cdp.send('WebAuthn.addVirtualAuthenticator', { options: other })
      authenticatorId = added.authenticatorId
    },
    // Forget what was seen so far.
    reset: () => { webauthn.length = 0; posts.length = 0 },
  }
}

// ---- pages ---------------------------------------------------------------------------------
const rp = await startRp({ issuer: ISSUER, clientId: env('E2E_CLIENT_ID'), clientSecret: env('E2E_CLIENT_SECRET'), port: Number(env('E2E_RP_PORT')) })
const browser = await launch()

const audited = new Set()
// A script the page's own CSP blocks is a feature that silently does nothing.
const cspViolations = []
async function visited(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })
  audited.add(name)
  await check(`passkeys axe: ${name} has no serious or critical violations`, () => axe(page, name))
}

async function heading(page, name, level = 1) {
  const exact = typeof name === 'string'
  try {
    await page.getByRole('heading', { level, name, exact }).first().waitFor()
  } catch {
    const h = await page.locator(`h${level}`).first().textContent({ timeout: 1000 }).catch(() => null)
    throw new Error(`expected heading ${exact ? `"${name}"` : name}; at ${page.url()} the h${level} is ${JSON.stringify(h?.trim() ?? null)}`)
  }
}
const path = (page) => new URL(page.url()).pathname

async function signIn(page, email, password) {
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
}
async function signOut(page) {
  await page.goto(`${ISSUER}/account`)
  await heading(page, 'Your account')
  await page.getByRole('button', { name: 'Sign out', exact: true }).click()
  await heading(page, 'You are signed out')
}
async function openSecurity(page) {
  await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Security', exact: true }).click()
  await heading(page, 'Sign-in security', 2)
  assert(path(page) === '/account/security', `at ${page.url()}`)
}
// The client's page after the code exchange: who, and the ID token's acr and amr.
async function atClient(page, email, acr, amr) {
  try {
    await page.waitForURL((u) => u.href.startsWith(`${rp.url}/callback?`))
  } catch {
    throw new Error(`not at the relying party: ${page.url()}`)
  }
  await page.getByText(`Signed in as ${email}`).waitFor()
  const claim = async (name) => JSON.parse(await page.locator(`[data-claim=${name}]`).textContent())
  const got = { acr: await claim('acr'), amr: await claim('amr') }
  assert(got.acr === acr, `the ID token's acr is ${JSON.stringify(got.acr)}, not ${JSON.stringify(acr)}`)
  assert(JSON.stringify(got.amr) === JSON.stringify(amr), `the ID token's amr is ${JSON.stringify(got.amr)}, not ${JSON.stringify(amr)}`)
}
// The Portcullis login page of an authorization request from the client.
async function loginAtClient(page) {
  await page.goto(`${rp.url}/login`)
  await heading(page, 'Sign in')
  await page.getByText(`to continue to ${CLIENT}`).waitFor()
}
const passkeyButton = (page) => page.getByRole('button', { name: 'Sign in with a passkey', exact: true })

// The security page lists the key `name` with its kind, a rename field and a remove button.
async function listed(page, name, kind) {
  const item = page.locator('.factors li').filter({ has: page.locator('strong', { hasText: new RegExp(`^${name}$`) }) })
  await item.waitFor()
  const badge = (await item.locator('.badge').textContent()).trim()
  assert(badge === kind, `${name} is marked ${JSON.stringify(badge)}, not ${JSON.stringify(kind)}`)
  assert(await page.getByLabel(`New name for ${name}`, { exact: true }).count() === 1, `no rename field for ${name}`)
  assert(await page.getByRole('button', { name: `Remove ${name}`, exact: true }).count() === 1, `no "Remove ${name}" button`)
}

// The recovery codes shown after the first factor: ten distinct ones; Continue leads back.
async function recoveryCodes(page, shot) {
  await heading(page, 'Save your recovery codes', 2)
  assert(path(page) === '/account/security/webauthn', `at ${page.url()}`)
  const codes = (await page.locator('#recovery-codes li code').allTextContents()).map((c) => c.trim())
  assert(codes.length === 10 && new Set(codes).size === 10, `#recovery-codes holds ${codes.length} codes (${new Set(codes).size} distinct), not 10`)
  await visited(page, shot)
  await page.getByRole('link', { name: 'Continue', exact: true }).click()
  await heading(page, 'Sign-in security', 2)
  await page.getByText('10 unused recovery codes are left.').waitFor()
}

// ---- the story -----------------------------------------------------------------------------
const stepA = story()
const stepB = story()
let a = null // A's laptop
let b = null // B's browser and security key
let passkeyId = null

try {
  A.email = createUser('pk-a', A.password)
  B.email = createUser('pk-b', B.password)
  console.log(`e2e passkeys: users ${A.email} and ${B.email}`)

  await check('0. discovery on the localhost issuer lists acr_values_supported ["1","2","phr"]', async () => {
    const meta = await (await fetch(`${ISSUER}/.well-known/openid-configuration`)).json()
    assert(JSON.stringify(meta.acr_values_supported) === '["1","2","phr"]', `acr_values_supported is ${JSON.stringify(meta.acr_values_supported)}`)
  })
  await check('0. on an issuer at an IP address passkeys are off: no button, no webauthn autofill, no "phr"', async () => {
    const meta = await (await fetch(`${IP_ISSUER}/.well-known/openid-configuration`)).json()
    assert(!meta.acr_values_supported.includes('phr'), `acr_values_supported is ${JSON.stringify(meta.acr_values_supported)}`)
    const p = await newPage(browser, { locale: 'en' })
    await p.goto(`${IP_ISSUER}/account`)
    await heading(p, 'Sign in')
    const autocomplete = await p.locator('#username').getAttribute('autocomplete')
    assert(autocomplete === 'username', `the email field's autocomplete is ${JSON.stringify(autocomplete)}`)
    assert(await p.locator('#passkey-signin').count() === 0, 'a passkey button on an IP-address issuer')
    await p.context().close()
  })

  await stepA('1. A signs in to the account with the password and opens Security: no key yet, two buttons to add one', async () => {
    a = await device(PLATFORM)
    await a.page.goto(`${ISSUER}/account`)
    await heading(a.page, 'Sign in')
    await signIn(a.page, A.email, A.password)
    await heading(a.page, 'Your account')
    await openSecurity(a.page)
    await a.page.getByText('You have no passkey or security key.').waitFor()
    await a.page.getByRole('button', { name: 'Add a passkey', exact: true }).waitFor()
    assert(await a.page.locator('#security-key-add').isVisible(), 'no visible "add a security key" button')
    await visited(a.page, 'account-security-none')
  })
  await stepA('1. "Add a passkey" makes a resident credential on the laptop and shows ten recovery codes', async () => {
    await a.page.getByLabel('Name for the new passkey or key', { exact: true }).fill('Laptop')
    await a.page.locator('#passkey-add').click()
    await recoveryCodes(a.page, 'account-recovery-codes-passkey')
    const creds = await a.credentials()
    assert(creds.length === 1, `the authenticator holds ${creds.length} credentials`)
    const [c] = creds
    assert(c.isResidentCredential && c.rpId === 'localhost' && c.userName === A.email,
      `the credential: resident ${c.isResidentCredential}, rpId ${c.rpId}, user name ${c.userName}`)
    passkeyId = c.credentialId
  })
  await stepA('1. the passkey is listed ("Laptop", Passkey, not used yet), and a mail tells A of it', async () => {
    await listed(a.page, 'Laptop', 'Passkey')
    await a.page.locator('.factors li').filter({ hasText: 'Laptop' }).getByText('Not used yet').waitFor()
    await visited(a.page, 'account-security-passkey')
    await mailText(MAILDIR, A.email, /A passkey or security key was added to your account\./)
  })
  await stepA('1. sign out', async () => {
    await a.page.getByRole('button', { name: 'Sign out', exact: true }).click()
    await heading(a.page, 'You are signed out')
  })

  await stepA('2. the client\'s login page offers "Sign in with a passkey" and starts a conditional request, which stays pending', async () => {
    await a.presence(false) // nobody picks the passkey from the autofill list
    a.reset()
    await loginAtClient(a.page)
    await passkeyButton(a.page).waitFor()
    const autocomplete = await a.page.locator('#username').getAttribute('autocomplete')
    assert(autocomplete === 'username webauthn', `the email field's autocomplete is ${JSON.stringify(autocomplete)}`)
    await waitUntil('a conditional request on load', () => a.webauthn.some((e) => e.mediation === 'conditional' && e.outcome === 'started'))
    await visited(a.page, 'login-passkey')
  })
  await stepA('2. the button aborts the conditional request and signs A in with the passkey, no password typed: acr "phr", amr swk user mfa', async () => {
    await a.presence(true)
    await passkeyButton(a.page).click()
    await heading(a.page, `Allow ${CLIENT} to access your account?`)
    await visited(a.page, 'consent')
    await a.page.getByRole('button', { name: 'Allow', exact: true }).click()
    await atClient(a.page, A.email, 'phr', ['swk', 'user', 'mfa'])
    // The abort and the new request race; their order does not matter.
    const seen = a.webauthn.map((e) => `${e.mediation} ${e.outcome}`).sort().join(', ')
    assert(seen === 'conditional rejected AbortError, conditional started, modal resolved, modal started',
      `navigator.credentials.get: ${seen}`)
    assert(a.posts.includes('/login/passkey') && !a.posts.includes('/login'), `posted to ${a.posts.join(', ')}`)
  })

  await stepA('3. autofill: with the passkey picked, the conditional request alone signs A in (no click, no key press)', async () => {
    await signOut(a.page)
    a.reset()
    await a.page.goto(`${rp.url}/login`)
    await atClient(a.page, A.email, 'phr', ['swk', 'user', 'mfa'])
    const seen = a.webauthn.map((e) => `${e.path} ${e.mediation} ${e.outcome}`).join(', ')
    assert(seen === '/login conditional started, /login conditional resolved', `navigator.credentials.get: ${seen}`)
    assert(a.posts.includes('/login/passkey') && !a.posts.includes('/login'), `posted to ${a.posts.join(', ')}`)
  })

  await stepB('4. B signs in to the account and adds a security key (USB): recovery codes, then listed as "Security key"', async () => {
    b = await device(SECURITY_KEY)
    await b.page.goto(`${ISSUER}/account`)
    await signIn(b.page, B.email, B.password)
    await heading(b.page, 'Your account')
    await openSecurity(b.page)
    await b.page.getByLabel('Name for the new passkey or key', { exact: true }).fill('Blue key')
    await b.page.getByRole('button', { name: 'Add a security key', exact: true }).click()
    await recoveryCodes(b.page, 'account-recovery-codes-key')
    const creds = await b.credentials()
    assert(creds.length === 1 && !creds[0].isResidentCredential, `the key holds ${creds.length} credential(s), resident: ${creds[0]?.isResidentCredential}`)
    await listed(b.page, 'Blue key', 'Security key')
    await visited(b.page, 'account-security-key')
    await mailText(MAILDIR, B.email, /A passkey or security key was added to your account\./)
    await b.page.getByRole('button', { name: 'Sign out', exact: true }).click()
    await heading(b.page, 'You are signed out')
  })
  await stepB('4. at the client, after the password B is asked for the key (a button, no code field)', async () => {
    await loginAtClient(b.page)
    await signIn(b.page, B.email, B.password)
    await heading(b.page, 'Two-step verification')
    assert(path(b.page) === '/login/factor', `at ${b.page.url()}`)
    await b.page.getByText('Use your passkey or security key.').waitFor()
    await b.page.getByRole('button', { name: 'Use passkey or security key', exact: true }).waitFor()
    assert(await b.page.locator('#code').count() === 0, 'a code field on the key\'s challenge')
    await visited(b.page, 'login-factor-webauthn')
  })
  await stepB('4. "Use passkey or security key" reaches the client: acr "2", amr pwd hwk mfa', async () => {
    b.reset()
    await b.page.locator('#webauthn-factor').click()
    await heading(b.page, `Allow ${CLIENT} to access your account?`)
    await b.page.getByRole('button', { name: 'Allow', exact: true }).click()
    await atClient(b.page, B.email, '2', ['pwd', 'hwk', 'mfa'])
    const seen = b.webauthn.map((e) => `${e.path} ${e.mediation} ${e.outcome}`).join(', ')
    assert(seen === '/login/factor modal started, /login/factor modal resolved', `navigator.credentials.get: ${seen}`)
  })

  await stepA('5. A, signed in with the passkey, removes it on the Security page', async () => {
    await signOut(a.page)
    await a.page.goto(`${ISSUER}/account`) // the autofill signs A in: a fresh sign-in
    await heading(a.page, 'Your account')
    await openSecurity(a.page)
    await listed(a.page, 'Laptop', 'Passkey')
    await a.page.locator('.factors li').filter({ hasText: 'Laptop' }).getByText(/Last used /).waitFor()
    await a.page.getByRole('button', { name: 'Remove Laptop', exact: true }).click()
    await a.page.getByRole('status').filter({ hasText: 'The passkey or security key was removed.' }).waitFor()
    await a.page.getByText('You have no passkey or security key.').waitFor()
    // No factor is left, so the recovery codes went with it.
    await a.page.getByText('You have no recovery codes.').waitFor()
    await mailText(MAILDIR, A.email, /A passkey or security key was removed from your account\./)
    await visited(a.page, 'account-security-removed')
  })
  await stepA('5. the laptop still holds the passkey, but the server refuses it: the login page says so (HTTP 401)', async () => {
    await a.page.getByRole('button', { name: 'Sign out', exact: true }).click()
    await heading(a.page, 'You are signed out')
    const creds = await a.credentials()
    assert(creds.length === 1 && creds[0].credentialId === passkeyId, `the authenticator holds ${creds.length} credential(s)`)
    await a.presence(false)
    a.reset()
    await loginAtClient(a.page)
    await waitUntil('a conditional request on load', () => a.webauthn.some((e) => e.path === '/login' && e.outcome === 'started'))
    await a.presence(true)
    // Presence off again before the answer arrives: the page it brings starts a conditional
    // request too, which would otherwise be answered (and refused) again and again.
    const passkeyPost = `${ISSUER}/login/passkey`
    await a.page.route(passkeyPost, async (route) => {
      await a.presence(false)
      await route.continue()
    })
    const [res] = await Promise.all([
      a.page.waitForResponse((r) => r.request().method() === 'POST' && r.url() === passkeyPost),
      passkeyButton(a.page).click(),
    ])
    await a.page.unroute(passkeyPost)
    assert(res.status() === 401, `the refused passkey answers HTTP ${res.status()}`)
    await heading(a.page, 'Sign in')
    await a.page.getByRole('alert').filter({ hasText: 'That passkey could not sign you in. Try again, or sign in with your password.' }).waitFor()
    await passkeyButton(a.page).waitFor()
    await visited(a.page, 'login-passkey-refused')
  })
  await stepA('5. the password still signs A in (no factor left): acr "1", amr pwd', async () => {
    await signIn(a.page, A.email, A.password)
    await atClient(a.page, A.email, '1', ['pwd'])
  })

  await stepB('6. dark: the login page with the button, the key\'s challenge and the Security page with the key listed', async () => {
    await signOut(b.page)
    await b.page.emulateMedia({ colorScheme: 'dark' })
    assert(await b.page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches), 'the dark scheme is not in effect')
    await loginAtClient(b.page)
    await passkeyButton(b.page).waitFor()
    await visited(b.page, 'login-passkey-dark')
    await signIn(b.page, B.email, B.password)
    await b.page.getByRole('button', { name: 'Use passkey or security key', exact: true }).waitFor()
    await visited(b.page, 'login-factor-webauthn-dark')
    await b.page.locator('#webauthn-factor').click()
    await atClient(b.page, B.email, '2', ['pwd', 'hwk', 'mfa'])
    await b.page.goto(`${ISSUER}/account/security`)
    await listed(b.page, 'Blue key', 'Security key')
    await visited(b.page, 'account-security-key-dark')
  })

  await stepB('7. a second key (a passkey on B\'s laptop) shows "Your passkey or security key is set up.", no new codes; both are listed', async () => {
    await b.page.emulateMedia({ colorScheme: 'light' })
    await b.replace(PLATFORM)
    await b.page.getByLabel('Name for the new passkey or key', { exact: true }).fill('Work laptop')
    await b.page.locator('#passkey-add').click()
    await b.page.getByRole('status').filter({ hasText: 'Your passkey or security key is set up.' }).waitFor()
    assert(path(b.page) === '/account/security/webauthn', `at ${b.page.url()}`)
    assert(await b.page.locator('#recovery-codes').count() === 0, 'new recovery codes for a second key')
    await b.page.getByText('10 unused recovery codes are left.').waitFor()
    await listed(b.page, 'Blue key', 'Security key')
    await listed(b.page, 'Work laptop', 'Passkey')
    await visited(b.page, 'account-security-two-keys')
  })

  await check('no page broke its own Content Security Policy', () => {
    assert(cspViolations.length === 0, cspViolations.join('; '))
  })

  // Every page the story was meant to reach must have been audited.
  for (const name of ['account-security-none', 'account-recovery-codes-passkey', 'account-security-passkey',
    'login-passkey', 'consent', 'account-recovery-codes-key', 'account-security-key', 'login-factor-webauthn',
    'account-security-removed', 'login-passkey-refused', 'login-passkey-dark', 'login-factor-webauthn-dark',
    'account-security-key-dark', 'account-security-two-keys']) {
    if (!audited.has(name)) fail(`passkeys axe: ${name} has no serious or critical violations`, 'page not reached')
  }
} finally {
  await browser.close()
  rp.close()
}
