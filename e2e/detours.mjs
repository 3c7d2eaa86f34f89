// Detours from a client's sign-in lead back to the client: forgot password (same browser, and
// a link opened in another browser), sign-up with the verification link, cancel, "Not you?" on
// the consent page, and "Stay signed in" on the sign-out confirmation.
//
// Env (set by e2e/run): E2E_ISSUER, E2E_CLIENT_ID, E2E_CLIENT_SECRET, E2E_RP_PORT, E2E_MAILDIR.

import { randomBytes } from 'node:crypto'
import { assert, check, env, launch, mailLink, newPage, startRp, story } from './lib.mjs'

const ISSUER = env('E2E_ISSUER').replace(/\/$/, '')
const CLIENT_ID = env('E2E_CLIENT_ID')
const MAILDIR = env('E2E_MAILDIR')
const EMAIL = `detours-${randomBytes(5).toString('hex')}@example.test`
const PASSWORDS = ['detours-Copper-meadow-kite-15', 'detours-Silent-quarry-fig-62', 'detours-Velvet-anchor-moss-39']
const rp = await startRp({ issuer: ISSUER, clientId: CLIENT_ID, clientSecret: env('E2E_CLIENT_SECRET'), port: Number(env('E2E_RP_PORT')) })
const browser = await launch()

// The story: each step needs the ones before it (the account, its password).
const step = story()

const heading = (page, name) => page.getByRole('heading', { level: 1, name, exact: typeof name === 'string' }).waitFor()
async function signedInAtRp(page) {
  await page.getByText(`Signed in as ${EMAIL}`).waitFor()
  assert(page.url().startsWith(`${rp.url}/callback`), `not at the relying party: ${page.url()}`)
}
async function signIn(page, password) {
  await page.getByLabel('Email address').fill(EMAIL)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
}
// From the client's login page: "Forgot your password?", ask for a link, return the link.
async function requestReset(page) {
  await page.goto(`${rp.url}/login?ui_locales=en`)
  await heading(page, 'Sign in')
  await page.getByRole('link', { name: 'Forgot your password?' }).click()
  await heading(page, 'Reset your password')
  await page.getByLabel('Email address').fill(EMAIL)
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await heading(page, 'Check your email')
  return mailLink(MAILDIR, EMAIL, '/reset-password?token=')
}
async function setPassword(page, password) {
  await heading(page, 'Choose a new password')
  await page.getByLabel('New password', { exact: true }).fill(password)
  await page.getByLabel('Confirm new password').fill(password)
  await page.getByRole('button', { name: 'Set new password' }).click()
  await heading(page, 'Password changed')
}

try {
  const first = await newPage(browser, { locale: 'en' })
  await step('c. sign-up from the client\'s login page, verified by the mail\'s link, ends at the client signed in', async () => {
    await first.goto(`${rp.url}/login?ui_locales=en`)
    await heading(first, 'Sign in')
    await first.getByRole('link', { name: 'Create account', exact: true }).click()
    await heading(first, 'Create your account')
    await first.getByLabel('Email address').fill(EMAIL)
    await first.getByLabel('Password', { exact: true }).fill(PASSWORDS[0])
    await first.getByLabel('Confirm password').fill(PASSWORDS[0])
    await first.getByRole('button', { name: 'Create account', exact: true }).click()
    await heading(first, 'Check your email')
    await first.goto(await mailLink(MAILDIR, EMAIL, '/verify-email?token='))
    await first.getByRole('button', { name: 'Confirm', exact: true }).click()
    await heading(first, /^Allow E2E App to access your account\?$/)
    await first.getByRole('button', { name: 'Allow', exact: true }).click()
    await signedInAtRp(first)
  })

  await step('e. "Not you? Use another account" on the consent page signs out and shows the login page of the same request', async () => {
    // Take the consent back, so the next sign-in asks again.
    await first.goto(`${ISSUER}/account/apps`)
    await first.getByRole('button', { name: 'Remove access of E2E App' }).click()
    await first.getByRole('status').waitFor()
    await first.goto(`${rp.url}/login?ui_locales=en`)
    await heading(first, /^Allow E2E App/)
    const interaction = new URL(first.url()).searchParams.get('interaction')
    assert(interaction, `no interaction in the consent page's address ${first.url()}`)
    await first.getByRole('button', { name: 'Not you? Use another account' }).click()
    await heading(first, 'Sign in')
    const now = new URL(first.url())
    assert(now.pathname === '/login' && now.searchParams.get('interaction') === interaction,
      `login page of another request: ${first.url()} (consent was for ${interaction})`)
    await first.getByText('to continue to E2E App').waitFor()
    // Signed out: the account pages ask for a sign-in (in a second tab of the same browser).
    const tab = await first.context().newPage()
    await tab.goto(`${ISSUER}/account`)
    await heading(tab, 'Sign in')
    await tab.close()
    await signIn(first, PASSWORDS[0])
    await first.getByRole('button', { name: 'Allow', exact: true }).click()
    await signedInAtRp(first)
  })

  await step('f. the sign-out confirmation offers "Stay signed in", which keeps the session', async () => {
    await first.goto(`${ISSUER}/end_session?client_id=${encodeURIComponent(CLIENT_ID)}`)
    await heading(first, 'Sign out?')
    await first.getByRole('link', { name: 'Stay signed in', exact: true }).click()
    await first.waitForURL((u) => !u.pathname.startsWith('/end_session'))
    await first.goto(`${ISSUER}/account`)
    await heading(first, 'Your account')
  })

  await step('b. a reset link opened in another browser says to go back to the window where the sign-in started', async () => {
    const start = await newPage(browser, { locale: 'en' })
    const link = await requestReset(start)
    const elsewhere = await newPage(browser, { locale: 'en' })
    await elsewhere.goto(link)
    await setPassword(elsewhere, PASSWORDS[1])
    await elsewhere.getByText('To continue, go back to the window where you started signing in.').waitFor()
    assert(await elsewhere.getByRole('link', { name: 'Continue signing in' }).count() === 0, 'a "Continue signing in" link is offered')
    await elsewhere.context().close()
    await start.context().close()
  })

  await step('a. "Forgot your password?" from the client, the link in the same browser, the new password: back at the client signed in', async () => {
    const page = await newPage(browser, { locale: 'en' })
    await page.goto(await requestReset(page))
    await setPassword(page, PASSWORDS[2])
    await page.getByRole('link', { name: 'Continue signing in' }).click()
    await heading(page, 'Sign in')
    await page.getByText('to continue to E2E App').waitFor()
    await signIn(page, PASSWORDS[2])
    await signedInAtRp(page)
    await page.context().close()
  })

  await check('d. "Cancel and go back" returns to the client\'s redirect_uri with error=access_denied', async () => {
    const page = await newPage(browser, { locale: 'en' })
    await page.goto(`${rp.url}/login?ui_locales=en`)
    await heading(page, 'Sign in')
    const [request] = await Promise.all([
      page.waitForRequest((r) => r.url().startsWith(`${rp.url}/callback`)),
      page.getByRole('button', { name: 'Cancel and go back' }).click(),
    ])
    const u = new URL(request.url())
    assert(u.searchParams.get('error') === 'access_denied', `callback without error=access_denied: ${u.search}`)
    assert(u.searchParams.get('state'), 'the callback lacks the state')
    await page.getByText('Error: access_denied').waitFor()
    await page.context().close()
  })
} finally {
  await browser.close()
  rp.close()
}
