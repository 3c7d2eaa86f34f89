// Browser end-to-end walk through Portcullis' hosted pages, as a person would do it: sign up,
// verify the email from the mail that was really sent, sign in to a relying party, then manage
// the account (password, sessions, data export, deletion). Every distinct page is screenshotted
// and checked with axe-core.
//
// Prints one "PASS name" / "FAIL name: why" line per check; e2e/run counts them.
// Env (set by e2e/run): E2E_ISSUER, E2E_CLIENT_ID, E2E_CLIENT_SECRET, E2E_RP_PORT, E2E_MAILDIR,
// E2E_ARTIFACTS, E2E_CHROMIUM (default /usr/bin/chromium).

import http from 'node:http'
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as oidc from 'openid-client'
import { chromium } from 'playwright-core'

import { TIMEOUT, assert, axe, check, env, fail, mailText, story, waitUntil } from './lib.mjs'

const ISSUER = env('E2E_ISSUER').replace(/\/$/, '')
const CLIENT_ID = env('E2E_CLIENT_ID')
const CLIENT_SECRET = env('E2E_CLIENT_SECRET')
const RP = `http://127.0.0.1:${env('E2E_RP_PORT')}`
const MAILDIR = env('E2E_MAILDIR')
const ARTIFACTS = env('E2E_ARTIFACTS')
const CHROMIUM = env('E2E_CHROMIUM', '/usr/bin/chromium')

const EMAIL = `e2e-${randomBytes(6).toString('hex')}@example.test`
const PASSWORD = 'correct-Horse-battery-staple-91'
const NEW_PASSWORD = 'another-Tidy-lantern-orbit-37'

// The walk is one story: a failed step skips the rest.
const step = story()

// ---- pages: screenshot + axe once per distinct page -----------------------------------------
mkdirSync(ARTIFACTS, { recursive: true })
let shots = 0
const audited = new Set()

// Called on arrival at each page: a PNG for a human to look at, and (first visit only) axe.
async function visited(page, name) {
  shots += 1
  await page.screenshot({ path: join(ARTIFACTS, `${String(shots).padStart(2, '0')}-${name}.png`), fullPage: true })
  if (audited.has(name)) return
  audited.add(name)
  await check(`axe: ${name} has no serious or critical violations`, () => axe(page, name))
}

// Waits for a heading; on failure says what the page shows instead.
async function expectHeading(page, name) {
  const exact = typeof name === 'string'
  try {
    await page.getByRole('heading', { name, exact }).first().waitFor({ timeout: TIMEOUT })
  } catch {
    const h1 = await page.locator('h1').first().textContent({ timeout: 1000 }).catch(() => null)
    throw new Error(`expected heading ${exact ? `"${name}"` : name}; at ${page.url()} the h1 is ${JSON.stringify(h1?.trim() ?? null)}`)
  }
}

async function signIn(page, email, password) {
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
}

// ---- the relying party ---------------------------------------------------------------------
// allowInsecureRequests: the issuer is plain http on loopback. enableNonRepudiationChecks: also
// verify the ID token's signature against the JWKS, not only its claims.
const oidcConfig = await oidc.discovery(new URL(ISSUER), CLIENT_ID, { client_secret: CLIENT_SECRET },
  oidc.ClientSecretBasic(CLIENT_SECRET), { execute: [oidc.allowInsecureRequests, oidc.enableNonRepudiationChecks] })
const pending = new Map() // state -> { verifier, nonce }
const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
const html = (res, status, title, body) => {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' })
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`)
}

const rp = http.createServer(async (req, res) => {
  const url = new URL(req.url, RP)
  try {
    if (url.pathname === '/login') {
      const verifier = oidc.randomPKCECodeVerifier()
      const state = oidc.randomState()
      const nonce = oidc.randomNonce()
      pending.set(state, { verifier, nonce })
      const target = oidc.buildAuthorizationUrl(oidcConfig, {
        redirect_uri: `${RP}/callback`, scope: 'openid email profile', state, nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
      })
      res.writeHead(302, { location: target.href }).end()
    } else if (url.pathname === '/callback') {
      const state = url.searchParams.get('state')
      const p = pending.get(state)
      if (!p) return html(res, 400, 'Unknown state', `<p>No login in progress for state ${escapeHtml(state)}</p>`)
      pending.delete(state)
      const tokens = await oidc.authorizationCodeGrant(oidcConfig, url, {
        pkceCodeVerifier: p.verifier, expectedState: state, expectedNonce: p.nonce, idTokenExpected: true,
      })
      // The email may come in the ID token or only from userinfo (OIDC Core §5.4): ask userinfo.
      const info = await oidc.fetchUserInfo(oidcConfig, tokens.access_token, tokens.claims().sub)
      html(res, 200, 'E2E App', `<p>Signed in as ${escapeHtml(info.email)}</p>`)
    } else {
      html(res, 404, 'Not found', '')
    }
  } catch (e) {
    console.log(`  rp: ${req.url.split('?')[0]}: ${e.error ?? ''} ${e.message}`)
    html(res, 500, 'Sign-in failed', `<p>${escapeHtml(e.error ?? '')} ${escapeHtml(e.message)}</p>`)
  }
})
await new Promise((resolve, reject) => rp.once('error', reject).listen(Number(new URL(RP).port), '127.0.0.1', resolve))

// ---- the walk ------------------------------------------------------------------------------
const browser = await chromium.launch({
  executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
})
// A page's own script blocked by its own CSP is a bug a person would meet as a silently dead
// feature; counted in one check at the end.
const cspViolations = []
async function newPage() {
  const context = await browser.newContext({ acceptDownloads: true })
  context.setDefaultTimeout(TIMEOUT)
  const page = await context.newPage()
  // Printed to say what went wrong; only CSP violations count (in their own check).
  // Chromium's "Failed to load resource" lines name no URL; the response listener does, and
  // skips the document itself (a 401 after a wrong password is intended) and the favicon.
  page.on('pageerror', (e) => console.log(`  page error at ${page.url()}: ${e.message}`))
  page.on('console', (m) => {
    if (m.type() !== 'error' || m.text().startsWith('Failed to load resource')) return
    console.log(`  console error at ${page.url()}: ${m.text()}`)
    if (m.text().includes('Content Security Policy')) cspViolations.push(page.url().split('?')[0])
  })
  page.on('response', (r) => {
    const type = r.request().resourceType()
    if (r.status() >= 400 && type !== 'document' && !r.url().endsWith('/favicon.ico')) {
      console.log(`  HTTP ${r.status()} for ${type} ${r.url().split('?')[0]} at ${page.url()}`)
    }
  })
  return page
}

try {
  const page = await newPage()
  let second = null
  console.log(`e2e: user ${EMAIL}`)

  await step('a. RP /login lands on the Portcullis login page', async () => {
    await page.goto(`${RP}/login`)
    await expectHeading(page, 'Sign in')
    assert(page.url().startsWith(ISSUER), `login page is not on the issuer: ${page.url()}`)
    await visited(page, 'login')
  })
  await step('a. "Create account" leads to the sign-up page', async () => {
    await page.getByRole('link', { name: 'Create account', exact: true }).click()
    await expectHeading(page, 'Create your account')
    await visited(page, 'sign-up')
  })

  await step('b. sign up', async () => {
    await page.getByLabel('Email address').fill(EMAIL)
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
    // What a person sees while typing: the server's strength check (static/js/forms.js).
    await check('b. sign-up gives live password feedback', () => page.getByText('Strong enough.').waitFor({ timeout: 3000 }))
    await page.getByLabel('Confirm password').fill(PASSWORD)
    await page.getByLabel('Name (optional)').fill('E2E User')
    await page.getByRole('button', { name: 'Create account', exact: true }).click()
    await expectHeading(page, 'Check your email')
    await visited(page, 'check-email')
  })

  let verifyLink
  await step('c. verification mail has a link and a 6-digit code', async () => {
    const text = await mailText(MAILDIR, EMAIL, /\/verify-email\?token=/)
    verifyLink = /https?:\/\/[^\s<>"]+\/verify-email\?token=[^\s<>"]+/.exec(text)?.[0]
    assert(verifyLink, `no verify-email link in:\n${text}`)
    assert(/(^|\D)\d{6}(\D|$)/.test(text.replace(verifyLink, '')), 'no 6-digit code in the mail')
  })
  // Opened in another browser (mail read on another device): in the sign-up's own browser the
  // link resumes the sign-in instead (e2e/detours.mjs checks that).
  await step('c. the link confirms the email address', async () => {
    const mail = await newPage()
    await mail.goto(verifyLink)
    await expectHeading(mail, 'Confirm your email address')
    await visited(mail, 'confirm-email')
    await mail.getByRole('button', { name: 'Confirm', exact: true }).click()
    await expectHeading(mail, 'Email verified')
    await visited(mail, 'email-verified')
    await mail.context().close()
  })

  await step('d. sign in to the RP through login and consent', async () => {
    await page.goto(`${RP}/login`)
    await expectHeading(page, 'Sign in')
    await signIn(page, EMAIL, PASSWORD)
    // The client was registered without --first-party, so consent is asked.
    await expectHeading(page, /^Allow E2E App to access your account\?$/)
    await visited(page, 'consent')
    await page.getByRole('button', { name: 'Allow', exact: true }).click()
    await page.getByText(`Signed in as ${EMAIL}`).waitFor()
    assert(page.url().startsWith(RP), `not back at the RP: ${page.url()}`)
    await visited(page, 'rp-signed-in')
  })

  await step('e. the account page, reached through the SSO session', async () => {
    await page.goto(`${ISSUER}/account`)
    await expectHeading(page, 'Your account')
    await visited(page, 'account-profile')
  })
  await step('e. change password', async () => {
    await page.getByRole('link', { name: 'Password', exact: true }).click()
    await page.getByLabel('Current password').waitFor()
    await visited(page, 'account-password')
    await page.getByLabel('Current password').fill(PASSWORD)
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD)
    await page.getByLabel('Confirm new password').fill(NEW_PASSWORD)
    await page.getByRole('button', { name: 'Change password', exact: true }).click()
    await page.getByRole('status').filter({ hasText: 'Password changed' }).waitFor()
  })

  await step('f. a second browser signs in to the account with the new password', async () => {
    second = await newPage()
    await second.goto(`${ISSUER}/account`)
    await expectHeading(second, 'Sign in')
    await visited(second, 'login')
    await signIn(second, EMAIL, NEW_PASSWORD)
    await expectHeading(second, 'Your account')
    await visited(second, 'account-profile')
  })
  await step('f. sessions page lists both, and signs the other one out', async () => {
    await page.getByRole('link', { name: 'Sessions', exact: true }).click()
    const table = page.getByRole('table')
    await table.waitFor()
    await visited(page, 'account-sessions')
    // Data rows are those with cells; the header row has only column headers.
    const rows = table.getByRole('row').filter({ has: page.getByRole('cell') })
    const count = await rows.count()
    assert(count >= 2, `expected at least 2 sessions, the table has ${count}`)
    assert(await rows.filter({ hasText: 'This device' }).count() === 1, 'no single row is marked "This device"')
    // Substring match: the button's accessible name adds the device ("Sign out Chrome on Linux, ...").
    await rows.filter({ hasNotText: 'This device' }).first().getByRole('button', { name: 'Sign out' }).click()
    await waitUntil('the sessions table to list one session',
      async () => (await page.getByRole('table').getByRole('row').filter({ has: page.getByRole('cell') }).count()) === 1)
  })
  await step('f. the signed-out browser is back at the login page', async () => {
    await second.reload()
    await expectHeading(second, 'Sign in')
    await visited(second, 'login')
    await second.context().close()
  })

  await step('account: activity and applications pages', async () => {
    await page.getByRole('link', { name: 'Activity', exact: true }).click()
    await page.getByRole('heading', { level: 1 }).waitFor()
    await visited(page, 'account-activity')
    await page.getByRole('link', { name: 'Applications', exact: true }).click()
    await page.getByText('E2E App').first().waitFor()
    await visited(page, 'account-applications')
  })

  await step('g. "Download my data" exports profile, sessions, consents and activity', async () => {
    await page.getByRole('link', { name: 'Your data', exact: true }).click()
    await page.getByRole('button', { name: 'Download my data', exact: true }).waitFor()
    await visited(page, 'account-data')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download my data', exact: true }).click(),
    ])
    const text = readFileSync(await download.path(), 'utf8')
    writeFileSync(join(ARTIFACTS, 'data-export.json'), text)
    const data = JSON.parse(text)
    assert(data.profile?.email === EMAIL, `profile.email is ${JSON.stringify(data.profile?.email)}`)
    assert(Array.isArray(data.sessions), 'no sessions array')
    assert(Array.isArray(data.consents), 'no consents array')
    const consents = JSON.stringify(data.consents)
    assert(consents.includes(CLIENT_ID) || consents.includes('E2E App'), `consents lack the E2E App: ${consents}`)
    assert(Array.isArray(data.activity) && data.activity.length > 0, 'activity is empty')
  })

  await step('h. delete the account', async () => {
    await page.getByLabel('Current password').fill(NEW_PASSWORD)
    await page.getByRole('checkbox', { name: 'I understand this cannot be undone' }).check()
    await page.getByRole('button', { name: 'Delete my account', exact: true }).click()
    await expectHeading(page, 'Account deleted')
    await visited(page, 'account-deleted')
  })
  await step('h. the deleted account can no longer sign in', async () => {
    await page.goto(`${RP}/login`)
    await expectHeading(page, 'Sign in')
    await signIn(page, EMAIL, NEW_PASSWORD)
    await page.getByRole('alert').waitFor()
    await expectHeading(page, 'Sign in')
    await visited(page, 'login-error')
  })

  // Pages outside the story: each stands alone.
  await check('forgot-password page', async () => {
    await page.goto(`${ISSUER}/forgot-password`)
    await page.getByLabel('Email address').waitFor()
    await visited(page, 'forgot-password')
  })
  await check('error page for an unknown interaction', async () => {
    const res = await page.goto(`${ISSUER}/login?interaction=bogus`)
    assert(res.status() >= 400, `HTTP ${res.status()}`)
    await page.getByRole('heading', { level: 1 }).waitFor()
    await visited(page, 'error')
  })

  await check('no Content Security Policy violations', async () => {
    assert(cspViolations.length === 0, `on ${[...new Set(cspViolations)].join(', ')}`)
  })

  // Every page the walk was meant to reach must have been audited.
  for (const name of ['login', 'sign-up', 'check-email', 'confirm-email', 'email-verified', 'consent',
    'account-profile', 'account-password', 'account-sessions', 'account-activity', 'account-applications',
    'account-data', 'forgot-password', 'error']) {
    if (!audited.has(name)) fail(`axe: ${name} has no serious or critical violations`, 'page not reached')
  }
} finally {
  await browser.close()
  rp.close()
}
