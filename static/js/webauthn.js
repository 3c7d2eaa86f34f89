// Passkeys and security keys (WebAuthn) on the hosted pages. The server sends the options of a
// ceremony as JSON (binary members in base64url) with a ceremony id; the browser's answer goes
// back in the hidden fields of the page's form, which is then submitted like any other, so the
// server answers with a page. Three forms use it, marked with data attributes:
//   data-passkey-login     the login page: the "Sign in with a passkey" button and autofill
//   data-webauthn-factor   the challenge after the password: a key as the second factor
//   data-webauthn-register the account page: adding a passkey or a security key
'use strict';

(function () {
  if (!window.PublicKeyCredential || !navigator.credentials) return;

  function fromB64url(s) {
    const b64 = s.replace(/-/g, '+').replace(/_/g, '/');
    const bin = atob(b64 + '==='.slice((b64.length + 3) % 4));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0)).buffer;
  }

  function toB64url(buf) {
    let bin = '';
    for (const b of new Uint8Array(buf)) bin += String.fromCharCode(b);
    return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function creationOptions(pk) {
    pk.challenge = fromB64url(pk.challenge);
    pk.user.id = fromB64url(pk.user.id);
    for (const c of pk.excludeCredentials || []) c.id = fromB64url(c.id);
    return pk;
  }

  function requestOptions(pk) {
    pk.challenge = fromB64url(pk.challenge);
    for (const c of pk.allowCredentials || []) c.id = fromB64url(c.id);
    return pk;
  }

  // The credential as webauthn-rs reads it (the shape of PublicKeyCredential.toJSON()).
  function credentialJSON(cred) {
    const r = cred.response;
    const response = { clientDataJSON: toB64url(r.clientDataJSON) };
    if (r.attestationObject) {
      response.attestationObject = toB64url(r.attestationObject);
      if (r.getTransports) response.transports = r.getTransports();
    } else {
      response.authenticatorData = toB64url(r.authenticatorData);
      response.signature = toB64url(r.signature);
      if (r.userHandle) response.userHandle = toB64url(r.userHandle);
    }
    return {
      id: cred.id,
      rawId: toB64url(cred.rawId),
      type: cred.type,
      response,
      extensions: cred.getClientExtensionResults ? cred.getClientExtensionResults() : {},
    };
  }

  // Asks the server for a ceremony's options, posting the form's hidden fields and `extra`.
  async function begin(form, extra) {
    const body = new URLSearchParams();
    for (const input of form.querySelectorAll('input[type=hidden]')) body.append(input.name, input.value);
    for (const [k, v] of Object.entries(extra || {})) body.set(k, v);
    const res = await fetch(form.dataset.options, {
      method: 'POST',
      body,
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    });
    const answer = await res.json().catch(() => ({}));
    if (answer.redirect) {
      window.location.assign(answer.redirect);
      return null;
    }
    if (!res.ok || !answer.options) throw new Error(answer.error || 'no options');
    return answer;
  }

  function finish(form, ceremony, cred) {
    form.elements.ceremony.value = ceremony;
    form.elements.credential.value = JSON.stringify(credentialJSON(cred));
    form.submit();
  }

  function fail(form, err) {
    if (err && err.name === 'AbortError') return;
    const box = document.getElementById(form.dataset.error);
    if (box) {
      box.hidden = false;
      box.focus();
    }
  }

  function reveal(form) {
    for (const el of form.querySelectorAll('[data-needs-webauthn]')) el.hidden = false;
  }

  // Sign in with a passkey: the button (a modal ceremony) and autofill (a conditional one,
  // started at once and aborted when the button is pressed).
  function passkeyLogin(form) {
    reveal(form);
    let conditional = null;
    async function run(mediation) {
      const answer = await begin(form);
      if (!answer) return;
      const publicKey = requestOptions(answer.options.publicKey);
      const request = { publicKey };
      if (mediation) {
        conditional = new AbortController();
        request.mediation = mediation;
        request.signal = conditional.signal;
      }
      const cred = await navigator.credentials.get(request);
      if (cred) finish(form, answer.ceremony, cred);
    }
    const button = form.querySelector('#passkey-signin');
    button.addEventListener('click', () => {
      if (conditional) conditional.abort();
      conditional = null;
      run(null).catch((e) => fail(form, e));
    });
    if (PublicKeyCredential.isConditionalMediationAvailable) {
      PublicKeyCredential.isConditionalMediationAvailable().then((ok) => {
        if (ok) run('conditional').catch((e) => fail(form, e));
      });
    }
  }

  function webauthnFactor(form) {
    reveal(form);
    form.querySelector('#webauthn-factor').addEventListener('click', () => {
      (async () => {
        const answer = await begin(form);
        if (!answer) return;
        const cred = await navigator.credentials.get({ publicKey: requestOptions(answer.options.publicKey) });
        if (cred) finish(form, answer.ceremony, cred);
      })().catch((e) => fail(form, e));
    });
  }

  function webauthnRegister(form) {
    reveal(form);
    for (const button of form.querySelectorAll('button[data-kind]')) {
      button.addEventListener('click', () => {
        (async () => {
          form.elements.kind.value = button.dataset.kind;
          const answer = await begin(form);
          if (!answer) return;
          const cred = await navigator.credentials.create({ publicKey: creationOptions(answer.options.publicKey) });
          if (cred) finish(form, answer.ceremony, cred);
        })().catch((e) => fail(form, e));
      });
    }
  }

  for (const form of document.querySelectorAll('form[data-passkey-login]')) passkeyLogin(form);
  for (const form of document.querySelectorAll('form[data-webauthn-factor]')) webauthnFactor(form);
  for (const form of document.querySelectorAll('form[data-webauthn-register]')) webauthnRegister(form);
})();
