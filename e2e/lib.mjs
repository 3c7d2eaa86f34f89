// Shared by the e2e scripts (flow.mjs, pages.mjs, detours.mjs, mfa.mjs, passkeys.mjs,
// brand.mjs): PASS/FAIL lines, axe, the mail sink reader, a relying party and the browser. One
// "PASS name" / "FAIL name: why" line per check.

import http from 'node:http'
import { readFileSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import * as oidc from 'openid-client'
import { chromium } from 'playwright-core'

export const env = (name, fallback) => {
  const v = process.env[name] ?? fallback
  if (v === undefined) throw new Error(`${name} is not set (run this through e2e/run)`)
  return v
}
export const TIMEOUT = 10_000
export const LANGUAGES = ['en', 'de', 'fr', 'es', 'pt-BR', 'ar']
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

// ---- checks --------------------------------------------------------------------------------
export function fail(name, e) {
  const msg = (e instanceof Error ? e.message : String(e)).split('\n')[0]
  console.log(`FAIL ${name}: ${msg}`)
}
export async function check(name, fn) {
  try {
    await fn()
    console.log(`PASS ${name}`)
    return true
  } catch (e) {
    fail(name, e)
    return false
  }
}
export const assert = (cond, msg) => { if (!cond) throw new Error(msg) }

// A story: each step needs the ones before it, so once one fails the rest are reported as
// failed ("skipped") rather than run against a page in an unknown state.
export function story() {
  let broken = null
  return async function step(name, fn) {
    if (broken) return fail(name, `skipped: step "${broken}" failed`)
    try {
      await fn()
      console.log(`PASS ${name}`)
    } catch (e) {
      broken = name
      fail(name, e)
    }
  }
}

export async function waitUntil(what, fn, timeout = TIMEOUT) {
  const end = Date.now() + timeout
  for (;;) {
    const v = await fn()
    if (v) return v
    if (Date.now() > end) throw new Error(`timed out after ${timeout / 1000} s waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

// Serious or critical axe violations of the page as it is now, printed and thrown.
export async function axe(page, name) {
  // page.evaluate goes through the DevTools protocol, which the pages' CSP does not govern.
  if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(AXE_SOURCE)
  const { violations } = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }))
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  for (const v of bad) {
    console.log(`  axe ${name}: [${v.impact}] ${v.id}: ${v.help}`)
    for (const n of v.nodes.slice(0, 5)) console.log(`    ${n.target.join(' ')}: ${n.failureSummary?.split('\n').join(' ')}`)
  }
  assert(bad.length === 0, `${bad.length} serious/critical violation(s): ${bad.map((v) => v.id).join(', ')}`)
}

// Waits for the page's h1 (any text: the scripts run in every language).
export async function h1(page) {
  const el = page.locator('h1').first()
  await el.waitFor({ timeout: TIMEOUT })
  return (await el.textContent()).trim()
}

// ---- mail ----------------------------------------------------------------------------------
function parsePart(raw) {
  const m = /\r?\n\r?\n/.exec(raw)
  const head = m ? raw.slice(0, m.index) : raw
  const body = m ? raw.slice(m.index + m[0].length) : ''
  const headers = {}
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':')
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] ??= line.slice(i + 1).trim()
  }
  return { headers, body }
}
function decodeBody({ headers, body }) {
  const cte = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase()
  let bytes
  if (cte === 'base64') bytes = Buffer.from(body.replace(/\s+/g, ''), 'base64')
  else if (cte === 'quoted-printable') {
    const soft = body.replace(/=\r?\n/g, '')
    bytes = Buffer.from(soft.replace(/=([0-9A-Fa-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1')
  } else bytes = Buffer.from(body, 'latin1')
  const charset = /charset="?([^";\s]+)"?/i.exec(headers['content-type'] ?? '')?.[1] ?? 'utf-8'
  return new TextDecoder(charset).decode(bytes)
}
function textPlain(part) {
  const type = part.headers['content-type'] ?? 'text/plain'
  if (/^multipart\//i.test(type)) {
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1]
    if (!boundary) return null
    for (const piece of part.body.split(`--${boundary}`).slice(1)) {
      if (piece.startsWith('--')) break
      const text = textPlain(parsePart(piece.replace(/^[ \t]*\r?\n/, '')))
      if (text !== null) return text
    }
    return null
  }
  return /^text\/plain/i.test(type) ? decodeBody(part) : null
}

// The text/plain part of every message To: `to` in the sink, oldest first.
function mailTexts(maildir, to) {
  let files = []
  try { files = readdirSync(join(maildir, 'new')) } catch { /* not created yet */ }
  const texts = []
  for (const f of files.sort()) {
    // latin1 keeps every byte as one char, so decodeBody can apply the real charset.
    const msg = parsePart(readFileSync(join(maildir, 'new', f), 'latin1'))
    if (!(msg.headers.to ?? '').toLowerCase().includes(to.toLowerCase())) continue
    texts.push(textPlain(msg) ?? '')
  }
  return texts
}

// Waits for a message To: `to` whose text/plain part matches `pattern`; returns that text.
export async function mailText(maildir, to, pattern, timeout = TIMEOUT) {
  return waitUntil(`a mail to ${to} matching ${pattern}`,
    () => mailTexts(maildir, to).find((t) => pattern.test(t)) ?? null, timeout)
}

// The first link not returned before in a mail To: `to` whose URL contains `path` (e.g.
// "/verify-email?token="): asked twice, it waits for the second mail.
const given = new Set()
export async function mailLink(maildir, to, path, timeout = TIMEOUT) {
  const pattern = new RegExp(`https?://[^\\s<>"]+${path.replace(/[?]/g, '\\?')}[^\\s<>"]+`)
  return waitUntil(`a mail to ${to} with a ${path} link`, () => {
    for (const text of mailTexts(maildir, to)) {
      const link = pattern.exec(text)?.[0]
      if (link && !given.has(link)) {
        given.add(link)
        return link
      }
    }
    return null
  }, timeout)
}

// ---- the relying party ---------------------------------------------------------------------
// GET /login?ui_locales=de starts an authorization request (PKCE, state, nonce); /callback
// shows "Signed in as <email>" and the ID token's acr and amr (`[data-claim=acr]`, JSON) after
// the code exchange, or "Error: <error>" when the issuer answered with an error (e.g.
// access_denied after "Cancel and go back").
export async function startRp({ issuer, clientId, clientSecret, port }) {
  const RP = `http://127.0.0.1:${port}`
  const config = await oidc.discovery(new URL(issuer), clientId, { client_secret: clientSecret },
    oidc.ClientSecretBasic(clientSecret), { execute: [oidc.allowInsecureRequests, oidc.enableNonRepudiationChecks] })
  const pending = new Map()
  const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
  const html = (res, status, title, body) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' })
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`)
  }
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, RP)
    try {
      if (url.pathname === '/login') {
        const verifier = oidc.randomPKCECodeVerifier()
        const state = oidc.randomState()
        const nonce = oidc.randomNonce()
        pending.set(state, { verifier, nonce })
        const params = {
          redirect_uri: `${RP}/callback`, scope: 'openid email profile', state, nonce,
          code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
        }
        if (url.searchParams.get('ui_locales')) params.ui_locales = url.searchParams.get('ui_locales')
        res.writeHead(302, { location: oidc.buildAuthorizationUrl(config, params).href }).end()
      } else if (url.pathname === '/callback') {
        const state = url.searchParams.get('state')
        const p = pending.get(state)
        if (!p) return html(res, 400, 'Unknown state', '')
        pending.delete(state)
        if (url.searchParams.get('error')) {
          return html(res, 200, 'E2E App', `<p>Error: ${esc(url.searchParams.get('error'))}</p>`)
        }
        const tokens = await oidc.authorizationCodeGrant(config, url, {
          pkceCodeVerifier: p.verifier, expectedState: state, expectedNonce: p.nonce, idTokenExpected: true,
        })
        const claims = tokens.claims()
        const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub)
        // What the ID token says of the sign-in, for the stories that check it (passkeys.mjs).
        const said = (name) => `<code data-claim="${name}">${esc(JSON.stringify(claims[name] ?? null))}</code>`
        html(res, 200, 'E2E App', `<p>Signed in as ${esc(info.email)}</p><p>ID token: acr ${said('acr')}, amr ${said('amr')}</p>`)
      } else {
        html(res, 404, 'Not found', '')
      }
    } catch (e) {
      console.log(`  rp: ${req.url.split('?')[0]}: ${e.error ?? ''} ${e.message}`)
      html(res, 500, 'Sign-in failed', `<p>${esc(e.error ?? '')} ${esc(e.message)}</p>`)
    }
  })
  await new Promise((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve))
  return { url: RP, close: () => server.close() }
}

// ---- the browser ---------------------------------------------------------------------------
export async function launch() {
  return chromium.launch({
    executablePath: env('E2E_CHROMIUM', '/usr/bin/chromium'),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
}

// A context whose pages print their errors (to say what went wrong, not as checks).
export async function newPage(browser, options = {}) {
  const context = await browser.newContext(options)
  context.setDefaultTimeout(TIMEOUT)
  const page = await context.newPage()
  page.on('pageerror', (e) => console.log(`  page error at ${page.url()}: ${e.message}`))
  return page
}

// Fills a form field by its id (labels differ per language).
export async function fill(page, id, value) {
  await page.locator(`#${id}`).fill(value)
}
// Submits the form that holds the field `id`, with its (only or first) submit button.
export async function submit(page, id) {
  await Promise.all([
    page.waitForNavigation({ timeout: TIMEOUT }),
    page.locator(`form:has(#${id}) button[type=submit]`).first().click(),
  ])
}
