// The admin API's docs page (/admin/v1/docs/) in Chromium: served from this server under its
// default CSP (no CDN, no script of another origin), it loads the OpenAPI document and lists
// every operation, and no script it needs is refused.
//
// Env (set by e2e/run): E2E_ISSUER.

import { assert, check, env, launch, newPage } from './lib.mjs'

const ISSUER = env('E2E_ISSUER').replace(/\/$/, '')
const browser = await launch()
try {
  const page = await newPage(browser)
  const refused = []
  page.on('console', (m) => { if (/Content Security Policy/.test(m.text())) refused.push(m.text()) })
  const requests = []
  page.on('request', (r) => requests.push(r.url()))
  const resp = await page.goto(`${ISSUER}/admin/v1/docs/`)
  await check('the docs page is served with the default CSP', async () => {
    const csp = resp.headers()['content-security-policy'] ?? ''
    assert(csp.includes("script-src 'self'") && !csp.includes('unsafe'), `CSP: ${csp}`)
  })
  await check('it lists every operation of /admin/v1/openapi.json', async () => {
    const doc = await (await fetch(`${ISSUER}/admin/v1/openapi.json`)).json()
    const operations = Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0)
    await page.waitForFunction((n) => document.querySelectorAll('.opblock').length >= n, operations)
    const shown = await page.locator('.opblock').count()
    assert(shown === operations, `${shown} operations shown, ${operations} documented`)
  })
  await check('everything it loads comes from this server, and no script is refused', async () => {
    const elsewhere = requests.filter((u) => !u.startsWith(ISSUER) && !u.startsWith('data:'))
    assert(elsewhere.length === 0, `requests elsewhere: ${elsewhere}`)
    const scripts = refused.filter((t) => /script/i.test(t))
    assert(scripts.length === 0, `refused: ${scripts}`)
  })
} finally {
  await browser.close()
}
