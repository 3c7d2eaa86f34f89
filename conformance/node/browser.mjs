// A tiny browser stand-in: cookie jar, manual redirects and HTML form scraping.
// Drives Portcullis' hosted login and consent pages over plain HTTP and stops at
// the first redirect aimed at the client's redirect_uri (never requested itself).

import { readFileSync } from 'node:fs'

export const config = () => JSON.parse(readFileSync(process.env.CONFORMANCE_CONFIG, 'utf8'))

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" }
const decode = (s) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e) => {
    if (e[0] === '#') return String.fromCodePoint(e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
    return ENTITIES[e.toLowerCase()] ?? m
  })

function attrs(tag) {
  const out = {}
  const re = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g
  const body = tag.replace(/^<\s*\w+/, '').replace(/\/?>$/, '')
  for (const m of body.matchAll(re)) out[m[1].toLowerCase()] = decode(m[2] ?? m[3] ?? m[4] ?? '')
  return out
}

export function parseForms(html, baseUrl) {
  const forms = []
  for (const m of html.matchAll(/(<form\b[^>]*>)([\s\S]*?)<\/form\s*>/gi)) {
    const a = attrs(m[1])
    const form = { action: new URL(a.action || baseUrl, baseUrl).href, method: (a.method || 'get').toLowerCase(), inputs: [], buttons: [] }
    for (const t of m[2].matchAll(/<(input|button)\b[^>]*>/gi)) {
      const ta = attrs(t[0])
      const type = (ta.type || (t[1].toLowerCase() === 'button' ? 'submit' : 'text')).toLowerCase()
      const entry = { name: ta.name, type, value: ta.value ?? '' }
      if (t[1].toLowerCase() === 'button' || type === 'submit') form.buttons.push(entry)
      else form.inputs.push(entry)
    }
    forms.push(form)
  }
  return forms
}

export const hiddenFields = (form) =>
  Object.fromEntries(form.inputs.filter((i) => i.type === 'hidden' && i.name).map((i) => [i.name, i.value]))

export const sameEndpoint = (a, b) => {
  const x = new URL(a), y = new URL(b)
  return x.origin === y.origin && x.pathname === y.pathname
}

export class Browser {
  jar = new Map()

  async request(url, { method = 'GET', form } = {}) {
    const headers = { 'user-agent': 'portcullis-conformance/node', accept: 'text/html,*/*' }
    if (this.jar.size) headers.cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ')
    let body
    if (form) {
      body = new URLSearchParams(form).toString()
      headers['content-type'] = 'application/x-www-form-urlencoded'
    }
    const res = await fetch(url, { method, headers, body, redirect: 'manual' })
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attributes] = c.split(';')
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq).trim(), value = pair.slice(eq + 1).trim()
      const expired = attributes.some((a) => {
        const [k, v = ''] = a.trim().split('=')
        return (k.toLowerCase() === 'max-age' && Number(v) <= 0) || (k.toLowerCase() === 'expires' && Date.parse(v) < Date.now())
      })
      if (expired) this.jar.delete(name)
      else this.jar.set(name, value)
    }
    return { status: res.status, url, headers: res.headers, text: await res.text() }
  }
}

const describe = (r) => `HTTP ${r.status} at ${r.url}: ${JSON.stringify(r.text.slice(0, 300))}`

// An error carrying the response the flow stopped at and the form fields that led there.
const flowError = (message, response, sent = null) => Object.assign(new Error(message), { response, sent })

// The absolute targets of a page's <a href> links.
const links = (html, baseUrl) =>
  [...html.matchAll(/<a\b[^>]*>/gi)].map((m) => attrs(m[0]).href).filter(Boolean).map((h) => new URL(h, baseUrl).href)

// The hosted second-factor challenge, by the path its form posts to.
export const FACTOR_PAGE = '/login/factor'

// Follows redirects and fills login/consent forms until the authorization
// response addressed to redirectUri shows up. creds = [email, password] or null
// (then a login form is an error). Returns { url, params, events, mode }.
// On the second-factor challenge, `totp` (an Authenticator) types its code, or `recoveryCode` is
// typed after following the page's "Use a recovery code" link (events 'factor:<method>'). A page
// answering other than 200 or a redirect throws an error with that `response` and the fields
// `sent` to it. `method`/`form` start the flow by posting a form instead of a GET.
export async function drive(browser, url, redirectUri,
  { creds = null, consent = null, totp = null, recoveryCode = null, method = 'GET', form: startForm } = {}) {
  const events = []
  let sent = startForm ?? null
  let res = await browser.request(url, { method, form: startForm })
  for (let step = 0; step < 15; step++) {
    if (res.status >= 300 && res.status < 400) {
      const loc = res.headers.get('location')
      if (!loc) throw new Error(`redirect without Location: ${describe(res)}`)
      const next = new URL(loc, res.url)
      if (sameEndpoint(next.href, redirectUri)) {
        const params = Object.fromEntries([...next.searchParams, ...new URLSearchParams(next.hash.slice(1))])
        return { url: next.href, params, events, mode: next.hash ? 'fragment' : 'query' }
      }
      res = await browser.request(next.href)
      sent = null
      continue
    }
    if (res.status !== 200 || !(res.headers.get('content-type') || '').includes('html')) {
      throw flowError(`unexpected response: ${describe(res)}`, res, sent)
    }
    // Pages hold more than the step's form (cancel, "not you?", the language picker): take the
    // one a person would fill in, as they would.
    const forms = parseForms(res.text, res.url)
    const posted = forms.filter((f) => sameEndpoint(f.action, redirectUri))
    if (posted.length > 0 && forms.length !== 1) throw new Error(`a form_post page holds other forms: ${describe(res)}`)
    const form = posted[0] ||
      forms.find((f) => f.inputs.some((i) => i.name === 'password')) ||
      forms.find((f) => f.buttons.some((b) => b.name === 'decision' && b.value === 'allow')) ||
      forms.find((f) => new URL(f.action).pathname === FACTOR_PAGE)
    if (!form) throw new Error(`no login, consent, second-factor or form_post form: ${describe(res)}`)
    const fields = hiddenFields(form)
    if (posted.length > 0) return { url: form.action, params: fields, events, mode: 'form_post', form }
    if (form.inputs.some((i) => i.name === 'password')) {
      if (!creds) throw new Error(`login form shown but no credentials given (${res.url})`)
      if (events.includes('login')) throw new Error(`login form shown again after login: ${describe(res)}`)
      events.push('login')
      Object.assign(fields, { username: creds[0], password: creds[1] })
    } else if (form.buttons.some((b) => b.name === 'decision')) {
      if (!consent) throw new Error(`consent page shown but not expected (${res.url})`)
      events.push('consent')
      fields.decision = consent
    } else if (new URL(form.action).pathname === FACTOR_PAGE) {
      const shown = fields.method
      if (recoveryCode && shown !== 'recovery_code') {
        const link = links(res.text, res.url).find((h) => {
          const u = new URL(h)
          return u.pathname === FACTOR_PAGE && u.searchParams.get('method') === 'recovery_code'
        })
        if (!link) throw new Error(`no "Use a recovery code" link on the code page: ${describe(res)}`)
        res = await browser.request(link)
        sent = null
        continue
      }
      if (recoveryCode) fields.code = recoveryCode
      else if (totp && shown === 'totp') fields.code = await totp.code()
      else throw new Error(`code page (${shown}) shown but no such factor given (${res.url})`)
      events.push(`factor:${shown}`)
    } else {
      throw new Error(`unknown form page: ${describe(res)}`)
    }
    if (form.method !== 'post') throw new Error(`form method is ${form.method}, expected post (${res.url})`)
    sent = fields
    res = await browser.request(form.action, { method: 'POST', form: fields })
  }
  throw new Error(`too many steps, last: ${describe(res)}`)
}

// One PASS/FAIL line per check; a throwing check is a FAIL.
export function checks(prefix) {
  let failed = 0
  return {
    get failed() { return failed },
    async run(name, fn) {
      try {
        await fn()
        console.log(`PASS ${prefix} ${name}`)
      } catch (e) {
        failed++
        const extra = e.error ? ` (error=${e.error}${e.error_description ? `: ${e.error_description}` : ''})` : ''
        console.log(`FAIL ${prefix} ${name}: ${e.name && e.name !== 'Error' ? e.name + ': ' : ''}${e.message}${extra}`.replace(/\n/g, ' '))
      }
    },
  }
}
