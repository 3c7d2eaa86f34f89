// Telegram's login sends the browser back with the signed payload in the fragment
// (#tgAuthResult=<base64 JSON>), which never reaches the server: this page posts it, and the
// server checks its signature with the bot token.
(function () {
  'use strict'
  var form = document.getElementById('telegram-result')
  if (!form) return
  var missing = function () { document.getElementById('telegram-missing').hidden = false }
  var m = /tgAuthResult=([^&]+)/.exec(location.hash)
  if (!m) return missing()
  var data
  try {
    var b64 = decodeURIComponent(m[1]).replace(/-/g, '+').replace(/_/g, '/')
    b64 += '==='.slice((b64.length + 3) % 4)
    var bytes = Uint8Array.from(atob(b64), function (c) { return c.charCodeAt(0) })
    data = JSON.parse(new TextDecoder().decode(bytes))
  } catch (e) {
    return missing()
  }
  Object.keys(data).forEach(function (k) {
    var input = document.createElement('input')
    input.type = 'hidden'
    input.name = k
    input.value = String(data[k])
    form.appendChild(input)
  })
  // The payload is the user's: it does not stay in the address bar or the history.
  history.replaceState(null, '', location.pathname + location.search)
  form.submit()
})()
