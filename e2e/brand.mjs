// A server wearing an operator's brand ("Acme Cloud", #0b6e4f on #eef6f2, a logo, privacy and
// terms links; e2e/run starts it): the login page shows the logo and the name, never
// "Portcullis", buttons take the brand colour, the footer carries the links, and axe finds no
// serious or critical violation, in the light and the dark colour scheme. Screenshots of the
// German and Arabic login pages go to E2E_SCREENSHOTS (docs/screenshots) for the README.
//
// Env (set by e2e/run): E2E_ISSUER (the branded server), E2E_ARTIFACTS, E2E_SCREENSHOTS.

import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { assert, axe, check, env, h1, launch, newPage } from './lib.mjs'

const ISSUER = env('E2E_ISSUER').replace(/\/$/, '')
const ARTIFACTS = join(env('E2E_ARTIFACTS'), 'brand')
const DOCS = env('E2E_SCREENSHOTS')
const NAME = 'Acme Cloud'
mkdirSync(ARTIFACTS, { recursive: true })
mkdirSync(DOCS, { recursive: true })
const browser = await launch()

// The login page (the account's sign-in: no client needed), in `lang`.
async function loginPage(lang, scheme = 'light') {
  const page = await newPage(browser, { locale: lang, viewport: { width: 1280, height: 800 }, colorScheme: scheme })
  await page.goto(`${ISSUER}/account`)
  await page.locator('#username').waitFor()
  return page
}
const visibleText = (page) => page.evaluate(() => [document.title, document.body.innerText,
  ...[...document.querySelectorAll('[alt], [aria-label], [title]')].map((e) => `${e.getAttribute('alt') ?? ''} ${e.getAttribute('aria-label') ?? ''} ${e.getAttribute('title') ?? ''}`)].join('\n'))

try {
  const page = await loginPage('en')
  await check('brand: the logo loads from our origin, alt "Acme Cloud"', async () => {
    const logo = page.locator('.brand img')
    await logo.waitFor()
    await page.waitForFunction(() => document.querySelector('.brand img')?.complete)
    const { src, alt, width } = await logo.evaluate((img) => ({ src: img.src, alt: img.alt, width: img.naturalWidth }))
    assert(new URL(src).origin === ISSUER, `logo from ${src}`)
    assert(alt === NAME, `alt is ${JSON.stringify(alt)}`)
    assert(width > 0, 'the logo did not load (naturalWidth 0)')
  })
  await check('brand: the title ends with "Acme Cloud"', async () => {
    const title = await page.title()
    assert(title.endsWith(NAME), `title is ${JSON.stringify(title)}`)
  })
  await check('brand: a button has the brand colour rgb(11, 110, 79)', async () => {
    const bg = await page.locator('main button[type=submit]').first().evaluate((b) => getComputedStyle(b).backgroundColor)
    assert(bg === 'rgb(11, 110, 79)', `background-color is ${bg}`)
  })
  await check('brand: the footer links to the privacy and terms pages', async () => {
    const hrefs = await page.locator('footer a').evaluateAll((as) => as.map((a) => a.href))
    for (const h of ['https://acme.example/privacy', 'https://acme.example/terms']) {
      assert(hrefs.includes(h), `no footer link to ${h} (links: ${hrefs.join(', ') || 'none'})`)
    }
  })
  await check('brand: axe (light) on the login page', () => axe(page, 'brand login light'))
  await page.screenshot({ path: join(ARTIFACTS, 'login-en-light.png'), fullPage: true })

  // No page of the branded service names Portcullis.
  const pages = [['login', null], ['sign-up', 'a[href^="/register"]'], ['forgot-password', 'a[href^="/forgot-password"]']]
  for (const [name, link] of pages) {
    await check(`brand: no "Portcullis" on the ${name} page`, async () => {
      if (link) {
        await page.goto(`${ISSUER}/account`)
        await Promise.all([page.waitForNavigation(), page.locator(link).first().click()])
      }
      await h1(page)
      const text = await visibleText(page)
      assert(!/portcullis/i.test(text), `"Portcullis" in: ${text.replace(/\s+/g, ' ').slice(0, 120)}`)
    })
  }
  for (const [name, path, status] of [['error', '/login?interaction=bogus', 400], ['404', '/no-such-page', 404]]) {
    await check(`brand: no "Portcullis" on the ${name} page`, async () => {
      const res = await page.goto(`${ISSUER}${path}`)
      assert(res.status() >= status, `HTTP ${res.status()}`)
      await h1(page)
      const text = await visibleText(page)
      assert(!/portcullis/i.test(text), `"Portcullis" in: ${text.replace(/\s+/g, ' ').slice(0, 120)}`)
    })
  }
  await page.context().close()

  const dark = await loginPage('en', 'dark')
  await check('brand: axe (dark colour scheme) on the login page', async () => {
    assert(await dark.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches), 'the dark scheme is not in effect')
    await axe(dark, 'brand login dark')
  })
  await check('brand: links are readable in the dark colour scheme (contrast >= 4.5)', async () => {
    // Each link's colour against the nearest opaque background behind it.
    const low = await dark.evaluate(() => {
      const rgb = (s) => (s.match(/[\d.]+/g) ?? []).map(Number)
      const lum = ([r, g, b]) => [r, g, b].map((c) => { c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4 })
        .reduce((a, c, i) => a + c * [0.2126, 0.7152, 0.0722][i], 0)
      const out = []
      for (const a of document.querySelectorAll('a, button.link')) {
        let bg = null
        for (let e = a; e && !bg; e = e.parentElement) {
          const c = rgb(getComputedStyle(e).backgroundColor)
          if (c.length === 3 || c[3] > 0.99) bg = c
        }
        bg ??= rgb(getComputedStyle(document.body).backgroundColor)
        const [l1, l2] = [lum(rgb(getComputedStyle(a).color)), lum(bg)]
        const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05)
        if (ratio < 4.5) out.push(`"${a.textContent.trim()}" ${ratio.toFixed(2)}:1`)
      }
      return out
    })
    assert(low.length === 0, low.join(', '))
  })
  await dark.screenshot({ path: join(ARTIFACTS, 'login-en-dark.png'), fullPage: true })
  await dark.context().close()

  for (const lang of ['de', 'ar']) {
    await check(`brand: the ${lang} login page (screenshot docs/screenshots/branded-login-${lang}.png)`, async () => {
      const p = await loginPage(lang)
      const l = await p.evaluate(() => document.documentElement.lang)
      assert(l === lang, `<html lang="${l}">`)
      assert(!/portcullis/i.test(await visibleText(p)), '"Portcullis" on the page')
      await axe(p, `brand login ${lang}`)
      await p.waitForFunction(() => document.querySelector('.brand img')?.complete)
      await p.screenshot({ path: join(DOCS, `branded-login-${lang}.png`) })
      await p.context().close()
    })
  }
} finally {
  await browser.close()
}
