// The user's authenticator app, played by otpauth with the key pyotp enrolled on the account
// pages (python/totp_enrolment.py): the server's codes, pyotp's and otpauth's are three TOTP
// implementations that must agree. Portcullis takes each code once (RFC 6238 §5.2), so the app
// remembers the last 30 s step it gave a code for and waits for the next step before another.

import { readFileSync } from 'node:fs'
import * as OTPAuth from 'otpauth'

const PERIOD = 30 // SHA-1, 6 digits, 30 s: the parameters Portcullis shows its keys with

export class Authenticator {
  constructor({ secret, last_step: lastStep = null, recovery_codes: recoveryCodes = [] }) {
    this.totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: PERIOD })
    this.lastStep = lastStep
    this.recoveryCodes = recoveryCodes
    this.lastCode = null
  }

  // The current code, once the step of the last one given is over (a wait of up to 30 s).
  async code() {
    let now = Date.now() / 1000
    if (this.lastStep !== null && Math.floor(now / PERIOD) <= this.lastStep) {
      await new Promise((r) => setTimeout(r, ((this.lastStep + 1) * PERIOD - now) * 1000 + 50))
      now = Date.now() / 1000
    }
    const step = Math.floor(now / PERIOD)
    this.lastStep = step
    this.lastCode = this.totp.generate({ timestamp: step * PERIOD * 1000 })
    return this.lastCode
  }
}

// The authenticator the python pyotp part enrolled for `user` (a key of the config's users).
export function enrolled(user) {
  let all
  try {
    all = JSON.parse(readFileSync(process.env.CONFORMANCE_AUTHENTICATORS, 'utf8'))
  } catch (e) {
    throw new Error(`no authenticators from the pyotp part (${e.code ?? e.message})`)
  }
  if (!all[user]) throw new Error(`the pyotp part enrolled no authenticator for ${user}`)
  return new Authenticator(all[user])
}
