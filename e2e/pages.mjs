// Every hosted page in every shipped language: the language is the one asked for (<html lang>,
// dir), no English is left on a translated page and no message id shows, nothing overflows a
// 320 or 390 px wide screen, and axe finds no serious or critical violation. One screenshot per
// language, page and width in E2E_ARTIFACTS/pages/.
//
// Per language L, in a browser whose Accept-Language is another language (so each way of
// choosing is really tested): the client's sign-in with ui_locales=L (login, sign-up,
// check-email), then the footer's language picker (a cookie) for the pages outside a sign-in
// (verification link, forgot/reset password, account pages, sign-out, error, 404), and the
// consent page of a second sign-in with ui_locales=L.
//
// Env (set by e2e/run): E2E_ISSUER, E2E_CLIENT_ID, E2E_CLIENT_SECRET, E2E_RP_PORT, E2E_MAILDIR,
// E2E_ARTIFACTS.

import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  LANGUAGES, assert, axe, check, env, fail, fill, h1, launch, mailLink, newPage, startRp, submit,
} from './lib.mjs'

const ISSUER = env('E2E_ISSUER').replace(/\/$/, '')
const MAILDIR = env('E2E_MAILDIR')
const SHOTS = join(env('E2E_ARTIFACTS'), 'pages')
const LOCALES = join(dirname(fileURLToPath(import.meta.url)), '..', 'locales')
const WIDTHS = [320, 390]
const MIN_FRAGMENT = 12
mkdirSync(SHOTS, { recursive: true })

// ---- the catalogues ------------------------------------------------------------------------
// id -> the message's texts (one per plural variant), from `key = value` lines and their
// indented continuations. Enough Fluent for our catalogues: no attributes, no terms.
function parseFtl(text) {
  const messages = new Map()
  let id = null
  for (const line of text.split('\n')) {
    const start = /^([a-zA-Z][\w-]*)\s*=\s?(.*)$/.exec(line)
    if (start) {
      id = start[1]
      messages.set(id, [start[2]])
    } else if (id && /^\s+\S/.test(line)) {
      messages.get(id).push(line.trim())
    } else if (!line.trim() || line.startsWith('#')) {
      id = null
    }
  }
  const out = new Map()
  for (const [k, lines] of messages) {
    // A select expression: each `[key] text` variant is a text of its own.
    const variants = lines.map((l) => /^\*?\[[^\]]+\]\s*(.*)$/.exec(l)?.[1]).filter((v) => v !== undefined)
    out.set(k, variants.length ? variants : [lines.join(' ').trim()])
  }
  return out
}
const catalogs = Object.fromEntries(LANGUAGES.map((l) => [l, parseFtl(readFileSync(join(LOCALES, `${l}.ftl`), 'utf8'))]))
const EN = catalogs.en

// The literal pieces of a text between its placeables ({ $var }) and markup, long enough to
// mean something (a short piece like " on " or a name like "Portcullis" is no evidence).
const fragments = (s) => s.split(/\{[^}]*\}|<[^>]*>/).map((f) => f.trim()).filter((f) => f.length >= MIN_FRAGMENT)

// For language L: [id, English fragment] for every message whose English text is not L's text,
// minus fragments L's catalogue itself uses (a shared example phone number, say).
function leftoversFor(lang) {
  const own = [...catalogs[lang].values()].flat().join('\n')
  const out = []
  for (const [id, texts] of EN) {
    const theirs = catalogs[lang].get(id)
    if (theirs && theirs.join('\n') === texts.join('\n')) continue
    for (const f of texts.flatMap(fragments)) if (!own.includes(f)) out.push([id, f])
  }
  return out
}
const LEFTOVERS = Object.fromEntries(LANGUAGES.map((l) => [l, leftoversFor(l)]))
const IDS = [...EN.keys()].filter((k) => k.includes('-'))
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const ID_RE = new RegExp(`(?<![\\w-])(${IDS.map(escapeRe).join('|')})(?![\\w-])`)

// ---- the checks of one page ----------------------------------------------------------------
const seen = new Set()
async function audit(page, lang, name) {
  seen.add(`${lang} ${name}`)
  const label = `${lang} ${name}`
  await check(`${label}: <html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">`, async () => {
    const { l, d } = await page.evaluate(() => ({ l: document.documentElement.lang, d: document.documentElement.dir }))
    const dir = lang === 'ar' ? 'rtl' : 'ltr'
    assert(l === lang && d === dir, `lang="${l}" dir="${d}" at ${page.url()}`)
  })
  await check(`${label}: no English leftover, no message id`, async () => {
    const text = await page.evaluate(() => {
      const attrs = [...document.querySelectorAll('[aria-label], [placeholder], [alt], [title]')]
        .flatMap((e) => ['aria-label', 'placeholder', 'alt', 'title'].map((a) => e.getAttribute(a) ?? ''))
      return [document.title, document.body.innerText, ...attrs].join('\n')
    })
    const id = ID_RE.exec(text)?.[1]
    assert(!id, `message id "${id}" shown`)
    if (lang === 'en') return
    const left = LEFTOVERS[lang].filter(([, f]) => text.includes(f))
    assert(left.length === 0, `English text: ${left.map(([i, f]) => `"${f}" (${i})`).join('; ')}`)
  })
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 })
    await check(`${label}: no horizontal overflow at ${width} px`, async () => {
      const over = await page.evaluate(() => {
        const w = window.innerWidth
        const out = []
        if (document.documentElement.scrollWidth > w) out.push(`page is ${document.documentElement.scrollWidth} px wide`)
        for (const el of document.body.querySelectorAll('*')) {
          const r = el.getBoundingClientRect()
          if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue
          // What shows of it: cut by every ancestor that clips (a visually hidden header row).
          let left = r.left
          let right = r.right
          for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
            const s = getComputedStyle(a)
            if (s.overflowX !== 'visible' || s.clipPath !== 'none' || s.clip !== 'auto') {
              const ar = a.getBoundingClientRect()
              left = Math.max(left, ar.left)
              right = Math.min(right, ar.right)
            }
          }
          if (right - left <= 1) continue
          if (right > w + 0.5 || left < -0.5) {
            const what = el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '') + (el.className ? `.${String(el.className).split(' ').join('.')}` : '')
            out.push(`${what} spans ${Math.round(r.left)}..${Math.round(r.right)} ("${(el.textContent ?? '').trim().slice(0, 40)}")`)
          }
        }
        return out
      })
      assert(over.length === 0, over.slice(0, 4).join('; '))
    })
    await page.screenshot({ path: join(SHOTS, `${lang}-${name}-${width}.png`), fullPage: true })
    if (width === 390) await check(`${label}: axe finds no serious or critical violation`, () => axe(page, label))
  }
  await page.setViewportSize({ width: 1280, height: 800 })
}

// ---- the walk per language -----------------------------------------------------------------
const rp = await startRp({
  issuer: ISSUER, clientId: env('E2E_CLIENT_ID'), clientSecret: env('E2E_CLIENT_SECRET'), port: Number(env('E2E_RP_PORT')),
})
const browser = await launch()
const PASSWORD = 'pages-Quiet-harbour-lamp-58'
const NEW_PASSWORD = 'pages-Amber-violin-cactus-24'

// A step of a language's walk: once one fails, the rest of that language is skipped (failed).
async function walk(lang) {
  let broken = null
  const step = async (name, fn) => {
    if (broken) return fail(`${lang} ${name}`, `skipped: step "${broken}" failed`)
    try {
      await fn()
    } catch (e) {
      broken = name
      fail(`${lang} ${name}`, e)
    }
  }
  const other = lang === 'en' ? 'de' : 'en'
  const page = await newPage(browser, { locale: other, viewport: { width: 1280, height: 800 } })
  const email = `pages-${lang.toLowerCase()}-${randomBytes(4).toString('hex')}@example.test`
  const signInRequest = async () => {
    await page.goto(`${rp.url}/login?ui_locales=${encodeURIComponent(lang)}`)
    await page.locator('#username').waitFor()
  }

  await step('login (ui_locales)', async () => {
    await signInRequest()
    await audit(page, lang, 'login')
  })
  if (lang === 'en') {
    // The leftover check must be able to fail: on this English page it finds English.
    await check('the English-leftover check finds English on the English login page', async () => {
      const text = await page.evaluate(() => document.body.innerText)
      assert(LEFTOVERS.de.some(([, f]) => text.includes(f)), 'no English fragment of the German catalogue found')
    })
  }
  await step('sign-up (ui_locales)', async () => {
    await Promise.all([page.waitForNavigation(), page.locator('a[href^="/register?"]').click()])
    await page.locator('#password_confirm').waitFor()
    await audit(page, lang, 'sign-up')
  })
  await step('check-email', async () => {
    await fill(page, 'email', email)
    await fill(page, 'password', PASSWORD)
    await fill(page, 'password_confirm', PASSWORD)
    await submit(page, 'email')
    await page.locator('#code').waitFor()
    await audit(page, lang, 'check-email')
  })
  // The person's browser speaks `other`; the sign-in asked for `lang`: a detour from it must
  // keep `lang`. (Checked once per language; the walk goes on whatever the outcome.)
  await step('forgot-password from the sign-in', async () => {
    await signInRequest()
    await Promise.all([page.waitForNavigation(), page.locator('a[href^="/forgot-password"]').click()])
    await page.locator('#email').waitFor()
    await check(`${lang} forgot-password reached from a ui_locales=${lang} sign-in speaks ${lang}`, async () => {
      const l = await page.evaluate(() => document.documentElement.lang)
      assert(l === lang, `<html lang="${l}"> (the browser's Accept-Language is ${other})`)
    })
  })
  await step('language picker', async () => {
    await page.goto(`${ISSUER}/forgot-password`)
    await page.locator('#language').selectOption(lang)
    await Promise.all([page.waitForNavigation(), page.locator('form.language button[type=submit]').click()])
    await check(`${lang} the language picker switches /forgot-password to ${lang}`, async () => {
      assert(new URL(page.url()).pathname === '/forgot-password', `back at ${page.url()}`)
      const l = await page.evaluate(() => document.documentElement.lang)
      assert(l === lang, `<html lang="${l}">`)
    })
    await audit(page, lang, 'forgot-password')
  })
  await step('verification link', async () => {
    await page.goto(await mailLink(MAILDIR, email, '/verify-email?token='))
    await h1(page)
    await audit(page, lang, 'confirm-email')
    await Promise.all([page.waitForNavigation(), page.locator('main form button[type=submit]').click()])
    await h1(page)
    await audit(page, lang, 'email-verified')
  })
  await step('forgot-password sent', async () => {
    await page.goto(`${ISSUER}/forgot-password`)
    await fill(page, 'email', email)
    await submit(page, 'email')
    await h1(page)
    await audit(page, lang, 'forgot-password-sent')
  })
  await step('reset-password', async () => {
    await page.goto(await mailLink(MAILDIR, email, '/reset-password?token='))
    await page.locator('#password_confirm').waitFor()
    await audit(page, lang, 'reset-password')
    await fill(page, 'password', NEW_PASSWORD)
    await fill(page, 'password_confirm', NEW_PASSWORD)
    await submit(page, 'password')
    await h1(page)
    assert(!(await page.locator('#password').count()), 'still on the reset form')
    await audit(page, lang, 'reset-done')
  })
  await step('consent (ui_locales)', async () => {
    await signInRequest()
    await fill(page, 'username', email)
    await fill(page, 'password', NEW_PASSWORD)
    await submit(page, 'username')
    await page.locator('button[value=allow]').waitFor()
    await audit(page, lang, 'consent')
    await Promise.all([page.waitForURL(`${rp.url}/**`), page.locator('button[value=allow]').click()])
    await page.getByText(`Signed in as ${email}`).waitFor()
  })
  // A second session, so the Sessions page shows a row with its "Sign out" button.
  await step('second session', async () => {
    const other = await newPage(browser, { locale: lang })
    await other.goto(`${ISSUER}/account`)
    await fill(other, 'username', email)
    await fill(other, 'password', NEW_PASSWORD)
    await submit(other, 'username')
    await other.locator('body.account').waitFor()
    await other.context().close()
  })
  for (const [path, name] of [['/account', 'account-profile'], ['/account/password', 'account-password'],
    ['/account/sessions', 'account-sessions'], ['/account/activity', 'account-activity'],
    ['/account/apps', 'account-applications'], ['/account/data', 'account-data']]) {
    await step(name, async () => {
      await page.goto(`${ISSUER}${path}`)
      await page.locator('body.account h2').first().waitFor()
      if (name === 'account-sessions') {
        assert(await page.locator('table button[aria-label]').count() === 1, 'no other session with its sign-out button')
      }
      await audit(page, lang, name)
    })
  }
  await step('logout confirmation', async () => {
    await page.goto(`${ISSUER}/end_session?client_id=${encodeURIComponent(env('E2E_CLIENT_ID'))}`)
    await page.locator('button[value=logout]').waitFor()
    await audit(page, lang, 'logout-confirm')
    await Promise.all([page.waitForNavigation(), page.locator('button[value=logout]').click()])
    await h1(page)
    assert(!(await page.locator('button[value=logout]').count()), 'still on the confirmation')
    await audit(page, lang, 'signed-out')
  })
  await step('error page', async () => {
    const res = await page.goto(`${ISSUER}/login?interaction=bogus`)
    assert(res.status() >= 400, `HTTP ${res.status()}`)
    await h1(page)
    await audit(page, lang, 'error')
  })
  await step('404 page', async () => {
    const res = await page.goto(`${ISSUER}/no-such-page`)
    assert(res.status() === 404, `HTTP ${res.status()}`)
    await h1(page)
    await audit(page, lang, 'not-found')
  })
  await page.context().close()
}

const PAGES = ['login', 'sign-up', 'check-email', 'forgot-password', 'confirm-email', 'email-verified',
  'forgot-password-sent', 'reset-password', 'reset-done', 'consent', 'account-profile', 'account-password',
  'account-sessions', 'account-activity', 'account-applications', 'account-data', 'logout-confirm',
  'signed-out', 'error', 'not-found']
try {
  for (const lang of LANGUAGES) {
    console.log(`e2e pages: ${lang}`)
    await walk(lang)
    // A page the walk did not reach counts as failed, so a shortened walk cannot pass.
    for (const name of PAGES) if (!seen.has(`${lang} ${name}`)) fail(`${lang} ${name}: checked`, 'page not reached')
  }
} finally {
  await browser.close()
  rp.close()
}
