// Signing in through a SAML IdP in Chromium: a pysaml2 IdP (e2e/saml_idp.py, signing with
// Debian's xmlsec1) on its own port. The login page's "Continue with …", the IdP's sign-in page,
// its HTTP-POST back to our ACS, and on to the client.
//
// Env (set by e2e/run): E2E_ISSUER, E2E_CLIENT_ID, E2E_CLIENT_SECRET, E2E_RP_PORT,
// E2E_PORTCULLIS_BIN, E2E_PYTHON (the venv's, with pysaml2).

import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { assert, env, launch, newPage, startRp, story, waitUntil } from './lib.mjs'

const ISSUER = env('E2E_ISSUER').replace(/\/$/, '')
const BIN = env('E2E_PORTCULLIS_BIN')
const HERE = dirname(fileURLToPath(import.meta.url))
const DIR = mkdtempSync(join(tmpdir(), 'e2e-saml-'))

const freePort = () => new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)) })
})

const port = await freePort()
const idp = spawn(env('E2E_PYTHON'), [join(HERE, 'saml_idp.py'), '--dir', DIR, '--port', String(port)])
let out = ''
idp.stdout.on('data', (d) => { out += d })
idp.stderr.on('data', (d) => process.stderr.write(d))
await waitUntil('the SAML IdP', () => out.includes('ready'), 30_000)
const conn = JSON.parse(execFileSync(BIN, ['idp', 'create', '--kind', 'saml', '--name', 'Example SAML',
  '--metadata-file', join(DIR, 'idp.xml'), '--json'], { encoding: 'utf8' }))
writeFileSync(join(DIR, 'sp_metadata_url'), conn.sp_metadata_url)

const rp = await startRp({
  issuer: ISSUER, clientId: env('E2E_CLIENT_ID'), clientSecret: env('E2E_CLIENT_SECRET'), port: Number(env('E2E_RP_PORT')),
})
const browser = await launch()
const step = story()
try {
  const page = await newPage(browser)
  await step('SAML: "Continue with Example SAML", the IdP\'s page, its POST to our ACS, the client', async () => {
    await page.goto(`${rp.url}/login`)
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Continue with Example SAML' }).click()])
    await page.waitForURL((u) => u.port === String(port))
    await page.locator('#email').fill('sam@saml.example')
    await Promise.all([page.waitForNavigation(), page.locator('button[type=submit]').click()])
    await Promise.all([page.waitForNavigation(), page.locator('button[type=submit]').click()])
    await page.waitForURL((u) => u.href.startsWith(rp.url) || u.pathname === '/consent')
    if (new URL(page.url()).pathname === '/consent') {
      await Promise.all([page.waitForNavigation(), page.locator('button[name=decision][value=allow]').click()])
    }
    await page.waitForURL((u) => u.href.startsWith(rp.url))
    const text = await page.locator('main').textContent()
    assert(text.includes('Signed in as sam@saml.example'), `the client says: ${text}`)
    const amr = JSON.parse(await page.locator('[data-claim=amr]').textContent())
    assert(JSON.stringify(amr) === '["fed"]', `amr ${JSON.stringify(amr)}`)
  })
} finally {
  await browser.close()
  rp.close()
  idp.kill()
}
