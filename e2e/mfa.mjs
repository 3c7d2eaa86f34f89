// Two-step verification with an authenticator app, as a person meets it: set up on the account's
// Security page (QR code, key, first code, recovery codes, rename), asked for after the password
// when signing in to a client (a wrong code, then the right one), "Try another way" with a
// recovery code, the challenge done with the keyboard only, set up during the sign-in to a client
// that requires it of everyone, and the re-authentication an older session must pass before a
// change. Every page is checked with axe-core and screenshotted (E2E_ARTIFACTS/mfa/), in English
// and light colours, and some in Arabic and in the dark colour scheme.
//
// The codes come from the `otpauth` package, never from the server, and the QR code is decoded
// with `jsqr`: what a phone would read. The server takes each 30-second step's code once, so a
// second code from the same app waits for the next step, as a person would; the story is ordered
// so that other work fills most of that wait.
//
// Env (set by e2e/run): E2E_ISSUER, E2E_CLIENT_ID, E2E_CLIENT_SECRET, E2E_RP_PORT (the client
// without a policy), E2E_MFA_CLIENT_ID, E2E_MFA_CLIENT_SECRET, E2E_MFA_RP_PORT (created with
// --require-mfa), E2E_MAILDIR, E2E_ARTIFACTS, E2E_PORTCULLIS_BIN (for `portcullis user create`).

import { execFileSync } from 'node:child_process'
import { randomBytes, randomInt } from 'node:crypto'
import { mkdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import jsQR from 'jsqr'
import * as OTPAuth from 'otpauth'
import { assert, axe, check, env, fail, launch, mailText, newPage, startRp, story } from './lib.mjs'

const ISSUER = env('E2E_ISSUER').replace(/\/$/, '')
const MAILDIR = env('E2E_MAILDIR')
const SHOTS = join(env('E2E_ARTIFACTS'), 'mfa')
const BIN = env('E2E_PORTCULLIS_BIN')
mkdirSync(SHOTS, { recursive: true })

// ---- the authenticator app -----------------------------------------------------------------
const PERIOD = 30
const stepNow = () => Math.floor(Date.now() / 1000 / PERIOD)
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

// One app holding one key: the code it shows now. A code the server took is spent with its
// step, so the next one waits for a new step.
class AuthenticatorApp {
  constructor(base32) {
    this.totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(base32), algorithm: 'SHA1', digits: 6, period: PERIOD })
    this.spent = -1
  }

  codeAt(step) {
    return this.totp.generate({ timestamp: step * PERIOD * 1000 })
  }

  // The code on the screen once it is a fresh one; marked spent (the caller submits it).
  async code() {
    const start = Date.now()
    while (stepNow() <= this.spent) await sleep(250)
    if (Date.now() - start > 1000) console.log(`  waited ${Math.round((Date.now() - start) / 1000)} s for the app's next code`)
    this.spent = stepNow()
    return this.codeAt(this.spent)
  }

  // Six digits that are none of the codes the server could accept now (it allows one step of
  // clock drift; two more steps cover a step boundary passed while typing).
  wrongCode() {
    const near = [-2, -1, 0, 1, 2].map((d) => this.codeAt(stepNow() + d))
    for (;;) {
      const c = String(randomInt(1_000_000)).padStart(6, '0')
      if (!near.includes(c)) return c
    }
  }
}

// ---- Arabic -------------------------------------------------------------------------------
// The new pages' messages (single-line `id = text`), English and Arabic: an Arabic page shows
// no English text of one of them (a piece of 12 characters or more between placeables) and no
// message id. The default app name is left out: once saved it is the user's own name.
const LOCALES = join(dirname(fileURLToPath(import.meta.url)), '..', 'locales')
const MFA_MESSAGE = /^(factor|enrol|setup|totp|recovery-codes|security|reauth|nav-security)(-|$)/
const messages = (lang) => new Map(readFileSync(join(LOCALES, `${lang}.ftl`), 'utf8').split('\n')
  .map((l) => /^([a-z][\w-]*) = (.+)$/.exec(l)).filter((m) => m && MFA_MESSAGE.test(m[1]) && m[1] !== 'totp-default-name')
  .map((m) => [m[1], m[2]]))
const EN = messages('en')
const AR = messages('ar')
async function englishLeft(page) {
  const text = await page.evaluate(() => [document.title, document.body.innerText,
    ...[...document.querySelectorAll('[aria-label], [placeholder], [alt], [title]')]
      .flatMap((e) => ['aria-label', 'placeholder', 'alt', 'title'].map((a) => e.getAttribute(a) ?? ''))].join('\n'))
  const left = []
  for (const [id, en] of EN) {
    if (text.includes(id)) left.push(`message id ${id}`)
    if (AR.get(id) === en) continue
    for (const f of en.split(/\{[^}]*\}/).map((x) => x.trim()).filter((x) => x.length >= 12)) {
      if (text.includes(f)) left.push(`"${f}" (${id})`)
    }
  }
  return left
}
async function inArabic(page) {
  const { lang, dir } = await page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }))
  assert(lang === 'ar' && dir === 'rtl', `lang="${lang}" dir="${dir}" at ${page.url()}`)
  const left = await englishLeft(page)
  assert(left.length === 0, `English on the Arabic page: ${left.join('; ')}`)
}

// ---- users and relying parties -------------------------------------------------------------
// Made with the CLI (verified addresses): the sign-up page has its own walks, and sign-ups are
// limited per IP address (10 an hour), most of which the other scripts use.
function createUser(prefix, password) {
  const email = `${prefix}-${randomBytes(4).toString('hex')}@example.test`
  execFileSync(BIN, ['user', 'create', '--email', email, '--email-verified', '--password-stdin', '--json'],
    { input: `${password}\n`, stdio: ['pipe', 'ignore', 'pipe'] })
  return email
}
const A = { password: 'mfa-Lumen-orchard-basket-48' }
const B = { password: 'mfa-Granite-pepper-tundra-73' }

const rp = await startRp({ issuer: ISSUER, clientId: env('E2E_CLIENT_ID'), clientSecret: env('E2E_CLIENT_SECRET'), port: Number(env('E2E_RP_PORT')) })
const mfaRp = await startRp({
  issuer: ISSUER, clientId: env('E2E_MFA_CLIENT_ID'), clientSecret: env('E2E_MFA_CLIENT_SECRET'), port: Number(env('E2E_MFA_RP_PORT')),
})
const browser = await launch()

// ---- pages: axe and a screenshot for each --------------------------------------------------
const audited = new Set()
async function visited(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })
  audited.add(name)
  await check(`mfa axe: ${name} has no serious or critical violations`, () => axe(page, name))
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
async function signedInAtRp(page, at, email) {
  await page.getByText(`Signed in as ${email}`).waitFor()
  assert(page.url().startsWith(`${at.url}/callback`), `not at the relying party: ${page.url()}`)
}
// From the client's own /login to the page after the password. With `lang`, the client asks
// for that language (ui_locales) and the fields are found by their ids.
async function passwordAtRp(page, at, email, password, lang = null) {
  await page.goto(`${at.url}/login${lang ? `?ui_locales=${lang}` : ''}`)
  await page.locator('#username').waitFor()
  if (!lang) return signIn(page, email, password)
  await page.locator('#username').fill(email)
  await page.locator('#password').fill(password)
  await page.locator('form:has(#username) button[type=submit]').first().click()
}

// The enrolment (account page or sign-in): the QR code says what the key below it says, at a
// size a phone camera reads, and the key wraps on a narrow screen. Returns the app.
async function readEnrolment(page, email, shot) {
  const key = (await page.locator('#totp-secret').textContent()).replace(/\s+/g, '')
  assert(/^[A-Z2-7]{26,}=*$/.test(key), `#totp-secret is not a base32 key: ${JSON.stringify(key)}`)
  const svg = await page.locator('.qr svg').evaluate((e) => e.outerHTML)
  const box = await page.locator('.qr svg').boundingBox()
  assert(box && box.width >= 160 && box.width <= 320 && Math.abs(box.width - box.height) < 1,
    `the QR code is ${box ? `${Math.round(box.width)}x${Math.round(box.height)}` : 'not'} shown (expected a square of 160 to 320 px)`)
  const uri = await decodeQr(svg)
  const u = new URL(uri)
  assert(u.protocol === 'otpauth:' && u.host === 'totp', `the QR code holds ${uri}`)
  assert(u.searchParams.get('secret') === key.replace(/=+$/, ''), `the QR code's secret ${u.searchParams.get('secret')} is not the key shown (${key})`)
  assert(decodeURIComponent(u.pathname).includes(email), `the QR code's label ${decodeURIComponent(u.pathname)} does not name ${email}`)
  for (const [k, v] of [['algorithm', 'SHA1'], ['digits', '6'], ['period', '30']]) {
    const got = u.searchParams.get(k)
    assert(got === null || got.toUpperCase() === v, `the QR code says ${k}=${got}`)
  }
  assert(u.searchParams.get('issuer'), `the QR code names no issuer: ${uri}`)
  await narrow(page, ['.qr svg', '#totp-secret'], shot)
  return new AuthenticatorApp(key)
}

// The image as a phone camera would see it: the SVG drawn on a canvas in a blank page (the
// issuer's CSP is not in the way there), decoded with jsQR.
async function decodeQr(svg) {
  const scratch = await newPage(browser)
  try {
    // The RGBA pixels come back as base64: a plain array of them is slow to pass.
    const { width, height, rgba } = await scratch.evaluate(async (markup) => {
      const img = new Image()
      img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`
      await img.decode()
      const canvas = document.createElement('canvas')
      canvas.width = img.naturalWidth
      canvas.height = img.naturalHeight
      const ctx = canvas.getContext('2d')
      ctx.fillStyle = '#fff'
      ctx.fillRect(0, 0, canvas.width, canvas.height)
      ctx.drawImage(img, 0, 0)
      const d = ctx.getImageData(0, 0, canvas.width, canvas.height)
      let bin = ''
      for (let i = 0; i < d.data.length; i += 0x8000) bin += String.fromCharCode(...d.data.subarray(i, i + 0x8000))
      return { width: d.width, height: d.height, rgba: btoa(bin) }
    }, svg)
    const qr = jsQR(new Uint8ClampedArray(Buffer.from(rgba, 'base64')), width, height)
    assert(qr?.data, 'the QR code cannot be decoded')
    return qr.data
  } finally {
    await scratch.context().close()
  }
}

// At 320 px wide nothing sticks out of the page, and the elements named stay inside it; with a
// screenshot `shot`-320.png.
async function narrow(page, selectors, shot) {
  const before = page.viewportSize()
  await page.setViewportSize({ width: 320, height: 800 })
  try {
    const out = await page.evaluate((sels) => {
      const w = window.innerWidth
      const bad = []
      if (document.documentElement.scrollWidth > w) bad.push(`the page is ${document.documentElement.scrollWidth} px wide`)
      for (const s of sels) {
        for (const el of document.querySelectorAll(s)) {
          const r = el.getBoundingClientRect()
          if (r.left < -0.5 || r.right > w + 0.5) bad.push(`${s} spans ${Math.round(r.left)}..${Math.round(r.right)}`)
        }
      }
      return bad
    }, selectors)
    await page.screenshot({ path: join(SHOTS, `${shot}-320.png`), fullPage: true })
    assert(out.length === 0, `at 320 px: ${out.join('; ')}`)
  } finally {
    await page.setViewportSize(before)
  }
}

// The recovery codes page: ten distinct codes, in two columns of a monospace font.
async function readRecoveryCodes(page, shot) {
  await heading(page, 'Save your recovery codes', page.url().includes('/account') ? 2 : 1)
  const codes = (await page.locator('#recovery-codes li code').allTextContents()).map((c) => c.trim())
  assert(codes.length === 10, `#recovery-codes holds ${codes.length} codes, not 10`)
  assert(new Set(codes).size === 10, `the codes repeat: ${codes.join(' ')}`)
  for (const c of codes) assert(/^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}$/.test(c), `unexpected recovery code ${JSON.stringify(c)}`)
  const layout = await page.locator('#recovery-codes').evaluate((ol) => ({
    columns: new Set([...ol.querySelectorAll('li')].map((li) => Math.round(li.getBoundingClientRect().left))).size,
    font: getComputedStyle(ol.querySelector('code')).fontFamily,
  }))
  assert(layout.columns === 2, `the codes stand in ${layout.columns} column(s), not 2`)
  assert(/mono/i.test(layout.font), `the codes' font is ${layout.font}`)
  await narrow(page, ['#recovery-codes'], shot)
  return codes
}

// ---- the story -----------------------------------------------------------------------------
// Two people: A sets the app up on the account page; B meets a client that requires it. Each
// one's steps need the ones before them. An app's second code must come in a later 30-second
// step than its first, so what needs no code (B's enrolment, A's recovery code, the older
// session's re-authentication, the Arabic and dark pages) comes in between. The numbers in the
// check names are those of the story's parts, not their order.
const stepA = story()
const stepB = story()
const codesA = []
let appA = null
let appB = null
let other = null // A's second browser, signed in before the app was set up

try {
  A.email = createUser('mfa-a', A.password)
  B.email = createUser('mfa-b', B.password)
  console.log(`e2e mfa: users ${A.email} and ${B.email}`)
  const page = await newPage(browser, { locale: 'en', viewport: { width: 1280, height: 800 } })

  await stepA('1. A signs in to the account, a second browser too, and opens Security: no app, no recovery codes', async () => {
    other = await newPage(browser, { locale: 'en', viewport: { width: 1280, height: 800 } })
    await other.goto(`${ISSUER}/account`)
    await signIn(other, A.email, A.password)
    await heading(other, 'Your account')
    await page.goto(`${ISSUER}/account`)
    await heading(page, 'Sign in')
    await signIn(page, A.email, A.password)
    await heading(page, 'Your account')
    await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Security', exact: true }).click()
    await heading(page, 'Sign-in security', 2)
    assert(path(page) === '/account/security', `at ${page.url()}`)
    await page.getByText('You have not set up an authenticator app.').waitFor()
    await page.getByText('You have no recovery codes.').waitFor()
    await visited(page, 'account-security-empty')
  })
  await stepA('1. "Add an authenticator app": the QR code and the key agree; the first code turns it on', async () => {
    await page.getByRole('link', { name: 'Add an authenticator app', exact: true }).click()
    await heading(page, 'Add an authenticator app', 2)
    assert(path(page) === '/account/security/totp', `at ${page.url()}`)
    await visited(page, 'account-totp')
    appA = await readEnrolment(page, A.email, 'account-totp')
    const name = page.getByLabel('Name', { exact: true })
    assert(await name.inputValue() === 'Authenticator app', `the name field holds ${JSON.stringify(await name.inputValue())}`)
    await page.getByLabel('Code', { exact: true }).fill(await appA.code())
    await page.getByRole('button', { name: 'Turn on', exact: true }).click()
  })
  await stepA('1. ten recovery codes are shown, in two columns; Continue leads back to Security', async () => {
    codesA.push(...await readRecoveryCodes(page, 'account-recovery-codes'))
    await visited(page, 'account-recovery-codes')
    await page.getByRole('link', { name: 'Continue', exact: true }).click()
    await heading(page, 'Sign-in security', 2)
    await page.locator('.factors').getByText('Authenticator app', { exact: true }).waitFor()
    await page.getByText('10 unused recovery codes are left.').waitFor()
  })
  await stepA('1. a mail tells A that an authenticator app was set up', async () => {
    await mailText(MAILDIR, A.email, /An authenticator app was set up for signing in to your account\./)
  })
  await stepA('1. rename the app', async () => {
    await page.getByLabel('New name for Authenticator app').fill('Work phone')
    await page.getByRole('button', { name: 'Rename', exact: true }).click()
    await page.getByRole('status').filter({ hasText: 'The name was saved.' }).waitFor()
    await page.locator('.factors strong').filter({ hasText: /^Work phone$/ }).waitFor()
    assert(await page.getByRole('button', { name: 'Remove Work phone', exact: true }).count() === 1, 'no "Remove Work phone" button')
    await visited(page, 'account-security')
  })
  await stepA('1. sign out', async () => {
    await page.getByRole('button', { name: 'Sign out', exact: true }).click()
    await heading(page, 'You are signed out')
    await page.context().close()
  })

  // B, meanwhile: a fresh account signs in to the client that requires a second factor.
  let pageB = null
  await stepB('5. B signs in to the --require-mfa client and is asked to set up an app', async () => {
    pageB = await newPage(browser, { locale: 'en', viewport: { width: 1280, height: 800 } })
    await passwordAtRp(pageB, mfaRp, B.email, B.password)
    await heading(pageB, 'Set up two-step verification')
    assert(path(pageB) === '/login/enrol' && new URL(pageB.url()).searchParams.get('interaction'), `at ${pageB.url()}`)
    await pageB.getByText('to continue to MFA App').waitFor()
    // Within the grace period (PORTCULLIS_MFA_GRACE_PERIOD in e2e/run) the set-up can wait.
    await pageB.getByText('Your sign-in needs a second step from').waitFor()
    await pageB.getByRole('button', { name: 'Not now', exact: true }).waitFor()
    await visited(pageB, 'login-enrol')
    appB = await readEnrolment(pageB, B.email, 'login-enrol')
    await pageB.getByLabel('Code', { exact: true }).fill(await appB.code())
    await pageB.getByRole('button', { name: 'Turn on', exact: true }).click()
  })
  await stepB('5. B is shown ten recovery codes, and Continue goes on to the client', async () => {
    await pageB.getByRole('status').filter({ hasText: 'Your authenticator app is set up.' }).waitFor()
    await readRecoveryCodes(pageB, 'login-recovery-codes')
    await visited(pageB, 'login-recovery-codes')
    await pageB.getByRole('button', { name: 'Continue', exact: true }).click()
    await heading(pageB, /^Allow MFA App to access your account\?$/)
    await pageB.getByRole('button', { name: 'Allow', exact: true }).click()
    await signedInAtRp(pageB, mfaRp, B.email)
  })

  await stepA('3. at the client\'s sign-in, "Try another way" → "Use a recovery code" signs A in', async () => {
    const p = await newPage(browser, { locale: 'en', viewport: { width: 1280, height: 800 } })
    await passwordAtRp(p, rp, A.email, A.password)
    await heading(p, 'Two-step verification')
    await heading(p, 'Try another way', 2)
    await p.getByRole('link', { name: 'Use a recovery code', exact: true }).click()
    await p.getByLabel('Recovery code', { exact: true }).waitFor()
    assert(new URL(p.url()).searchParams.get('method'), `no method in ${p.url()}`)
    await p.getByText('Enter one of your recovery codes. Each code works once.').waitFor()
    assert(await p.getByRole('link', { name: 'Use your authenticator app', exact: true }).count() === 1, 'no way back to the app')
    await visited(p, 'login-factor-recovery')
    await p.getByLabel('Recovery code', { exact: true }).fill(codesA[0])
    await p.getByRole('button', { name: 'Verify', exact: true }).click()
    await heading(p, /^Allow E2E App to access your account\?$/)
    await p.getByRole('button', { name: 'Allow', exact: true }).click()
    await signedInAtRp(p, rp, A.email)
    await p.context().close()
  })
  await stepA('3. a mail tells A that a recovery code was used', async () => {
    await mailText(MAILDIR, A.email, /Someone signed in to your account with one of your recovery codes\./)
  })

  await stepA('6. the session from before the app was set up must re-authenticate (password + code) to make a change', async () => {
    await other.goto(`${ISSUER}/account/security`)
    await heading(other, 'Sign-in security', 2)
    await other.getByRole('button', { name: 'Make new recovery codes', exact: true }).click()
    await heading(other, 'Confirm it is you', 2)
    const u = new URL(other.url())
    assert(u.pathname === '/account/reauth' && u.searchParams.get('return') === '/account/security', `at ${other.url()}`)
    await other.getByText('Enter your password and a code from your authenticator app (or a recovery code) to make this change.').waitFor()
    assert(await other.locator('input#password[type=password]').count() === 1, 'no password field')
    assert(await other.getByLabel('Code from your app, or a recovery code').count() === 1, 'no code field')
    await visited(other, 'account-reauth')
    await other.getByLabel('Password', { exact: true }).fill(A.password)
    await other.getByLabel('Code from your app, or a recovery code').fill(codesA[1])
    await other.getByRole('button', { name: 'Confirm', exact: true }).click()
    await heading(other, 'Sign-in security', 2)
    assert(path(other) === '/account/security', `back at ${other.url()}`)
    await other.getByText('8 unused recovery codes are left.').waitFor()
  })
  await stepA('6. then "Make new recovery codes" works: ten new ones', async () => {
    await other.getByRole('button', { name: 'Make new recovery codes', exact: true }).click()
    const fresh = await readRecoveryCodes(other, 'account-recovery-codes-new')
    assert(fresh.every((c) => !codesA.includes(c)), 'a new code equals an old one')
    await visited(other, 'account-recovery-codes-new')
    await other.getByRole('link', { name: 'Continue', exact: true }).click()
    await other.getByText('10 unused recovery codes are left.').waitFor()
    codesA.splice(0, codesA.length, ...fresh)
    await other.context().close()
  })

  // ---- in Arabic, and in the dark colour scheme ------------------------------------------
  // Before A's and B's second codes: these pages need none, and fill the wait for a new step.
  await check('7. ar: /login/factor (ui_locales=ar) is Arabic, right to left, with no English left, and passes axe', async () => {
    assert(appA, 'A has no app (step 1 failed)')
    const p = await newPage(browser, { locale: 'en', viewport: { width: 1280, height: 800 } })
    await passwordAtRp(p, rp, A.email, A.password, 'ar')
    await p.locator('input#code').waitFor()
    assert(path(p) === '/login/factor', `at ${p.url()}`)
    await inArabic(p)
    await visited(p, 'login-factor-totp-ar')
    await p.context().close()
  })
  await check('7. ar: the Security page and the enrolment, chosen with the language picker, are Arabic with no English left', async () => {
    assert(pageB, 'B is not signed in (step 5 failed)')
    await pageB.goto(`${ISSUER}/account/security`)
    await pageB.locator('#language').selectOption('ar')
    await Promise.all([pageB.waitForNavigation(), pageB.locator('form.language button[type=submit]').click()])
    assert(path(pageB) === '/account/security', `the picker led to ${pageB.url()}`)
    await pageB.locator('.factors li').first().waitFor()
    await inArabic(pageB)
    await visited(pageB, 'account-security-ar')
    await pageB.goto(`${ISSUER}/account/security/totp`)
    await pageB.locator('#totp-secret').waitFor()
    await inArabic(pageB)
    await readEnrolment(pageB, B.email, 'account-totp-ar')
    await visited(pageB, 'account-totp-ar')
    // Back to English for what follows.
    await pageB.locator('#language').selectOption('en')
    await Promise.all([pageB.waitForNavigation(), pageB.locator('form.language button[type=submit]').click()])
  })
  await check('7. dark: the Security page, the enrolment and /login/factor pass axe in the dark colour scheme', async () => {
    assert(pageB && appA, 'an earlier step failed')
    await pageB.emulateMedia({ colorScheme: 'dark' })
    assert(await pageB.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches), 'the dark scheme is not in effect')
    await pageB.goto(`${ISSUER}/account/security`)
    await pageB.locator('.factors li').first().waitFor()
    await visited(pageB, 'account-security-dark')
    await pageB.goto(`${ISSUER}/account/security/totp`)
    await pageB.locator('#totp-secret').waitFor()
    await visited(pageB, 'account-totp-dark')
    const p = await newPage(browser, { locale: 'en', viewport: { width: 1280, height: 800 }, colorScheme: 'dark' })
    await passwordAtRp(p, rp, A.email, A.password)
    await p.locator('input#code').waitFor()
    await visited(p, 'login-factor-totp-dark')
    await p.context().close()
  })

  await stepA('2. at the client\'s sign-in A is asked for the code: a wrong one is refused, next to the field and in the summary', async () => {
    const p = await newPage(browser, { locale: 'en', viewport: { width: 1280, height: 800 } })
    A.page = p
    await passwordAtRp(p, rp, A.email, A.password)
    await heading(p, 'Two-step verification')
    assert(path(p) === '/login/factor' && new URL(p.url()).searchParams.get('interaction'), `at ${p.url()}`)
    await p.getByText('Enter the 6-digit code from your authenticator app.').waitFor()
    await p.getByText('to continue to E2E App').waitFor()
    await visited(p, 'login-factor-totp')
    // The leftover check of the Arabic pages must be able to fail: here it finds English.
    await check('7. the English-leftover check finds English on the English /login/factor page', async () => {
      assert((await englishLeft(p)).length > 0, 'no English message text found')
    })
    const field = p.getByLabel('Code', { exact: true })
    await field.fill(appA.wrongCode())
    const [res] = await Promise.all([
      p.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login/factor'),
      p.getByRole('button', { name: 'Verify', exact: true }).click(),
    ])
    assert(res.status() === 401, `a wrong code answers HTTP ${res.status()}`)
    await heading(p, 'Two-step verification')
    const message = 'That code is wrong, used or expired. Enter the newest code.'
    await p.getByRole('alert').filter({ hasText: message }).waitFor()
    const f = await p.locator('#code').evaluate((el) => ({
      invalid: el.getAttribute('aria-invalid'),
      described: (el.getAttribute('aria-describedby') ?? '').split(/\s+/).map((id) => document.getElementById(id)?.textContent.trim()).join(' '),
    }))
    assert(f.invalid === 'true', `the code field's aria-invalid is ${f.invalid}`)
    assert(f.described.includes(message), `the code field is described by ${JSON.stringify(f.described)}`)
    assert(await p.locator('.field-problem').filter({ hasText: message }).isVisible(), 'the problem is not shown next to the field')
    await visited(p, 'login-factor-totp-error')
  })
  await stepA('2. the right code then reaches the client\'s redirect URI', async () => {
    const p = A.page
    await p.getByLabel('Code', { exact: true }).fill(await appA.code())
    await p.getByRole('button', { name: 'Verify', exact: true }).click()
    await signedInAtRp(p, rp, A.email)
    await p.context().close()
  })

  await stepB('4. keyboard only: the challenge form is completed with Tab and Enter', async () => {
    const p = await newPage(browser, { locale: 'en', viewport: { width: 1280, height: 800 } })
    await p.goto(`${mfaRp.url}/login`)
    await p.locator('#username').waitFor()
    await p.getByLabel('Email address').fill(B.email)
    await p.getByLabel('Password', { exact: true }).fill(B.password)
    await p.keyboard.press('Enter')
    await heading(p, 'Two-step verification')
    const focused = () => p.evaluate(() => {
      const e = document.activeElement
      return `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''} "${(e.textContent ?? '').trim()}"`
    })
    assert((await focused()).startsWith('input#code'), `on arrival the focus is on ${await focused()}, not the code field`)
    // The order of the way on: the button, then "Try another way"'s link, then cancel.
    const order = []
    for (let i = 0; i < 3; i++) {
      await p.keyboard.press('Tab')
      order.push(await focused())
    }
    assert(order[0] === 'button "Verify"' && order[1] === 'a "Use a recovery code"' && order[2] === 'button "Cancel and go back"',
      `Tab from the code field goes to ${order.join(', ')}`)
    for (let i = 0; i < 3; i++) await p.keyboard.press('Shift+Tab')
    assert((await focused()).startsWith('input#code'), `Shift+Tab back lands on ${await focused()}`)
    await p.keyboard.type(await appB.code())
    await p.keyboard.press('Tab')
    const ring = await p.evaluate(() => {
      const s = getComputedStyle(document.activeElement)
      return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) }
    })
    assert(ring.style !== 'none' && ring.width >= 2, `the focused button shows no focus ring (outline ${ring.style} ${ring.width}px)`)
    await p.screenshot({ path: join(SHOTS, 'login-factor-keyboard-focus.png') })
    await p.keyboard.press('Enter')
    await signedInAtRp(p, mfaRp, B.email)
    await p.context().close()
  })

  // Every page the story was meant to reach must have been audited.
  for (const name of ['account-security-empty', 'account-totp', 'account-recovery-codes', 'account-security',
    'login-enrol', 'login-recovery-codes', 'login-factor-recovery', 'account-reauth', 'account-recovery-codes-new',
    'login-factor-totp', 'login-factor-totp-error', 'login-factor-totp-ar', 'account-security-ar', 'account-totp-ar',
    'account-security-dark', 'account-totp-dark', 'login-factor-totp-dark']) {
    if (!audited.has(name)) fail(`mfa axe: ${name} has no serious or critical violations`, 'page not reached')
  }
} finally {
  await browser.close()
  rp.close()
  mfaRp.close()
}
